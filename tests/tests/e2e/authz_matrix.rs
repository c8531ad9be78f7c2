//! The authorisation matrix: every operation of the OpenAPI description × seven callers, on
//! both databases. Each row says who may call it; every other caller must be refused (401 without
//! a session, 403 or 404 with one) and every allowed caller must get past authorisation (not 401,
//! 403, nor 404 unless the row's resource is made up). An operation of the description without a
//! row fails the test, so a new route cannot ship without deciding who may call it.

use hocba_tests::{Db, TestApp};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Anonymous,
    /// The parent of a 5A pupil (the pupil of the rows).
    Parent,
    /// A parent of a 4A pupil only.
    OtherParent,
    /// The homeroom teacher of 5A (the class of the rows).
    Homeroom,
    /// The homeroom teacher of 4A, who teaches nothing in 5A.
    OtherTeacher,
    Principal,
    Admin,
}

use Who::*;

const EVERYONE: &[Who] = &[Anonymous, Parent, OtherParent, Homeroom, OtherTeacher, Principal, Admin];
const SIGNED_IN: &[Who] = &[Parent, OtherParent, Homeroom, OtherTeacher, Principal, Admin];
const TEACHERS: &[Who] = &[Homeroom, OtherTeacher];
const MANAGERS: &[Who] = &[Principal, Admin];
const CLASS_READERS: &[Who] = &[Homeroom, Principal, Admin];
const RECORD_READERS: &[Who] = &[Parent, Homeroom, Principal, Admin];
const HOMEROOM: &[Who] = &[Homeroom];
/// The parent of the rows' pupil, and no one else.
const FAMILY: &[Who] = &[Parent];
/// What parents have seen and replied: the class's homeroom teacher and the principal.
const FEEDBACK_READERS: &[Who] = &[Homeroom, Principal];
const PRINCIPAL: &[Who] = &[Principal];

