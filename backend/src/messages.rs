//! The server's messages (API errors and notices), each in Vietnamese and English, in one
//! catalogue. An answer is worded in its reader's language (`crate::reader_lang`); the log and
//! the command line use the Vietnamese. Core's sentences come with their English twins through
//! `hocba_core::domain_text!`.

use hocba_core::api::RecordStatus;
use hocba_core::messages::by_lang;
use hocba_core::{bilingual, Bilingual, Lang, Period};

pub const UNAUTHENTICATED: Bilingual = Bilingual::fixed(
    "Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn.",
    "You are not signed in, or your session has expired.",
);
pub const BAD_CREDENTIALS: Bilingual =
    Bilingual::fixed("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password.");
pub const FORBIDDEN: Bilingual =
    Bilingual::fixed("Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this.");
pub const NOT_FOUND: Bilingual = Bilingual::fixed("Không tìm thấy.", "Not found.");
pub const BAD_JSON: Bilingual =
    Bilingual::fixed("Dữ liệu gửi lên không đúng định dạng", "The data sent is not valid JSON");
pub const RECORD_LOCKED_BY_DATABASE: Bilingual = Bilingual::fixed(
    "Hồ sơ đã được duyệt và khoá; không thể sửa.",
    "The record has been approved and locked; it cannot be changed.",
);
pub const NOT_YOUR_SUBJECT: Bilingual = Bilingual::fixed(
    "Bạn không được phân công dạy môn này ở lớp này.",
    "You are not assigned to teach this subject in this class.",
);
pub const NOT_HOMEROOM: Bilingual = Bilingual::fixed(
    "Chỉ giáo viên chủ nhiệm được đánh giá phẩm chất, năng lực.",
    "Only the homeroom teacher assesses qualities and competences.",
);
pub const NO_ACTIVE_MANAGER: Bilingual = Bilingual::fixed(
    "Không tìm thấy tài khoản quản trị đang hoạt động (dùng --as TÊN_ĐĂNG_NHẬP).",
    "No active administrator account was found (use --as USERNAME).",
);
pub const ACCOUNT_LOCKED: Bilingual = Bilingual::fixed("Tài khoản đã khoá.", "The account is locked.");
pub const PUBLIC_URL_MISSING: Bilingual = Bilingual::fixed(
    "Chưa cấu hình địa chỉ công khai của máy chủ (public_url, biến môi trường HOCBA_PUBLIC_URL): \
     không thể cấp học bạ có mã kiểm tra và mã QR. Hãy đặt public_url, ví dụ https://hocba.truong.edu.vn.",
    "The server's public address is not configured (public_url, environment variable HOCBA_PUBLIC_URL): \
     records with a verification code and QR code cannot be issued. Set public_url, for example \
     https://hocba.truong.edu.vn.",
);
pub const TSA_REQUIRED: Bilingual = Bilingual::fixed(
    "Cần một máy chủ dấu thời gian (tsa_url, biến môi trường HOCBA_TSA_URL) \
     để gia hạn bằng chứng dài hạn của học bạ đã cấp.",
    "A timestamp server (tsa_url, environment variable HOCBA_TSA_URL) is needed \
     to renew the long-term evidence of issued records.",
);
pub const NO_TIMESTAMP_AUTHORITY: Bilingual = Bilingual::fixed(
    "Chưa cấu hình máy chủ dấu thời gian (tsa_url): chữ kí trên học bạ \
     không có dấu thời gian và học bạ không có bằng chứng dài hạn (PAdES B-LTA).",
    "No timestamp server is configured (tsa_url): signatures on records carry no timestamp \
     and records have no long-term evidence (PAdES B-LTA).",
);
pub const TEST_TIMESTAMP_AUTHORITY: Bilingual = Bilingual::fixed(
    "Đang dùng máy chủ dấu thời gian thử nghiệm của phần mềm: \
     chỉ để dùng thử, hãy cấu hình tsa_url của một tổ chức cung cấp dịch vụ dấu thời gian.",
    "The software's test timestamp server is in use: for trying out only; \
     configure the tsa_url of a timestamping service provider.",
);
pub const CROSS_SITE: Bilingual = Bilingual::fixed(
    "Yêu cầu thay đổi dữ liệu phải gửi từ chính trang học bạ số của trường \
     (yêu cầu từ trang khác bị từ chối để bảo vệ tài khoản).",
    "A request that changes data must come from the school's own hocba pages \
     (requests from other sites are refused to protect your account).",
);
pub const BUSY: Bilingual = Bilingual::fixed(
    "Máy chủ đang bận ghi dữ liệu khác; dữ liệu của bạn chưa được lưu, hãy thử lại sau ít giây.",
    "The server is busy writing other data; yours has not been saved. Try again in a few seconds.",
);
pub const PASSWORD_CHANGE_REQUIRED: Bilingual = Bilingual::fixed(
    "Mật khẩu này do người khác cấp: hãy đổi sang mật khẩu của riêng bạn trước khi tiếp tục.",
    "This password was issued by someone else: change it to a password of your own before going on.",
);
pub const BAD_VALUE: Bilingual =
    Bilingual::fixed("Giá trị gửi lên không đúng kiểu", "A value sent is of the wrong kind");
