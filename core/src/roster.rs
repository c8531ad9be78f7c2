//! The spreadsheet layouts of the school's lists (pupils, staff, teaching assignments): one
//! naming of the columns shared by the export, the import, the CLI and the UI, and the rules
//! that turn one row of cells into a checked record. Rows and columns are file indices
//! (0-based); [`crate::sheet::column_letter`] names them for the user.

use crate::api::admin::PupilInput;
use crate::api::Role;
use crate::catalogue;
use crate::lang::Bilingual;
use crate::messages::checks;
use crate::people::{self, match_key};
use crate::sheet::Cell;
use crate::text::{clean, clean_line};
use chrono::NaiveDate;

/// One column of a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Stable name; for pupils the serde name of the [`PupilInput`] field.
    pub key: &'static str,
    /// The Vietnamese header written on export.
    pub header: &'static str,
    /// The import refuses a file without this column.
    pub required: bool,
    /// Other headers accepted on import.
    pub aliases: &'static [&'static str],
}

/// Key of the "STT" column: written on export, ignored on import.
pub const ROW_NUMBER: &str = "no";

const fn col(key: &'static str, header: &'static str, required: bool, aliases: &'static [&'static str]) -> Column {
    Column { key, header, required, aliases }
}

const STT: Column = col(ROW_NUMBER, "STT", false, &["TT", "Số TT", "Số thứ tự"]);

/// The pupil list of a class (danh sách học sinh).
pub const ROSTER_COLUMNS: &[Column] = &[
    STT,
    // The class, for a whole-school list (the national database's export has it); a class's own
    // list may leave it out.
    col("class", "Lớp", false, &["Tên lớp", "Lớp học"]),
    col(
        "national_id",
        "Mã định danh",
        true,
        &[
            "Mã định danh cá nhân",
            "Mã ĐDCN",
            "Số định danh cá nhân",
            "Số định danh",
            "Mã số định danh",
            "Mã định danh học sinh",
        ],
    ),
    col("full_name", "Họ và tên", true, &["Họ tên", "Họ và tên học sinh", "Họ tên học sinh", "Tên học sinh"]),
    col("gender", "Giới tính", true, &["Giới", "Nam/Nữ", "Phái"]),
    col("birth_date", "Ngày sinh", true, &["Ngày tháng năm sinh", "Sinh ngày"]),
    col("ethnicity", "Dân tộc", true, &[]),
    col("nationality", "Quốc tịch", false, &[]),
    col("birth_place", "Nơi sinh", false, &[]),
    col("home_town", "Quê quán", false, &["Nguyên quán"]),
    col(
        "address",
        "Nơi ở hiện nay",
        false,
        &["Nơi ở", "Địa chỉ", "Chỗ ở hiện nay", "Nơi cư trú", "Nơi thường trú", "Địa chỉ thường trú"],
    ),
    col("father_name", "Họ tên cha", false, &["Họ và tên cha", "Tên cha", "Cha", "Họ tên bố", "Họ và tên bố", "Bố"]),
    col("mother_name", "Họ tên mẹ", false, &["Họ và tên mẹ", "Tên mẹ", "Mẹ"]),
    col("guardian_name", "Người giám hộ", false, &["Họ tên người giám hộ", "Họ và tên người giám hộ", "Giám hộ"]),
    col("registration_no", "Số đăng bộ", false, &["SĐB", "Số ĐB"]),
    col("entry_date", "Ngày vào trường", false, &["Ngày nhập học", "Ngày chuyển đến"]),
    col("disability", "Khuyết tật", false, &["Học sinh khuyết tật", "HSKT"]),
    col("disability_plan", "Kế hoạch giáo dục cá nhân", false, &["Kế hoạch GDCN", "KHGDCN"]),
    col("grade", "Khối", false, &["Khối lớp"]),
];

/// The staff list (tài khoản cán bộ, giáo viên).
pub const STAFF_COLUMNS: &[Column] = &[
    STT,
    col("username", "Tên đăng nhập", true, &["Tài khoản", "Tên tài khoản"]),
    col("full_name", "Họ và tên", true, &["Họ tên"]),
    col("roles", "Vai trò", true, &["Chức vụ"]),
    col("phone", "Điện thoại", false, &["Số điện thoại", "SĐT", "Di động"]),
    col("active", "Trạng thái", false, &[]),
];

/// Teaching assignments: who teaches which subject in which class, and the homeroom teacher.
pub const ASSIGNMENT_COLUMNS: &[Column] = &[
    STT,
    col("class", "Lớp", true, &["Tên lớp"]),
    col("subject", "Môn học", true, &["Môn", "Môn học/hoạt động", "Môn học / Hoạt động giáo dục"]),
    col("username", "Tên đăng nhập giáo viên", true, &["Tên đăng nhập", "Tài khoản giáo viên"]),
    col("teacher_name", "Họ tên giáo viên", false, &["Giáo viên", "Họ và tên giáo viên"]),
];

/// The headers of a layout, for an export.
pub fn header_row(columns: &[Column]) -> Vec<&'static str> {
    columns.iter().map(|c| c.header).collect()
}

/// Position of a key in a layout.
pub fn column_index(columns: &[Column], key: &str) -> Option<usize> {
    columns.iter().position(|c| c.key == key)
}

/// The comparison key of a header: as [`match_key`], after dropping a parenthesised note
/// ("Ngày sinh (ngày/tháng/năm)" reads as "Ngày sinh").
fn header_key(header: &str) -> String {
    let before_note = header.split('(').next().filter(|s| !s.trim().is_empty()).unwrap_or(header);
    match_key(before_note)
}

fn cell_header(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Text(t) => Some(header_key(t)).filter(|k| !k.is_empty()),
        _ => None,
    }
}

