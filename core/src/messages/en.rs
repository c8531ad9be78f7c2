//! English wording of domain values, for the web app's second language and the server's answers.
//! Same names and signatures as the Vietnamese of [`crate::messages`]; the PDF and the XML stay
//! Vietnamese. The server's refusals and verification details are in `refusals.rs`. Official terms a
//! reader must recognise keep their Vietnamese code beside the English ("Completed well (T)" is built
//! by the caller).

use crate::api::admin::Gender;
use crate::api::documents::{ModificationLevel, RevisionChange, SignerRole, Verdict};
use crate::api::{Award, FindingKind, RecordStatus, Role};
use crate::awards::{AwardKind, AwardLevel};
use crate::catalogue::QualityKind;
use crate::levels::{QualityLevel, SubjectLevel, YearResult};
use crate::period::Period;
use crate::rules::{Evaluation, Factor, Missing, ScoreError};
use crate::yearend::{Completion, Promotion};

mod refusals;
pub use refusals::*;

pub fn subject_level_name(level: SubjectLevel) -> &'static str {
    match level {
        SubjectLevel::T => "Completed well",
        SubjectLevel::H => "Completed",
        SubjectLevel::C => "Not yet completed",
    }
}

pub fn quality_level_name(level: QualityLevel) -> &'static str {
    match level {
        QualityLevel::T => "Good",
        QualityLevel::D => "Satisfactory",
        QualityLevel::C => "Needs effort",
    }
}

pub fn result_name(result: YearResult) -> &'static str {
    match result {
        YearResult::HTXS => "Completed excellently",
        YearResult::HTT => "Completed well",
        YearResult::HT => "Completed",
        YearResult::CHT => "Not yet completed",
    }
}

pub fn period_name(period: Period) -> &'static str {
    match period {
        Period::GiuaHk1 => "Mid-term I",
        Period::CuoiHk1 => "End of term I",
        Period::GiuaHk2 => "Mid-term II",
        Period::CuoiNam => "End of year",
    }
}

pub fn score_error(err: ScoreError) -> &'static str {
    match err {
        ScoreError::NotWholeNumber => "A test score must be a whole number (no decimals).",
        ScoreError::OutOfRange => "A test score must be from 1 to 10.",
    }
}

pub const SUBJECT_LEVEL_INVALID: &str = "The level reached can only be T, H or C.";
/// Đ is the letter the teacher types (D is accepted too).
pub const QUALITY_LEVEL_INVALID: &str = "The level of a quality or competence can only be T, Đ or C.";

pub fn quality_kind_name(kind: QualityKind) -> &'static str {
    match kind {
        QualityKind::PhamChat => "Core qualities",
        QualityKind::NangLucChung => "General competences",
        QualityKind::NangLucDacThu => "Specific competences",
    }
}

/// The English name of a subject of the TT27 catalogue, by its code.
pub fn subject_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "tieng_viet" => "Vietnamese",
        "toan" => "Mathematics",
        "ngoai_ngu_1" => "Foreign language 1",
        "dao_duc" => "Ethics",
        "tu_nhien_xa_hoi" => "Nature and society",
        "lich_su_dia_li" => "History and geography",
        "khoa_hoc" => "Science",
        "tin_hoc" => "Informatics and technology (Informatics)",
        "cong_nghe" => "Informatics and technology (Technology)",
        "giao_duc_the_chat" => "Physical education",
        "am_nhac" => "Arts (Music)",
        "mi_thuat" => "Arts (Fine arts)",
        "hoat_dong_trai_nghiem" => "Experiential activities",
        "tieng_dan_toc" => "Ethnic minority language",
        _ => return None,
    })
}

