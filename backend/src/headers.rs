//! Security headers on every answer: a Content-Security-Policy that allows scripts, styles and
//! connections only from the server itself (the wasm app needs `'wasm-unsafe-eval'` to compile
//! its module; there is no inline script), no framing by other sites, no MIME sniffing and no
//! referrer; and `Cache-Control: no-store` on the API, whose answers are personal (a route that
//! sets its own, such as a public CRL, keeps it). Behind HTTPS (an https `public_url`) also HSTS,
//! and the session cookie is `Secure`.

use actix_web::middleware::DefaultHeaders;

/// The policy: everything from this origin only; images also as `data:` (the QR codes);
/// Yew's `style` attributes need inline styles.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; \
     manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/// `Strict-Transport-Security` when the public address is https: one year.
pub const HSTS: &str = "max-age=31536000";

/// Headers of every answer (kept when a handler set its own); with `https` (the public address
/// is https, a TLS proxy in front) also HSTS.
pub fn everywhere(https: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "no-referrer"));
    if https {
        headers.add(("Strict-Transport-Security", HSTS))
    } else {
        headers
    }
}

/// Headers of the API's answers.
pub fn api() -> DefaultHeaders {
    DefaultHeaders::new().add(("Cache-Control", "no-store"))
}
