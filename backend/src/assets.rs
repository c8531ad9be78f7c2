//! The web app (built by `build.rs` into `$OUT_DIR/dist`), embedded in the binary and served
//! from the same origin as the API.
//!
//! Route [`serve_asset`] as the app's default service: it answers known files, falls back to
//! `index.html` for client-side routes (`/dang-nhap`, `/lop/…`), and answers unknown `/api/…`
//! paths with a JSON 404.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use sha2::Digest;
use std::borrow::Cow;

#[derive(rust_embed::RustEmbed)]
#[folder = "$OUT_DIR/dist"]
struct Dist;

const INDEX: &str = "index.html";

/// Which build of the app a page starts (see `frontend/src/main.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppBuild {
    /// Every screen: principals and administrators.
    Full,
    /// Without the school managers' screens, about a third lighter: teachers on the year end,
    /// the summary and a pupil's page.
    Teacher,
    /// The teacher's first screens (home and the grid), a quarter lighter again: teachers
    /// everywhere else.
    Grid,
}

impl AppBuild {
    /// The build for a member of staff at `path`: managers get every screen; a teacher the
    /// lightest build that has the screen of `path`.
    pub fn for_staff(manager: bool, path: &str) -> AppBuild {
        if manager {
            return AppBuild::Full;
        }
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        match segments[..] {
            ["lop", _, "cuoi-nam"] | ["lop", _, "tong-hop", _] | ["hoc-sinh", _] => AppBuild::Teacher,
            _ => AppBuild::Grid,
        }
    }

