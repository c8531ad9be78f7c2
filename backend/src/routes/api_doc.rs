//! What every operation of the OpenAPI description may also answer, and the 405 for a known
//! path asked with a method it does not have.
//!
//! Each handler declares its own answers; these hold for all of them and are added once: 400 (a
//! body, query or header that cannot be read), 401 (no valid session; never from the public
//! operations, declared anyway), 403, 404 (an id that does not exist, or that the caller may not
//! know of), 413 (a body over the limit), 429 (sign-in throttling) and 503 (the database busy, the
//! password workers full; with `Retry-After`).

use hocba_core::api::ErrorBody;
use std::sync::OnceLock;
use utoipa::openapi::path::HttpMethod;
use utoipa::openapi::{ContentBuilder, OpenApi, RefOr, ResponseBuilder};
use utoipa::{Modify, PartialSchema};

pub struct CommonResponses;

/// A raw file body (a spreadsheet, a PDF, an image): `{"type": "string", "format": "binary"}`.
pub struct Binary;

impl PartialSchema for Binary {
    fn schema() -> RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl utoipa::ToSchema for Binary {}

const COMMON: &[(&str, &str)] = &[
    ("400", "The body, a query parameter or a header cannot be read"),
    ("401", "No valid session"),
    ("403", "Not allowed to this user"),
    ("404", "Not found, or not this user's to know of"),
    ("413", "The body is larger than allowed"),
    ("429", "Too many failed sign-ins: wait `Retry-After` seconds"),
    ("503", "Busy: try again after `Retry-After` seconds; nothing was written"),
];

impl Modify for CommonResponses {
    fn modify(&self, doc: &mut OpenApi) {
        let error = ContentBuilder::new().schema(Some(ErrorBody::schema())).build();
        for item in doc.paths.paths.values_mut() {
            let ops = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
            for op in ops.into_iter().flatten() {
                for (status, description) in COMMON {
                    if !op.responses.responses.contains_key(*status) {
                        let response =
                            ResponseBuilder::new().description(*description).content("application/json", error.clone());
                        op.responses.responses.insert((*status).to_string(), RefOr::T(response.build()));
                    }
                }
            }
        }
    }
}

/// The methods of the described path `path` matches (empty when none does).
pub fn methods_of(path: &str) -> Vec<&'static str> {
    static TEMPLATES: OnceLock<Vec<(Vec<String>, Vec<&'static str>)>> = OnceLock::new();
    let templates = TEMPLATES.get_or_init(|| {
        let doc = <super::meta::ApiDoc as utoipa::OpenApi>::openapi();
        doc.paths
            .paths
            .iter()
            .map(|(template, item)| {
                let segments = template.split('/').map(str::to_string).collect();
                let mut methods = Vec::new();
                for (method, op) in [
                    (HttpMethod::Get, &item.get),
                    (HttpMethod::Put, &item.put),
                    (HttpMethod::Post, &item.post),
                    (HttpMethod::Delete, &item.delete),
                ] {
                    if op.is_some() {
                        methods.push(match method {
                            HttpMethod::Get => "GET",
                            HttpMethod::Put => "PUT",
                            HttpMethod::Post => "POST",
                            _ => "DELETE",
                        });
                    }
                }
                (segments, methods)
            })
            .collect()
    });
    let asked: Vec<&str> = path.split('/').collect();
    // As the router does: the template with the most literal segments wins
    // (`/api/admin/staff/export` is not `/api/admin/staff/{user_id}`).
    let mut best = 0;
    let mut found = Vec::new();
    for (segments, methods) in templates {
        let matches = segments.len() == asked.len()
            && segments.iter().zip(&asked).all(|(t, a)| (t.starts_with('{') && !a.is_empty()) || t == a);
        if !matches {
            continue;
        }
        let literal = segments.iter().filter(|t| !t.starts_with('{')).count();
        if literal > best {
            best = literal;
            found.clear();
        }
        if literal == best {
            found.extend(methods.iter().copied());
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_paths_name_their_methods() {
        assert_eq!(methods_of("/api/comment-bank"), vec!["GET", "POST"]);
        assert_eq!(methods_of("/api/classes/abc/periods/cuoi_hk1/grid"), vec!["GET"]);
        assert!(methods_of("/api/nothing-here").is_empty());
        assert_eq!(methods_of("/api/admin/staff/export"), vec!["GET"], "the literal path, not /staff/{{user_id}}");
    }

    #[test]
    fn every_operation_declares_the_common_answers() {
        let doc = <super::super::meta::ApiDoc as utoipa::OpenApi>::openapi();
        let login = doc.paths.paths["/api/auth/login"].post.as_ref().expect("login");
        for (status, _) in COMMON {
            assert!(login.responses.responses.contains_key(*status), "{status}");
        }
    }
}
