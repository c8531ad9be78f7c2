//! Typed settings, layered: defaults → optional `hocba.toml` → `HOCBA_*` environment variables →
//! command-line flags. Secrets are `SecretString` so `Debug` masks them.

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA_DIR: &str = "./data";
pub const DEFAULT_ANSWER_CACHE_MB: usize = 64;

#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on (`HOCBA_BIND`).
    pub bind: String,
    /// Folder for the SQLite database, the JWT secret and the signing keys (`HOCBA_DATA_DIR`).
    pub data_dir: PathBuf,
    /// `postgres://…` or a SQLite path; defaults to `<data_dir>/hocba.sqlite3` (`HOCBA_DATABASE_URL`).
    pub database_url: Option<SecretString>,
    /// A PostgreSQL streaming replica of `database_url` for the reads that may lag a moment
    /// behind (the dashboard, the parent's results, verification by code); unset: every read goes to
    /// `database_url` (`HOCBA_DATABASE_READ_URL`).
    pub database_read_url: Option<SecretString>,
    /// A direct PostgreSQL connection to the primary of `database_url` for the server's one
    /// listening session (see `db::epoch_mirror`), when `database_url` goes through a pooler in
    /// transaction mode; unset: `database_url` (`HOCBA_DATABASE_WATCH_URL`).
    pub database_watch_url: Option<SecretString>,
    /// JWT signing secret; generated into `<data_dir>/jwt-secret` when unset (`HOCBA_JWT_SECRET`).
    pub jwt_secret: Option<SecretString>,
    /// Encrypts the signers' private keys stored in the database; generated into
    /// `<data_dir>/signing-key-secret` when unset, which production should not rely on: set it outside
    /// the data folder (`HOCBA_SIGNING_KEY_SECRET`, at least 32 random characters).
    pub signing_key_secret: Option<SecretString>,
    /// A file holding `signing_key_secret` (a systemd or container credential); refused inside the
    /// data folder (`HOCBA_SIGNING_KEY_SECRET_FILE`).
    pub signing_key_secret_file: Option<PathBuf>,
    /// Allow the generated secret in `<data_dir>/signing-key-secret` outside the demo: without a
    /// secret set elsewhere the server refuses to start otherwise (`HOCBA_SIGNING_KEY_SECRET_IN_DATA_DIR`).
    pub signing_key_secret_in_data_dir: bool,
    /// Lifetime of a login, in hours, however active it stays (`HOCBA_SESSION_HOURS`).
    pub session_hours: i64,
    /// A staff session ends after this many minutes without a request (`HOCBA_IDLE_MINUTES`).
    pub idle_minutes: i64,
    /// Mark the session cookie `Secure` (set behind HTTPS) (`HOCBA_SECURE_COOKIE`).
    pub secure_cookie: bool,
    /// The server's public address (`https://truong.example`), printed in the verification links
    /// and QR codes of issued documents (`HOCBA_PUBLIC_URL`). Issuing refuses to run without it
    /// (409 `public_url_missing`); `serve --demo` sets it to the bound address.
    pub public_url: Option<String>,
    /// A folder with a school's copy of the học bạ template (`hoc-ba-tt27.toml` and its fonts);
    /// the bundled template when unset (`HOCBA_PDF_TEMPLATE_DIR`). See docs/hoc-ba-template.md.
    pub pdf_template_dir: Option<PathBuf>,
    /// An RFC 3161 timestamp authority (`http://…`): when set, every signature gets a timestamp
    /// (PAdES B-T) (`HOCBA_TSA_URL`).
    pub tsa_url: Option<String>,
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-For` headers name the client
    /// (`HOCBA_TRUSTED_PROXIES`, comma-separated addresses); from anyone else those headers are
    /// ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Memory for answers kept between requests (a pupil's results, a grid, the dashboard, the
    /// home), in MiB; 0 computes every answer (`HOCBA_ANSWER_CACHE_MB`).
    pub answer_cache_mb: usize,
    /// Seed the demo school into an empty database.
    pub demo: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            bind: DEFAULT_BIND.to_string(),
            data_dir: PathBuf::from(DEFAULT_DATA_DIR),
            database_url: None,
            database_read_url: None,
            database_watch_url: None,
            jwt_secret: None,
            signing_key_secret: None,
            signing_key_secret_file: None,
            signing_key_secret_in_data_dir: false,
            session_hours: 12,
            idle_minutes: 30,
            secure_cookie: false,
            public_url: None,
            pdf_template_dir: None,
            tsa_url: None,
            trusted_proxies: Vec::new(),
            answer_cache_mb: DEFAULT_ANSWER_CACHE_MB,
            demo: false,
        }
    }
}

/// The optional `hocba.toml`; every key is optional. See `hocba.example.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    bind: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<SecretString>,
    database_read_url: Option<SecretString>,
    database_watch_url: Option<SecretString>,
    jwt_secret: Option<SecretString>,
    signing_key_secret: Option<SecretString>,
    signing_key_secret_file: Option<PathBuf>,
    signing_key_secret_in_data_dir: Option<bool>,
    session_hours: Option<i64>,
    idle_minutes: Option<i64>,
    secure_cookie: Option<bool>,
    public_url: Option<String>,
    pdf_template_dir: Option<PathBuf>,
    tsa_url: Option<String>,
    trusted_proxies: Option<Vec<std::net::IpAddr>>,
    answer_cache_mb: Option<usize>,
}

