//! Authentication: argon2id password hashes (checked on their own workers: `hashing`), the
//! throttle of failed sign-ins (`throttle`, `guard`), JWT sessions (idle-limited for staff,
//! renewed while used, ended by logout: `sessions`), and the `CurrentUser` extractor.

pub mod extractor;
pub mod guard;
pub mod hashing;
pub mod jwt;
pub mod password;
pub mod sessions;
pub mod throttle;

pub use extractor::{CurrentUser, SessionCache, SESSIONS_KEPT};
pub use guard::SignInGuard;
pub use jwt::{Claims, Keys, SESSION_COOKIE};
