//! The staff's app, answered for every path of the app (the default service): with a signed-in
//! user, the page carries the answer of `GET /api/auth/session` inside, so the app starts without
//! that round trip (a third of a second on a mountain 3G link), and starts the build of the app
//! for the user's roles (`assets::AppBuild`: teachers and parents get the one without the school
//! managers' screens). Files and the API go to `assets::serve_asset` as before.

use crate::assets;
use crate::auth::CurrentUser;
use crate::db::Db;
use crate::routes::blocking;
use crate::services::users;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use hocba_core::api::SessionState;

/// The id of the inline session in the app's page (read by the app's `SessionProvider`).
pub const SESSION_ELEMENT: &str = "hocba-session";

/// The default service: the app's page (with the session when signed in), a file, or the API's 404.
pub async fn app(req: HttpRequest) -> HttpResponse {
    if !assets::is_app_route(&req) {
        return assets::serve_asset(req).await;
    }
    match CurrentUser::extract(&req).await {
        Ok(user) => for_user(req, user).await,
        Err(_) => assets::serve_asset(req).await,
    }
}

/// The app's page for `user`, with their session inside.
pub async fn for_user(req: HttpRequest, user: CurrentUser) -> HttpResponse {
    let Some(db) = req.app_data::<web::Data<Db>>().cloned() else {
        return assets::serve_asset(req).await;
    };
    let build = assets::AppBuild::for_staff(user.is_school_manager(), req.path());
    match blocking::read(&db, move |c| users::me(c, &user)).await {
        Ok(me) => match serde_json::to_string(&SessionState { me: Some(me) }) {
            Ok(json) => assets::index_with(&req, build, SESSION_ELEMENT, &json),
            Err(_) => assets::serve_asset(req).await,
        },
        Err(_) => assets::serve_asset(req).await,
    }
}
