//! Checking the assessment cells a teacher sends (one pupil's row or a cell of a bulk save)
//! against the grade's catalogue at a periodic point, before anything is stored. The same rules
//! run in the backend and, for immediate feedback, in the frontend.
//!
//! A field name names the cell as the API does, after a caller-given prefix:
//! `{prefix}subjects.toan`, `{prefix}subjects.toan.level`, `.score`, `.comment`,
//! `{prefix}qualities.yeu_nuoc`, `.level`, `.comment` (e.g. with the prefix `rows[3].`).

use crate::api::{QualityCellInput, SubjectCellInput};
use crate::catalogue;
use crate::lang::Bilingual;
use crate::levels::{QualityLevel, SubjectLevel};
use crate::messages;
use crate::period::Period;
use crate::rules;
use crate::text;
use std::fmt;

/// Longest comment (nhận xét) of a cell, in characters after NFC normalisation and trimming.
pub const MAX_COMMENT_CHARS: usize = 1000;

/// A checked subject cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectEntry {
    /// The catalogue's code of the subject.
    pub code: &'static str,
    pub level: Option<SubjectLevel>,
    /// A KTĐK score, only where the subject is tested at the period.
    pub score: Option<u8>,
    /// NFC, trimmed, not empty.
    pub comment: Option<String>,
    pub base_version: Option<u32>,
}

/// A checked phẩm chất or năng lực cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualityEntry {
    /// The catalogue's code of the phẩm chất or năng lực.
    pub code: &'static str,
    pub level: Option<QualityLevel>,
    /// NFC, trimmed, not empty.
    pub comment: Option<String>,
    pub base_version: Option<u32>,
}

/// One pupil's checked cells, in the order they were sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entries {
    pub subjects: Vec<SubjectEntry>,
    pub qualities: Vec<QualityEntry>,
}

/// The first refused cell: the field it names and the message, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: Bilingual,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: Bilingual) -> Self {
        FieldError { field: field.into(), message }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}

/// Whether a score may be entered for the subject in the grade at the period: the subject is a
/// required subject of the grade and the catalogue has a KTĐK there. This is the rule
/// [`check_subject`] applies to a cell with a score.
pub fn score_accepted(grade: u8, code: &str, period: Period) -> bool {
    catalogue::subject(grade, code).is_some_and(|s| !s.optional && s.is_scored_at(period))
}

/// A level as typed: surrounding space ignored, blank means no level.
fn typed(level: Option<&str>) -> Option<&str> {
    level.map(str::trim).filter(|l| !l.is_empty())
}

fn clean_comment(base: &str, comment: Option<&str>) -> Result<Option<String>, FieldError> {
    let c = text::clean_opt(comment);
    if c.as_ref().is_some_and(|c| c.chars().count() > MAX_COMMENT_CHARS) {
        return Err(FieldError::new(format!("{base}.comment"), crate::domain_text!(COMMENT_TOO_LONG)));
    }
    Ok(c)
}

/// Checks one subject cell against the grade's catalogue at the period. Refused, in this order:
/// a subject the grade does not have or only as an optional subject (`{prefix}subjects.{code}`),
/// a level other than T/H/C (`.level`), a score where the subject has no KTĐK at the period or
/// a score that is not a whole number from 1 to 10 (`.score`), a comment longer than
/// [`MAX_COMMENT_CHARS`] (`.comment`).
pub fn check_subject(
    input: &SubjectCellInput,
    grade: u8,
    period: Period,
    prefix: &str,
) -> Result<SubjectEntry, FieldError> {
    check_subject_taking(input, grade, period, prefix, &[])
}

