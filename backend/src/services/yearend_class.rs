//! The year-end extras of a whole class written at once (`PUT /api/classes/{id}/year-end`): every
//! line is checked by the same rules as a single pupil's write (`hocba_core::yearend`), then,
//! only when none is refused, all are stored in the caller's one transaction. A refusal answers
//! every refused value, each naming its pupil and field, and writes nothing.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::error::{AppError, PupilRefusal};
use crate::messages;
use crate::services::yearend::{self, PupilYear};
use crate::services::{access, review};
use hocba_core::api::{ClassYearEndInput, YearEndView};
use hocba_core::yearend::{self as rules, CheckedYearEnd};
use hocba_core::{Bilingual, Period};
use std::collections::HashSet;

/// Checks every line of `input` for the class's homeroom teacher: 404 for a class the user may
/// not read or a pupil outside it, 403 for anyone but the homeroom teacher, 409 while the cuối
/// năm record is submitted or approved or for a pupil who transferred out, 422 with every refused
/// value.
fn check(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    input: &ClassYearEndInput,
) -> Result<Vec<(PupilYear, CheckedYearEnd)>, AppError> {
    let (class, role) = access::readable_class(conn, user, class_id)?;
    if !access::may_write_year_end(user, &role) {
        return Err(AppError::Forbidden);
    }
    review::ensure_editable(conn, &class, Period::CuoiNam)?;
    let mut seen = HashSet::new();
    let mut errors = Vec::new();
    let mut checked = Vec::with_capacity(input.rows.len());
    for line in &input.rows {
        if !seen.insert(line.pupil_id.as_str()) {
            errors.push(refusal(&line.pupil_id, "pupil_id", messages::YEAR_END_PUPIL_TWICE));
            continue;
        }
        let year = yearend::pupil_year(conn, class.clone(), &line.pupil_id)?;
        let computed = yearend::computed(conn, &year)?;
        match rules::check_year_end_all(&line.year_end, year.pupil.disability, computed) {
            Ok(c) => checked.push((year, c)),
            Err(refused) => {
                errors.extend(refused.into_iter().map(|e| refusal(&line.pupil_id, &e.field, e.message)));
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid { message: messages::year_end_values_refused(errors.len()), errors });
    }
    Ok(checked)
}

fn refusal(pupil_id: &str, field: &str, message: Bilingual) -> PupilRefusal {
    PupilRefusal { pupil_id: pupil_id.into(), field: field.into(), message }
}

/// `PUT /api/classes/{id}/year-end`: the homeroom teacher replaces the extras of the pupils
/// listed (pupils not listed keep theirs); answers the class's year end as it is now. A line
/// whose `base_version` is not the pupil's current version answers 409 `stale` and, the caller's
/// transaction rolling back, nothing is written.
pub fn write(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    input: &ClassYearEndInput,
) -> Result<YearEndView, AppError> {
    for (year, checked) in check(conn, user, class_id, input)? {
        yearend::store(conn, user, &year, &checked)?;
    }
    yearend::view(conn, user, class_id)
}
