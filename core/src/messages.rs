//! Vietnamese wording of domain values, shared by the UI, the API errors and the PDF. The web
//! app's English is in [`en`]; [`by_lang`] picks one by [`crate::Lang`].

pub mod by_lang;
pub mod checks;
mod documents;
pub mod en;

pub use documents::*;

use crate::awards::{AwardKind, AwardLevel};
use crate::catalogue::QualityKind;
use crate::levels::{QualityLevel, SubjectLevel, YearResult};
use crate::period::Period;
use crate::rules::{Evaluation, Factor, Missing, ScoreError};
use crate::yearend::{Completion, Promotion};

/// A sentence of this catalogue with its English twin in [`en`]: `domain_text!(NOTE_TOO_LONG)`
/// (a name missing from either catalogue does not compile).
#[macro_export]
macro_rules! domain_text {
    ($name:ident) => {
        $crate::lang::Bilingual::fixed($crate::messages::$name, $crate::messages::en::$name)
    };
}

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

/// A hand-over carrying a yearly record the school revoked.
pub const VERIFY_ATTACHMENT_REVOKED: &str =
    "Một học bạ năm học kèm theo tài liệu này đã bị nhà trường thu hồi: bản bàn giao này không còn giá trị, hãy xin bản mới.";
/// `hocba verify`: the document is intact but a newer one replaced it.
pub const VERIFY_SUPERSEDED: &str =
    "Tài liệu này đã được thay bằng bản mới hơn (học bạ được cấp lại): hãy dùng bản mới nhất của nhà trường.";
/// Signed with hocba's demo CA: a trial.
pub const VERIFY_TEST_CERTIFICATE: &str = "Chứng thư thử nghiệm — không có giá trị pháp lí.";
/// A signature made after the school revoked the signer's certificate.
pub const VERIFY_SIGNER_REVOKED: &str =
    "Chứng thư số của người kí đã bị nhà trường thu hồi trước khi kí: chữ kí không còn giá trị.";
/// `hocba verify --ca` without the school's data: the register was not consulted.
pub const VERIFY_STATUS_NOT_CHECKED: &str =
    "Chữ kí hợp lệ, nhưng chưa kiểm tra được tài liệu có bị thu hồi hay thay thế \
     không (cần --data của nhà trường hoặc tra mã kiểm tra trên trang xác minh).";
pub const SUBJECT_LEVEL_INVALID: &str = "Mức đạt được chỉ nhận T, H hoặc C.";
pub const QUALITY_LEVEL_INVALID: &str = "Mức phẩm chất, năng lực chỉ nhận T, Đ hoặc C.";
pub const SCORE_NOT_TESTED: &str = "Môn học này không có bài kiểm tra định kì ở kì đánh giá này.";
pub const OPTIONAL_NOT_TAKEN: &str = "Học sinh không học môn tự chọn này; hãy đánh dấu học sinh học môn này trước.";
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

/// What one limiting value must become for the next better result (`target`), worded as a goal.
fn requirement_text(f: &Factor, target: YearResult) -> String {
    let top = matches!(target, YearResult::HTXS | YearResult::HTT);
    match f {
        Factor::SubjectLevel { name, .. } => {
            let level = if top { SubjectLevel::T } else { SubjectLevel::H };
            format!("môn {name} ở mức {}", subject_level_name(level))
        }
        Factor::Score { name, .. } => {
            let least = match target {
                YearResult::HTXS => 9,
                YearResult::HTT => 7,
                _ => 5,
            };
            format!("điểm kiểm tra môn {name} từ {least} trở lên")
        }
        Factor::Quality { name, .. } => {
            let level = if top { QualityLevel::T } else { QualityLevel::D };
            format!("{name} ở mức {}", quality_level_name(level))
        }
    }
}

/// The explanation for parents, worded positively: what the child reached, then what the next
/// result asks for, e.g. "Đạt Hoàn thành. Để đạt Hoàn thành tốt cần: môn Toán ở mức Hoàn thành tốt."
pub fn explain_for_parents(e: &Evaluation) -> String {
    match e.result {
        None | Some(YearResult::HTXS) => explain(e),
        Some(result) => {
            let better = match result {
                YearResult::HTT => YearResult::HTXS,
                YearResult::HT => YearResult::HTT,
                _ => YearResult::HT,
            };
            let list: Vec<String> = e.limiting.iter().map(|f| requirement_text(f, better)).collect();
            let goal = format!("Để đạt {} cần: {}.", result_name(better), list.join("; "));
            if result == YearResult::CHT {
                goal
            } else {
                format!("Đạt {}. {goal}", result_name(result))
            }
        }
    }
}

