//! The principal's checklist before approving cuối năm, end to end on SQLite and PostgreSQL: the
//! findings listed (an HTXS pupil without a confirmed giấy khen, a CHT pupil without đánh giá bổ
//! sung, missing heights, weights and days absent), approving refused with 409 and the findings,
//! a blank override reason refused naming the field, approving all at once refused, and the
//! approval with a reason, which the audit log keeps with the findings' count.

use super::review::{class_id, fill, OVERRIDE};
use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn approval_checklist_on_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn approval_checklist_on_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

fn kinds_of(findings: &Value, pupil: &str) -> Vec<String> {
    findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["pupil"]["id"] == pupil)
        .map(|f| f["kind"].as_str().unwrap().to_string())
        .collect()
}

async fn scenario(app: &TestApp) {
    let teacher = app.login("gvcn5a").await;
    let principal = app.login("hieutruong").await;
    let class = class_id(app, &teacher, "5A").await;
    let base = format!("/api/classes/{class}/periods/cuoi_nam");
    let year_end = format!("/api/classes/{class}/year-end");
    fill(app, &teacher, &class, "cuoi_nam").await;

    // An HTXS pupil; a pupil made CHT by a C in Toán; a pupil with everything recorded.
    let rows = app.get_json(&teacher, &year_end).await["rows"].as_array().unwrap().clone();
    let id = |r: &Value| r["pupil"]["id"].as_str().unwrap().to_string();
    let best = rows.iter().find(|r| r["outcome"]["effective"] == "HTXS").map(id).expect("an HTXS pupil");
    let others: Vec<String> = rows.iter().map(id).filter(|p| *p != best).collect();
    let (weak, complete) = (others[0].clone(), others[1].clone());
    let cell = json!({"subjects": [{"subject": "toan", "level": "C", "score": 4}]});
    let r = app.put(&teacher, &format!("{base}/pupils/{weak}"), cell).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let r = app
        .put(
            &teacher,
            &format!("{base}/pupils/{complete}"),
            json!({"subjects": [{"subject": "toan", "level": "H", "score": 7}]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let extras = json!({"days_absent_excused": 1, "days_absent_unexcused": 0, "height_cm": 131.5, "weight_kg": 29.5});
    let r = app.put(&teacher, &format!("{year_end}/{complete}"), extras).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let row: Value = r.json().await.unwrap();
    assert!(
        ["HT", "HTT"].contains(&row["outcome"]["effective"].as_str().unwrap()),
        "the complete pupil is HT or HTT: {row}"
    );
    // An HTT pupil needs the Học sinh Tiêu biểu: give it when the result asks for it.
    if row["outcome"]["effective"] == "HTT" {
        let award = json!({"kind": "hoc_sinh_tieu_bieu", "reason": "Tiến bộ rõ rệt môn Tiếng Việt."});
        let r = app.post(&teacher, &format!("{year_end}/{complete}/awards"), award).await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    }

    // The checklist names each pupil and what is missing; the principal and the admin read it.
    let checklist = format!("{base}/checklist");
    assert_error(app.get(&teacher, &checklist).await, 403, "forbidden", None).await;
    let list = app.get_json(&principal, &checklist).await;
    assert_eq!(list["period"], "cuoi_nam");
    let findings = &list["findings"];
    assert_eq!(
        kinds_of(findings, &best),
        ["award_not_confirmed", "missing_height", "missing_weight", "missing_days_absent"],
        "{list}"
    );
    assert_eq!(
        kinds_of(findings, &weak),
        ["missing_height", "missing_weight", "missing_days_absent", "missing_supplementary"],
        "{list}"
    );
    assert!(kinds_of(findings, &complete).is_empty(), "{list}");
    let award = findings.as_array().unwrap().iter().find(|f| f["pupil"]["id"] == best.as_str()).unwrap();
    assert_eq!(award["result"], "HTXS");
    assert!(award["message"].as_str().unwrap().contains("Học sinh Xuất sắc"), "{award}");
    assert!(award["pupil"]["full_name"].is_string());
    let count = findings.as_array().unwrap().len();
    assert!(list["message"].as_str().unwrap().contains(&count.to_string()), "{list}");
    let admin = app.login("admin").await;
    assert_eq!(app.get(&admin, &checklist).await.status(), 200);
    // Other periodic points have no checklist.
    let periodic = app.get_json(&principal, &format!("/api/classes/{class}/periods/giua_hk1/checklist")).await;
    assert_eq!(periodic["findings"], json!([]));

    // Submitted, approving is refused with the findings, …
    assert_eq!(app.post(&teacher, &format!("{base}/submit"), json!({})).await.status(), 200);
    let body =
        assert_error(app.post(&principal, &format!("{base}/approve"), json!({})).await, 409, "checklist", None).await;
    assert_eq!(body["error"]["findings"], list["findings"], "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains(&count.to_string()), "{body}");
    // … without a body too, …
    let r = app.http.post(app.url(&format!("{base}/approve"))).bearer_auth(&principal).send().await.unwrap();
    assert_error(r, 409, "checklist", None).await;
    // … a blank reason names the field, …
    for blank in ["", "   \n"] {
        let r = app.post(&principal, &format!("{base}/approve"), json!({"override_reason": blank})).await;
        assert_error(r, 422, "validation", Some("override_reason")).await;
    }
    // … and approving every class at once leaves this one to be approved alone.
    let r = app.post(&principal, "/api/reviews/approve-all/cuoi_nam", json!({})).await;
    let body = assert_error(r, 409, "checklist", None).await;
    assert!(body["error"]["message"].as_str().unwrap().contains("5A"), "{body}");
    assert_eq!(app.get_json(&teacher, &year_end).await["state"]["status"], "submitted");

    // With a reason the record is approved; the audit log keeps the reason and the count.
    let r =
        app.post(&principal, &format!("{base}/approve"), json!({"override_reason": format!("  {OVERRIDE} ")})).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "approved");
    let detail = app.last_audit_detail("record.approve");
    assert_eq!(detail["class_id"], class.as_str());
    assert_eq!(detail["to"], "approved");
    assert_eq!(detail["override_reason"], OVERRIDE, "trimmed: {detail}");
    assert_eq!(detail["findings"], count, "{detail}");
    let db = hocba::db::Db::open(&app.database_url).unwrap();
    db.read(hocba::services::audit::verify_chain).unwrap().expect("audit chain intact");
}
