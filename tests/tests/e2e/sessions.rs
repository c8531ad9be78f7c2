//! Sign-in and sessions as an attacker would try them: password guessing is throttled, sessions
//! end when idle, at their absolute lifetime and on "đăng xuất mọi thiết bị", an issued password
//! must be changed before anything else, and the first admin's password never reaches the console.

use hocba::auth::{Claims, Keys};
use hocba_core::api::Role;
use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};

async fn token_of(r: reqwest::Response) -> String {
    assert_eq!(r.status(), 200);
    r.json::<Value>().await.expect("json")["token"].as_str().expect("token").to_string()
}

#[tokio::test]
async fn guessing_a_password_is_throttled_even_when_the_right_one_comes() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    for i in 0..5 {
        let r = app.sign_in("hieutruong", &format!("sai{i}")).await;
        assert_error(r, 401, "bad_credentials", None).await;
    }
    // From now on every attempt waits, the right password included, and the wait doubles.
    let r = app.sign_in("hieutruong", "demo").await;
    let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry >= 1, "Retry-After {retry}");
    let body = assert_error(r, 429, "throttled", None).await;
    assert!(body["error"]["message"].as_str().unwrap().contains("thử lại"), "{body}");
    tokio::time::sleep(std::time::Duration::from_millis(1100 * retry)).await;
    assert_error(app.sign_in("hieutruong", "sai").await, 401, "bad_credentials", None).await;
    let r = app.sign_in("hieutruong", "demo").await;
    assert_eq!(r.status(), 429);
    let second: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(second > retry, "the wait grows: {retry} then {second}");
    // Other accounts are not held up; once the wait is over the right password opens a session.
    assert_eq!(app.sign_in("gvcn5a", "demo").await.status(), 200);
    tokio::time::sleep(std::time::Duration::from_millis(1000 * second + 200)).await;
    assert_eq!(app.sign_in("hieutruong", "demo").await.status(), 200);
    assert_eq!(app.sign_in("hieutruong", "sai").await.status(), 401, "the success started the count afresh");
    assert_eq!(app.sign_in("hieutruong", "demo").await.status(), 200);
}

/// A token of `user_id` signed with the server's own secret, signed in `age_minutes` ago and
/// last renewed `last_minutes` ago (a staff session of 30 idle minutes, 12 hours at most).
fn token_aged(app: &TestApp, user_id: &str, school_id: &str, age_minutes: i64, last_minutes: i64) -> String {
    let secret = std::fs::read(app.data_dir.join("jwt-secret")).expect("jwt secret");
    let keys = Keys::new(&secret, 12, 30);
    let now = chrono::Utc::now().timestamp();
    let iat = now - last_minutes * 60;
    keys.encode(&Claims {
        sub: user_id.into(),
        sch: school_id.into(),
        role: Role::Teacher,
        ep: 0,
        sid: uuid::Uuid::now_v7().to_string(),
        at: now - age_minutes * 60,
        idle: true,
        iat,
        exp: iat + 30 * 60,
    })
    .expect("token")
}

