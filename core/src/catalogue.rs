//! The TT27 / GDPT 2018 catalogue as data: subjects and activities per grade,
//! where the periodic tests (KTĐK) fall, and the phẩm chất and năng lực.
//! A rule change is a change of the tables below, not of code.

use crate::period::Period;
use serde::{Deserialize, Serialize};

/// Grades of primary school.
pub const GRADES: std::ops::RangeInclusive<u8> = 1..=5;

/// Lowest accepted KTĐK score (whether 0 is allowed is not settled by the circular).
pub const MIN_SCORE: u8 = 1;
/// Highest KTĐK score.
pub const MAX_SCORE: u8 = 10;

/// A subject or educational activity as it appears in the grade's học bạ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectSpec {
    pub code: &'static str,
    pub name: &'static str,
    /// Taken only by pupils (classes) that choose it.
    pub optional: bool,
    /// Periodic points with a KTĐK score; empty when the subject is never scored.
    pub test_periods: &'static [Period],
}

impl SubjectSpec {
    pub fn is_scored_at(&self, period: Period) -> bool {
        self.test_periods.contains(&period)
    }
}

/// A phẩm chất or năng lực.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QualitySpec {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: QualityKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QualityKind {
    /// Phẩm chất chủ yếu
    PhamChat,
    /// Năng lực chung
    NangLucChung,
    /// Năng lực đặc thù
    NangLucDacThu,
}

const NONE: &[Period] = &[];
const END_OF_TERMS: &[Period] = &[Period::CuoiHk1, Period::CuoiNam];
const ALL_POINTS: &[Period] = &Period::ALL;

/// One row of the subject table: the subject and, per grade 1..=5, whether the grade has it
/// and where it is tested.
struct SubjectRow {
    code: &'static str,
    name: &'static str,
    grades: [Presence; 5],
}

