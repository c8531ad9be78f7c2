//! Text normalisation: every stored or printed string is NFC and trimmed.

use unicode_normalization::UnicodeNormalization;

/// NFC-normalises and trims surrounding whitespace.
pub fn clean(s: &str) -> String {
    s.trim().nfc().collect()
}

/// Like [`clean`], but an empty result becomes `None`.
pub fn clean_opt(s: Option<&str>) -> Option<String> {
    s.map(clean).filter(|c| !c.is_empty())
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
}

/// Removes Vietnamese diacritics ("Nguyễn Thị Hương" → "Nguyen Thi Huong"), for search keys and
/// ASCII file names.
pub fn fold_diacritics(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod fold_tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold_diacritics("Nguyễn Thị Hương"), "Nguyen Thi Huong");
        assert_eq!(fold_diacritics("Đỗ Quang Huy"), "Do Quang Huy");
    }
}
