//! The Bảng tổng hợp kết quả đánh giá giáo dục of a class at a periodic point, computed by core
//! (`hocba_core::summary`) from the saved cells and, at cuối năm, the effective results,
//! decisions and awards; also as an XLSX download.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::error::AppError;
use crate::services::admin::spreadsheets::FileOut;
use crate::services::grid::{self, Columns};
use crate::services::{access, yearend};
use hocba_core::api::admin::Gender;
use hocba_core::api::ClassSummary;
use hocba_core::people;
use hocba_core::summary::{self, SummaryInput, SummaryPupil};
use hocba_core::{awards::AwardKind, Period};
use hocba_sheets::SheetOut;

/// The summary of a class the user may read, with the class's name.
pub fn class_summary(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
) -> Result<(String, ClassSummary), AppError> {
    let (class, _) = access::readable_class(conn, user, class_id)?;
    let grade = class.grade()?;
    let columns = Columns::for_grade(grade);
    // Pupils who transferred out are no longer counted in the class.
    let members: Vec<_> =
        yearend::members(conn, &class.id)?.into_iter().filter(|(e, _)| e.status != "transferred_out").collect();
    let ids: Vec<String> = members.iter().map(|(e, _)| e.id.clone()).collect();
    let mut cells = grid::load_cells(conn, &ids, period)?;
    let mut taken = grid::taken(conn, &ids)?;
    let stored = match period {
        Period::CuoiNam => yearend::load_stored(conn, yearend::Whose::Class(&class.id))?,
        _ => yearend::Stored::default(),
    };
    let pupils: Vec<SummaryPupil> = members
        .iter()
        .map(|(e, p)| -> Result<SummaryPupil, AppError> {
            let (subjects, qualities) = cells.remove(&e.id).unwrap_or_default();
            let female = people::parse_gender(&p.gender) == Some(Gender::Nu);
            let mut pupil =
                SummaryPupil::from_cells(female, people::is_ethnic_minority(&p.ethnicity), &subjects, &qualities);
            if period == Period::CuoiNam {
                let record = stored.records.get(&e.id);
                let own = Columns::for_pupil(grade, &taken.remove(&e.id).unwrap_or_default());
                let computed = grid::evaluate(&own, &subjects, &qualities).result;
                pupil.result = hocba_core::yearend::effective_of(computed, &yearend::view_of(record)?);
                pupil.decision = yearend::decision_of(record);
                pupil.awards = stored
                    .awards
                    .get(&e.id)
                    .map(|list| list.iter().filter_map(|a| AwardKind::from_code(&a.kind)).collect())
                    .unwrap_or_default();
            }
            Ok(pupil)
        })
        .collect::<Result<_, _>>()?;
    let s = summary::summarise(&SummaryInput {
        class_name: &class.name,
        grade,
        period,
        subjects: &columns.subjects,
        qualities: &columns.qualities,
        pupils: &pupils,
    });
    Ok((class.name, s))
}

/// The summary as an XLSX workbook named `tong-hop-<class>-<period>.xlsx`: the title on the
/// first row, then core's rows.
pub fn summary_xlsx(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
) -> Result<FileOut, AppError> {
    let (class_name, s) = class_summary(conn, user, class_id, period)?;
    let sheet = SheetOut::from_table("Tổng hợp", summary::summary_rows(&s));
    let bytes = hocba_sheets::write_xlsx(&[sheet]).map_err(|e| anyhow::anyhow!("summary xlsx: {e}"))?;
    let class = hocba_core::text::fold_diacritics(&class_name)
        .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_', "-");
    Ok(FileOut {
        bytes,
        filename: format!("tong-hop-{class}-{}.xlsx", period.code()),
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    })
}
