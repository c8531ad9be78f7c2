//! What issuing documents shares across requests: the renderer (template and fonts parsed once),
//! the public address of the verification page and the timestamp authority.

use crate::error::AppError;
use crate::signing::tsa::Timestamper;
use hocba_core::api::documents::SigningSetup;
use hocba_pdf::Renderer;

pub struct Documents {
    pub renderer: Renderer,
    /// The server's public base URL (`https://truong.example`), printed in verification links and
    /// QR codes; issuing refuses to run without it (never taken from a request's `Host`).
    pub public_url: Option<String>,
    /// When set, every signature gets an RFC 3161 timestamp and every finished document a document
    /// timestamp (PAdES B-LTA).
    pub tsa: Option<Timestamper>,
}

impl Documents {
    /// The configured public address without a trailing `/`, or 409 `public_url_missing` naming the
    /// setting: what is printed into a signed document must never come from a request.
    pub fn public_base(&self) -> Result<String, AppError> {
        self.public_url
            .as_deref()
            .map(|u| u.trim().trim_end_matches('/').to_string())
            .filter(|u| !u.is_empty())
            .ok_or_else(|| AppError::conflict("public_url_missing", crate::messages::PUBLIC_URL_MISSING))
    }

    /// The CA certificates (PEM) trusted for timestamps only: that of hocba's own test authority
    /// when it runs in the process (another authority's CA is trusted like any CA, by the school).
    pub fn timestamp_roots(&self) -> Vec<String> {
        match &self.tsa {
            Some(Timestamper::Local(local)) => vec![local.ca_pem().to_string()],
            _ => Vec::new(),
        }
    }

    /// The public address and timestamp authority documents are issued with, and what is missing
    /// (worded in `lang`).
    pub fn setup(&self, lang: hocba_core::Lang) -> SigningSetup {
        let public_url = self.public_base().ok();
        let mut problems = Vec::new();
        if public_url.is_none() {
            problems.push(crate::messages::PUBLIC_URL_MISSING.get(lang).to_string());
        }
        let timestamp_authority = match &self.tsa {
            Some(Timestamper::Http(_)) => Some("configured"),
            Some(Timestamper::Local(_)) => {
                problems.push(crate::messages::TEST_TIMESTAMP_AUTHORITY.get(lang).to_string());
                Some("test")
            }
            None => {
                problems.push(crate::messages::NO_TIMESTAMP_AUTHORITY.get(lang).to_string());
                None
            }
        };
        SigningSetup { public_url, timestamp_authority: timestamp_authority.map(str::to_string), problems }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuing_needs_the_configured_public_address() {
        let documents = |url: Option<&str>| Documents {
            renderer: Renderer::new().expect("renderer"),
            public_url: url.map(str::to_string),
            tsa: None,
        };
        assert_eq!(
            documents(Some(" https://hocba.truong.edu.vn/ ")).public_base().ok().as_deref(),
            Some("https://hocba.truong.edu.vn")
        );
        for missing in [None, Some(""), Some("  ")] {
            let refused = documents(missing).public_base();
            assert!(
                matches!(&refused, Err(AppError::Conflict { code: "public_url_missing", message }) if message.vi().contains("public_url")),
                "{refused:?}"
            );
            // The signing page says so, with the missing timestamp authority.
            let setup = documents(missing).setup(hocba_core::Lang::Vi);
            assert!(setup.public_url.is_none() && setup.timestamp_authority.is_none());
            assert_eq!(setup.problems.len(), 2);
            assert!(setup.problems[0].contains("public_url") && setup.problems[1].contains("tsa_url"));
        }
        let setup = documents(Some("https://hocba.truong.edu.vn")).setup(hocba_core::Lang::Vi);
        assert_eq!(setup.public_url.as_deref(), Some("https://hocba.truong.edu.vn"));
    }
}
