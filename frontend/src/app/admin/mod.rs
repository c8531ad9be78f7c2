//! `/quan-tri/...`: the school administration screens, for admins and principals (the router
//! wraps them in `SignedIn admin=true`; the server answers 403 to anyone else).

mod assignments;
mod breadcrumb;
mod class_form;
mod classes;
mod current_year;
pub(crate) mod dates;
mod enrol;
mod guardians;
mod imported_years;
mod invite_slip;
mod labels;
mod optional_subjects;
mod overview;
mod password_slip;
mod pupil_form;
mod pupil_page;
mod pupils;
mod rollover;
mod roster_import;
mod school;
mod signature_list;
mod staff;
mod staff_form;
mod transfers;
mod years;

pub use enrol::{NewPupilPage, TransferInPage};
pub use overview::OverviewPage;
pub use pupil_page::PupilProfilePage;
pub use pupils::PupilsPage;
pub use rollover::RolloverPage;
pub use roster_import::RosterImportPage;
pub use school::SchoolPage;
pub use staff::StaffPage;
pub use years::YearsPage;
