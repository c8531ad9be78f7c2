//! Consistent copies of the database while the server runs, and putting one back.
//!
//! SQLite: `VACUUM INTO` writes a snapshot of one read transaction into a new file — every
//! committed write before it, none after, and the server keeps working meanwhile. PostgreSQL:
//! `pg_dump` in its custom format (one consistent snapshot), restored with `pg_restore` in a single
//! transaction.

use super::{Backend, Db, DbError};
use diesel::connection::SimpleConnection;
use std::path::Path;
use std::process::Command;

/// Writes a consistent copy of the database to `dest` (a new file).
pub fn snapshot(db: &Db, url: &str, dest: &Path) -> anyhow::Result<()> {
    match db.backend() {
        Backend::Sqlite => {
            let target = dest.to_str().ok_or_else(|| anyhow::anyhow!("the backup path must be UTF-8"))?;
            let quoted = target.replace('\'', "''");
            db.conn()?.batch_execute(&format!("VACUUM INTO '{quoted}'")).map_err(DbError::from)?;
            Ok(())
        }
        Backend::Postgres => run(Command::new("pg_dump")
            .args(["--format=custom", "--no-owner", "--file"])
            .arg(dest)
            .arg("--dbname")
            .arg(url)),
    }
}

/// Puts the PostgreSQL dump `src` into the database at `url`, replacing what it holds, in one
/// transaction (all or nothing).
pub fn restore_postgres(url: &str, src: &Path) -> anyhow::Result<()> {
    run(Command::new("pg_restore")
        .args(["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"])
        .arg("--dbname")
        .arg(url)
        .arg(src))
}

fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    let out =
        cmd.output().map_err(|e| anyhow::anyhow!("{program} could not be run ({e}): install postgresql-client"))?;
    if !out.status.success() {
        anyhow::bail!("{program} failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(())
}
