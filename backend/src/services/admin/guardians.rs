//! Parents: links between parent accounts and pupils, and one-time invitation codes printed on
//! paper for parents without e-mail. Access follows the links on every request, so unlinking
//! takes effect at once.

use super::{log, pupils};
use crate::auth::extractor::load_active;
use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, Guardianship, ParentInvite, ParentInvitePupil, User};
use crate::db::schema::{guardianships, parent_invite_pupils, parent_invites, schools, users};
use crate::error::AppError;
use crate::messages;
use crate::services::users as accounts;
use diesel::prelude::*;
use hocba_core::api::admin::{GuardianView, InviteRequest, InviteSlip, RedeemInvite};
use hocba_core::api::{PupilRef, Role};
use sha2::{Digest, Sha256};

/// How long a printed code stays valid.
pub const INVITE_DAYS: i64 = 30;
/// Letters and digits that cannot be confused when read aloud or copied by hand (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

pub fn of_pupil(conn: &mut AnyConnection, pupil_id: &str) -> Result<Vec<GuardianView>, AppError> {
    let rows: Vec<(String, String, String, bool)> = guardianships::table
        .inner_join(users::table.on(users::id.eq(guardianships::parent_id)))
        .filter(guardianships::pupil_id.eq(pupil_id))
        .select((users::id, users::username, users::full_name, users::active))
        .order(users::full_name.asc())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(user_id, username, full_name, active)| GuardianView { user_id, username, full_name, active })
        .collect())
}

/// Parent accounts of the school, optionally filtered by name or username (diacritic-insensitive).
pub fn parents(conn: &mut AnyConnection, school_id: &str, q: Option<&str>) -> Result<Vec<GuardianView>, AppError> {
    let rows: Vec<(String, String, String, bool)> = users::table
        .filter(users::school_id.eq(school_id))
        .filter(users::role.eq(Role::Parent.code()))
        .select((users::id, users::username, users::full_name, users::active))
        .order(users::full_name.asc())
        .load(conn)?;
    let needle = q.map(|q| hocba_core::text::fold_diacritics(&hocba_core::text::clean(q)).to_lowercase());
    Ok(rows
        .into_iter()
        .filter(|(_, username, name, _)| {
            needle.as_deref().is_none_or(|n| {
                hocba_core::text::fold_diacritics(name).to_lowercase().contains(n) || username.contains(n)
            })
        })
        .map(|(user_id, username, full_name, active)| GuardianView { user_id, username, full_name, active })
        .collect())
}

fn parent_account(conn: &mut AnyConnection, school_id: &str, parent_id: &str) -> Result<User, AppError> {
    users::table
        .find(parent_id)
        .filter(users::school_id.eq(school_id))
        .filter(users::role.eq(Role::Parent.code()))
        .select(User::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::validation("parent_id", messages::NOT_A_PARENT))
}

fn insert_link(conn: &mut AnyConnection, school_id: &str, parent_id: &str, pupil_id: &str) -> Result<(), AppError> {
    let exists: bool = diesel::select(diesel::dsl::exists(
        guardianships::table
            .filter(guardianships::parent_id.eq(parent_id))
            .filter(guardianships::pupil_id.eq(pupil_id)),
    ))
    .get_result(conn)?;
    if !exists {
        diesel::insert_into(guardianships::table)
            .values(&Guardianship {
                id: new_id(),
                school_id: school_id.to_string(),
                parent_id: parent_id.to_string(),
                pupil_id: pupil_id.to_string(),
            })
            .execute(conn)?;
    }
    Ok(())
}

pub fn link(conn: &mut AnyConnection, user: &CurrentUser, pupil_id: &str, parent_id: &str) -> Result<(), AppError> {
    let pupil = pupils::find(conn, &user.school_id, pupil_id)?;
    let parent = parent_account(conn, &user.school_id, parent_id)?;
    insert_link(conn, &user.school_id, &parent.id, &pupil.id)?;
    log(conn, user, "guardian.link", "pupil", &pupil.id, serde_json::json!({ "parent": parent.username }))
}

pub fn unlink(conn: &mut AnyConnection, user: &CurrentUser, pupil_id: &str, parent_id: &str) -> Result<(), AppError> {
    let pupil = pupils::find(conn, &user.school_id, pupil_id)?;
    let removed = diesel::delete(
        guardianships::table
            .filter(guardianships::parent_id.eq(parent_id))
            .filter(guardianships::pupil_id.eq(&pupil.id)),
    )
    .execute(conn)?;
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    log(conn, user, "guardian.unlink", "pupil", &pupil.id, serde_json::json!({ "parent_id": parent_id }))
}

/// A code grouped for reading: "K7QM-4XPA-93TD" (12 symbols, about 59 bits).
fn new_code() -> String {
    let mut raw = [0u8; 12];
    rand::fill(&mut raw[..]);
    let symbols: Vec<char> =
        raw.iter().map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()])).collect();
    symbols.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// The stored form of a code: SHA-256 of its symbols, upper-cased, separators removed (so