#[derive(Clone, Copy)]
enum Expect {
    /// Only these callers get past authorisation.
    Only(&'static [Who]),
    /// Any caller; the answer is about the input (a login with a wrong password is 401), never 5xx.
    Anyone,
}

#[derive(Clone)]
enum Body {
    None,
    Json(Value),
    Raw(&'static [u8]),
}

struct Row {
    method: &'static str,
    /// The OpenAPI path template.
    path: &'static str,
    body: Body,
    expect: Expect,
    /// The row's id is made up (a batch, an award, a code): an allowed caller may get 404.
    made_up: bool,
    /// The call ends sessions: sign everyone in again afterwards.
    ends_sessions: bool,
}

fn row(method: &'static str, path: &'static str, expect: Expect) -> Row {
    Row { method, path, body: Body::None, expect, made_up: false, ends_sessions: false }
}

impl Row {
    fn json(mut self, v: Value) -> Row {
        self.body = Body::Json(v);
        self
    }
    fn raw(mut self, b: &'static [u8]) -> Row {
        self.body = Body::Raw(b);
        self
    }
    fn made_up(mut self) -> Row {
        self.made_up = true;
        self
    }
    fn ends_sessions(mut self) -> Row {
        self.ends_sessions = true;
        self
    }
}

/// The ids the rows' paths are filled with.
struct Ids(BTreeMap<&'static str, String>);

impl Ids {
    fn fill(&self, template: &str) -> String {
        let mut out = template.to_string();
        for (k, v) in &self.0 {
            out = out.replace(&format!("{{{k}}}"), v);
        }
        assert!(!out.contains('{'), "no id for {out}");
        out
    }
}

const CSV: &[u8] = "Tên đăng nhập,Họ và tên,Vai trò,Điện thoại\n".as_bytes();

/// Every operation, in the order they run (state-changing ones that would disturb later rows last).
fn rows() -> Vec<Row> {
    let a = Expect::Only;
    let cell = json!({"subjects": [{"subject": "tieng_viet", "level": "T"}]});
    vec![
        // Public.
        row("GET", "/api/health", Expect::Anyone),
        row("GET", "/api/openapi.json", Expect::Anyone),
        row("GET", "/api/auth/session", Expect::Anyone),
        row("POST", "/api/auth/login", Expect::Anyone).json(json!({"username": "khongco", "password": "x"})),
        row("POST", "/api/auth/redeem", Expect::Anyone).json(json!({"code": "KHONG-CO"})),
        row("POST", "/api/verify", Expect::Anyone).raw(b"%PDF-1.7 not signed"),
        row("GET", "/api/verify/{code}", Expect::Anyone).made_up(),
        row("GET", "/api/schools/{school_id}/jwks.json", Expect::Anyone),
        row("GET", "/api/schools/{school_id}/ca.pem", Expect::Anyone),
        row("GET", "/api/schools/{school_id}/crl", Expect::Anyone),
        // Anyone signed in.
        row("GET", "/api/me", a(SIGNED_IN)),
        row("GET", "/api/notifications", a(SIGNED_IN)),
        row("GET", "/api/school/logo", a(SIGNED_IN)).made_up(),
        row("POST", "/api/auth/password", a(SIGNED_IN))
            .json(json!({"current_password": "sai", "new_password": "mat khau moi"})),
        // A class: its teachers and the managers read; writes by role.
        row("GET", "/api/classes/{class_id}/pupils", a(CLASS_READERS)),
        row("GET", "/api/classes/{class_id}/periods/{period}/grid", a(CLASS_READERS)),
        row("GET", "/api/classes/{class_id}/periods/{period}/pupils/{pupil_id}/history", a(CLASS_READERS)),
        row("GET", "/api/classes/{class_id}/periods/{period}/reopenings", a(CLASS_READERS)),
        row("GET", "/api/classes/{class_id}/periods/{period}/summary", a(CLASS_READERS)),
        row("GET", "/api/classes/{class_id}/periods/{period}/summary.xlsx", a(CLASS_READERS)),
        row("GET", "/api/classes/{class_id}/year-end", a(CLASS_READERS)),
        row("GET", "/api/classes/{class_id}/pupils/{pupil_id}/optional-subjects", a(CLASS_READERS)),
        row("PUT", "/api/classes/{class_id}/pupils/{pupil_id}/optional-subjects", a(CLASS_READERS))
            .json(json!({"codes": []})),
        row("PUT", "/api/classes/{class_id}/periods/{period}/pupils/{pupil_id}", a(HOMEROOM)).json(cell.clone()),
        row("PUT", "/api/classes/{class_id}/periods/{period}/cells", a(HOMEROOM))
            .json(json!({"rows": [{"pupil_id": "{pupil_id}", "subjects": cell["subjects"]}]})),
        row("PUT", "/api/classes/{class_id}/year-end", a(HOMEROOM))
            .json(json!({"rows": [{"pupil_id": "{pupil_id}", "year_end": {"days_absent_excused": 1}}]})),
        row("PUT", "/api/classes/{class_id}/year-end/{pupil_id}", a(HOMEROOM)).json(json!({"days_absent_excused": 1})),
        row("POST", "/api/classes/{class_id}/year-end/{pupil_id}/awards", a(HOMEROOM))
            .json(json!({"kind": "khong_co"})),
        row("DELETE", "/api/classes/{class_id}/year-end/{pupil_id}/awards/{award_id}", a(HOMEROOM)).made_up(),
        row("PUT", "/api/classes/{class_id}/year-end/{pupil_id}/decision", a(MANAGERS)).json(json!({"decision": null})),
        row("POST", "/api/classes/{class_id}/periods/{period}/submit", a(HOMEROOM)),
        row("POST", "/api/classes/{class_id}/periods/{period}/approve", a(PRINCIPAL)),
        row("GET", "/api/classes/{class_id}/periods/{period}/checklist", a(MANAGERS)),
        row("POST", "/api/classes/{class_id}/periods/{period}/return", a(PRINCIPAL)).json(json!({"comment": ""})),
        row("POST", "/api/classes/{class_id}/periods/{period}/pupils/{pupil_id}/reopen", a(PRINCIPAL))
            .json(json!({"reason": ""})),
        row("POST", "/api/classes/{class_id}/periods/{period}/pupils/{pupil_id}/approve", a(PRINCIPAL)),
        // The teacher's own comment bank.
        row("GET", "/api/comment-bank?subject=toan", a(TEACHERS)),
        row("POST", "/api/comment-bank", a(TEACHERS)).json(json!({"subject": "toan", "text": "Em làm bài cẩn thận."})),
        row("DELETE", "/api/comment-bank/{comment_id}", a(TEACHERS)).made_up(),
        // The principal's review.
        row("GET", "/api/reviews", a(MANAGERS)),
        row("GET", "/api/dashboard", a(MANAGERS)),
        row("GET", "/api/dashboard.xlsx", a(MANAGERS)),
        // The preview only reads; approving is the principal's.
        row("GET", "/api/reviews/approve-all/{period}", a(MANAGERS)),
        // A pupil's record: the family, the homeroom teacher, the managers.
        row("GET", "/api/pupils/{pupil_id}/results", a(RECORD_READERS)),
        row("GET", "/api/pupils/{pupil_id}/periods", a(FAMILY)),
        // The rows' point is not approved: the parent gets past authorisation to 409.
        row("POST", "/api/pupils/{pupil_id}/periods/{period}/seen", a(FAMILY)),
        row("POST", "/api/pupils/{pupil_id}/periods/{period}/replies", a(FAMILY)).json(json!({"text": "Cảm ơn cô."})),
        row("GET", "/api/classes/{class_id}/periods/{period}/feedback", a(FEEDBACK_READERS)),
        row("GET", "/api/pupils/{pupil_id}/hoc-ba.xml", a(RECORD_READERS)),
        row("GET", "/api/pupils/{pupil_id}/hoc-ba.pdf", a(RECORD_READERS)),
        row("GET", "/api/pupils/{pupil_id}/documents", a(RECORD_READERS)),
        row("GET", "/api/pupils/{pupil_id}/credentials.json", a(RECORD_READERS)),
        row("GET", "/api/pupils/{pupil_id}/years/{school_year}/record.pdf", a(RECORD_READERS)),
        row("GET", "/api/pupils/{pupil_id}/years/{school_year}/record.xml", a(RECORD_READERS)),
        row("GET", "/api/pupils/{pupil_id}/years/{school_year}/record.xml.p7s", a(RECORD_READERS)),
        // Signing.
        row("GET", "/api/signing/readiness", a(MANAGERS)),
        row("GET", "/api/signing/setup", a(MANAGERS)),
        row("GET", "/api/signing/trusted-cas", a(MANAGERS)),
        row("POST", "/api/signing/trusted-cas", a(MANAGERS)).json(json!({"pem": "không phải PEM"})),
        // One's own documents waiting for one's signature (a parent's list is always empty).
        row("GET", "/api/signing/pending", a(SIGNED_IN)),
        row("POST", "/api/signing/pending/{document_id}", a(PRINCIPAL)).json(json!({"cms": "MAA="})),
        row("GET", "/api/classes/{class_id}/hand-over-batch", a(MANAGERS)),
        row("GET", "/api/batches/{batch_id}", a(MANAGERS)).made_up(),
        row("GET", "/api/batches/{batch_id}/download", a(MANAGERS)).made_up(),
        // School administration: the managers.
        row("GET", "/api/admin/school", a(MANAGERS)),
        row("PUT", "/api/admin/school/logo", a(MANAGERS)).raw(b"not an image"),
        row("GET", "/api/admin/years", a(MANAGERS)),
        row("POST", "/api/admin/years", a(MANAGERS)).json(json!({"start_year": 1999})),
        row("POST", "/api/admin/years/{year_id}/current", a(MANAGERS)),
        row("GET", "/api/admin/years/{year_id}/classes", a(MANAGERS)),
        row("POST", "/api/admin/years/{year_id}/rollover/preview", a(MANAGERS)).json(json!({})),
        row("GET", "/api/admin/years/{year_id}/assignments/export", a(MANAGERS)),
        row("POST", "/api/admin/years/{year_id}/assignments/import?dry_run=true", a(MANAGERS)).raw(CSV),
        row("POST", "/api/admin/classes", a(MANAGERS))
            .json(json!({"school_year_id": "{year_id}", "name": "", "grade": 5})),
        row("PUT", "/api/admin/classes/{class_id}", a(MANAGERS))
            .json(json!({"school_year_id": "{year_id}", "name": "", "grade": 5})),
        row("PUT", "/api/admin/classes/{class_id}/assignments", a(MANAGERS)).json(json!({"assignments": []})),
        row("GET", "/api/admin/classes/{class_id}/roster/export", a(MANAGERS)),
        row("POST", "/api/admin/classes/{class_id}/roster/import?dry_run=true", a(MANAGERS)).raw(CSV),
        row("GET", "/api/admin/staff", a(MANAGERS)),
        row("POST", "/api/admin/staff", a(MANAGERS)).json(json!({"username": "", "full_name": "", "roles": []})),
        row("GET", "/api/admin/staff/export", a(MANAGERS)),
        row("POST", "/api/admin/staff/import?dry_run=true", a(MANAGERS)).raw(CSV),
        row("PUT", "/api/admin/staff/{user_id}", a(MANAGERS))
            .json(json!({"username": "", "full_name": "", "roles": []})),
        row("POST", "/api/admin/staff/{user_id}/deactivate", a(MANAGERS)),
        row("POST", "/api/admin/staff/{user_id}/activate", a(MANAGERS)),
        row("POST", "/api/admin/staff/{user_id}/reset-password", a(MANAGERS)),
        row("GET", "/api/admin/pupils", a(MANAGERS)),
        row("POST", "/api/admin/pupils", a(MANAGERS))
            .json(json!({"national_id": "", "full_name": "", "gender": null, "birth_date": null, "ethnicity": ""})),
        row("GET", "/api/admin/pupils/export", a(MANAGERS)),
        row("POST", "/api/admin/pupils/import?dry_run=true", a(MANAGERS)).raw(CSV),
        row("GET", "/api/admin/pupils/{other_pupil_id}", a(MANAGERS)),
        row("PUT", "/api/admin/pupils/{other_pupil_id}", a(MANAGERS))
            .json(json!({"national_id": "", "full_name": "", "gender": null, "birth_date": null, "ethnicity": ""})),
        row("GET", "/api/admin/parents", a(MANAGERS)),
        row("POST", "/api/admin/pupils/{other_pupil_id}/guardians", a(MANAGERS))
            .json(json!({"parent_id": "{other_parent_id}"})),
        // The second manager finds the link already removed: 404.
        row("DELETE", "/api/admin/pupils/{other_pupil_id}/guardians/{other_parent_id}", a(MANAGERS)).made_up(),
        row("POST", "/api/admin/invites", a(MANAGERS)).json(json!({"pupil_ids": ["{other_pupil_id}"]})),
        row("POST", "/api/admin/pupils/transfer-in", a(MANAGERS)).json(json!({
            "pupil": {"national_id": "", "full_name": "", "gender": null, "birth_date": null, "ethnicity": ""},
            "date": "", "from_school": ""})),
        row("POST", "/api/admin/pupils/{other_pupil_id}/imported-years", a(MANAGERS))
            .json(json!({"xml": "", "signature": ""})),
        row("PUT", "/api/admin/school", a(MANAGERS))
            .json(json!({"name": "", "code": "", "commune": "", "province": "", "principal_name": ""})),
        // Last: what changes much.
        row("POST", "/api/admin/years/{made_up_year_id}/rollover", a(MANAGERS)).json(json!({})).made_up(),
        row("POST", "/api/reviews/approve-all/{period}", a(PRINCIPAL)),
        row("POST", "/api/classes/{class_id}/hand-over-batch", a(MANAGERS)).json(json!({})),
        row("POST", "/api/admin/pupils/{other_pupil_id}/transfer-out", a(MANAGERS))
            .json(json!({"date": "", "to_school": ""})),
        row("POST", "/api/documents/{document_id}/revoke", a(PRINCIPAL)).json(json!({"reason": ""})),
        row("POST", "/api/auth/logout", Expect::Anyone).ends_sessions(),
        row("POST", "/api/auth/logout-all", a(SIGNED_IN)).ends_sessions(),
    ]
}

fn username(who: Who) -> Option<&'static str> {
    Some(match who {
        Anonymous => return None,
        Parent => "phuhuynh",
        OtherParent => "phuhuynh4a",
        Homeroom => "gvcn5a",
        OtherTeacher => "gvcn4a",
        Principal => "hieutruong",
        Admin => "admin",
    })
}

async fn sign_in_all(app: &TestApp) -> BTreeMap<Who, String> {
    let mut tokens = BTreeMap::new();
    for who in EVERYONE {
        if let Some(name) = username(*who) {
            tokens.insert(*who, app.login(name).await);
        }
    }
    tokens
}

fn fill_json(v: &Value, ids: &Ids) -> Value {
    match v {
        Value::String(s) if s.starts_with('{') && s.ends_with('}') => Value::String(ids.fill(s)),
        Value::Array(a) => Value::Array(a.iter().map(|x| fill_json(x, ids)).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, x)| (k.clone(), fill_json(x, ids))).collect()),
        other => other.clone(),
    }
}

