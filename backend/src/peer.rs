//! Who is on the other end of a request: the socket peer, and the client behind a reverse proxy
//! only when that peer is a proxy the school listed (`trusted_proxies`). `Forwarded` and
//! `X-Forwarded-For` from anyone else are ignored: they are the client's own words.

use actix_web::http::header::HeaderMap;
use std::net::IpAddr;

/// The client of `req`, with the `trusted_proxies` of the server's settings.
pub fn client_of(req: &actix_web::HttpRequest) -> Option<IpAddr> {
    let trusted = req
        .app_data::<actix_web::web::Data<crate::settings::Settings>>()
        .map(|s| s.trusted_proxies.as_slice())
        .unwrap_or_default();
    client_ip(req.peer_addr().map(|a| a.ip()), req.headers(), trusted)
}

/// The client's address: the peer's, or, when the peer is a trusted proxy, the nearest address
/// of the `Forwarded: for=` (else `X-Forwarded-For`) chain that is not itself a trusted proxy.
pub fn client_ip(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let chain = forwarded_for(headers);
    // Walk from the nearest hop back: the first address not ours is the client.
    for hop in chain.iter().rev() {
        if !trusted.contains(hop) {
            return Some(*hop);
        }
    }
    Some(chain.first().copied().unwrap_or(peer))
}

/// The `for=` addresses of `Forwarded` (RFC 7239), else those of `X-Forwarded-For`, oldest first.
fn forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    let values = |name: &str| -> Vec<String> {
        headers.get_all(name).filter_map(|v| v.to_str().ok()).map(str::to_string).collect()
    };
    let forwarded: Vec<IpAddr> = values("forwarded")
        .iter()
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (key, value) = pair.trim().split_once('=')?;
                key.eq_ignore_ascii_case("for").then(|| parse_node(value))?
            })
        })
        .collect();
    if !forwarded.is_empty() {
        return forwarded;
    }
    values("x-forwarded-for").iter().flat_map(|v| v.split(',')).filter_map(parse_node).collect()
}

/// An address as a proxy writes it: `192.0.2.1`, `"[2001:db8::1]:4711"`, `192.0.2.1:80`.
fn parse_node(value: &str) -> Option<IpAddr> {
    let v = value.trim().trim_matches('"');
    if let Ok(ip) = v.parse() {
        return Some(ip);
    }
    if let Some(rest) = v.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    v.rsplit_once(':').and_then(|(host, _)| host.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(HeaderName::from_bytes(k.as_bytes()).expect("name"), HeaderValue::from_str(v).expect("value"));
        }
        map
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn forwarded_headers_count_only_from_trusted_proxies() {
        let spoofed = headers(&[("X-Forwarded-For", "203.0.113.9"), ("Forwarded", "for=203.0.113.9")]);
        // Nobody trusted: the socket peer, whatever the headers say.
        assert_eq!(client_ip(Some(ip("198.51.100.7")), &spoofed, &[]), Some(ip("198.51.100.7")));
        // A trusted proxy: the client it names.
        let proxy = [ip("10.0.0.2")];
        assert_eq!(client_ip(Some(ip("10.0.0.2")), &spoofed, &proxy), Some(ip("203.0.113.9")));
        // A client that prepends its own forged hop does not get past the proxy's own entry.
        let chain = headers(&[("X-Forwarded-For", "1.2.3.4, 198.51.100.7")]);
        assert_eq!(client_ip(Some(ip("10.0.0.2")), &chain, &proxy), Some(ip("198.51.100.7")));
        let rfc = headers(&[("Forwarded", "for=\"[2001:db8::1]:4711\";proto=https, for=10.0.0.3")]);
        let proxies = [ip("10.0.0.2"), ip("10.0.0.3")];
        assert_eq!(client_ip(Some(ip("10.0.0.2")), &rfc, &proxies), Some(ip("2001:db8::1")));
        assert_eq!(client_ip(None, &spoofed, &proxy), None);
    }
}