/// The English name of a quality or competence of the TT27 catalogue, by its code.
pub fn quality_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "yeu_nuoc" => "Patriotism",
        "nhan_ai" => "Kindness",
        "cham_chi" => "Diligence",
        "trung_thuc" => "Honesty",
        "trach_nhiem" => "Responsibility",
        "tu_chu_tu_hoc" => "Autonomy and self-learning",
        "giao_tiep_hop_tac" => "Communication and cooperation",
        "giai_quyet_van_de" => "Problem solving and creativity",
        "ngon_ngu" => "Language",
        "tinh_toan" => "Numeracy",
        "khoa_hoc_nl" => "Science",
        "cong_nghe_nl" => "Technology",
        "tin_hoc_nl" => "Informatics",
        "tham_mi" => "Aesthetics",
        "the_chat" => "Physical",
        _ => return None,
    })
}

fn subject(code: &str, name: &str) -> String {
    subject_name(code).unwrap_or(name).to_string()
}

fn quality(code: &str, name: &str) -> String {
    quality_name(code).unwrap_or(name).to_string()
}

fn factor_text(f: &Factor) -> String {
    match f {
        Factor::SubjectLevel { code, name, level } => {
            format!("{} is at the level {}", subject(code, name), subject_level_name(*level))
        }
        Factor::Score { code, name, score } => format!("the test score in {} is {score}", subject(code, name)),
        Factor::Quality { code, name, level } => {
            format!("{} is at the level {}", quality(code, name), quality_level_name(*level))
        }
    }
}

fn missing_text(m: &Missing) -> String {
    match m {
        Missing::SubjectLevel { code, name } => format!("the level reached in {}", subject(code, name)),
        Missing::Score { code, name } => format!("the test score in {}", subject(code, name)),
        Missing::Quality { code, name } => format!("the level of {}", quality(code, name)),
    }
}

fn next_better(result: YearResult) -> YearResult {
    match result {
        YearResult::HTT => YearResult::HTXS,
        YearResult::HT => YearResult::HTT,
        _ => YearResult::HT,
    }
}

/// One sentence a parent understands, e.g.
/// "Not yet Completed well because Arts (Music) is at the level Completed."
pub fn explain(e: &Evaluation) -> String {
    match e.result {
        None => {
            let list: Vec<String> = e.missing.iter().map(missing_text).collect();
            format!("Not enough data to assess yet: still missing {}.", list.join(", "))
        }
        Some(YearResult::HTXS) => "Completed excellently: every subject and activity at Completed well, qualities and \
            competences at Good, test scores of 9 or more."
            .to_string(),
        Some(result) => {
            let list: Vec<String> = e.limiting.iter().map(factor_text).collect();
            format!("Not yet {} because {}.", result_name(next_better(result)), list.join("; "))
        }
    }
}

/// What one limiting value must become for the next better result (`target`), worded as a goal.
fn requirement_text(f: &Factor, target: YearResult) -> String {
    let top = matches!(target, YearResult::HTXS | YearResult::HTT);
    match f {
        Factor::SubjectLevel { code, name, .. } => {
            let level = if top { SubjectLevel::T } else { SubjectLevel::H };
            format!("{} at the level {}", subject(code, name), subject_level_name(level))
        }
        Factor::Score { code, name, .. } => {
            let least = match target {
                YearResult::HTXS => 9,
                YearResult::HTT => 7,
                _ => 5,
            };
            format!("a test score of {least} or more in {}", subject(code, name))
        }
        Factor::Quality { code, name, .. } => {
            let level = if top { QualityLevel::T } else { QualityLevel::D };
            format!("{} at the level {}", quality(code, name), quality_level_name(level))
        }
    }
}

/// The explanation for parents, worded positively: what the child reached, then what the next
/// result asks for, e.g. "Completed. For Completed well: Mathematics at the level Completed well."
pub fn explain_for_parents(e: &Evaluation) -> String {
    match e.result {
        None | Some(YearResult::HTXS) => explain(e),
        Some(result) => {
            let better = next_better(result);
            let list: Vec<String> = e.limiting.iter().map(|f| requirement_text(f, better)).collect();
            let goal = format!("For {}: {}.", result_name(better), list.join("; "));
            if result == YearResult::CHT {
                goal
            } else {
                format!("{}. {goal}", result_name(result))
            }
        }
    }
}

