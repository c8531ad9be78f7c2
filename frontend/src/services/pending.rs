//! The writes waiting to be sent, without the browser: what one queued write holds ([`Op`]),
//! how an answer re-bases the later writes of the same cell, and how waiting writes show in a
//! grid loaded from the server or from the device.

use hocba_core::api::{GridRow, GridView, RowUpdate};
use hocba_core::{QualityLevel, SubjectLevel};
use serde::{Deserialize, Serialize};

/// One cell write of the grid, kept on the device until the server has answered it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    /// Sent as `Idempotency-Key`: a write replayed after a lost answer is applied once.
    pub key: String,
    pub user: String,
    pub class_id: String,
    pub period: String,
    pub pupil: String,
    /// The `data-field` of the part last edited (where a refusal is shown).
    pub field: String,
    /// One whole cell, based on the version the teacher saw (or the previous write's answer).
    pub update: RowUpdate,
    /// When the teacher made the edit (RFC 3339, the device's clock).
    pub made_at: String,
    /// The write waited in the queue (the network failed, or the page was reloaded meanwhile).
    #[serde(default)]
    pub queued: bool,
}

impl Op {
    /// The cell as the server names it: `subjects.toan`, `qualities.cham_chi`.
    pub fn cell(&self) -> String {
        match (self.update.subjects.first(), self.update.qualities.first()) {
            (Some(s), _) => format!("subjects.{}", s.subject),
            (None, Some(q)) => format!("qualities.{}", q.code),
            (None, None) => String::new(),
        }
    }

    pub fn on_page(&self, class_id: &str, period: &str) -> bool {
        self.class_id == class_id && self.period == period
    }

    fn same_cell(&self, other: &Op) -> bool {
        self.on_page(&other.class_id, &other.period) && self.pupil == other.pupil && self.cell() == other.cell()
    }

    fn set_base(&mut self, version: u32) {
        for s in &mut self.update.subjects {
            s.base_version = Some(version);
        }
        for q in &mut self.update.qualities {
            q.base_version = Some(version);
        }
    }

    /// Writes the op's value into the pupil's row (keeping the row's version).
    pub fn apply(&self, row: &mut GridRow) {
        for s in &self.update.subjects {
            let cell = row.subjects.entry(s.subject.clone()).or_default();
            cell.level = s.level.as_deref().and_then(SubjectLevel::parse);
            cell.score = s.score.and_then(|v| u8::try_from(v as i64).ok());
            cell.comment = s.comment.clone();
        }
        for q in &self.update.qualities {
            let cell = row.qualities.entry(q.code.clone()).or_default();
            cell.level = q.level.as_deref().and_then(QualityLevel::parse);
            cell.comment = q.comment.clone();
        }
    }
}

/// The queue in order: (IndexedDB key, op).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ops(pub Vec<(f64, Op)>);

impl Ops {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn first(&self) -> Option<&(f64, Op)> {
        self.0.first()
    }

    pub fn push(&mut self, key: f64, op: Op) {
        self.0.push((key, op));
    }

    pub fn remove(&mut self, key: f64) {
        self.0.retain(|(k, _)| *k != key);
    }

    /// The answered write `done` made the cell `version`: the later writes of the same cell are
    /// based on it now. Answers them (to be stored again).
    pub fn rebase(&mut self, done: &Op, version: u32) -> Vec<(f64, Op)> {
        let mut changed = Vec::new();
        for (k, op) in &mut self.0 {
            if op.same_cell(done) {
                op.set_base(version);
                changed.push((*k, op.clone()));
            }
        }
        changed
    }

    /// The cell of `stale` changed on the server: its later writes are dropped too (the teacher
    /// chooses between their value and the server's). Answers the keys removed.
    pub fn drop_cell(&mut self, stale: &Op) -> Vec<f64> {
        let keys: Vec<f64> = self.0.iter().filter(|(_, op)| op.same_cell(stale)).map(|(k, _)| *k).collect();
        self.0.retain(|(_, op)| !op.same_cell(stale));
        keys
    }

    pub fn has_cell(&self, class_id: &str, period: &str, pupil: &str, cell: &str) -> bool {
        self.0.iter().any(|(_, op)| op.on_page(class_id, period) && op.pupil == pupil && op.cell() == cell)
    }

    pub fn has_pupil(&self, class_id: &str, period: &str, pupil: &str) -> bool {
        self.0.iter().any(|(_, op)| op.on_page(class_id, period) && op.pupil == pupil)
    }

    /// Shows the waiting writes of the page in `view` (in order, the last one wins); answers the
    /// pupils who have some.
    pub fn overlay(&self, view: &mut GridView) -> Vec<String> {
        let (class_id, period) = (view.class.id.clone(), view.period.code());
        let mut pupils = Vec::new();
        for (_, op) in self.0.iter().filter(|(_, op)| op.on_page(&class_id, period)) {
            if let Some(row) = view.rows.iter_mut().find(|r| r.pupil.id == op.pupil) {
                op.apply(row);
                if !pupils.contains(&op.pupil) {
                    pupils.push(op.pupil.clone());
                }
            }
        }
        pupils
    }
}

/// Writes the answered cell (value and version) into a remembered grid.
pub fn remember_answer(view: &mut GridView, op: &Op, answer: &GridRow) {
    let Some(row) = view.rows.iter_mut().find(|r| r.pupil.id == op.pupil) else { return };
    for s in &op.update.subjects {
        if let Some(cell) = answer.subjects.get(&s.subject) {
            row.subjects.insert(s.subject.clone(), cell.clone());
        }
    }
    for q in &op.update.qualities {
        if let Some(cell) = answer.qualities.get(&q.code) {
            row.qualities.insert(q.code.clone(), cell.clone());
        }
    }
    row.evaluation = answer.evaluation.clone();
    row.explanation = answer.explanation.clone();
}

