//! Custom hooks: the session (who is signed in), loading data from the API, form drafts, table
//! state, modal dialogs and keeping what is typed into a grid when the page goes away.

mod use_draft;
mod use_focus;
mod use_keep_typing;
mod use_load;
mod use_me;
mod use_modal;
mod use_table;

pub use use_draft::{opt, use_draft};
pub use use_focus::{use_focus, FIRST_FIELD, FIRST_INVALID};
pub use use_keep_typing::use_keep_typing;
pub use use_load::{use_load, Loadable};
pub use use_me::{use_me, use_session, Session, SessionProvider};
pub use use_modal::{use_modal, Modal};
pub use use_table::use_table;
