//! Issued documents over HTTP, on SQLite and PostgreSQL: a parent downloads the hand-over học bạ
//! and a yearly record (PDF, XML and the XML's detached signature, checked with openssl); the
//! public verification answers "authentic" for the download, "modified" for a tampered copy and,
//! after the principal revokes the document, "revoked"; a new download then carries a new code.
//! Issued bytes are immutable in the database itself.

use diesel::connection::SimpleConnection;
use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};
use std::process::Command;

#[tokio::test]
async fn documents_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn documents_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

async fn verify_upload(app: &TestApp, pdf: Vec<u8>) -> Value {
    let r = app
        .http
        .post(app.url("/api/verify"))
        .header("Content-Type", "application/pdf")
        .body(pdf)
        .send()
        .await
        .expect("POST /api/verify");
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn verify_code(app: &TestApp, code: &str) -> Value {
    let r = app.http.get(app.url(&format!("/api/verify/{code}"))).send().await.expect("GET /api/verify");
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn download(app: &TestApp, token: &str, path: &str, content_type: &str) -> Vec<u8> {
    let r = app.get(token, path).await;
    assert_eq!(r.status(), 200, "GET {path}");
    assert_eq!(r.headers()["content-type"], content_type);
    r.bytes().await.unwrap().to_vec()
}

/// The demo's documents are long-term (PAdES B-LTA): every signature timestamped, a DSS with the
/// school CA's CRL as published at `/api/schools/{id}/crl`, a document timestamp at the end.
async fn check_long_term(app: &TestApp, pdf: &[u8]) {
    let school = hocba_tests::transfer::school_id(app);
    let r = app.http.get(app.url(&format!("/api/schools/{school}/crl"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pkix-crl");
    let published = r.bytes().await.unwrap().to_vec();
    let ca_pem = hocba_tests::transfer::school_ca_pem(app).await;
    let ca = hocba_pdf::verify::certificate_from_pem(&ca_pem).unwrap();
    let crl = hocba_pdf::read_crl(&published, &ca).unwrap();
    assert!(crl.signed_by_issuer && crl.revoked.is_empty() && crl.next_update.is_some(), "{crl:?}");
    let dss = hocba_pdf::ltv::dss_of(pdf).unwrap();
    let embedded: Vec<_> =
        dss.crls.iter().filter_map(|d| hocba_pdf::read_crl(d, &ca).ok()).filter(|c| c.signed_by_issuer).collect();
    assert_eq!(embedded.len(), 1, "the school CA's CRL is in the DSS");
    let r = app.http.get(app.url("/api/schools/no-such-school/crl")).send().await.unwrap();
    assert_eq!(r.status(), 404);

    let mut trust = hocba_pdf::verify::Trust::default();
    for der in &dss.certificates {
        if let Ok(info) = hocba_pdf::CertificateInfo::from_der(der) {
            if info.self_signed {
                trust.add(hocba_pdf::verify::certificate_from_pem(&info.pem).unwrap());
            }
        }
    }
    let check = hocba_pdf::verify::check_pdf(pdf, &trust).unwrap();
    assert!(check.signatures.iter().all(|s| s.timestamped && s.intact), "{check:?}");
    assert!(check.timestamps.len() == 1 && check.timestamps[0].intact && check.timestamps[0].covers_until == pdf.len());
}

async fn scenario(app: &TestApp) {
    let parent = app.login("phuhuynh").await;
    let other_parent = app.login("phuhuynh4a").await;
    let principal = app.login("hieutruong").await;
    let teacher = app.login("gvcn5a").await;
    let me = app.get_json(&parent, "/api/me").await;
    let child = me["children"][0]["id"].as_str().unwrap().to_string();
    let results = app.get_json(&parent, &format!("/api/pupils/{child}/results")).await;
    let year = results["years"][0]["school_year"].as_str().expect("an approved year").to_string();

    // The hand-over học bạ; downloading it again gives the same document (same code).
    let pdf_path = format!("/api/pupils/{child}/hoc-ba.pdf");
    let pdf = download(app, &parent, &pdf_path, "application/pdf").await;
    assert_eq!(download(app, &parent, &pdf_path, "application/pdf").await, pdf, "reused while unchanged");
    let docs = app.get_json(&parent, &format!("/api/pupils/{child}/documents")).await;
    let docs = docs.as_array().unwrap();
    let hand_over = docs.iter().find(|d| d["kind"] == "hand_over").expect("the hand-over is listed");
    assert_eq!(hand_over["signed_by"], json!(["principal", "seal"]));
    assert_eq!(hand_over["pending"], json!([]));
    check_long_term(app, &pdf).await;
    let code = hand_over["code"].as_str().unwrap().to_string();
    assert_eq!(code.len(), 14, "XXXX-XXXX-XXXX: {code}");
    assert!(docs
        .iter()
        .filter(|d| d["kind"] == "yearly_record")
        .all(|d| d["signed_by"] == json!(["teacher", "principal", "seal"])));

    // Public verification: the upload and the printed code, without logging in.
    let report = verify_upload(app, pdf.clone()).await;
    assert_eq!(report["verdict"], "authentic", "{report}");
    assert_eq!(report["code"], code.as_str());
    assert_eq!(report["pupil_name"], "Giàng Thị Mỷ");
    assert_eq!(report["kind"], "hand_over");
    let roles: Vec<&str> =
        report["signatures"].as_array().unwrap().iter().map(|s| s["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["principal", "seal"]);
    let attachments = report["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), results["years"].as_array().unwrap().len(), "{report}");
    assert!(attachments.iter().all(|a| a["verdict"] == "authentic" && a["signatures"].as_array().unwrap().len() == 3));
    assert_eq!(verify_code(app, &code.to_lowercase()).await["verdict"], "authentic");
    // By code, the record itself: the same years, levels and scores as the signed XML in the PDF.
    let by_code = verify_code(app, &code).await;
    assert_eq!(by_code["test_certificate"], true, "the demo's certificates are test ones");
    assert!(by_code["archived_at"].is_string(), "{by_code}");
    let xml = hocba_pdf::verify::check_pdf(&pdf, &hocba_pdf::verify::Trust::default())
        .unwrap()
        .file(hocba_pdf::XML_NAME)
        .map(|f| String::from_utf8(f.data.clone()).unwrap())
        .expect("the XML inside");
    let signed = hocba_core::transcript_xml::parse(&xml).unwrap().transcript.years;
    let shown: Vec<hocba_core::transcript::YearRecord> = serde_json::from_value(by_code["years"].clone()).unwrap();
    assert_eq!(shown, signed);
    assert!(shown.iter().any(|y| y.subjects.iter().any(|s| s.score.is_some())), "scores are shown");
    assert_eq!(verify_code(app, "AAAA-BBBB-CCCC").await["verdict"], "not_found");
    let r = app.http.get(app.url("/api/verify/khong-phai-ma")).send().await.unwrap();
    assert_error(r, 422, "validation", Some("code")).await;
    let mut tampered = pdf.clone();
    let at = tampered.len() / 2;
    tampered[at] ^= 0x01;
    assert_eq!(verify_upload(app, tampered).await["verdict"], "modified");
    assert_eq!(verify_upload(app, b"%PDF-1.7 not really".to_vec()).await["verdict"], "not_signed");

    // One yearly record: PDF, XML and the seal's detached signature over the XML.
    let base = format!("/api/pupils/{child}/years/{year}");
    let record = download(app, &parent, &format!("{base}/record.pdf"), "application/pdf").await;
    let report = verify_upload(app, record).await;
    assert_eq!(report["verdict"], "authentic", "{report}");
    assert_eq!(report["kind"], "yearly_record");
    assert_eq!(report["school_years"], json!([year]));
    let xml = download(app, &parent, &format!("{base}/record.xml"), "application/xml; charset=utf-8").await;
    let p7s = download(app, &parent, &format!("{base}/record.xml.p7s"), "application/pkcs7-signature").await;
    let dir = tempfile::tempdir().unwrap();
    let (xml_file, p7s_file, ca_file) =
        (dir.path().join("record.xml"), dir.path().join("record.xml.p7s"), dir.path().join("ca.pem"));
    std::fs::write(&xml_file, &xml).unwrap();
    std::fs::write(&p7s_file, &p7s).unwrap();
    std::fs::write(&ca_file, school_ca(app)).unwrap();
    let openssl = |content: &std::path::Path| {
        Command::new("openssl")
            .args(["cms", "-verify", "-binary", "-inform", "DER", "-purpose", "any", "-out", "/dev/null"])
            .arg("-in")
            .arg(&p7s_file)
            .arg("-content")
            .arg(content)
            .arg("-CAfile")
            .arg(&ca_file)
            .output()
            .expect("openssl (cargo xtask test installs it)")
    };
    let out = openssl(&xml_file);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let changed = dir.path().join("changed.xml");
    std::fs::write(&changed, String::from_utf8(xml).unwrap().replace("Giàng Thị Mỷ", "Giàng Thị Mý")).unwrap();
    assert!(!openssl(&changed).status.success(), "a changed XML fails its signature");
    assert_error(
        app.get(&parent, &format!("/api/pupils/{child}/years/1999-2000/record.pdf")).await,
        404,
        "not_found",
        None,
    )
    .await;

    // The approved years as Open Badges 3.0 credentials, verified with the school's published key.
    check_credentials(app, &parent, &child, &results).await;

    // Another parent sees nothing; a teacher may not revoke.
    assert_error(app.get(&other_parent, &pdf_path).await, 404, "not_found", None).await;
    assert_error(app.get(&other_parent, &format!("{base}/record.pdf")).await, 404, "not_found", None).await;
    assert_error(app.get(&other_parent, &format!("/api/pupils/{child}/documents")).await, 404, "not_found", None).await;
    let revoke = format!("/api/documents/{}/revoke", hand_over["id"].as_str().unwrap());
    assert_error(app.post(&teacher, &revoke, json!({"reason": "x"})).await, 403, "forbidden", None).await;
    assert_error(app.post(&principal, &revoke, json!({"reason": "  "})).await, 422, "validation", Some("reason")).await;

    // Revoked: the verification says so, with the reason; a new download has a new code.
    let r = app.post(&principal, &revoke, json!({"reason": "Cấp nhầm bản, đã cấp lại."})).await;
    assert_eq!(r.status(), 204);
    let report = verify_upload(app, pdf.clone()).await;
    assert_eq!(report["verdict"], "revoked", "{report}");
    assert_eq!(report["revoked_reason"], "Cấp nhầm bản, đã cấp lại.");
    assert_eq!(verify_code(app, &code).await["verdict"], "revoked");
    assert_error(app.post(&principal, &revoke, json!({"reason": "lại"})).await, 409, "already_revoked", None).await;
    let again = download(app, &parent, &pdf_path, "application/pdf").await;
    assert_ne!(again, pdf);
    let report = verify_upload(app, again.clone()).await;
    assert_eq!(report["verdict"], "authentic");
    assert_ne!(report["code"], code.as_str(), "a re-issue gets a new code");
    let again_code = report["code"].as_str().unwrap().to_string();

    // Revoking a yearly record the hand-over carries makes the hand-over not authentic either,
    // by upload and by code; the attachment itself says revoked.
    let docs = app.get_json(&parent, &format!("/api/pupils/{child}/documents")).await;
    let yearly = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "yearly_record" && d["revoked_at"].is_null())
        .expect("a current yearly record")
        .clone();
    let r = app
        .post(
            &principal,
            &format!("/api/documents/{}/revoke", yearly["id"].as_str().unwrap()),
            json!({"reason": "Sai điểm Toán"}),
        )
        .await;
    assert_eq!(r.status(), 204);
    let report = verify_upload(app, again).await;
    assert_eq!(report["verdict"], "revoked", "{report}");
    let attachment = report["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == yearly["code"])
        .unwrap_or_else(|| panic!("the revoked yearly record is listed: {report}"));
    assert_eq!(attachment["verdict"], "revoked", "{report}");
    assert_eq!(verify_code(app, &again_code).await["verdict"], "revoked");

    // The database refuses to change an issued document's bytes.
    let mut conn = hocba::db::connection::establish(&app.database_url).unwrap();
    let refused = conn.batch_execute("UPDATE issued_documents SET xml = 'x' WHERE status = 'issued'");
    assert!(refused.is_err_and(|e| e.to_string().contains("immutable")));
}

/// The demo school's CA certificate (PEM), from its database.
fn school_ca(app: &TestApp) -> String {
    use diesel::prelude::*;
    use hocba::db::schema::signing_cas;
    let mut conn = hocba::db::connection::establish(&app.database_url).unwrap();
    let pems: Vec<String> = signing_cas::table.select(signing_cas::cert_pem).load(&mut conn).unwrap();
    pems.concat()
}

/// Every approved year is a VC-JWT (ES256) that verifies with the key of the school's JWK set and
/// carries the year's result; a changed payload does not verify.
async fn check_credentials(app: &TestApp, parent: &str, child: &str, results: &Value) {
    use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
    let creds = app.get_json(parent, &format!("/api/pupils/{child}/credentials.json")).await;
    let creds = creds.as_array().unwrap();
    let years = results["years"].as_array().unwrap();
    assert_eq!(creds.len(), years.len());
    let mut validation = Validation::new(Algorithm::ES256);
    validation.validate_exp = false;
    validation.required_spec_claims.clear();
    for (cred, year) in creds.iter().zip(years) {
        let jwt = cred["jwt"].as_str().unwrap();
        let header = decode_header(jwt).unwrap();
        let kid = header.kid.unwrap();
        let (keys_url, key_id) = kid.split_once('#').unwrap();
        let path = &keys_url[keys_url.find("/api/").unwrap()..];
        let r = app.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "the JWK set is public");
        let jwks: Value = r.json().await.unwrap();
        let key = jwks["keys"].as_array().unwrap().iter().find(|k| k["kid"] == key_id).expect("the signing key");
        let decoding = DecodingKey::from_ec_components(key["x"].as_str().unwrap(), key["y"].as_str().unwrap()).unwrap();
        let vc = decode::<Value>(jwt, &decoding, &validation).expect("the credential verifies").claims;
        assert_eq!(vc["type"], json!(["VerifiableCredential", "OpenBadgeCredential"]));
        assert_eq!(vc["credentialSubject"]["identifier"][0]["identityHash"], "Giàng Thị Mỷ");
        assert_eq!(vc["credentialSubject"]["result"][0]["value"], year["evaluation"]["result"]);
        assert!(vc["name"].as_str().unwrap().contains(year["school_year"].as_str().unwrap()));
        let mut parts: Vec<String> = jwt.split('.').map(str::to_string).collect();
        let flipped = if parts[1].ends_with('A') { 'B' } else { 'A' };
        parts[1].pop();
        parts[1].push(flipped);
        assert!(decode::<Value>(&parts.join("."), &decoding, &validation).is_err(), "a changed credential fails");
    }
}
