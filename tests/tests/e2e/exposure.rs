//! What a signed-in user must not learn: a subject teacher reads a pupil's results, not the whole
//! học bạ; someone who signs none of a document's signatures cannot tell it exists.

use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};

/// A new teacher of one subject in 5A (password already changed): their token.
async fn subject_teacher_of_5a(app: &TestApp, principal: &str) -> String {
    let (teacher_id, one_time) = app.new_teacher(principal, "gv.tienganh", "Lò Thị Mai").await;
    let me = app.get_json(principal, "/api/me").await;
    let class = me["classes"].as_array().unwrap().iter().rfind(|c| c["name"] == "5A").unwrap().clone();
    let years = app.get_json(principal, "/api/admin/years").await;
    let current =
        years.as_array().unwrap().iter().find(|y| y["is_current"] == true).unwrap()["id"].as_str().unwrap().to_string();
    let classes = app.get_json(principal, &format!("/api/admin/years/{current}/classes")).await;
    let admin_view = classes.as_array().unwrap().iter().find(|c| c["id"] == class["id"]).unwrap().clone();
    let mut list: Vec<Value> = admin_view["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| json!({"subject_code": a["subject_code"], "teacher_id": a["teacher"]["id"]}))
        .collect();
    let subject = list[0]["subject_code"].clone();
    list.push(json!({"subject_code": subject, "teacher_id": teacher_id}));
    let r = app
        .put(
            principal,
            &format!("/api/admin/classes/{}/assignments", class["id"].as_str().unwrap()),
            json!({"assignments": list}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let r = app.sign_in("gv.tienganh", &one_time).await;
    let token = r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_string();
    let r = app
        .post(&token, "/api/auth/password", json!({"current_password": one_time, "new_password": "mat khau rieng"}))
        .await;
    r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_subject_teacher_reads_results_not_the_whole_hoc_ba() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let principal = app.login("hieutruong").await;
    let parent = app.login("phuhuynh").await;
    let child = app.get_json(&parent, "/api/me").await["children"][0]["id"].as_str().unwrap().to_string();
    let teacher = subject_teacher_of_5a(&app, &principal).await;

    assert_eq!(app.get(&teacher, &format!("/api/pupils/{child}/results")).await.status(), 200, "the class's results");
    let year = app.get_json(&parent, &format!("/api/pupils/{child}/results")).await["years"][0]["school_year"]
        .as_str()
        .unwrap()
        .to_string();
    for path in [
        format!("/api/pupils/{child}/hoc-ba.pdf"),
        format!("/api/pupils/{child}/hoc-ba.xml"),
        format!("/api/pupils/{child}/documents"),
        format!("/api/pupils/{child}/credentials.json"),
        format!("/api/pupils/{child}/years/{year}/record.pdf"),
        format!("/api/pupils/{child}/years/{year}/record.xml"),
    ] {
        assert_error(app.get(&teacher, &path).await, 404, "not_found", None).await;
    }
    // The homeroom teacher and the family still have it.
    let homeroom = app.login("gvcn5a").await;
    assert_eq!(app.get(&homeroom, &format!("/api/pupils/{child}/hoc-ba.xml")).await.status(), 200);
    assert_eq!(app.get(&parent, &format!("/api/pupils/{child}/hoc-ba.xml")).await.status(), 200);

    // A document that exists answers a stranger to its signatures as an unknown id does.
    assert_eq!(app.get(&parent, &format!("/api/pupils/{child}/hoc-ba.pdf")).await.status(), 200);
    let docs = app.get_json(&parent, &format!("/api/pupils/{child}/documents")).await;
    let id = docs[0]["id"].as_str().unwrap().to_string();
    let body = json!({"cms": "MAA="});
    let known = app.post(&teacher, &format!("/api/signing/pending/{id}"), body.clone()).await;
    assert_error(known, 404, "not_found", None).await;
    let unknown = app.post(&teacher, "/api/signing/pending/0190f0f0-0000-7000-8000-000000000000", body).await;
    assert_error(unknown, 404, "not_found", None).await;
}

#[tokio::test]
async fn free_text_keeps_no_control_or_invisible_characters() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let teacher = app.login("gvcn4a").await;
    let class = hocba_tests::concurrency::class_named(&app, &teacher, "4A").await;
    let grid = app.get_json(&teacher, &format!("/api/classes/{class}/periods/cuoi_hk1/grid")).await;
    let pupil = grid["rows"][0]["pupil"]["id"].as_str().unwrap().to_string();
    let subject = grid["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scored"] == false)
        .and_then(|s| s["code"].as_str())
        .unwrap()
        .to_string();
    let comment = "Em \u{1b}[31mtiến bộ\u{1b}[0m\u{202E} rõ\u{200B} rệt.\r\nCố gắng\u{7} thêm.";
    let r = app
        .put(
            &teacher,
            &format!("/api/classes/{class}/periods/cuoi_hk1/pupils/{pupil}"),
            json!({"subjects": [{"subject": subject, "level": "T", "comment": comment}]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let grid = app.get_json(&teacher, &format!("/api/classes/{class}/periods/cuoi_hk1/grid")).await;
    let text = grid.to_string();
    assert!(text.contains("Em [31mtiến bộ[0m rõ rệt.\\nCố gắng thêm."), "{text}");
    assert!(!text.contains("\\u001b") && !text.contains('\u{202E}') && !text.contains('\u{200B}'));

    // A one-line name: line breaks and tabs become single spaces.
    let admin = app.login("admin").await;
    let r = app
        .post(
            &admin,
            "/api/admin/staff",
            json!({"username": "gv.moi", "full_name": "Lò\n Thị\t\u{1b}Mai\u{200F}", "roles": ["teacher"]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let staff = app.get_json(&admin, "/api/admin/staff").await;
    assert!(staff.as_array().unwrap().iter().any(|s| s["full_name"] == "Lò Thị Mai"), "{staff}");
}