/// "k7qm 4xpa 93td" typed on a phone matches).
fn code_hash(code: &str) -> String {
    let canonical: String =
        code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// `POST /api/admin/invites`
pub fn invite(conn: &mut AnyConnection, user: &CurrentUser, request: &InviteRequest) -> Result<InviteSlip, AppError> {
    crate::validation::limits(request)?;
    let pupil_ids = &request.pupil_ids;
    if pupil_ids.is_empty() {
        return Err(AppError::validation("pupil_ids", messages::INVITE_NEEDS_PUPILS));
    }
    let mut refs = Vec::new();
    for id in pupil_ids {
        let p = pupils::find(conn, &user.school_id, id)
            .map_err(|_| AppError::validation("pupil_ids", messages::UNKNOWN_PUPIL_IN_YEAR))?;
        if !refs.iter().any(|r: &PupilRef| r.id == p.id) {
            refs.push(PupilRef { id: p.id, full_name: p.full_name });
        }
    }
    let code = new_code();
    let created = now();
    let invite = ParentInvite {
        id: new_id(),
        school_id: user.school_id.clone(),
        code_hash: code_hash(&code),
        created_by: Some(user.id.clone()),
        created_at: created,
        expires_at: created + chrono::Duration::days(INVITE_DAYS),
        used_at: None,
        used_by: None,
    };
    diesel::insert_into(parent_invites::table).values(&invite).execute(conn)?;
    for r in &refs {
        diesel::insert_into(parent_invite_pupils::table)
            .values(&ParentInvitePupil { id: new_id(), invite_id: invite.id.clone(), pupil_id: r.id.clone() })
            .execute(conn)?;
    }
    log(
        conn,
        user,
        "invite.create",
        "invite",
        &invite.id,
        serde_json::json!({ "pupils": refs.iter().map(|r| &r.id).collect::<Vec<_>>() }),
    )?;
    let school_name: String = schools::table.find(&user.school_id).select(schools::name).first(conn)?;
    Ok(InviteSlip { code, expires_at: crate::services::review::rfc3339(invite.expires_at), pupils: refs, school_name })
}

/// `POST /api/auth/redeem`: uses a code once. With a parent's session the pupils join that
/// account; otherwise a new parent account is created. Answers the account to sign in.
pub fn redeem(
    conn: &mut AnyConnection,
    session: Option<&CurrentUser>,
    body: &RedeemInvite,
) -> Result<CurrentUser, AppError> {
    crate::validation::limits(body)?;
    let invite: ParentInvite = parent_invites::table
        .filter(parent_invites::code_hash.eq(code_hash(&body.code)))
        .select(ParentInvite::as_select())
        .first(conn)
        .optional()?
        .filter(|i| i.used_at.is_none() && i.expires_at > now())
        .ok_or_else(|| AppError::validation("code", messages::INVITE_INVALID))?;
    let parent_id = match session.filter(|s| s.has(Role::Parent) && s.school_id == invite.school_id) {
        Some(s) => s.id.clone(),
        None => {
            // A parent may choose their phone number as login name (kept as ten digits, and as the
            // account's phone).
            let username = hocba_core::roster::login_name(&body.username);
            if !hocba_core::roster::valid_username(&username) {
                return Err(AppError::validation("username", messages::USERNAME_FORMAT));
            }
            let full_name = super::required_text("full_name", &body.full_name, 100, messages::FULL_NAME_REQUIRED)?;
            if body.password.chars().count() < 8 {
                return Err(AppError::validation("password", messages::PASSWORD_TOO_SHORT));
            }
            let taken: bool = diesel::select(diesel::dsl::exists(users::table.filter(users::username.eq(&username))))
                .get_result(conn)?;
            if taken {
                return Err(AppError::validation("username", messages::USERNAME_TAKEN));
            }
            let mut account =
                accounts::new_user(&invite.school_id, &username, &body.password, &full_name, Role::Parent)?;
            account.phone = hocba_core::roster::phone_login(&username);
            accounts::insert_user(conn, &account)?;
            account.id
        }
    };
    let pupil_ids: Vec<String> = parent_invite_pupils::table
        .filter(parent_invite_pupils::invite_id.eq(&invite.id))
        .select(parent_invite_pupils::pupil_id)
        .load(conn)?;
    for pupil_id in &pupil_ids {
        insert_link(conn, &invite.school_id, &parent_id, pupil_id)?;
    }
    let used = diesel::update(parent_invites::table.find(&invite.id).filter(parent_invites::used_at.is_null()))
        .set((parent_invites::used_at.eq(now()), parent_invites::used_by.eq(&parent_id)))
        .execute(conn)?;
    if used != 1 {
        return Err(AppError::validation("code", messages::INVITE_INVALID));
    }
    crate::services::audit::append(
        conn,
        crate::services::audit::Event {
            school_id: &invite.school_id,
            actor_id: Some(&parent_id),
            action: "invite.redeem",
            entity: "invite",
            entity_id: &invite.id,
            detail: serde_json::json!({ "pupils": pupil_ids }),
        },
    )?;
    load_active(conn, &parent_id)?.ok_or(AppError::Unauthenticated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_grouped_and_match_loosely() {
        let code = new_code();
        assert_eq!(code.len(), 14);
        assert_eq!(code.matches('-').count(), 2);
        assert!(code.chars().all(|c| c == '-' || CODE_ALPHABET.contains(&(c as u8))));
        let typed = code.to_lowercase().replace('-', " ");
        assert_eq!(code_hash(&code), code_hash(&typed));
        assert_ne!(code_hash(&code), code_hash(&new_code()));
    }
}
