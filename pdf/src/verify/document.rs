//! What a signed học bạ document means to a receiver: its verdict (authentic, modified, unknown
//! signer, not signed), who signed it in which role and when, and the same for every yearly record
//! attached to a hand-over, including that each attached record is this pupil's, for one of the
//! years the hand-over covers.

use super::revisions::{revisions, Change};
use super::{check_detached_file, check_pdf, PdfCheck, Problem, SignatureInfo, Trust};
use crate::document::{role_of_field, signing_roles, XML_NAME};
use hocba_core::api::documents::{
    AttachmentCheck, DocumentKind, RevisionChange, RevisionCheck, SignatureCheck, Verdict, VerifyReport,
};
use hocba_core::messages as msg;
use hocba_core::transcript::YearSource;
use hocba_core::transcript_xml::{summary, XmlSummary};

fn problem_text(problem: Problem) -> &'static str {
    match problem {
        Problem::DigestMismatch => msg::VERIFY_DIGEST_MISMATCH,
        Problem::ModifiedAfterSigning => msg::VERIFY_MODIFIED_AFTER,
        Problem::UnsignedAppendix => msg::VERIFY_UNSIGNED_APPENDIX,
        Problem::UnknownIssuer => msg::VERIFY_UNKNOWN_ISSUER,
        Problem::CertificateNotValidAtSigningTime => msg::VERIFY_CERT_NOT_VALID,
        Problem::Malformed => msg::VERIFY_MALFORMED,
    }
}

fn signature_check(s: &SignatureInfo) -> SignatureCheck {
    SignatureCheck {
        role: role_of_field(&s.field_name),
        signer: s.signer.clone(),
        issuer: s.issuer.clone(),
        signed_at: s.signing_time.map(|t| t.to_rfc3339()),
        intact: s.intact && !matches!(s.problem, Some(Problem::ModifiedAfterSigning | Problem::UnsignedAppendix)),
        trusted: s.trusted,
        timestamped: s.timestamped,
        problem: s.problem.map(|p| problem_text(p).to_string()),
        test_certificate: s.issuer == crate::TestCa::NAME,
        certificate_serial: s
            .certificate
            .as_ref()
            .map(|c| c.tbs_certificate().serial_number().as_bytes().iter().map(|b| format!("{b:02X}")).collect()),
        certificate_revoked_at: None,
        certifies: s.certification.is_some(),
    }
}

/// The verdict of the signatures alone, with the first problem.
fn signatures_verdict(check: &PdfCheck, kind: Option<DocumentKind>) -> (Verdict, Option<String>) {
    if check.signatures.is_empty() {
        return (Verdict::NotSigned, None);
    }
    if let Some(s) = check.signatures.iter().find(|s| {
        !s.intact
            || matches!(
                s.problem,
                Some(
                    Problem::DigestMismatch
                        | Problem::ModifiedAfterSigning
                        | Problem::UnsignedAppendix
                        | Problem::Malformed
                )
            )
    }) {
        return (Verdict::Modified, Some(problem_text(s.problem.unwrap_or(Problem::DigestMismatch)).to_string()));
    }
    if let Some(t) = check.timestamps.iter().find(|t| !t.intact || t.problem.is_some()) {
        return (Verdict::Modified, Some(problem_text(t.problem.unwrap_or(Problem::DigestMismatch)).to_string()));
    }
    if let Some(s) = check.signatures.iter().find(|s| !s.trusted) {
        return (Verdict::UnknownSigner, s.problem.map(|p| problem_text(p).to_string()));
    }
    if let Some(kind) = kind {
        let missing = signing_roles(kind)
            .iter()
            .any(|role| !check.signatures.iter().any(|s| role_of_field(&s.field_name) == Some(*role)));
        if missing {
            return (Verdict::NotSigned, Some(msg::VERIFY_ROLE_MISSING.to_string()));
        }
    }
    (Verdict::Authentic, None)
}

