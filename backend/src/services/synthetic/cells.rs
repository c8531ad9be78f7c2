//! One pupil's cells at one periodic point, the year-end extras and the awards. Levels and scores
//! are drawn by the pupil's ability; at cuối năm a result is aimed at first and the cells are
//! checked with TT27's rule (`hocba_core::rules::evaluate_year`), so the awards match the result.

use super::rng::Dice;
use super::SchoolRows;
use crate::db::models::{new_id, AwardRecord, QualityAssessment, SubjectAssessment, YearEndRecord};
use chrono::{NaiveDate, NaiveDateTime};
use hocba_core::awards::{AwardKind, AwardLevel};
use hocba_core::catalogue::{self, QualitySpec, SubjectSpec};
use hocba_core::rules::{evaluate_year, QualityOutcome, SubjectOutcome};
use hocba_core::{Period, QualityLevel, SubjectLevel, YearResult};

/// How well a pupil does, kept from year to year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ability {
    Excellent,
    Good,
    Fair,
}

impl Ability {
    pub fn draw(dice: &mut Dice) -> Ability {
        [Ability::Excellent, Ability::Good, Ability::Fair][dice.weighted(&[30, 40, 30])]
    }

    /// Weights of T, H, C of a subject at a point other than cuối năm.
    fn subject_levels(self) -> [u32; 3] {
        match self {
            Ability::Excellent => [90, 10, 0],
            Ability::Good => [60, 38, 2],
            Ability::Fair => [20, 74, 6],
        }
    }

    /// Weights of T, Đ, C of a phẩm chất or năng lực at a point other than cuối năm.
    fn quality_levels(self) -> [u32; 3] {
        match self {
            Ability::Excellent => [95, 5, 0],
            Ability::Good => [65, 35, 0],
            Ability::Fair => [25, 72, 3],
        }
    }

    /// Weights of the scores 1–10 of a test.
    fn scores(self) -> [u32; 10] {
        match self {
            Ability::Excellent => [0, 0, 0, 0, 0, 0, 0, 15, 40, 45],
            Ability::Good => [0, 0, 0, 0, 0, 5, 25, 40, 25, 5],
            Ability::Fair => [0, 0, 0, 3, 15, 30, 32, 17, 3, 0],
        }
    }

    /// Weights of the year results HTXS, HTT, HT.
    fn results(self) -> [u32; 3] {
        match self {
            Ability::Excellent => [70, 25, 5],
            Ability::Good => [20, 45, 35],
            Ability::Fair => [2, 18, 80],
        }
    }
}

/// What a grade is assessed in: its required subjects and its phẩm chất and năng lực, each in
/// code order (the order of the unique indexes, so that a school's cells arrive in key order).
pub struct Columns {
    pub subjects: Vec<SubjectSpec>,
    pub qualities: Vec<QualitySpec>,
}

impl Columns {
    /// Grades 1–5, the first at index 0.
    pub fn by_grade() -> Vec<Columns> {
        catalogue::GRADES
            .map(|g| {
                let mut subjects = catalogue::required_subjects(g);
                subjects.sort_by_key(|s| s.code);
                let mut qualities = catalogue::qualities_and_competencies(g);
                qualities.sort_by_key(|q| q.code);
                Columns { subjects, qualities }
            })
            .collect()
    }
}

/// One pupil's cells at one periodic point: where they go and who wrote them, when.
pub struct Sheet<'a> {
    pub school_id: &'a str,
    pub enrolment_id: &'a str,
    pub teacher_id: &'a str,
    pub columns: &'a Columns,
    pub period: Period,
    pub locked: bool,
    pub at: NaiveDateTime,
}

/// A subject cell before it is a row.
struct Mark {
    level: SubjectLevel,
    score: Option<u8>,
}

const SUBJECT_LEVELS: [SubjectLevel; 3] = [SubjectLevel::T, SubjectLevel::H, SubjectLevel::C];
const QUALITY_LEVELS: [QualityLevel; 3] = [QualityLevel::T, QualityLevel::D, QualityLevel::C];

fn score(dice: &mut Dice, weights: &[u32; 10]) -> u8 {
    u8::try_from(dice.weighted(weights) + 1).unwrap_or(10)
}

