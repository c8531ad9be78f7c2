//! Custom hooks: the session (who is signed in) and loading data from the API.

mod use_load;
mod use_me;

pub use use_load::{use_load, Loadable};
pub use use_me::{use_me, use_session, Session, SessionProvider};
