//! The principal's checklist before approving a class's cuối năm record: what the year-end
//! record still lacks, pupil by pupil — a result HTXS or HTT without the confirmed giấy khen it
//! suggests (Điều 13), no height, weight or days absent, a result CHT without the đánh giá bổ sung
//! (Điều 11). Approving while it has findings needs a reason (the override), kept in the audit log.

use crate::api::{ApprovalChecklist, ChecklistFinding, FindingKind, YearEndRow};
use crate::entry::FieldError;
use crate::levels::YearResult;
use crate::period::Period;
use crate::{awards, messages, text};

/// Longest override reason, in characters (NFC, trimmed).
pub const MAX_OVERRIDE_REASON_CHARS: usize = 500;

/// Only the cuối năm record carries the year-end extras and awards the checklist looks at.
pub fn applies(period: Period) -> bool {
    period == Period::CuoiNam
}

/// The findings of one pupil's year-end line, in the order of [`FindingKind`]. A pupil who
/// transferred out has none: the record is frozen where it was.
pub fn pupil_findings(row: &YearEndRow) -> Vec<ChecklistFinding> {
    if row.transferred_out {
        return Vec::new();
    }
    let effective = row.outcome.effective;
    let extras = &row.year_end;
    let mut kinds = Vec::new();
    if let Some(suggested) = awards::suggest(effective) {
        let confirmed = row.awards.iter().any(|a| a.kind == suggested.kind && a.confirmed_by.is_some());
        if !confirmed {
            kinds.push(FindingKind::AwardNotConfirmed);
        }
    }
    if extras.height_cm.is_none() {
        kinds.push(FindingKind::MissingHeight);
    }
    if extras.weight_kg.is_none() {
        kinds.push(FindingKind::MissingWeight);
    }
    if extras.days_absent_excused.is_none() || extras.days_absent_unexcused.is_none() {
        kinds.push(FindingKind::MissingDaysAbsent);
    }
    if effective == Some(YearResult::CHT) && extras.supplementary_result.is_none() {
        kinds.push(FindingKind::MissingSupplementary);
    }
    kinds
        .into_iter()
        .map(|kind| {
            let result = matches!(kind, FindingKind::AwardNotConfirmed | FindingKind::MissingSupplementary)
                .then_some(effective)
                .flatten();
            ChecklistFinding { pupil: row.pupil.clone(), kind, result, message: messages::finding_text(kind, result) }
        })
        .collect()
}

/// The checklist of a class record at a periodic point from its year-end lines (in roster
/// order); empty at the periodic points other than cuối năm.
pub fn checklist(period: Period, rows: &[YearEndRow]) -> ApprovalChecklist {
    let findings: Vec<ChecklistFinding> =
        if applies(period) { rows.iter().flat_map(pupil_findings).collect() } else { Vec::new() };
    ApprovalChecklist { period, message: messages::checklist_summary(findings.len(), pupils_in(&findings)), findings }
}

/// How many pupils the findings name (a pupil's findings are consecutive).
pub fn pupils_in(findings: &[ChecklistFinding]) -> usize {
    let mut ids: Vec<&str> = findings.iter().map(|f| f.pupil.id.as_str()).collect();
    ids.dedup();
    ids.len()
}

