//! One spelling in every catalogue a user reads, the Ministry's GDPT 2018 usage ("học kì", "Lịch sử
//! và Địa lí", "Mĩ thuật", "kí"), with the old tone-mark placement throughout ("hoà", "khoẻ",
//! "thuỷ"); and no English word left in the Vietnamese interface. Reads the text of the string
//! literals of the catalogues' sources (code comments and identifiers are left alone).

use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// The catalogues, from the workspace root: UI strings, domain and server messages, the catalogue
/// of subjects and qualities, the comment bank's phrases, the PDF template, the web app manifest.
const CATALOGUES: &[&str] = &[
    "frontend/src/i18n/mod.rs",
    "frontend/src/i18n/vi.rs",
    "core/src/messages.rs",
    "core/src/messages/documents.rs",
    "core/src/catalogue.rs",
    "core/src/comments.rs",
    "backend/src/messages.rs",
    "backend/src/pages/texts.rs",
    "backend/src/pages/verify_texts.rs",
    "backend/src/signing/mod.rs",
    "backend/src/cli/sign.rs",
    "backend/src/cli/verify.rs",
    "core/src/people.rs",
    "core/src/messages/checks.rs",
    "pdf/src/template.rs",
    "pdf-templates/hoc-ba-tt27.toml",
    "frontend/manifest.webmanifest",
];

/// The Vietnamese interface: no English word in it.
const VIETNAMESE_UI: &[&str] = &[
    "frontend/src/i18n/vi.rs",
    "backend/src/messages.rs",
    "core/src/messages.rs",
    "core/src/messages/documents.rs",
    "core/src/messages/checks.rs",
];

/// Catalogues that keep each sentence in both languages side by side (`Bilingual::fixed(vi, en)`):
/// their English halves are the literals with no Vietnamese letter, and are not the Vietnamese
/// interface.
const BILINGUAL: &[&str] = &["backend/src/messages.rs", "core/src/messages/checks.rs"];

/// Whether a literal has a letter only Vietnamese writes here (any letter outside ASCII).
fn has_vietnamese_letter(literal: &str) -> bool {
    literal.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
}

/// Words spelled otherwise by the Ministry (lower case): "kì", "lí", "Mĩ", "kí".
const BANNED: &[(&str, &str)] = &[("kỳ", "kì"), ("lý", "lí"), ("mỹ", "mĩ"), ("ký", "kí")];

/// English words a screen could have kept by mistake (lower case, whole words).
const ENGLISH: &[&str] = &[
    "save",
    "saved",
    "saving",
    "cancel",
    "delete",
    "edit",
    "submit",
    "loading",
    "error",
    "warning",
    "search",
    "settings",
    "password",
    "username",
    "login",
    "logout",
    "close",
    "back",
    "next",
    "previous",
    "download",
    "upload",
    "confirm",
    "retry",
    "home",
    "dashboard",
    "review",
    "reviews",
    "approve",
    "approved",
    "status",
    "pending",
    "failed",
    "unknown",
    "invalid",
    "required",
    "optional",
    "page",
    "found",
    "forbidden",
    "welcome",
    "help",
    "select",
    "choose",
    "none",
    "total",
    "class",
    "pupil",
    "pupils",
    "student",
    "teacher",
    "principal",
    "parent",
    "school",
    "year",
    "grade",
    "subject",
    "comment",
    "score",
    "level",
    "result",
    "history",
    "queue",
    "offline",
    "online",
    "draft",
    "submitted",
    "returned",
    "locked",
    "the",
    "and",
    "or",
    "of",
    "to",
    "is",
    "not",
    "with",
    "for",
    "your",
    "you",
    "please",
    "yes",
    "ok",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The string literals of a Rust source (outside comments), or the quoted values of a TOML file
/// (outside `#` comments), each NFC, with `{placeholders}` removed.
fn literals(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let toml = path.ends_with(".toml");
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if !toml && chars.peek() == Some(&'/') => skip_line(&mut chars),
            '#' if toml => skip_line(&mut chars),
            // A char literal such as '"' holds no text to check.
            '\'' if !toml => {
                let ahead: String = chars.clone().take(3).collect();
                if ahead.starts_with("\\") || ahead.chars().nth(1) == Some('\'') {
                    while let Some(c) = chars.next() {
                        if c == '\\' {
                            chars.next();
                        } else if c == '\'' {
                            break;
                        }
                    }
                }
            }
            '"' => {
                let mut literal = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            // `\n`, `\"`, a line continuation: a space is enough to split words.
                            chars.next();
                            literal.push(' ');
                        }
                        '"' => break,
                        c => literal.push(c),
                    }
                }
                out.push(without_placeholders(&literal).nfc().collect());
            }
            _ => {}
        }
    }
    out
}