pub fn quality_kind_name(kind: QualityKind) -> &'static str {
    match kind {
        QualityKind::PhamChat => "Phẩm chất chủ yếu",
        QualityKind::NangLucChung => "Năng lực chung",
        QualityKind::NangLucDacThu => "Năng lực đặc thù",
    }
}

// ---- Year-end extras (crate::yearend) ----

/// Keep the number in step with [`crate::yearend::MAX_DAYS_ABSENT`].
pub const DAYS_ABSENT_OUT_OF_RANGE: &str = "Số ngày nghỉ phải từ 0 đến 200.";
pub const DAYS_ABSENT_TOTAL_TOO_HIGH: &str = "Tổng số ngày nghỉ có phép và không phép không được quá 200.";
pub const HEIGHT_OUT_OF_RANGE: &str = "Chiều cao phải từ 50 đến 200 cm.";
pub const HEIGHT_TOO_PRECISE: &str = "Chiều cao ghi tối đa một chữ số thập phân (ví dụ 132,5).";
pub const WEIGHT_OUT_OF_RANGE: &str = "Cân nặng phải từ 10 đến 120 kg.";
pub const WEIGHT_TOO_PRECISE: &str = "Cân nặng ghi tối đa một chữ số thập phân (ví dụ 28,5).";
pub const YEAR_RESULT_INVALID: &str = "Kết quả đánh giá chỉ nhận HTXS, HTT, HT hoặc CHT.";
pub const MANUAL_RESULT_NOT_ALLOWED: &str =
    "Chỉ học sinh khuyết tật (đánh giá theo kế hoạch giáo dục cá nhân) mới được ghi kết quả đánh giá riêng.";
pub const MANUAL_NOTE_REQUIRED: &str =
    "Cần ghi căn cứ đánh giá (theo kế hoạch giáo dục cá nhân) khi ghi kết quả đánh giá riêng.";
pub const MANUAL_NOTE_WITHOUT_RESULT: &str = "Chỉ ghi căn cứ đánh giá khi có kết quả đánh giá riêng.";
/// Keep the number in step with [`crate::yearend::MAX_NOTE_CHARS`].
pub const NOTE_TOO_LONG: &str = "Ghi chú dài quá 500 kí tự.";
pub const SUPPLEMENTARY_RESULT_INVALID: &str = "Kết quả đánh giá bổ sung chỉ nhận HT hoặc CHT.";
pub const SUPPLEMENTARY_NOT_ALLOWED: &str =
    "Chỉ đánh giá bổ sung cho học sinh có kết quả giáo dục Chưa hoàn thành (CHT).";
pub const SUPPLEMENTARY_NOTE_WITHOUT_RESULT: &str = "Chỉ ghi chú đánh giá bổ sung khi có kết quả đánh giá bổ sung.";
pub const DECISION_NOT_NEEDED: &str =
    "Hiệu trưởng chỉ quyết định lên lớp hoặc ở lại lớp cho học sinh chưa hoàn thành chương trình lớp học.";
pub const DECISION_PROMOTE_GRADE_5: &str =
    "Học sinh lớp 5 phải hoàn thành chương trình tiểu học mới được lên lớp; chỉ có thể quyết định ở lại lớp.";

pub fn promotion_name(p: Promotion) -> &'static str {
    match p {
        Promotion::Promote => "Được lên lớp",
        Promotion::Repeat => "Chưa được lên lớp (ở lại lớp)",
    }
}

/// Short label of a completion for the screens and the class summary.
pub fn completion_label(c: Completion) -> &'static str {
    match c {
        Completion::CompletedGrade => "Hoàn thành chương trình lớp học",
        Completion::CompletedPrimary => "Hoàn thành chương trình tiểu học",
        Completion::AwaitingDecision => "Chưa hoàn thành, chờ hiệu trưởng quyết định",
        Completion::PromotedByDecision => promotion_name(Promotion::Promote),
        Completion::Repeats => promotion_name(Promotion::Repeat),
    }
}

