//! The current school year and its classes, which several screens start from (pupil list
//! filters, enrolment, roster import, rollover).

use crate::services::api::{self, ApiError};
use hocba_core::api::admin::{ClassAdmin, SchoolYearView};

#[derive(Debug, Clone, PartialEq)]
pub struct CurrentYear {
    pub year: SchoolYearView,
    /// In khối order, then by name.
    pub classes: Vec<ClassAdmin>,
}

impl CurrentYear {
    pub fn class(&self, class_id: &str) -> Option<&ClassAdmin> {
        self.classes.iter().find(|c| c.id == class_id)
    }
}

/// `None` when the school has no current year yet.
pub async fn load_current_year() -> Result<Option<CurrentYear>, ApiError> {
    let Some(year) = api::years().await?.into_iter().find(|y| y.is_current) else {
        return Ok(None);
    };
    let mut classes = api::year_classes(&year.id).await?;
    sort_classes(&mut classes);
    Ok(Some(CurrentYear { year, classes }))
}

/// Khối first, then the class name as people read it ("1A" < "1B" < "2A").
pub fn sort_classes(classes: &mut [ClassAdmin]) {
    classes.sort_by(|a, b| a.grade.cmp(&b.grade).then_with(|| a.name.cmp(&b.name)));
}
