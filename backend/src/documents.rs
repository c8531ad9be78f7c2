//! What issuing documents shares across requests: the renderer (template and fonts parsed once),
//! the public address of the verification page and the timestamp authority.

use crate::signing::tsa::HttpTsa;
use hocba_pdf::Renderer;

pub struct Documents {
    pub renderer: Renderer,
    /// The server's public base URL (`https://truong.example`), printed in verification links; when
    /// unset, the address the client used is taken.
    pub public_url: Option<String>,
    /// When set, every signature gets an RFC 3161 timestamp (PAdES B-T).
    pub tsa: Option<HttpTsa>,
}
