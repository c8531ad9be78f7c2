//! The API's error answers in the reader's language: English for a reader who chose it (the
//! `hocba_lang` cookie of the switch, else `Accept-Language`), Vietnamese otherwise; the same
//! status, code and field either way, and the translated body is the one compressed.

use hocba_tests::{Db, TestApp};
use reqwest::header::{ACCEPT_ENCODING, ACCEPT_LANGUAGE, CONTENT_ENCODING, CONTENT_TYPE, COOKIE, ORIGIN};
use reqwest::RequestBuilder;
use serde_json::{json, Value};
use std::io::Read;

/// Sends `request` and answers (status, the error's code, field and message).
async fn refusal(request: RequestBuilder) -> (u16, String, Option<String>, String) {
    let r = request.send().await.expect("request");
    let status = r.status().as_u16();
    let gzip = r.headers().get(CONTENT_ENCODING).is_some_and(|v| v == "gzip");
    let bytes = r.bytes().await.expect("body");
    let text = if gzip {
        let mut out = String::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut out).expect("gzip body");
        out
    } else {
        String::from_utf8(bytes.to_vec()).expect("utf-8 body")
    };
    let body: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("JSON error body ({e}): {text}"));
    let field = body["error"]["field"].as_str().map(str::to_string);
    let message = body["error"]["message"].as_str().expect("message").to_string();
    (status, body["error"]["code"].as_str().expect("code").to_string(), field, message)
}

#[tokio::test]
async fn errors_follow_the_readers_language() {
    let Some(app) = TestApp::spawn(Db::Sqlite).await else { return };
    let me = || app.http.get(app.url("/api/me"));

    // Nobody signed in: Vietnamese by default, English when asked, the cookie over the header.
    let (status, code, _, vi) = refusal(me()).await;
    assert_eq!((status, code.as_str()), (401, "unauthenticated"));
    assert_eq!(vi, "Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn.");
    let (status, _, _, en) = refusal(me().header(ACCEPT_LANGUAGE, "en-GB,en;q=0.9")).await;
    assert_eq!((status, en.as_str()), (401, "You are not signed in, or your session has expired."));
    let (_, _, _, chosen) = refusal(me().header(ACCEPT_LANGUAGE, "en").header(COOKIE, "hocba_lang=vi")).await;
    assert_eq!(chosen, vi, "the switch's cookie wins over the browser's header");
    let (_, _, _, chosen) = refusal(me().header(ACCEPT_LANGUAGE, "vi").header(COOKIE, "hocba_lang=en")).await;
    assert_eq!(chosen, en);

    // A body that is not JSON, compressed as asked: the English body is the one compressed.
    let bad = || {
        app.http
            .post(app.url("/api/auth/login"))
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT_ENCODING, "gzip")
            .body("{not json")
    };
    let (status, code, _, en) = refusal(bad().header(ACCEPT_LANGUAGE, "en")).await;
    assert_eq!((status, code.as_str()), (400, "bad_request"));
    assert!(en.starts_with("The data sent is not valid JSON: "), "{en}");
    let (_, _, _, vi) = refusal(bad()).await;
    assert!(vi.starts_with("Dữ liệu gửi lên không đúng định dạng: "), "{vi}");

    // A rule of a use case, with its field.
    let principal = app.login("hieutruong").await;
    let id = app.get_json(&principal, "/api/me").await["id"].as_str().expect("id").to_string();
    let reset = |lang: &str| {
        app.http
            .post(app.url(&format!("/api/admin/staff/{id}/reset-password")))
            .bearer_auth(&principal)
            .header(ACCEPT_LANGUAGE, lang)
            .json(&json!({}))
    };
    let (status, code, _, en) = refusal(reset("en")).await;
    assert_eq!((status, code.as_str()), (409, "own_account"));
    assert!(en.starts_with("Your own password is not reset here"), "{en}");
    let (_, _, _, vi) = refusal(reset("vi")).await;
    assert!(vi.starts_with("Không tự đặt lại mật khẩu của mình"), "{vi}");
    let years = app.get_json(&principal, "/api/admin/years").await;
    let year = years.as_array().and_then(|l| l.iter().find(|y| y["is_current"] == true)).expect("current year");
    let empty_class = |lang: &str| {
        app.http
            .post(app.url("/api/admin/classes"))
            .bearer_auth(&principal)
            .header(ACCEPT_LANGUAGE, lang)
            .json(&json!({"school_year_id": year["id"], "name": "  ", "grade": 3}))
    };
    let (status, code, field, en) = refusal(empty_class("en")).await;
    assert_eq!(
        (status, code.as_str(), field.as_deref(), en.as_str()),
        (422, "validation", Some("name"), "Enter the class's name.")
    );

    // A rule of core on an assessment: both languages come from core's catalogues.
    let teacher = app.login("gvcn5a").await;
    let class_id = hocba_tests::concurrency::class_named(&app, &teacher, "5A").await;
    let grid = app.get_json(&teacher, &format!("/api/classes/{class_id}/periods/cuoi_nam/grid")).await;
    let pupil = grid["rows"][0]["pupil"]["id"].as_str().expect("a pupil").to_string();
    let score = |lang: &str| {
        app.http
            .put(app.url(&format!("/api/classes/{class_id}/periods/cuoi_nam/pupils/{pupil}")))
            .bearer_auth(&teacher)
            .header(ACCEPT_LANGUAGE, lang)
            .json(&json!({"subjects": [{"subject": "toan", "level": "T", "score": 11}]}))
    };
    let (status, code, field, en) = refusal(score("en")).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (422, "validation", Some("subjects.toan.score")));
    let (_, _, _, vi) = refusal(score("vi")).await;
    assert_ne!(en, vi);
    assert_eq!(vi, hocba_core::messages::score_error(hocba_core::rules::ScoreError::OutOfRange));
    assert_eq!(en, hocba_core::messages::en::score_error(hocba_core::rules::ScoreError::OutOfRange));

    // Another HTTP method on a described path (405), and a cross-site write refused before routing.
    let (status, code, _, en) =
        refusal(app.http.delete(app.url("/api/me")).bearer_auth(&principal).header(ACCEPT_LANGUAGE, "en")).await;
    assert_eq!((status, code.as_str()), (405, "method_not_allowed"));
    assert!(en.starts_with("This address does not accept that HTTP method"), "{en}");
    let cross_site = app
        .http
        .post(app.url("/api/auth/logout"))
        .header(COOKIE, format!("hocba_session={principal}; hocba_lang=en"))
        .header(ORIGIN, "https://elsewhere.example")
        .json(&json!({}));
    let (status, _, field, en) = refusal(cross_site).await;
    assert_eq!((status, field.as_deref()), (403, Some("Origin")));
    assert!(en.starts_with("A request that changes data must come from the school's own hocba pages"), "{en}");
}

