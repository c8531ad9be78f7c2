//! Project tasks: `cargo xtask lint` checks formatting and clippy (workspace and wasm frontend);
//! `cargo xtask test` installs what the tests need when it is missing
//! (the wasm target, Debian's chromium and poppler-utils, Node.js, playwright-core in
//! tests/browser) and then runs every test of the workspace. `cargo xtask bench [--runs N]` measures
//! rendering and signing a five-year học bạ against the peer baseline (ReportLab + pyHanko, in a
//! project-local venv `.venv-tools/`) and rewrites `docs/benchmarks.md`.

mod bench_concurrency;
mod bench_grid;
mod bench_import;
mod bench_login_flood;
mod bench_plans;
mod bench_reach;
mod bench_scale;
mod sections;

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
        ("xmllint", "libxml2-utils"),
        ("zbarimg", "zbar-tools"),
        ("qpdf", "qpdf"),
        ("openssl", "openssl"),
        ("softhsm2-util", "softhsm2"),
        ("certutil", "libnss3-tools"),
        ("node", "nodejs"),
        ("npm", "npm"),
        // `hocba backup` / `restore` on PostgreSQL.
        ("pg_dump", "postgresql-client"),
        ("pg_restore", "postgresql-client"),
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
    let installed =
        ["playwright-core", "axe-core"].iter().all(|m| dir.join("node_modules").join(m).join("package.json").exists());
    if installed {
        return Ok(());
    }
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir))
}

fn test(extra: &[String]) -> Result<(), String> {
    let root = root();
    ensure_wasm_target()?;
    ensure_debian_packages()?;
    ensure_playwright(&root)?;
    let python = ensure_python_tools(&root)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(Command::new(&cargo)
        .args(["test", "--workspace"])
        .args(extra)
        .env("HOCBA_PYHANKO_PYTHON", python)
        .current_dir(&root))
}

/// `cargo xtask lint`: formatting (`cargo fmt --check`), clippy on the workspace with every
/// warning an error, and clippy on the frontend for the browser (wasm32, all three builds), as CI runs them. The
/// backend is linted without embedding the frontend (`HOCBA_SKIP_FRONTEND=1`): the same code,
/// without the nested wasm build.
fn lint() -> Result<(), String> {
    let root = root();
    ensure_wasm_target()?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let installed = Command::new("rustup").args(["component", "list", "--installed"]).output();
    let installed = installed.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    for component in ["rustfmt", "clippy"] {
        if !installed.lines().any(|l| l.starts_with(component)) {
            run(Command::new("rustup").args(["component", "add", component]))?;
        }
    }
    run(Command::new(&cargo).args(["fmt", "--all", "--check"]).current_dir(&root))?;
    run(Command::new(&cargo)
        .args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])
        .env("HOCBA_SKIP_FRONTEND", "1")
        .current_dir(&root))?;
    run(Command::new(&cargo)
        .args(["clippy", "-p", "frontend", "--target", "wasm32-unknown-unknown", "--", "-D", "warnings"])
        .current_dir(&root))?;
    // The teacher's builds of the app (see frontend/src/main.rs).
    for area in ["area-teacher", "area-grid"] {
        run(Command::new(&cargo)
            .args(["clippy", "-p", "frontend", "--target", "wasm32-unknown-unknown", "--features", area])
            .args(["--", "-D", "warnings"])
            .current_dir(&root))?;
    }
    Ok(())
}

/// Runs `cmd`, echoes and returns its standard output.
fn output(cmd: &mut Command) -> Result<String, String> {
    eprintln!("xtask: {cmd:?}");
    let out = cmd.stderr(std::process::Stdio::inherit()).output().map_err(|e| format!("{cmd:?}: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    eprint!("{text}");
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!("{cmd:?} failed with {}", out.status))
    }
}

/// First line of a command's output (stdout, else stderr), or "unknown".
fn version_of(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .and_then(|o| {
            let text = if o.stdout.is_empty() { o.stderr } else { o.stdout };
            String::from_utf8_lossy(&text).lines().next().map(|l| l.trim().to_string())
        })
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// `key value` and `key=value` pairs of a benchmark's output.
/// Runs `cargo bench -p hocba-tests --bench NAME -- ARGS`, shows its output and answers its
/// `key value` lines.
fn tests_bench(root: &Path, name: &str, args: &[String]) -> Result<std::collections::BTreeMap<String, f64>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(&cargo);
    cmd.args(["bench", "-p", "hocba-tests", "--bench", name]).current_dir(root);
    if !args.is_empty() {
        cmd.arg("--").args(args);
    }
    let out = output(&mut cmd)?;
    print!("{out}");
    Ok(measures(&out))
}