pub fn promotion_name(p: Promotion) -> &'static str {
    match p {
        Promotion::Promote => "Moves up",
        Promotion::Repeat => "Does not move up (repeats the grade)",
    }
}

/// Short label of a completion for the screens and the class summary.
pub fn completion_label(c: Completion) -> &'static str {
    match c {
        Completion::CompletedGrade => "Completed the grade's programme",
        Completion::CompletedPrimary => "Completed the primary programme",
        Completion::AwaitingDecision => "Not yet completed, awaiting the principal's decision",
        Completion::PromotedByDecision => promotion_name(Promotion::Promote),
        Completion::Repeats => promotion_name(Promotion::Repeat),
    }
}

/// The title of a year-end certificate of merit (giấy khen); a generic name for the other kinds.
pub fn award_kind_title(kind: AwardKind) -> &'static str {
    match kind {
        AwardKind::HocSinhXuatSac => "Excellent pupil",
        AwardKind::HocSinhTieuBieu => "Exemplary pupil, completing learning and training well",
        AwardKind::DotXuat => "Special award",
        AwardKind::Competition => "Prize in a competition or contest",
    }
}

/// Short name of an award kind, for lists and the class summary.
pub fn award_kind_label(kind: AwardKind) -> &'static str {
    match kind {
        AwardKind::HocSinhXuatSac => "Excellent pupil",
        AwardKind::HocSinhTieuBieu => "Exemplary pupil",
        AwardKind::DotXuat => "Special award",
        AwardKind::Competition => "Competition prize",
    }
}

/// As shown after the title: "Second prize, Handwriting Contest, district level".
pub fn award_level_name(level: AwardLevel) -> &'static str {
    match level {
        AwardLevel::School => "school level",
        AwardLevel::Commune => "commune level",
        AwardLevel::District => "district level",
        AwardLevel::Province => "provincial level",
        AwardLevel::National => "national level",
        AwardLevel::International => "international",
    }
}

/// One award on a line: the certificate's English title for a year-end giấy khen; for other
/// awards the title as typed (in Vietnamese), the level and the date.
pub fn award_line(award: &Award) -> String {
    if award.kind.is_year_end() {
        return award_kind_title(award.kind).to_string();
    }
    let mut line = format!("{}, {}", award.title, award_level_name(award.level));
    if let Some(d) = award.awarded_on {
        line.push_str(&format!(" ({})", crate::people::format_date_vn(d)));
    }
    line
}

pub fn record_status_name(status: RecordStatus) -> &'static str {
    match status {
        RecordStatus::Draft => "Draft",
        RecordStatus::Submitted => "Submitted for approval",
        RecordStatus::Returned => "Returned",
        RecordStatus::Approved => "Approved",
    }
}

pub fn risk_level_c(subject: &str, period: Period) -> String {
    format!("{subject} at Not yet completed ({})", period_name(period))
}

pub const RISK_RESULT_CHT: &str = "Has not completed the grade's programme (end of year)";

/// The role of a signer as shown on the verification page.
pub fn signer_role_name(role: SignerRole) -> &'static str {
    match role {
        SignerRole::Teacher => "Homeroom teacher",
        SignerRole::Principal => "Principal",
        SignerRole::Seal => "School seal",
    }
}

/// "Signed on: dd/mm/yyyy HH:MM" in Vietnam time.
pub fn signed_on(date_time_vn: &str) -> String {
    format!("Signed on: {date_time_vn} (Vietnam time)")
}

/// The verdict of a verification in plain English, one sentence.
pub fn verdict_text(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Authentic => {
            "Original and intact: the digital signatures are valid and the content has not been changed since signing."
        }
        Verdict::Modified => "The document was changed after signing: it cannot be used as the original.",
        Verdict::Revoked => "The school has revoked this document.",
        Verdict::UnknownSigner => "The signature was not made by a school with a trusted digital certificate.",
        Verdict::NotSigned => "This file carries no school record digital signature.",
        Verdict::NotFound => "No document has this code.",
    }
}

