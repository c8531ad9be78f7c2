//! `hocba backup` and `hocba restore`.
//!
//! A backup is a folder (mode 0700, files 0600) with a consistent copy of the database taken
//! while the server runs (`db::backup`), the secrets and keys of the data folder (the session
//! secret, the demo's key secret and test timestamp authority when they are there), the settings
//! file when one is used, and `backup.json`: what each file is, its size and SHA-256. A key secret
//! kept outside the data folder (as production should) is not copied: keep it safe separately,
//! without it the signing keys in the backup cannot be opened.
//!
//! `hocba restore` checks every file against `backup.json` first, refuses a database that already
//! holds a school unless `--force`, puts the database back (SQLite: the file replaced as a
//! whole; PostgreSQL: `pg_restore` in one transaction), the files into the data folder, applies
//! pending migrations and checks the audit chain.

use crate::db::Db;
use crate::settings::Settings;
use anyhow::Context;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The manifest's file name.
pub const MANIFEST: &str = "backup.json";
/// The manifest's format version.
const FORMAT: u32 = 1;
/// Files and folders of the data folder a backup carries (when they exist).
const DATA_FILES: &[&str] = &["jwt-secret", "signing-key-secret", "tsa-ca.pem", "test-tsa"];
const SQLITE_FILE: &str = "hocba.sqlite3";
const POSTGRES_FILE: &str = "hocba.pgdump";
const SETTINGS_FILE: &str = "hocba.toml";

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub hocba_version: String,
    pub created_at: String,
    /// `sqlite` or `postgresql`.
    pub database: String,
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct FileEntry {
    /// Relative to the backup folder, `/`-separated.
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

fn sha256_file(path: &Path) -> anyhow::Result<(u64, String)> {
    let bytes = std::fs::read(path).with_context(|| format!("đọc {}", path.display()))?;
    Ok((bytes.len() as u64, hex::encode(Sha256::digest(&bytes))))
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, base, out)?;
        } else {
            out.push(path.strip_prefix(base)?.to_path_buf());
        }
    }
    Ok(())
}

/// Copies `from` into `to` (a file, or a folder with what it holds), private to the owner.
fn copy_private(from: &Path, to: &Path) -> anyhow::Result<()> {
    if from.is_dir() {
        crate::fsutil::private_dir(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy_private(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        let bytes = std::fs::read(from).with_context(|| format!("đọc {}", from.display()))?;
        crate::fsutil::write_private(to, &bytes).with_context(|| format!("ghi {}", to.display()))?;
        Ok(())
    }
}

/// `hocba backup --out DIR`: answers the manifest written.
pub fn backup(settings: &Settings, config_file: Option<&Path>, out: &Path) -> anyhow::Result<Manifest> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        anyhow::bail!("Thư mục {} đã có dữ liệu: hãy chọn một thư mục mới cho bản sao lưu.", out.display());
    }
    crate::fsutil::private_dir(out)?;
    let url = settings.database_url();
    let db = Db::open(&url)?;
    let (kind, db_file) = match db.backend() {
        crate::db::connection::Backend::Sqlite => ("sqlite", SQLITE_FILE),
        crate::db::connection::Backend::Postgres => ("postgresql", POSTGRES_FILE),
    };
    crate::db::backup::snapshot(&db, &url, &out.join(db_file))?;
    crate::fsutil::restrict(&[out.join(db_file)])?;
    for name in DATA_FILES {
        let from = settings.data_dir.join(name);
        if from.exists() {
            copy_private(&from, &out.join("data").join(name))?;
        }
    }
    let settings_file = config_file.map(Path::to_path_buf).or_else(|| {
        let local = PathBuf::from(SETTINGS_FILE);
        local.exists().then_some(local)
    });
    if let Some(file) = settings_file {
        copy_private(&file, &out.join(SETTINGS_FILE))?;
    }
    let mut paths = Vec::new();
    files_under(out, out, &mut paths)?;
    let mut files = Vec::new();
    for rel in paths {
        let (bytes, sha256) = sha256_file(&out.join(&rel))?;
        files.push(FileEntry { path: rel.to_string_lossy().replace('\\', "/"), bytes, sha256 });
    }
    let manifest = Manifest {
        format: FORMAT,
        hocba_version: env!("CARGO_PKG_VERSION").to_string(),
        created_at: chrono::Utc::now().to_rfc3339(),
        database: kind.to_string(),
        files,
    };
    crate::fsutil::write_private(&out.join(MANIFEST), &serde_json::to_vec_pretty(&manifest)?)?;
    Ok(manifest)
}

