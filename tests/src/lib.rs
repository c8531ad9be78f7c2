//! Test harness of hocba's end-to-end tests: the real application on port 0 with a fresh
//! database (SQLite file or a new PostgreSQL database) per test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod concurrency;
pub mod login_flood;
pub mod pdf_tools;
pub mod postgres;
pub mod replica;
pub mod sheets;
pub mod transfer;

use hocba::settings::Settings;
use hocba::startup::Application;
use serde_json::Value;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub database_url: String,
    pub data_dir: PathBuf,
    pub http: reqwest::Client,
    _dir: tempfile::TempDir,
    _pg: Option<postgres::TempDatabase>,
}

impl TestApp {
    /// Starts the app with the demo school on the given database; `None` when PostgreSQL is
    /// unreachable outside CI (in CI that is a failure).
    pub async fn spawn(db: Db) -> Option<TestApp> {
        TestApp::spawn_with(db, |_| {}).await
    }

    /// As [`TestApp::spawn`], with settings changed by `adjust` first.
    pub async fn spawn_with(db: Db, adjust: impl FnOnce(&mut Settings) + Send + 'static) -> Option<TestApp> {
        if std::env::var_os("TEST_LOG").is_some() {
            hocba::telemetry::init("info");
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let pg = match db {
            Db::Sqlite => None,
            Db::Postgres => Some(postgres::TempDatabase::create()?),
        };
        let database_url = match &pg {
            Some(p) => p.url.clone(),
            None => dir.path().join("hocba.sqlite3").to_string_lossy().into_owned(),
        };
        let mut settings = Settings {
            bind: "127.0.0.1:0".into(),
            data_dir: dir.path().to_path_buf(),
            database_url: Some(database_url.clone().into()),
            demo: true,
            ..Settings::default()
        };
        adjust(&mut settings);
        let app = tokio::task::spawn_blocking(move || Application::build(settings))
            .await
            .expect("join")
            .expect("application builds");
        let base = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        Some(TestApp {
            base,
            database_url,
            data_dir: dir.path().to_path_buf(),
            http: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client"),
            _dir: dir,
            _pg: pg,
        })
    }

    /// The detail (JSON) of the newest audit entry with `action`, read from the app's database.
    pub fn last_audit_detail(&self, action: &str) -> Value {
        use diesel::prelude::*;
        use hocba::db::schema::audit_log;
        let db = hocba::db::Db::open(&self.database_url).expect("the app's database");
        let detail: String = audit_log::table
            .filter(audit_log::action.eq(action))
            .order(audit_log::seq.desc())
            .select(audit_log::detail)
            .first(&mut *db.conn().expect("a connection"))
            .expect("an audit entry");
        serde_json::from_str(&detail).expect("JSON detail")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Posts a sign-in; the answer as it comes (200, 401, 429…).
    pub async fn sign_in(&self, username: &str, password: &str) -> reqwest::Response {
        self.http
            .post(self.url("/api/auth/login"))
            .json(&serde_json::json!({"username": username, "password": password}))
            .send()
            .await
            .expect("login request")
    }

    /// Logs in with the demo password and answers the bearer token.
    pub async fn login(&self, username: &str) -> String {
        let r = self.sign_in(username, "demo").await;
        assert_eq!(r.status(), 200, "login of {username}");
        let body: Value = r.json().await.expect("json");
        body["token"].as_str().expect("token").to_string()
    }

    /// A new teacher account made by the school manager `manager`: (its id, its one-time password).
    pub async fn new_teacher(&self, manager: &str, username: &str, full_name: &str) -> (String, String) {
        let body = serde_json::json!({"username": username, "full_name": full_name, "roles": ["teacher"]});
        let r = self.post(manager, "/api/admin/staff", body).await;
        assert_eq!(r.status(), 200, "a new teacher {username}");
        let issued: Value = r.json().await.expect("json");
        let field = |k: &str| issued[k].as_str().expect("issued password").to_string();
        (field("user_id"), field("password"))
    }

    pub async fn get(&self, token: &str, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).bearer_auth(token).send().await.expect("GET")
    }

    pub async fn get_json(&self, token: &str, path: &str) -> Value {
        let r = self.get(token, path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        r.json().await.expect("json")
    }

    pub async fn post(&self, token: &str, path: &str, body: Value) -> reqwest::Response {
        self.http.post(self.url(path)).bearer_auth(token).json(&body).send().await.expect("POST")
    }

    /// Uploads raw bytes (an import file).
    pub async fn upload(&self, token: &str, path: &str, bytes: Vec<u8>) -> reqwest::Response {
        self.http.post(self.url(path)).bearer_auth(token).body(bytes).send().await.expect("POST file")
    }

    pub async fn delete(&self, token: &str, path: &str) -> reqwest::Response {
        self.http.delete(self.url(path)).bearer_auth(token).send().await.expect("DELETE")
    }

    pub async fn put(&self, token: &str, path: &str, body: Value) -> reqwest::Response {
        self.http.put(self.url(path)).bearer_auth(token).json(&body).send().await.expect("PUT")
    }
}

/// Asserts an error answer: status, `error.code`, and (if given) `error.field`.
pub async fn assert_error(r: reqwest::Response, status: u16, code: &str, field: Option<&str>) -> Value {
    assert_eq!(r.status(), status);
    let body: Value = r.json().await.expect("error body is JSON");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    if let Some(f) = field {
        assert_eq!(body["error"]["field"], f, "{body}");
    }
    body
}
