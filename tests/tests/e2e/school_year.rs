//! One school year through the whole chain, the same scenario on SQLite and PostgreSQL:
//! the teacher enters and submits, the principal returns then approves, the record locks,
//! the parent downloads the signed học bạ, and strangers get 404.

use diesel::connection::SimpleConnection;
use hocba_tests::{assert_error, pdf_tools, Db, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn school_year_on_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn school_year_on_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

const PUPIL_PATH: &str = "/periods/cuoi_nam/pupils/";

/// Fills every empty cell of a grid row with T and a score of 9.
fn complete_row(grid: &Value, row: &Value) -> Value {
    let subjects: Vec<Value> = grid["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|col| row["subjects"].get(col["code"].as_str().unwrap()).is_none_or(|c| c["level"].is_null()))
        .map(|col| {
            let score = if col["scored"].as_bool().unwrap() { json!(9) } else { Value::Null };
            json!({"subject": col["code"], "level": "T", "score": score, "comment": "Em học tốt, tiến bộ rõ."})
        })
        .collect();
    let qualities: Vec<Value> = grid["qualities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|col| row["qualities"].get(col["code"].as_str().unwrap()).is_none_or(|c| c["level"].is_null()))
        .map(|col| json!({"code": col["code"], "level": "T"}))
        .collect();
    json!({"subjects": subjects, "qualities": qualities})
}

async fn scenario(app: &TestApp) {
    // Every role signs in; a wrong password is 401.
    let teacher = app.login("gvcn5a").await;
    let principal = app.login("hieutruong").await;
    let parent = app.login("phuhuynh").await;
    let other_parent = app.login("phuhuynh4a").await;
    let admin = app.login("admin").await;
    let r = app
        .http
        .post(app.url("/api/auth/login"))
        .json(&json!({"username": "gvcn5a", "password": "sai"}))
        .send()
        .await
        .unwrap();
    assert_error(r, 401, "bad_credentials", None).await;
    let r = app
        .http
        .post(app.url("/api/auth/login"))
        .json(&json!({"username": "khongco", "password": "demo"}))
        .send()
        .await
        .unwrap();
    assert_error(r, 401, "bad_credentials", None).await;
    assert_eq!(app.get_json(&admin, "/api/me").await["role"], "admin");

    // No token, a tampered token: 401.
    let r = app.http.get(app.url("/api/me")).send().await.unwrap();
    assert_error(r, 401, "unauthenticated", None).await;
    let mut bad = teacher.clone();
    let last = bad.pop().unwrap();
    bad.push(if last == 'A' { 'B' } else { 'A' });
    assert_error(app.get(&bad, "/api/me").await, 401, "unauthenticated", None).await;

    // The teacher's class.
    let me = app.get_json(&teacher, "/api/me").await;
    assert_eq!(me["role"], "teacher");
    assert_eq!(me["username"], "gvcn5a");
    let class = me["classes"].as_array().unwrap().iter().find(|c| c["name"] == "5A").expect("5A").clone();
    let class_id = class["id"].as_str().unwrap().to_string();
    let pupils = app.get_json(&teacher, &format!("/api/classes/{class_id}/pupils")).await;
    assert_eq!(pupils.as_array().unwrap().len(), 30);
    assert!(pupils[0]["id"].is_string() && pupils[0]["full_name"].is_string());
    assert_eq!(app.get(&principal, &format!("/api/classes/{class_id}/pupils")).await.status(), 200);
    assert_error(app.get(&parent, &format!("/api/classes/{class_id}/pupils")).await, 404, "not_found", None).await;

    // The cuối năm grid: grade 5 columns from the catalogue.
    let grid_path = format!("/api/classes/{class_id}/periods/cuoi_nam/grid");
    let grid = app.get_json(&teacher, &grid_path).await;
    let scored: Vec<&str> = grid["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["scored"] == true)
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(scored, ["tieng_viet", "toan", "ngoai_ngu_1", "lich_su_dia_li", "khoa_hoc", "tin_hoc", "cong_nghe"]);
    assert_eq!(grid["qualities"].as_array().unwrap().len(), 15);
    assert_eq!(grid["state"]["status"], "draft");
    let first = grid["rows"][0]["pupil"]["id"].as_str().unwrap().to_string();
    let row_path = format!("/api/classes/{class_id}{PUPIL_PATH}{first}");

    // Invalid input names the field.
    for (body, field) in [
        (json!({"subjects": [{"subject": "toan", "level": "T", "score": 0}]}), "subjects.toan.score"),
        (json!({"subjects": [{"subject": "toan", "level": "T", "score": 11}]}), "subjects.toan.score"),
        (json!({"subjects": [{"subject": "toan", "level": "T", "score": 7.5}]}), "subjects.toan.score"),
        (json!({"subjects": [{"subject": "dao_duc", "level": "T", "score": 8}]}), "subjects.dao_duc.score"),
        (json!({"subjects": [{"subject": "toan", "level": "X"}]}), "subjects.toan.level"),
        (json!({"subjects": [{"subject": "tu_nhien_xa_hoi", "level": "T"}]}), "subjects.tu_nhien_xa_hoi"),
        (json!({"qualities": [{"code": "yeu_nuoc", "level": "H"}]}), "qualities.yeu_nuoc.level"),
    ] {
        assert_error(app.put(&teacher, &row_path, body).await, 422, "validation", Some(field)).await;
    }
    let r = app
        .http
        .put(app.url(&row_path))
        .bearer_auth(&teacher)
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_error(r, 400, "bad_request", None).await;
    assert_error(
        app.get(&teacher, &format!("/api/classes/{class_id}/periods/cuoi_ky/grid")).await,
        404,
        "not_found",
        None,
    )
    .await;
    // A described path asked with a method it does not have: 405 naming the methods it has.
    let r = app.put(&teacher, &format!("/api/classes/{class_id}/periods/cuoi_hk1/grid"), json!({})).await;
    assert_eq!(r.headers()["allow"], "GET");
    assert_error(r, 405, "method_not_allowed", None).await;
    // Tests fall where TT27 puts them: grade 5 has a giữa HK I test in Toán, not in Khoa học.
    let mid = format!("/api/classes/{class_id}/periods/giua_hk1/pupils/{first}");
    let r = app.put(&teacher, &mid, json!({"subjects": [{"subject": "khoa_hoc", "level": "T", "score": 9}]})).await;
    assert_error(r, 422, "validation", Some("subjects.khoa_hoc.score")).await;
    let r = app.put(&teacher, &mid, json!({"subjects": [{"subject": "toan", "level": "T", "score": 9}]})).await;
    let row: Value = r.json().await.unwrap();
    assert_eq!(row["subjects"]["toan"]["score"], 9);
    assert!(row["evaluation"].is_null(), "no year-end result at giữa HK I");
    // Only the class's teachers write; the principal does not enter marks.
    let r = app.put(&principal, &row_path, json!({"subjects": [{"subject": "toan", "level": "T", "score": 9}]})).await;
    assert_error(r, 403, "forbidden", None).await;

    // Submitting with empty cells is refused and says how many.
    let submit = format!("/api/classes/{class_id}/periods/cuoi_nam/submit");
    assert_error(app.post(&teacher, &submit, json!({})).await, 409, "incomplete", None).await;

    // Fill the empty rows; the result is computed by the core rules.
    for row in grid["rows"].as_array().unwrap() {
        let body = complete_row(&grid, row);
        if body["subjects"].as_array().unwrap().is_empty() && body["qualities"].as_array().unwrap().is_empty() {
            continue;
        }
        let pupil = row["pupil"]["id"].as_str().unwrap();
        let r = app.put(&teacher, &format!("/api/classes/{class_id}{PUPIL_PATH}{pupil}"), body).await;
        assert_eq!(r.status(), 200);
        let updated: Value = r.json().await.unwrap();
        assert!(updated["evaluation"]["result"].is_string(), "{updated}");
    }
    // One H in Âm nhạc blocks HTXS even with every score ≥ 9.
    let all_t = app
        .put(
            &teacher,
            &row_path,
            json!({"subjects": [
                {"subject": "am_nhac", "level": "H", "comment": "Hát đúng giai điệu."}
            ]}),
        )
        .await;
    let row: Value = all_t.json().await.unwrap();
    assert_eq!(row["subjects"]["am_nhac"]["level"], "H");
    assert_ne!(row["evaluation"]["result"], "HTXS");
    assert!(row["explanation"].as_str().unwrap().contains("Âm nhạc"), "{row}");

    // Illegal transitions.
    let approve = format!("/api/classes/{class_id}/periods/cuoi_nam/approve");
    let give_back = format!("/api/classes/{class_id}/periods/cuoi_nam/return");
    assert_error(app.post(&principal, &approve, json!({})).await, 409, "invalid_transition", None).await;
    assert_error(app.post(&teacher, &approve, json!({})).await, 403, "forbidden", None).await;

    // Submit; the record is no longer editable until the principal decides.
    let r = app.post(&teacher, &submit, json!({})).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "submitted");
    let write = json!({"subjects": [{"subject": "toan", "level": "T", "score": 10}]});
    assert_error(app.put(&teacher, &row_path, write.clone()).await, 409, "submitted", None).await;
    let reviews = app.get_json(&principal, "/api/reviews").await;
    assert!(reviews
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["class"]["id"] == class_id.as_str() && r["state"]["status"] == "submitted"));
    assert_error(app.get(&teacher, "/api/reviews").await, 403, "forbidden", None).await;

    // Return needs a reason; then the teacher corrects and submits again.
    assert_error(app.post(&principal, &give_back, json!({"comment": "  "})).await, 422, "validation", Some("comment"))
        .await;
    let r = app.post(&principal, &give_back, json!({"comment": "Kiểm tra lại điểm Toán của em đầu danh sách."})).await;
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "returned");
    assert_eq!(app.put(&teacher, &row_path, write.clone()).await.status(), 200);
    assert_eq!(app.post(&teacher, &submit, json!({})).await.status(), 200);

    // Approve: the class's records lock, in the API …
    let r =
        app.post(&principal, &approve, json!({"override_reason": "Chiều cao, cân nặng đo vào đầu năm học sau."})).await;
    let state: Value = r.json().await.unwrap();
    assert_eq!(state["status"], "approved");
    assert_eq!(state["decided_by"], "Hoàng Thị Lan");
    let body = assert_error(app.put(&teacher, &row_path, write).await, 409, "locked", None).await;
    assert!(body["error"]["message"].as_str().unwrap().contains("Hoàng Thị Lan"), "{body}");
    assert_error(
        app.post(&principal, &give_back, json!({"comment": "Sửa lại"})).await,
        409,
        "invalid_transition",
        None,
    )
    .await;

    // … and in the database itself, even for a direct UPDATE or INSERT.
    let mut conn = hocba::db::connection::establish(&app.database_url).unwrap();
    let refused = conn.batch_execute("UPDATE subject_assessments SET level = 'C' WHERE locked = TRUE");
    assert!(refused.is_err_and(|e| e.to_string().contains("record is locked")));
    let refused = conn.batch_execute("DELETE FROM quality_assessments WHERE locked = TRUE");
    assert!(refused.is_err_and(|e| e.to_string().contains("record is locked")));

    // The parent sees their own child's five approved years and downloads the signed học bạ.
    let me = app.get_json(&parent, "/api/me").await;
    let children = me["children"].as_array().unwrap();
    assert_eq!(children.len(), 1);
    let child = children[0]["id"].as_str().unwrap().to_string();
    assert_eq!(children[0]["full_name"], "Giàng Thị Mỷ");
    let results = app.get_json(&parent, &format!("/api/pupils/{child}/results")).await;
    let years = results["years"].as_array().unwrap();
    assert_eq!(years.iter().map(|y| y["grade"].as_u64().unwrap()).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    assert!(years.iter().all(|y| y["evaluation"]["result"].is_string()));
    let pdf_path = format!("/api/pupils/{child}/hoc-ba.pdf");
    let r = app.get(&parent, &pdf_path).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = r.bytes().await.unwrap().to_vec();
    check_signed_pdf(&pdf, "Giàng Thị Mỷ");
    // The same record as XML: valid against the published schema, carrying the PDF's values.
    let r = app.get(&parent, &format!("/api/pupils/{child}/hoc-ba.xml")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/xml; charset=utf-8");
    let xml = r.text().await.unwrap();
    check_xml_matches_pdf(&xml, &pdf);
    // The XML embedded in the PDF is the same record, marked with the document's kind and code.
    let files = hocba_pdf::verify::check_pdf(&pdf, &hocba_pdf::verify::Trust::default()).unwrap().files;
    let embedded = files.iter().find(|f| f.name == hocba_pdf::XML_NAME).expect("the XML is attached");
    let embedded = String::from_utf8(embedded.data.clone()).unwrap();
    assert!(embedded.contains(" document=\"hand_over\" code=\""), "{embedded}");
    check_xml_matches_pdf(&embedded, &pdf);
    assert_error(app.get(&other_parent, &format!("/api/pupils/{child}/hoc-ba.xml")).await, 404, "not_found", None)
        .await;

    // Another parent, and a teacher of another class: 404, not 403.
    assert_error(app.get(&other_parent, &format!("/api/pupils/{child}/results")).await, 404, "not_found", None).await;
    assert_error(app.get(&other_parent, &pdf_path).await, 404, "not_found", None).await;
    let teacher_1a = app.login("gvcn1a").await;
    assert_error(app.get(&teacher_1a, &grid_path).await, 404, "not_found", None).await;
    let unknown = uuid::Uuid::now_v7();
    assert_error(app.get(&parent, &format!("/api/pupils/{unknown}/hoc-ba.pdf")).await, 404, "not_found", None).await;

    // Every change is in the hash-chained audit log.
    let db = hocba::db::Db::open(&app.database_url).unwrap();
    let entries = db.read(hocba::services::audit::verify_chain).unwrap().expect("audit chain intact");
    assert!(entries >= 8, "audit entries: {entries}");
}

/// The texts of every `<tag>…</tag>` of an XML document, unescaped.
fn xml_texts(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(open.as_str())
        .skip(1)
        .filter_map(|rest| rest.split_once(close.as_str()).map(|(text, _)| text))
        .map(|t| {
            t.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

/// xmllint validates the XML against `pdf-templates/hoc-ba.xsd`; the PDF's text carries the
/// XML's names, results (by their Vietnamese names), awards, completion lines and comments.
fn check_xml_matches_pdf(xml: &str, pdf: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let (xml_file, pdf_file) = (dir.path().join("hoc-ba.xml"), dir.path().join("hoc-ba.pdf"));
    std::fs::write(&xml_file, xml).unwrap();
    std::fs::write(&pdf_file, pdf).unwrap();
    let xsd = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../pdf-templates/hoc-ba.xsd");
    let (valid, out) = pdf_tools::xmllint_schema(&xsd, &xml_file);
    assert!(valid, "the XML is valid against hoc-ba.xsd: {out}");
    // The 2025 form (version 2): the demo school has no district. A version 1 record (with its
    // district, made before July 2025) still validates; a version 3 does not.
    assert!(xml.contains("version=\"2\"") && !xml.contains("<district>"), "{xml}");
    let v1 = xml.replacen("version=\"2\"", "version=\"1\"", 1).replacen(
        "</commune>",
        "</commune>\n    <district>Huyện Mường Khương</district>",
        1,
    );
    let v1_file = dir.path().join("hoc-ba-v1.xml");
    std::fs::write(&v1_file, &v1).unwrap();
    let (valid, out) = pdf_tools::xmllint_schema(&xsd, &v1_file);
    assert!(valid, "a version 1 record is valid too: {out}");
    let v3_file = dir.path().join("hoc-ba-v3.xml");
    std::fs::write(&v3_file, xml.replacen("version=\"2\"", "version=\"3\"", 1)).unwrap();
    assert!(!pdf_tools::xmllint_schema(&xsd, &v3_file).0, "an unknown version is refused");
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = flat(&pdf_tools::pdftotext(&pdf_file));
    assert_eq!(xml_texts(xml, "fullName"), ["Giàng Thị Mỷ"]);
    let results = xml_texts(xml, "result");
    assert_eq!(results.len(), 5, "one result per approved year");
    for code in &results {
        let result = hocba_core::YearResult::parse(code).expect("a result code");
        assert!(text.contains(hocba_core::messages::result_name(result)), "{code} in the PDF");
    }
    // Every subject's name, level and score, year after year, in its table row (a long name wraps
    // in its cell and the level and score sit on the row's middle line).
    let layout = pdf_tools::pdftotext_layout(&pdf_file);
    let lines: Vec<&str> = layout.lines().map(str::trim_start).collect();
    let mut at = 0;
    for subject in xml.split("<subject ").skip(1) {
        let subject = subject.split("</subject>").next().unwrap();
        let name = xml_texts(subject, "name").remove(0);
        let cells: Vec<String> = xml_texts(subject, "level").into_iter().chain(xml_texts(subject, "score")).collect();
        let start: String = name.split(' ').take(2).collect::<Vec<_>>().join(" ");
        let row = (at..lines.len()).find(|&i| {
            lines[i].starts_with(&start)
                && (cells.is_empty()
                    || lines[i..(i + 5).min(lines.len())].iter().any(|l| {
                        let tokens: Vec<&str> = l.split_whitespace().collect();
                        tokens.windows(cells.len()).any(|w| w.iter().zip(&cells).all(|(a, b)| a == b))
                    }))
        });
        assert!(row.is_some(), "{name} {cells:?} in order in the PDF, after line {at}");
        at = row.unwrap() + 1;
    }
    let names = xml_texts(xml, "name");
    let comments = xml_texts(xml, "comment");
    assert!(comments.len() > 50, "every subject of five years has its comment");
    for value in names.iter().chain(&comments).chain(&xml_texts(xml, "completion")).chain(&xml_texts(xml, "award")) {
        // Long comments wrap in the PDF: their first words are on one line.
        let head: String = flat(value).split(' ').take(6).collect::<Vec<_>>().join(" ");
        assert!(text.contains(&head), "`{head}` from the XML is in the PDF");
    }
}

/// pdftotext finds the title and the name; pdfsig validates; one flipped byte breaks it.
fn check_signed_pdf(pdf: &[u8], name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hoc-ba.pdf");
    std::fs::write(&file, pdf).unwrap();
    let text = pdf_tools::pdftotext(&file);
    assert!(text.contains("HỌC BẠ"), "title missing in: {text}");
    assert!(text.contains(name), "name missing");
    let fonts = pdf_tools::pdffonts(&file);
    assert!(fonts.lines().skip(2).all(|l| l.contains(" yes yes ")), "fonts must be embedded subsets: {fonts}");
    let sig = pdf_tools::pdfsig(&file);
    assert!(sig.contains("Signature is Valid."), "{sig}");
    assert!(sig.contains("ETSI.CAdES.detached"), "{sig}");
    let [start, len, ..] = pdf_tools::byte_range(pdf);
    let mut tampered = pdf.to_vec();
    let at = start + len / 2;
    tampered[at] ^= 0x01;
    let bad = dir.path().join("tampered.pdf");
    std::fs::write(&bad, &tampered).unwrap();
    let sig = pdf_tools::pdfsig(&bad);
    assert!(!sig.contains("Signature is Valid."), "a flipped byte must invalidate: {sig}");
}