/// For each column of the layout, the index of the file column holding it, matching headers
/// case-, space-, punctuation- and diacritic-insensitively against the header and its aliases.
/// Extra columns are ignored. The error lists, in Vietnamese, missing required columns and
/// columns found twice (a repeated "STT" is tolerated: it is ignored anyway).
pub fn map_headers(headers: &[Cell], columns: &[Column]) -> Result<Vec<Option<usize>>, Vec<Bilingual>> {
    let keys: Vec<Option<String>> = headers.iter().map(cell_header).collect();
    let mut map = Vec::with_capacity(columns.len());
    let mut problems = Vec::new();
    for column in columns {
        let accepted: Vec<String> =
            std::iter::once(column.header).chain(column.aliases.iter().copied()).map(header_key).collect();
        let found: Vec<usize> = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.as_ref().is_some_and(|k| accepted.contains(k)))
            .map(|(i, _)| i)
            .collect();
        if found.len() > 1 && column.key != ROW_NUMBER {
            let letters: Vec<String> = found.iter().map(|i| crate::sheet::column_letter(*i)).collect();
            problems.push(checks::column_repeated(column.header, &letters.join(", ")));
        }
        if found.is_empty() && column.required {
            problems.push(checks::column_missing(column.header));
        }
        map.push(found.first().copied());
    }
    if problems.is_empty() {
        Ok(map)
    } else {
        Err(problems)
    }
}

/// One problem in one row; `column` is the index of the file column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub column: usize,
    pub message: Bilingual,
}

/// Reads a row through a header map made by [`map_headers`] with the same layout.
struct RowReader<'a> {
    row: &'a [Cell],
    map: &'a [Option<usize>],
    columns: &'static [Column],
    /// File column problems fall back to when their own column is absent.
    fallback: usize,
    problems: Vec<(&'static str, RowProblem)>,
}

const EMPTY: Cell = Cell::Empty;

impl<'a> RowReader<'a> {
    fn new(row: &'a [Cell], map: &'a [Option<usize>], columns: &'static [Column], key_column: &str) -> Self {
        let mut reader = RowReader { row, map, columns, fallback: 0, problems: Vec::new() };
        reader.fallback = reader.file_column(key_column).unwrap_or(0);
        reader
    }

    fn file_column(&self, key: &str) -> Option<usize> {
        column_index(self.columns, key).and_then(|i| self.map.get(i).copied().flatten())
    }

    fn column_for(&self, key: &str) -> usize {
        self.file_column(key).unwrap_or(self.fallback)
    }

    fn cell(&self, key: &str) -> &'a Cell {
        self.file_column(key).and_then(|i| self.row.get(i)).unwrap_or(&EMPTY)
    }

    fn header(&self, key: &'static str) -> &'static str {
        self.columns.iter().find(|c| c.key == key).map_or(key, |c| c.header)
    }

    fn problem(&mut self, key: &'static str, message: impl Into<Bilingual>) {
        let column = self.column_for(key);
        self.problems.push((key, RowProblem { column, message: message.into() }));
    }

    fn has_problem(&self, key: &str) -> bool {
        self.problems.iter().any(|(k, _)| *k == key)
    }

    /// The cell as text (see [`cell_text`]).
    fn text(&self, key: &str) -> Option<String> {
        cell_text(self.cell(key))
    }

    /// Text of a required column; a missing value is reported as "Thiếu {header}".
    fn required_text(&mut self, key: &'static str) -> String {
        match self.text(key) {
            Some(t) => t,
            None => {
                let message = checks::cell_missing(self.header(key));
                self.problem(key, message);
                String::new()
            }
        }
    }

    /// A date column as ISO `YYYY-MM-DD`; an unreadable date is reported.
    fn date(&mut self, key: &'static str) -> Option<String> {
        match people::date_from_cell(self.cell(key)) {
            Ok(d) => d.map(people::format_date_iso),
            Err(message) => {
                self.problem(key, message);
                None
            }
        }
    }

    fn into_problems(self) -> Vec<RowProblem> {
        self.problems.into_iter().map(|(_, p)| p).collect()
    }
}

/// A cell as text: cleaned (NFC, trimmed); a whole number without ".0"; a date as dd/mm/yyyy;
/// empty → `None`.
pub fn cell_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Empty => None,
        Cell::Text(t) => Some(clean_line(t)).filter(|t| !t.is_empty()),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
        Cell::Number(n) => Some(n.to_string()),
        Cell::Date(d) => Some(people::format_date_vn(*d)),
        Cell::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_owned()),
    }
}

/// True when a text looks like a number Excel showed in scientific notation ("1.23457E+11").
fn is_scientific(t: &str) -> bool {
    let t = t.trim();
    t.contains(['e', 'E']) && t.parse::<f64>().is_ok()
}

/// The mã định danh of a cell: a number cell (Excel dropped the leading zeros) is written back
/// with 12 digits.
fn national_id_text(cell: &Cell) -> Result<Option<String>, Bilingual> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && (0.0..1e12).contains(n) => Ok(Some(format!("{:012}", *n as u64))),
        Cell::Text(t) if is_scientific(t) => Err(checks::national_id_scientific(t.trim())),
        other => Ok(cell_text(other)),
    }
}

/// "x", "có", "1", TRUE → yes; empty, "không", "0", FALSE → no.
pub fn parse_flag(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Empty => Some(false),
        Cell::Bool(b) => Some(*b),
        Cell::Number(n) if *n == 1.0 => Some(true),
        Cell::Number(n) if *n == 0.0 => Some(false),
        Cell::Number(_) | Cell::Date(_) => None,
        Cell::Text(t) if t.trim().is_empty() => Some(false),
        Cell::Text(t) => match match_key(t).as_str() {
            "x" | "co" | "1" | "true" | "yes" | "v" => Some(true),
            "khong" | "0" | "false" | "no" => Some(false),
            _ => None,
        },
    }
}

