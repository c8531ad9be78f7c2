//! Parents and the periodic points of the year, end to end on SQLite and PostgreSQL: once the
//! principal approves giữa HK I of 5A, the linked parent reads that point's levels and comments
//! (a point not yet approved is absent), marks it seen (twice: nothing changes) and replies to the
//! homeroom teacher; another parent gets 404; an empty or too long reply is refused naming `text`;
//! a reopened pupil's point is withdrawn until approved again; the homeroom teacher (and the
//! principal) read who has seen the point and the replies, a teacher of another class is refused.

use super::review::{class_id, fill};
use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn parent_feedback_on_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn parent_feedback_on_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

fn point<'a>(periods: &'a Value, period: &str) -> Option<&'a Value> {
    periods.as_array().unwrap().iter().find(|p| p["period"] == period)
}

async fn scenario(app: &TestApp) {
    let teacher = app.login("gvcn5a").await;
    let principal = app.login("hieutruong").await;
    let parent = app.login("phuhuynh").await;
    let other_parent = app.login("phuhuynh4a").await;
    let other_teacher = app.login("gvcn4a").await;
    let admin = app.login("admin").await;
    let class = class_id(app, &teacher, "5A").await;
    let me = app.get_json(&parent, "/api/me").await;
    let child = me["children"][0]["id"].as_str().unwrap().to_string();
    let parent_name = me["full_name"].as_str().unwrap().to_string();
    let periods = format!("/api/pupils/{child}/periods");
    let mid = format!("/api/classes/{class}/periods/giua_hk1");

    // Nothing of the current year is approved yet.
    let before = app.get_json(&parent, &periods).await;
    assert!(point(&before, "giua_hk1").is_none(), "{before}");

    // The teacher records giữa HK I (the child's Toán and Trung thực with words of their own),
    // submits it; the principal approves it.
    fill(app, &teacher, &class, "giua_hk1").await;
    let columns = app.get_json(&teacher, &format!("{mid}/grid")).await["subjects"].clone();
    let scored = columns.as_array().unwrap().iter().any(|c| c["code"] == "toan" && c["scored"] == true);
    let score = if scored { json!(6) } else { Value::Null };
    let cell = json!({
        "subjects": [{"subject": "toan", "level": "H", "score": score, "comment": "Em cần luyện thêm phép chia."}],
        "qualities": [{"code": "trung_thuc", "level": "T", "comment": "Em thật thà, nhận lỗi khi làm sai."}],
    });
    let r = app.put(&teacher, &format!("{mid}/pupils/{child}"), cell).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    // Submitted but not approved: still nothing for the parent, and no "Đã xem".
    let r = app.post(&teacher, &format!("{mid}/submit"), json!({})).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    assert!(point(&app.get_json(&parent, &periods).await, "giua_hk1").is_none());
    let seen = format!("{periods}/giua_hk1/seen");
    let body = assert_error(app.post(&parent, &seen, json!({})).await, 409, "not_approved", None).await;
    assert!(body["error"]["message"].as_str().unwrap().contains("Giữa học kì I"), "{body}");
    let r = app.post(&principal, &format!("{mid}/approve"), json!({})).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());

    // The parent reads the approved point as approved; cuối HK I (not approved) is absent.
    let list = app.get_json(&parent, &periods).await;
    assert!(point(&list, "cuoi_hk1").is_none(), "{list}");
    let p = point(&list, "giua_hk1").expect("giữa HK I is shown").clone();
    assert_eq!(p["class_name"], "5A");
    assert_eq!(p["class_id"], class.as_str());
    assert!(p["approved_at"].is_string() && p["approved_by"].is_string(), "{p}");
    let toan = p["subjects"].as_array().unwrap().iter().find(|s| s["code"] == "toan").unwrap();
    assert_eq!(toan["level"], "H", "{p}");
    assert_eq!(toan["comment"], "Em cần luyện thêm phép chia.");
    assert_eq!(toan["score"], score);
    let honest = p["qualities"].as_array().unwrap().iter().find(|q| q["code"] == "trung_thuc").unwrap();
    assert_eq!(honest["level"], "T", "{p}");
    assert_eq!(honest["comment"], "Em thật thà, nhận lỗi khi làm sai.");
    assert!(p["seen_at"].is_null() && p["replies"] == json!([]), "{p}");
    // The grid the teacher sees has the same values.
    let grid = app.get_json(&teacher, &format!("{mid}/grid")).await;
    let row = grid["rows"].as_array().unwrap().iter().find(|r| r["pupil"]["id"] == child.as_str()).unwrap();
    assert_eq!(row["subjects"]["toan"]["comment"], toan["comment"]);

    // "Đã xem", twice: 204 both times, the first time kept.
    let r = app.post(&parent, &seen, json!({})).await;
    assert_eq!(r.status(), 204, "{}", r.text().await.unwrap());
    let first = point(&app.get_json(&parent, &periods).await, "giua_hk1").unwrap()["seen_at"].clone();
    assert!(first.is_string(), "{first}");
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(app.post(&parent, &seen, json!({})).await.status(), 204);
    assert_eq!(point(&app.get_json(&parent, &periods).await, "giua_hk1").unwrap()["seen_at"], first);
    assert_eq!(app.last_audit_detail("parent.seen")["period"], "giua_hk1");
    // Not approved: refused, naming the point.
    let later = format!("{periods}/cuoi_hk1/seen");
    assert_error(app.post(&parent, &later, json!({})).await, 409, "not_approved", None).await;

    // Replies: empty, blank or too long are refused naming `text`; a reply is kept trimmed.
    let replies = format!("{periods}/giua_hk1/replies");
    for bad in [json!({"text": ""}), json!({"text": "  \n "}), json!({"text": "ạ".repeat(501)})] {
        assert_error(app.post(&parent, &replies, bad).await, 422, "validation", Some("text")).await;
    }
    let text = "Cảm ơn cô. Gia đình sẽ kèm cháu luyện phép chia mỗi tối.";
    let r = app.post(&parent, &replies, json!({"text": format!("  {text}\n")})).await;
    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
    let reply: Value = r.json().await.unwrap();
    assert_eq!(reply["text"], text);
    assert_eq!(reply["parent_name"], parent_name.as_str());
    assert_eq!(reply["period"], "giua_hk1");
    assert_eq!(reply["pupil_id"], child.as_str());
    assert!(reply["id"].as_str().is_some_and(|id| uuid::Uuid::parse_str(id).is_ok()), "{reply}");
    assert_eq!(app.last_audit_detail("parent.reply")["text"], text);
    let p = point(&app.get_json(&parent, &periods).await, "giua_hk1").unwrap().clone();
    assert_eq!(p["replies"], json!([reply]), "{p}");
    assert_error(
        app.post(&parent, &format!("{periods}/cuoi_hk1/replies"), json!({"text": text})).await,
        409,
        "not_approved",
        None,
    )
    .await;

    // Another parent, the teacher and the principal: 404 on the family's own routes.
    for stranger in [&other_parent, &teacher, &principal] {
        assert_error(app.get(stranger, &periods).await, 404, "not_found", None).await;
        assert_error(app.post(stranger, &seen, json!({})).await, 404, "not_found", None).await;
        assert_error(app.post(stranger, &replies, json!({"text": "Xin chào"})).await, 404, "not_found", None).await;
    }

    // The homeroom teacher sees who has seen the point and the reply; so does the principal.
    let feedback = format!("{mid}/feedback");
    let view = app.get_json(&teacher, &feedback).await;
    assert_eq!(view["period"], "giua_hk1");
    assert_eq!(view["class"]["id"], class.as_str());
    assert_eq!(view["pupils"].as_array().unwrap().len(), grid["rows"].as_array().unwrap().len());
    let line = view["pupils"].as_array().unwrap().iter().find(|p| p["pupil"]["id"] == child.as_str()).unwrap();
    assert_eq!(line["seen_by"], json!([{"parent_name": parent_name, "seen_at": first}]), "{line}");
    assert_eq!(line["replies"], json!([reply]), "{line}");
    let others = view["pupils"].as_array().unwrap().iter().filter(|p| p["pupil"]["id"] != child.as_str());
    assert!(others.into_iter().all(|p| p["seen_by"] == json!([]) && p["replies"] == json!([])), "{view}");
    assert_eq!(app.get_json(&principal, &feedback).await, view);
    // A teacher of another class, a parent: 404; the admin reads the class but not the replies: 403.
    assert_error(app.get(&other_teacher, &feedback).await, 404, "not_found", None).await;
    assert_error(app.get(&parent, &feedback).await, 404, "not_found", None).await;
    assert_error(app.get(&admin, &feedback).await, 403, "forbidden", None).await;

    // The principal reopens the child's giữa HK I: withdrawn from the parent until approved again.
    let child_path = format!("{mid}/pupils/{child}");
    let r = app.post(&principal, &format!("{child_path}/reopen"), json!({"reason": "Sửa nhận xét môn Toán."})).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    assert!(point(&app.get_json(&parent, &periods).await, "giua_hk1").is_none());
    assert_error(app.post(&parent, &replies, json!({"text": text})).await, 409, "not_approved", None).await;
    assert_eq!(app.post(&principal, &format!("{child_path}/approve"), json!({})).await.status(), 200);
    let back = app.get_json(&parent, &periods).await;
    let p = point(&back, "giua_hk1").expect("shown again once approved");
    assert_eq!(p["seen_at"], first);
    assert_eq!(p["replies"].as_array().unwrap().len(), 1);

    let db = hocba::db::Db::open(&app.database_url).unwrap();
    db.read(hocba::services::audit::verify_chain).unwrap().expect("audit chain intact");
}
