//! The languages of the user interface: Vietnamese first, English second.
//!
//! The choice travels in the `hocba_lang` cookie (not HttpOnly: the app sets it when the user
//! switches), so the server's pages and the web app agree. Without the cookie, the first visit
//! follows `Accept-Language`; Vietnamese when nothing matches.

use std::borrow::Cow;
use std::fmt;

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// The cookie that remembers the user's language (`vi` or `en`).
pub const LANG_COOKIE: &str = "hocba_lang";

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The BCP 47 tag, as in `<html lang>` and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language's own name, as the switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }

    /// `vi`, `en`, or a tag of either (`en-GB`, `vi-VN`), in any case.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("vi") {
            Some(Lang::Vi)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The best language for an `Accept-Language` header: the supported one with the highest
    /// weight (the earlier on a tie); `None` when it names neither.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_code) else { continue };
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if weight > 0.0 && best.is_none_or(|(_, w)| weight > w) {
                best = Some((lang, weight));
            }
        }
        best.map(|(lang, _)| lang)
    }

    /// The language a request asks for: the cookie's value when it names one, otherwise
    /// `Accept-Language`, otherwise Vietnamese.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        cookie
            .and_then(Lang::from_code)
            .or_else(|| accept_language.and_then(Lang::from_accept_language))
            .unwrap_or_default()
    }
}

/// A sentence in both languages of the interface. The server's messages (its API errors and
/// notices) are kept this way and put into one language only when an answer is written, in the
/// language of whoever reads it. Shown as Vietnamese where no reader's language is known (logs,
/// the command line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    vi: Cow<'static, str>,
    en: Cow<'static, str>,
}

impl Bilingual {
    /// A fixed sentence of a catalogue.
    pub const fn fixed(vi: &'static str, en: &'static str) -> Self {
        Bilingual { vi: Cow::Borrowed(vi), en: Cow::Borrowed(en) }
    }

    /// A sentence worded in each language.
    pub fn new(vi: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Self {
        Bilingual { vi: vi.into(), en: en.into() }
    }

    /// Text that has one wording for every reader: a library's own message, a name, what a
    /// certificate says.
    pub fn untranslated(text: impl Into<Cow<'static, str>>) -> Self {
        let text = text.into();
        Bilingual { vi: text.clone(), en: text }
    }

    /// The wording in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// The Vietnamese wording.
    pub fn vi(&self) -> &str {
        &self.vi
    }

    /// This sentence followed by `: detail` (a parser's own words, a position) in each language.
    pub fn with_detail(&self, detail: impl fmt::Display) -> Self {
        Bilingual::new(format!("{}: {detail}", self.vi), format!("{}: {detail}", self.en))
    }
}

impl fmt::Display for Bilingual {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.vi)
    }
}

/// `bilingual!("… {x} …", "… {x} …")`: a [`Bilingual`] formatted in each language.
#[macro_export]
macro_rules! bilingual {
    ($vi:literal, $en:literal $(,)?) => {
        $crate::lang::Bilingual::new(format!($vi), format!($en))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_heaviest_supported() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("fr-FR, vi;q=0.8, en;q=0.5"), Some(Lang::Vi));
        assert_eq!(Lang::from_accept_language("en;q=0.2, vi-VN;q=0.7"), Some(Lang::Vi));
        assert_eq!(Lang::from_accept_language("vi, en"), Some(Lang::Vi));
        assert_eq!(Lang::from_accept_language("fr, de;q=0.5"), None);
        assert_eq!(Lang::from_accept_language("en;q=0"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn the_cookie_wins_over_the_header() {
        assert_eq!(Lang::negotiate(Some("en"), Some("vi")), Lang::En);
        assert_eq!(Lang::negotiate(Some("xx"), Some("en-GB")), Lang::En);
        assert_eq!(Lang::negotiate(None, None), Lang::Vi);
        assert_eq!(Lang::negotiate(None, Some("fr")), Lang::Vi);
    }

    #[test]
    fn bilingual_text_answers_in_the_readers_language() {
        let n = 3;
        let text = crate::bilingual!("Có {n} ô", "{n} cells");
        assert_eq!(text.get(Lang::Vi), "Có 3 ô");
        assert_eq!(text.get(Lang::En), "3 cells");
        assert_eq!(text.to_string(), "Có 3 ô");
        let detailed = Bilingual::fixed("Sai", "Wrong").with_detail("line 2");
        assert_eq!((detailed.vi(), detailed.get(Lang::En)), ("Sai: line 2", "Wrong: line 2"));
        assert_eq!(Bilingual::untranslated("X.509").get(Lang::En), "X.509");
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("EN-gb"), Some(Lang::En));
    }
}
