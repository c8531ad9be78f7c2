//! The data epochs of a school or a class (see `read_cache` and the `data_epochs` migration).

use super::connection::AnyConnection;
use super::schema::{classes, data_epochs};
use diesel::prelude::*;

/// The current epoch of `scope` (a school's or a class's id); 0 before its first write.
pub fn current(conn: &mut AnyConnection, scope: &str) -> QueryResult<i64> {
    Ok(data_epochs::table.find(scope).select(data_epochs::epoch).first(conn).optional()?.unwrap_or(0))
}

/// The sum of the epochs of every class of the school. Epochs only grow, so the sum grows
/// whenever any class's data changes: an answer built from all the school's classes (the
/// dashboard) holds while the sum and the school's own epoch stay the same.
pub fn of_school_classes(conn: &mut AnyConnection, school_id: &str) -> QueryResult<i64> {
    let epochs: Vec<i64> = data_epochs::table
        .inner_join(classes::table.on(classes::id.eq(data_epochs::scope)))
        .filter(classes::school_id.eq(school_id))
        .select(data_epochs::epoch)
        .load(conn)?;
    Ok(epochs.iter().sum())
}

/// Which epoch a cached answer depends on (also the key it is kept under in memory, see
/// `epoch_mirror`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// A school's or a class's own epoch (by its id).
    Own(String),
    /// The sum over every class of a school (by the school's id): see [`of_school_classes`].
    ClassesOf(String),
}

impl Scope {
    /// Reads the epoch from the database.
    pub fn read(&self, conn: &mut AnyConnection) -> QueryResult<i64> {
        match self {
            Scope::Own(id) => current(conn, id),
            Scope::ClassesOf(school_id) => of_school_classes(conn, school_id),
        }
    }
}
