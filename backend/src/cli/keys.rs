//! The console side of `hocba keys …`: reading files and the PKCS#12 password, printing tables.

use crate::db::Db;
use crate::services::signers::keystore::{self, Listed};
use crate::signing::{role_label, vn_date, SigningError, SigningSecret};
use hocba_core::api::documents::SignerRole;
use hocba_pdf::CertificateInfo;
use std::path::Path;

/// The environment variable holding the PKCS#12 password (else it is asked for).
pub const P12_PASSWORD_ENV: &str = "HOCBA_P12_PASSWORD";

/// `--role` of `hocba keys import` and `register-token`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoleArg {
    /// Homeroom teacher (giáo viên chủ nhiệm).
    Teacher,
    /// Principal (hiệu trưởng).
    Principal,
    /// The school's organisational certificate (con dấu).
    Seal,
}

impl From<RoleArg> for SignerRole {
    fn from(r: RoleArg) -> SignerRole {
        match r {
            RoleArg::Teacher => SignerRole::Teacher,
            RoleArg::Principal => SignerRole::Principal,
            RoleArg::Seal => SignerRole::Seal,
        }
    }
}

fn err(e: SigningError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

/// `hocba keys init` (with `public_url` set, the certificates name the CRL's address).
pub fn init(db: &Db, school: Option<&str>, secret: &SigningSecret, public_url: Option<&str>) -> anyhow::Result<()> {
    let public_url = public_url.map(str::trim).filter(|u| !u.is_empty());
    let report = db.write(|c| {
        let (school_id, _) = keystore::school(c, school)?;
        keystore::init_test_keys(c, secret, &school_id, public_url)
    });
    let report = report.map_err(err)?;
    if report.created_ca {
        println!("Đã tạo CA thử nghiệm \"{}\" (không dùng cho hồ sơ thật).", hocba_pdf::TestCa::NAME);
    }
    if report.issued.is_empty() {
        println!("Không tạo gì mới: mọi người kí đều đã có chứng thư.");
    } else {
        println!("Đã cấp {} chứng thư thử nghiệm:", report.issued.len());
        for (role, holder) in &report.issued {
            println!("  {} — {holder}", role_label(*role));
        }
    }
    println!();
    list(db, school)
}

/// Reads `--ca FILE.pem` (one or more certificates).
fn read_cas(path: Option<&Path>) -> anyhow::Result<Vec<CertificateInfo>> {
    let Some(path) = path else { return Ok(Vec::new()) };
    let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("không đọc được {}: {e}", path.display()))?;
    CertificateInfo::all_from_pem(&text)
        .map_err(|e| anyhow::anyhow!("{}: không phải chứng thư PEM: {e}", path.display()))
}

/// The PKCS#12 password: `HOCBA_P12_PASSWORD`, else asked without echo on a terminal, else one
/// line of standard input.
fn p12_password() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var(P12_PASSWORD_ENV) {
        return Ok(p);
    }
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        return Ok(rpassword::prompt_password("Mật khẩu của tệp .p12: ")?);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// `hocba keys import FILE.p12 --role … [--user …] [--ca FILE.pem]`
pub fn import(
    db: &Db,
    school: Option<&str>,
    secret: &SigningSecret,
    file: &Path,
    role: RoleArg,
    user: Option<&str>,
    ca: Option<&Path>,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("không đọc được {}: {e}", file.display()))?;
    let extra = read_cas(ca)?;
    let password = p12_password()?;
    let bundle = hocba_pdf::read_pkcs12(&bytes, &password).map_err(|e| match e {
        hocba_pdf::Pkcs12Error::WrongPassword => {
            anyhow::anyhow!("Sai mật khẩu của tệp {} (hoặc tệp bị hỏng).", file.display())
        }
        hocba_pdf::Pkcs12Error::NoKey => anyhow::anyhow!("Tệp {} không chứa khoá riêng kèm chứng thư.", file.display()),
        hocba_pdf::Pkcs12Error::Invalid(why) => {
            anyhow::anyhow!("{} không phải tệp PKCS#12 hợp lệ: {why}", file.display())
        }
    })?;
    let row = db
        .write(|c| {
            let (school_id, _) = keystore::school(c, school)?;
            keystore::import_pkcs12(c, secret, &school_id, role.into(), user, &bundle, &extra)
        })
        .map_err(err)?;
    println!(
        "Đã nhập chứng thư của {} ({}), cấp bởi {}, hiệu lực đến {}. ID: {}",
        row.holder,
        role_label(SignerRole::from(role)),
        row.issuer,
        vn_date(row.not_after),
        row.id
    );
    Ok(())
}

