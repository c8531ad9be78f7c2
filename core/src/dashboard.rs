//! The principal's dashboard, computed from the grids of every class of the year at the four
//! periodic points: progress per class, year-end results and subject levels per grade, and the
//! pupils at risk (a C in any subject at the latest point with data, or CHT at cuối năm).
//! [`dashboard_sheets`] lays the same figures out as spreadsheet rows.

use crate::api::dashboard::{
    AtRiskPupil, ClassProgress, Dashboard, GradeFigures, LevelCounts, ResultCounts, RiskKind, RiskReason, SubjectLevels,
};
use crate::api::{GridRow, GridView};
use crate::levels::{SubjectLevel, YearResult};
use crate::messages;
use crate::period::Period;
use crate::sheet::Cell;

/// One class of the year: its progress (status and missing counts, computed by the caller) and
/// its grids at the periodic points.
#[derive(Debug, Clone)]
pub struct ClassData {
    pub progress: ClassProgress,
    pub grids: Vec<GridView>,
}

impl ClassData {
    fn grid(&self, period: Period) -> Option<&GridView> {
        self.grids.iter().find(|g| g.period == period)
    }
}

/// The subjects a pupil is assessed in among a grid's columns: (code, name).
fn assessed<'a>(grid: &'a GridView, row: &'a GridRow) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    grid.subjects
        .iter()
        .filter(|c| !c.optional || row.takes.contains(&c.code))
        .map(|c| (c.code.as_str(), c.name.as_str()))
}

/// Whether any pupil of the grid has a subject level.
pub fn has_data(grid: &GridView) -> bool {
    grid.rows.iter().any(|r| r.subjects.values().any(|c| c.level.is_some()))
}

/// The latest periodic point at which any of the grids has a subject level.
pub fn latest_period<'a>(grids: impl IntoIterator<Item = &'a GridView>) -> Option<Period> {
    grids.into_iter().filter(|g| has_data(g)).map(|g| g.period).max()
}

pub fn count_results(results: impl IntoIterator<Item = Option<YearResult>>) -> ResultCounts {
    let mut c = ResultCounts::default();
    for r in results {
        match r {
            Some(YearResult::HTXS) => c.htxs += 1,
            Some(YearResult::HTT) => c.htt += 1,
            Some(YearResult::HT) => c.ht += 1,
            Some(YearResult::CHT) => c.cht += 1,
            None => c.not_computed += 1,
        }
    }
    c
}

pub fn count_levels(levels: impl IntoIterator<Item = Option<SubjectLevel>>) -> LevelCounts {
    let mut c = LevelCounts::default();
    for l in levels {
        match l {
            Some(SubjectLevel::T) => c.t += 1,
            Some(SubjectLevel::H) => c.h += 1,
            Some(SubjectLevel::C) => c.c += 1,
            None => c.missing += 1,
        }
    }
    c
}

/// Why a pupil is at risk: every subject at level C in `latest` (the row at the latest point
/// with data), and a CHT year result from the cuối năm row.
pub fn risk_reasons(latest: Option<(&GridView, &GridRow)>, year_end: Option<&GridRow>) -> Vec<RiskReason> {
    let mut out = Vec::new();
    if let Some((grid, row)) = latest {
        for (code, name) in assessed(grid, row) {
            if row.subjects.get(code).and_then(|c| c.level) == Some(SubjectLevel::C) {
                out.push(RiskReason {
                    kind: RiskKind::LevelC,
                    period: grid.period,
                    subject_code: Some(code.to_string()),
                    subject_name: Some(name.to_string()),
                    text: messages::risk_level_c(name, grid.period),
                });
            }
        }
    }
    if year_end.and_then(|r| r.evaluation.as_ref()).and_then(|e| e.result) == Some(YearResult::CHT) {
        out.push(RiskReason {
            kind: RiskKind::ResultCht,
            period: Period::CuoiNam,
            subject_code: None,
            subject_name: None,
            text: messages::RISK_RESULT_CHT.to_string(),
        });
    }
    out
}

