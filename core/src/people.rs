//! Facts about people: the 54 ethnic groups, the mã định danh cá nhân, gender, dates as
//! Vietnamese schools write them, and the normalisation and validation of a pupil's profile
//! (the sơ yếu lý lịch of the học bạ).

use crate::api::admin::{Gender, PupilInput};
use crate::lang::Bilingual;
use crate::messages::checks;
use crate::sheet::Cell;
use crate::text::{clean, clean_opt, fold_diacritics};
use chrono::{Datelike, NaiveDate};

/// The 54 ethnic groups of Việt Nam in the order of the Danh mục các dân tộc Việt Nam of the
/// General Statistics Office (Quyết định 1019/QĐ-TCTK, 2008): the position + 1 is the mã dân
/// tộc (01 Kinh … 54 Ơ Đu), see [`ethnicity_code`]. Names use the current common spelling.
pub const ETHNICITIES: [&str; 54] = [
    "Kinh",
    "Tày",
    "Thái",
    "Mường",
    "Khmer",
    "Hoa",
    "Nùng",
    "H'Mông",
    "Dao",
    "Gia Rai",
    "Ê Đê",
    "Ba Na",
    "Sán Chay",
    "Chăm",
    "Cơ Ho",
    "Xơ Đăng",
    "Sán Dìu",
    "Hrê",
    "Ra Glai",
    "Mnông",
    "Thổ",
    "Xtiêng",
    "Khơ Mú",
    "Bru-Vân Kiều",
    "Cơ Tu",
    "Giáy",
    "Tà Ôi",
    "Mạ",
    "Giẻ Triêng",
    "Co",
    "Chơ Ro",
    "Xinh Mun",
    "Hà Nhì",
    "Chu Ru",
    "Lào",
    "La Chí",
    "Kháng",
    "Phù Lá",
    "La Hủ",
    "La Ha",
    "Pà Thẻn",
    "Lự",
    "Ngái",
    "Chứt",
    "Lô Lô",
    "Mảng",
    "Cơ Lao",
    "Bố Y",
    "Cống",
    "Si La",
    "Pu Péo",
    "Rơ Măm",
    "Brâu",
    "Ơ Đu",
];

/// Accepted in place of an ethnic group for a foreign pupil.
pub const FOREIGN: &str = "Người nước ngoài";

/// The default nationality.
pub const VIETNAM: &str = "Việt Nam";

/// Other spellings and names in use, as (spelling, canonical name). Spellings are compared
/// through [`match_key`], so case, diacritics, spaces, hyphens and apostrophes do not matter.
const ETHNICITY_ALIASES: &[(&str, &str)] = &[
    ("Việt", "Kinh"),
    ("Kinh (Việt)", "Kinh"),
    ("Khơ-me", "Khmer"),
    ("Khơ me", "Khmer"),
    ("Khmer Krôm", "Khmer"),
    ("Miên", "Khmer"),
    ("Hán", "Hoa"),
    ("Hoa (Hán)", "Hoa"),
    ("Mông", "H'Mông"),
    ("Hmông", "H'Mông"),
    ("Hmong", "H'Mông"),
    ("Mèo", "H'Mông"),
    ("H'Mông (Mèo)", "H'Mông"),
    ("Jrai", "Gia Rai"),
    ("Jarai", "Gia Rai"),
    ("Giơ Rai", "Gia Rai"),
    ("Ê-đê", "Ê Đê"),
    ("Êđê", "Ê Đê"),
    ("Rhade", "Ê Đê"),
    ("Ra Đê", "Ê Đê"),
    ("Bana", "Ba Na"),
    ("Bahnar", "Ba Na"),
    ("Cao Lan", "Sán Chay"),
    ("Sán Chỉ", "Sán Chay"),
    ("Chàm", "Chăm"),
    ("Cơ-ho", "Cơ Ho"),
    ("Kơ Ho", "Cơ Ho"),
    ("K'Ho", "Cơ Ho"),
    ("Xơ-đăng", "Xơ Đăng"),
    ("Sedang", "Xơ Đăng"),
    ("Ra-glai", "Ra Glai"),
    ("Raglay", "Ra Glai"),
    ("Ra Glay", "Ra Glai"),
    ("M'Nông", "Mnông"),
    ("Mơ Nông", "Mnông"),
    ("Stiêng", "Xtiêng"),
    ("X'Tiêng", "Xtiêng"),
    ("Khơmú", "Khơ Mú"),
    ("Khmu", "Khơ Mú"),
    ("Vân Kiều", "Bru-Vân Kiều"),
    ("Bru", "Bru-Vân Kiều"),
    ("Cơ-tu", "Cơ Tu"),
    ("Katu", "Cơ Tu"),
    ("Ta Ôi", "Tà Ôi"),
    ("Pa Cô", "Tà Ôi"),
    ("Gié Triêng", "Giẻ Triêng"),
    ("Chơ-ro", "Chơ Ro"),
    ("Xinh-mun", "Xinh Mun"),
    ("Hani", "Hà Nhì"),
    ("Chu-ru", "Chu Ru"),
    ("Churu", "Chu Ru"),
    ("La-chí", "La Chí"),
    ("Pà Hưng", "Pà Thẻn"),
    ("Lolo", "Lô Lô"),
    ("Cờ Lao", "Cơ Lao"),
    ("Gelao", "Cơ Lao"),
    ("Pu Piéo", "Pu Péo"),
    ("Rơ-măm", "Rơ Măm"),
    ("Ơ-đu", "Ơ Đu"),
    ("Nước ngoài", FOREIGN),
];

