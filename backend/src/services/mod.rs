//! Application services: plain functions over a database connection, called by the thin
//! handlers inside `web::block`.

pub mod access;
pub mod admin;
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
pub mod records;
pub mod review;
pub mod signers;
pub mod summary;
pub mod users;
pub mod yearend;
