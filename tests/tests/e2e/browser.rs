//! The real Yew UI in Debian's headless Chromium, driven by Playwright (tests/browser).

use hocba_core::sheet::Cell;
use hocba_tests::sheets::{self, name, national_id, row};
use hocba_tests::{Db, TestApp};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

/// Runs a scenario of tests/browser with node; its arguments follow the script's name, and the
/// screenshot folder comes last.
pub(crate) async fn scenario(script: &'static str, mut args: Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("browser");
    assert!(
        dir.join("node_modules/playwright-core").exists(),
        "playwright-core is not installed in tests/browser: run `cargo xtask test` (it runs npm ci there)"
    );
    args.push(dir.join("screenshots").to_string_lossy().into_owned());
    let out =
        tokio::task::spawn_blocking(move || Command::new("node").arg(script).args(args).current_dir(&dir).output())
            .await
            .unwrap()
            .expect("node runs (install nodejs)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "browser scenario {script} failed:\n{stdout}\n{stderr}");
    // The scenario's summary (axe-core per page, …), shown with `--nocapture`.
    println!("{script}:\n{stdout}");
}

#[tokio::test]
async fn teacher_and_parent_in_chromium() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    scenario("skeleton.mjs", vec![app.base.clone()]).await;
}

/// The admin imports a class list through the UI: a bad file shows its problems, a good one
/// is previewed and applied; the admin screens render; a parent redeems a code on a phone.
/// The app comes in three builds: managers start the full one; teachers the one without the
/// school managers' screens on the year end, the summary and a pupil's page, and elsewhere the one
/// with their first screens only (home and the grid). Each page names its own start script and
/// wasm, all served.
#[tokio::test]
async fn each_role_starts_its_build_of_the_app() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let mut sizes = Vec::new();
    for (user, path, build) in [
        ("gvcn5a", "/lop/x/cuoi_hk1", "grid"),
        ("gvcn5a", "/lop/x/cuoi-nam", "teacher"),
        ("gvcn5a", "/lop/x/tong-hop/cuoi_hk1", "teacher"),
        ("hieutruong", "/lop/x/cuoi_hk1", "full"),
        ("admin", "/lop/x/cuoi-nam", "full"),
    ] {
        let token = app.login(user).await;
        let page = app.get(&token, path).await.text().await.unwrap();
        let boot = page.split("src=\"/").nth(1).and_then(|s| s.split('"').next()).expect("a start script");
        let (boot_prefix, bindings_prefix) = match build {
            "full" => ("boot.".to_string(), "frontend.".to_string()),
            area => (format!("boot_{area}."), format!("frontend_{area}.")),
        };
        assert!(boot.starts_with(&boot_prefix), "{user} at {path}: {boot}");
        let script = app.http.get(app.url(&format!("/{boot}"))).send().await.unwrap().text().await.unwrap();
        let bindings = script.split("from \"/").nth(1).and_then(|s| s.split('"').next()).expect("bindings");
        let wasm_name = script.split("module_or_path: \"/").nth(1).and_then(|s| s.split('"').next()).expect("wasm");
        assert!(bindings.starts_with(&bindings_prefix), "{user} at {path}: {bindings}");
        assert!(
            script.contains(&format!(
                "register(\"/sw.js{}\")",
                if build == "full" { String::new() } else { format!("?area={build}") }
            )),
            "{script}"
        );
        let wasm = app.http.get(app.url(&format!("/{wasm_name}"))).send().await.unwrap();
        assert_eq!(wasm.status(), 200, "{wasm_name}");
        assert_eq!(wasm.headers()["content-type"], "application/wasm");
        sizes.push((build, wasm.bytes().await.unwrap().len()));
    }
    let (grid, teacher, full) = (sizes[0].1, sizes[1].1, sizes[3].1);
    assert!(teacher * 4 < full * 3, "the teacher's build ({teacher} B) is well under the full one ({full} B)");
    assert!(grid * 5 < teacher * 4, "the grid's build ({grid} B) is well under the teacher's ({teacher} B)");
    // Without a session the page starts the full build (its routes send to the sign-in page).
    let anonymous = app.http.get(app.url("/lop/x/cuoi_hk1")).send().await.unwrap().text().await.unwrap();
    assert!(anonymous.contains("src=\"/boot.") && !anonymous.contains("boot_teacher"), "{anonymous}");
}

