//! Vietnamese catalogue (NFC).

use super::Texts;

fn class_link(class_name: &str, school_year: &str, period_name: &str) -> String {
    format!("Lớp {class_name} ({school_year}) — {period_name}")
}

fn grid_title(class_name: &str, period_name: &str, school_year: &str) -> String {
    format!("Lớp {class_name} — {period_name}, năm học {school_year}")
}

fn cell_label(pupil: &str, column: &str, part: &str) -> String {
    format!("{pupil}, {column}: {part}")
}

fn approved_ok(class_name: &str) -> String {
    format!("Đã duyệt học bạ lớp {class_name}.")
}

fn returned_ok(class_name: &str) -> String {
    format!("Đã trả lại học bạ lớp {class_name} cho giáo viên.")
}

fn results_title(pupil_name: &str) -> String {
    format!("Kết quả học tập của {pupil_name}")
}

fn year_heading(school_year: &str, class_name: &str) -> String {
    format!("Năm học {school_year} — Lớp {class_name}")
}

pub const VI: Texts = Texts {
    app_name: "Học bạ số",
    loading: "Đang tải…",
    retry: "Thử lại",
    none: "—",
    skip_to_content: "Bỏ qua, đến nội dung chính",

    logout: "Đăng xuất",
    main_nav: "Điều hướng chính",
    role_admin: "Quản trị",
    role_principal: "Hiệu trưởng",
    role_teacher: "Giáo viên",
    role_parent: "Phụ huynh",

    login_title: "Đăng nhập",
    login_intro: "Dùng tài khoản nhà trường cấp cho thầy cô hoặc phụ huynh.",
    username: "Tên đăng nhập",
    password: "Mật khẩu",
    login_button: "Đăng nhập",
    login_busy: "Đang đăng nhập…",
    login_missing: "Vui lòng nhập tên đăng nhập và mật khẩu.",
    login_failed: "Sai tên đăng nhập hoặc mật khẩu.",

    my_classes: "Lớp của tôi",
    no_classes: "Bạn chưa được phân công lớp nào.",
    class_link,
    my_children: "Con của tôi",
    no_children: "Chưa có học sinh nào gắn với tài khoản này. Vui lòng liên hệ nhà trường.",
    view_results: "Xem kết quả học tập",
    admin_title: "Quản trị",
    admin_body: "Tài khoản quản trị không nhập đánh giá và không duyệt học bạ. \
                 Việc quản lý trường, lớp và tài khoản được thực hiện trên máy chủ.",

    status_label: "Trạng thái",
    status_draft: "Nháp",
    status_submitted: "Đã gửi duyệt",
    status_returned: "Bị trả lại",
    status_approved: "Đã duyệt — đã khoá",
    principal_note: "Ý kiến của hiệu trưởng:",

    grid_title,
    grid_help: "Môn học: gõ T (Hoàn thành tốt), H (Hoàn thành) hoặc C (Chưa hoàn thành). \
                Phẩm chất, năng lực: gõ T (Tốt), Đ hoặc D (Đạt), C (Cần cố gắng). \
                Điểm kiểm tra: số nguyên từ 1 đến 10. \
                Dùng phím mũi tên hoặc Enter để chuyển ô; mỗi ô được lưu ngay khi rời ô.",
    show_comments: "Hiện cột nhận xét",
    col_pupil: "Học sinh",
    col_level: "Mức",
    col_score: "Điểm",
    col_comment: "Nhận xét",
    col_result: "Kết quả",
    periods_label: "Kỳ đánh giá",
    kind_pham_chat: "Phẩm chất chủ yếu",
    kind_nang_luc_chung: "Năng lực chung",
    kind_nang_luc_dac_thu: "Năng lực đặc thù",
    cell_label,
    result_pending: "Chưa đủ dữ liệu",
    save_saving: "đang lưu…",
    save_saved: "đã lưu",
    save_failed: "lỗi",
    score_invalid: "Điểm kiểm tra phải là số nguyên từ 1 đến 10.",
    submit: "Gửi duyệt",
    submitting: "Đang gửi…",
    submitted_ok: "Đã gửi học bạ cho hiệu trưởng duyệt.",
    banner_locked: "Học bạ đã được duyệt và khoá. Không thể sửa đánh giá.",
    banner_submitted: "Đã gửi duyệt. Trong khi chờ hiệu trưởng duyệt, bảng đánh giá tạm khoá.",
    banner_read_only: "Chế độ xem: chỉ đọc.",
    no_pupils: "Lớp chưa có học sinh.",
    back_home: "Về trang chủ",
    bad_period: "Kỳ đánh giá không hợp lệ.",

    reviews_title: "Duyệt học bạ",
    reviews_intro: "Các lớp và trạng thái học bạ. Lớp đã gửi duyệt có thể được duyệt hoặc trả lại cho giáo viên.",
    no_reviews: "Chưa có lớp nào.",
    col_class: "Lớp",
    col_period: "Kỳ đánh giá",
    col_status: "Trạng thái",
    col_pupil_count: "Số học sinh",
    col_teacher: "Giáo viên chủ nhiệm",
    approve: "Duyệt",
    return_record: "Trả lại",
    return_comment_label: "Lý do trả lại (bắt buộc)",
    return_send: "Gửi trả lại",
    return_comment_required: "Vui lòng ghi lý do trả lại.",
    cancel: "Huỷ",
    view_grid: "Xem bảng đánh giá",
    approved_ok,
    returned_ok,

    results_title,
    download_pdf: "Tải học bạ (PDF)",
    download_hint: "Tệp PDF có chữ ký số của nhà trường.",
    no_years: "Chưa có năm học nào được nhà trường duyệt.",
    year_heading,
    homeroom_teacher: "Giáo viên chủ nhiệm",
    subjects_heading: "Môn học và hoạt động giáo dục",
    col_subject: "Môn học",
    col_subject_level: "Mức đạt được",
    col_test_score: "Điểm kiểm tra",
    qualities_heading: "Phẩm chất và năng lực",
    col_quality: "Phẩm chất, năng lực",
    year_result: "Kết quả cả năm",

    err_network: "Không kết nối được máy chủ. Vui lòng thử lại.",
    err_session: "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.",
    err_forbidden: "Bạn không có quyền xem nội dung này.",
    err_not_found: "Không tìm thấy.",
    err_generic: "Đã có lỗi xảy ra. Vui lòng thử lại.",
    not_found_title: "Không tìm thấy trang",
};