fn measures(text: &str) -> std::collections::BTreeMap<String, f64> {
    let mut out = std::collections::BTreeMap::new();
    for line in text.lines() {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        if let [key, value] = tokens[..] {
            if let Ok(v) = value.parse() {
                out.insert(key.to_string(), v);
                continue;
            }
        }
        for token in tokens {
            if let Some((key, value)) = token.split_once('=') {
                if let Ok(v) = value.parse() {
                    out.insert(key.to_string(), v);
                }
            }
        }
    }
    out
}

/// The project's Python environment, `.venv-tools/`: pyHanko and its command line (the tests'
/// independent PAdES / AdES validator), reportlab (the benchmark's peer) and schemathesis (the API
/// fuzzer of the e2e tests).
fn ensure_python_tools(root: &Path) -> Result<PathBuf, String> {
    let venv = root.join(".venv-tools");
    let python = venv.join("bin/python");
    if !python.exists() {
        run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    }
    let ready = Command::new(&python)
        .args(["-c", "import reportlab, pyhanko, pyhanko_certvalidator, pyhanko.cli, schemathesis"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ready {
        run(Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "reportlab",
            "pyhanko",
            "pyhanko-certvalidator",
            "pyhanko-cli",
            "schemathesis",
        ]))?;
    }
    Ok(python)
}

const BENCH_FIXTURE: &str = "pdf/benches/fixtures/record-5y.json";
const PEER_SCRIPT: &str = "pdf/benches/peer/peer_reportlab.py";
const FONT_REGULAR: &str = "pdf-templates/fonts/NotoSerif-Regular.ttf";
const FONT_BOLD: &str = "pdf-templates/fonts/NotoSerif-Bold.ttf";

pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().into())
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// `cargo xtask bench [pdf|import|grid|concurrency|login-flood|scale] [--runs N] [--schools N]`: runs the named
/// benchmark (all but `scale` when none is named)
/// and rewrites its section of `docs/benchmarks.md`.
fn bench(extra: &[String]) -> Result<(), String> {
    let root = root();
    let runs: Option<usize> = match extra.iter().position(|a| a == "--runs") {
        Some(i) => Some(extra.get(i + 1).and_then(|v| v.parse().ok()).ok_or("--runs takes a number")?),
        None => None,
    };
    let which = extra.first().map(String::as_str).filter(|a| !a.starts_with("--"));
    let path = root.join("docs/benchmarks.md");
    let mut doc = std::fs::read_to_string(&path).unwrap_or_default();
    if matches!(which, None | Some("pdf")) {
        doc = sections::replace(&doc, "pdf", &bench_pdf(&root, runs.unwrap_or(30))?);
    }
    if matches!(which, None | Some("import")) {
        doc = sections::replace(&doc, "import", &bench_import::run(&root, runs.unwrap_or(3))?);
    }
    if matches!(which, None | Some("grid")) {
        doc = sections::replace(&doc, "grid", &bench_grid::run(&root, runs.unwrap_or(100))?);
    }
    if matches!(which, None | Some("concurrency")) {
        doc = sections::replace(&doc, "concurrency", &bench_concurrency::run(&root)?);
    }
    if matches!(which, None | Some("login-flood")) {
        doc = sections::replace(&doc, "login-flood", &bench_login_flood::run(&root)?);
    }
    if which == Some("reach") {
        doc = sections::replace(&doc, "reach", &bench_reach::run(&root)?);
    }
    // Long (it writes a database of many schools): only when named.
    if which == Some("scale") {
        let schools = match extra.iter().position(|a| a == "--schools") {
            Some(i) => extra.get(i + 1).and_then(|v| v.parse().ok()).ok_or("--schools takes a number")?,
            None => 20,
        };
        doc = sections::replace(&doc, "scale", &bench_scale::run(&root, schools)?);
    }
    if let Some(other) =
        which.filter(|w| !matches!(*w, "pdf" | "import" | "grid" | "concurrency" | "login-flood" | "scale" | "reach"))
    {
        return Err(format!("unknown benchmark {other}: pdf, import, grid, concurrency, login-flood, scale or reach"));
    }
    std::fs::write(&path, doc).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("xtask: wrote {}", path.display());
    Ok(())
}

