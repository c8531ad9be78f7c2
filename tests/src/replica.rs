//! Two throwaway PostgreSQL clusters on free loopback ports: a primary and its streaming replica
//! (`pg_basebackup -R`), from the machine's PostgreSQL binaries, run as the `postgres` user when
//! the tests run as root. Stopped and removed when dropped.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    pub port: u16,
    _dir: Option<tempfile::TempDir>,
}

/// The newest PostgreSQL server binaries of the machine (`/usr/lib/postgresql/<v>/bin`).
fn binaries() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("pg_ctl").exists())
        .collect();
    versions.sort();
    versions.pop()
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

/// Runs a PostgreSQL program (as `postgres` when root: the server refuses to run as root).
fn pg(bin: &Path, program: &str, args: &[&str]) {
    let path = bin.join(program);
    let out = if is_root() {
        Command::new("runuser").args(["-u", "postgres", "--"]).arg(&path).args(args).output()
    } else {
        Command::new(&path).args(args).output()
    }
    .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A folder the `postgres` user may write.
fn folder_for_postgres(path: &Path) {
    std::fs::create_dir_all(path).expect("folder");
    if is_root() {
        let status = Command::new("chown").args(["-R", "postgres:postgres"]).arg(path).status().expect("chown");
        assert!(status.success(), "chown postgres");
    }
}

impl Cluster {
    /// A new primary with streaming replication allowed; `None` when the machine has no
    /// PostgreSQL server binaries (outside CI).
    pub fn primary() -> Option<Cluster> {
        let bin = binaries()?;
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let data = dir.path().join("primary");
        folder_for_postgres(&data);
        let data_s = data.to_string_lossy().into_owned();
        pg(
            &bin,
            "initdb",
            &["-D", &data_s, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-locale"],
        );
        let port = free_port();
        let conf = format!(
            "listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{data_s}'\n\
             wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\nfsync = off\nsynchronous_commit = off\n"
        );
        std::fs::write(data.join("postgresql.auto.conf"), conf).expect("primary settings");
        let cluster = Cluster { bin, data, port, _dir: Some(dir) };
        cluster.start();
        Some(cluster)
    }

    /// A hot-standby streaming replica of `primary`, in the primary's folder.
    pub fn replica_of(primary: &Cluster) -> Cluster {
        let data = primary.data.with_file_name("replica");
        folder_for_postgres(&data);
        let data_s = data.to_string_lossy().into_owned();
        let port_s = primary.port.to_string();
        pg(
            &primary.bin,
            "pg_basebackup",
            &["-h", "127.0.0.1", "-p", &port_s, "-U", "postgres", "-D", &data_s, "-R", "-X", "stream", "-c", "fast"],
        );
        // The server refuses a data folder others may read.
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).expect("chmod");
        let port = free_port();
        let auto = std::fs::read_to_string(data.join("postgresql.auto.conf")).expect("replica settings");
        let auto = auto
            .lines()
            .filter(|l| !l.starts_with("port") && !l.starts_with("unix_socket_directories"))
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(
            data.join("postgresql.auto.conf"),
            format!("{auto}\nport = {port}\nunix_socket_directories = '{data_s}'\n"),
        )
        .expect("replica settings");
        let cluster = Cluster { bin: primary.bin.clone(), data, port, _dir: None };
        cluster.start();
        cluster
    }

    fn start(&self) {
        let data = self.data.to_string_lossy().into_owned();
        let log = format!("{data}/server.log");
        let started =
            std::panic::catch_unwind(|| pg(&self.bin, "pg_ctl", &["-D", &data, "-l", &log, "-w", "-t", "60", "start"]));
        if started.is_err() {
            panic!("PostgreSQL did not start: {}", std::fs::read_to_string(&log).unwrap_or_default());
        }
    }

    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// Runs SQL on `database` and answers the first column of the first row (`psql -Atc`).
    pub fn query(&self, database: &str, sql: &str) -> String {
        let out = Command::new("psql")
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-U", "postgres", "-d", database, "-Atc", sql])
            .output()
            .expect("psql");
        assert!(out.status.success(), "psql {sql}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or_default().to_string()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data.to_string_lossy().into_owned();
        let path = self.bin.join("pg_ctl");
        let args = ["-D", data.as_str(), "-m", "immediate", "-w", "stop"];
        let _ = if is_root() {
            Command::new("runuser").args(["-u", "postgres", "--"]).arg(&path).args(args).output()
        } else {
            Command::new(&path).args(args).output()
        };
    }
}
