//! The real Yew UI in Debian's headless Chromium, driven by Playwright (tests/browser).

use hocba_tests::{Db, TestApp};
use std::path::Path;
use std::process::Command;

#[tokio::test]
async fn teacher_and_parent_in_chromium() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("browser");
    assert!(
        dir.join("node_modules/playwright-core").exists(),
        "playwright-core is not installed in tests/browser: run `cargo xtask test` (it runs npm ci there)"
    );
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let base = app.base.clone();
    let shots = dir.join("screenshots");
    let out = tokio::task::spawn_blocking(move || {
        Command::new("node").arg("skeleton.mjs").arg(&base).arg(&shots).current_dir(&dir).output()
    })
    .await
    .unwrap()
    .expect("node runs (install nodejs)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "browser scenario failed:\n{stdout}\n{stderr}");
}
