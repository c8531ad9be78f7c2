//! Transfers in, on SQLite and PostgreSQL, between two schools (two servers with their own CAs):
//! the receiving school imports a pupil's earlier years from the sending school's signed records
//! (a hand-over PDF, or a yearly record's XML and `.p7s`) only once it trusts the sending school's
//! CA and only when every signature verifies and the record is this pupil's; imports are all or
//! nothing; the imported years are read-only (API and database) and join the pupil's hand-over,
//! which carries the original signed files and verifies as authentic.

use diesel::connection::SimpleConnection;
use hocba_tests::transfer::{approved_years, arrive, pupil_named, school_ca_pem};
use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn transfer_in_sqlite() {
    let from = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    let to = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&from, &to).await;
}

#[tokio::test]
async fn transfer_in_postgres() {
    let Some(from) = TestApp::spawn(Db::Postgres).await else { return };
    let Some(to) = TestApp::spawn(Db::Postgres).await else { return };
    scenario(&from, &to).await;
}

async fn download(app: &TestApp, token: &str, path: &str) -> Vec<u8> {
    let r = app.get(token, path).await;
    assert_eq!(r.status(), 200, "GET {path}");
    r.bytes().await.unwrap().to_vec()
}

async fn import_pdf(app: &TestApp, token: &str, pupil: &str, pdf: Vec<u8>) -> reqwest::Response {
    app.http
        .post(app.url(&format!("/api/admin/pupils/{pupil}/imported-years")))
        .bearer_auth(token)
        .header("Content-Type", "application/pdf")
        .body(pdf)
        .send()
        .await
        .expect("POST imported-years")
}

async fn import_xml(app: &TestApp, token: &str, pupil: &str, xml: &[u8], p7s: &[u8]) -> reqwest::Response {
    use base64::Engine as _;
    let body = json!({
        "xml": String::from_utf8(xml.to_vec()).unwrap(),
        "signature_base64": base64::engine::general_purpose::STANDARD.encode(p7s),
    });
    app.post(token, &format!("/api/admin/pupils/{pupil}/imported-years"), body).await
}

async fn verify(app: &TestApp, pdf: Vec<u8>) -> Value {
    let r = app.http.post(app.url("/api/verify")).header("Content-Type", "application/pdf").body(pdf).send().await;
    r.expect("POST /api/verify").json().await.unwrap()
}

