//! What a signed học bạ document means to a receiver: its verdict (authentic, modified, unknown
//! signer, not signed), who signed it in which role and when, and the same for every yearly record
//! attached to a hand-over, including that each attached record is this pupil's, for one of the
//! years the hand-over covers.

use super::{check_pdf, PdfCheck, Problem, SignatureInfo, Trust};
use crate::document::{role_of_field, signing_roles, XML_NAME};
use hocba_core::api::documents::{AttachmentCheck, DocumentKind, SignatureCheck, Verdict, VerifyReport};
use hocba_core::messages as msg;
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

/// The report and the summary of the document's XML.
fn verify_at_depth(pdf: &[u8], trust: &Trust, depth: usize) -> (VerifyReport, Option<XmlSummary>) {
    let check = match check_pdf(pdf, trust) {
        Ok(check) => check,
        Err(_) => return (VerifyReport::only(Verdict::NotSigned, Some(msg::VERIFY_NOT_PDF.to_string())), None),
    };
    let xml = read_summary(&check);
    let (mut verdict, mut problem) = signatures_verdict(&check, xml.as_ref().and_then(|x| x.document));
    if xml.is_none() && verdict != Verdict::Modified {
        verdict = Verdict::NotSigned;
        problem = Some(msg::VERIFY_NO_RECORD.to_string());
    }
    let mut report = VerifyReport::only(verdict, problem);
    report.signatures = check.signatures.iter().map(signature_check).collect();
    if let Some(x) = &xml {
        report.code = x.code.clone();
        report.kind = x.document;
        report.pupil_name = Some(x.pupil_name.clone());
        report.school_name = Some(x.school_name.clone());
        report.school_years = x.school_years.clone();
    }
    report.issued_at = check.signatures.last().and_then(|s| s.signing_time).map(|t| t.to_rfc3339());

    // Attached yearly records (hand-over): each verified on its own, and each must be this pupil's.
    if depth == 0 {
        for file in check.files.iter().filter(|f| f.data.starts_with(b"%PDF")) {
            let (inner, inner_xml) = verify_at_depth(&file.data, trust, depth + 1);
            let mut attachment_problem = inner.problem.clone();
            let mut attachment_verdict = inner.verdict;
            if let (Some(outer), Some(inner_x)) = (&xml, &inner_xml) {
                if inner_x.pupil_id != outer.pupil_id {
                    attachment_verdict = Verdict::Modified;
                    attachment_problem = Some(msg::VERIFY_ATTACHMENT_OTHER_PUPIL.to_string());
                } else if inner_x.school_years.iter().any(|y| !outer.school_years.contains(y)) {
                    attachment_verdict = Verdict::Modified;
                    attachment_problem = Some(msg::VERIFY_ATTACHMENT_OTHER_YEAR.to_string());
                }
            }
            if attachment_verdict != Verdict::Authentic && report.verdict == Verdict::Authentic {
                report.verdict = match attachment_verdict {
                    Verdict::UnknownSigner => Verdict::UnknownSigner,
                    _ => Verdict::Modified,
                };
                report.problem = Some(match &attachment_problem {
                    Some(p) if p == msg::VERIFY_ATTACHMENT_OTHER_PUPIL || p == msg::VERIFY_ATTACHMENT_OTHER_YEAR => {
                        p.clone()
                    }
                    _ => msg::VERIFY_ATTACHMENT_INVALID.to_string(),
                });
            }
            report.attachments.push(AttachmentCheck {
                file_name: file.name.clone(),
                school_year: inner.school_years.first().cloned(),
                verdict: attachment_verdict,
                signatures: inner.signatures,
                problem: attachment_problem,
            });
        }
    }
    (report, xml)
}
