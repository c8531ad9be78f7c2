//! `cargo xtask bench import`: the 5,000-row pupil-list import on SQLite and PostgreSQL against
//! the bare-INSERT baseline of the same rows, measured in the same process.

use crate::version_of;
use std::collections::BTreeMap;
use std::path::Path;

pub fn run(root: &Path, runs: usize) -> Result<String, String> {
    Ok(section(&crate::tests_bench(root, "import", &["--runs".into(), runs.to_string()])?, runs))
}

fn section(m: &BTreeMap<String, f64>, runs: usize) -> String {
    let g = |k: &str| m.get(k).copied().unwrap_or(f64::NAN);
    let mut table = String::new();
    for (kind, label) in [("sqlite", "SQLite"), ("postgres", "PostgreSQL")] {
        if m.contains_key(&format!("{kind}_import_ms")) {
            table.push_str(&format!(
                "| {label} | {:.0} | {:.0} | {:.0} | {:.0} | {:.1}× |\n",
                g(&format!("{kind}_import_ms")),
                g(&format!("{kind}_rows_per_s")),
                g(&format!("{kind}_preview_ms")),
                g(&format!("{kind}_baseline_ms")),
                g(&format!("{kind}_ratio")),
            ));
        }
    }
    format!(
        "## Pupil-list import: 5,000 rows in one transaction\n\n\
_Written by `cargo xtask bench import` ({date}, median of {runs} runs, release build)._\n\n\
A whole-school pupil list of {rows} rows ({kb:.0} KB XLSX, 143 classes named in its \"Lớp\" column) is imported\n\
through `services::admin::spreadsheets::import_roster`, the code behind `POST /api/admin/pupils/import` and\n\
`hocba import roster`: read the workbook, map the headers, normalise and validate every row (NFC names,\n\
dates, mã định danh, 54 ethnic groups, class size), create each pupil and enrolment, append an audit entry\n\
per pupil, all in one transaction. The **preview** is the same work rolled back (`?dry_run=true`). The\n\
**baseline**, run in the same process on a fresh database of the same kind, is the bare diesel INSERT of\n\
the same 5,000 pupils and enrolments in one transaction: no file, no checks, no audit. Reading the XLSX\n\
alone takes {read:.0} ms.\n\n\
| database | import (ms) | rows/s | preview (ms) | bare INSERT baseline (ms) | import / baseline |\n\
|---|---:|---:|---:|---:|---:|\n\
{table}\n\
Machine: {nproc} cores ({cpu}); {rustc}. The command alone:\n\
`cargo bench -p hocba-tests --bench import -- --runs N` (PostgreSQL at `HOCBA_TEST_PG_URL`, default\n\
`postgres://postgres@127.0.0.1:5432/postgres`).\n",
        date = version_of("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        runs = runs,
        rows = g("rows"),
        kb = g("file_bytes") / 1024.0,
        read = g("read_ms"),
        table = table,
        nproc = version_of("nproc", &[]),
        cpu = crate::cpu_model(),
        rustc = version_of("rustc", &["-V"]),
    )
}
