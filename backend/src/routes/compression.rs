//! Compressed API answers for slow links: JSON, XML, CSV and PEM are sent with brotli or gzip
//! when the client accepts it (actix-web's `Compress`); files that are compressed already — PDF,
//! ZIP, XLSX, DER, images — are sent as they are, not compressed a second time for nothing.
//!
//! `Compress` leaves alone an answer that already names a `Content-Encoding`: [`keep_as_is`],
//! inside it, marks the files that must not be compressed with `identity`, and [`unmark`], outside
//! it, takes the mark away again.

use actix_web::dev::ServiceResponse;
use actix_web::http::header::{HeaderValue, CONTENT_ENCODING, CONTENT_TYPE};

/// Whether an answer of this type gains from compression.
pub fn compressible(content_type: &str) -> bool {
    let t = content_type.trim().to_ascii_lowercase();
    t.starts_with("application/json")
        || t.starts_with("text/")
        || t.starts_with("application/xml")
        || t.starts_with("application/x-pem-file")
        || t.contains("+json")
        || t.contains("+xml")
}

/// Inside `Compress`: marks an answer that must not be compressed.
pub fn keep_as_is<B>(res: &mut ServiceResponse<B>) {
    let content_type = res.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if !content_type.is_empty() && !compressible(content_type) && !res.headers().contains_key(CONTENT_ENCODING) {
        res.headers_mut().insert(CONTENT_ENCODING, HeaderValue::from_static("identity"));
    }
}

/// Outside `Compress`: removes the mark of [`keep_as_is`].
pub fn unmark<B>(res: &mut ServiceResponse<B>) {
    if res.headers().get(CONTENT_ENCODING).is_some_and(|v| v == "identity") {
        res.headers_mut().remove(CONTENT_ENCODING);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_compressed() {
        for t in ["application/json", "text/csv; charset=utf-8", "application/xml", "application/x-pem-file"] {
            assert!(compressible(t), "{t}");
        }
        for t in [
            "application/pdf",
            "application/zip",
            "application/pkix-crl",
            "image/png",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/pkcs7-signature",
        ] {
            assert!(!compressible(t), "{t}");
        }
    }
}
