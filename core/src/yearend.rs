//! A pupil's year-end extras (cuối năm) besides the subject and quality cells, and the
//! completion of the grade (TT27 Điều 11):
//!
//! - the computed result of Điều 9 ([`crate::rules::evaluate_year`]) is replaced by a manual
//!   result for a pupil with a disability (assessed against the individual education plan);
//! - a CHT is replaced by the result of the đánh giá bổ sung (HT or CHT) after the support plan;
//! - HTXS/HTT/HT completes the grade's programme (lớp 5: chương trình tiểu học) and moves the
//!   pupil up; a CHT that remains needs the principal's decision: được lên lớp or chưa được lên
//!   lớp (ở lại lớp). A grade-5 pupil cannot be moved up without completing primary school, so
//!   the only decision for grade 5 is [`Promotion::Repeat`].

use crate::api::yearend::{YearEnd, YearEndInput, YearOutcome};
use crate::entry::FieldError;
use crate::lang::Bilingual;
use crate::levels::YearResult;
use crate::messages;
use crate::text;
use serde::{Deserialize, Serialize};

/// Most days absent in a year, excused and unexcused together (a school year has about 175
/// school days).
pub const MAX_DAYS_ABSENT: u16 = 200;
/// Accepted height in cm.
pub const HEIGHT_CM: std::ops::RangeInclusive<f32> = 50.0..=200.0;
/// Accepted weight in kg.
pub const WEIGHT_KG: std::ops::RangeInclusive<f32> = 10.0..=120.0;
/// Longest manual or supplementary note, in characters after NFC normalisation and trimming.
pub const MAX_NOTE_CHARS: usize = 500;
/// The last grade of primary school.
pub const LAST_GRADE: u8 = 5;

/// The principal's decision for a pupil still CHT after the supplementary assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Promotion {
    /// Được lên lớp.
    Promote,
    /// Chưa được lên lớp (ở lại lớp).
    Repeat,
}

impl Promotion {
    pub fn code(self) -> &'static str {
        match self {
            Promotion::Promote => "promote",
            Promotion::Repeat => "repeat",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Promotion::Promote, Promotion::Repeat].into_iter().find(|p| p.code() == code)
    }
}

/// Where a pupil stands at the end of the year (section 6 of the học bạ page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Completion {
    /// Hoàn thành chương trình lớp học (grades 1–4): lên lớp.
    CompletedGrade,
    /// Hoàn thành chương trình tiểu học (grade 5).
    CompletedPrimary,
    /// Chưa hoàn thành; the principal has not decided yet.
    AwaitingDecision,
    /// Chưa hoàn thành; the principal decided được lên lớp.
    PromotedByDecision,
    /// Chưa hoàn thành; chưa được lên lớp (ở lại lớp).
    Repeats,
}

impl Completion {
    /// Completed the grade's (or primary school's) programme.
    pub fn completed(self) -> bool {
        matches!(self, Completion::CompletedGrade | Completion::CompletedPrimary)
    }

    /// Goes on next year: to the next grade, or out of primary school after grade 5.
    pub fn moves_on(self) -> bool {
        self.completed() || self == Completion::PromotedByDecision
    }
}

/// Checked year-end extras, ready to store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckedYearEnd {
    pub days_absent_excused: Option<u16>,
    pub days_absent_unexcused: Option<u16>,
    /// Rounded to one decimal.
    pub height_cm: Option<f32>,
    /// Rounded to one decimal.
    pub weight_kg: Option<f32>,
    pub manual_result: Option<YearResult>,
    /// NFC, trimmed, not empty; present with `manual_result`.
    pub manual_note: Option<String>,
    /// HT or CHT.
    pub supplementary_result: Option<YearResult>,
    /// NFC, trimmed, not empty.
    pub supplementary_note: Option<String>,
    pub base_version: Option<u32>,
}

impl CheckedYearEnd {
    /// The stored view with the given version.
    pub fn to_view(&self, version: u32) -> YearEnd {
        YearEnd {
            days_absent_excused: self.days_absent_excused,
            days_absent_unexcused: self.days_absent_unexcused,
            height_cm: self.height_cm,
            weight_kg: self.weight_kg,
            manual_result: self.manual_result,
            manual_note: self.manual_note.clone(),
            supplementary_result: self.supplementary_result,
            supplementary_note: self.supplementary_note.clone(),
            version,
        }
    }
}

fn days(value: Option<u16>, field: &str) -> Result<Option<u16>, FieldError> {
    match value {
        Some(d) if d > MAX_DAYS_ABSENT => Err(FieldError::new(field, crate::domain_text!(DAYS_ABSENT_OUT_OF_RANGE))),
        other => Ok(other),
    }
}

