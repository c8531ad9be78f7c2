//! `cargo xtask bench scale [--schools N]`: hocba's read paths at school size on SQLite and at a
//! larger size on PostgreSQL (N synthetic schools of 420 pupils × 5 years, `hocba demo generate`),
//! and HTTP throughput against nginx serving a static file of the same size, with the same load
//! generator (`wrk`), on loopback, in one run. Release build.

use crate::{have, output, version_of};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

const PUPILS: usize = 420;
const YEARS: usize = 5;
/// Requests per hot path for the latency columns (each one computed, not cached): the p99 is the
/// tenth slowest, not swayed by one scheduling hiccup of a 2-core machine.
const SAMPLES: usize = 1000;
/// Requests of the dashboard (a computed one takes a few hundred milliseconds at province size).
const DASHBOARD_SAMPLES: usize = 50;
const PG_URL: &str = "postgres://postgres@127.0.0.1:5432/hocba_bench_scale";
/// One school on PostgreSQL: what the province's figures compare with on the same engine.
const PG_ONE_URL: &str = "postgres://postgres@127.0.0.1:5432/hocba_bench_scale_one";

pub fn run(root: &Path, pg_schools: usize) -> Result<String, String> {
    ensure_tools()?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // The API alone is measured: the build skips the embedded web app.
    crate::run(
        Command::new(&cargo)
            .args(["build", "--release", "-q", "-p", "hocba"])
            .env("HOCBA_SKIP_FRONTEND", "1")
            .current_dir(root),
    )?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    let hocba = target.join("release/hocba");
    let work = std::env::temp_dir().join(format!("hocba-bench-scale-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let nginx = Nginx::start(&work)?;
    let mut m = BTreeMap::new();
    let result = (|| -> Result<String, String> {
        measure(&hocba, &work, Some(&nginx), "sqlite", None, 1, &mut m)?;
        fresh_database("hocba_bench_scale_one")?;
        let one = measure(&hocba, &work, None, "pg1", Some(PG_ONE_URL), 1, &mut m);
        drop_database("hocba_bench_scale_one");
        one?;
        fresh_database("hocba_bench_scale")?;
        let pg = measure(&hocba, &work, Some(&nginx), "postgres", Some(PG_URL), pg_schools, &mut m)
            .and_then(|()| crate::bench_plans::plans(PG_URL, pg_schools));
        drop_database("hocba_bench_scale");
        pg
    })();
    drop(nginx);
    let _ = std::fs::remove_dir_all(&work);
    let plans = result?;
    for (k, v) in &m {
        println!("{k} {v:.3}");
    }
    // The plans go to docs/scaling.md, beside the reasons for the indexes.
    let path = root.join("docs/scaling.md");
    let doc = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(&path, crate::sections::replace(&doc, "plans", &plans)).map_err(|e| e.to_string())?;
    Ok(section(&m, pg_schools))
}

/// An empty PostgreSQL database `name` (dropped first if it is there).
fn fresh_database(name: &str) -> Result<(), String> {
    drop_database(name);
    crate::run(Command::new("createdb").args(["-h", "127.0.0.1", "-U", "postgres", name]))
}

fn drop_database(name: &str) {
    let _ = Command::new("dropdb").args(["-h", "127.0.0.1", "-U", "postgres", "--if-exists", name]).status();
}

fn ensure_tools() -> Result<(), String> {
    let missing: Vec<&str> = [("wrk", "wrk"), ("nginx", "nginx-light"), ("curl", "curl")]
        .iter()
        .filter(|(p, _)| !have(p))
        .map(|(_, k)| *k)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    crate::run(Command::new("apt-get").args(["update", "-qq"]).env("DEBIAN_FRONTEND", "noninteractive"))?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend(missing);
    crate::run(Command::new("apt-get").args(args).env("DEBIAN_FRONTEND", "noninteractive"))
}

/// One database: generate, serve, measure (HTTP throughput too when `nginx` is given). Keys are
/// prefixed with `kind`.
fn measure(
    hocba: &Path,
    work: &Path,
    nginx: Option<&Nginx>,
    kind: &str,
    url: Option<&str>,
    schools: usize,
    m: &mut BTreeMap<String, f64>,
) -> Result<(), String> {
    let data = work.join(kind);
    let mut base = Command::new(hocba);
    base.arg("--data").arg(&data);
    if let Some(url) = url {
        base.args(["--database-url", url]);
    }
    let started = Instant::now();
    let gen = output(
        clone(&base).args(["demo", "generate", "--schools", &schools.to_string(), "--pupils-per-school"]).args([
            PUPILS.to_string(),
            "--years".into(),
            YEARS.to_string(),
        ]),
    )?;
    m.insert(format!("{kind}_load_s"), started.elapsed().as_secs_f64());
    m.insert(format!("{kind}_schools"), schools as f64);
    if let Some(url) = url {
        // A province's database is not read seconds after millions of rows arrived: without this
        // step, autovacuum's pass over the new rows (set off by the inserts) shares the 2 cores
        // and the disk with the measurements. `VACUUM (ANALYZE)` does that pass now, timed on its
        // own with a checkpoint after it, as an operator would after a bulk import.
        m.insert(format!("{kind}_autovacuum_before"), autovacuum_workers(url)?);
        let settling = Instant::now();
        crate::run(Command::new("psql").args(["-q", "-v", "ON_ERROR_STOP=1", url, "-c", "VACUUM (ANALYZE)"]))?;
        // The load and the vacuum leave gigabytes of dirty pages: written now, not by a checkpoint
        // in the middle of the timings.
        crate::run(Command::new("psql").args(["-q", "-v", "ON_ERROR_STOP=1", url, "-c", "CHECKPOINT"]))?;
        m.insert(format!("{kind}_settle_s"), settling.elapsed().as_secs_f64());
    }
    m.insert(format!("{kind}_assessment_rows"), number_before(&gen, "ô đánh giá").unwrap_or(f64::NAN));
    // A generated school is not the demo: the server wants its key secret from outside the data folder.
    let serve = |cache_mb: Option<&str>| {
        let mut cmd = clone(&base);
        cmd.args(["serve", "--bind", "127.0.0.1:0"]).env("HOCBA_SIGNING_KEY_SECRET", BENCH_KEY_SECRET);
        if let Some(mb) = cache_mb {
            cmd.env("HOCBA_ANSWER_CACHE_MB", mb);
        }
        Server::start(&mut cmd)
    };
    // The hot paths are timed computed, every time: this server keeps no answer.
    let server = serve(Some("0"))?;
    let api = |path: &str| format!("{}{path}", server.base);
    m.insert(format!("{kind}_rss_idle_mb"), server.rss_mb());
    // The last school generated: at province size the data of every other school is beside it.
    let code = format!("108{schools:05}");
    let principal = login(&api("/api/auth/login"), &format!("{code}.hieutruong"))?;
    let teacher = login(&api("/api/auth/login"), &format!("{code}.gv5a"))?;
    // Pupils of grade 5 have four approved years: their records are the largest a parent reads.
    let grade5: Vec<String> = get(&api("/api/admin/pupils"), &principal)?
        .split("},{")
        .filter(|o| o.contains("\"class_name\":\"5"))
        .filter_map(|o| ids(o).into_iter().next())
        .collect();
    let child = grade5.first().ok_or("no pupil in grade 5")?.clone();
    let profile = get(&api(&format!("/api/admin/pupils/{child}")), &principal)?;
    let guardian = string_after(profile.split("\"guardians\"").nth(1).unwrap_or_default(), "\"username\"")
        .ok_or("the grade-5 pupil has no parent account")?;
    let parent = login(&api("/api/auth/login"), &guardian)?;
    let class = first_id_after(&get(&api("/api/me"), &teacher)?, "\"classes\"").ok_or("the teacher has no class")?;

    // Hot paths, each request computed (the grade's pupils and the classes in turn; the principal
    // reads all), enough of each for a p99 that is not the slowest single request.
    let me = get(&api("/api/me"), &principal)?;
    let classes = ids_after(me.split("\"children\"").next().unwrap_or_default(), "\"classes\"");
    let paths: [(&str, Vec<String>); 4] = [
        ("results", grade5.iter().cycle().take(SAMPLES).map(|p| api(&format!("/api/pupils/{p}/results"))).collect()),
        (
            "grid",
            classes
                .iter()
                .cycle()
                .take(SAMPLES)
                .map(|c| api(&format!("/api/classes/{c}/periods/cuoi_hk1/grid")))
                .collect(),
        ),
        ("dashboard", vec![api("/api/dashboard"); DASHBOARD_SAMPLES]),
        ("parent_home", vec![api("/api/me"); SAMPLES]),
    ];
    for (name, urls) in paths {
        let token = if name == "parent_home" { &parent } else { &principal };
        let mut times = timed(&urls, token)?;
        times.sort_by(f64::total_cmp);
        m.insert(format!("{kind}_{name}_p50_ms"), percentile(&times, 0.50));
        m.insert(format!("{kind}_{name}_p99_ms"), percentile(&times, 0.99));
    }

    drop(server);

    // HTTP: the same answer again and again (served from memory after the first), against nginx.
    let server = serve(None)?;
    let api = |path: &str| format!("{}{path}", server.base);
    let results = api(&format!("/api/pupils/{child}/results"));
    let grid = api(&format!("/api/classes/{class}/periods/cuoi_hk1/grid"));
    let mut rss_peak: f64 = 0.0;
    // (Throughput only where nginx runs beside: the school on SQLite and the province.)
    let throughput = match nginx {
        Some(nginx) => vec![("results", &results, &parent, nginx), ("grid", &grid, &teacher, nginx)],
        None => Vec::new(),
    };
    for (name, url, token, nginx) in throughput {
        let body = get(url, token)?;
        m.insert(format!("{kind}_{name}_bytes"), body.len() as f64);
        let (rps, p99) = wrk(url, Some(token), || rss_peak = rss_peak.max(server.rss_mb()))?;
        m.insert(format!("{kind}_{name}_rps"), rps);
        m.insert(format!("{kind}_{name}_wrk_p99_ms"), p99);
        let file = nginx.put(&format!("{kind}-{name}.json"), body.as_bytes())?;
        let (nrps, np99) = wrk(&file, None, || ())?;
        m.insert(format!("{kind}_{name}_nginx_rps"), nrps);
        m.insert(format!("{kind}_{name}_nginx_p99_ms"), np99);
        m.insert(format!("{kind}_{name}_ratio"), rps / nrps);
    }
    m.insert(format!("{kind}_rss_load_mb"), rss_peak.max(server.rss_mb()));
    drop(server);

    // One school's graduating cohort: test certificates for the measured school, then the hand-over
    // of each grade-5 class (every approved year rendered, signed by the homeroom teacher, the
    // principal and the seal, and zipped), as `hocba batch` runs it.
    let with_keys = |cmd: &mut Command| {
        cmd.env("HOCBA_SIGNING_KEY_SECRET", BENCH_KEY_SECRET).env("HOCBA_PUBLIC_URL", "https://hocba.example.vn");
    };
    let mut keys = clone(&base);
    with_keys(keys.args(["keys", "init", "--school", &code]));
    output(&mut keys)?;
    let began = Instant::now();
    let mut issued = 0.0;
    for class in class_names(&me).into_iter().filter(|n| n.starts_with('5')) {
        let mut batch = clone(&base);
        with_keys(batch.args(["batch", "--class", &class, "--as", &format!("{code}.hieutruong")]));
        let out = output(&mut batch)?;
        issued += number_before(out.split("Đã xong").nth(1).unwrap_or_default(), "/")
            .ok_or_else(|| format!("batch {class}: {out}"))?;
    }
    m.insert(format!("{kind}_cohort_s"), began.elapsed().as_secs_f64());
    m.insert(format!("{kind}_cohort_pupils"), issued);
    Ok(())
}

/// The signing key secret of the measured servers and commands.
const BENCH_KEY_SECRET: &str = "bench-scale-key-secret-0123456789abcdef";

/// The names of the classes of `/api/me` (`"name":"5A"`).
fn class_names(me: &str) -> Vec<String> {
    let classes = me.split("\"classes\"").nth(1).unwrap_or_default();
    let classes = classes.split("\"children\"").next().unwrap_or_default();
    classes.split("\"name\":\"").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_owned).collect()
}

/// Autovacuum workers running on the database of `url` now.
fn autovacuum_workers(url: &str) -> Result<f64, String> {
    let sql = "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' AND datname = current_database()";
    let out = output(Command::new("psql").args(["-At", url, "-c", sql]))?;
    out.trim().parse().map_err(|e| format!("autovacuum workers: {e}: {out}"))
}

fn clone(cmd: &Command) -> Command {
    let mut c = Command::new(cmd.get_program());
    c.args(cmd.get_args());
    c
}

/// The running server, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) base: String,
}

