//! Vietnamese messages of the API (errors and notices), in one catalogue.

pub const UNAUTHENTICATED: &str = "Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn.";
pub const BAD_CREDENTIALS: &str = "Tên đăng nhập hoặc mật khẩu không đúng.";
pub const FORBIDDEN: &str = "Bạn không có quyền thực hiện thao tác này.";
pub const NOT_FOUND: &str = "Không tìm thấy.";
pub const BAD_JSON: &str = "Dữ liệu gửi lên không đúng định dạng";
pub const RECORD_LOCKED_BY_DATABASE: &str = "Hồ sơ đã được duyệt và khoá; không thể sửa.";
pub const NOT_YOUR_SUBJECT: &str = "Bạn không được phân công dạy môn này ở lớp này.";
pub const NOT_HOMEROOM: &str = "Chỉ giáo viên chủ nhiệm được đánh giá phẩm chất, năng lực.";
pub const NO_ACTIVE_MANAGER: &str = "Không tìm thấy tài khoản quản trị đang hoạt động (dùng --as TÊN_ĐĂNG_NHẬP).";
pub const ACCOUNT_LOCKED: &str = "Tài khoản đã khoá.";
pub const PUBLIC_URL_MISSING: &str =
    "Chưa cấu hình địa chỉ công khai của máy chủ (public_url, biến môi trường HOCBA_PUBLIC_URL): \
     không thể cấp học bạ có mã kiểm tra và mã QR. Hãy đặt public_url, ví dụ https://hocba.truong.edu.vn.";
pub const TSA_REQUIRED: &str = "Cần một máy chủ dấu thời gian (tsa_url, biến môi trường HOCBA_TSA_URL) \
     để gia hạn bằng chứng dài hạn của học bạ đã cấp.";
pub const NO_TIMESTAMP_AUTHORITY: &str = "Chưa cấu hình máy chủ dấu thời gian (tsa_url): chữ kí trên học bạ \
     không có dấu thời gian và học bạ không có bằng chứng dài hạn (PAdES B-LTA).";
pub const TEST_TIMESTAMP_AUTHORITY: &str = "Đang dùng máy chủ dấu thời gian thử nghiệm của phần mềm: \
     chỉ để dùng thử, hãy cấu hình tsa_url của một tổ chức cung cấp dịch vụ dấu thời gian.";
pub const CROSS_SITE: &str = "Yêu cầu thay đổi dữ liệu phải gửi từ chính trang học bạ số của trường \
     (yêu cầu từ trang khác bị từ chối để bảo vệ tài khoản).";
pub const BUSY: &str = "Máy chủ đang bận ghi dữ liệu khác; dữ liệu của bạn chưa được lưu, hãy thử lại sau ít giây.";
pub const PASSWORD_CHANGE_REQUIRED: &str =
    "Mật khẩu này do người khác cấp: hãy đổi sang mật khẩu của riêng bạn trước khi tiếp tục.";
pub const BAD_VALUE: &str = "Giá trị gửi lên không đúng kiểu";
pub const BAD_QUERY: &str = "Tham số trên địa chỉ (query) không đúng định dạng";
pub const METHOD_NOT_ALLOWED: &str = "Địa chỉ này không nhận phương thức HTTP đó (xem tiêu đề Allow).";
pub const OVERLOADED: &str = "Máy chủ đang bận xử lí nhiều lượt đăng nhập; hãy thử lại sau ít giây.";
pub const CONCURRENT_WRITE: &str = "Dữ liệu vừa được người khác ghi cùng lúc; hãy tải lại trang rồi thử lại.";
pub const CELL_CHANGED: &str = "Ô này vừa được người khác sửa; hãy xem giá trị hiện tại rồi chọn giữ giá trị nào.";
pub const OP_KEY_INVALID: &str = "Mã thao tác (Idempotency-Key) phải gồm 1–64 chữ cái, chữ số, '-' hoặc '_'.";
pub const OP_KEY_REUSED: &str = "Mã thao tác (Idempotency-Key) này đã được dùng cho một thao tác khác; \
     mỗi thao tác cần một mã riêng. Không có gì được ghi.";