/// What section 6 of the học bạ page ("Hoàn thành chương trình lớp học / chương trình tiểu
/// học") prints, e.g. "Hoàn thành chương trình lớp 3", "Hoàn thành chương trình tiểu học",
/// "Chưa hoàn thành chương trình lớp 2; chưa được lên lớp (ở lại lớp)".
pub fn completion_book_text(grade: u8, c: Completion) -> String {
    let not_completed = format!("Chưa hoàn thành chương trình lớp {grade}");
    match c {
        Completion::CompletedGrade => format!("Hoàn thành chương trình lớp {grade}"),
        Completion::CompletedPrimary => "Hoàn thành chương trình tiểu học".to_owned(),
        Completion::AwaitingDecision => not_completed,
        Completion::PromotedByDecision => format!("{not_completed}; được lên lớp"),
        Completion::Repeats => format!("{not_completed}; chưa được lên lớp (ở lại lớp)"),
    }
}

// ---- Khen thưởng (crate::awards) ----

/// The title the học bạ prints for a year-end giấy khen; a generic name for the other kinds
/// (whose printed title is the one typed).
pub fn award_kind_title(kind: AwardKind) -> &'static str {
    match kind {
        AwardKind::HocSinhXuatSac => "Học sinh Xuất sắc",
        AwardKind::HocSinhTieuBieu => "Học sinh Tiêu biểu hoàn thành tốt trong học tập và rèn luyện",
        AwardKind::DotXuat => "Khen thưởng đột xuất",
        AwardKind::Competition => "Đạt giải trong cuộc thi, hội thi",
    }
}

/// Short name of an award kind, for lists and the class summary.
pub fn award_kind_label(kind: AwardKind) -> &'static str {
    match kind {
        AwardKind::HocSinhXuatSac => "Học sinh Xuất sắc",
        AwardKind::HocSinhTieuBieu => "Học sinh Tiêu biểu",
        AwardKind::DotXuat => "Khen thưởng đột xuất",
        AwardKind::Competition => "Đạt giải thi, hội thi",
    }
}

/// As printed after the title: "Giải Nhì Hội thi Viết chữ đẹp cấp huyện".
pub fn award_level_name(level: AwardLevel) -> &'static str {
    match level {
        AwardLevel::School => "cấp trường",
        AwardLevel::Commune => "cấp xã",
        AwardLevel::District => "cấp huyện",
        AwardLevel::Province => "cấp tỉnh",
        AwardLevel::National => "cấp quốc gia",
        AwardLevel::International => "quốc tế",
    }
}

pub const SUGGEST_XUAT_SAC_NOTE: &str =
    "Kết quả Hoàn thành xuất sắc: đề nghị khen thưởng Học sinh Xuất sắc. Giáo viên chủ nhiệm xác nhận.";
pub const SUGGEST_TIEU_BIEU_NOTE: &str = "Kết quả Hoàn thành tốt: có thể đề nghị khen thưởng Học sinh Tiêu biểu \
     nếu học sinh nổi bật ở ít nhất một môn học hoặc tiến bộ rõ rệt ở ít nhất một phẩm chất, năng lực, được tập thể \
     lớp công nhận. Giáo viên chủ nhiệm xác nhận và ghi rõ lí do.";
pub const AWARD_KIND_INVALID: &str = "Loại khen thưởng không hợp lệ.";
pub const AWARD_XUAT_SAC_NEEDS_HTXS: &str =
    "Chỉ khen thưởng Học sinh Xuất sắc khi kết quả giáo dục là Hoàn thành xuất sắc.";
pub const AWARD_TIEU_BIEU_NEEDS_HTT: &str = "Chỉ khen thưởng Học sinh Tiêu biểu khi kết quả giáo dục là Hoàn thành \
     tốt (học sinh Hoàn thành xuất sắc được khen thưởng Học sinh Xuất sắc).";
/// Keep the number in step with [`crate::awards::MAX_TITLE_CHARS`].
pub const AWARD_TITLE_TOO_LONG: &str = "Nội dung khen thưởng dài quá 200 kí tự.";
pub const AWARD_TITLE_REQUIRED: &str = "Cần ghi nội dung khen thưởng (ví dụ: Giải Nhì Hội thi Viết chữ đẹp).";
pub const AWARD_LEVEL_REQUIRED: &str = "Cần chọn cấp khen thưởng.";
pub const AWARD_LEVEL_INVALID: &str =
    "Cấp khen thưởng chỉ nhận: cấp trường, cấp xã, cấp huyện, cấp tỉnh, cấp quốc gia, quốc tế.";
