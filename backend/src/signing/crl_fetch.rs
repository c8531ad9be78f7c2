//! Revocation lists of certificates the school does not issue (an outside timestamp authority's, a
//! public CA's signer on a USB token), fetched from their CRL distribution points when a document
//! gets its validation data, and kept until their next update is near.

use chrono::{DateTime, Duration, Utc};
use hocba_pdf::ltv::CrlSource;
use hocba_pdf::PdfError;
use std::collections::HashMap;
use std::sync::Mutex;

/// A CRL is fetched again this long before its next update (or after this long when it names none).
const REFRESH_BEFORE: Duration = Duration::hours(1);

/// A fetched CRL (DER) and when to fetch it again.
type Held = (Vec<u8>, DateTime<Utc>);

/// Fetched CRLs by address.
#[derive(Default)]
pub struct CrlCache {
    held: Mutex<HashMap<String, Held>>,
}

impl CrlCache {
    /// The process's cache, over HTTP.
    pub fn shared() -> &'static CrlCache {
        static CACHE: std::sync::OnceLock<CrlCache> = std::sync::OnceLock::new();
        CACHE.get_or_init(CrlCache::default)
    }

    fn held(&self, url: &str, now: DateTime<Utc>) -> Option<Vec<u8>> {
        let held = self.held.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        held.get(url).filter(|(_, refresh)| *refresh > now).map(|(der, _)| der.clone())
    }
}

impl CrlSource for CrlCache {
    fn fetch(&self, url: &str) -> Result<Vec<u8>, PdfError> {
        let now = Utc::now();
        if let Some(der) = self.held(url, now) {
            return Ok(der);
        }
        let der = super::http::get(url)?;
        let next = hocba_pdf::crl_issuer(&der)
            .ok_or_else(|| PdfError::Certificate(format!("{url}: not a CRL")))?
            .1
            .unwrap_or(now + REFRESH_BEFORE + REFRESH_BEFORE);
        let mut held = self.held.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        held.insert(url.to_string(), (der.clone(), next - REFRESH_BEFORE));
        Ok(der)
    }
}
