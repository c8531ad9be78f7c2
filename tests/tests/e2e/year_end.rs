//! The year end of class 5A, on SQLite and PostgreSQL: results from the cuối năm cells, the
//! teacher's extras (attendance, height, weight) with versions, awards checked against the
//! result, the principal's decision for a CHT pupil, the class summary (JSON and XLSX), the
//! comment bank, and the locks after approval in the API and in the database.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use hocba_core::sheet::Cell;
use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn year_end_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn year_end_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

/// Every cell of every pupil: T, 9 where a test is taken. `tweak` changes one pupil's subject
/// level: (row index, subject code, level).
pub(crate) fn whole_class(grid: &Value, tweaks: &[(usize, &str, &str)]) -> Value {
    let rows: Vec<Value> = grid["rows"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let subjects: Vec<Value> = grid["subjects"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let code = c["code"].as_str().unwrap();
                    let level = tweaks.iter().find(|(row, s, _)| *row == i && *s == code).map_or("T", |t| t.2);
                    let score = if c["scored"] == true { json!(9) } else { Value::Null };
                    json!({"subject": code, "level": level, "score": score, "comment": "Em học tốt."})
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

fn row_of<'a>(view: &'a Value, pupil: &str) -> &'a Value {
    view["rows"].as_array().unwrap().iter().find(|r| r["pupil"]["id"] == pupil).expect("pupil's row")
}

async fn scenario(app: &TestApp) {
    let teacher = app.login("gvcn5a").await;
    let principal = app.login("hieutruong").await;
    let admin = app.login("admin").await;
    let parent = app.login("phuhuynh").await;
    let teacher_1a = app.login("gvcn1a").await;
    let me = app.get_json(&teacher, "/api/me").await;
    let class = me["classes"].as_array().unwrap().iter().find(|c| c["name"] == "5A").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    // The cuối năm cells: every pupil HTXS, except one CHT (Toán C) and one HT (Âm nhạc H).
    let grid = app.get_json(&teacher, &format!("/api/classes/{class}/periods/cuoi_nam/grid")).await;
    let pupil = |i: usize| grid["rows"][i]["pupil"]["id"].as_str().unwrap().to_string();
    let (best, weak, fair, leaving) = (pupil(0), pupil(1), pupil(2), pupil(3));
    let body = whole_class(&grid, &[(1, "toan", "C"), (2, "am_nhac", "H")]);
    let r = app.put(&teacher, &format!("/api/classes/{class}/periods/cuoi_nam/cells"), body).await;
    assert_eq!(r.status(), 200);

    // The year-end screen: results, completions and the suggested award.
    let year_end = format!("/api/classes/{class}/year-end");
    let view = app.get_json(&teacher, &year_end).await;
    assert_eq!(view["rows"].as_array().unwrap().len(), 30);
    assert_eq!(view["state"]["status"], "draft");
    assert_eq!(view["may_write"], true, "the homeroom teacher writes the year end");
    assert_eq!(app.get_json(&principal, &year_end).await["may_write"], false, "the principal only decides");
    let row = row_of(&view, &best);
    assert_eq!(row["outcome"]["effective"], "HTXS");
    assert_eq!(row["outcome"]["completion"], "completed_primary");
    assert_eq!(row["outcome"]["book_text"], "Hoàn thành chương trình tiểu học");
    assert_eq!(row["suggestion"]["kind"], "hoc_sinh_xuat_sac");
    assert_eq!(row["year_end"]["version"], 0);
    assert_eq!(row["has_disability"], false);
    assert_eq!(row_of(&view, &weak)["outcome"]["effective"], "CHT");
    assert_eq!(row_of(&view, &weak)["outcome"]["decision_needed"], true);
    assert_eq!(row_of(&view, &fair)["outcome"]["effective"], "HT");
    assert!(row_of(&view, &fair)["suggestion"].is_null());
    assert_eq!(app.get(&principal, &year_end).await.status(), 200);
    assert_error(app.get(&teacher_1a, &year_end).await, 404, "not_found", None).await;
    assert_error(app.get(&parent, &year_end).await, 404, "not_found", None).await;

    // The teacher records attendance, height and weight.
    let best_path = format!("{year_end}/{best}");
    let extras = json!({"days_absent_excused": 2, "days_absent_unexcused": 0, "height_cm": 132.5, "weight_kg": 28.4,
        "base_version": 0});
    let r = app.put(&teacher, &best_path, extras.clone()).await;
    assert_eq!(r.status(), 200);
    let row: Value = r.json().await.unwrap();
    assert_eq!(row["year_end"]["version"], 1);
    assert_eq!(row["year_end"]["height_cm"], 132.5);
    assert_eq!(row["year_end"]["weight_kg"], 28.4);
    assert_eq!(row["year_end"]["days_absent_excused"], 2);
    // The same values again change nothing.
    let same = json!({"days_absent_excused": 2, "days_absent_unexcused": 0, "height_cm": 132.5, "weight_kg": 28.4});
    assert_eq!(app.put(&teacher, &best_path, same).await.json::<Value>().await.unwrap()["year_end"]["version"], 1);
    // Bad values name their field; an old version is refused with the current value.
    for (body, field) in [
        (json!({"height_cm": 300}), "height_cm"),
        (json!({"weight_kg": 28.45}), "weight_kg"),
        (json!({"days_absent_excused": 150, "days_absent_unexcused": 60}), "days_absent_unexcused"),
        (json!({"manual_result": "HT", "manual_note": "Theo kế hoạch giáo dục cá nhân"}), "manual_result"),
        (json!({"supplementary_result": "HT"}), "supplementary_result"),
    ] {
        assert_error(app.put(&teacher, &best_path, body).await, 422, "validation", Some(field)).await;
    }
    let err = assert_error(app.put(&teacher, &best_path, extras).await, 409, "stale", Some("year_end")).await;
    assert_eq!(err["error"]["current"]["version"], 1);
    assert_eq!(err["error"]["current"]["height_cm"], 132.5);
    // Only the homeroom teacher writes them.
    assert_error(app.put(&principal, &best_path, json!({"height_cm": 130})).await, 403, "forbidden", None).await;
    assert_error(app.put(&teacher_1a, &best_path, json!({"height_cm": 130})).await, 404, "not_found", None).await;
    let nobody = format!("{year_end}/{}", uuid::Uuid::now_v7());
    assert_error(app.put(&teacher, &nobody, json!({})).await, 404, "not_found", None).await;

    // Awards: Học sinh Xuất sắc for the HTXS pupil, once; a competition award; none for HT.
    let awards = format!("{best_path}/awards");
    let r = app.post(&teacher, &awards, json!({"kind": "hoc_sinh_xuat_sac"})).await;
    assert_eq!(r.status(), 200);
    let row: Value = r.json().await.unwrap();
    assert_eq!(row["awards"][0]["title"], "Học sinh Xuất sắc");
    assert_eq!(row["awards"][0]["confirmed_by"], "Vàng Thị Dung");
    assert!(row["suggestion"].is_null(), "the suggestion closes once awarded");
    let contest = json!({"kind": "competition", "title": "Giải Nhì Hội thi Viết chữ đẹp", "level": "cấp huyện",
        "awarded_on": "15/03/2026"});
    let row: Value = app.post(&teacher, &awards, contest).await.json().await.unwrap();
    assert_eq!(row["awards"].as_array().unwrap().len(), 2);
    assert_eq!(row["awards"][1]["level"], "district");
    assert_eq!(row["awards"][1]["awarded_on"], "2026-03-15");
    let again = app.post(&teacher, &awards, json!({"kind": "hoc_sinh_xuat_sac"})).await;
    assert_error(again, 422, "validation", Some("kind")).await;
    let fair_awards = format!("{year_end}/{fair}/awards");
    let r = app.post(&teacher, &fair_awards, json!({"kind": "hoc_sinh_xuat_sac"})).await;
    assert_error(r, 422, "validation", Some("kind")).await;
    let r = app.post(&teacher, &fair_awards, json!({"kind": "competition", "level": "school"})).await;
    assert_error(r, 422, "validation", Some("title")).await;
    let r = app
        .post(
            &teacher,
            &fair_awards,
            json!({"kind": "dot_xuat", "title": "Nhặt được của rơi trả lại người mất",
        "level": "school", "awarded_on": "01/01/2099"}),
        )
        .await;
    assert_error(r, 422, "validation", Some("awarded_on")).await;
    assert_error(app.post(&principal, &fair_awards, json!({"kind": "dot_xuat"})).await, 403, "forbidden", None).await;
    // A đột xuất award added and removed again.
    let r = app
        .post(
            &teacher,
            &fair_awards,
            json!({"kind": "dot_xuat", "title": "Nhặt được của rơi trả lại người mất",
        "level": "school"}),
        )
        .await;
    let row: Value = r.json().await.unwrap();
    let award_id = row["awards"][0]["id"].as_str().unwrap().to_string();
    let r = app.delete(&teacher, &format!("{fair_awards}/{award_id}")).await;
    assert_eq!(r.status(), 200);
    assert!(r.json::<Value>().await.unwrap()["awards"].as_array().unwrap().is_empty());
    assert_error(app.delete(&teacher, &format!("{fair_awards}/{award_id}")).await, 404, "not_found", None).await;

    // The principal decides for the CHT pupil; a teacher cannot; an HTXS pupil needs no decision.
    let decision = format!("{year_end}/{weak}/decision");
    assert_error(app.put(&teacher, &decision, json!({"decision": "repeat"})).await, 403, "forbidden", None).await;
    let r = app.put(&principal, &decision, json!({"decision": "promote"})).await;
    assert_error(r, 422, "validation", Some("decision")).await;
    let r = app.put(&principal, &format!("{best_path}/decision"), json!({"decision": "repeat"})).await;
    assert_error(r, 422, "validation", Some("decision")).await;
    let r = app.put(&principal, &decision, json!({"decision": "repeat"})).await;
    assert_eq!(r.status(), 200);
    let row: Value = r.json().await.unwrap();
    assert_eq!(row["outcome"]["completion"], "repeats");
    assert_eq!(row["decided_by"], "Hoàng Thị Lan");
    assert_error(app.put(&teacher_1a, &decision, json!({"decision": null})).await, 404, "not_found", None).await;

    // The class summary: every subject's counts add up to the class.
    let summary = app.get_json(&principal, &format!("/api/classes/{class}/periods/cuoi_nam/summary")).await;
    let total = summary["pupils"]["total"].as_u64().unwrap();
    assert_eq!(total, 30);
    let sum = |x: &Value, keys: &[&str]| keys.iter().map(|k| x[*k]["total"].as_u64().unwrap()).sum::<u64>();
    for s in summary["subjects"].as_array().unwrap() {
        assert_eq!(sum(s, &["t", "h", "c", "missing"]), total, "{}", s["code"]);
    }
    for q in summary["qualities"].as_array().unwrap() {
        assert_eq!(sum(q, &["t", "d", "c", "missing"]), total, "{}", q["code"]);
    }
    let results = &summary["results"];
    assert_eq!(sum(results, &["htxs", "htt", "ht", "cht", "not_computed"]), total);
    assert_eq!((results["htxs"]["total"].as_u64(), results["ht"]["total"].as_u64()), (Some(28), Some(1)));
    assert_eq!(results["repeating"]["total"], 1);
    let awarded = |kind: &str| {
        results["awards"].as_array().unwrap().iter().find(|a| a["kind"] == kind).unwrap()["pupils"]["total"].clone()
    };
    assert_eq!((awarded("hoc_sinh_xuat_sac"), awarded("competition")), (json!(1), json!(1)));
    let mid = app.get_json(&teacher, &format!("/api/classes/{class}/periods/giua_hk1/summary")).await;
    assert!(mid["results"].is_null());
    assert_error(
        app.get(&teacher_1a, &format!("/api/classes/{class}/periods/cuoi_nam/summary")).await,
        404,
        "not_found",
        None,
    )
    .await;
    // … and as a real XLSX workbook.
    let r = app.get(&teacher, &format!("/api/classes/{class}/periods/cuoi_nam/summary.xlsx")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let disposition = r.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.contains("attachment") && disposition.contains("tong-hop-5A-cuoi_nam.xlsx"), "{disposition}");
    let sheets = hocba_sheets::read(&r.bytes().await.unwrap()).expect("a workbook");
    let rows = &sheets[0].rows;
    assert_eq!(rows[0][0], Cell::Text("BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ GIÁO DỤC".into()));
    assert_eq!(rows[1][0], Cell::Text("Lớp 5A – Khối 5 – Cuối năm học".into()));
    assert_eq!(rows[2][1], Cell::Number(30.0));

    // The comment bank: own texts first, suggestions beside them, private to the teacher.
    let r = app
        .post(&teacher, "/api/comment-bank", json!({"subject": "toan", "text": "  Em tính nhanh, cẩn thận. "}))
        .await;
    assert_eq!(r.status(), 200);
    let kept: Value = r.json().await.unwrap();
    assert_eq!(kept["text"], "Em tính nhanh, cẩn thận.");
    let twice: Value = app
        .post(&teacher, "/api/comment-bank", json!({"subject": "toan", "text": "Em tính nhanh, cẩn thận."}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(twice["id"], kept["id"], "a duplicate answers the kept entry");
    let bank = app.get_json(&teacher, "/api/comment-bank?subject=toan&level=T").await;
    assert_eq!(bank["own"][0]["text"], "Em tính nhanh, cẩn thận.");
    assert_eq!(bank["own"].as_array().unwrap().len(), 1);
    assert!(!bank["suggestions"].as_array().unwrap().is_empty());
    let quality = app.get_json(&teacher, "/api/comment-bank?subject=trung_thuc&level=%C4%90").await;
    assert!(quality["own"].as_array().unwrap().is_empty() && !quality["suggestions"].as_array().unwrap().is_empty());
    let other = app.get_json(&teacher_1a, "/api/comment-bank?subject=toan&level=T").await;
    assert!(other["own"].as_array().unwrap().is_empty());
    let entry = format!("/api/comment-bank/{}", kept["id"].as_str().unwrap());
    assert_error(app.delete(&teacher_1a, &entry).await, 404, "not_found", None).await;
    let r = app.post(&teacher, "/api/comment-bank", json!({"subject": "hoa_hoc", "text": "Tốt."})).await;
    assert_error(r, 422, "validation", Some("subject")).await;
    let r = app.post(&teacher, "/api/comment-bank", json!({"subject": "toan", "text": "x".repeat(301)})).await;
    assert_error(r, 422, "validation", Some("text")).await;
    assert_error(
        app.get(&teacher, "/api/comment-bank?subject=toan&level=%C4%90").await,
        422,
        "validation",
        Some("level"),
    )
    .await;
    assert_error(app.get(&parent, "/api/comment-bank?subject=toan").await, 403, "forbidden", None).await;
    assert_eq!(app.delete(&teacher, &entry).await.status(), 204);
    assert!(app.get_json(&teacher, "/api/comment-bank?subject=toan").await["own"].as_array().unwrap().is_empty());

    // A pupil who transferred out is frozen.
    let r = app
        .post(
            &admin,
            &format!("/api/admin/pupils/{leaving}/transfer-out"),
            json!({"date": "2026-11-20", "to_school": "Trường Tiểu học Bản Lầu"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = app.put(&teacher, &format!("{year_end}/{leaving}"), json!({"height_cm": 130})).await;
    assert_error(r, 409, "transferred_out", None).await;

    // Submitted: the teacher's writes wait; the principal may still change a decision.
    let period = format!("/api/classes/{class}/periods/cuoi_nam");
    assert_eq!(app.post(&teacher, &format!("{period}/submit"), json!({})).await.status(), 200);
    assert_error(app.put(&teacher, &best_path, json!({"height_cm": 133})).await, 409, "submitted", None).await;
    assert_error(app.post(&teacher, &awards, json!({"kind": "dot_xuat"})).await, 409, "submitted", None).await;
    let r = app.put(&principal, &decision, json!({"decision": null})).await;
    assert!(r.json::<Value>().await.unwrap()["outcome"]["decision"].is_null());
    assert_eq!(app.put(&principal, &decision, json!({"decision": "repeat"})).await.status(), 200);

    // Approved: locked in the API …
    let anyway = json!({"override_reason": "Các em còn lại đo chiều cao, cân nặng sau."});
    assert_eq!(app.post(&principal, &format!("{period}/approve"), anyway).await.status(), 200);
    assert_eq!(app.get_json(&teacher, &year_end).await["state"]["status"], "approved");
    assert_error(app.put(&teacher, &best_path, json!({"height_cm": 133})).await, 409, "locked", None).await;
    assert_error(app.put(&principal, &decision, json!({"decision": null})).await, 409, "locked", None).await;
    assert_error(app.delete(&teacher, &format!("{fair_awards}/{award_id}")).await, 409, "locked", None).await;

    // … and in the database, even for direct SQL.
    let mut conn = hocba::db::connection::establish(&app.database_url).unwrap();
    let refused = conn.batch_execute("UPDATE year_end_records SET height_mm = 1400 WHERE locked = TRUE");
    assert!(refused.is_err_and(|e| e.to_string().contains("record is locked")));
    let refused = conn.batch_execute("DELETE FROM awards WHERE locked = TRUE");
    assert!(refused.is_err_and(|e| e.to_string().contains("record is locked")));
    let insert = format!(
        "INSERT INTO year_end_records (id, school_id, enrolment_id, version, locked, updated_at) \
         SELECT 'direct', e.school_id, e.id, 1, FALSE, CURRENT_TIMESTAMP FROM enrolments e \
         WHERE e.class_id = '{class}' AND e.id NOT IN (SELECT enrolment_id FROM year_end_records) LIMIT 1"
    );
    assert!(conn.batch_execute(&insert).is_err_and(|e| e.to_string().contains("record is locked")));
    drop(conn);

    // Every change is in the audit log, whose chain still verifies.
    let db = hocba::db::Db::open(&app.database_url).unwrap();
    db.read(hocba::services::audit::verify_chain).unwrap().expect("audit chain intact");
    let mut conn = db.conn().unwrap();
    let mut count = |action: &str| {
        use hocba::db::schema::audit_log;
        audit_log::table.filter(audit_log::action.eq(action)).count().get_result::<i64>(&mut *conn).unwrap()
    };
    assert_eq!(count("year_end.write"), 1);
    assert_eq!(count("year_end.decision"), 3);
    assert_eq!(count("award.add"), 3);
    assert_eq!(count("award.delete"), 1);
    assert_eq!(count("comment_bank.add"), 1);
}