/// Values given on the command line (they win over everything else).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub config_file: Option<PathBuf>,
    pub bind: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub demo: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("invalid settings file {path}: {source}")]
    Parse { path: PathBuf, source: Box<toml::de::Error> },
    #[error("invalid value of {name}: {value:?}")]
    Env { name: &'static str, value: String },
}

impl Settings {
    /// Reads the layers from the real environment.
    pub fn load(overrides: &Overrides) -> Result<Settings, SettingsError> {
        Self::load_from(overrides, |name| std::env::var(name).ok())
    }

    /// Reads the layers with `env` standing for the environment (tests pass their own).
    pub fn load_from(overrides: &Overrides, env: impl Fn(&str) -> Option<String>) -> Result<Settings, SettingsError> {
        let mut s = Settings::default();
        let explicit = overrides.config_file.clone().or_else(|| env("HOCBA_CONFIG").map(PathBuf::from));
        let file = explicit.clone().unwrap_or_else(|| PathBuf::from("hocba.toml"));
        if explicit.is_some() || file.exists() {
            s.apply_file(&file)?;
        }
        if let Some(v) = env("HOCBA_BIND") {
            s.bind = v;
        }
        if let Some(v) = env("HOCBA_DATA_DIR") {
            s.data_dir = PathBuf::from(v);
        }
        if let Some(v) = env("HOCBA_DATABASE_URL") {
            s.database_url = Some(SecretString::from(v));
        }
        if let Some(v) = env("HOCBA_DATABASE_READ_URL") {
            s.database_read_url = Some(SecretString::from(v));
        }
        if let Some(v) = env("HOCBA_DATABASE_WATCH_URL") {
            s.database_watch_url = Some(SecretString::from(v));
        }
        if let Some(v) = env("HOCBA_JWT_SECRET") {
            s.jwt_secret = Some(SecretString::from(v));
        }
        if let Some(v) = env("HOCBA_SIGNING_KEY_SECRET") {
            s.signing_key_secret = Some(SecretString::from(v));
        }
        if let Some(v) = env("HOCBA_SESSION_HOURS") {
            s.session_hours = v.parse().map_err(|_| SettingsError::Env { name: "HOCBA_SESSION_HOURS", value: v })?;
        }
        if let Some(v) = env("HOCBA_SIGNING_KEY_SECRET_FILE") {
            s.signing_key_secret_file = Some(PathBuf::from(v));
        }
        if let Some(v) = env("HOCBA_SIGNING_KEY_SECRET_IN_DATA_DIR") {
            s.signing_key_secret_in_data_dir =
                parse_bool(&v).ok_or(SettingsError::Env { name: "HOCBA_SIGNING_KEY_SECRET_IN_DATA_DIR", value: v })?;
        }
        if let Some(v) = env("HOCBA_IDLE_MINUTES") {
            s.idle_minutes = v.parse().map_err(|_| SettingsError::Env { name: "HOCBA_IDLE_MINUTES", value: v })?;
        }
        if let Some(v) = env("HOCBA_SECURE_COOKIE") {
            s.secure_cookie = parse_bool(&v).ok_or(SettingsError::Env { name: "HOCBA_SECURE_COOKIE", value: v })?;
        }
        if let Some(v) = env("HOCBA_PUBLIC_URL") {
            s.public_url = Some(v);
        }
        if let Some(v) = env("HOCBA_TSA_URL") {
            s.tsa_url = Some(v);
        }
        if let Some(v) = env("HOCBA_TRUSTED_PROXIES") {
            s.trusted_proxies = v
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::parse)
                .collect::<Result<_, _>>()
                .map_err(|_| SettingsError::Env { name: "HOCBA_TRUSTED_PROXIES", value: v.clone() })?;
        }
        if let Some(v) = env("HOCBA_ANSWER_CACHE_MB") {
            s.answer_cache_mb =
                v.trim().parse().map_err(|_| SettingsError::Env { name: "HOCBA_ANSWER_CACHE_MB", value: v })?;
        }
        if let Some(v) = env("HOCBA_PDF_TEMPLATE_DIR") {
            s.pdf_template_dir = Some(PathBuf::from(v));
        }
        if let Some(v) = &overrides.bind {
            s.bind = v.clone();
        }
        if let Some(v) = &overrides.data_dir {
            s.data_dir = v.clone();
        }
        if let Some(v) = &overrides.database_url {
            s.database_url = Some(SecretString::from(v.clone()));
        }
        s.demo = overrides.demo;
        Ok(s)
    }

    fn apply_file(&mut self, path: &Path) -> Result<(), SettingsError> {
        let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Read { path: path.into(), source })?;
        let f: FileSettings = toml::from_str(&text)
            .map_err(|source| SettingsError::Parse { path: path.into(), source: Box::new(source) })?;
        if let Some(v) = f.bind {
            self.bind = v;
        }
        if let Some(v) = f.data_dir {
            self.data_dir = v;
        }
        if f.database_url.is_some() {
            self.database_url = f.database_url;
        }
        if f.database_read_url.is_some() {
            self.database_read_url = f.database_read_url;
        }
        if f.database_watch_url.is_some() {
            self.database_watch_url = f.database_watch_url;
        }
        if f.jwt_secret.is_some() {
            self.jwt_secret = f.jwt_secret;
        }
        if f.signing_key_secret.is_some() {
            self.signing_key_secret = f.signing_key_secret;
        }
        if let Some(v) = f.signing_key_secret_file {
            self.signing_key_secret_file = Some(v);
        }
        if let Some(v) = f.signing_key_secret_in_data_dir {
            self.signing_key_secret_in_data_dir = v;
        }
        if let Some(v) = f.idle_minutes {
            self.idle_minutes = v;
        }
        if let Some(v) = f.session_hours {
            self.session_hours = v;
        }
        if let Some(v) = f.secure_cookie {
            self.secure_cookie = v;
        }
        if f.public_url.is_some() {
            self.public_url = f.public_url;
        }
        if f.tsa_url.is_some() {
            self.tsa_url = f.tsa_url;
        }
        if f.pdf_template_dir.is_some() {
            self.pdf_template_dir = f.pdf_template_dir;
        }
        if let Some(v) = f.trusted_proxies {
            self.trusted_proxies = v;
        }
        if let Some(v) = f.answer_cache_mb {
            self.answer_cache_mb = v;
        }
        Ok(())
    }

    /// The database URL in effect (the SQLite file in the data folder by default).
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.expose_secret().to_string(),
            None => self.data_dir.join("hocba.sqlite3").to_string_lossy().into_owned(),
        }
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn environment_overrides_defaults_and_flags_override_environment() {
        let env: HashMap<&str, &str> =
            [("HOCBA_BIND", "0.0.0.0:9000"), ("HOCBA_DATA_DIR", "/srv/hocba"), ("HOCBA_JWT_SECRET", "s3cret")].into();
        let s =
            Settings::load_from(&Overrides::default(), |k| env.get(k).map(|v| v.to_string())).expect("settings load");
        assert_eq!(s.bind, "0.0.0.0:9000");
        assert_eq!(s.database_url(), "/srv/hocba/hocba.sqlite3");
        assert!(!format!("{s:?}").contains("s3cret"), "secrets are masked in Debug");
        let signing = |k: &str| (k == "HOCBA_SIGNING_KEY_SECRET").then(|| "k".repeat(40));
        let s = Settings::load_from(&Overrides::default(), signing).expect("settings load");
        assert_eq!(s.signing_key_secret.as_ref().map(|v| v.expose_secret().len()), Some(40));
        let flags = Overrides { bind: Some("127.0.0.1:0".into()), ..Default::default() };
        let s = Settings::load_from(&flags, |k| env.get(k).map(|v| v.to_string())).expect("settings load");
        assert_eq!(s.bind, "127.0.0.1:0");
    }

    #[test]
    fn bad_environment_value_is_an_error() {
        let r =
            Settings::load_from(&Overrides::default(), |k| (k == "HOCBA_SESSION_HOURS").then(|| "many".to_string()));
        assert!(r.is_err());
        let r = Settings::load_from(&Overrides::default(), |k| (k == "HOCBA_ANSWER_CACHE_MB").then(|| "-1".into()));
        assert!(r.is_err(), "a negative cache size is refused");
    }

    #[test]
    fn the_answer_cache_size_is_read_and_may_be_zero() {
        assert_eq!(Settings::default().answer_cache_mb, 64);
        let s = Settings::load_from(&Overrides::default(), |k| (k == "HOCBA_ANSWER_CACHE_MB").then(|| "0".into()))
            .expect("settings load");
        assert_eq!(s.answer_cache_mb, 0);
    }
}