/// The staff's screens in English too: a pupil form refused by core's checks, a spreadsheet's
/// problems (the file itself, then its rows), and a verification's detail lines.
#[tokio::test]
async fn staff_checks_and_verification_follow_the_readers_language() {
    use hocba_core::messages::checks;
    use hocba_core::Lang;
    let Some(app) = TestApp::spawn(Db::Sqlite).await else { return };
    let admin = app.login("admin").await;

    // The pupil form: core's check, worded in each language, naming its field.
    let pupil = |lang: &str| {
        app.http.post(app.url("/api/admin/pupils")).bearer_auth(&admin).header(ACCEPT_LANGUAGE, lang).json(&json!({
            "national_id": "12345", "full_name": "Vàng Thị Mai", "gender": "nu",
            "birth_date": "2017-03-04", "ethnicity": "H'Mông", "nationality": "Việt Nam"
        }))
    };
    let (status, code, field, en) = refusal(pupil("en")).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (422, "validation", Some("national_id")));
    assert_eq!(en, checks::national_id_invalid("12345").get(Lang::En));
    let (_, _, _, vi) = refusal(pupil("vi")).await;
    assert_eq!(vi, checks::national_id_invalid("12345").get(Lang::Vi));

    // A spreadsheet's problems: a file that is no spreadsheet, then rows with a bad phone number
    // and a bad role. Each import answers 422 with its report; nothing is written.
    let import = |lang: &'static str, body: Vec<u8>| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let r = app
                .http
                .post(app.url("/api/admin/staff/import?dry_run=true"))
                .bearer_auth(&admin)
                .header(ACCEPT_LANGUAGE, lang)
                .header(CONTENT_TYPE, "application/octet-stream")
                .body(body)
                .send()
                .await
                .expect("import");
            assert_eq!(r.status().as_u16(), 422);
            let report: Value = r.json().await.expect("report");
            report["problems"]
                .as_array()
                .expect("problems")
                .iter()
                .map(|p| p["message"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    let binary = vec![0u8, 159, 146, 150, 1, 2, 3];
    assert_eq!(import("en", binary.clone()).await, ["The file cannot be read: it is neither XLSX nor CSV"]);
    assert_eq!(import("vi", binary).await, ["Không đọc được tệp: không phải XLSX hoặc CSV"]);
    let csv = "STT,Tên đăng nhập,Họ và tên,Vai trò,Điện thoại\n1,gv.moi,Lù Văn Páo,Giáo viên,12345\n2,gv.khac,Sùng Thị Dợ,Bếp trưởng,\n";
    let en = import("en", csv.as_bytes().to_vec()).await;
    assert_eq!(en, [checks::phone_invalid("12345").get(Lang::En), checks::role_invalid("Bếp trưởng").get(Lang::En)]);
    let vi = import("vi", csv.as_bytes().to_vec()).await;
    assert_eq!(vi, [checks::phone_invalid("12345").get(Lang::Vi), checks::role_invalid("Bếp trưởng").get(Lang::Vi)]);

    // A verification's detail line: a file that is not a PDF.
    let verify = |lang: &str| {
        app.http.post(app.url("/api/verify")).header(ACCEPT_LANGUAGE, lang).body("not a PDF at all").send()
    };
    let vi: Value = verify("vi").await.expect("verify").json().await.expect("report");
    let en: Value = verify("en").await.expect("verify").json().await.expect("report");
    let (vi, en) = (vi["problem"].as_str().expect("a problem"), en["problem"].as_str().expect("a problem"));
    assert_ne!(vi, en);
    assert_eq!(en, hocba_core::messages::by_lang::verify_problem(Lang::En, vi));
}
