//! Spreadsheet doors of the administration: the pupil list (per class or for the whole
//! school), the staff list and the teaching assignments, out to XLSX/CSV with Vietnamese
//! headers and back in. An import checks every row, answers every problem at once with its
//! sheet, row and column, and is all-or-nothing: [`run`] keeps its writes only when the whole
//! file is clean (and never for a preview).

use super::{classes as class_admin, pupils, staff};
use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{Class, User};
use crate::db::schema::{classes, enrolments, teaching_assignments};
use crate::db::{Db, DbError};
use crate::error::AppError;
use crate::messages;
use crate::services::classes::{current_year, roster};
use diesel::prelude::*;
use hocba_core::api::admin::{AssignmentInput, ImportProblem, ImportReport, ImportRow, RowAction};
use hocba_core::api::Role;
use hocba_core::catalogue;
use hocba_core::roster::{self as layout, Column, RowProblem, ASSIGNMENT_COLUMNS, ROSTER_COLUMNS, STAFF_COLUMNS};
use hocba_core::sheet::{column_letter, Cell};
use hocba_core::{Bilingual, Lang};
use hocba_sheets::SheetOut;
use std::collections::HashMap;

mod staff_list;

pub use staff_list::{import_staff, import_staff_file, staff_passwords};

/// Largest file accepted.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    #[default]
    Xlsx,
    Csv,
}

/// A file to download.
pub struct FileOut {
    pub bytes: Vec<u8>,
    pub filename: String,
    pub content_type: &'static str,
}

fn file_out(format: FileFormat, sheet: SheetOut, base: &str) -> Result<FileOut, AppError> {
    let base = hocba_core::text::fold_diacritics(base).replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "-");
    Ok(match format {
        FileFormat::Xlsx => FileOut {
            bytes: hocba_sheets::write_xlsx(&[sheet]).map_err(|e| anyhow::anyhow!("{e}"))?,
            filename: format!("{base}.xlsx"),
            content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        },
        FileFormat::Csv => FileOut {
            bytes: hocba_sheets::write_csv(&sheet),
            filename: format!("{base}.csv"),
            content_type: "text/csv; charset=utf-8",
        },
    })
}

fn headers(columns: &[Column]) -> Vec<String> {
    layout::header_row(columns).into_iter().map(str::to_string).collect()
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

// ---------------------------------------------------------------- export

/// The pupil list of one class, or of every class of the current year (`class_id` None).
pub fn export_roster(
    conn: &mut AnyConnection,
    school_id: &str,
    class_id: Option<&str>,
    format: FileFormat,
) -> Result<FileOut, AppError> {
    let list: Vec<Class> = match class_id {
        Some(id) => vec![class_admin::find(conn, school_id, id)?],
        None => crate::services::classes::school_classes(conn, school_id)?,
    };
    let mut rows = Vec::new();
    for class in &list {
        // The pupils' own grades (lớp ghép), in one query.
        let grades: HashMap<String, Option<i16>> = enrolments::table
            .filter(enrolments::class_id.eq(&class.id))
            .select((enrolments::id, enrolments::grade))
            .load::<(String, Option<i16>)>(conn)?
            .into_iter()
            .collect();
        for (enrolment_id, p) in roster(conn, &class.id)? {
            let grade = grades.get(&enrolment_id).copied().flatten();
            let input = pupils::to_input(&p, grade, None);
            rows.push(layout::pupil_row(rows.len() + 1, &class.name, &input));
        }
    }
    let name = match list.as_slice() {
        [one] if class_id.is_some() => format!("danh-sach-hoc-sinh-lop-{}", one.name),
        _ => "danh-sach-hoc-sinh".to_string(),
    };
    let sheet =
        SheetOut { name: "Danh sách học sinh".into(), headers: headers(ROSTER_COLUMNS), rows, widths: Vec::new() };
    file_out(format, sheet, &name)
}

pub fn export_staff(conn: &mut AnyConnection, school_id: &str, format: FileFormat) -> Result<FileOut, AppError> {
    let rows = staff::list(conn, school_id)?
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let roles = s.roles.iter().map(|r| layout::role_label(*r)).collect::<Vec<_>>().join(", ");
            vec![
                Cell::Number((i + 1) as f64),
                text(&s.username),
                text(&s.full_name),
                text(&roles),
                text(s.phone.as_deref().unwrap_or_default()),
                text(layout::active_label(s.active)),
            ]
        })
        .collect();
    let sheet = SheetOut { name: "Cán bộ".into(), headers: headers(STAFF_COLUMNS), rows, widths: Vec::new() };
    file_out(format, sheet, "danh-sach-can-bo")
}

