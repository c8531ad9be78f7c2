//! Timestamps (RFC 3161): the HTTP client of the configured timestamp authority (`tsa_url`), and
//! `hocba tsa serve`, a small timestamp authority of the project's own for tests and trials (its
//! certificate comes from its own test CA, written to `<data>/tsa-ca.pem` for verifiers).

use actix_web::{web, App, HttpResponse, HttpServer};
use hocba_pdf::tsa::{respond, TimestampAuthority};
use hocba_pdf::{PdfError, SigningIdentity, TestCa};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A timestamp authority reached over HTTP (`application/timestamp-query`).
#[derive(Debug, Clone)]
pub struct HttpTsa {
    pub url: String,
}

impl TimestampAuthority for HttpTsa {
    fn respond(&self, request: &[u8]) -> Result<Vec<u8>, PdfError> {
        let err = |e: reqwest::Error| PdfError::Timestamp(format!("{}: {e}", self.url));
        let client = reqwest::blocking::Client::builder().timeout(Duration::from_secs(20)).build().map_err(err)?;
        let answer = client
            .post(&self.url)
            .header("Content-Type", "application/timestamp-query")
            .body(request.to_vec())
            .send()
            .map_err(err)?;
        if !answer.status().is_success() {
            return Err(PdfError::Timestamp(format!("{} answered {}", self.url, answer.status())));
        }
        Ok(answer.bytes().map_err(err)?.to_vec())
    }
}

/// hocba's own timestamp authority.
pub struct LocalTsa {
    identity: SigningIdentity,
    ca_pem: String,
    serial: AtomicU64,
}

impl LocalTsa {
    /// A fresh test CA and timestamping certificate (valid for a year).
    pub fn create() -> Result<LocalTsa, PdfError> {
        let ca = TestCa::create("hocba TSA")?;
        let identity = ca.issue_time_stamping("hocba TEST TSA (not for real use)", 365)?;
        let start = u64::try_from(chrono::Utc::now().timestamp_micros()).unwrap_or(1);
        Ok(LocalTsa { identity, ca_pem: ca.certificate_pem(), serial: AtomicU64::new(start) })
    }

    /// The CA certificate a verifier must trust for this TSA's timestamps (PEM).
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// The DER answer to a DER request.
    pub fn answer(&self, request: &[u8]) -> Vec<u8> {
        let serial = self.serial.fetch_add(1, Ordering::Relaxed);
        respond(request, &self.identity, serial, chrono::Utc::now())
    }
}

async fn timestamp(tsa: web::Data<LocalTsa>, body: web::Bytes) -> HttpResponse {
    let tsa = tsa.into_inner();
    match web::block(move || tsa.answer(&body)).await {
        Ok(answer) => HttpResponse::Ok().content_type("application/timestamp-reply").body(answer),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

/// An HTTP server answering timestamp requests at `/` on `listener`.
pub fn server(tsa: LocalTsa, listener: std::net::TcpListener) -> std::io::Result<actix_web::dev::Server> {
    let tsa = web::Data::new(tsa);
    Ok(HttpServer::new(move || App::new().app_data(tsa.clone()).route("/", web::post().to(timestamp)))
        .workers(1)
        .listen(listener)?
        .run())
}