/// Adds the sheet's subject and quality rows; at cuối năm answers the year result they give.
pub fn write(rows: &mut SchoolRows, dice: &mut Dice, sheet: &Sheet<'_>, ability: Ability) -> Option<YearResult> {
    let (marks, qualities, result) = if sheet.period == Period::CuoiNam {
        let (marks, qualities, result) = year_end_marks(dice, sheet.columns, ability);
        (marks, qualities, Some(result))
    } else {
        let marks = sheet
            .columns
            .subjects
            .iter()
            .map(|spec| Mark {
                level: SUBJECT_LEVELS[dice.weighted(&ability.subject_levels())],
                score: spec.is_scored_at(sheet.period).then(|| score(dice, &ability.scores())),
            })
            .collect();
        let qualities =
            sheet.columns.qualities.iter().map(|_| QUALITY_LEVELS[dice.weighted(&ability.quality_levels())]).collect();
        (marks, qualities, None)
    };
    for (spec, mark) in sheet.columns.subjects.iter().zip(marks) {
        rows.subjects.push(SubjectAssessment {
            id: new_id(),
            school_id: sheet.school_id.to_owned(),
            enrolment_id: sheet.enrolment_id.to_owned(),
            period: sheet.period.code().to_owned(),
            subject_code: spec.code.to_owned(),
            level: Some(mark.level.code().to_owned()),
            score: mark.score.map(i16::from),
            comment: comment(dice, mark.level, spec.name),
            version: 1,
            locked: sheet.locked,
            updated_by: Some(sheet.teacher_id.to_owned()),
            updated_at: sheet.at,
        });
    }
    for (spec, level) in sheet.columns.qualities.iter().zip(qualities) {
        rows.qualities.push(QualityAssessment {
            id: new_id(),
            school_id: sheet.school_id.to_owned(),
            enrolment_id: sheet.enrolment_id.to_owned(),
            period: sheet.period.code().to_owned(),
            quality_code: spec.code.to_owned(),
            level: Some(level.code().to_owned()),
            comment: None,
            version: 1,
            locked: sheet.locked,
            updated_by: Some(sheet.teacher_id.to_owned()),
            updated_at: sheet.at,
        });
    }
    result
}

/// The cuối năm cells of a result drawn by ability (HTXS, HTT or HT: nobody fails, so every
/// pupil moves up), and that result as the rule computes it.
fn year_end_marks(dice: &mut Dice, columns: &Columns, ability: Ability) -> (Vec<Mark>, Vec<QualityLevel>, YearResult) {
    let target = [YearResult::HTXS, YearResult::HTT, YearResult::HT][dice.weighted(&ability.results())];
    let scored = |spec: &SubjectSpec| spec.is_scored_at(Period::CuoiNam);
    let mut marks: Vec<Mark> = columns
        .subjects
        .iter()
        .map(|spec| {
            let (level, weights) = match target {
                YearResult::HTXS => (SubjectLevel::T, [0, 0, 0, 0, 0, 0, 0, 0, 50, 50]),
                YearResult::HTT => (SubjectLevel::T, [0, 0, 0, 0, 0, 0, 20, 35, 30, 15]),
                _ => {
                    let t = ability.subject_levels()[0];
                    let level = if dice.chance(u64::from(t)) { SubjectLevel::T } else { SubjectLevel::H };
                    let mut w = ability.scores();
                    w[..4].fill(0);
                    (level, w)
                }
            };
            Mark { level, score: scored(spec).then(|| score(dice, &weights)) }
        })
        .collect();
    let qualities: Vec<QualityLevel> = columns
        .qualities
        .iter()
        .map(|_| match target {
            YearResult::HTXS | YearResult::HTT => QualityLevel::T,
            _ if dice.chance(u64::from(ability.quality_levels()[0])) => QualityLevel::T,
            _ => QualityLevel::D,
        })
        .collect();
    // HTT needs a score below 9 somewhere; HT a level below the best.
    let mut result = evaluate(columns, &marks, &qualities);
    if result < target {
        let pick = |dice: &mut Dice, wanted: &dyn Fn(&SubjectSpec) -> bool| {
            let candidates: Vec<usize> =
                (0..columns.subjects.len()).filter(|i| wanted(&columns.subjects[*i])).collect();
            candidates.get(usize::try_from(dice.below(candidates.len() as u64)).unwrap_or(0)).copied()
        };
        match target {
            YearResult::HTT => {
                if let Some(i) = pick(dice, &scored) {
                    marks[i].score = Some(7 + u8::from(dice.chance(50)));
                }
            }
            _ => {
                if let Some(i) = pick(dice, &|_| true) {
                    marks[i].level = SubjectLevel::H;
                }
            }
        }
        result = evaluate(columns, &marks, &qualities);
    }
    (marks, qualities, result)
}

