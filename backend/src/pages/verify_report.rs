//! A verification report as HTML: the verdict first and large (a coloured banner with an icon;
//! `data-verdict` carries the API's code), then what the document shows, its signatures, the
//! record it vouches for year by year, the yearly records it carries and the file's revisions.

use super::html::esc;
use super::verify_texts::{verify_texts, VerifyTexts};
use hocba_core::api::documents::{
    AttachmentCheck, DocumentKind, ModificationLevel, RevisionChange, RevisionCheck, SignatureCheck, Verdict,
    VerifyReport,
};
use hocba_core::messages::by_lang as m;
use hocba_core::time::{display_date, display_date_time};
use hocba_core::transcript::YearRecord;
use hocba_core::Lang;
use std::fmt::Write;

/// The verdict as the API spells it (`authentic`, `unknown_signer`…).
pub fn verdict_code(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Authentic => "authentic",
        Verdict::Modified => "modified",
        Verdict::Revoked => "revoked",
        Verdict::UnknownSigner => "unknown_signer",
        Verdict::NotSigned => "not_signed",
        Verdict::NotFound => "not_found",
    }
}

/// A sign everyone reads without words (the colour says it too).
fn verdict_icon(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Authentic => "✓",
        Verdict::Modified => "✗",
        Verdict::Revoked => "⊘",
        Verdict::UnknownSigner => "⚠",
        Verdict::NotSigned | Verdict::NotFound => "?",
    }
}

/// The verdict sentence as a short headline and the rest, split at its first colon.
fn headline_and_detail(sentence: &str) -> (&str, Option<String>) {
    match sentence.split_once(": ") {
        Some((head, rest)) if !rest.trim().is_empty() => {
            let mut chars = rest.chars();
            let detail = chars.next().map(|first| first.to_uppercase().chain(chars).collect::<String>());
            (head, detail)
        }
        _ => (sentence, None),
    }
}

fn kind_text(vx: &VerifyTexts, kind: DocumentKind, school_year: Option<&str>) -> String {
    match (kind, school_year) {
        (DocumentKind::YearlyRecord, Some(year)) => (vx.kind_yearly)(year),
        (DocumentKind::YearlyRecord, None) => (vx.kind_yearly)("").trim_end().to_string(),
        (DocumentKind::HandOver, _) => vx.kind_hand_over.to_string(),
    }
}

/// The whole report; `file_name` is the uploaded file's (none for a code).
pub fn report(lang: Lang, r: &VerifyReport, file_name: Option<&str>) -> String {
    let vx = verify_texts(lang);
    let mut out = String::from("<div class=\"verify-report\">\n");
    out.push_str(&banner(lang, r));
    if let Some(name) = file_name {
        let _ = writeln!(out, "<p class=\"muted verify-file-name\">{}</p>", esc(&(vx.file_checked)(name)));
    }
    out.push_str(&facts(vx, r));
    if !r.signatures.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"card verify-signatures\"><h2>{}</h2>{}</section>",
            esc(vx.signers_heading),
            signatures(lang, &r.signatures)
        );
    }
    out.push_str(&record(lang, &r.years));
    out.push_str(&attachments(lang, &r.attachments));
    out.push_str(&revisions(lang, &r.revisions));
    out.push_str("</div>\n");
    out
}

