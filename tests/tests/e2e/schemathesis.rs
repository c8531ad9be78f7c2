//! Schemathesis (PyPI) against the running server, with a principal's and a teacher's token:
//! every default check (no server error, answers as described: status codes, content types,
//! bodies, `Allow` on 405) over every operation but the three that would end the session it
//! tests with. Bounded in time; the seed is fixed so a failure can be replayed
//! (`st replay <id>` in the printed report). Configuration: tests/schemathesis/schemathesis.toml.

use hocba_tests::{Db, TestApp};
use std::path::PathBuf;
use std::process::Command;

/// Seconds of testing per token.
const SECONDS_PER_TOKEN: &str = "60";

fn schemathesis() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let bin = std::env::var_os("HOCBA_PYHANKO_PYTHON")
        .map(PathBuf::from)
        .and_then(|p| p.parent().map(|d| d.join("schemathesis")))
        .unwrap_or_else(|| root.join(".venv-tools/bin/schemathesis"));
    if bin.exists() {
        return Some(bin);
    }
    assert!(std::env::var_os("CI").is_none(), "schemathesis is missing at {} and CI is set", bin.display());
    eprintln!("SKIPPED: schemathesis not installed ({}); `cargo xtask test` installs it", bin.display());
    None
}

#[tokio::test]
async fn schemathesis_finds_no_server_error_and_no_departure_from_the_description() {
    let Some(bin) = schemathesis() else { return };
    let config = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemathesis/schemathesis.toml");
    for user in ["hieutruong", "gvcn5a"] {
        // A school of its own per token: the principal's run deactivates and resets accounts.
        let app = TestApp::spawn(Db::Sqlite).await.expect("app");
        let token = app.login(user).await;
        let (bin, config, url) = (bin.clone(), config.clone(), app.url("/api/openapi.json"));
        let out = tokio::task::spawn_blocking(move || {
            // Schemathesis keeps a cache in its working folder: a temporary one, not the repository.
            let scratch = tempfile::tempdir().expect("scratch folder");
            Command::new(bin)
                .current_dir(scratch.path())
                .arg("--config-file")
                .arg(config)
                .args(["run", &url, "-H", &format!("Authorization: Bearer {token}")])
                .args(["--max-time", SECONDS_PER_TOKEN, "--workers", "1", "--seed", "2026"])
                .args(["--exclude-path-regex", "/api/auth/(logout|logout-all|password)$"])
                .env("NO_COLOR", "1")
                .output()
                .expect("schemathesis runs")
        })
        .await
        .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let summary: Vec<&str> = text.lines().filter(|l| l.contains("generated") || l.contains("Tested:")).collect();
        eprintln!("schemathesis as {user}: {}", summary.join(" | "));
        assert!(
            out.status.success(),
            "schemathesis as {user} failed:\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