pub const BAD_QUERY: Bilingual = Bilingual::fixed(
    "Tham số trên địa chỉ (query) không đúng định dạng",
    "The parameters in the address (query) are not valid",
);
pub const METHOD_NOT_ALLOWED: Bilingual = Bilingual::fixed(
    "Địa chỉ này không nhận phương thức HTTP đó (xem tiêu đề Allow).",
    "This address does not accept that HTTP method (see the Allow header).",
);
pub const OVERLOADED: Bilingual = Bilingual::fixed(
    "Máy chủ đang bận xử lí nhiều lượt đăng nhập; hãy thử lại sau ít giây.",
    "The server is busy with many sign-ins; try again in a few seconds.",
);
pub const CONCURRENT_WRITE: Bilingual = Bilingual::fixed(
    "Dữ liệu vừa được người khác ghi cùng lúc; hãy tải lại trang rồi thử lại.",
    "Someone else saved this data at the same moment; reload the page and try again.",
);
pub const CELL_CHANGED: Bilingual = Bilingual::fixed(
    "Ô này vừa được người khác sửa; hãy xem giá trị hiện tại rồi chọn giữ giá trị nào.",
    "Someone else has just changed this cell; look at its current value and choose which to keep.",
);
pub const OP_KEY_INVALID: Bilingual = Bilingual::fixed(
    "Mã thao tác (Idempotency-Key) phải gồm 1–64 chữ cái, chữ số, '-' hoặc '_'.",
    "The operation key (Idempotency-Key) must be 1–64 letters, digits, '-' or '_'.",
);
pub const OP_KEY_REUSED: Bilingual = Bilingual::fixed(
    "Mã thao tác (Idempotency-Key) này đã được dùng cho một thao tác khác; \
     mỗi thao tác cần một mã riêng. Không có gì được ghi.",
    "This operation key (Idempotency-Key) was used for another operation; \
     each operation needs its own key. Nothing was saved.",
);
pub const DEVICE_INVALID: Bilingual = Bilingual::fixed(
    "Mã thiết bị (X-Hocba-Device) phải gồm 1–64 chữ cái, chữ số, '-' hoặc '_'.",
    "The device id (X-Hocba-Device) must be 1–64 letters, digits, '-' or '_'.",
);
pub const QUEUED_AT_INVALID: Bilingual = Bilingual::fixed(
    "Thời điểm sửa (X-Hocba-Queued-At) phải theo dạng RFC 3339.",
    "The time of the change (X-Hocba-Queued-At) must be in RFC 3339 form.",
);
pub const OPTIONAL_NOT_OFFERED: Bilingual =
    Bilingual::fixed("Lớp không dạy môn tự chọn này.", "The class does not offer this optional subject.");
pub const PUPIL_NOT_IN_CLASS: Bilingual =
    Bilingual::fixed("Học sinh không thuộc lớp này.", "The pupil is not in this class.");
pub const YEAR_END_CHANGED: Bilingual = Bilingual::fixed(
    "Thông tin cuối năm của học sinh này vừa được người khác sửa; hãy xem giá trị hiện tại rồi chọn giữ giá trị nào.",
    "Someone else has just changed this pupil's year-end details; look at the current values and choose which to keep.",
);
pub const YEAR_END_PUPIL_TWICE: Bilingual =
    Bilingual::fixed("Học sinh này có hai dòng trong cùng một lần lưu.", "This pupil has two lines in the same save.");