#[tokio::test]
async fn admin_imports_a_class_list_in_chromium() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let admin = app.login("admin").await;
    let years = app.get_json(&admin, "/api/admin/years").await;
    let year = years.as_array().unwrap().iter().find(|y| y["is_current"] == true).unwrap()["id"].clone();
    let class: Value = app
        .post(&admin, "/api/admin/classes", json!({"school_year_id": year, "name": "2B", "grade": 2}))
        .await
        .json()
        .await
        .unwrap();
    let class_id = class["id"].as_str().unwrap().to_string();
    // Pupils of 2B were born in 2018. Rows 3, 5 and 7 of the bad file (after the header) are wrong.
    let good: Vec<Vec<Cell>> = (500..508)
        .map(|i| row("2B", &national_id(i), &name(i), "Nữ", Cell::Text("12/10/2018".into()), "Dao"))
        .collect();
    let mut bad = good[..6].to_vec();
    let col = |key| hocba_core::roster::column_index(hocba_core::roster::ROSTER_COLUMNS, key).unwrap();
    bad[1][col("national_id")] = Cell::Text("12345".into());
    bad[3][col("birth_date")] = Cell::Text("31/02/2017".into());
    bad[5][col("gender")] = Cell::Empty;
    let files = tempfile::tempdir().unwrap();
    let bad_path = files.path().join("lop-2B-loi.csv");
    let good_path = files.path().join("lop-2B.xlsx");
    std::fs::write(&bad_path, sheets::csv(bad)).unwrap();
    std::fs::write(&good_path, sheets::xlsx(good)).unwrap();
    // A printed invite for the demo parent's child.
    let me = app.get_json(&app.login("phuhuynh").await, "/api/me").await;
    let child = me["children"][0]["id"].clone();
    let slip: Value = app.post(&admin, "/api/admin/invites", json!({"pupil_ids": [child]})).await.json().await.unwrap();
    let code = slip["code"].as_str().unwrap().to_string();
    // A sibling in 4A, for a second code covering both children.
    let classes = app.get_json(&admin, &format!("/api/admin/years/{}/classes", year.as_str().unwrap())).await;
    let c4 =
        classes.as_array().unwrap().iter().find(|c| c["name"] == "4A").unwrap()["id"].as_str().unwrap().to_string();
    let sibling = app.get_json(&admin, &format!("/api/admin/pupils?class_id={c4}")).await[0].clone();

    let args = vec![
        app.base.clone(),
        class_id.clone(),
        bad_path.to_string_lossy().into_owned(),
        good_path.to_string_lossy().into_owned(),
        "8".to_string(),
        code,
        child.as_str().unwrap().to_string(),
        sibling["id"].as_str().unwrap().to_string(),
        sibling["full_name"].as_str().unwrap().to_string(),
    ];
    scenario("admin.mjs", args).await;
    // The import reached the database.
    let pupils = app.get_json(&admin, &format!("/api/admin/pupils?class_id={class_id}")).await;
    assert_eq!(pupils.as_array().unwrap().len(), 8);
}

/// Someone changes a pupil's Toán while the teacher has the grid open: the teacher's write is
/// refused as stale, the grid shows both values, and the teacher keeps their own.
#[tokio::test]
async fn stale_cell_shows_both_values_in_chromium() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let admin = app.login("admin").await;
    let years = app.get_json(&admin, "/api/admin/years").await;
    let year = years.as_array().unwrap().iter().find(|y| y["is_current"] == true).unwrap()["id"].clone();
    let classes = app.get_json(&admin, &format!("/api/admin/years/{}/classes", year.as_str().unwrap())).await;
    let class = classes.as_array().unwrap().iter().find(|c| c["name"] == "5A").unwrap();
    let class_id = class["id"].as_str().unwrap().to_string();
    let pupils = app.get_json(&admin, &format!("/api/classes/{class_id}/pupils")).await;
    // A pupil whose Toán is not H yet (typing H must change the cell).
    let teacher = app.login("gvcn5a").await;
    let grid_path = format!("/api/classes/{class_id}/periods/cuoi_nam/grid");
    let toan = |grid: &Value, pupil: &str| {
        let row = grid["rows"].as_array().unwrap().iter().find(|r| r["pupil"]["id"] == pupil).unwrap();
        row["subjects"]["toan"].clone()
    };
    let before = app.get_json(&teacher, &grid_path).await;
    let pupil = pupils
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .find(|p| toan(&before, p)["level"] != "H")
        .expect("a pupil without H in Toán");
    let old = toan(&before, &pupil);
    let version = old["version"].as_u64().unwrap_or(0);

    scenario("conflict.mjs", vec![app.base.clone(), pupil.clone(), class_id.clone()]).await;

    // The teacher's value won, written over the other session's version.
    let after = toan(&app.get_json(&teacher, &grid_path).await, &pupil);
    assert_eq!(after["level"], "H");
    assert_eq!(after["score"], old["score"]);
    assert_eq!(after["comment"], old["comment"]);
    assert_eq!(after["version"].as_u64(), Some(version + 2), "the other write and the teacher's: {after}");
}