impl Server {
    pub(crate) fn start(cmd: &mut Command) -> Result<Server, String> {
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().map_err(|e| format!("serve: {e}"))?;
        let stdout = child.stdout.take().ok_or("serve: no output")?;
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        while !line.contains("http://") {
            line.clear();
            if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
                return Err("the server stopped before saying its address".into());
            }
        }
        let base = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_default().to_string();
        // Keep reading its output so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in reader.lines() {});
        Ok(Server { child, base })
    }

    fn rss_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        number_before(status.lines().find(|l| l.starts_with("VmRSS")).unwrap_or_default(), "kB").unwrap_or(f64::NAN)
            / 1024.0
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// nginx (Debian `nginx-light`) serving a folder on a free loopback port, one worker per core.
struct Nginx {
    child: Child,
    root: PathBuf,
    base: String,
}

impl Nginx {
    fn start(work: &Path) -> Result<Nginx, String> {
        let root = work.join("nginx");
        std::fs::create_dir_all(root.join("www")).map_err(|e| e.to_string())?;
        let port =
            std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
        let conf = format!(
            "daemon off; worker_processes auto; pid {r}/nginx.pid; error_log {r}/error.log;\n\
             events {{ worker_connections 1024; }}\n\
             http {{ access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;\n\
             client_body_temp_path {r}/tmp; proxy_temp_path {r}/tmp; fastcgi_temp_path {r}/tmp;\n\
             uwsgi_temp_path {r}/tmp; scgi_temp_path {r}/tmp;\n\
             types {{ application/json json; }}\n\
             server {{ listen 127.0.0.1:{port}; root {r}/www; }} }}\n",
            r = root.display()
        );
        std::fs::write(root.join("nginx.conf"), conf).map_err(|e| e.to_string())?;
        let child = Command::new("nginx")
            .arg("-c")
            .arg(root.join("nginx.conf"))
            .arg("-p")
            .arg(&root)
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("nginx: {e}"))?;
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..50 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(Nginx { child, root, base });
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Err("nginx did not start".into())
    }

    fn put(&self, name: &str, body: &[u8]) -> Result<String, String> {
        std::fs::write(self.root.join("www").join(name), body).map_err(|e| e.to_string())?;
        Ok(format!("{}/{name}", self.base))
    }
}

