//! hocba: digital primary-school records (học bạ số) per Thông tư 27/2020/TT-BGDĐT.

pub mod assets;
pub mod auth;
pub mod bootstrap;
pub mod cli;
pub mod db;
pub mod demo;
pub mod documents;
pub mod error;
pub mod fsutil;
pub mod headers;
pub mod messages;
pub mod pages;
pub mod peer;
pub mod read_cache;
pub mod reader_lang;
pub mod request_log;
pub mod routes;
pub mod services;
pub mod settings;
pub mod signing;
pub mod startup;
pub mod telemetry;
pub mod validation;
