//! Calls to the backend. Every call goes through [`api::request`].

pub mod api;
