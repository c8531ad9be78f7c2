//! Assessment entry, on SQLite and PostgreSQL: a whole 35-pupil class saved in one bulk request,
//! one bad cell refusing the whole batch, per-cell versions (a stale write gets 409 with the
//! current value; different cells never conflict), and a tampered audit log detected.

use diesel::connection::SimpleConnection;
use hocba_core::sheet::Cell;
use hocba_tests::sheets::{self, name, national_id, row};
use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn assessment_entry_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn assessment_entry_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

/// A grade-5 class "5B" of 35 pupils taught entirely by gvcn5a; answers its id.
async fn class_of_35(app: &TestApp, admin: &str) -> String {
    let years = app.get_json(admin, "/api/admin/years").await;
    let year = years.as_array().unwrap().iter().find(|y| y["is_current"] == true).unwrap()["id"].clone();
    let staff = app.get_json(admin, "/api/admin/staff").await;
    let teacher = staff.as_array().unwrap().iter().find(|s| s["username"] == "gvcn5a").unwrap()["id"].clone();
    let class: Value = app
        .post(
            admin,
            "/api/admin/classes",
            json!({"school_year_id": year, "name": "5B", "grade": 5, "homeroom_teacher_id": teacher}),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = class["id"].as_str().unwrap().to_string();
    let assignments: Vec<Value> = hocba_core::catalogue::required_subjects(5)
        .iter()
        .map(|s| json!({"subject_code": s.code, "teacher_id": teacher}))
        .collect();
    let r = app.put(admin, &format!("/api/admin/classes/{id}/assignments"), json!({"assignments": assignments})).await;
    assert_eq!(r.status(), 200);
    let rows: Vec<Vec<Cell>> = (700..735)
        .map(|i| row("5B", &national_id(i), &name(i), "Nam", Cell::Text("20/04/2015".into()), "Tày"))
        .collect();
    let r = app.upload(admin, &format!("/api/admin/classes/{id}/roster/import"), sheets::xlsx(rows)).await;
    assert_eq!(r.status(), 200);
    id
}

/// Every cell of every row of a grid: T, 9 where a test is taken, a comment.
fn full_class(grid: &Value) -> Value {
    let rows: Vec<Value> = grid["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let subjects: Vec<Value> = grid["subjects"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let score = if c["scored"] == true { json!(9) } else { Value::Null };
                    json!({"subject": c["code"], "level": "T", "score": score, "comment": "Em học tốt, tiến bộ rõ."})
                })
                .collect();
            let qualities: Vec<Value> = grid["qualities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| json!({"code": c["code"], "level": "T"}))
                .collect();
            json!({"pupil_id": r["pupil"]["id"], "subjects": subjects, "qualities": qualities})
        })
        .collect();
    json!({ "rows": rows })
}