/// `hocba keys register-token --role … --user … --cert FILE.pem [--ca FILE.pem]`
pub fn register_token(
    db: &Db,
    school: Option<&str>,
    role: RoleArg,
    user: Option<&str>,
    cert: &Path,
    ca: Option<&Path>,
) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(cert).map_err(|e| anyhow::anyhow!("không đọc được {}: {e}", cert.display()))?;
    let extra = read_cas(ca)?;
    let row = db
        .write(|c| {
            let (school_id, _) = keystore::school(c, school)?;
            keystore::register_token(c, &school_id, role.into(), user, &text, &extra)
        })
        .map_err(err)?;
    println!(
        "Đã đăng kí chứng thư trên USB token của {} ({}), hiệu lực đến {}. ID: {}",
        row.holder,
        role_label(SignerRole::from(role)),
        vn_date(row.not_after),
        row.id
    );
    Ok(())
}

/// `hocba keys revoke ID --reason TEXT`
pub fn revoke(db: &Db, school: Option<&str>, id: &str, reason: &str) -> anyhow::Result<()> {
    let row = db
        .write(|c| {
            let (school_id, _) = keystore::school(c, school)?;
            keystore::revoke(c, &school_id, id, reason)
        })
        .map_err(err)?;
    println!("Đã thu hồi chứng thư của {} (ID {}).", row.holder, row.id);
    Ok(())
}

fn status(l: &Listed, now: chrono::NaiveDateTime) -> String {
    let c = &l.certificate;
    if let Some(at) = c.revoked_at {
        return format!("thu hồi {}", vn_date(at));
    }
    if now < c.not_before {
        return "chưa hiệu lực".into();
    }
    if now > c.not_after {
        return "hết hạn".into();
    }
    "đang dùng".into()
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// Prints the table of certificates.
pub fn print_table(rows: &[Listed]) {
    if rows.is_empty() {
        println!("Chưa có chứng thư nào (chạy hocba keys init để tạo chứng thư thử nghiệm).");
        return;
    }
    let now = crate::db::models::now();
    let header = ["ID", "Vai trò", "Người kí", "Chủ thể (CN)", "Cấp bởi", "Hết hạn", "Khoá", "Trạng thái"];
    let lines: Vec<[String; 8]> = rows
        .iter()
        .map(|l| {
            let c = &l.certificate;
            let role = c.signer_role().map(role_label).unwrap_or_else(|| "?".to_string());
            let person = match &l.username {
                Some(u) => format!("{} ({u})", l.person),
                None => l.person.clone(),
            };
            let key = if c.on_token { "USB token" } else { "máy chủ" };
            let mut state = status(l, now);
            if c.is_test {
                state.push_str(", THỬ NGHIỆM");
            }
            [c.id.clone(), role, person, c.holder.clone(), c.issuer.clone(), vn_date(c.not_after), key.into(), state]
        })
        .collect();
    let widths: Vec<usize> = (0..8)
        .map(|i| lines.iter().map(|l| l[i].chars().count()).chain([header[i].chars().count()]).max().unwrap_or(0))
        .collect();
    let row = |cells: Vec<String>| {
        cells.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect::<Vec<_>>().join("  ").trim_end().to_string()
    };
    println!("{}", row(header.iter().map(|h| h.to_string()).collect()));
    for l in lines {
        println!("{}", row(l.to_vec()));
    }
}

/// `hocba keys list`
pub fn list(db: &Db, school: Option<&str>) -> anyhow::Result<()> {
    let rows = db
        .read(|c| {
            let (school_id, _) = keystore::school(c, school)?;
            keystore::list(c, &school_id)
        })
        .map_err(err)?;
    print_table(&rows);
    Ok(())
}

/// `hocba keys trust-ca FILE.pem`: trusts another CA (a school pupils transfer from, a public CA).
pub fn trust_ca(db: &Db, school: Option<&str>, file: &Path) -> anyhow::Result<()> {
    let pem = std::fs::read_to_string(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let ca = db
        .write(|c| {
            let (school_id, _) = keystore::school(c, school)?;
            crate::services::signers::trusted::trust(c, &school_id, None, &pem)
        })
        .map_err(|e: crate::error::AppError| anyhow::anyhow!("{}", e.user_message()))?;
    println!("Đã tin cậy CA «{}» (vân tay SHA-256 {}).", ca.name, ca.fingerprint);
    Ok(())
}
