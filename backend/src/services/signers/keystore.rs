//! The school's signing keystore in the database: the trusted CAs (`signing_cas`) and the signers'
//! certificates (`signer_certificates`) with their encrypted private keys, or none when the key stays
//! on a USB token. A person has at most one active (not revoked) certificate per role, and the school
//! one seal (a partial unique index on both databases).

use super::readiness::check_validity;
use crate::auth::extractor::parse_roles;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now};
pub use crate::db::models::{SignerCertificate, SigningCa};
use crate::db::schema::{schools, signer_certificates, signing_cas, users};
use crate::services::audit;
use crate::signing::{role_label, Signer, SigningError, SigningSecret};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hocba_core::api::documents::SignerRole;
use hocba_core::api::Role;
use hocba_pdf::{CertificateInfo, KeyKind, Pkcs12Bundle, SigningIdentity, TestCa};

/// Validity of the test certificates of `hocba keys init`, in days.
pub const TEST_CERTIFICATE_DAYS: u32 = 5 * 365;

/// The active certificate of a role (and person), and the most recently revoked one.
pub fn certificates_of(
    conn: &mut AnyConnection,
    school_id: &str,
    role: SignerRole,
    user_id: Option<&str>,
) -> Result<(Option<SignerCertificate>, Option<SignerCertificate>), SigningError> {
    let mut q = signer_certificates::table
        .filter(signer_certificates::school_id.eq(school_id))
        .filter(signer_certificates::role.eq(role.code()))
        .into_boxed();
    q = match user_id {
        Some(u) => q.filter(signer_certificates::user_id.eq(u.to_string())),
        None => q.filter(signer_certificates::user_id.is_null()),
    };
    let rows: Vec<SignerCertificate> =
        q.order(signer_certificates::created_at.desc()).select(SignerCertificate::as_select()).load(conn)?;
    let active = rows.iter().find(|r| r.revoked_at.is_none()).cloned();
    let revoked = rows.into_iter().filter(|r| r.revoked_at.is_some()).max_by_key(|r| r.revoked_at);
    Ok((active, revoked))
}

/// The school's name, or the person's full name.
fn signer_name(
    conn: &mut AnyConnection,
    school_id: &str,
    role: SignerRole,
    user_id: Option<&str>,
) -> Result<String, SigningError> {
    Ok(match (role, user_id) {
        (SignerRole::Seal, _) | (_, None) => school_name(conn, school_id)?,
        (_, Some(user)) => users::table
            .filter(users::id.eq(user))
            .filter(users::school_id.eq(school_id))
            .select(users::full_name)
            .first(conn)
            .optional()?
            .unwrap_or_else(|| user.to_string()),
    })
}

/// The signer of `role` (the person `user_id`; `None` for the seal) at time `at`, checked: a
/// certificate exists, is not revoked and is valid at `at`; a key on the server is decrypted and
/// must belong to the certificate.
pub fn signer_for(
    conn: &mut AnyConnection,
    secret: &SigningSecret,
    school_id: &str,
    role: SignerRole,
    user_id: Option<&str>,
    at: DateTime<Utc>,
) -> Result<Signer, SigningError> {
    let user_id = if role == SignerRole::Seal { None } else { user_id };
    let (active, revoked) = certificates_of(conn, school_id, role, user_id)?;
    let name = signer_name(conn, school_id, role, user_id)?;
    let cert = check_validity(role, &name, active.as_ref(), revoked.as_ref(), at.naive_utc())?;
    match &cert.key_enc {
        None => Ok(Signer::Token {
            cert_pem: cert.cert_pem.clone(),
            chain_pem: cert.chain_pem.clone(),
            holder: cert.holder.clone(),
        }),
        Some(enc) => {
            let key = secret.decrypt(school_id, enc)?;
            let id = SigningIdentity::from_parts(&key, &cert.cert_pem, &cert.chain_pem)
                .map_err(|e| SigningError::Damaged(format!("{} ({}): {e}", cert.holder, cert.id)))?;
            Ok(Signer::Software(id))
        }
    }
}

