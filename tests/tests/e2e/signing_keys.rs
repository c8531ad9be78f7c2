//! Signing keys of the demo school, on SQLite and PostgreSQL: every teacher, the principal and the
//! seal have a test certificate from the start; `GET /api/signing/readiness` is for the principal
//! and the admin only; a revoked certificate shows on the page and refuses to sign, naming the signer.

use hocba::services::signers::keystore;
use hocba::settings::Settings;
use hocba::signing::Signer;
use hocba::signing::{SigningError, SigningSecret};
use hocba_core::api::documents::SignerRole;
use hocba_tests::{assert_error, Db, TestApp};
use serde_json::Value;

#[tokio::test]
async fn signing_keys_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn signing_keys_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

fn line<'a>(list: &'a [Value], role: &str, name: &str) -> &'a Value {
    list.iter().find(|l| l["role"] == role && l["name"] == name).unwrap_or_else(|| panic!("{role} {name}: {list:?}"))
}

async fn scenario(app: &TestApp) {
    let principal = app.login("hieutruong").await;
    let list = app.get_json(&principal, "/api/signing/readiness").await;
    let list = list.as_array().unwrap().clone();
    let teachers: Vec<&Value> = list.iter().filter(|l| l["role"] == "teacher").collect();
    assert_eq!(teachers.len(), 5, "{list:?}");
    assert_eq!(list.last().unwrap()["role"], "seal", "the seal comes last");
    for l in &list {
        assert_eq!(l["ready"], true, "{l}");
        assert_eq!(l["test_certificate"], true, "{l}");
        assert_eq!(l["on_token"], false, "{l}");
        assert_eq!(l["issuer"], "hocba TEST CA (not for real use)", "{l}");
        assert_eq!(l["expires_soon"], false, "{l}");
    }
    let dung = line(&list, "teacher", "Vàng Thị Dung");
    assert_eq!(dung["holder"], "Vàng Thị Dung");
    let lan = line(&list, "principal", "Hoàng Thị Lan");
    assert_eq!(lan["holder"], "Hoàng Thị Lan");
    let seal = line(&list, "seal", hocba::demo::SCHOOL_NAME);
    assert_eq!(seal["holder"], format!("{} (TEST)", hocba::demo::SCHOOL_NAME));
    assert!(seal["user_id"].is_null());

    let doc: Value = app.http.get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert!(doc["paths"]["/api/signing/readiness"]["get"].is_object(), "documented in the OpenAPI description");

    let admin = app.login("admin").await;
    assert_eq!(app.get(&admin, "/api/signing/readiness").await.status(), 200);
    for who in ["gvcn5a", "phuhuynh"] {
        let token = app.login(who).await;
        assert_error(app.get(&token, "/api/signing/readiness").await, 403, "forbidden", None).await;
    }

    // The stored keys open with the data folder's secret and sign as the teacher.
    let settings =
        Settings { data_dir: app.data_dir.clone(), signing_key_secret_in_data_dir: true, ..Settings::default() };
    let secret = SigningSecret::from_settings(&settings).unwrap();
    let url = app.database_url.clone();
    let dung_id = dung["user_id"].as_str().unwrap().to_string();
    let message = tokio::task::spawn_blocking(move || {
        let mut conn = hocba::db::connection::establish(&url).unwrap();
        let (school_id, _) = keystore::school(&mut conn, None).unwrap();
        let now = chrono::Utc::now();
        match keystore::signer_for(&mut conn, &secret, &school_id, SignerRole::Teacher, Some(&dung_id), now).unwrap() {
            Signer::Software(id) => assert_eq!(id.signer_name(), "Vàng Thị Dung"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            keystore::signer_for(&mut conn, &secret, &school_id, SignerRole::Seal, None, now).unwrap(),
            Signer::Software(_)
        ));
        assert_eq!(keystore::trusted_cas(&mut conn, &school_id).unwrap().len(), 1);
        let (active, _) =
            keystore::certificates_of(&mut conn, &school_id, SignerRole::Teacher, Some(&dung_id)).unwrap();
        let id = active.unwrap().id;
        diesel::Connection::transaction(&mut conn, |c| keystore::revoke(c, &school_id, &id, "Mất máy tính")).unwrap();
        let err = keystore::signer_for(&mut conn, &secret, &school_id, SignerRole::Teacher, Some(&dung_id), now)
            .expect_err("revoked");
        assert!(matches!(err, SigningError::Revoked { .. }), "{err}");
        let api: hocba::error::AppError = err.into();
        assert!(matches!(api, hocba::error::AppError::Conflict { code: "signer_certificate_invalid", .. }), "{api:?}");
        // A wrong secret is a clear error, not a garbage key.
        let wrong = SigningSecret::from_secret(&[1u8; 48]).unwrap();
        assert_eq!(keystore::check_secret(&mut conn, &secret).unwrap(), 7, "the CA and six active keys");
        assert!(matches!(keystore::check_secret(&mut conn, &wrong), Err(SigningError::WrongSecret)));
        let err = keystore::signer_for(&mut conn, &wrong, &school_id, SignerRole::Seal, None, now).expect_err("wrong");
        assert!(err.to_string().contains("HOCBA_SIGNING_KEY_SECRET"), "{err}");
        api_message(keystore::signer_for(&mut conn, &secret, &school_id, SignerRole::Teacher, Some(&dung_id), now))
    })
    .await
    .unwrap();
    assert!(message.contains("Vàng Thị Dung") && message.contains("thu hồi"), "{message}");

    let list = app.get_json(&principal, "/api/signing/readiness").await;
    let dung = line(list.as_array().unwrap(), "teacher", "Vàng Thị Dung");
    assert_eq!(dung["ready"], false);
    assert!(dung["problem"].as_str().unwrap().contains("Mất máy tính"), "{dung}");
}

fn api_message(r: Result<Signer, SigningError>) -> String {
    r.err().map(|e| e.to_string()).unwrap_or_default()
}
