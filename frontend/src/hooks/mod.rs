//! Custom hooks: the session (who is signed in), loading data from the API, form drafts and
//! table state.

mod use_draft;
mod use_focus;
mod use_load;
mod use_me;
mod use_table;

pub use use_draft::{opt, use_draft};
pub use use_focus::{use_focus, FIRST_FIELD, FIRST_INVALID};
pub use use_load::{use_load, Loadable};
pub use use_me::{use_me, use_session, Session, SessionProvider};
pub use use_table::use_table;