fn banner(lang: Lang, r: &VerifyReport) -> String {
    let vx = verify_texts(lang);
    let code = verdict_code(r.verdict);
    // A trial document is never shown as a valid original, however intact its signatures.
    let trial = r.test_certificate && r.verdict == Verdict::Authentic;
    let sentence = m::verdict_text(lang, r.verdict);
    let (headline, detail) = if trial {
        (m::fixed(lang).verify_test_certificate, Some(vx.test_detail.to_string()))
    } else {
        headline_and_detail(sentence)
    };
    let mut text = format!("<p class=\"verdict-headline\">{}</p>", esc(headline));
    if let Some(detail) = detail {
        let _ = write!(text, "<p class=\"verdict-detail\">{}</p>", esc(&detail));
    }
    if r.verdict == Verdict::Revoked {
        let when = r.revoked_at.as_deref().map(display_date_time).unwrap_or_default();
        let reason = r.revoked_reason.clone().unwrap_or_default();
        let _ = write!(
            text,
            "<p class=\"verdict-revoked\" data-field=\"revoked\">{}</p>",
            esc(&(vx.revoked_line)(&when, &reason))
        );
    }
    if let Some(at) = &r.superseded_at {
        let line = (vx.superseded_line)(&display_date_time(at), r.superseded_by.as_deref());
        let _ = write!(text, "<p class=\"verdict-superseded\" data-field=\"superseded\">{}</p>", esc(&line));
    }
    // Not for an authentic document, nor when it only repeats the verdict sentence.
    let problem = r.problem.as_deref().map(|p| m::verify_problem(lang, p));
    if let Some(problem) = problem.filter(|p| r.verdict != Verdict::Authentic && *p != sentence) {
        let _ = write!(text, "<p class=\"verdict-problem\">{}</p>", esc(problem));
    }
    format!(
        "<section id=\"verdict\" class=\"verdict verdict-{code}{trial_class}\" data-testid=\"verify-verdict\" \
         data-verdict=\"{code}\" data-test-certificate=\"{trial}\" tabindex=\"-1\">\
         <span class=\"verdict-icon\" aria-hidden=\"true\">{icon}</span><div class=\"verdict-text\">{text}</div></section>\n",
        trial_class = if trial { " verdict-test" } else { "" },
        icon = if trial { "⚠" } else { verdict_icon(r.verdict) },
    )
}