/// Reads `backup.json` and checks every file it lists (size and SHA-256) and that nothing is missing.
pub fn checked_manifest(from: &Path) -> anyhow::Result<Manifest> {
    let text = std::fs::read(from.join(MANIFEST))
        .with_context(|| format!("{} không phải bản sao lưu của hocba (thiếu {MANIFEST})", from.display()))?;
    let manifest: Manifest = serde_json::from_slice(&text).with_context(|| format!("{MANIFEST} hỏng"))?;
    if manifest.format != FORMAT {
        anyhow::bail!("Bản sao lưu dạng {} chưa được hỗ trợ (phiên bản này đọc dạng {FORMAT}).", manifest.format);
    }
    for f in &manifest.files {
        if f.path.split('/').any(|part| part == ".." || part.is_empty()) {
            anyhow::bail!("{MANIFEST} có đường dẫn không hợp lệ: {}", f.path);
        }
        let path = from.join(&f.path);
        let (bytes, sha256) = sha256_file(&path).with_context(|| format!("Bản sao lưu thiếu tệp {}", f.path))?;
        if bytes != f.bytes || sha256 != f.sha256 {
            anyhow::bail!(
                "Tệp {} của bản sao lưu đã bị thay đổi hoặc hỏng (SHA-256 không khớp): không khôi phục.",
                f.path
            );
        }
    }
    Ok(manifest)
}

/// What a restore did.
pub struct Restored {
    pub audit_entries: usize,
    pub database: String,
}

/// `hocba restore DIR [--force]`.
pub fn restore(settings: &Settings, from: &Path, force: bool) -> anyhow::Result<Restored> {
    let manifest = checked_manifest(from)?;
    let url = settings.database_url();
    let target_is_postgres = url.starts_with("postgres");
    match (manifest.database.as_str(), target_is_postgres) {
        ("sqlite", false) | ("postgresql", true) => {}
        (kind, _) => anyhow::bail!(
            "Bản sao lưu là cơ sở dữ liệu {kind}, nơi khôi phục là {}: hãy khôi phục vào cùng loại cơ sở dữ liệu.",
            if target_is_postgres { "postgresql" } else { "sqlite" }
        ),
    }
    crate::fsutil::private_dir(&settings.data_dir)?;
    // A database that already holds a school is replaced only when asked.
    let has_school = if target_is_postgres || Path::new(&url).exists() {
        let db = Db::open(&url)?;
        !db.read(crate::demo::database_is_empty)?
    } else {
        false
    };
    if has_school && !force {
        anyhow::bail!(
            "Cơ sở dữ liệu đích đã có dữ liệu của một trường: thêm --force để thay toàn bộ bằng bản sao lưu \
             (hãy dừng máy chủ trước)."
        );
    }
    if target_is_postgres {
        crate::db::backup::restore_postgres(&url, &from.join(POSTGRES_FILE))?;
    } else {
        // Written beside, then renamed over: the database is the old one or the new one, never half.
        let target = PathBuf::from(&url);
        let staged = target.with_extension("restoring");
        copy_private(&from.join(SQLITE_FILE), &staged)?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{url}{suffix}"));
        }
        std::fs::rename(&staged, &target).with_context(|| format!("thay {}", target.display()))?;
    }
    let data_prefix = "data/";
    for f in manifest.files.iter().filter(|f| f.path.starts_with(data_prefix)) {
        let rel = &f.path[data_prefix.len()..];
        copy_private(&from.join(&f.path), &settings.data_dir.join(rel))?;
    }
    let db = Db::open(&url)?;
    let audit_entries = match db.read(crate::services::audit::verify_chain)? {
        Ok(n) => n,
        Err(seq) => {
            anyhow::bail!("Đã khôi phục, nhưng nhật kí kiểm tra không toàn vẹn: mục số {seq} không khớp chuỗi băm.")
        }
    };
    Ok(Restored { audit_entries, database: manifest.database })
}