fn skip_line(chars: &mut std::iter::Peekable<std::str::Chars>) {
    for c in chars.by_ref() {
        if c == '\n' {
            break;
        }
    }
}

fn without_placeholders(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// The new tone-mark placement at a word's end ("hòa", "khỏe", "thủy"), where the catalogues use
/// the old ("hoà", "khoẻ", "thuỷ").
fn new_tone_placement(word: &str) -> bool {
    let tail: Vec<char> = word.chars().rev().take(2).collect();
    let [last, before] = tail[..] else { return false };
    let toned_o = "óòỏõọ".contains(before);
    let toned_u = "úùủũụ".contains(before);
    (toned_o && (last == 'a' || last == 'e')) || (toned_u && last == 'y')
}

fn english_words(literal: &str) -> Vec<String> {
    words(literal).filter(|w| ENGLISH.contains(&w.as_str())).collect()
}

#[test]
fn one_spelling_in_every_catalogue() {
    let mut found = Vec::new();
    for path in CATALOGUES {
        for literal in literals(path) {
            for word in words(&literal) {
                if let Some((_, right)) = BANNED.iter().find(|(wrong, _)| *wrong == word) {
                    found.push(format!("{path}: \"{word}\" (write \"{right}\") in \"{literal}\""));
                } else if new_tone_placement(&word) {
                    found.push(format!("{path}: \"{word}\" (old tone placement: hoà, khoẻ) in \"{literal}\""));
                }
            }
        }
    }
    assert!(found.is_empty(), "spellings to change:\n{}", found.join("\n"));
}

#[test]
fn no_english_in_the_vietnamese_interface() {
    let mut found = Vec::new();
    for path in VIETNAMESE_UI {
        for literal in literals(path) {
            if BILINGUAL.contains(path) && !has_vietnamese_letter(&literal) {
                continue;
            }
            for word in english_words(&literal) {
                found.push(format!("{path}: \"{word}\" in \"{literal}\""));
            }
        }
    }
    assert!(found.is_empty(), "English words in the Vietnamese interface:\n{}", found.join("\n"));
}

#[test]
fn the_checks_see_what_they_must() {
    assert!(new_tone_placement("hòa") && new_tone_placement("khỏe") && new_tone_placement("thủy"));
    assert!(!new_tone_placement("hoà") && !new_tone_placement("khoẻ") && !new_tone_placement("hoàn"));
    assert!(!new_tone_placement("của") && !new_tone_placement("quý"));
    assert_eq!(without_placeholders("Còn {n} học sinh"), "Còn  học sinh");
    assert_eq!(english_words("Save"), ["save"]);
    assert!(has_vietnamese_letter("Cần nhập họ và tên.") && !has_vietnamese_letter("Enter the full name."));
    let server = literals("backend/src/messages.rs");
    assert!(server.iter().any(|l| l == "Không tìm thấy."), "the Vietnamese halves are read");
    assert_eq!(english_words(&without_placeholders("Lưu — Cancel {class_name}")), ["cancel"]);
    assert!(english_words("Tải tệp PDF có chữ kí số (USB token)").is_empty());
    let domain = literals("core/src/messages.rs");
    assert!(domain.iter().any(|l| l.contains("Giữa học kì I")), "the literals are read");
    // The catalogue's subject names as the Ministry writes them.
    let names: Vec<&str> = hocba_core::catalogue::subjects_for_grade(5).iter().map(|s| s.name).collect();
    assert!(names.contains(&"Lịch sử và Địa lí"), "{names:?}");
    assert!(names.contains(&"Nghệ thuật (Mĩ thuật)"), "{names:?}");
}