/// A class's year end refused: `count` values are not valid and nothing was saved.
pub fn year_end_values_refused(count: usize) -> Bilingual {
    bilingual!(
        "Có {count} ô chưa hợp lệ; chưa lưu thông tin cuối năm của lớp. Hãy sửa các ô được đánh dấu rồi lưu lại.",
        "{count} values are not valid; the class's year end was not saved. Correct the marked cells and save again."
    )
}
pub const PUPIL_TRANSFERRED: Bilingual = Bilingual::fixed(
    "Học sinh đã chuyển trường; hồ sơ năm học đã khoá để bàn giao.",
    "The pupil has moved to another school; the year's record is locked for the handover.",
);
pub const RETURN_COMMENT_REQUIRED: Bilingual = Bilingual::fixed(
    "Cần ghi lí do trả lại hồ sơ, cho cả lớp hoặc cho ít nhất một học sinh.",
    "Write why the record is returned, for the whole class or for at least one pupil.",
);
pub const PUPIL_COMMENT_REQUIRED: Bilingual = Bilingual::fixed(
    "Cần ghi nhận xét cho học sinh (tối đa 1000 kí tự).",
    "Write a comment for the pupil (at most 1000 characters).",
);
pub const USERNAME_REQUIRED: Bilingual = Bilingual::fixed("Cần nhập tên đăng nhập.", "Enter your username.");
pub const PASSWORD_REQUIRED: Bilingual = Bilingual::fixed("Cần nhập mật khẩu.", "Enter your password.");

pub fn throttled(seconds: u64) -> Bilingual {
    let (vi, en) = if seconds >= 120 {
        let minutes = seconds.div_ceil(60);
        (format!("{minutes} phút"), format!("{minutes} minutes"))
    } else {
        (format!("{seconds} giây"), format!("{seconds} seconds"))
    };
    bilingual!(
        "Đăng nhập sai quá nhiều lần. Hãy đợi {vi} rồi thử lại, hoặc nhờ quản trị của trường đặt lại mật khẩu.",
        "Too many failed sign-ins. Wait {en} and try again, or ask the school's administrator to reset your password."
    )
}

pub fn past_year_current(year: &str, current: &str) -> Bilingual {
    bilingual!(
        "Năm học {year} đã qua (năm hiện tại là {current}). Đặt lại làm năm hiện tại sẽ đưa giáo viên về lớp và sổ \
         của năm đó. Xác nhận nếu đúng là muốn như vậy.",
        "School year {year} is over (the current year is {current}). Making it current again takes teachers back to \
         that year's classes and books. Confirm if that is what you want."
    )
}

/// A periodic point's name in each language.
fn period_names(period: Period) -> (&'static str, &'static str) {
    (by_lang::period_name(Lang::Vi, period), by_lang::period_name(Lang::En, period))
}

pub fn record_locked(class: &str, period: Period, by: &str, at: &str) -> Bilingual {
    let (vi, en) = period_names(period);
    bilingual!(
        "Hồ sơ lớp {class} ({vi}) đã được {by} duyệt lúc {at} và đã khoá; không thể sửa.",
        "The record of class {class} ({en}) was approved by {by} at {at} and is locked; it cannot be changed."
    )
}

/// A parent's "Đã xem" or reply about a periodic point that is not approved for their child.
pub fn period_not_approved(period: Period) -> Bilingual {
    let (vi, en) = period_names(period);
    bilingual!(
        "Kì đánh giá (period) {vi}: kết quả của học sinh chưa được hiệu trưởng duyệt hoặc đang được sửa lại, \
         chưa thể đánh dấu đã xem hay gửi phản hồi.",
        "Periodic point (period) {en}: the pupil's results are not approved by the principal yet or are being \
         corrected; they cannot be marked as seen or replied to yet."
    )
}

pub fn record_submitted(class: &str, period: Period) -> Bilingual {
    let (vi, en) = period_names(period);
    bilingual!(
        "Hồ sơ lớp {class} ({vi}) đã gửi duyệt; chờ hiệu trưởng duyệt hoặc trả lại trước khi sửa.",
        "The record of class {class} ({en}) is submitted; wait for the principal to approve or return it before \
         changing it."
    )
}

