//! TT27 rules: KTĐK score validation and the year-end result (Điều 9).

use crate::catalogue::{MAX_SCORE, MIN_SCORE};
use crate::levels::{QualityLevel, SubjectLevel, YearResult};
use serde::{Deserialize, Serialize};

/// Why a score was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScoreError {
    NotWholeNumber,
    OutOfRange,
}

/// A KTĐK score must be a whole number from [`MIN_SCORE`] to [`MAX_SCORE`].
pub fn validate_score(value: f64) -> Result<u8, ScoreError> {
    if !value.is_finite() || value.fract() != 0.0 {
        return Err(ScoreError::NotWholeNumber);
    }
    if value < f64::from(MIN_SCORE) || value > f64::from(MAX_SCORE) {
        return Err(ScoreError::OutOfRange);
    }
    // In range 1..=10 and whole, so the cast is exact.
    Ok(value as u8)
}

/// One subject's year-end data as the rule needs it.
#[derive(Debug, Clone)]
pub struct SubjectOutcome<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub level: Option<SubjectLevel>,
    /// Whether the grade has a year-end KTĐK in this subject.
    pub scored: bool,
    pub score: Option<u8>,
}

/// One phẩm chất or năng lực at year end.
#[derive(Debug, Clone)]
pub struct QualityOutcome<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub level: Option<QualityLevel>,
}

/// What an item contributes to the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Factor {
    SubjectLevel { code: String, name: String, level: SubjectLevel },
    Score { code: String, name: String, score: u8 },
    Quality { code: String, name: String, level: QualityLevel },
}

/// A value still to be entered before the result can be computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Missing {
    SubjectLevel { code: String, name: String },
    Score { code: String, name: String },
    Quality { code: String, name: String },
}

/// The computed year-end result with its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evaluation {
    /// `None` while values are missing.
    pub result: Option<YearResult>,
    /// The items that hold the result where it is (empty for HTXS).
    pub limiting: Vec<Factor>,
    pub missing: Vec<Missing>,
}

fn level_cap(level: SubjectLevel) -> YearResult {
    match level {
        SubjectLevel::T => YearResult::HTXS,
        SubjectLevel::H => YearResult::HT,
        SubjectLevel::C => YearResult::CHT,
    }
}

fn quality_cap(level: QualityLevel) -> YearResult {
    match level {
        QualityLevel::T => YearResult::HTXS,
        QualityLevel::D => YearResult::HT,
        QualityLevel::C => YearResult::CHT,
    }
}

fn score_cap(score: u8) -> YearResult {
    match score {
        9.. => YearResult::HTXS,
        7..=8 => YearResult::HTT,
        5..=6 => YearResult::HT,
        _ => YearResult::CHT,
    }
}