/// Opens every stored private key (CAs and active certificates, all schools) with `secret`:
/// answers how many, or [`SigningError::WrongSecret`] when the setting does not match the keys.
pub fn check_secret(conn: &mut AnyConnection, secret: &SigningSecret) -> Result<usize, SigningError> {
    let cas: Vec<(String, Option<String>)> =
        signing_cas::table.select((signing_cas::school_id, signing_cas::key_enc)).load(conn)?;
    let certs: Vec<(String, Option<String>)> = signer_certificates::table
        .filter(signer_certificates::revoked_at.is_null())
        .select((signer_certificates::school_id, signer_certificates::key_enc))
        .load(conn)?;
    let mut n = 0;
    for (school_id, enc) in cas.into_iter().chain(certs) {
        if let Some(enc) = enc {
            secret.decrypt(&school_id, &enc)?;
            n += 1;
        }
    }
    Ok(n)
}

/// The PEM certificates of the CAs the school trusts (test CAs included: their certificates say so).
pub fn trusted_cas(conn: &mut AnyConnection, school_id: &str) -> Result<Vec<String>, SigningError> {
    Ok(signing_cas::table
        .filter(signing_cas::school_id.eq(school_id))
        .order(signing_cas::created_at.asc())
        .select(signing_cas::cert_pem)
        .load(conn)?)
}

/// The school (id, name) with the code `code` (mã trường, `--school`), else the first one.
pub fn school(conn: &mut AnyConnection, code: Option<&str>) -> Result<(String, String), SigningError> {
    let found = match code {
        Some(code) => schools::table
            .filter(schools::code.eq(code))
            .select((schools::id, schools::name))
            .first(conn)
            .optional()?
            .ok_or_else(|| SigningError::console(format!("Không có trường nào mã {code} trong cơ sở dữ liệu.")))?,
        None => schools::table
            .order(schools::created_at.asc())
            .select((schools::id, schools::name))
            .first(conn)
            .optional()?
            .ok_or_else(|| SigningError::console("Chưa có trường nào trong cơ sở dữ liệu (chạy hocba serve trước)."))?,
    };
    Ok(found)
}

fn school_name(conn: &mut AnyConnection, school_id: &str) -> Result<String, SigningError> {
    Ok(schools::table.find(school_id).select(schools::name).first(conn)?)
}

/// An active staff member who holds a signing role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffSigner {
    pub user_id: String,
    pub username: String,
    pub full_name: String,
    pub role: SignerRole,
}

/// The active staff who sign: every teacher (role teacher) and every principal, sorted by name.
pub fn staff_signers(conn: &mut AnyConnection, school_id: &str) -> Result<Vec<StaffSigner>, SigningError> {
    let rows: Vec<(String, String, String, String, String)> = users::table
        .filter(users::school_id.eq(school_id))
        .filter(users::active.eq(true))
        .order((users::full_name.asc(), users::username.asc()))
        .select((users::id, users::username, users::full_name, users::role, users::roles))
        .load(conn)?;
    let mut out = Vec::new();
    for signer_role in [SignerRole::Teacher, SignerRole::Principal] {
        let role = match signer_role {
            SignerRole::Teacher => Role::Teacher,
            _ => Role::Principal,
        };
        for (id, username, full_name, primary, roles) in &rows {
            let Ok((_, held)) = parse_roles(primary, roles) else { continue };
            if held.contains(&role) {
                out.push(StaffSigner {
                    user_id: id.clone(),
                    username: username.clone(),
                    full_name: full_name.clone(),
                    role: signer_role,
                });
            }
        }
    }
    Ok(out)
}

/// What `hocba keys init` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitReport {
    /// The demo CA was created now.
    pub created_ca: bool,
    /// The test certificates issued now: (role, holder).
    pub issued: Vec<(SignerRole, String)>,
}

