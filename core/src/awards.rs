//! Khen thưởng (TT27 Điều 13). The hiệu trưởng gives a giấy khen "Học sinh Xuất sắc" to a
//! pupil whose year result is HTXS, and "Học sinh Tiêu biểu hoàn thành tốt trong học tập và rèn
//! luyện" to a pupil with HTT who is outstanding in at least one subject or made clear progress
//! in at least one phẩm chất or năng lực, as the class recognises. Besides these the học bạ
//! records khen thưởng đột xuất and awards of competitions at every level.

use crate::api::awards::{Award, AwardInput, Suggestion};
use crate::entry::FieldError;
use crate::lang::Bilingual;
use crate::levels::YearResult;
use crate::messages;
use crate::people::{self, match_key};
use crate::text;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest title of a khen thưởng đột xuất or a competition award, in characters (NFC, trimmed).
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest reason, in characters (NFC, trimmed).
pub const MAX_REASON_CHARS: usize = 500;

/// Who gives the award.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AwardLevel {
    /// Cấp trường.
    School,
    /// Cấp xã (phường, thị trấn).
    Commune,
    /// Cấp huyện (quận): kept for earlier years; the 2025 reform removed the district level.
    District,
    /// Cấp tỉnh (thành phố).
    Province,
    /// Cấp quốc gia.
    National,
    /// Quốc tế.
    International,
}

impl AwardLevel {
    pub const ALL: [AwardLevel; 6] = [
        AwardLevel::School,
        AwardLevel::Commune,
        AwardLevel::District,
        AwardLevel::Province,
        AwardLevel::National,
        AwardLevel::International,
    ];

    /// Stable code (the serde name).
    pub fn code(self) -> &'static str {
        match self {
            AwardLevel::School => "school",
            AwardLevel::Commune => "commune",
            AwardLevel::District => "district",
            AwardLevel::Province => "province",
            AwardLevel::National => "national",
            AwardLevel::International => "international",
        }
    }

    /// The code, or the Vietnamese name as users write it ("cấp huyện", "Huyện", "cap tinh",
    /// "Quốc gia", "phường"), case- and diacritic-insensitive.
    pub fn parse(s: &str) -> Option<Self> {
        let key = match_key(s);
        if let Some(level) = Self::ALL.into_iter().find(|l| l.code() == key) {
            return Some(level);
        }
        let key = key.strip_prefix("cap").unwrap_or(&key);
        match key {
            "truong" => Some(AwardLevel::School),
            "xa" | "phuong" | "thitran" => Some(AwardLevel::Commune),
            "huyen" | "quan" | "thixa" => Some(AwardLevel::District),
            "tinh" | "thanhpho" => Some(AwardLevel::Province),
            "quocgia" | "toanquoc" | "trunguong" => Some(AwardLevel::National),
            "quocte" => Some(AwardLevel::International),
            _ => None,
        }
    }
}

/// What the award is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AwardKind {
    /// Giấy khen "Học sinh Xuất sắc" (result HTXS).
    HocSinhXuatSac,
    /// Giấy khen "Học sinh Tiêu biểu hoàn thành tốt trong học tập và rèn luyện" (result HTT).
    HocSinhTieuBieu,
    /// Khen thưởng đột xuất.
    DotXuat,
    /// An award of a competition (thi, hội thi) at any level.
    Competition,
}

impl AwardKind {
    pub const ALL: [AwardKind; 4] =
        [AwardKind::HocSinhXuatSac, AwardKind::HocSinhTieuBieu, AwardKind::DotXuat, AwardKind::Competition];

