//! Domain wording in a chosen language: each function takes the [`Lang`] first and answers with
//! the Vietnamese of [`crate::messages`] or the English of [`crate::messages::en`]. The web app
//! calls these; the PDF, the XML and the server's messages use the Vietnamese directly.

use super::en;
use crate::api::documents::{ModificationLevel, RevisionChange, SignatureCheck, SignerRole, Verdict, VerifyReport};
use crate::api::{admin::Gender, Award, FindingKind, RecordStatus, Role};
use crate::awards::{AwardKind, AwardLevel};
use crate::catalogue::QualityKind;
use crate::lang::Lang;
use crate::levels::{QualityLevel, SubjectLevel, YearResult};
use crate::period::Period;
use crate::rules::{Evaluation, ScoreError};
use crate::yearend::{Completion, Promotion};

/// `pick!(lang, vi, en)`: the Vietnamese or the English expression.
macro_rules! pick {
    ($lang:expr, $vi:expr, $en:expr) => {
        match $lang {
            Lang::Vi => $vi,
            Lang::En => $en,
        }
    };
}

pub fn subject_level_name(lang: Lang, level: SubjectLevel) -> &'static str {
    pick!(lang, super::subject_level_name(level), en::subject_level_name(level))
}

pub fn quality_level_name(lang: Lang, level: QualityLevel) -> &'static str {
    pick!(lang, super::quality_level_name(level), en::quality_level_name(level))
}

pub fn result_name(lang: Lang, result: YearResult) -> &'static str {
    pick!(lang, super::result_name(result), en::result_name(result))
}

pub fn period_name(lang: Lang, period: Period) -> &'static str {
    pick!(lang, super::period_name(period), en::period_name(period))
}

pub fn score_error(lang: Lang, err: ScoreError) -> &'static str {
    pick!(lang, super::score_error(err), en::score_error(err))
}

pub fn quality_kind_name(lang: Lang, kind: QualityKind) -> &'static str {
    pick!(lang, super::quality_kind_name(kind), en::quality_kind_name(kind))
}

/// A subject's name as the API gives it (Vietnamese, from the catalogue), in `lang`: the English
/// name of its catalogue code; the given name for a code the catalogue does not know.
pub fn subject_name<'a>(lang: Lang, code: &str, name: &'a str) -> &'a str {
    pick!(lang, name, en::subject_name(code).unwrap_or(name))
}

/// A quality's or competence's name in `lang`, as [`subject_name`].
pub fn quality_name<'a>(lang: Lang, code: &str, name: &'a str) -> &'a str {
    pick!(lang, name, en::quality_name(code).unwrap_or(name))
}

pub fn explain(lang: Lang, e: &Evaluation) -> String {
    pick!(lang, super::explain(e), en::explain(e))
}

pub fn explain_for_parents(lang: Lang, e: &Evaluation) -> String {
    pick!(lang, super::explain_for_parents(e), en::explain_for_parents(e))
}

pub fn promotion_name(lang: Lang, p: Promotion) -> &'static str {
    pick!(lang, super::promotion_name(p), en::promotion_name(p))
}

pub fn completion_label(lang: Lang, c: Completion) -> &'static str {
    pick!(lang, super::completion_label(c), en::completion_label(c))
}

pub fn award_kind_title(lang: Lang, kind: AwardKind) -> &'static str {
    pick!(lang, super::award_kind_title(kind), en::award_kind_title(kind))
}

pub fn award_kind_label(lang: Lang, kind: AwardKind) -> &'static str {
    pick!(lang, super::award_kind_label(kind), en::award_kind_label(kind))
}

pub fn award_level_name(lang: Lang, level: AwardLevel) -> &'static str {
    pick!(lang, super::award_level_name(level), en::award_level_name(level))
}

pub fn award_line(lang: Lang, award: &Award) -> String {
    pick!(lang, crate::awards::award_line(award), en::award_line(award))
}

pub fn record_status_name(lang: Lang, status: RecordStatus) -> &'static str {
    pick!(lang, super::record_status_name(status), en::record_status_name(status))
}

pub fn risk_level_c(lang: Lang, subject: &str, period: Period) -> String {
    pick!(lang, super::risk_level_c(subject, period), en::risk_level_c(subject, period))
}