/// `hocba keys init` (and the demo school): the demo CA of the school when it has none, then a test
/// certificate for the seal and for every principal and teacher who lack an active one. Idempotent.
/// With the server's public address, each certificate names where the CA's CRL is published
/// (`<public_url>/api/schools/<id>/crl`, its CRL distribution point).
pub fn init_test_keys(
    conn: &mut AnyConnection,
    secret: &SigningSecret,
    school_id: &str,
    public_url: Option<&str>,
) -> Result<InitReport, SigningError> {
    let crl_url = public_url.map(|base| format!("{}/api/schools/{school_id}/crl", base.trim_end_matches('/')));
    let mut report = InitReport::default();
    let school = school_name(conn, school_id)?;
    let stored: Option<SigningCa> = signing_cas::table
        .filter(signing_cas::school_id.eq(school_id))
        .filter(signing_cas::is_test.eq(true))
        .filter(signing_cas::key_enc.is_not_null())
        .order(signing_cas::created_at.asc())
        .select(SigningCa::as_select())
        .first(conn)
        .optional()?;
    let ca = match stored {
        Some(row) => {
            let key = secret.decrypt(school_id, row.key_enc.as_deref().unwrap_or_default())?;
            TestCa::from_parts(&row.cert_pem, &key).map_err(|e| SigningError::Damaged(format!("{}: {e}", row.name)))?
        }
        None => {
            let ca = TestCa::create(&school).map_err(damaged)?;
            let key = ca.key_pkcs8_der().map_err(damaged)?;
            diesel::insert_into(signing_cas::table)
                .values(&SigningCa {
                    id: new_id(),
                    school_id: school_id.to_string(),
                    name: TestCa::NAME.to_string(),
                    cert_pem: ca.certificate_pem(),
                    key_enc: Some(secret.encrypt(school_id, &key)?),
                    is_test: true,
                    created_at: now(),
                })
                .execute(conn)?;
            report.created_ca = true;
            ca
        }
    };
    // O = the school; the seal's CN is "<school> (TEST)" within the 64 characters of a CN.
    let org: String = school.chars().take(64).collect();
    let seal_cn = format!("{} (TEST)", school.chars().take(57).collect::<String>().trim_end());
    let mut wanted: Vec<(SignerRole, Option<String>, String)> = vec![(SignerRole::Seal, None, seal_cn)];
    for s in staff_signers(conn, school_id)? {
        wanted.push((s.role, Some(s.user_id), s.full_name));
    }
    for (role, user_id, cn) in wanted {
        let (active, _) = certificates_of(conn, school_id, role, user_id.as_deref())?;
        if active.is_some() {
            continue;
        }
        let id = ca.issue_with_crl(&cn, &org, TEST_CERTIFICATE_DAYS, crl_url.as_deref()).map_err(damaged)?;
        let key = id.key_pkcs8_der().map_err(damaged)?;
        let info = CertificateInfo::from_pem(&id.signer_certificate_pem()).map_err(damaged)?;
        let row =
            new_row(school_id, role, user_id, &info, id.chain_pem(), Some(secret.encrypt(school_id, &key)?), true);
        diesel::insert_into(signer_certificates::table).values(&row).execute(conn)?;
        report.issued.push((role, info.holder));
    }
    Ok(report)
}

fn damaged(e: hocba_pdf::PdfError) -> SigningError {
    SigningError::Damaged(e.to_string())
}

fn new_row(
    school_id: &str,
    role: SignerRole,
    user_id: Option<String>,
    info: &CertificateInfo,
    chain_pem: String,
    key_enc: Option<String>,
    is_test: bool,
) -> SignerCertificate {
    SignerCertificate {
        id: new_id(),
        school_id: school_id.to_string(),
        role: role.code().to_string(),
        user_id,
        holder: info.holder.clone(),
        issuer: info.issuer.clone(),
        serial: info.serial.clone(),
        not_before: info.not_before.naive_utc(),
        not_after: info.not_after.naive_utc(),
        cert_pem: info.pem.clone(),
        chain_pem,
        on_token: key_enc.is_none(),
        key_enc,
        is_test,
        revoked_at: None,
        revoked_reason: None,
        created_at: now(),
    }
}

