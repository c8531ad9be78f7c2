//! The append-only, hash-chained audit log: each entry's hash covers the previous entry's hash,
//! so any edit or removal breaks the chain (`verify_chain`).

use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, AuditEntry};
use crate::db::schema::audit_log;
use crate::error::AppError;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

/// Hash of the (virtual) entry before the first one.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub struct Event<'a> {
    pub school_id: &'a str,
    pub actor_id: Option<&'a str>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub detail: serde_json::Value,
}

fn entry_hash(e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    for part in [
        e.prev_hash.as_str(),
        &e.seq.to_string(),
        &e.id,
        &e.school_id,
        &e.at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
        e.actor_id.as_deref().unwrap_or(""),
        &e.action,
        &e.entity,
        &e.entity_id,
        &e.detail,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Appends an event inside the caller's transaction.
pub fn append(conn: &mut AnyConnection, event: Event<'_>) -> Result<(), AppError> {
    append_many(conn, std::iter::once(event))
}

/// Rows per multi-row INSERT of audit entries: 11 columns each, within SQLite's bound-parameter limit.
const ENTRIES_PER_INSERT: usize = 80;

/// Appends events in order inside the caller's transaction: one read of the chain's end, then
/// multi-row inserts (an import of thousands of rows appends its entries in a few statements).
pub fn append_many<'a>(conn: &mut AnyConnection, events: impl IntoIterator<Item = Event<'a>>) -> Result<(), AppError> {
    let events: Vec<Event<'a>> = events.into_iter().collect();
    if events.is_empty() {
        return Ok(());
    }
    // Serialise appenders so that sequence numbers and the chain stay linear
    // (SQLite already has a single writer).
    if let AnyConnection::Postgresql(pg) = conn {
        diesel::sql_query("LOCK TABLE audit_log IN EXCLUSIVE MODE").execute(pg)?;
    }
    let last: Option<(i64, String)> = audit_log::table
        .select((audit_log::seq, audit_log::hash))
        .order(audit_log::seq.desc())
        .first(conn)
        .optional()?;
    let (mut seq, mut prev_hash) = match last {
        Some((seq, hash)) => (seq, hash),
        None => (0, GENESIS.to_string()),
    };
    let at = now();
    let mut entries = Vec::new();
    for event in events {
        seq += 1;
        let mut entry = AuditEntry {
            seq,
            id: new_id(),
            school_id: event.school_id.to_string(),
            at,
            actor_id: event.actor_id.map(str::to_string),
            action: event.action.to_string(),
            entity: event.entity.to_string(),
            entity_id: event.entity_id.to_string(),
            detail: event.detail.to_string(),
            prev_hash,
            hash: String::new(),
        };
        entry.hash = entry_hash(&entry);
        prev_hash = entry.hash.clone();
        entries.push(entry);
    }
    for chunk in entries.chunks(ENTRIES_PER_INSERT) {
        crate::db::on_each_backend!(&mut *conn, |c| diesel::insert_into(audit_log::table).values(chunk).execute(c))?;
    }
    Ok(())
}

/// Checks the whole chain; returns the number of entries, or the first broken sequence number.
pub fn verify_chain(conn: &mut AnyConnection) -> Result<Result<usize, i64>, AppError> {
    let entries: Vec<AuditEntry> =
        audit_log::table.select(AuditEntry::as_select()).order(audit_log::seq.asc()).load(conn)?;
    let mut prev = GENESIS.to_string();
    for e in &entries {
        if e.prev_hash != prev || entry_hash(e) != e.hash {
            return Ok(Err(e.seq));
        }
        prev = e.hash.clone();
    }
    Ok(Ok(entries.len()))
}