/// The id of the demo class `name` in the current school year.
async fn demo_class(app: &TestApp, admin: &str, name: &str) -> String {
    let years = app.get_json(admin, "/api/admin/years").await;
    let year = years.as_array().unwrap().iter().find(|y| y["is_current"] == true).unwrap()["id"].clone();
    let classes = app.get_json(admin, &format!("/api/admin/years/{}/classes", year.as_str().unwrap())).await;
    let class = classes.as_array().unwrap().iter().find(|c| c["name"] == name).unwrap();
    class["id"].as_str().unwrap().to_string()
}

/// Offline: ten comments typed without a network, a reload while offline, and the network back
/// with the first answer lost — every value reaches the server exactly once.
#[tokio::test]
async fn offline_edits_reach_the_server_exactly_once_in_chromium() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let admin = app.login("admin").await;
    let class_id = demo_class(&app, &admin, "5A").await;
    let pupils = app.get_json(&admin, &format!("/api/classes/{class_id}/pupils")).await;
    let (a, b) = (pupils[0]["id"].as_str().unwrap().to_string(), pupils[1]["id"].as_str().unwrap().to_string());
    let subjects = ["tieng_viet", "toan", "dao_duc", "khoa_hoc", "am_nhac"];
    let teacher = app.login("gvcn5a").await;
    let grid_path = format!("/api/classes/{class_id}/periods/cuoi_nam/grid");
    let before = app.get_json(&teacher, &grid_path).await;

    let args = vec![app.base.clone(), class_id.clone(), a.clone(), b.clone(), subjects.join(",")];
    scenario("offline.mjs", args).await;

    // Every value is on the server, each cell written once over the version loaded.
    let after = app.get_json(&teacher, &grid_path).await;
    let cell = |grid: &Value, pupil: &str, subject: &str| {
        let row = grid["rows"].as_array().unwrap().iter().find(|r| r["pupil"]["id"] == pupil).unwrap();
        row["subjects"][subject].clone()
    };
    let mut n = 0;
    for pupil in [&a, &b] {
        for subject in subjects {
            n += 1;
            let now = cell(&after, pupil, subject);
            assert_eq!(now["comment"], format!("Nhận xét ngoại tuyến {n}"), "{pupil} {subject}");
            let old = cell(&before, pupil, subject)["version"].as_u64().unwrap_or(0);
            assert_eq!(now["version"].as_u64(), Some(old + 1), "{pupil} {subject} written once: {now}");
        }
    }
    // The audit trail has each change once, marked as sent from the device's queue.
    let db = hocba::db::Db::open(&app.database_url).unwrap();
    let details: Vec<String> = db
        .read(|c| {
            use diesel::prelude::*;
            use hocba::db::schema::audit_log;
            audit_log::table
                .filter(audit_log::action.eq("assessment.write"))
                .select(audit_log::detail)
                .load::<String>(c)
                .map_err(hocba::error::AppError::from)
        })
        .unwrap();
    let changes: Vec<Value> = details
        .iter()
        .map(|d| serde_json::from_str::<Value>(d).unwrap())
        .filter(|d| d["changes"].to_string().contains("ngoại tuyến"))
        .collect();
    assert_eq!(changes.len(), 10, "one audit entry per value: {changes:#?}");
    for d in &changes {
        assert!(d["via"]["device"].is_string() && d["via"]["op"].is_string(), "{d}");
        assert!(d["via"]["queued_at"].is_string(), "written from the offline queue: {d}");
    }
    assert_eq!(db.read(hocba::services::audit::verify_chain).unwrap().map(|_| ()), Ok(()));
}