/// The staff member a certificate is for: `--user USERNAME`, who must be active and hold the role;
/// none for the seal.
fn holder_user(
    conn: &mut AnyConnection,
    school_id: &str,
    role: SignerRole,
    username: Option<&str>,
) -> Result<Option<String>, SigningError> {
    match (role, username) {
        (SignerRole::Seal, None) => Ok(None),
        (SignerRole::Seal, Some(_)) => {
            Err(SigningError::console("Chứng thư con dấu là của trường: không dùng --user với --role seal."))
        }
        (_, None) => Err(SigningError::console(format!(
            "Cần --user TÊN_ĐĂNG_NHẬP: chứng thư {} thuộc về một người.",
            role_label(role)
        ))),
        (_, Some(name)) => {
            let signers = staff_signers(conn, school_id)?;
            match signers.iter().find(|s| s.username == name && s.role == role) {
                Some(s) => Ok(Some(s.user_id.clone())),
                None => Err(SigningError::console(format!(
                    "Không có tài khoản đang hoạt động \"{name}\" với vai trò {}.",
                    role_label(role)
                ))),
            }
        }
    }
}

/// Makes room for a new certificate of (role, person): a test certificate in the way is revoked;
/// a real one must be revoked by hand first.
fn replace_active(
    conn: &mut AnyConnection,
    school_id: &str,
    role: SignerRole,
    user_id: Option<&str>,
    new_holder: &str,
) -> Result<(), SigningError> {
    let (active, _) = certificates_of(conn, school_id, role, user_id)?;
    let Some(old) = active else { return Ok(()) };
    if !old.is_test {
        return Err(SigningError::console(format!(
            "{} ({}) đã có chứng thư đang dùng (ID {}, hết hạn {}). Thu hồi trước: hocba keys revoke {} --reason \"…\"",
            old.holder,
            role_label(role),
            old.id,
            crate::signing::vn_date(old.not_after),
            old.id
        )));
    }
    revoke(conn, school_id, &old.id, &format!("Thay bằng chứng thư thật của {new_holder}"))?;
    Ok(())
}

/// Adds the top of a chain (its root when the chain carries it) to the trusted CAs, once.
fn trust_root(conn: &mut AnyConnection, school_id: &str, chain: &[CertificateInfo]) -> Result<(), SigningError> {
    let Some(root) = chain.last() else { return Ok(()) };
    let known: i64 = signing_cas::table
        .filter(signing_cas::school_id.eq(school_id))
        .filter(signing_cas::cert_pem.eq(&root.pem))
        .count()
        .get_result(conn)?;
    if known == 0 {
        diesel::insert_into(signing_cas::table)
            .values(&SigningCa {
                id: new_id(),
                school_id: school_id.to_string(),
                name: root.holder.clone(),
                cert_pem: root.pem.clone(),
                key_enc: None,
                is_test: false,
                created_at: now(),
            })
            .execute(conn)?;
    }
    Ok(())
}

/// Checks a certificate to store for signing: not a CA, valid now, with an issuer chain.
fn check_new_certificate(
    cert: &CertificateInfo,
    chain: &[CertificateInfo],
    at: DateTime<Utc>,
) -> Result<(), SigningError> {
    if cert.is_ca {
        return Err(SigningError::console(format!("\"{}\" là chứng thư của CA, không dùng để kí.", cert.holder)));
    }
    if cert.not_after < at {
        return Err(SigningError::console(format!(
            "Chứng thư của {} đã hết hạn ngày {}.",
            cert.holder,
            crate::signing::vn_date(cert.not_after.naive_utc())
        )));
    }
    if chain.is_empty() {
        return Err(SigningError::console(format!(
            "Không có chứng thư của CA đã cấp cho {} (\"{}\"): thêm --ca TỆP.pem.",
            cert.holder, cert.issuer
        )));
    }
    Ok(())
}