pub fn export_assignments(
    conn: &mut AnyConnection,
    school_id: &str,
    year_id: &str,
    format: FileFormat,
) -> Result<FileOut, AppError> {
    let mut rows = Vec::new();
    for class in class_admin::list(conn, school_id, year_id)? {
        if let Some(t) = &class.homeroom_teacher {
            let username = staff::find(conn, school_id, &t.id)?.username;
            rows.push((class.name.clone(), "Chủ nhiệm".to_string(), username, t.full_name.clone()));
        }
        for a in &class.assignments {
            let username = staff::find(conn, school_id, &a.teacher.id)?.username;
            rows.push((class.name.clone(), a.subject_name.clone(), username, a.teacher.full_name.clone()));
        }
    }
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, (c, s, u, n))| vec![Cell::Number((i + 1) as f64), text(&c), text(&s), text(&u), text(&n)])
        .collect();
    let sheet = SheetOut { name: "Phân công".into(), headers: headers(ASSIGNMENT_COLUMNS), rows, widths: Vec::new() };
    file_out(format, sheet, "phan-cong-giang-day")
}

// ---------------------------------------------------------------- import machinery

/// A file's table: where its header is and its data rows (1-based row numbers as Excel shows).
struct Table {
    sheet: String,
    headers: Vec<Cell>,
    map: Vec<Option<usize>>,
    rows: Vec<(u32, Vec<Cell>)>,
    /// The reader's language, for the problems' wording.
    lang: Lang,
}

fn file_problem(message: &Bilingual, lang: Lang) -> ImportProblem {
    ImportProblem {
        sheet: String::new(),
        row: 0,
        column: String::new(),
        header: None,
        message: message.get(lang).to_owned(),
    }
}

/// Finds the layout's header (in the first ten rows of the first sheet that has it). Problems are
/// worded in `lang`.
fn locate(bytes: &[u8], columns: &[Column], lang: Lang) -> Result<Table, Vec<ImportProblem>> {
    if bytes.is_empty() {
        return Err(vec![file_problem(&messages::FILE_EMPTY, lang)]);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![file_problem(&messages::FILE_TOO_LARGE, lang)]);
    }
    let sheets = hocba_sheets::read(bytes).map_err(|e| vec![file_problem(&e.message(), lang)])?;
    let mut first_failure: Option<Vec<ImportProblem>> = None;
    for sheet in sheets {
        for (index, row) in sheet.rows.iter().enumerate().take(10) {
            if row.iter().all(Cell::is_empty) {
                continue;
            }
            match layout::map_headers(row, columns) {
                Ok(map) => {
                    let rows = sheet
                        .rows
                        .iter()
                        .enumerate()
                        .skip(index + 1)
                        .filter(|(_, r)| !r.iter().all(Cell::is_empty))
                        .map(|(i, r)| (u32::try_from(i + 1).unwrap_or(u32::MAX), r.clone()))
                        .collect();
                    return Ok(Table { sheet: sheet.name, headers: row.clone(), map, rows, lang });
                }
                Err(messages) => {
                    if first_failure.is_none() {
                        let row_no = u32::try_from(index + 1).unwrap_or(u32::MAX);
                        first_failure = Some(
                            messages
                                .into_iter()
                                .map(|m| ImportProblem {
                                    sheet: sheet.name.clone(),
                                    row: row_no,
                                    column: String::new(),
                                    header: None,
                                    message: m.get(lang).to_owned(),
                                })
                                .collect(),
                        );
                    }
                }
            }
        }
    }
    Err(first_failure.unwrap_or_else(|| vec![file_problem(&messages::FILE_EMPTY, lang)]))
}

impl Table {
    /// The file column of a layout key (or of `fallback` when the key's column is absent).
    fn column_of(&self, columns: &[Column], key: &str, fallback: &str) -> usize {
        let find = |k: &str| layout::column_index(columns, k).and_then(|i| self.map.get(i).copied().flatten());
        find(key).or_else(|| find(fallback)).unwrap_or(0)
    }

