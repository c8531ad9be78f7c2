//! Issued documents, signatures and verification: signer roles, verdicts, the file's revisions,
//! and the refusals of issuing, importing and verifying a học bạ (Vietnamese; re-exported by
//! `crate::messages`).

use crate::api::documents::{ModificationLevel, RevisionChange, SignerRole, Verdict};

/// The role of a signer as printed in a signature appearance and on the verification page.
pub fn signer_role_name(role: SignerRole) -> &'static str {
    match role {
        SignerRole::Teacher => "Giáo viên chủ nhiệm",
        SignerRole::Principal => "Hiệu trưởng",
        SignerRole::Seal => "Con dấu của nhà trường",
    }
}

/// The `/Reason` of a signature.
pub fn signing_reason(role: SignerRole, school_year: Option<&str>) -> String {
    let what = match school_year {
        Some(year) => format!("học bạ năm học {year}"),
        None => "học bạ (bản bàn giao)".to_string(),
    };
    match role {
        SignerRole::Teacher => format!("Giáo viên chủ nhiệm kí xác nhận {what}"),
        SignerRole::Principal => format!("Hiệu trưởng kí xác nhận {what}"),
        SignerRole::Seal => format!("Nhà trường đóng dấu số {what}"),
    }
}

/// First line of a visible signature: "Đã kí số" (digitally signed).
pub const SIGNED_DIGITALLY: &str = "Đã kí số";
/// "Ngày kí: dd/mm/yyyy HH:MM" in Vietnam time.
pub fn signed_on(date_time_vn: &str) -> String {
    format!("Ngày kí: {date_time_vn}")
}

/// The verdict of a verification in plain Vietnamese, one sentence.
pub fn verdict_text(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Authentic => "Bản gốc, còn nguyên vẹn: chữ kí số hợp lệ và nội dung không bị sửa sau khi kí.",
        Verdict::Modified => "Tài liệu đã bị sửa sau khi kí: không dùng được làm bản gốc.",
        Verdict::Revoked => "Nhà trường đã thu hồi tài liệu này.",
        Verdict::UnknownSigner => "Chữ kí không do nhà trường có chứng thư số được tin cậy tạo ra.",
        Verdict::NotSigned => "Tệp này không có chữ kí số của học bạ.",
        Verdict::NotFound => "Không tìm thấy tài liệu có mã này.",
    }
}

/// What a revision of a signed PDF did, for a receiver.
pub fn revision_text(change: RevisionChange, role: Option<SignerRole>) -> String {
    match change {
        RevisionChange::Created => "Tạo tài liệu".to_string(),
        RevisionChange::Signature => match role {
            Some(role) => format!("Chữ kí số: {}", signer_role_name(role)),
            None => "Chữ kí số".to_string(),
        },
        RevisionChange::DocumentTimestamp => "Dấu thời gian lưu trữ".to_string(),
        RevisionChange::ValidationData => "Dữ liệu kiểm tra lâu dài (chứng thư, danh sách thu hồi)".to_string(),
        RevisionChange::Nothing => "Không thay đổi nội dung".to_string(),
        RevisionChange::Other => "Thay đổi nội dung".to_string(),
    }
}

/// How far a revision changed the document.
pub fn modification_level_text(level: ModificationLevel) -> &'static str {
    match level {
        ModificationLevel::None => "không thay đổi",
        ModificationLevel::LtaUpdates => "chỉ thêm dữ liệu lưu trữ",
        ModificationLevel::FormFilling => "chỉ thêm chữ kí",
        ModificationLevel::Other => "sửa nội dung",
    }
}