/// The comparison key of a name or header: diacritics folded, lower case, only letters and
/// digits kept ("H'Mông" → "hmong", "Ngày, tháng, năm sinh" → "ngaythangnamsinh").
pub fn match_key(s: &str) -> String {
    fold_diacritics(s).to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

fn ethnicity_by_key(key: &str) -> Option<&'static str> {
    if key.is_empty() {
        return None;
    }
    if match_key(FOREIGN) == key {
        return Some(FOREIGN);
    }
    ETHNICITIES
        .iter()
        .copied()
        .find(|name| match_key(name) == key)
        .or_else(|| ETHNICITY_ALIASES.iter().find(|(alias, _)| match_key(alias) == key).map(|(_, name)| *name))
}

/// The canonical name of an ethnic group (or [`FOREIGN`]) for a user's spelling: case,
/// diacritics, spaces, hyphens and apostrophes are ignored, common other names are known
/// ("Mông" → "H'Mông", "Khơ-me" → "Khmer"), and a leading "dân tộc" or "người" is dropped.
pub fn ethnicity(input: &str) -> Option<&'static str> {
    let key = match_key(input);
    ethnicity_by_key(&key)
        .or_else(|| ["dantoc", "nguoi"].iter().find_map(|prefix| key.strip_prefix(prefix).and_then(ethnicity_by_key)))
}

/// The mã dân tộc (1–54) of a canonical name of [`ETHNICITIES`].
pub fn ethnicity_code(name: &str) -> Option<u8> {
    ETHNICITIES.iter().position(|e| *e == name).and_then(|i| u8::try_from(i + 1).ok())
}

/// Whether an ethnicity (any spelling [`ethnicity`] reads) is an ethnic minority (dân tộc
/// thiểu số): one of the 53 groups other than Kinh. Kinh, [`FOREIGN`] and unknown names are not.
pub fn is_ethnic_minority(name: &str) -> bool {
    ethnicity(name).is_some_and(|e| e != ETHNICITIES[0] && e != FOREIGN)
}

/// Mã định danh cá nhân: exactly 12 ASCII digits, the first three a province code 001–096.
pub fn valid_national_id(s: &str) -> bool {
    s.len() == 12
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.get(..3).and_then(|p| p.parse::<u16>().ok()).is_some_and(|p| (1..=96).contains(&p))
}

/// "Nam", "M", "Male" → Nam; "Nữ", "nu", "F", "Female" → Nu (case- and diacritic-insensitive).
pub fn parse_gender(s: &str) -> Option<Gender> {
    match match_key(s).as_str() {
        "nam" | "m" | "male" | "trai" => Some(Gender::Nam),
        "nu" | "f" | "female" | "gai" => Some(Gender::Nu),
        _ => None,
    }
}

pub fn gender_name(g: Gender) -> &'static str {
    match g {
        Gender::Nam => "Nam",
        Gender::Nu => "Nữ",
    }
}

/// Drops a time written after the date ("05/09/2019 00:00:00", "2019-09-05T00:00:00").
fn strip_time(s: &str) -> &str {
    match s.split_once(|c: char| c.is_whitespace() || c == 'T') {
        Some((date, time))
            if time.contains(':') && time.trim().chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.') =>
        {
            date
        }
        _ => s,
    }
}