async fn call(app: &TestApp, token: Option<&str>, method: &str, path: &str, body: &Body, ids: &Ids) -> u16 {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut req = app.http.request(method, app.url(path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req = match body {
        Body::None => req,
        Body::Json(v) => req.json(&fill_json(v, ids)),
        Body::Raw(b) => req.body(b.to_vec()),
    };
    req.send().await.expect("request").status().as_u16()
}

async fn matrix(kind: Db) {
    let Some(app) = TestApp::spawn(kind).await else { return };
    let mut tokens = sign_in_all(&app).await;
    let principal = tokens[&Principal].clone();
    let parent = tokens[&Parent].clone();

    // The resources the rows name.
    let child = app.get_json(&parent, "/api/me").await["children"][0]["id"].as_str().unwrap().to_string();
    let school_year = app.get_json(&parent, &format!("/api/pupils/{child}/results")).await["years"][0]["school_year"]
        .as_str()
        .unwrap()
        .to_string();
    let class_5a = hocba_tests::concurrency::class_named(&app, &tokens[&Homeroom], "5A").await;
    let years = app.get_json(&principal, "/api/admin/years").await;
    let year =
        years.as_array().unwrap().iter().find(|y| y["is_current"] == true).unwrap()["id"].as_str().unwrap().to_string();
    let other_parent_me = app.get_json(&tokens[&OtherParent], "/api/me").await;
    let other_pupil = other_parent_me["children"][0]["id"].as_str().unwrap().to_string();
    let other_parent = other_parent_me["id"].as_str().unwrap().to_string();
    let secret = std::fs::read(app.data_dir.join("jwt-secret")).unwrap();
    let school = hocba::auth::Keys::new(&secret, 12, 30).verify(&principal).unwrap().sch;
    // A staff account of its own for the staff rows (deactivated, reset…).
    let (staff_id, _) = app.new_teacher(&principal, "gv.matran", "Lò Văn Trận").await;
    // A document whose signature the principal makes (the hand-over of the child).
    assert_eq!(app.get(&parent, &format!("/api/pupils/{child}/hoc-ba.pdf")).await.status(), 200);
    let docs = app.get_json(&parent, &format!("/api/pupils/{child}/documents")).await;
    let document = docs[0]["id"].as_str().unwrap().to_string();
    let ids = Ids(BTreeMap::from([
        ("pupil_id", child.clone()),
        ("other_pupil_id", other_pupil),
        ("other_parent_id", other_parent),
        ("class_id", class_5a),
        ("period", "cuoi_hk1".to_string()),
        ("school_year", school_year),
        ("year_id", year),
        ("made_up_year_id", "0190f0f0-0000-7000-8000-00000000abcd".to_string()),
        ("school_id", school),
        ("user_id", staff_id),
        ("document_id", document),
        ("batch_id", "0190f0f0-0000-7000-8000-00000000b001".to_string()),
        ("award_id", "0190f0f0-0000-7000-8000-00000000a001".to_string()),
        ("comment_id", "0190f0f0-0000-7000-8000-00000000c001".to_string()),
        ("code", "KHONGCO1".to_string()),
    ]));

    // Every operation of the description has a row, and every row an operation.
    let doc = app.get_json(&principal, "/api/openapi.json").await;
    let described: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(p, item)| item.as_object().unwrap().keys().map(move |m| (m.to_uppercase(), p.clone())))
        .collect();
    let table = rows();
    let covered: BTreeSet<(String, String)> = table
        .iter()
        .map(|r| {
            (
                r.method.to_string(),
                r.path
                    .split('?')
                    .next()
                    .unwrap()
                    .replace("{comment_id}", "{id}")
                    .replace("{other_pupil_id}", "{pupil_id}")
                    .replace("{other_parent_id}", "{parent_id}")
                    .replace("{made_up_year_id}", "{year_id}"),
            )
        })
        .collect();
    let missing: Vec<_> = described.difference(&covered).collect();
    let extra: Vec<_> = covered.difference(&described).collect();
    assert!(missing.is_empty(), "operations without a row of the matrix: {missing:?}");
    assert!(extra.is_empty(), "rows without an operation: {extra:?}");

    let mut failures = Vec::new();
    let mut calls = 0;
    for r in &table {
        let path = ids.fill(r.path);
        let (allowed, anyone): (Vec<Who>, bool) = match r.expect {
            Expect::Only(list) => (list.to_vec(), false),
            Expect::Anyone => (EVERYONE.to_vec(), true),
        };
        // The refused callers first: what they try must change nothing the allowed ones then see.
        let order: Vec<Who> =
            EVERYONE.iter().copied().filter(|w| !allowed.contains(w)).chain(allowed.iter().copied()).collect();
        for who in order {
            let status = call(&app, tokens.get(&who).map(String::as_str), r.method, &path, &r.body, &ids).await;
            calls += 1;
            let ok = if status >= 500 {
                false
            } else if anyone {
                true
            } else if allowed.contains(&who) {
                !matches!(status, 401 | 403) && (status != 404 || r.made_up)
            } else if who == Anonymous {
                status == 401
            } else {
                matches!(status, 403 | 404)
            };
            if !ok {
                failures.push(format!("{} {} as {who:?}: {status}", r.method, r.path));
            }
        }
        if r.ends_sessions {
            tokens = sign_in_all(&app).await;
        }
    }
    eprintln!("authorisation matrix ({kind:?}): {} operations × 7 callers, {calls} calls", table.len());
    assert!(failures.is_empty(), "{} unexpected answers:\n{}", failures.len(), failures.join("\n"));
}

#[tokio::test]
async fn authorisation_matrix_sqlite() {
    matrix(Db::Sqlite).await;
}

#[tokio::test]
async fn authorisation_matrix_postgres() {
    matrix(Db::Postgres).await;
}