/// The refused submit, naming the first pupils (the answer's `missing` lists every one).
pub fn cannot_submit_missing(missing: &[hocba_core::api::PupilGaps], cells: usize) -> Bilingual {
    const NAMED: usize = 3;
    let first = missing.iter().take(NAMED);
    let names_vi: Vec<String> = first.clone().map(|p| format!("{} ({} ô)", p.pupil.full_name, p.cells.len())).collect();
    let names_en: Vec<String> = first.map(|p| format!("{} ({} cells)", p.pupil.full_name, p.cells.len())).collect();
    let (names_vi, names_en) = (names_vi.join("; "), names_en.join("; "));
    let (pupils, more) = (missing.len(), missing.len().saturating_sub(NAMED));
    let (tail_vi, tail_en) = match more {
        0 => (String::new(), String::new()),
        n => (format!("; và {n} học sinh khác"), format!("; and {n} other pupils")),
    };
    bilingual!(
        "Chưa thể gửi duyệt: còn {pupils} học sinh thiếu {cells} ô đánh giá — {names_vi}{tail_vi}.",
        "Cannot submit yet: {pupils} pupils still miss {cells} assessment cells — {names_en}{tail_en}."
    )
}

/// What was asked of a class or pupil record, for [`cannot_transition`].
pub const ACTION_SUBMIT: Bilingual = Bilingual::fixed("gửi duyệt", "submit");
pub const ACTION_RETURN: Bilingual = Bilingual::fixed("trả lại", "return");
pub const ACTION_APPROVE: Bilingual = Bilingual::fixed("duyệt", "approve");
pub const ACTION_REOPEN: Bilingual = Bilingual::fixed("mở lại", "reopen");

pub fn cannot_transition(status: RecordStatus, action: &Bilingual) -> Bilingual {
    let (action_vi, action_en) = (action.get(Lang::Vi), action.get(Lang::En));
    let (status_vi, status_en) = status_names(status);
    bilingual!(
        "Không thể {action_vi} hồ sơ đang ở trạng thái \"{status_vi}\".",
        "Cannot {action_en} a record that is \"{status_en}\"."
    )
}

fn status_names(status: RecordStatus) -> (&'static str, &'static str) {
    use RecordStatus::*;
    match status {
        Draft => ("nháp", "draft"),
        Submitted => ("đã gửi duyệt", "submitted"),
        Returned => ("bị trả lại", "returned"),
        Approved => ("đã duyệt", "approved"),
    }
}

// Reopening one pupil, approving a whole periodic point, notifications
pub const REOPEN_REASON_REQUIRED: Bilingual = Bilingual::fixed(
    "Cần ghi lí do mở lại hồ sơ học sinh (tối đa 500 kí tự).",
    "Write why the pupil's record is reopened (at most 500 characters).",
);
pub const ALREADY_REOPENED: Bilingual = Bilingual::fixed(
    "Hồ sơ của học sinh này đang được mở lại để sửa.",
    "This pupil's record is already reopened for correction.",
);
pub const NOT_REOPENED: Bilingual = Bilingual::fixed(
    "Hồ sơ của học sinh này không được mở lại; không có gì để duyệt lại.",
    "This pupil's record is not reopened; there is nothing to approve again.",
);

pub fn approve_all_summary(classes: usize, pupils: usize, incomplete: usize) -> Bilingual {
    bilingual!(
        "{classes} lớp, {pupils} học sinh, {incomplete} lớp còn thiếu dữ liệu",
        "{classes} classes, {pupils} pupils, {incomplete} classes with data missing"
    )
}

/// An approval refused by the pre-approval checklist: what it found, and how to approve anyway.
pub fn approve_needs_override(summary: &Bilingual) -> Bilingual {
    let (vi, en) = (summary.get(Lang::Vi), summary.get(Lang::En));
    bilingual!(
        "Chưa thể duyệt. {vi} Xem lại hoặc ghi lí do để duyệt dù còn thiếu.",
        "Cannot approve yet. {en} Review it, or write a reason to approve all the same."
    )
}

/// Approving every class at once, refused because some classes' checklists have findings.
pub fn approve_all_needs_review(classes: &[String]) -> Bilingual {
    let classes = classes.join(", ");
    bilingual!(
        "Chưa thể duyệt tất cả: lớp {classes} còn điểm cần xem lại trước khi duyệt. Hãy duyệt từng lớp.",
        "Cannot approve all yet: classes {classes} have points to review before approval. Approve them one by one."
    )
}

