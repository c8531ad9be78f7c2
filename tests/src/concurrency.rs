//! The "graduation week" scenario shared by the concurrency test and `cargo bench --bench
//! concurrency`: while an administrator imports a large staff list and the principal runs the
//! hand-over batch of class 5A (30 pupils, four approved years each), the homeroom teacher of 4A
//! keeps saving one cell of the grid. Every save's time is measured over real HTTP; the same
//! saves with nothing else running give the baseline.

use crate::TestApp;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// What one run measured.
pub struct Figures {
    /// The teacher's saves with nothing else running.
    pub idle: Vec<Duration>,
    /// The teacher's saves while the import and the batch run.
    pub loaded: Vec<Duration>,
    /// Every loaded save's HTTP status (all must be 200).
    pub statuses: Vec<u16>,
    pub import_time: Duration,
    pub import_status: u16,
    pub accounts_created: usize,
    pub batch_time: Duration,
    pub batch_documents: usize,
}

/// The value at quantile `q` (0–1) of `samples`, nearest rank.
pub fn quantile(samples: &[Duration], q: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A staff list of `rows` new teachers as CSV (UTF-8), the format of `POST /api/admin/staff/import`.
pub fn staff_csv(rows: usize) -> Vec<u8> {
    const FAMILY: &[&str] = &["Nguyễn", "Lò", "Vàng", "Giàng", "Hoàng", "Sần", "Lù", "Thào", "Nông", "Phạm"];
    const GIVEN: &[&str] = &["Thị Hoa", "Văn Páo", "Thị Dua", "Seo Chứ", "Văn Thắng", "Thị Mai", "Văn Lìn"];
    let mut out = String::from("Tên đăng nhập,Họ và tên,Vai trò,Điện thoại\n");
    for i in 0..rows {
        out.push_str(&format!(
            "gvtinh{i:05},{} {},Giáo viên,09{:08}\n",
            FAMILY[i % FAMILY.len()],
            GIVEN[(i / FAMILY.len()) % GIVEN.len()],
            12_000_000 + i
        ));
    }
    out.into_bytes()
}

/// The current class a teacher teaches (by name), from `/api/me`.
pub async fn class_named(app: &TestApp, token: &str, name: &str) -> String {
    let me = app.get_json(token, "/api/me").await;
    let classes = me["classes"].as_array().cloned().unwrap_or_default();
    let mut named: Vec<&Value> = classes.iter().filter(|c| c["name"] == name).collect();
    named.sort_by_key(|c| c["school_year"].as_str().unwrap_or_default().to_string());
    named.last().and_then(|c| c["id"].as_str()).unwrap_or_else(|| panic!("class {name} in {me}")).to_string()
}

/// One teacher's cell, saved again and again with alternating levels.
pub struct Cell {
    path: String,
    subject: String,
    version: u64,
    flip: bool,
}

impl Cell {
    pub async fn find(app: &TestApp, teacher: &str, class: &str) -> Cell {
        let grid = app.get_json(teacher, &format!("/api/classes/{class}/periods/cuoi_hk1/grid")).await;
        let pupil = grid["rows"][0]["pupil"]["id"].as_str().expect("a pupil in the class").to_string();
        let subject = grid["subjects"]
            .as_array()
            .and_then(|s| s.iter().find(|c| c["scored"] == false))
            .and_then(|c| c["code"].as_str())
            .expect("a subject without a test")
            .to_string();
        Cell { path: format!("/api/classes/{class}/periods/cuoi_hk1/pupils/{pupil}"), subject, version: 0, flip: false }
    }

    /// Saves the cell once; answers the time and the status.
    pub async fn save(&mut self, app: &TestApp, teacher: &str) -> (Duration, u16) {
        self.flip = !self.flip;
        let mut cell = json!({"subject": self.subject, "level": if self.flip { "T" } else { "H" }});
        if self.version > 0 {
            cell["base_version"] = json!(self.version);
        }
        let started = Instant::now();
        let r = app.put(teacher, &self.path, json!({ "subjects": [cell] })).await;
        let status = r.status().as_u16();
        let body: Value = r.json().await.unwrap_or(Value::Null);
        let took = started.elapsed();
        if let Some(v) = body["subjects"][&self.subject]["version"].as_u64() {
            self.version = v;
        }
        (took, status)
    }
}

/// Runs the scenario: `idle_saves` saves alone, then the import of `staff_rows` accounts and the
/// 5A batch with saves every `spacing` until both are done (at least `min_saves` of them).
pub async fn run(app: &TestApp, staff_rows: usize, idle_saves: usize, min_saves: usize, spacing: Duration) -> Figures {
    let admin = app.login("admin").await;
    let principal = app.login("hieutruong").await;
    let teacher = app.login("gvcn4a").await;
    let class_4a = class_named(app, &teacher, "4A").await;
    let class_5a = class_named(app, &principal, "5A").await;
    let mut cell = Cell::find(app, &teacher, &class_4a).await;

    let mut idle = Vec::with_capacity(idle_saves);
    for _ in 0..idle_saves {
        let (took, status) = cell.save(app, &teacher).await;
        assert_eq!(status, 200, "an idle save");
        idle.push(took);
        tokio::time::sleep(spacing).await;
    }

    let csv = staff_csv(staff_rows);
    let import_started = Instant::now();
    let import = {
        let http = app.http.clone();
        let url = app.url("/api/admin/staff/import");
        let admin = admin.clone();
        tokio::spawn(async move {
            let r = http.post(url).bearer_auth(admin).body(csv).send().await.expect("import request");
            let status = r.status().as_u16();
            let report: Value = r.json().await.unwrap_or(Value::Null);
            (status, report, import_started.elapsed())
        })
    };
    let batch_started = Instant::now();
    let r = app.post(&principal, &format!("/api/classes/{class_5a}/hand-over-batch"), json!({})).await;
    assert_eq!(r.status(), 202, "the batch starts");
    let batch_id = r.json::<Value>().await.expect("batch")["id"].as_str().expect("batch id").to_string();

    let mut loaded = Vec::new();
    let mut statuses = Vec::new();
    let mut batch_time = None;
    let mut batch_documents = 0;
    let mut polls = 0u32;
    loop {
        let (took, status) = cell.save(app, &teacher).await;
        loaded.push(took);
        statuses.push(status);
        polls += 1;
        if batch_time.is_none() && polls.is_multiple_of(5) {
            let progress = app.get_json(&principal, &format!("/api/batches/{batch_id}")).await;
            if progress["finished"] == true {
                batch_time = Some(batch_started.elapsed());
                let failures = progress["failures"].as_array().map_or(0, Vec::len);
                assert_eq!(failures, 0, "every pupil of 5A is issued: {progress}");
                batch_documents = progress["done"].as_u64().unwrap_or(0) as usize;
            }
        }
        if import.is_finished() && batch_time.is_some() && loaded.len() >= min_saves {
            break;
        }
        assert!(batch_started.elapsed() < Duration::from_secs(1800), "the scenario ends within 30 minutes");
        tokio::time::sleep(spacing).await;
    }
    let (import_status, report, import_time) = import.await.expect("import task");
    let accounts_created = report["issued"].as_array().map_or(0, Vec::len);
    Figures {
        idle,
        loaded,
        statuses,
        import_time,
        import_status,
        accounts_created,
        batch_time: batch_time.unwrap_or_default(),
        batch_documents,
    }
}

/// The figures as `key value` lines (for the benchmark's parser and the test's log).
pub fn print(label: &str, f: &Figures) {
    println!("{label}_idle_p50_ms {:.2}", ms(quantile(&f.idle, 0.5)));
    println!("{label}_idle_p99_ms {:.2}", ms(quantile(&f.idle, 0.99)));
    println!("{label}_loaded_p50_ms {:.2}", ms(quantile(&f.loaded, 0.5)));
    println!("{label}_loaded_p99_ms {:.2}", ms(quantile(&f.loaded, 0.99)));
    println!("{label}_loaded_max_ms {:.2}", ms(quantile(&f.loaded, 1.0)));
    println!("{label}_loaded_saves {}", f.loaded.len());
    println!("{label}_import_s {:.1}", f.import_time.as_secs_f64());
    println!("{label}_accounts {}", f.accounts_created);
    println!("{label}_batch_s {:.1}", f.batch_time.as_secs_f64());
    println!("{label}_batch_pupils {}", f.batch_documents);
    let ratio = ms(quantile(&f.loaded, 0.99)) / ms(quantile(&f.idle, 0.99)).max(0.001);
    println!("{label}_p99_ratio {ratio:.2}");
}
