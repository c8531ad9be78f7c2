//! Vietnamese wording of domain values, shared by the UI, the API errors and the PDF.

use crate::levels::{QualityLevel, SubjectLevel, YearResult};
use crate::period::Period;
use crate::rules::{Evaluation, Factor, Missing, ScoreError};

pub fn subject_level_name(level: SubjectLevel) -> &'static str {
    match level {
        SubjectLevel::T => "Hoàn thành tốt",
        SubjectLevel::H => "Hoàn thành",
        SubjectLevel::C => "Chưa hoàn thành",
    }
}

pub fn quality_level_name(level: QualityLevel) -> &'static str {
    match level {
        QualityLevel::T => "Tốt",
        QualityLevel::D => "Đạt",
        QualityLevel::C => "Cần cố gắng",
    }
}

pub fn result_name(result: YearResult) -> &'static str {
    match result {
        YearResult::HTXS => "Hoàn thành xuất sắc",
        YearResult::HTT => "Hoàn thành tốt",
        YearResult::HT => "Hoàn thành",
        YearResult::CHT => "Chưa hoàn thành",
    }
}

pub fn period_name(period: Period) -> &'static str {
    match period {
        Period::GiuaHk1 => "Giữa học kì I",
        Period::CuoiHk1 => "Cuối học kì I",
        Period::GiuaHk2 => "Giữa học kì II",
        Period::CuoiNam => "Cuối năm học",
    }
}

pub fn score_error(err: ScoreError) -> &'static str {
    match err {
        ScoreError::NotWholeNumber => "Điểm kiểm tra phải là số nguyên (không có phần thập phân).",
        ScoreError::OutOfRange => "Điểm kiểm tra phải từ 1 đến 10.",
    }
}

pub const SUBJECT_LEVEL_INVALID: &str = "Mức đạt được chỉ nhận T, H hoặc C.";
pub const QUALITY_LEVEL_INVALID: &str = "Mức phẩm chất, năng lực chỉ nhận T, Đ hoặc C.";
pub const SCORE_NOT_TESTED: &str = "Môn học này không có bài kiểm tra định kì ở kỳ đánh giá này.";
pub const UNKNOWN_SUBJECT: &str = "Môn học không có trong chương trình của khối lớp này.";
pub const UNKNOWN_QUALITY: &str = "Phẩm chất, năng lực không có trong danh mục của khối lớp này.";
/// Keep the number in step with [`crate::entry::MAX_COMMENT_CHARS`].
pub const COMMENT_TOO_LONG: &str = "Nhận xét dài quá 1000 kí tự.";

fn factor_text(f: &Factor) -> String {
    match f {
        Factor::SubjectLevel { name, level, .. } => {
            format!("môn {name} ở mức {}", subject_level_name(*level))
        }
        Factor::Score { name, score, .. } => format!("điểm kiểm tra môn {name} là {score}"),
        Factor::Quality { name, level, .. } => {
            format!("{name} ở mức {}", quality_level_name(*level))
        }
    }
}

fn missing_text(m: &Missing) -> String {
    match m {
        Missing::SubjectLevel { name, .. } => format!("mức đạt được môn {name}"),
        Missing::Score { name, .. } => format!("điểm kiểm tra môn {name}"),
        Missing::Quality { name, .. } => format!("mức {name}"),
    }
}

/// One sentence a parent understands, e.g.
/// "Chưa đạt Hoàn thành tốt vì môn Nghệ thuật (Âm nhạc) ở mức Hoàn thành."
pub fn explain(e: &Evaluation) -> String {
    match e.result {
        None => {
            let list: Vec<String> = e.missing.iter().map(missing_text).collect();
            format!("Chưa đủ dữ liệu để đánh giá: còn thiếu {}.", list.join(", "))
        }
        Some(YearResult::HTXS) => "Đạt Hoàn thành xuất sắc: mọi môn học và hoạt động ở mức Hoàn thành tốt, phẩm chất và năng lực ở mức Tốt, điểm kiểm tra từ 9 trở lên.".to_string(),
        Some(result) => {
            let better = match result {
                YearResult::HTT => YearResult::HTXS,
                YearResult::HT => YearResult::HTT,
                _ => YearResult::HT,
            };
            let list: Vec<String> = e.limiting.iter().map(factor_text).collect();
            format!("Chưa đạt {} vì {}.", result_name(better), list.join("; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{evaluate_year, QualityOutcome, SubjectOutcome};

    #[test]
    fn explanation_names_the_subject() {
        let subjects = [
            SubjectOutcome { code: "toan", name: "Toán", level: Some(SubjectLevel::T), scored: true, score: Some(10) },
            SubjectOutcome {
                code: "am_nhac",
                name: "Nghệ thuật (Âm nhạc)",
                level: Some(SubjectLevel::H),
                scored: false,
                score: None,
            },
        ];
        let qualities = [QualityOutcome { code: "yeu_nuoc", name: "Yêu nước", level: Some(QualityLevel::T) }];
        let e = evaluate_year(&subjects, &qualities);
        assert_eq!(explain(&e), "Chưa đạt Hoàn thành tốt vì môn Nghệ thuật (Âm nhạc) ở mức Hoàn thành.");
    }
}
