//! `cargo xtask bench concurrency`: a teacher's grid saves while a 3,000-row staff import and a
//! 30-pupil hand-over batch run, against the same saves with nothing else running, on SQLite and
//! PostgreSQL.

use crate::version_of;
use std::collections::BTreeMap;
use std::path::Path;

pub fn run(root: &Path) -> Result<String, String> {
    Ok(section(&crate::tests_bench(root, "concurrency", &[])?))
}

fn section(m: &BTreeMap<String, f64>) -> String {
    let g = |k: &str| m.get(k).copied().unwrap_or(f64::NAN);
    let mut table = String::new();
    let mut verdicts = Vec::new();
    for (kind, label) in [("sqlite", "SQLite"), ("postgres", "PostgreSQL")] {
        if !m.contains_key(&format!("{kind}_loaded_p99_ms")) {
            continue;
        }
        let ratio = g(&format!("{kind}_p99_ratio"));
        table.push_str(&format!(
            "| {label} | {:.1} | {:.1} | {:.1} | {:.1} | {:.0} | {:.0} | {ratio:.1}× | {:.0} s | {:.0} s |\n",
            g(&format!("{kind}_idle_p50_ms")),
            g(&format!("{kind}_idle_p99_ms")),
            g(&format!("{kind}_loaded_p50_ms")),
            g(&format!("{kind}_loaded_p99_ms")),
            g(&format!("{kind}_loaded_max_ms")),
            g(&format!("{kind}_loaded_saves")),
            g(&format!("{kind}_import_s")),
            g(&format!("{kind}_batch_s")),
        ));
        verdicts.push(format!("{label}: {}", if ratio <= 3.0 { "met" } else { "not met" }));
    }
    format!(
        "## Concurrency: a teacher's saves during an import and a hand-over batch\n\n\
_Written by `cargo xtask bench concurrency` ({date}, release build)._\n\n\
The real server on port 0 with the demo school, over HTTP. The homeroom teacher of 4A saves one cell of\n\
the cuối học kì I grid (`PUT /api/classes/{{id}}/periods/cuoi_hk1/pupils/{{pupil}}`) every 150 ms: 50 times with\n\
nothing else running (**idle**, the baseline), then while an administrator imports a staff list of\n\
{staff:.0} new accounts (CSV, each account a one-time password hashed with argon2id) and the principal runs\n\
the hand-over batch of 5A (30 pupils: four signed yearly records and the signed hand-over each), until\n\
both have finished (**loaded**). Issuing renders and signs with no write transaction open and the import\n\
hashes every password before its one short write transaction, so the teacher's save only ever waits for\n\
short writes.\n\n\
| database | idle p50 (ms) | idle p99 (ms) | loaded p50 (ms) | loaded p99 (ms) | loaded max (ms) | loaded saves | loaded p99 / idle p99 | import | batch |\n\
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n\
{table}\n\
Goal: loaded p99 ≤ 3× idle p99 ({verdicts}). The test `cargo test -p hocba-tests --test concurrency`\n\
runs the same scenario in a debug build and requires every save to succeed within 1 s.\n\
With 50 idle saves the idle p99 is their slowest one, so it moves with a single slow save of a noisy\n\
machine; the loaded max is the longest any save waited (before this change, a 3,000-account import held\n\
the writer while it hashed the passwords: a save waited 43 s).\n\
Machine: {nproc} cores ({cpu}); {rustc}. The command alone: `cargo bench -p hocba-tests --bench concurrency`.\n",
        date = version_of("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        staff = g("staff_rows"),
        table = table,
        verdicts = verdicts.join(", "),
        nproc = version_of("nproc", &[]),
        cpu = crate::cpu_model(),
        rustc = version_of("rustc", &["-V"]),
    )
}
