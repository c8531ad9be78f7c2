//! `cargo xtask bench grid`: loading and bulk-saving the cuối năm grid of a 35-pupil grade-5
//! class on SQLite and PostgreSQL, against bare SELECT/UPDATE baselines in the same process.

use crate::version_of;
use std::collections::BTreeMap;
use std::path::Path;

pub fn run(root: &Path, runs: usize) -> Result<String, String> {
    Ok(section(&crate::tests_bench(root, "grid", &["--runs".into(), runs.to_string()])?, runs))
}

fn section(m: &BTreeMap<String, f64>, runs: usize) -> String {
    let g = |k: &str| m.get(k).copied().unwrap_or(f64::NAN);
    let mut table = String::new();
    for (kind, label) in [("sqlite", "SQLite"), ("postgres", "PostgreSQL")] {
        if !m.contains_key(&format!("{kind}_load_median_ms")) {
            continue;
        }
        table.push_str(&format!(
            "| {label} | load | {:.2} | {:.2} | {:.2} | {:.1}× |\n| {label} | save | {:.2} | {:.2} | {:.2} | {:.1}× |\n",
            g(&format!("{kind}_load_median_ms")),
            g(&format!("{kind}_load_p99_ms")),
            g(&format!("{kind}_load_baseline_ms")),
            g(&format!("{kind}_load_ratio")),
            g(&format!("{kind}_save_median_ms")),
            g(&format!("{kind}_save_p99_ms")),
            g(&format!("{kind}_save_baseline_ms")),
            g(&format!("{kind}_save_ratio")),
        ));
    }
    let verdict = |k: &str, goal: f64| if g(k) <= goal { "met" } else { "not met" };
    format!(
        "## Assessment grid: load and bulk save of a 35-pupil class\n\n\
_Written by `cargo xtask bench grid` ({date}, {runs} runs each, release build)._\n\n\
The cuối năm grid of a grade-5 class of 35 pupils ({cells:.0} cells: every required subject with its level,\n\
KTĐK score where tested and comment, every phẩm chất and năng lực) is **loaded** with `services::grid::load`\n\
(the code behind `GET /api/classes/{{id}}/periods/cuoi_nam/grid`: access check, roster, cells, year-end result\n\
and explanation per pupil) and **saved** with `services::grid_write::write_bulk` (`PUT …/cells`: every cell\n\
validated, authorised, version-checked, written and audited in one transaction), every run changing every\n\
cell. Server time in process, no HTTP. Baselines, in the same process on the same database: the bare SELECT of\n\
the class's cells (load) and bare UPDATEs setting the level of the same cells, one statement per pupil and\ntable (70), in one transaction (save). hocba's save reads the stored cells under the write lock, checks every\nversion, then writes the changed cells in multi-row upserts of 80 rows (13 statements) and appends one\nhash-chained audit entry per pupil (35).\n\n\
| database | operation | median (ms) | p99 (ms) | baseline median (ms) | hocba / baseline |\n\
|---|---|---:|---:|---:|---:|\n\
{table}\n\
Goals on SQLite: load ≤ 10 ms ({load_goal}), save ≤ 20 ms ({save_goal}). The first save of the empty grid\n\
(inserts) took {first:.1} ms on SQLite. Machine: {nproc} cores ({cpu}); {rustc}. The command alone:\n\
`cargo bench -p hocba-tests --bench grid -- --runs N`.\n",
        date = version_of("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        runs = runs,
        cells = g("cells"),
        table = table,
        load_goal = verdict("sqlite_load_median_ms", 10.0),
        save_goal = verdict("sqlite_save_median_ms", 20.0),
        first = g("sqlite_first_save_ms"),
        nproc = version_of("nproc", &[]),
        cpu = crate::cpu_model(),
        rustc = version_of("rustc", &["-V"]),
    )
}
