//! `hocba sign`: run on the signer's own computer where their USB token is plugged in. Logs in to
//! the school's server, fetches the documents waiting for the signer's signature
//! (`GET /api/signing/pending`), signs them all on the token in one session (the PIN is asked once)
//! and uploads the signatures (`POST /api/signing/pending/{id}`); the server embeds them and lets
//! the remaining signers (the seal) sign.

use crate::signing::pkcs11::{find_key, PinState, Token, TokenSigner};
use anyhow::{anyhow, bail, Context};
use base64::Engine;
use hocba_core::api::documents::{DocumentKind, IssuedDocument, PendingSignature};
use std::path::PathBuf;
use x509_cert::Certificate;

/// The account password, for scripts (else asked without echo).
pub const PASSWORD_ENV: &str = "HOCBA_PASSWORD";
/// The token PIN, for scripts (else asked without echo).
pub const PIN_ENV: &str = "HOCBA_TOKEN_PIN";

/// The options of `hocba sign`.
#[derive(Debug, Clone)]
pub struct SignOptions {
    /// The school's server, e.g. `https://hocba.truong.example`.
    pub server: String,
    pub user: String,
    pub module: PathBuf,
    /// The PKCS#11 slot ID; `None`: the only token plugged in.
    pub slot: Option<u64>,
    pub key_label: Option<String>,
}