fn read_summary(check: &PdfCheck) -> Option<XmlSummary> {
    check.file(XML_NAME).and_then(|f| std::str::from_utf8(&f.data).ok()).and_then(summary)
}

/// Verifies a học bạ PDF (yearly record or hand-over) offline against `trust`.
pub fn verify_document(pdf: &[u8], trust: &Trust) -> VerifyReport {
    verify_at_depth(pdf, trust, 0).0
}

/// Verifies a học bạ XML with its detached CMS signature (`record.xml.p7s`) against `trust`.
pub fn verify_xml(xml: &[u8], p7s: &[u8], trust: &Trust) -> VerifyReport {
    verify_xml_summary(xml, p7s, trust).0
}

fn verify_xml_summary(xml: &[u8], p7s: &[u8], trust: &Trust) -> (VerifyReport, Option<XmlSummary>) {
    let check =
        PdfCheck { signatures: vec![check_detached_file(xml, p7s, trust)], timestamps: Vec::new(), files: Vec::new() };
    let summary = std::str::from_utf8(xml).ok().and_then(summary);
    (report_of(&check, summary.as_ref(), false), summary)
}

/// The report on a document's own signatures and XML (attachments not included); `roles`: every
/// role of the document's kind must have signed (a PDF; an XML's detached signature is the seal's).
fn report_of(check: &PdfCheck, xml: Option<&XmlSummary>, roles: bool) -> VerifyReport {
    let kind = xml.and_then(|x| x.document).filter(|_| roles);
    let (mut verdict, mut problem) = signatures_verdict(check, kind);
    if xml.is_none() && verdict != Verdict::Modified {
        verdict = Verdict::NotSigned;
        problem = Some(msg::VERIFY_NO_RECORD.to_string());
    }
    let mut report = VerifyReport::only(verdict, problem);
    report.signatures = check.signatures.iter().map(signature_check).collect();
    if let Some(x) = xml {
        report.code = x.code.clone();
        report.kind = x.document;
        report.pupil_name = Some(x.pupil_name.clone());
        report.school_name = Some(x.school_name.clone());
        report.school_years = x.school_years.clone();
    }
    report.issued_at = check.signatures.last().and_then(|s| s.signing_time).map(|t| t.to_rfc3339());
    report.test_certificate = report.signatures.iter().any(|s| s.test_certificate);
    report.archived_at = check.timestamps.iter().rev().find(|t| t.intact).map(|t| t.time.to_rfc3339());
    if let Some(x) = xml {
        report.years = x.years.clone();
    }
    report
}

/// Why an attached record does not belong to the document carrying it, if it does not. It
/// belongs when it is this pupil's record at this school for years the document covers, or the
/// signed record the document names as the source of an imported year (same school, pupil id
/// and code).
fn misfit(outer: &XmlSummary, inner: &XmlSummary) -> Option<&'static str> {
    if inner.school_id == outer.school_id && inner.pupil_id == outer.pupil_id {
        let own_years: Vec<&String> =
            outer.school_years.iter().filter(|y| !outer.sources.iter().any(|(s, _)| s == *y)).collect();
        return inner.school_years.iter().any(|y| !own_years.contains(&y)).then_some(msg::VERIFY_ATTACHMENT_OTHER_YEAR);
    }
    let same_source = |s: &YearSource| s.school_id == inner.school_id && s.pupil_id == inner.pupil_id;
    if !outer.sources.iter().any(|(_, s)| same_source(s)) {
        return Some(msg::VERIFY_ATTACHMENT_OTHER_PUPIL);
    }
    let declared = |year: &String| {
        outer.sources.iter().any(|(y, s)| y == year && same_source(s) && (s.code.is_none() || s.code == inner.code))
    };
    (inner.school_years.is_empty() || !inner.school_years.iter().all(declared))
        .then_some(msg::VERIFY_ATTACHMENT_OTHER_YEAR)
}