impl Drop for Nginx {
    /// `nginx -s stop` stops the workers too (killing the master alone would leave them running).
    fn drop(&mut self) {
        let _ = Command::new("nginx")
            .arg("-c")
            .arg(self.root.join("nginx.conf"))
            .arg("-p")
            .arg(&self.root)
            .args(["-s", "stop"])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.wait();
    }
}

pub(crate) fn login(url: &str, username: &str) -> Result<String, String> {
    let body = format!("{{\"username\":\"{username}\",\"password\":\"demo\"}}");
    let out = output(Command::new("curl").args(["-sf", "-H", "Content-Type: application/json", "-d", &body, url]))?;
    string_after(&out, "\"token\"").ok_or_else(|| format!("login of {username}: {out}"))
}

pub(crate) fn get(url: &str, token: &str) -> Result<String, String> {
    output(Command::new("curl").args(["-sf", "-H", &format!("Authorization: Bearer {token}"), url]))
}

/// Seconds of each request, in one curl process (one kept-alive connection), in milliseconds.
fn timed(urls: &[String], token: &str) -> Result<Vec<f64>, String> {
    let mut cmd = Command::new("curl");
    cmd.args(["-s", "-H", &format!("Authorization: Bearer {token}"), "-w", "%{http_code} %{time_total}\\n"]);
    for u in urls {
        cmd.args(["-o", "/dev/null", u]);
    }
    let out = output(&mut cmd)?;
    let mut times = Vec::new();
    for line in out.lines() {
        let (code, t) = line.split_once(' ').ok_or("curl timing")?;
        if code != "200" {
            return Err(format!("a hot path answered {code}"));
        }
        times.push(t.trim().parse::<f64>().map_err(|e| e.to_string())? * 1000.0);
    }
    Ok(times)
}

