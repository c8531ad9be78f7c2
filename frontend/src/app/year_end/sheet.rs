//! The year-end table's state, pure: the class as loaded, every pupil's extras as typed, the
//! refused cells (each pupil and field with its message), the pupil whose panel is shown, and
//! the one request that saves every changed line of the class.

use super::form::ExtrasDraft;
use hocba_core::api::{ClassYearEndInput, PupilFieldError, PupilYearEndInput, YearEndRow, YearEndView};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

/// The columns typed in the table, in order (the rest of the extras are in the pupil's panel).
pub const TABLE_FIELDS: [&str; 4] = ["days_absent_excused", "days_absent_unexcused", "height_cm", "weight_kg"];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub view: Option<YearEndView>,
    /// Pupil id → the extras as typed.
    pub drafts: BTreeMap<String, ExtrasDraft>,
    /// (pupil id, field) → why the value was refused, until it is typed again.
    pub errors: BTreeMap<(String, String), String>,
    /// The pupil whose panel is shown (the row last focused).
    pub focused: Option<String>,
    /// The last save succeeded and nothing was typed since.
    pub saved: bool,
}

pub enum SheetAction {
    /// The class as read from the server: every draft starts from the stored values.
    Loaded(YearEndView),
    /// The class as a save answered it.
    Saved(YearEndView),
    /// One pupil's line as another write answered it (an award, a decision); drafts stay.
    Row(YearEndRow),
    Edit {
        pupil: String,
        field: &'static str,
        value: String,
    },
    Focus(String),
    /// Every refused value, replacing the earlier ones.
    Refused(Vec<PupilFieldError>),
}

impl Reducible for Sheet {
    type Action = SheetAction;

    fn reduce(self: Rc<Self>, action: SheetAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SheetAction::Loaded(view) => next.load(view),
            SheetAction::Saved(view) => {
                next.load(view);
                next.errors.clear();
                next.saved = true;
            }
            SheetAction::Row(row) => {
                let Some(view) = next.view.as_mut() else { return self };
                if let Some(slot) = view.rows.iter_mut().find(|r| r.pupil.id == row.pupil.id) {
                    *slot = row;
                }
            }
            SheetAction::Edit { pupil, field, value } => {
                if next.drafts.get(&pupil).is_some_and(|d| d.get(field) == value) {
                    return self;
                }
                next.drafts.entry(pupil.clone()).or_default().set(field, value);
                next.errors.remove(&(pupil, field.to_string()));
                next.saved = false;
            }
            SheetAction::Focus(pupil) => {
                if next.focused.as_deref() == Some(pupil.as_str()) {
                    return self;
                }
                next.focused = Some(pupil);
            }
            SheetAction::Refused(errors) => {
                next.errors = errors.into_iter().map(|e| ((e.pupil_id, e.field), e.message)).collect();
                next.saved = false;
            }
        }
        Rc::new(next)
    }
}

impl Sheet {
    fn load(&mut self, view: YearEndView) {
        self.drafts = view.rows.iter().map(|r| (r.pupil.id.clone(), ExtrasDraft::of(&r.year_end))).collect();
        if self.focused.as_ref().is_none_or(|f| !view.rows.iter().any(|r| &r.pupil.id == f)) {
            self.focused = view.rows.first().map(|r| r.pupil.id.clone());
        }
        self.view = Some(view);
    }

    pub fn rows(&self) -> &[YearEndRow] {
        self.view.as_ref().map(|v| v.rows.as_slice()).unwrap_or_default()
    }

    pub fn draft(&self, pupil: &str) -> ExtrasDraft {
        self.drafts.get(pupil).cloned().unwrap_or_default()
    }

    pub fn error(&self, pupil: &str, field: &str) -> Option<&str> {
        self.errors.get(&(pupil.to_string(), field.to_string())).map(String::as_str)
    }

    /// The pupil has a refused value in any field.
    pub fn row_invalid(&self, pupil: &str) -> bool {
        self.errors.keys().any(|(p, _)| p == pupil)
    }

    pub fn focused_row(&self) -> Option<&YearEndRow> {
        let id = self.focused.as_deref()?;
        self.rows().iter().find(|r| r.pupil.id == id)
    }

    /// The writable lines whose typed values differ from the stored ones.
    pub fn changed(&self) -> Vec<&YearEndRow> {
        self.rows()
            .iter()
            .filter(|r| !r.transferred_out)
            .filter(|r| self.drafts.get(&r.pupil.id).is_some_and(|d| *d != ExtrasDraft::of(&r.year_end)))
            .collect()
    }