/// The keyboard fills a row (result HTXS), a 3×4 block pasted from a spreadsheet is saved, and a
/// pasted block with bad values saves nothing.
#[tokio::test]
async fn keyboard_row_and_pasted_block_in_chromium() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let admin = app.login("admin").await;
    let class_id = demo_class(&app, &admin, "5A").await;
    let pupils = app.get_json(&admin, &format!("/api/classes/{class_id}/pupils")).await;
    let id = |i: usize| pupils[i]["id"].as_str().unwrap().to_string();
    let teacher = app.login("gvcn5a").await;
    let grid_path = format!("/api/classes/{class_id}/periods/cuoi_nam/grid");
    // For the refused submit: Toán's level of one pupil and a phẩm chất of another emptied.
    let grid = app.get_json(&teacher, &grid_path).await;
    let cells =
        |i: usize| grid["rows"].as_array().unwrap().iter().find(|r| r["pupil"]["id"] == id(i).as_str()).unwrap();
    let toan = cells(8)["subjects"]["toan"].clone();
    let emptied = json!({"subjects": [{"subject": "toan", "level": null, "score": toan["score"], "comment": toan["comment"],
        "base_version": toan["version"].as_u64().unwrap_or(0)}]});
    let r = app.put(&teacher, &format!("/api/classes/{class_id}/periods/cuoi_nam/pupils/{}", id(8)), emptied).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let quality = cells(9)["qualities"]["cham_chi"].clone();
    let emptied = json!({"qualities": [{"code": "cham_chi", "level": null, "comment": quality["comment"],
        "base_version": quality["version"].as_u64().unwrap_or(0)}]});
    let r = app.put(&teacher, &format!("/api/classes/{class_id}/periods/cuoi_nam/pupils/{}", id(9)), emptied).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let before = app.get_json(&teacher, &grid_path).await;

    let gaps = format!("{}|subject:toan:level,{}|quality:cham_chi:level", id(8), id(9));
    let args = vec![app.base.clone(), class_id.clone(), id(2), [id(3), id(4), id(5)].join(","), id(6), id(7), gaps];
    scenario("keyboard.mjs", args).await;

    let after = app.get_json(&teacher, &grid_path).await;
    let row = |grid: &Value, pupil: &str| {
        grid["rows"].as_array().unwrap().iter().find(|r| r["pupil"]["id"] == pupil).unwrap().clone()
    };
    // The keyboard row: every level T, every score 9, comments unchanged but Toán's, which was
    // taken from the comment bank and then written by the teacher (and kept in their bank).
    let typed = row(&after, &id(2));
    assert_eq!(typed["evaluation"]["result"], "HTXS", "{typed}");
    for (code, cell) in typed["subjects"].as_object().unwrap() {
        assert_eq!(cell["level"], "T", "{code}");
        if code != "toan" {
            assert_eq!(cell["comment"], row(&before, &id(2))["subjects"][code]["comment"], "{code}");
        }
    }
    assert_eq!(typed["subjects"]["toan"]["comment"], "Tính nhẩm nhanh, trình bày bài sạch đẹp.");
    let bank = app.get_json(&teacher, "/api/comment-bank?subject=toan&level=T").await;
    assert_eq!(bank["own"][0]["text"], "Tính nhẩm nhanh, trình bày bài sạch đẹp.");
    let history =
        app.get_json(&teacher, &format!("/api/classes/{class_id}/periods/cuoi_nam/pupils/{}/history", id(2))).await;
    let toan: Vec<&Value> = history.as_array().unwrap().iter().filter(|c| c["cell"] == "subject:toan").collect();
    let suggested = hocba_core::comments::suggestions("toan", hocba_core::SubjectLevel::T)[0];
    // The picked suggestion joined the comment the cell held; then the teacher's own words plus it.
    let ends_with_suggestion = |c: &&Value| c["new"]["comment"].as_str().is_some_and(|t| t.ends_with(suggested));
    assert!(toan.iter().any(ends_with_suggestion), "the suggestion was saved first: {toan:#?}");
    let joined = format!("Em chăm chỉ. {suggested}");
    assert!(toan.iter().any(|c| c["new"]["comment"] == joined.as_str()), "own words and the phrase: {toan:#?}");
    for (code, cell) in typed["qualities"].as_object().unwrap() {
        assert_eq!(cell["level"], "T", "{code}");
    }
    // The pasted block.
    for (i, level, score, comment, toan) in
        [(3, "H", 7, "Cần đọc to, rõ hơn.", "T"), (4, "T", 9, "Đọc tốt.", "H"), (5, "C", 4, "Cần luyện đọc thêm.", "T")]
    {
        let r = row(&after, &id(i));
        assert_eq!(r["subjects"]["tieng_viet"]["level"], level);
        assert_eq!(r["subjects"]["tieng_viet"]["score"], score);
        assert_eq!(r["subjects"]["tieng_viet"]["comment"], comment);
        assert_eq!(r["subjects"]["toan"]["level"], toan);
    }
    // The bad block saved nothing; the teacher then corrected its two cells to H and 7.
    let (bad_after, bad_before) = (&row(&after, &id(6))["subjects"], &row(&before, &id(6))["subjects"]);
    for (code, cell) in bad_before.as_object().unwrap() {
        if code != "tieng_viet" {
            assert_eq!(&bad_after[code], cell, "{code}");
        }
    }
    assert_eq!(bad_after["tieng_viet"]["level"], "H");
    assert_eq!(bad_after["tieng_viet"]["score"], 7);
    assert_eq!(bad_after["tieng_viet"]["comment"], bad_before["tieng_viet"]["comment"]);
    // The comment of two lines keeps its line break.
    assert_eq!(
        row(&after, &id(7))["subjects"]["tieng_viet"]["comment"],
        "Đọc to, rõ ràng.\nCần viết chữ cẩn thận hơn."
    );
    // The refused submit changed nothing; the first emptied cell was filled again in the grid.
    assert_eq!(after["state"]["status"], "draft", "{}", after["state"]);
    assert_eq!(row(&after, &id(8))["subjects"]["toan"]["level"], "H");
    assert_eq!(row(&after, &id(9))["qualities"]["cham_chi"]["level"], Value::Null);
}