/// Adds an attached record's check to the report; a bad attachment spoils the whole document.
fn add_attachment(
    report: &mut VerifyReport,
    outer: Option<&XmlSummary>,
    file_name: &str,
    inner: VerifyReport,
    inner_xml: Option<&XmlSummary>,
) {
    let mut problem = inner.problem.clone();
    let mut verdict = inner.verdict;
    if let (Some(outer), Some(inner_x)) = (outer, inner_xml) {
        if let Some(why) = misfit(outer, inner_x) {
            verdict = Verdict::Modified;
            problem = Some(why.to_string());
        }
    }
    if verdict != Verdict::Authentic && report.verdict == Verdict::Authentic {
        report.verdict = match verdict {
            Verdict::UnknownSigner => Verdict::UnknownSigner,
            _ => Verdict::Modified,
        };
        report.problem = Some(match &problem {
            Some(p) if p == msg::VERIFY_ATTACHMENT_OTHER_PUPIL || p == msg::VERIFY_ATTACHMENT_OTHER_YEAR => p.clone(),
            _ => msg::VERIFY_ATTACHMENT_INVALID.to_string(),
        });
    }
    report.attachments.push(AttachmentCheck {
        file_name: file_name.to_string(),
        school_year: inner.school_years.first().cloned(),
        code: inner.code.clone(),
        verdict,
        signatures: inner.signatures,
        problem,
    });
    report.test_certificate |= inner.test_certificate;
}

/// The document's revisions, numbered from 1, with what each changed.
fn revision_checks(pdf: &[u8]) -> Vec<RevisionCheck> {
    revisions(pdf)
        .into_iter()
        .zip(1..)
        .map(|(r, number)| {
            let (change, field) = match r.change {
                Change::Created => (RevisionChange::Created, None),
                Change::Signature(field) => (RevisionChange::Signature, Some(field)),
                Change::DocumentTimestamp(field) => (RevisionChange::DocumentTimestamp, Some(field)),
                Change::ValidationData => (RevisionChange::ValidationData, None),
                Change::Nothing => (RevisionChange::Nothing, None),
                Change::Other => (RevisionChange::Other, None),
            };
            let role = field.as_deref().and_then(role_of_field);
            RevisionCheck { number, change, level: change.level(), field, role, end: r.end as u64 }
        })
        .collect()
}

/// The report and the summary of the document's XML.
fn verify_at_depth(pdf: &[u8], trust: &Trust, depth: usize) -> (VerifyReport, Option<XmlSummary>) {
    let check = match check_pdf(pdf, trust) {
        Ok(check) => check,
        Err(_) => return (VerifyReport::only(Verdict::NotSigned, Some(msg::VERIFY_NOT_PDF.to_string())), None),
    };
    let xml = read_summary(&check);
    let mut report = report_of(&check, xml.as_ref(), true);
    if depth == 0 {
        report.revisions = revision_checks(pdf);
    }
    // Attached yearly records (hand-over): each verified on its own, and each must belong here.
    // A year imported from another school's XML is attached as that XML and its `.p7s`.
    if depth == 0 {
        for file in &check.files {
            if file.data.starts_with(b"%PDF") {
                let (inner, inner_xml) = verify_at_depth(&file.data, trust, depth + 1);
                add_attachment(&mut report, xml.as_ref(), &file.name, inner, inner_xml.as_ref());
            } else if file.name != XML_NAME && file.name.ends_with(".xml") {
                let signature = check.file(&format!("{}.p7s", file.name));
                let (inner, inner_xml) = match signature {
                    Some(p7s) => verify_xml_summary(&file.data, &p7s.data, trust),
                    None => {
                        (VerifyReport::only(Verdict::NotSigned, Some(msg::VERIFY_ATTACHMENT_INVALID.to_string())), None)
                    }
                };
                add_attachment(&mut report, xml.as_ref(), &file.name, inner, inner_xml.as_ref());
            }
        }
    }
    (report, xml)
}
