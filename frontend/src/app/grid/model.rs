//! The assessment grid without the DOM: cell addressing, parsing what a teacher types, the
//! request body for one cell, the rows as typed ([`Outbox`]), and the page state with its
//! reducer (including cells another user changed meanwhile: [`Conflict`]).

use crate::i18n::t;
use hocba_core::api::{
    GridRow, GridView, QualityCell, QualityCellInput, QualityColumn, RecordState, RowUpdate, SubjectCell,
    SubjectCellInput, SubjectColumn,
};
use hocba_core::messages;
use hocba_core::rules::{validate_score, SubjectColumnRef};
use hocba_core::{Period, QualityLevel, SubjectLevel};
use std::collections::{BTreeSet, HashMap, HashSet};
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

    /// Reads a `data-field` attribute back.
    pub fn from_attr(attr: &str) -> Option<Self> {
        let mut parts = attr.splitn(3, ':');
        let (kind, code, part) = (parts.next()?, parts.next()?.to_string(), parts.next()?);
        match (kind, part) {
            ("subject", "level") => Some(Field::SubjectLevel(code)),
            ("subject", "score") => Some(Field::SubjectScore(code)),
            ("subject", "comment") => Some(Field::SubjectComment(code)),
            ("quality", "level") => Some(Field::QualityLevel(code)),
            _ => None,
        }
    }

    /// Reads a cell as a refused submit names it (`PupilGaps::cells`): `subjects.toan.level`,
    /// `subjects.toan.score`, `qualities.trung_thuc`.
    pub fn from_gap(cell: &str) -> Option<Self> {
        let mut parts = cell.splitn(3, '.');
        match (parts.next()?, parts.next()?.to_string(), parts.next()) {
            ("subjects", code, Some("level")) => Some(Field::SubjectLevel(code)),
            ("subjects", code, Some("score")) => Some(Field::SubjectScore(code)),
            ("qualities", code, None) => Some(Field::QualityLevel(code)),
            _ => None,
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

/// A cell as the server stores and versions it: a subject's level, score and comment together,
/// or one quality.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CellKey {
    Subject(String),
    Quality(String),
}

impl CellKey {
    pub fn of(field: &Field) -> Self {
        match field {
            Field::SubjectLevel(c) | Field::SubjectScore(c) | Field::SubjectComment(c) => CellKey::Subject(c.clone()),
            Field::QualityLevel(c) => CellKey::Quality(c.clone()),
        }
    }

    /// How the server names the cell (`field` of a `stale` answer): `subjects.toan`, `qualities.cham_chi`.
    pub fn path(&self) -> String {
        match self {
            CellKey::Subject(c) => format!("subjects.{c}"),
            CellKey::Quality(c) => format!("qualities.{c}"),
        }
    }

    /// The part that is always shown (the level): where the conflict panel opens.
    pub fn anchor(&self) -> Field {
        match self {
            CellKey::Subject(c) => Field::SubjectLevel(c.clone()),
            CellKey::Quality(c) => Field::QualityLevel(c.clone()),
        }
    }

    pub fn holds(&self, field: &Field) -> bool {
        CellKey::of(field) == *self
    }
}

/// The whole value of one versioned cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellValue {
    Subject(SubjectCell),
    Quality(QualityCell),
}

impl CellValue {
    /// The cell of `row` (empty, version 0, when never written).
    pub fn of(row: &GridRow, key: &CellKey) -> Self {
        match key {
            CellKey::Subject(c) => CellValue::Subject(row.subjects.get(c).cloned().unwrap_or_default()),
            CellKey::Quality(c) => CellValue::Quality(row.qualities.get(c).cloned().unwrap_or_default()),
        }
    }

    /// Reads the `current` cell of a `stale` answer.
    pub fn parse(key: &CellKey, json: &serde_json::Value) -> Option<Self> {
        match key {
            CellKey::Subject(_) => serde_json::from_value(json.clone()).ok().map(CellValue::Subject),
            CellKey::Quality(_) => serde_json::from_value(json.clone()).ok().map(CellValue::Quality),
        }
    }

    pub fn version(&self) -> u32 {
        match self {
            CellValue::Subject(c) => c.version,
            CellValue::Quality(c) => c.version,
        }
    }

    /// Writes the value (and its version) into `row`.
    pub fn put(&self, row: &mut GridRow, key: &CellKey) {
        match (key, self) {
            (CellKey::Subject(c), CellValue::Subject(v)) => {
                row.subjects.insert(c.clone(), v.clone());
            }
            (CellKey::Quality(c), CellValue::Quality(v)) => {
                row.qualities.insert(c.clone(), v.clone());
            }
            _ => {}
        }
    }
}

