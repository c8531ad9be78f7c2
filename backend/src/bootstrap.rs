//! First start: either the demo school, or a bare school with one `admin` account whose random
//! password is printed once.

use crate::db::models::{new_id, now, School};
use crate::db::schema::schools;
use crate::db::Db;
use crate::demo;
use crate::error::AppError;
use crate::services::users;
use diesel::prelude::*;
use hocba_core::api::Role;

/// What the first start did, for the console.
#[derive(Debug)]
pub enum FirstStart {
    AlreadySetUp,
    Demo,
    Admin { password: String },
}

fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    rand::fill(&mut bytes);
    bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect()
}

pub fn first_start(db: &Db, with_demo: bool) -> Result<FirstStart, AppError> {
    if !db.read(demo::database_is_empty)? {
        return Ok(FirstStart::AlreadySetUp);
    }
    let school_id = new_id();
    if with_demo {
        let accounts = demo::prepare_accounts(&school_id)?;
        db.write(|c| demo::seed(c, &school_id, &accounts))?;
        return Ok(FirstStart::Demo);
    }
    let password = random_password();
    let admin = users::new_user(&school_id, "admin", &password, "Quản trị hệ thống", Role::Admin)?;
    db.write(|c| {
        diesel::insert_into(schools::table)
            .values(&School {
                id: school_id.clone(),
                name: "Trường tiểu học (chưa đặt tên)".into(),
                code: String::new(),
                commune: String::new(),
                district: String::new(),
                province: String::new(),
                principal_name: String::new(),
                created_at: now(),
            })
            .execute(c)?;
        users::insert_user(c, &admin)
    })?;
    Ok(FirstStart::Admin { password })
}

/// The school's name, for the signing certificate.
pub fn school_name(db: &Db) -> Result<String, AppError> {
    db.read(|c| Ok(schools::table.select(schools::name).order(schools::created_at.asc()).first::<String>(c)?))
}
