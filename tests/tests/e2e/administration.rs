//! School administration end to end, on SQLite and PostgreSQL: pupil lists in and out of
//! XLSX/CSV (round trip, bad rows, class size, 5,000 rows in one transaction), the year
//! rollover, parents of siblings, staff accounts, transfers and who may do any of it.

use chrono::NaiveDate;
use hocba_core::sheet::Cell;
use hocba_tests::sheets::{self, name, national_id, row};
use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};
use unicode_normalization::UnicodeNormalization;

macro_rules! on_both {
    ($sqlite:ident, $postgres:ident, $scenario:ident) => {
        #[tokio::test]
        async fn $sqlite() {
            let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
            $scenario(&app).await;
        }

        #[tokio::test]
        async fn $postgres() {
            let Some(app) = TestApp::spawn(Db::Postgres).await else {
                return;
            };
            $scenario(&app).await;
        }
    };
}

on_both!(roster_round_trip_sqlite, roster_round_trip_postgres, roster_round_trip);
on_both!(bad_files_change_nothing_sqlite, bad_files_change_nothing_postgres, bad_files_change_nothing);
on_both!(rollover_sqlite, rollover_postgres, rollover);
on_both!(parents_and_siblings_sqlite, parents_and_siblings_postgres, parents_and_siblings);
on_both!(staff_accounts_sqlite, staff_accounts_postgres, staff_accounts);
on_both!(transfers_freeze_the_record_sqlite, transfers_freeze_the_record_postgres, transfers_freeze_the_record);
on_both!(five_thousand_rows_sqlite, five_thousand_rows_postgres, five_thousand_rows);

async fn current_year(app: &TestApp, token: &str) -> Value {
    let years = app.get_json(token, "/api/admin/years").await;
    years.as_array().unwrap().iter().find(|y| y["is_current"] == true).expect("a current year").clone()
}

async fn new_class(app: &TestApp, token: &str, year_id: &str, class_name: &str, grade: u8) -> String {
    let r = app
        .post(token, "/api/admin/classes", json!({"school_year_id": year_id, "name": class_name, "grade": grade}))
        .await;
    assert_eq!(r.status(), 200, "create class {class_name}");
    r.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string()
}

