//! The review of class records end to end, on SQLite and PostgreSQL: the state machine with its
//! illegal transitions, reopening one pupil of an approved record (the API and the database keep
//! every other pupil locked), notifications, approving a whole periodic point at once, and the
//! dashboard with its XLSX export.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn review_on_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn review_on_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

/// Every empty cell of every row of a grid, as one bulk body: T, 9 where a test is taken.
fn fill_gaps(grid: &Value) -> Value {
    let rows: Vec<Value> = grid["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|row| {
            let subjects: Vec<Value> = grid["subjects"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["optional"] != true)
                .filter(|c| row["subjects"].get(c["code"].as_str().unwrap()).is_none_or(|c| c["level"].is_null()))
                .map(|c| {
                    let score = if c["scored"] == true { json!(9) } else { Value::Null };
                    json!({"subject": c["code"], "level": "T", "score": score, "comment": "Em học tốt."})
                })
                .collect();
            let qualities: Vec<Value> = grid["qualities"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| row["qualities"].get(c["code"].as_str().unwrap()).is_none_or(|c| c["level"].is_null()))
                .map(|c| json!({"code": c["code"], "level": "T"}))
                .collect();
            (!subjects.is_empty() || !qualities.is_empty())
                .then(|| json!({"pupil_id": row["pupil"]["id"], "subjects": subjects, "qualities": qualities}))
        })
        .collect();
    json!({ "rows": rows })
}

/// Why the scenarios approve the demo's cuối năm although its checklist has findings.
pub(crate) const OVERRIDE: &str = "Giấy khen trao sau lễ tổng kết; chiều cao, cân nặng đo bổ sung.";

/// Fills every gap of a class at a period through the bulk endpoint, as `token`.
pub(crate) async fn fill(app: &TestApp, token: &str, class_id: &str, period: &str) {
    let grid = app.get_json(token, &format!("/api/classes/{class_id}/periods/{period}/grid")).await;
    let body = fill_gaps(&grid);
    let r = app.put(token, &format!("/api/classes/{class_id}/periods/{period}/cells"), body).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
}

pub(crate) async fn class_id(app: &TestApp, token: &str, name: &str) -> String {
    let me = app.get_json(token, "/api/me").await;
    let class = me["classes"].as_array().unwrap().iter().find(|c| c["name"] == name).expect("class").clone();
    class["id"].as_str().unwrap().to_string()
}

/// A direct SQL update of one of a pupil's cells, bypassing the API.
fn sql_update(app: &TestApp, class_id: &str, pupil_id: &str) -> Result<(), String> {
    let db = hocba::db::Db::open(&app.database_url).unwrap();
    let mut conn = db.conn().unwrap();
    let sql = format!(
        "UPDATE subject_assessments SET comment = 'sửa tay' WHERE period = 'cuoi_nam' AND subject_code = 'toan' \
         AND enrolment_id = (SELECT id FROM enrolments WHERE class_id = '{class_id}' AND pupil_id = '{pupil_id}')"
    );
    conn.batch_execute(&sql).map_err(|e| e.to_string())
}