async fn scenario(app: &TestApp) {
    let admin = app.login("admin").await;
    let class = class_of_35(app, &admin).await;
    let teacher = app.login("gvcn5a").await;
    let grid_path = format!("/api/classes/{class}/periods/cuoi_nam/grid");
    let cells_path = format!("/api/classes/{class}/periods/cuoi_nam/cells");
    let grid = app.get_json(&teacher, &grid_path).await;
    assert_eq!(grid["rows"].as_array().unwrap().len(), 35);
    let mut body = full_class(&grid);

    // One invalid cell refuses the whole batch, naming the cell; nothing is saved.
    body["rows"][17]["subjects"][1]["score"] = json!(11);
    let r = app.put(&teacher, &cells_path, body.clone()).await;
    let field = format!("rows[17].subjects.{}.score", grid["subjects"][1]["code"].as_str().unwrap());
    assert_error(r, 422, "validation", Some(&field)).await;
    let unchanged = app.get_json(&teacher, &grid_path).await;
    assert!(unchanged["rows"].as_array().unwrap().iter().all(|r| r["subjects"].as_object().unwrap().is_empty()));

    // The whole class in one request.
    body["rows"][17]["subjects"][1]["score"] = json!(9);
    let r = app.put(&teacher, &cells_path, body).await;
    assert_eq!(r.status(), 200);
    let saved: Value = r.json().await.unwrap();
    let cells_per_pupil = grid["subjects"].as_array().unwrap().len() + grid["qualities"].as_array().unwrap().len();
    assert_eq!(saved["changed"].as_u64().unwrap() as usize, 35 * cells_per_pupil);
    assert!(
        saved["rows"].as_array().unwrap().iter().all(|r| r["evaluation"]["result"] == "HTXS"),
        "{}",
        saved["rows"][0]
    );

    // Versions: a write based on the current version passes, a second one based on the same
    // (now old) version is refused with the current value; another cell of the pupil is free.
    let grid = app.get_json(&teacher, &grid_path).await;
    let pupil = grid["rows"][4]["pupil"]["id"].as_str().unwrap().to_string();
    let toan = grid["rows"][4]["subjects"]["toan"].clone();
    assert_eq!(toan["version"], 1);
    let row_path = format!("/api/classes/{class}/periods/cuoi_nam/pupils/{pupil}");
    let write = |level: &str, base: u64| json!({"subjects": [{"subject": "toan", "level": level, "score": 8, "base_version": base}]});
    let r = app.put(&teacher, &row_path, write("H", 1)).await;
    assert_eq!(r.status(), 200);
    let row: Value = r.json().await.unwrap();
    assert_eq!(row["subjects"]["toan"]["version"], 2);
    let r = app.put(&teacher, &row_path, write("C", 1)).await;
    let err = assert_error(r, 409, "stale", Some("subjects.toan")).await;
    assert_eq!(err["error"]["current"]["level"], "H");
    assert_eq!(err["error"]["current"]["version"], 2);
    let other = json!({"subjects": [{"subject": "tieng_viet", "level": "H", "score": 7, "base_version": 1}]});
    assert_eq!(app.put(&teacher, &row_path, other).await.status(), 200);
    // A stale cell inside a bulk request refuses the whole request too.
    let bulk = json!({"rows": [
        {"pupil_id": pupil, "subjects": [{"subject": "khoa_hoc", "level": "H", "score": 6, "base_version": 1}]},
        {"pupil_id": pupil, "subjects": [{"subject": "toan", "level": "C", "score": 4, "base_version": 1}]},
    ]});
    assert_error(app.put(&teacher, &cells_path, bulk).await, 409, "stale", Some("rows[1].subjects.toan")).await;
    let after = app.get_json(&teacher, &grid_path).await;
    assert_eq!(
        after["rows"][4]["subjects"]["khoa_hoc"]["level"], "T",
        "the first row of the refused bulk was rolled back"
    );

    // An Idempotency-Key is bound to its request: the same request again is answered once (nothing
    // written twice); the key reused for another pupil's cell, or on the bulk endpoint, is refused
    // naming the key (never the first request's answer, never a 500) and nothing is written.
    let keyed = |path: &str, body: Value| {
        app.http.put(app.url(path)).bearer_auth(&teacher).header("Idempotency-Key", "op-7").json(&body).send()
    };
    let grid = app.get_json(&teacher, &grid_path).await;
    let (first, second) = (grid["rows"][6].clone(), grid["rows"][7].clone());
    let path_of =
        |row: &Value| format!("/api/classes/{class}/periods/cuoi_nam/pupils/{}", row["pupil"]["id"].as_str().unwrap());
    let cell = |row: &Value| {
        json!({"subjects": [{"subject": "toan", "level": "H", "score": 7,
        "base_version": row["subjects"]["toan"]["version"]}]})
    };
    let r = keyed(&path_of(&first), cell(&first)).await.unwrap();
    assert_eq!(r.status(), 200);
    let answered: Value = r.json().await.unwrap();
    let again = keyed(&path_of(&first), cell(&first)).await.unwrap();
    assert_eq!(again.status(), 200, "a replay of the same request");
    assert_eq!(again.json::<Value>().await.unwrap(), answered, "answered as the first time");
    let r = keyed(&path_of(&second), cell(&second)).await.unwrap();
    assert_error(r, 422, "validation", Some("Idempotency-Key")).await;
    let r = keyed(
        &cells_path,
        json!({"rows": [{"pupil_id": second["pupil"]["id"], "subjects": [{"subject": "toan",
        "level": "C", "score": 3, "base_version": second["subjects"]["toan"]["version"]}]}]}),
    )
    .await
    .unwrap();
    assert_error(r, 422, "validation", Some("Idempotency-Key")).await;
    let after = app.get_json(&teacher, &grid_path).await;
    assert_eq!(
        after["rows"][6]["subjects"]["toan"]["version"],
        first["subjects"]["toan"]["version"].as_u64().unwrap() + 1
    );
    assert_eq!(
        after["rows"][7]["subjects"]["toan"], second["subjects"]["toan"],
        "the second pupil's mark is untouched"
    );

    // The audit log verifies; editing one of its rows directly is found and named.
    let db = hocba::db::Db::open(&app.database_url).unwrap();
    let entries = db.read(hocba::services::audit::verify_chain).unwrap().expect("audit chain intact");
    assert!(entries > 35);
    let tamper = match app.database_url.starts_with("postgres") {
        true => {
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; \
                 UPDATE audit_log SET detail = '{}' WHERE seq = 5; \
                 ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;"
        }
        false => "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{}' WHERE seq = 5;",
    };
    let mut conn = db.conn().unwrap();
    conn.batch_execute(tamper).unwrap();
    drop(conn);
    assert_eq!(db.read(hocba::services::audit::verify_chain).unwrap(), Err(5));
}
