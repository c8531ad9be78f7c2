//! The Bảng tổng hợp kết quả đánh giá giáo dục of one class at one periodic point: per subject
//! the pupils at each level and the KTĐK scores, per phẩm chất / năng lực the pupils at each
//! level, and at cuối năm the year results, the completions and the awards. Each count has the
//! number of girls beside it. [`summary_rows`] lays it out as a spreadsheet.

use crate::api::summary::{
    AwardCount, ClassSummary, Count, QualitySummary, ResultSummary, ScoreSummary, SubjectSummary,
};
use crate::api::{QualityCell, SubjectCell};
use crate::awards::AwardKind;
use crate::catalogue::{QualityKind, QualitySpec, SubjectSpec, MAX_SCORE, MIN_SCORE};
use crate::levels::{QualityLevel, SubjectLevel, YearResult};
use crate::messages;
use crate::period::Period;
use crate::sheet::Cell;
use crate::yearend::{self, Completion, Promotion};
use std::collections::BTreeMap;

/// What the summary needs of one pupil.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryPupil {
    /// Gender Nữ.
    pub female: bool,
    /// See [`crate::people::is_ethnic_minority`].
    pub ethnic_minority: bool,
    /// Level per subject code at the period.
    pub subject_levels: BTreeMap<String, SubjectLevel>,
    /// KTĐK score per subject code at the period; scores of subjects not tested at the period,
    /// or outside 1–10, are not counted.
    pub scores: BTreeMap<String, u8>,
    /// Level per phẩm chất / năng lực code.
    pub quality_levels: BTreeMap<String, QualityLevel>,
    /// The effective year result ([`crate::yearend::effective_result`]); cuối năm only.
    pub result: Option<YearResult>,
    /// The principal's decision for a CHT.
    pub decision: Option<Promotion>,
    /// The kinds of the pupil's awards of the year (repeats allowed).
    pub awards: Vec<AwardKind>,
}

impl SummaryPupil {
    /// A pupil from the cells of the assessment grid ([`crate::api::GridRow`]); the year-end
    /// values are left empty.
    pub fn from_cells(
        female: bool,
        ethnic_minority: bool,
        subjects: &BTreeMap<String, SubjectCell>,
        qualities: &BTreeMap<String, QualityCell>,
    ) -> Self {
        SummaryPupil {
            female,
            ethnic_minority,
            subject_levels: subjects.iter().filter_map(|(c, cell)| cell.level.map(|l| (c.clone(), l))).collect(),
            scores: subjects.iter().filter_map(|(c, cell)| cell.score.map(|s| (c.clone(), s))).collect(),
            quality_levels: qualities.iter().filter_map(|(c, cell)| cell.level.map(|l| (c.clone(), l))).collect(),
            ..SummaryPupil::default()
        }
    }
}

/// One class at one periodic point.
#[derive(Debug, Clone, Copy)]
pub struct SummaryInput<'a> {
    pub class_name: &'a str,
    pub grade: u8,
    pub period: Period,
    /// The rows of the table, in order (normally the grade's subjects from the catalogue, with
    /// the optional subjects the class offers).
    pub subjects: &'a [SubjectSpec],
    /// Normally [`crate::catalogue::qualities_and_competencies`] of the grade.
    pub qualities: &'a [QualitySpec],
    pub pupils: &'a [SummaryPupil],
}

/// Mean of scores given as (sum, count), rounded half up to one decimal.
fn average(sum: u32, n: u32) -> Option<f64> {
    (n > 0).then(|| f64::from((20 * sum + n) / (2 * n)) / 10.0)
}

