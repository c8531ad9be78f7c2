//! Two schools for transfer tests: both servers run the same demo, so a pupil "arriving" at the
//! receiving school takes the sending school's identity data, and the receiving school's own
//! demo pupil of that name first gets another national id.

use crate::TestApp;
use serde_json::{json, Value};

/// The id of the first pupil whose name matches `name` (admin search).
pub async fn pupil_named(app: &TestApp, admin: &str, name: &str) -> String {
    let query: String = name
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    let list = app.get_json(admin, &format!("/api/admin/pupils?q={query}")).await;
    list[0]["id"].as_str().unwrap_or_else(|| panic!("{name}: {list}")).to_string()
}

/// The id of the (only) school of a test server, from its database.
pub fn school_id(app: &TestApp) -> String {
    use diesel::prelude::*;
    use hocba::db::schema::schools;
    let mut conn = hocba::db::connection::establish(&app.database_url).unwrap();
    schools::table.select(schools::id).first(&mut conn).unwrap()
}

/// The approved school years of a pupil, oldest first.
pub async fn approved_years(app: &TestApp, token: &str, pupil: &str) -> Vec<String> {
    let results = app.get_json(token, &format!("/api/pupils/{pupil}/results")).await;
    results["years"].as_array().unwrap().iter().map(|y| y["school_year"].as_str().unwrap().to_string()).collect()
}

/// Enrols at `to` the pupil `from_pupil` of `from` (same identity data, in the class of the
/// receiving school's own pupil of that name, who gets `other_national_id`); answers the new id.
pub async fn arrive(
    (from, from_admin): (&TestApp, &str),
    (to, to_admin): (&TestApp, &str),
    from_pupil: &str,
    other_national_id: &str,
) -> String {
    let identity = from.get_json(from_admin, &format!("/api/admin/pupils/{from_pupil}")).await["data"].clone();
    let own = pupil_named(to, to_admin, identity["full_name"].as_str().unwrap()).await;
    let profile = to.get_json(to_admin, &format!("/api/admin/pupils/{own}")).await;
    let mut data = profile["data"].clone();
    data["national_id"] = json!(other_national_id);
    let r = to.put(to_admin, &format!("/api/admin/pupils/{own}"), data).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let body = json!({
        "date": "2026-11-25",
        "from_school": "Trường Tiểu học Bản Lầu",
        "pupil": {
            "national_id": identity["national_id"], "full_name": identity["full_name"], "gender": identity["gender"],
            "birth_date": identity["birth_date"], "ethnicity": identity["ethnicity"],
            "class_id": profile["data"]["class_id"],
        }
    });
    let r = to.post(to_admin, "/api/admin/pupils/transfer-in", body).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let arrived: Value = r.json().await.unwrap();
    arrived["id"].as_str().unwrap().to_string()
}

/// The sending school's CA certificates, from its public address.
pub async fn school_ca_pem(app: &TestApp) -> String {
    let r = app.http.get(app.url(&format!("/api/schools/{}/ca.pem", school_id(app)))).send().await.unwrap();
    assert_eq!(r.status(), 200, "public");
    r.text().await.unwrap()
}