/// A date as Vietnamese users write it: `d/m/yyyy`, `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`
/// (always day first, never month first) or ISO `yyyy-mm-dd`. Two-digit years are refused.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = strip_time(s.trim());
    let sep = s.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '/' | '-' | '.') {
        return None;
    }
    let parts: Vec<&str> = s.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if [a, b, c].iter().any(|p| p.is_empty() || !p.bytes().all(|x| x.is_ascii_digit())) {
        return None;
    }
    let short = |p: &str| p.len() <= 2;
    let (year, month, day) = if a.len() == 4 && short(b) && short(c) {
        (a, b, c)
    } else if short(a) && short(b) && c.len() == 4 {
        (c, b, a)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// Largest Excel serial (9999-12-31).
const MAX_EXCEL_SERIAL: f64 = 2_958_465.0;

/// A date from an Excel serial of the 1900 date system: 1 = 1900-01-01, 61 = 1900-03-01,
/// 45658 = 2025-01-01. Excel counts the non-existent 1900-02-29 as serial 60, which gives
/// `None`. The fractional part (time of day) is ignored; serials below 1 or above 2958465
/// (9999-12-31) are refused.
pub fn date_from_excel_serial(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..=MAX_EXCEL_SERIAL).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let (base, offset) = match days {
        60 => return None,
        d if d < 60 => (NaiveDate::from_ymd_opt(1899, 12, 31)?, d),
        d => (NaiveDate::from_ymd_opt(1899, 12, 30)?, d),
    };
    base.checked_add_signed(chrono::TimeDelta::try_days(offset)?)
}

/// Smallest serial accepted when written as text (1927-05-18), so that a year is not read as one.
const MIN_TEXT_SERIAL: f64 = 10_000.0;

fn bad_date(shown: &str) -> Bilingual {
    checks::date_invalid(shown)
}

/// The date a spreadsheet cell holds: empty → `None`; a date cell; a number as an Excel serial;
/// text through [`parse_date`] or as a serial written as text.
pub fn date_from_cell(cell: &Cell) -> Result<Option<NaiveDate>, Bilingual> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) => date_from_excel_serial(*n).map(Some).ok_or_else(|| bad_date(&n.to_string())),
        Cell::Bool(b) => Err(bad_date(if *b { "TRUE" } else { "FALSE" })),
        Cell::Text(t) => {
            let t = clean(t);
            if t.is_empty() {
                return Ok(None);
            }
            if let Some(d) = parse_date(&t) {
                return Ok(Some(d));
            }
            let serial = t
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.')
                .then(|| t.parse::<f64>().ok())
                .flatten()
                // A bare year such as "2019" is not a serial.
                .filter(|n| *n >= MIN_TEXT_SERIAL)
                .and_then(date_from_excel_serial);
            serial.map(Some).ok_or_else(|| bad_date(&t))
        }
    }
}

/// "05/09/2019".
pub fn format_date_vn(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// ISO `YYYY-MM-DD`.
pub fn format_date_iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// A strict ISO `YYYY-MM-DD` date (as stored in [`PupilInput`]).
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    parse_date(s)
}

/// One problem with one field of a form; `field` is the serde name of the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: Bilingual,
}

impl FieldProblem {
    fn new(field: &'static str, message: impl Into<Bilingual>) -> Self {
        FieldProblem { field, message: message.into() }
    }
}

/// Inner runs of whitespace become one space.
pub fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean_name(s: &str) -> String {
    clean(&collapse_spaces(s))
}

fn clean_name_opt(s: Option<&str>) -> Option<String> {
    s.map(clean_name).filter(|s| !s.is_empty())
}

fn clean_date_opt(s: Option<&str>) -> Option<String> {
    clean_opt(s).map(|s| parse_date(&s).map(format_date_iso).unwrap_or(s))
}

/// Puts a pupil's profile in its stored form: every text NFC and trimmed, names with single
/// spaces, the mã định danh without spaces, the ethnicity (and "Việt Nam") spelt canonically
/// when recognised, the nationality "Việt Nam" when missing, dates as ISO `YYYY-MM-DD` when
/// they can be read. Idempotent; nothing is rejected here (see [`validate_pupil`]).
pub fn normalise_pupil(input: PupilInput) -> PupilInput {
    let ethnicity = clean(&input.ethnicity);
    let ethnicity = self::ethnicity(&ethnicity).map(str::to_owned).unwrap_or(ethnicity);
    let nationality = match clean_name_opt(input.nationality.as_deref()) {
        None => VIETNAM.to_owned(),
        Some(n) if matches!(match_key(&n).as_str(), "vietnam" | "vn") => VIETNAM.to_owned(),
        Some(n) => n,
    };
    PupilInput {
        national_id: clean(&input.national_id.chars().filter(|c| !c.is_whitespace()).collect::<String>()),
        full_name: clean_name(&input.full_name),
        gender: input.gender,
        birth_date: clean_date_opt(input.birth_date.as_deref()),
        ethnicity,
        nationality: Some(nationality),
        birth_place: clean_opt(input.birth_place.as_deref()),
        home_town: clean_opt(input.home_town.as_deref()),
        address: clean_opt(input.address.as_deref()),
        father_name: clean_name_opt(input.father_name.as_deref()),
        mother_name: clean_name_opt(input.mother_name.as_deref()),
        guardian_name: clean_name_opt(input.guardian_name.as_deref()),
        registration_no: clean_opt(input.registration_no.as_deref()),
        entry_date: clean_date_opt(input.entry_date.as_deref()),
        disability: input.disability,
        disability_plan: clean_opt(input.disability_plan.as_deref()),
        class_id: clean_opt(input.class_id.as_deref()),
        grade: input.grade,
    }
}

