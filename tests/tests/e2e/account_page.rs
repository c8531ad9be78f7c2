//! `/tai-khoan` as a browser without JavaScript uses it, on SQLite and PostgreSQL: a teacher
//! signed in with the password the school issued is sent there and nowhere else; each refusal is
//! shown under its field with 422 and changes nothing; a forged form token changes nothing; the
//! new password starts a new session and ends the others. A parent (in English) signs out of
//! every device after the confirmation step.

use crate::pages::{browser, html_value, page, set_cookie, sign_in_form};
use hocba_tests::{Db, TestApp};
use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, LOCATION};

#[tokio::test]
async fn account_page_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn account_page_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

async fn post(app: &TestApp, path: &str, cookie: &str, form: &[(&str, &str)]) -> reqwest::Response {
    browser().post(app.url(path)).header(COOKIE, cookie).form(form).send().await.unwrap()
}

async fn scenario(app: &TestApp) {
    let admin = app.login("admin").await;
    let (_, issued) = app.new_teacher(&admin, "gv.taikhoan", "Lò Thị Xuân").await;
    let r = sign_in_form(app, "gv.taikhoan", &issued, &[]).await;
    assert_eq!(r.headers()[LOCATION], "/tai-khoan", "an issued password leads to the account page");
    let session = set_cookie(&r, "hocba_session").unwrap();
    let r = browser().get(app.url("/")).header(COOKIE, &session).send().await.unwrap();
    assert_eq!(r.headers()[LOCATION], "/tai-khoan", "and every other page sends back there");

    let (status, html) = page(app, "/tai-khoan", &session).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-testid=\"must-change-password\""), "{html}");
    assert!(!html.contains("data-action=\"logout-all\""), "signing out everywhere comes after the change");
    assert!(!html.contains("<script type=\"module\""), "a plain page, not the app");
    let token = html_value(&html, "name=\"token\" value=\"");
    let fresh = "Hoa ban nở trắng 2026";

    // Refusals: each under its field, 422, nothing changed.
    for (current, new, again, field) in [
        ("", fresh, fresh, "current_password"),
        (issued.as_str(), "ngắn", "ngắn", "new_password"),
        (issued.as_str(), fresh, "khác hẳn 2026", "again"),
        ("không phải mật khẩu này", fresh, fresh, "current_password"),
    ] {
        let form = [("token", token.as_str()), ("current_password", current), ("new_password", new), ("again", again)];
        let r = post(app, "/tai-khoan", &session, &form).await;
        assert_eq!(r.status(), 422, "{field}");
        let html = r.text().await.unwrap();
        assert!(html.contains(&format!("form-field invalid\" data-field=\"{field}\"")), "{field}: {html}");
        assert!(!html.contains(fresh), "a password is never written back into the page");
    }
    let form = [("token", "forged"), ("current_password", issued.as_str()), ("new_password", fresh), ("again", fresh)];
    let r = post(app, "/tai-khoan", &session, &form).await;
    assert_eq!(r.status(), 303, "a forged token changes nothing");
    assert_eq!(sign_in_form(app, "gv.taikhoan", &issued, &[]).await.status(), 303, "the issued password still works");

    // The change: a new session, the old one ends, the issued password no longer opens one.
    let form =
        [("token", token.as_str()), ("current_password", issued.as_str()), ("new_password", fresh), ("again", fresh)];
    let r = post(app, "/tai-khoan", &session, &form).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()[LOCATION], "/tai-khoan?doi=1");
    let renewed = set_cookie(&r, "hocba_session").expect("a new session");
    let (status, html) = page(app, "/tai-khoan?doi=1", &renewed).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-testid=\"password-changed\"") && !html.contains("must-change-password"), "{html}");
    assert!(html.contains("data-action=\"logout-all\""));
    let r = browser().get(app.url("/tai-khoan")).header(COOKIE, &session).send().await.unwrap();
    assert_eq!(r.headers()[LOCATION], "/dang-nhap?next=/tai-khoan", "the session of the issued password ended");
    assert_eq!(sign_in_form(app, "gv.taikhoan", &issued, &[]).await.status(), 401);
    assert_eq!(sign_in_form(app, "gv.taikhoan", fresh, &[]).await.status(), 303);

    // A parent, in English, on two devices: the first step asks, the confirmed one ends both.
    let phone = set_cookie(&sign_in_form(app, "phuhuynh", "demo", &[]).await, "hocba_session").unwrap();
    let laptop = set_cookie(&sign_in_form(app, "phuhuynh", "demo", &[]).await, "hocba_session").unwrap();
    let r = browser().get(app.url("/tai-khoan")).header(COOKIE, &phone).header(ACCEPT_LANGUAGE, "en").send().await;
    let html = r.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"en\"") && html.contains("Sign out of every device"), "{html}");
    assert!(html.contains("href=\"/tai-khoan\" data-testid=\"user-name\""), "the name in the header leads here");
    let token = html_value(&html, "name=\"token\" value=\"");
    let r = post(app, "/tai-khoan/dang-xuat-moi-noi", &phone, &[("token", &token)]).await;
    assert_eq!(r.status(), 200, "first the question");
    assert!(r.text().await.unwrap().contains("data-testid=\"logout-all-confirm\""));
    assert_eq!(page(app, "/", &laptop).await.0, 200, "nothing ended yet");
    let r = post(app, "/tai-khoan/dang-xuat-moi-noi", &phone, &[("token", "forged"), ("confirm", "1")]).await;
    assert_eq!(r.headers()[LOCATION], "/tai-khoan", "a forged token ends nothing");
    assert_eq!(page(app, "/", &laptop).await.0, 200);
    let r = post(app, "/tai-khoan/dang-xuat-moi-noi", &phone, &[("token", &token), ("confirm", "1")]).await;
    assert_eq!(r.headers()[LOCATION], "/dang-nhap");
    for cookie in [&phone, &laptop] {
        let r = browser().get(app.url("/")).header(COOKIE, cookie).send().await.unwrap();
        assert_eq!(r.headers()[LOCATION], "/dang-nhap", "every device signed out");
    }
    // Without a session the page asks for one first.
    let r = browser().get(app.url("/tai-khoan")).send().await.unwrap();
    assert_eq!(r.headers()[LOCATION], "/dang-nhap?next=/tai-khoan");
}