/// TT27 Điều 9: HTXS when every S = T, every Q = T and every P ≥ 9; HTT with every P ≥ 7;
/// HT when every S ∈ {T, H}, every Q ∈ {T, Đ} and every P ≥ 5; CHT otherwise.
pub fn evaluate_year(subjects: &[SubjectOutcome<'_>], qualities: &[QualityOutcome<'_>]) -> Evaluation {
    let mut missing = Vec::new();
    let mut factors: Vec<(YearResult, Factor)> = Vec::new();
    for s in subjects {
        match s.level {
            Some(level) => factors
                .push((level_cap(level), Factor::SubjectLevel { code: s.code.into(), name: s.name.into(), level })),
            None => missing.push(Missing::SubjectLevel { code: s.code.into(), name: s.name.into() }),
        }
        if s.scored {
            match s.score {
                Some(score) => {
                    factors.push((score_cap(score), Factor::Score { code: s.code.into(), name: s.name.into(), score }))
                }
                None => missing.push(Missing::Score { code: s.code.into(), name: s.name.into() }),
            }
        }
    }
    for q in qualities {
        match q.level {
            Some(level) => {
                factors.push((quality_cap(level), Factor::Quality { code: q.code.into(), name: q.name.into(), level }))
            }
            None => missing.push(Missing::Quality { code: q.code.into(), name: q.name.into() }),
        }
    }
    if !missing.is_empty() {
        return Evaluation { result: None, limiting: Vec::new(), missing };
    }
    let result = factors.iter().map(|(cap, _)| *cap).max().unwrap_or(YearResult::HTXS);
    let limiting = if result == YearResult::HTXS {
        Vec::new()
    } else {
        factors.into_iter().filter(|(cap, _)| *cap == result).map(|(_, f)| f).collect()
    };
    Evaluation { result: Some(result), limiting, missing }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SUBJECTS: [(&str, &str, bool); 4] = [
        ("tieng_viet", "Tiếng Việt", true),
        ("toan", "Toán", true),
        ("am_nhac", "Nghệ thuật (Âm nhạc)", false),
        ("dao_duc", "Đạo đức", false),
    ];

    fn eval(levels: [SubjectLevel; 4], scores: [u8; 2], q: [QualityLevel; 3]) -> Evaluation {
        let subjects: Vec<_> = SUBJECTS
            .iter()
            .enumerate()
            .map(|(i, (code, name, scored))| SubjectOutcome {
                code,
                name,
                level: Some(levels[i]),
                scored: *scored,
                score: scored.then(|| scores[i]),
            })
            .collect();
        let qualities: Vec<_> = ["yeu_nuoc", "nhan_ai", "tu_chu_tu_hoc"]
            .iter()
            .enumerate()
            .map(|(i, code)| QualityOutcome { code, name: code, level: Some(q[i]) })
            .collect();
        evaluate_year(&subjects, &qualities)
    }

    use QualityLevel as Q;
    use SubjectLevel as S;
    const ALL_T: [S; 4] = [S::T; 4];
    const ALL_QT: [Q; 3] = [Q::T; 3];

    #[test]
    fn all_t_with_scores_at_least_9_is_htxs() {
        let e = eval(ALL_T, [9, 10], ALL_QT);
        assert_eq!(e.result, Some(YearResult::HTXS));
        assert!(e.limiting.is_empty());
    }

    #[test]
    fn one_score_of_8_caps_at_htt() {
        let e = eval(ALL_T, [10, 8], ALL_QT);
        assert_eq!(e.result, Some(YearResult::HTT));
        assert_eq!(e.limiting, vec![Factor::Score { code: "toan".into(), name: "Toán".into(), score: 8 }]);
        assert_eq!(eval(ALL_T, [7, 9], ALL_QT).result, Some(YearResult::HTT));
    }

    #[test]
    fn one_score_of_6_caps_at_ht() {
        assert_eq!(eval(ALL_T, [6, 10], ALL_QT).result, Some(YearResult::HT));
        assert_eq!(eval(ALL_T, [5, 10], ALL_QT).result, Some(YearResult::HT));
    }

    #[test]
    fn one_score_of_4_is_cht() {
        assert_eq!(eval(ALL_T, [4, 10], ALL_QT).result, Some(YearResult::CHT));
        assert_eq!(eval(ALL_T, [10, 1], ALL_QT).result, Some(YearResult::CHT));
    }

    #[test]
    fn a_single_h_blocks_htxs_and_htt_even_with_tens() {
        let e = eval([S::T, S::T, S::H, S::T], [10, 10], ALL_QT);
        assert_eq!(e.result, Some(YearResult::HT));
        assert_eq!(
            e.limiting,
            vec![Factor::SubjectLevel {
                code: "am_nhac".into(), name: "Nghệ thuật (Âm nhạc)".into(), level: S::H
            }]
        );
        assert_eq!(eval(ALL_T, [10, 10], [Q::T, Q::D, Q::T]).result, Some(YearResult::HT));
    }

    #[test]
    fn a_single_c_anywhere_is_cht() {
        assert_eq!(eval([S::T, S::T, S::T, S::C], [10, 10], ALL_QT).result, Some(YearResult::CHT));
        assert_eq!(eval(ALL_T, [10, 10], [Q::T, Q::T, Q::C]).result, Some(YearResult::CHT));
    }

    #[test]
    fn missing_values_give_no_result() {
        let subjects = [SubjectOutcome { code: "toan", name: "Toán", level: Some(S::T), scored: true, score: None }];
        let qualities = [QualityOutcome { code: "yeu_nuoc", name: "Yêu nước", level: None }];
        let e = evaluate_year(&subjects, &qualities);
        assert_eq!(e.result, None);
        assert_eq!(e.missing.len(), 2);
    }

    #[test]
    fn scores_are_whole_numbers_from_1_to_10() {
        assert_eq!(validate_score(1.0), Ok(1));
        assert_eq!(validate_score(10.0), Ok(10));
        assert_eq!(validate_score(0.0), Err(ScoreError::OutOfRange));
        assert_eq!(validate_score(11.0), Err(ScoreError::OutOfRange));
        assert_eq!(validate_score(7.5), Err(ScoreError::NotWholeNumber));
        assert_eq!(validate_score(f64::NAN), Err(ScoreError::NotWholeNumber));
    }

    fn s_level() -> impl Strategy<Value = S> {
        prop_oneof![Just(S::T), Just(S::H), Just(S::C)]
    }
    fn q_level() -> impl Strategy<Value = Q> {
        prop_oneof![Just(Q::T), Just(Q::D), Just(Q::C)]
    }

    proptest! {
        /// Lowering any one value never improves the result.
        #[test]
        fn result_is_monotone(levels in proptest::array::uniform4(s_level()),
                              scores in proptest::array::uniform2(1u8..=10),
                              q in proptest::array::uniform3(q_level()),
                              which in 0usize..2) {
            let before = eval(levels, scores, q).result;
            let mut lower = scores;
            lower[which] = lower[which].saturating_sub(1).max(1);
            let after = eval(levels, lower, q).result;
            prop_assert!(after >= before);
        }

        /// The result matches the table of Điều 9 read literally.
        #[test]
        fn result_matches_the_table(levels in proptest::array::uniform4(s_level()),
                                    scores in proptest::array::uniform2(1u8..=10),
                                    q in proptest::array::uniform3(q_level())) {
            let all_s_t = levels.iter().all(|l| *l == S::T);
            let all_q_t = q.iter().all(|l| *l == Q::T);
            let expected = if all_s_t && all_q_t && scores.iter().all(|p| *p >= 9) {
                YearResult::HTXS
            } else if all_s_t && all_q_t && scores.iter().all(|p| *p >= 7) {
                YearResult::HTT
            } else if levels.iter().all(|l| *l != S::C) && q.iter().all(|l| *l != Q::C) && scores.iter().all(|p| *p >= 5) {
                YearResult::HT
            } else {
                YearResult::CHT
            };
            prop_assert_eq!(eval(levels, scores, q).result, Some(expected));
        }
    }
}
