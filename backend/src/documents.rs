//! What issuing documents shares across requests: the renderer (template and fonts parsed once)
//! and the public address of the verification page.

use hocba_pdf::Renderer;

pub struct Documents {
    pub renderer: Renderer,
    /// The server's public base URL (`https://truong.example`), printed in verification links; when
    /// unset, the address the client used is taken.
    pub public_url: Option<String>,
}

impl Documents {
    pub fn new(renderer: Renderer, public_url: Option<String>) -> Self {
        Documents { renderer, public_url }
    }
}
