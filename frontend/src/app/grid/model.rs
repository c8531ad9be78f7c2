//! The assessment grid without the DOM: cell addressing, parsing what a teacher types, the
//! request body for one cell, and the page state with its reducer.

use crate::i18n::t;
use hocba_core::api::{GridRow, GridView, QualityCellInput, RecordState, RowUpdate, SubjectCellInput};
use hocba_core::messages;
use hocba_core::rules::validate_score;
use hocba_core::{QualityLevel, SubjectLevel};
use std::collections::HashMap;
use std::rc::Rc;
use yew::Reducible;

/// One editable cell of a pupil's row, by subject or quality code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    SubjectLevel(String),
    SubjectScore(String),
    SubjectComment(String),
    QualityLevel(String),
}

impl Field {
    /// The `data-field` attribute: `subject:{code}:level|score|comment` or `quality:{code}:level`.
    pub fn attr(&self) -> String {
        match self {
            Field::SubjectLevel(c) => format!("subject:{c}:level"),
            Field::SubjectScore(c) => format!("subject:{c}:score"),
            Field::SubjectComment(c) => format!("subject:{c}:comment"),
            Field::QualityLevel(c) => format!("quality:{c}:level"),
        }
    }

    pub fn is_level(&self) -> bool {
        matches!(self, Field::SubjectLevel(_) | Field::QualityLevel(_))
    }

    pub fn is_comment(&self) -> bool {
        matches!(self, Field::SubjectComment(_))
    }

    pub fn is_score(&self) -> bool {
        matches!(self, Field::SubjectScore(_))
    }
}

/// A validated new value for one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    SubjectLevel(String, Option<SubjectLevel>),
    SubjectScore(String, Option<u8>),
    SubjectComment(String, Option<String>),
    QualityLevel(String, Option<QualityLevel>),
}

impl Edit {
    pub fn field(&self) -> Field {
        match self {
            Edit::SubjectLevel(c, _) => Field::SubjectLevel(c.clone()),
            Edit::SubjectScore(c, _) => Field::SubjectScore(c.clone()),
            Edit::SubjectComment(c, _) => Field::SubjectComment(c.clone()),
            Edit::QualityLevel(c, _) => Field::QualityLevel(c.clone()),
        }
    }

    /// The text the cell shows for this value.
    pub fn display(&self) -> String {
        match self {
            Edit::SubjectLevel(_, v) => v.map(|l| l.code().to_string()).unwrap_or_default(),
            Edit::SubjectScore(_, v) => v.map(|s| s.to_string()).unwrap_or_default(),
            Edit::SubjectComment(_, v) => v.clone().unwrap_or_default(),
            Edit::QualityLevel(_, v) => v.map(|l| l.code().to_string()).unwrap_or_default(),
        }
    }
}

/// Parses what was typed into a cell; an empty cell clears the value. The error is the
/// Vietnamese message to show next to the cell.
pub fn parse_cell(field: &Field, text: &str) -> Result<Edit, String> {
    let text = text.trim();
    let empty = text.is_empty();
    match field {
        Field::SubjectLevel(c) => match (empty, SubjectLevel::parse(text)) {
            (true, _) => Ok(Edit::SubjectLevel(c.clone(), None)),
            (false, Some(l)) => Ok(Edit::SubjectLevel(c.clone(), Some(l))),
            (false, None) => Err(messages::SUBJECT_LEVEL_INVALID.into()),
        },
        Field::QualityLevel(c) => match (empty, QualityLevel::parse(text)) {
            (true, _) => Ok(Edit::QualityLevel(c.clone(), None)),
            (false, Some(l)) => Ok(Edit::QualityLevel(c.clone(), Some(l))),
            (false, None) => Err(messages::QUALITY_LEVEL_INVALID.into()),
        },
        Field::SubjectScore(c) => {
            if empty {
                return Ok(Edit::SubjectScore(c.clone(), None));
            }
            let number: f64 = text.replace(',', ".").parse().map_err(|_| t().score_invalid.to_string())?;
            validate_score(number)
                .map(|s| Edit::SubjectScore(c.clone(), Some(s)))
                .map_err(|e| messages::score_error(e).to_string())
        }
        Field::SubjectComment(c) => Ok(Edit::SubjectComment(c.clone(), (!empty).then(|| text.to_string()))),
    }
}

/// The text a cell shows for the row's current value.
pub fn cell_text(row: &GridRow, field: &Field) -> String {
    match field {
        Field::SubjectLevel(c) => row.subjects.get(c).and_then(|s| s.level).map(|l| l.code().into()),
        Field::SubjectScore(c) => row.subjects.get(c).and_then(|s| s.score).map(|s| s.to_string()),
        Field::SubjectComment(c) => row.subjects.get(c).and_then(|s| s.comment.clone()),
        Field::QualityLevel(c) => row.qualities.get(c).and_then(|q| q.level).map(|l| l.code().into()),
    }
    .unwrap_or_default()
}

