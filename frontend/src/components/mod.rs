//! Small reusable pieces of the screens.

pub mod cell_history;
pub mod comment_bank_panel;
pub mod confirm_dialog;
pub mod conflict_panel;
pub mod download_button;
pub mod field_errors;
pub mod fields;
pub mod filter_box;
pub mod form_field;
pub mod grid_cell;
pub mod grid_nav;
pub mod grid_row;
pub mod header;
pub mod import_panel;
pub mod notice;
pub mod queue_badge;
pub mod sortable_head;
pub mod status_badge;
pub mod table_model;

pub use cell_history::CellHistory;
pub use comment_bank_panel::CommentBankPanel;
pub use confirm_dialog::ConfirmDialog;
pub use conflict_panel::ConflictPanel;
pub use download_button::DownloadButton;
pub use field_errors::FieldErrors;
pub use fields::{CheckField, SelectField, TextAreaField, TextField};
pub use filter_box::FilterBox;
pub use grid_cell::GridCell;
pub use grid_row::GridRowView;
pub use header::Header;
pub use import_panel::{ImportKind, ImportPanel};
pub use notice::{ErrorNotice, LoadingNotice};
pub use queue_badge::QueueBadge;
pub use sortable_head::{HeadColumn, SortableHead};
pub use status_badge::StatusBadge;
