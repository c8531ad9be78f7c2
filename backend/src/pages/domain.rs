//! Domain wording in the page's language: the names of levels, results and periodic points and
//! the explanation of a result, from `hocba_core::messages` (Vietnamese) or its English catalogue.

use hocba_core::messages;
use hocba_core::rules::Evaluation;
use hocba_core::{Lang, Period, QualityLevel, SubjectLevel, YearResult};

pub fn subject_level_name(lang: Lang, level: SubjectLevel) -> &'static str {
    match lang {
        Lang::Vi => messages::subject_level_name(level),
        Lang::En => messages::subject_level_name(level),
    }
}

pub fn quality_level_name(lang: Lang, level: QualityLevel) -> &'static str {
    match lang {
        Lang::Vi => messages::quality_level_name(level),
        Lang::En => messages::quality_level_name(level),
    }
}

pub fn result_name(lang: Lang, result: YearResult) -> &'static str {
    match lang {
        Lang::Vi => messages::result_name(result),
        Lang::En => messages::result_name(result),
    }
}

pub fn period_name(lang: Lang, period: Period) -> &'static str {
    match lang {
        Lang::Vi => messages::period_name(period),
        Lang::En => messages::period_name(period),
    }
}

pub fn explain_for_parents(lang: Lang, evaluation: &Evaluation) -> String {
    match lang {
        Lang::Vi => messages::explain_for_parents(evaluation),
        Lang::En => messages::explain_for_parents(evaluation),
    }
}

/// "Hoàn thành chương trình lớp 3" and the like (empty without a result).
pub fn completion_text(lang: Lang, grade: u8, result: Option<YearResult>) -> String {
    match lang {
        Lang::Vi => hocba_core::transcript::completion_text(grade, result),
        Lang::En => hocba_core::transcript::completion_text(grade, result),
    }
}