    fn problem(&self, row: u32, column: usize, message: Bilingual) -> ImportProblem {
        let header = self.headers.get(column).and_then(layout::cell_text);
        ImportProblem {
            sheet: self.sheet.clone(),
            row,
            column: column_letter(column),
            header,
            message: message.get(self.lang).to_owned(),
        }
    }

    fn row_problems(&self, row: u32, list: Vec<RowProblem>) -> Vec<ImportProblem> {
        list.into_iter().map(|p| self.problem(row, p.column, p.message)).collect()
    }

    /// A problem from a service's 422 on a row, placed in the column of the field it names.
    fn api_problem(
        &self,
        row: u32,
        columns: &[Column],
        fallback: &str,
        err: AppError,
    ) -> Result<ImportProblem, AppError> {
        match err {
            AppError::Validation { field, message } => {
                let key = field.split('.').next().unwrap_or_default().to_string();
                Ok(self.problem(row, self.column_of(columns, &key, fallback), message))
            }
            AppError::Conflict { message, .. } => {
                Ok(self.problem(row, self.column_of(columns, fallback, fallback), message))
            }
            other => Err(other),
        }
    }
}

fn report(total: usize, rows: Vec<ImportRow>, problems: Vec<ImportProblem>) -> ImportReport {
    let count = |a: RowAction| u32::try_from(rows.iter().filter(|r| r.action == a).count()).unwrap_or_default();
    ImportReport {
        applied: false,
        total_rows: u32::try_from(total).unwrap_or_default(),
        created: count(RowAction::Create),
        updated: count(RowAction::Update),
        unchanged: count(RowAction::Unchanged),
        rows,
        problems,
        issued: Vec::new(),
    }
}

fn refused(problems: Vec<ImportProblem>) -> ImportReport {
    report(0, Vec::new(), problems)
}

enum Outcome {
    Failed(AppError),
    RolledBack(Box<ImportReport>),
}

impl From<DbError> for Outcome {
    fn from(e: DbError) -> Self {
        Outcome::Failed(e.into())
    }
}

impl From<diesel::result::Error> for Outcome {
    fn from(e: diesel::result::Error) -> Self {
        Outcome::Failed(e.into())
    }
}

/// Runs an import in one transaction, kept only when it is not a preview and found no problem.
/// The report's `applied` says whether it was kept.
pub fn run(
    db: &Db,
    dry_run: bool,
    f: impl FnOnce(&mut AnyConnection) -> Result<ImportReport, AppError>,
) -> Result<ImportReport, AppError> {
    let result = db.write(|c| {
        let report = f(c).map_err(Outcome::Failed)?;
        if dry_run || !report.problems.is_empty() {
            Err(Outcome::RolledBack(Box::new(report)))
        } else {
            Ok(report)
        }
    });
    match result {
        Ok(mut r) => {
            r.applied = true;
            Ok(r)
        }
        Err(Outcome::RolledBack(r)) => Ok(*r),
        Err(Outcome::Failed(e)) => Err(e),
    }
}

/// Called after each row with (rows done, rows in all), for a progress bar.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

// ---------------------------------------------------------------- pupils