/// A measure within `range` with at most one decimal, rounded to exactly one decimal. The
/// tolerance absorbs the f32 representation of values such as 132.3.
fn measure(
    value: Option<f32>,
    range: &std::ops::RangeInclusive<f32>,
    field: &str,
    out_of_range: Bilingual,
    too_precise: Bilingual,
) -> Result<Option<f32>, FieldError> {
    let Some(v) = value else {
        return Ok(None);
    };
    if !v.is_finite() || !range.contains(&v) {
        return Err(FieldError::new(field, out_of_range));
    }
    let tenths = f64::from(v) * 10.0;
    if (tenths - tenths.round()).abs() > 1e-3 {
        return Err(FieldError::new(field, too_precise));
    }
    Ok(Some((tenths.round() / 10.0) as f32))
}

fn result_code(value: Option<&str>, field: &str, invalid: Bilingual) -> Result<Option<YearResult>, FieldError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => YearResult::parse(v).map(Some).ok_or_else(|| FieldError::new(field, invalid)),
    }
}

fn note(value: Option<&str>, field: &str) -> Result<Option<String>, FieldError> {
    let n = text::clean_opt(value);
    if n.as_ref().is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS) {
        return Err(FieldError::new(field, crate::domain_text!(NOTE_TOO_LONG)));
    }
    Ok(n)
}

/// Checks one pupil's year-end extras and answers the first refusal; see [`check_year_end_all`].
pub fn check_year_end(
    input: &YearEndInput,
    has_disability: bool,
    computed: Option<YearResult>,
) -> Result<CheckedYearEnd, FieldError> {
    check_year_end_all(input, has_disability, computed).map_err(|mut errors| errors.remove(0))
}

/// Keeps the value of a check, or records its refusal and goes on with the default.
fn keep<T: Default>(checked: Result<T, FieldError>, errors: &mut Vec<FieldError>) -> T {
    checked.unwrap_or_else(|e| {
        errors.push(e);
        T::default()
    })
}

