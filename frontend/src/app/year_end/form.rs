//! The pure part of one pupil on the year-end screen: the extras as the teacher types them
//! (numbers with a Vietnamese decimal comma, "132,5"), the request bodies built from them, and
//! what the pupil's panel offers.

use crate::hooks::opt;
use crate::i18n::domain as messages;
use crate::i18n::t;
use hocba_core::api::{AwardInput, YearEnd, YearEndInput, YearEndRow};
use hocba_core::awards::AwardKind;
use hocba_core::YearResult;

/// Every field of an award the server may name in a refusal.
pub const AWARD_FIELDS: [&str; 5] = ["kind", "title", "level", "awarded_on", "reason"];

/// A number of days as typed: blank is "not given"; anything but a whole number is refused.
pub fn parse_days(text: &str) -> Result<Option<u16>, ()> {
    let s = text.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    s.parse().map(Some).map_err(|_| ())
}

/// A height or weight as typed, with a comma ("132,5", as Vietnamese write it) or a point as
/// the decimal separator; blank is "not given". The range and the number of decimals are the
/// server's checks.
pub fn parse_measure(text: &str) -> Result<Option<f32>, ()> {
    let s = text.trim().replace(',', ".");
    if s.is_empty() {
        return Ok(None);
    }
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    let points = s.bytes().filter(|b| *b == b'.').count();
    if digits == 0 || points > 1 || digits + points != s.len() {
        return Err(());
    }
    s.parse::<f32>().map(Some).map_err(|_| ())
}

/// A stored measure as Vietnamese read it: 132.5 → "132,5", 30.0 → "30".
pub fn format_measure(value: f32) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").unwrap_or(&text).replace('.', ",")
}

/// A pupil's extras as the form holds them (the text of each input).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExtrasDraft {
    pub days_absent_excused: String,
    pub days_absent_unexcused: String,
    pub height_cm: String,
    pub weight_kg: String,
    /// A result code, or "" for none.
    pub manual_result: String,
    pub manual_note: String,
    /// "HT", "CHT" or "".
    pub supplementary_result: String,
    pub supplementary_note: String,
}

impl ExtrasDraft {
    /// The stored values, ready to edit.
    pub fn of(stored: &YearEnd) -> Self {
        let days = |d: Option<u16>| d.map(|d| d.to_string()).unwrap_or_default();
        let measure = |m: Option<f32>| m.map(format_measure).unwrap_or_default();
        let result = |r: Option<YearResult>| r.map(|r| r.code().to_string()).unwrap_or_default();
        ExtrasDraft {
            days_absent_excused: days(stored.days_absent_excused),
            days_absent_unexcused: days(stored.days_absent_unexcused),
            height_cm: measure(stored.height_cm),
            weight_kg: measure(stored.weight_kg),
            manual_result: result(stored.manual_result),
            manual_note: stored.manual_note.clone().unwrap_or_default(),
            supplementary_result: result(stored.supplementary_result),
            supplementary_note: stored.supplementary_note.clone().unwrap_or_default(),
        }
    }

    /// The body written over `base_version`, or every field the browser cannot read, with its
    /// message (the rules themselves are checked by the server).
    pub fn to_input(&self, base_version: u32) -> Result<YearEndInput, Vec<(&'static str, String)>> {
        let tx = t();
        let mut errors: Vec<(&'static str, String)> = Vec::new();
        let mut days = |text: &str, field: &'static str| {
            parse_days(text).unwrap_or_else(|()| {
                errors.push((field, tx.days_invalid.into()));
                None
            })
        };
        let excused = days(&self.days_absent_excused, "days_absent_excused");
        let unexcused = days(&self.days_absent_unexcused, "days_absent_unexcused");
        let mut measure = |text: &str, field: &'static str, message: &str| {
            parse_measure(text).unwrap_or_else(|()| {
                errors.push((field, message.into()));
                None
            })
        };
        let height = measure(&self.height_cm, "height_cm", tx.height_invalid);
        let weight = measure(&self.weight_kg, "weight_kg", tx.weight_invalid);
        let manual_result = opt(self.manual_result.clone());
        let manual_note = opt(self.manual_note.clone());
        if manual_result.is_some() && manual_note.is_none() {
            errors.push(("manual_note", messages::fixed().manual_note_required.into()));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(YearEndInput {
            days_absent_excused: excused,
            days_absent_unexcused: unexcused,
            height_cm: height,
            weight_kg: weight,
            manual_result,
            manual_note,
            supplementary_result: opt(self.supplementary_result.clone()),
            supplementary_note: opt(self.supplementary_note.clone()),
            base_version: Some(base_version),
        })
    }