/// What a revision of a signed PDF did, for a receiver.
pub fn revision_text(change: RevisionChange, role: Option<SignerRole>) -> String {
    match change {
        RevisionChange::Created => "Document created".to_string(),
        RevisionChange::Signature => match role {
            Some(role) => format!("Digital signature: {}", signer_role_name(role)),
            None => "Digital signature".to_string(),
        },
        RevisionChange::DocumentTimestamp => "Archive timestamp".to_string(),
        RevisionChange::ValidationData => "Long-term validation data (certificates, revocation lists)".to_string(),
        RevisionChange::Nothing => "No change to the content".to_string(),
        RevisionChange::Other => "Content changed".to_string(),
    }
}

/// How far a revision changed the document.
pub fn modification_level_text(level: ModificationLevel) -> &'static str {
    match level {
        ModificationLevel::None => "no change",
        ModificationLevel::LtaUpdates => "archive data added only",
        ModificationLevel::FormFilling => "signatures added only",
        ModificationLevel::Other => "content changed",
    }
}

/// Signed with hocba's demo CA: a trial.
pub const VERIFY_TEST_CERTIFICATE: &str = "Test certificate — no legal value.";

/// What a checklist finding says is missing for the pupil.
pub fn finding_text(kind: FindingKind, result: Option<YearResult>) -> String {
    match kind {
        FindingKind::AwardNotConfirmed => {
            let award = match result {
                Some(YearResult::HTXS) => award_kind_label(AwardKind::HocSinhXuatSac),
                _ => award_kind_label(AwardKind::HocSinhTieuBieu),
            };
            let named = result.map(result_name).unwrap_or_default();
            format!("Result {named}, no confirmed “{award}” certificate yet")
        }
        FindingKind::MissingHeight => "Height not recorded".to_owned(),
        FindingKind::MissingWeight => "Weight not recorded".to_owned(),
        FindingKind::MissingDaysAbsent => "Days absent (with and without permission) not recorded".to_owned(),
        FindingKind::MissingSupplementary => "Result Not yet completed, no supplementary assessment yet".to_owned(),
    }
}

/// The checklist in one line.
pub fn checklist_summary(findings: usize, pupils: usize) -> String {
    if findings == 0 {
        return "Nothing left to look at before approving.".to_owned();
    }
    let points = if findings == 1 { "1 point".to_owned() } else { format!("{findings} points") };
    let whom = if pupils == 1 { "1 pupil".to_owned() } else { format!("{pupils} pupils") };
    format!("{points} to look at for {whom} before approving.")
}

// ---- Messages the web app checks itself before sending ----

pub const REVOKE_REASON_REQUIRED: &str = "Please write the reason for revoking.";
pub const AWARD_REASON_REQUIRED: &str = "Write the reason for the Exemplary pupil award (an outstanding subject, or a \
     quality or competence with clear progress).";
pub const MANUAL_NOTE_REQUIRED: &str =
    "Write the basis of the assessment (from the individual education plan) when recording an individual result.";

// ---- The class summary (crate::summary) ----

