//! Domain wording the core catalogues do not yet give by language.

use hocba_core::{Lang, YearResult};

/// "Hoàn thành chương trình lớp 3" and the like (empty without a result).
pub fn completion_text(lang: Lang, grade: u8, result: Option<YearResult>) -> String {
    match lang {
        Lang::Vi => hocba_core::transcript::completion_text(grade, result),
        Lang::En => hocba_core::transcript::completion_text(grade, result),
    }
}
