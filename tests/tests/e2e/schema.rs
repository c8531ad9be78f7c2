//! `backend/src/db/schema.rs` must match what the migrations create, on both backends.

use diesel::prelude::*;
use diesel::sql_types::Text;
use hocba_tests::postgres::TempDatabase;
use std::collections::{BTreeMap, BTreeSet};

type Tables = BTreeMap<String, BTreeSet<String>>;

/// Table and column names declared with `diesel::table!`.
fn declared() -> Tables {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../backend/src/db/schema.rs")).unwrap();
    let mut out = Tables::new();
    let mut current: Option<String> = None;
    for line in src.lines().map(str::trim) {
        if let Some(name) =
            line.strip_suffix('{').map(str::trim).filter(|l| l.contains('(') && !l.starts_with("diesel"))
        {
            current = Some(name.split_whitespace().next().unwrap().to_string());
        } else if line == "}" {
            current = None;
        } else if let (Some(table), Some((col, _))) = (&current, line.split_once("->")) {
            out.entry(table.clone()).or_default().insert(col.trim().to_string());
        }
    }
    out
}

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

fn actual(conn: &mut hocba::db::connection::AnyConnection, sql: &str) -> Tables {
    let rows: Vec<Column> = match conn {
        hocba::db::connection::AnyConnection::Sqlite(c) => diesel::sql_query(sql).load(c).unwrap(),
        hocba::db::connection::AnyConnection::Postgresql(c) => diesel::sql_query(sql).load(c).unwrap(),
    };
    let mut out = Tables::new();
    for r in rows {
        out.entry(r.table_name).or_default().insert(r.column_name);
    }
    out.remove("__diesel_schema_migrations");
    out
}

#[test]
fn schema_matches_sqlite_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let url = dir.path().join("s.sqlite3").to_string_lossy().into_owned();
    hocba::db::Db::open(&url).unwrap();
    let mut conn = hocba::db::connection::establish(&url).unwrap();
    let sql = "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m \
               JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'";
    assert_eq!(actual(&mut conn, sql), declared());
}

#[test]
fn schema_matches_postgres_migrations() {
    let Some(db) = TempDatabase::create() else {
        return;
    };
    hocba::db::Db::open(&db.url).unwrap();
    let mut conn = hocba::db::connection::establish(&db.url).unwrap();
    let sql = "SELECT table_name::text AS table_name, column_name::text AS column_name \
               FROM information_schema.columns WHERE table_schema = 'public'";
    assert_eq!(actual(&mut conn, sql), declared());
}
