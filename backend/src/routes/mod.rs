//! The route table, in one place. Every handler under `/api` except login, logout, health, the
//! OpenAPI description and the public document routes (verification, a school's keys, CA
//! certificates and CRL) takes a `CurrentUser`, so it cannot be reached without a valid session.

pub mod admin;
pub mod api_doc;
pub mod auth;
pub mod batches;
pub mod blocking;
pub mod cached;
pub mod classes;
pub mod comment_bank;
pub mod compression;
pub mod csrf;
pub mod dashboard;
pub mod documents;
pub mod feedback;
pub mod http_error;
pub mod issuing;
pub mod meta;
mod origin;
pub mod pupils;
pub mod reviews;
pub mod session_renewal;
pub mod signing;
pub mod summary;
pub mod token_signing;
pub mod yearend;

use actix_web::web;

/// Raw uploads (spreadsheets, the logo) may be larger than JSON bodies.
fn upload_limit() -> web::PayloadConfig {
    web::PayloadConfig::new(crate::services::admin::spreadsheets::MAX_FILE_BYTES)
}

fn admin_scope() -> actix_web::Scope {
    use admin::{files, people, school, staff, years};
    web::scope("/admin")
        .app_data(upload_limit())
        .route("/school", web::get().to(school::get))
        .route("/school", web::put().to(school::put))
        .route("/school/logo", web::put().to(school::put_logo))
        .route("/years", web::get().to(years::list))
        .route("/years", web::post().to(years::open))
        .route("/years/{year_id}/current", web::post().to(years::make_current))
        .route("/years/{year_id}/classes", web::get().to(years::classes_of_year))
        .route("/years/{year_id}/rollover/preview", web::post().to(years::rollover_preview))
        .route("/years/{year_id}/rollover", web::post().to(years::rollover_apply))
        .route("/years/{year_id}/assignments/export", web::get().to(files::export_assignments))
        .route("/years/{year_id}/assignments/import", web::post().to(files::import_assignments))
        .route("/classes", web::post().to(years::create_class))
        .route("/classes/{class_id}", web::put().to(years::update_class))
        .route("/classes/{class_id}/assignments", web::put().to(years::set_assignments))
        .route("/classes/{class_id}/roster/export", web::get().to(files::export_class_roster))
        .route("/classes/{class_id}/roster/import", web::post().to(files::import_class_roster))
        .route("/staff", web::get().to(staff::list))
        .route("/staff", web::post().to(staff::create))
        .route("/staff/export", web::get().to(files::export_staff))
        .route("/staff/import", web::post().to(files::import_staff))
        .route("/staff/{user_id}", web::put().to(staff::update))
        .route("/staff/{user_id}/deactivate", web::post().to(staff::deactivate))
        .route("/staff/{user_id}/activate", web::post().to(staff::activate))
        .route("/staff/{user_id}/reset-password", web::post().to(staff::reset_password))
        .route("/pupils", web::get().to(people::list))
        .route("/pupils", web::post().to(people::create))
        .route("/pupils/export", web::get().to(files::export_school_roster))
        .route("/pupils/import", web::post().to(files::import_school_roster))
        .route("/pupils/transfer-in", web::post().to(people::transfer_in))
        .route("/pupils/{pupil_id}", web::get().to(people::get))
        .route("/pupils/{pupil_id}", web::put().to(people::update))
        .route("/pupils/{pupil_id}/guardians", web::post().to(people::link))
        .route("/pupils/{pupil_id}/guardians/{parent_id}", web::delete().to(people::unlink))
        .route("/pupils/{pupil_id}/transfer-out", web::post().to(people::transfer_out))
        .route("/pupils/{pupil_id}/imported-years", web::post().to(people::import_years))
        .route("/parents", web::get().to(people::parents))
        .route("/invites", web::post().to(people::invite))
        .default_service(web::to(meta::not_found))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/mau/danh-sach-hoc-sinh.xlsx", web::get().to(admin::files::example_roster));
    cfg.service(
        web::scope("/api")
            // Innermost: error answers worded in the reader's language before anything else sees them.
            .wrap_fn(|req, srv| {
                use actix_web::dev::Service;
                use futures_util::future::FutureExt;
                srv.call(req).map(|res| res.map(http_error::in_readers_language))
            })
            .wrap(crate::headers::api())
            .wrap_fn(|req, srv| {
                use actix_web::dev::Service;
                use futures_util::future::FutureExt;
                srv.call(req).map(|res| {
                    res.map(|mut r| {
                        compression::keep_as_is(&mut r);
                        r
                    })
                })
            })
            .wrap(actix_web::middleware::Compress::default())
            .wrap_fn(|req, srv| {
                use actix_web::dev::Service;
                use futures_util::future::FutureExt;
                srv.call(req).map(|res| {
                    res.map(|mut r| {
                        compression::unmark(&mut r);
                        r
                    })
                })
            })
            .wrap_fn(|req, srv| {
                use actix_web::dev::Service;
                use futures_util::future::FutureExt;
                srv.call(req).map(|res| {
                    res.map(|mut r| {
                        session_renewal::attach(&mut r);
                        r
                    })
                })
            })
            .wrap_fn(|req, srv| {
                use actix_web::dev::Service;
                use futures_util::future::{ready, Either, FutureExt};
                let public_url =
                    req.app_data::<web::Data<crate::documents::Documents>>().and_then(|d| d.public_url.clone());
                match csrf::check(&req, public_url.as_deref()) {
                    Ok(()) => Either::Left(srv.call(req).map(|res| res.map(|r| r.map_into_left_body()))),
                    Err(e) => {
                        let response = http_error::in_readers_language(req.error_response(e)).map_into_right_body();
                        Either::Right(ready(Ok(response)))
                    }
                }
            })
            // The reads under load first: actix tries the routes in order, matching each pattern.
            // A pupil's results: parents of the pupil, the pupil's teachers, the principal.
            .route("/pupils/{pupil_id}/results", web::get().to(pupils::results))
            .route("/classes/{class_id}/periods/{period}/grid", web::get().to(classes::grid))
            .route("/me", web::get().to(auth::me))
            .route("/verify/{code}", web::get().to(documents::verify_code))
            // public
            .route("/health", web::get().to(meta::health))
            .route("/openapi.json", web::get().to(meta::openapi))
            .route("/auth/login", web::post().to(auth::login))
            .route("/auth/session", web::get().to(auth::session))
            .route("/auth/logout", web::post().to(auth::logout))
            .route("/auth/logout-all", web::post().to(auth::logout_all))
            .route("/auth/password", web::post().to(auth::change_password))
            .route("/auth/redeem", web::post().to(auth::redeem))
            .service(
                web::resource("/verify")
                    .app_data(web::PayloadConfig::new(documents::MAX_VERIFY_BYTES))
                    .route(web::post().to(documents::verify_upload)),
            )
            .route("/schools/{school_id}/jwks.json", web::get().to(documents::jwks))
            .route("/schools/{school_id}/ca.pem", web::get().to(signing::school_ca))
            .route("/schools/{school_id}/crl", web::get().to(signing::school_crl))
            // any signed-in user
            .route("/notifications", web::get().to(reviews::notifications))
            // teachers of the class and the principal
            .route("/classes/{class_id}/pupils", web::get().to(classes::pupils))
            .route("/classes/{class_id}/pupils/{pupil_id}/optional-subjects", web::get().to(classes::optional_subjects))
            .route(
                "/classes/{class_id}/pupils/{pupil_id}/optional-subjects",
                web::put().to(classes::set_optional_subjects),
            )
            .route("/classes/{class_id}/periods/{period}/pupils/{pupil_id}", web::put().to(classes::write_row))
            .route("/classes/{class_id}/periods/{period}/pupils/{pupil_id}/history", web::get().to(classes::history))
            .route("/classes/{class_id}/periods/{period}/cells", web::put().to(classes::write_bulk))
            .route("/classes/{class_id}/periods/{period}/submit", web::post().to(reviews::submit))
            .route("/classes/{class_id}/periods/{period}/reopenings", web::get().to(reviews::reopenings))
            .route("/classes/{class_id}/periods/{period}/feedback", web::get().to(feedback::class_feedback))
            .route("/classes/{class_id}/periods/{period}/summary", web::get().to(summary::json))
            .route("/classes/{class_id}/periods/{period}/summary.xlsx", web::get().to(summary::xlsx))
            .route("/classes/{class_id}/year-end", web::get().to(yearend::view))
            .route("/classes/{class_id}/year-end", web::put().to(yearend::write_class))
            .route("/classes/{class_id}/year-end/{pupil_id}", web::put().to(yearend::write))
            .route("/classes/{class_id}/year-end/{pupil_id}/awards", web::post().to(yearend::add_award))
            .route("/classes/{class_id}/year-end/{pupil_id}/awards/{award_id}", web::delete().to(yearend::remove_award))
            // teachers: their own comment bank
            .route("/comment-bank", web::get().to(comment_bank::list))
            .route("/comment-bank", web::post().to(comment_bank::add))
            .route("/comment-bank/{id}", web::delete().to(comment_bank::remove))
            // principal
            .route("/reviews", web::get().to(reviews::list))
            .route("/dashboard", web::get().to(dashboard::json))
            .route("/dashboard.xlsx", web::get().to(dashboard::xlsx))
            .route("/reviews/approve-all/{period}", web::get().to(reviews::approve_all_preview))
            .route("/reviews/approve-all/{period}", web::post().to(reviews::approve_all))
            .route("/classes/{class_id}/periods/{period}/approve", web::post().to(reviews::approve))
            .route("/classes/{class_id}/periods/{period}/checklist", web::get().to(reviews::checklist))
            .route("/classes/{class_id}/periods/{period}/return", web::post().to(reviews::return_record))
            .route(
                "/classes/{class_id}/periods/{period}/pupils/{pupil_id}/reopen",
                web::post().to(reviews::reopen_pupil),
            )
            .route(
                "/classes/{class_id}/periods/{period}/pupils/{pupil_id}/approve",
                web::post().to(reviews::reapprove_pupil),
            )
            .route("/classes/{class_id}/year-end/{pupil_id}/decision", web::put().to(yearend::decide))
            // a parent of the pupil: the approved periodic points, "Đã xem", replies to the teacher
            .route("/pupils/{pupil_id}/periods", web::get().to(feedback::periods))
            .route("/pupils/{pupil_id}/periods/{period}/seen", web::post().to(feedback::seen))
            .route("/pupils/{pupil_id}/periods/{period}/replies", web::post().to(feedback::reply))
            .route("/pupils/{pupil_id}/hoc-ba.pdf", web::get().to(documents::hand_over_pdf))
            .route("/pupils/{pupil_id}/documents", web::get().to(documents::list))
            .route("/pupils/{pupil_id}/credentials.json", web::get().to(documents::credentials))
            .route("/pupils/{pupil_id}/years/{school_year}/record.pdf", web::get().to(documents::record_pdf))
            .route("/pupils/{pupil_id}/years/{school_year}/record.xml", web::get().to(documents::record_xml))
            .route(
                "/pupils/{pupil_id}/years/{school_year}/record.xml.p7s",
                web::get().to(documents::record_xml_signature),
            )
            .route("/documents/{document_id}/revoke", web::post().to(documents::revoke))
            .route("/classes/{class_id}/hand-over-batch", web::post().to(batches::start))
            .route("/classes/{class_id}/hand-over-batch", web::get().to(batches::latest))
            .route("/batches/{batch_id}", web::get().to(batches::progress))
            .route("/batches/{batch_id}/download", web::get().to(batches::download))
            .route("/pupils/{pupil_id}/hoc-ba.xml", web::get().to(pupils::hoc_ba_xml))
            .route("/school/logo", web::get().to(admin::school::logo))
            // principal and admin: the school's signers
            .route("/signing/readiness", web::get().to(signing::readiness))
            .route("/signing/setup", web::get().to(signing::setup))
            .route("/signing/trusted-cas", web::get().to(signing::trusted_cas))
            .route("/signing/trusted-cas", web::post().to(signing::trust_ca))
            // a signer whose key is on a USB token (`hocba sign`)
            .route("/signing/pending", web::get().to(token_signing::pending))
            .route("/signing/pending/{document_id}", web::post().to(token_signing::upload))
            // school administration: admin and principal
            .service(admin_scope())
            .default_service(web::to(meta::not_found)),
    );
}
