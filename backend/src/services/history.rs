//! A pupil's cell history at one periodic point, read back from the audit trail: who changed
//! which cell, when, from what to what, and whether it came from a device's offline queue.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::schema::{audit_log, enrolments, users};
use crate::error::AppError;
use crate::services::{access, review};
use diesel::prelude::*;
use hocba_core::api::CellChange;
use hocba_core::{catalogue, Period};
use std::collections::HashMap;

/// Newest first.
pub fn pupil_history(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
    pupil_id: &str,
) -> Result<Vec<CellChange>, AppError> {
    let (class, _) = access::readable_class(conn, user, class_id)?;
    let enrolment_id: String = enrolments::table
        .filter(enrolments::class_id.eq(&class.id))
        .filter(enrolments::pupil_id.eq(pupil_id))
        .select(enrolments::id)
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    let entries: Vec<(chrono::NaiveDateTime, Option<String>, String)> = audit_log::table
        .filter(audit_log::entity.eq("enrolment"))
        .filter(audit_log::entity_id.eq(&enrolment_id))
        .filter(audit_log::action.eq("assessment.write"))
        .order(audit_log::seq.desc())
        .select((audit_log::at, audit_log::actor_id, audit_log::detail))
        .load(conn)?;
    let actors: Vec<&String> = entries.iter().filter_map(|(_, a, _)| a.as_ref()).collect();
    let names: HashMap<String, String> = users::table
        .filter(users::id.eq_any(actors))
        .select((users::id, users::full_name))
        .load(conn)?
        .into_iter()
        .collect();
    let grade = class.grade()?;
    let mut out = Vec::new();
    for (at, actor, detail) in entries {
        let Ok(detail) = serde_json::from_str::<serde_json::Value>(&detail) else { continue };
        if detail["period"] != period.code() {
            continue;
        }
        let by = actor.and_then(|a| names.get(&a).cloned()).unwrap_or_default();
        let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
        for change in detail["changes"].as_array().into_iter().flatten() {
            let cell = change["cell"].as_str().unwrap_or_default().to_string();
            out.push(CellChange {
                at: review::rfc3339(at),
                at_local: review::local_time(at),
                by: by.clone(),
                cell_name: cell_name(grade, &cell),
                cell,
                old: Some(change["old"].clone()).filter(|v| !v.is_null()),
                new: change["new"].clone(),
                device: text(&detail["via"]["device"]),
                queued_at: text(&detail["via"]["queued_at"]),
            });
        }
    }
    Ok(out)
}

/// "Toán" for `subject:toan`, "Chăm chỉ" for `quality:cham_chi`.
fn cell_name(grade: u8, cell: &str) -> String {
    match cell.split_once(':') {
        Some(("subject", code)) => catalogue::subject(grade, code).map(|s| s.name.to_string()),
        Some(("quality", code)) => catalogue::quality(grade, code).map(|q| q.name.to_string()),
        _ => None,
    }
    .unwrap_or_else(|| cell.to_string())
}