/// Who saved the `current` cell of a `stale` answer, and when: "Lù Thị Hoa, 28/11/2026 08:20".
pub fn stale_author(json: &serde_json::Value) -> Option<String> {
    let by = json.get("changed_by").and_then(|v| v.as_str()).filter(|s| !s.is_empty())?;
    Some(match json.get("changed_at").and_then(|v| v.as_str()) {
        Some(at) => format!("{by}, {at}"),
        None => by.to_string(),
    })
}

/// Sets the version of `key` in `row`, keeping its values.
fn set_version(row: &mut GridRow, key: &CellKey, version: u32) {
    match key {
        CellKey::Subject(c) => row.subjects.entry(c.clone()).or_default().version = version,
        CellKey::Quality(c) => row.qualities.entry(c.clone()).or_default().version = version,
    }
}

/// The year-end result of `row` as the server computes it (cuối năm only), for a row changed
/// without a write (the teacher took the server's value of a cell).
fn evaluate_row(period: Period, columns: (&[SubjectColumn], &[QualityColumn]), row: &mut GridRow) {
    if period != Period::CuoiNam {
        return;
    }
    let evaluation = hocba_core::rules::evaluate_row(
        columns.0.iter().filter(|s| !s.optional || row.takes.contains(&s.code)).map(|s| SubjectColumnRef {
            code: &s.code,
            name: &s.name,
            scored: s.scored,
        }),
        columns.1.iter().map(|q| (q.code.as_str(), q.name.as_str())),
        &row.subjects,
        &row.qualities,
    );
    row.explanation = Some(crate::i18n::domain::explain(&evaluation));
    row.evaluation = Some(evaluation);
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

/// A block of cells as spreadsheets copy it: rows end with a line break (the last one may be
/// missing), cells are separated by tabs, and a cell with a tab, line break or quote comes in
/// double quotes (`""` inside stands for `"`).
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, '\t') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
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

/// The request body for `cell` (the whole subject cell, level, score and comment, or the whole
/// quality cell) as it is in `row`, based on the version `row` holds for it.
pub fn row_update(row: &GridRow, cell: &CellKey) -> RowUpdate {
    match cell {
        CellKey::Subject(c) => {
            let cell = row.subjects.get(c).cloned().unwrap_or_default();
            RowUpdate {
                subjects: vec![SubjectCellInput {
                    subject: c.clone(),
                    level: cell.level.map(|l| l.code().to_string()),
                    score: cell.score.map(f64::from),
                    comment: cell.comment,
                    base_version: Some(cell.version),
                }],
                qualities: Vec::new(),
            }
        }
        CellKey::Quality(c) => {
            let cell = row.qualities.get(c).cloned().unwrap_or_default();
            RowUpdate {
                subjects: Vec::new(),
                qualities: vec![QualityCellInput {
                    code: c.clone(),
                    level: cell.level.map(|l| l.code().to_string()),
                    comment: cell.comment,
                    base_version: Some(cell.version),
                }],
            }
        }
    }
}

/// The rows as the teacher has typed them, ahead of the next render (several edits may be
/// committed before the store's snapshot is refreshed). Each edit becomes one whole-cell write
/// for the queue (`services::queue`), based on the version the row holds for the cell; the
/// queue re-bases a later write of the same cell on the answer to the earlier one.
#[derive(Debug, Default)]
pub struct Outbox {
    rows: HashMap<String, GridRow>,
}

impl Outbox {
    /// Forgets everything (the grid was loaded again).
    pub fn clear(&mut self) {
        self.rows.clear();
    }

    /// The pupil's row as typed; `shown` (the row on screen) the first time.
    fn row_mut(&mut self, pupil: &str, shown: Option<&GridRow>) -> Option<&mut GridRow> {
        if !self.rows.contains_key(pupil) {
            self.rows.insert(pupil.to_string(), shown?.clone());
        }
        self.rows.get_mut(pupil)
    }

    /// Applies an edit to the pupil's row (`shown` is the row on screen); answers the write of
    /// the edited cell, or `None` for an unknown row.
    pub fn edit(&mut self, pupil: &str, shown: Option<&GridRow>, edit: &Edit) -> Option<RowUpdate> {
        let row = self.row_mut(pupil, shown)?;
        apply_edit(row, edit);
        Some(row_update(row, &CellKey::of(&edit.field())))
    }