/// Writes an edit into the row (before the server confirms it).
pub fn apply_edit(row: &mut GridRow, edit: &Edit) {
    match edit {
        Edit::SubjectLevel(c, v) => row.subjects.entry(c.clone()).or_default().level = *v,
        Edit::SubjectScore(c, v) => row.subjects.entry(c.clone()).or_default().score = *v,
        Edit::SubjectComment(c, v) => row.subjects.entry(c.clone()).or_default().comment = v.clone(),
        Edit::QualityLevel(c, v) => row.qualities.entry(c.clone()).or_default().level = *v,
    }
}

/// The request body for the cell holding `field`: the whole subject cell (level, score and
/// comment) or the whole quality cell, as they are in `row`.
pub fn row_update(row: &GridRow, field: &Field) -> RowUpdate {
    match field {
        Field::SubjectLevel(c) | Field::SubjectScore(c) | Field::SubjectComment(c) => {
            let cell = row.subjects.get(c).cloned().unwrap_or_default();
            RowUpdate {
                subjects: vec![SubjectCellInput {
                    subject: c.clone(),
                    level: cell.level.map(|l| l.code().to_string()),
                    score: cell.score.map(f64::from),
                    comment: cell.comment,
                    base_version: None,
                }],
                qualities: Vec::new(),
            }
        }
        Field::QualityLevel(c) => {
            let cell = row.qualities.get(c).cloned().unwrap_or_default();
            RowUpdate {
                subjects: Vec::new(),
                qualities: vec![QualityCellInput {
                    code: c.clone(),
                    level: cell.level.map(|l| l.code().to_string()),
                    comment: cell.comment,
                    base_version: None,
                }],
            }
        }
    }
}

/// Save progress of one pupil's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saving,
    Saved,
    Failed(String),
}

/// The grid page once loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct GridModel {
    pub view: GridView,
    pub saves: HashMap<String, SaveState>,
    /// Newest request number per pupil: only its answer may replace the row.
    latest: HashMap<String, u32>,
    /// Server-side refusals, per (pupil id, field).
    pub cell_errors: HashMap<(String, Field), String>,
}

impl GridModel {
    pub fn new(view: GridView) -> Self {
        Self { view, saves: HashMap::new(), latest: HashMap::new(), cell_errors: HashMap::new() }
    }

    pub fn row(&self, pupil: &str) -> Option<&GridRow> {
        self.view.rows.iter().find(|r| r.pupil.id == pupil)
    }

    fn row_mut(&mut self, pupil: &str) -> Option<&mut GridRow> {
        self.view.rows.iter_mut().find(|r| r.pupil.id == pupil)
    }

    pub fn any_saving(&self) -> bool {
        self.saves.values().any(|s| *s == SaveState::Saving)
    }
}

/// Reducer state of the grid page: nothing until the first load.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GridStore {
    pub model: Option<GridModel>,
}

pub enum GridAction {
    Loaded(GridView),
    /// A valid value was typed; `seq` numbers the request that will save it.
    Edit {
        pupil: String,
        edit: Edit,
        seq: u32,
    },
    Saved {
        pupil: String,
        seq: u32,
        row: GridRow,
    },
    Failed {
        pupil: String,
        seq: u32,
        field: Field,
        message: String,
    },
    State(RecordState),
}

impl Reducible for GridStore {
    type Action = GridAction;