    /// Sets the text of a field of the extras, named as the API names it (others are ignored).
    pub fn set(&mut self, field: &str, value: String) {
        let slot = match field {
            "days_absent_excused" => &mut self.days_absent_excused,
            "days_absent_unexcused" => &mut self.days_absent_unexcused,
            "height_cm" => &mut self.height_cm,
            "weight_kg" => &mut self.weight_kg,
            "manual_result" => &mut self.manual_result,
            "manual_note" => &mut self.manual_note,
            "supplementary_result" => &mut self.supplementary_result,
            "supplementary_note" => &mut self.supplementary_note,
            _ => return,
        };
        *slot = value;
    }

    /// The text of a field of the extras, named as the API names it.
    pub fn get(&self, field: &str) -> &str {
        match field {
            "days_absent_excused" => &self.days_absent_excused,
            "days_absent_unexcused" => &self.days_absent_unexcused,
            "height_cm" => &self.height_cm,
            "weight_kg" => &self.weight_kg,
            "manual_result" => &self.manual_result,
            "manual_note" => &self.manual_note,
            "supplementary_result" => &self.supplementary_result,
            "supplementary_note" => &self.supplementary_note,
            _ => "",
        }
    }
}

/// Whether the form offers the đánh giá bổ sung: the result before it (the manual result being
/// typed for a pupil with a disability, else the computed one) is CHT, or one is stored already
/// (so that it can be cleared).
pub fn offers_supplementary(row: &YearEndRow, draft: &ExtrasDraft) -> bool {
    let manual = if row.has_disability { YearResult::parse(&draft.manual_result) } else { None };
    manual.or(row.outcome.computed) == Some(YearResult::CHT) || row.year_end.supplementary_result.is_some()
}

/// Why the result that counts differs from the computed one, in words a parent understands.
pub fn effective_note(row: &YearEndRow) -> Option<&'static str> {
    let before = row.year_end.manual_result.or(row.outcome.computed);
    if row.year_end.supplementary_result.is_some() && before == Some(YearResult::CHT) {
        Some(t().by_supplementary)
    } else if row.year_end.manual_result.is_some() {
        Some(t().by_manual_result)
    } else {
        None
    }
}

/// The body confirming a suggested year-end giấy khen (its title and level are fixed).
pub fn suggested_award(kind: AwardKind, reason: &str) -> AwardInput {
    AwardInput { kind: kind.code().into(), reason: opt(reason.to_string()), ..AwardInput::default() }
}

/// An award typed in the "Thêm khen thưởng khác" form.
#[derive(Debug, Clone, PartialEq)]
pub struct AwardDraft {
    /// `dot_xuat` or `competition`.
    pub kind: String,
    pub title: String,
    /// An `AwardLevel` code or "".
    pub level: String,
    /// dd/mm/yyyy as typed.
    pub awarded_on: String,
    pub reason: String,
}

impl Default for AwardDraft {
    fn default() -> Self {
        AwardDraft {
            kind: AwardKind::Competition.code().into(),
            title: String::new(),
            level: String::new(),
            awarded_on: String::new(),
            reason: String::new(),
        }
    }
}