pub const DEVICE_INVALID: &str = "Mã thiết bị (X-Hocba-Device) phải gồm 1–64 chữ cái, chữ số, '-' hoặc '_'.";
pub const QUEUED_AT_INVALID: &str = "Thời điểm sửa (X-Hocba-Queued-At) phải theo dạng RFC 3339.";
pub const OPTIONAL_NOT_OFFERED: &str = "Lớp không dạy môn tự chọn này.";
pub const PUPIL_NOT_IN_CLASS: &str = "Học sinh không thuộc lớp này.";
pub const YEAR_END_CHANGED: &str =
    "Thông tin cuối năm của học sinh này vừa được người khác sửa; hãy xem giá trị hiện tại rồi chọn giữ giá trị nào.";
pub const YEAR_END_PUPIL_TWICE: &str = "Học sinh này có hai dòng trong cùng một lần lưu.";

/// A class's year end refused: `count` values are not valid and nothing was saved.
pub fn year_end_values_refused(count: usize) -> String {
    format!("Có {count} ô chưa hợp lệ; chưa lưu thông tin cuối năm của lớp. Hãy sửa các ô được đánh dấu rồi lưu lại.")
}
pub const PUPIL_TRANSFERRED: &str = "Học sinh đã chuyển trường; hồ sơ năm học đã khoá để bàn giao.";
pub const RETURN_COMMENT_REQUIRED: &str = "Cần ghi lí do trả lại hồ sơ, cho cả lớp hoặc cho ít nhất một học sinh.";
pub const PUPIL_COMMENT_REQUIRED: &str = "Cần ghi nhận xét cho học sinh (tối đa 1000 kí tự).";
pub const USERNAME_REQUIRED: &str = "Cần nhập tên đăng nhập.";
pub const PASSWORD_REQUIRED: &str = "Cần nhập mật khẩu.";

pub fn throttled(seconds: u64) -> String {
    let wait = if seconds >= 120 { format!("{} phút", seconds.div_ceil(60)) } else { format!("{seconds} giây") };
    format!("Đăng nhập sai quá nhiều lần. Hãy đợi {wait} rồi thử lại, hoặc nhờ quản trị của trường đặt lại mật khẩu.")
}

pub fn past_year_current(year: &str, current: &str) -> String {
    format!(
        "Năm học {year} đã qua (năm hiện tại là {current}). Đặt lại làm năm hiện tại sẽ đưa giáo viên về lớp và sổ \
         của năm đó. Xác nhận nếu đúng là muốn như vậy."
    )
}

pub fn record_locked(class: &str, period: &str, by: &str, at: &str) -> String {
    format!("Hồ sơ lớp {class} ({period}) đã được {by} duyệt lúc {at} và đã khoá; không thể sửa.")
}

/// A parent's "Đã xem" or reply about a periodic point (`period`) that is not approved for their child.
pub fn period_not_approved(period: &str) -> String {
    format!(
        "Kì đánh giá (period) {period}: kết quả của học sinh chưa được hiệu trưởng duyệt hoặc đang được sửa lại, \
         chưa thể đánh dấu đã xem hay gửi phản hồi."
    )
}

pub fn record_submitted(class: &str, period: &str) -> String {
    format!("Hồ sơ lớp {class} ({period}) đã gửi duyệt; chờ hiệu trưởng duyệt hoặc trả lại trước khi sửa.")
}