/// TT27 Điều 9 on complete cells.
fn evaluate(columns: &Columns, marks: &[Mark], qualities: &[QualityLevel]) -> YearResult {
    let subjects: Vec<SubjectOutcome<'_>> = columns
        .subjects
        .iter()
        .zip(marks)
        .map(|(spec, m)| SubjectOutcome {
            code: spec.code,
            name: spec.name,
            level: Some(m.level),
            scored: spec.is_scored_at(Period::CuoiNam),
            score: m.score,
        })
        .collect();
    let qualities: Vec<QualityOutcome<'_>> = columns
        .qualities
        .iter()
        .zip(qualities)
        .map(|(spec, level)| QualityOutcome { code: spec.code, name: spec.name, level: Some(*level) })
        .collect();
    evaluate_year(&subjects, &qualities).result.unwrap_or(YearResult::HT)
}

/// Most subject cells carry a short comment of the teacher, in a few wordings per level.
fn comment(dice: &mut Dice, level: SubjectLevel, subject: &str) -> Option<String> {
    const T: &[(&str, &str)] = &[
        ("Hoàn thành tốt các nội dung môn ", "; tích cực phát biểu xây dựng bài."),
        ("Nắm vững kiến thức môn ", ", vận dụng linh hoạt vào bài tập."),
        ("Học tốt môn ", "; trình bày bài sạch đẹp, cẩn thận."),
        ("Tiếp thu nhanh môn ", "; tự tin, hợp tác tốt với bạn."),
    ];
    const H: &[(&str, &str)] = &[
        ("Hoàn thành nội dung môn ", "; cần luyện tập thêm ở nhà."),
        ("Nắm được kiến thức cơ bản môn ", "; cần cẩn thận hơn khi làm bài."),
        ("Hoàn thành yêu cầu môn ", "; cần mạnh dạn phát biểu hơn."),
    ];
    const C: &[(&str, &str)] = &[
        ("Chưa hoàn thành một số nội dung môn ", "; cần giáo viên và gia đình hỗ trợ thêm."),
        ("Còn chậm trong học tập môn ", "; cần luyện tập thêm hằng ngày."),
    ];
    if !dice.chance(85) {
        return None;
    }
    let (before, after) = dice.pick(match level {
        SubjectLevel::T => T,
        SubjectLevel::H => H,
        SubjectLevel::C => C,
    });
    let mut text = String::with_capacity(before.len() + subject.len() + after.len());
    text.push_str(before);
    text.push_str(subject);
    text.push_str(after);
    Some(text)
}

/// A past year's extras of one pupil (days absent, height, weight), locked with the approved
/// record, and the school's giấy khen when the result earns one.
pub struct YearEnd<'a> {
    pub sheet: &'a Sheet<'a>,
    pub grade: u8,
    pub result: YearResult,
    pub award_date: NaiveDate,
}

