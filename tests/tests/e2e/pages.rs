//! The server-rendered pages, on SQLite and PostgreSQL, as a browser without JavaScript sees
//! them: the sign-in form (a refusal shown again with its reason and status), the parent's
//! results (another family's child answers 404), the PDF behind the plain download link, the
//! language from `Accept-Language` and from the switch, sign-out only with the page's token, and
//! the app for staff on the same paths.

use hocba_tests::{Db, TestApp};
use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use reqwest::{Client, Response};

#[tokio::test]
async fn pages_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn pages_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

/// A browser that follows no redirect and keeps no cookie by itself (each step says which).
pub(crate) fn browser() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

/// The `name=value` of a `Set-Cookie` answered for `name`.
pub(crate) fn set_cookie(r: &Response, name: &str) -> Option<String> {
    r.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap().to_string())
}

pub(crate) async fn sign_in_form(app: &TestApp, username: &str, password: &str, extra: &[(&str, &str)]) -> Response {
    let mut form = vec![("username", username), ("password", password)];
    form.extend_from_slice(extra);
    browser().post(app.url("/dang-nhap")).form(&form).send().await.unwrap()
}

pub(crate) async fn page(app: &TestApp, path: &str, cookie: &str) -> (u16, String) {
    let r = browser().get(app.url(path)).header(COOKIE, cookie).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.text().await.unwrap())
}

