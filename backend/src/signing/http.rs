//! The HTTP client of the outside services signing relies on: the configured timestamp authority
//! and the CRL distribution points of certificates the school does not issue.

use hocba_pdf::PdfError;
use std::time::Duration;

/// One client for the process, so its connections are kept open between requests (a document
/// takes three timestamps); never dropped, as a blocking client must not be dropped inside the
/// async runtime. Used from blocking threads only.
pub fn client() -> Result<&'static reqwest::blocking::Client, reqwest::Error> {
    static CLIENT: std::sync::OnceLock<reqwest::blocking::Client> = std::sync::OnceLock::new();
    if let Some(client) = CLIENT.get() {
        return Ok(client);
    }
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(20))
        .pool_idle_timeout(Duration::from_secs(50))
        .tcp_nodelay(true)
        .build()?;
    Ok(CLIENT.get_or_init(|| client))
}

/// `GET url`: the body of a successful answer.
pub fn get(url: &str) -> Result<Vec<u8>, PdfError> {
    let err = |e: reqwest::Error| PdfError::Certificate(format!("{url}: {e}"));
    let answer = client().map_err(err)?.get(url).send().map_err(err)?;
    if !answer.status().is_success() {
        return Err(PdfError::Certificate(format!("{url} answered {}", answer.status())));
    }
    Ok(answer.bytes().map_err(err)?.to_vec())
}