/// `wrk -t1 -c16 -d10s --latency`: (requests per second, p99 in ms); `during` runs while it loads.
fn wrk(url: &str, token: Option<&str>, mut during: impl FnMut()) -> Result<(f64, f64), String> {
    let mut cmd = Command::new("wrk");
    cmd.args(["-t1", "-c16", "-d10s", "--latency"]);
    if let Some(t) = token {
        cmd.args(["-H", &format!("Authorization: Bearer {t}")]);
    }
    let child = cmd.arg(url).stdout(Stdio::piped()).spawn().map_err(|e| format!("wrk: {e}"))?;
    for _ in 0..8 {
        std::thread::sleep(std::time::Duration::from_secs(1));
        during();
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    if text.contains("Non-2xx") {
        return Err(format!("wrk got errors from {url}:\n{text}"));
    }
    let rps = text.lines().find_map(|l| l.trim().strip_prefix("Requests/sec:")).and_then(|v| v.trim().parse().ok());
    let p99 = text.lines().find_map(|l| l.trim().strip_prefix("99%")).map(|v| millis(v.trim()));
    match (rps, p99) {
        (Some(r), Some(p)) => Ok((r, p)),
        _ => Err(format!("wrk output not understood:\n{text}")),
    }
}

fn millis(v: &str) -> f64 {
    let split = v.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(v.len());
    let n: f64 = v[..split].parse().unwrap_or(f64::NAN);
    match &v[split..] {
        "us" => n / 1000.0,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        _ => n,
    }
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

/// The number just before `word` (`… 1 234 567 ô đánh giá` → 1234567; spaces, dots or commas
/// as thousands separators).
fn number_before(text: &str, word: &str) -> Option<f64> {
    let head = &text[..text.find(word)?];
    let digits: String = head
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | ',' | '\u{a0}'))
        .filter(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().ok()
}

/// The string value after `"key"` in a JSON text.
fn string_after(json: &str, key: &str) -> Option<String> {
    let rest = &json[json.find(key)? + key.len()..];
    let start = rest.find('"')? + 1;
    let len = rest[start..].find('"')?;
    Some(rest[start..start + len].to_string())
}

/// The first `"id"` after `key`.
pub(crate) fn first_id_after(json: &str, key: &str) -> Option<String> {
    ids_after(json, key).into_iter().next()
}

fn ids_after(json: &str, key: &str) -> Vec<String> {
    json.find(key).map(|i| ids(&json[i..])).unwrap_or_default()
}

/// Every `"id":"…"` value of a JSON text, in order, without repeats.
fn ids(json: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in json.split("\"id\":\"").skip(1) {
        if let Some(end) = part.find('"') {
            let id = part[..end].to_string();
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

fn section(m: &BTreeMap<String, f64>, pg_schools: usize) -> String {
    let g = |k: &str| m.get(k).copied().unwrap_or(f64::NAN);
    let mut hot = String::new();
    for (name, label) in [
        ("results", "a pupil's five-year record (`/api/pupils/{id}/results`)"),
        ("grid", "a class grid, cuối học kì I (`/api/classes/{id}/periods/cuoi_hk1/grid`)"),
        ("dashboard", "the school's dashboard (`/api/dashboard`)"),
        ("parent_home", "the parent's home (`/api/me`)"),
    ] {
        let (s, one, p) = (
            g(&format!("sqlite_{name}_p99_ms")),
            g(&format!("pg1_{name}_p99_ms")),
            g(&format!("postgres_{name}_p99_ms")),
        );
        hot.push_str(&format!(
            "| {label} | {:.1} | {s:.1} | {:.1} | {one:.1} | {:.1} | {p:.1} | {:.2}× | {:.2}× |\n",
            g(&format!("sqlite_{name}_p50_ms")),
            g(&format!("pg1_{name}_p50_ms")),
            g(&format!("postgres_{name}_p50_ms")),
            p / s,
            p / one,
        ));
    }
    let mut http = String::new();
    for (kind, db) in [("sqlite", "SQLite"), ("postgres", "PostgreSQL")] {
        for (name, label, goal) in [("results", "parent's results", 0.5), ("grid", "teacher's grid", 0.2)] {
            let ratio = g(&format!("{kind}_{name}_ratio"));
            http.push_str(&format!(
                "| {db} | {label} ({:.1} KB) | {:.0} | {:.2} | {:.0} | {:.2} | {:.0} % | {} |\n",
                g(&format!("{kind}_{name}_bytes")) / 1024.0,
                g(&format!("{kind}_{name}_rps")),
                g(&format!("{kind}_{name}_wrk_p99_ms")),
                g(&format!("{kind}_{name}_nginx_rps")),
                g(&format!("{kind}_{name}_nginx_p99_ms")),
                ratio * 100.0,
                if ratio >= goal { "met" } else { "not met" },
            ));
        }
    }
    format!(
        "## Scale: hot read paths at school and at {pg_schools}-school size, HTTP against nginx\n\n\
_Written by `cargo xtask bench scale --schools {pg_schools}` ({date}, release build)._\n\n\
Data from `hocba demo generate` (420 pupils × 5 school years per school, every periodic point of TT27):\n\
SQLite holds 1 school ({srows:.0} assessment rows, written in {sload:.1} s); PostgreSQL holds {pg_schools} schools\n\
({prows:.0} assessment rows, written in {pload:.0} s, {prate:.0} rows/s; then `VACUUM (ANALYZE)` and `CHECKPOINT` in {settle:.0} s,\n\
with {avac:.0} autovacuum workers already on the new rows when it began). The server is the release build on\n\
loopback; the measured school is the last one generated, so on PostgreSQL every other school's rows are\n\
in the same tables and indexes.\n\n\
**Hot paths**, every request computed (a server started with `HOCBA_ANSWER_CACHE_MB=0` keeps no answer):\n\
the principal reads the school's pupils of grade 5 in turn ({samples} requests; four approved years each), every\n\
class of the current year in turn ({samples} requests), the dashboard {dash} times; a parent reads the home {samples}\n\
times. One kept-alive connection, time to the last byte in ms:\n\n\
| path | SQLite (1) p50 | SQLite (1) p99 | PostgreSQL (1) p50 | PostgreSQL (1) p99 | PostgreSQL ({pg_schools}) p50 | PostgreSQL ({pg_schools}) p99 | p99 PostgreSQL ({pg_schools}) / SQLite (1) | p99 PostgreSQL ({pg_schools}) / PostgreSQL (1) |\n\
|---|---:|---:|---:|---:|---:|---:|---:|---:|\n\
{hot}\n\
Goal: the larger database's p99 within 2× of the school's. The last column compares the same engine at\n\
both sizes (PostgreSQL holding one generated school, measured in the same run): what the data's size\n\
costs apart from the engine's own round trips.\n\n\
**HTTP throughput**: `wrk -t1 -c16 -d10s --latency` with the user's bearer token, the same answer again and\n\
again (after the first it comes from the in-memory answer cache, checked against the school's and the\n\
class's data epochs, which stay in memory while the database reports no commit: SQLite's\n\
`data_version`, PostgreSQL's `LISTEN`), against nginx (Debian `nginx-light`,\n\
`worker_processes auto`, `sendfile on`) serving a static file with the same bytes, in the same run:\n\n\
| database | answer | hocba req/s | hocba p99 (ms) | nginx req/s | nginx p99 (ms) | hocba / nginx | goal |\n\
|---|---|---:|---:|---:|---:|---:|---|\n\
{http}\n\
Goals: the parent's results ≥ 50 % of nginx, the teacher's grid ≥ 20 %.\n\n\
**One school's graduating cohort** (the measured school's grade-5 classes handed over with `hocba batch`:\n\
each pupil's approved years rendered, signed by the homeroom teacher, the principal and the seal with test\n\
certificates from `hocba keys init --school`, and zipped): SQLite {scp:.0} pupils in {scs:.1} s ({scr:.0} ms\n\
a pupil); PostgreSQL with 1 school {ocp:.0} pupils in {ocs:.1} s ({ocr:.0} ms a pupil); PostgreSQL with\n\
{pg_schools} schools {pcp:.0} pupils in {pcs:.1} s ({pcr:.0} ms a pupil), {cratio:.2}× SQLite's time a pupil and\n\
{oratio:.2}× PostgreSQL's with one school.\n\n\
**Server memory (RSS)**: SQLite {sri:.0} MB idle, {srl:.0} MB under load; PostgreSQL {pri:.0} MB idle,\n\
{prl:.0} MB under load (hocba's process only).\n\n\
Machine: {nproc} cores ({cpu}); {rustc}; {wrk}; {nginx}; PostgreSQL {pg}. The load generator, the server\n\
and the database share the 2 cores.\n",
        date = version_of("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        srows = g("sqlite_assessment_rows"),
        sload = g("sqlite_load_s"),
        prows = g("postgres_assessment_rows"),
        pload = g("postgres_load_s"),
        prate = g("postgres_assessment_rows") / g("postgres_load_s"),
        settle = g("postgres_settle_s"),
        avac = g("postgres_autovacuum_before"),
        samples = SAMPLES,
        dash = DASHBOARD_SAMPLES,
        scp = g("sqlite_cohort_pupils"),
        scs = g("sqlite_cohort_s"),
        scr = 1000.0 * g("sqlite_cohort_s") / g("sqlite_cohort_pupils"),
        pcp = g("postgres_cohort_pupils"),
        pcs = g("postgres_cohort_s"),
        pcr = 1000.0 * g("postgres_cohort_s") / g("postgres_cohort_pupils"),
        cratio = (g("postgres_cohort_s") / g("postgres_cohort_pupils")) / (g("sqlite_cohort_s") / g("sqlite_cohort_pupils")),
        ocp = g("pg1_cohort_pupils"),
        ocs = g("pg1_cohort_s"),
        ocr = 1000.0 * g("pg1_cohort_s") / g("pg1_cohort_pupils"),
        oratio = (g("postgres_cohort_s") / g("postgres_cohort_pupils")) / (g("pg1_cohort_s") / g("pg1_cohort_pupils")),
        sri = g("sqlite_rss_idle_mb"),
        srl = g("sqlite_rss_load_mb"),
        pri = g("postgres_rss_idle_mb"),
        prl = g("postgres_rss_load_mb"),
        nproc = version_of("nproc", &[]),
        cpu = crate::cpu_model(),
        rustc = version_of("rustc", &["--version"]),
        wrk = version_of("wrk", &["-v"]).lines().next().unwrap_or_default(),
        nginx = version_of("nginx", &["-v"]),
        pg = version_of("psql", &["--version"]).split_whitespace().last().unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_ids_are_read_from_the_outputs() {
        assert_eq!(number_before("Đã tạo 1 trường: 1 234 567 ô đánh giá, 3 khen", "ô đánh giá"), Some(1_234_567.0));
        assert_eq!(number_before("VmRSS:\t   51200 kB", "kB"), Some(51200.0));
        assert_eq!(millis("1.50ms"), 1.5);
        assert_eq!(millis("820.00us"), 0.82);
        assert_eq!(millis("2.00s"), 2000.0);
        let me = r#"{"id":"u1","classes":[{"id":"c1","name":"5A"},{"id":"c2"}],"children":[{"id":"p1"}]}"#;
        assert_eq!(first_id_after(me, "\"children\""), Some("p1".into()));
        assert_eq!(ids_after(me, "\"classes\""), vec!["c1", "c2", "p1"]);
        assert_eq!(class_names(me), ["5A"]);
        assert_eq!(string_after(r#"{"token":"abc","x":1}"#, "\"token\""), Some("abc".into()));
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 0.5), 3.0);
    }
}