/// A grade written as 3, "3", "Khối 3" or "Lớp 3".
fn parse_grade(cell: &Cell) -> Result<Option<u8>, ()> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.fract() == 0.0 && (0.0..=255.0).contains(n) => Ok(Some(*n as u8)),
        Cell::Text(t) => {
            let key = match_key(t);
            if key.is_empty() {
                return Ok(None);
            }
            let digits = key.strip_prefix("khoi").or_else(|| key.strip_prefix("lop")).unwrap_or(&key);
            digits.parse::<u8>().map(Some).map_err(|_| ())
        }
        _ => Err(()),
    }
}

/// One row of the pupil list (layout [`ROSTER_COLUMNS`], `map` from [`map_headers`]) as a
/// normalised and validated [`PupilInput`]; `today` decides the plausible ages. Every problem
/// points at the file column it concerns (at the mã định danh column when its own column is
/// absent from the file). `class_id` is left empty.
pub fn pupil_from_row(row: &[Cell], map: &[Option<usize>], today: NaiveDate) -> Result<PupilInput, Vec<RowProblem>> {
    let mut r = RowReader::new(row, map, ROSTER_COLUMNS, "national_id");

    let national_id = match national_id_text(r.cell("national_id")) {
        Ok(Some(id)) => id,
        Ok(None) => r.required_text("national_id"),
        Err(message) => {
            r.problem("national_id", message);
            String::new()
        }
    };
    let full_name = r.required_text("full_name");
    let gender = match r.text("gender") {
        None => {
            r.required_text("gender");
            None
        }
        Some(g) => {
            let parsed = people::parse_gender(&g);
            if parsed.is_none() {
                r.problem("gender", checks::gender_invalid(&g));
            }
            parsed
        }
    };
    let birth_date = r.date("birth_date");
    if birth_date.is_none() && !r.has_problem("birth_date") {
        r.required_text("birth_date");
    }
    let entry_date = r.date("entry_date");
    let ethnicity = r.required_text("ethnicity");

    let disability = match parse_flag(r.cell("disability")) {
        Some(b) => b,
        None => {
            r.problem("disability", checks::DISABILITY_FLAG_INVALID);
            false
        }
    };
    let grade = match parse_grade(r.cell("grade")) {
        Ok(g) => g,
        Err(()) => {
            r.problem("grade", checks::GRADE_NOT_A_NUMBER);
            None
        }
    };

    let input = people::normalise_pupil(PupilInput {
        national_id,
        full_name,
        gender,
        birth_date,
        ethnicity,
        nationality: r.text("nationality"),
        birth_place: r.text("birth_place"),
        home_town: r.text("home_town"),
        address: r.text("address"),
        father_name: r.text("father_name"),
        mother_name: r.text("mother_name"),
        guardian_name: r.text("guardian_name"),
        registration_no: r.text("registration_no"),
        entry_date,
        disability,
        disability_plan: r.text("disability_plan"),
        class_id: None,
        grade,
    });

    for p in people::validate_pupil(&input, today) {
        if !r.has_problem(p.field) {
            r.problem(p.field, p.message);
        }
    }
    if r.problems.is_empty() {
        Ok(input)
    } else {
        Err(r.into_problems())
    }
}

/// The class named in a row of the pupil list, if the file has that column and the cell is filled.
pub fn class_from_row(row: &[Cell], map: &[Option<usize>]) -> Option<String> {
    let index = column_index(ROSTER_COLUMNS, "class")?;
    let file_column = map.get(index).copied().flatten()?;
    row.get(file_column).and_then(cell_text)
}

/// One row of the pupil list for an export, in the order of [`ROSTER_COLUMNS`]; `no` is the
/// STT. Dates are written dd/mm/yyyy, the disability flag as "x".
pub fn pupil_row(no: usize, class_name: &str, p: &PupilInput) -> Vec<Cell> {
    let text = |s: &str| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_owned()) };
    let opt = |s: &Option<String>| s.as_deref().map_or(Cell::Empty, text);
    let date = |s: &Option<String>| match s.as_deref().and_then(people::parse_iso_date) {
        Some(d) => Cell::Text(people::format_date_vn(d)),
        None => opt(s),
    };
    ROSTER_COLUMNS
        .iter()
        .map(|c| match c.key {
            ROW_NUMBER => Cell::Number(no as f64),
            "class" => text(class_name),
            "national_id" => text(&p.national_id),
            "full_name" => text(&p.full_name),
            "gender" => p.gender.map_or(Cell::Empty, |g| text(people::gender_name(g))),
            "birth_date" => date(&p.birth_date),
            "ethnicity" => text(&p.ethnicity),
            "nationality" => opt(&p.nationality),
            "birth_place" => opt(&p.birth_place),
            "home_town" => opt(&p.home_town),
            "address" => opt(&p.address),
            "father_name" => opt(&p.father_name),
            "mother_name" => opt(&p.mother_name),
            "guardian_name" => opt(&p.guardian_name),
            "registration_no" => opt(&p.registration_no),
            "entry_date" => date(&p.entry_date),
            "disability" => text(if p.disability { "x" } else { "" }),
            "disability_plan" => opt(&p.disability_plan),
            "grade" => p.grade.map_or(Cell::Empty, |g| Cell::Number(f64::from(g))),
            _ => Cell::Empty,
        })
        .collect()
}

/// Vietnamese name of a role.
pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::Admin => "Quản trị",
        Role::Principal => "Hiệu trưởng",
        Role::Teacher => "Giáo viên",
        Role::Parent => "Phụ huynh",
    }
}