fn facts(vx: &VerifyTexts, r: &VerifyReport) -> String {
    let years = (!r.school_years.is_empty()).then(|| r.school_years.join(", "));
    let kind = r.kind.map(|k| match k {
        DocumentKind::YearlyRecord => kind_text(vx, k, r.school_years.first().map(String::as_str)),
        DocumentKind::HandOver => kind_text(vx, k, None),
    });
    let rows = [
        ("pupil", vx.pupil, r.pupil_name.clone()),
        ("school", vx.school, r.school_name.clone()),
        ("school_years", vx.years, years),
        ("kind", vx.kind, kind),
        ("issued_at", vx.issued, r.issued_at.as_deref().map(display_date)),
        ("code", vx.code, r.code.clone()),
        ("archived_at", vx.archived, r.archived_at.as_deref().map(display_date_time)),
    ];
    let rows: String = rows
        .into_iter()
        .filter_map(|(field, label, value)| {
            value.map(|v| {
                format!("<div class=\"fact\" data-field=\"{field}\"><dt>{}</dt><dd>{}</dd></div>", esc(label), esc(&v))
            })
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    format!(
        "<section class=\"card verify-facts\"><h2>{}</h2><dl class=\"facts\">{rows}</dl></section>\n",
        esc(vx.document_heading)
    )
}

fn signatures(lang: Lang, list: &[SignatureCheck]) -> String {
    let vx = verify_texts(lang);
    if list.is_empty() {
        return format!("<p class=\"muted\">{}</p>", esc(vx.no_signatures));
    }
    let mut out = String::from("<ul class=\"signatures\">");
    for s in list {
        let valid = s.intact && s.trusted;
        let role = s.role.map(|r| m::signer_role_name(lang, r)).unwrap_or(vx.signer_unknown_role);
        let _ = write!(
            out,
            "<li class=\"signature {class}\"{role_attr} data-valid=\"{valid}\">\
             <span class=\"signature-mark\" aria-hidden=\"true\">{mark}</span><div>\
             <p class=\"signature-who\"><strong>{role}</strong>: {signer}<span class=\"sr-only\"> — {state}</span></p>",
            class = if valid { "valid" } else { "invalid" },
            role_attr = s.role.map(|r| format!(" data-role=\"{}\"", r.code())).unwrap_or_default(),
            mark = if valid { "✓" } else { "✗" },
            role = esc(role),
            signer = esc(&s.signer),
            state = esc(if valid { vx.signature_valid } else { vx.signature_invalid }),
        );
        if let Some(at) = &s.signed_at {
            let _ = write!(out, "<p class=\"signature-when\">{}</p>", esc(&m::signed_on(lang, &display_date_time(at))));
        }
        if !s.issuer.is_empty() {
            let _ = write!(out, "<p class=\"muted\">{}</p>", esc(&(vx.certificate_issued_by)(&s.issuer)));
        }
        if s.timestamped {
            let _ = write!(out, "<p class=\"muted\">{}</p>", esc(vx.signature_timestamped));
        }
        if let Some(problem) = &s.problem {
            let _ = write!(out, "<p class=\"signature-problem\">{}</p>", esc(m::verify_problem(lang, problem)));
        }
        out.push_str("</div></li>");
    }
    out.push_str("</ul>");
    out
}

fn record(lang: Lang, years: &[YearRecord]) -> String {
    if years.is_empty() {
        return String::new();
    }
    let vx = verify_texts(lang);
    let mut out = format!(
        "<section class=\"card verify-record\" data-testid=\"verify-record\"><h2>{}</h2><p class=\"muted\">{}</p>\n",
        esc(vx.record_heading),
        esc(vx.record_intro)
    );
    for y in years {
        let _ = write!(
            out,
            "<section class=\"record-year\" data-school-year=\"{year}\"><h3>{title}</h3>\
             <table class=\"record-subjects\"><caption class=\"visually-hidden\">{caption}</caption><thead><tr>\
             <th scope=\"col\">{c1}</th><th scope=\"col\">{c2}</th><th scope=\"col\">{c3}</th></tr></thead><tbody>",
            year = esc(&y.school_year),
            title = esc(&(vx.record_year)(&y.class_name, &y.school_year)),
            caption = esc(vx.record_subjects),
            c1 = esc(vx.record_subject),
            c2 = esc(vx.col_level),
            c3 = esc(vx.col_score),
        );
        for s in &y.subjects {
            let _ = write!(
                out,
                "<tr data-subject=\"{code}\"><th scope=\"row\">{name}</th><td data-field=\"level\">{level}</td>\
                 <td data-field=\"score\">{score}</td></tr>",
                code = esc(&s.code),
                name = esc(m::subject_name(lang, &s.code, &s.name)),
                level = s.level.map(|l| m::subject_level_name(lang, l)).unwrap_or("—"),
                score = s.score.map(|n| n.to_string()).unwrap_or_else(|| "—".into()),
            );
        }
        let _ = write!(
            out,
            "</tbody></table><table class=\"record-qualities\"><caption class=\"visually-hidden\">{caption}</caption>\
             <thead><tr><th scope=\"col\">{c1}</th><th scope=\"col\">{c2}</th></tr></thead><tbody>",
            caption = esc(vx.record_qualities),
            c1 = esc(vx.record_quality),
            c2 = esc(vx.col_level),
        );
        for q in &y.qualities {
            let _ = write!(
                out,
                "<tr data-quality=\"{code}\"><th scope=\"row\">{name}</th><td data-field=\"level\">{level}</td></tr>",
                code = esc(&q.code),
                name = esc(m::quality_name(lang, &q.code, &q.name)),
                level = q.level.map(|l| m::quality_level_name(lang, l)).unwrap_or("—"),
            );
        }
        let result = y.final_result.or(y.evaluation.result).map(|r| m::result_name(lang, r)).unwrap_or("—");
        let _ = write!(
            out,
            "</tbody></table><p class=\"record-result\" data-field=\"result\"><strong>{}: </strong>{}</p>",
            esc(vx.col_result),
            esc(result)
        );
        if !y.awards.is_empty() {
            let _ = write!(out, "<ul class=\"record-awards\" aria-label=\"{}\">", esc(vx.record_awards));
            for a in &y.awards {
                let _ = write!(out, "<li>{}</li>", esc(a));
            }
            out.push_str("</ul>");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
    out
}

fn attachments(lang: Lang, list: &[AttachmentCheck]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let vx = verify_texts(lang);
    let mut out = format!(
        "<section class=\"card verify-attachments\"><h2>{}</h2><ul class=\"attachments\">",
        esc(vx.attachments_heading)
    );
    for a in list {
        let title = match &a.school_year {
            Some(year) => kind_text(vx, DocumentKind::YearlyRecord, Some(year)),
            None => a.file_name.clone(),
        };
        let code = verdict_code(a.verdict);
        let _ = write!(
            out,
            "<li class=\"attachment\"{year}><h3>{title}</h3><p class=\"verdict-badge verdict-{code}\" data-verdict=\"{code}\">\
             <span class=\"verdict-icon\" aria-hidden=\"true\">{icon}</span> {text}</p>",
            year = a.school_year.as_ref().map(|y| format!(" data-school-year=\"{}\"", esc(y))).unwrap_or_default(),
            title = esc(&title),
            icon = verdict_icon(a.verdict),
            text = esc(m::verdict_text(lang, a.verdict)),
        );
        if let Some(problem) = &a.problem {
            let _ = write!(out, "<p class=\"verdict-problem\">{}</p>", esc(m::verify_problem(lang, problem)));
        }
        out.push_str(&signatures(lang, &a.signatures));
        out.push_str("</li>");
    }
    out.push_str("</ul></section>\n");
    out
}

/// The file's revisions, folded: a change of content after a signature is marked ✗.
fn revisions(lang: Lang, list: &[RevisionCheck]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let vx = verify_texts(lang);
    let mut out = format!(
        "<details class=\"card verify-revisions\"><summary>{}</summary><ol class=\"revisions\">",
        esc(&(vx.revisions_heading)(list.len()))
    );
    for (i, r) in list.iter().enumerate() {
        let signed_before = list[..i].iter().any(|p| p.change == RevisionChange::Signature);
        let bad = r.level == ModificationLevel::Other && signed_before;
        let _ = write!(
            out,
            "<li class=\"revision{bad_class}\" data-level=\"{level:?}\"><span aria-hidden=\"true\">{mark}</span>{text}</li>",
            bad_class = if bad { " invalid" } else { "" },
            level = r.level,
            mark = if bad { "✗ " } else { "✓ " },
            text = esc(&format!(
                "{}. {} — {}",
                r.number,
                m::revision_text(lang, r.change, r.role),
                m::modification_level_text(lang, r.level)
            )),
        );
    }
    out.push_str("</ol></details>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_sentence_splits_at_its_colon() {
        let (head, detail) = headline_and_detail(m::verdict_text(Lang::Vi, Verdict::Authentic));
        assert_eq!(head, "Bản gốc, còn nguyên vẹn");
        assert!(detail.is_some_and(|d| d.starts_with("Chữ kí số")));
        let revoked = m::verdict_text(Lang::Vi, Verdict::Revoked);
        assert_eq!(headline_and_detail(revoked), (revoked, None));
    }

    #[test]
    fn codes_match_the_api() {
        for v in Verdict::ALL {
            assert_eq!(serde_json::to_value(v).ok(), Some(serde_json::Value::from(verdict_code(v))));
        }
    }

    #[test]
    fn the_detail_line_is_in_the_pages_language() {
        let problem = hocba_core::messages::VERIFY_DIGEST_MISMATCH;
        let r = VerifyReport::only(Verdict::Modified, Some(problem.to_string()));
        let english = report(Lang::En, &r, None);
        assert!(english.contains(hocba_core::messages::en::VERIFY_DIGEST_MISMATCH) && !english.contains(problem));
        assert!(report(Lang::Vi, &r, None).contains(problem));
    }

    #[test]
    fn a_trial_document_is_never_green() {
        let mut r = VerifyReport::only(Verdict::Authentic, None);
        r.test_certificate = true;
        let html = report(Lang::En, &r, Some("<x>.pdf"));
        assert!(html.contains("data-test-certificate=\"true\"") && html.contains("verdict-test"));
        assert!(html.contains("Checked file: &lt;x&gt;.pdf"));
    }
}