#[tokio::test]
async fn staff_sessions_end_when_idle_slide_while_used_and_end_at_their_lifetime() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let teacher = app.login("gvcn5a").await;
    let keys = Keys::new(&std::fs::read(app.data_dir.join("jwt-secret")).unwrap(), 12, 30);
    let fresh = keys.verify(&teacher).unwrap();
    assert!(fresh.idle && fresh.exp - fresh.iat == 30 * 60, "a teacher's token lives 30 idle minutes");
    let (id, school) = (fresh.sub.clone(), fresh.sch.clone());

    // Used 20 minutes ago: still valid; the answer carries a renewed token for 30 more minutes,
    // as the cookie for the browser and as a header for an API client.
    let used = token_aged(&app, &id, &school, 20, 20);
    let r = app.http.get(app.url("/api/me")).header("cookie", format!("hocba_session={used}")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("hocba_session=") && cookie.contains("Max-Age=1800"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let r = app.get(&used, "/api/me").await;
    let renewed = r.headers()["hocba-session-token"].to_str().unwrap().to_string();
    let (old, new) = (keys.verify(&used).unwrap(), keys.verify(&renewed).unwrap());
    assert_eq!((old.sid.as_str(), old.at), (new.sid.as_str(), new.at), "the same session, renewed");
    assert!(new.exp >= chrono::Utc::now().timestamp() + 29 * 60);
    assert_eq!(app.get(&renewed, "/api/me").await.status(), 200);

    // Idle for 31 minutes: over.
    let idle = token_aged(&app, &id, &school, 31, 31);
    assert_error(app.get(&idle, "/api/me").await, 401, "unauthenticated", None).await;
    // Active all day, but signed in 12 hours and 5 minutes ago: over, whatever its expiry says.
    let old = token_aged(&app, &id, &school, 12 * 60 + 5, 2);
    assert_error(app.get(&old, "/api/me").await, 401, "unauthenticated", None).await;

    // A parent's session is not cut by 30 idle minutes (phones come back the next day).
    let parent = app.login("phuhuynh").await;
    let claims = keys.verify(&parent).unwrap();
    assert!(!claims.idle && claims.exp - claims.iat == 12 * 3600);
}

#[tokio::test]
async fn logging_out_everywhere_ends_every_session_of_the_account() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let phone = app.login("gvcn5a").await;
    let laptop = app.login("gvcn5a").await;
    let other = app.login("gvcn4a").await;
    let r = app.http.post(app.url("/api/auth/logout-all")).bearer_auth(&laptop).send().await.unwrap();
    assert_eq!(r.status(), 204);
    assert!(r.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(app.get(&phone, "/api/me").await.status(), 401, "the other device is signed out");
    assert_eq!(app.get(&laptop, "/api/me").await.status(), 401, "and this one");
    assert_eq!(app.get(&other, "/api/me").await.status(), 200, "another teacher is not");
    assert_eq!(app.sign_in("gvcn5a", "demo").await.status(), 200, "signing in again works");
}

#[tokio::test]
async fn an_issued_password_must_be_changed_before_anything_else() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let admin = app.login("admin").await;
    let (user_id, one_time) = app.new_teacher(&admin, "gv.moi", "Lò Văn Mới").await;
    let token = token_of(app.sign_in("gv.moi", &one_time).await).await;
    let me = app.get_json(&token, "/api/me").await;
    assert_eq!(me["must_change_password"], true, "{me}");
    assert_error(app.get(&token, "/api/notifications").await, 403, "forbidden", Some("password")).await;

    let change = |current: &str, new: &str| json!({"current_password": current, "new_password": new});
    let r = app.post(&token, "/api/auth/password", change("sai-mat-khau", "matkhaumoi1")).await;
    assert_error(r, 422, "validation", Some("current_password")).await;
    let r = app.post(&token, "/api/auth/password", change(&one_time, "ngan")).await;
    assert_error(r, 422, "validation", Some("new_password")).await;
    let r = app.post(&token, "/api/auth/password", change(&one_time, "GV.MOI")).await;
    assert_error(r, 422, "validation", Some("new_password")).await;
    let r = app.post(&token, "/api/auth/password", change(&one_time, &one_time)).await;
    assert_error(r, 422, "validation", Some("new_password")).await;
    let r = app.post(&token, "/api/auth/password", change(&one_time, "Hoa ban trang 2026")).await;
    let renewed = token_of(r).await;
    assert_eq!(app.get_json(&renewed, "/api/me").await["must_change_password"], false);
    assert_eq!(app.get(&renewed, "/api/notifications").await.status(), 200);
    assert_eq!(app.get(&token, "/api/me").await.status(), 401, "the session with the issued password ended");
    assert_eq!(app.sign_in("gv.moi", &one_time).await.status(), 401, "the issued password is gone");
    assert_eq!(app.sign_in("gv.moi", "Hoa ban trang 2026").await.status(), 200);

    // A reset issues a new one-time password, to be changed again; anyone may change their own.
    let reset: Value =
        app.post(&admin, &format!("/api/admin/staff/{user_id}/reset-password"), json!({})).await.json().await.unwrap();
    let token = token_of(app.sign_in("gv.moi", reset["password"].as_str().unwrap()).await).await;
    assert_eq!(app.get_json(&token, "/api/me").await["must_change_password"], true);
    let teacher = app.login("gvcn5a").await;
    let r = app.post(&teacher, "/api/auth/password", change("demo", "mat khau rieng 5a")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(app.sign_in("gvcn5a", "mat khau rieng 5a").await.status(), 200);
}

#[test]
fn the_first_admin_password_goes_to_a_private_file_not_the_console() {
    let dir = tempfile::tempdir().unwrap();
    let db = hocba::db::Db::open(&dir.path().join("x.sqlite3").to_string_lossy()).unwrap();
    let first = hocba::bootstrap::first_start(&db, false, dir.path()).unwrap();
    let hocba::bootstrap::FirstStart::Admin { password_file } = first else { panic!("expected an admin account") };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&password_file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }
    let text = std::fs::read_to_string(&password_file).unwrap();
    let password = text.lines().find_map(|l| l.strip_prefix("Mật khẩu dùng một lần: ")).unwrap().trim().to_string();
    assert!(password.len() >= 12);
    let found = db.read(|c| hocba::services::users::credentials(c, "admin")).unwrap().expect("admin");
    assert!(hocba::auth::password::verify(Some(&found.password_hash), &password));
    let admin = db.read(|c| hocba::services::users::signed_in(c, &found.id)).unwrap();
    assert!(admin.must_change_password, "the first sign-in asks for a new password");
    assert_eq!(db.read(hocba::services::users::count_users).unwrap(), 1);
    assert!(matches!(
        hocba::bootstrap::first_start(&db, true, dir.path()).unwrap(),
        hocba::bootstrap::FirstStart::AlreadySetUp
    ));
}