pub const AWARD_LEVEL_SCHOOL_ONLY: &str = "Giấy khen Học sinh Xuất sắc, Học sinh Tiêu biểu là khen thưởng cấp trường.";
pub const AWARD_DATE_INVALID: &str = "Ngày khen thưởng không hợp lệ (dùng dạng ngày/tháng/năm, ví dụ 15/03/2026).";
pub const AWARD_DATE_IN_FUTURE: &str = "Ngày khen thưởng không được sau ngày hôm nay.";
pub const AWARD_REASON_REQUIRED: &str = "Cần ghi lí do khen thưởng Học sinh Tiêu biểu (môn học nổi bật hoặc \
     phẩm chất, năng lực tiến bộ rõ rệt).";
/// Keep the number in step with [`crate::awards::MAX_REASON_CHARS`].
pub const AWARD_REASON_TOO_LONG: &str = "Lí do khen thưởng dài quá 500 kí tự.";
pub const AWARD_ALREADY_GIVEN: &str = "Học sinh đã có giấy khen này trong năm học.";

// ---- The teacher's comment bank (crate::comments) ----

pub const COMMENT_BANK_UNKNOWN_CODE: &str = "Môn học, phẩm chất hoặc năng lực không có trong danh mục.";
pub const COMMENT_BANK_TEXT_REQUIRED: &str = "Cần nhập nội dung nhận xét.";
/// Keep the number in step with [`crate::comments::MAX_BANK_TEXT_CHARS`].
pub const COMMENT_BANK_TEXT_TOO_LONG: &str = "Nhận xét mẫu dài quá 300 kí tự.";

// ---- Parents' replies about a periodic point (crate::api::feedback) ----

pub const REPLY_TEXT_REQUIRED: &str = "Cần nhập nội dung phản hồi gửi giáo viên chủ nhiệm.";
/// Keep the number in step with [`crate::api::feedback::MAX_REPLY_CHARS`].
pub const REPLY_TEXT_TOO_LONG: &str = "Phản hồi dài quá 500 kí tự.";

// ---- Bảng tổng hợp kết quả đánh giá giáo dục (crate::summary) ----

pub const SUMMARY_TITLE: &str = "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ GIÁO DỤC";
pub const SUMMARY_PUPILS: &str = "Tổng số học sinh";
/// Tổng số, over the first column of each pair.
pub const SUMMARY_TOTAL: &str = "TS";
pub const SUMMARY_FEMALE: &str = "Nữ";
pub const SUMMARY_MINORITY: &str = "Dân tộc thiểu số";
pub const SUMMARY_FEMALE_MINORITY: &str = "Nữ dân tộc thiểu số";
pub const SUMMARY_SUBJECTS: &str = "Môn học và hoạt động giáo dục";
pub const SUMMARY_NOT_ASSESSED: &str = "Chưa đánh giá";
pub const SUMMARY_SCORES: &str = "Điểm bài kiểm tra định kì";
pub const SUMMARY_FROM_9: &str = "Từ 9 đến 10";
pub const SUMMARY_FROM_7_TO_8: &str = "Từ 7 đến 8";
pub const SUMMARY_FROM_5_TO_6: &str = "Từ 5 đến 6";
pub const SUMMARY_BELOW_5: &str = "Dưới 5";
pub const SUMMARY_NO_SCORE: &str = "Chưa có điểm";
pub const SUMMARY_AVERAGE: &str = "Điểm trung bình";
pub const SUMMARY_QUALITIES: &str = "Phẩm chất và năng lực";
pub const SUMMARY_RESULTS: &str = "Kết quả giáo dục";
pub const SUMMARY_NO_RESULT: &str = "Chưa có kết quả";
pub const SUMMARY_AWARDS: &str = "Khen thưởng";

/// "Lớp 4A – Khối 4 – Cuối năm học".
pub fn summary_subtitle(class_name: &str, grade: u8, period: Period) -> String {
    format!("Lớp {class_name} – Khối {grade} – {}", period_name(period))
}

/// "Điểm 10".
pub fn summary_score_header(score: u8) -> String {
    format!("Điểm {score}")
}

// The principal's dashboard
pub fn record_status_name(status: crate::api::RecordStatus) -> &'static str {
    use crate::api::RecordStatus::*;
    match status {
        Draft => "Nháp",
        Submitted => "Đã gửi duyệt",
        Returned => "Bị trả lại",
        Approved => "Đã duyệt",
    }
}

pub fn risk_level_c(subject: &str, period: Period) -> String {
    format!("Môn {subject} ở mức Chưa hoàn thành ({})", period_name(period))
}