#[derive(Clone, Copy)]
enum Presence {
    Absent,
    Required(&'static [Period]),
    Optional(&'static [Period]),
}

use Presence::{Absent as NO, Optional as OPT, Required as REQ};

/// Chương trình GDPT 2018, lớp 1–5, with the TT27 test points.
#[rustfmt::skip]
const SUBJECTS: &[SubjectRow] = &[
    SubjectRow { code: "tieng_viet", name: "Tiếng Việt", grades: [REQ(END_OF_TERMS), REQ(END_OF_TERMS), REQ(END_OF_TERMS), REQ(ALL_POINTS), REQ(ALL_POINTS)] },
    SubjectRow { code: "toan", name: "Toán", grades: [REQ(END_OF_TERMS), REQ(END_OF_TERMS), REQ(END_OF_TERMS), REQ(ALL_POINTS), REQ(ALL_POINTS)] },
    SubjectRow { code: "ngoai_ngu_1", name: "Ngoại ngữ 1", grades: [OPT(NONE), OPT(NONE), REQ(END_OF_TERMS), REQ(END_OF_TERMS), REQ(END_OF_TERMS)] },
    SubjectRow { code: "dao_duc", name: "Đạo đức", grades: [REQ(NONE), REQ(NONE), REQ(NONE), REQ(NONE), REQ(NONE)] },
    SubjectRow { code: "tu_nhien_xa_hoi", name: "Tự nhiên và Xã hội", grades: [REQ(NONE), REQ(NONE), REQ(NONE), NO, NO] },
    SubjectRow { code: "lich_su_dia_li", name: "Lịch sử và Địa lí", grades: [NO, NO, NO, REQ(END_OF_TERMS), REQ(END_OF_TERMS)] },
    SubjectRow { code: "khoa_hoc", name: "Khoa học", grades: [NO, NO, NO, REQ(END_OF_TERMS), REQ(END_OF_TERMS)] },
    SubjectRow { code: "tin_hoc", name: "Tin học và Công nghệ (Tin học)", grades: [NO, NO, REQ(END_OF_TERMS), REQ(END_OF_TERMS), REQ(END_OF_TERMS)] },
    SubjectRow { code: "cong_nghe", name: "Tin học và Công nghệ (Công nghệ)", grades: [NO, NO, REQ(END_OF_TERMS), REQ(END_OF_TERMS), REQ(END_OF_TERMS)] },
    SubjectRow { code: "giao_duc_the_chat", name: "Giáo dục thể chất", grades: [REQ(NONE), REQ(NONE), REQ(NONE), REQ(NONE), REQ(NONE)] },
    SubjectRow { code: "am_nhac", name: "Nghệ thuật (Âm nhạc)", grades: [REQ(NONE), REQ(NONE), REQ(NONE), REQ(NONE), REQ(NONE)] },
    SubjectRow { code: "mi_thuat", name: "Nghệ thuật (Mĩ thuật)", grades: [REQ(NONE), REQ(NONE), REQ(NONE), REQ(NONE), REQ(NONE)] },
    SubjectRow { code: "hoat_dong_trai_nghiem", name: "Hoạt động trải nghiệm", grades: [REQ(NONE), REQ(NONE), REQ(NONE), REQ(NONE), REQ(NONE)] },
    SubjectRow { code: "tieng_dan_toc", name: "Tiếng dân tộc thiểu số", grades: [OPT(NONE), OPT(NONE), OPT(NONE), OPT(NONE), OPT(NONE)] },
];

#[rustfmt::skip]
const QUALITIES: &[QualitySpec] = &[
    QualitySpec { code: "yeu_nuoc", name: "Yêu nước", kind: QualityKind::PhamChat },
    QualitySpec { code: "nhan_ai", name: "Nhân ái", kind: QualityKind::PhamChat },
    QualitySpec { code: "cham_chi", name: "Chăm chỉ", kind: QualityKind::PhamChat },
    QualitySpec { code: "trung_thuc", name: "Trung thực", kind: QualityKind::PhamChat },
    QualitySpec { code: "trach_nhiem", name: "Trách nhiệm", kind: QualityKind::PhamChat },
];

#[rustfmt::skip]
const GENERAL_COMPETENCIES: &[QualitySpec] = &[
    QualitySpec { code: "tu_chu_tu_hoc", name: "Tự chủ và tự học", kind: QualityKind::NangLucChung },
    QualitySpec { code: "giao_tiep_hop_tac", name: "Giao tiếp và hợp tác", kind: QualityKind::NangLucChung },
    QualitySpec { code: "giai_quyet_van_de", name: "Giải quyết vấn đề và sáng tạo", kind: QualityKind::NangLucChung },
];

/// Năng lực đặc thù with the first grade that assesses it (công nghệ and tin học come with
/// the subject Tin học và Công nghệ in grade 3).
#[rustfmt::skip]
const SPECIFIC_COMPETENCIES: &[(QualitySpec, u8)] = &[
    (QualitySpec { code: "ngon_ngu", name: "Ngôn ngữ", kind: QualityKind::NangLucDacThu }, 1),
    (QualitySpec { code: "tinh_toan", name: "Tính toán", kind: QualityKind::NangLucDacThu }, 1),
    (QualitySpec { code: "khoa_hoc_nl", name: "Khoa học", kind: QualityKind::NangLucDacThu }, 1),
    (QualitySpec { code: "cong_nghe_nl", name: "Công nghệ", kind: QualityKind::NangLucDacThu }, 3),
    (QualitySpec { code: "tin_hoc_nl", name: "Tin học", kind: QualityKind::NangLucDacThu }, 3),
    (QualitySpec { code: "tham_mi", name: "Thẩm mĩ", kind: QualityKind::NangLucDacThu }, 1),
    (QualitySpec { code: "the_chat", name: "Thể chất", kind: QualityKind::NangLucDacThu }, 1),
];

fn grade_index(grade: u8) -> Option<usize> {
    GRADES.contains(&grade).then(|| usize::from(grade - 1))
}

/// Every subject/activity of a grade, required and optional, in học bạ order.
pub fn subjects_for_grade(grade: u8) -> Vec<SubjectSpec> {
    let Some(i) = grade_index(grade) else {
        return Vec::new();
    };
    SUBJECTS
        .iter()
        .filter_map(|row| match row.grades[i] {
            Presence::Absent => None,
            Presence::Required(test_periods) => {
                Some(SubjectSpec { code: row.code, name: row.name, optional: false, test_periods })
            }
            Presence::Optional(test_periods) => {
                Some(SubjectSpec { code: row.code, name: row.name, optional: true, test_periods })
            }
        })
        .collect()
}

/// The subjects every pupil of the grade takes.
pub fn required_subjects(grade: u8) -> Vec<SubjectSpec> {
    subjects_for_grade(grade).into_iter().filter(|s| !s.optional).collect()
}

/// A subject of the grade by code.
pub fn subject(grade: u8, code: &str) -> Option<SubjectSpec> {
    subjects_for_grade(grade).into_iter().find(|s| s.code == code)
}

/// The five phẩm chất chủ yếu.
pub fn qualities() -> Vec<QualitySpec> {
    QUALITIES.to_vec()
}

/// Năng lực chung then năng lực đặc thù assessed in the grade.
pub fn competencies(grade: u8) -> Vec<QualitySpec> {
    let mut out = GENERAL_COMPETENCIES.to_vec();
    out.extend(SPECIFIC_COMPETENCIES.iter().filter(|(_, from)| grade >= *from).map(|(q, _)| q.clone()));
    out
}

/// Phẩm chất and năng lực of a grade: the Q of Điều 9.
pub fn qualities_and_competencies(grade: u8) -> Vec<QualitySpec> {
    let mut out = qualities();
    out.extend(competencies(grade));
    out
}

/// A phẩm chất or năng lực of the grade by code.
pub fn quality(grade: u8, code: &str) -> Option<QualitySpec> {
    qualities_and_competencies(grade).into_iter().find(|q| q.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(v: &[SubjectSpec]) -> Vec<&'static str> {
        v.iter().map(|s| s.code).collect()
    }

    fn scored(grade: u8, period: Period) -> Vec<&'static str> {
        required_subjects(grade).into_iter().filter(|s| s.is_scored_at(period)).map(|s| s.code).collect()
    }

    #[test]
    fn grade_1_and_2_subjects() {
        for g in [1, 2] {
            assert_eq!(
                codes(&required_subjects(g)),
                [
                    "tieng_viet",
                    "toan",
                    "dao_duc",
                    "tu_nhien_xa_hoi",
                    "giao_duc_the_chat",
                    "am_nhac",
                    "mi_thuat",
                    "hoat_dong_trai_nghiem"
                ]
            );
            let optional: Vec<_> = subjects_for_grade(g).into_iter().filter(|s| s.optional).map(|s| s.code).collect();
            assert_eq!(optional, ["ngoai_ngu_1", "tieng_dan_toc"]);
        }
    }

    #[test]
    fn grade_3_has_foreign_language_and_it_as_two_rows() {
        let c = codes(&required_subjects(3));
        assert!(c.contains(&"ngoai_ngu_1") && c.contains(&"tin_hoc") && c.contains(&"cong_nghe"));
        assert!(c.contains(&"tu_nhien_xa_hoi"));
        assert!(!c.contains(&"khoa_hoc") && !c.contains(&"lich_su_dia_li"));
        assert_eq!(required_subjects(3).len(), 11);
    }

    #[test]
    fn grades_4_and_5_subjects() {
        for g in [4, 5] {
            let c = codes(&required_subjects(g));
            assert!(c.contains(&"khoa_hoc") && c.contains(&"lich_su_dia_li"));
            assert!(!c.contains(&"tu_nhien_xa_hoi"));
            assert_eq!(c.len(), 12);
        }
    }

    #[test]
    fn test_points_per_grade() {
        for g in [1, 2] {
            assert_eq!(scored(g, Period::CuoiHk1), ["tieng_viet", "toan"]);
            assert_eq!(scored(g, Period::CuoiNam), ["tieng_viet", "toan"]);
            assert!(scored(g, Period::GiuaHk1).is_empty());
            assert!(scored(g, Period::GiuaHk2).is_empty());
        }
        assert_eq!(scored(3, Period::CuoiNam), ["tieng_viet", "toan", "ngoai_ngu_1", "tin_hoc", "cong_nghe"]);
        assert!(scored(3, Period::GiuaHk1).is_empty());
        for g in [4, 5] {
            assert_eq!(scored(g, Period::GiuaHk1), ["tieng_viet", "toan"]);
            assert_eq!(scored(g, Period::GiuaHk2), ["tieng_viet", "toan"]);
            assert_eq!(
                scored(g, Period::CuoiNam),
                ["tieng_viet", "toan", "ngoai_ngu_1", "lich_su_dia_li", "khoa_hoc", "tin_hoc", "cong_nghe"]
            );
        }
    }

    #[test]
    fn ethics_and_arts_are_never_scored() {
        for g in GRADES {
            for code in ["dao_duc", "am_nhac", "mi_thuat", "giao_duc_the_chat", "hoat_dong_trai_nghiem"] {
                let s = subject(g, code).expect("subject exists in every grade");
                assert!(s.test_periods.is_empty(), "{code} in grade {g}");
            }
        }
    }

    #[test]
    fn qualities_and_competencies_per_grade() {
        assert_eq!(qualities().len(), 5);
        assert_eq!(competencies(1).len(), 8);
        assert_eq!(competencies(3).len(), 10);
        assert_eq!(qualities_and_competencies(5).len(), 15);
    }

    #[test]
    fn unknown_grade_is_empty() {
        assert!(subjects_for_grade(0).is_empty());
        assert!(subjects_for_grade(6).is_empty());
    }
}