    /// A write of `cell` succeeded with `answer`: the cell takes the answer's version, and its
    /// saved values unless newer writes of the cell wait (`dirty`: the typed values are kept).
    pub fn saved(&mut self, pupil: &str, cell: &CellKey, answer: &GridRow, dirty: bool) {
        let Some(row) = self.rows.get_mut(pupil) else { return };
        let saved = CellValue::of(answer, cell);
        if dirty {
            set_version(row, cell, saved.version());
        } else {
            saved.put(row, cell);
        }
    }

    /// The teacher keeps their value of a stale cell: answers the write of it again, based on
    /// the server's current `version`.
    pub fn keep_mine(
        &mut self,
        pupil: &str,
        shown: Option<&GridRow>,
        cell: &CellKey,
        version: u32,
    ) -> Option<RowUpdate> {
        let row = self.row_mut(pupil, shown)?;
        set_version(row, cell, version);
        Some(row_update(row, cell))
    }

    /// The teacher takes the server's value of a stale cell (nothing is written).
    pub fn take_theirs(&mut self, pupil: &str, shown: Option<&GridRow>, cell: &CellKey, current: &CellValue) {
        if let Some(row) = self.row_mut(pupil, shown) {
            current.put(row, cell);
        }
    }
}

/// The cells a refused submit names, in its order (pupils in the grid's order, each pupil's cells
/// left to right): the first is where the teacher is taken.
pub fn missing_cells(gaps: &[hocba_core::api::PupilGaps]) -> Vec<(String, Field)> {
    gaps.iter()
        .flat_map(|g| g.cells.iter().filter_map(|c| Field::from_gap(c)).map(|f| (g.pupil.id.clone(), f)))
        .collect()
}

/// The cells of the whole grid holding a value they cannot save (typed invalid or refused by the
/// server), as (pupil id, `Field::attr`): each row counts its own, the header the class's.
#[derive(Debug, Default, PartialEq)]
pub struct InvalidCells(BTreeSet<(String, String)>);

impl InvalidCells {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn of_pupil(&self, pupil: &str) -> usize {
        self.0.iter().filter(|(p, _)| p == pupil).count()
    }
}

impl Reducible for InvalidCells {
    /// (pupil id, field, invalid now)
    type Action = (String, String, bool);

    fn reduce(self: Rc<Self>, (pupil, field, bad): (String, String, bool)) -> Rc<Self> {
        let key = (pupil, field);
        if bad == self.0.contains(&key) {
            return self;
        }
        let mut next = self.0.clone();
        if bad {
            next.insert(key);
        } else {
            next.remove(&key);
        }
        Rc::new(InvalidCells(next))
    }
}

/// Save progress of one pupil's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saving,
    Saved,
    Failed(String),
    /// A cell was changed by someone else meanwhile: the teacher must choose a value.
    Conflict,
}

impl SaveState {
    /// The `data-save-state` attribute.
    pub fn code(&self) -> &'static str {
        match self {
            SaveState::Saving => "saving",
            SaveState::Saved => "saved",
            SaveState::Failed(_) => "failed",
            SaveState::Conflict => "conflict",
        }
    }
}

/// A write refused as stale: the server's value stands until the teacher chooses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The cell as it is on the server now (with its version).
    pub current: CellValue,
    /// Who saved it, and when.
    pub author: Option<String>,
    /// The panel with both values is shown (Escape hides it; the cell stays marked).
    pub open: bool,
}

/// The teacher's answer to a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Send the teacher's value again, based on the server's current version.
    Mine,
    /// Take the server's value and version; nothing is written.
    Theirs,
}

/// What the teacher does with a conflict's panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictEvent {
    Choose(Choice),
    /// Escape: the panel closes, the cell stays marked.
    Close,
    Open,
}

/// The grid page once loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct GridModel {
    pub view: GridView,
    pub saves: HashMap<String, SaveState>,
    /// Server-side refusals, per (pupil id, field).
    pub cell_errors: HashMap<(String, Field), String>,
    /// Stale writes waiting for the teacher's choice, per (pupil id, cell).
    pub conflicts: HashMap<(String, CellKey), Conflict>,
    /// Cells a refused submit named as still empty, per (pupil id, field), until edited.
    pub missing: HashSet<(String, Field)>,
}

impl GridModel {
    pub fn new(view: GridView) -> Self {
        Self {
            view,
            saves: HashMap::new(),
            cell_errors: HashMap::new(),
            conflicts: HashMap::new(),
            missing: HashSet::new(),
        }
    }