/// "Hoàn thành chương trình lớp 3" and the like (empty without a result).
pub fn completion_text(lang: Lang, grade: u8, result: Option<YearResult>) -> String {
    pick!(lang, crate::transcript::completion_text(grade, result), en::completion_text(grade, result))
}

pub fn signer_role_name(lang: Lang, role: SignerRole) -> &'static str {
    pick!(lang, super::signer_role_name(role), en::signer_role_name(role))
}

pub fn signed_on(lang: Lang, date_time_vn: &str) -> String {
    pick!(lang, super::signed_on(date_time_vn), en::signed_on(date_time_vn))
}

pub fn verdict_text(lang: Lang, verdict: Verdict) -> &'static str {
    pick!(lang, super::verdict_text(verdict), en::verdict_text(verdict))
}

pub fn revision_text(lang: Lang, change: RevisionChange, role: Option<SignerRole>) -> String {
    pick!(lang, super::revision_text(change, role), en::revision_text(change, role))
}

pub fn modification_level_text(lang: Lang, level: ModificationLevel) -> &'static str {
    pick!(lang, super::modification_level_text(level), en::modification_level_text(level))
}

pub fn finding_text(lang: Lang, kind: FindingKind, result: Option<YearResult>) -> String {
    pick!(lang, super::finding_text(kind, result), en::finding_text(kind, result))
}

pub fn checklist_summary(lang: Lang, findings: usize, pupils: usize) -> String {
    pick!(lang, super::checklist_summary(findings, pupils), en::checklist_summary(findings, pupils))
}

pub fn summary_subtitle(lang: Lang, class_name: &str, grade: u8, period: Period) -> String {
    pick!(lang, super::summary_subtitle(class_name, grade, period), en::summary_subtitle(class_name, grade, period))
}

pub fn summary_score_header(lang: Lang, score: u8) -> String {
    pick!(lang, super::summary_score_header(score), en::summary_score_header(score))
}

/// A verification's detail line (a report's, a signature's or an attachment's `problem`) in
/// `lang`. The checks write each one from a sentence of [`crate::messages`] (or a verdict's); its
/// English twin is in [`en`]. Text of no catalogue stays as it is.
pub fn verify_problem(lang: Lang, text: &str) -> &str {
    if lang == Lang::Vi {
        return text;
    }
    macro_rules! pairs {
        ($($name:ident),* $(,)?) => { [$((super::$name, en::$name)),*] };
    }
    let fixed = pairs!(
        VERIFY_DIGEST_MISMATCH,
        VERIFY_MODIFIED_AFTER,
        VERIFY_UNSIGNED_APPENDIX,
        VERIFY_UNKNOWN_ISSUER,
        VERIFY_CERT_NOT_VALID,
        VERIFY_MALFORMED,
        VERIFY_NOT_PDF,
        VERIFY_NO_RECORD,
        VERIFY_ATTACHMENT_OTHER_PUPIL,
        VERIFY_ATTACHMENT_OTHER_YEAR,
        VERIFY_ATTACHMENT_INVALID,
        VERIFY_ATTACHMENT_REVOKED,
        VERIFY_ROLE_MISSING,
        VERIFY_SIGNER_REVOKED,
        VERIFY_STATUS_NOT_CHECKED,
        VERIFY_SUPERSEDED,
        SIGNATURE_PENDING,
    );
    let verdicts = Verdict::ALL.map(|v| (super::verdict_text(v), en::verdict_text(v)));
    fixed.into_iter().chain(verdicts).find(|(vi, _)| *vi == text).map_or(text, |(_, en)| en)
}

/// A verification report with every detail line (the report's, each signature's, each
/// attachment's and its signatures') in `lang`, as [`verify_problem`] words them.
pub fn verify_report(lang: Lang, mut report: VerifyReport) -> VerifyReport {
    fn line(lang: Lang, problem: &mut Option<String>) {
        if let Some(p) = problem.as_mut() {
            *p = verify_problem(lang, p).to_owned();
        }
    }
    fn signatures(lang: Lang, list: &mut [SignatureCheck]) {
        for s in list {
            line(lang, &mut s.problem);
        }
    }
    line(lang, &mut report.problem);
    signatures(lang, &mut report.signatures);
    for a in &mut report.attachments {
        line(lang, &mut a.problem);
        signatures(lang, &mut a.signatures);
    }
    report
}

