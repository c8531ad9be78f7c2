//! Vietnamese messages of the API (errors and notices), in one catalogue.

pub const UNAUTHENTICATED: &str = "Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn.";
pub const BAD_CREDENTIALS: &str = "Tên đăng nhập hoặc mật khẩu không đúng.";
pub const FORBIDDEN: &str = "Bạn không có quyền thực hiện thao tác này.";
pub const NOT_FOUND: &str = "Không tìm thấy.";
pub const BAD_JSON: &str = "Dữ liệu gửi lên không đúng định dạng";
pub const RECORD_LOCKED_BY_DATABASE: &str = "Hồ sơ đã được duyệt và khoá; không thể sửa.";
pub const UNKNOWN_SUBJECT: &str = "Môn học không có trong chương trình của khối lớp này.";
pub const UNKNOWN_QUALITY: &str = "Phẩm chất, năng lực không có trong danh mục của khối lớp này.";
pub const COMMENT_TOO_LONG: &str = "Nhận xét dài quá 1000 kí tự.";
pub const NOT_YOUR_SUBJECT: &str = "Bạn không được phân công dạy môn này ở lớp này.";
pub const NOT_HOMEROOM: &str = "Chỉ giáo viên chủ nhiệm được đánh giá phẩm chất, năng lực.";
pub const RETURN_COMMENT_REQUIRED: &str = "Cần ghi lí do trả lại hồ sơ.";
pub const USERNAME_REQUIRED: &str = "Cần nhập tên đăng nhập.";
pub const PASSWORD_REQUIRED: &str = "Cần nhập mật khẩu.";

pub fn record_locked(class: &str, period: &str, by: &str, at: &str) -> String {
    format!("Hồ sơ lớp {class} ({period}) đã được {by} duyệt lúc {at} và đã khoá; không thể sửa.")
}

pub fn record_submitted(class: &str, period: &str) -> String {
    format!("Hồ sơ lớp {class} ({period}) đã gửi duyệt; chờ hiệu trưởng duyệt hoặc trả lại trước khi sửa.")
}

pub fn cannot_submit_missing(pupils: usize, cells: usize) -> String {
    format!("Chưa thể gửi duyệt: còn {pupils} học sinh thiếu {cells} ô đánh giá.")
}

pub fn cannot_transition(status: &str, action: &str) -> String {
    format!("Không thể {action} hồ sơ đang ở trạng thái \"{status}\".")
}

pub fn status_name(status: hocba_core::api::RecordStatus) -> &'static str {
    use hocba_core::api::RecordStatus::*;
    match status {
        Draft => "nháp",
        Submitted => "đã gửi duyệt",
        Returned => "bị trả lại",
        Approved => "đã duyệt",
    }
}