/// A returned record: the class comment, and how many pupils have their own comment.
pub fn notification_returned(class: &str, period: Period, note: &str, pupils: usize) -> Bilingual {
    let (vi, en) = period_names(period);
    match (note.trim().is_empty(), pupils) {
        (_, 0) => bilingual!(
            "Hồ sơ lớp {class} ({vi}) bị trả lại: {note}",
            "The record of class {class} ({en}) was returned: {note}"
        ),
        (true, n) => bilingual!(
            "Hồ sơ lớp {class} ({vi}) bị trả lại, kèm nhận xét cho {n} học sinh.",
            "The record of class {class} ({en}) was returned, with comments for {n} pupils."
        ),
        (false, n) => bilingual!(
            "Hồ sơ lớp {class} ({vi}) bị trả lại: {note} (kèm nhận xét cho {n} học sinh)",
            "The record of class {class} ({en}) was returned: {note} (with comments for {n} pupils)"
        ),
    }
}

pub fn notification_submitted(class: &str, period: Period) -> Bilingual {
    let (vi, en) = period_names(period);
    bilingual!(
        "Hồ sơ lớp {class} ({vi}) đã gửi duyệt, đang chờ duyệt.",
        "The record of class {class} ({en}) is submitted and waits for approval."
    )
}

// School administration
pub const SCHOOL_NAME_REQUIRED: Bilingual = Bilingual::fixed("Cần nhập tên trường.", "Enter the school's name.");
pub const SCHOOL_CODE_REQUIRED: Bilingual = Bilingual::fixed("Cần nhập mã trường.", "Enter the school's code.");
pub const COMMUNE_REQUIRED: Bilingual = Bilingual::fixed("Cần nhập xã/phường.", "Enter the commune or ward.");
pub const PROVINCE_REQUIRED: Bilingual = Bilingual::fixed("Cần nhập tỉnh/thành phố.", "Enter the province or city.");
pub const PRINCIPAL_REQUIRED: Bilingual =
    Bilingual::fixed("Cần nhập họ tên hiệu trưởng.", "Enter the principal's full name.");
pub const LOGO_FORMAT: Bilingual = Bilingual::fixed(
    "Logo phải là ảnh PNG hoặc JPEG, không quá 512 KB.",
    "The logo must be a PNG or JPEG image of at most 512 KB.",
);
pub const YEAR_RANGE: Bilingual = Bilingual::fixed(
    "Năm học phải bắt đầu trong khoảng 2000–2100.",
    "The school year must start between 2000 and 2100.",
);
pub const YEAR_EXISTS: Bilingual = Bilingual::fixed("Năm học này đã có.", "This school year exists already.");
pub const CLASS_NAME_REQUIRED: Bilingual = Bilingual::fixed("Cần nhập tên lớp.", "Enter the class's name.");
pub const CLASS_EXISTS: Bilingual =
    Bilingual::fixed("Năm học này đã có lớp cùng tên.", "This school year already has a class of that name.");
pub const GRADE_RANGE: Bilingual = Bilingual::fixed("Khối lớp phải từ 1 đến 5.", "The grade must be 1 to 5.");
pub const COMBINED_GRADE: Bilingual = Bilingual::fixed(
    "Lớp ghép cần hai khối khác nhau, từ 1 đến 5.",
    "A combined class needs two different grades, from 1 to 5.",
);
pub const UNKNOWN_TEACHER: Bilingual =
    Bilingual::fixed("Không tìm thấy giáo viên đang làm việc ở trường.", "No teacher working at the school was found.");