/// [`check_subject`] for a pupil who takes the optional subjects `taken` (Ngoại ngữ 1 in grades
/// 1–2, Tiếng dân tộc thiểu số): those are accepted like required ones (they have no KTĐK);
/// an optional subject the pupil does not take is refused (`{prefix}subjects.{code}`).
pub fn check_subject_taking(
    input: &SubjectCellInput,
    grade: u8,
    period: Period,
    prefix: &str,
    taken: &[&str],
) -> Result<SubjectEntry, FieldError> {
    let base = format!("{prefix}subjects.{}", input.subject);
    let spec = catalogue::subject(grade, &input.subject)
        .ok_or_else(|| FieldError::new(&base, crate::domain_text!(UNKNOWN_SUBJECT)))?;
    if spec.optional && !taken.contains(&spec.code) {
        return Err(FieldError::new(&base, crate::domain_text!(OPTIONAL_NOT_TAKEN)));
    }
    let level = typed(input.level.as_deref())
        .map(|l| {
            SubjectLevel::parse(l)
                .ok_or_else(|| FieldError::new(format!("{base}.level"), crate::domain_text!(SUBJECT_LEVEL_INVALID)))
        })
        .transpose()?;
    let score = match input.score {
        None => None,
        Some(_) if !spec.is_scored_at(period) => {
            return Err(FieldError::new(format!("{base}.score"), crate::domain_text!(SCORE_NOT_TESTED)))
        }
        Some(v) => Some(rules::validate_score(v).map_err(|e| {
            FieldError::new(
                format!("{base}.score"),
                Bilingual::fixed(messages::score_error(e), messages::en::score_error(e)),
            )
        })?),
    };
    let comment = clean_comment(&base, input.comment.as_deref())?;
    Ok(SubjectEntry { code: spec.code, level, score, comment, base_version: input.base_version })
}

/// Checks one phẩm chất or năng lực cell against the grade's catalogue. Refused, in this order:
/// a code the grade does not assess (`{prefix}qualities.{code}`), a level other than T/Đ/C
/// (`.level`), a comment longer than [`MAX_COMMENT_CHARS`] (`.comment`).
pub fn check_quality(input: &QualityCellInput, grade: u8, prefix: &str) -> Result<QualityEntry, FieldError> {
    let base = format!("{prefix}qualities.{}", input.code);
    let spec = catalogue::quality(grade, &input.code)
        .ok_or_else(|| FieldError::new(&base, crate::domain_text!(UNKNOWN_QUALITY)))?;
    let level = typed(input.level.as_deref())
        .map(|l| {
            QualityLevel::parse(l)
                .ok_or_else(|| FieldError::new(format!("{base}.level"), crate::domain_text!(QUALITY_LEVEL_INVALID)))
        })
        .transpose()?;
    let comment = clean_comment(&base, input.comment.as_deref())?;
    Ok(QualityEntry { code: spec.code, level, comment, base_version: input.base_version })
}

