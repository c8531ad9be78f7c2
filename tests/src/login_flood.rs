//! A sign-in flood against a signed-in teacher: 32 clients post wrong passwords for made-up
//! usernames as fast as the server answers, each request from another address (the server trusts
//! 127.0.0.1 as its proxy, so `X-Forwarded-For` names a fresh client every time: a botnet, which
//! per-address throttling cannot stop). Meanwhile the homeroom teacher of 4A keeps saving a cell.
//! The same saves with nothing else running, just before, are the baseline.

use crate::concurrency::{class_named, ms, quantile, Cell};
use crate::{Db, TestApp};
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What one run measured.
pub struct Figures {
    pub idle: Vec<Duration>,
    pub loaded: Vec<Duration>,
    /// Every loaded save's status (all must be 200).
    pub statuses: Vec<u16>,
    /// Flood answers by status: 401 (checked, wrong; 200 for a plain GET), 429 (throttled), 503
    /// (workers full), other.
    pub flood_401: u64,
    pub flood_429: u64,
    pub flood_503: u64,
    pub flood_other: u64,
    pub flood_seconds: f64,
    /// Resident memory of this process before and at most during the flood (the server, and the
    /// flood's clients when it runs in this process).
    pub rss_before_mib: f64,
    pub rss_peak_mib: f64,
}

/// A server that takes 127.0.0.1 for its reverse proxy.
pub async fn spawn(db: Db) -> Option<TestApp> {
    TestApp::spawn_with(db, |s| s.trusted_proxies = vec![std::net::IpAddr::from([127, 0, 0, 1])]).await
}

fn rss_mib(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// The flood's answers by status.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub n401: u64,
    pub n429: u64,
    pub n503: u64,
    pub other: u64,
    pub seconds: f64,
}

impl Counts {
    /// As `key value` lines (what a flood in another process reports).
    pub fn to_lines(&self) -> String {
        format!(
            "flood_401 {}\nflood_429 {}\nflood_503 {}\nflood_other {}\nflood_seconds {:.3}\n",
            self.n401, self.n429, self.n503, self.other, self.seconds
        )
    }

    pub fn from_lines(text: &str) -> Counts {
        let get =
            |key: &str| text.lines().find_map(|l| l.strip_prefix(key)?.trim().parse::<f64>().ok()).unwrap_or_default();
        Counts {
            n401: get("flood_401 ") as u64,
            n429: get("flood_429 ") as u64,
            n503: get("flood_503 ") as u64,
            other: get("flood_other ") as u64,
            seconds: get("flood_seconds "),
        }
    }
}

