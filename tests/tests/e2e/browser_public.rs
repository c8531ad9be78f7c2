//! The parent's and the public pages (rendered by the server) in Debian's headless Chromium:
//! without JavaScript, on an emulated 3G link, and verification by file, code and QR link.

use crate::browser::{fetch_bytes, scenario};
use hocba_tests::{Db, TestApp};
use serde_json::json;

/// A parent on a phone with JavaScript switched off signs in, reads the child's results,
/// downloads the học bạ, switches language; a visitor checks it at /verify; axe-core on each.
#[tokio::test]
async fn parent_and_visitor_without_javascript_in_chromium() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    // Giữa HK I of 5A, approved: the parent acknowledges it and replies; the teacher sees both.
    let teacher = app.login("gvcn5a").await;
    let class = crate::review::class_id(&app, &teacher, "5A").await;
    crate::review::fill(&app, &teacher, &class, "giua_hk1").await;
    let mid = format!("/api/classes/{class}/periods/giua_hk1");
    assert_eq!(app.post(&teacher, &format!("{mid}/submit"), json!({})).await.status(), 200);
    let principal = app.login("hieutruong").await;
    assert_eq!(app.post(&principal, &format!("{mid}/approve"), json!({})).await.status(), 200);
    scenario("nojs.mjs", vec![app.base.clone(), class]).await;
}

/// The parent, a visitor and the homeroom teacher on an emulated 3G link (1.6 Mbps, 300 ms):
/// bytes by resource and the time to what each came for, printed; the parent's and the visitor's
/// first views within 150 KB.
#[tokio::test]
async fn parent_visitor_and_teacher_on_3g_in_chromium() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let me = app.get_json(&app.login("phuhuynh").await, "/api/me").await;
    let pupil = me["children"][0]["id"].as_str().unwrap().to_string();
    let teacher = app.get_json(&app.login("gvcn5a").await, "/api/me").await;
    let class = teacher["classes"].as_array().unwrap().iter().find(|c| c["name"] == "5A").unwrap()["id"].clone();
    let class = class.as_str().unwrap().to_string();
    scenario("reach.mjs", vec![app.base.clone(), pupil, class, "--check".into()]).await;
}

/// Verifying a học bạ: the demo parent downloads the child's signed hand-over học bạ (grades 1–4
/// of the demo cohort are approved); a visitor without an account checks it on /verify — the
/// file is authentic, a copy with one byte changed is modified, the QR link's code is authentic;
/// at 360 px.
#[tokio::test]
async fn downloaded_hoc_ba_verifies_in_chromium() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let parent = app.login("phuhuynh").await;
    let me = app.get_json(&parent, "/api/me").await;
    let child = me["children"][0]["id"].as_str().expect("the demo parent has a child").to_string();
    scenario("verify.mjs", vec![app.base.clone(), child]).await;
}

/// A yearly record signed by certificates of a real CA (made in the test under another name than
/// the demo's test CA, imported as the school would import its PKCS#12 files) gets the green
/// verdict on /verify; the demo's test-CA documents get the amber one (`verify.mjs`).
#[tokio::test]
async fn a_real_ca_document_shows_the_green_verdict_in_chromium() {
    use hocba::services::signers::keystore;
    use hocba_core::api::documents::SignerRole;
    use hocba_pdf::{CertificateInfo, KeyKind, Pkcs12Bundle, TestCa};
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let settings = hocba::settings::Settings {
        data_dir: app.data_dir.clone(),
        signing_key_secret_in_data_dir: true,
        ..hocba::settings::Settings::default()
    };
    let secret = hocba::signing::SigningSecret::from_settings(&settings).unwrap();
    let url = app.database_url.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = hocba::db::connection::establish(&url).unwrap();
        let (school_id, school) = keystore::school(&mut conn, None).unwrap();
        let ca = TestCa::create_named("CA Sở Giáo dục và Đào tạo Lào Cai", &school).unwrap();
        let bundle = |holder: &str| {
            let id = ca.issue(holder, &school, 365).unwrap();
            Pkcs12Bundle {
                key_pkcs8_der: id.key_pkcs8_der().unwrap(),
                key_kind: KeyKind::P256,
                certificate: CertificateInfo::from_pem(&id.signer_certificate_pem()).unwrap(),
                chain: CertificateInfo::all_from_pem(&id.chain_pem()).unwrap(),
            }
        };
        diesel::Connection::transaction(&mut conn, |c| {
            keystore::import_pkcs12(c, &secret, &school_id, SignerRole::Seal, None, &bundle(&school), &[])?;
            for s in keystore::staff_signers(c, &school_id)? {
                keystore::import_pkcs12(c, &secret, &school_id, s.role, Some(&s.username), &bundle(&s.full_name), &[])?;
            }
            Ok::<_, hocba::signing::SigningError>(())
        })
        .unwrap();
    })
    .await
    .unwrap();
    let parent = app.login("phuhuynh").await;
    let me = app.get_json(&parent, "/api/me").await;
    let child = me["children"][0]["id"].as_str().expect("the demo parent has a child").to_string();
    let results = app.get_json(&parent, &format!("/api/pupils/{child}/results")).await;
    let year = results["years"][0]["school_year"].as_str().expect("an approved year").to_string();
    let pdf = fetch_bytes(&app, &parent, &format!("/api/pupils/{child}/years/{year}/record.pdf")).await;
    let files = tempfile::tempdir().unwrap();
    let path = files.path().join("hoc-ba-nam.pdf");
    std::fs::write(&path, &pdf).unwrap();
    scenario("verify_real_ca.mjs", vec![app.base.clone(), path.to_string_lossy().into_owned()]).await;
}
