//! End-to-end tests: one binary, a module per area.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod administration;
mod assessment_entry;
mod authz_matrix;
mod backup;
mod batches;
mod browser;
mod documents;
mod exposure;
mod guardrails;
mod migrations;
mod optional_subjects;
mod platform;
mod public_address;
mod read_cache;
mod replica;
mod review;
mod schema;
mod schemathesis;
mod school_year;
mod sessions;
mod signing_keys;
mod synthetic;
mod transfer_in;
mod year_end;
