//! Project tasks: `cargo xtask test` installs what the tests need when it is missing
//! (the wasm target, Debian's chromium and poppler-utils, Node.js, playwright-core in
//! tests/browser) and then runs every test of the workspace.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

fn run(cmd: &mut Command) -> Result<(), String> {
    eprintln!("xtask: {cmd:?}");
    let status = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed with {status}"))
    }
}

fn have(program: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn ensure_wasm_target() -> Result<(), String> {
    let out = Command::new("rustc")
        .args(["--print", "target-libdir", "--target", "wasm32-unknown-unknown"])
        .output()
        .map_err(|e| format!("rustc: {e}"))?;
    let dir = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && Path::new(&dir).exists() {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// Installs Debian packages for the programs that are missing.
fn ensure_debian_packages() -> Result<(), String> {
    let wanted = [
        ("chromium", "chromium"),
        ("pdfsig", "poppler-utils"),
        ("pdftotext", "poppler-utils"),
        ("node", "nodejs"),
        ("npm", "npm"),
    ];
    let mut missing: Vec<&str> = wanted.iter().filter(|(prog, _)| !have(prog)).map(|(_, pkg)| *pkg).collect();
    missing.dedup();
    if missing.is_empty() {
        return Ok(());
    }
    let sudo = |args: &[&str]| {
        let mut c = if have("sudo") && !is_root() { Command::new("sudo") } else { Command::new(args[0]) };
        if have("sudo") && !is_root() {
            c.arg(args[0]);
        }
        c.args(&args[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    run(&mut sudo(&["apt-get", "update", "-qq"]))?;
    let mut args = vec!["apt-get", "install", "-y", "-qq", "--no-install-recommends"];
    args.extend(missing.iter().copied());
    run(&mut sudo(&args))
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

fn ensure_playwright(root: &Path) -> Result<(), String> {
    let dir = root.join("tests/browser");
    if dir.join("node_modules/playwright-core/package.json").exists() {
        return Ok(());
    }
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir))
}

fn test(extra: &[String]) -> Result<(), String> {
    let root = root();
    ensure_wasm_target()?;
    ensure_debian_packages()?;
    ensure_playwright(&root)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(Command::new(&cargo).args(["test", "--workspace"]).args(extra).current_dir(&root))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(&args[1..]),
        _ => Err("usage: cargo xtask test [cargo test arguments]".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
