//! Sessions, health, the OpenAPI description, the SPA and the first start without demo data.

use hocba_tests::{assert_error, Db, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn login_sets_an_http_only_strict_cookie_that_authenticates() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let r = app
        .http
        .post(app.url("/api/auth/login"))
        .json(&json!({"username": "phuhuynh", "password": "demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("hocba_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_string();
    let me: Value =
        app.http.get(app.url("/api/me")).header("cookie", &pair).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["role"], "parent");
    assert_eq!(me["children"].as_array().unwrap().len(), 1);
    // A state-changing request with the session cookie from another site is refused (CSRF), and
    // changes nothing; from the app's own origin it goes through.
    let r = app
        .http
        .post(app.url("/api/auth/logout"))
        .header("cookie", &pair)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_error(r, 403, "forbidden", Some("Origin")).await;
    let r = app.http.get(app.url("/api/me")).header("cookie", &pair).send().await.unwrap();
    assert_eq!(r.status(), 200, "the cross-site request ended nothing");
    // From the app's own origin but neither JSON nor the app's header (a form could send that): refused.
    let r = app
        .http
        .post(app.url("/api/auth/logout"))
        .header("cookie", &pair)
        .header("origin", &app.base)
        .header("content-type", "text/plain")
        .send()
        .await
        .unwrap();
    assert_error(r, 403, "forbidden", Some("Origin")).await;
    let r = app
        .http
        .post(app.url("/api/auth/logout"))
        .header("cookie", &pair)
        .header("origin", &app.base)
        .header(hocba_core::api::CLIENT_HEADER, "web")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let cleared = r.headers()["set-cookie"].to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    // Logout ends this session for good: a copy of the old cookie no longer works; the same
    // user's other session (another device) goes on; signing in again works.
    let r = app.http.get(app.url("/api/me")).header("cookie", &pair).send().await.unwrap();
    assert_eq!(r.status(), 401, "the token is refused after logout");
    let phone = app.login("phuhuynh").await;
    let laptop = app.login("phuhuynh").await;
    let r = app.http.post(app.url("/api/auth/logout")).bearer_auth(&laptop).send().await.unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(app.get(&laptop, "/api/me").await.status(), 401, "the bearer token of the ended session");
    assert_eq!(app.get(&phone, "/api/me").await.status(), 200, "the other device stays signed in");
    let r =
        app.http.post(app.url("/api/auth/login")).json(&json!({"username": "", "password": "x"})).send().await.unwrap();
    assert_error(r, 422, "validation", Some("username")).await;
    // Who is signed in: 200 either way (a public page's first question shows no error).
    let r = app.http.get(app.url("/api/auth/session")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap(), json!({"me": null}));
    let signed_in: Value = app.get(&phone, "/api/auth/session").await.json().await.unwrap();
    assert_eq!(signed_in["me"]["role"], "parent");
    let ended: Value = app.get(&laptop, "/api/auth/session").await.json().await.unwrap();
    assert_eq!(ended["me"], Value::Null, "an ended session is no session");
}

#[tokio::test]
async fn health_openapi_and_spa() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let health: Value = app.http.get(app.url("/api/health")).send().await.unwrap().json().await.unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["database"], "sqlite");
    let doc: Value = app.http.get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/health", "get"),
        ("/api/openapi.json", "get"),
        ("/api/auth/login", "post"),
        ("/api/auth/logout", "post"),
        ("/api/me", "get"),
        ("/api/classes/{class_id}/pupils", "get"),
        ("/api/classes/{class_id}/periods/{period}/grid", "get"),
        ("/api/classes/{class_id}/periods/{period}/pupils/{pupil_id}", "put"),
        ("/api/classes/{class_id}/periods/{period}/submit", "post"),
        ("/api/classes/{class_id}/periods/{period}/approve", "post"),
        ("/api/classes/{class_id}/periods/{period}/checklist", "get"),
        ("/api/classes/{class_id}/periods/{period}/return", "post"),
        ("/api/reviews", "get"),
        ("/api/pupils/{pupil_id}/results", "get"),
        ("/api/pupils/{pupil_id}/hoc-ba.pdf", "get"),
        ("/api/auth/redeem", "post"),
        ("/api/classes/{class_id}/periods/{period}/cells", "put"),
        ("/api/admin/school", "put"),
        ("/api/admin/school/logo", "put"),
        ("/api/school/logo", "get"),
        ("/api/admin/years/{year_id}/rollover", "post"),
        ("/api/admin/staff/{user_id}/deactivate", "post"),
        ("/api/admin/pupils", "get"),
        ("/api/admin/pupils/{pupil_id}/guardians/{parent_id}", "delete"),
        ("/api/admin/invites", "post"),
        ("/api/admin/classes/{class_id}/roster/import", "post"),
        ("/api/admin/classes/{class_id}/roster/export", "get"),
        ("/api/admin/pupils/import", "post"),
        ("/api/admin/staff/import", "post"),
        ("/api/admin/years/{year_id}/assignments/import", "post"),
        ("/api/classes/{class_id}/year-end", "get"),
        ("/api/classes/{class_id}/year-end", "put"),
        ("/api/classes/{class_id}/year-end/{pupil_id}", "put"),
        ("/api/classes/{class_id}/year-end/{pupil_id}/decision", "put"),
        ("/api/classes/{class_id}/year-end/{pupil_id}/awards", "post"),
        ("/api/classes/{class_id}/year-end/{pupil_id}/awards/{award_id}", "delete"),
        ("/api/classes/{class_id}/periods/{period}/summary", "get"),
        ("/api/classes/{class_id}/periods/{period}/summary.xlsx", "get"),
        ("/api/comment-bank", "get"),
        ("/api/comment-bank", "post"),
        ("/api/comment-bank/{id}", "delete"),
        ("/api/classes/{class_id}/periods/{period}/pupils/{pupil_id}/reopen", "post"),
        ("/api/classes/{class_id}/periods/{period}/pupils/{pupil_id}/approve", "post"),
        ("/api/classes/{class_id}/periods/{period}/reopenings", "get"),
        ("/api/reviews/approve-all/{period}", "get"),
        ("/api/reviews/approve-all/{period}", "post"),
        ("/api/dashboard", "get"),
        ("/api/dashboard.xlsx", "get"),
        ("/api/notifications", "get"),
        ("/api/signing/readiness", "get"),
        ("/api/pupils/{pupil_id}/documents", "get"),
        ("/api/pupils/{pupil_id}/years/{school_year}/record.pdf", "get"),
        ("/api/pupils/{pupil_id}/years/{school_year}/record.xml", "get"),
        ("/api/pupils/{pupil_id}/years/{school_year}/record.xml.p7s", "get"),
        ("/api/documents/{document_id}/revoke", "post"),
        ("/api/verify", "post"),
        ("/api/verify/{code}", "get"),
        ("/api/signing/pending", "get"),
        ("/api/signing/pending/{document_id}", "post"),
        ("/api/classes/{class_id}/hand-over-batch", "post"),
        ("/api/classes/{class_id}/hand-over-batch", "get"),
        ("/api/admin/pupils/{pupil_id}/imported-years", "post"),
        ("/api/signing/trusted-cas", "get"),
        ("/api/signing/trusted-cas", "post"),
        ("/api/schools/{school_id}/ca.pem", "get"),
        ("/api/batches/{batch_id}", "get"),
        ("/api/batches/{batch_id}/download", "get"),
        ("/api/pupils/{pupil_id}/credentials.json", "get"),
        ("/api/schools/{school_id}/jwks.json", "get"),
        ("/api/schools/{school_id}/crl", "get"),
        ("/api/signing/setup", "get"),
    ] {
        assert!(paths.get(path).and_then(|p| p.get(method)).is_some(), "OpenAPI lacks {method} {path}");
    }
    // 14 paths of the walking skeleton, 33 of the administration, 1 of assessment entry, 9 of
    // the year end (year-end, decisions, awards, summary, comment bank), 8 of the review (reopen
    // and re-approve one pupil, the reopenings, approve all, the dashboard and its XLSX,
    // notifications, the checklist before approving), 8 of the issued documents (signing readiness, a pupil's documents, the yearly
    // record as PDF, XML and the XML's signature, revocation, verification by upload and by code),
    // 2 of signing on a USB token (the signer's pending documents, the upload of a signature), 3 of
    // hand-over batches (start and latest, progress, ZIP), 2 of Open Badges (credentials, the
    // school's keys), 3 of transfers in (imported years, trusted CAs, the school's public CA) and 2
    // of long-term validation (the school CA's revocation list, the signing setup) and 3 of
    // sessions (logging out everywhere, changing one's own password, who is signed in) and 4 of
    // parents and the periodic points (a pupil's approved points, seen, a reply; the class's
    // feedback for its teacher).
    assert_eq!(paths.len(), 95, "a path was added or lost: {:?}", paths.keys().collect::<Vec<_>>());
    // The description is consistent: a path parameter is in the path's template (query
    // parameters are declared in the query), and every schema it refers to exists.
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                let in_template = path.contains(&format!("{{{name}}}"));
                assert_eq!(p["in"] == "path", in_template, "{method} {path}: parameter {name} is in {}", p["in"]);
            }
        }
    }
    let text = doc.to_string();
    for reference in text.split("\"$ref\":\"").skip(1).map(|r| r.split('"').next().unwrap()) {
        let name = reference.strip_prefix("#/components/schemas/").expect("a schema reference");
        assert!(doc["components"]["schemas"].get(name).is_some(), "the schema {name} is referred to but missing");
    }
    // Unknown API paths answer JSON 404; other paths fall back to the app's index.html.
    let r = app.http.get(app.url("/api/nothing-here")).send().await.unwrap();
    assert_error(r, 404, "not_found", None).await;
    let r = app.http.get(app.url("/lop/abc/cuoi_nam")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    // Security headers: scripts only from the server (no inline script in the page), no framing.
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'") && !csp.contains("script-src 'self' 'unsafe-inline'"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(r.headers()["x-frame-options"], "DENY");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert_eq!(r.headers()["referrer-policy"], "no-referrer");
    let html = r.text().await.unwrap();
    let boot_path = hocba::assets::path("boot.js");
    assert!(html.contains(&boot_path) && html.contains("lang=\"vi\""), "{html}");
    assert!(!html.contains("<script>") && !html.contains("<script type=\"module\">"), "no inline script: {html}");
    let boot = app.http.get(app.url(&boot_path)).send().await.unwrap();
    assert_eq!(boot.status(), 200);
    assert!(boot.text().await.unwrap().contains(&hocba::assets::path("frontend_bg.wasm")));
    // The API's personal answers are never cached.
    let admin = app.login("admin").await;
    let r = app.get(&admin, "/api/me").await;
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert!(r.headers().contains_key("content-security-policy"));
    let wasm = app.http.get(app.url(&hocba::assets::path("frontend_bg.wasm"))).send().await.unwrap();
    assert_eq!(wasm.status(), 200);
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
}

