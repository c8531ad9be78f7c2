//! The signed học bạ PDF: render from the template, then sign with the school's key.

use hocba_core::transcript::Transcript;
use hocba_pdf::{sign_pdf, PdfError, Renderer, SigningIdentity};

pub struct Documents {
    renderer: Renderer,
    identity: SigningIdentity,
}

impl Documents {
    pub fn new(renderer: Renderer, identity: SigningIdentity) -> Self {
        Documents { renderer, identity }
    }

    /// Renders and signs (CPU work: call off the async workers).
    pub fn signed_transcript(&self, t: &Transcript) -> Result<Vec<u8>, PdfError> {
        let now = chrono::Utc::now();
        let pdf = self.renderer.render(t, now)?;
        sign_pdf(&pdf, &self.identity, now, "Học bạ điện tử do nhà trường cấp")
    }
}
