//! The staff list: one-time passwords hashed before the write transaction, then accounts created
//! or updated and their audit entries written in multi-row statements, all or nothing.

use super::{layout, locate, messages, refused, report, run, Progress, STAFF_COLUMNS};
use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::User;
use crate::db::schema::users;
use crate::db::Db;
use crate::error::AppError;
use crate::services::admin::staff::{self, NewPassword};
use crate::services::audit;
use crate::services::users::insert_users;
use diesel::prelude::*;
use hocba_core::api::admin::{ImportReport, ImportRow, IssuedPassword, RowAction, StaffInput};
use hocba_core::api::Role;
use hocba_core::Lang;
use std::collections::HashMap;

/// The one-time passwords of the accounts a staff list will create, hashed before the import's
/// write transaction (argon2id takes tens of milliseconds per password: 3,000 new accounts would
/// otherwise hold every other writer for minutes). A preview gets unhashed passwords (it is rolled
/// back). `progress` is called after each password with (done, to do).
pub fn staff_passwords(
    db: &Db,
    bytes: &[u8],
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<HashMap<String, NewPassword>, AppError> {
    let Ok(table) = locate(bytes, STAFF_COLUMNS, Lang::Vi) else { return Ok(HashMap::new()) };
    let mut wanted: Vec<String> = table
        .rows
        .iter()
        .filter_map(|(_, row)| layout::staff_from_row(row, &table.map).ok())
        .filter_map(|p| {
            staff::checked(&StaffInput { username: p.username, full_name: p.full_name, roles: p.roles, phone: p.phone })
                .ok()
        })
        .map(|input| input.username)
        .collect();
    wanted.sort();
    wanted.dedup();
    let taken = db.read(|c| existing_usernames(c, &wanted))?;
    wanted.retain(|u| !taken.contains_key(u));
    let total = wanted.len();
    let mut out = HashMap::with_capacity(total);
    for (done, username) in wanted.into_iter().enumerate() {
        out.insert(username, if dry_run { NewPassword::unhashed() } else { NewPassword::generate()? });
        progress(done + 1, total);
    }
    Ok(out)
}

/// A whole staff-list import: the passwords are hashed first with no transaction open (progress
/// counts them), then [`import_staff`] runs in one short all-or-nothing transaction.
pub fn import_staff_file(
    db: &Db,
    user: &CurrentUser,
    bytes: &[u8],
    dry_run: bool,
    lang: Lang,
    progress: Progress<'_>,
) -> Result<ImportReport, AppError> {
    let mut passwords = staff_passwords(db, bytes, dry_run, progress)?;
    run(db, dry_run, |c| import_staff(c, user, bytes, &mut passwords, lang, &mut |_, _| {}))
}

/// Usernames per `IN (…)` lookup.
const USERNAMES_PER_QUERY: usize = 500;

/// The accounts holding any of `usernames`, by username.
fn existing_usernames(conn: &mut AnyConnection, usernames: &[String]) -> Result<HashMap<String, User>, AppError> {
    let mut out = HashMap::new();
    for chunk in usernames.chunks(USERNAMES_PER_QUERY) {
        let found: Vec<User> =
            users::table.filter(users::username.eq_any(chunk)).select(User::as_select()).load(conn)?;
        out.extend(found.into_iter().map(|u| (u.username.clone(), u)));
    }
    Ok(out)
}

/// Imports a staff list: known accounts of the school are updated, new ones created with the
/// one-time passwords of [`staff_passwords`] (a username missing there, e.g. created by someone
/// else since, is refused as taken or hashed here). New accounts and their audit entries are
/// written in multi-row statements, so the write transaction stays short.
pub fn import_staff(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    bytes: &[u8],
    passwords: &mut HashMap<String, NewPassword>,
    lang: Lang,
    progress: Progress<'_>,
) -> Result<ImportReport, AppError> {
    let table = match locate(bytes, STAFF_COLUMNS, lang) {
        Ok(t) => t,
        Err(problems) => return Ok(refused(problems)),
    };
    let key_column = table.column_of(STAFF_COLUMNS, "username", "username");
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut first_row_of: HashMap<String, u32> = HashMap::new();
    let mut inputs = Vec::with_capacity(table.rows.len());
    for (row_no, row) in &table.rows {
        let parsed = match layout::staff_from_row(row, &table.map) {
            Ok(p) => p,
            Err(list) => {
                problems.extend(table.row_problems(*row_no, list));
                continue;
            }
        };
        if let Some(first) = first_row_of.get(&parsed.username) {
            problems.push(table.problem(*row_no, key_column, messages::key_in_file(*first)));
            continue;
        }
        first_row_of.insert(parsed.username.clone(), *row_no);
        let input = StaffInput {
            username: parsed.username.clone(),
            full_name: parsed.full_name.clone(),
            roles: parsed.roles.clone(),
            phone: parsed.phone.clone(),
        };
        match staff::checked(&input) {
            Ok(input) => inputs.push((*row_no, parsed, input)),
            Err(e) => problems.push(table.api_problem(*row_no, STAFF_COLUMNS, "username", e)?),
        }
    }
    let usernames: Vec<String> = inputs.iter().map(|(_, _, i)| i.username.clone()).collect();
    let existing = existing_usernames(conn, &usernames)?;
    let mut created = Vec::new();
    let mut issued = Vec::new();
    let total = table.rows.len();
    for (done, (row_no, parsed, input)) in inputs.into_iter().enumerate() {
        progress(done + 1, total);
        let outcome = match existing.get(&input.username) {
            Some(account) if account.school_id == user.school_id && account.role != Role::Parent.code() => {
                staff::update_checked(conn, user, account, &input)
            }
            Some(_) => Err(AppError::validation("username", messages::USERNAME_TAKEN)),
            None => {
                let pass = match passwords.remove(&input.username) {
                    Some(p) => p,
                    None => NewPassword::generate()?,
                };
                let account = staff::new_account(user, &input, &pass)?;
                issued.push(IssuedPassword {
                    user_id: account.id.clone(),
                    username: account.username.clone(),
                    password: pass.password,
                });
                created.push(account);
                Ok(RowAction::Create)
            }
        };
        match outcome {
            Ok(action) => rows.push(ImportRow { row: row_no, key: parsed.username, label: parsed.full_name, action }),
            Err(e) => problems.push(table.api_problem(row_no, STAFF_COLUMNS, "username", e)?),
        }
    }
    if problems.is_empty() {
        insert_users(conn, &created)?;
        audit::append_many(conn, created.iter().map(|account| staff::created_event(user, account)))?;
    }
    problems.sort_by_key(|p| p.row);
    let mut r = report(total, rows, problems);
    r.issued = issued;
    Ok(r)
}