/// hocba's render/sign benchmark and the peer baseline on the same record, in one run; answers
/// the section of `docs/benchmarks.md`.
fn bench_pdf(root: &Path, runs: usize) -> Result<String, String> {
    let root = root.to_path_buf();
    let python = ensure_python_tools(&root)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let runs_arg = runs.to_string();
    // Both sides sign at the same level, PAdES B-LTA, against the same timestamp authority.
    let tsa = TestTsa::start(&root, &cargo)?;
    let hocba_out = output(
        Command::new(&cargo)
            .args([
                "bench",
                "-p",
                "hocba-pdf",
                "--bench",
                "transcript_5y",
                "--",
                "--runs",
                &runs_arg,
                "--tsa",
                &tsa.url,
            ])
            .current_dir(&root),
    )?;
    let peer_out = output(
        Command::new(&python)
            .args([PEER_SCRIPT, BENCH_FIXTURE, "--runs", &runs_arg, "--font", FONT_REGULAR, "--bold", FONT_BOLD])
            .args(["--tsa", &tsa.url])
            .current_dir(&root),
    )?;
    drop(tsa);
    let h = measures(&hocba_out);
    let p = measures(&peer_out);
    let get = |m: &std::collections::BTreeMap<String, f64>, key: &str| {
        m.get(key).copied().ok_or_else(|| format!("the benchmark output has no {key}"))
    };
    let stages = ["generate", "sign", "total"];
    let mut rows = Vec::new();
    for stage in stages {
        let hocba = get(&h, &format!("hocba_{stage}_ms_median"))?;
        let peer = get(&p, &format!("peer_{stage}_ms_median"))?;
        rows.push((stage, hocba, peer, peer / hocba));
    }
    println!("stage      hocba_ms   peer_ms   peer/hocba");
    for (stage, hocba, peer, ratio) in &rows {
        println!("{stage:<9} {hocba:>9.2} {peer:>9.2} {ratio:>11.1}");
    }
    for (stage, _, _, ratio) in &rows {
        println!("ratio_{stage} {ratio:.2}");
    }

    let date = version_of("date", &["-u", "+%Y-%m-%d %H:%M UTC"]);
    let cpu = cpu_model();
    let libs = version_of(
        python.to_string_lossy().as_ref(),
        &[
            "-c",
            "import importlib.metadata as m; print(', '.join(f'{p} {m.version(p)}' for p in \
             ('reportlab', 'pyhanko', 'pyhanko-certvalidator', 'cryptography')))",
        ],
    );
    let doc = benchmarks_md(&BenchReport {
        date,
        runs,
        nproc: version_of("nproc", &[]),
        cpu,
        rustc: version_of("rustc", &["-V"]),
        python: version_of(python.to_string_lossy().as_ref(), &["-V"]),
        libs,
        rows: &rows,
        hocba: &h,
        peer: &p,
    });
    Ok(doc)
}

/// hocba's test timestamp authority (`hocba tsa serve`, release build) on a free loopback port,
/// stopped when dropped.
struct TestTsa {
    child: std::process::Child,
    url: String,
    data: PathBuf,
    /// Kept open while it runs: a closed pipe would fail its later output.
    _stdout: std::io::BufReader<std::process::ChildStdout>,
}

impl TestTsa {
    fn start(root: &Path, cargo: &str) -> Result<TestTsa, String> {
        use std::io::BufRead;
        let data = std::env::temp_dir().join(format!("hocba-bench-tsa-{}", std::process::id()));
        let mut child = Command::new(cargo)
            .args(["run", "--release", "-q", "-p", "hocba", "--", "--data"])
            .arg(&data)
            .args(["tsa", "serve", "--bind", "127.0.0.1:0"])
            .current_dir(root)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| format!("hocba tsa serve: {e}"))?;
        let stdout = child.stdout.take().ok_or("hocba tsa serve: no output")?;
        let mut first = String::new();
        let mut stdout = std::io::BufReader::new(stdout);
        stdout.read_line(&mut first).map_err(|e| format!("hocba tsa serve: {e}"))?;
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .ok_or_else(|| format!("hocba tsa serve did not say its address: {first:?}"))?
            .to_string();
        Ok(TestTsa { child, url, data, _stdout: stdout })
    }
}

