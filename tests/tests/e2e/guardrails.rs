//! Dangerous administration asks or refuses, with a 409 that says why: nobody resets their own
//! password or locks themselves out, the school keeps a manager, going back to a past year and
//! emptying a class's subject teachers need `confirm` and are audited.

use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn dangerous_administration_asks_or_refuses() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let admin = app.login("admin").await;
    let principal = app.login("hieutruong").await;
    let me = app.get_json(&principal, "/api/me").await;
    let principal_id = me["id"].as_str().unwrap().to_string();

    // Not one's own reset (the account page changes one's own password, knowing the current one).
    let r = app.post(&principal, &format!("/api/admin/staff/{principal_id}/reset-password"), json!({})).await;
    let body = assert_error(r, 409, "own_account", None).await;
    assert!(body["error"]["message"].as_str().unwrap().contains("Tài khoản"), "{body}");
    assert_eq!(app.get(&principal, "/api/me").await.status(), 200, "nothing happened to the session");
    let r = app.post(&principal, &format!("/api/admin/staff/{principal_id}/deactivate"), json!({})).await;
    assert_error(r, 409, "own_account", None).await;

    // The school keeps an active manager: with the admin deactivated, the principal cannot drop
    // their own management role.
    let admin_id = app.get_json(&admin, "/api/me").await["id"].as_str().unwrap().to_string();
    assert_eq!(app.post(&principal, &format!("/api/admin/staff/{admin_id}/deactivate"), json!({})).await.status(), 200);
    let r = app
        .put(
            &principal,
            &format!("/api/admin/staff/{principal_id}"),
            json!({"username": "hieutruong", "full_name": me["full_name"], "roles": ["teacher"]}),
        )
        .await;
    assert_error(r, 422, "validation", Some("roles")).await;
    assert_eq!(app.post(&principal, &format!("/api/admin/staff/{admin_id}/activate"), json!({})).await.status(), 200);

    // Going back to a past year asks first; confirmed, it is done.
    let years = app.get_json(&principal, "/api/admin/years").await;
    let list = years.as_array().unwrap();
    let current = list.iter().find(|y| y["is_current"] == true).unwrap();
    let past = list
        .iter()
        .filter(|y| y["start_year"].as_i64() < current["start_year"].as_i64())
        .max_by_key(|y| y["start_year"].as_i64())
        .expect("the demo has past years");
    let path = format!("/api/admin/years/{}/current", past["id"].as_str().unwrap());
    let r = app.post(&principal, &path, json!({})).await;
    let body = assert_error(r, 409, "confirm_required", None).await;
    assert!(body["error"]["message"].as_str().unwrap().contains(past["name"].as_str().unwrap()), "{body}");
    let still = app.get_json(&principal, "/api/admin/years").await;
    assert!(still.as_array().unwrap().iter().any(|y| y["id"] == current["id"] && y["is_current"] == true));
    let r = app.post(&principal, &path, json!({"confirm": true})).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["is_current"], true);
    let back = format!("/api/admin/years/{}/current", current["id"].as_str().unwrap());
    assert_eq!(
        app.http.post(app.url(&back)).bearer_auth(&principal).send().await.unwrap().status(),
        200,
        "forward needs no confirmation"
    );

    // Emptying a class's subject teachers asks first.
    let classes =
        app.get_json(&principal, &format!("/api/admin/years/{}/classes", current["id"].as_str().unwrap())).await;
    let class = classes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["assignments"].as_array().is_some_and(|a| !a.is_empty()))
        .expect("a class with subject teachers");
    let path = format!("/api/admin/classes/{}/assignments", class["id"].as_str().unwrap());
    let r = app.put(&principal, &path, json!({"assignments": []})).await;
    assert_error(r, 409, "confirm_required", None).await;
    let kept = app.get_json(&principal, &format!("/api/admin/years/{}/classes", current["id"].as_str().unwrap())).await;
    let same = kept.as_array().unwrap().iter().find(|c| c["id"] == class["id"]).unwrap();
    assert_eq!(same["assignments"], class["assignments"], "nothing changed");
    let r = app.put(&principal, &path, json!({"assignments": [], "confirm": true})).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["assignments"], json!([]));
}
