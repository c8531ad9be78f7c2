//! Form errors by field: from the client-side checks or from the server's 422 answer
//! (`{"error": {"field": …}}`), shown next to the named input; the rest above the form.

use crate::services::api::ApiError;
use yew::AttrValue;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors {
    /// (field name, message), first message per field wins.
    fields: Vec<(String, String)>,
    /// An error no shown field can carry.
    general: Option<String>,
}

impl FieldErrors {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.general.is_none()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if self.get(field).is_none() {
            self.fields.push((field.to_string(), message.into()));
        }
    }

    /// The message for `field`, if any.
    pub fn get(&self, field: &str) -> Option<AttrValue> {
        self.fields.iter().find(|(f, _)| f == field).map(|(_, m)| AttrValue::from(m.clone()))
    }

    pub fn general(&self) -> Option<&str> {
        self.general.as_deref()
    }

    pub fn with_general(message: impl Into<String>) -> Self {
        FieldErrors { fields: Vec::new(), general: Some(message.into()) }
    }

    /// A failed save: a validation error naming one of the form's `fields` goes next to it
    /// (a `pupil.` prefix, as in a transfer-in body, is dropped); anything else is general.
    pub fn from_api(err: &ApiError, fields: &[&str]) -> Self {
        if let ApiError::Validation { field: Some(field), message } = err {
            let name = field.strip_prefix("pupil.").unwrap_or(field);
            if fields.contains(&name) {
                let mut out = FieldErrors::default();
                out.add(name, message.clone());
                return out;
            }
        }
        FieldErrors::with_general(err.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_errors_go_to_known_fields() {
        let err = ApiError::Validation { field: Some("pupil.national_id".into()), message: "Trùng mã".into() };
        let errors = FieldErrors::from_api(&err, &["national_id", "full_name"]);
        assert_eq!(errors.get("national_id"), Some(AttrValue::from("Trùng mã")));
        assert_eq!(errors.general(), None);

        let errors = FieldErrors::from_api(&err, &["full_name"]);
        assert_eq!(errors.general(), Some("Trùng mã"));
        let errors = FieldErrors::from_api(&ApiError::Network, &["full_name"]);
        assert!(errors.general().is_some());
    }

    #[test]
    fn first_message_per_field_wins() {
        let mut errors = FieldErrors::default();
        assert!(errors.is_empty());
        errors.add("a", "one");
        errors.add("a", "two");
        assert_eq!(errors.get("a"), Some(AttrValue::from("one")));
        assert!(!errors.is_empty());
    }
}