    /// The cells of `pupil` a refused submit named as empty.
    pub fn missing_of(&self, pupil: &str) -> Vec<Field> {
        let mut fields: Vec<Field> = self.missing.iter().filter(|(p, _)| p == pupil).map(|(_, f)| f.clone()).collect();
        fields.sort_by_key(Field::attr);
        fields
    }

    pub fn has_conflicts(&self) -> bool {
        !self.conflicts.is_empty()
    }

    /// The row's state once nothing more is on its way: a conflict still open, else `done`.
    fn settle(&mut self, pupil: String, busy: bool, done: SaveState) {
        let state = if busy {
            SaveState::Saving
        } else if self.conflicts.keys().any(|(p, _)| *p == pupil) {
            SaveState::Conflict
        } else {
            done
        };
        self.saves.insert(pupil, state);
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
    /// A valid value was typed (its write is sent now or after the cell's write in flight).
    Edit {
        pupil: String,
        edit: Edit,
    },
    /// The write of `cell` succeeded. `dirty`: newer edits of the cell are on their way (only the
    /// version is taken from `row`); `busy`: other writes of the pupil are still in flight.
    Saved {
        pupil: String,
        cell: CellKey,
        row: GridRow,
        dirty: bool,
        busy: bool,
    },
    Failed {
        pupil: String,
        field: Field,
        message: String,
        busy: bool,
    },
    /// The write of `cell` was based on an old version; `current` is the server's cell.
    Stale {
        pupil: String,
        cell: CellKey,
        current: CellValue,
        /// Who saved the current value, and when ("Vàng Thị Dung, 08:20 28/11/2026").
        author: Option<String>,
        busy: bool,
    },
    /// The teacher chose a value for a conflict (`busy` as for `Saved`).
    Resolve {
        pupil: String,
        cell: CellKey,
        choice: Choice,
        busy: bool,
    },
    /// Shows or hides a conflict's panel.
    ShowConflict {
        pupil: String,
        cell: CellKey,
        open: bool,
    },
    State(RecordState),
    /// A submit was refused: these cells are still empty.
    Missing(Vec<hocba_core::api::PupilGaps>),
    /// These pupils have writes waiting in the queue (shown as being saved).
    Waiting(Vec<String>),
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
            GridAction::Edit { pupil, edit } => {
                if let Some(row) = model.row_mut(&pupil) {
                    apply_edit(row, &edit);
                }
                model.cell_errors.remove(&(pupil.clone(), edit.field()));
                model.missing.remove(&(pupil.clone(), edit.field()));
                model.saves.insert(pupil, SaveState::Saving);
            }
            GridAction::Saved { pupil, cell, row, dirty, busy } => {
                if let Some(slot) = model.row_mut(&pupil) {
                    let saved = CellValue::of(&row, &cell);
                    if dirty {
                        set_version(slot, &cell, saved.version());
                    } else {
                        saved.put(slot, &cell);
                    }
                    // The result is the server's once every write of the row is answered.
                    if !busy {
                        slot.evaluation = row.evaluation;
                        slot.explanation = row.explanation;
                    }
                }
                if !dirty {
                    model.cell_errors.retain(|(p, f), _| *p != pupil || !cell.holds(f));
                }
                model.settle(pupil, busy, SaveState::Saved);
            }
            GridAction::Failed { pupil, field, message, busy } => {
                model.cell_errors.insert((pupil.clone(), field), message.clone());
                model.settle(pupil, busy, SaveState::Failed(message));
            }
            GridAction::Stale { pupil, cell, current, author, busy } => {
                model.conflicts.insert((pupil.clone(), cell), Conflict { current, author, open: true });
                model.settle(pupil, busy, SaveState::Conflict);
            }
            GridAction::Resolve { pupil, cell, choice, busy } => {
                let Some(conflict) = model.conflicts.remove(&(pupil.clone(), cell.clone())) else {
                    return self;
                };
                let view = &mut model.view;
                if let Some(row) = view.rows.iter_mut().find(|r| r.pupil.id == pupil) {
                    match choice {
                        Choice::Mine => set_version(row, &cell, conflict.current.version()),
                        Choice::Theirs => {
                            conflict.current.put(row, &cell);
                            evaluate_row(view.period, (&view.subjects, &view.qualities), row);
                        }
                    }
                }
                model.cell_errors.retain(|(p, f), _| *p != pupil || !cell.holds(f));
                match choice {
                    Choice::Mine => {
                        model.saves.insert(pupil, SaveState::Saving);
                    }
                    Choice::Theirs => model.settle(pupil, busy, SaveState::Saved),
                }
            }
            GridAction::ShowConflict { pupil, cell, open } => match model.conflicts.get_mut(&(pupil, cell)) {
                Some(conflict) => conflict.open = open,
                None => return self,
            },
            GridAction::State(state) => model.view.state = state,
            GridAction::Missing(gaps) => {
                model.missing = missing_cells(&gaps).into_iter().collect();
            }
            GridAction::Waiting(pupils) => {
                for pupil in pupils {
                    model.saves.insert(pupil, SaveState::Saving);
                }
            }
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
            takes: Vec::new(),
        }
    }

    #[test]
    fn field_attributes() {
        assert_eq!(Field::SubjectLevel("toan".into()).attr(), "subject:toan:level");
        assert_eq!(Field::SubjectScore("toan".into()).attr(), "subject:toan:score");
        assert_eq!(Field::SubjectComment("toan".into()).attr(), "subject:toan:comment");
        assert_eq!(Field::QualityLevel("yeu_nuoc".into()).attr(), "quality:yeu_nuoc:level");
        for f in [Field::SubjectScore("toan".into()), Field::QualityLevel("yeu_nuoc".into())] {
            assert_eq!(Field::from_attr(&f.attr()), Some(f));
        }
        assert_eq!(Field::from_attr("subject:toan"), None);
    }

    #[test]
    fn a_refused_submit_marks_its_empty_cells_until_they_are_edited() {
        assert_eq!(Field::from_gap("subjects.toan.level"), Some(Field::SubjectLevel("toan".into())));
        assert_eq!(Field::from_gap("subjects.toan.score"), Some(Field::SubjectScore("toan".into())));
        assert_eq!(Field::from_gap("qualities.trung_thuc"), Some(Field::QualityLevel("trung_thuc".into())));
        assert_eq!(Field::from_gap("subjects.toan"), None);
        let gap = |id: &str, cells: &[&str]| hocba_core::api::PupilGaps {
            pupil: PupilRef { id: id.into(), full_name: id.into() },
            cells: cells.iter().map(|c| c.to_string()).collect(),
            labels: Vec::new(),
        };
        let gaps =
            vec![gap("p1", &["subjects.toan.score", "qualities.trung_thuc"]), gap("p2", &["subjects.toan.level"])];
        let cells = missing_cells(&gaps);
        assert_eq!(cells[0], ("p1".to_string(), Field::SubjectScore("toan".into())), "the first is where focus goes");
        assert_eq!(cells.len(), 3);
        let store = loaded(vec![row()]).reduce(GridAction::Missing(gaps));
        assert_eq!(model(&store).missing_of("p1").len(), 2);
        let store =
            store.reduce(GridAction::Edit { pupil: "p1".into(), edit: Edit::SubjectScore("toan".into(), Some(7)) });
        assert_eq!(model(&store).missing_of("p1"), vec![Field::QualityLevel("trung_thuc".into())]);
        assert_eq!(model(&store).missing_of("p2"), vec![Field::SubjectLevel("toan".into())]);
    }

    #[test]
    fn invalid_cells_are_counted_per_row_and_for_the_class() {
        let cells = Rc::new(InvalidCells::default());
        let cells = cells.reduce(("p1".into(), "subject:toan:level".into(), true));
        let cells = cells.reduce(("p1".into(), "subject:toan:score".into(), true));
        let cells = cells.reduce(("p2".into(), "subject:toan:level".into(), true));
        let same = cells.clone().reduce(("p2".into(), "subject:toan:level".into(), true));
        assert!(Rc::ptr_eq(&same, &cells), "nothing new: the same state");
        assert_eq!((cells.len(), cells.of_pupil("p1"), cells.of_pupil("p2")), (3, 2, 1));
        let cells = cells.reduce(("p1".into(), "subject:toan:level".into(), false));
        assert_eq!((cells.len(), cells.of_pupil("p1")), (2, 1));
    }

    #[test]
    fn blocks_copied_from_a_spreadsheet_are_split_into_rows_and_cells() {
        let rows =
            |v: &[&[&str]]| v.iter().map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>()).collect::<Vec<_>>();
        assert_eq!(
            parse_block("H\t7\tCố gắng\tT\r\nT\t9\t\tH\r\n"),
            rows(&[&["H", "7", "Cố gắng", "T"], &["T", "9", "", "H"]])
        );
        assert_eq!(parse_block("T\nH"), rows(&[&["T"], &["H"]]));
        assert_eq!(parse_block("\"Chăm \"\"ngoan\"\"\nvà tốt\"\tT\n"), rows(&[&["Chăm \"ngoan\"\nvà tốt", "T"]]));
        assert_eq!(parse_block(""), Vec::<Vec<String>>::new());
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
    fn the_whole_subject_cell_is_sent_with_its_version() {
        let mut r = row();
        r.subjects.insert(
            "toan".into(),
            SubjectCell {
                level: Some(SubjectLevel::H), score: Some(7), comment: Some("Cẩn thận".into()), version: 3
            },
        );
        apply_edit(&mut r, &Edit::SubjectLevel("toan".into(), Some(SubjectLevel::T)));
        let body = row_update(&r, &CellKey::of(&Field::SubjectScore("toan".into())));
        assert_eq!(
            body.subjects,
            vec![SubjectCellInput {
                subject: "toan".into(),
                level: Some("T".into()),
                score: Some(7.0),
                comment: Some("Cẩn thận".into()),
                base_version: Some(3),
            }]
        );
        assert!(body.qualities.is_empty());
        assert_eq!(cell_text(&r, &Field::SubjectComment("toan".into())), "Cẩn thận");
        let quality = row_update(&row(), &CellKey::Quality("cham_chi".into()));
        assert_eq!(quality.qualities[0].base_version, Some(0), "a cell never written is version 0");
    }

    #[test]
    fn cells_are_named_like_the_server() {
        assert_eq!(CellKey::of(&Field::SubjectComment("toan".into())).path(), "subjects.toan");
        assert_eq!(CellKey::of(&Field::QualityLevel("cham_chi".into())).path(), "qualities.cham_chi");
        assert_eq!(CellKey::Subject("toan".into()).anchor(), Field::SubjectLevel("toan".into()));
        let current = serde_json::json!({"level": "C", "score": 4, "comment": null, "version": 2});
        let subject = CellValue::parse(&CellKey::Subject("toan".into()), &current);
        assert_eq!(
            subject,
            Some(CellValue::Subject(SubjectCell {
                level: Some(SubjectLevel::C),
                score: Some(4),
                comment: None,
                version: 2
            }))
        );
        let json = serde_json::json!({"level": "Đ", "version": 5, "changed_by": "Lù Thị Hoa", "changed_at": "28/11/2026 08:20"});
        assert_eq!(stale_author(&json).as_deref(), Some("Lù Thị Hoa, 28/11/2026 08:20"));
        assert_eq!(stale_author(&serde_json::json!({"changed_by": null})), None);
        let quality = CellValue::parse(&CellKey::Quality("cham_chi".into()), &json);
        assert_eq!(quality.map(|q| q.version()), Some(5));
        assert_eq!(CellValue::parse(&CellKey::Subject("toan".into()), &serde_json::json!("x")), None);
    }

    fn subject(level: SubjectLevel, score: Option<u8>, version: u32) -> SubjectCell {
        SubjectCell { level: Some(level), score, comment: None, version }
    }

    fn view(rows: Vec<GridRow>) -> GridView {
        GridView {
            class: hocba_core::api::ClassRef {
                id: "c".into(),
                name: "5A".into(),
                grade: 5,
                school_year: "2025-2026".into(),
            },
            period: Period::CuoiNam,
            state: RecordState::default(),
            subjects: vec![SubjectColumn { code: "toan".into(), name: "Toán".into(), scored: true, optional: false }],
            qualities: Vec::new(),
            rows,
        }
    }

    fn loaded(rows: Vec<GridRow>) -> Rc<GridStore> {
        Rc::new(GridStore::default()).reduce(GridAction::Loaded(view(rows)))
    }

    fn model(store: &GridStore) -> &GridModel {
        store.model.as_ref().expect("loaded")
    }

    fn toan(store: &GridStore) -> SubjectCell {
        model(store).row("p1").and_then(|r| r.subjects.get("toan")).cloned().unwrap_or_default()
    }

    fn toan_key() -> CellKey {
        CellKey::Subject("toan".into())
    }

    /// An answer to the server's row, as `write_row` answers: `cell` saved at `version`.
    fn answer(cell: SubjectCell) -> GridRow {
        let mut r = row();
        r.subjects.insert("toan".into(), cell);
        r
    }

    #[test]
    fn each_edit_writes_the_whole_cell_based_on_the_version_the_row_holds() {
        let mut shown = row();
        shown.subjects.insert("toan".into(), subject(SubjectLevel::T, Some(9), 1));
        let mut outbox = Outbox::default();
        let level = outbox.edit("p1", Some(&shown), &Edit::SubjectLevel("toan".into(), Some(SubjectLevel::H)));
        assert_eq!(level.expect("known row").subjects[0].base_version, Some(1));
        // The score of the same subject is typed before the answer: same base (the queue re-bases
        // it on the first answer), both values.
        let score = outbox.edit("p1", None, &Edit::SubjectScore("toan".into(), Some(6))).expect("known row");
        let sent = &score.subjects[0];
        assert_eq!((sent.level.as_deref(), sent.score, sent.base_version), (Some("H"), Some(6.0), Some(1)));
        assert_eq!(outbox.edit("p2", None, &Edit::SubjectScore("toan".into(), Some(6))), None, "unknown row");
        let quality = outbox.edit("p1", None, &Edit::QualityLevel("cham_chi".into(), Some(QualityLevel::T)));
        assert_eq!(quality.map(|w| w.qualities[0].code.clone()), Some("cham_chi".to_string()));
        // The level is saved (version 2) while the score waits: the typed values stay.
        outbox.saved("p1", &toan_key(), &answer(subject(SubjectLevel::H, Some(9), 2)), true);
        outbox.saved("p1", &toan_key(), &answer(subject(SubjectLevel::H, Some(6), 3)), false);
        // The next edit is based on the last answer's version.
        let later = outbox.edit("p1", None, &Edit::SubjectComment("toan".into(), Some("Tốt".into())));
        assert_eq!(later.map(|w| w.subjects[0].base_version), Some(Some(3)));
    }

    #[test]
    fn an_answer_keeps_the_newer_unsaved_edits_of_the_row() {
        let store = loaded(vec![answer(subject(SubjectLevel::T, Some(9), 1))]);
        let level = |l| Edit::SubjectLevel("toan".into(), Some(l));
        let store = store.reduce(GridAction::Edit { pupil: "p1".into(), edit: level(SubjectLevel::H) });
        let store = store.reduce(GridAction::Edit { pupil: "p1".into(), edit: level(SubjectLevel::C) });
        // The answer to the first edit (H, version 2) while C waits: C stays, the version is taken.
        let first = answer(subject(SubjectLevel::H, Some(9), 2));
        let store = store.reduce(GridAction::Saved {
            pupil: "p1".into(),
            cell: toan_key(),
            row: first,
            dirty: true,
            busy: true,
        });
        assert_eq!(toan(&store), subject(SubjectLevel::C, Some(9), 2));
        assert_eq!(model(&store).saves.get("p1"), Some(&SaveState::Saving));
        // The last answer brings the saved cell (the server may have normalised it) and the result.
        let mut last = answer(SubjectCell { comment: Some("x".into()), ..subject(SubjectLevel::C, Some(9), 3) });
        last.explanation = Some("Chưa hoàn thành".into());
        let store = store.reduce(GridAction::Saved {
            pupil: "p1".into(),
            cell: toan_key(),
            row: last,
            dirty: false,
            busy: false,
        });
        assert_eq!(toan(&store).comment.as_deref(), Some("x"));
        assert_eq!(toan(&store).version, 3);
        assert_eq!(model(&store).row("p1").and_then(|r| r.explanation.as_deref()), Some("Chưa hoàn thành"));
        assert_eq!(model(&store).saves.get("p1"), Some(&SaveState::Saved));
    }

    #[test]
    fn an_answer_for_one_cell_leaves_the_others_alone() {
        let mut shown = answer(subject(SubjectLevel::T, Some(9), 1));
        shown
            .qualities
            .insert("cham_chi".into(), QualityCell { level: Some(QualityLevel::T), comment: None, version: 4 });
        let store = loaded(vec![shown]);
        let edit = Edit::QualityLevel("cham_chi".into(), Some(QualityLevel::C));
        let store = store.reduce(GridAction::Edit { pupil: "p1".into(), edit });
        // The toan answer knows nothing of the quality being saved: the quality keeps C.
        let row = answer(subject(SubjectLevel::H, Some(9), 2));
        let store =
            store.reduce(GridAction::Saved { pupil: "p1".into(), cell: toan_key(), row, dirty: false, busy: true });
        let quality = model(&store).row("p1").and_then(|r| r.qualities.get("cham_chi")).cloned();
        assert_eq!(quality.map(|q| (q.level, q.version)), Some((Some(QualityLevel::C), 4)));
        assert_eq!(toan(&store), subject(SubjectLevel::H, Some(9), 2));
    }

    /// The teacher typed H over T (version 1) while someone else saved C, 4 (version 2).
    fn stale_store() -> (Rc<GridStore>, Outbox, CellValue) {
        let shown = answer(subject(SubjectLevel::T, Some(9), 1));
        let store = loaded(vec![shown.clone()]);
        let mut outbox = Outbox::default();
        let edit = Edit::SubjectLevel("toan".into(), Some(SubjectLevel::H));
        let write = outbox.edit("p1", Some(&shown), &edit).expect("sent");
        assert_eq!(write.subjects[0].base_version, Some(1));
        let store = store.reduce(GridAction::Edit { pupil: "p1".into(), edit });
        let current = CellValue::Subject(subject(SubjectLevel::C, Some(4), 2));
        let store = store.reduce(GridAction::Stale {
            pupil: "p1".into(),
            cell: toan_key(),
            current: current.clone(),
            author: Some("Lù Thị Hoa, 28/11/2026 08:20".into()),
            busy: false,
        });
        let m = model(&store);
        assert_eq!(m.saves.get("p1"), Some(&SaveState::Conflict));
        assert!(m.has_conflicts());
        assert_eq!(
            m.conflicts.get(&("p1".to_string(), toan_key())),
            Some(&Conflict {
                current: current.clone(),
                author: Some("Lù Thị Hoa, 28/11/2026 08:20".into()),
                open: true
            })
        );
        assert_eq!(toan(&store), subject(SubjectLevel::H, Some(9), 1), "the grid still shows the teacher's value");
        (store, outbox, current)
    }

    #[test]
    fn keeping_my_value_sends_it_again_based_on_the_current_version() {
        let (store, mut outbox, current) = stale_store();
        let store = store.reduce(GridAction::ShowConflict { pupil: "p1".into(), cell: toan_key(), open: false });
        assert_eq!(model(&store).conflicts.get(&("p1".to_string(), toan_key())).map(|c| c.open), Some(false));
        assert_eq!(model(&store).saves.get("p1"), Some(&SaveState::Conflict), "closing the panel keeps the mark");
        let write = outbox.keep_mine("p1", None, &toan_key(), current.version()).expect("sent");
        let sent = &write.subjects[0];
        assert_eq!((sent.level.as_deref(), sent.score, sent.base_version), (Some("H"), Some(9.0), Some(2)));
        let store = store.reduce(GridAction::Resolve {
            pupil: "p1".into(),
            cell: toan_key(),
            choice: Choice::Mine,
            busy: true,
        });
        assert!(!model(&store).has_conflicts());
        assert_eq!(model(&store).saves.get("p1"), Some(&SaveState::Saving));
        assert_eq!(toan(&store), subject(SubjectLevel::H, Some(9), 2));
        let saved = answer(subject(SubjectLevel::H, Some(9), 3));
        outbox.saved("p1", &toan_key(), &saved, false);
        let store = store.reduce(GridAction::Saved {
            pupil: "p1".into(),
            cell: toan_key(),
            row: saved,
            dirty: false,
            busy: false,
        });
        assert_eq!(model(&store).saves.get("p1"), Some(&SaveState::Saved));
        assert_eq!(toan(&store).version, 3);
    }

    #[test]
    fn taking_the_current_value_writes_nothing_and_recomputes_the_result() {
        let (store, mut outbox, current) = stale_store();
        outbox.take_theirs("p1", None, &toan_key(), &current);
        // The next edit of the cell is based on the server's version.
        let next = outbox.edit("p1", None, &Edit::SubjectComment("toan".into(), Some("Cố lên".into())));
        let sent = next.map(|w| w.subjects[0].clone()).expect("sent");
        assert_eq!((sent.level.as_deref(), sent.score, sent.base_version), (Some("C"), Some(4.0), Some(2)));
        let store = store.reduce(GridAction::Resolve {
            pupil: "p1".into(),
            cell: toan_key(),
            choice: Choice::Theirs,
            busy: false,
        });
        let m = model(&store);
        assert!(!m.has_conflicts());
        assert_eq!(m.saves.get("p1"), Some(&SaveState::Saved));
        assert_eq!(toan(&store), subject(SubjectLevel::C, Some(4), 2));
        let result = m.row("p1").and_then(|r| r.evaluation.as_ref()).and_then(|e| e.result);
        assert_eq!(result, Some(hocba_core::YearResult::CHT));
        // A conflict already resolved is not resolved twice.
        let again = store.clone().reduce(GridAction::Resolve {
            pupil: "p1".into(),
            cell: toan_key(),
            choice: Choice::Mine,
            busy: false,
        });
        assert!(Rc::ptr_eq(&again, &store));
    }
}
