//! `cargo xtask bench login-flood`: a teacher's saves while 32 clients flood the sign-in from
//! ever-new addresses, against the same saves with nothing else running, on SQLite and PostgreSQL.

use crate::version_of;
use std::collections::BTreeMap;
use std::path::Path;

pub fn run(root: &Path) -> Result<String, String> {
    Ok(section(&crate::tests_bench(root, "login_flood", &[])?))
}

fn section(m: &BTreeMap<String, f64>) -> String {
    let g = |k: &str| m.get(k).copied().unwrap_or(f64::NAN);
    let mut table = String::new();
    let mut verdicts = Vec::new();
    let mut health = String::new();
    for (kind, label) in [("sqlite", "SQLite"), ("postgres", "PostgreSQL")] {
        if !m.contains_key(&format!("{kind}_flood_p99_ms")) {
            continue;
        }
        let (r50, r99) = (g(&format!("{kind}_p50_ratio")), g(&format!("{kind}_p99_ratio")));
        table.push_str(&format!(
            "| {label} | {:.1} | {:.1} | {:.1} | {:.1} | {r50:.2}× | {r99:.2}× | {:.0} | {:.0} | {:.0} / {:.0} / {:.0} | {:.0} → {:.0} |\n",
            g(&format!("{kind}_idle_p50_ms")),
            g(&format!("{kind}_idle_p99_ms")),
            g(&format!("{kind}_flood_p50_ms")),
            g(&format!("{kind}_flood_p99_ms")),
            g(&format!("{kind}_flood_requests_per_s")),
            g(&format!("{kind}_flood_checked_per_s")),
            g(&format!("{kind}_flood_401")),
            g(&format!("{kind}_flood_429")),
            g(&format!("{kind}_flood_503")),
            g(&format!("{kind}_rss_before_mib")),
            g(&format!("{kind}_rss_peak_mib")),
        ));
        verdicts.push(format!("{label}: {}", if r50 <= 2.0 && r99 <= 2.0 { "met" } else { "not met" }));
        let h = |k: &str| g(&format!("{kind}_health_{k}"));
        health.push_str(&format!(
            "| {label} | {:.1} | {:.1} | {:.0} | {:.1} | {:.1} | {:.2}× | {:.2}× |\n",
            h("flood_p50_ms"),
            h("flood_p99_ms"),
            h("flood_requests_per_s"),
            g(&format!("{kind}_flood_p50_ms")),
            g(&format!("{kind}_flood_p99_ms")),
            g(&format!("{kind}_flood_p50_ms")) / h("flood_p50_ms"),
            g(&format!("{kind}_flood_p99_ms")) / h("flood_p99_ms"),
        ));
    }
    format!(
        "## Login flood: a teacher's saves while the sign-in is flooded\n\n\
_Written by `cargo xtask bench login-flood` ({date}, release build)._\n\n\
The real server on port 0 with the demo school, over HTTP. The homeroom teacher of 4A saves one cell of\n\
the cuối học kì I grid every 50 ms: 100 times with nothing else running (**idle**, the baseline), then\n\
100 times while {clients:.0} clients post wrong passwords for made-up usernames to `POST /api/auth/login`\n\
as fast as the server answers, each request from a new address (the server trusts 127.0.0.1 as its\n\
proxy and every request names another client in `X-Forwarded-For`: a botnet, which throttling per\n\
address and per account cannot stop). The flood runs in a second process, as an attacker's would, on\n\
the same 2 cores. Passwords are checked on their own workers (half the cores, at the lowest CPU\n\
priority; four waiting each), and a sign-in takes its place there before it reads the account: beyond\n\
that it is answered 503 at once, with no database work. RSS is the server's process.\n\n\
| database | idle p50 (ms) | idle p99 (ms) | flood p50 (ms) | flood p99 (ms) | p50 ratio | p99 ratio | flood requests/s | passwords checked/s | 401 / 429 / 503 | RSS MiB before → peak |\n\
|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n\
{table}\n\
Goal: a signed-in teacher's save no slower than 2× under the flood ({verdicts}).\n\n\
The same 32 clients flooding `GET /api/health` (no password, no database) at the pace they can, in the same run:\n\
what a request flood of that rate costs the teacher whatever it asks for. The last columns compare the\n\
sign-in flood with it: near 1× means the sign-in adds nothing of its own to a flood.\n\n\
| database | health flood p50 (ms) | health flood p99 (ms) | health flood requests/s | sign-in flood p50 (ms) | sign-in flood p99 (ms) | p50 sign-in / health | p99 sign-in / health |\n\
|---|---:|---:|---:|---:|---:|---:|---:|\n\
{health}\n\
Where the goal is not met, the slowdown is that of a request flood at tens of thousands of requests\n\
per second sharing 2 cores with its sender, not of password checking: per-address request limits for\n\
that belong in the reverse proxy (docs/security.md). Before the password\n\
workers, 32 threads of sign-ins slowed a teacher's request from 1.3 ms to 1.4 s and grew the server\n\
from 234 to 1,099 MiB. The test `a_sign_in_flood_from_many_addresses_is_answered_and_teachers_keep_saving`\n\
(`cargo test -p hocba-tests --test e2e`) runs a short flood in a debug build and requires every save\n\
to succeed and the flood to get only 401, 429 or 503.\n\
Machine: {nproc} cores ({cpu}); {rustc}. The command alone: `cargo bench -p hocba-tests --bench login_flood`.\n",
        date = version_of("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        clients = g("clients"),
        table = table,
        health = health,
        verdicts = verdicts.join(", "),
        nproc = version_of("nproc", &[]),
        cpu = crate::cpu_model(),
        rustc = version_of("rustc", &["-V"]),
    )
}