pub const RISK_RESULT_CHT: &str = "Chưa hoàn thành chương trình lớp học (cuối năm học)";
pub const DASHBOARD_SHEET_PROGRESS: &str = "Tiến độ";
pub const DASHBOARD_SHEET_RESULTS: &str = "Kết quả cuối năm";
pub const DASHBOARD_SHEET_SUBJECTS: &str = "Môn học";
pub const DASHBOARD_SHEET_AT_RISK: &str = "Cần theo dõi";
pub const DASHBOARD_CLASS: &str = "Lớp";
pub const DASHBOARD_GRADE: &str = "Khối";
pub const DASHBOARD_PUPILS: &str = "Sĩ số";
pub const DASHBOARD_MISSING_CELLS: &str = "ô còn thiếu";
pub const DASHBOARD_NOT_COMPUTED: &str = "Chưa đủ dữ liệu";
pub const DASHBOARD_PERIOD: &str = "Thời điểm";
pub const DASHBOARD_SUBJECT: &str = "Môn học";
pub const DASHBOARD_NOT_ASSESSED: &str = "Chưa đánh giá";
pub const DASHBOARD_PUPIL: &str = "Học sinh";
pub const DASHBOARD_REASONS: &str = "Lí do";

/// What is missing in a cell of a submit's list: the level, or the test score.
pub const GAP_LEVEL: &str = "mức";
pub const GAP_SCORE: &str = "điểm";

// ---- The principal's checklist before approving cuối năm (crate::checklist) ----

/// What a checklist finding says is missing for the pupil, for a pupil whose effective result is
/// `result` (the giấy khen the result suggests).
pub fn finding_text(kind: crate::api::FindingKind, result: Option<YearResult>) -> String {
    use crate::api::FindingKind;
    match kind {
        FindingKind::AwardNotConfirmed => {
            let award = match result {
                Some(YearResult::HTXS) => award_kind_label(AwardKind::HocSinhXuatSac),
                _ => award_kind_label(AwardKind::HocSinhTieuBieu),
            };
            let named = result.map(result_name).unwrap_or_default();
            format!("Kết quả {named}, chưa có giấy khen {award} được xác nhận")
        }
        FindingKind::MissingHeight => "Chưa ghi chiều cao".to_owned(),
        FindingKind::MissingWeight => "Chưa ghi cân nặng".to_owned(),
        FindingKind::MissingDaysAbsent => "Chưa ghi số ngày nghỉ (có phép, không phép)".to_owned(),
        FindingKind::MissingSupplementary => "Kết quả Chưa hoàn thành, chưa có đánh giá bổ sung".to_owned(),
    }
}

/// The checklist in one line: "Còn 3 điểm cần xem lại ở 2 học sinh." or that nothing is missing.
pub fn checklist_summary(findings: usize, pupils: usize) -> String {
    if findings == 0 {
        return "Không còn điểm nào cần xem lại trước khi duyệt.".to_owned();
    }
    format!("Còn {findings} điểm cần xem lại ở {pupils} học sinh trước khi duyệt.")
}