/// Roles of a staff member written "Giáo viên, Hiệu trưởng" (comma, semicolon, slash or line
/// separated; the Vietnamese labels or the codes admin/principal/teacher). Only the three
/// staff roles are accepted; the result is in the order admin, principal, teacher.
pub fn parse_roles(s: &str) -> Result<Vec<Role>, Bilingual> {
    let mut roles = Vec::new();
    for part in s.split([',', ';', '/', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let role = match match_key(part).as_str() {
            "quantri" | "quantrivien" | "admin" => Role::Admin,
            "hieutruong" | "principal" => Role::Principal,
            "giaovien" | "gv" | "teacher" => Role::Teacher,
            _ => return Err(checks::role_invalid(&clean(part))),
        };
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    if roles.is_empty() {
        return Err(checks::ROLES_MISSING);
    }
    roles.sort_by_key(|r| [Role::Admin, Role::Principal, Role::Teacher].iter().position(|x| x == r));
    Ok(roles)
}

/// Export label of an account's state.
pub fn active_label(active: bool) -> &'static str {
    if active {
        "Đang làm việc"
    } else {
        "Đã nghỉ"
    }
}

/// "Đang làm việc" → true, "Đã nghỉ" → false.
pub fn parse_active(s: &str) -> Option<bool> {
    match match_key(s).as_str() {
        "danglamviec" | "danglam" | "hoatdong" => Some(true),
        "danghi" | "nghi" | "nghiviec" | "khoa" => Some(false),
        _ => None,
    }
}

/// Lowercase ASCII letters, digits, dot, underscore, hyphen; 3–40 characters.
pub fn valid_username(s: &str) -> bool {
    (3..=40).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'))
}

/// The login name a person typed, as it is stored and looked up: trimmed and lower case; a
/// Vietnamese mobile number in any usual writing ("0912 345 678", "+84 912.345.678") becomes its
/// ten digits, so a parent who chose their phone number as login name signs in however they type it.
pub fn login_name(typed: &str) -> String {
    let trimmed = typed.trim();
    match phone_login(trimmed) {
        Some(phone) => phone,
        None => trimmed.to_lowercase(),
    }
}

/// The ten digits of a login name written as a mobile number, if it is one.
pub fn phone_login(typed: &str) -> Option<String> {
    let looks_like_phone = typed.trim().chars().all(|c| c.is_ascii_digit() || " .-+".contains(c));
    if !looks_like_phone {
        return None;
    }
    parse_phone(&Cell::Text(typed.trim().to_string())).ok().flatten()
}

/// A username as typed, lowercased; the problem message when it is not valid.
fn read_username(r: &mut RowReader, key: &'static str) -> String {
    let raw = r.required_text(key);
    let username = raw.to_ascii_lowercase();
    if !raw.is_empty() && !valid_username(&username) {
        r.problem(key, checks::username_invalid(&raw));
    }
    username
}

/// A mobile number: 10 digits starting with 0; spaces, dots and hyphens are dropped, "+84"
/// becomes "0", and a 9-digit number cell (Excel dropped the 0) gets its 0 back.
pub fn parse_phone(cell: &Cell) -> Result<Option<String>, Bilingual> {
    let text = match cell {
        Cell::Number(n) if n.fract() == 0.0 && (1e8..1e9).contains(n) => format!("0{}", *n as u64),
        other => match cell_text(other) {
            Some(t) => t,
            None => return Ok(None),
        },
    };
    let compact: String = text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-')).collect();
    let local = match compact.strip_prefix("+84") {
        Some(rest) => format!("0{rest}"),
        None => compact,
    };
    if local.len() == 10 && local.starts_with('0') && local.bytes().all(|b| b.is_ascii_digit()) {
        Ok(Some(local))
    } else {
        Err(checks::phone_invalid(&text))
    }
}

/// One row of the staff list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    pub username: String,
    pub full_name: String,
    pub roles: Vec<Role>,
    pub phone: Option<String>,
}

/// One row of the staff list (layout [`STAFF_COLUMNS`]). The "Trạng thái" column is ignored.
pub fn staff_from_row(row: &[Cell], map: &[Option<usize>]) -> Result<StaffRow, Vec<RowProblem>> {
    let mut r = RowReader::new(row, map, STAFF_COLUMNS, "username");
    let username = read_username(&mut r, "username");
    let full_name = people::collapse_spaces(&r.required_text("full_name"));
    if let Some(message) = people::name_problem(&full_name, &checks::FULL_NAME) {
        r.problem("full_name", message);
    }
    let roles = match r.text("roles") {
        None => {
            r.required_text("roles");
            Vec::new()
        }
        Some(t) => parse_roles(&t).unwrap_or_else(|message| {
            r.problem("roles", message);
            Vec::new()
        }),
    };
    let phone = parse_phone(r.cell("phone")).unwrap_or_else(|message| {
        r.problem("phone", message);
        None
    });
    if r.problems.is_empty() {
        Ok(StaffRow { username, full_name, roles, phone })
    } else {
        Err(r.into_problems())
    }
}

/// What an assignment row gives a teacher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignmentSubject {
    /// Giáo viên chủ nhiệm.
    Homeroom,
    /// A subject by its catalogue code.
    Subject(&'static str),
}

/// One row of the assignments list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentRow {
    pub class_name: String,
    pub subject: AssignmentSubject,
    pub username: String,
}

/// Words in the subject column that mean the homeroom teacher.
const HOMEROOM_WORDS: &[&str] = &["GVCN", "Chủ nhiệm", "Giáo viên chủ nhiệm", "CN"];

/// Other names of subjects in use, as (name, code).
const SUBJECT_ALIASES: &[(&str, &str)] = &[
    ("Tiếng Anh", "ngoai_ngu_1"),
    ("Ngoại ngữ", "ngoai_ngu_1"),
    ("Tự nhiên - Xã hội", "tu_nhien_xa_hoi"),
    ("TNXH", "tu_nhien_xa_hoi"),
    ("Lịch sử và Địa lý", "lich_su_dia_li"),
    ("Lịch sử - Địa lí", "lich_su_dia_li"),
    ("Tin học", "tin_hoc"),
    ("Công nghệ", "cong_nghe"),
    ("Thể dục", "giao_duc_the_chat"),
    ("GDTC", "giao_duc_the_chat"),
    ("Âm nhạc", "am_nhac"),
    ("Mĩ thuật", "mi_thuat"),
    ("Mỹ thuật", "mi_thuat"),
    ("Nghệ thuật (Mỹ thuật)", "mi_thuat"),
    ("HĐTN", "hoat_dong_trai_nghiem"),
    ("Tiếng dân tộc", "tieng_dan_toc"),
];