/// Longest accepted full name.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest accepted other text.
pub const MAX_TEXT_CHARS: usize = 200;
/// Longest kế hoạch giáo dục cá nhân kept on the pupil's profile.
pub const MAX_PLAN_CHARS: usize = 2000;
/// Ages (this year minus the birth year) accepted for a primary pupil.
pub const PUPIL_AGES: std::ops::RangeInclusive<i32> = 5..=16;

/// Why a person's full name is refused, if it is: empty is not checked here.
pub fn name_problem(name: &str, label: &Bilingual) -> Option<Bilingual> {
    if name.chars().count() > MAX_NAME_CHARS {
        return Some(checks::too_long(label, MAX_NAME_CHARS));
    }
    let allowed = |c: char| {
        c.is_alphabetic() || crate::unicode::is_combining_mark(c) || c == ' ' || matches!(c, '\'' | '’' | 'ʼ' | '-')
    };
    (!name.chars().all(allowed)).then(|| checks::name_letters_only(label, name))
}

/// Checks a pupil's profile (normally after [`normalise_pupil`]); `today` decides the
/// plausible ages. Every problem names its field by its serde name.
pub fn validate_pupil(input: &PupilInput, today: NaiveDate) -> Vec<FieldProblem> {
    let mut out = Vec::new();

    let id = input.national_id.trim();
    if id.is_empty() {
        out.push(FieldProblem::new("national_id", checks::NATIONAL_ID_MISSING));
    } else if !valid_national_id(id) {
        out.push(FieldProblem::new("national_id", checks::national_id_invalid(id)));
    }

    let name = input.full_name.trim();
    if name.is_empty() {
        out.push(FieldProblem::new("full_name", checks::FULL_NAME_MISSING));
    } else if let Some(msg) = name_problem(name, &checks::FULL_NAME) {
        out.push(FieldProblem::new("full_name", msg));
    }

    if input.gender.is_none() {
        out.push(FieldProblem::new("gender", checks::GENDER_MISSING));
    }

    let birth = match input.birth_date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => {
            out.push(FieldProblem::new("birth_date", checks::BIRTH_DATE_MISSING));
            None
        }
        Some(s) => match parse_iso_date(s) {
            None => {
                out.push(FieldProblem::new("birth_date", bad_date(s)));
                None
            }
            Some(d) => {
                let age = today.year() - d.year();
                if !PUPIL_AGES.contains(&age) {
                    out.push(FieldProblem::new(
                        "birth_date",
                        checks::birth_date_implausible(&format_date_vn(d), age, today.year()),
                    ));
                }
                Some(d)
            }
        },
    };

    let eth = input.ethnicity.trim();
    if eth.is_empty() {
        out.push(FieldProblem::new("ethnicity", checks::ETHNICITY_MISSING));
    } else if ethnicity(eth).is_none() {
        out.push(FieldProblem::new("ethnicity", checks::ethnicity_unknown(eth)));
    }

    if let Some(s) = input.entry_date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        match parse_iso_date(s) {
            None => out.push(FieldProblem::new("entry_date", bad_date(s))),
            Some(d) if birth.is_some_and(|b| d < b) => {
                out.push(FieldProblem::new("entry_date", checks::ENTRY_BEFORE_BIRTH))
            }
            Some(_) => {}
        }
    }

    let plan_missing = input.disability_plan.as_deref().is_none_or(|p| p.trim().is_empty());
    if input.disability && plan_missing {
        out.push(FieldProblem::new("disability_plan", checks::DISABILITY_PLAN_MISSING));
    }

    if let Some(g) = input.grade {
        if !crate::catalogue::GRADES.contains(&g) {
            out.push(FieldProblem::new("grade", checks::grade_out_of_range(g)));
        }
    }

    let texts: [(&'static str, Bilingual, &Option<String>, usize); 9] = [
        ("nationality", checks::NATIONALITY, &input.nationality, MAX_TEXT_CHARS),
        ("birth_place", checks::BIRTH_PLACE, &input.birth_place, MAX_TEXT_CHARS),
        ("home_town", checks::HOME_TOWN, &input.home_town, MAX_TEXT_CHARS),
        ("address", checks::ADDRESS, &input.address, MAX_TEXT_CHARS),
        ("father_name", checks::FATHER_NAME, &input.father_name, MAX_TEXT_CHARS),
        ("mother_name", checks::MOTHER_NAME, &input.mother_name, MAX_TEXT_CHARS),
        ("guardian_name", checks::GUARDIAN_NAME, &input.guardian_name, MAX_TEXT_CHARS),
        ("registration_no", checks::REGISTRATION_NO, &input.registration_no, MAX_TEXT_CHARS),
        ("disability_plan", checks::DISABILITY_PLAN, &input.disability_plan, MAX_PLAN_CHARS),
    ];
    for (field, label, value, max) in texts {
        if value.as_deref().is_some_and(|v| v.chars().count() > max) {
            out.push(FieldProblem::new(field, checks::too_long(&label, max)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;
    use unicode_normalization::UnicodeNormalization;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn good_pupil() -> PupilInput {
        PupilInput {
            national_id: "001219012345".into(),
            full_name: "Nguyễn Thị Hương".into(),
            gender: Some(Gender::Nu),
            birth_date: Some("2018-03-14".into()),
            ethnicity: "Kinh".into(),
            ..PupilInput::default()
        }
    }

    fn fields(problems: &[FieldProblem]) -> Vec<&'static str> {
        problems.iter().map(|p| p.field).collect()
    }

    #[test]
    fn fifty_four_distinct_groups() {
        let keys: BTreeSet<String> = ETHNICITIES.iter().map(|e| match_key(e)).collect();
        assert_eq!(keys.len(), 54);
        for e in ETHNICITIES {
            assert_eq!(e.nfc().collect::<String>(), e, "{e} is NFC");
            assert_eq!(ethnicity(e), Some(e));
        }
        assert!(ETHNICITIES.contains(&"Ngái"));
        assert_eq!(ethnicity_code("Kinh"), Some(1));
        assert_eq!(ethnicity_code("Ngái"), Some(43));
        assert_eq!(ethnicity_code("Ơ Đu"), Some(54));
        assert_eq!(ethnicity_code("Mông"), None);
    }

    #[test]
    fn aliases_point_to_known_groups_without_ambiguity() {
        for (alias, name) in ETHNICITY_ALIASES {
            assert!(ETHNICITIES.contains(name) || *name == FOREIGN, "{alias} → {name}");
            let key = match_key(alias);
            if let Some(other) = ETHNICITIES.iter().find(|e| match_key(e) == key) {
                assert_eq!(other, name, "alias {alias} shadows {other}");
            }
            assert_eq!(ethnicity(alias), Some(*name), "{alias}");
        }
    }

    #[test]
    fn user_spellings() {
        for s in ["Mông", "HMông", "hmong", "Mèo", "H’Mông", "h'mong", "  H' Mông "] {
            assert_eq!(ethnicity(s), Some("H'Mông"), "{s}");
        }
        assert_eq!(ethnicity("Khơ-me"), Some("Khmer"));
        assert_eq!(ethnicity("khome"), Some("Khmer"));
        assert_eq!(ethnicity("Êđê"), Some("Ê Đê"));
        assert_eq!(ethnicity("Vân Kiều"), Some("Bru-Vân Kiều"));
        assert_eq!(ethnicity("bru van kieu"), Some("Bru-Vân Kiều"));
        assert_eq!(ethnicity("Jrai"), Some("Gia Rai"));
        assert_eq!(ethnicity("Gia-rai"), Some("Gia Rai"));
        assert_eq!(ethnicity("Bana"), Some("Ba Na"));
        assert_eq!(ethnicity("Stiêng"), Some("Xtiêng"));
        assert_eq!(ethnicity("Cơ-ho"), Some("Cơ Ho"));
        assert_eq!(ethnicity("KINH"), Some("Kinh"));
        assert_eq!(ethnicity("Dân tộc Tày"), Some("Tày"));
        assert_eq!(ethnicity("người Thái"), Some("Thái"));
        assert_eq!(ethnicity("Cờ Lao"), Some("Cơ Lao"));
        assert_eq!(ethnicity("Co"), Some("Co"));
        assert_eq!(ethnicity("nguoi nuoc ngoai"), Some(FOREIGN));
        assert_eq!(ethnicity("Nước ngoài"), Some(FOREIGN));
        assert_eq!(ethnicity("Tay"), Some("Tày"));
        assert_eq!(ethnicity("Elf"), None);
        assert_eq!(ethnicity(""), None);
        assert_eq!(ethnicity("người"), None);
    }

    #[test]
    fn ethnic_minorities() {
        for s in ["Tày", "mông", "Khơ-me", "Ơ Đu", "dân tộc Thái"] {
            assert!(is_ethnic_minority(s), "{s}");
        }
        for s in ["Kinh", "kinh", "Việt", FOREIGN, "Elf", ""] {
            assert!(!is_ethnic_minority(s), "{s}");
        }
        assert_eq!(ETHNICITIES.iter().filter(|e| is_ethnic_minority(e)).count(), 53);
    }

    #[test]
    fn national_ids() {
        assert!(valid_national_id("001219012345"));
        assert!(valid_national_id("096123456789"));
        assert!(!valid_national_id("000123456789"));
        assert!(!valid_national_id("097123456789"));
        assert!(!valid_national_id("00121901234"));
        assert!(!valid_national_id("0012190123456"));
        assert!(!valid_national_id("00121901234a"));
        assert!(!valid_national_id("００１２１９０１２３４５"));
        assert!(!valid_national_id(""));
    }

    #[test]
    fn genders() {
        for s in ["Nam", "nam", "NAM", "M", "m", "Male"] {
            assert_eq!(parse_gender(s), Some(Gender::Nam), "{s}");
        }
        for s in ["Nữ", "nu", "NỮ", "F", "Female", " nữ "] {
            assert_eq!(parse_gender(s), Some(Gender::Nu), "{s}");
        }
        assert_eq!(parse_gender("x"), None);
        assert_eq!(parse_gender(""), None);
        assert_eq!(gender_name(Gender::Nam), "Nam");
        assert_eq!(gender_name(Gender::Nu), "Nữ");
    }

    #[test]
    fn dates_are_day_first() {
        let d = date(2019, 9, 5);
        for s in ["5/9/2019", "05/09/2019", "05-09-2019", "05.09.2019", "2019-09-05", " 5/9/2019 "] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        assert_eq!(parse_date("05/09/2019 00:00:00"), Some(d));
        assert_eq!(parse_date("2019-09-05T00:00:00"), Some(d));
        assert_eq!(parse_date("13/12/2019"), Some(date(2019, 12, 13)));
        assert_eq!(parse_date("12/13/2019"), None, "never month first");
        assert_eq!(parse_date("31/02/2015"), None);
        assert_eq!(parse_date("05/09/19"), None);
        assert_eq!(parse_date("05/09-2019"), None);
        assert_eq!(parse_date("2019"), None);
        assert_eq!(parse_date("abc"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("29/02/2020"), Some(date(2020, 2, 29)));
    }

    #[test]
    fn excel_serials() {
        assert_eq!(date_from_excel_serial(1.0), Some(date(1900, 1, 1)));
        assert_eq!(date_from_excel_serial(59.0), Some(date(1900, 2, 28)));
        assert_eq!(date_from_excel_serial(60.0), None);
        assert_eq!(date_from_excel_serial(61.0), Some(date(1900, 3, 1)));
        assert_eq!(date_from_excel_serial(45658.0), Some(date(2025, 1, 1)));
        assert_eq!(date_from_excel_serial(45658.75), Some(date(2025, 1, 1)));
        assert_eq!(date_from_excel_serial(43713.0), Some(date(2019, 9, 5)));
        assert_eq!(date_from_excel_serial(2_958_465.0), Some(date(9999, 12, 31)));
        assert_eq!(date_from_excel_serial(2_958_466.0), None);
        assert_eq!(date_from_excel_serial(0.5), None);
        assert_eq!(date_from_excel_serial(-3.0), None);
        assert_eq!(date_from_excel_serial(f64::NAN), None);
    }

    #[test]
    fn dates_from_cells() {
        let d = date(2019, 9, 5);
        assert_eq!(date_from_cell(&Cell::Empty), Ok(None));
        assert_eq!(date_from_cell(&Cell::Text("  ".into())), Ok(None));
        assert_eq!(date_from_cell(&Cell::Date(d)), Ok(Some(d)));
        assert_eq!(date_from_cell(&Cell::Number(43713.0)), Ok(Some(d)));
        assert_eq!(date_from_cell(&Cell::Text("05/09/2019".into())), Ok(Some(d)));
        assert_eq!(date_from_cell(&Cell::Text("43713".into())), Ok(Some(d)));
        assert_eq!(date_from_cell(&Cell::Text("31/02/2015".into())), Err(checks::date_invalid("31/02/2015")));
        assert!(date_from_cell(&Cell::Number(0.0)).is_err());
        assert!(date_from_cell(&Cell::Text("2019".into())).is_err());
        assert!(date_from_cell(&Cell::Bool(true)).is_err());
        assert_eq!(format_date_vn(d), "05/09/2019");
    }

    #[test]
    fn normalisation() {
        let raw = PupilInput {
            national_id: " 001 219 012 345 ".into(),
            full_name: "  Nguye\u{302}\u{303}n   Thị\tHương ".into(),
            birth_date: Some("14/3/2018".into()),
            ethnicity: "mông".into(),
            nationality: Some("  ".into()),
            address: Some(" Bản  Phố ".into()),
            entry_date: Some("not a date".into()),
            father_name: Some("  ".into()),
            ..PupilInput::default()
        };
        let n = normalise_pupil(raw);
        assert_eq!(n.national_id, "001219012345");
        assert_eq!(n.full_name, "Nguyễn Thị Hương");
        assert_eq!(n.birth_date.as_deref(), Some("2018-03-14"));
        assert_eq!(n.ethnicity, "H'Mông");
        assert_eq!(n.nationality.as_deref(), Some("Việt Nam"));
        assert_eq!(n.address.as_deref(), Some("Bản  Phố"));
        assert_eq!(n.entry_date.as_deref(), Some("not a date"));
        assert_eq!(n.father_name, None);
        let other = normalise_pupil(PupilInput { nationality: Some("Lào".into()), ..PupilInput::default() });
        assert_eq!(other.nationality.as_deref(), Some("Lào"));
        let vn = normalise_pupil(PupilInput { nationality: Some("viet nam".into()), ..PupilInput::default() });
        assert_eq!(vn.nationality.as_deref(), Some("Việt Nam"));
    }

    #[test]
    fn a_good_pupil_passes() {
        let today = date(2025, 9, 5);
        assert_eq!(validate_pupil(&normalise_pupil(good_pupil()), today), vec![]);
        let foreign = PupilInput { ethnicity: FOREIGN.into(), nationality: Some("Lào".into()), ..good_pupil() };
        assert_eq!(validate_pupil(&foreign, today), vec![]);
    }

    #[test]
    fn missing_required_fields() {
        let p = validate_pupil(&PupilInput::default(), date(2025, 9, 5));
        assert_eq!(fields(&p), ["national_id", "full_name", "gender", "birth_date", "ethnicity"]);
        assert_eq!(p[0].message.vi(), "Thiếu mã định danh");
    }

    #[test]
    fn field_rules() {
        let today = date(2025, 9, 5);
        let check = |p: PupilInput| validate_pupil(&p, today);

        let p = check(PupilInput { national_id: "12345".into(), ..good_pupil() });
        assert_eq!(fields(&p), ["national_id"]);
        assert!(p[0].message.vi().starts_with("Mã định danh phải gồm đúng 12 chữ số"));

        let p = check(PupilInput { full_name: "Nguyễn Văn A1".into(), ..good_pupil() });
        assert_eq!(fields(&p), ["full_name"]);
        assert!(check(PupilInput { full_name: "H'Mai Lò-Thị Ánh".into(), ..good_pupil() }).is_empty());
        assert_eq!(fields(&check(PupilInput { full_name: "A".repeat(101), ..good_pupil() })), ["full_name"]);

        let p = check(PupilInput { birth_date: Some("2001-01-01".into()), ..good_pupil() });
        assert_eq!(fields(&p), ["birth_date"]);
        assert!(p[0].message.vi().contains("không hợp lí cho học sinh tiểu học"), "{}", p[0].message.vi());
        assert!(check(PupilInput { birth_date: Some("2020-12-31".into()), ..good_pupil() }).is_empty());
        assert_eq!(
            fields(&check(PupilInput { birth_date: Some("2021-01-01".into()), ..good_pupil() })),
            ["birth_date"]
        );
        assert!(check(PupilInput { birth_date: Some("2009-01-01".into()), ..good_pupil() }).is_empty());
        assert_eq!(
            fields(&check(PupilInput { birth_date: Some("14/03/2018".into()), ..good_pupil() })),
            ["birth_date"]
        );

        let p = check(PupilInput { ethnicity: "Elf".into(), ..good_pupil() });
        assert_eq!(p[0].message.vi(), "Dân tộc không có trong danh mục 54 dân tộc: \"Elf\"");

        let p = check(PupilInput { entry_date: Some("2018-01-01".into()), ..good_pupil() });
        assert_eq!(fields(&p), ["entry_date"]);
        assert!(check(PupilInput { entry_date: Some("2024-09-05".into()), ..good_pupil() }).is_empty());
        assert_eq!(
            fields(&check(PupilInput { entry_date: Some("2024-13-05".into()), ..good_pupil() })),
            ["entry_date"]
        );

        let p = check(PupilInput { disability: true, ..good_pupil() });
        assert_eq!(p, [FieldProblem::new("disability_plan", checks::DISABILITY_PLAN_MISSING)]);
        assert!(
            check(PupilInput { disability: true, disability_plan: Some("KH số 3".into()), ..good_pupil() }).is_empty()
        );

        assert_eq!(fields(&check(PupilInput { grade: Some(6), ..good_pupil() })), ["grade"]);
        assert_eq!(fields(&check(PupilInput { grade: Some(0), ..good_pupil() })), ["grade"]);
        assert!(check(PupilInput { grade: Some(3), ..good_pupil() }).is_empty());

        assert_eq!(fields(&check(PupilInput { address: Some("x".repeat(201)), ..good_pupil() })), ["address"]);
        assert!(check(PupilInput { address: Some("x".repeat(200)), ..good_pupil() }).is_empty());
    }

    fn vn_text() -> impl Strategy<Value = String> {
        const CHARS: &str = concat!(
            " \\taăâbcdđeêghiklmnoôơpqrstuưvxy",
            "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ",
            "ĐĂÂÊÔƠƯ'/.0-9-"
        );
        proptest::string::string_regex(&format!("[{CHARS}]{{0,24}}")).expect("valid regex")
    }

    fn opt_text() -> impl Strategy<Value = Option<String>> {
        proptest::option::of(prop_oneof![vn_text(), "\\PC{0,12}"])
    }

    fn any_pupil() -> impl Strategy<Value = PupilInput> {
        let names = (vn_text(), vn_text(), prop_oneof![vn_text(), Just("mông".to_string()), "\\PC{0,12}"]);
        let dates = (
            proptest::option::of(prop_oneof![vn_text(), Just("5/9/2019".to_string()), Just("2019-09-05".to_string())]),
            opt_text(),
        );
        let texts = (opt_text(), opt_text(), opt_text(), opt_text(), opt_text(), opt_text(), opt_text(), opt_text());
        let flags = (any::<bool>(), opt_text(), proptest::option::of(0u8..8), any::<bool>());
        (names, dates, texts, flags).prop_map(|((id, name, eth), (birth, entry), t, (dis, plan, grade, male))| {
            PupilInput {
                national_id: id,
                full_name: name,
                gender: Some(if male { Gender::Nam } else { Gender::Nu }),
                birth_date: birth,
                ethnicity: eth,
                nationality: t.0,
                birth_place: t.1,
                home_town: t.2,
                address: t.3,
                father_name: t.4,
                mother_name: t.5,
                guardian_name: t.6,
                registration_no: t.7,
                entry_date: entry,
                disability: dis,
                disability_plan: plan,
                class_id: None,
                grade,
            }
        })
    }

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    fn nfd_opt(s: &Option<String>) -> Option<String> {
        s.as_deref().map(nfd)
    }

    proptest! {
        #[test]
        fn normalise_is_idempotent(p in any_pupil()) {
            let once = normalise_pupil(p);
            prop_assert_eq!(normalise_pupil(once.clone()), once);
        }

        #[test]
        fn nfd_input_normalises_like_nfc(p in any_pupil()) {
            let p = PupilInput {
                full_name: p.full_name.nfc().collect(),
                ethnicity: p.ethnicity.nfc().collect(),
                address: p.address.map(|a| a.nfc().collect()),
                ..p
            };
            let decomposed = PupilInput {
                national_id: nfd(&p.national_id),
                full_name: nfd(&p.full_name),
                birth_date: nfd_opt(&p.birth_date),
                ethnicity: nfd(&p.ethnicity),
                nationality: nfd_opt(&p.nationality),
                birth_place: nfd_opt(&p.birth_place),
                home_town: nfd_opt(&p.home_town),
                address: nfd_opt(&p.address),
                father_name: nfd_opt(&p.father_name),
                mother_name: nfd_opt(&p.mother_name),
                guardian_name: nfd_opt(&p.guardian_name),
                registration_no: nfd_opt(&p.registration_no),
                entry_date: nfd_opt(&p.entry_date),
                disability_plan: nfd_opt(&p.disability_plan),
                ..p.clone()
            };
            prop_assert_eq!(normalise_pupil(decomposed), normalise_pupil(p));
        }

        #[test]
        fn national_ids_with_a_province_prefix_are_valid(province in 1u32..=96, rest in "[0-9]{9}") {
            let id = format!("{province:03}{rest}");
            prop_assert!(valid_national_id(&id));
        }

        #[test]
        fn national_ids_of_other_lengths_are_invalid(digits in "[0-9]{0,30}") {
            prop_assume!(digits.len() != 12);
            prop_assert!(!valid_national_id(&digits));
        }

        #[test]
        fn national_ids_with_a_bad_province_are_invalid(
            province in prop_oneof![Just(0u32), 97u32..=999],
            rest in "[0-9]{9}",
        ) {
            let id = format!("{province:03}{rest}");
            prop_assert!(!valid_national_id(&id));
        }

        #[test]
        fn vn_dates_round_trip(days in 0i64..80_000) {
            let d = date(1900, 3, 1) + chrono::TimeDelta::days(days);
            prop_assert_eq!(parse_date(&format_date_vn(d)), Some(d));
            prop_assert_eq!(parse_date(&format_date_iso(d)), Some(d));
        }
    }
}
