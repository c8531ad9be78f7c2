//! Hand-over batches over HTTP, on SQLite and PostgreSQL: the principal starts the batch of a
//! class, follows it to the end and finds it again later (`GET …/hand-over-batch`); pupils who
//! cannot be issued are listed with the reason; teachers may not run or see batches.

use hocba_tests::{Db, TestApp};
use serde_json::{json, Value};
use std::time::Duration;

#[tokio::test]
async fn batches_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn batches_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else { return };
    scenario(&app).await;
}

async fn scenario(app: &TestApp) {
    let admin = app.login("admin").await;
    let principal = app.login("hieutruong").await;
    let teacher = app.login("gvcn5a").await;
    let years = app.get_json(&admin, "/api/admin/years").await;
    let year = years.as_array().unwrap().iter().find(|y| y["is_current"] == true).unwrap()["id"].clone();
    let r = app.post(&admin, "/api/admin/classes", json!({"school_year_id": year, "name": "2C", "grade": 2})).await;
    let class = r.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    for (i, name) in ["Lò Văn Bình", "Vàng Thị Dua"].iter().enumerate() {
        let pupil = json!({"national_id": format!("01021800{i:04}"), "full_name": name, "gender": "nam",
                           "birth_date": "2018-03-03", "ethnicity": "Mông", "class_id": class});
        assert_eq!(app.post(&admin, "/api/admin/pupils", pupil).await.status(), 200);
    }
    let path = format!("/api/classes/{class}/hand-over-batch");
    assert_eq!(app.get_json(&principal, &path).await, Value::Null, "no batch yet");
    assert_eq!(app.post(&teacher, &path, json!({})).await.status(), 403);
    assert_eq!(app.get(&teacher, &path).await.status(), 403);

    let r = app.post(&principal, &path, json!({})).await;
    assert_eq!(r.status(), 202);
    let started: Value = r.json().await.unwrap();
    assert_eq!(started["total"], 2);
    let id = started["id"].as_str().unwrap().to_string();
    let mut progress = started;
    for _ in 0..600 {
        if progress["finished"] == true {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        progress = app.get_json(&principal, &format!("/api/batches/{id}")).await;
    }
    assert_eq!(progress["finished"], true, "{progress}");
    assert_eq!(progress["done"], 2);
    // Neither pupil has an approved year: both are listed with the reason.
    let failures = progress["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 2, "{progress}");
    assert!(failures.iter().all(|f| f["error"] == hocba_core::messages::NO_APPROVED_YEAR), "{progress}");
    // Coming back to the page finds the same batch.
    assert_eq!(app.get_json(&principal, &path).await, progress);
}
