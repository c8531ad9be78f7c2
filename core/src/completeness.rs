//! Whether a periodic record can be submitted: the cells still empty, pupil by pupil (the 409
//! `incomplete` of a submit, the dashboard's and approve-all's counts).

/// The cells a submit still needs, pupil by pupil in the grid's order: a level for every subject the
/// pupil is assessed in, a score where the periodic point has a test, a level for every phẩm chất
/// and năng lực.
pub fn gaps(view: &crate::api::GridView) -> Vec<crate::api::PupilGaps> {
    let mut out = Vec::new();
    for row in &view.rows {
        let (mut cells, mut labels) = (Vec::new(), Vec::new());
        for col in view.subjects.iter().filter(|c| !c.optional || row.takes.contains(&c.code)) {
            let cell = row.subjects.get(&col.code);
            if cell.and_then(|c| c.level).is_none() {
                cells.push(format!("subjects.{}.level", col.code));
                labels.push(format!("{} ({})", col.name, crate::messages::GAP_LEVEL));
            }
            if col.scored && cell.and_then(|c| c.score).is_none() {
                cells.push(format!("subjects.{}.score", col.code));
                labels.push(format!("{} ({})", col.name, crate::messages::GAP_SCORE));
            }
        }
        for col in &view.qualities {
            if row.qualities.get(&col.code).and_then(|c| c.level).is_none() {
                cells.push(format!("qualities.{}", col.code));
                labels.push(col.name.clone());
            }
        }
        if !cells.is_empty() {
            out.push(crate::api::PupilGaps { pupil: row.pupil.clone(), cells, labels });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{
        ClassRef, GridRow, GridView, PupilRef, QualityColumn, RecordState, RecordStatus, SubjectCell, SubjectColumn,
    };

    fn view() -> GridView {
        let row = |id: &str, name: &str| GridRow {
            pupil: PupilRef { id: id.into(), full_name: name.into() },
            subjects: Default::default(),
            qualities: Default::default(),
            evaluation: None,
            explanation: None,
            takes: Vec::new(),
        };
        GridView {
            class: ClassRef { id: "c".into(), name: "5A".into(), grade: 5, school_year: "2025-2026".into() },
            period: crate::Period::CuoiHk1,
            state: RecordState { status: RecordStatus::Draft, ..Default::default() },
            subjects: vec![
                SubjectColumn { code: "toan".into(), name: "Toán".into(), scored: true, optional: false },
                SubjectColumn { code: "tin_hoc".into(), name: "Tin học".into(), scored: false, optional: true },
            ],
            qualities: vec![QualityColumn {
                code: "trung_thuc".into(),
                name: "Trung thực".into(),
                kind: crate::catalogue::QualityKind::PhamChat,
            }],
            rows: vec![row("p1", "Giàng Thị Mỷ"), row("p2", "Sùng Văn Pả")],
        }
    }

    #[test]
    fn every_empty_cell_is_named_pupil_by_pupil() {
        let mut v = view();
        let full = &mut v.rows[1];
        full.subjects.insert(
            "toan".into(),
            SubjectCell { level: Some(crate::levels::SubjectLevel::T), score: Some(9), ..Default::default() },
        );
        full.qualities.insert(
            "trung_thuc".into(),
            crate::api::QualityCell { level: Some(crate::levels::QualityLevel::T), ..Default::default() },
        );
        let gaps = gaps(&v);
        assert_eq!(gaps.len(), 1, "the complete pupil is not listed");
        assert_eq!(gaps[0].pupil.full_name, "Giàng Thị Mỷ");
        assert_eq!(gaps[0].cells, ["subjects.toan.level", "subjects.toan.score", "qualities.trung_thuc"]);
        assert_eq!(gaps[0].labels, ["Toán (mức)", "Toán (điểm)", "Trung thực"]);
        // An optional subject counts only for the pupils who take it.
        v.rows[1].takes.push("tin_hoc".into());
        let gaps = super::gaps(&v);
        assert_eq!(gaps[1].cells, ["subjects.tin_hoc.level"]);
    }
}
