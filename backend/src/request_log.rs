//! The request log: one span per request with the method, the path (never the query string, which
//! may carry personal data), the socket peer, the client address (behind a trusted proxy, the one it
//! names; see [`crate::peer`]) and the status.

use crate::settings::Settings;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{web, Error};
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RootSpanBuilder};

pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let peer = request.peer_addr().map(|a| a.ip());
        let trusted = request.app_data::<web::Data<Settings>>().map(|s| s.trusted_proxies.clone()).unwrap_or_default();
        let client = crate::peer::client_ip(peer, request.headers(), &trusted);
        let show = |ip: Option<std::net::IpAddr>| ip.map_or_else(|| "-".to_string(), |ip| ip.to_string());
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %request.match_pattern().unwrap_or_default(),
            http.target = %request.path(),
            peer = %show(peer),
            client_ip = %show(client),
            http.status_code = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
            exception.message = tracing::field::Empty,
            exception.details = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}
