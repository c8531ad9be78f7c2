//! Answers kept in memory (a pupil's results, a class grid, the signed-in session) are never
//! served after the data behind them changed: through the API, and through a write made directly
//! on the database by another process (a `hocba` command, a second server), on SQLite and
//! PostgreSQL.

use diesel::connection::SimpleConnection;
use hocba_tests::{Db, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn read_cache_on_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn read_cache_on_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

/// Runs SQL on the app's database from outside the server, as another process would.
fn write_outside(app: &TestApp, sql: &str) {
    let mut conn = hocba::db::connection::establish(&app.database_url).expect("second connection");
    conn.batch_execute(sql).expect("outside write");
}

/// The answer to `path` once a write made outside the server shows: the server sees another
/// process's commit a moment after it (SQLite's `data_version` is read again after 2 ms,
/// PostgreSQL's notification arrives), so it is read again for up to two seconds. A kept answer
/// that never follows the write fails.
async fn after_outside_write(
    app: &TestApp,
    token: &str,
    path: &str,
    shows: impl Fn(u16, &Value) -> bool,
) -> (u16, Value) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        let r = app.get(token, path).await;
        let status = r.status().as_u16();
        let answer = r.json().await.unwrap_or(Value::Null);
        if shows(status, &answer) || std::time::Instant::now() > deadline {
            return (status, answer);
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

async fn scenario(app: &TestApp) {
    let parent = app.login("phuhuynh").await;
    let me = app.get_json(&parent, "/api/me").await;
    let child = me["children"][0]["id"].as_str().unwrap().to_string();
    let results_path = format!("/api/pupils/{child}/results");
    let first = app.get_json(&parent, &results_path).await;
    assert_eq!(first["years"].as_array().unwrap().len(), 4, "grades 1–4 approved");
    assert_eq!(app.get_json(&parent, &results_path).await, first, "a repeated read answers the same");

    // Another process changes the name directly in the database: seen at once.
    write_outside(app, &format!("UPDATE pupils SET full_name = 'Giàng Thị Mỷ Lan' WHERE id = '{child}'"));
    let renamed =
        after_outside_write(app, &parent, &results_path, |_, r| r["pupil"]["full_name"] == "Giàng Thị Mỷ Lan").await.1;
    assert_eq!(renamed["pupil"]["full_name"], "Giàng Thị Mỷ Lan");

    // A locked (approved) cell changed outside the server (as a restore would): the results follow.
    let year = &first["years"][0];
    let before = year["subjects"][0]["comment"].as_str().unwrap_or_default().to_string();
    let subject = year["subjects"][0]["code"].as_str().unwrap();
    let (unlock, relock) = if app.database_url.starts_with("postgres") {
        (
            "ALTER TABLE subject_assessments DISABLE TRIGGER subject_assessments_locked;",
            "ALTER TABLE subject_assessments ENABLE TRIGGER subject_assessments_locked;",
        )
    } else {
        ("DROP TRIGGER subject_assessments_locked_update;", "")
    };
    write_outside(
        app,
        &format!(
            "{unlock}
             UPDATE subject_assessments SET comment = 'Em tiến bộ rõ.' WHERE subject_code = '{subject}'
               AND period = 'cuoi_nam' AND enrolment_id IN (SELECT e.id FROM enrolments e JOIN classes c
               ON c.id = e.class_id WHERE e.pupil_id = '{child}' AND c.grade = 1);
             {relock}"
        ),
    );
    let shows = |_, r: &Value| r["years"][0]["subjects"][0]["comment"] == "Em tiến bộ rõ.";
    let changed = after_outside_write(app, &parent, &results_path, shows).await.1;
    assert_ne!(before, "Em tiến bộ rõ.");
    assert_eq!(changed["years"][0]["subjects"][0]["comment"], "Em tiến bộ rõ.");

    // The teacher's grid follows every cell written, through the API and outside it.
    let teacher = app.login("gvcn5a").await;
    let me = app.get_json(&teacher, "/api/me").await;
    let class = me["classes"].as_array().unwrap().iter().find(|c| c["name"] == "5A").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let grid_path = format!("/api/classes/{class}/periods/cuoi_nam/grid");
    let grid = app.get_json(&teacher, &grid_path).await;
    let pupil_id = grid["rows"][0]["pupil"]["id"].as_str().unwrap().to_string();
    let comment = |g: &Value| g["rows"][0]["subjects"]["tieng_viet"]["comment"].clone();
    let base = grid["rows"][0]["subjects"]["tieng_viet"]["version"].clone();
    let r = app
        .put(
            &teacher,
            &format!("/api/classes/{class}/periods/cuoi_nam/pupils/{pupil_id}"),
            json!({"subjects": [{"subject": "tieng_viet", "level": "T", "score": 9, "comment": "Đọc to, rõ ràng.", "base_version": base}], "qualities": []}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    assert_eq!(comment(&app.get_json(&teacher, &grid_path).await), "Đọc to, rõ ràng.");
    write_outside(
        app,
        &format!(
            "UPDATE subject_assessments SET comment = 'Viết đẹp.' WHERE subject_code = 'tieng_viet' AND period = 'cuoi_nam'
               AND enrolment_id IN (SELECT id FROM enrolments WHERE pupil_id = '{pupil_id}' AND class_id = '{class}')"
        ),
    );
    let grid = after_outside_write(app, &teacher, &grid_path, |_, g| comment(g) == "Viết đẹp.").await.1;
    assert_eq!(comment(&grid), "Viết đẹp.");
    // Another user never gets the teacher's kept answer: a parent is refused the grid.
    assert_eq!(app.get(&parent, &grid_path).await.status(), 404);

    // The principal's dashboard (built from every class) follows a cell emptied through the API
    // and filled again outside the server; a teacher never gets it, kept or not.
    let principal = app.login("hieutruong").await;
    let missing = |d: &Value| {
        let class = d["classes"].as_array().unwrap().iter().find(|c| c["class"]["name"] == "5A").unwrap();
        let end = class["periods"].as_array().unwrap().iter().find(|p| p["period"] == "cuoi_nam").unwrap();
        end["missing_cells"].as_u64().unwrap()
    };
    let dashboard = app.get_json(&principal, "/api/dashboard").await;
    assert_eq!(app.get_json(&principal, "/api/dashboard").await, dashboard, "a repeated read answers the same");
    let version = app.get_json(&teacher, &grid_path).await["rows"][0]["subjects"]["toan"]["version"].clone();
    let r = app
        .put(
            &teacher,
            &format!("/api/classes/{class}/periods/cuoi_nam/pupils/{pupil_id}"),
            json!({"subjects": [{"subject": "toan", "level": null, "score": null, "comment": null, "base_version": version}]}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let emptied = app.get_json(&principal, "/api/dashboard").await;
    assert!(missing(&emptied) > missing(&dashboard), "{} then {}", missing(&dashboard), missing(&emptied));
    write_outside(
        app,
        &format!(
            "UPDATE subject_assessments SET level = 'H', score = 7 WHERE subject_code = 'toan' AND period = 'cuoi_nam'
               AND enrolment_id IN (SELECT id FROM enrolments WHERE pupil_id = '{pupil_id}' AND class_id = '{class}')"
        ),
    );
    let filled =
        after_outside_write(app, &principal, "/api/dashboard", |_, d| missing(d) == missing(&dashboard)).await.1;
    assert_eq!(missing(&filled), missing(&dashboard));
    assert_eq!(app.get(&teacher, "/api/dashboard").await.status(), 403);

    // Sessions: a logout, and an account deactivated outside the server, end at once.
    let again = app.login("phuhuynh").await;
    assert_eq!(app.get(&again, &results_path).await.status(), 200);
    let r = app.post(&again, "/api/auth/logout", json!({})).await;
    assert!(r.status().is_success(), "logout: {}", r.status());
    assert_eq!(app.get(&again, &results_path).await.status(), 401, "a logged-out session");
    assert_eq!(app.get(&parent, &results_path).await.status(), 200, "the other session goes on");
    write_outside(app, "UPDATE users SET active = FALSE WHERE username = 'phuhuynh'");
    let (status, _) = after_outside_write(app, &parent, &results_path, |status, _| status == 401).await;
    assert_eq!(status, 401, "a deactivated account");
}