/// The year end of 5A in the browser, as one table: the teacher types the whole class's days
/// absent, heights (with a comma) and weights from the keyboard and saves them in one request,
/// sees two refused values marked at once with nothing saved, confirms the suggested Học sinh Xuất
/// sắc of an HTXS pupil, then opens the class summary at cuối năm and its Excel download; at 1366
/// and 360 px.
#[tokio::test]
async fn year_end_and_summary_in_chromium() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let admin = app.login("admin").await;
    let class_id = demo_class(&app, &admin, "5A").await;
    let teacher = app.login("gvcn5a").await;
    let path = format!("/api/classes/{class_id}/year-end");
    let before = app.get_json(&teacher, &path).await;
    let rows = before["rows"].as_array().unwrap();
    let id = |r: &Value| r["pupil"]["id"].as_str().unwrap().to_string();
    let best = rows
        .iter()
        .find(|r| r["outcome"]["effective"] == "HTXS" && r["suggestion"]["kind"] == "hoc_sinh_xuat_sac")
        .map(id)
        .expect("the demo 5A has an HTXS pupil");
    let pupil = rows.iter().map(id).find(|p| *p != best).unwrap();
    assert!(rows.iter().all(|r| r["year_end"]["version"] == 0), "the scenario sends base_version 0");
    // A third pupil with every cell entered gets a C in Toán: CHT, for the principal to decide.
    let weak = rows
        .iter()
        .filter(|r| !r["outcome"]["computed"].is_null())
        .map(id)
        .find(|p| *p != best && *p != pupil)
        .expect("a pupil with a result");
    let cell = json!({"subjects": [{"subject": "toan", "level": "C", "score": 4}]});
    let r = app.put(&teacher, &format!("/api/classes/{class_id}/periods/cuoi_nam/pupils/{weak}"), cell).await;
    assert_eq!(r.status(), 200);

    let args = vec![app.base.clone(), class_id.clone(), pupil.clone(), best.clone(), weak.clone()];
    scenario("yearend.mjs", args).await;

    let after = app.get_json(&teacher, &path).await;
    let row = |p: &str| after["rows"].as_array().unwrap().iter().find(|r| r["pupil"]["id"] == p).unwrap().clone();
    // Row i of the table got i % 3 and i % 2 days, 120.5 + i cm and 25 + i kg, saved in one request;
    // the refused height and weight changed nothing.
    for (i, r) in after["rows"].as_array().unwrap().iter().enumerate() {
        let extras = &r["year_end"];
        assert_eq!(extras["days_absent_excused"], i % 3, "{extras}");
        assert_eq!(extras["days_absent_unexcused"], i % 2, "{extras}");
        assert_eq!(extras["height_cm"].as_f64(), Some(120.5 + i as f64), "{extras}");
        assert_eq!(extras["weight_kg"].as_f64(), Some(25.0 + i as f64), "{extras}");
        // The principal's decision for the CHT pupil is one more write of the same record.
        let writes = if r["pupil"]["id"] == weak.as_str() { 2 } else { 1 };
        assert_eq!(extras["version"], writes, "saved once: {extras}");
    }
    let best_row = row(&best);
    let awards = best_row["awards"].as_array().unwrap();
    assert_eq!(awards.len(), 1, "{best_row}");
    assert_eq!(awards[0]["kind"], "hoc_sinh_xuat_sac");
    assert_eq!(awards[0]["title"], "Học sinh Xuất sắc");
    assert_eq!(awards[0]["level"], "school");
    assert!(awards[0]["confirmed_by"].is_string(), "confirmed by the teacher: {}", awards[0]);
    assert!(best_row["suggestion"].is_null(), "the suggestion is closed once awarded");
    // The principal's decision: the refused "được lên lớp" was not stored, "ở lại lớp" was.
    let weak_row = row(&weak);
    assert_eq!(weak_row["outcome"]["decision"], "repeat", "{weak_row}");
    assert_eq!(weak_row["outcome"]["completion"], "repeats");
    assert!(weak_row["decided_by"].is_string());
}