impl Drop for TestTsa {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

struct BenchReport<'a> {
    date: String,
    runs: usize,
    nproc: String,
    cpu: String,
    rustc: String,
    python: String,
    libs: String,
    rows: &'a [(&'a str, f64, f64, f64)],
    hocba: &'a std::collections::BTreeMap<String, f64>,
    peer: &'a std::collections::BTreeMap<String, f64>,
}

fn benchmarks_md(r: &BenchReport<'_>) -> String {
    let h = |key: &str| r.hocba.get(key).copied().unwrap_or(f64::NAN);
    let p = |key: &str| r.peer.get(key).copied().unwrap_or(f64::NAN);
    let ratio = |stage: &str| r.rows.iter().find(|row| row.0 == stage).map(|row| row.3).unwrap_or(f64::NAN);
    let mut table = String::new();
    for (stage, hocba, peer, ratio) in r.rows {
        table.push_str(&format!("| {stage} | {hocba:.2} | {peer:.2} | {ratio:.1}× |\n"));
    }
    let sign = h("hocba_sign_ms_median");
    format!(
        "## PDF: hocba vs the peer baseline\n\
\n\
_Written by `cargo xtask bench pdf`; rerun it rather than editing the numbers._\n\
\n\
### What is measured\n\
\n\
One pupil's five-year primary học bạ (TT27 shape: cover, identity, quá trình học tập, five school years\n\
with 9–13 subjects, 5 phẩm chất and 10 năng lực each, with comments), the fixture\n\
`{fixture}`, issued as the server issues a hand-over học bạ, in one process, after a warm-up, {runs}\n\
times; the table gives medians.\n\
\n\
- **hocba**: `pdf/benches/transcript_5y.rs` maps the record onto `hocba_core::transcript::Transcript`,\n\
\x20\x20renders it with `hocba_pdf::Renderer` (template `pdf-templates/hoc-ba-tt27.toml`, Noto Serif embedded as\n\
\x20\x20subsets, a QR code and verification line on every page), attaches the record's XML and signs it twice\n\
\x20\x20(principal, then school seal: ECDSA P-256, visible Vietnamese appearances), release build, at the level\n\
\x20\x20the server issues with a timestamp authority, **PAdES B-LTA**: each signature timestamped, then the DSS\n\
\x20\x20(every certificate, the school CA's and the authority's CRLs) and a document timestamp.\n\
\x20\x20\"generate\" is render + attach, \"sign\" the two signatures and the long-term validation data.\n\
- **peer**: `{peer}` renders the same record with ReportLab (platypus) and signs it twice with pyHanko\n\
\x20\x20at the same level (`embed_validation_info`, `use_pades_lta`, the same kind of CRLs, nothing fetched),\n\
\x20\x20with the same fonts (`{regular}`, `{bold}`).\n\
- Both timestamp against the same authority: hocba's test TSA (`hocba tsa serve`, release build) on\n\
\x20\x20loopback, over HTTP.\n\
\n\
Both run in the same `cargo xtask bench` invocation on the same machine, one after the other. The machine\n\
is noisy (shared cores): compare the ratios, not the absolute times.\n\
\n\
### Result ({date})\n\
\n\
| stage | hocba median (ms) | peer median (ms) | peer / hocba |\n\
|---|---:|---:|---:|\n\
{table}\
\n\
Output: hocba {hp} pages, {hb} bytes signed ({hu} unsigned); peer {pp} pages, {pb} bytes signed.\n\
\n\
**hocba renders and signs this học bạ {total:.1}× faster than the ReportLab + pyHanko baseline**\n\
(rendering {generate:.1}×, signing {signr:.1}×). Both documents carry the same record; hocba's also\n\
carries the XML, a QR code on every page and visible signatures. The layouts differ (hocba follows the TT27 form from its template; the peer is a plain platypus\n\
layout), so page counts and sizes can differ.\n\
\n\
### Where hocba's time goes\n\
\n\
- Rendering: {render_ms:.2} ms of {total_ms:.2} ms; the cover and identity pages alone take {cover_ms:.2} ms, each\n\
\x20\x20of the five year sections adds {per_year:.2} ms on average (layout, text measurement, page streams).\n\
- Signing: {sign_ms:.2} ms for two visible timestamped signatures, the DSS and the document timestamp (an\n\
\x20\x20invisible signature without a timestamp: {invisible_ms:.2} ms). Each signature\n\
\x20\x20reads only the cross-reference section and the objects it changes, not the whole file (a full lopdf\n\
\x20\x20parse of the rendered PDF would take {parse:.2} ms); so does the long-term step, reading the signed\n\
\x20\x20document's certificates and DSS in {ltv_read:.2} ms. One timestamp takes {stamp:.2} ms: the request, one\n\
\x20\x20exchange with the authority on a connection kept open, the token's signature checked once (ECDSA with\n\
\x20\x20ring).\n\
- A yearly record (one year's pages, three signatures: teacher, principal, seal) takes {year_ms:.2} ms.\n\
- One-off costs, not in the table: `Renderer::new` (fonts, prebuilt subsets, template) {rnew:.1} ms,\n\
\x20\x20creating a demo signing identity {idn:.1} ms.\n\
\n\
### A graduating cohort\n\
\n\
{cohort} pupils (the fixture under {cohort} names) issued as the hand-over batch issues them, on {threads}\n\
threads, into one ZIP ({zip_mb:.0} MB, PDFs stored): each hand-over carries the pupil's five signed yearly\n\
records and is signed by the principal and sealed.\n\
\n\
| cohort of {cohort} | seconds | goal |\n\
|---|---:|---:|\n\
| hand-overs, the yearly records already issued (signed when each year was approved) | {cohort_s:.1} | ≤ 10 |\n\
| everything from scratch: five yearly records (three signatures each) and the hand-over per pupil | {cohort_full_s:.1} | ≤ 10 |\n\
\n\
### Machine\n\
\n\
- {nproc} CPU cores ({cpu})\n\
- {rustc}\n\
- {python}; {libs}\n\
\n\
### Command\n\
\n\
```sh\n\
cargo xtask bench            # --runs N to change the number of iterations (default 30)\n\
```\n\
\n\
It creates `.venv-tools/` (git-ignored) with `reportlab pyhanko pyhanko-certvalidator pyhanko-cli` from PyPI\n\
when missing, starts `hocba tsa serve --bind 127.0.0.1:0`, runs\n\
`cargo bench -p hocba-pdf --bench transcript_5y -- --runs {runs} --tsa URL` and\n\
`.venv-tools/bin/python {peer} {fixture} --runs {runs} --font {regular} --bold {bold} --tsa URL`,\n\
prints both medians and the ratios, and rewrites this file. The bench alone:\n\
`cargo bench -p hocba-pdf --bench transcript_5y -- --runs 30 [--out signed.pdf] [--cohort 1000]`.\n",
        fixture = BENCH_FIXTURE,
        peer = PEER_SCRIPT,
        regular = FONT_REGULAR,
        bold = FONT_BOLD,
        runs = r.runs,
        date = r.date,
        table = table,
        hp = h("pages"),
        hb = h("bytes"),
        hu = h("unsigned_bytes"),
        pp = p("pages"),
        pb = p("bytes"),
        total = ratio("total"),
        generate = ratio("generate"),
        signr = ratio("sign"),
        total_ms = h("hocba_total_ms_median"),
        sign_ms = sign,
        parse = h("hocba_lopdf_parse_ms_median"),
        render_ms = h("hocba_render_ms_median"),
        invisible_ms = h("hocba_sign_invisible_ms_median"),
        ltv_read = h("hocba_ltv_read_ms_median"),
        stamp = h("hocba_timestamp_ms_median"),
        year_ms = h("hocba_year_total_ms_median"),
        cover_ms = h("hocba_generate_without_years_ms_median"),
        per_year = (h("hocba_render_ms_median") - h("hocba_generate_without_years_ms_median")) / 5.0,
        rnew = h("hocba_renderer_new_ms"),
        cohort = h("cohort_pupils"),
        threads = h("cohort_threads"),
        zip_mb = h("cohort_zip_bytes") / 1e6,
        cohort_s = h("cohort_hand_over_s"),
        cohort_full_s = h("cohort_with_yearly_s"),
        idn = h("hocba_identity_create_ms"),
        nproc = r.nproc,
        cpu = r.cpu,
        rustc = r.rustc,
        python = r.python,
        libs = r.libs,
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(&args[1..]),
        Some("bench") => bench(&args[1..]),
        Some("lint") => lint(),
        _ => Err("usage: cargo xtask test [cargo test arguments] | cargo xtask lint | \
                  cargo xtask bench [pdf|import|grid|concurrency] [--runs N]"
            .to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