pub const VERIFY_DIGEST_MISMATCH: &str = "Nội dung đã thay đổi sau khi kí.";
pub const VERIFY_MODIFIED_AFTER: &str = "Tài liệu bị thay đổi ở một lần cập nhật sau chữ kí này.";
pub const VERIFY_UNSIGNED_APPENDIX: &str = "Có phần được thêm vào sau chữ kí cuối cùng.";
pub const VERIFY_UNKNOWN_ISSUER: &str = "Chứng thư số không do tổ chức được tin cậy cấp.";
pub const VERIFY_CERT_NOT_VALID: &str = "Chứng thư số không còn hiệu lực vào thời điểm kí.";
pub const VERIFY_MALFORMED: &str = "Không đọc được chữ kí.";
pub const VERIFY_NOT_PDF: &str = "Tệp không phải PDF đọc được.";
pub const VERIFY_NO_RECORD: &str = "Tệp không mang dữ liệu học bạ (XML) bên trong.";
pub const VERIFY_ATTACHMENT_OTHER_PUPIL: &str = "Bản học bạ năm học đính kèm là của học sinh khác.";
pub const VERIFY_ATTACHMENT_OTHER_YEAR: &str = "Bản học bạ năm học đính kèm không thuộc các năm học của học bạ này.";
pub const VERIFY_ATTACHMENT_INVALID: &str = "Một bản học bạ năm học đính kèm không hợp lệ.";
pub const VERIFY_ROLE_MISSING: &str = "Thiếu chữ kí của người có trách nhiệm.";
pub const YEAR_NOT_APPROVED: &str = "Năm học này chưa được hiệu trưởng duyệt cuối năm nên chưa có học bạ năm học.";
pub const NO_HOMEROOM_TEACHER: &str = "Lớp của năm học này chưa có giáo viên chủ nhiệm để kí học bạ.";
pub const IMPORT_UNKNOWN_SIGNER: &str = "Không nhận: học bạ được kí bằng chứng thư số mà nhà trường chưa tin cậy. \
     Hãy thêm chứng thư gốc (CA) của trường cũ ở trang Kí số, sau khi đã đối chiếu mã vân tay với trường cũ.";
pub const IMPORT_OTHER_PUPIL: &str =
    "Học bạ này là của học sinh khác: họ tên, ngày sinh hoặc mã định danh không khớp với hồ sơ học sinh.";
pub const IMPORT_OWN_SCHOOL: &str = "Học bạ này do chính trường cấp, không cần nhập.";
pub const IMPORT_NO_YEAR: &str = "Tệp không có năm học nào đã kí để nhập.";
pub const IMPORT_BAD_SIGNATURE_FILE: &str = "Không đọc được tệp chữ kí (.p7s, mã Base64).";
pub const IMPORT_NOT_RECORD: &str = "Tệp không phải học bạ đã kí (PDF có XML bên trong, hoặc XML kèm tệp chữ kí .p7s).";
pub const IMPORTED_YEAR_READ_ONLY: &str =
    "Năm học này được nhập từ học bạ đã kí của trường cũ, không sửa được; bản gốc đính kèm trong học bạ bàn giao.";
pub const TRUST_CA_INVALID: &str = "Không đọc được chứng thư số (cần tệp PEM của một CA).";
pub const TRUST_CA_NOT_CA: &str = "Chứng thư này không phải của tổ chức cấp chứng thư (CA).";

/// "Không nhận: chữ kí số không hợp lệ (…)".
pub fn import_not_authentic(problem: &str) -> String {
    format!("Không nhận: chữ kí số của học bạ không hợp lệ ({problem}).")
}

/// "Năm học 2023-2024 đã có trong hồ sơ học sinh."
pub fn import_year_exists(school_year: &str) -> String {
    format!("Năm học {school_year} đã có trong hồ sơ học sinh.")
}

/// "Tệp XML không đúng lược đồ học bạ: …".
pub fn import_bad_xml(detail: &str) -> String {
    format!("Tệp XML không đúng lược đồ học bạ: {detail}")
}

pub const NO_APPROVED_YEAR: &str = "Học sinh chưa có năm học nào được duyệt cuối năm.";
pub const SIGNATURE_PENDING: &str =
    "Học bạ đang chờ kí bằng USB token (chạy hocba sign trên máy có cắm token), chưa tải được bản đã kí đủ.";
pub const REVOKE_REASON_REQUIRED: &str = "Cần ghi lí do thu hồi.";
pub const ALREADY_REVOKED: &str = "Tài liệu này đã bị thu hồi.";
pub const VERIFY_CODE_INVALID: &str = "Mã kiểm tra gồm 12 kí tự chữ và số, ví dụ 7KQ2-M9XD-4RTA.";
pub const TIMESTAMP_UNAVAILABLE: &str =
    "Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian (TSA) đã cấu hình; học bạ chưa được kí. Hãy thử lại sau.";
pub const BATCH_EMPTY_CLASS: &str = "Lớp này chưa có học sinh nào.";
pub const BATCH_NOT_FINISHED: &str = "Lô học bạ chưa làm xong; hãy tải khi tiến độ đạt 100%.";
pub const CREDENTIAL_SEAL_ON_TOKEN: &str =
    "Khoá con dấu của trường nằm trên USB token nên máy chủ không kí được chứng nhận số (Open Badges).";