    /// The one request saving every changed line, or every value the browser cannot read.
    pub fn to_input(&self) -> Result<ClassYearEndInput, Vec<PupilFieldError>> {
        let mut rows = Vec::new();
        let mut errors = Vec::new();
        for row in self.changed() {
            match self.draft(&row.pupil.id).to_input(row.year_end.version) {
                Ok(year_end) => rows.push(PupilYearEndInput { pupil_id: row.pupil.id.clone(), year_end }),
                Err(refused) => errors.extend(refused.into_iter().map(|(field, message)| PupilFieldError {
                    pupil_id: row.pupil.id.clone(),
                    field: field.to_string(),
                    message,
                })),
            }
        }
        if errors.is_empty() {
            Ok(ClassYearEndInput { rows })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::form::tests::row;
    use super::*;
    use hocba_core::api::{ClassRef, RecordState};
    use hocba_core::YearResult;

    fn view() -> YearEndView {
        YearEndView {
            class: ClassRef { id: "c".into(), name: "5A".into(), grade: 5, school_year: "2025-2026".into() },
            state: RecordState::default(),
            rows: vec![row("a", Some(YearResult::HT)), row("b", Some(YearResult::HTXS)), row("c", None)],
            may_write: true,
        }
    }

    fn edit(sheet: Rc<Sheet>, pupil: &str, field: &'static str, value: &str) -> Rc<Sheet> {
        sheet.reduce(SheetAction::Edit { pupil: pupil.into(), field, value: value.into() })
    }

    #[test]
    fn only_changed_lines_are_sent_in_one_request() {
        let sheet = Rc::new(Sheet::default()).reduce(SheetAction::Loaded(view()));
        assert_eq!(sheet.focused.as_deref(), Some("a"), "the first pupil's panel is shown");
        assert_eq!(sheet.to_input(), Ok(ClassYearEndInput { rows: Vec::new() }));
        let sheet = edit(sheet, "a", "height_cm", "132,5");
        let sheet = edit(sheet, "c", "days_absent_excused", "2");
        let input = sheet.to_input().expect("readable");
        let pupils: Vec<&str> = input.rows.iter().map(|r| r.pupil_id.as_str()).collect();
        assert_eq!(pupils, ["a", "c"]);
        assert_eq!(input.rows[0].year_end.height_cm, Some(132.5));
        assert_eq!(input.rows[0].year_end.base_version, Some(0));
        assert_eq!(input.rows[1].year_end.days_absent_excused, Some(2));
        // Typed back to the stored value: nothing to send for that pupil.
        let sheet = edit(sheet, "c", "days_absent_excused", "");
        assert_eq!(sheet.changed().len(), 1);
    }

    #[test]
    fn every_unreadable_cell_is_named_and_cleared_when_typed_again() {
        let sheet = Rc::new(Sheet::default()).reduce(SheetAction::Loaded(view()));
        let sheet = edit(sheet, "a", "height_cm", "1m32");
        let sheet = edit(sheet, "b", "weight_kg", "ba mươi");
        let errors = sheet.to_input().expect_err("unreadable");
        let named: Vec<(&str, &str)> = errors.iter().map(|e| (e.pupil_id.as_str(), e.field.as_str())).collect();
        assert_eq!(named, [("a", "height_cm"), ("b", "weight_kg")]);
        let sheet = sheet.reduce(SheetAction::Refused(errors));
        assert!(sheet.row_invalid("a") && sheet.row_invalid("b") && !sheet.row_invalid("c"));
        assert!(sheet.error("a", "height_cm").is_some());
        let sheet = edit(sheet, "a", "height_cm", "132");
        assert_eq!(sheet.error("a", "height_cm"), None);
        assert!(sheet.error("b", "weight_kg").is_some(), "other refusals stay marked");
    }

    #[test]
    fn a_save_starts_again_from_the_answer() {
        let sheet = Rc::new(Sheet::default()).reduce(SheetAction::Loaded(view()));
        let sheet = sheet.reduce(SheetAction::Focus("b".into()));
        let sheet = edit(sheet, "b", "weight_kg", "30");
        let mut answer = view();
        answer.rows[1].year_end.weight_kg = Some(30.0);
        answer.rows[1].year_end.version = 1;
        let sheet = sheet.reduce(SheetAction::Saved(answer));
        assert!(sheet.saved && sheet.errors.is_empty() && sheet.changed().is_empty());
        assert_eq!(sheet.focused.as_deref(), Some("b"), "the panel stays on the pupil");
        // Another write's answer replaces the pupil's line and keeps what is typed.
        let sheet = edit(sheet, "a", "height_cm", "140");
        let mut awarded = row("b", Some(YearResult::HTXS));
        awarded.year_end.weight_kg = Some(30.0);
        awarded.year_end.version = 1;
        awarded.explanation = "Đã khen".into();
        let sheet = sheet.reduce(SheetAction::Row(awarded.clone()));
        assert_eq!(sheet.focused_row(), Some(&awarded));
        assert_eq!(sheet.draft("a").height_cm, "140");
    }
}