async fn scenario(app: &TestApp) {
    let http = browser();

    // The sign-in page: Vietnamese by default, English when the browser asks for it.
    let r = http.get(app.url("/dang-nhap")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let html = r.text().await.unwrap();
    assert!(html.contains("<html lang=\"vi\">"), "{html}");
    assert!(html.contains("Kích hoạt tài khoản bằng phiếu của nhà trường"));
    assert!(html.contains("action=\"/dang-nhap\""));
    assert!(!html.contains("frontend.js"), "the sign-in page needs no app");
    let r = http.get(app.url("/dang-nhap")).header(ACCEPT_LANGUAGE, "en-GB,en;q=0.9,vi;q=0.5").send().await.unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains(">Sign in<"), "{html}");

    // A wrong password: the form again, 401, the name kept, the reason said.
    let r = sign_in_form(app, "phuhuynh", "sai-mat-khau", &[]).await;
    assert_eq!(r.status(), 401);
    assert!(set_cookie(&r, "hocba_session").is_none());
    let html = r.text().await.unwrap();
    assert!(html.contains("Sai tên đăng nhập hoặc mật khẩu.") && html.contains("value=\"phuhuynh\""));
    let r = sign_in_form(app, "", "", &[]).await;
    assert_eq!(r.status(), 422);

    // The parent signs in and sees the child's results at once, without the app.
    let r = sign_in_form(app, "phuhuynh", "demo", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()[LOCATION], "/");
    let session = set_cookie(&r, "hocba_session").expect("session cookie");
    let raw = r.headers().get_all(SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>();
    assert!(raw.iter().any(|c| c.contains("HttpOnly") && c.contains("SameSite=Strict")), "{raw:?}");
    let (status, html) = page(app, "/", &session).await;
    assert_eq!(status, 200);
    assert!(html.contains("Kết quả học tập của Giàng Thị Mỷ"), "{html}");
    assert!(html.contains("data-testid=\"download-hand-over\""));
    assert!(!html.contains("frontend.js") && !html.contains("boot.js"), "no wasm app for the parent");
    assert!(html.contains("<details class=\"card year\"") && html.contains(" open>"));
    assert!(!html.contains("Chưa đạt"), "worded as a goal");
    let me = app.get_json(&app.login("phuhuynh").await, "/api/me").await;
    let child = me["children"][0]["id"].as_str().unwrap().to_string();
    let (status, direct) = page(app, &format!("/hoc-sinh/{child}"), &session).await;
    assert_eq!(status, 200);
    assert!(direct.contains("Kết quả học tập của Giàng Thị Mỷ"));

    // The plain link downloads the signed PDF with the session cookie alone.
    let r =
        http.get(app.url(&format!("/api/pupils/{child}/hoc-ba.pdf"))).header(COOKIE, &session).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let disposition = r.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.contains("hoc-ba-giang-thi-my"), "{disposition}");
    let pdf = r.bytes().await.unwrap().to_vec();
    assert!(pdf.starts_with(b"%PDF-"));
    verification(app, &pdf, &child).await;

    periodic_point(app, &session, &child, &direct).await;

    // Another family's child: 404, in a page.
    let other = app.get_json(&app.login("phuhuynh4a").await, "/api/me").await;
    let other_child = other["children"][0]["id"].as_str().unwrap().to_string();
    let (status, html) = page(app, &format!("/hoc-sinh/{other_child}"), &session).await;
    assert_eq!(status, 404);
    assert!(html.contains("Không tìm thấy") && !html.contains(other["children"][0]["full_name"].as_str().unwrap()));

    // Signed out, a child's page asks to sign in and comes back to it.
    let r = http.get(app.url(&format!("/hoc-sinh/{child}"))).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()[LOCATION].to_str().unwrap(), format!("/dang-nhap?next=/hoc-sinh/{child}"));
    let next = format!("/hoc-sinh/{child}");
    let r = sign_in_form(app, "phuhuynh", "demo", &[("next", &next)]).await;
    assert_eq!(r.headers()[LOCATION].to_str().unwrap(), next);
    let r = sign_in_form(app, "phuhuynh", "demo", &[("next", "//evil.example/")]).await;
    assert_eq!(r.headers()[LOCATION], "/", "never to another site");

    // The switch remembers English for a year; the results page follows, html lang too.
    let r = http.get(app.url("/ngon-ngu/en?next=/")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()[LOCATION], "/");
    let lang = set_cookie(&r, "hocba_lang").expect("language cookie");
    assert_eq!(lang, "hocba_lang=en");
    let (_, english) = page(app, "/", &format!("{session}; {lang}")).await;
    assert!(english.contains("<html lang=\"en\">") && english.contains("Results of Giàng Thị Mỷ"), "{english}");
    assert!(english.contains("Download the school record"));
    let r = http.get(app.url("/ngon-ngu/en?next=https://evil.example/")).send().await.unwrap();
    assert_eq!(r.headers()[LOCATION], "/");

    // Sign-out needs the page's token: a forged form leaves the session alive.
    let r = http.post(app.url("/dang-xuat")).header(COOKIE, &session).form(&[("token", "x")]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(page(app, "/", &session).await.0, 200, "still signed in");
    let token = html_value(&direct, "name=\"token\" value=\"");
    let r = http
        .post(app.url("/dang-xuat"))
        .header(COOKIE, &session)
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()[LOCATION], "/dang-nhap");
    let r = http.get(app.url("/")).header(COOKIE, &session).send().await.unwrap();
    assert_eq!(r.status(), 303, "the old session is refused after sign-out");

    activation(app, &child).await;

    // Staff get the app on the same paths.
    let r = sign_in_form(app, "gvcn5a", "demo", &[]).await;
    let staff = set_cookie(&r, "hocba_session").unwrap();
    let (status, shell) = page(app, "/", &staff).await;
    assert_eq!(status, 200);
    assert!(!shell.contains("pupil-results"), "the app shell, not the parent's page");
    // The app's page carries the session (one round trip less), on every path of the app.
    assert!(shell.contains("id=\"hocba-session\"") && shell.contains("\"username\":\"gvcn5a\""), "{shell}");
    let (status, grid) = page(app, "/lop/x/cuoi_hk1", &staff).await;
    assert_eq!(status, 200);
    assert!(grid.contains("\"username\":\"gvcn5a\""));
    let r = http.get(app.url("/lop/x/cuoi_hk1")).send().await.unwrap();
    assert!(!r.text().await.unwrap().contains("hocba-session"), "no session, none in the page");
    let r = http.get(app.url("/lop/x/cuoi_hk1")).header(COOKIE, "hocba_session=forged").send().await.unwrap();
    assert!(!r.text().await.unwrap().contains("hocba-session"));
}

