//! A fresh PostgreSQL database per test, dropped afterwards.

use diesel::connection::SimpleConnection;

pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub struct TempDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let prefix = match base.rfind('/') {
        Some(i) if i > "postgres://".len() => &base[..i],
        _ => base,
    };
    format!("{prefix}/{name}{query}")
}

impl TempDatabase {
    /// Creates `hocba_test_<uuid>`. When the server is unreachable: panics under `CI`,
    /// otherwise prints why and answers `None` (the test is skipped).
    pub fn create() -> Option<TempDatabase> {
        let admin_url = std::env::var("HOCBA_TEST_PG_URL").unwrap_or_else(|_| DEFAULT_URL.to_string());
        let mut conn = match hocba::db::connection::establish(&admin_url) {
            Ok(c) => c,
            Err(e) => {
                if std::env::var_os("CI").is_some() {
                    panic!("PostgreSQL at HOCBA_TEST_PG_URL is unreachable and CI is set: {e}");
                }
                eprintln!("SKIPPED: PostgreSQL unreachable ({e}); set HOCBA_TEST_PG_URL");
                return None;
            }
        };
        let name = format!("hocba_test_{}", uuid::Uuid::now_v7().simple());
        conn.batch_execute(&format!("CREATE DATABASE {name}")).expect("create test database");
        Some(TempDatabase { url: with_database(&admin_url, &name), admin_url, name })
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        if let Ok(mut conn) = hocba::db::connection::establish(&self.admin_url) {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_name_is_replaced() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(with_database("postgres://u@h/db?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
    }
}