/// The version of `op`'s cell in an answer row.
pub fn answered_version(op: &Op, answer: &GridRow) -> Option<u32> {
    match (op.update.subjects.first(), op.update.qualities.first()) {
        (Some(s), _) => answer.subjects.get(&s.subject).map(|c| c.version),
        (None, Some(q)) => answer.qualities.get(&q.code).map(|c| c.version),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hocba_core::api::{PupilRef, QualityCell, QualityCellInput, SubjectCell, SubjectCellInput};
    use std::collections::BTreeMap;

    fn op(pupil: &str, subject: &str, level: &str, base: u32) -> Op {
        Op {
            key: format!("{pupil}-{subject}-{level}"),
            user: "u".into(),
            class_id: "c".into(),
            period: "cuoi_nam".into(),
            pupil: pupil.into(),
            field: format!("subject:{subject}:level"),
            update: RowUpdate {
                subjects: vec![SubjectCellInput {
                    subject: subject.into(),
                    level: Some(level.into()),
                    score: Some(9.0),
                    comment: None,
                    base_version: Some(base),
                }],
                qualities: Vec::new(),
            },
            made_at: "2026-11-28T08:00:00.000Z".into(),
            queued: false,
        }
    }

    fn row(pupil: &str) -> GridRow {
        GridRow {
            pupil: PupilRef { id: pupil.into(), full_name: pupil.into() },
            subjects: BTreeMap::new(),
            qualities: BTreeMap::new(),
            evaluation: None,
            explanation: None,
            takes: Vec::new(),
        }
    }

    fn base(op: &Op) -> Option<u32> {
        op.update.subjects[0].base_version
    }

    #[test]
    fn an_answer_rebases_only_the_later_writes_of_the_same_cell() {
        let mut ops = Ops::default();
        let first = op("p1", "toan", "H", 1);
        ops.push(1.0, first.clone());
        ops.push(2.0, op("p1", "toan", "T", 1));
        ops.push(3.0, op("p1", "tieng_viet", "T", 4));
        ops.push(4.0, op("p2", "toan", "T", 7));
        ops.remove(1.0);
        let changed = ops.rebase(&first, 2);
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].0, 2.0);
        assert_eq!(base(&ops.0[0].1), Some(2));
        assert_eq!(base(&ops.0[1].1), Some(4), "another subject keeps its base");
        assert_eq!(base(&ops.0[2].1), Some(7), "another pupil keeps its base");
        assert!(ops.has_cell("c", "cuoi_nam", "p1", "subjects.toan"));
        assert!(!ops.has_cell("c", "giua_hk1", "p1", "subjects.toan"));
    }

    #[test]
    fn a_stale_cell_drops_its_later_writes() {
        let mut ops = Ops::default();
        let stale = op("p1", "toan", "H", 1);
        ops.push(2.0, op("p1", "toan", "T", 1));
        ops.push(3.0, op("p1", "tieng_viet", "T", 4));
        assert_eq!(ops.drop_cell(&stale), vec![2.0]);
        assert_eq!(ops.len(), 1);
        assert!(ops.has_pupil("c", "cuoi_nam", "p1"));
        assert!(!ops.has_pupil("c", "cuoi_nam", "p2"));
    }

    #[test]
    fn waiting_writes_show_in_a_loaded_grid_and_answers_are_remembered() {
        let mut view: GridView = serde_json::from_value(serde_json::json!({
            "class": {"id": "c", "name": "5A", "grade": 5, "school_year": "2025-2026"},
            "period": "cuoi_nam",
            "state": {"status": "draft", "note": null, "submitted_by": null, "submitted_at": null,
                      "decided_by": null, "decided_at": null},
            "subjects": [], "qualities": [], "rows": []
        }))
        .expect("view");
        view.rows = vec![row("p1"), row("p2")];
        view.rows[0].subjects.insert("toan".into(), SubjectCell { version: 3, ..SubjectCell::default() });
        let mut ops = Ops::default();
        ops.push(1.0, op("p1", "toan", "H", 3));
        ops.push(2.0, op("p1", "toan", "C", 3));
        let mut quality = op("p1", "toan", "T", 0);
        quality.update = RowUpdate {
            subjects: Vec::new(),
            qualities: vec![QualityCellInput {
                code: "cham_chi".into(),
                level: Some("Đ".into()),
                comment: Some("Chăm".into()),
                base_version: Some(0),
            }],
        };
        assert_eq!(quality.cell(), "qualities.cham_chi");
        ops.push(3.0, quality.clone());
        assert_eq!(ops.overlay(&mut view), vec!["p1".to_string()]);
        let toan = &view.rows[0].subjects["toan"];
        assert_eq!((toan.level, toan.score, toan.version), (Some(SubjectLevel::C), Some(9), 3));
        assert_eq!(view.rows[0].qualities["cham_chi"].level, Some(QualityLevel::D));
        let mut answer = row("p1");
        answer.qualities.insert(
            "cham_chi".into(),
            QualityCell { level: Some(QualityLevel::D), comment: Some("Chăm".into()), version: 1 },
        );
        assert_eq!(answered_version(&quality, &answer), Some(1));
        remember_answer(&mut view, &quality, &answer);
        assert_eq!(view.rows[0].qualities["cham_chi"].version, 1);
    }
}
