//! Building the application: data folder, database, keys, documents, then the HTTP server.
//! `Application::build` binds first so tests can ask for port 0 and read the real port.

use crate::auth::Keys;
use crate::bootstrap::{self, FirstStart};
use crate::db::connection::Backend;
use crate::db::Db;
use crate::documents::Documents;
use crate::routes;
use crate::routes::http_error::{json_error_handler, path_error_handler, query_error_handler};
use crate::settings::Settings;
use crate::signing::tsa::{HttpTsa, LocalTsa, Timestamper};
use actix_web::dev::Server;
use actix_web::{web, App, HttpServer};
use secrecy::ExposeSecret;
use std::net::TcpListener;
use tracing_actix_web::TracingLogger;

pub struct Application {
    port: u16,
    server: Server,
    pub first_start: FirstStart,
}

/// Opens the data folder and database and prepares everything the server shares.
pub struct Prepared {
    pub db: Db,
    pub keys: Keys,
    pub documents: Documents,
    /// Opens the signers' private keys stored in the database.
    pub signing_secret: crate::signing::SigningSecret,
    pub first_start: FirstStart,
}

pub fn prepare(settings: &Settings) -> anyhow::Result<Prepared> {
    // The data folder and the SQLite database (with its WAL) are the owner's only.
    crate::fsutil::private_dir(&settings.data_dir)?;
    // Before anything is written: without the key secret the server does not start.
    let signing_secret = crate::signing::SigningSecret::from_settings(settings)?;
    let url = settings.database_url();
    let mut db = Db::open(&url)?;
    if let Some(read_url) = &settings.database_read_url {
        db = db.with_replica(read_url.expose_secret())?;
    }
    match &settings.database_watch_url {
        Some(listen_url) if db.backend() == Backend::Postgres => db.watch_epochs(listen_url.expose_secret(), &url),
        _ => db.watch_epochs(&url, &url),
    }
    if !url.starts_with("postgres") {
        let files: Vec<std::path::PathBuf> =
            ["", "-wal", "-shm"].iter().map(|suffix| std::path::PathBuf::from(format!("{url}{suffix}"))).collect();
        crate::fsutil::restrict(&files)?;
    }
    let first_start = bootstrap::first_start(&db, settings.demo, &settings.data_dir)?;
    let secret = match &settings.jwt_secret {
        Some(s) => s.expose_secret().as_bytes().to_vec(),
        None => Keys::load_or_create_secret(&settings.data_dir)?,
    };
    let keys = Keys::new(&secret, settings.session_hours, settings.idle_minutes);
    let renderer = match &settings.pdf_template_dir {
        Some(dir) => hocba_pdf::Renderer::from_dir(dir)?,
        None => hocba_pdf::Renderer::new()?,
    };
    let documents = Documents {
        renderer,
        public_url: settings.public_url.clone().filter(|u| !u.trim().is_empty()),
        tsa: timestamper(settings)?,
    };
    if matches!(first_start, FirstStart::Demo) {
        // The demo school can sign out of the box: test certificates, as `hocba keys init` makes them.
        db.write(|c| {
            let (school_id, _) = crate::services::signers::keystore::school(c, None)?;
            let public_url = documents.public_base().ok();
            crate::services::signers::keystore::init_test_keys(c, &signing_secret, &school_id, public_url.as_deref())
        })?;
    } else if let Err(e) = db.read(|c| crate::services::signers::keystore::check_secret(c, &signing_secret)) {
        // Serve anyway (everything but signing works); signing answers the same error.
        tracing::error!("{e}");
    }
    Ok(Prepared { db, keys, documents, signing_secret, first_start })
}

/// The configured timestamp authority; without one, hocba's own test authority in the process for
/// the demo (kept in `<data>/test-tsa/`, and used again with that data folder), so its documents
/// are long-term (PAdES B-LTA) at once.
fn timestamper(settings: &Settings) -> anyhow::Result<Option<Timestamper>> {
    if let Some(url) = settings.tsa_url.clone().filter(|u| !u.trim().is_empty()) {
        return Ok(Some(Timestamper::Http(HttpTsa { url })));
    }
    let dir = settings.data_dir.join("test-tsa");
    if !settings.demo && !dir.exists() {
        return Ok(None);
    }
    Ok(Some(Timestamper::Local(Box::new(LocalTsa::load_or_create(&dir)?))))
}

/// The demo's public address: the bound one (the loopback address when bound to every interface).
fn demo_public_url(addr: std::net::SocketAddr) -> String {
    let ip = if addr.ip().is_unspecified() { std::net::IpAddr::from([127, 0, 0, 1]) } else { addr.ip() };
    format!("http://{}", std::net::SocketAddr::new(ip, addr.port()))
}

impl Application {
    pub fn build(mut settings: Settings) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(&settings.bind)?;
        let port = listener.local_addr()?.port();
        if settings.demo && settings.public_url.as_deref().is_none_or(|u| u.trim().is_empty()) {
            // The demo prints its own address in verification links (a real school sets public_url).
            settings.public_url = Some(demo_public_url(listener.local_addr()?));
        }
        // Served over HTTPS (behind a TLS proxy): the cookie never travels in clear, and browsers
        // are told to come back only over HTTPS.
        let https =
            settings.public_url.as_deref().is_some_and(|u| u.trim().to_ascii_lowercase().starts_with("https://"));
        settings.secure_cookie |= https;
        let prepared = prepare(&settings)?;
        let db = web::Data::new(prepared.db);
        let keys = web::Data::new(prepared.keys);
        let documents = web::Data::new(prepared.documents);
        let signing_secret = web::Data::new(prepared.signing_secret);
        let settings = web::Data::new(settings);
        let sessions = web::Data::new(crate::auth::SessionCache::new(crate::auth::SESSIONS_KEPT, |_| 1));
        let answers =
            web::Data::new(crate::routes::cached::AnswerCache::new(settings.answer_cache_mb << 20, |b| b.len()));
        let sign_in = web::Data::new(crate::auth::SignInGuard::new(
            crate::auth::throttle::Policy::default(),
            crate::auth::hashing::PasswordWorkers::for_this_machine(),
        ));
        // Batches a crash or restart interrupted go on where they stopped.
        for job_id in db.read(crate::services::batches::unfinished)? {
            crate::services::batches::run_in_background(
                db.get_ref().clone(),
                documents.clone().into_inner(),
                signing_secret.clone().into_inner(),
                job_id,
                crate::services::batches::zip_dir(&settings.data_dir),
            );
        }
        let server = HttpServer::new(move || {
            App::new()
                .wrap(crate::headers::everywhere(https))
                .wrap(TracingLogger::<crate::request_log::RequestSpan>::new())
                .app_data(db.clone())
                .app_data(keys.clone())
                .app_data(documents.clone())
                .app_data(signing_secret.clone())
                .app_data(settings.clone())
                .app_data(sign_in.clone())
                .app_data(sessions.clone())
                .app_data(answers.clone())
                .app_data(web::JsonConfig::default().limit(256 * 1024).error_handler(json_error_handler))
                .app_data(web::PathConfig::default().error_handler(path_error_handler))
                .app_data(web::QueryConfig::default().error_handler(query_error_handler))
                .configure(routes::configure)
                .configure(crate::pages::configure)
                .default_service(web::to(crate::pages::shell::app))
        })
        .listen(listener)?
        .run();
        Ok(Application { port, server, first_start: prepared.first_start })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