/// `clients` loops, each request from a new address, for `duration`: posting wrong passwords for
/// made-up usernames when `url` is the sign-in, else plain GETs of `url` (the same flood against a
/// request with no password to check: what any flood of that rate costs).
pub async fn flood(url: String, clients: usize, duration: Duration) -> Counts {
    let login = url.ends_with("/api/auth/login");
    let http = reqwest::Client::new();
    let counts: Arc<[AtomicU64; 4]> = Arc::new(Default::default());
    let started = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for client in 0..clients {
        let (http, url, stop, counts) = (http.clone(), url.clone(), Arc::clone(&stop), Arc::clone(&counts));
        tasks.push(tokio::spawn(async move {
            let mut n: u32 = 0;
            while !stop.load(Ordering::Relaxed) {
                n = n.wrapping_add(1);
                let address = format!("10.{}.{}.{}", client, (n >> 8) & 0xff, n & 0xff);
                let request = if login {
                    http.post(&url).json(&json!({"username": format!("bot{client}x{n}"), "password": "123456"}))
                } else {
                    http.get(&url)
                };
                let r = request.header("x-forwarded-for", address).send().await;
                let slot = match r.map(|r| r.status().as_u16()) {
                    Ok(200 | 401) => 0,
                    Ok(429) => 1,
                    Ok(503) => 2,
                    _ => 3,
                };
                counts[slot].fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    tokio::time::sleep(duration).await;
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        let _ = task.await;
    }
    let c = |i: usize| counts[i].load(Ordering::Relaxed);
    Counts { n401: c(0), n429: c(1), n503: c(2), other: c(3), seconds: started.elapsed().as_secs_f64() }
}

/// Where the flood runs: in this process (the test), or in a child process the caller starts
/// with the login URL and the duration (the benchmark: the attacker's CPU and memory are not the
/// server's, and its requests do not queue in the teacher's client).
pub enum FloodIn {
    ThisProcess,
    Child(Box<dyn FnOnce(String, Duration) -> std::process::Child + Send>),
}

/// Runs `saves` idle saves, then `saves` saves under a flood of `clients` loops requesting `path`
/// (`/api/auth/login`: the sign-in flood).
pub async fn run(
    app: &TestApp,
    clients: usize,
    saves: usize,
    spacing: Duration,
    flood_in: FloodIn,
    path: &str,
) -> Figures {
    let teacher = app.login("gvcn4a").await;
    let class_4a = class_named(app, &teacher, "4A").await;
    let mut cell = Cell::find(app, &teacher, &class_4a).await;
    let mut idle = Vec::with_capacity(saves);
    for _ in 0..saves {
        let (took, status) = cell.save(app, &teacher).await;
        assert_eq!(status, 200, "an idle save");
        idle.push(took);
        tokio::time::sleep(spacing).await;
    }
    let rss_before_mib = rss_mib("VmRSS:");
    // Long enough for every save even if each took a second: the saves stop when it ends.
    let duration = Duration::from_millis(500) + (spacing + Duration::from_millis(60)) * saves as u32;
    let url = app.url(path);
    let running: tokio::task::JoinHandle<Counts> = match flood_in {
        FloodIn::ThisProcess => tokio::spawn(flood(url, clients, duration)),
        FloodIn::Child(start) => {
            let child = start(url, duration);
            tokio::task::spawn_blocking(move || {
                let out = child.wait_with_output().expect("the flood process");
                Counts::from_lines(&String::from_utf8_lossy(&out.stdout))
            })
        }
    };
    // Let the flood reach its pace before measuring.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut loaded = Vec::with_capacity(saves);
    let mut statuses = Vec::with_capacity(saves);
    while loaded.len() < saves && !running.is_finished() {
        let (took, status) = cell.save(app, &teacher).await;
        loaded.push(took);
        statuses.push(status);
        tokio::time::sleep(spacing).await;
    }
    let rss_peak_mib = rss_mib("VmHWM:");
    let counts = running.await.expect("the flood");
    Figures {
        idle,
        loaded,
        statuses,
        flood_401: counts.n401,
        flood_429: counts.n429,
        flood_503: counts.n503,
        flood_other: counts.other,
        flood_seconds: counts.seconds,
        rss_before_mib,
        rss_peak_mib,
    }
}

/// The figures as `key value` lines.
pub fn print(label: &str, f: &Figures) {
    println!("{label}_idle_p50_ms {:.2}", ms(quantile(&f.idle, 0.5)));
    println!("{label}_idle_p99_ms {:.2}", ms(quantile(&f.idle, 0.99)));
    println!("{label}_flood_p50_ms {:.2}", ms(quantile(&f.loaded, 0.5)));
    println!("{label}_flood_p99_ms {:.2}", ms(quantile(&f.loaded, 0.99)));
    println!("{label}_p50_ratio {:.2}", ms(quantile(&f.loaded, 0.5)) / ms(quantile(&f.idle, 0.5)).max(0.001));
    println!("{label}_p99_ratio {:.2}", ms(quantile(&f.loaded, 0.99)) / ms(quantile(&f.idle, 0.99)).max(0.001));
    let total = (f.flood_401 + f.flood_429 + f.flood_503 + f.flood_other) as f64;
    println!("{label}_flood_requests_per_s {:.0}", total / f.flood_seconds.max(0.001));
    println!("{label}_flood_checked_per_s {:.0}", f.flood_401 as f64 / f.flood_seconds.max(0.001));
    println!("{label}_flood_401 {}", f.flood_401);
    println!("{label}_flood_429 {}", f.flood_429);
    println!("{label}_flood_503 {}", f.flood_503);
    println!("{label}_flood_other {}", f.flood_other);
    println!("{label}_rss_before_mib {:.0}", f.rss_before_mib);
    println!("{label}_rss_peak_mib {:.0}", f.rss_peak_mib);
}