/// Imports a pupil list into one class (`class_id`) or, when None, into the classes its "Lớp"
/// column names (classes of the current year).
pub fn import_roster(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: Option<&str>,
    bytes: &[u8],
    lang: Lang,
    progress: Progress<'_>,
) -> Result<ImportReport, AppError> {
    let table = match locate(bytes, ROSTER_COLUMNS, lang) {
        Ok(t) => t,
        Err(problems) => return Ok(refused(problems)),
    };
    let fixed = match class_id {
        Some(id) => Some(pupils::current_class(conn, &user.school_id, id).map_err(|_| AppError::NotFound)?),
        None => None,
    };
    let year = current_year(conn, &user.school_id)?;
    let mut by_name: HashMap<String, Class> = HashMap::new();
    if let Some(y) = &year {
        let list: Vec<Class> =
            classes::table.filter(classes::school_year_id.eq(&y.id)).select(Class::as_select()).load(conn)?;
        for c in list {
            by_name.insert(hocba_core::people::match_key(&c.name), c);
        }
    }
    let today = super::today();
    let class_column = table.column_of(ROSTER_COLUMNS, "class", "national_id");
    let id_column = table.column_of(ROSTER_COLUMNS, "national_id", "national_id");
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    let mut first_row_of: HashMap<String, u32> = HashMap::new();
    for (row_no, row) in &table.rows {
        let named = layout::class_from_row(row, &table.map);
        let class = match (&fixed, named) {
            (Some(c), Some(n)) if hocba_core::people::match_key(&n) != hocba_core::people::match_key(&c.name) => {
                problems.push(table.problem(*row_no, class_column, messages::row_other_class(&n, &c.name)));
                None
            }
            (Some(c), _) => Some(c.clone()),
            (None, Some(n)) => match by_name.get(&hocba_core::people::match_key(&n)) {
                Some(c) => Some(c.clone()),
                None => {
                    problems.push(table.problem(*row_no, class_column, messages::unknown_class_name(&n)));
                    None
                }
            },
            (None, None) => {
                problems.push(table.problem(*row_no, class_column, messages::CLASS_COLUMN_REQUIRED));
                None
            }
        };
        match layout::pupil_from_row(row, &table.map, today) {
            Ok(input) => {
                if let Some(first) = first_row_of.get(&input.national_id) {
                    problems.push(table.problem(*row_no, id_column, messages::national_id_in_file(*first)));
                    continue;
                }
                first_row_of.insert(input.national_id.clone(), *row_no);
                if let Some(class) = class {
                    parsed.push((*row_no, input, class));
                }
            }
            Err(list) => problems.extend(table.row_problems(*row_no, list)),
        }
    }
    let mut sizes: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::new();
    let total = table.rows.len();
    for (done, (row_no, input, class)) in parsed.into_iter().enumerate() {
        progress(done + 1, total);
        // Class size: count pupils who are not in the class yet.
        let existing = pupils::by_national_id(conn, &input.national_id)?;
        let joins = match &existing {
            Some(p) => pupils::current_enrolment(conn, &user.school_id, &p.id)?.is_none_or(|(_, c)| c.id != class.id),
            None => true,
        };
        if joins {
            let size = match sizes.get(&class.id) {
                Some(n) => *n,
                None => pupils::class_size(conn, &class.id)?,
            };
            sizes.insert(class.id.clone(), size + 1);
            if size + 1 > layout::MAX_CLASS_SIZE {
                problems.push(table.problem(
                    row_no,
                    class_column,
                    messages::class_full(&class.name, size + 1, layout::MAX_CLASS_SIZE),
                ));
                continue;
            }
        }
        match pupils::save_found(conn, user, &input, Some(&class), existing) {
            Ok((_, action)) => rows.push(ImportRow {
                row: row_no,
                key: input.national_id.clone(),
                label: format!("{} ({})", input.full_name, class.name),
                action,
            }),
            Err(e) => problems.push(table.api_problem(row_no, ROSTER_COLUMNS, "national_id", e)?),
        }
    }
    problems.sort_by_key(|p| p.row);
    Ok(report(total, rows, problems))
}

// ---------------------------------------------------------------- teaching assignments