/// The dashboard of the classes given (in display order).
pub fn build(school_year: Option<String>, classes: &[ClassData]) -> Dashboard {
    let mut grades: Vec<u8> = classes.iter().map(|c| c.progress.class.grade).collect();
    grades.sort_unstable();
    grades.dedup();
    let mut figures = Vec::new();
    let mut at_risk = Vec::new();
    for grade in grades {
        let of_grade: Vec<&ClassData> = classes.iter().filter(|c| c.progress.class.grade == grade).collect();
        let latest = latest_period(of_grade.iter().flat_map(|c| c.grids.iter()));
        let year_end: Vec<&GridView> = of_grade.iter().filter_map(|c| c.grid(Period::CuoiNam)).collect();
        let results = count_results(
            year_end.iter().flat_map(|g| g.rows.iter()).map(|r| r.evaluation.as_ref().and_then(|e| e.result)),
        );
        let mut subjects: Vec<SubjectLevels> = Vec::new();
        if let Some(period) = latest {
            for grid in of_grade.iter().filter_map(|c| c.grid(period)) {
                for row in &grid.rows {
                    for (code, name) in assessed(grid, row) {
                        let level = row.subjects.get(code).and_then(|c| c.level);
                        let entry = match subjects.iter().position(|s| s.code == code) {
                            Some(i) => &mut subjects[i],
                            None => {
                                subjects.push(SubjectLevels {
                                    code: code.into(),
                                    name: name.into(),
                                    levels: LevelCounts::default(),
                                });
                                let last = subjects.len() - 1;
                                &mut subjects[last]
                            }
                        };
                        let one = count_levels([level]);
                        entry.levels.t += one.t;
                        entry.levels.h += one.h;
                        entry.levels.c += one.c;
                        entry.levels.missing += one.missing;
                    }
                }
            }
        }
        for class in &of_grade {
            let latest_grid = latest.and_then(|p| class.grid(p));
            let end_grid = class.grid(Period::CuoiNam);
            let rows = latest_grid.or(end_grid).map(|g| g.rows.as_slice()).unwrap_or_default();
            for row in rows {
                let latest_row =
                    latest_grid.and_then(|g| g.rows.iter().find(|r| r.pupil.id == row.pupil.id).map(|r| (g, r)));
                let end_row = end_grid.and_then(|g| g.rows.iter().find(|r| r.pupil.id == row.pupil.id));
                let reasons = risk_reasons(latest_row, end_row);
                if !reasons.is_empty() {
                    at_risk.push(AtRiskPupil {
                        pupil: row.pupil.clone(),
                        class: class.progress.class.clone(),
                        reasons,
                    });
                }
            }
        }
        figures.push(GradeFigures {
            grade,
            pupils: of_grade.iter().map(|c| c.progress.pupils).sum(),
            results,
            latest_period: latest,
            subjects,
        });
    }
    Dashboard { school_year, classes: classes.iter().map(|c| c.progress.clone()).collect(), grades: figures, at_risk }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(n: u32) -> Cell {
    Cell::Number(f64::from(n))
}

/// The dashboard as spreadsheet sheets: (sheet name, rows), the first row of each the headers.
pub fn dashboard_sheets(d: &Dashboard) -> Vec<(String, Vec<Vec<Cell>>)> {
    let mut progress = vec![{
        let mut h =
            vec![text(messages::DASHBOARD_CLASS), text(messages::DASHBOARD_GRADE), text(messages::DASHBOARD_PUPILS)];
        for p in Period::ALL {
            h.push(text(messages::period_name(p)));
            h.push(text(format!("{} – {}", messages::period_name(p), messages::DASHBOARD_MISSING_CELLS)));
        }
        h
    }];
    for c in &d.classes {
        let mut r = vec![text(&c.class.name), number(u32::from(c.class.grade)), number(c.pupils)];
        for p in &c.periods {
            r.push(text(messages::record_status_name(p.status)));
            r.push(number(p.missing_cells));
        }
        progress.push(r);
    }
    let mut results = vec![vec![
        text(messages::DASHBOARD_GRADE),
        text(messages::DASHBOARD_PUPILS),
        text(YearResult::HTXS.code()),
        text(YearResult::HTT.code()),
        text(YearResult::HT.code()),
        text(YearResult::CHT.code()),
        text(messages::DASHBOARD_NOT_COMPUTED),
    ]];
    let mut subjects = vec![vec![
        text(messages::DASHBOARD_GRADE),
        text(messages::DASHBOARD_PERIOD),
        text(messages::DASHBOARD_SUBJECT),
        text(SubjectLevel::T.code()),
        text(SubjectLevel::H.code()),
        text(SubjectLevel::C.code()),
        text(messages::DASHBOARD_NOT_ASSESSED),
    ]];
    for g in &d.grades {
        let r = &g.results;
        results.push(vec![
            number(u32::from(g.grade)),
            number(g.pupils),
            number(r.htxs),
            number(r.htt),
            number(r.ht),
            number(r.cht),
            number(r.not_computed),
        ]);
        if let Some(period) = g.latest_period {
            for s in &g.subjects {
                subjects.push(vec![
                    number(u32::from(g.grade)),
                    text(messages::period_name(period)),
                    text(&s.name),
                    number(s.levels.t),
                    number(s.levels.h),
                    number(s.levels.c),
                    number(s.levels.missing),
                ]);
            }
        }
    }
    let mut at_risk =
        vec![vec![text(messages::DASHBOARD_PUPIL), text(messages::DASHBOARD_CLASS), text(messages::DASHBOARD_REASONS)]];
    for p in &d.at_risk {
        let reasons: Vec<&str> = p.reasons.iter().map(|r| r.text.as_str()).collect();
        at_risk.push(vec![text(&p.pupil.full_name), text(&p.class.name), text(reasons.join("; "))]);
    }
    vec![
        (messages::DASHBOARD_SHEET_PROGRESS.to_string(), progress),
        (messages::DASHBOARD_SHEET_RESULTS.to_string(), results),
        (messages::DASHBOARD_SHEET_SUBJECTS.to_string(), subjects),
        (messages::DASHBOARD_SHEET_AT_RISK.to_string(), at_risk),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::dashboard::PeriodProgress;
    use crate::api::{ClassRef, PupilRef, RecordState, RecordStatus, SubjectCell, SubjectColumn};
    use crate::rules::Evaluation;
    use std::collections::BTreeMap;

    fn row(id: &str, levels: &[(&str, SubjectLevel)], result: Option<YearResult>, takes: &[&str]) -> GridRow {
        GridRow {
            pupil: PupilRef { id: id.into(), full_name: format!("Học sinh {id}") },
            subjects: levels
                .iter()
                .map(|(code, l)| ((*code).to_string(), SubjectCell { level: Some(*l), ..SubjectCell::default() }))
                .collect(),
            qualities: BTreeMap::new(),
            evaluation: result.map(|r| Evaluation { result: Some(r), limiting: Vec::new(), missing: Vec::new() }),
            explanation: None,
            takes: takes.iter().map(|s| (*s).to_string()).collect(),
        }
    }

    fn grid(class: &str, period: Period, rows: Vec<GridRow>) -> GridView {
        let col = |code: &str, name: &str, optional: bool| SubjectColumn {
            code: code.into(),
            name: name.into(),
            scored: false,
            optional,
        };
        GridView {
            class: class_ref(class),
            period,
            state: RecordState::default(),
            subjects: vec![col("toan", "Toán", false), col("tieng_dan_toc", "Tiếng dân tộc", true)],
            qualities: Vec::new(),
            rows,
        }
    }

    fn class_ref(name: &str) -> ClassRef {
        ClassRef { id: name.into(), name: name.into(), grade: 5, school_year: "2025-2026".into() }
    }

    fn class(name: &str, grids: Vec<GridView>) -> ClassData {
        let pupils = grids.first().map(|g| g.rows.len()).unwrap_or_default();
        ClassData {
            progress: ClassProgress {
                class: class_ref(name),
                pupils: u32::try_from(pupils).unwrap_or_default(),
                periods: Period::ALL
                    .iter()
                    .map(|p| PeriodProgress {
                        period: *p,
                        status: RecordStatus::Draft,
                        missing_pupils: 0,
                        missing_cells: 0,
                    })
                    .collect(),
            },
            grids,
        }
    }

    #[test]
    fn counts_cover_every_pupil() {
        let r = count_results([Some(YearResult::HTXS), Some(YearResult::CHT), None, Some(YearResult::HT)]);
        assert_eq!((r.htxs, r.htt, r.ht, r.cht, r.not_computed), (1, 0, 1, 1, 1));
        assert_eq!(r.total(), 4);
        let l = count_levels([Some(SubjectLevel::T), Some(SubjectLevel::T), Some(SubjectLevel::C), None]);
        assert_eq!((l.t, l.h, l.c, l.missing), (2, 0, 1, 1));
        assert_eq!(l.total(), 4);
    }

    #[test]
    fn latest_period_is_the_last_one_with_a_level() {
        let empty = grid("5A", Period::CuoiNam, vec![row("a", &[], None, &[])]);
        let mid = grid("5A", Period::GiuaHk2, vec![row("a", &[("toan", SubjectLevel::H)], None, &[])]);
        let first = grid("5A", Period::GiuaHk1, vec![row("a", &[("toan", SubjectLevel::T)], None, &[])]);
        assert_eq!(latest_period([&empty, &first, &mid]), Some(Period::GiuaHk2));
        assert_eq!(latest_period([&empty]), None);
    }

    #[test]
    fn a_c_level_or_a_cht_result_puts_a_pupil_at_risk() {
        let g = grid("5A", Period::CuoiNam, Vec::new());
        let c = row("a", &[("toan", SubjectLevel::C)], Some(YearResult::CHT), &[]);
        let reasons = risk_reasons(Some((&g, &c)), Some(&c));
        assert_eq!(reasons.len(), 2);
        assert_eq!(reasons[0].kind, RiskKind::LevelC);
        assert_eq!(reasons[0].subject_code.as_deref(), Some("toan"));
        assert_eq!(reasons[0].text, "Môn Toán ở mức Chưa hoàn thành (Cuối năm học)");
        assert_eq!(reasons[1].kind, RiskKind::ResultCht);
        // A C in an optional subject the pupil does not take does not count; H is fine.
        let not_taken = row("b", &[("tieng_dan_toc", SubjectLevel::C), ("toan", SubjectLevel::H)], None, &[]);
        assert!(risk_reasons(Some((&g, &not_taken)), None).is_empty());
        let taken = row("b", &[("tieng_dan_toc", SubjectLevel::C)], None, &["tieng_dan_toc"]);
        assert_eq!(risk_reasons(Some((&g, &taken)), None).len(), 1);
    }

    #[test]
    fn figures_per_grade_add_up_to_the_classes() {
        let a = class(
            "5A",
            vec![
                grid(
                    "5A",
                    Period::GiuaHk1,
                    vec![row("a1", &[("toan", SubjectLevel::C)], None, &[]), row("a2", &[], None, &[])],
                ),
                grid(
                    "5A",
                    Period::CuoiNam,
                    vec![
                        row("a1", &[("toan", SubjectLevel::T)], Some(YearResult::HTXS), &[]),
                        row("a2", &[("toan", SubjectLevel::C)], Some(YearResult::CHT), &[]),
                    ],
                ),
            ],
        );
        let b = class(
            "5B",
            vec![
                grid("5B", Period::GiuaHk1, vec![row("b1", &[], None, &[])]),
                grid("5B", Period::CuoiNam, vec![row("b1", &[], None, &[])]),
            ],
        );
        let d = build(Some("2025-2026".into()), &[a, b]);
        assert_eq!(d.grades.len(), 1);
        let g = &d.grades[0];
        assert_eq!(g.pupils, 3);
        assert_eq!(g.results.total(), 3);
        assert_eq!((g.results.htxs, g.results.cht, g.results.not_computed), (1, 1, 1));
        assert_eq!(g.latest_period, Some(Period::CuoiNam));
        assert_eq!(g.subjects.len(), 1);
        assert_eq!(g.subjects[0].levels, LevelCounts { t: 1, h: 0, c: 1, missing: 1 });
        // a1's C was at giữa HK I, not at the latest point: only a2 is at risk.
        assert_eq!(d.at_risk.len(), 1);
        assert_eq!(d.at_risk[0].pupil.id, "a2");
        assert_eq!(d.at_risk[0].reasons.len(), 2);
        let sheets = dashboard_sheets(&d);
        assert_eq!(sheets.len(), 4);
        assert_eq!(sheets[0].1.len(), 3, "headers and one row per class");
        assert_eq!(sheets[3].1[1][0], Cell::Text("Học sinh a2".into()));
    }
}
