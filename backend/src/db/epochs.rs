//! The data epochs of a school or a class (see `read_cache` and the `data_epochs` migration).

use super::connection::AnyConnection;
use super::schema::data_epochs;
use diesel::prelude::*;

/// The current epoch of `scope` (a school's or a class's id); 0 before its first write.
pub fn current(conn: &mut AnyConnection, scope: &str) -> QueryResult<i64> {
    Ok(data_epochs::table.find(scope).select(data_epochs::epoch).first(conn).optional()?.unwrap_or(0))
}