pub fn role_label(lang: Lang, role: Role) -> &'static str {
    pick!(lang, crate::roster::role_label(role), en::role_label(role))
}

pub fn active_label(lang: Lang, active: bool) -> &'static str {
    pick!(lang, crate::roster::active_label(active), en::active_label(active))
}

pub fn gender_name(lang: Lang, g: Gender) -> &'static str {
    pick!(lang, crate::people::gender_name(g), en::gender_name(g))
}

/// The fixed sentences and column names of [`crate::messages`] the web app shows, in one language.
pub struct Fixed {
    pub subject_level_invalid: &'static str,
    pub quality_level_invalid: &'static str,
    pub verify_test_certificate: &'static str,
    pub revoke_reason_required: &'static str,
    pub award_reason_required: &'static str,
    pub manual_note_required: &'static str,
    pub risk_result_cht: &'static str,
    pub summary_title: &'static str,
    pub summary_pupils: &'static str,
    pub summary_total: &'static str,
    pub summary_female: &'static str,
    pub summary_minority: &'static str,
    pub summary_female_minority: &'static str,
    pub summary_subjects: &'static str,
    pub summary_not_assessed: &'static str,
    pub summary_scores: &'static str,
    pub summary_from_9: &'static str,
    pub summary_from_7_to_8: &'static str,
    pub summary_from_5_to_6: &'static str,
    pub summary_below_5: &'static str,
    pub summary_no_score: &'static str,
    pub summary_average: &'static str,
    pub summary_qualities: &'static str,
    pub summary_results: &'static str,
    pub summary_no_result: &'static str,
    pub summary_awards: &'static str,
}

macro_rules! fixed {
    ($m:path) => {{
        use $m as m;
        Fixed {
            subject_level_invalid: m::SUBJECT_LEVEL_INVALID,
            quality_level_invalid: m::QUALITY_LEVEL_INVALID,
            verify_test_certificate: m::VERIFY_TEST_CERTIFICATE,
            revoke_reason_required: m::REVOKE_REASON_REQUIRED,
            award_reason_required: m::AWARD_REASON_REQUIRED,
            manual_note_required: m::MANUAL_NOTE_REQUIRED,
            risk_result_cht: m::RISK_RESULT_CHT,
            summary_title: m::SUMMARY_TITLE,
            summary_pupils: m::SUMMARY_PUPILS,
            summary_total: m::SUMMARY_TOTAL,
            summary_female: m::SUMMARY_FEMALE,
            summary_minority: m::SUMMARY_MINORITY,
            summary_female_minority: m::SUMMARY_FEMALE_MINORITY,
            summary_subjects: m::SUMMARY_SUBJECTS,
            summary_not_assessed: m::SUMMARY_NOT_ASSESSED,
            summary_scores: m::SUMMARY_SCORES,
            summary_from_9: m::SUMMARY_FROM_9,
            summary_from_7_to_8: m::SUMMARY_FROM_7_TO_8,
            summary_from_5_to_6: m::SUMMARY_FROM_5_TO_6,
            summary_below_5: m::SUMMARY_BELOW_5,
            summary_no_score: m::SUMMARY_NO_SCORE,
            summary_average: m::SUMMARY_AVERAGE,
            summary_qualities: m::SUMMARY_QUALITIES,
            summary_results: m::SUMMARY_RESULTS,
            summary_no_result: m::SUMMARY_NO_RESULT,
            summary_awards: m::SUMMARY_AWARDS,
        }
    }};
}

const FIXED_VI: Fixed = fixed!(crate::messages);
const FIXED_EN: Fixed = fixed!(crate::messages::en);

