//! First start: either the demo school, or a bare school with one `admin` account whose random
//! one-time password is written to a file only the server's user can read (never to the console
//! or a log), to be changed at the first sign-in.

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
    /// The admin's one-time password is in `password_file` (mode 0600).
    Admin {
        password_file: std::path::PathBuf,
    },
}

/// The file, in the data folder, with the first admin's one-time password.
pub const ADMIN_PASSWORD_FILE: &str = "admin-password.txt";

fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    rand::fill(&mut bytes);
    bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect()
}

pub fn first_start(db: &Db, with_demo: bool, data_dir: &std::path::Path) -> Result<FirstStart, AppError> {
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
    let mut admin = users::new_user(&school_id, "admin", &password, "Quản trị hệ thống", Role::Admin)?;
    admin.must_change_password = true;
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
    let password_file = data_dir.join(ADMIN_PASSWORD_FILE);
    let text = format!(
        "Tên đăng nhập: admin\nMật khẩu dùng một lần: {password}\n\
         Lần đăng nhập đầu tiên sẽ yêu cầu đổi mật khẩu. Xoá tệp này sau khi đã đổi.\n"
    );
    crate::fsutil::write_private(&password_file, text.as_bytes()).map_err(|e| AppError::Internal(e.into()))?;
    Ok(FirstStart::Admin { password_file })
}

/// The school's name, for the signing certificate.
pub fn school_name(db: &Db) -> Result<String, AppError> {
    db.read(|c| Ok(schools::table.select(schools::name).order(schools::created_at.asc()).first::<String>(c)?))
}