    fn page(self) -> &'static str {
        match self {
            AppBuild::Full => INDEX,
            AppBuild::Teacher => "index_teacher.html",
            AppBuild::Grid => "index_grid.html",
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/asset_names.rs"));

/// The path a page links to for one of the app's files (`style.css` → `/style.1a2b3c4d.css`):
/// content-hashed names change with the content, so browsers keep them for a year.
pub fn path(plain: &str) -> String {
    let served = ASSET_NAMES.iter().find(|(p, _)| *p == plain).map_or(plain, |(_, served)| served);
    format!("/{served}")
}

/// Whether a served name is content-hashed (never changes, cached for a year).
fn immutable(name: &str) -> bool {
    ASSET_NAMES.iter().any(|(plain, served)| *served == name && plain != served)
}

/// Serves an embedded file, `index.html` for any other path outside `/api/` that names no file
/// (the app's own routes have no extension: a missing `/favicon.ico` is a 404, not the page), and
/// a JSON 404 for unknown API paths. Every answer carries an `ETag` and `Cache-Control: no-cache`
/// — except the content-hashed files (`ASSET_NAMES`), kept for a year — and files are sent as the
/// brotli or gzip copy made at build time when the client accepts it.
pub async fn serve_asset(req: HttpRequest) -> HttpResponse {
    let path = req.path();
    if path == "/api" || path.starts_with("/api/") {
        return HttpResponse::NotFound()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .json(serde_json::json!({"error": {"code": "not_found", "message": "Không tìm thấy."}}));
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return HttpResponse::MethodNotAllowed().insert_header((header::ALLOW, "GET, HEAD")).finish();
    }

    let wanted = path.trim_start_matches('/');
    let (name, file) = match Some(wanted).filter(|p| !p.is_empty()).and_then(|p| Dist::get(p).map(|f| (p, f))) {
        Some(found) => found,
        None if names_a_file(wanted) => {
            return HttpResponse::NotFound().insert_header((header::CACHE_CONTROL, "no-cache")).finish();
        }
        None => match Dist::get(INDEX) {
            Some(index) => (INDEX, index),
            None => return HttpResponse::InternalServerError().body("Internal Server Error"),
        },
    };

    let encoded = ["br", "gzip"].into_iter().filter(|coding| accepts(&req, coding)).find_map(|coding| {
        Dist::get(&format!("{name}.{}", if coding == "br" { "br" } else { "gz" })).map(|f| (coding, f))
    });
    let coding = encoded.as_ref().map(|(c, _)| *c);
    let file = encoded.map_or(file, |(_, f)| f);
    let etag = etag(&file.metadata.sha256_hash());

    let not_modified = if_none_match(&req, &etag);
    let mut response = if not_modified {
        HttpResponse::build(StatusCode::NOT_MODIFIED)
    } else {
        let mut ok = HttpResponse::Ok();
        ok.insert_header((header::CONTENT_TYPE, content_type(name)));
        if let Some(coding) = coding {
            ok.insert_header((header::CONTENT_ENCODING, coding));
        }
        ok
    };
    response
        .insert_header((header::ETAG, etag.as_str()))
        .insert_header((
            header::CACHE_CONTROL,
            if immutable(name) { "public, max-age=31536000, immutable" } else { "no-cache" },
        ))
        .insert_header((header::VARY, "Accept-Encoding"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    if not_modified {
        return response.finish();
    }
    match file.data {
        Cow::Borrowed(bytes) => response.body(Bytes::from_static(bytes)),
        Cow::Owned(bytes) => response.body(bytes),
    }
}

/// Whether `serve_asset` answers this request with the app's page (`index.html`): a GET or HEAD
/// outside `/api/` whose path names no file of the app.
pub fn is_app_route(req: &HttpRequest) -> bool {
    let path = req.path();
    let wanted = path.trim_start_matches('/');
    (req.method() == Method::GET || req.method() == Method::HEAD)
        && !(path == "/api" || path.starts_with("/api/"))
        && !names_a_file(wanted)
        && (wanted.is_empty() || Dist::get(wanted).is_none())
}

/// The app's page with `data` (JSON) inside, as `<script type="application/json" id="{id}">`
/// before `</head>`: what the app would otherwise ask for first. Personal, so never stored by
/// shared caches; sent as it is (a few kilobytes), revalidated by its own `ETag`.
pub fn index_with(req: &HttpRequest, build: AppBuild, id: &str, data: &str) -> HttpResponse {
    let Some(index) = Dist::get(build.page()).or_else(|| Dist::get(INDEX)) else {
        return HttpResponse::InternalServerError().body("Internal Server Error");
    };
    let page = String::from_utf8_lossy(&index.data);
    // JSON cannot end the script element early once every `<` is escaped.
    let inline = format!("<script type=\"application/json\" id=\"{id}\">{}</script>\n", data.replace('<', "\\u003c"));
    let body = match page.find("</head>") {
        Some(at) => format!("{}{inline}{}", &page[..at], &page[at..]),
        None => format!("{inline}{page}"),
    };
    let etag = etag(&sha2::Sha256::digest(body.as_bytes()).into());
    let not_modified = if_none_match(req, &etag);
    let mut response = if not_modified { HttpResponse::build(StatusCode::NOT_MODIFIED) } else { HttpResponse::Ok() };
    response
        .insert_header((header::CONTENT_TYPE, content_type(INDEX)))
        .insert_header((header::ETAG, etag.as_str()))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header((header::VARY, "Cookie, Authorization, Accept-Encoding"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    if not_modified {
        return response.finish();
    }
    response.body(body)
}

/// `Content-Type` for a file name; text types get `charset=utf-8`.
fn content_type(name: &str) -> String {
    if name.ends_with(".webmanifest") {
        return "application/manifest+json; charset=utf-8".into();
    }
    if name.ends_with(".wasm") {
        return "application/wasm".into();
    }
    if name.ends_with(".js") || name.ends_with(".mjs") {
        return "text/javascript; charset=utf-8".into();
    }
    let mime = mime_guess::from_path(name).first_or_octet_stream();
    if mime.type_() == mime_guess::mime::TEXT || mime.subtype() == mime_guess::mime::JSON {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

fn etag(hash: &[u8; 32]) -> String {
    let hex: String = hash[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// The last segment of the path has an extension: a file, not a route of the app.
fn names_a_file(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

/// Whether `Accept-Encoding` allows `coding` (named, or `*`; not with `q=0`).
fn accepts(req: &HttpRequest, wanted: &str) -> bool {
    let Some(value) = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    value.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let coding = parts.next().unwrap_or_default().to_ascii_lowercase();
        let refused =
            parts.any(|p| p.strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()).is_some_and(|q| q <= 0.0));
        (coding == wanted || coding == "*") && !refused
    })
}

fn if_none_match(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v: &HeaderValue| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test as at;
    use actix_web::{web, App};

    fn app() -> App<
        impl actix_web::dev::ServiceFactory<
            actix_web::dev::ServiceRequest,
            Config = (),
            Response = actix_web::dev::ServiceResponse,
            Error = actix_web::Error,
            InitError = (),
        >,
    > {
        App::new().default_service(web::to(serve_asset))
    }

    #[actix_web::test]
    async fn spa_routes_get_index_html() {
        let app = at::init_service(app()).await;
        for uri in ["/", "/dang-nhap", "/lop/abc/cuoi_nam"] {
            let res = at::call_service(&app, at::TestRequest::get().uri(uri).to_request()).await;
            assert_eq!(res.status(), StatusCode::OK, "{uri}");
            let ct = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
            assert_eq!(ct, "text/html; charset=utf-8");
            assert_eq!(res.headers().get(header::CACHE_CONTROL).map(|v| v.as_bytes()), Some(&b"no-cache"[..]));
            let body = at::read_body(res).await;
            assert!(std::str::from_utf8(&body).is_ok_and(|s| s.contains(&path("boot.js"))));
        }
    }

    #[actix_web::test]
    async fn wasm_is_served_precompressed_with_its_type_and_kept_for_a_year() {
        let app = at::init_service(app()).await;
        let wasm = path("frontend_bg.wasm");
        assert!(wasm.starts_with("/frontend_bg.") && wasm.ends_with(".wasm") && wasm.len() > "/frontend_bg.wasm".len());
        let encoding = |res: &actix_web::dev::ServiceResponse| {
            res.headers().get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap_or_default().to_string())
        };
        let req = at::TestRequest::get()
            .uri(&wasm)
            .insert_header((header::ACCEPT_ENCODING, "gzip, deflate, br"))
            .to_request();
        let res = at::call_service(&app, req).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers().get(header::CONTENT_TYPE).map(|v| v.as_bytes()), Some(&b"application/wasm"[..]));
        assert_eq!(encoding(&res).as_deref(), Some("br"), "brotli when the browser takes it");
        let cache = res.headers().get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap_or_default().to_string());
        assert_eq!(cache.as_deref(), Some("public, max-age=31536000, immutable"), "a hashed name never changes");
        let brotli = at::read_body(res).await.len();
        let req = at::TestRequest::get().uri(&wasm).insert_header((header::ACCEPT_ENCODING, "gzip")).to_request();
        let res = at::call_service(&app, req).await;
        assert_eq!(encoding(&res).as_deref(), Some("gzip"));
        let etag = res.headers().get(header::ETAG).cloned().expect("etag");
        assert!(at::read_body(res).await.len() > brotli, "brotli is the smaller");

        let req = at::TestRequest::get()
            .uri(&wasm)
            .insert_header((header::ACCEPT_ENCODING, "gzip"))
            .insert_header((header::IF_NONE_MATCH, etag))
            .to_request();
        let res = at::call_service(&app, req).await;
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED);

        let req = at::TestRequest::get().uri(&wasm).to_request();
        let res = at::call_service(&app, req).await;
        assert!(res.headers().get(header::CONTENT_ENCODING).is_none());
        let body = at::read_body(res).await;
        assert_eq!(&body[..4], b"\0asm");
    }

    #[actix_web::test]
    async fn unknown_api_paths_answer_json_404() {
        let app = at::init_service(app()).await;
        let res = at::call_service(&app, at::TestRequest::get().uri("/api/nope").to_request()).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let body: serde_json::Value = at::read_body_json(res).await;
        assert_eq!(body["error"]["code"], "not_found");
        assert_eq!(body["error"]["message"], "Không tìm thấy.");
    }

    #[actix_web::test]
    async fn the_icon_and_manifest_are_served_and_a_missing_file_is_a_404_not_the_page() {
        let app = at::init_service(app()).await;
        let get = |uri: &'static str| at::TestRequest::get().uri(uri).to_request();
        let res = at::call_service(&app, get("/manifest.webmanifest")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            res.headers().get(header::CONTENT_TYPE).map(|v| v.as_bytes()),
            Some(&b"application/manifest+json; charset=utf-8"[..])
        );
        let manifest: serde_json::Value = at::read_body_json(res).await;
        assert_eq!(manifest["name"], "Học bạ số");
        let res = at::call_service(&app, get("/favicon.svg")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let res = at::call_service(&app, get("/favicon.ico")).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "not the HTML page");
    }

    #[test]
    fn a_teacher_gets_the_lightest_build_with_the_screen() {
        use AppBuild::*;
        for (path, build) in [
            ("/", Grid),
            ("/lop/c1/cuoi_nam", Grid),
            ("/lop/c1/giua_hk1", Grid),
            ("/khong-tim-thay", Grid),
            ("/lop/c1/cuoi-nam", Teacher),
            ("/lop/c1/tong-hop/cuoi_hk1", Teacher),
            ("/hoc-sinh/p1", Teacher),
            ("/duyet", Grid),
        ] {
            assert_eq!(AppBuild::for_staff(false, path), build, "{path}");
            assert_eq!(AppBuild::for_staff(true, path), Full, "{path}");
        }
    }

    #[test]
    fn accept_encoding_parsing() {
        let with = |v: &str| at::TestRequest::get().insert_header((header::ACCEPT_ENCODING, v)).to_http_request();
        assert!(accepts(&with("gzip"), "gzip"));
        assert!(accepts(&with("br;q=1.0, gzip;q=0.8"), "gzip"));
        assert!(accepts(&with("br;q=1.0, gzip;q=0.8"), "br"));
        assert!(!accepts(&with("gzip;q=0"), "gzip"));
        assert!(!accepts(&with("br"), "gzip"));
        assert!(accepts(&with("*"), "br"));
        assert!(!accepts(&at::TestRequest::get().to_http_request(), "gzip"));
    }
}