pub const OVERRIDE_REASON_REQUIRED: &str = "Cần ghi lí do duyệt dù hồ sơ còn thiếu.";
/// Keep the number in step with [`crate::checklist::MAX_OVERRIDE_REASON_CHARS`].
pub const OVERRIDE_REASON_TOO_LONG: &str = "Lí do duyệt dù còn thiếu dài quá 500 kí tự.";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{evaluate_year, QualityOutcome, SubjectOutcome};
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn new_messages_are_nfc_and_name_their_limits() {
        let mut all: Vec<String> = [
            DAYS_ABSENT_OUT_OF_RANGE,
            DAYS_ABSENT_TOTAL_TOO_HIGH,
            HEIGHT_OUT_OF_RANGE,
            HEIGHT_TOO_PRECISE,
            WEIGHT_OUT_OF_RANGE,
            WEIGHT_TOO_PRECISE,
            YEAR_RESULT_INVALID,
            MANUAL_RESULT_NOT_ALLOWED,
            MANUAL_NOTE_REQUIRED,
            MANUAL_NOTE_WITHOUT_RESULT,
            NOTE_TOO_LONG,
            SUPPLEMENTARY_RESULT_INVALID,
            SUPPLEMENTARY_NOT_ALLOWED,
            SUPPLEMENTARY_NOTE_WITHOUT_RESULT,
            DECISION_NOT_NEEDED,
            DECISION_PROMOTE_GRADE_5,
            SUGGEST_XUAT_SAC_NOTE,
            SUGGEST_TIEU_BIEU_NOTE,
            AWARD_KIND_INVALID,
            AWARD_XUAT_SAC_NEEDS_HTXS,
            AWARD_TIEU_BIEU_NEEDS_HTT,
            AWARD_TITLE_TOO_LONG,
            AWARD_TITLE_REQUIRED,
            AWARD_LEVEL_REQUIRED,
            AWARD_LEVEL_INVALID,
            AWARD_LEVEL_SCHOOL_ONLY,
            AWARD_DATE_INVALID,
            AWARD_DATE_IN_FUTURE,
            AWARD_REASON_REQUIRED,
            AWARD_REASON_TOO_LONG,
            AWARD_ALREADY_GIVEN,
            COMMENT_BANK_UNKNOWN_CODE,
            COMMENT_BANK_TEXT_REQUIRED,
            COMMENT_BANK_TEXT_TOO_LONG,
            REPLY_TEXT_REQUIRED,
            REPLY_TEXT_TOO_LONG,
            SUMMARY_TITLE,
            SUMMARY_PUPILS,
            SUMMARY_MINORITY,
            SUMMARY_FEMALE_MINORITY,
            SUMMARY_SUBJECTS,
            SUMMARY_SCORES,
            SUMMARY_QUALITIES,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for k in AwardKind::ALL {
            all.extend([award_kind_title(k).to_string(), award_kind_label(k).to_string()]);
        }
        for l in AwardLevel::ALL {
            all.push(award_level_name(l).to_string());
        }
        for c in [
            Completion::CompletedGrade,
            Completion::CompletedPrimary,
            Completion::AwaitingDecision,
            Completion::PromotedByDecision,
            Completion::Repeats,
        ] {
            all.extend([completion_label(c).to_string(), completion_book_text(3, c)]);
        }
        for m in &all {
            assert_eq!(&m.nfc().collect::<String>(), m);
            assert!(!m.contains("  "), "{m}");
        }
        assert!(NOTE_TOO_LONG.contains(&crate::yearend::MAX_NOTE_CHARS.to_string()));
        assert!(AWARD_TITLE_TOO_LONG.contains(&crate::awards::MAX_TITLE_CHARS.to_string()));
        assert!(AWARD_REASON_TOO_LONG.contains(&crate::awards::MAX_REASON_CHARS.to_string()));
        assert!(DAYS_ABSENT_TOTAL_TOO_HIGH.contains(&crate::yearend::MAX_DAYS_ABSENT.to_string()));
        assert_eq!(summary_subtitle("4A", 4, Period::CuoiNam), "Lớp 4A – Khối 4 – Cuối năm học");
    }

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
        assert_eq!(
            explain_for_parents(&e),
            "Đạt Hoàn thành. Để đạt Hoàn thành tốt cần: môn Nghệ thuật (Âm nhạc) ở mức Hoàn thành tốt."
        );
    }

    #[test]
    fn the_parents_explanation_names_the_next_goal_and_never_says_not_reached() {
        let outcome = |level, score, quality| {
            let subjects =
                [SubjectOutcome { code: "toan", name: "Toán", level: Some(level), scored: true, score: Some(score) }];
            let qualities = [QualityOutcome { code: "trung_thuc", name: "Trung thực", level: Some(quality) }];
            explain_for_parents(&evaluate_year(&subjects, &qualities))
        };
        assert_eq!(
            outcome(SubjectLevel::T, 8, QualityLevel::T),
            "Đạt Hoàn thành tốt. Để đạt Hoàn thành xuất sắc cần: điểm kiểm tra môn Toán từ 9 trở lên."
        );
        assert_eq!(
            outcome(SubjectLevel::T, 9, QualityLevel::D),
            "Đạt Hoàn thành. Để đạt Hoàn thành tốt cần: Trung thực ở mức Tốt."
        );
        assert_eq!(
            outcome(SubjectLevel::C, 4, QualityLevel::T),
            "Để đạt Hoàn thành cần: môn Toán ở mức Hoàn thành; điểm kiểm tra môn Toán từ 5 trở lên."
        );
        assert!(outcome(SubjectLevel::T, 10, QualityLevel::T).starts_with("Đạt Hoàn thành xuất sắc"));
        for (level, score, quality) in [(SubjectLevel::H, 6, QualityLevel::C), (SubjectLevel::T, 7, QualityLevel::D)] {
            assert!(!outcome(level, score, quality).contains("Chưa"), "worded positively");
        }
    }
}