    fn reduce(self: Rc<Self>, action: GridAction) -> Rc<Self> {
        let mut store = (*self).clone();
        if let GridAction::Loaded(view) = action {
            store.model = Some(GridModel::new(view));
            return Rc::new(store);
        }
        let Some(model) = store.model.as_mut() else {
            return self;
        };
        match action {
            GridAction::Loaded(_) => {}
            GridAction::Edit { pupil, edit, seq } => {
                if let Some(row) = model.row_mut(&pupil) {
                    apply_edit(row, &edit);
                }
                model.cell_errors.remove(&(pupil.clone(), edit.field()));
                model.latest.insert(pupil.clone(), seq);
                model.saves.insert(pupil, SaveState::Saving);
            }
            GridAction::Saved { pupil, seq, row } => {
                if model.latest.get(&pupil) == Some(&seq) {
                    if let Some(slot) = model.row_mut(&pupil) {
                        *slot = row;
                    }
                    model.cell_errors.retain(|(p, _), _| *p != pupil);
                    model.saves.insert(pupil, SaveState::Saved);
                }
            }
            GridAction::Failed { pupil, seq, field, message } => {
                model.cell_errors.insert((pupil.clone(), field), message.clone());
                if model.latest.get(&pupil) == Some(&seq) {
                    model.saves.insert(pupil, SaveState::Failed(message));
                }
            }
            GridAction::State(state) => model.view.state = state,
        }
        Rc::new(store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hocba_core::api::{PupilRef, SubjectCell};

    fn row() -> GridRow {
        GridRow {
            pupil: PupilRef { id: "p1".into(), full_name: "Nguyễn Văn An".into() },
            subjects: Default::default(),
            qualities: Default::default(),
            evaluation: None,
            explanation: None,
        }
    }

    #[test]
    fn field_attributes() {
        assert_eq!(Field::SubjectLevel("toan".into()).attr(), "subject:toan:level");
        assert_eq!(Field::SubjectScore("toan".into()).attr(), "subject:toan:score");
        assert_eq!(Field::SubjectComment("toan".into()).attr(), "subject:toan:comment");
        assert_eq!(Field::QualityLevel("yeu_nuoc".into()).attr(), "quality:yeu_nuoc:level");
    }

    #[test]
    fn levels_are_parsed_like_the_server() {
        let s = Field::SubjectLevel("toan".into());
        assert_eq!(parse_cell(&s, " t "), Ok(Edit::SubjectLevel("toan".into(), Some(SubjectLevel::T))));
        assert_eq!(parse_cell(&s, ""), Ok(Edit::SubjectLevel("toan".into(), None)));
        assert!(parse_cell(&s, "Đ").is_err());
        let q = Field::QualityLevel("yeu_nuoc".into());
        for typed in ["Đ", "đ", "D", "d"] {
            let edit = parse_cell(&q, typed);
            assert_eq!(edit, Ok(Edit::QualityLevel("yeu_nuoc".into(), Some(QualityLevel::D))));
        }
        assert_eq!(parse_cell(&q, "d").map(|e| e.display()), Ok("Đ".to_string()));
        assert!(parse_cell(&q, "H").is_err());
    }

    #[test]
    fn scores_must_be_whole_from_1_to_10() {
        let f = Field::SubjectScore("toan".into());
        assert_eq!(parse_cell(&f, "10"), Ok(Edit::SubjectScore("toan".into(), Some(10))));
        assert_eq!(parse_cell(&f, "9,0"), Ok(Edit::SubjectScore("toan".into(), Some(9))));
        assert_eq!(
            parse_cell(&f, "7.5"),
            Err(messages::score_error(hocba_core::rules::ScoreError::NotWholeNumber).into())
        );
        assert_eq!(parse_cell(&f, "11"), Err(messages::score_error(hocba_core::rules::ScoreError::OutOfRange).into()));
        assert_eq!(parse_cell(&f, "0"), Err(messages::score_error(hocba_core::rules::ScoreError::OutOfRange).into()));
        assert_eq!(parse_cell(&f, "abc"), Err(t().score_invalid.into()));
    }

    #[test]
    fn the_whole_subject_cell_is_sent() {
        let mut r = row();
        r.subjects.insert(
            "toan".into(),
            SubjectCell {
                level: Some(SubjectLevel::H), score: Some(7), comment: Some("Cẩn thận".into()), version: 3
            },
        );
        apply_edit(&mut r, &Edit::SubjectLevel("toan".into(), Some(SubjectLevel::T)));
        let body = row_update(&r, &Field::SubjectScore("toan".into()));
        assert_eq!(
            body.subjects,
            vec![SubjectCellInput {
                subject: "toan".into(),
                level: Some("T".into()),
                score: Some(7.0),
                comment: Some("Cẩn thận".into()),
                base_version: None,
            }]
        );
        assert!(body.qualities.is_empty());
        assert_eq!(cell_text(&r, &Field::SubjectComment("toan".into())), "Cẩn thận");
    }

    #[test]
    fn only_the_newest_answer_replaces_the_row() {
        let view = GridView {
            class: hocba_core::api::ClassRef {
                id: "c".into(),
                name: "4A".into(),
                grade: 4,
                school_year: "2024-2025".into(),
            },
            period: hocba_core::Period::CuoiNam,
            state: RecordState {
                status: hocba_core::api::RecordStatus::Draft,
                note: None,
                submitted_by: None,
                submitted_at: None,
                decided_by: None,
                decided_at: None,
            },
            subjects: Vec::new(),
            qualities: Vec::new(),
            rows: vec![row()],
        };
        let store = Rc::new(GridStore::default()).reduce(GridAction::Loaded(view));
        let level = |l| Edit::SubjectLevel("toan".into(), Some(l));
        let store = store.reduce(GridAction::Edit { pupil: "p1".into(), edit: level(SubjectLevel::H), seq: 1 });
        let store = store.reduce(GridAction::Edit { pupil: "p1".into(), edit: level(SubjectLevel::T), seq: 2 });
        let mut stale = row();
        apply_edit(&mut stale, &level(SubjectLevel::H));
        let store = store.reduce(GridAction::Saved { pupil: "p1".into(), seq: 1, row: stale });
        let model = store.model.as_ref().expect("loaded");
        assert_eq!(cell_text(model.row("p1").expect("row"), &Field::SubjectLevel("toan".into())), "T");
        assert_eq!(model.saves.get("p1"), Some(&SaveState::Saving));
    }
}
