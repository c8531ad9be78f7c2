//! `cargo xtask bench reach`: the app on a weak mobile link (Chromium, 1.6 Mbps down, 750 kbps up,
//! 300 ms latency): bytes transferred and time until the person sees what they came for — the
//! parent their child's latest result, a stranger the verification page, the homeroom teacher a
//! grid ready to type in — with a cold cache and again with a warm one, against the goals.

use crate::bench_scale::{first_id_after, get, login, Server};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// (key prefix, what is measured, KB goal of the first view, seconds goal of the first view).
const VIEWS: [(&str, &str, f64, f64); 3] = [
    ("parent", "the parent: the child's latest result (`/hoc-sinh/{id}`)", 150.0, 2.5),
    ("verify", "a stranger: the verification page (`/verify`)", 150.0, 2.5),
    ("teacher", "the homeroom teacher: the cuối học kì I grid, ready to type", 350.0, 6.0),
];
/// Seconds goal of a repeat visit (warm cache).
const REPEAT_GOAL_S: f64 = 1.0;

pub fn run(root: &Path) -> Result<String, String> {
    crate::ensure_wasm_target()?;
    crate::ensure_debian_packages()?;
    crate::ensure_playwright(root)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // The real app: the release build with the web app embedded, as a school runs it.
    crate::run(Command::new(&cargo).args(["build", "--release", "-q", "-p", "hocba"]).current_dir(root))?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    let data = std::env::temp_dir().join(format!("hocba-bench-reach-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let result = (|| -> Result<BTreeMap<String, f64>, String> {
        let server = Server::start(Command::new(target.join("release/hocba")).arg("--data").arg(&data).args([
            "serve",
            "--demo",
            "--bind",
            "127.0.0.1:0",
        ]))?;
        let api = |path: &str| format!("{}{path}", server.base);
        let parent = login(&api("/api/auth/login"), "phuhuynh")?;
        let pupil = first_id_after(&get(&api("/api/me"), &parent)?, "\"children\"").ok_or("the parent has no child")?;
        let teacher = login(&api("/api/auth/login"), "gvcn5a")?;
        let class =
            first_id_after(&get(&api("/api/me"), &teacher)?, "\"classes\"").ok_or("the teacher has no class")?;
        let out = crate::output(Command::new("node").arg(root.join("tests/browser/reach.mjs")).args([
            server.base.as_str(),
            pupil.as_str(),
            class.as_str(),
        ]))?;
        Ok(measures(&out))
    })();
    let _ = std::fs::remove_dir_all(&data);
    let m = result?;
    for (k, v) in &m {
        println!("{k} {v:.1}");
    }
    Ok(section(&m))
}

/// `key value` lines.
fn measures(out: &str) -> BTreeMap<String, f64> {
    out.lines()
        .filter_map(|l| l.split_once(' '))
        .filter_map(|(k, v)| v.trim().parse::<f64>().ok().map(|v| (k.to_string(), v)))
        .collect()
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "not met"
    }
}

fn section(m: &BTreeMap<String, f64>) -> String {
    let g = |k: &str| m.get(k).copied().unwrap_or(f64::NAN);
    let mut rows = String::new();
    for (key, what, kb_goal, s_goal) in VIEWS {
        let (kb, s) = (g(&format!("{key}_first_kb")), g(&format!("{key}_first_ms")) / 1000.0);
        let (again_kb, again_s) = (g(&format!("{key}_repeat_kb")), g(&format!("{key}_repeat_ms")) / 1000.0);
        rows.push_str(&format!(
            "| {what} | {kb:.0} KB / {s:.1} s | ≤ {kb_goal:.0} KB / ≤ {s_goal:.1} s: {} | {again_kb:.0} KB / {again_s:.1} s | ≤ {REPEAT_GOAL_S:.0} s: {} |\n",
            verdict(kb <= kb_goal && s <= s_goal),
            verdict(again_s <= REPEAT_GOAL_S),
        ));
    }
    let date = crate::output(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"])).unwrap_or_default();
    let chromium = crate::version_of("chromium", &["--version"]);
    format!(
        "## Reach: the app on a weak mobile link\n\n\
_Written by `cargo xtask bench reach` ({date}, release build with the web app embedded)._\n\n\
Chromium ({chromium}) at 360 × 740 px with the network emulated through the DevTools protocol at\n\
1.6 Mbps down, 750 kbps up and 300 ms latency (a commune's 3G), against `hocba serve --demo` on\n\
loopback. Each view first with an empty cache (the session cookie kept, as for someone who signed in\n\
before), then again with the cache warm. Transferred = the encoded bytes of every response of the view;\n\
time = from the navigation until what the person came for is visible.\n\n\
| view | first visit | goal | repeat visit | goal |\n|---|---:|---|---:|---|\n{rows}\n\
The script: `tests/browser/reach.mjs`.\n",
        date = date.trim(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_compares_each_view_with_its_goals() {
        let m = measures(
            "parent_first_kb 120.0\nparent_first_ms 2100\nparent_repeat_kb 3.0\nparent_repeat_ms 400\n\
             verify_first_kb 700\nverify_first_ms 5200\nverify_repeat_kb 1\nverify_repeat_ms 1300\nnoise\n",
        );
        assert_eq!(m.len(), 8);
        let s = section(&m);
        assert!(s.contains("| 120 KB / 2.1 s | ≤ 150 KB / ≤ 2.5 s: met | 3 KB / 0.4 s | ≤ 1 s: met |"), "{s}");
        assert!(s.contains("| 700 KB / 5.2 s | ≤ 150 KB / ≤ 2.5 s: not met | 1 KB / 1.3 s | ≤ 1 s: not met |"), "{s}");
    }
}