async fn class_id(app: &TestApp, token: &str, year_id: &str, class_name: &str) -> String {
    let list = app.get_json(token, &format!("/api/admin/years/{year_id}/classes")).await;
    list.as_array().unwrap().iter().find(|c| c["name"] == class_name).expect("class")["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn pupils_of(app: &TestApp, token: &str, class_id: &str) -> Vec<Value> {
    app.get_json(token, &format!("/api/admin/pupils?class_id={class_id}")).await.as_array().unwrap().clone()
}

/// Excel's serial number of a date (1900 system).
fn serial(d: NaiveDate) -> f64 {
    (d - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days() as f64
}

async fn import(app: &TestApp, token: &str, path: &str, bytes: Vec<u8>) -> (u16, Value) {
    let r = app.upload(token, path, bytes).await;
    let status = r.status().as_u16();
    (status, r.json().await.expect("import report"))
}

async fn roster_round_trip(app: &TestApp) {
    let admin = app.login("admin").await;
    let year = current_year(app, &admin).await;
    let class = new_class(app, &admin, year["id"].as_str().unwrap(), "3B", 3).await;
    let first_birth = NaiveDate::from_ymd_opt(2017, 1, 9).unwrap();
    // 35 pupils; every fifth name decomposed (NFD) and padded, every other birth date an Excel serial.
    let rows: Vec<Vec<Cell>> = (1..=35)
        .map(|i| {
            let n = name(i);
            let typed = if i % 5 == 0 { format!("  {}  ", n.nfd().collect::<String>()) } else { n };
            let birth = first_birth + chrono::Duration::days(i as i64 * 9);
            let cell =
                if i % 2 == 0 { Cell::Number(serial(birth)) } else { Cell::Text(birth.format("%d/%m/%Y").to_string()) };
            row("3B", &national_id(i), &typed, if i % 2 == 0 { "Nữ" } else { "Nam" }, cell, "H'Mông")
        })
        .collect();
    let path = format!("/api/admin/classes/{class}/roster/import");

    // The preview writes nothing.
    let (status, preview) = import(app, &admin, &format!("{path}?dry_run=true"), sheets::xlsx(rows.clone())).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!((preview["applied"].as_bool(), preview["created"].as_u64()), (Some(false), Some(35)));
    assert_eq!(preview["rows"].as_array().unwrap().len(), 35);
    assert!(pupils_of(app, &admin, &class).await.is_empty());

    let (status, report) = import(app, &admin, &path, sheets::xlsx(rows)).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!((report["applied"].as_bool(), report["created"].as_u64()), (Some(true), Some(35)));
    let list = pupils_of(app, &admin, &class).await;
    assert_eq!(list.len(), 35);
    // Names are stored NFC and trimmed; serial numbers became dates.
    let fifth = list.iter().find(|p| p["national_id"] == national_id(5)).unwrap();
    assert_eq!(fifth["full_name"], name(5));
    assert_eq!(fifth["full_name"].as_str().unwrap().nfc().collect::<String>(), name(5));
    let second = list.iter().find(|p| p["national_id"] == national_id(2)).unwrap();
    assert_eq!(second["birth_date"], (first_birth + chrono::Duration::days(18)).format("%Y-%m-%d").to_string());
    assert_eq!(second["ethnicity"], "H'Mông");

    // Diacritic-insensitive search.
    let folded = hocba_core::text::fold_diacritics(&name(5)).to_lowercase();
    let found = app.get_json(&admin, &format!("/api/admin/pupils?q={}", folded.replace(' ', "%20"))).await;
    assert!(found.as_array().unwrap().iter().any(|p| p["national_id"] == national_id(5)), "{found}");

    // Export, import the export: nothing changes, and a second export is identical.
    let mut before = Vec::new();
    for p in &list {
        before.push(app.get_json(&admin, &format!("/api/admin/pupils/{}", p["id"].as_str().unwrap())).await);
    }
    let exported = app.get(&admin, &format!("/api/admin/classes/{class}/roster/export")).await;
    assert_eq!(exported.status(), 200);
    assert!(exported.headers()["content-disposition"].to_str().unwrap().contains(".xlsx"));
    let exported = exported.bytes().await.unwrap().to_vec();
    let (status, again) = import(app, &admin, &path, exported.clone()).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(
        (again["unchanged"].as_u64(), again["created"].as_u64(), again["updated"].as_u64()),
        (Some(35), Some(0), Some(0))
    );
    let mut after = Vec::new();
    for p in &list {
        after.push(app.get_json(&admin, &format!("/api/admin/pupils/{}", p["id"].as_str().unwrap())).await);
    }
    assert_eq!(before, after);
    let second_export =
        app.get(&admin, &format!("/api/admin/classes/{class}/roster/export")).await.bytes().await.unwrap();
    assert_eq!(sheets::read_rows(&exported), sheets::read_rows(&second_export));
    assert_eq!(sheets::read_rows(&exported).len(), 36);
    // CSV the same way.
    let csv = app.get(&admin, &format!("/api/admin/classes/{class}/roster/export?format=csv")).await;
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = csv.bytes().await.unwrap().to_vec();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let (status, again) = import(app, &admin, &path, csv).await;
    assert_eq!((status, again["unchanged"].as_u64()), (200, Some(35)), "{again}");

    // A 36th pupil does not fit.
    let extra = vec![row("3B", &national_id(36), &name(36), "Nam", Cell::Text("01/02/2017".into()), "Kinh")];
    let (status, full) = import(app, &admin, &path, sheets::csv(extra)).await;
    assert_eq!(status, 422, "{full}");
    assert_eq!(full["problems"][0]["row"], 2);
    assert!(full["problems"][0]["message"].as_str().unwrap().contains("35"), "{full}");
}

async fn bad_files_change_nothing(app: &TestApp) {
    let admin = app.login("admin").await;
    let year = current_year(app, &admin).await;
    let class = new_class(app, &admin, year["id"].as_str().unwrap(), "3C", 3).await;
    let path = format!("/api/admin/classes/{class}/roster/import");
    let all_before = app.get_json(&admin, "/api/admin/pupils").await.as_array().unwrap().len();
    let mut rows: Vec<Vec<Cell>> = (100..110)
        .map(|i| row("3C", &national_id(i), &name(i), "Nam", Cell::Text("12/12/2017".into()), "Tày"))
        .collect();
    // File rows 4, 7 and 10 (header is row 1): no name, 31 February, an unknown ethnicity.
    let name_col = hocba_core::roster::column_index(hocba_core::roster::ROSTER_COLUMNS, "full_name").unwrap();
    let birth_col = hocba_core::roster::column_index(hocba_core::roster::ROSTER_COLUMNS, "birth_date").unwrap();
    let eth_col = hocba_core::roster::column_index(hocba_core::roster::ROSTER_COLUMNS, "ethnicity").unwrap();
    rows[2][name_col] = Cell::Empty;
    rows[5][birth_col] = Cell::Text("31/02/2017".into());
    rows[8][eth_col] = Cell::Text("Kinhh".into());
    let (status, report) = import(app, &admin, &path, sheets::xlsx(rows.clone())).await;
    assert_eq!(status, 422, "{report}");
    let problems = report["problems"].as_array().unwrap();
    let placed: Vec<(u64, String)> =
        problems.iter().map(|p| (p["row"].as_u64().unwrap(), p["column"].as_str().unwrap().to_string())).collect();
    let letter = |i: usize| hocba_core::sheet::column_letter(i);
    assert_eq!(placed, vec![(4, letter(name_col)), (7, letter(birth_col)), (10, letter(eth_col))], "{report}");
    assert_eq!(problems[0]["header"], "Họ và tên");
    assert!(problems.iter().all(|p| !p["message"].as_str().unwrap().is_empty()));
    assert_eq!(report["applied"], false);
    assert!(pupils_of(app, &admin, &class).await.is_empty());
    assert_eq!(app.get_json(&admin, "/api/admin/pupils").await.as_array().unwrap().len(), all_before);

    // A repeated mã định danh in the file, and a file without a required column.
    let mut twice = rows[..2].to_vec();
    twice.push(rows[0].clone());
    twice[1][name_col] = Cell::Text(name(101));
    let (status, dup) = import(app, &admin, &path, sheets::csv(twice)).await;
    assert_eq!(status, 422);
    assert_eq!(dup["problems"].as_array().unwrap().len(), 1, "{dup}");
    assert_eq!(dup["problems"][0]["row"], 4);
    let (status, no_id) = import(app, &admin, &path, "Họ và tên;Giới tính\nA;Nam\n".as_bytes().to_vec()).await;
    assert_eq!(status, 422);
    assert!(no_id["problems"][0]["message"].as_str().unwrap().contains("Mã định danh"), "{no_id}");
    let (status, junk) = import(app, &admin, &path, vec![0, 159, 146, 150, 0, 1, 2]).await;
    assert_eq!(status, 422, "{junk}");
    // Teachers and parents cannot import.
    let teacher = app.login("gvcn5a").await;
    let r = app.upload(&teacher, &path, sheets::csv(rows)).await;
    assert_error(r, 403, "forbidden", None).await;
}

async fn rollover(app: &TestApp) {
    let admin = app.login("admin").await;
    let year = current_year(app, &admin).await;
    let year_id = year["id"].as_str().unwrap().to_string();
    let c3 = class_id(app, &admin, &year_id, "3A").await;
    let c4 = class_id(app, &admin, &year_id, "4A").await;
    let c5 = class_id(app, &admin, &year_id, "5A").await;
    let (n3, p4, n5) = (
        pupils_of(app, &admin, &c3).await.len(),
        pupils_of(app, &admin, &c4).await,
        pupils_of(app, &admin, &c5).await.len(),
    );
    let repeater = p4[0]["id"].as_str().unwrap().to_string();
    let body = json!({"repeaters": [repeater]});
    let preview: Value = app
        .post(&admin, &format!("/api/admin/years/{year_id}/rollover/preview"), body.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(preview["applied"], false);
    assert_eq!(preview["graduating"], n5);
    assert_eq!(preview["repeating"], 1);
    let planned = |name: &str| {
        preview["new_classes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .map(|c| c["pupil_count"].as_u64().unwrap())
    };
    assert_eq!(planned("5A"), Some(p4.len() as u64 - 1));
    assert_eq!(planned("4A"), Some(n3 as u64 + 1));
    // Nothing happened yet.
    assert_eq!(current_year(app, &admin).await["id"], year_id.as_str());

    let applied: Value =
        app.post(&admin, &format!("/api/admin/years/{year_id}/rollover"), body.clone()).await.json().await.unwrap();
    assert_eq!(applied["applied"], true, "{applied}");
    let next = current_year(app, &admin).await;
    assert_eq!(next["name"], "2026-2027");
    let next_id = next["id"].as_str().unwrap().to_string();
    let new5 = pupils_of(app, &admin, &class_id(app, &admin, &next_id, "5A").await).await;
    let new4 = pupils_of(app, &admin, &class_id(app, &admin, &next_id, "4A").await).await;
    assert_eq!(new5.len(), p4.len() - 1);
    assert!(new5.iter().all(|p| p["id"] != repeater.as_str()));
    assert_eq!(new4.len(), n3 + 1);
    assert!(new4.iter().any(|p| p["id"] == repeater.as_str()), "the repeater stays in grade 4");
    let graduated = app.get_json(&admin, "/api/admin/pupils?status=graduated").await;
    assert_eq!(graduated.as_array().unwrap().len(), n5);
    // Graduates keep their records, and their parents keep access.
    let parent = app.login("phuhuynh").await;
    let me = app.get_json(&parent, "/api/me").await;
    let child = me["children"][0]["id"].as_str().unwrap();
    let results = app.get_json(&parent, &format!("/api/pupils/{child}/results")).await;
    assert_eq!(results["years"].as_array().unwrap().len(), 4);
    // Last year's homeroom teacher no longer reads the pupils of the class they left.
    let teacher = app.login("gvcn5a").await;
    assert_eq!(app.get(&teacher, &format!("/api/pupils/{child}/results")).await.status(), 404);
    // The rollover runs once.
    let again = app.post(&admin, &format!("/api/admin/years/{year_id}/rollover"), body).await;
    assert_error(again, 409, "rollover_done", None).await;
}

async fn parents_and_siblings(app: &TestApp) {
    let admin = app.login("admin").await;
    let year = current_year(app, &admin).await;
    let c4 = class_id(app, &admin, year["id"].as_str().unwrap(), "4A").await;
    let c3 = class_id(app, &admin, year["id"].as_str().unwrap(), "3A").await;
    let a = pupils_of(app, &admin, &c4).await[1]["id"].as_str().unwrap().to_string();
    let b = pupils_of(app, &admin, &c3).await[2]["id"].as_str().unwrap().to_string();
    let slip: Value = app.post(&admin, "/api/admin/invites", json!({"pupil_ids": [a, b]})).await.json().await.unwrap();
    let code = slip["code"].as_str().unwrap().to_string();
    assert_eq!(code.len(), 14, "{slip}");
    assert_eq!(slip["pupils"].as_array().unwrap().len(), 2);
    // The parent types the code in lower case with spaces.
    let typed = code.to_lowercase().replace('-', " ");
    let redeem = json!({"code": typed, "username": "me.hai", "full_name": "Lò Thị Hai", "password": "matkhau123"});
    let r = app.http.post(app.url("/api/auth/redeem")).json(&redeem).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    let token = body["token"].as_str().unwrap().to_string();
    assert_eq!(body["me"]["children"].as_array().unwrap().len(), 2);
    for id in [&a, &b] {
        assert_eq!(app.get(&token, &format!("/api/pupils/{id}/results")).await.status(), 200);
    }
    // A code works once.
    let r = app
        .http
        .post(app.url("/api/auth/redeem"))
        .json(&json!({"code": code, "username": "me.ba", "full_name": "Lò Thị Ba", "password": "matkhau123"}))
        .send()
        .await
        .unwrap();
    assert_error(r, 422, "validation", Some("code")).await;
    // Unlinking removes access at once (same session).
    let parent_id = body["me"]["id"].as_str().unwrap();
    let profile: Value =
        app.delete(&admin, &format!("/api/admin/pupils/{a}/guardians/{parent_id}")).await.json().await.unwrap();
    assert!(profile["guardians"].as_array().unwrap().is_empty(), "{profile}");
    assert_eq!(app.get(&token, &format!("/api/pupils/{a}/results")).await.status(), 404);
    assert_eq!(app.get(&token, &format!("/api/pupils/{b}/results")).await.status(), 200);
    // Linking an existing parent account gives it back.
    let parents = app.get_json(&admin, "/api/admin/parents?q=lo%20thi%20hai").await;
    assert_eq!(parents.as_array().unwrap().len(), 1, "{parents}");
    let r = app.post(&admin, &format!("/api/admin/pupils/{a}/guardians"), json!({"parent_id": parent_id})).await;
    assert_eq!(r.status(), 200);
    assert_eq!(app.get(&token, &format!("/api/pupils/{a}/results")).await.status(), 200);
    // Parents see nothing of the administration.
    assert_error(app.get(&token, "/api/admin/pupils").await, 403, "forbidden", None).await;

    // A parent may take their phone number as login name, and sign in however they write it.
    let phone_code = invite(app, &admin, &a).await;
    let redeem = json!({"code": phone_code, "username": "+84 912 345 679", "full_name": "Sùng Thị Dế", "password": "matkhau123"});
    let r = app.http.post(app.url("/api/auth/redeem")).json(&redeem).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["me"]["username"], "0912345679", "kept as ten digits: {body}");
    for typed in ["0912345679", "0912 345 679", "0912.345.679", "+84912345679"] {
        let r = app.sign_in(typed, "matkhau123").await;
        assert_eq!(r.status(), 200, "signing in as {typed:?}");
    }
    assert_eq!(app.sign_in("0912 345 679", "sai-mat-khau").await.status(), 401);
    // The same number written otherwise is the same login name: taken.
    let again = invite(app, &admin, &b).await;
    let redeem = json!({"code": again, "username": "0912-345-679", "full_name": "Sùng A Dơ", "password": "matkhau123"});
    let r = app.http.post(app.url("/api/auth/redeem")).json(&redeem).send().await.unwrap();
    assert_error(r, 422, "validation", Some("username")).await;
}

/// A new invitation code for one pupil.
async fn invite(app: &TestApp, admin: &str, pupil: &str) -> String {
    let slip: Value = app.post(admin, "/api/admin/invites", json!({"pupil_ids": [pupil]})).await.json().await.unwrap();
    slip["code"].as_str().unwrap().to_string()
}

async fn staff_accounts(app: &TestApp) {
    let admin = app.login("admin").await;
    let principal = app.login("hieutruong").await;
    let r = app
        .post(&admin, "/api/admin/staff", json!({"username": "Gv Mới", "full_name": "A", "roles": ["teacher"]}))
        .await;
    assert_error(r, 422, "validation", Some("username")).await;
    let r = app
        .post(&admin, "/api/admin/staff", json!({"username": "gv.hoa", "full_name": "Lý Thị Hoa", "roles": ["parent"]}))
        .await;
    assert_error(r, 422, "validation", Some("roles")).await;
    // One person can be principal and teacher.
    let issued: Value = app
        .post(&principal, "/api/admin/staff", json!({"username": "gv.hoa", "full_name": " Lý Thị  Hoa ", "roles": ["teacher", "principal"], "phone": "0912 345 678"}))
        .await
        .json()
        .await
        .unwrap();
    let id = issued["user_id"].as_str().unwrap().to_string();
    let r = app.sign_in("gv.hoa", issued["password"].as_str().unwrap()).await;
    assert_eq!(r.status(), 200);
    let token = r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_string();
    let me = app.get_json(&token, "/api/me").await;
    assert_eq!(me["full_name"], "Lý Thị Hoa");
    let roles: Vec<&str> = me["roles"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert!(roles.contains(&"principal") && roles.contains(&"teacher"), "{me}");
    let staff = app.get_json(&admin, "/api/admin/staff").await;
    let row = staff.as_array().unwrap().iter().find(|s| s["id"] == id.as_str()).unwrap();
    assert_eq!(row["phone"], "0912345678");
    // Deactivating ends the session at once and blocks sign-in; the account stays listed.
    let r = app.post(&admin, &format!("/api/admin/staff/{id}/deactivate"), json!({})).await;
    assert_eq!(r.status(), 200);
    assert_eq!(app.get(&token, "/api/me").await.status(), 401);
    assert_eq!(app.sign_in("gv.hoa", issued["password"].as_str().unwrap()).await.status(), 401);
    assert!(app
        .get_json(&admin, "/api/admin/staff")
        .await
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == id.as_str() && s["active"] == false));
    app.post(&admin, &format!("/api/admin/staff/{id}/activate"), json!({})).await;
    let r = app.sign_in("gv.hoa", issued["password"].as_str().unwrap()).await;
    let token = r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_string();
    // A password reset ends the old sessions too.
    let reset: Value =
        app.post(&admin, &format!("/api/admin/staff/{id}/reset-password"), json!({})).await.json().await.unwrap();
    assert_eq!(app.get(&token, "/api/me").await.status(), 401);
    assert_eq!(app.sign_in("gv.hoa", reset["password"].as_str().unwrap()).await.status(), 200);
    // Nobody locks themselves out.
    let me_admin = app.get_json(&admin, "/api/me").await;
    let r =
        app.post(&admin, &format!("/api/admin/staff/{}/deactivate", me_admin["id"].as_str().unwrap()), json!({})).await;
    assert_error(r, 409, "own_account", None).await;
    // Teachers see nothing of the administration.
    let teacher = app.login("gvcn5a").await;
    assert_error(app.get(&teacher, "/api/admin/staff").await, 403, "forbidden", None).await;

    // Staff list and teaching assignments: export, then import the export unchanged.
    let file = app.get(&admin, "/api/admin/staff/export").await.bytes().await.unwrap().to_vec();
    let (status, report) = import(app, &admin, "/api/admin/staff/import", file).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["unchanged"].as_u64(), report["total_rows"].as_u64(), "{report}");
    let csv = "Tên đăng nhập,Họ và tên,Vai trò,Điện thoại\ngv.tin,Vũ Văn Tin,Giáo viên,0987654321\n";
    let (status, report) = import(app, &admin, "/api/admin/staff/import", csv.as_bytes().to_vec()).await;
    assert_eq!((status, report["created"].as_u64()), (200, Some(1)), "{report}");
    assert_eq!(report["issued"][0]["username"], "gv.tin");
    let year = current_year(app, &admin).await;
    let year_id = year["id"].as_str().unwrap();
    // Field limits (validator) and domain rules answer 422 naming the field.
    let r = app.post(&admin, "/api/admin/classes", json!({"school_year_id": year_id, "name": "6A", "grade": 6})).await;
    assert_error(r, 422, "validation", Some("grade")).await;
    let optional =
        json!({"school_year_id": year_id, "name": "3E", "grade": 3, "optional_subjects": [{"code": "ngoai_ngu_1"}]});
    let r = app.post(&admin, "/api/admin/classes", optional).await;
    assert_error(r, 422, "validation", Some("optional_subjects")).await;
    let r = app.post(&admin, "/api/admin/years", json!({"start_year": 1990})).await;
    assert_error(r, 422, "validation", Some("start_year")).await;
    let file = app
        .get(&admin, &format!("/api/admin/years/{year_id}/assignments/export"))
        .await
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let (status, report) = import(app, &admin, &format!("/api/admin/years/{year_id}/assignments/import"), file).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["unchanged"].as_u64(), report["total_rows"].as_u64(), "{report}");
    let csv =
        "Lớp,Môn học,Tên đăng nhập giáo viên\n5A,Tin học,gv.tin\n5A,Tin học và Công nghệ,gv.tin\n9Z,Toán,gv.tin\n";
    let (status, report) =
        import(app, &admin, &format!("/api/admin/years/{year_id}/assignments/import"), csv.as_bytes().to_vec()).await;
    assert_eq!(status, 422, "{report}");
    let rows: Vec<u64> = report["problems"].as_array().unwrap().iter().map(|p| p["row"].as_u64().unwrap()).collect();
    assert_eq!(rows, vec![3, 4], "{report}");
}

async fn transfers_freeze_the_record(app: &TestApp) {
    let admin = app.login("admin").await;
    let year = current_year(app, &admin).await;
    let c5 = class_id(app, &admin, year["id"].as_str().unwrap(), "5A").await;
    let pupil = pupils_of(app, &admin, &c5).await[3]["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            &admin,
            &format!("/api/admin/pupils/{pupil}/transfer-out"),
            json!({"date": "2026-11-20", "to_school": ""}),
        )
        .await;
    assert_error(r, 422, "validation", Some("to_school")).await;
    let profile: Value = app
        .post(
            &admin,
            &format!("/api/admin/pupils/{pupil}/transfer-out"),
            json!({"date": "2026-11-20", "to_school": "Trường Tiểu học Bản Lầu", "reason": "Gia đình chuyển nơi ở"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(profile["status"], "transferred_out", "{profile}");
    assert_eq!(profile["transfers"][0]["direction"], "out");
    // The teacher can no longer write into the frozen record (existing and new cells).
    let teacher = app.login("gvcn5a").await;
    let path = format!("/api/classes/{c5}/periods/cuoi_nam/pupils/{pupil}");
    let r = app.put(&teacher, &path, json!({"subjects": [{"subject": "toan", "level": "H", "score": 7}]})).await;
    assert_error(r, 409, "locked", None).await;
    let r = app
        .put(
            &teacher,
            &format!("/api/classes/{c5}/periods/giua_hk1/pupils/{pupil}"),
            json!({"qualities": [{"code": "cham_chi", "level": "T"}]}),
        )
        .await;
    assert_error(r, 409, "locked", None).await;
    let again = app
        .post(
            &admin,
            &format!("/api/admin/pupils/{pupil}/transfer-out"),
            json!({"date": "2026-11-21", "to_school": "X"}),
        )
        .await;
    assert_error(again, 409, "already_transferred", None).await;
    // A pupil arriving from another school.
    let arriving = json!({
        "date": "2026-11-25", "from_school": "Trường Tiểu học Lùng Vai",
        "pupil": {"national_id": national_id(900), "full_name": "Sùng Thị Dợ", "gender": "nu", "birth_date": "2016-04-02",
                  "ethnicity": "Mông", "class_id": c5}
    });
    let profile: Value =
        app.post(&admin, "/api/admin/pupils/transfer-in", arriving.clone()).await.json().await.unwrap();
    assert_eq!(profile["status"], "studying", "{profile}");
    assert_eq!(profile["data"]["ethnicity"], "H'Mông");
    assert_eq!(profile["transfers"][0]["direction"], "in");
    let r = app.post(&admin, "/api/admin/pupils/transfer-in", arriving).await;
    assert_error(r, 422, "validation", Some("national_id")).await;
}

async fn five_thousand_rows(app: &TestApp) {
    let admin = app.login("admin").await;
    let year: Value = app
        .post(&admin, "/api/admin/years", json!({"start_year": 2030, "make_current": true}))
        .await
        .json()
        .await
        .unwrap();
    let year_id = year["id"].as_str().unwrap().to_string();
    let classes = 5000usize.div_ceil(35);
    for k in 0..classes {
        new_class(app, &admin, &year_id, &format!("{}K{}", k % 5 + 1, k), (k % 5 + 1) as u8).await;
    }
    let rows: Vec<Vec<Cell>> = (0..5000)
        .map(|i| {
            let k = i / 35;
            row(
                &format!("{}K{}", k % 5 + 1, k),
                &national_id(10_000 + i),
                &name(i),
                "Nam",
                Cell::Text("03/03/2018".into()),
                "Kinh",
            )
        })
        .collect();
    let started = std::time::Instant::now();
    let (status, report) = import(app, &admin, "/api/admin/pupils/import", sheets::xlsx(rows)).await;
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(status, 200, "{}", report["problems"]);
    assert_eq!((report["created"].as_u64(), report["applied"].as_bool()), (Some(5000), Some(true)));
    println!("5,000-row import: {seconds:.1} s ({:.0} rows/s, unoptimised test build)", 5000.0 / seconds);
    let one = class_id(app, &admin, &year_id, "1K0").await;
    assert_eq!(pupils_of(app, &admin, &one).await.len(), 35);
}
