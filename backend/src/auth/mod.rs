//! Authentication: argon2id password hashes, JWT sessions (ended by logout: `sessions`), and the
//! `CurrentUser` extractor.

pub mod extractor;
pub mod jwt;
pub mod password;
pub mod sessions;

pub use extractor::CurrentUser;
pub use jwt::{Claims, Keys, SESSION_COOKIE};
