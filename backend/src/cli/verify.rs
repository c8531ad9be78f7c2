//! `hocba verify FILE.pdf`: checks a học bạ offline, against the CAs of a school's data folder
//! (`--data DIR`) or given certificates (`--ca FILE`), and prints the verdict in Vietnamese.

use crate::db::Db;
use hocba_core::api::documents::{ModificationLevel, RevisionChange, Verdict, VerifyReport};
use hocba_core::messages as msg;
use hocba_pdf::verify::{verify_document, Trust};
use std::path::{Path, PathBuf};

/// Where the trusted CAs come from.
pub enum TrustSource<'a> {
    /// PEM files.
    Files(&'a [PathBuf]),
    /// The `signing_cas` of a school's database (also consulted for revocations), and the CA of
    /// its data folder's test timestamp authority, trusted for timestamps only.
    Database(&'a Db, Vec<String>),
}

fn trust(source: &TrustSource<'_>) -> anyhow::Result<Trust> {
    let pems: Vec<String> = match source {
        TrustSource::Files(files) => files
            .iter()
            .map(|f| std::fs::read_to_string(f).map_err(|e| anyhow::anyhow!("{}: {e}", f.display())))
            .collect::<Result<_, _>>()?,
        TrustSource::Database(db, _) => {
            db.read(crate::services::signers::trusted::all_pems).map_err(|e| anyhow::anyhow!("{e}"))?
        }
    };
    if pems.is_empty() {
        anyhow::bail!("Không có chứng thư gốc nào để đối chiếu: dùng --ca TỆP.pem hoặc --data THƯ_MỤC của trường.");
    }
    let stamps = match source {
        TrustSource::Database(_, stamps) => stamps.as_slice(),
        TrustSource::Files(_) => &[],
    };
    Ok(Trust::from_pem(&pems)?.with_timestamp_roots(stamps)?)
}

fn print_report(report: &VerifyReport) {
    println!("Kết luận: {}", msg::verdict_text(report.verdict));
    if let Some(problem) = &report.problem {
        println!("Lí do: {problem}");
    }
    if let Some(reason) = &report.revoked_reason {
        println!("Lí do thu hồi: {reason}");
    }
    if let Some(name) = &report.pupil_name {
        println!("Học sinh: {name}");
    }
    if let Some(school) = &report.school_name {
        println!("Trường: {school}");
    }
    if !report.school_years.is_empty() {
        println!("Năm học: {}", report.school_years.join(", "));
    }
    if let Some(code) = &report.code {
        println!("Mã kiểm tra: {code}");
    }
    if report.test_certificate {
        println!("{}", msg::VERIFY_TEST_CERTIFICATE);
    }
    for s in &report.signatures {
        let role = s.role.map(msg::signer_role_name).unwrap_or("?");
        let mark = if s.intact && s.trusted { "✓" } else { "✗" };
        println!("  {mark} {role}: {} (cấp bởi {}) {}", s.signer, s.issuer, s.signed_at.as_deref().unwrap_or(""));
        if let Some(at) = &s.certificate_revoked_at {
            println!("    Chứng thư bị thu hồi lúc {at}");
        }
    }
    if let Some(at) = &report.archived_at {
        println!("Dấu thời gian lưu trữ (PAdES B-LTA): {at}");
    }
    if !report.revisions.is_empty() {
        println!("Các lần cập nhật của tệp:");
    }
    for (i, r) in report.revisions.iter().enumerate() {
        // A change of content matters once something was signed.
        let signed_before = report.revisions[..i].iter().any(|p| p.change == RevisionChange::Signature);
        let mark = if r.level == ModificationLevel::Other && signed_before { "✗" } else { "✓" };
        let level = msg::modification_level_text(r.level);
        println!("  {mark} {}. {} ({level}; đến byte {})", r.number, msg::revision_text(r.change, r.role), r.end);
    }
    for a in &report.attachments {
        println!("  Đính kèm {}: {}", a.file_name, msg::verdict_text(a.verdict));
        if let Some(problem) = &a.problem {
            println!("    Lí do: {problem}");
        }
    }
}

/// The exit status of `hocba verify` (documented in the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// Every signature intact and trusted, and the school's register says the document is current.
    Authentic = 0,
    /// The command could not run: bad arguments, an unreadable file or data folder.
    Usage = 2,
    /// Changed after signing (or it carries another pupil's record).
    Modified = 3,
    /// Revoked by the school, or replaced by a newer document.
    RevokedOrSuperseded = 4,
    /// Signed by a certificate no trusted CA vouches for (or expired, revoked).
    UntrustedSigner = 5,
    /// No signature, or not a học bạ at all.
    NotSigned = 6,
    /// The signatures are intact and trusted, but whether the school still stands by the document
    /// was not checked (`--ca` without the school's `--data`).
    StatusNotChecked = 7,
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// Verifies `file` and prints the verdict; answers the exit status of `hocba verify`.
pub fn run(file: &Path, source: TrustSource<'_>) -> anyhow::Result<Exit> {
    let pdf = std::fs::read(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mut report = verify_document(&pdf, &trust(&source)?);
    let status_checked = matches!(source, TrustSource::Database(..));
    if let TrustSource::Database(db, _) = &source {
        report = db
            .read(|c| crate::services::issuance::with_register(c, report.clone()))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    print_report(&report);
    let exit = match report.verdict {
        Verdict::Authentic if report.superseded_at.is_some() => {
            println!("{}", msg::VERIFY_SUPERSEDED);
            if let Some(newer) = &report.superseded_by {
                println!("Mã kiểm tra của học bạ mới: {newer}");
            }
            Exit::RevokedOrSuperseded
        }
        Verdict::Authentic if status_checked => Exit::Authentic,
        Verdict::Authentic => {
            println!("{}", msg::VERIFY_STATUS_NOT_CHECKED);
            Exit::StatusNotChecked
        }
        Verdict::Modified => Exit::Modified,
        Verdict::Revoked => Exit::RevokedOrSuperseded,
        Verdict::UnknownSigner => Exit::UntrustedSigner,
        Verdict::NotSigned | Verdict::NotFound => Exit::NotSigned,
    };
    Ok(exit)
}
