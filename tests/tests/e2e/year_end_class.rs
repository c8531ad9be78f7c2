//! The year end of class 5A saved as one table, on SQLite and PostgreSQL: the whole class in one
//! request, a request with bad values writing nothing and naming every bad value (pupil and
//! field), a teacher of another class refused, the locked record refused.

use crate::year_end::whole_class;
use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn year_end_class_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn year_end_class_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

/// gvcn1a (homeroom teacher of 1A) also teaches the first subject of 5A: they read 5A, but its
/// year end is not theirs to write.
async fn teacher_1a_teaches_in_5a(app: &TestApp, admin: &str, class: &str) {
    let staff = app.get_json(admin, "/api/admin/staff").await;
    let teacher = staff.as_array().unwrap().iter().find(|s| s["username"] == "gvcn1a").unwrap()["id"].clone();
    let years = app.get_json(admin, "/api/admin/years").await;
    let current = years.as_array().unwrap().iter().find(|y| y["is_current"] == true).unwrap()["id"].clone();
    let classes = app.get_json(admin, &format!("/api/admin/years/{}/classes", current.as_str().unwrap())).await;
    let five_a = classes.as_array().unwrap().iter().find(|c| c["id"] == class).unwrap().clone();
    let mut list: Vec<Value> = five_a["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| json!({"subject_code": a["subject_code"], "teacher_id": a["teacher"]["id"]}))
        .collect();
    let subject = list[0]["subject_code"].clone();
    list.push(json!({"subject_code": subject, "teacher_id": teacher}));
    let r = app.put(admin, &format!("/api/admin/classes/{class}/assignments"), json!({"assignments": list})).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
}

fn line(pupil: &str, i: usize) -> Value {
    json!({"pupil_id": pupil, "year_end": {
        "days_absent_excused": i % 3,
        "days_absent_unexcused": i % 2,
        "height_cm": 125.0 + i as f64 / 2.0,
        "weight_kg": 25.0 + i as f64,
        "base_version": 0,
    }})
}

async fn scenario(app: &TestApp) {
    let teacher = app.login("gvcn5a").await;
    let principal = app.login("hieutruong").await;
    let admin = app.login("admin").await;
    let teacher_4a = app.login("gvcn4a").await;
    let me = app.get_json(&teacher, "/api/me").await;
    let class = me["classes"].as_array().unwrap().iter().find(|c| c["name"] == "5A").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    teacher_1a_teaches_in_5a(app, &admin, &class).await;
    let teacher_1a = app.login("gvcn1a").await;
    let path = format!("/api/classes/{class}/year-end");
    let before = app.get_json(&teacher, &path).await;
    let pupils: Vec<String> =
        before["rows"].as_array().unwrap().iter().map(|r| r["pupil"]["id"].as_str().unwrap().to_string()).collect();
    assert!(pupils.len() >= 20, "the demo 5A is a whole class");
    let everyone = json!({"rows": pupils.iter().enumerate().map(|(i, p)| line(p, i)).collect::<Vec<_>>()});

    // Two bad values (a height and, for another pupil, a weight): 422 naming both, nothing written.
    let mut bad = everyone.clone();
    bad["rows"][0]["year_end"]["height_cm"] = json!(300);
    bad["rows"][2]["year_end"]["weight_kg"] = json!(30.25);
    let err = assert_error(app.put(&teacher, &path, bad).await, 422, "validation", None).await;
    let errors = err["error"]["errors"].as_array().expect("every refused value").clone();
    let named: Vec<(&str, &str)> =
        errors.iter().map(|e| (e["pupil_id"].as_str().unwrap(), e["field"].as_str().unwrap())).collect();
    assert_eq!(named, [(pupils[0].as_str(), "height_cm"), (pupils[2].as_str(), "weight_kg")], "{err}");
    assert!(errors.iter().all(|e| e["message"].as_str().is_some_and(|m| !m.is_empty())));
    assert_eq!(app.get_json(&teacher, &path).await, before, "nothing was written");

    // Not the homeroom teacher: the principal and a teacher of 1A who teaches in 5A get 403; a
    // teacher with nothing in 5A does not see the class (404). Nothing is written.
    assert_error(app.put(&principal, &path, everyone.clone()).await, 403, "forbidden", None).await;
    assert_error(app.put(&teacher_1a, &path, everyone.clone()).await, 403, "forbidden", None).await;
    assert_error(app.put(&teacher_4a, &path, everyone.clone()).await, 404, "not_found", None).await;
    // A pupil of another class: 404, nothing written.
    let mut stranger = everyone.clone();
    stranger["rows"][1]["pupil_id"] = json!("no-such-pupil");
    assert_error(app.put(&teacher, &path, stranger).await, 404, "not_found", None).await;
    assert_eq!(app.get_json(&teacher, &path).await, before, "nothing was written");

    // The whole class in one request.
    let r = app.put(&teacher, &path, everyone.clone()).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let saved = app.get_json(&teacher, &path).await;
    for (i, p) in pupils.iter().enumerate() {
        let row = saved["rows"].as_array().unwrap().iter().find(|r| r["pupil"]["id"] == p.as_str()).unwrap();
        let y = &row["year_end"];
        assert_eq!(y["days_absent_excused"], json!(i % 3));
        assert_eq!(y["days_absent_unexcused"], json!(i % 2));
        assert_eq!(y["height_cm"].as_f64(), Some(125.0 + i as f64 / 2.0));
        assert_eq!(y["weight_kg"].as_f64(), Some(25.0 + i as f64));
        assert_eq!(y["version"], 1);
    }
    // The same lines again over version 0: stale, and nothing changes.
    assert_error(app.put(&teacher, &path, everyone.clone()).await, 409, "stale", Some("year_end")).await;
    assert_eq!(app.get_json(&teacher, &path).await, saved);

    // Approved: the record is locked for the class's save too.
    let grid = app.get_json(&teacher, &format!("/api/classes/{class}/periods/cuoi_nam/grid")).await;
    let r = app.put(&teacher, &format!("/api/classes/{class}/periods/cuoi_nam/cells"), whole_class(&grid, &[])).await;
    assert_eq!(r.status(), 200);
    let period = format!("/api/classes/{class}/periods/cuoi_nam");
    assert_eq!(app.post(&teacher, &format!("{period}/submit"), json!({})).await.status(), 200);
    assert_error(app.put(&teacher, &path, json!({"rows": []})).await, 409, "submitted", None).await;
    let anyway = json!({"override_reason": "Giấy khen xác nhận sau."});
    let r = app.post(&principal, &format!("{period}/approve"), anyway).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let mut again = json!({"rows": [line(&pupils[0], 0)]});
    again["rows"][0]["year_end"]["base_version"] = json!(1);
    again["rows"][0]["year_end"]["height_cm"] = json!(140);
    assert_error(app.put(&teacher, &path, again).await, 409, "locked", None).await;
    let after = app.get_json(&teacher, &path).await;
    let first = after["rows"].as_array().unwrap().iter().find(|r| r["pupil"]["id"] == pupils[0].as_str()).unwrap();
    assert_eq!(first["year_end"]["height_cm"].as_f64(), Some(125.0));
}