/// The fixed sentences in `lang`.
pub fn fixed(lang: Lang) -> &'static Fixed {
    pick!(lang, &FIXED_VI, &FIXED_EN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levels::{QualityLevel, SubjectLevel, YearResult};

    /// A Vietnamese letter with a diacritic (ASCII letters and punctuation are fine; Đ is the
    /// level letter a teacher types).
    fn has_vietnamese_letter(s: &str) -> bool {
        s.chars().any(|c| c.is_alphabetic() && !c.is_ascii() && c != 'Đ')
    }

    fn check(vi: &str, en: &str) {
        assert!(!en.trim().is_empty(), "empty English for {vi}");
        assert_ne!(vi, en, "untranslated");
        assert!(!has_vietnamese_letter(en), "Vietnamese letters in the English {en:?}");
    }

    #[test]
    fn a_verification_detail_line_reads_in_english() {
        use crate::messages as vi;
        for line in [vi::VERIFY_DIGEST_MISMATCH, vi::VERIFY_ATTACHMENT_REVOKED, vi::SIGNATURE_PENDING] {
            check(line, verify_problem(Lang::En, line));
            assert_eq!(verify_problem(Lang::Vi, line), line);
        }
        let revoked = vi::verdict_text(Verdict::Revoked);
        assert_eq!(verify_problem(Lang::En, revoked), en::verdict_text(Verdict::Revoked));
        assert_eq!(verify_problem(Lang::En, "Nguyễn Văn A"), "Nguyễn Văn A", "text of no catalogue stays");
    }

    #[test]
    fn every_domain_name_has_an_english_wording() {
        let both = |f: &dyn Fn(Lang) -> String| check(&f(Lang::Vi), &f(Lang::En));
        for l in SubjectLevel::ALL {
            both(&|g| subject_level_name(g, l).to_string());
        }
        for l in QualityLevel::ALL {
            both(&|g| quality_level_name(g, l).to_string());
        }
        for r in [YearResult::HTXS, YearResult::HTT, YearResult::HT, YearResult::CHT] {
            both(&|g| result_name(g, r).to_string());
        }
        for p in Period::ALL {
            both(&|g| period_name(g, p).to_string());
            both(&|g| summary_subtitle(g, "4A", 4, p));
            both(&|g| risk_level_c(g, "Toán", p).replace("Toán", ""));
        }
        for k in [QualityKind::PhamChat, QualityKind::NangLucChung, QualityKind::NangLucDacThu] {
            both(&|g| quality_kind_name(g, k).to_string());
        }
        for p in [Promotion::Promote, Promotion::Repeat] {
            both(&|g| promotion_name(g, p).to_string());
        }
        for c in [
            Completion::CompletedGrade,
            Completion::CompletedPrimary,
            Completion::AwaitingDecision,
            Completion::PromotedByDecision,
            Completion::Repeats,
        ] {
            both(&|g| completion_label(g, c).to_string());
        }
        for k in AwardKind::ALL {
            both(&|g| award_kind_title(g, k).to_string());
            both(&|g| award_kind_label(g, k).to_string());
        }
        for l in AwardLevel::ALL {
            both(&|g| award_level_name(g, l).to_string());
        }
        for s in [RecordStatus::Draft, RecordStatus::Submitted, RecordStatus::Returned, RecordStatus::Approved] {
            both(&|g| record_status_name(g, s).to_string());
        }
        for r in SignerRole::ALL {
            both(&|g| signer_role_name(g, r).to_string());
            both(&|g| revision_text(g, RevisionChange::Signature, Some(r)));
        }
        for v in Verdict::ALL {
            both(&|g| verdict_text(g, v).to_string());
        }
        for c in [
            RevisionChange::Created,
            RevisionChange::DocumentTimestamp,
            RevisionChange::ValidationData,
            RevisionChange::Nothing,
            RevisionChange::Other,
        ] {
            both(&|g| revision_text(g, c, None));
        }
        for l in [
            ModificationLevel::None,
            ModificationLevel::LtaUpdates,
            ModificationLevel::FormFilling,
            ModificationLevel::Other,
        ] {
            both(&|g| modification_level_text(g, l).to_string());
        }
        for k in [
            FindingKind::AwardNotConfirmed,
            FindingKind::MissingHeight,
            FindingKind::MissingWeight,
            FindingKind::MissingDaysAbsent,
            FindingKind::MissingSupplementary,
        ] {
            both(&|g| finding_text(g, k, Some(YearResult::HTT)));
        }
        for n in [0, 1, 3] {
            both(&|g| checklist_summary(g, n, 1));
        }
        for r in [Role::Admin, Role::Principal, Role::Teacher, Role::Parent] {
            both(&|g| role_label(g, r).to_string());
        }
        for a in [true, false] {
            both(&|g| active_label(g, a).to_string());
        }
        for s in [Gender::Nam, Gender::Nu] {
            both(&|g| gender_name(g, s).to_string());
        }
        for e in [ScoreError::NotWholeNumber, ScoreError::OutOfRange] {
            both(&|g| score_error(g, e).to_string());
        }
        both(&|g| signed_on(g, "01/02/2026 08:00"));
        both(&|g| summary_score_header(g, 10));
    }

    #[test]
    fn every_fixed_sentence_has_an_english_wording() {
        let (vi, en) = (fixed(Lang::Vi), fixed(Lang::En));
        let pairs = [
            (vi.subject_level_invalid, en.subject_level_invalid),
            (vi.quality_level_invalid, en.quality_level_invalid),
            (vi.verify_test_certificate, en.verify_test_certificate),
            (vi.revoke_reason_required, en.revoke_reason_required),
            (vi.award_reason_required, en.award_reason_required),
            (vi.manual_note_required, en.manual_note_required),
            (vi.risk_result_cht, en.risk_result_cht),
            (vi.summary_title, en.summary_title),
            (vi.summary_pupils, en.summary_pupils),
            (vi.summary_total, en.summary_total),
            (vi.summary_female, en.summary_female),
            (vi.summary_minority, en.summary_minority),
            (vi.summary_female_minority, en.summary_female_minority),
            (vi.summary_subjects, en.summary_subjects),
            (vi.summary_not_assessed, en.summary_not_assessed),
            (vi.summary_scores, en.summary_scores),
            (vi.summary_from_9, en.summary_from_9),
            (vi.summary_from_7_to_8, en.summary_from_7_to_8),
            (vi.summary_from_5_to_6, en.summary_from_5_to_6),
            (vi.summary_below_5, en.summary_below_5),
            (vi.summary_no_score, en.summary_no_score),
            (vi.summary_average, en.summary_average),
            (vi.summary_qualities, en.summary_qualities),
            (vi.summary_results, en.summary_results),
            (vi.summary_no_result, en.summary_no_result),
            (vi.summary_awards, en.summary_awards),
        ];
        for (v, e) in pairs {
            check(v, e);
        }
    }

    #[test]
    fn catalogue_names_follow_the_language() {
        assert_eq!(subject_name(Lang::Vi, "toan", "Toán"), "Toán");
        assert_eq!(subject_name(Lang::En, "toan", "Toán"), "Mathematics");
        assert_eq!(subject_name(Lang::En, "unknown", "Môn lạ"), "Môn lạ");
        assert_eq!(quality_name(Lang::En, "trung_thuc", "Trung thực"), "Honesty");
    }

    #[test]
    fn a_verification_report_reads_in_english_throughout() {
        let signature = |problem: &str| SignatureCheck {
            role: None,
            signer: "Hoàng Thị Lan".into(),
            issuer: "CA".into(),
            signed_at: None,
            intact: true,
            trusted: false,
            timestamped: false,
            problem: Some(problem.to_owned()),
            test_certificate: false,
            certificate_serial: None,
            certificate_revoked_at: None,
            certifies: false,
        };
        let mut report = VerifyReport::only(Verdict::Modified, Some(super::super::VERIFY_DIGEST_MISMATCH.to_owned()));
        report.signatures = vec![signature(super::super::VERIFY_UNKNOWN_ISSUER)];
        report.attachments = vec![crate::api::documents::AttachmentCheck {
            file_name: "hoc-ba-2024-2025.pdf".into(),
            school_year: None,
            code: None,
            verdict: Verdict::Revoked,
            signatures: vec![signature(super::super::VERIFY_CERT_NOT_VALID)],
            problem: Some(super::super::VERIFY_ATTACHMENT_REVOKED.to_owned()),
        }];
        let en = verify_report(Lang::En, report.clone());
        assert_eq!(en.problem.as_deref(), Some(en::VERIFY_DIGEST_MISMATCH));
        assert_eq!(en.signatures[0].problem.as_deref(), Some(en::VERIFY_UNKNOWN_ISSUER));
        assert_eq!(en.attachments[0].problem.as_deref(), Some(en::VERIFY_ATTACHMENT_REVOKED));
        assert_eq!(en.attachments[0].signatures[0].problem.as_deref(), Some(en::VERIFY_CERT_NOT_VALID));
        assert_eq!(verify_report(Lang::Vi, report.clone()), report);
    }
}