async fn scenario(app: &TestApp) {
    let teacher = app.login("gvcn5a").await;
    let principal = app.login("hieutruong").await;
    let class = class_id(app, &teacher, "5A").await;
    let base = format!("/api/classes/{class}/periods/cuoi_nam");

    // Illegal transitions: the teacher cannot approve; a draft cannot be approved or submitted
    // while cells are missing.
    assert_error(app.post(&teacher, &format!("{base}/approve"), json!({})).await, 403, "forbidden", None).await;
    assert_error(app.post(&principal, &format!("{base}/approve"), json!({})).await, 409, "invalid_transition", None)
        .await;
    let refused = app.post(&teacher, &format!("{base}/submit"), json!({})).await;
    let body = assert_error(refused, 409, "incomplete", None).await;
    // The refusal names every pupil with empty cells, and the cells, for the app to point at.
    let missing = body["error"]["missing"].as_array().expect("the list of pupils");
    assert!(!missing.is_empty());
    for pupil in missing {
        let name = pupil["pupil"]["full_name"].as_str().unwrap();
        assert!(body["error"]["message"].as_str().unwrap().contains(name) || missing.len() > 3, "{body}");
        let cells = pupil["cells"].as_array().unwrap();
        assert!(!cells.is_empty() && cells.len() == pupil["labels"].as_array().unwrap().len(), "{pupil}");
        assert!(cells
            .iter()
            .all(|c| c.as_str().unwrap().starts_with("subjects.") || c.as_str().unwrap().starts_with("qualities.")));
    }

    // The last two pupils filled, the record is submitted then approved.
    fill(app, &teacher, &class, "cuoi_nam").await;
    let r = app.post(&teacher, &format!("{base}/submit"), json!({})).await;
    assert_eq!(r.status(), 200);
    // The principal sees it waiting; the teacher has nothing to do.
    let waiting = app.get_json(&principal, "/api/notifications").await;
    let waiting = waiting.as_array().unwrap();
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert_eq!(waiting[0]["kind"], "submitted");
    assert_eq!(waiting[0]["class"]["name"], "5A");
    assert_eq!(waiting[0]["period"], "cuoi_nam");
    assert_eq!(waiting[0]["by"], "Vàng Thị Dung");
    assert!(waiting[0]["at"].is_string());
    assert!(app.get_json(&teacher, "/api/notifications").await.as_array().unwrap().is_empty());
    // The demo 5A has no heights nor giấy khen yet: approved over the checklist, with a reason.
    let r = app.post(&principal, &format!("{base}/approve"), json!({"override_reason": OVERRIDE})).await;
    assert_eq!(r.status(), 200);
    let state: Value = r.json().await.unwrap();
    assert_eq!(state["status"], "approved");
    // An approved record cannot be returned.
    let r = app.post(&principal, &format!("{base}/return"), json!({"comment": "Xem lại"})).await;
    assert_error(r, 409, "invalid_transition", None).await;

    let grid = app.get_json(&teacher, &format!("{base}/grid")).await;
    let a = grid["rows"][0]["pupil"]["id"].as_str().unwrap().to_string();
    let b = grid["rows"][1]["pupil"]["id"].as_str().unwrap().to_string();
    let toan = |level: &str, score: u8| json!({"subjects": [{"subject": "toan", "level": level, "score": score}]});
    let a_path = format!("{base}/pupils/{a}");
    let b_path = format!("{base}/pupils/{b}");
    assert_error(app.put(&teacher, &a_path, toan("H", 7)).await, 409, "locked", None).await;

    // Reopening: principal only, with a reason, only of an approved record.
    let reopen = format!("{a_path}/reopen");
    let why = json!({"reason": "  Nhập nhầm điểm Toán, cần sửa theo bài kiểm tra.  "});
    assert_error(app.post(&teacher, &reopen, why.clone()).await, 403, "forbidden", None).await;
    assert_error(app.post(&principal, &reopen, json!({"reason": "   "})).await, 422, "validation", Some("reason"))
        .await;
    let long = json!({"reason": "x".repeat(501)});
    assert_error(app.post(&principal, &reopen, long).await, 422, "validation", Some("reason")).await;
    let draft_reopen = format!("/api/classes/{class}/periods/giua_hk2/pupils/{a}/reopen");
    assert_error(app.post(&principal, &draft_reopen, why.clone()).await, 409, "invalid_transition", None).await;
    let r = app.post(&principal, &reopen, why.clone()).await;
    assert_eq!(r.status(), 200);
    let opened: Value = r.json().await.unwrap();
    assert_eq!(opened["reason"], "Nhập nhầm điểm Toán, cần sửa theo bài kiểm tra.");
    assert!(opened["reapproved_at"].is_null());
    assert_error(app.post(&principal, &reopen, why.clone()).await, 409, "invalid_transition", None).await;

    // The teacher corrects A (a C in Toán: A becomes CHT); B stays locked, in the API and in
    // the database.
    let r = app.put(&teacher, &a_path, toan("C", 4)).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let row: Value = r.json().await.unwrap();
    assert_eq!(row["evaluation"]["result"], "CHT");
    let err = assert_error(app.put(&teacher, &b_path, toan("H", 7)).await, 409, "locked", None).await;
    assert!(err["error"]["message"].as_str().unwrap().contains("duyệt lúc"), "{err}");
    let bulk = json!({"rows": [{"pupil_id": b, "subjects": [{"subject": "toan", "level": "H", "score": 7}]}]});
    assert_error(app.put(&teacher, &format!("{base}/cells"), bulk).await, 409, "locked", None).await;
    let e = sql_update(app, &class, &b).expect_err("the database refuses B's cell");
    assert!(e.contains("record is locked"), "{e}");
    sql_update(app, &class, &a).expect("the database lets A's cell change");
    assert_eq!(app.get_json(&teacher, &format!("{base}/grid")).await["state"]["status"], "approved");

    // Approved again: A locks again.
    let reapprove = format!("{a_path}/approve");
    assert_error(app.post(&teacher, &reapprove, json!({})).await, 403, "forbidden", None).await;
    let r = app.post(&principal, &reapprove, json!({})).await;
    assert_eq!(r.status(), 200);
    assert_error(app.post(&principal, &reapprove, json!({})).await, 409, "invalid_transition", None).await;
    assert_error(app.put(&teacher, &a_path, toan("H", 7)).await, 409, "locked", None).await;
    let e = sql_update(app, &class, &a).expect_err("the database refuses A's cell again");
    assert!(e.contains("record is locked"), "{e}");

    // The reopenings list: who, when, why, and the re-approval.
    let list = app.get_json(&teacher, &format!("{base}/reopenings")).await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["pupil"]["id"], a.as_str());
    assert_eq!(list[0]["reason"], "Nhập nhầm điểm Toán, cần sửa theo bài kiểm tra.");
    assert_eq!(list[0]["reopened_by"], "Hoàng Thị Lan");
    assert_eq!(list[0]["reapproved_by"], "Hoàng Thị Lan");
    assert!(list[0]["reapproved_at"].is_string());

    // Giữa HK I of 5A: submitted, returned with a comment, submitted again; 4A submitted too.
    let mid = format!("/api/classes/{class}/periods/giua_hk1");
    fill(app, &teacher, &class, "giua_hk1").await;
    assert_eq!(app.post(&teacher, &format!("{mid}/submit"), json!({})).await.status(), 200);
    let r = app.post(&principal, &format!("{mid}/return"), json!({"comment": "  "})).await;
    assert_error(r, 422, "validation", Some("comment")).await;
    // Comments per pupil: a pupil of another class, an empty comment.
    let per_pupil =
        |pupil: &str, text: &str| json!({"comment": "", "pupil_comments": [{"pupil_id": pupil, "comment": text}]});
    let r = app.post(&principal, &format!("{mid}/return"), per_pupil("khong-co", "Xem lại.")).await;
    assert_error(r, 422, "validation", Some("pupil_comments[0].pupil_id")).await;
    let r = app.post(&principal, &format!("{mid}/return"), per_pupil(&a, "   ")).await;
    assert_error(r, 422, "validation", Some("pupil_comments[0].comment")).await;
    let comment = "Kiểm tra lại nhận xét môn Tiếng Việt.";
    let about_a = "Nhận xét môn Toán của em chưa khớp với điểm.";
    let body = json!({"comment": comment, "pupil_comments": [{"pupil_id": a, "comment": about_a}]});
    let r = app.post(&principal, &format!("{mid}/return"), body).await;
    assert_eq!(r.status(), 200);
    let st: Value = r.json().await.unwrap();
    assert_eq!(st["status"], "returned");
    assert_eq!(st["note"], comment);
    assert_eq!(st["return_comments"], json!([{"pupil_id": a, "comment": about_a}]));
    // The teacher's grid shows them.
    let seen = app.get_json(&teacher, &format!("{mid}/grid")).await;
    assert_eq!(seen["state"]["return_comments"], json!([{"pupil_id": a, "comment": about_a}]));
    assert_error(app.post(&principal, &format!("{mid}/approve"), json!({})).await, 409, "invalid_transition", None)
        .await;
    // The teacher sees it returned with the comment; the principal's list no longer has it.
    let returned = app.get_json(&teacher, "/api/notifications").await;
    let returned = returned.as_array().unwrap();
    assert_eq!(returned.len(), 1, "{returned:?}");
    assert_eq!(returned[0]["kind"], "returned");
    assert_eq!(returned[0]["period"], "giua_hk1");
    assert_eq!(returned[0]["note"], comment);
    assert_eq!(returned[0]["by"], "Hoàng Thị Lan");
    assert!(returned[0]["message"].as_str().unwrap().contains(comment));
    assert!(returned[0]["message"].as_str().unwrap().ends_with("(kèm nhận xét cho 1 học sinh)"), "{returned:?}");
    assert!(app.get_json(&principal, "/api/notifications").await.as_array().unwrap().is_empty());
    assert_eq!(app.post(&teacher, &format!("{mid}/submit"), json!({})).await.status(), 200);
    // Submitted again, the comments are gone from the state (kept in the table).
    assert_eq!(app.get_json(&teacher, &format!("{mid}/grid")).await["state"]["return_comments"], json!([]));
    // A return with pupil comments only needs no class comment; the teacher sees the latest
    // return's comments only.
    let about_b = "Em chưa có nhận xét phẩm chất Chăm chỉ.";
    let r = app.post(&principal, &format!("{mid}/return"), per_pupil(&b, about_b)).await;
    assert_eq!(r.status(), 200);
    let st: Value = r.json().await.unwrap();
    assert_eq!(st["status"], "returned");
    assert!(st["note"].is_null(), "{st}");
    let seen = app.get_json(&teacher, &format!("{mid}/grid")).await;
    assert_eq!(seen["state"]["return_comments"], json!([{"pupil_id": b, "comment": about_b}]));
    let returned = app.get_json(&teacher, "/api/notifications").await;
    assert_eq!(returned[0]["message"], "Hồ sơ lớp 5A (Giữa học kì I) bị trả lại, kèm nhận xét cho 1 học sinh.");
    assert_eq!(app.post(&teacher, &format!("{mid}/submit"), json!({})).await.status(), 200);
    let teacher4 = app.login("gvcn4a").await;
    let class4 = class_id(app, &teacher4, "4A").await;
    fill(app, &teacher4, &class4, "giua_hk1").await;
    let r = app.post(&teacher4, &format!("/api/classes/{class4}/periods/giua_hk1/submit"), json!({})).await;
    assert_eq!(r.status(), 200);

    assert!(app.get_json(&teacher, "/api/notifications").await.as_array().unwrap().is_empty());
    assert_eq!(app.get_json(&principal, "/api/notifications").await.as_array().unwrap().len(), 2);

    // Approve all of giữa HK I: the summary first, then one action.
    let all = "/api/reviews/approve-all/giua_hk1";
    assert_error(app.get(&teacher, all).await, 403, "forbidden", None).await;
    assert_error(app.post(&teacher, all, json!({})).await, 403, "forbidden", None).await;
    let size = |c: &str| {
        let c = c.to_string();
        let p = principal.clone();
        async move { app.get_json(&p, &format!("/api/classes/{c}/pupils")).await.as_array().unwrap().len() as u64 }
    };
    let pupils = size(&class).await + size(&class4).await;
    let preview = app.get_json(&principal, all).await;
    assert_eq!(preview["classes"], 2);
    assert_eq!(preview["pupils"], pupils);
    let incomplete = preview["incomplete"].as_array().unwrap();
    let names: Vec<&str> = incomplete.iter().map(|c| c["class_name"].as_str().unwrap()).collect();
    assert_eq!(names, ["1A", "2A", "3A"]);
    assert!(incomplete.iter().all(|c| c["missing_cells"].as_u64().unwrap() > 0 && c["status"] == "draft"));
    assert_eq!(preview["message"], format!("2 lớp, {pupils} học sinh, 3 lớp còn thiếu dữ liệu"));
    let r = app.post(&principal, all, json!({})).await;
    assert_eq!(r.status(), 200);
    let done: Value = r.json().await.unwrap();
    let mut approved: Vec<&str> = done["approved"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    approved.sort_unstable();
    let mut expected = [class.as_str(), class4.as_str()];
    expected.sort_unstable();
    assert_eq!(approved, expected);
    assert_eq!(app.get_json(&teacher, &format!("{mid}/grid")).await["state"]["status"], "approved");
    assert_eq!(app.get_json(&principal, all).await["classes"], 0);

    // The dashboard: every class through the four points, figures that add up, A at risk.
    assert_error(app.get(&teacher, "/api/dashboard").await, 403, "forbidden", None).await;
    let d = app.get_json(&principal, "/api/dashboard").await;
    let classes = d["classes"].as_array().unwrap();
    assert_eq!(classes.len(), 5);
    for c in classes {
        let id = c["class"]["id"].as_str().unwrap();
        assert_eq!(c["pupils"], size(id).await);
        assert_eq!(c["periods"].as_array().unwrap().len(), 4);
    }
    let five = classes.iter().find(|c| c["class"]["name"] == "5A").unwrap();
    let status: Vec<&str> = five["periods"].as_array().unwrap().iter().map(|p| p["status"].as_str().unwrap()).collect();
    assert_eq!(status, ["approved", "draft", "draft", "approved"]);
    assert_eq!(five["periods"][3]["missing_cells"], 0);
    let one = classes.iter().find(|c| c["class"]["name"] == "1A").unwrap();
    assert!(one["periods"][0]["missing_cells"].as_u64().unwrap() > 0);
    for g in d["grades"].as_array().unwrap() {
        let r = &g["results"];
        let sum: u64 = ["htxs", "htt", "ht", "cht", "not_computed"].iter().map(|k| r[*k].as_u64().unwrap()).sum();
        assert_eq!(sum, g["pupils"].as_u64().unwrap(), "{g}");
        for s in g["subjects"].as_array().unwrap() {
            let l = &s["levels"];
            let sum: u64 = ["t", "h", "c", "missing"].iter().map(|k| l[*k].as_u64().unwrap()).sum();
            assert_eq!(sum, g["pupils"].as_u64().unwrap(), "{s}");
        }
    }
    let grade = |n: u64| d["grades"].as_array().unwrap().iter().find(|g| g["grade"] == n).unwrap().clone();
    assert_eq!(grade(5)["latest_period"], "cuoi_nam");
    assert!(grade(5)["results"]["cht"].as_u64().unwrap() >= 1);
    assert_eq!(grade(5)["results"]["not_computed"], 0);
    assert_eq!(grade(4)["latest_period"], "giua_hk1");
    assert_eq!(grade(4)["results"]["not_computed"], grade(4)["pupils"]);
    assert!(grade(1)["latest_period"].is_null());
    let risky = d["at_risk"].as_array().unwrap().iter().find(|p| p["pupil"]["id"] == a.as_str()).expect("A at risk");
    let kinds: Vec<&str> = risky["reasons"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"result_cht") && kinds.contains(&"level_c"), "{risky}");
    let r = app.get(&principal, "/api/dashboard.xlsx").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let bytes = r.bytes().await.unwrap();
    let sheets = hocba_sheets::read(&bytes).expect("a readable XLSX");
    assert_eq!(sheets.len(), 4);
    assert_eq!(sheets[0].rows.len(), 1 + classes.len());
    let name = risky["pupil"]["full_name"].as_str().unwrap();
    assert!(
        sheets[3].rows.iter().any(|row| row.first() == Some(&hocba_core::sheet::Cell::Text(name.into()))),
        "{:?}",
        sheets[3].rows
    );
    assert_error(app.get(&teacher, "/api/dashboard.xlsx").await, 403, "forbidden", None).await;

    // The new bodies are described in the OpenAPI document.
    let doc: Value = app.http.get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    for schema in [
        "ReopenRequest",
        "Reopening",
        "ReturnRequest",
        "PupilComment",
        "ApproveAllPreview",
        "ApprovalChecklist",
        "ApproveAllResult",
        "Dashboard",
        "Notification",
    ] {
        assert!(doc["components"]["schemas"].get(schema).is_some(), "OpenAPI lacks {schema}");
    }

    // The admin sees the dashboard and the preview, but approving stays the principal's.
    let admin = app.login("admin").await;
    assert_eq!(app.get(&admin, "/api/dashboard").await.status(), 200);
    assert_eq!(app.get(&admin, "/api/reviews/approve-all/cuoi_hk1").await.status(), 200);
    assert_error(app.post(&admin, "/api/reviews/approve-all/cuoi_hk1", json!({})).await, 403, "forbidden", None).await;
    assert_error(app.post(&admin, &reopen, why.clone()).await, 403, "forbidden", None).await;

    // Every state change is in the audit trail, the reopening and the re-approval with the
    // reason, and the chain verifies.
    use hocba::db::schema::audit_log;
    let db = hocba::db::Db::open(&app.database_url).unwrap();
    let mut conn = db.conn().unwrap();
    let actions: Vec<(String, String)> = audit_log::table
        .filter(audit_log::action.like("record.%"))
        .order(audit_log::seq.asc())
        .select((audit_log::action, audit_log::detail))
        .load(&mut *conn)
        .unwrap();
    drop(conn);
    // The demo seed's earlier years come first; this scenario's twelve changes are the last ones.
    let actions = &actions[actions.len() - 12..];
    let names: Vec<&str> = actions.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        names,
        [
            "record.submit",
            "record.approve",
            "record.reopen_pupil",
            "record.reapprove_pupil",
            "record.submit",
            "record.return",
            "record.submit",
            "record.return",
            "record.submit",
            "record.submit",
            "record.approve",
            "record.approve",
        ]
    );
    for (_, detail) in &actions[2..4] {
        let detail: Value = serde_json::from_str(detail).unwrap();
        assert_eq!(detail["reason"], "Nhập nhầm điểm Toán, cần sửa theo bài kiểm tra.");
        assert_eq!(detail["pupil_id"], a.as_str());
    }
    // The returns carry their comments per pupil.
    let detail: Value = serde_json::from_str(&actions[5].1).unwrap();
    assert_eq!(detail["note"], comment);
    assert_eq!(detail["pupil_comments"], json!([{"pupil_id": a, "comment": about_a}]));
    let detail: Value = serde_json::from_str(&actions[7].1).unwrap();
    assert_eq!(detail["pupil_comments"], json!([{"pupil_id": b, "comment": about_b}]));
    let stored: i64 = {
        use hocba::db::schema::return_comments;
        return_comments::table.count().get_result(&mut *db.conn().unwrap()).unwrap()
    };
    assert_eq!(stored, 2);
    // The correction made while A was reopened: Toán's old and new values.
    let all: Vec<(String, String)> = audit_log::table
        .order(audit_log::seq.asc())
        .select((audit_log::action, audit_log::detail))
        .load(&mut *db.conn().unwrap())
        .unwrap();
    let opened_at = all.iter().position(|(a, _)| a == "record.reopen_pupil").unwrap();
    let closed_at = all.iter().position(|(a, _)| a == "record.reapprove_pupil").unwrap();
    let corrections: Vec<Value> = all[opened_at..closed_at]
        .iter()
        .filter(|(a, _)| a == "assessment.write")
        .map(|(_, d)| serde_json::from_str(d).unwrap())
        .collect();
    assert_eq!(corrections.len(), 1, "{corrections:?}");
    let change = &corrections[0]["changes"][0];
    assert_eq!(change["cell"], "subject:toan");
    assert!(change["old"]["level"].is_string(), "{change}");
    assert_eq!(change["new"]["level"], "C");
    db.read(hocba::services::audit::verify_chain).unwrap().expect("audit chain intact");
}