/// A class's rows in an assignments file: homeroom (row, teacher) and subjects (row, code, teacher).
type ClassAssignments = (Class, Option<(u32, User)>, Vec<(u32, &'static str, User)>);

/// Imports the assignments of a school year: for every class the file names, its homeroom
/// teacher and subject teachers become exactly the file's rows.
pub fn import_assignments(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    year_id: &str,
    bytes: &[u8],
    lang: Lang,
    progress: Progress<'_>,
) -> Result<ImportReport, AppError> {
    let year = super::years::find(conn, &user.school_id, year_id)?;
    let table = match locate(bytes, ASSIGNMENT_COLUMNS, lang) {
        Ok(t) => t,
        Err(problems) => return Ok(refused(problems)),
    };
    let list: Vec<Class> =
        classes::table.filter(classes::school_year_id.eq(&year.id)).select(Class::as_select()).load(conn)?;
    let by_name: HashMap<String, Class> =
        list.into_iter().map(|c| (hocba_core::people::match_key(&c.name), c)).collect();
    let class_column = table.column_of(ASSIGNMENT_COLUMNS, "class", "class");
    let subject_column = table.column_of(ASSIGNMENT_COLUMNS, "subject", "class");
    let user_column = table.column_of(ASSIGNMENT_COLUMNS, "username", "class");
    let mut problems = Vec::new();
    let mut plan: HashMap<String, ClassAssignments> = HashMap::new();
    let total = table.rows.len();
    for (done, (row_no, row)) in table.rows.iter().enumerate() {
        progress(done + 1, total);
        let parsed = match layout::assignment_from_row(row, &table.map) {
            Ok(p) => p,
            Err(list) => {
                problems.extend(table.row_problems(*row_no, list));
                continue;
            }
        };
        let Some(class) = by_name.get(&hocba_core::people::match_key(&parsed.class_name)).cloned() else {
            problems.push(table.problem(*row_no, class_column, messages::unknown_class_name(&parsed.class_name)));
            continue;
        };
        let teacher = match staff::by_username(conn, &parsed.username)? {
            Some(u) if u.school_id == user.school_id && u.active && u.role != Role::Parent.code() => u,
            _ => {
                problems.push(table.problem(*row_no, user_column, messages::UNKNOWN_TEACHER));
                continue;
            }
        };
        let entry = plan.entry(class.id.clone()).or_insert_with(|| (class.clone(), None, Vec::new()));
        match parsed.subject {
            layout::AssignmentSubject::Homeroom => {
                if let Some((first, _)) = &entry.1 {
                    problems.push(table.problem(*row_no, subject_column, messages::key_in_file(*first)));
                } else {
                    entry.1 = Some((*row_no, teacher));
                }
            }
            layout::AssignmentSubject::Subject(code) => {
                let input = AssignmentInput { subject_code: code.to_string(), teacher_id: teacher.id.clone() };
                match class_admin::check_assignment(conn, &class, &input) {
                    Ok(()) => entry.2.push((*row_no, code, teacher)),
                    Err(AppError::Validation { message, .. }) => {
                        let message = if message.vi() == hocba_core::messages::UNKNOWN_SUBJECT {
                            messages::subject_not_in_class(&class.name)
                        } else {
                            message
                        };
                        problems.push(table.problem(*row_no, subject_column, message));
                    }
                    Err(other) => return Err(other),
                }
            }
        }
    }
    let mut rows = Vec::new();
    let mut classes_in_file: Vec<_> = plan.into_values().collect();
    classes_in_file.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    for (class, homeroom, subjects) in classes_in_file {
        let before: Vec<(String, String)> = teaching_assignments::table
            .filter(teaching_assignments::class_id.eq(&class.id))
            .select((teaching_assignments::subject_code, teaching_assignments::teacher_id))
            .load(conn)?;
        if let Some((row_no, teacher)) = &homeroom {
            let action = if class.homeroom_teacher_id.as_deref() == Some(teacher.id.as_str()) {
                RowAction::Unchanged
            } else {
                diesel::update(classes::table.find(&class.id))
                    .set(classes::homeroom_teacher_id.eq(&teacher.id))
                    .execute(conn)?;
                RowAction::Update
            };
            rows.push(ImportRow {
                row: *row_no,
                key: format!("{} / Chủ nhiệm", class.name),
                label: teacher.full_name.clone(),
                action,
            });
        }
        let list: Vec<AssignmentInput> = subjects
            .iter()
            .map(|(_, code, t)| AssignmentInput { subject_code: (*code).to_string(), teacher_id: t.id.clone() })
            .collect();
        // The import was previewed before it was applied: applying it is the confirmation.
        class_admin::set_assignments(conn, user, &class.id, &list, true)?;
        for (row_no, code, teacher) in subjects {
            let existed = before.iter().any(|(c, t)| c == code && *t == teacher.id);
            let name = class_admin::grades(&class)?
                .iter()
                .find_map(|g| catalogue::subject(*g, code))
                .map(|s| s.name)
                .unwrap_or(code);
            rows.push(ImportRow {
                row: row_no,
                key: format!("{} / {name}", class.name),
                label: teacher.full_name.clone(),
                action: if existed { RowAction::Unchanged } else { RowAction::Create },
            });
        }
    }
    rows.sort_by_key(|r| r.row);
    problems.sort_by_key(|p| p.row);
    Ok(report(total, rows, problems))
}