/// Giữa HK I approved: the parent's page shows it with its comment; "Đã xem" and a message to the
/// teacher through the page's forms (a forged token changes nothing; an empty message is shown
/// again with its reason); the teacher reads both.
async fn periodic_point(app: &TestApp, session: &str, child: &str, before: &str) {
    assert!(!before.contains("data-testid=\"periodic-results\""), "nothing of this year is approved yet");
    let teacher = app.login("gvcn5a").await;
    let class = crate::review::class_id(app, &teacher, "5A").await;
    crate::review::fill(app, &teacher, &class, "giua_hk1").await;
    let mid = format!("/api/classes/{class}/periods/giua_hk1");
    let cell = serde_json::json!({"subjects": [{"subject": "tieng_viet", "level": "H", "score": 7, "comment": "Em đọc to, rõ ràng hơn."}]});
    assert_eq!(app.put(&teacher, &format!("{mid}/pupils/{child}"), cell).await.status(), 200);
    assert_eq!(app.post(&teacher, &format!("{mid}/submit"), serde_json::json!({})).await.status(), 200);
    let principal = app.login("hieutruong").await;
    let r = app.post(&principal, &format!("{mid}/approve"), serde_json::json!({})).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());

    let (status, html) = page(app, &format!("/hoc-sinh/{child}"), session).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"ky-giua_hk1\"") && html.contains("Em đọc to, rõ ràng hơn."), "{html}");
    assert!(html.contains("Chưa xem") && html.contains("data-action=\"seen\""));
    let token = html_value(&html, "name=\"token\" value=\"");
    let seen = format!("/hoc-sinh/{child}/ky/giua_hk1/da-xem");
    let r = browser().post(app.url(&seen)).header(COOKIE, session).form(&[("token", "forged")]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert!(
        page(app, &format!("/hoc-sinh/{child}"), session).await.1.contains("Chưa xem"),
        "a forged form changes nothing"
    );
    let r =
        browser().post(app.url(&seen)).header(COOKIE, session).form(&[("token", token.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()[LOCATION].to_str().unwrap(), format!("/hoc-sinh/{child}#ky-giua_hk1"));
    let (_, html) = page(app, &format!("/hoc-sinh/{child}"), session).await;
    assert!(html.contains("Đã xem lúc") && !html.contains("data-action=\"seen\""), "{html}");

    let reply = format!("/hoc-sinh/{child}/ky/giua_hk1/phan-hoi");
    let r = browser()
        .post(app.url(&reply))
        .header(COOKIE, session)
        .form(&[("token", token.as_str()), ("text", "   ")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("aria-invalid=\"true\""));
    let words = "Cảm ơn cô, tối nào cháu cũng đọc to ở nhà.";
    let r = browser()
        .post(app.url(&reply))
        .header(COOKIE, session)
        .form(&[("token", token.as_str()), ("text", words)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(page(app, &format!("/hoc-sinh/{child}"), session).await.1.contains(words));
    let feedback = app.get_json(&teacher, &format!("{mid}/feedback")).await;
    let mine = feedback["pupils"].as_array().unwrap().iter().find(|p| p["pupil"]["id"] == child).unwrap().clone();
    assert_eq!(mine["seen_by"].as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine["replies"][0]["text"], words);
}

/// `/kich-hoat` without JavaScript: the slip's QR link fills the code; missing fields and two
/// different passwords are refused with each reason under its field, nothing created; a taken user
/// name is the server's refusal; a good form signs the new parent in, who sees the child.
async fn activation(app: &TestApp, child: &str) {
    let admin = app.login("admin").await;
    let slip: serde_json::Value =
        app.post(&admin, "/api/admin/invites", serde_json::json!({"pupil_ids": [child]})).await.json().await.unwrap();
    let code = slip["code"].as_str().unwrap().to_string();
    let r = browser().get(app.url(&format!("/kich-hoat?ma={code}"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains(&format!("value=\"{code}\"")) && html.contains("autocomplete=\"new-password\""), "{html}");
    let post = |form: Vec<(&'static str, String)>| browser().post(app.url("/kich-hoat")).form(&form).send();
    let r =
        post(vec![("code", code.clone()), ("full_name", String::new()), ("username", "me.lan".into())]).await.unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Vui lòng nhập họ và tên.") && html.contains("Vui lòng đặt mật khẩu."), "{html}");
    assert!(html.contains("value=\"me.lan\""), "what was typed is kept");
    let good = |username: &str, again: &str| {
        vec![
            ("code", code.to_lowercase()),
            ("full_name", "Sùng Thị Lan".to_string()),
            ("username", username.to_string()),
            ("password", "matkhau123".to_string()),
            ("again", again.to_string()),
        ]
    };
    let r = post(good("me.lan", "matkhau124")).await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Hai lần nhập mật khẩu không giống nhau."));
    let r = post(good("phuhuynh", "matkhau123")).await.unwrap();
    assert_eq!(r.status(), 422, "a taken user name");
    assert!(r.text().await.unwrap().contains("id=\"redeem-username-error\""));
    let r = post(good("me.lan", "matkhau123")).await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()[LOCATION], "/");
    let session = set_cookie(&r, "hocba_session").expect("signed in");
    let (status, html) = page(app, "/", &session).await;
    assert_eq!(status, 200);
    assert!(html.contains("Giàng Thị Mỷ"), "{html}");
    let r = post(good("me.lan2", "matkhau123")).await.unwrap();
    assert_eq!(r.status(), 422, "a slip works once");
}

/// `/verify` without JavaScript: the forms, a code typed (its own address), the QR link's
/// verdict, a PDF chosen (a plain multipart form), a changed PDF, nothing chosen.
async fn verification(app: &TestApp, pdf: &[u8], child: &str) {
    let http = browser();
    let r = http.get(app.url("/verify")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("enctype=\"multipart/form-data\"") && html.contains("name=\"ma\""), "{html}");
    assert!(!html.contains("frontend.js"));
    let r = http.get(app.url("/verify?ma=")).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Vui lòng nhập mã kiểm tra."));
    let r = http.get(app.url("/verify?ma=7KQ2 M9XD")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()[LOCATION], "/verify/7KQ2M9XD");

    let principal = app.login("hieutruong").await;
    let docs = app.get_json(&principal, &format!("/api/pupils/{child}/documents")).await;
    let code = docs.as_array().unwrap().iter().find(|d| d["kind"] == "hand_over").unwrap()["code"]
        .as_str()
        .unwrap()
        .to_string();
    let r = http.get(app.url(&format!("/verify/{code}"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("data-verdict=\"authentic\""), "{html}");
    assert!(html.contains("Giàng Thị Mỷ") && html.contains("data-testid=\"verify-record\""));
    let r = http.get(app.url(&format!("/verify/{code}"))).header(ACCEPT_LANGUAGE, "en").send().await.unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("Digital signatures"), "{html}");

    let upload = |bytes: Vec<u8>| form_post(app, "file", "hoc-ba.pdf", bytes);
    let r = upload(pdf.to_vec()).await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("data-verdict=\"authentic\"") && html.contains("hoc-ba.pdf"), "{html}");
    let mut changed = pdf.to_vec();
    // A byte of the binary comment after the header: signed by every signature, still a PDF.
    assert_eq!(changed[9], b'%');
    changed[11] ^= 0x01;
    let html = upload(changed).await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"verify-verdict\" data-verdict=\"modified\""), "a changed file: {html}");
    let r = form_post(app, "other", "", b"1".to_vec()).await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Vui lòng chọn một tệp PDF học bạ."));
}

/// A browser's `multipart/form-data` post of one field to `/verify` (a file when `file_name` is
/// not empty).
async fn form_post(app: &TestApp, field: &str, file_name: &str, bytes: Vec<u8>) -> reqwest::Result<Response> {
    let boundary = "----hocbaFormBoundary7MA4YWxkTrZu0gW";
    let file = if file_name.is_empty() { String::new() } else { format!("; filename=\"{file_name}\"") };
    let mut body =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"{file}\r\nContent-Type: application/pdf\r\n\r\n")
            .into_bytes();
    body.extend_from_slice(&bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    browser()
        .post(app.url("/verify"))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
}

/// The value of the first `attr="…"` after `prefix` in a page.
pub(crate) fn html_value(html: &str, prefix: &str) -> String {
    let start = html.find(prefix).unwrap_or_else(|| panic!("{prefix} in {html}")) + prefix.len();
    html[start..].split('"').next().unwrap().to_string()
}