/// Checks one pupil's year-end extras. `has_disability` is the flag of the enrolment;
/// `computed` the result of [`crate::rules::evaluate_year`] on the saved cells. Every refusal is
/// answered (never empty, at most one per field), in this order, each naming its field:
/// - `days_absent_excused`, `days_absent_unexcused`: more than [`MAX_DAYS_ABSENT`], or both
///   together more than that (named `days_absent_unexcused`);
/// - `height_cm`, `weight_kg`: outside [`HEIGHT_CM`] / [`WEIGHT_KG`] or with more than one decimal;
/// - `manual_result`: not a result code, or given for a pupil without the disability flag;
/// - `manual_note`: missing with a manual result, given without one, or longer than
///   [`MAX_NOTE_CHARS`];
/// - `supplementary_result`: not HT or CHT, or given while the result (manual, else computed) is
///   not CHT;
/// - `supplementary_note`: given without a supplementary result, or too long.
///
/// Blank texts count as not given; notes are cleaned (NFC, trimmed).
pub fn check_year_end_all(
    input: &YearEndInput,
    has_disability: bool,
    computed: Option<YearResult>,
) -> Result<CheckedYearEnd, Vec<FieldError>> {
    let mut errors = Vec::new();
    let excused = keep(days(input.days_absent_excused, "days_absent_excused"), &mut errors);
    let unexcused = keep(days(input.days_absent_unexcused, "days_absent_unexcused"), &mut errors);
    if errors.is_empty() && excused.unwrap_or(0) + unexcused.unwrap_or(0) > MAX_DAYS_ABSENT {
        errors.push(FieldError::new("days_absent_unexcused", crate::domain_text!(DAYS_ABSENT_TOTAL_TOO_HIGH)));
    }
    let height_cm = keep(
        measure(
            input.height_cm,
            &HEIGHT_CM,
            "height_cm",
            crate::domain_text!(HEIGHT_OUT_OF_RANGE),
            crate::domain_text!(HEIGHT_TOO_PRECISE),
        ),
        &mut errors,
    );
    let weight_kg = keep(
        measure(
            input.weight_kg,
            &WEIGHT_KG,
            "weight_kg",
            crate::domain_text!(WEIGHT_OUT_OF_RANGE),
            crate::domain_text!(WEIGHT_TOO_PRECISE),
        ),
        &mut errors,
    );

    let manual_checked =
        result_code(input.manual_result.as_deref(), "manual_result", crate::domain_text!(YEAR_RESULT_INVALID));
    let manual_readable = manual_checked.is_ok();
    let manual_result = keep(manual_checked, &mut errors);
    if manual_result.is_some() && !has_disability {
        errors.push(FieldError::new("manual_result", crate::domain_text!(MANUAL_RESULT_NOT_ALLOWED)));
    }
    match note(input.manual_note.as_deref(), "manual_note") {
        Err(e) => errors.push(e),
        Ok(None) if manual_result.is_some() => {
            errors.push(FieldError::new("manual_note", crate::domain_text!(MANUAL_NOTE_REQUIRED)));
        }
        Ok(Some(_)) if manual_readable && manual_result.is_none() => {
            errors.push(FieldError::new("manual_note", crate::domain_text!(MANUAL_NOTE_WITHOUT_RESULT)));
        }
        Ok(_) => {}
    }
    let manual_note = note(input.manual_note.as_deref(), "manual_note").ok().flatten();

    let supplementary_result = keep(
        result_code(
            input.supplementary_result.as_deref(),
            "supplementary_result",
            crate::domain_text!(SUPPLEMENTARY_RESULT_INVALID),
        ),
        &mut errors,
    );
    if let Some(s) = supplementary_result {
        if !matches!(s, YearResult::HT | YearResult::CHT) {
            errors.push(FieldError::new("supplementary_result", crate::domain_text!(SUPPLEMENTARY_RESULT_INVALID)));
        } else if manual_readable && manual_result.or(computed) != Some(YearResult::CHT) {
            errors.push(FieldError::new("supplementary_result", crate::domain_text!(SUPPLEMENTARY_NOT_ALLOWED)));
        }
    }
    let supplementary_note = keep(note(input.supplementary_note.as_deref(), "supplementary_note"), &mut errors);
    if supplementary_note.is_some() && supplementary_result.is_none() {
        errors.push(FieldError::new("supplementary_note", crate::domain_text!(SUPPLEMENTARY_NOTE_WITHOUT_RESULT)));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(CheckedYearEnd {
        days_absent_excused: excused,
        days_absent_unexcused: unexcused,
        height_cm,
        weight_kg,
        manual_result,
        manual_note,
        supplementary_result,
        supplementary_note,
        base_version: input.base_version,
    })
}

/// The result that counts: a manual result overrides the computed one; then a supplementary
/// result replaces a CHT (and is ignored otherwise). A supplementary result can raise a CHT
/// to HT at most: a better one counts as HT.
pub fn effective_result(
    computed: Option<YearResult>,
    manual: Option<YearResult>,
    supplementary: Option<YearResult>,
) -> Option<YearResult> {
    match manual.or(computed) {
        Some(YearResult::CHT) => Some(supplementary.map_or(YearResult::CHT, |s| s.max(YearResult::HT))),
        other => other,
    }
}

/// A measure with one decimal (height in cm, weight in kg) as whole tenths, as the database keeps
/// it without floats: height in millimetres, weight in hectograms.
pub fn to_tenths(value: f32) -> i32 {
    (f64::from(value) * 10.0).round() as i32
}

/// The measure of [`to_tenths`] back: 1323 → 132.3.
pub fn from_tenths(tenths: i32) -> f32 {
    (f64::from(tenths) / 10.0) as f32
}

/// The effective result of stored extras.
pub fn effective_of(computed: Option<YearResult>, extras: &YearEnd) -> Option<YearResult> {
    effective_result(computed, extras.manual_result, extras.supplementary_result)
}

/// The principal must decide lên lớp / ở lại lớp: the effective result is CHT.
pub fn decision_needed(effective: Option<YearResult>) -> bool {
    effective == Some(YearResult::CHT)
}

/// Checks a principal's decision (field `decision`): only for a pupil whose effective result
/// is CHT, and in grade 5 only [`Promotion::Repeat`] (moving on from grade 5 needs the
/// completion of primary school).
pub fn check_decision(grade: u8, effective: Option<YearResult>, decision: Promotion) -> Result<Promotion, FieldError> {
    if !decision_needed(effective) {
        return Err(FieldError::new("decision", crate::domain_text!(DECISION_NOT_NEEDED)));
    }
    if grade == LAST_GRADE && decision == Promotion::Promote {
        return Err(FieldError::new("decision", crate::domain_text!(DECISION_PROMOTE_GRADE_5)));
    }
    Ok(decision)
}

/// Where the pupil stands (Điều 11). `None` while there is no result or for a grade outside
/// 1–5. HTXS/HTT/HT complete the grade whatever the decision says; a CHT follows the
/// principal's decision, except that a grade-5 [`Promotion::Promote`] (refused by
/// [`check_decision`]) counts as no decision.
pub fn completion(grade: u8, effective: Option<YearResult>, decision: Option<Promotion>) -> Option<Completion> {
    if !crate::catalogue::GRADES.contains(&grade) {
        return None;
    }
    let completed = if grade == LAST_GRADE { Completion::CompletedPrimary } else { Completion::CompletedGrade };
    match effective? {
        YearResult::HTXS | YearResult::HTT | YearResult::HT => Some(completed),
        YearResult::CHT => Some(match decision {
            None => Completion::AwaitingDecision,
            Some(Promotion::Promote) if grade == LAST_GRADE => Completion::AwaitingDecision,
            Some(Promotion::Promote) => Completion::PromotedByDecision,
            Some(Promotion::Repeat) => Completion::Repeats,
        }),
    }
}

/// Everything the screens show about a pupil's year end.
pub fn outcome(grade: u8, computed: Option<YearResult>, extras: &YearEnd, decision: Option<Promotion>) -> YearOutcome {
    let effective = effective_of(computed, extras);
    let completion = completion(grade, effective, decision);
    YearOutcome {
        computed,
        effective,
        decision,
        completion,
        decision_needed: decision_needed(effective),
        label: completion.map(|c| messages::completion_label(c).to_owned()),
        book_text: completion.map(|c| messages::completion_book_text(grade, c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use YearResult::{CHT, HT, HTT, HTXS};

    fn err(field: &str, message: crate::lang::Bilingual) -> FieldError {
        FieldError::new(field, message)
    }

    fn check(input: YearEndInput) -> Result<CheckedYearEnd, FieldError> {
        check_year_end(&input, false, Some(HT))
    }

    #[test]
    fn an_empty_input_is_accepted() {
        assert_eq!(check(YearEndInput::default()), Ok(CheckedYearEnd::default()));
    }

    #[test]
    fn a_full_input_is_cleaned() {
        let input = YearEndInput {
            days_absent_excused: Some(3),
            days_absent_unexcused: Some(0),
            height_cm: Some(132.3),
            weight_kg: Some(28.0),
            manual_result: Some(" cht ".into()),
            manual_note: Some("  Đánh giá theo kế hoạch giáo dục ca\u{301} nhân  ".into()),
            supplementary_result: Some("HT".into()),
            supplementary_note: Some(" Đã rèn luyện trong hè. ".into()),
            base_version: Some(2),
        };
        let c = check_year_end(&input, true, Some(HTXS)).expect("valid");
        assert_eq!(
            c,
            CheckedYearEnd {
                days_absent_excused: Some(3),
                days_absent_unexcused: Some(0),
                height_cm: Some(132.3),
                weight_kg: Some(28.0),
                manual_result: Some(CHT),
                manual_note: Some("Đánh giá theo kế hoạch giáo dục cá nhân".into()),
                supplementary_result: Some(HT),
                supplementary_note: Some("Đã rèn luyện trong hè.".into()),
                base_version: Some(2),
            }
        );
        let view = c.to_view(3);
        assert_eq!(view.version, 3);
        assert_eq!(effective_of(Some(HTXS), &view), Some(HT));
    }

    #[test]
    fn days_absent() {
        let d = |e: Option<u16>, u: Option<u16>| {
            check(YearEndInput { days_absent_excused: e, days_absent_unexcused: u, ..Default::default() })
        };
        assert!(d(Some(200), None).is_ok());
        assert!(d(Some(0), Some(200)).is_ok());
        assert!(d(Some(120), Some(80)).is_ok());
        assert_eq!(d(Some(201), None), Err(err("days_absent_excused", crate::domain_text!(DAYS_ABSENT_OUT_OF_RANGE))));
        assert_eq!(
            d(None, Some(201)),
            Err(err("days_absent_unexcused", crate::domain_text!(DAYS_ABSENT_OUT_OF_RANGE)))
        );
        assert_eq!(
            d(Some(150), Some(51)),
            Err(err("days_absent_unexcused", crate::domain_text!(DAYS_ABSENT_TOTAL_TOO_HIGH)))
        );
        assert!(messages::DAYS_ABSENT_OUT_OF_RANGE.contains(&MAX_DAYS_ABSENT.to_string()));
    }

    #[test]
    fn every_refused_field_is_named_once() {
        let input = YearEndInput {
            days_absent_excused: Some(201),
            height_cm: Some(300.0),
            weight_kg: Some(30.25),
            manual_result: Some("HT".into()),
            supplementary_note: Some("Sau hè".into()),
            ..Default::default()
        };
        let errors = check_year_end_all(&input, false, Some(HT)).expect_err("refused");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["days_absent_excused", "height_cm", "weight_kg", "manual_result", "manual_note", "supplementary_note"]
        );
        assert_eq!(errors[1], err("height_cm", crate::domain_text!(HEIGHT_OUT_OF_RANGE)));
        assert_eq!(errors[2], err("weight_kg", crate::domain_text!(WEIGHT_TOO_PRECISE)));
        // The single answer is the first of them.
        assert_eq!(check_year_end(&input, false, Some(HT)), Err(errors[0].clone()));
        // An unreadable manual result does not also refuse its note or the supplementary result.
        let unreadable = YearEndInput {
            manual_result: Some("XYZ".into()),
            manual_note: Some("Theo kế hoạch".into()),
            ..Default::default()
        };
        let errors = check_year_end_all(&unreadable, true, Some(HT)).expect_err("refused");
        assert_eq!(errors, vec![err("manual_result", crate::domain_text!(YEAR_RESULT_INVALID))]);
    }

    #[test]
    fn height_and_weight() {
        let h = |v: f32| check(YearEndInput { height_cm: Some(v), ..Default::default() });
        let w = |v: f32| check(YearEndInput { weight_kg: Some(v), ..Default::default() });
        for ok in [50.0, 200.0, 132.3, 99.9, 120.5] {
            assert_eq!(h(ok).map(|c| c.height_cm), Ok(Some(ok)), "{ok}");
        }
        for bad in [49.9, 200.1, 0.0, -5.0, f32::NAN, f32::INFINITY] {
            assert_eq!(h(bad), Err(err("height_cm", crate::domain_text!(HEIGHT_OUT_OF_RANGE))), "{bad}");
        }
        for bad in [132.25, 100.01, 150.123] {
            assert_eq!(h(bad), Err(err("height_cm", crate::domain_text!(HEIGHT_TOO_PRECISE))), "{bad}");
        }
        for ok in [10.0, 120.0, 25.4, 31.7] {
            assert_eq!(w(ok).map(|c| c.weight_kg), Ok(Some(ok)), "{ok}");
        }
        assert_eq!(w(9.9), Err(err("weight_kg", crate::domain_text!(WEIGHT_OUT_OF_RANGE))));
        assert_eq!(w(120.1), Err(err("weight_kg", crate::domain_text!(WEIGHT_OUT_OF_RANGE))));
        assert_eq!(w(25.45), Err(err("weight_kg", crate::domain_text!(WEIGHT_TOO_PRECISE))));
    }

    #[test]
    fn manual_result_only_for_pupils_with_a_disability() {
        let input = YearEndInput {
            manual_result: Some("HT".into()),
            manual_note: Some("Theo kế hoạch giáo dục cá nhân".into()),
            ..Default::default()
        };
        assert_eq!(
            check_year_end(&input, false, Some(CHT)),
            Err(err("manual_result", crate::domain_text!(MANUAL_RESULT_NOT_ALLOWED)))
        );
        assert_eq!(check_year_end(&input, true, Some(CHT)).map(|c| c.manual_result), Ok(Some(HT)));
        assert_eq!(check_year_end(&input, true, None).map(|c| c.manual_result), Ok(Some(HT)));
        let bad = YearEndInput { manual_result: Some("Tốt".into()), ..input.clone() };
        assert_eq!(
            check_year_end(&bad, true, None),
            Err(err("manual_result", crate::domain_text!(YEAR_RESULT_INVALID)))
        );
        // A blank result is no result; then a note is refused.
        let blank = YearEndInput { manual_result: Some("  ".into()), ..input };
        assert_eq!(
            check_year_end(&blank, true, None),
            Err(err("manual_note", crate::domain_text!(MANUAL_NOTE_WITHOUT_RESULT)))
        );
    }

    #[test]
    fn manual_note_rules() {
        let with = |note: Option<String>| {
            let input = YearEndInput { manual_result: Some("HTT".into()), manual_note: note, ..Default::default() };
            check_year_end(&input, true, Some(CHT))
        };
        assert_eq!(with(None), Err(err("manual_note", crate::domain_text!(MANUAL_NOTE_REQUIRED))));
        assert_eq!(with(Some(" \n\t ".into())), Err(err("manual_note", crate::domain_text!(MANUAL_NOTE_REQUIRED))));
        let fits = "ễ".repeat(MAX_NOTE_CHARS);
        assert_eq!(with(Some(format!(" {fits} "))).map(|c| c.manual_note), Ok(Some(fits)));
        // Decomposed letters count once after NFC.
        let decomposed = "e\u{302}\u{303}".repeat(MAX_NOTE_CHARS);
        assert!(with(Some(decomposed)).is_ok());
        assert_eq!(
            with(Some("a".repeat(MAX_NOTE_CHARS + 1))),
            Err(err("manual_note", crate::domain_text!(NOTE_TOO_LONG)))
        );
        assert!(messages::NOTE_TOO_LONG.contains(&MAX_NOTE_CHARS.to_string()));
    }

    #[test]
    fn supplementary_result_only_after_a_cht() {
        let sup = |code: &str| YearEndInput { supplementary_result: Some(code.into()), ..Default::default() };
        assert_eq!(check_year_end(&sup("HT"), false, Some(CHT)).map(|c| c.supplementary_result), Ok(Some(HT)));
        assert_eq!(check_year_end(&sup("cht"), false, Some(CHT)).map(|c| c.supplementary_result), Ok(Some(CHT)));
        for computed in [Some(HTXS), Some(HTT), Some(HT), None] {
            assert_eq!(
                check_year_end(&sup("HT"), false, computed),
                Err(err("supplementary_result", crate::domain_text!(SUPPLEMENTARY_NOT_ALLOWED))),
                "{computed:?}"
            );
        }
        for bad in ["HTT", "HTXS", "Đạt", "X"] {
            assert_eq!(
                check_year_end(&sup(bad), false, Some(CHT)),
                Err(err("supplementary_result", crate::domain_text!(SUPPLEMENTARY_RESULT_INVALID))),
                "{bad}"
            );
        }
        // The manual result decides whether a supplementary assessment applies.
        let manual = |code: &str| YearEndInput {
            manual_result: Some(code.into()),
            manual_note: Some("Theo kế hoạch".into()),
            supplementary_result: Some("HT".into()),
            ..Default::default()
        };
        assert!(check_year_end(&manual("CHT"), true, Some(HTXS)).is_ok());
        assert_eq!(
            check_year_end(&manual("HT"), true, Some(CHT)),
            Err(err("supplementary_result", crate::domain_text!(SUPPLEMENTARY_NOT_ALLOWED)))
        );
        let note_only =
            YearEndInput { supplementary_note: Some("Rèn luyện trong hè".into()), ..Default::default() };
        assert_eq!(
            check_year_end(&note_only, false, Some(CHT)),
            Err(err("supplementary_note", crate::domain_text!(SUPPLEMENTARY_NOTE_WITHOUT_RESULT)))
        );
        let long = YearEndInput { supplementary_note: Some("a".repeat(MAX_NOTE_CHARS + 1)), ..sup("HT") };
        assert_eq!(
            check_year_end(&long, false, Some(CHT)),
            Err(err("supplementary_note", crate::domain_text!(NOTE_TOO_LONG)))
        );
    }

    #[test]
    fn errors_come_in_order() {
        let all_bad = YearEndInput {
            days_absent_excused: Some(500),
            days_absent_unexcused: Some(500),
            height_cm: Some(10.0),
            weight_kg: Some(500.0),
            manual_result: Some("HT".into()),
            manual_note: None,
            supplementary_result: Some("HTXS".into()),
            supplementary_note: Some("x".repeat(600)),
            base_version: None,
        };
        let field = |i: &YearEndInput| check_year_end(i, false, Some(CHT)).map_err(|e| e.field);
        assert_eq!(field(&all_bad), Err("days_absent_excused".into()));
        let i = YearEndInput { days_absent_excused: None, ..all_bad };
        assert_eq!(field(&i), Err("days_absent_unexcused".into()));
        let i = YearEndInput { days_absent_unexcused: None, ..i };
        assert_eq!(field(&i), Err("height_cm".into()));
        let i = YearEndInput { height_cm: None, ..i };
        assert_eq!(field(&i), Err("weight_kg".into()));
        let i = YearEndInput { weight_kg: None, ..i };
        assert_eq!(field(&i), Err("manual_result".into()));
        let i = YearEndInput { manual_result: None, ..i };
        assert_eq!(field(&i), Err("supplementary_result".into()));
        let i = YearEndInput { supplementary_result: Some("HT".into()), ..i };
        assert_eq!(field(&i), Err("supplementary_note".into()));
    }

    #[test]
    fn measures_round_trip_through_tenths() {
        assert_eq!(to_tenths(132.3), 1323);
        assert_eq!(to_tenths(28.0), 280);
        assert_eq!(from_tenths(1323), 132.3);
        for t in 100..=2000 {
            let v = from_tenths(t);
            assert_eq!(to_tenths(v), t);
            let input = YearEndInput { height_cm: Some(v).filter(|v| HEIGHT_CM.contains(v)), ..Default::default() };
            let checked = check_year_end(&input, false, None).map(|c| c.height_cm);
            assert_eq!(checked, Ok(input.height_cm), "{v}");
        }
    }

    #[test]
    fn effective_results() {
        assert_eq!(effective_result(None, None, None), None);
        assert_eq!(effective_result(Some(HTT), None, None), Some(HTT));
        assert_eq!(effective_result(Some(HTT), Some(HT), None), Some(HT));
        assert_eq!(effective_result(None, Some(HTXS), None), Some(HTXS));
        assert_eq!(effective_result(Some(CHT), None, None), Some(CHT));
        assert_eq!(effective_result(Some(CHT), None, Some(HT)), Some(HT));
        assert_eq!(effective_result(Some(CHT), None, Some(CHT)), Some(CHT));
        assert_eq!(effective_result(Some(CHT), None, Some(HTXS)), Some(HT), "capped at HT");
        assert_eq!(effective_result(Some(HT), None, Some(CHT)), Some(HT), "ignored unless CHT");
        assert_eq!(effective_result(Some(HTXS), Some(CHT), Some(HT)), Some(HT));
        assert_eq!(effective_result(None, None, Some(HT)), None);
    }

    #[test]
    fn completions() {
        for r in [HTXS, HTT, HT] {
            for d in [None, Some(Promotion::Promote), Some(Promotion::Repeat)] {
                assert_eq!(completion(3, Some(r), d), Some(Completion::CompletedGrade));
                assert_eq!(completion(5, Some(r), d), Some(Completion::CompletedPrimary));
            }
        }
        assert_eq!(completion(1, Some(CHT), None), Some(Completion::AwaitingDecision));
        assert_eq!(completion(1, Some(CHT), Some(Promotion::Promote)), Some(Completion::PromotedByDecision));
        assert_eq!(completion(4, Some(CHT), Some(Promotion::Repeat)), Some(Completion::Repeats));
        assert_eq!(completion(5, Some(CHT), Some(Promotion::Repeat)), Some(Completion::Repeats));
        assert_eq!(completion(5, Some(CHT), Some(Promotion::Promote)), Some(Completion::AwaitingDecision));
        assert_eq!(completion(2, None, Some(Promotion::Repeat)), None);
        assert_eq!(completion(0, Some(HT), None), None);
        assert_eq!(completion(6, Some(HT), None), None);
        assert!(decision_needed(Some(CHT)));
        assert!(!decision_needed(Some(HT)) && !decision_needed(None));
    }

    #[test]
    fn decisions() {
        assert_eq!(check_decision(3, Some(CHT), Promotion::Promote), Ok(Promotion::Promote));
        assert_eq!(check_decision(5, Some(CHT), Promotion::Repeat), Ok(Promotion::Repeat));
        assert_eq!(
            check_decision(5, Some(CHT), Promotion::Promote),
            Err(err("decision", crate::domain_text!(DECISION_PROMOTE_GRADE_5)))
        );
        assert_eq!(
            check_decision(3, Some(HT), Promotion::Repeat),
            Err(err("decision", crate::domain_text!(DECISION_NOT_NEEDED)))
        );
        assert_eq!(
            check_decision(3, None, Promotion::Repeat),
            Err(err("decision", crate::domain_text!(DECISION_NOT_NEEDED)))
        );
        for p in [Promotion::Promote, Promotion::Repeat] {
            assert_eq!(Promotion::from_code(p.code()), Some(p));
        }
    }

    #[test]
    fn texts() {
        assert_eq!(messages::completion_book_text(3, Completion::CompletedGrade), "Hoàn thành chương trình lớp 3");
        assert_eq!(messages::completion_book_text(5, Completion::CompletedPrimary), "Hoàn thành chương trình tiểu học");
        assert_eq!(
            messages::completion_book_text(2, Completion::Repeats),
            "Chưa hoàn thành chương trình lớp 2; chưa được lên lớp (ở lại lớp)"
        );
        assert_eq!(messages::completion_label(Completion::PromotedByDecision), "Được lên lớp");
        let extras = YearEnd { supplementary_result: Some(HT), ..Default::default() };
        let o = outcome(5, Some(CHT), &extras, None);
        assert_eq!(o.effective, Some(HT));
        assert_eq!(o.completion, Some(Completion::CompletedPrimary));
        assert!(!o.decision_needed);
        assert_eq!(o.book_text.as_deref(), Some("Hoàn thành chương trình tiểu học"));
        let o = outcome(2, Some(CHT), &YearEnd::default(), None);
        assert!(o.decision_needed);
        assert_eq!(o.label.as_deref(), Some(messages::completion_label(Completion::AwaitingDecision)));
        assert_eq!(outcome(2, None, &YearEnd::default(), None).book_text, None);
    }

    fn result() -> impl Strategy<Value = YearResult> {
        proptest::sample::select(YearResult::ALL.to_vec())
    }

    fn decision() -> impl Strategy<Value = Option<Promotion>> {
        proptest::option::of(prop_oneof![Just(Promotion::Promote), Just(Promotion::Repeat)])
    }

    proptest! {
        /// A CHT without a supplementary result never counts as completed, whatever the
        /// decision; a completion exists iff there is a result.
        #[test]
        fn cht_without_supplementary_never_completes(
            grade in 1u8..=5,
            computed in proptest::option::of(result()),
            manual in proptest::option::of(result()),
            supplementary in proptest::option::of(result()),
            decision in decision(),
        ) {
            let effective = effective_result(computed, manual, supplementary);
            let c = completion(grade, effective, decision);
            prop_assert_eq!(c.is_some(), effective.is_some());
            if manual.or(computed) == Some(CHT) && supplementary.is_none() {
                prop_assert_eq!(effective, Some(CHT));
                prop_assert!(c.is_some_and(|c| !c.completed()));
            }
            prop_assert_eq!(c.is_some_and(Completion::completed), effective.is_some_and(YearResult::completes_grade));
            if decision.is_none() {
                // Without a decision nobody moves on unless completed.
                prop_assert_eq!(c.is_some_and(Completion::moves_on), c.is_some_and(Completion::completed));
            }
            prop_assert_eq!(c == Some(Completion::AwaitingDecision) || c == Some(Completion::PromotedByDecision)
                || c == Some(Completion::Repeats), decision_needed(effective));
            if grade == LAST_GRADE {
                prop_assert_ne!(c, Some(Completion::PromotedByDecision));
                prop_assert_ne!(c, Some(Completion::CompletedGrade));
            } else {
                prop_assert_ne!(c, Some(Completion::CompletedPrimary));
            }
        }

        /// Without a manual result, a better computed result never gives a worse effective one
        /// (smaller is better in the order of YearResult), whatever the supplementary result.
        #[test]
        fn better_computed_is_never_worse(
            a in result(),
            b in result(),
            supplementary in proptest::option::of(result()),
        ) {
            let (better, worse) = if a <= b { (a, b) } else { (b, a) };
            let e_better = effective_result(Some(better), None, supplementary);
            let e_worse = effective_result(Some(worse), None, supplementary);
            prop_assert!(e_better <= e_worse, "{:?} → {:?}, {:?} → {:?}", better, e_better, worse, e_worse);
            // The effective result is never better than HT when the computed one is CHT.
            if worse == CHT {
                prop_assert!(e_worse >= Some(HT));
            }
        }

        /// Whatever the teacher sends, an accepted input keeps its values within the limits and
        /// its effective result is consistent with the rules.
        #[test]
        fn accepted_inputs_are_within_limits(
            excused in proptest::option::of(0u16..=260),
            unexcused in proptest::option::of(0u16..=260),
            height in proptest::option::of(40.0f32..210.0),
            tenths in proptest::option::of(50u16..=1300),
            manual in proptest::option::of(prop_oneof![Just("HT".to_string()), Just("CHT".to_string()), Just("x".to_string())]),
            with_note in any::<bool>(),
            sup in proptest::option::of(prop_oneof![Just("HT".to_string()), Just("CHT".to_string()), Just("HTT".to_string())]),
            disability in any::<bool>(),
            computed in proptest::option::of(result()),
        ) {
            let input = YearEndInput {
                days_absent_excused: excused,
                days_absent_unexcused: unexcused,
                height_cm: height,
                weight_kg: tenths.map(|t| f32::from(t) / 10.0),
                manual_result: manual,
                manual_note: with_note.then(|| "Theo kế hoạch giáo dục cá nhân".to_string()),
                supplementary_result: sup,
                supplementary_note: None,
                base_version: None,
            };
            if let Ok(c) = check_year_end(&input, disability, computed) {
                prop_assert!(c.days_absent_excused.unwrap_or(0) + c.days_absent_unexcused.unwrap_or(0) <= MAX_DAYS_ABSENT);
                prop_assert!(c.height_cm.is_none_or(|h| HEIGHT_CM.contains(&h)));
                prop_assert!(c.weight_kg.is_none_or(|w| WEIGHT_KG.contains(&w)));
                prop_assert!(c.manual_result.is_none() || disability);
                prop_assert_eq!(c.manual_result.is_some(), c.manual_note.is_some());
                if c.supplementary_result.is_some() {
                    prop_assert_eq!(c.manual_result.or(computed), Some(CHT));
                }
                // A weight typed with one decimal is kept exactly.
                prop_assert_eq!(c.weight_kg, input.weight_kg);
            }
        }
    }
}