impl AwardDraft {
    pub fn to_input(&self) -> AwardInput {
        AwardInput {
            kind: self.kind.clone(),
            title: opt(self.title.clone()),
            level: opt(self.level.clone()),
            awarded_on: opt(self.awarded_on.clone()),
            reason: opt(self.reason.clone()),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use hocba_core::api::{PupilRef, YearOutcome};
    use hocba_core::rules::Evaluation;

    #[test]
    fn measures_accept_a_decimal_comma() {
        assert_eq!(parse_measure("132,5"), Ok(Some(132.5)));
        assert_eq!(parse_measure(" 132.5 "), Ok(Some(132.5)));
        assert_eq!(parse_measure("30"), Ok(Some(30.0)));
        assert_eq!(parse_measure(",5"), Ok(Some(0.5)));
        assert_eq!(parse_measure("  "), Ok(None));
        for bad in ["abc", "1,2,3", "1.2,3", "-5", "+5", "1e3", "inf", "NaN", ",", "13 2"] {
            assert_eq!(parse_measure(bad), Err(()), "{bad}");
        }
        // Out of range or too precise is the server's to refuse, with its own message.
        assert_eq!(parse_measure("300"), Ok(Some(300.0)));
        assert_eq!(parse_measure("132,25"), Ok(Some(132.25)));
    }

    #[test]
    fn measures_are_shown_with_a_comma() {
        assert_eq!(format_measure(132.5), "132,5");
        assert_eq!(format_measure(30.0), "30");
        assert_eq!(format_measure(28.4), "28,4");
        assert_eq!(parse_measure(&format_measure(132.3)), Ok(Some(132.3)));
    }

    #[test]
    fn days_are_whole_numbers() {
        assert_eq!(parse_days(" 2 "), Ok(Some(2)));
        assert_eq!(parse_days("0"), Ok(Some(0)));
        assert_eq!(parse_days(""), Ok(None));
        for bad in ["-1", "1,5", "hai", "70000"] {
            assert_eq!(parse_days(bad), Err(()), "{bad}");
        }
    }

    #[test]
    fn the_draft_becomes_the_request() {
        let draft = ExtrasDraft {
            days_absent_excused: "2".into(),
            days_absent_unexcused: "1".into(),
            height_cm: "132,5".into(),
            weight_kg: "30".into(),
            ..ExtrasDraft::default()
        };
        let input = draft.to_input(3).expect("readable");
        assert_eq!(
            input,
            YearEndInput {
                days_absent_excused: Some(2),
                days_absent_unexcused: Some(1),
                height_cm: Some(132.5),
                weight_kg: Some(30.0),
                base_version: Some(3),
                ..YearEndInput::default()
            }
        );
        let json = serde_json::to_value(&input).unwrap_or_default();
        assert_eq!(json["height_cm"], 132.5);
        assert_eq!(json["base_version"], 3);
        // Stored values come back as typed.
        let stored = YearEnd {
            days_absent_excused: Some(2),
            days_absent_unexcused: Some(1),
            height_cm: Some(132.5),
            weight_kg: Some(30.0),
            version: 4,
            ..YearEnd::default()
        };
        assert_eq!(ExtrasDraft::of(&stored), draft);
    }

    #[test]
    fn unreadable_fields_are_named() {
        let draft = ExtrasDraft {
            days_absent_excused: "hai".into(),
            height_cm: "1m32".into(),
            weight_kg: "30,5".into(),
            manual_result: "HT".into(),
            ..ExtrasDraft::default()
        };
        let errors = draft.to_input(0).expect_err("refused");
        assert_eq!(
            errors,
            vec![
                ("days_absent_excused", t().days_invalid.to_string()),
                ("height_cm", t().height_invalid.to_string()),
                ("manual_note", messages::fixed().manual_note_required.to_string()),
            ]
        );
    }

    pub(crate) fn row(id: &str, computed: Option<YearResult>) -> YearEndRow {
        YearEndRow {
            pupil: PupilRef { id: id.into(), full_name: format!("Học sinh {id}") },
            has_disability: false,
            transferred_out: false,
            year_end: YearEnd::default(),
            evaluation: Evaluation { result: computed, limiting: Vec::new(), missing: Vec::new() },
            explanation: String::new(),
            outcome: YearOutcome {
                computed,
                effective: computed,
                decision: None,
                completion: None,
                decision_needed: false,
                label: None,
                book_text: None,
            },
            decided_by: None,
            awards: Vec::new(),
            suggestion: None,
        }
    }

    #[test]
    fn supplementary_assessment_only_after_a_cht() {
        let draft = ExtrasDraft::default();
        assert!(offers_supplementary(&row("a", Some(YearResult::CHT)), &draft));
        assert!(!offers_supplementary(&row("a", Some(YearResult::HT)), &draft));
        assert!(!offers_supplementary(&row("a", None), &draft));
        // A pupil with a disability: the manual result being typed decides.
        let mut disabled = row("a", Some(YearResult::HTT));
        disabled.has_disability = true;
        let cht = ExtrasDraft { manual_result: "CHT".into(), ..ExtrasDraft::default() };
        assert!(offers_supplementary(&disabled, &cht));
        assert!(!offers_supplementary(&disabled, &draft));
        // Without the flag a manual value is ignored.
        assert!(!offers_supplementary(&row("a", Some(YearResult::HT)), &cht));
    }

    #[test]
    fn the_result_that_counts_is_explained() {
        let plain = row("a", Some(YearResult::HT));
        assert_eq!(effective_note(&plain), None);
        let mut manual = row("a", Some(YearResult::CHT));
        manual.has_disability = true;
        manual.year_end.manual_result = Some(YearResult::HT);
        assert_eq!(effective_note(&manual), Some(t().by_manual_result));
        let mut summer = row("a", Some(YearResult::CHT));
        summer.year_end.supplementary_result = Some(YearResult::HT);
        assert_eq!(effective_note(&summer), Some(t().by_supplementary));
    }

    #[test]
    fn award_bodies() {
        let xs = suggested_award(AwardKind::HocSinhXuatSac, " ");
        assert_eq!(xs, AwardInput { kind: "hoc_sinh_xuat_sac".into(), ..AwardInput::default() });
        let tb = suggested_award(AwardKind::HocSinhTieuBieu, "Tiến bộ môn Toán");
        assert_eq!(tb.reason.as_deref(), Some("Tiến bộ môn Toán"));
        let other = AwardDraft {
            title: "Giải Nhì Hội thi Viết chữ đẹp".into(),
            level: "district".into(),
            awarded_on: "15/03/2026".into(),
            ..AwardDraft::default()
        };
        let input = other.to_input();
        assert_eq!(input.kind, "competition");
        assert_eq!(input.level.as_deref(), Some("district"));
        assert_eq!(input.awarded_on.as_deref(), Some("15/03/2026"));
        assert_eq!(input.reason, None);
    }
}
