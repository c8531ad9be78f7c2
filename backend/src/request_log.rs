//! The request log: one span per request with the method, the route, the path (never the query string, which
//! may carry personal data), the socket peer, the client address (behind a trusted proxy, the one it
//! names; see [`crate::peer`]) and the status. An error's message may quote what the client sent
//! (a JSON parser naming an unknown value): control characters in it are written escaped
//! (`\u{1b}`), so no request can rewrite the administrator's terminal or forge a log line.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::Error;
use tracing::Span;
use tracing_actix_web::RootSpanBuilder;

pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let peer = request.peer_addr().map(|a| a.ip());
        let client = crate::peer::client_of(request.request());
        let show = |ip: Option<std::net::IpAddr>| ip.map_or_else(|| "-".to_string(), |ip| ip.to_string());
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = tracing::field::Empty,
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
        let (status, error) = match outcome {
            Ok(response) => (response.status(), response.response().error().map(ToString::to_string)),
            Err(e) => (e.as_response_error().status_code(), Some(e.to_string())),
        };
        span.record("http.status_code", status.as_u16());
        // The route is known once routing matched (asked before, actix would match every route
        // pattern a second time, on every request).
        if let Ok(response) = outcome {
            if let Some(route) = response.request().match_pattern() {
                span.record("http.route", tracing::field::display(route));
            }
        }
        if let Some(message) = error {
            span.record("exception.message", tracing::field::display(printable(&message)));
        }
        span.record("otel.status_code", if status.is_server_error() { "ERROR" } else { "OK" });
    }
}

/// `text` with every control character escaped (`\n`, `\u{1b}`), for a log line.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { c.escape_default().collect::<String>() } else { c.to_string() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("môn \u{1b}[31mđỏ\nx"), "môn \\u{1b}[31mđỏ\\nx");
    }
}