/// Fills the two pupils of the demo 5A without cuối năm cells and submits the record, as its
/// homeroom teacher through the API; answers the pupils' ids and those that were filled.
async fn submit_demo_cuoi_nam(app: &TestApp, class_id: &str) -> (Vec<String>, Vec<String>) {
    use hocba_core::catalogue::{qualities_and_competencies, required_subjects};
    use hocba_core::Period;

    let teacher = app.login("gvcn5a").await;
    let period = format!("/api/classes/{class_id}/periods/cuoi_nam");
    let grid = app.get_json(&teacher, &format!("{period}/grid")).await;
    let grid_rows = grid["rows"].as_array().unwrap();
    let ids: Vec<String> = grid_rows.iter().map(|r| r["pupil"]["id"].as_str().unwrap().to_string()).collect();
    // Two pupils of the demo 5A (the last enrolled) have no cells yet: every required cell, in one
    // request.
    let empty: Vec<String> = grid_rows
        .iter()
        .filter(|r| r["subjects"].as_object().is_none_or(|s| s.is_empty()))
        .map(|r| r["pupil"]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(empty.len(), 2, "{grid}");
    let subjects: Vec<Value> = required_subjects(5)
        .iter()
        .map(|s| {
            let score = if s.is_scored_at(Period::CuoiNam) { json!(8) } else { Value::Null };
            json!({"subject": s.code, "level": "H", "score": score, "comment": "Em có cố gắng, cần tiến bộ thêm."})
        })
        .collect();
    let qualities: Vec<Value> =
        qualities_and_competencies(5).iter().map(|q| json!({"code": q.code, "level": "Đ"})).collect();
    let rows: Vec<Value> =
        empty.iter().map(|p| json!({"pupil_id": p, "subjects": subjects, "qualities": qualities})).collect();
    let r = app.put(&teacher, &format!("{period}/cells"), json!({ "rows": rows })).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let r = app.post(&teacher, &format!("{period}/submit"), json!({})).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    (ids, empty)
}

/// The principal's dashboard in the browser: 5A's cuối năm, filled and submitted by its teacher
/// through the API, shows in the principal's notifications and as submitted on the dashboard;
/// the principal approves it there after the checklist (the findings listed, "Duyệt dù còn
/// thiếu" only with a reason, which the audit log keeps), the teacher's grid is locked, and the
/// principal reopens one pupil with a reason from the review list, after which the teacher's grid
/// has just that pupil's row editable; at 1366 and 360 px.
#[tokio::test]
async fn principal_approves_from_the_dashboard_in_chromium() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let admin = app.login("admin").await;
    let class_id = demo_class(&app, &admin, "5A").await;
    let (ids, empty) = submit_demo_cuoi_nam(&app, &class_id).await;
    let teacher = app.login("gvcn5a").await;
    let period = format!("/api/classes/{class_id}/periods/cuoi_nam");
    let pupil = ids.iter().find(|p| !empty.contains(p)).unwrap().clone();
    let other = ids.iter().find(|p| **p != pupil).unwrap().clone();

    scenario("dashboard.mjs", vec![app.base.clone(), class_id.clone(), pupil.clone(), other]).await;

    let state = app.get_json(&teacher, &format!("{period}/grid")).await["state"].clone();
    assert_eq!(state["status"], "approved", "{state}");
    let principal = app.login("hieutruong").await;
    let reopenings = app.get_json(&principal, &format!("{period}/reopenings")).await;
    let list = reopenings.as_array().unwrap();
    assert_eq!(list.len(), 1, "the refused reason made no reopening: {reopenings}");
    assert_eq!(list[0]["pupil"]["id"], pupil.as_str());
    assert_eq!(list[0]["reason"], "Nhập nhầm mức đạt được môn Toán.");
    assert!(list[0]["reapproved_at"].is_null(), "still open: {}", list[0]);
    // The override reason typed in the dialog is in the audit log, with the findings' count.
    let detail = app.last_audit_detail("record.approve");
    assert_eq!(detail["override_reason"], "Giấy khen trao sau lễ tổng kết; chiều cao, cân nặng đo bổ sung.");
    assert!(detail["findings"].as_u64().unwrap() > 0, "{detail}");
}

