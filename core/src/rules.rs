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

/// A subject column of the year-end evaluation: code, name, and whether the grade has a year-end
/// KTĐK in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubjectColumnRef<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub scored: bool,
}

/// The year-end evaluation of one grid row from its cuối năm cells: the one mapping from cells to
/// [`evaluate_year`], used by the server (grid, review) and by the browser (a row changed without
/// a write). `subjects` are the pupil's subjects (optional ones only when taken).
pub fn evaluate_row<'a>(
    subjects: impl IntoIterator<Item = SubjectColumnRef<'a>>,
    qualities: impl IntoIterator<Item = (&'a str, &'a str)>,
    subject_cells: &std::collections::BTreeMap<String, crate::api::SubjectCell>,
    quality_cells: &std::collections::BTreeMap<String, crate::api::QualityCell>,
) -> Evaluation {
    let s: Vec<SubjectOutcome<'a>> = subjects
        .into_iter()
        .map(|c| {
            let cell = subject_cells.get(c.code);
            SubjectOutcome {
                code: c.code,
                name: c.name,
                level: cell.and_then(|x| x.level),
                scored: c.scored,
                score: cell.and_then(|x| x.score),
            }
        })
        .collect();
    let q: Vec<QualityOutcome<'a>> = qualities
        .into_iter()
        .map(|(code, name)| QualityOutcome { code, name, level: quality_cells.get(code).and_then(|x| x.level) })
        .collect();
    evaluate_year(&s, &q)
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
    #[test]
    fn a_row_is_evaluated_from_its_cells() {
        use crate::api::{QualityCell, SubjectCell};
        use std::collections::BTreeMap;
        let columns = [
            SubjectColumnRef { code: "toan", name: "Toán", scored: true },
            SubjectColumnRef { code: "dao_duc", name: "Đạo đức", scored: false },
        ];
        let mut subjects = BTreeMap::new();
        subjects.insert(
            "toan".to_string(),
            SubjectCell { level: Some(SubjectLevel::T), score: Some(9), comment: None, version: 1 },
        );
        subjects.insert(
            "dao_duc".to_string(),
            SubjectCell { level: Some(SubjectLevel::T), score: None, comment: None, version: 1 },
        );
        let mut qualities = BTreeMap::new();
        qualities
            .insert("cham_chi".to_string(), QualityCell { level: Some(QualityLevel::T), comment: None, version: 1 });
        let e = evaluate_row(columns, [("cham_chi", "Chăm chỉ")], &subjects, &qualities);
        assert_eq!(e.result, Some(YearResult::HTXS), "{e:?}");
        // A missing cell is missing, not a zero.
        subjects.remove("dao_duc");
        let e = evaluate_row(columns, [("cham_chi", "Chăm chỉ")], &subjects, &qualities);
        assert_eq!(e.result, None, "{e:?}");
    }

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

    /// Year-end inputs built from the catalogue, worsened one value at a time.
    mod year_end {
        use super::*;
        use crate::catalogue::{self, QualitySpec, SubjectSpec};
        use crate::period::Period;

        /// A grade's year-end values: per required subject its level and (where the grade has a
        /// year-end KTĐK) its score, per phẩm chất / năng lực its level. `None` is not entered.
        #[derive(Debug, Clone)]
        struct YearEnd {
            subjects: Vec<(SubjectSpec, Option<S>, Option<u8>)>,
            qualities: Vec<(QualitySpec, Option<Q>)>,
        }

        impl YearEnd {
            fn evaluate(&self) -> Evaluation {
                let subjects: Vec<_> = self
                    .subjects
                    .iter()
                    .map(|(spec, level, score)| SubjectOutcome {
                        code: spec.code,
                        name: spec.name,
                        level: *level,
                        scored: spec.is_scored_at(Period::CuoiNam),
                        score: *score,
                    })
                    .collect();
                let qualities: Vec<_> = self
                    .qualities
                    .iter()
                    .map(|(spec, level)| QualityOutcome { code: spec.code, name: spec.name, level: *level })
                    .collect();
                evaluate_year(&subjects, &qualities)
            }
        }

        /// Where a value sits: a subject's level, a subject's score, a quality's level.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Slot {
            Level(usize),
            Score(usize),
            Quality(usize),
        }

        /// How a value is made worse.
        #[derive(Debug, Clone, Copy)]
        enum Worse {
            /// A level one step down (T→H→C, T→Đ→C); a score one point lower (not below 1).
            Step,
            /// A score lower by the amount (not below 1); a level to the bottom (C).
            Lower(u8),
            /// The value is no longer entered.
            Remove,
        }

        fn s_down(l: S) -> S {
            match l {
                S::T => S::H,
                S::H | S::C => S::C,
            }
        }

        fn q_down(l: Q) -> Q {
            match l {
                Q::T => Q::D,
                Q::D | Q::C => Q::C,
            }
        }

        fn lower(score: u8, by: u8) -> u8 {
            score.saturating_sub(by).max(crate::catalogue::MIN_SCORE)
        }

        impl YearEnd {
            fn slots(&self) -> Vec<Slot> {
                let mut out = Vec::new();
                for (i, (spec, _, _)) in self.subjects.iter().enumerate() {
                    out.push(Slot::Level(i));
                    if spec.is_scored_at(Period::CuoiNam) {
                        out.push(Slot::Score(i));
                    }
                }
                out.extend((0..self.qualities.len()).map(Slot::Quality));
                out
            }

            fn worsen(&mut self, slot: Slot, how: Worse) {
                match slot {
                    Slot::Level(i) => {
                        let l = &mut self.subjects[i].1;
                        *l = match how {
                            Worse::Step => l.map(s_down),
                            Worse::Lower(_) => l.map(|_| S::C),
                            Worse::Remove => None,
                        };
                    }
                    Slot::Score(i) => {
                        let p = &mut self.subjects[i].2;
                        *p = match how {
                            Worse::Step => p.map(|p| lower(p, 1)),
                            Worse::Lower(by) => p.map(|p| lower(p, by)),
                            Worse::Remove => None,
                        };
                    }
                    Slot::Quality(i) => {
                        let l = &mut self.qualities[i].1;
                        *l = match how {
                            Worse::Step => l.map(q_down),
                            Worse::Lower(_) => l.map(|_| Q::C),
                            Worse::Remove => None,
                        };
                    }
                }
            }
        }

        /// `a` is a better evaluation than `b`. Results compare by the order of [`YearResult`]
        /// (declaration order HTXS < HTT < HT < CHT: smaller is better); an incomplete
        /// evaluation is no better than any. (`Option`'s own order would put `None` first.)
        fn better(a: Option<YearResult>, b: Option<YearResult>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => a < b,
                (Some(_), None) => true,
                (None, _) => false,
            }
        }

        #[test]
        fn the_order_of_results_is_best_first() {
            use YearResult::*;
            assert!(HTXS < HTT && HTT < HT && HT < CHT);
            assert!(better(Some(CHT), None) && !better(None, Some(CHT)) && !better(None, None));
            assert!(better(Some(HTXS), Some(HTT)) && !better(Some(HT), Some(HT)));
        }

        /// A grade's year-end values; complete ones have every value, incomplete ones miss some.
        fn year_end() -> impl Strategy<Value = (u8, bool, YearEnd)> {
            (1u8..=5, any::<bool>()).prop_flat_map(|(grade, complete)| {
                let subjects = catalogue::required_subjects(grade);
                let qualities = catalogue::qualities_and_competencies(grade);
                // Whether a value is entered (ignored for complete inputs).
                let entered = || proptest::bool::weighted(0.9);
                (
                    proptest::collection::vec(
                        (s_level(), entered(), catalogue::MIN_SCORE..=catalogue::MAX_SCORE, entered()),
                        subjects.len(),
                    ),
                    proptest::collection::vec((q_level(), entered()), qualities.len()),
                )
                    .prop_map(move |(s, q)| {
                        let subjects = subjects
                            .iter()
                            .zip(s)
                            .map(|(spec, (level, has_level, score, has_score))| {
                                let has_score = spec.is_scored_at(Period::CuoiNam) && (complete || has_score);
                                (spec.clone(), (complete || has_level).then_some(level), has_score.then_some(score))
                            })
                            .collect();
                        let qualities = qualities
                            .iter()
                            .zip(q)
                            .map(|(spec, (level, has))| (spec.clone(), (complete || has).then_some(level)))
                            .collect();
                        (grade, complete, YearEnd { subjects, qualities })
                    })
            })
        }

        fn worse() -> impl Strategy<Value = Worse> {
            prop_oneof![Just(Worse::Step), (1u8..=9).prop_map(Worse::Lower), Just(Worse::Remove)]
        }

        /// A year with every level T and every score the same (any from 1 to 10), then up to two
        /// values set to anything, missing included. Every result comes often, and so does a
        /// result held by a single value (fully random inputs are nearly always CHT).
        fn near_uniform() -> impl Strategy<Value = YearEnd> {
            let change = (0u8..3, any::<proptest::sample::Index>(), 0usize..3, 1u8..=10, proptest::bool::weighted(0.1));
            (1u8..=5, catalogue::MIN_SCORE..=catalogue::MAX_SCORE, proptest::collection::vec(change, 0..3)).prop_map(
                |(grade, base, changes)| {
                    let mut input = YearEnd {
                        subjects: catalogue::required_subjects(grade)
                            .into_iter()
                            .map(|spec| {
                                let score = spec.is_scored_at(Period::CuoiNam).then_some(base);
                                (spec, Some(S::T), score)
                            })
                            .collect(),
                        qualities: catalogue::qualities_and_competencies(grade)
                            .into_iter()
                            .map(|spec| (spec, Some(Q::T)))
                            .collect(),
                    };
                    for (kind, index, level, score, remove) in changes {
                        // A subject level, a score or a quality alike often (scores are few).
                        let slots: Vec<Slot> = input
                            .slots()
                            .into_iter()
                            .filter(|s| match s {
                                Slot::Level(_) => kind == 0,
                                Slot::Score(_) => kind == 1,
                                Slot::Quality(_) => kind == 2,
                            })
                            .collect();
                        match *index.get(&slots) {
                            Slot::Level(i) => input.subjects[i].1 = (!remove).then_some(S::ALL[level]),
                            Slot::Score(i) => input.subjects[i].2 = (!remove).then_some(score),
                            Slot::Quality(i) => input.qualities[i].1 = (!remove).then_some(Q::ALL[level]),
                        }
                    }
                    input
                },
            )
        }

        proptest! {
            /// Making one value worse never gives a better result, and several in a row never
            /// do either.
            #[test]
            fn one_value_worse_is_never_better(
                (grade, complete, input) in year_end(),
                steps in proptest::collection::vec((any::<proptest::sample::Index>(), worse()), 1..6),
            ) {
                let first = input.evaluate().result;
                if complete {
                    prop_assert!(first.is_some(), "a complete grade {} input has a result", grade);
                }
                let mut current = input;
                let mut before = first;
                for (index, how) in steps {
                    let slots = current.slots();
                    let slot = *index.get(&slots);
                    current.worsen(slot, how);
                    let after = current.evaluate().result;
                    prop_assert!(!better(after, before), "grade {}: {:?} {:?} turned {:?} into {:?}", grade, slot, how, before, after);
                    prop_assert!(!better(after, first));
                    if matches!(how, Worse::Remove) {
                        prop_assert_eq!(after, None);
                    }
                    before = after;
                }
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            /// Every single way of making one value worse (each value: one step, a score lower
            /// by 1 to 9, removed) never gives a better result.
            #[test]
            fn no_single_worsening_is_better(input in near_uniform()) {
                let before = input.evaluate().result;
                let ways = [Worse::Step, Worse::Remove].into_iter().chain((1..=9).map(Worse::Lower));
                for how in ways {
                    for slot in input.slots() {
                        let mut worse = input.clone();
                        worse.worsen(slot, how);
                        let after = worse.evaluate().result;
                        prop_assert!(!better(after, before), "{:?} {:?} turned {:?} into {:?}", slot, how, before, after);
                    }
                }
            }
        }
    }
}
