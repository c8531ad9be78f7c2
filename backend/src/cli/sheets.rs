//! `hocba import …` and `hocba export …`: the spreadsheet doors of the API from the command
//! line, through the same services (same checks, same all-or-nothing transaction, same audit).

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::services::admin::spreadsheets::{self, FileFormat, FileOut};
use crate::services::classes;
use crate::services::users::acting_manager;
use hocba_core::api::admin::ImportReport;
use hocba_core::Lang;
use std::path::Path;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Pupil list (danh sách học sinh) of a class, or of the school with a "Lớp" column.
    Roster,
    /// Staff accounts.
    Staff,
    /// Teaching assignments of the current year.
    Assignments,
}

/// The account the command acts as: `--as USERNAME`, else the first active admin.
pub fn actor(db: &Db, username: Option<&str>) -> anyhow::Result<CurrentUser> {
    db.read(|c| acting_manager(c, username)).map_err(|e| anyhow::anyhow!("{}", e.user_message()))
}

/// The id of a class of the current year, by name ("5A").
pub fn class_id(db: &Db, user: &CurrentUser, name: &str) -> anyhow::Result<String> {
    db.read(|c| classes::by_name(c, &user.school_id, name, None)).map_err(|e| anyhow::anyhow!("{}", e.user_message()))
}

fn current_year_id(db: &Db, user: &CurrentUser) -> anyhow::Result<String> {
    db.read(|c| classes::current_year(c, &user.school_id))
        .map_err(|e: AppError| anyhow::anyhow!("{}", e.user_message()))?
        .map(|y| y.id)
        .ok_or_else(|| anyhow::anyhow!("{}", crate::messages::NO_CURRENT_YEAR))
}

/// Imports a file; prints the outcome. A refused file is an error listing every bad row.
pub fn import(
    db: &Db,
    user: &CurrentUser,
    kind: Kind,
    file: &Path,
    class: Option<&str>,
    dry_run: bool,
) -> anyhow::Result<ImportReport> {
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("không đọc được {}: {e}", file.display()))?;
    let class_id = class.map(|name| class_id(db, user, name)).transpose()?;
    let year_id = if kind == Kind::Assignments { Some(current_year_id(db, user)?) } else { None };
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} dòng ({per_sec}, còn {eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut tick = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let report = match kind {
        Kind::Staff => spreadsheets::import_staff_file(db, user, &bytes, dry_run, Lang::Vi, &mut tick),
        Kind::Roster => spreadsheets::run(db, dry_run, |c| {
            spreadsheets::import_roster(c, user, class_id.as_deref(), &bytes, Lang::Vi, &mut tick)
        }),
        Kind::Assignments => spreadsheets::run(db, dry_run, |c| {
            spreadsheets::import_assignments(
                c,
                user,
                year_id.as_deref().unwrap_or_default(),
                &bytes,
                Lang::Vi,
                &mut tick,
            )
        }),
    }
    .map_err(|e| anyhow::anyhow!("{}", e.user_message()))?;
    bar.finish_and_clear();
    if !report.problems.is_empty() {
        let mut lines = vec![format!("Tệp có {} lỗi; không có gì được ghi:", report.problems.len())];
        for p in &report.problems {
            let place = match (&p.sheet, p.row, &p.header) {
                (s, 0, _) if s.is_empty() => String::new(),
                (s, row, Some(h)) => format!("{s}, dòng {row}, cột {} ({h}): ", p.column),
                (s, row, None) if p.column.is_empty() => format!("{s}, dòng {row}: "),
                (s, row, None) => format!("{s}, dòng {row}, cột {}: ", p.column),
            };
            lines.push(format!("  {place}{}", p.message));
        }
        anyhow::bail!(lines.join("\n"));
    }
    let verb = if report.applied { "Đã nhập" } else { "Xem trước (chưa ghi)" };
    println!(
        "{verb}: {} dòng — {} tạo mới, {} cập nhật, {} không đổi.",
        report.total_rows, report.created, report.updated, report.unchanged
    );
    for p in &report.issued {
        println!("  tài khoản mới {}: mật khẩu {}", p.username, p.password);
    }
    Ok(report)
}

/// The format of an output file from its extension (default XLSX).
pub fn format_of(path: &Path) -> FileFormat {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("csv") => FileFormat::Csv,
        _ => FileFormat::Xlsx,
    }
}

/// Exports to a file (or a default name in the current folder); answers the path written.
pub fn export(
    db: &Db,
    user: &CurrentUser,
    kind: Kind,
    class: Option<&str>,
    output: Option<&Path>,
) -> anyhow::Result<std::path::PathBuf> {
    let format = output.map(format_of).unwrap_or_default();
    let class_id = class.map(|name| class_id(db, user, name)).transpose()?;
    let year_id = if kind == Kind::Assignments { Some(current_year_id(db, user)?) } else { None };
    let file: FileOut = db
        .read(|c| match kind {
            Kind::Roster => spreadsheets::export_roster(c, &user.school_id, class_id.as_deref(), format),
            Kind::Staff => spreadsheets::export_staff(c, &user.school_id, format),
            Kind::Assignments => {
                spreadsheets::export_assignments(c, &user.school_id, year_id.as_deref().unwrap_or_default(), format)
            }
        })
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let path = output.map(Path::to_path_buf).unwrap_or_else(|| std::path::PathBuf::from(&file.filename));
    std::fs::write(&path, &file.bytes)?;
    Ok(path)
}