/// axe-core on every page of the homeroom teacher and the principal (grid at each periodic point,
/// year end, summary, account, review list, review screen with the approval checklist and the
/// return confirmation open, dashboard, signing): no critical or serious violation.
#[tokio::test]
async fn teacher_and_principal_pages_pass_axe_in_chromium() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let admin = app.login("admin").await;
    let class_id = demo_class(&app, &admin, "5A").await;
    submit_demo_cuoi_nam(&app, &class_id).await;
    scenario("a11y.mjs", vec![app.base.clone(), class_id]).await;
}

/// The principal reviews 5A's giữa HK I pupil by pupil: the teacher fills every pupil through the
/// API and submits; in the browser the principal goes through the pupils with the arrow keys,
/// writes a comment for the third pupil and returns the record with a class comment; the
/// teacher's grid shows the pupil's comment; at 1366 and 360 px.
#[tokio::test]
async fn principal_reviews_pupil_by_pupil_in_chromium() {
    use hocba_core::entry::score_accepted;
    use hocba_core::Period;

    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let admin = app.login("admin").await;
    let class_id = demo_class(&app, &admin, "5A").await;
    let teacher = app.login("gvcn5a").await;
    let period = format!("/api/classes/{class_id}/periods/giua_hk1");
    let grid = app.get_json(&teacher, &format!("{period}/grid")).await;
    let subjects: Vec<Value> = grid["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["optional"] != true)
        .map(|s| {
            let code = s["code"].as_str().unwrap();
            let score = if score_accepted(5, code, Period::GiuaHk1) { json!(9) } else { Value::Null };
            json!({"subject": code, "level": "T", "score": score, "comment": "Em học tập chăm chỉ, tiến bộ."})
        })
        .collect();
    let qualities: Vec<Value> =
        grid["qualities"].as_array().unwrap().iter().map(|q| json!({"code": q["code"], "level": "T"})).collect();
    let rows = grid["rows"].as_array().unwrap();
    let body: Vec<Value> = rows
        .iter()
        .map(|r| json!({"pupil_id": r["pupil"]["id"], "subjects": subjects, "qualities": qualities}))
        .collect();
    let r = app.put(&teacher, &format!("{period}/cells"), json!({ "rows": body })).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let r = app.post(&teacher, &format!("{period}/submit"), json!({})).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let name = |i: usize| rows[i]["pupil"]["full_name"].as_str().unwrap().to_string();
    let third = rows[2]["pupil"]["id"].as_str().unwrap().to_string();

    scenario("review.mjs", vec![app.base.clone(), class_id.clone(), name(0), name(1), third.clone(), name(2)]).await;

    let state = app.get_json(&teacher, &format!("{period}/grid")).await["state"].clone();
    assert_eq!(state["status"], "returned", "{state}");
    assert_eq!(state["note"], "Đề nghị cô kiểm tra lại nhận xét của các em được ghi chú.");
    assert_eq!(
        state["return_comments"],
        json!([{"pupil_id": third, "comment": "Nhận xét môn Toán chưa khớp với điểm kiểm tra, đề nghị xem lại."}])
    );
}

pub(crate) async fn fetch_bytes(app: &TestApp, token: &str, path: &str) -> Vec<u8> {
    let r = app.get(token, path).await;
    assert_eq!(r.status(), 200, "GET {path}");
    r.bytes().await.unwrap().to_vec()
}

/// A transfer in through the UI between two schools: the principal of the receiving school trusts
/// the old school's CA on "Kí số", imports one pupil's years from the signed hand-over PDF and
/// another's from the XML and its .p7s; the pupil page shows where each year was studied.
#[tokio::test]
async fn transfer_in_imports_signed_years_in_chromium() {
    use hocba_tests::transfer::{approved_years, arrive, pupil_named, school_ca_pem};
    let from = TestApp::spawn(Db::Sqlite).await.expect("sending school");
    let to = TestApp::spawn(Db::Sqlite).await.expect("receiving school");
    let from_admin = from.login("admin").await;
    let from_principal = from.login("hieutruong").await;
    let my = pupil_named(&from, &from_admin, "Giàng Thị Mỷ").await;
    let pa = pupil_named(&from, &from_admin, "Sùng Văn Pả").await;
    let my_years = approved_years(&from, &from_principal, &my).await;
    let pa_year = approved_years(&from, &from_principal, &pa).await[0].clone();
    let files = tempfile::tempdir().unwrap();
    let save = |name: &str, bytes: &[u8]| {
        let path = files.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().into_owned()
    };
    let hand_over = save(
        "hoc-ba-ban-giao.pdf",
        &fetch_bytes(&from, &from_principal, &format!("/api/pupils/{my}/hoc-ba.pdf")).await,
    );
    let record_path = format!("/api/pupils/{my}/years/{}/record.pdf", my_years[0]);
    let record = save("hoc-ba-nam.pdf", &fetch_bytes(&from, &from_principal, &record_path).await);
    let xml_path = format!("/api/pupils/{pa}/years/{pa_year}/record.xml");
    let xml = save("record.xml", &fetch_bytes(&from, &from_principal, &xml_path).await);
    let p7s = save("record.xml.p7s", &fetch_bytes(&from, &from_principal, &format!("{xml_path}.p7s")).await);
    let ca = save("ca.pem", school_ca_pem(&from).await.as_bytes());
    let from_school = from.get_json(&from_admin, "/api/admin/school").await["name"].as_str().unwrap().to_string();

    let admin = to.login("admin").await;
    let arrived_my = arrive((&from, &from_admin), (&to, &admin), &my, "010315000001").await;
    let arrived_pa = arrive((&from, &from_admin), (&to, &admin), &pa, "010215000002").await;
    let args = vec![
        to.base.clone(),
        arrived_my.clone(),
        arrived_pa.clone(),
        hand_over,
        record,
        xml,
        p7s,
        ca,
        my_years.join(","),
        from_school,
    ];
    scenario("transfer_in.mjs", args).await;
    let profile = to.get_json(&admin, &format!("/api/admin/pupils/{arrived_my}")).await;
    assert_eq!(profile["imported_years"].as_array().unwrap().len(), my_years.len());
    let profile = to.get_json(&admin, &format!("/api/admin/pupils/{arrived_pa}")).await;
    assert_eq!(profile["imported_years"][0]["source_format"], "xml");
}

/// A new teacher changes the issued password at the first sign-in, then signs out everywhere.
#[tokio::test]
async fn an_issued_password_is_changed_at_first_sign_in_in_chromium() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let admin = app.login("admin").await;
    let (_, password) = app.new_teacher(&admin, "gv.moi", "Lò Thị Mới").await;
    scenario("account.mjs", vec![app.base.clone(), "gv.moi".into(), password]).await;
}
