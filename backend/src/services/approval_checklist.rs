//! The principal's checklist before approving a class record (the rules are core's,
//! `hocba_core::checklist`): the class's year-end lines as the year-end screen loads them, checked.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::Class;
use crate::error::AppError;
use crate::messages;
use crate::services::{access, yearend};
use hocba_core::api::ApprovalChecklist;
use hocba_core::checklist;
use hocba_core::messages::by_lang;
use hocba_core::Period;
use hocba_core::{Bilingual, Lang};

/// The checklist of a class the caller may read (checked by the caller).
pub fn of_class(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class: &Class,
    period: Period,
) -> Result<ApprovalChecklist, AppError> {
    if !checklist::applies(period) {
        return Ok(checklist::checklist(period, &[]));
    }
    let view = yearend::view(conn, user, &class.id)?;
    Ok(checklist::checklist(period, &view.rows))
}

/// `GET /api/classes/{class_id}/periods/{period}/checklist`: the school's managers.
pub fn get(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
) -> Result<ApprovalChecklist, AppError> {
    let (class, _) = access::readable_class(conn, user, class_id)?;
    if !user.is_school_manager() {
        return Err(AppError::Forbidden);
    }
    of_class(conn, user, &class, period)
}

/// 409 `checklist` with the findings, unless there are none.
pub fn refuse_unless_clear(list: ApprovalChecklist) -> Result<(), AppError> {
    if list.findings.is_empty() {
        return Ok(());
    }
    let (findings, pupils) = (list.findings.len(), checklist::pupils_in(&list.findings));
    let summary = Bilingual::new(
        by_lang::checklist_summary(Lang::Vi, findings, pupils),
        by_lang::checklist_summary(Lang::En, findings, pupils),
    );
    Err(AppError::Checklist { message: messages::approve_needs_override(&summary), findings: list.findings })
}