/// Every subject of the catalogue, any grade, each once.
fn all_subjects() -> Vec<catalogue::SubjectSpec> {
    let mut out: Vec<catalogue::SubjectSpec> = Vec::new();
    for grade in catalogue::GRADES {
        for s in catalogue::subjects_for_grade(grade) {
            if !out.iter().any(|o| o.code == s.code) {
                out.push(s);
            }
        }
    }
    out
}

/// A subject named by its Vietnamese name (diacritic-insensitive, with common other names such
/// as "Tiếng Anh", "Mỹ thuật") or its code, among the subjects of every grade; or the homeroom
/// teacher ("GVCN", "Chủ nhiệm").
pub fn resolve_subject(s: &str) -> Result<AssignmentSubject, Bilingual> {
    let key = match_key(s);
    if key.is_empty() {
        return Err(checks::cell_missing("Môn học"));
    }
    if HOMEROOM_WORDS.iter().any(|w| match_key(w) == key) {
        return Ok(AssignmentSubject::Homeroom);
    }
    let subjects = all_subjects();
    let found = subjects
        .iter()
        .find(|spec| match_key(spec.code) == key || match_key(spec.name) == key)
        .map(|spec| spec.code)
        .or_else(|| {
            SUBJECT_ALIASES
                .iter()
                .find(|(alias, _)| match_key(alias) == key)
                .and_then(|(_, code)| subjects.iter().find(|spec| spec.code == *code).map(|spec| spec.code))
        });
    match found {
        Some(code) => Ok(AssignmentSubject::Subject(code)),
        None if key == "tinhocvacongnghe" => Err(checks::SUBJECT_IT_AND_TECHNOLOGY),
        None if key == "nghethuat" => Err(checks::SUBJECT_ARTS),
        None => Err(checks::subject_unknown(&clean(s))),
    }
}

/// One row of the assignments list (layout [`ASSIGNMENT_COLUMNS`]). "Họ tên giáo viên" is
/// ignored (export only).
pub fn assignment_from_row(row: &[Cell], map: &[Option<usize>]) -> Result<AssignmentRow, Vec<RowProblem>> {
    let mut r = RowReader::new(row, map, ASSIGNMENT_COLUMNS, "class");
    let class_name = people::collapse_spaces(&r.required_text("class"));
    let subject = match r.text("subject") {
        None => {
            r.required_text("subject");
            None
        }
        Some(t) => resolve_subject(&t).map_err(|message| r.problem("subject", message)).ok(),
    };
    let username = read_username(&mut r, "username");
    match subject {
        Some(subject) if r.problems.is_empty() => Ok(AssignmentRow { class_name, subject, username }),
        _ => Err(r.into_problems()),
    }
}