/// The refused submit, naming the first pupils (the answer's `missing` lists every one).
pub fn cannot_submit_missing(missing: &[hocba_core::api::PupilGaps], cells: usize) -> String {
    const NAMED: usize = 3;
    let names: Vec<String> =
        missing.iter().take(NAMED).map(|p| format!("{} ({} ô)", p.pupil.full_name, p.cells.len())).collect();
    let more = missing.len().saturating_sub(NAMED);
    let tail = if more > 0 { format!("; và {more} học sinh khác") } else { String::new() };
    format!("Chưa thể gửi duyệt: còn {} học sinh thiếu {cells} ô đánh giá — {}{tail}.", missing.len(), names.join("; "))
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

// Reopening one pupil, approving a whole periodic point, notifications
pub const REOPEN_REASON_REQUIRED: &str = "Cần ghi lí do mở lại hồ sơ học sinh (tối đa 500 kí tự).";
pub const ALREADY_REOPENED: &str = "Hồ sơ của học sinh này đang được mở lại để sửa.";
pub const NOT_REOPENED: &str = "Hồ sơ của học sinh này không được mở lại; không có gì để duyệt lại.";

pub fn approve_all_summary(classes: usize, pupils: usize, incomplete: usize) -> String {
    format!("{classes} lớp, {pupils} học sinh, {incomplete} lớp còn thiếu dữ liệu")
}

/// An approval refused by the pre-approval checklist: what it found, and how to approve anyway.
pub fn approve_needs_override(summary: &str) -> String {
    format!("Chưa thể duyệt. {summary} Xem lại hoặc ghi lí do để duyệt dù còn thiếu.")
}

/// Approving every class at once, refused because some classes' checklists have findings.
pub fn approve_all_needs_review(classes: &[String]) -> String {
    format!(
        "Chưa thể duyệt tất cả: lớp {} còn điểm cần xem lại trước khi duyệt. Hãy duyệt từng lớp.",
        classes.join(", ")
    )
}

/// A returned record: the class comment, and how many pupils have their own comment.
pub fn notification_returned(class: &str, period: &str, note: &str, pupils: usize) -> String {
    match (note.trim().is_empty(), pupils) {
        (_, 0) => format!("Hồ sơ lớp {class} ({period}) bị trả lại: {note}"),
        (true, n) => format!("Hồ sơ lớp {class} ({period}) bị trả lại, kèm nhận xét cho {n} học sinh."),
        (false, n) => format!("Hồ sơ lớp {class} ({period}) bị trả lại: {note} (kèm nhận xét cho {n} học sinh)"),
    }
}

pub fn notification_submitted(class: &str, period: &str) -> String {
    format!("Hồ sơ lớp {class} ({period}) đã gửi duyệt, đang chờ duyệt.")
}

// School administration
pub const SCHOOL_NAME_REQUIRED: &str = "Cần nhập tên trường.";
pub const SCHOOL_CODE_REQUIRED: &str = "Cần nhập mã trường.";
pub const COMMUNE_REQUIRED: &str = "Cần nhập xã/phường.";
pub const PROVINCE_REQUIRED: &str = "Cần nhập tỉnh/thành phố.";
pub const PRINCIPAL_REQUIRED: &str = "Cần nhập họ tên hiệu trưởng.";
pub const LOGO_FORMAT: &str = "Logo phải là ảnh PNG hoặc JPEG, không quá 512 KB.";
pub const YEAR_RANGE: &str = "Năm học phải bắt đầu trong khoảng 2000–2100.";
pub const YEAR_EXISTS: &str = "Năm học này đã có.";
pub const CLASS_NAME_REQUIRED: &str = "Cần nhập tên lớp.";
pub const CLASS_EXISTS: &str = "Năm học này đã có lớp cùng tên.";
pub const GRADE_RANGE: &str = "Khối lớp phải từ 1 đến 5.";
pub const COMBINED_GRADE: &str = "Lớp ghép cần hai khối khác nhau, từ 1 đến 5.";
pub const UNKNOWN_TEACHER: &str = "Không tìm thấy giáo viên đang làm việc ở trường.";
pub const UNKNOWN_CLASS: &str = "Không tìm thấy lớp trong năm học hiện tại.";
pub const NOT_OPTIONAL_SUBJECT: &str = "Môn này không phải môn tự chọn của khối lớp.";
pub const LANGUAGE_REQUIRED: &str = "Cần ghi tên tiếng dân tộc (ví dụ: Tiếng H'Mông).";
pub const USERNAME_FORMAT: &str =
    "Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang (3–40 kí tự).";
pub const USERNAME_TAKEN: &str = "Tên đăng nhập đã có người dùng.";
pub const ROLES_REQUIRED: &str = "Cần chọn ít nhất một vai trò: quản trị, hiệu trưởng hoặc giáo viên.";
pub const STAFF_ROLE_ONLY: &str = "Cán bộ chỉ có vai trò quản trị, hiệu trưởng hoặc giáo viên.";
pub const FULL_NAME_REQUIRED: &str = "Cần nhập họ và tên.";
pub const LAST_MANAGER: &str = "Không thể khoá tài khoản quản lí cuối cùng của trường.";
pub const NOT_YOURSELF: &str = "Không thể tự khoá tài khoản của mình.";
pub const NOT_OWN_RESET: &str = "Không tự đặt lại mật khẩu của mình ở đây: hãy đổi mật khẩu ở trang Tài khoản \
     (cần mật khẩu hiện tại), hoặc nhờ một quản trị khác đặt lại.";
pub const EMPTY_ASSIGNMENTS: &str = "Lưu danh sách trống sẽ bỏ mọi giáo viên bộ môn khỏi lớp này: họ không còn \
     nhập được điểm của lớp. Xác nhận nếu đúng là muốn như vậy.";
pub const NATIONAL_ID_TAKEN: &str = "Mã định danh này đã thuộc về một học sinh khác.";
pub const PUPIL_NOT_STUDYING: &str = "Học sinh không còn học ở trường (đã chuyển đi hoặc đã hoàn thành chương trình).";
pub const NOT_A_PARENT: &str = "Tài khoản này không phải tài khoản phụ huynh của trường.";
pub const INVITE_NEEDS_PUPILS: &str = "Cần chọn ít nhất một học sinh.";
pub const INVITE_INVALID: &str = "Mã mời không đúng, đã dùng hoặc đã hết hạn.";
pub const PASSWORD_TOO_SHORT: &str = "Mật khẩu cần ít nhất 8 kí tự.";
pub const WRONG_CURRENT_PASSWORD: &str = "Mật khẩu hiện tại không đúng.";
pub const PASSWORD_IS_USERNAME: &str = "Mật khẩu mới không được trùng tên đăng nhập.";
pub const PASSWORD_UNCHANGED: &str = "Mật khẩu mới phải khác mật khẩu hiện tại.";
pub const DATE_FORMAT: &str = "Ngày không hợp lệ (dạng năm-tháng-ngày, ví dụ 2026-09-05).";
pub const OTHER_SCHOOL_REQUIRED: &str = "Cần ghi tên trường.";
pub const ALREADY_TRANSFERRED: &str = "Học sinh đã chuyển đi.";
pub const NO_CURRENT_YEAR: &str = "Trường chưa có năm học hiện tại.";
pub const ROLLOVER_DONE: &str = "Năm học sau đã có lớp; việc lên lớp đã được thực hiện.";
pub const UNKNOWN_PUPIL_IN_YEAR: &str = "Học sinh không học năm học này.";
pub const FILE_EMPTY: &str = "Tệp không có dữ liệu.";
pub const FILE_TOO_LARGE: &str = "Tệp quá lớn (tối đa 20 MB).";

pub fn too_long(max: usize) -> String {
    format!("Dài quá {max} kí tự.")
}

pub fn class_full(class: &str, count: usize, max: usize) -> String {
    format!("Lớp {class} sẽ có {count} học sinh, vượt quá {max} học sinh một lớp.")
}

pub fn national_id_in_file(row: u32) -> String {
    format!("Mã định danh trùng với dòng {row} trong tệp.")
}

pub fn national_id_elsewhere(class: &str) -> String {
    format!("Học sinh có mã định danh này đang học lớp {class}; cần chuyển lớp thay vì nhập lại.")
}

pub fn key_in_file(row: u32) -> String {
    format!("Dòng này trùng với dòng {row} trong tệp.")
}

pub fn rollover_name_clash(name: &str) -> String {
    format!("Năm học sau có hai lớp khác khối cùng tên \"{name}\"; hãy đổi tên lớp trước khi lên lớp.")
}

pub const CLASS_COLUMN_REQUIRED: &str = "Cần ghi lớp của học sinh (cột \"Lớp\").";

pub fn row_other_class(named: &str, class: &str) -> String {
    format!("Dòng này ghi lớp {named}, không phải lớp {class} đang nhập.")
}

pub fn unknown_class_name(name: &str) -> String {
    format!("Không có lớp \"{name}\" trong năm học.")
}

pub fn subject_not_in_class(class: &str) -> String {
    format!("Môn này không có trong chương trình của lớp {class} (hoặc là môn tự chọn lớp chưa mở).")
}

pub const INVALID_VALUE: &str = "Giá trị không hợp lệ.";

pub fn too_many(max: &str) -> String {
    format!("Nhiều quá: tối đa {max} mục.")
}

pub fn out_of_range(min: &str, max: &str) -> String {
    format!("Giá trị phải từ {min} đến {max}.")
}

// USB token signing (`GET /api/signing/pending`, `POST /api/signing/pending/{id}`).
pub const NOT_PENDING: &str = "Tài liệu này không còn chờ chữ kí (đã kí xong, đã bị thay thế hoặc đã bị thu hồi).";
pub const NOT_YOUR_SIGNATURE: &str = "Tài liệu này không chờ chữ kí của bạn.";
pub const NO_TOKEN_CERTIFICATE: &str =
    "Chứng thư số đang dùng của bạn không nằm trên USB token: tài liệu này không kí bằng hocba sign được.";
pub const CMS_NOT_BASE64: &str = "Chữ kí gửi lên không phải dữ liệu base64 hợp lệ.";
pub const CMS_UNREADABLE: &str = "Không đọc được chữ kí gửi lên (cần CMS SignedData dạng DER).";
pub const CMS_WRONG_DIGEST: &str = "Chữ kí gửi lên không kí đúng tài liệu này (mã băm không khớp).";
pub const CMS_WRONG_CERTIFICATE: &str = "Chữ kí gửi lên không được tạo bằng chứng thư số đã đăng kí cho bạn.";
pub const CMS_BAD_SIGNATURE: &str = "Chữ kí gửi lên không hợp lệ: khoá kí không khớp với chứng thư.";
pub const CMS_TOO_LARGE: &str = "Chữ kí gửi lên quá lớn so với chỗ dành sẵn trong tài liệu.";

/// A console command run as an account that does not manage the school.
pub fn not_a_manager(username: &str) -> String {
    format!("Tài khoản {username} không phải quản trị hoặc hiệu trưởng.")
}

// Synthetic schools (`hocba demo generate`).
pub fn synthetic_option(option: &str, low: u32, high: u32) -> String {
    format!("--{option} phải từ {low} đến {high}.")
}

pub fn synthetic_schools_exist(codes: &[String]) -> String {
    let shown: Vec<&str> = codes.iter().take(5).map(String::as_str).collect();
    let more = if codes.len() > shown.len() { ", …" } else { "" };
    format!(
        "Cơ sở dữ liệu đã có {} trường trùng mã với dữ liệu mẫu sẽ tạo ({}{more}): không ghi gì. \
         Hãy dùng một cơ sở dữ liệu khác (--data hoặc --database-url).",
        codes.len(),
        shown.join(", ")
    )
}

pub fn synthetic_failed(written: usize, total: usize, code: &str) -> String {
    format!(
        "Không ghi được trường {code}: không có gì của trường này được ghi; đã ghi trọn vẹn {written} \
         trong {total} trường và dừng ở đó."
    )
}

pub const SYNTHETIC_SCHOOL_APPEARED: &str = "Một trường cùng mã vừa được ghi bởi một lần chạy khác.";
