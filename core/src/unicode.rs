//! Unicode normalisation (NFC, NFD) and combining marks, for [`crate::text`] and the name checks.
//!
//! On the server these come from the `unicode-normalization` tables. In the browser app
//! (`wasm32-unknown-unknown`, always run under wasm-bindgen) they come from the JavaScript engine's
//! own `String.prototype.normalize` and `\p{M}`: the same Unicode algorithms, without about 120 KB
//! of tables (48 KB over the wire) in every teacher's download. The server normalises whatever it
//! stores, so it stays the authority.

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod imp {
    use unicode_normalization::UnicodeNormalization;

    pub fn nfc(s: &str) -> String {
        s.nfc().collect()
    }

    pub fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    pub fn is_combining_mark(c: char) -> bool {
        unicode_normalization::char::is_combining_mark(c)
    }
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod imp {
    use js_sys::{JsString, RegExp};

    fn normalize(s: &str, form: &str) -> String {
        JsString::from(s).normalize(form).into()
    }

    pub fn nfc(s: &str) -> String {
        normalize(s, "NFC")
    }

    pub fn nfd(s: &str) -> String {
        normalize(s, "NFD")
    }

    thread_local! {
        static MARK: RegExp = RegExp::new(r"^\p{M}$", "u");
    }

    pub fn is_combining_mark(c: char) -> bool {
        // ASCII is never a mark: most calls end here without crossing into JavaScript.
        !c.is_ascii() && MARK.with(|m| m.test(c.encode_utf8(&mut [0; 4])))
    }
}

/// The canonical composition (NFC) of `s`.
pub fn nfc(s: &str) -> String {
    imp::nfc(s)
}

/// The canonical decomposition (NFD) of `s`.
pub fn nfd(s: &str) -> String {
    imp::nfd(s)
}

/// Whether `c` is a combining mark (general category M: Mn, Mc, Me).
pub fn is_combining_mark(c: char) -> bool {
    imp::is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_composes_and_decomposes() {
        let composed = "Nguyễn Thị Hương";
        let decomposed = nfd(composed);
        assert_ne!(decomposed, composed);
        assert!(decomposed.chars().any(is_combining_mark));
        assert_eq!(nfc(&decomposed), composed);
        assert!(!composed.chars().any(is_combining_mark));
        assert!(!is_combining_mark('a'));
        assert!(is_combining_mark('\u{0301}') && is_combining_mark('\u{0323}'));
    }
}
