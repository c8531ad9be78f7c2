//! The principal's dashboard of the current school year (figures computed by
//! `hocba_core::dashboard` from the grids of every class at the four periodic points), and the
//! same figures as an XLSX workbook.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::error::ApiError;
use crate::services::admin::spreadsheets::FileOut;
use crate::services::{classes, grid};
use hocba_core::api::dashboard::{ClassProgress, Dashboard, PeriodProgress};
use hocba_core::dashboard::{self, ClassData};
use hocba_core::Period;
use hocba_sheets::SheetOut;

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The dashboard (admin and principal).
pub fn dashboard(conn: &mut AnyConnection, user: &CurrentUser) -> Result<Dashboard, ApiError> {
    if !user.is_school_manager() {
        return Err(ApiError::Forbidden);
    }
    let year = classes::current_year(conn, &user.school_id)?.map(|y| y.name);
    let mut data = Vec::new();
    for class in classes::school_classes(conn, &user.school_id)? {
        let mut grids = Vec::with_capacity(Period::ALL.len());
        let mut periods = Vec::with_capacity(Period::ALL.len());
        for period in Period::ALL {
            let view = grid::load(conn, user, &class.id, period)?;
            let (missing_pupils, missing_cells) = grid::missing_cells(&view);
            periods.push(PeriodProgress {
                period,
                status: view.state.status,
                missing_pupils: count(missing_pupils),
                missing_cells: count(missing_cells),
            });
            grids.push(view);
        }
        let pupils = count(grids.first().map(|g| g.rows.len()).unwrap_or_default());
        let class_ref = classes::class_ref(conn, &class)?;
        data.push(ClassData { progress: ClassProgress { class: class_ref, pupils, periods }, grids });
    }
    Ok(dashboard::build(year, &data))
}

/// The dashboard as `bang-dieu-khien.xlsx`: one sheet per table.
pub fn dashboard_xlsx(conn: &mut AnyConnection, user: &CurrentUser) -> Result<FileOut, ApiError> {
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