/// On a slow link every byte counts: JSON answers and the app's files come compressed (brotli when
/// the browser takes it), files that are compressed already (PDF) come as they are.
#[tokio::test]
async fn answers_are_compressed_where_it_helps() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("app");
    let parent = app.login("phuhuynh").await;
    let child = app.get_json(&parent, "/api/me").await["children"][0]["id"].as_str().unwrap().to_string();
    let get = |path: String, coding: &'static str| {
        let (http, url, token) = (app.http.clone(), app.url(&path), parent.clone());
        async move {
            let r = http.get(url).bearer_auth(token).header("accept-encoding", coding).send().await.unwrap();
            let encoding = r.headers().get("content-encoding").map(|v| v.to_str().unwrap().to_string());
            (r.status().as_u16(), encoding, r.bytes().await.unwrap().len())
        }
    };
    let results = format!("/api/pupils/{child}/results");
    let (status, plain_coding, plain) = get(results.clone(), "identity").await;
    assert_eq!((status, plain_coding), (200, None));
    let (_, coding, brotli) = get(results.clone(), "gzip, deflate, br").await;
    assert_eq!(coding.as_deref(), Some("br"));
    assert!(brotli * 3 < plain, "the results JSON: {plain} bytes, {brotli} with brotli");
    let (_, coding, _) = get(results, "gzip").await;
    assert_eq!(coding.as_deref(), Some("gzip"));
    let (status, coding, _) = get(format!("/api/pupils/{child}/hoc-ba.pdf"), "gzip, br").await;
    assert_eq!((status, coding), (200, None), "a PDF is sent as it is");
    let (status, coding, _) = get("/".into(), "gzip, br").await;
    assert_eq!(status, 200);
    assert_eq!(coding.as_deref(), Some("br"), "the page, precompressed");
    let (status, _, _) = get("/favicon.ico".into(), "br").await;
    assert_eq!(status, 404, "no HTML page for a missing icon");
}