    /// Stable code (the serde name).
    pub fn code(self) -> &'static str {
        match self {
            AwardKind::HocSinhXuatSac => "hoc_sinh_xuat_sac",
            AwardKind::HocSinhTieuBieu => "hoc_sinh_tieu_bieu",
            AwardKind::DotXuat => "dot_xuat",
            AwardKind::Competition => "competition",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    /// The two giấy khen of the school at the end of the year, whose title and level are fixed.
    pub fn is_year_end(self) -> bool {
        matches!(self, AwardKind::HocSinhXuatSac | AwardKind::HocSinhTieuBieu)
    }
}

/// A checked award, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedAward {
    pub kind: AwardKind,
    /// The fixed title for the year-end giấy khen; NFC, trimmed, not empty otherwise.
    pub title: String,
    pub level: AwardLevel,
    pub awarded_on: Option<NaiveDate>,
    /// NFC, trimmed, not empty.
    pub reason: Option<String>,
}

impl CheckedAward {
    /// The stored view, before anyone confirmed it.
    pub fn to_award(&self, id: impl Into<String>) -> Award {
        Award {
            id: id.into(),
            kind: self.kind,
            title: self.title.clone(),
            level: self.level,
            awarded_on: self.awarded_on,
            reason: self.reason.clone(),
            confirmed_by: None,
        }
    }
}

/// The award a year result suggests: HTXS ⇒ Học sinh Xuất sắc; HTT ⇒ a Học sinh Tiêu biểu
/// candidate, which the homeroom teacher confirms only with the reason the class recognised;
/// nothing otherwise.
pub fn suggest(effective: Option<YearResult>) -> Option<Suggestion> {
    let (kind, note) = match effective? {
        YearResult::HTXS => (AwardKind::HocSinhXuatSac, messages::SUGGEST_XUAT_SAC_NOTE),
        YearResult::HTT => (AwardKind::HocSinhTieuBieu, messages::SUGGEST_TIEU_BIEU_NOTE),
        YearResult::HT | YearResult::CHT => return None,
    };
    Some(Suggestion {
        kind,
        title: messages::award_kind_title(kind).to_owned(),
        reason_required: kind == AwardKind::HocSinhTieuBieu,
        note: note.to_owned(),
    })
}

/// The suggestion of [`suggest`] unless the pupil already has an award of the suggested kind.
pub fn open_suggestion(effective: Option<YearResult>, awards: &[Award]) -> Option<Suggestion> {
    suggest(effective).filter(|s| !awards.iter().any(|a| a.kind == s.kind))
}

/// Refuses a second giấy khen of the same year-end kind for a pupil (field `kind`); other
/// kinds may repeat (several competitions).
pub fn check_not_repeated(kind: AwardKind, existing: &[AwardKind]) -> Result<(), FieldError> {
    if kind.is_year_end() && existing.contains(&kind) {
        return Err(FieldError::new("kind", crate::domain_text!(AWARD_ALREADY_GIVEN)));
    }
    Ok(())
}

fn bounded(value: Option<&str>, max: usize, field: &str, too_long: Bilingual) -> Result<Option<String>, FieldError> {
    let v = text::clean_opt(value);
    if v.as_ref().is_some_and(|v| v.chars().count() > max) {
        return Err(FieldError::new(field, too_long));
    }
    Ok(v)
}