pub const SUMMARY_TITLE: &str = "SUMMARY OF EDUCATIONAL ASSESSMENT RESULTS";
pub const SUMMARY_PUPILS: &str = "Number of pupils";
/// Total, over the first column of each pair.
pub const SUMMARY_TOTAL: &str = "Total";
pub const SUMMARY_FEMALE: &str = "Girls";
pub const SUMMARY_MINORITY: &str = "Ethnic minority";
pub const SUMMARY_FEMALE_MINORITY: &str = "Ethnic minority girls";
pub const SUMMARY_SUBJECTS: &str = "Subjects and educational activities";
pub const SUMMARY_NOT_ASSESSED: &str = "Not assessed";
pub const SUMMARY_SCORES: &str = "Periodic test scores";
pub const SUMMARY_FROM_9: &str = "9 to 10";
pub const SUMMARY_FROM_7_TO_8: &str = "7 to 8";
pub const SUMMARY_FROM_5_TO_6: &str = "5 to 6";
pub const SUMMARY_BELOW_5: &str = "Below 5";
pub const SUMMARY_NO_SCORE: &str = "No score yet";
pub const SUMMARY_AVERAGE: &str = "Average score";
pub const SUMMARY_QUALITIES: &str = "Qualities and competences";
pub const SUMMARY_RESULTS: &str = "Educational results";
pub const SUMMARY_NO_RESULT: &str = "No result yet";
pub const SUMMARY_AWARDS: &str = "Awards";

/// "Class 4A – Grade 4 – End of year".
pub fn summary_subtitle(class_name: &str, grade: u8, period: Period) -> String {
    format!("Class {class_name} – Grade {grade} – {}", period_name(period))
}

/// "Score 10".
pub fn summary_score_header(score: u8) -> String {
    format!("Score {score}")
}

// ---- People and accounts (crate::roster, crate::people) ----

pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::Admin => "Administrator",
        Role::Principal => "Principal",
        Role::Teacher => "Teacher",
        Role::Parent => "Parent",
    }
}

pub fn active_label(active: bool) -> &'static str {
    if active {
        "Working"
    } else {
        "Left"
    }
}

pub fn gender_name(g: Gender) -> &'static str {
    match g {
        Gender::Nam => "Male",
        Gender::Nu => "Female",
    }
}

/// "Completed the grade 3 programme" and the like (empty without a result).
pub fn completion_text(grade: u8, result: Option<YearResult>) -> String {
    match result {
        Some(r) if r.completes_grade() && grade == 5 => "Completed the primary programme".to_string(),
        Some(r) if r.completes_grade() => format!("Completed the grade {grade} programme"),
        Some(_) => format!("Not yet completed the grade {grade} programme"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{qualities_and_competencies, subjects_for_grade, GRADES};
    use crate::rules::{evaluate_year, QualityOutcome, SubjectOutcome};

    #[test]
    fn every_catalogue_entry_has_an_english_name() {
        for grade in GRADES {
            for s in subjects_for_grade(grade) {
                assert!(subject_name(s.code).is_some(), "subject {}", s.code);
            }
            for q in qualities_and_competencies(grade) {
                assert!(quality_name(q.code).is_some(), "quality {}", q.code);
            }
        }
    }

    #[test]
    fn the_explanation_is_english() {
        let subjects = [
            SubjectOutcome { code: "toan", name: "Toán", level: Some(SubjectLevel::T), scored: true, score: Some(10) },
            SubjectOutcome {
                code: "am_nhac",
                name: "Nghệ thuật (Âm nhạc)",
                level: Some(SubjectLevel::H),
                scored: false,
                score: None,
            },
        ];
        let qualities = [QualityOutcome { code: "yeu_nuoc", name: "Yêu nước", level: Some(QualityLevel::T) }];
        let e = evaluate_year(&subjects, &qualities);
        assert_eq!(explain(&e), "Not yet Completed well because Arts (Music) is at the level Completed.");
        assert_eq!(explain_for_parents(&e), "Completed. For Completed well: Arts (Music) at the level Completed well.");
    }

    #[test]
    fn the_parents_explanation_is_positive() {
        let subjects =
            [SubjectOutcome {
                code: "toan", name: "Toán", level: Some(SubjectLevel::C), scored: true, score: Some(4)
            }];
        let qualities = [QualityOutcome { code: "trung_thuc", name: "Trung thực", level: Some(QualityLevel::T) }];
        assert_eq!(
            explain_for_parents(&evaluate_year(&subjects, &qualities)),
            "For Completed: Mathematics at the level Completed; a test score of 5 or more in Mathematics."
        );
    }
}
