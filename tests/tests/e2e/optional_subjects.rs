//! Optional subjects, on SQLite and PostgreSQL: a class offers Tiếng dân tộc thiểu số; only the
//! pupils marked as taking it are assessed in it, and their year-end result counts it.

use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn optional_subjects_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn optional_subjects_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

fn row<'a>(grid: &'a Value, pupil: &str) -> &'a Value {
    grid["rows"].as_array().unwrap().iter().find(|r| r["pupil"]["id"] == pupil).unwrap()
}

async fn scenario(app: &TestApp) {
    let admin = app.login("admin").await;
    let years = app.get_json(&admin, "/api/admin/years").await;
    let year = years.as_array().unwrap().iter().find(|y| y["is_current"] == true).unwrap()["id"].clone();
    let classes = app.get_json(&admin, &format!("/api/admin/years/{}/classes", year.as_str().unwrap())).await;
    let class = classes.as_array().unwrap().iter().find(|c| c["name"] == "5A").unwrap().clone();
    let class_id = class["id"].as_str().unwrap().to_string();
    let staff = app.get_json(&admin, "/api/admin/staff").await;
    let teacher_id = staff.as_array().unwrap().iter().find(|s| s["username"] == "gvcn5a").unwrap()["id"].clone();
    let offer = json!({
        "school_year_id": year, "name": "5A", "grade": 5, "homeroom_teacher_id": teacher_id,
        "optional_subjects": [{"code": "tieng_dan_toc", "language": "Tiếng Mông"}],
    });
    let r = app.put(&admin, &format!("/api/admin/classes/{class_id}"), offer).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    // gvcn5a teaches every subject of 5A, Tiếng Mông too.
    let mut codes: Vec<&str> = hocba_core::catalogue::required_subjects(5).iter().map(|s| s.code).collect();
    codes.push("tieng_dan_toc");
    let assignments: Vec<Value> = codes.iter().map(|c| json!({"subject_code": c, "teacher_id": teacher_id})).collect();
    let r = app
        .put(&admin, &format!("/api/admin/classes/{class_id}/assignments"), json!({"assignments": assignments}))
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());

    let teacher = app.login("gvcn5a").await;
    let grid_path = format!("/api/classes/{class_id}/periods/cuoi_nam/grid");
    let grid = app.get_json(&teacher, &grid_path).await;
    let column = grid["subjects"].as_array().unwrap().iter().find(|s| s["code"] == "tieng_dan_toc").cloned();
    assert_eq!(column.map(|c| (c["optional"].clone(), c["scored"].clone())), Some((json!(true), json!(false))));
    let (a, b) = (grid["rows"][0]["pupil"]["id"].as_str().unwrap(), grid["rows"][1]["pupil"]["id"].as_str().unwrap());
    let (a, b) = (a.to_string(), b.to_string());
    assert_eq!(row(&grid, &a)["takes"], json!([]));
    let result_b = row(&grid, &b)["evaluation"]["result"].clone();

    // A pupil who does not take it cannot be assessed in it.
    let cell = |level: &str| json!({"subjects": [{"subject": "tieng_dan_toc", "level": level}]});
    let write = |pupil: &str| format!("/api/classes/{class_id}/periods/cuoi_nam/pupils/{pupil}");
    let r = app.put(&teacher, &write(&a), cell("C")).await;
    let body = assert_error(r, 422, "validation", Some("subjects.tieng_dan_toc")).await;
    assert!(body["error"]["message"].as_str().unwrap().contains("không học môn tự chọn"), "{body}");

    // The homeroom teacher marks the pupil as taking it; a subject the class does not offer is
    // refused; another class's teacher and a parent cannot see the pupil.
    let choices = format!("/api/classes/{class_id}/pupils/{a}/optional-subjects");
    let r = app.put(&teacher, &choices, json!({"codes": ["ngoai_ngu_1"]})).await;
    assert_error(r, 422, "validation", Some("codes[0]")).await;
    let other = app.login("gvcn4a").await;
    assert_eq!(app.put(&other, &choices, json!({"codes": ["tieng_dan_toc"]})).await.status(), 404);
    let parent = app.login("phuhuynh").await;
    assert_eq!(app.get(&parent, &choices).await.status(), 404);
    let r = app.put(&teacher, &choices, json!({"codes": ["tieng_dan_toc"]})).await;
    assert_eq!(r.status(), 200);
    let list: Value = r.json().await.unwrap();
    assert_eq!(
        list,
        json!([{"code": "tieng_dan_toc", "name": "Tiếng dân tộc thiểu số", "language": "Tiếng Mông", "taken": true}])
    );

    // Now the cell is written, and its C makes the pupil's result CHT; the other pupil's result
    // does not change (the subject is not theirs).
    let r = app.put(&teacher, &write(&a), cell("C")).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let grid = app.get_json(&teacher, &grid_path).await;
    assert_eq!(row(&grid, &a)["takes"], json!(["tieng_dan_toc"]));
    assert_eq!(row(&grid, &a)["evaluation"]["result"], "CHT");
    assert!(row(&grid, &a)["explanation"].as_str().unwrap().contains("Tiếng dân tộc"), "{}", row(&grid, &a));
    assert_eq!(row(&grid, &b)["evaluation"]["result"], result_b);
    let year_end = app.get_json(&teacher, &format!("/api/classes/{class_id}/year-end")).await;
    let line = year_end["rows"].as_array().unwrap().iter().find(|r| r["pupil"]["id"] == a).unwrap();
    assert_eq!(line["evaluation"]["result"], "CHT", "the year-end page counts it too");
    // Dropping the subject again: the pupil's result no longer counts it.
    let r = app.put(&teacher, &choices, json!({"codes": []})).await;
    assert_eq!(r.json::<Value>().await.unwrap()[0]["taken"], false);
    let grid = app.get_json(&teacher, &grid_path).await;
    assert_ne!(row(&grid, &a)["evaluation"]["result"], "CHT");
}