/// Checks one award of a pupil whose effective year result is `effective`; `today` bounds the
/// date. Refused, in this order, each naming its field:
/// - `kind`: unknown; Học sinh Xuất sắc unless the result is HTXS; Học sinh Tiêu biểu unless
///   the result is HTT (an HTXS pupil gets Học sinh Xuất sắc instead);
/// - `title`: missing or longer than [`MAX_TITLE_CHARS`] for đột xuất and competition awards;
/// - `level`: unknown; missing for đột xuất and competition awards; other than cấp trường for
///   the two giấy khen of the school (which may leave it out);
/// - `awarded_on`: unreadable or after `today`;
/// - `reason`: missing for Học sinh Tiêu biểu, or longer than [`MAX_REASON_CHARS`].
pub fn check_award(
    input: &AwardInput,
    effective: Option<YearResult>,
    today: NaiveDate,
) -> Result<CheckedAward, FieldError> {
    let kind = AwardKind::from_code(&input.kind)
        .ok_or_else(|| FieldError::new("kind", crate::domain_text!(AWARD_KIND_INVALID)))?;
    match kind {
        AwardKind::HocSinhXuatSac if effective != Some(YearResult::HTXS) => {
            return Err(FieldError::new("kind", crate::domain_text!(AWARD_XUAT_SAC_NEEDS_HTXS)));
        }
        AwardKind::HocSinhTieuBieu if effective != Some(YearResult::HTT) => {
            return Err(FieldError::new("kind", crate::domain_text!(AWARD_TIEU_BIEU_NEEDS_HTT)));
        }
        _ => {}
    }

    let title = if kind.is_year_end() {
        messages::award_kind_title(kind).to_owned()
    } else {
        bounded(input.title.as_deref(), MAX_TITLE_CHARS, "title", crate::domain_text!(AWARD_TITLE_TOO_LONG))?
            .ok_or_else(|| FieldError::new("title", crate::domain_text!(AWARD_TITLE_REQUIRED)))?
    };

    let level = match input.level.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        Some(l) => Some(
            AwardLevel::parse(l).ok_or_else(|| FieldError::new("level", crate::domain_text!(AWARD_LEVEL_INVALID)))?,
        ),
        None => None,
    };
    let level = match (kind.is_year_end(), level) {
        (true, None | Some(AwardLevel::School)) => AwardLevel::School,
        (true, Some(_)) => return Err(FieldError::new("level", crate::domain_text!(AWARD_LEVEL_SCHOOL_ONLY))),
        (false, Some(level)) => level,
        (false, None) => return Err(FieldError::new("level", crate::domain_text!(AWARD_LEVEL_REQUIRED))),
    };

    let awarded_on = match input.awarded_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => {
            let date = people::parse_date(d)
                .ok_or_else(|| FieldError::new("awarded_on", crate::domain_text!(AWARD_DATE_INVALID)))?;
            if date > today {
                return Err(FieldError::new("awarded_on", crate::domain_text!(AWARD_DATE_IN_FUTURE)));
            }
            Some(date)
        }
    };

    let reason =
        bounded(input.reason.as_deref(), MAX_REASON_CHARS, "reason", crate::domain_text!(AWARD_REASON_TOO_LONG))?;
    if kind == AwardKind::HocSinhTieuBieu && reason.is_none() {
        return Err(FieldError::new("reason", crate::domain_text!(AWARD_REASON_REQUIRED)));
    }

    Ok(CheckedAward { kind, title, level, awarded_on, reason })
}

/// The line section 5 of the học bạ prints: the title of a year-end giấy khen ("Học sinh Xuất
/// sắc"); for other awards the title, the level unless the title already names it, and the
/// date: "Giải Nhì Hội thi Viết chữ đẹp cấp huyện (15/03/2026)".
pub fn award_line(award: &Award) -> String {
    if award.kind.is_year_end() {
        return award.title.clone();
    }
    let level = messages::award_level_name(award.level);
    let mut line = if match_key(&award.title).contains(&match_key(level)) {
        award.title.clone()
    } else {
        format!("{} {level}", award.title)
    };
    if let Some(d) = award.awarded_on {
        line.push_str(&format!(" ({})", people::format_date_vn(d)));
    }
    line
}

