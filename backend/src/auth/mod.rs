//! Authentication: argon2id password hashes, JWT sessions, and the `CurrentUser` extractor.

pub mod extractor;
pub mod jwt;
pub mod password;

pub use extractor::CurrentUser;
pub use jwt::{Claims, Keys, SESSION_COOKIE};