/// A secret from `env`, else asked without echo on a terminal, else one line of standard input.
fn secret(env: &str, prompt: &str) -> anyhow::Result<String> {
    if let Ok(v) = std::env::var(env) {
        return Ok(v);
    }
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        return Ok(rpassword::prompt_password(prompt)?);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// The server's error message (`{"error": {"message"}}`), else the status.
fn api_error(response: reqwest::blocking::Response) -> anyhow::Error {
    let status = response.status();
    let body: serde_json::Value = response.json().unwrap_or_default();
    match body["error"]["message"].as_str() {
        Some(message) => anyhow!("{message} (HTTP {})", status.as_u16()),
        None => anyhow!("máy chủ trả lời HTTP {}", status.as_u16()),
    }
}

struct Api {
    http: reqwest::blocking::Client,
    base: String,
    token: String,
}

impl Api {
    fn login(server: &str, user: &str, password: &str) -> anyhow::Result<Api> {
        let http = reqwest::blocking::Client::builder()
            .timeout(std::time::Duration::from_secs(120))
            .build()
            .context("không tạo được kết nối HTTP")?;
        let base = server.trim_end_matches('/').to_string();
        let response = http
            .post(format!("{base}/api/auth/login"))
            .json(&serde_json::json!({ "username": user, "password": password }))
            .send()
            .with_context(|| format!("không kết nối được máy chủ {base}"))?;
        if !response.status().is_success() {
            return Err(api_error(response).context("Đăng nhập không thành công"));
        }
        let body: serde_json::Value = response.json().context("máy chủ trả lời không đúng định dạng")?;
        let token = body["token"].as_str().ok_or_else(|| anyhow!("máy chủ không trả phiên đăng nhập"))?.to_string();
        Ok(Api { http, base, token })
    }

    fn pending(&self) -> anyhow::Result<Vec<PendingSignature>> {
        let response = self
            .http
            .get(format!("{}/api/signing/pending", self.base))
            .bearer_auth(&self.token)
            .send()
            .context("không lấy được danh sách tài liệu chờ kí")?;
        if !response.status().is_success() {
            return Err(api_error(response).context("Không lấy được danh sách tài liệu chờ kí"));
        }
        response.json().context("danh sách tài liệu chờ kí không đúng định dạng")
    }

    fn upload(&self, id: &str, cms: &[u8]) -> anyhow::Result<IssuedDocument> {
        let body = serde_json::json!({ "cms": base64::engine::general_purpose::STANDARD.encode(cms) });
        let response = self
            .http
            .post(format!("{}/api/signing/pending/{id}", self.base))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .context("không gửi được chữ kí")?;
        if !response.status().is_success() {
            return Err(api_error(response));
        }
        response.json().context("máy chủ trả lời không đúng định dạng")
    }

    fn logout(&self) {
        let _ = self.http.post(format!("{}/api/auth/logout", self.base)).bearer_auth(&self.token).send();
    }
}

/// What a pending document is, for people: "Nguyễn Văn An — học bạ năm học 2024-2025".
fn describe(p: &PendingSignature) -> String {
    match (p.kind, &p.school_year) {
        (DocumentKind::YearlyRecord, Some(year)) => format!("{} — học bạ năm học {year}", p.pupil_name),
        _ => format!("{} — học bạ (bản bàn giao)", p.pupil_name),
    }
}

fn certificates(pem: &str) -> anyhow::Result<Vec<Certificate>> {
    Certificate::load_pem_chain(pem.as_bytes()).map_err(|e| anyhow!("chứng thư từ máy chủ không đọc được: {e}"))
}

fn digest_bytes(hex_digest: &str) -> anyhow::Result<Vec<u8>> {
    let bytes = hex::decode(hex_digest).map_err(|_| anyhow!("mã băm từ máy chủ không hợp lệ"))?;
    if bytes.len() != 32 {
        bail!("mã băm từ máy chủ không phải SHA-256");
    }
    Ok(bytes)
}

/// `hocba sign …`: answers an error when anything was not signed.
pub fn run(options: &SignOptions) -> anyhow::Result<()> {
    // The token first: a missing module, slot or a locked token stops before any password.
    let token = Token::open(&options.module, options.slot)?;
    if token.pin_state()? == PinState::Locked {
        return Err(crate::signing::pkcs11::TokenError::Locked.into());
    }
    println!("Token: \"{}\" (khe {})", token.label, token.slot_id());

    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"];
    if options.server.starts_with("http://") && !local.iter().any(|l| options.server.starts_with(l)) {
        eprintln!(
            "Cảnh báo: kết nối http:// không được mã hoá; mật khẩu và chữ kí đi qua mạng ở dạng rõ. Nên dùng https://."
        );
    }
    let password = secret(PASSWORD_ENV, &format!("Mật khẩu tài khoản {}: ", options.user))?;
    let api = Api::login(&options.server, &options.user, &password)?;
    let result = sign_all(&api, &token, options);
    api.logout();
    result
}

fn sign_all(api: &Api, token: &Token, options: &SignOptions) -> anyhow::Result<()> {
    let pending = api.pending()?;
    if pending.is_empty() {
        println!("Không có tài liệu nào chờ bạn kí.");
        return Ok(());
    }
    println!("Sẽ kí {} tài liệu bằng USB token:", pending.len());
    for p in &pending {
        println!("  - {}", describe(p));
    }

    // Read the PIN state before asking: warn when the token reports few tries left.
    let state = token.pin_state()?;
    if let Some(warning) = state.warning() {
        eprintln!("{warning}");
    }
    let pin = secret(PIN_ENV, &format!("Mã PIN của token \"{}\": ", token.label))?;
    let session = token.login(pin)?;

    let mut signed = 0;
    let mut failed = Vec::new();
    let mut issued = 0;
    for p in &pending {
        let outcome = (|| -> anyhow::Result<IssuedDocument> {
            let mut chain = certificates(&p.chain_pem)?;
            let certificate = certificates(&p.certificate_pem)?
                .into_iter()
                .next()
                .ok_or_else(|| anyhow!("máy chủ không gửi chứng thư"))?;
            chain.retain(|c| *c != certificate);
            let key = find_key(&session, &certificate, options.key_label.as_deref())?;
            let signer = TokenSigner { session: &session, key, certificate, chain };
            let digest = digest_bytes(&p.digest)?;
            let cms = hocba_pdf::cms::sign_digest(&digest, &signer).map_err(|e| anyhow!("{e}"))?;
            // Never upload a signature the server would refuse: the key must belong to the certificate.
            let checked = hocba_pdf::cms::check_detached(&cms, &digest).map_err(|e| anyhow!("{e}"))?;
            if !checked.signature_valid {
                bail!("khoá trên token không khớp với chứng thư đã đăng kí cho bạn (chọn khoá khác bằng --key-label)");
            }
            api.upload(&p.id, &cms)
        })();
        match outcome {
            Ok(doc) => {
                signed += 1;
                let state = if doc.pending.is_empty() {
                    issued += 1;
                    "đã kí, tài liệu đã hoàn tất"
                } else {
                    "đã kí, còn chờ người kí khác"
                };
                println!("  ✓ {}: {state}", describe(p));
            }
            Err(e) => {
                eprintln!("  ✗ {}: {e:#}", describe(p));
                failed.push(describe(p));
            }
        }
    }
    let _ = session.logout();
    println!("Đã kí {signed}/{} tài liệu ({issued} tài liệu đã hoàn tất).", pending.len());
    if failed.is_empty() {
        Ok(())
    } else {
        bail!("Chưa kí được {} tài liệu: {}", failed.len(), failed.join("; "))
    }
}
