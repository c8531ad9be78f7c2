//! Field limits of request bodies, checked with the validator crate (the derives live on the
//! shared API types in core, behind its `validate` feature); the first broken limit becomes a
//! 422 naming the field, in the reader's language. Domain rules (people, roster) run after this.

use crate::error::AppError;
use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

/// Checks the limits of `input`.
pub fn limits<T: Validate>(input: &T) -> Result<(), AppError> {
    match input.validate() {
        Ok(()) => Ok(()),
        Err(errors) => {
            let (field, error) = first(&errors, "").ok_or_else(|| anyhow::anyhow!("empty validation errors"))?;
            Err(AppError::validation(field, message(&error)))
        }
    }
}

/// The first error in field-name order, with its dotted path (`pupil.full_name`, `optional_subjects[0].language`).
fn first(errors: &ValidationErrors, prefix: &str) -> Option<(String, ValidationError)> {
    let mut fields: Vec<_> = errors.errors().iter().collect();
    fields.sort_by_key(|(name, _)| name.to_string());
    for (name, kind) in fields {
        let path = if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") };
        match kind {
            ValidationErrorsKind::Field(list) => {
                if let Some(e) = list.first() {
                    return Some((path, e.clone()));
                }
            }
            ValidationErrorsKind::Struct(inner) => {
                if let Some(found) = first(inner, &path) {
                    return Some(found);
                }
            }
            ValidationErrorsKind::List(items) => {
                if let Some((i, inner)) = items.iter().next() {
                    return first(inner, &format!("{path}[{i}]"));
                }
            }
        }
    }
    None
}

fn param(e: &ValidationError, key: &str) -> Option<String> {
    e.params.get(key).map(|v| v.to_string().trim_matches('"').to_string())
}

fn message(e: &ValidationError) -> hocba_core::Bilingual {
    let is_list = e.params.get("value").is_some_and(|v| v.is_array());
    match (e.code.as_ref(), param(e, "min"), param(e, "max")) {
        ("length", _, Some(max)) if is_list => crate::messages::too_many(&max),
        ("length", _, Some(max)) => crate::messages::too_long(max.parse().unwrap_or_default()),
        ("range", Some(min), Some(max)) => crate::messages::out_of_range(&min, &max),
        _ => crate::messages::INVALID_VALUE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hocba_core::api::admin::{ClassInput, NewSchoolYear, StaffInput};

    fn field_of(r: Result<(), AppError>) -> String {
        match r {
            Err(AppError::Validation { field, .. }) => field,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn limits_name_the_field() {
        assert!(limits(&NewSchoolYear { start_year: 2026, make_current: false }).is_ok());
        assert_eq!(field_of(limits(&NewSchoolYear { start_year: 1999, make_current: false })), "start_year");
        let class = ClassInput {
            school_year_id: "y".into(),
            name: "5A".into(),
            grade: 6,
            combined_grade: None,
            homeroom_teacher_id: None,
            optional_subjects: vec![],
        };
        assert_eq!(field_of(limits(&class)), "grade");
        let staff = StaffInput { username: "gv".into(), full_name: "A".repeat(101), roles: vec![], phone: None };
        assert_eq!(field_of(limits(&staff)), "full_name");
        match limits(&NewSchoolYear { start_year: 3000, make_current: false }) {
            Err(AppError::Validation { message, .. }) => assert_eq!(message.vi(), "Giá trị phải từ 2000 đến 2100."),
            other => panic!("{other:?}"),
        }
    }
}
