//! Calls to the backend. Every call goes through [`api::request`].

pub mod api;
pub mod idb;
pub mod pending;
pub mod queue;
pub mod save_file;
