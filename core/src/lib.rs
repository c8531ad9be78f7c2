//! Pure domain crate of hocba: the TT27 subject catalogue, the assessment rules
//! (Thông tư 27/2020/TT-BGDĐT) and the request/response types shared by the
//! backend and the Yew frontend. No I/O; builds for `wasm32-unknown-unknown`.

pub mod api;
pub mod awards;
pub mod catalogue;
pub mod checklist;
pub mod codes;
pub mod comments;
pub mod completeness;
pub mod credentials;
pub mod dashboard;
pub mod entry;
pub mod lang;
pub mod levels;
pub mod messages;
pub mod people;
pub mod period;
pub mod rollover;
pub mod roster;
pub mod rules;
pub mod sheet;
pub mod summary;
pub mod text;
pub mod time;
pub mod transcript;
pub mod transcript_xml;
pub mod unicode;
pub mod workflow;
pub mod yearend;

pub use lang::{Bilingual, Lang};
pub use levels::{QualityLevel, SubjectLevel, YearResult};
pub use period::Period;
