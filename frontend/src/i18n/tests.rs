//! Both catalogues are complete: the struct makes a missing field a compile error; these tests
//! read the sources of `vi.rs` and `en.rs` to check every fixed string is filled in, that the
//! English is translated (differs from the Vietnamese) and holds no Vietnamese letters except
//! the few official terms kept on purpose.

use super::{lang, set_lang, t, texts};
use hocba_core::Lang;

const VI_SOURCE: &str = include_str!("vi.rs");
const EN_SOURCE: &str = include_str!("en.rs");

/// Fields whose English is rightly the same as the Vietnamese (symbols).
const SAME_IN_BOTH: &[&str] = &["none", "conflict_badge"];

/// Vietnamese words the English keeps on purpose: the name of the record the user must
/// recognise ("học bạ (school record)"), the level letter Đ a teacher types, and the column
/// heading "Lớp" of the spreadsheet the school fills in.
const KEPT_TERMS: &[&str] = &["học bạ", "Đ", "“Lớp”"];

/// Reads a string literal starting at `chars[*i] == '"'`; leaves `*i` after its closing quote.
fn literal(chars: &[char], i: &mut usize) -> String {
    let mut out = String::new();
    *i += 1;
    while let Some(&c) = chars.get(*i) {
        *i += 1;
        match c {
            '"' => break,
            '\\' => {
                let next = chars.get(*i).copied().unwrap_or(' ');
                *i += 1;
                match next {
                    'n' => out.push('\n'),
                    '\n' => {
                        while chars.get(*i).is_some_and(|c| c.is_whitespace()) {
                            *i += 1;
                        }
                    }
                    other => out.push(other),
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Every string literal of a source file, outside `//` comments.
fn all_literals(source: &str) -> Vec<String> {
    let chars: Vec<char> = source.chars().collect();
    let (mut i, mut out) = (0, Vec::new());
    while let Some(&c) = chars.get(i) {
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while chars.get(i).is_some_and(|c| *c != '\n') {
                i += 1;
            }
        } else if c == '"' {
            out.push(literal(&chars, &mut i));
        } else {
            i += 1;
        }
    }
    out
}

/// The fields of the catalogue `const` in a source: (name, the literal when it is a fixed string).
fn entries(source: &str, name: &str) -> Vec<(String, Option<String>)> {
    let start_marker = format!("pub const {name}: Texts = Texts {{");
    let start = source.find(&start_marker).map(|p| p + start_marker.len()).unwrap_or_default();
    let end = source[start..].find("\n};").map(|p| p + start).unwrap_or(start);
    let chars: Vec<char> = source[start..end].chars().collect();
    let (mut i, mut out) = (0, Vec::new());
    loop {
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        if chars.get(i) == Some(&'/') {
            while chars.get(i).is_some_and(|c| *c != '\n') {
                i += 1;
            }
            continue;
        }
        let from = i;
        while chars.get(i).is_some_and(|c| c.is_alphanumeric() || *c == '_') {
            i += 1;
        }
        if from == i {
            break;
        }
        let field: String = chars[from..i].iter().collect();
        let mut value = None;
        if chars.get(i) == Some(&':') {
            i += 1;
            while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                i += 1;
            }
            if chars.get(i) == Some(&'"') {
                value = Some(literal(&chars, &mut i));
            }
        }
        while chars.get(i).is_some_and(|c| *c != ',') {
            i += 1;
        }
        i += 1;
        out.push((field, value));
    }
    out
}

fn vietnamese_letters(s: &str) -> Vec<char> {
    let mut rest = s.to_string();
    for term in KEPT_TERMS {
        rest = rest.replace(term, "");
    }
    rest.chars().filter(|c| c.is_alphabetic() && !c.is_ascii()).collect()
}

#[test]
fn the_sources_list_every_field_once_in_the_same_order() {
    let vi = entries(VI_SOURCE, "VI");
    let en = entries(EN_SOURCE, "EN");
    assert!(vi.len() > 600, "the reader of vi.rs found only {} fields", vi.len());
    let names = |list: &[(String, Option<String>)]| list.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    let (mut vi_names, mut en_names) = (names(&vi), names(&en));
    vi_names.sort();
    en_names.sort();
    assert_eq!(vi_names, en_names);
    vi_names.dedup();
    assert_eq!(vi_names.len(), vi.len(), "a field given twice");
}

#[test]
fn no_fixed_string_is_empty() {
    for (source, name) in [(VI_SOURCE, "VI"), (EN_SOURCE, "EN")] {
        for (field, value) in entries(source, name) {
            if let Some(value) = value {
                assert!(!value.trim().is_empty(), "{name}.{field} is empty");
            }
        }
    }
}

#[test]
fn every_english_string_is_translated() {
    let vi = entries(VI_SOURCE, "VI");
    let mut fixed = 0;
    for (field, value) in entries(EN_SOURCE, "EN") {
        let Some(value) = value else { continue };
        fixed += 1;
        let vi_value = vi.iter().find(|(f, _)| *f == field).and_then(|(_, v)| v.clone());
        assert!(vi_value.is_some(), "VI.{field} is not a fixed string");
        if !SAME_IN_BOTH.contains(&field.as_str()) {
            assert_ne!(vi_value.as_deref(), Some(value.as_str()), "EN.{field} is not translated");
        }
    }
    assert!(fixed > 500, "only {fixed} fixed strings read from en.rs");
}

#[test]
fn the_english_catalogue_has_no_vietnamese_words() {
    let literals = all_literals(EN_SOURCE);
    assert!(literals.len() > 600);
    for s in literals {
        let letters = vietnamese_letters(&s);
        assert!(letters.is_empty(), "Vietnamese letters {letters:?} in the English {s:?}");
    }
    // Every formatter of the English catalogue is its own, never one of the Vietnamese.
    assert_eq!(EN_SOURCE.matches("super::").count(), 1, "en.rs uses only `super::Texts`");
}

#[test]
fn the_formatters_speak_their_language() {
    let (vi, en) = (texts(Lang::Vi), texts(Lang::En));
    assert_eq!((en.pupil_count)(1), "1 pupil");
    assert_eq!((en.pupil_count)(3), "3 pupils");
    assert_eq!((vi.pupil_count)(3), "3 học sinh");
    assert_eq!((en.required_field)("School name"), "Please enter the school name.");
    let samples = [
        (en.grid_title)("5A", "End of year", "2025-2026"),
        (en.queue_offline)(2),
        (en.batch_question)("5A"),
        (en.review_class_title)("5A", "Mid-term I"),
        (en.signatures_summary)(2, 3),
    ];
    for s in samples {
        assert!(vietnamese_letters(&s).is_empty(), "{s}");
    }
}

#[test]
fn t_follows_the_current_language() {
    assert_eq!(lang(), Lang::Vi, "Vietnamese by default");
    assert_eq!(t().logout, texts(Lang::Vi).logout);
    set_lang(Lang::En);
    assert_eq!(t().logout, "Sign out");
    set_lang(Lang::Vi);
    assert_eq!(t().logout, "Đăng xuất");
}
