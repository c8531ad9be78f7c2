//! Small reusable pieces of the screens.

pub mod grid_cell;
pub mod grid_row;
pub mod header;
pub mod notice;
pub mod status_badge;

pub use grid_cell::GridCell;
pub use grid_row::GridRowView;
pub use header::Header;
pub use notice::{ErrorNotice, LoadingNotice};
pub use status_badge::StatusBadge;