async fn scenario(from: &TestApp, to: &TestApp) {
    // The sending school: Mỷ's hand-over (every approved year, as signed yearly records) and Pả's
    // first yearly record as XML with the seal's detached signature.
    let from_admin = from.login("admin").await;
    let from_principal = from.login("hieutruong").await;
    let my = pupil_named(from, &from_admin, "Giàng Thị Mỷ").await;
    let pa = pupil_named(from, &from_admin, "Sùng Văn Pả").await;
    let my_years = approved_years(from, &from_principal, &my).await;
    assert!(my_years.len() >= 2, "the demo pupil has approved years: {my_years:?}");
    let hand_over = download(from, &from_principal, &format!("/api/pupils/{my}/hoc-ba.pdf")).await;
    let my_record =
        download(from, &from_principal, &format!("/api/pupils/{my}/years/{}/record.pdf", my_years[0])).await;
    let pa_year = approved_years(from, &from_principal, &pa).await[0].clone();
    let pa_xml = download(from, &from_principal, &format!("/api/pupils/{pa}/years/{pa_year}/record.xml")).await;
    let pa_p7s = download(from, &from_principal, &format!("/api/pupils/{pa}/years/{pa_year}/record.xml.p7s")).await;

    // The receiving school enrols both (its own demo pupils of those names get other ids).
    let admin = to.login("admin").await;
    let principal = to.login("hieutruong").await;
    let new_my = arrive((from, &from_admin), (to, &admin), &my, "010315000001").await;
    let new_pa = arrive((from, &from_admin), (to, &admin), &pa, "010215000002").await;

    // Not yet trusted: the sending school's CA is unknown here.
    let r = import_pdf(to, &admin, &new_my, hand_over.clone()).await;
    let body = assert_error(r, 422, "validation", Some("file")).await;
    assert!(body["error"]["message"].as_str().unwrap().contains("chưa tin cậy"), "{body}");
    assert_eq!(verify(to, hand_over.clone()).await["verdict"], "unknown_signer");

    // The principal trusts it: from the sending school's public address, fingerprint shown.
    let pem = school_ca_pem(from).await;
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");
    let r = to.post(&principal, "/api/signing/trusted-cas", json!({"pem": pem})).await;
    assert_eq!(r.status(), 201);
    let ca: Value = r.json().await.unwrap();
    assert_eq!(ca["fingerprint"].as_str().unwrap().len(), 64, "{ca}");
    assert_eq!(ca["own"], false);
    let listed = to.get_json(&principal, "/api/signing/trusted-cas").await;
    let own: Vec<bool> = listed.as_array().unwrap().iter().map(|c| c["own"].as_bool().unwrap()).collect();
    assert_eq!(own, [true, false], "the school's own CA, then the other school's: {listed}");
    let teacher = to.login("gvcn5a").await;
    assert_eq!(to.post(&teacher, "/api/signing/trusted-cas", json!({"pem": pem})).await.status(), 403);
    let r = to.post(&principal, "/api/signing/trusted-cas", json!({"pem": "not a certificate"})).await;
    assert_error(r, 422, "validation", Some("pem")).await;
    assert_eq!(verify(to, hand_over.clone()).await["verdict"], "authentic");

    // Refused, nothing stored: a flipped byte, another pupil's record, not a record at all.
    let mut tampered = hand_over.clone();
    let at = tampered.len() / 3;
    tampered[at] ^= 0x01;
    let r = import_pdf(to, &admin, &new_my, tampered).await;
    assert_error(r, 422, "validation", Some("file")).await;
    let r = import_pdf(to, &admin, &new_pa, my_record.clone()).await;
    let body = assert_error(r, 422, "validation", Some("file")).await;
    assert!(body["error"]["message"].as_str().unwrap().contains("học sinh khác"), "{body}");
    let r = import_pdf(to, &admin, &new_my, b"not a pdf".to_vec()).await;
    assert_error(r, 422, "validation", Some("file")).await;
    let changed = String::from_utf8(pa_xml.clone()).unwrap().replacen("Sùng Văn Pả", "Sùng Văn Pá", 1);
    let r = import_xml(to, &admin, &new_pa, changed.as_bytes(), &pa_p7s).await;
    assert_error(r, 422, "validation", Some("file")).await;
    assert_eq!(to.get_json(&admin, &format!("/api/admin/pupils/{new_my}")).await["imported_years"], json!([]));
    let r = to.post(&teacher, &format!("/api/admin/pupils/{new_my}/imported-years"), json!({})).await;
    assert_eq!(r.status(), 403, "managers only");

    // The hand-over: every year, from its attached signed yearly record.
    let r = import_pdf(to, &admin, &new_my, hand_over.clone()).await;
    assert_eq!(r.status(), 201);
    let imported: Value = r.json().await.unwrap();
    let years: Vec<&str> = imported.as_array().unwrap().iter().map(|y| y["school_year"].as_str().unwrap()).collect();
    assert_eq!(years, my_years.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(imported.as_array().unwrap().iter().all(|y| y["source_format"] == "pdf"
        && y["signatures"].as_array().unwrap().len() == 3
        && y["source_code"].as_str().is_some_and(|c| c.len() == 14)));
    // Again, or one of its yearly records: those years are already there; nothing changes.
    let r = import_pdf(to, &admin, &new_my, my_record).await;
    assert_error(r, 409, "year_exists", None).await;
    assert_eq!(to.get_json(&admin, &format!("/api/admin/pupils/{new_my}")).await["imported_years"], imported);

    // The XML with its detached signature.
    let r = import_xml(to, &admin, &new_pa, &pa_xml, &pa_p7s).await;
    assert_eq!(r.status(), 201);
    let imported_pa: Value = r.json().await.unwrap();
    assert_eq!(imported_pa[0]["school_year"], pa_year.as_str());
    assert_eq!(imported_pa[0]["source_format"], "xml");

    // The years are the pupil's results now, marked with their school; read-only.
    let results = to.get_json(&principal, &format!("/api/pupils/{new_my}/results")).await;
    let result_years = results["years"].as_array().unwrap();
    assert_eq!(result_years.len(), my_years.len());
    let from_school = from.get_json(&from_admin, "/api/admin/school").await["name"].clone();
    assert!(result_years.iter().all(|y| y["source"]["school_name"] == from_school), "{results}");
    let r = to.get(&principal, &format!("/api/pupils/{new_my}/years/{}/record.pdf", my_years[0])).await;
    assert_error(r, 409, "imported_year", None).await;
    let mut conn = hocba::db::connection::establish(&to.database_url).unwrap();
    let refused = conn.batch_execute("UPDATE imported_years SET class_name = 'x'");
    assert!(refused.is_err_and(|e| e.to_string().contains("read-only")));
    let refused = conn.batch_execute("DELETE FROM imported_years");
    assert!(refused.is_err_and(|e| e.to_string().contains("read-only")));

    // The pupil's XML names where each imported year comes from, valid against the schema.
    let xml = download(to, &principal, &format!("/api/pupils/{new_my}/hoc-ba.xml")).await;
    let text = String::from_utf8(xml.clone()).unwrap();
    assert_eq!(text.matches("<importedFrom ").count(), my_years.len(), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let xml_file = dir.path().join("hoc-ba.xml");
    std::fs::write(&xml_file, &xml).unwrap();
    let xsd = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../pdf-templates/hoc-ba.xsd");
    let (valid, out) = hocba_tests::pdf_tools::xmllint_schema(&xsd, &xml_file);
    assert!(valid, "valid against hoc-ba.xsd: {out}");

    // The receiving school's hand-over carries the original signed files and verifies.
    for (pupil, count) in [(&new_my, my_years.len()), (&new_pa, 1)] {
        let pdf = download(to, &principal, &format!("/api/pupils/{pupil}/hoc-ba.pdf")).await;
        let report = verify(to, pdf.clone()).await;
        assert_eq!(report["verdict"], "authentic", "{report}");
        let attachments = report["attachments"].as_array().unwrap();
        assert_eq!(attachments.len(), count, "{report}");
        assert!(attachments.iter().all(|a| a["verdict"] == "authentic"), "{report}");
        // The sending school does not trust the receiving school's signatures.
        assert_eq!(verify(from, pdf).await["verdict"], "unknown_signer");
    }
}
