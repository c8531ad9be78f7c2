//! Timestamps (RFC 3161): the HTTP client of the configured timestamp authority (`tsa_url`), and
//! hocba's own test timestamp authority: run in the process by `serve --demo` (so a new user sees
//! long-term documents at once) and over HTTP by `hocba tsa serve`, for tests and trials. Its
//! certificate comes from its own test CA, which also issues the CRL embedded with its timestamps.

use actix_web::{web, App, HttpResponse, HttpServer};
use hocba_pdf::tsa::{respond, TimestampAuthority};
use hocba_pdf::{PdfError, SigningIdentity, TestCa};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Where signatures and documents get their timestamps from.
pub enum Timestamper {
    /// The configured authority (`tsa_url`).
    Http(HttpTsa),
    /// hocba's own test authority, in the process (`serve --demo` without `tsa_url`).
    Local(Box<LocalTsa>),
}

impl TimestampAuthority for Timestamper {
    fn respond(&self, request: &[u8]) -> Result<Vec<u8>, PdfError> {
        match self {
            Timestamper::Http(http) => http.respond(request),
            Timestamper::Local(local) => Ok(local.answer(request)),
        }
    }
}

impl Timestamper {
    /// Bytes to reserve for a signature carrying one of its tokens (the local authority's tokens
    /// are small; another authority's chain may be long).
    pub fn reserve(&self) -> usize {
        match self {
            Timestamper::Http(_) => hocba_pdf::tsa::TIMESTAMPED_RESERVE,
            Timestamper::Local(_) => hocba_pdf::SIGNATURE_RESERVE,
        }
    }

    /// The revocation lists of the authority's certificates that hocba holds itself (DER), to embed
    /// with its timestamps. Another authority's are fetched from the CRL distribution points of its
    /// certificates when the document's validation data is added (`signing::crl_fetch`).
    pub fn crls(&self) -> Result<Vec<Vec<u8>>, PdfError> {
        match self {
            Timestamper::Http(_) => Ok(Vec::new()),
            Timestamper::Local(local) => Ok(vec![local.crl()?]),
        }
    }
}

/// A timestamp authority reached over HTTP (`application/timestamp-query`).
#[derive(Debug, Clone)]
pub struct HttpTsa {
    pub url: String,
}

impl TimestampAuthority for HttpTsa {
    fn respond(&self, request: &[u8]) -> Result<Vec<u8>, PdfError> {
        let err = |e: reqwest::Error| PdfError::Timestamp(format!("{}: {e}", self.url));
        let answer = super::http::client()
            .map_err(err)?
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
    ca: TestCa,
    ca_pem: String,
    serial: AtomicU64,
}

/// Validity of the test authority's certificate: longer than the signers' (5 years), as a real
/// authority's, so its timestamps still prove the signing times after the signers' expire.
const TSA_CERTIFICATE_DAYS: u32 = 8 * 365;
/// How long a CRL of the test authority's CA is current.
const CRL_DAYS: i64 = 7;

const CA_CERT: &str = "ca.crt.pem";
const CA_KEY: &str = "ca.key.der";
const TSA_CERT: &str = "tsa.crt.pem";
const TSA_KEY: &str = "tsa.key.der";

impl LocalTsa {
    /// A fresh test CA and timestamping certificate.
    pub fn create() -> Result<LocalTsa, PdfError> {
        LocalTsa::create_with_crl(None)
    }

    /// [`LocalTsa::create`], its certificate naming where its CA's CRL is published (`hocba tsa
    /// serve` names its own `/crl`, so a server using it as `tsa_url` fetches the CRL from there).
    pub fn create_with_crl(crl_url: Option<&str>) -> Result<LocalTsa, PdfError> {
        let ca = TestCa::create("hocba TSA")?;
        let name = "hocba TEST TSA (not for real use)";
        let identity = ca.issue_time_stamping_with_crl(name, TSA_CERTIFICATE_DAYS, crl_url)?;
        Ok(LocalTsa::of(ca, identity))
    }

    fn of(ca: TestCa, identity: SigningIdentity) -> LocalTsa {
        let start = u64::try_from(chrono::Utc::now().timestamp_micros()).unwrap_or(1);
        LocalTsa { identity, ca_pem: ca.certificate_pem(), ca, serial: AtomicU64::new(start) }
    }

    /// The authority kept in `dir` (its CA and its own certificate with their keys, the keys
    /// readable only by the owner), created there on first use: documents timestamped before a
    /// restart keep verifying against the same CA.
    pub fn load_or_create(dir: &Path) -> anyhow::Result<LocalTsa> {
        let path = |name: &str| dir.join(name);
        if path(CA_CERT).exists() {
            let ca = TestCa::from_parts(&std::fs::read_to_string(path(CA_CERT))?, &std::fs::read(path(CA_KEY))?)?;
            let identity = SigningIdentity::from_parts(
                &std::fs::read(path(TSA_KEY))?,
                &std::fs::read_to_string(path(TSA_CERT))?,
                &ca.certificate_pem(),
            )?;
            return Ok(LocalTsa::of(ca, identity));
        }
        let tsa = LocalTsa::create()?;
        std::fs::create_dir_all(dir)?;
        crate::fsutil::write_private(&path(CA_KEY), &tsa.ca.key_pkcs8_der()?)?;
        crate::fsutil::write_private(&path(TSA_KEY), &tsa.identity.key_pkcs8_der()?)?;
        std::fs::write(path(TSA_CERT), tsa.identity.signer_certificate_pem())?;
        // Written last: its presence means the set is complete.
        std::fs::write(path(CA_CERT), &tsa.ca_pem)?;
        Ok(tsa)
    }

    /// The CA certificate (PEM) of the authority kept in `dir`, if one is.
    pub fn stored_ca_pem(dir: &Path) -> Option<String> {
        std::fs::read_to_string(dir.join(CA_CERT)).ok()
    }

    /// The current CRL of the authority's CA (nothing revoked), DER.
    pub fn crl(&self) -> Result<Vec<u8>, PdfError> {
        self.crl_at(chrono::Utc::now())
    }

    /// The CRL its CA issues at `at` (what a verifier would fetch then), DER.
    pub fn crl_at(&self, at: chrono::DateTime<chrono::Utc>) -> Result<Vec<u8>, PdfError> {
        let number = u64::try_from(at.timestamp()).unwrap_or(1);
        self.ca.crl(&[], number, at, at + chrono::Duration::days(CRL_DAYS))
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

async fn ca(tsa: web::Data<LocalTsa>) -> HttpResponse {
    HttpResponse::Ok().content_type("application/x-pem-file").body(tsa.ca_pem().to_string())
}

async fn crl(tsa: web::Data<LocalTsa>) -> HttpResponse {
    match tsa.crl() {
        Ok(der) => HttpResponse::Ok().content_type("application/pkix-crl").body(der),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

/// An HTTP server on `listener` answering timestamp requests at `POST /`, with its CA certificate
/// at `GET /ca.pem` and the CA's current revocation list at `GET /crl`.
pub fn server(tsa: LocalTsa, listener: std::net::TcpListener) -> std::io::Result<actix_web::dev::Server> {
    let tsa = web::Data::new(tsa);
    Ok(HttpServer::new(move || {
        App::new()
            .app_data(tsa.clone())
            .route("/", web::post().to(timestamp))
            .route("/ca.pem", web::get().to(ca))
            .route("/crl", web::get().to(crl))
    })
    .workers(1)
    .listen(listener)?
    .run())
}