/// Checks one pupil's cells: subjects first, then qualities; the first refused cell is the error.
pub fn check_cells(
    subjects: &[SubjectCellInput],
    qualities: &[QualityCellInput],
    grade: u8,
    period: Period,
    prefix: &str,
    taken: &[&str],
) -> Result<Entries, FieldError> {
    Ok(Entries {
        subjects: subjects
            .iter()
            .map(|s| check_subject_taking(s, grade, period, prefix, taken))
            .collect::<Result<_, _>>()?,
        qualities: qualities.iter().map(|q| check_quality(q, grade, prefix)).collect::<Result<_, _>>()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::GRADES;
    use crate::rules::ScoreError;
    use proptest::prelude::*;

    const UNKNOWN_CODE: &str = "mon_khong_co";

    fn subject(code: &str) -> SubjectCellInput {
        SubjectCellInput { subject: code.into(), ..Default::default() }
    }

    fn scored(code: &str, score: f64) -> SubjectCellInput {
        SubjectCellInput { score: Some(score), ..subject(code) }
    }

    fn quality(code: &str) -> QualityCellInput {
        QualityCellInput { code: code.into(), ..Default::default() }
    }

    fn err(field: &str, message: crate::lang::Bilingual) -> FieldError {
        FieldError::new(field, message)
    }

    /// Every subject code of any grade, once, then a code no grade has.
    fn all_codes() -> Vec<&'static str> {
        let mut codes: Vec<&'static str> = Vec::new();
        for g in GRADES {
            for s in catalogue::subjects_for_grade(g) {
                if !codes.contains(&s.code) {
                    codes.push(s.code);
                }
            }
        }
        codes.push(UNKNOWN_CODE);
        codes
    }

    /// The rule read from the catalogue alone.
    fn catalogue_scores(grade: u8, code: &str, period: Period) -> bool {
        match catalogue::subject(grade, code) {
            Some(spec) => !spec.optional && spec.is_scored_at(period),
            None => false,
        }
    }

    fn catalogue_has_required(grade: u8, code: &str) -> bool {
        catalogue::subject(grade, code).is_some_and(|s| !s.optional)
    }

    /// Why a subject the grade does not require is refused for a pupil who takes nothing
    /// optional: an optional subject of the grade, or a subject the grade does not have.
    fn refusal(grade: u8, code: &str) -> Bilingual {
        match catalogue::subject(grade, code) {
            Some(_) => crate::domain_text!(OPTIONAL_NOT_TAKEN),
            None => crate::domain_text!(UNKNOWN_SUBJECT),
        }
    }

    // ---- subjects: each path and field name ----

    #[test]
    fn a_full_subject_cell_is_accepted() {
        let input = SubjectCellInput {
            subject: "toan".into(),
            level: Some(" t ".into()),
            score: Some(9.0),
            comment: Some("  Em tính nhanh.  ".into()),
            base_version: Some(4),
        };
        let e = check_subject(&input, 4, Period::GiuaHk1, "").expect("valid cell");
        assert_eq!(
            e,
            SubjectEntry {
                code: "toan",
                level: Some(SubjectLevel::T),
                score: Some(9),
                comment: Some("Em tính nhanh.".into()),
                base_version: Some(4),
            }
        );
    }

    #[test]
    fn an_empty_cell_clears_the_values() {
        let input = SubjectCellInput {
            subject: "am_nhac".into(),
            level: Some("   ".into()),
            score: None,
            comment: Some(" \n ".into()),
            base_version: None,
        };
        let e = check_subject(&input, 1, Period::CuoiNam, "").expect("empty cell");
        assert_eq!(e, SubjectEntry { code: "am_nhac", level: None, score: None, comment: None, base_version: None });
    }

    #[test]
    fn unknown_subject_names_the_cell() {
        assert_eq!(
            check_subject(&subject(UNKNOWN_CODE), 3, Period::CuoiNam, ""),
            Err(err("subjects.mon_khong_co", crate::domain_text!(UNKNOWN_SUBJECT)))
        );
        // Khoa học is taught from grade 4.
        assert_eq!(
            check_subject(&subject("khoa_hoc"), 3, Period::CuoiNam, "rows[2]."),
            Err(err("rows[2].subjects.khoa_hoc", crate::domain_text!(UNKNOWN_SUBJECT)))
        );
        // Codes are exact.
        assert_eq!(
            check_subject(&subject("Toan"), 3, Period::CuoiNam, ""),
            Err(err("subjects.Toan", crate::domain_text!(UNKNOWN_SUBJECT)))
        );
    }

    #[test]
    fn an_optional_subject_is_accepted_only_for_pupils_who_take_it() {
        let cell = SubjectCellInput { level: Some("T".into()), ..subject("tieng_dan_toc") };
        let refused = check_subject_taking(&cell, 3, Period::CuoiNam, "", &[]);
        assert_eq!(refused.err(), Some(err("subjects.tieng_dan_toc", crate::domain_text!(OPTIONAL_NOT_TAKEN))));
        let taken = check_subject_taking(&cell, 3, Period::CuoiNam, "", &["tieng_dan_toc"]);
        assert_eq!(taken.map(|e| e.level), Ok(Some(SubjectLevel::T)));
        // Optional subjects have no KTĐK.
        let scored = SubjectCellInput { score: Some(8.0), ..cell };
        let refused = check_subject_taking(&scored, 3, Period::CuoiNam, "", &["tieng_dan_toc"]);
        assert_eq!(refused.err().map(|e| e.field), Some("subjects.tieng_dan_toc.score".to_string()));
    }

    #[test]
    fn optional_subjects_are_refused_for_pupils_who_do_not_take_them() {
        assert_eq!(
            check_subject(&subject("tieng_dan_toc"), 4, Period::CuoiNam, ""),
            Err(err("subjects.tieng_dan_toc", crate::domain_text!(OPTIONAL_NOT_TAKEN)))
        );
        assert_eq!(
            check_subject(&subject("ngoai_ngu_1"), 1, Period::CuoiNam, ""),
            Err(err("subjects.ngoai_ngu_1", crate::domain_text!(OPTIONAL_NOT_TAKEN)))
        );
        assert!(check_subject(&subject("ngoai_ngu_1"), 3, Period::CuoiNam, "").is_ok());
    }

    #[test]
    fn grades_outside_primary_have_no_subjects() {
        for g in [0, 6] {
            assert_eq!(
                check_subject(&subject("toan"), g, Period::CuoiNam, ""),
                Err(err("subjects.toan", crate::domain_text!(UNKNOWN_SUBJECT)))
            );
            assert_eq!(
                check_quality(&quality("yeu_nuoc"), g, "").map(|q| q.code),
                Ok("yeu_nuoc"),
                "qualities do not depend on the grade range"
            );
        }
    }

    #[test]
    fn bad_subject_level() {
        for bad in ["X", "Đ", "TT", "hoàn thành"] {
            let input = SubjectCellInput { level: Some(bad.into()), ..subject("toan") };
            assert_eq!(
                check_subject(&input, 2, Period::CuoiHk1, "p."),
                Err(err("p.subjects.toan.level", crate::domain_text!(SUBJECT_LEVEL_INVALID))),
                "{bad}"
            );
        }
        for (typed, level) in [("t", SubjectLevel::T), ("H", SubjectLevel::H), (" c", SubjectLevel::C)] {
            let input = SubjectCellInput { level: Some(typed.into()), ..subject("toan") };
            assert_eq!(check_subject(&input, 2, Period::CuoiHk1, "").map(|e| e.level), Ok(Some(level)));
        }
    }

    #[test]
    fn score_where_there_is_no_test() {
        // Grade 3 has no mid-term test; Âm nhạc is never tested.
        assert_eq!(
            check_subject(&scored("toan", 8.0), 3, Period::GiuaHk1, ""),
            Err(err("subjects.toan.score", crate::domain_text!(SCORE_NOT_TESTED)))
        );
        assert_eq!(
            check_subject(&scored("am_nhac", 8.0), 5, Period::CuoiNam, ""),
            Err(err("subjects.am_nhac.score", crate::domain_text!(SCORE_NOT_TESTED)))
        );
        // Not tested wins over a bad value.
        assert_eq!(
            check_subject(&scored("am_nhac", 7.5), 5, Period::CuoiNam, ""),
            Err(err("subjects.am_nhac.score", crate::domain_text!(SCORE_NOT_TESTED)))
        );
    }

    #[test]
    fn bad_score_values() {
        let score_error = |e| Bilingual::fixed(messages::score_error(e), messages::en::score_error(e));
        let (out_of_range, not_whole) = (score_error(ScoreError::OutOfRange), score_error(ScoreError::NotWholeNumber));
        for (v, message) in [
            (0.0, out_of_range.clone()),
            (-1.0, out_of_range.clone()),
            (11.0, out_of_range),
            (7.5, not_whole.clone()),
            (f64::NAN, not_whole.clone()),
            (f64::INFINITY, not_whole),
        ] {
            assert_eq!(
                check_subject(&scored("tieng_viet", v), 5, Period::GiuaHk2, "rows[0]."),
                Err(err("rows[0].subjects.tieng_viet.score", message)),
                "{v}"
            );
        }
        assert_eq!(check_subject(&scored("tieng_viet", 10.0), 5, Period::GiuaHk2, "").map(|e| e.score), Ok(Some(10)));
    }

    #[test]
    fn comment_length_is_counted_in_characters_after_nfc() {
        let fits = "ễ".repeat(MAX_COMMENT_CHARS);
        let input = SubjectCellInput { comment: Some(format!("  {fits}\n")), ..subject("toan") };
        assert_eq!(check_subject(&input, 1, Period::CuoiNam, "").map(|e| e.comment), Ok(Some(fits.clone())));
        // Decomposed (three code points per letter) becomes one character each.
        let decomposed = "e\u{302}\u{303}".repeat(MAX_COMMENT_CHARS);
        let input = SubjectCellInput { comment: Some(decomposed), ..subject("toan") };
        assert_eq!(check_subject(&input, 1, Period::CuoiNam, "").map(|e| e.comment), Ok(Some(fits)));
        let long = "a".repeat(MAX_COMMENT_CHARS + 1);
        let input = SubjectCellInput { comment: Some(long), ..subject("toan") };
        assert_eq!(
            check_subject(&input, 1, Period::CuoiNam, ""),
            Err(err("subjects.toan.comment", crate::domain_text!(COMMENT_TOO_LONG)))
        );
        assert!(messages::COMMENT_TOO_LONG.contains(&MAX_COMMENT_CHARS.to_string()));
    }

    #[test]
    fn subject_errors_come_in_order() {
        let all_bad = SubjectCellInput {
            subject: "toan".into(),
            level: Some("X".into()),
            score: Some(12.0),
            comment: Some("a".repeat(2000)),
            base_version: None,
        };
        let field = |input: &SubjectCellInput| check_subject(input, 4, Period::CuoiNam, "").map_err(|e| e.field);
        assert_eq!(field(&SubjectCellInput { subject: "x".into(), ..all_bad.clone() }), Err("subjects.x".into()));
        assert_eq!(field(&all_bad), Err("subjects.toan.level".into()));
        let no_level = SubjectCellInput { level: None, ..all_bad.clone() };
        assert_eq!(field(&no_level), Err("subjects.toan.score".into()));
        assert_eq!(field(&SubjectCellInput { score: None, ..no_level }), Err("subjects.toan.comment".into()));
    }

    // ---- qualities ----

    #[test]
    fn a_full_quality_cell_is_accepted() {
        let input = QualityCellInput {
            code: "tin_hoc_nl".into(),
            level: Some("đ".into()),
            comment: Some("Biết dùng máy tính.".into()),
            base_version: Some(1),
        };
        assert_eq!(
            check_quality(&input, 3, ""),
            Ok(QualityEntry {
                code: "tin_hoc_nl",
                level: Some(QualityLevel::D),
                comment: Some("Biết dùng máy tính.".into()),
                base_version: Some(1),
            })
        );
        for (typed, level) in
            [("T", QualityLevel::T), ("D", QualityLevel::D), ("Đ", QualityLevel::D), ("c ", QualityLevel::C)]
        {
            let input = QualityCellInput { level: Some(typed.into()), ..quality("yeu_nuoc") };
            assert_eq!(check_quality(&input, 1, "").map(|e| e.level), Ok(Some(level)));
        }
        let blank = QualityCellInput { level: Some(" ".into()), comment: Some("".into()), ..quality("yeu_nuoc") };
        assert_eq!(check_quality(&blank, 1, "").map(|e| (e.level, e.comment)), Ok((None, None)));
    }

    #[test]
    fn unknown_quality_names_the_cell() {
        // Tin học (năng lực) is assessed from grade 3.
        assert_eq!(
            check_quality(&quality("tin_hoc_nl"), 2, "rows[1]."),
            Err(err("rows[1].qualities.tin_hoc_nl", crate::domain_text!(UNKNOWN_QUALITY)))
        );
        assert_eq!(
            check_quality(&quality("toan"), 2, ""),
            Err(err("qualities.toan", crate::domain_text!(UNKNOWN_QUALITY)))
        );
    }

    #[test]
    fn bad_quality_level() {
        for bad in ["H", "X", "Tốt"] {
            let input = QualityCellInput { level: Some(bad.into()), ..quality("nhan_ai") };
            assert_eq!(
                check_quality(&input, 5, ""),
                Err(err("qualities.nhan_ai.level", crate::domain_text!(QUALITY_LEVEL_INVALID))),
                "{bad}"
            );
        }
    }

    #[test]
    fn quality_comment_too_long() {
        let input = QualityCellInput { comment: Some("b".repeat(MAX_COMMENT_CHARS + 1)), ..quality("nhan_ai") };
        assert_eq!(
            check_quality(&input, 5, "x."),
            Err(err("x.qualities.nhan_ai.comment", crate::domain_text!(COMMENT_TOO_LONG)))
        );
    }

    // ---- a pupil's cells ----

    #[test]
    fn cells_keep_their_order_and_versions() {
        let subjects = [
            SubjectCellInput { base_version: Some(2), ..scored("toan", 7.0) },
            SubjectCellInput { level: Some("H".into()), ..subject("dao_duc") },
        ];
        let qualities = [QualityCellInput { level: Some("T".into()), base_version: Some(0), ..quality("cham_chi") }];
        let e = check_cells(&subjects, &qualities, 1, Period::CuoiHk1, "", &[]).expect("valid cells");
        assert_eq!(
            e.subjects.iter().map(|s| (s.code, s.base_version)).collect::<Vec<_>>(),
            [("toan", Some(2)), ("dao_duc", None)]
        );
        assert_eq!(e.subjects[0].score, Some(7));
        assert_eq!(
            e.qualities,
            vec![QualityEntry { code: "cham_chi", level: Some(QualityLevel::T), comment: None, base_version: Some(0) }]
        );
        assert_eq!(check_cells(&[], &[], 1, Period::CuoiHk1, "", &[]), Ok(Entries::default()));
    }

    #[test]
    fn the_first_bad_cell_is_the_error() {
        let subjects = [scored("toan", 7.0), scored("dao_duc", 7.0), scored("toan", 0.5)];
        let qualities = [quality("khong_co")];
        assert_eq!(
            check_cells(&subjects, &qualities, 2, Period::CuoiNam, "rows[5].", &[]),
            Err(err("rows[5].subjects.dao_duc.score", crate::domain_text!(SCORE_NOT_TESTED)))
        );
        assert_eq!(
            check_cells(&subjects[..1], &qualities, 2, Period::CuoiNam, "rows[5].", &[]),
            Err(err("rows[5].qualities.khong_co", crate::domain_text!(UNKNOWN_QUALITY)))
        );
    }

    #[test]
    fn field_error_displays_field_and_message() {
        assert_eq!(err("subjects.toan", Bilingual::fixed("Sai.", "Wrong.")).to_string(), "subjects.toan: Sai.");
    }

    // ---- property (a): a score is accepted exactly where the catalogue has a test ----

    /// Every grade × every subject code of any grade (and an unknown one) × every period ×
    /// every valid score.
    #[test]
    fn valid_scores_are_accepted_exactly_where_the_catalogue_tests() {
        let codes = all_codes();
        let mut accepted = 0;
        for grade in GRADES {
            for &code in &codes {
                for period in Period::ALL {
                    let expected = catalogue_scores(grade, code, period);
                    assert_eq!(score_accepted(grade, code, period), expected, "{grade} {code} {period:?}");
                    for score in catalogue::MIN_SCORE..=catalogue::MAX_SCORE {
                        let got = check_subject(&scored(code, f64::from(score)), grade, period, "");
                        match got {
                            Ok(e) => {
                                assert!(expected, "{grade} {code} {period:?} {score} accepted");
                                assert_eq!((e.code, e.score), (code, Some(score)));
                                accepted += 1;
                            }
                            Err(e) => {
                                assert!(!expected, "{grade} {code} {period:?} {score} refused: {e}");
                                let (field, message) = if catalogue_has_required(grade, code) {
                                    (format!("subjects.{code}.score"), crate::domain_text!(SCORE_NOT_TESTED))
                                } else {
                                    (format!("subjects.{code}"), refusal(grade, code))
                                };
                                assert_eq!(e, err(&field, message));
                            }
                        }
                    }
                    // Without a score only the subject matters.
                    assert_eq!(
                        check_subject(&subject(code), grade, period, "").is_ok(),
                        catalogue_has_required(grade, code)
                    );
                }
            }
        }
        // Grades 1–2: 2 subjects × 2 points; 3: 5 × 2; 4–5: 7 × 2 + 2 × 2 (mid-terms).
        assert_eq!(accepted, (2 * 4 + 10 + 2 * 18) * 10);
    }

    #[test]
    fn invalid_scores_are_refused_everywhere() {
        let codes = all_codes();
        for grade in GRADES {
            for &code in &codes {
                for period in Period::ALL {
                    for v in [0.0, -0.0, -1.0, 11.0, 100.0, 0.5, 7.5, 9.99, 10.000001, 1e300, f64::NAN, f64::INFINITY] {
                        assert!(check_subject(&scored(code, v), grade, period, "").is_err(), "{grade} {code} {v}");
                    }
                }
            }
        }
    }

    fn any_score() -> impl Strategy<Value = f64> {
        prop_oneof![
            (1u8..=10).prop_map(f64::from),
            (-20i32..=30).prop_map(f64::from),
            (0.0f64..11.0),
            (1u8..=9, 1u32..1000).prop_map(|(n, f)| f64::from(n) + f64::from(f) / 1000.0),
            any::<f64>(),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
        ]
    }

    proptest! {
        /// Random grade, code, period and score (in and out of range, fractional, not finite).
        #[test]
        fn a_score_is_accepted_iff_tested_and_whole_from_1_to_10(
            grade in 1u8..=5,
            code in proptest::sample::select(all_codes()),
            period in proptest::sample::select(Period::ALL.to_vec()),
            score in any_score(),
        ) {
            let whole_in_range = score.fract() == 0.0 && (1.0..=10.0).contains(&score);
            let tested = catalogue_scores(grade, code, period);
            let got = check_subject(&scored(code, score), grade, period, "rows[0].");
            prop_assert_eq!(got.is_ok(), tested && whole_in_range, "{:?}", got);
            match got {
                Ok(e) => prop_assert_eq!(e.score.map(f64::from), Some(score)),
                Err(e) if !catalogue_has_required(grade, code) => {
                    prop_assert_eq!(e, err(&format!("rows[0].subjects.{code}"), refusal(grade, code)));
                }
                Err(e) => prop_assert_eq!(e.field, format!("rows[0].subjects.{code}.score")),
            }
        }

        /// A comment is kept (cleaned) iff it has at most MAX_COMMENT_CHARS characters after
        /// cleaning; a blank one is no comment.
        #[test]
        fn comments_are_cleaned_and_bounded(
            // Runs of one character (combining marks included), around 1000 characters in all.
            runs in proptest::collection::vec(
                (proptest::sample::select(vec!['a', 'ễ', 'e', '\u{302}', '\u{303}', ' ']), 1usize..70),
                15..40,
            ),
            pad in "[ \n\t]{0,3}",
        ) {
            let raw: String = runs.into_iter().flat_map(|(c, n)| std::iter::repeat_n(c, n)).collect();
            let raw = format!("{pad}{raw}{pad}");
            let cleaned = text::clean_opt(Some(&raw));
            let fits = cleaned.as_ref().is_none_or(|c| c.chars().count() <= MAX_COMMENT_CHARS);
            let input = QualityCellInput { comment: Some(raw), ..quality("trung_thuc") };
            match check_quality(&input, 4, "") {
                Ok(e) => {
                    prop_assert!(fits);
                    prop_assert_eq!(e.comment, cleaned);
                }
                Err(e) => {
                    prop_assert!(!fits);
                    prop_assert_eq!(e, err("qualities.trung_thuc.comment", crate::domain_text!(COMMENT_TOO_LONG)));
                }
            }
        }
    }
}
