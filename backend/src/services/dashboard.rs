//! The principal's dashboard of the current school year (figures computed by
//! `hocba_core::dashboard` from the grids of every class at the four periodic points), and the
//! same figures as an XLSX workbook.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::error::AppError;
use crate::services::admin::spreadsheets::FileOut;
use crate::services::{classes, grid, yearend};
use hocba_core::api::dashboard::{ClassProgress, Dashboard, PeriodProgress};
use hocba_core::api::GridView;
use hocba_core::dashboard::{self, ClassData};
use hocba_core::Period;
use hocba_sheets::SheetOut;

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The dashboard (admin and principal).
/// The cuối năm results as the học bạ records them: a result set by hand for a pupil with a
/// disability plan, or the đánh giá bổ sung, replaces the computed one.
fn recorded_results(conn: &mut AnyConnection, class_id: &str, view: &mut GridView) -> Result<(), AppError> {
    let members = yearend::members(conn, class_id)?;
    let stored = yearend::load_stored(conn, yearend::Whose::Class(class_id))?;
    for (e, p) in &members {
        let Some(row) = view.rows.iter_mut().find(|r| r.pupil.id == p.id) else { continue };
        if let Some(evaluation) = row.evaluation.as_mut() {
            let extras = yearend::view_of(stored.records.get(&e.id))?;
            evaluation.result = hocba_core::yearend::effective_of(evaluation.result, &extras);
        }
    }
    Ok(())
}

pub fn dashboard(conn: &mut AnyConnection, user: &CurrentUser) -> Result<Dashboard, AppError> {
    if !user.is_school_manager() {
        return Err(AppError::Forbidden);
    }
    let year = classes::current_year(conn, &user.school_id)?.map(|y| y.name);
    let mut data = Vec::new();
    for class in classes::school_classes(conn, &user.school_id)? {
        let mut grids = grid::load_periods(conn, user, &class.id, &Period::ALL)?;
        let mut periods = Vec::with_capacity(grids.len());
        for view in &mut grids {
            if view.period == Period::CuoiNam {
                recorded_results(conn, &class.id, view)?;
            }
            let (missing_pupils, missing_cells) = grid::missing_cells(view);
            periods.push(PeriodProgress {
                period: view.period,
                status: view.state.status,
                missing_pupils: count(missing_pupils),
                missing_cells: count(missing_cells),
            });
        }
        let pupils = count(grids.first().map(|g| g.rows.len()).unwrap_or_default());
        let class_ref = match grids.first() {
            Some(g) => g.class.clone(),
            None => classes::class_ref(conn, &class)?,
        };
        data.push(ClassData { progress: ClassProgress { class: class_ref, pupils, periods }, grids });
    }
    Ok(dashboard::build(year, &data))
}

/// The dashboard as `bang-dieu-khien.xlsx`: one sheet per table.
pub fn dashboard_xlsx(conn: &mut AnyConnection, user: &CurrentUser) -> Result<FileOut, AppError> {
    let d = dashboard(conn, user)?;
    let sheets: Vec<SheetOut> =
        dashboard::dashboard_sheets(&d).into_iter().map(|(name, rows)| SheetOut::from_table(name, rows)).collect();
    let bytes = hocba_sheets::write_xlsx(&sheets).map_err(|e| anyhow::anyhow!("dashboard xlsx: {e}"))?;
    Ok(FileOut {
        bytes,
        filename: "bang-dieu-khien.xlsx".into(),
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    })
}