pub const UNKNOWN_CLASS: Bilingual = Bilingual::fixed(
    "Không tìm thấy lớp trong năm học hiện tại.",
    "The class was not found in the current school year.",
);
pub const NOT_OPTIONAL_SUBJECT: Bilingual = Bilingual::fixed(
    "Môn này không phải môn tự chọn của khối lớp.",
    "This subject is not an optional subject of the grade.",
);
pub const LANGUAGE_REQUIRED: Bilingual = Bilingual::fixed(
    "Cần ghi tên tiếng dân tộc (ví dụ: Tiếng H'Mông).",
    // The Vietnamese quoted in English stays a literal of its own (the catalogue's spelling check
    // reads every literal with a Vietnamese letter as Vietnamese).
    concat!("Write the name of the ethnic language (for example: ", "Tiếng H'Mông", ")."),
);
pub const USERNAME_FORMAT: Bilingual = Bilingual::fixed(
    "Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang (3–40 kí tự).",
    "A username has only unaccented letters, digits, dots, underscores and hyphens (3–40 characters).",
);
pub const USERNAME_TAKEN: Bilingual = Bilingual::fixed("Tên đăng nhập đã có người dùng.", "This username is taken.");
pub const ROLES_REQUIRED: Bilingual = Bilingual::fixed(
    "Cần chọn ít nhất một vai trò: quản trị, hiệu trưởng hoặc giáo viên.",
    "Choose at least one role: administrator, principal or teacher.",
);
pub const STAFF_ROLE_ONLY: Bilingual = Bilingual::fixed(
    "Cán bộ chỉ có vai trò quản trị, hiệu trưởng hoặc giáo viên.",
    "Staff have only the roles administrator, principal or teacher.",
);
pub const FULL_NAME_REQUIRED: Bilingual = Bilingual::fixed("Cần nhập họ và tên.", "Enter the full name.");
pub const LAST_MANAGER: Bilingual = Bilingual::fixed(
    "Không thể khoá tài khoản quản lí cuối cùng của trường.",
    "The school's last managing account cannot be locked.",
);
pub const NOT_YOURSELF: Bilingual =
    Bilingual::fixed("Không thể tự khoá tài khoản của mình.", "You cannot lock your own account.");
pub const NOT_OWN_RESET: Bilingual = Bilingual::fixed(
    "Không tự đặt lại mật khẩu của mình ở đây: hãy đổi mật khẩu ở trang Tài khoản \
     (cần mật khẩu hiện tại), hoặc nhờ một quản trị khác đặt lại.",
    "Your own password is not reset here: change it on the Account page \
     (it needs your current password), or ask another administrator to reset it.",
);
pub const EMPTY_ASSIGNMENTS: Bilingual = Bilingual::fixed(
    "Lưu danh sách trống sẽ bỏ mọi giáo viên bộ môn khỏi lớp này: họ không còn \
     nhập được điểm của lớp. Xác nhận nếu đúng là muốn như vậy.",
    "Saving an empty list removes every subject teacher from this class: they can no longer \
     enter the class's assessments. Confirm if that is what you want.",
);
pub const NATIONAL_ID_TAKEN: Bilingual = Bilingual::fixed(
    "Mã định danh này đã thuộc về một học sinh khác.",
    "This personal identification number belongs to another pupil.",
);
pub const PUPIL_NOT_STUDYING: Bilingual = Bilingual::fixed(
    "Học sinh không còn học ở trường (đã chuyển đi hoặc đã hoàn thành chương trình).",
    "The pupil no longer studies at the school (moved away or finished primary school).",
);
pub const NOT_A_PARENT: Bilingual = Bilingual::fixed(
    "Tài khoản này không phải tài khoản phụ huynh của trường.",
    "This account is not a parent account of the school.",
);
pub const INVITE_NEEDS_PUPILS: Bilingual =
    Bilingual::fixed("Cần chọn ít nhất một học sinh.", "Choose at least one pupil.");
pub const INVITE_INVALID: Bilingual = Bilingual::fixed(
    "Mã mời không đúng, đã dùng hoặc đã hết hạn.",
    "The invitation code is wrong, used already or expired.",
);
pub const PASSWORD_TOO_SHORT: Bilingual =
    Bilingual::fixed("Mật khẩu cần ít nhất 8 kí tự.", "A password needs at least 8 characters.");
pub const WRONG_CURRENT_PASSWORD: Bilingual =
    Bilingual::fixed("Mật khẩu hiện tại không đúng.", "The current password is wrong.");
pub const PASSWORD_IS_USERNAME: Bilingual =
    Bilingual::fixed("Mật khẩu mới không được trùng tên đăng nhập.", "The new password must not be the username.");
pub const PASSWORD_UNCHANGED: Bilingual =
    Bilingual::fixed("Mật khẩu mới phải khác mật khẩu hiện tại.", "The new password must differ from the current one.");
pub const DATE_FORMAT: Bilingual = Bilingual::fixed(
    "Ngày không hợp lệ (dạng năm-tháng-ngày, ví dụ 2026-09-05).",
    "The date is not valid (year-month-day, for example 2026-09-05).",
);
pub const OTHER_SCHOOL_REQUIRED: Bilingual = Bilingual::fixed("Cần ghi tên trường.", "Write the school's name.");
pub const ALREADY_TRANSFERRED: Bilingual =
    Bilingual::fixed("Học sinh đã chuyển đi.", "The pupil has moved away already.");
