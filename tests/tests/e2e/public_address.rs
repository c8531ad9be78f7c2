//! What is printed into a signed học bạ never comes from the request: with a forged `Host`,
//! `X-Forwarded-Host` and `Forwarded`, the hand-over PDF (its text and raw bytes), the yearly
//! record's XML and the Open Badges credentials carry the configured public address only.

use hocba_tests::pdf_tools::pdftotext;
use hocba_tests::{Db, TestApp};
use serde_json::Value;

const FORGED: &str = "evil.example";

async fn forged_get(app: &TestApp, token: &str, path: &str) -> reqwest::Response {
    app.http
        .get(app.url(path))
        .bearer_auth(token)
        .header("Host", FORGED)
        .header("X-Forwarded-Host", FORGED)
        .header("X-Forwarded-Proto", "https")
        .header("Forwarded", format!("host={FORGED};proto=https;for=203.0.113.9"))
        .send()
        .await
        .expect("GET")
}

#[tokio::test]
async fn a_forged_host_never_reaches_an_issued_document() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    let parent = app.login("phuhuynh").await;
    let me = app.get_json(&parent, "/api/me").await;
    let child = me["children"][0]["id"].as_str().unwrap().to_string();
    // The demo's public address is the one it listens on.
    let public = app.base.clone();

    let r = forged_get(&app, &parent, &format!("/api/pupils/{child}/hoc-ba.pdf")).await;
    assert_eq!(r.status(), 200);
    let pdf = r.bytes().await.unwrap().to_vec();
    assert!(!pdf.windows(FORGED.len()).any(|w| w == FORGED.as_bytes()), "the forged host is in the PDF's bytes");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hoc-ba.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let text = pdftotext(&file);
    assert!(!text.contains(FORGED), "the forged host is in the PDF's text");
    let host = public.trim_start_matches("http://");
    assert!(text.contains(host), "the verification line names the public address {host}:\n{text}");

    let results = app.get_json(&parent, &format!("/api/pupils/{child}/results")).await;
    let year = results["years"][0]["school_year"].as_str().unwrap().to_string();
    let r = forged_get(&app, &parent, &format!("/api/pupils/{child}/years/{year}/record.xml")).await;
    assert_eq!(r.status(), 200);
    let xml = r.text().await.unwrap();
    assert!(!xml.contains(FORGED), "the forged host is in the XML");

    let r = forged_get(&app, &parent, &format!("/api/pupils/{child}/credentials.json")).await;
    assert_eq!(r.status(), 200);
    let credentials: Value = r.json().await.unwrap();
    let list = credentials.as_array().expect("a list");
    assert!(!list.is_empty(), "a credential per approved year");
    for c in list {
        // The signed JWT's header (key id) and payload (issuer, achievements), decoded.
        let jwt = c["jwt"].as_str().expect("jwt");
        let decoded: String = jwt
            .split('.')
            .take(2)
            .map(|part| {
                let bytes =
                    base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, part).expect("base64url");
                String::from_utf8(bytes).expect("JSON text")
            })
            .collect();
        assert!(!decoded.contains(FORGED), "the forged host is in a credential");
        assert!(decoded.contains(&public), "a credential names the public address {public}");
    }
}
