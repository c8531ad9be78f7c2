//! Text normalisation: every stored or printed string is NFC and trimmed, and holds no control
//! characters — nothing that rewrites a terminal or a log line (escape sequences), reorders what
//! a reader sees (bidirectional overrides) or hides text (zero-width characters). Only the line
//! break survives, in free text such as comments; names and other one-line fields collapse
//! every run of white space to one space.

use crate::unicode;

/// Format characters that change how text is shown without being seen: bidirectional embeddings,
/// overrides and isolates, direction marks, zero-width spaces and joiners, the BOM.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// NFC-normalises, trims surrounding whitespace and removes control and invisible format
/// characters; line breaks (`\r\n`, `\r`) become `\n`, a tab a space.
pub fn clean(s: &str) -> String {
    let unified = s.replace("\r\n", "\n");
    let kept: String = unified
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\r' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() || invisible(c) => None,
            c => Some(c),
        })
        .collect();
    unicode::nfc(kept.trim())
}

/// Like [`clean`], but an empty result becomes `None`.
pub fn clean_opt(s: Option<&str>) -> Option<String> {
    s.map(clean).filter(|c| !c.is_empty())
}

/// A one-line field (a name, an address): [`clean`], then every run of white space, line breaks
/// included, is one space.
pub fn clean_line(s: &str) -> String {
    clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Like [`clean_line`], but an empty result becomes `None`.
pub fn clean_line_opt(s: Option<&str>) -> Option<String> {
    s.map(clean_line).filter(|c| !c.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_input_becomes_nfc() {
        let decomposed = "Nguye\u{302}\u{303}n";
        assert_eq!(clean(decomposed), "Nguyễn");
        assert_eq!(clean("  Hương \n"), "Hương");
        assert_eq!(clean_opt(Some("   ")), None);
    }

    #[test]
    fn control_and_invisible_characters_are_removed() {
        assert_eq!(clean("Em \u{1b}[31mgiỏi\u{1b}[0m"), "Em [31mgiỏi[0m", "no escape character survives");
        assert_eq!(clean("Lò\u{202E}nahT\u{202C} Văn"), "LònahT Văn", "no bidi override");
        assert_eq!(clean("Hoa\u{200B}\u{0007}\u{0000}"), "Hoa");
        assert_eq!(clean("Dòng 1\r\nDòng 2\rDòng 3\tx"), "Dòng 1\nDòng 2\nDòng 3 x", "line breaks kept");
        assert_eq!(clean_line(" Giàng \n Seo\t\tPao "), "Giàng Seo Pao");
        assert_eq!(clean_line_opt(Some(" \u{200B} ")), None);
    }

    proptest::proptest! {
        #[test]
        fn nothing_unseen_survives(raw in "\\PC*|[\\x00-\\x1f\\x7f-\\x9f\\x{200B}-\\x{206F}a-zđ ]{0,40}") {
            let cleaned = clean(&raw);
            proptest::prop_assert!(cleaned.chars().all(|c| c == '\n' || !(c.is_control() || invisible(c))));
            let line = clean_line(&raw);
            proptest::prop_assert!(line.chars().all(|c| !c.is_control() && !invisible(c)));
            proptest::prop_assert_eq!(clean(&cleaned), cleaned.clone(), "idempotent");
        }
    }
}

/// Removes Vietnamese diacritics ("Nguyễn Thị Hương" → "Nguyen Thi Huong"), for search keys and
/// ASCII file names.
pub fn fold_diacritics(s: &str) -> String {
    unicode::nfd(s)
        .chars()
        .filter(|c| !unicode::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .collect()
}

/// A person's name as part of an ASCII file name: "Giàng Thị Mỷ" → "giang-thi-my".
pub fn file_stem(full_name: &str) -> String {
    let ascii: String = fold_diacritics(full_name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    ascii.split('-').filter(|part| !part.is_empty()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod fold_tests {
    use super::*;

    #[test]
    fn a_name_becomes_a_file_stem() {
        assert_eq!(file_stem("Giàng Thị Mỷ"), "giang-thi-my");
        assert_eq!(file_stem("  Đặng  Văn   Đức (lớp 5A) "), "dang-van-duc-lop-5a");
    }

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold_diacritics("Nguyễn Thị Hương"), "Nguyen Thi Huong");
        assert_eq!(fold_diacritics("Đỗ Quang Huy"), "Do Quang Huy");
    }
}
