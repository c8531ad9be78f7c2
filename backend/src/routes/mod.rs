//! The route table, in one place. Every handler under `/api` except login, logout, health and
//! the OpenAPI description takes a `CurrentUser`, so it cannot be reached without a valid session.

pub mod auth;
pub mod classes;
pub mod meta;
pub mod pupils;
pub mod reviews;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api")
            // public
            .route("/health", web::get().to(meta::health))
            .route("/openapi.json", web::get().to(meta::openapi))
            .route("/auth/login", web::post().to(auth::login))
            .route("/auth/logout", web::post().to(auth::logout))
            // any signed-in user
            .route("/me", web::get().to(auth::me))
            // teachers of the class and the principal
            .route("/classes/{class_id}/pupils", web::get().to(classes::pupils))
            .route("/classes/{class_id}/periods/{period}/grid", web::get().to(classes::grid))
            .route("/classes/{class_id}/periods/{period}/pupils/{pupil_id}", web::put().to(classes::write_row))
            .route("/classes/{class_id}/periods/{period}/submit", web::post().to(reviews::submit))
            // principal
            .route("/reviews", web::get().to(reviews::list))
            .route("/classes/{class_id}/periods/{period}/approve", web::post().to(reviews::approve))
            .route("/classes/{class_id}/periods/{period}/return", web::post().to(reviews::return_record))
            // parents of the pupil, the pupil's teachers, the principal
            .route("/pupils/{pupil_id}/results", web::get().to(pupils::results))
            .route("/pupils/{pupil_id}/hoc-ba.pdf", web::get().to(pupils::hoc_ba_pdf))
            .default_service(web::to(meta::not_found)),
    );
}