fn chain_text(chain: &[CertificateInfo]) -> String {
    chain.iter().map(|c| c.pem.as_str()).collect()
}

/// `hocba keys import FILE.p12`: stores the key (encrypted), its certificate and chain for `role`
/// (and the person `username`), and trusts the chain's root. `extra_cas` completes a chain the file
/// does not carry. Only ECDSA P-256 keys.
pub fn import_pkcs12(
    conn: &mut AnyConnection,
    secret: &SigningSecret,
    school_id: &str,
    role: SignerRole,
    username: Option<&str>,
    bundle: &Pkcs12Bundle,
    extra_cas: &[CertificateInfo],
) -> Result<SignerCertificate, SigningError> {
    match bundle.key_kind {
        KeyKind::P256 => {}
        KeyKind::Rsa => {
            return Err(SigningError::console(
                "Khoá trong tệp là khoá RSA: hocba chưa hỗ trợ khoá RSA, chỉ khoá ECDSA P-256.",
            ))
        }
        KeyKind::Other => {
            return Err(SigningError::console("Loại khoá trong tệp chưa được hỗ trợ: chỉ khoá ECDSA P-256."))
        }
    }
    let user_id = holder_user(conn, school_id, role, username)?;
    let mut pool = bundle.chain.clone();
    pool.extend(extra_cas.iter().cloned());
    let chain = bundle.certificate.issuer_path(&pool);
    check_new_certificate(&bundle.certificate, &chain, Utc::now())?;
    let chain_pem = chain_text(&chain);
    SigningIdentity::from_parts(&bundle.key_pkcs8_der, &bundle.certificate.pem, &chain_pem)
        .map_err(|e| SigningError::console(format!("Khoá và chứng thư trong tệp không khớp nhau: {e}")))?;
    replace_active(conn, school_id, role, user_id.as_deref(), &bundle.certificate.holder)?;
    trust_root(conn, school_id, &chain)?;
    let key_enc = secret.encrypt(school_id, &bundle.key_pkcs8_der)?;
    let row = new_row(school_id, role, user_id, &bundle.certificate, chain_pem, Some(key_enc), false);
    diesel::insert_into(signer_certificates::table).values(&row).execute(conn)?;
    audit_event(conn, &row, "signing_key.import")?;
    Ok(row)
}

/// `hocba keys register-token`: a certificate whose key stays on a USB token. `pem` holds the
/// certificate, optionally followed by its issuers; `extra_cas` completes the chain.
pub fn register_token(
    conn: &mut AnyConnection,
    school_id: &str,
    role: SignerRole,
    username: Option<&str>,
    pem: &str,
    extra_cas: &[CertificateInfo],
) -> Result<SignerCertificate, SigningError> {
    let mut certs = CertificateInfo::all_from_pem(pem)
        .map_err(|e| SigningError::console(format!("Không đọc được chứng thư (PEM): {e}")))?;
    if certs.is_empty() {
        return Err(SigningError::console("Tệp không chứa chứng thư nào (PEM)."));
    }
    let cert = certs.remove(0);
    if cert.key_kind != KeyKind::P256 {
        return Err(SigningError::console(
            "Chứng thư không dùng khoá ECDSA P-256: hocba chưa hỗ trợ khoá RSA hay loại khoá khác.",
        ));
    }
    let user_id = holder_user(conn, school_id, role, username)?;
    certs.extend(extra_cas.iter().cloned());
    let chain = cert.issuer_path(&certs);
    check_new_certificate(&cert, &chain, Utc::now())?;
    replace_active(conn, school_id, role, user_id.as_deref(), &cert.holder)?;
    trust_root(conn, school_id, &chain)?;
    let row = new_row(school_id, role, user_id, &cert, chain_text(&chain), None, false);
    diesel::insert_into(signer_certificates::table).values(&row).execute(conn)?;
    audit_event(conn, &row, "signing_key.register_token")?;
    Ok(row)
}