#[tokio::test]
async fn a_sign_in_flood_from_many_addresses_is_answered_and_teachers_keep_saving() {
    // The figure (saves' slowdown under the flood) is `cargo xtask bench login-flood`; here: every
    // save succeeds and the flood only ever gets 401, 429 or 503 — never a 500, never a hang.
    let app = hocba_tests::login_flood::spawn(Db::Sqlite).await.expect("app");
    let this_process = hocba_tests::login_flood::FloodIn::ThisProcess;
    let spacing = std::time::Duration::from_millis(50);
    let f = hocba_tests::login_flood::run(&app, 16, 10, spacing, this_process, "/api/auth/login").await;
    assert!(f.statuses.iter().all(|s| *s == 200), "{:?}", f.statuses);
    assert_eq!(f.flood_other, 0, "only 401, 429 or 503 to the flood");
    assert!(f.flood_401 > 0, "the flood's passwords were checked");
}

#[tokio::test]
async fn behind_https_the_cookie_is_secure_and_browsers_are_told_to_stay_on_https() {
    let app = TestApp::spawn_with(Db::Sqlite, |s| s.public_url = Some("https://hocba.truong.example".into()))
        .await
        .expect("app");
    let r = app.sign_in("gvcn5a", "demo").await;
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("Secure") && cookie.contains("HttpOnly"), "{cookie}");
    // Served over plain http (the demo), neither: the browser would refuse a Secure cookie there.
    let plain = TestApp::spawn(Db::Sqlite).await.expect("app");
    let r = plain.sign_in("gvcn5a", "demo").await;
    assert!(!r.headers().contains_key("strict-transport-security"));
    assert!(!r.headers()["set-cookie"].to_str().unwrap().contains("Secure"));
}
