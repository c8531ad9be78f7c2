//! Application services: plain functions over a database connection (or over `Db` when they
//! manage their own short transactions, as issuing and imports do), called by the thin handlers
//! off the async workers (`routes::blocking`) and by the CLI. With `db`, the only place with SQL.

pub mod access;
pub mod admin;
pub mod approval_checklist;
pub mod assessment_cells;
pub mod audit;
pub mod awards;
pub mod batches;
pub mod classes;
pub mod client_ops;
pub mod comment_bank;
pub mod credentials;
pub mod dashboard;
pub mod grid;
pub mod grid_write;
pub mod history;
pub mod issuance;
pub mod optional_subjects;
pub mod parent_feedback;
pub mod records;
pub mod review;
pub mod signers;
pub mod summary;
pub mod synthetic;
pub mod users;
pub mod yearend;
pub mod yearend_class;