fn audit_event(conn: &mut AnyConnection, row: &SignerCertificate, action: &str) -> Result<(), SigningError> {
    audit::append(
        conn,
        audit::Event {
            school_id: &row.school_id,
            actor_id: None,
            action,
            entity: "signer_certificate",
            entity_id: &row.id,
            detail: serde_json::json!({
                "role": row.role, "user_id": row.user_id, "holder": row.holder, "issuer": row.issuer,
                "serial": row.serial, "on_token": row.on_token, "revoked_reason": row.revoked_reason,
            }),
        },
    )
    .map_err(|e| SigningError::Damaged(format!("audit: {e}")))
}

/// `hocba keys revoke ID --reason TEXT`: the certificate can no longer sign. Like every writing
/// function here, run it inside a transaction (`Db::write`): it appends to the audit log.
pub fn revoke(
    conn: &mut AnyConnection,
    school_id: &str,
    id: &str,
    reason: &str,
) -> Result<SignerCertificate, SigningError> {
    let reason = hocba_core::text::clean(reason);
    if reason.is_empty() {
        return Err(SigningError::console("Cần ghi lí do thu hồi (--reason)."));
    }
    let row: Option<SignerCertificate> = signer_certificates::table
        .filter(signer_certificates::school_id.eq(school_id))
        .filter(signer_certificates::id.eq(id))
        .select(SignerCertificate::as_select())
        .first(conn)
        .optional()?;
    let row = row.ok_or_else(|| SigningError::console(format!("Không có chứng thư với ID {id}.")))?;
    if let Some(at) = row.revoked_at {
        return Err(SigningError::console(format!(
            "Chứng thư {} đã bị thu hồi ngày {}.",
            row.holder,
            crate::signing::vn_date(at)
        )));
    }
    let at = now();
    diesel::update(signer_certificates::table.find(&row.id))
        .set((signer_certificates::revoked_at.eq(Some(at)), signer_certificates::revoked_reason.eq(Some(&reason))))
        .execute(conn)?;
    let row = SignerCertificate { revoked_at: Some(at), revoked_reason: Some(reason), ..row };
    audit_event(conn, &row, "signing_key.revoke")?;
    Ok(row)
}

/// A stored certificate with the name of its person (the school for the seal).
#[derive(Debug, Clone)]
pub struct Listed {
    pub certificate: SignerCertificate,
    pub username: Option<String>,
    pub person: String,
}

/// Every certificate of the school (revoked ones too): by role, then person, newest first.
pub fn list(conn: &mut AnyConnection, school_id: &str) -> Result<Vec<Listed>, SigningError> {
    let school = school_name(conn, school_id)?;
    let rows: Vec<SignerCertificate> = signer_certificates::table
        .filter(signer_certificates::school_id.eq(school_id))
        .order(signer_certificates::created_at.desc())
        .select(SignerCertificate::as_select())
        .load(conn)?;
    let people: Vec<(String, String, String)> = users::table
        .filter(users::school_id.eq(school_id))
        .select((users::id, users::username, users::full_name))
        .load(conn)?;
    let mut out: Vec<Listed> = rows
        .into_iter()
        .map(|c| {
            let person = c.user_id.as_ref().and_then(|u| people.iter().find(|(id, _, _)| id == u));
            Listed {
                username: person.map(|(_, u, _)| u.clone()),
                person: person.map(|(_, _, n)| n.clone()).unwrap_or_else(|| school.clone()),
                certificate: c,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        let rank = |l: &Listed| l.certificate.signer_role();
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.person.cmp(&b.person))
            .then_with(|| b.certificate.created_at.cmp(&a.certificate.created_at))
    });
    Ok(out)
}