fn subject_summary(spec: &SubjectSpec, period: Period, pupils: &[SummaryPupil]) -> SubjectSummary {
    let (mut t, mut h, mut c, mut missing) = (Count::default(), Count::default(), Count::default(), Count::default());
    for p in pupils {
        match p.subject_levels.get(spec.code) {
            Some(SubjectLevel::T) => t.tally(p.female),
            Some(SubjectLevel::H) => h.tally(p.female),
            Some(SubjectLevel::C) => c.tally(p.female),
            None => missing.tally(p.female),
        }
    }
    let scores = spec.is_scored_at(period).then(|| {
        let mut s = ScoreSummary { distribution: vec![Count::default(); usize::from(MAX_SCORE)], ..Default::default() };
        let (mut sum, mut n) = (0u32, 0u32);
        for p in pupils {
            match p.scores.get(spec.code).copied().filter(|v| (MIN_SCORE..=MAX_SCORE).contains(v)) {
                Some(v) => {
                    s.distribution[usize::from(v - 1)].tally(p.female);
                    let band = match v {
                        9.. => &mut s.from_9,
                        7..=8 => &mut s.from_7_to_8,
                        5..=6 => &mut s.from_5_to_6,
                        _ => &mut s.below_5,
                    };
                    band.tally(p.female);
                    sum += u32::from(v);
                    n += 1;
                }
                None => s.missing.tally(p.female),
            }
        }
        s.average = average(sum, n);
        s
    });
    SubjectSummary { code: spec.code.into(), name: spec.name.into(), t, h, c, missing, scores }
}

fn quality_summary(spec: &QualitySpec, pupils: &[SummaryPupil]) -> QualitySummary {
    let (mut t, mut d, mut c, mut missing) = (Count::default(), Count::default(), Count::default(), Count::default());
    for p in pupils {
        match p.quality_levels.get(spec.code) {
            Some(QualityLevel::T) => t.tally(p.female),
            Some(QualityLevel::D) => d.tally(p.female),
            Some(QualityLevel::C) => c.tally(p.female),
            None => missing.tally(p.female),
        }
    }
    QualitySummary { code: spec.code.into(), name: spec.name.into(), kind: spec.kind, t, d, c, missing }
}

fn result_summary(grade: u8, pupils: &[SummaryPupil]) -> ResultSummary {
    let mut r = ResultSummary::default();
    for p in pupils {
        let slot = match p.result {
            Some(YearResult::HTXS) => &mut r.htxs,
            Some(YearResult::HTT) => &mut r.htt,
            Some(YearResult::HT) => &mut r.ht,
            Some(YearResult::CHT) => &mut r.cht,
            None => &mut r.not_computed,
        };
        slot.tally(p.female);
        let slot = match yearend::completion(grade, p.result, p.decision) {
            Some(Completion::CompletedGrade | Completion::CompletedPrimary) => Some(&mut r.completed),
            Some(Completion::PromotedByDecision) => Some(&mut r.promoted_by_decision),
            Some(Completion::Repeats) => Some(&mut r.repeating),
            Some(Completion::AwaitingDecision) => Some(&mut r.awaiting_decision),
            None => None,
        };
        if let Some(slot) = slot {
            slot.tally(p.female);
        }
    }
    r.awards = AwardKind::ALL
        .into_iter()
        .map(|kind| {
            let mut pupils_with = Count::default();
            for p in pupils.iter().filter(|p| p.awards.contains(&kind)) {
                pupils_with.tally(p.female);
            }
            AwardCount { kind, pupils: pupils_with }
        })
        .collect();
    r
}