/// The override reason of an approval as sent: `None` when none was sent; refused (field
/// `override_reason`) when blank after trimming or longer than [`MAX_OVERRIDE_REASON_CHARS`].
pub fn check_override_reason(reason: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(raw) = reason else {
        return Ok(None);
    };
    let cleaned = text::clean(raw);
    if cleaned.is_empty() {
        return Err(FieldError::new("override_reason", crate::domain_text!(OVERRIDE_REASON_REQUIRED)));
    }
    if cleaned.chars().count() > MAX_OVERRIDE_REASON_CHARS {
        return Err(FieldError::new("override_reason", crate::domain_text!(OVERRIDE_REASON_TOO_LONG)));
    }
    Ok(Some(cleaned))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Award, PupilRef, YearEnd, YearOutcome};
    use crate::awards::{AwardKind, AwardLevel};
    use crate::rules::Evaluation;

    fn row(id: &str, effective: Option<YearResult>) -> YearEndRow {
        YearEndRow {
            pupil: PupilRef { id: id.into(), full_name: format!("Học sinh {id}") },
            has_disability: false,
            transferred_out: false,
            year_end: YearEnd {
                days_absent_excused: Some(0),
                days_absent_unexcused: Some(1),
                height_cm: Some(132.5),
                weight_kg: Some(30.0),
                ..YearEnd::default()
            },
            evaluation: Evaluation { result: effective, ..Evaluation::default() },
            explanation: String::new(),
            outcome: YearOutcome {
                computed: effective,
                effective,
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

    fn award(kind: AwardKind, confirmed: bool) -> Award {
        Award {
            id: "a".into(),
            kind,
            title: messages::award_kind_title(kind).into(),
            level: AwardLevel::School,
            awarded_on: None,
            reason: None,
            confirmed_by: confirmed.then(|| "Vàng Thị Dung".into()),
        }
    }

    fn kinds(row: &YearEndRow) -> Vec<FindingKind> {
        pupil_findings(row).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn a_complete_pupil_has_no_finding() {
        assert!(kinds(&row("1", Some(YearResult::HT))).is_empty());
        let mut best = row("2", Some(YearResult::HTXS));
        best.awards.push(award(AwardKind::HocSinhXuatSac, true));
        assert!(kinds(&best).is_empty());
        let mut good = row("3", Some(YearResult::HTT));
        good.awards.push(award(AwardKind::HocSinhTieuBieu, true));
        assert!(kinds(&good).is_empty());
    }

    #[test]
    fn htxs_and_htt_need_their_confirmed_giay_khen() {
        let best = row("1", Some(YearResult::HTXS));
        let found = pupil_findings(&best);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, FindingKind::AwardNotConfirmed);
        assert_eq!(found[0].result, Some(YearResult::HTXS));
        assert!(found[0].message.contains("Học sinh Xuất sắc"), "{}", found[0].message);
        // An unconfirmed award or another kind does not count.
        let mut unconfirmed = row("2", Some(YearResult::HTXS));
        unconfirmed.awards.push(award(AwardKind::HocSinhXuatSac, false));
        unconfirmed.awards.push(award(AwardKind::Competition, true));
        assert_eq!(kinds(&unconfirmed), [FindingKind::AwardNotConfirmed]);
        let good = row("3", Some(YearResult::HTT));
        let found = pupil_findings(&good);
        assert_eq!(found[0].kind, FindingKind::AwardNotConfirmed);
        assert!(found[0].message.contains("Học sinh Tiêu biểu"), "{}", found[0].message);
    }

    #[test]
    fn missing_measures_and_absences_are_named_one_by_one() {
        let mut r = row("1", Some(YearResult::HT));
        r.year_end = YearEnd::default();
        assert_eq!(kinds(&r), [FindingKind::MissingHeight, FindingKind::MissingWeight, FindingKind::MissingDaysAbsent]);
        let mut r = row("2", Some(YearResult::HT));
        r.year_end.days_absent_unexcused = None;
        assert_eq!(kinds(&r), [FindingKind::MissingDaysAbsent]);
    }

    #[test]
    fn cht_needs_the_supplementary_assessment() {
        let weak = row("1", Some(YearResult::CHT));
        let found = pupil_findings(&weak);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, FindingKind::MissingSupplementary);
        assert_eq!(found[0].message, "Kết quả Chưa hoàn thành, chưa có đánh giá bổ sung");
        let mut assessed = row("2", Some(YearResult::CHT));
        assessed.year_end.supplementary_result = Some(YearResult::CHT);
        assert!(kinds(&assessed).is_empty(), "still CHT after the supplementary assessment: the principal decides");
    }

    #[test]
    fn transferred_pupils_are_not_checked() {
        let mut gone = row("1", Some(YearResult::HTXS));
        gone.transferred_out = true;
        gone.year_end = YearEnd::default();
        assert!(kinds(&gone).is_empty());
    }

    #[test]
    fn the_checklist_counts_findings_and_pupils_only_at_cuoi_nam() {
        let mut a = row("1", Some(YearResult::HTXS));
        a.year_end.height_cm = None;
        let rows = [a, row("2", Some(YearResult::HT)), row("3", Some(YearResult::CHT))];
        let list = checklist(Period::CuoiNam, &rows);
        assert_eq!(list.findings.len(), 3);
        let pupils: Vec<&str> = list.findings.iter().map(|f| f.pupil.id.as_str()).collect();
        assert_eq!(pupils, ["1", "1", "3"], "roster order");
        assert_eq!(list.message, "Còn 3 điểm cần xem lại ở 2 học sinh trước khi duyệt.");
        let periodic = checklist(Period::GiuaHk1, &rows);
        assert!(periodic.findings.is_empty());
        assert_eq!(periodic.message, "Không còn điểm nào cần xem lại trước khi duyệt.");
    }

    #[test]
    fn override_reason_is_trimmed_and_required_when_sent() {
        assert_eq!(check_override_reason(None), Ok(None));
        assert_eq!(
            check_override_reason(Some("  Giấy khen sẽ trao sau lễ tổng kết.  ")),
            Ok(Some("Giấy khen sẽ trao sau lễ tổng kết.".into()))
        );
        for blank in ["", "   ", "\n\t"] {
            let e = check_override_reason(Some(blank)).expect_err("refused");
            assert_eq!(e.field, "override_reason");
        }
        let long = "x".repeat(MAX_OVERRIDE_REASON_CHARS + 1);
        assert_eq!(check_override_reason(Some(&long)).expect_err("refused").field, "override_reason");
        assert!(messages::OVERRIDE_REASON_TOO_LONG.contains(&MAX_OVERRIDE_REASON_CHARS.to_string()));
    }
}