/// Section 5 of the học bạ: one line per award, year-end giấy khen first, then the others in
/// date order (undated last), each with [`award_line`].
pub fn award_lines(awards: &[Award]) -> Vec<String> {
    let mut sorted: Vec<&Award> = awards.iter().collect();
    sorted.sort_by_key(|a| (!a.kind.is_year_end(), a.awarded_on.is_none(), a.awarded_on, a.kind));
    sorted.into_iter().map(award_line).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use YearResult::{CHT, HT, HTT, HTXS};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn today() -> NaiveDate {
        date(2026, 5, 25)
    }

    fn err(field: &str, message: crate::lang::Bilingual) -> FieldError {
        FieldError::new(field, message)
    }

    fn input(kind: &str) -> AwardInput {
        AwardInput { kind: kind.into(), ..Default::default() }
    }

    fn competition() -> AwardInput {
        AwardInput {
            kind: "competition".into(),
            title: Some("  Giải Nhì Hội thi Viết chữ đẹp ".into()),
            level: Some("cấp huyện".into()),
            awarded_on: Some("15/3/2026".into()),
            reason: None,
        }
    }

    #[test]
    fn codes_round_trip() {
        for l in AwardLevel::ALL {
            assert_eq!(AwardLevel::parse(l.code()), Some(l));
            assert_eq!(AwardLevel::parse(messages::award_level_name(l)), Some(l), "{l:?}");
            let json = serde_json::to_string(&l).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", l.code()));
        }
        for k in AwardKind::ALL {
            assert_eq!(AwardKind::from_code(k.code()), Some(k));
            let json = serde_json::to_string(&k).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", k.code()));
        }
        assert_eq!(AwardLevel::parse("Huyện"), Some(AwardLevel::District));
        assert_eq!(AwardLevel::parse("cap tinh"), Some(AwardLevel::Province));
        assert_eq!(AwardLevel::parse("Quốc gia"), Some(AwardLevel::National));
        assert_eq!(AwardLevel::parse("phường"), Some(AwardLevel::Commune));
        assert_eq!(AwardLevel::parse("lớp"), None);
        assert_eq!(AwardLevel::parse(""), None);
    }

    #[test]
    fn suggestions_follow_the_result() {
        let s = suggest(Some(HTXS)).expect("HTXS suggests an award");
        assert_eq!(s.kind, AwardKind::HocSinhXuatSac);
        assert_eq!(s.title, "Học sinh Xuất sắc");
        assert!(!s.reason_required);
        let s = suggest(Some(HTT)).expect("HTT suggests a candidate");
        assert_eq!(s.kind, AwardKind::HocSinhTieuBieu);
        assert_eq!(s.title, "Học sinh Tiêu biểu hoàn thành tốt trong học tập và rèn luyện");
        assert!(s.reason_required);
        assert!(s.note.contains("lí do"), "{}", s.note);
        for r in [Some(HT), Some(CHT), None] {
            assert_eq!(suggest(r), None);
        }
    }

    #[test]
    fn suggestions_close_once_awarded() {
        let xs = check_award(&input("hoc_sinh_xuat_sac"), Some(HTXS), today()).expect("HTXS").to_award("a");
        let other = check_award(&competition(), Some(HTXS), today()).expect("valid").to_award("b");
        assert_eq!(open_suggestion(Some(HTXS), &[]), suggest(Some(HTXS)));
        assert_eq!(open_suggestion(Some(HTXS), std::slice::from_ref(&other)), suggest(Some(HTXS)));
        assert_eq!(open_suggestion(Some(HTXS), &[other, xs]), None);
        assert_eq!(open_suggestion(Some(HT), &[]), None);
        assert_eq!(
            check_not_repeated(AwardKind::HocSinhXuatSac, &[AwardKind::HocSinhXuatSac]),
            Err(err("kind", crate::domain_text!(AWARD_ALREADY_GIVEN)))
        );
        assert!(check_not_repeated(AwardKind::HocSinhXuatSac, &[AwardKind::Competition]).is_ok());
        assert!(check_not_repeated(AwardKind::Competition, &[AwardKind::Competition]).is_ok());
    }

    #[test]
    fn year_end_awards_need_their_result() {
        let xs = check_award(&input("hoc_sinh_xuat_sac"), Some(HTXS), today()).expect("HTXS");
        assert_eq!(
            xs,
            CheckedAward {
                kind: AwardKind::HocSinhXuatSac,
                title: "Học sinh Xuất sắc".into(),
                level: AwardLevel::School,
                awarded_on: None,
                reason: None,
            }
        );
        for r in [Some(HTT), Some(HT), Some(CHT), None] {
            assert_eq!(
                check_award(&input("hoc_sinh_xuat_sac"), r, today()),
                Err(err("kind", crate::domain_text!(AWARD_XUAT_SAC_NEEDS_HTXS)))
            );
        }
        let tb =
            AwardInput { reason: Some(" Tiến bộ rõ rệt môn Toán ".into()), ..input("hoc_sinh_tieu_bieu") };
        let c = check_award(&tb, Some(HTT), today()).expect("HTT with a reason");
        assert_eq!(c.reason.as_deref(), Some("Tiến bộ rõ rệt môn Toán"));
        assert_eq!(c.level, AwardLevel::School);
        for r in [Some(HTXS), Some(HT), Some(CHT), None] {
            assert_eq!(
                check_award(&tb, r, today()),
                Err(err("kind", crate::domain_text!(AWARD_TIEU_BIEU_NEEDS_HTT))),
                "{r:?}"
            );
        }
        assert_eq!(
            check_award(&input("hoc_sinh_tieu_bieu"), Some(HTT), today()),
            Err(err("reason", crate::domain_text!(AWARD_REASON_REQUIRED)))
        );
        // The fixed title wins; a level other than the school's is refused.
        let titled =
            AwardInput { title: Some("Khác".into()), level: Some("school".into()), ..input("hoc_sinh_xuat_sac") };
        assert_eq!(check_award(&titled, Some(HTXS), today()).map(|c| c.title), Ok("Học sinh Xuất sắc".into()));
        let district = AwardInput { level: Some("district".into()), ..input("hoc_sinh_xuat_sac") };
        assert_eq!(
            check_award(&district, Some(HTXS), today()),
            Err(err("level", crate::domain_text!(AWARD_LEVEL_SCHOOL_ONLY)))
        );
    }

    #[test]
    fn competition_awards() {
        let c = check_award(&competition(), Some(CHT), today()).expect("any result");
        assert_eq!(
            c,
            CheckedAward {
                kind: AwardKind::Competition,
                title: "Giải Nhì Hội thi Viết chữ đẹp".into(),
                level: AwardLevel::District,
                awarded_on: Some(date(2026, 3, 15)),
                reason: None,
            }
        );
        assert!(check_award(&competition(), None, today()).is_ok());
        let no_title = AwardInput { title: Some("  ".into()), ..competition() };
        assert_eq!(check_award(&no_title, None, today()), Err(err("title", crate::domain_text!(AWARD_TITLE_REQUIRED))));
        let long = AwardInput { title: Some("ễ".repeat(MAX_TITLE_CHARS + 1)), ..competition() };
        assert_eq!(check_award(&long, None, today()), Err(err("title", crate::domain_text!(AWARD_TITLE_TOO_LONG))));
        let fits = AwardInput { title: Some("ễ".repeat(MAX_TITLE_CHARS)), ..competition() };
        assert!(check_award(&fits, None, today()).is_ok());
        let no_level = AwardInput { level: None, ..competition() };
        assert_eq!(check_award(&no_level, None, today()), Err(err("level", crate::domain_text!(AWARD_LEVEL_REQUIRED))));
        let bad_level = AwardInput { level: Some("cấp lớp".into()), ..competition() };
        assert_eq!(check_award(&bad_level, None, today()), Err(err("level", crate::domain_text!(AWARD_LEVEL_INVALID))));
        let dx = AwardInput { kind: "dot_xuat".into(), title: None, ..competition() };
        assert_eq!(check_award(&dx, None, today()), Err(err("title", crate::domain_text!(AWARD_TITLE_REQUIRED))));
        assert_eq!(
            check_award(&input("giai_nhat"), None, today()),
            Err(err("kind", crate::domain_text!(AWARD_KIND_INVALID)))
        );
    }

    #[test]
    fn dates() {
        let on = |d: &str| check_award(&AwardInput { awarded_on: Some(d.into()), ..competition() }, None, today());
        assert_eq!(on("25/05/2026").map(|c| c.awarded_on), Ok(Some(today())));
        assert_eq!(on("2026-05-01").map(|c| c.awarded_on), Ok(Some(date(2026, 5, 1))));
        assert_eq!(on("  ").map(|c| c.awarded_on), Ok(None));
        assert_eq!(on("26/05/2026"), Err(err("awarded_on", crate::domain_text!(AWARD_DATE_IN_FUTURE))));
        assert_eq!(on("31/02/2026"), Err(err("awarded_on", crate::domain_text!(AWARD_DATE_INVALID))));
        assert_eq!(on("05/15/2026"), Err(err("awarded_on", crate::domain_text!(AWARD_DATE_INVALID))));
        let long = AwardInput { reason: Some("a".repeat(MAX_REASON_CHARS + 1)), ..competition() };
        assert_eq!(check_award(&long, None, today()), Err(err("reason", crate::domain_text!(AWARD_REASON_TOO_LONG))));
    }

    #[test]
    fn lines_of_the_record() {
        let c = check_award(&competition(), None, today()).expect("valid");
        let award = c.to_award("a1");
        assert_eq!(award_line(&award), "Giải Nhì Hội thi Viết chữ đẹp cấp huyện (15/03/2026)");
        // A title that already names the level does not repeat it.
        let named = Award {
            title: "Giải Ba Hội khỏe Phù Đổng cấp tỉnh".into(),
            level: AwardLevel::Province,
            awarded_on: None,
            ..award.clone()
        };
        assert_eq!(award_line(&named), "Giải Ba Hội khỏe Phù Đổng cấp tỉnh");
        let intl = Award {
            title: "Huy chương Bạc Toán Kangaroo".into(),
            level: AwardLevel::International,
            awarded_on: None,
            ..award.clone()
        };
        assert_eq!(award_line(&intl), "Huy chương Bạc Toán Kangaroo quốc tế");
        let xs = check_award(&input("hoc_sinh_xuat_sac"), Some(HTXS), today()).expect("valid").to_award("a2");
        assert_eq!(award_line(&xs), "Học sinh Xuất sắc");
        assert_eq!(
            award_lines(&[award.clone(), named, xs]),
            [
                "Học sinh Xuất sắc",
                "Giải Nhì Hội thi Viết chữ đẹp cấp huyện (15/03/2026)",
                "Giải Ba Hội khỏe Phù Đổng cấp tỉnh",
            ]
        );
    }

    fn kind_code() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(AwardKind::ALL.to_vec()).prop_map(|k| k.code().to_string()),
            Just("x".to_string()),
        ]
    }

    proptest! {
        /// An accepted award never contradicts the result: Xuất sắc only with HTXS, Tiêu biểu only
        /// with HTT and a reason; the date never after today; a printable line always.
        #[test]
        fn accepted_awards_respect_the_rules(
            kind in kind_code(),
            result in proptest::option::of(proptest::sample::select(YearResult::ALL.to_vec())),
            title in proptest::option::of("[a-zA-Z ễ]{0,220}"),
            level in proptest::option::of(proptest::sample::select(vec!["school", "cấp huyện", "tinh", "lop", ""])),
            days in proptest::option::of(-400i64..400),
            reason in proptest::option::of("[a-z ]{0,20}"),
        ) {
            let awarded_on = days.map(|d| people::format_date_vn(today() + chrono::TimeDelta::days(d)));
            let input = AwardInput { kind, title, level: level.map(str::to_string), awarded_on, reason };
            if let Ok(c) = check_award(&input, result, today()) {
                match c.kind {
                    AwardKind::HocSinhXuatSac => prop_assert_eq!(result, Some(HTXS)),
                    AwardKind::HocSinhTieuBieu => {
                        prop_assert_eq!(result, Some(HTT));
                        prop_assert!(c.reason.is_some());
                    }
                    _ => prop_assert!(!c.title.is_empty() && c.title.chars().count() <= MAX_TITLE_CHARS),
                }
                if c.kind.is_year_end() {
                    prop_assert_eq!(c.level, AwardLevel::School);
                }
                prop_assert!(c.awarded_on.is_none_or(|d| d <= today()));
                prop_assert!(!award_line(&c.to_award("x")).is_empty());
            }
        }
    }
}