/// The summary of a class at a period. Year results are summarised at cuối năm only.
pub fn summarise(input: &SummaryInput<'_>) -> ClassSummary {
    let mut pupils = Count::default();
    let mut ethnic_minority = Count::default();
    for p in input.pupils {
        pupils.tally(p.female);
        if p.ethnic_minority {
            ethnic_minority.tally(p.female);
        }
    }
    ClassSummary {
        class_name: input.class_name.to_owned(),
        grade: input.grade,
        period: input.period,
        pupils,
        ethnic_minority,
        subjects: input.subjects.iter().map(|s| subject_summary(s, input.period, input.pupils)).collect(),
        qualities: input.qualities.iter().map(|q| quality_summary(q, input.pupils)).collect(),
        results: (input.period == Period::CuoiNam).then(|| result_summary(input.grade, input.pupils)),
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(n: u32) -> Cell {
    Cell::Number(f64::from(n))
}

fn pair(c: Count) -> [Cell; 2] {
    [number(c.total), number(c.female)]
}

/// A label row followed by a TS / Nữ pair per count.
fn count_row(label: &str, counts: &[Count]) -> Vec<Cell> {
    std::iter::once(text(label)).chain(counts.iter().flat_map(|c| pair(*c))).collect()
}

/// The two header rows of a table whose columns are pairs: the first names each pair over
/// two cells, the second has TS and Nữ under each.
fn pair_headers(first: &str, pairs: &[&str]) -> [Vec<Cell>; 2] {
    let top = std::iter::once(text(first)).chain(pairs.iter().flat_map(|h| [text(*h), Cell::Empty])).collect();
    let sub = std::iter::once(Cell::Empty)
        .chain(pairs.iter().flat_map(|_| [text(messages::SUMMARY_TOTAL), text(messages::SUMMARY_FEMALE)]))
        .collect();
    [top, sub]
}

/// The summary as a spreadsheet, row by row (an empty row between the tables): title, class
/// and period, the pupil counts; the subjects (levels); the KTĐK scores of the subjects tested
/// at the period (pupils per score from 10 down to 1, per band, without a score, then the
/// average); the phẩm chất and năng lực (a group row before each kind); at cuối năm the results,
/// completions and awards. Counts are number cells in TS / Nữ pairs.
pub fn summary_rows(s: &ClassSummary) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = vec![
        vec![text(messages::SUMMARY_TITLE)],
        vec![text(messages::summary_subtitle(&s.class_name, s.grade, s.period))],
        vec![
            text(messages::SUMMARY_PUPILS),
            number(s.pupils.total),
            text(messages::SUMMARY_FEMALE),
            number(s.pupils.female),
            text(messages::SUMMARY_MINORITY),
            number(s.ethnic_minority.total),
            text(messages::SUMMARY_FEMALE_MINORITY),
            number(s.ethnic_minority.female),
        ],
        Vec::new(),
    ];

    rows.extend(pair_headers(
        messages::SUMMARY_SUBJECTS,
        &[
            messages::subject_level_name(SubjectLevel::T),
            messages::subject_level_name(SubjectLevel::H),
            messages::subject_level_name(SubjectLevel::C),
            messages::SUMMARY_NOT_ASSESSED,
        ],
    ));
    rows.extend(s.subjects.iter().map(|x| count_row(&x.name, &[x.t, x.h, x.c, x.missing])));

    let scored: Vec<(&SubjectSummary, &ScoreSummary)> =
        s.subjects.iter().filter_map(|x| x.scores.as_ref().map(|sc| (x, sc))).collect();
    if !scored.is_empty() {
        rows.push(Vec::new());
        let score_headers: Vec<String> = (MIN_SCORE..=MAX_SCORE).rev().map(messages::summary_score_header).collect();
        let mut headers: Vec<&str> = score_headers.iter().map(String::as_str).collect();
        headers.extend([
            messages::SUMMARY_FROM_9,
            messages::SUMMARY_FROM_7_TO_8,
            messages::SUMMARY_FROM_5_TO_6,
            messages::SUMMARY_BELOW_5,
            messages::SUMMARY_NO_SCORE,
        ]);
        let [mut top, mut sub] = pair_headers(messages::SUMMARY_SCORES, &headers);
        top.push(text(messages::SUMMARY_AVERAGE));
        sub.push(Cell::Empty);
        rows.extend([top, sub]);
        for (x, sc) in scored {
            let mut counts: Vec<Count> = sc.distribution.iter().rev().copied().collect();
            counts.extend([sc.from_9, sc.from_7_to_8, sc.from_5_to_6, sc.below_5, sc.missing]);
            let mut row = count_row(&x.name, &counts);
            row.push(sc.average.map_or(Cell::Empty, Cell::Number));
            rows.push(row);
        }
    }

    rows.push(Vec::new());
    rows.extend(pair_headers(
        messages::SUMMARY_QUALITIES,
        &[
            messages::quality_level_name(QualityLevel::T),
            messages::quality_level_name(QualityLevel::D),
            messages::quality_level_name(QualityLevel::C),
            messages::SUMMARY_NOT_ASSESSED,
        ],
    ));
    let mut kind: Option<QualityKind> = None;
    for q in &s.qualities {
        if kind != Some(q.kind) {
            rows.push(vec![text(messages::quality_kind_name(q.kind))]);
            kind = Some(q.kind);
        }
        rows.push(count_row(&q.name, &[q.t, q.d, q.c, q.missing]));
    }

    if let Some(r) = &s.results {
        rows.push(Vec::new());
        rows.push(vec![text(messages::SUMMARY_RESULTS), text(messages::SUMMARY_TOTAL), text(messages::SUMMARY_FEMALE)]);
        for (result, count) in
            [(YearResult::HTXS, r.htxs), (YearResult::HTT, r.htt), (YearResult::HT, r.ht), (YearResult::CHT, r.cht)]
        {
            rows.push(count_row(messages::result_name(result), &[count]));
        }
        rows.push(count_row(messages::SUMMARY_NO_RESULT, &[r.not_computed]));
        let completed =
            if s.grade == yearend::LAST_GRADE { Completion::CompletedPrimary } else { Completion::CompletedGrade };
        for (label, count) in [
            (messages::completion_label(completed), r.completed),
            (messages::completion_label(Completion::PromotedByDecision), r.promoted_by_decision),
            (messages::completion_label(Completion::Repeats), r.repeating),
            (messages::completion_label(Completion::AwaitingDecision), r.awaiting_decision),
        ] {
            rows.push(count_row(label, &[count]));
        }
        rows.push(Vec::new());
        rows.push(vec![text(messages::SUMMARY_AWARDS), text(messages::SUMMARY_TOTAL), text(messages::SUMMARY_FEMALE)]);
        for a in &r.awards {
            rows.push(count_row(messages::award_kind_label(a.kind), &[a.pupils]));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue;
    use proptest::prelude::*;

    fn pupil(female: bool, levels: &[(&str, SubjectLevel)], scores: &[(&str, u8)]) -> SummaryPupil {
        SummaryPupil {
            female,
            subject_levels: levels.iter().map(|(c, l)| (c.to_string(), *l)).collect(),
            scores: scores.iter().map(|(c, s)| (c.to_string(), *s)).collect(),
            ..SummaryPupil::default()
        }
    }

    fn class(grade: u8, period: Period, pupils: &[SummaryPupil]) -> ClassSummary {
        let subjects = catalogue::required_subjects(grade);
        let qualities = catalogue::qualities_and_competencies(grade);
        summarise(&SummaryInput { class_name: "4A", grade, period, subjects: &subjects, qualities: &qualities, pupils })
    }

    fn subject<'a>(s: &'a ClassSummary, code: &str) -> &'a SubjectSummary {
        s.subjects.iter().find(|x| x.code == code).unwrap_or_else(|| panic!("no {code}"))
    }

    const fn n(total: u32, female: u32) -> Count {
        Count { total, female }
    }

    #[test]
    fn a_small_class() {
        use SubjectLevel::{C, H, T};
        let mut pupils = vec![
            pupil(true, &[("toan", T)], &[("toan", 10), ("am_nhac", 9)]),
            pupil(false, &[("toan", H)], &[("toan", 7)]),
            pupil(true, &[("toan", C)], &[("toan", 4)]),
            pupil(false, &[], &[("toan", 11)]),
        ];
        pupils[0].ethnic_minority = true;
        pupils[1].ethnic_minority = true;
        pupils[0].quality_levels.insert("yeu_nuoc".into(), QualityLevel::D);
        let s = class(4, Period::GiuaHk1, &pupils);
        assert_eq!(s.pupils, n(4, 2));
        assert_eq!(s.ethnic_minority, n(2, 1));
        let toan = subject(&s, "toan");
        assert_eq!((toan.t, toan.h, toan.c, toan.missing), (n(1, 1), n(1, 0), n(1, 1), n(1, 0)));
        let sc = toan.scores.as_ref().expect("Toán is tested at giữa HK I in grade 4");
        assert_eq!(sc.distribution.len(), 10);
        assert_eq!(sc.distribution[9], n(1, 1));
        assert_eq!(sc.distribution[6], n(1, 0));
        assert_eq!(sc.distribution[3], n(1, 1));
        assert_eq!((sc.from_9, sc.from_7_to_8, sc.from_5_to_6, sc.below_5), (n(1, 1), n(1, 0), n(0, 0), n(1, 1)));
        assert_eq!(sc.missing, n(1, 0), "11 is not a score");
        assert_eq!(sc.average, Some(7.0));
        // Âm nhạc is never tested; Khoa học not at giữa HK I.
        assert_eq!(subject(&s, "am_nhac").scores, None);
        assert_eq!(subject(&s, "khoa_hoc").scores, None);
        assert_eq!(subject(&s, "am_nhac").missing, n(4, 2));
        let yn = &s.qualities[0];
        assert_eq!((yn.code.as_str(), yn.t, yn.d, yn.missing), ("yeu_nuoc", n(0, 0), n(1, 1), n(3, 1)));
        assert_eq!(s.results, None, "results only at cuối năm");
    }

    #[test]
    fn averages_round_half_up_to_one_decimal() {
        assert_eq!(average(0, 0), None);
        assert_eq!(average(17, 2), Some(8.5));
        assert_eq!(average(25, 3), Some(8.3));
        assert_eq!(average(26, 3), Some(8.7));
        assert_eq!(average(20, 3), Some(6.7));
        assert_eq!(average(161, 20), Some(8.1), "8.05 rounds up");
        assert_eq!(average(10, 1), Some(10.0));
    }

    #[test]
    fn year_end_results() {
        let mut pupils: Vec<SummaryPupil> = (0..7).map(|i| pupil(i % 2 == 0, &[], &[])).collect();
        let results = [Some(YearResult::HTXS), Some(YearResult::HTT), Some(YearResult::HT), Some(YearResult::CHT)];
        for (p, r) in pupils.iter_mut().zip(results.iter().chain([Some(YearResult::CHT), Some(YearResult::CHT)].iter()))
        {
            p.result = *r;
        }
        pupils[4].decision = Some(Promotion::Promote);
        pupils[5].decision = Some(Promotion::Repeat);
        pupils[0].awards = vec![AwardKind::HocSinhXuatSac, AwardKind::Competition, AwardKind::Competition];
        pupils[1].awards = vec![AwardKind::HocSinhTieuBieu];
        let s = class(3, Period::CuoiNam, &pupils);
        let r = s.results.as_ref().expect("cuối năm");
        assert_eq!((r.htxs, r.htt, r.ht, r.cht, r.not_computed), (n(1, 1), n(1, 0), n(1, 1), n(3, 1), n(1, 1)));
        assert_eq!(r.completed, n(3, 2));
        assert_eq!((r.promoted_by_decision, r.repeating, r.awaiting_decision), (n(1, 1), n(1, 0), n(1, 0)));
        let awards: Vec<(AwardKind, Count)> = r.awards.iter().map(|a| (a.kind, a.pupils)).collect();
        assert_eq!(
            awards,
            [
                (AwardKind::HocSinhXuatSac, n(1, 1)),
                (AwardKind::HocSinhTieuBieu, n(1, 0)),
                (AwardKind::DotXuat, n(0, 0)),
                (AwardKind::Competition, n(1, 1)),
            ]
        );
    }

    #[test]
    fn pupils_from_grid_cells() {
        let subjects = BTreeMap::from([
            ("toan".to_string(), SubjectCell { level: Some(SubjectLevel::H), score: Some(8), ..Default::default() }),
            ("am_nhac".to_string(), SubjectCell::default()),
        ]);
        let qualities = BTreeMap::from([(
            "nhan_ai".to_string(),
            QualityCell { level: Some(QualityLevel::T), ..Default::default() },
        )]);
        let p = SummaryPupil::from_cells(true, false, &subjects, &qualities);
        assert_eq!(p.subject_levels, BTreeMap::from([("toan".to_string(), SubjectLevel::H)]));
        assert_eq!(p.scores, BTreeMap::from([("toan".to_string(), 8)]));
        assert_eq!(p.quality_levels, BTreeMap::from([("nhan_ai".to_string(), QualityLevel::T)]));
        assert!(p.female && !p.ethnic_minority && p.result.is_none());
    }

    fn cell_text(c: &Cell) -> &str {
        match c {
            Cell::Text(t) => t,
            _ => "",
        }
    }

    fn row_starting<'a>(rows: &'a [Vec<Cell>], label: &str) -> &'a [Cell] {
        rows.iter().find(|r| r.first().map(cell_text) == Some(label)).map_or(&[], |r| r.as_slice())
    }

    #[test]
    fn the_spreadsheet() {
        use SubjectLevel::T;
        let mut pupils =
            vec![pupil(true, &[("toan", T)], &[("toan", 9)]), pupil(false, &[("toan", T)], &[("toan", 8)])];
        pupils[0].result = Some(YearResult::HTXS);
        let s = class(5, Period::CuoiNam, &pupils);
        let rows = summary_rows(&s);
        assert_eq!(rows[0], [text("BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ GIÁO DỤC")]);
        assert_eq!(rows[1], [text("Lớp 4A – Khối 5 – Cuối năm học")]);
        assert_eq!(rows[2][1], Cell::Number(2.0));
        assert_eq!(rows[2][3], Cell::Number(1.0));
        let toan = row_starting(&rows, "Toán");
        // Level table: T, H, C, not assessed (TS, Nữ each).
        assert_eq!(toan.len(), 9);
        assert_eq!(&toan[1..3], &[Cell::Number(2.0), Cell::Number(1.0)]);
        // One level row per subject, and one score row per tested subject (names repeat),
        // before the qualities (where "Khoa học" is also a năng lực).
        let names: Vec<&str> = rows.iter().filter_map(|r| r.first().map(cell_text)).collect();
        let qualities_at = names.iter().position(|n| *n == messages::SUMMARY_QUALITIES).unwrap_or(names.len());
        for x in &s.subjects {
            let expected = if x.scores.is_some() { 2 } else { 1 };
            assert_eq!(names[..qualities_at].iter().filter(|n| **n == x.name).count(), expected, "{}", x.name);
        }
        // Headers, 3 group rows, the qualities; results (5), completions (4) and awards (4) with their headers.
        assert_eq!(names.len() - qualities_at, 2 + 3 + s.qualities.len() + 1 + 5 + 4 + 1 + 4);
        let scores: Vec<&Vec<Cell>> = rows.iter().filter(|r| r.first().map(cell_text) == Some("Toán")).collect();
        let score_row = scores[1];
        // 10 scores + 4 bands + no score, as pairs, then the average.
        assert_eq!(score_row.len(), 1 + 15 * 2 + 1);
        assert_eq!(score_row[3], Cell::Number(1.0), "one 9");
        assert_eq!(score_row[5], Cell::Number(1.0), "one 8");
        assert_eq!(score_row[31], Cell::Number(8.5));
        assert!(names.contains(&"Phẩm chất chủ yếu") && names.contains(&"Năng lực đặc thù"));
        assert_eq!(
            row_starting(&rows, "Hoàn thành xuất sắc"),
            [text("Hoàn thành xuất sắc"), Cell::Number(1.0), Cell::Number(1.0)]
        );
        assert_eq!(row_starting(&rows, "Hoàn thành chương trình tiểu học")[1], Cell::Number(1.0));
        assert_eq!(row_starting(&rows, "Học sinh Xuất sắc")[1], Cell::Number(0.0));
        // Headers pair TS and Nữ under each level.
        let header = rows.iter().position(|r| r.first().map(cell_text) == Some(messages::SUMMARY_SUBJECTS));
        let sub = &rows[header.map_or(0, |h| h + 1)];
        assert_eq!(&sub[1..3], &[text("TS"), text("Nữ")]);
        // Without results at other periods.
        let mid = summary_rows(&class(5, Period::GiuaHk2, &pupils));
        assert!(row_starting(&mid, "Hoàn thành xuất sắc").is_empty());
    }

    #[derive(Debug, Clone)]
    struct RandomPupil {
        female: bool,
        minority: bool,
        levels: Vec<Option<usize>>,
        scores: Vec<Option<u8>>,
        qualities: Vec<Option<usize>>,
        result: Option<usize>,
        decision: Option<bool>,
        awards: Vec<usize>,
    }

    fn random_pupil() -> impl Strategy<Value = RandomPupil> {
        let levels = proptest::collection::vec(proptest::option::of(0usize..3), 14);
        let scores = proptest::collection::vec(proptest::option::of(0u8..=12), 14);
        let qualities = proptest::collection::vec(proptest::option::of(0usize..3), 15);
        (
            any::<bool>(),
            any::<bool>(),
            levels,
            scores,
            qualities,
            proptest::option::of(0usize..4),
            proptest::option::of(any::<bool>()),
            proptest::collection::vec(0usize..4, 0..3),
        )
            .prop_map(|(female, minority, levels, scores, qualities, result, decision, awards)| RandomPupil {
                female,
                minority,
                levels,
                scores,
                qualities,
                result,
                decision,
                awards,
            })
    }

    fn build(grade: u8, raw: &[RandomPupil]) -> Vec<SummaryPupil> {
        let subjects = catalogue::subjects_for_grade(grade);
        let qualities = catalogue::qualities_and_competencies(grade);
        raw.iter()
            .map(|r| SummaryPupil {
                female: r.female,
                ethnic_minority: r.minority,
                subject_levels: subjects
                    .iter()
                    .zip(&r.levels)
                    .filter_map(|(s, l)| l.map(|l| (s.code.to_string(), SubjectLevel::ALL[l])))
                    .collect(),
                scores: subjects
                    .iter()
                    .zip(&r.scores)
                    .filter_map(|(s, v)| v.map(|v| (s.code.to_string(), v)))
                    .collect(),
                quality_levels: qualities
                    .iter()
                    .zip(&r.qualities)
                    .filter_map(|(q, l)| l.map(|l| (q.code.to_string(), QualityLevel::ALL[l])))
                    .collect(),
                result: r.result.map(|i| YearResult::ALL[i]),
                decision: r.decision.map(|promote| if promote { Promotion::Promote } else { Promotion::Repeat }),
                awards: r.awards.iter().map(|i| AwardKind::ALL[*i]).collect(),
            })
            .collect()
    }

    fn within(part: Count, whole: Count) -> bool {
        part.total <= whole.total && part.female <= whole.female && part.female <= part.total
    }

    proptest! {
        /// Counts add up to the class, girls never outnumber the total, score distributions add
        /// up to the entered scores and the average is their mean.
        #[test]
        fn totals_add_up(
            grade in 1u8..=5,
            period in proptest::sample::select(Period::ALL.to_vec()),
            raw in proptest::collection::vec(random_pupil(), 0..36),
        ) {
            let pupils = build(grade, &raw);
            let subjects = catalogue::subjects_for_grade(grade);
            let qualities = catalogue::qualities_and_competencies(grade);
            let s = summarise(&SummaryInput { class_name: "1A", grade, period, subjects: &subjects, qualities: &qualities, pupils: &pupils });
            let total = s.pupils;
            prop_assert_eq!(total.total as usize, pupils.len());
            prop_assert_eq!(total.female as usize, pupils.iter().filter(|p| p.female).count());
            prop_assert!(within(total, total));
            prop_assert!(within(s.ethnic_minority, total));
            prop_assert_eq!(s.subjects.len(), subjects.len());
            prop_assert_eq!(s.qualities.len(), qualities.len());
            for (x, spec) in s.subjects.iter().zip(&subjects) {
                prop_assert_eq!(x.t + x.h + x.c + x.missing, total, "{}", x.code);
                for c in [x.t, x.h, x.c, x.missing] {
                    prop_assert!(within(c, total));
                }
                prop_assert_eq!(x.scores.is_some(), spec.is_scored_at(period));
                if let Some(sc) = &x.scores {
                    let entered: Vec<u8> = pupils
                        .iter()
                        .filter_map(|p| p.scores.get(spec.code).copied().filter(|v| (1..=10).contains(v)))
                        .collect();
                    let dist: Count = sc.distribution.iter().copied().sum();
                    prop_assert_eq!(sc.distribution.len(), 10);
                    prop_assert_eq!(dist.total as usize, entered.len());
                    prop_assert_eq!(sc.from_9 + sc.from_7_to_8 + sc.from_5_to_6 + sc.below_5, dist);
                    prop_assert_eq!(dist + sc.missing, total);
                    for c in &sc.distribution {
                        prop_assert!(within(*c, total));
                    }
                    match sc.average {
                        None => prop_assert!(entered.is_empty()),
                        Some(avg) => {
                            let mean = entered.iter().map(|v| f64::from(*v)).sum::<f64>() / entered.len() as f64;
                            prop_assert!((avg - mean).abs() <= 0.05 + 1e-9, "{} vs {}", avg, mean);
                            prop_assert!((1.0..=10.0).contains(&avg));
                            prop_assert!(((avg * 10.0).round() - avg * 10.0).abs() < 1e-9);
                        }
                    }
                }
            }
            for q in &s.qualities {
                prop_assert_eq!(q.t + q.d + q.c + q.missing, total, "{}", q.code);
            }
            match &s.results {
                None => prop_assert_ne!(period, Period::CuoiNam),
                Some(r) => {
                    prop_assert_eq!(period, Period::CuoiNam);
                    prop_assert_eq!(r.htxs + r.htt + r.ht + r.cht + r.not_computed, total);
                    prop_assert_eq!(r.completed, r.htxs + r.htt + r.ht);
                    prop_assert_eq!(r.promoted_by_decision + r.repeating + r.awaiting_decision, r.cht);
                    prop_assert_eq!(r.awards.len(), AwardKind::ALL.len());
                    for a in &r.awards {
                        prop_assert!(within(a.pupils, total));
                    }
                    if grade == yearend::LAST_GRADE {
                        prop_assert_eq!(r.promoted_by_decision, Count::default());
                    }
                }
            }
            // The spreadsheet has a row per subject and quality and never a negative count.
            let rows = summary_rows(&s);
            prop_assert!(rows.len() >= 4 + 2 + subjects.len() + 2 + qualities.len());
            for row in &rows {
                for c in row {
                    if let Cell::Number(v) = c {
                        prop_assert!(*v >= 0.0);
                    }
                }
            }
        }
    }
}