pub const NO_CURRENT_YEAR: Bilingual =
    Bilingual::fixed("Trường chưa có năm học hiện tại.", "The school has no current school year.");
pub const ROLLOVER_DONE: Bilingual = Bilingual::fixed(
    "Năm học sau đã có lớp; việc lên lớp đã được thực hiện.",
    "The next school year has classes; the move up has been done.",
);
pub const UNKNOWN_PUPIL_IN_YEAR: Bilingual =
    Bilingual::fixed("Học sinh không học năm học này.", "The pupil does not study in this school year.");
pub const FILE_EMPTY: Bilingual = Bilingual::fixed("Tệp không có dữ liệu.", "The file holds no data.");
pub const FILE_TOO_LARGE: Bilingual =
    Bilingual::fixed("Tệp quá lớn (tối đa 20 MB).", "The file is too large (at most 20 MB).");

pub fn too_long(max: usize) -> Bilingual {
    bilingual!("Dài quá {max} kí tự.", "Longer than {max} characters.")
}

pub fn class_full(class: &str, count: usize, max: usize) -> Bilingual {
    bilingual!(
        "Lớp {class} sẽ có {count} học sinh, vượt quá {max} học sinh một lớp.",
        "Class {class} would have {count} pupils, more than {max} pupils a class."
    )
}

pub fn national_id_in_file(row: u32) -> Bilingual {
    bilingual!(
        "Mã định danh trùng với dòng {row} trong tệp.",
        "The personal identification number repeats row {row} of the file."
    )
}

pub fn national_id_elsewhere(class: &str) -> Bilingual {
    bilingual!(
        "Học sinh có mã định danh này đang học lớp {class}; cần chuyển lớp thay vì nhập lại.",
        "The pupil with this personal identification number is in class {class}; move them instead of entering \
         them again."
    )
}

pub fn key_in_file(row: u32) -> Bilingual {
    bilingual!("Dòng này trùng với dòng {row} trong tệp.", "This row repeats row {row} of the file.")
}

pub fn rollover_name_clash(name: &str) -> Bilingual {
    bilingual!(
        "Năm học sau có hai lớp khác khối cùng tên \"{name}\"; hãy đổi tên lớp trước khi lên lớp.",
        "The next school year has two classes of different grades named \"{name}\"; rename one before moving up."
    )
}

pub const CLASS_COLUMN_REQUIRED: Bilingual = Bilingual::fixed(
    "Cần ghi lớp của học sinh (cột \"Lớp\").",
    concat!("Write the pupil's class (column \"", "Lớp", "\")."),
);

pub fn row_other_class(named: &str, class: &str) -> Bilingual {
    bilingual!(
        "Dòng này ghi lớp {named}, không phải lớp {class} đang nhập.",
        "This row names class {named}, not class {class} being imported."
    )
}

pub fn unknown_class_name(name: &str) -> Bilingual {
    bilingual!("Không có lớp \"{name}\" trong năm học.", "There is no class \"{name}\" in the school year.")
}

pub fn subject_not_in_class(class: &str) -> Bilingual {
    bilingual!(
        "Môn này không có trong chương trình của lớp {class} (hoặc là môn tự chọn lớp chưa mở).",
        "This subject is not in the programme of class {class} (or is an optional subject the class does not offer)."
    )
}

pub const INVALID_VALUE: Bilingual = Bilingual::fixed("Giá trị không hợp lệ.", "The value is not valid.");

pub fn too_many(max: &str) -> Bilingual {
    bilingual!("Nhiều quá: tối đa {max} mục.", "Too many: at most {max} items.")
}

pub fn out_of_range(min: &str, max: &str) -> Bilingual {
    bilingual!("Giá trị phải từ {min} đến {max}.", "The value must be from {min} to {max}.")
}

// USB token signing (`GET /api/signing/pending`, `POST /api/signing/pending/{id}`).
pub const NOT_PENDING: Bilingual = Bilingual::fixed(
    "Tài liệu này không còn chờ chữ kí (đã kí xong, đã bị thay thế hoặc đã bị thu hồi).",
    "This document no longer waits for a signature (signed, superseded or revoked).",
);
pub const NOT_YOUR_SIGNATURE: Bilingual =
    Bilingual::fixed("Tài liệu này không chờ chữ kí của bạn.", "This document does not wait for your signature.");