pub fn write_year_end(rows: &mut SchoolRows, dice: &mut Dice, y: &YearEnd<'_>) {
    let g = usize::from(y.grade.clamp(1, 5) - 1);
    let height = [1170, 1230, 1290, 1345, 1400][g] + dice.between(-30, 30) + dice.between(-25, 25);
    let weight = [205, 235, 265, 300, 335][g] + dice.between(-25, 25) + dice.between(-20, 20);
    let excused = i16::try_from(dice.weighted(&[40, 25, 15, 10, 6, 2, 1, 1])).unwrap_or(0);
    let unexcused = i16::try_from(dice.weighted(&[88, 8, 4])).unwrap_or(0);
    let s = y.sheet;
    rows.year_ends.push(YearEndRecord {
        id: new_id(),
        school_id: s.school_id.to_owned(),
        enrolment_id: s.enrolment_id.to_owned(),
        days_absent_excused: Some(excused),
        days_absent_unexcused: Some(unexcused),
        height_mm: Some(height),
        weight_hg: Some(weight),
        manual_result: None,
        manual_note: None,
        supplementary_result: None,
        supplementary_note: None,
        decision: None,
        decided_by: None,
        decided_at: None,
        version: 1,
        locked: true,
        updated_by: Some(s.teacher_id.to_owned()),
        updated_at: s.at,
    });
    let kind = match y.result {
        YearResult::HTXS => AwardKind::HocSinhXuatSac,
        YearResult::HTT => AwardKind::HocSinhTieuBieu,
        YearResult::HT | YearResult::CHT => return,
    };
    let reason = (kind == AwardKind::HocSinhTieuBieu).then(|| {
        let subject = dice.pick(&s.columns.subjects).name;
        match dice.below(3) {
            0 => format!("Học tốt môn {subject}; tích cực tham gia các hoạt động của lớp."),
            1 => "Có nhiều tiến bộ trong học tập và rèn luyện; chăm chỉ, đoàn kết với bạn bè.".to_owned(),
            _ => "Tích cực giúp đỡ bạn cùng tiến bộ; gương mẫu trong các phong trào của trường.".to_owned(),
        }
    });
    rows.awards.push(AwardRecord {
        id: new_id(),
        school_id: s.school_id.to_owned(),
        enrolment_id: s.enrolment_id.to_owned(),
        kind: kind.code().to_owned(),
        title: hocba_core::messages::award_kind_title(kind).to_owned(),
        level: AwardLevel::School.code().to_owned(),
        awarded_on: Some(y.award_date),
        reason,
        confirmed_by: Some(s.teacher_id.to_owned()),
        created_at: y.award_date.and_hms_opt(2, 0, 0).unwrap_or(s.at),
        locked: true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(columns: &Columns, period: Period) -> Sheet<'_> {
        Sheet {
            school_id: "s",
            enrolment_id: "e",
            teacher_id: "t",
            columns,
            period,
            locked: true,
            at: NaiveDateTime::default(),
        }
    }

    #[test]
    fn year_end_results_follow_the_cells_and_nobody_fails() {
        let by_grade = Columns::by_grade();
        let mut dice = Dice::for_school(7);
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..600 {
            let columns = &by_grade[i % 5];
            let mut rows = SchoolRows::default();
            let ability = Ability::draw(&mut dice);
            let result = write(&mut rows, &mut dice, &sheet(columns, Period::CuoiNam), ability);
            let result = result.unwrap_or(YearResult::CHT);
            assert_ne!(result, YearResult::CHT);
            seen.insert(result);
            assert_eq!(rows.subjects.len(), columns.subjects.len());
            assert_eq!(rows.qualities.len(), columns.qualities.len());
            for (cell, spec) in rows.subjects.iter().zip(&columns.subjects) {
                assert_eq!(cell.score.is_some(), spec.is_scored_at(Period::CuoiNam));
                assert!(cell.score.is_none_or(|s| (5..=10).contains(&s)));
                assert_ne!(cell.level.as_deref(), Some("C"));
            }
        }
        assert_eq!(seen.len(), 3, "HTXS, HTT and HT all occur: {seen:?}");
    }

    #[test]
    fn awards_match_the_result() {
        let by_grade = Columns::by_grade();
        let mut dice = Dice::for_school(1);
        for result in [YearResult::HTXS, YearResult::HTT, YearResult::HT] {
            let mut rows = SchoolRows::default();
            let s = sheet(&by_grade[4], Period::CuoiNam);
            let award_date = NaiveDate::default();
            write_year_end(&mut rows, &mut dice, &YearEnd { sheet: &s, grade: 5, result, award_date });
            assert_eq!(rows.year_ends.len(), 1);
            let kinds: Vec<&str> = rows.awards.iter().map(|a| a.kind.as_str()).collect();
            match result {
                YearResult::HTXS => assert_eq!(kinds, ["hoc_sinh_xuat_sac"]),
                YearResult::HTT => {
                    assert_eq!(kinds, ["hoc_sinh_tieu_bieu"]);
                    assert!(rows.awards[0].reason.is_some());
                }
                _ => assert!(kinds.is_empty()),
            }
        }
    }
}