/// Most pupils a primary class may have (Điều lệ trường tiểu học: no more than 35 per class).
pub const MAX_CLASS_SIZE: usize = 35;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_number_is_a_login_name_however_it_is_written() {
        for typed in ["0912345678", " 0912 345 678 ", "0912.345.678", "+84912345678", "+84 912-345-678"] {
            assert_eq!(login_name(typed), "0912345678", "{typed:?}");
        }
        assert_eq!(login_name(" GVCN5A "), "gvcn5a");
        assert_eq!(login_name("me.mai"), "me.mai");
        assert_eq!(phone_login("gv.0912345678"), None, "a name with letters is a name");
        assert_eq!(phone_login("12345"), None, "too short for a phone: a name");
        assert!(valid_username(&login_name("+84 912 345 678")));
    }
    use crate::api::admin::Gender;
    use crate::people::FOREIGN;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 9, 5).expect("valid date")
    }

    fn roster_headers() -> Vec<Cell> {
        header_row(ROSTER_COLUMNS).into_iter().map(t).collect()
    }

    fn roster_map() -> Vec<Option<usize>> {
        map_headers(&roster_headers(), ROSTER_COLUMNS).expect("own headers map")
    }

    /// A row in the order of ROSTER_COLUMNS from (key, cell) pairs.
    fn roster_row(cells: &[(&str, Cell)]) -> Vec<Cell> {
        let by_key: BTreeMap<&str, &Cell> = cells.iter().map(|(k, c)| (*k, c)).collect();
        ROSTER_COLUMNS.iter().map(|c| by_key.get(c.key).map_or(Cell::Empty, |c| (*c).clone())).collect()
    }

    fn good_row() -> Vec<(&'static str, Cell)> {
        vec![
            ("no", Cell::Number(1.0)),
            ("national_id", t("001219012345")),
            ("full_name", t(" Nguyễn  Thị Hương ")),
            ("gender", t("Nữ")),
            ("birth_date", t("14/03/2018")),
            ("ethnicity", t("Kinh")),
        ]
    }

    fn with(mut cells: Vec<(&'static str, Cell)>, key: &'static str, cell: Cell) -> Vec<(&'static str, Cell)> {
        cells.retain(|(k, _)| *k != key);
        cells.push((key, cell));
        cells
    }

    fn problems_of(cells: &[(&str, Cell)]) -> Vec<RowProblem> {
        pupil_from_row(&roster_row(cells), &roster_map(), today()).expect_err("row has problems")
    }

    fn col_of(key: &str) -> usize {
        column_index(ROSTER_COLUMNS, key).expect("known key")
    }

    #[test]
    fn layouts_have_unique_keys_and_headers() {
        for columns in [ROSTER_COLUMNS, STAFF_COLUMNS, ASSIGNMENT_COLUMNS] {
            let mut seen: BTreeMap<String, &str> = BTreeMap::new();
            for c in columns {
                for h in std::iter::once(&c.header).chain(c.aliases) {
                    if let Some(other) = seen.insert(header_key(h), c.key) {
                        panic!("header {h} of {} also names {other}", c.key);
                    }
                }
            }
            let keys: std::collections::BTreeSet<_> = columns.iter().map(|c| c.key).collect();
            assert_eq!(keys.len(), columns.len());
        }
        assert_eq!(header_row(ROSTER_COLUMNS)[..4], ["STT", "Lớp", "Mã định danh", "Họ và tên"]);
        assert_eq!(ROSTER_COLUMNS.len(), 19);
        assert_eq!(
            header_row(STAFF_COLUMNS),
            ["STT", "Tên đăng nhập", "Họ và tên", "Vai trò", "Điện thoại", "Trạng thái"]
        );
        assert_eq!(
            header_row(ASSIGNMENT_COLUMNS),
            ["STT", "Lớp", "Môn học", "Tên đăng nhập giáo viên", "Họ tên giáo viên"]
        );
    }

    #[test]
    fn roster_keys_are_pupil_fields() {
        let json = serde_json::to_value(PupilInput::default()).expect("serialises");
        // The class column is read by the importer (`class_from_row`), not into the pupil.
        for c in ROSTER_COLUMNS.iter().filter(|c| c.key != ROW_NUMBER && c.key != "class") {
            assert!(json.get(c.key).is_some(), "{} is a field of PupilInput", c.key);
        }
    }

    #[test]
    fn headers_match_loosely_and_in_any_order() {
        let headers = vec![
            t("HỌ TÊN"),
            t("Ghi chú"),
            t("Mã ĐDCN"),
            Cell::Empty,
            t("ngay thang nam sinh"),
            t("Giới"),
            t("Dân tộc (theo giấy khai sinh)"),
            t("Địa chỉ"),
            t("Dan toc\n"),
        ];
        let err = map_headers(&headers, ROSTER_COLUMNS).expect_err("dân tộc twice");
        assert_eq!(err.iter().map(Bilingual::vi).collect::<Vec<_>>(), ["Cột \"Dân tộc\" có nhiều lần (các cột G, I)"]);
        let map = map_headers(&headers[..8], ROSTER_COLUMNS).expect("maps");
        assert_eq!(map[col_of("full_name")], Some(0));
        assert_eq!(map[col_of("national_id")], Some(2));
        assert_eq!(map[col_of("birth_date")], Some(4));
        assert_eq!(map[col_of("gender")], Some(5));
        assert_eq!(map[col_of("ethnicity")], Some(6));
        assert_eq!(map[col_of("address")], Some(7));
        assert_eq!(map[col_of("no")], None);
        assert_eq!(map[col_of("home_town")], None);
    }

    #[test]
    fn missing_required_columns() {
        let err = map_headers(&[t("STT"), t("Họ và tên"), t("STT")], ROSTER_COLUMNS).expect_err("incomplete");
        assert_eq!(
            err.iter().map(Bilingual::vi).collect::<Vec<_>>(),
            [
                "Thiếu cột bắt buộc \"Mã định danh\"",
                "Thiếu cột bắt buộc \"Giới tính\"",
                "Thiếu cột bắt buộc \"Ngày sinh\"",
                "Thiếu cột bắt buộc \"Dân tộc\"",
            ]
        );
    }

    #[test]
    fn a_good_row() {
        let p = pupil_from_row(&roster_row(&good_row()), &roster_map(), today()).expect("valid row");
        assert_eq!(p.national_id, "001219012345");
        assert_eq!(p.full_name, "Nguyễn Thị Hương");
        assert_eq!(p.gender, Some(Gender::Nu));
        assert_eq!(p.birth_date.as_deref(), Some("2018-03-14"));
        assert_eq!(p.ethnicity, "Kinh");
        assert_eq!(p.nationality.as_deref(), Some("Việt Nam"));
        assert!(!p.disability);
        assert_eq!(p.grade, None);
    }

    #[test]
    fn excel_numbers_and_dates() {
        let cells = with(good_row(), "national_id", Cell::Number(1_219_012_345.0));
        let cells = with(cells, "birth_date", Cell::Number(43173.0));
        let cells = with(cells, "entry_date", Cell::Date(NaiveDate::from_ymd_opt(2024, 9, 5).expect("date")));
        let cells = with(cells, "registration_no", Cell::Number(12.0));
        let cells = with(cells, "grade", Cell::Number(2.0));
        let cells = with(cells, "ethnicity", t("mông"));
        let cells = with(cells, "gender", t("M"));
        let p = pupil_from_row(&roster_row(&cells), &roster_map(), today()).expect("valid row");
        assert_eq!(p.national_id, "001219012345");
        assert_eq!(p.birth_date.as_deref(), Some("2018-03-14"));
        assert_eq!(p.entry_date.as_deref(), Some("2024-09-05"));
        assert_eq!(p.registration_no.as_deref(), Some("12"));
        assert_eq!(p.grade, Some(2));
        assert_eq!(p.ethnicity, "H'Mông");
        assert_eq!(p.gender, Some(Gender::Nam));
    }

    #[test]
    fn scientific_ids_are_refused() {
        let p = problems_of(&with(good_row(), "national_id", t("1.21901E+09")));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].column, col_of("national_id"));
        assert!(p[0].message.vi().contains("số mũ"));
    }

    #[test]
    fn missing_values_name_the_header() {
        let cells: Vec<(&str, Cell)> = vec![("no", Cell::Number(1.0))];
        let p = problems_of(&cells);
        let messages: Vec<(usize, &str)> = p.iter().map(|p| (p.column, p.message.vi())).collect();
        assert_eq!(
            messages,
            [
                (col_of("national_id"), "Thiếu Mã định danh"),
                (col_of("full_name"), "Thiếu Họ và tên"),
                (col_of("gender"), "Thiếu Giới tính"),
                (col_of("birth_date"), "Thiếu Ngày sinh"),
                (col_of("ethnicity"), "Thiếu Dân tộc"),
            ]
        );
    }

    #[test]
    fn bad_values_point_at_their_columns() {
        let p = problems_of(&with(good_row(), "birth_date", t("31/02/2015")));
        assert_eq!(p, [RowProblem { column: col_of("birth_date"), message: checks::date_invalid("31/02/2015") }]);
        let p = problems_of(&with(good_row(), "gender", t("Khác")));
        assert_eq!(p[0].column, col_of("gender"));
        assert!(p[0].message.vi().starts_with("Giới tính không hợp lệ"));
        let p = problems_of(&with(good_row(), "ethnicity", t("Elf")));
        assert_eq!(p[0].column, col_of("ethnicity"));
        let p = problems_of(&with(good_row(), "disability", t("có")));
        assert_eq!(p, [RowProblem { column: col_of("disability_plan"), message: checks::DISABILITY_PLAN_MISSING }]);
        let p = problems_of(&with(good_row(), "disability", t("hơi")));
        assert_eq!(p[0].column, col_of("disability"));
        let p = problems_of(&with(good_row(), "grade", t("Khối 7")));
        assert_eq!(p[0].column, col_of("grade"));
        let p = problems_of(&with(good_row(), "grade", t("bốn")));
        assert_eq!(p[0].column, col_of("grade"));
        let p = problems_of(&with(good_row(), "birth_date", t("01/01/2000")));
        assert_eq!(p[0].column, col_of("birth_date"));
        assert!(p[0].message.vi().contains("không hợp lí"));
    }

    #[test]
    fn problems_of_absent_columns_go_to_the_id_column() {
        // The file has no "Kế hoạch giáo dục cá nhân" column.
        let headers = vec![t("Mã định danh"), t("Họ và tên"), t("Giới tính"), t("Ngày sinh"), t("Dân tộc"), t("HSKT")];
        let map = map_headers(&headers, ROSTER_COLUMNS).expect("maps");
        let row = vec![t("001219012345"), t("Lò Văn Páo"), t("Nam"), t("1/6/2017"), t("Thái"), t("x")];
        let p = pupil_from_row(&row, &map, today()).expect_err("plan missing");
        assert_eq!(p, [RowProblem { column: 0, message: checks::DISABILITY_PLAN_MISSING }]);
        // A short row reads as empty cells.
        let p = pupil_from_row(&row[..2], &map, today()).expect_err("short row");
        assert_eq!(p.len(), 3);
    }

    #[test]
    fn flags() {
        for c in [t("x"), t("X"), t("có"), t("Có"), t("1"), Cell::Bool(true), Cell::Number(1.0), t("TRUE")] {
            assert_eq!(parse_flag(&c), Some(true), "{c:?}");
        }
        for c in [Cell::Empty, t(""), t("không"), t("0"), Cell::Bool(false), Cell::Number(0.0), t("FALSE")] {
            assert_eq!(parse_flag(&c), Some(false), "{c:?}");
        }
        assert_eq!(parse_flag(&t("?")), None);
    }

    #[test]
    fn export_then_import_gives_the_same_pupil() {
        let original = PupilInput {
            national_id: "008219012345".into(),
            full_name: "Giàng A Páo".into(),
            gender: Some(Gender::Nam),
            birth_date: Some("2016-11-30".into()),
            ethnicity: "H'Mông".into(),
            nationality: Some("Việt Nam".into()),
            birth_place: Some("Xã Bản Phố, Lào Cai".into()),
            home_town: Some("Lào Cai".into()),
            address: Some("Thôn 3".into()),
            father_name: Some("Giàng A Sử".into()),
            mother_name: Some("Vừ Thị Mai".into()),
            guardian_name: None,
            registration_no: Some("015/2022".into()),
            entry_date: Some("2022-09-05".into()),
            disability: true,
            disability_plan: Some("Kế hoạch số 2".into()),
            class_id: None,
            grade: Some(3),
        };
        let row = pupil_row(7, "5A", &original);
        assert_eq!(row[0], Cell::Number(7.0));
        assert_eq!(row[col_of("birth_date")], t("30/11/2016"));
        let back = pupil_from_row(&row, &roster_map(), today()).expect("exported row imports");
        assert_eq!(back, original);
        let foreign = PupilInput { ethnicity: FOREIGN.into(), nationality: Some("Lào".into()), ..original };
        let back = pupil_from_row(&pupil_row(1, "5A", &foreign), &roster_map(), today()).expect("imports");
        assert_eq!(back, foreign);
    }

    fn staff_map() -> Vec<Option<usize>> {
        map_headers(&header_row(STAFF_COLUMNS).into_iter().map(t).collect::<Vec<_>>(), STAFF_COLUMNS).expect("maps")
    }

    #[test]
    fn staff_rows() {
        let row = vec![
            Cell::Number(1.0),
            t("Huong.NT"),
            t("Nguyễn  Thị Hương"),
            t("Giáo viên; hiệu trưởng"),
            t("0912 345.678"),
            t("Đang làm việc"),
        ];
        let s = staff_from_row(&row, &staff_map()).expect("valid");
        assert_eq!(
            s,
            StaffRow {
                username: "huong.nt".into(),
                full_name: "Nguyễn Thị Hương".into(),
                roles: vec![Role::Principal, Role::Teacher],
                phone: Some("0912345678".into()),
            }
        );
        let row = vec![Cell::Empty, t("hương"), Cell::Empty, t("Phó hiệu trưởng"), t("12345")];
        let p = staff_from_row(&row, &staff_map()).expect_err("invalid");
        let cols: Vec<usize> = p.iter().map(|p| p.column).collect();
        assert_eq!(cols, [1, 2, 3, 4]);
        assert!(p[0].message.vi().starts_with("Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới"));
        assert_eq!(p[1].message.vi(), "Thiếu Họ và tên");
        assert!(p[2].message.vi().starts_with("Vai trò không hợp lệ: \"Phó hiệu trưởng\""));
        assert!(p[3].message.vi().starts_with("Số điện thoại phải gồm 10 chữ số"));
    }

    #[test]
    fn roles_and_phones() {
        assert_eq!(parse_roles("admin, teacher"), Ok(vec![Role::Admin, Role::Teacher]));
        assert_eq!(parse_roles("Giáo viên/Quản trị/giao vien"), Ok(vec![Role::Admin, Role::Teacher]));
        assert_eq!(parse_roles(" ; "), Err(checks::ROLES_MISSING));
        assert!(parse_roles("Phụ huynh").is_err());
        for r in [Role::Admin, Role::Principal, Role::Teacher] {
            assert_eq!(parse_roles(role_label(r)), Ok(vec![r]));
            assert_eq!(parse_roles(r.code()), Ok(vec![r]));
        }
        assert_eq!(role_label(Role::Parent), "Phụ huynh");
        assert_eq!(parse_phone(&Cell::Number(912_345_678.0)), Ok(Some("0912345678".into())));
        assert_eq!(parse_phone(&t("+84 912 345 678")), Ok(Some("0912345678".into())));
        assert_eq!(parse_phone(&t("091-234-5678")), Ok(Some("0912345678".into())));
        assert_eq!(parse_phone(&Cell::Empty), Ok(None));
        assert!(parse_phone(&t("1912345678")).is_err());
        assert!(parse_phone(&t("091234567")).is_err());
        assert_eq!(parse_active(active_label(true)), Some(true));
        assert_eq!(parse_active(active_label(false)), Some(false));
        assert!(valid_username("gv.lan_2-b"));
        assert!(!valid_username("ab"));
        assert!(!valid_username(&"a".repeat(41)));
        assert!(!valid_username("Lan"));
    }

    fn assignment_map() -> Vec<Option<usize>> {
        let headers: Vec<Cell> = header_row(ASSIGNMENT_COLUMNS).into_iter().map(t).collect();
        map_headers(&headers, ASSIGNMENT_COLUMNS).expect("maps")
    }

    #[test]
    fn assignment_rows() {
        let row = vec![Cell::Number(1.0), t(" 4A "), t("Tiếng Việt"), t("lan.nt"), t("Nguyễn Thị Lan")];
        let a = assignment_from_row(&row, &assignment_map()).expect("valid");
        assert_eq!(
            a,
            AssignmentRow {
                class_name: "4A".into(),
                subject: AssignmentSubject::Subject("tieng_viet"),
                username: "lan.nt".into()
            }
        );
        let row = vec![Cell::Empty, t("4A"), t("gvcn"), t("lan.nt")];
        assert_eq!(assignment_from_row(&row, &assignment_map()).expect("valid").subject, AssignmentSubject::Homeroom);
        let row = vec![Cell::Empty, Cell::Empty, t("Hóa học"), t("x")];
        let p = assignment_from_row(&row, &assignment_map()).expect_err("invalid");
        let got: Vec<(usize, &str)> = p.iter().map(|p| (p.column, p.message.vi())).collect();
        assert_eq!(got[0], (1, "Thiếu Lớp"));
        assert_eq!(got[1], (2, "Không có môn học \"Hóa học\" trong chương trình tiểu học"));
        assert_eq!(got[2].0, 3);
    }

    #[test]
    fn subjects_resolve_by_name_code_or_alias() {
        let sub = |s: &str| resolve_subject(s).map_err(|_| s.to_owned());
        assert_eq!(sub("toan"), Ok(AssignmentSubject::Subject("toan")));
        assert_eq!(sub("TOÁN"), Ok(AssignmentSubject::Subject("toan")));
        assert_eq!(sub("Tiếng Anh"), Ok(AssignmentSubject::Subject("ngoai_ngu_1")));
        assert_eq!(sub("Ngoại ngữ 1"), Ok(AssignmentSubject::Subject("ngoai_ngu_1")));
        assert_eq!(sub("Mỹ thuật"), Ok(AssignmentSubject::Subject("mi_thuat")));
        assert_eq!(sub("Nghệ thuật (Âm nhạc)"), Ok(AssignmentSubject::Subject("am_nhac")));
        assert_eq!(sub("Tin học và Công nghệ (Công nghệ)"), Ok(AssignmentSubject::Subject("cong_nghe")));
        assert_eq!(sub("Lịch sử và Địa lý"), Ok(AssignmentSubject::Subject("lich_su_dia_li")));
        assert_eq!(sub("Chủ nhiệm"), Ok(AssignmentSubject::Homeroom));
        assert!(resolve_subject("Tin học và Công nghệ").expect_err("ambiguous").vi().contains("hai phần"));
        assert!(resolve_subject("Nghệ thuật").expect_err("ambiguous").vi().contains("hai phần"));
        for spec in all_subjects() {
            assert_eq!(resolve_subject(spec.name), Ok(AssignmentSubject::Subject(spec.code)));
            assert_eq!(resolve_subject(spec.code), Ok(AssignmentSubject::Subject(spec.code)));
        }
        for (alias, code) in SUBJECT_ALIASES {
            assert_eq!(resolve_subject(alias), Ok(AssignmentSubject::Subject(code)), "{alias}");
        }
        assert_eq!(all_subjects().len(), 14);
    }

    proptest! {
        #[test]
        fn numeric_ids_get_their_zeros_back(province in 1u64..=96, rest in 0u64..1_000_000_000) {
            let id = province * 1_000_000_000 + rest;
            let cells = with(good_row(), "national_id", Cell::Number(id as f64));
            let p = pupil_from_row(&roster_row(&cells), &roster_map(), today()).expect("valid");
            prop_assert_eq!(p.national_id, format!("{id:012}"));
        }

        #[test]
        fn header_order_does_not_matter(seed in proptest::collection::vec(any::<u32>(), ROSTER_COLUMNS.len())) {
            let mut order: Vec<usize> = (0..ROSTER_COLUMNS.len()).collect();
            order.sort_by_key(|i| seed[*i]);
            let headers: Vec<Cell> = order.iter().map(|i| t(ROSTER_COLUMNS[*i].header)).collect();
            let map = map_headers(&headers, ROSTER_COLUMNS).expect("maps");
            for (file_col, col) in order.iter().enumerate() {
                prop_assert_eq!(map[*col], Some(file_col));
            }
        }
    }
}