pub const NO_TOKEN_CERTIFICATE: Bilingual = Bilingual::fixed(
    "Chứng thư số đang dùng của bạn không nằm trên USB token: tài liệu này không kí bằng hocba sign được.",
    "Your current certificate is not on a USB token: this document cannot be signed with hocba sign.",
);
pub const CMS_NOT_BASE64: Bilingual =
    Bilingual::fixed("Chữ kí gửi lên không phải dữ liệu base64 hợp lệ.", "The signature sent is not valid base64.");
pub const CMS_UNREADABLE: Bilingual = Bilingual::fixed(
    "Không đọc được chữ kí gửi lên (cần CMS SignedData dạng DER).",
    "The signature sent cannot be read (a DER CMS SignedData is needed).",
);
pub const CMS_WRONG_DIGEST: Bilingual = Bilingual::fixed(
    "Chữ kí gửi lên không kí đúng tài liệu này (mã băm không khớp).",
    "The signature sent does not sign this document (the digest differs).",
);
pub const CMS_WRONG_CERTIFICATE: Bilingual = Bilingual::fixed(
    "Chữ kí gửi lên không được tạo bằng chứng thư số đã đăng kí cho bạn.",
    "The signature sent was not made with the certificate registered for you.",
);
pub const CMS_BAD_SIGNATURE: Bilingual = Bilingual::fixed(
    "Chữ kí gửi lên không hợp lệ: khoá kí không khớp với chứng thư.",
    "The signature sent is not valid: the signing key does not match the certificate.",
);
pub const CMS_TOO_LARGE: Bilingual = Bilingual::fixed(
    "Chữ kí gửi lên quá lớn so với chỗ dành sẵn trong tài liệu.",
    "The signature sent is larger than the space kept for it in the document.",
);

/// A console command run as an account that does not manage the school.
pub fn not_a_manager(username: &str) -> Bilingual {
    bilingual!(
        "Tài khoản {username} không phải quản trị hoặc hiệu trưởng.",
        "Account {username} is not an administrator or principal."
    )
}

// Synthetic schools (`hocba demo generate`).
pub fn synthetic_option(option: &str, low: u32, high: u32) -> Bilingual {
    bilingual!("--{option} phải từ {low} đến {high}.", "--{option} must be from {low} to {high}.")
}

pub fn synthetic_schools_exist(codes: &[String]) -> Bilingual {
    let shown: Vec<&str> = codes.iter().take(5).map(String::as_str).collect();
    let more = if codes.len() > shown.len() { ", …" } else { "" };
    let (count, shown) = (codes.len(), shown.join(", "));
    bilingual!(
        "Cơ sở dữ liệu đã có {count} trường trùng mã với dữ liệu mẫu sẽ tạo ({shown}{more}): không ghi gì. \
         Hãy dùng một cơ sở dữ liệu khác (--data hoặc --database-url).",
        "The database already has {count} schools with the codes of the sample data ({shown}{more}): nothing \
         was written. Use another database (--data or --database-url)."
    )
}

pub fn synthetic_failed(written: usize, total: usize, code: &str) -> Bilingual {
    bilingual!(
        "Không ghi được trường {code}: không có gì của trường này được ghi; đã ghi trọn vẹn {written} \
         trong {total} trường và dừng ở đó.",
        "School {code} could not be written: nothing of it was kept; {written} of {total} schools were written \
         completely and the run stopped there."
    )
}

pub const SYNTHETIC_SCHOOL_APPEARED: Bilingual = Bilingual::fixed(
    "Một trường cùng mã vừa được ghi bởi một lần chạy khác.",
    "A school with the same code was just written by another run.",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_gets_its_own_wording() {
        let locked = record_locked("3A", Period::CuoiNam, "Cô Lan", "07/12/2026 10:00");
        assert!(locked.get(Lang::Vi).contains("Cuối năm học"), "{locked}");
        assert!(locked.get(Lang::En).starts_with("The record of class 3A"), "{}", locked.get(Lang::En));
        assert!(throttled(300).get(Lang::En).contains("5 minutes"));
        let refused = cannot_transition(RecordStatus::Approved, &ACTION_REOPEN);
        assert_eq!(refused.get(Lang::Vi), "Không thể mở lại hồ sơ đang ở trạng thái \"đã duyệt\".");
        assert_eq!(refused.get(Lang::En), "Cannot reopen a record that is \"approved\".");
    }
}
