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

fn conflict_title(pupil: &str, column: &str) -> String {
    format!("{pupil}, {column}: ô này vừa được sửa ở nơi khác trong lúc bạn nhập.")
}

fn conflict_level(code: &str, name: &str) -> String {
    format!("{code} ({name})")
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

/// "Tên trường" → "tên trường", for a label inside a sentence.
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn required_field(label: &str) -> String {
    format!("Vui lòng nhập {}.", lower_first(label))
}

fn form_problems(count: usize) -> String {
    format!("Có {count} chỗ cần sửa: xem ghi chú màu đỏ dưới từng ô.")
}

fn current_year_is(year: &str) -> String {
    format!("Năm học hiện tại: {year}")
}

fn show_classes_of(year: &str) -> String {
    format!("Xem các lớp {year}")
}

fn year_will_be(year: &str) -> String {
    format!("Năm học {year}")
}

fn classes_of_year(year: &str) -> String {
    format!("Các lớp năm học {year}")
}

fn bank_remove(text: &str) -> String {
    format!("Xoá khỏi ngân hàng: {text}")
}

fn feedback_seen_by(who: &str) -> String {
    format!("Cha mẹ học sinh đã xem: {who}")
}

fn feedback_replies(n: usize) -> String {
    format!("{n} phản hồi")
}

fn feedback_seen_count(seen: usize, pupils: usize) -> String {
    format!("{seen}/{pupils} học sinh đã được cha mẹ xem kết quả.")
}

fn history_button_label(pupil: &str) -> String {
    format!("Lịch sử sửa điểm, nhận xét của {pupil}")
}

fn history_title(pupil: &str) -> String {
    format!("Lịch sử thay đổi — {pupil}")
}

fn banner_reopened(pupils: &str) -> String {
    format!("Hiệu trưởng đã mở lại hồ sơ để sửa cho: {pupils}. Sửa xong, hiệu trưởng sẽ duyệt lại.")
}

fn cell_not_taken(pupil: &str, subject: &str) -> String {
    format!("{pupil} không học môn tự chọn {subject}")
}

fn conflict_saved_by(author: &str) -> String {
    format!("Người lưu: {author}")
}

fn queue_waiting(n: usize) -> String {
    format!("Đang gửi {n} thay đổi…")
}

fn queue_offline(n: usize) -> String {
    if n == 0 {
        "Mất kết nối mạng.".to_string()
    } else {
        format!("Mất kết nối: {n} thay đổi đang chờ gửi (đã lưu trên máy, sẽ tự gửi khi có mạng).")
    }
}

fn class_saved(class_name: &str) -> String {
    format!("Đã lưu lớp {class_name}.")
}

fn grade_name(grade: u8) -> String {
    format!("Khối {grade}")
}

fn edit_class_title(class_name: &str) -> String {
    format!("Sửa lớp {class_name}")
}

fn assignments_title(class_name: &str) -> String {
    format!("Phân công giảng dạy lớp {class_name}")
}

fn shown_of(shown: usize, total: usize) -> String {
    format!("Đang hiện {shown} trên {total} tài khoản.")
}

fn edit_staff_title(name: &str) -> String {
    format!("Sửa tài khoản của {name}")
}

fn staff_created(username: &str) -> String {
    format!("Đã tạo tài khoản {username}.")
}

fn staff_saved(name: &str) -> String {
    format!("Đã lưu tài khoản của {name}.")
}

fn staff_activated(name: &str) -> String {
    format!("Đã mở lại tài khoản của {name}.")
}

fn staff_deactivated(name: &str) -> String {
    format!("Đã khoá tài khoản của {name}. Dữ liệu vẫn được giữ; có thể mở lại bất cứ lúc nào.")
}

fn password_reset_done(name: &str) -> String {
    format!("Đã cấp mật khẩu mới cho {name}.")
}

fn confirm_activate(name: &str) -> String {
    format!("Mở lại tài khoản của {name}? Người này sẽ đăng nhập lại được.")
}

fn confirm_deactivate(name: &str) -> String {
    format!(
        "Khoá tài khoản của {name}? Người này sẽ không đăng nhập được nữa. Tài khoản không bị xoá và có thể mở lại."
    )
}

fn confirm_reset_password(name: &str) -> String {
    format!("Cấp mật khẩu mới cho {name}? Mật khẩu đang dùng sẽ không đăng nhập được nữa.")
}

fn import_choose(what: &str) -> String {
    format!("Chọn tệp {what} (.xlsx hoặc .csv)")
}

fn import_file_name(name: &str) -> String {
    format!("Tệp đã chọn: {name}")
}

fn import_problems_summary(problems: usize) -> String {
    format!("Tệp có {problems} lỗi, chưa có gì được ghi. Hãy sửa các ô dưới đây trong tệp rồi chọn lại tệp.")
}

fn import_preview_summary(rows: u32, created: u32, updated: u32, unchanged: u32) -> String {
    format!(
        "Tệp hợp lệ, {rows} dòng: tạo mới {created}, cập nhật {updated}, không đổi {unchanged}. \
         Chưa có gì được ghi: bấm “Nhập dữ liệu” để ghi."
    )
}

fn import_done(created: u32, updated: u32, unchanged: u32) -> String {
    format!("Đã nhập xong: tạo mới {created}, cập nhật {updated}, không đổi {unchanged}.")
}

fn pupil_count(count: usize) -> String {
    format!("{count} học sinh")
}

fn enrol_intro(year: &str) -> String {
    format!("Học sinh được xếp vào một lớp của năm học {year}. Các ô có dấu * là bắt buộc.")
}

fn confirm_unlink(parent: &str) -> String {
    format!("Bỏ liên kết tài khoản của {parent} với học sinh này? Phụ huynh sẽ không xem được kết quả học tập của học sinh nữa.")
}

fn invite_max(max: usize) -> String {
    format!("Một phiếu có tối đa {max} học sinh.")
}

fn invite_expires(when: &str) -> String {
    format!("Mã chỉ dùng được một lần, hết hạn lúc {when}.")
}

fn confirm_transfer_out(pupil: &str, school: &str) -> String {
    format!("Chuyển {pupil} sang {school} và khoá học bạ? Việc này không hoàn tác được.")
}

fn roster_import_of(class_name: &str) -> String {
    format!("Nhập danh sách học sinh lớp {class_name}")
}

fn rollover_intro(year: &str) -> String {
    format!(
        "Năm học {year}. Đánh dấu “Ở lại lớp” cho học sinh hiệu trưởng quyết định chưa được lên lớp; \
         các học sinh khác lên lớp, học sinh khối 5 hoàn thành chương trình tiểu học. \
         Bấm “Xem trước” để xem kết quả, rồi mới áp dụng."
    )
}

fn class_with_size(class_name: &str, pupils: usize) -> String {
    format!("Lớp {class_name} ({pupils} học sinh)")
}

fn confirm_rollover(year: &str) -> String {
    format!(
        "Kết thúc năm học {year} theo kế hoạch trên? Các lớp của năm học mới sẽ được tạo và học sinh được xếp vào đó."
    )
}

fn rollover_plan_title(next_year: &str) -> String {
    format!("Kế hoạch sang năm học {next_year}")
}

fn rollover_done(next_year: &str) -> String {
    format!("Đã chuyển sang năm học {next_year}")
}

fn rollover_counts(promoted: u32, repeating: u32, graduating: u32) -> String {
    format!("Lên lớp: {promoted} · Ở lại lớp: {repeating} · Hoàn thành chương trình tiểu học: {graduating}")
}

fn new_classes_of(next_year: &str) -> String {
    format!("Các lớp năm học {next_year}")
}

fn next_class_in(next_year: &str) -> String {
    format!("Lớp năm học {next_year}")
}

pub const VI: Texts = Texts {
    app_name: "Học bạ số",
    loading: "Đang tải…",
    retry: "Thử lại",
    none: "—",
    skip_to_content: "Bỏ qua, đến nội dung chính",
    lang_switch_title: "Chuyển giao diện sang tiếng Anh",

    logout: "Đăng xuất",
    main_nav: "Điều hướng chính",
    nav_admin: "Quản trị",

    username: "Tên đăng nhập",
    password: "Mật khẩu",

    my_classes: "Lớp của tôi",
    no_classes: "Bạn chưa được phân công lớp nào.",
    class_link,
    my_children: "Con của tôi",
    admin_title: "Quản trị",
    admin_open: "Quản trị nhà trường",
    admin_body: "Thông tin trường, năm học và lớp, cán bộ, học sinh, lên lớp cuối năm.",

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
                Dùng phím mũi tên hoặc Enter để chuyển ô; mỗi ô được lưu ngay khi rời ô. \
                Ở ô nhận xét, nhấn Shift+Enter để xuống dòng, Alt+↓ để chọn từ ngân hàng nhận xét.",
    show_comments: "Hiện cột nhận xét",
    col_pupil: "Học sinh",
    col_level: "Mức",
    col_score: "Điểm",
    col_comment: "Nhận xét",
    col_result: "Kết quả",
    periods_label: "Kì đánh giá",
    kind_pham_chat: "Phẩm chất chủ yếu",
    kind_nang_luc_chung: "Năng lực chung",
    kind_nang_luc_dac_thu: "Năng lực đặc thù",
    cell_label,
    result_pending: "Chưa đủ dữ liệu",
    save_saving: "đang lưu…",
    save_saved: "đã lưu",
    save_waiting: "chờ gửi (đã lưu trên máy)",
    banner_reopened,
    queue_all_sent: "Đã gửi hết thay đổi",
    queue_waiting,
    queue_offline,
    grid_from_device: "Không kết nối được máy chủ: đang hiển thị bảng đã lưu trên máy này. Bạn vẫn nhập được; các thay đổi sẽ tự gửi khi có mạng.",
    save_failed: "lỗi",
    grid_explain_hint: "Chọn một ô của học sinh để xem vì sao em đạt kết quả cuối năm này.",
    cells_invalid,
    cell_missing: "Ô còn trống: cần nhập trước khi gửi duyệt.",
    save_conflict: "chưa lưu: cần chọn giá trị",
    conflict_title,
    conflict_mine: "Giá trị của bạn",
    conflict_theirs: "Giá trị hiện tại trên máy chủ",
    conflict_saved_by,
    cell_not_taken,
    optional_subjects_title: "Môn học tự chọn",
    optional_subjects_hint: "Đánh dấu các môn tự chọn của lớp mà học sinh theo học. \
                             Chỉ những học sinh được đánh dấu mới được đánh giá và tính kết quả ở môn đó.",
    bank_title: "Ngân hàng nhận xét",
    bank_open: "Mở ngân hàng nhận xét (Alt+↓)",
    bank_own: "Nhận xét của tôi",
    bank_suggested: "Gợi ý",
    bank_empty: "Chưa có nhận xét nào cho môn này.",
    bank_keep: "Lưu nhận xét đang gõ vào ngân hàng",
    bank_remove,
    history_button: "Lịch sử",
    history_button_label,
    history_title,
    history_empty: "Chưa có thay đổi nào ở kì đánh giá này.",
    history_when: "Thời gian",
    history_who: "Người sửa",
    history_cell: "Môn / phẩm chất, năng lực",
    feedback_seen: "Đã xem",
    feedback_seen_by,
    feedback_replies,
    feedback_title: "Phản hồi của cha mẹ học sinh",
    feedback_seen_count,
    feedback_none: "Chưa có phản hồi nào.",
    feedback_col_parent: "Cha mẹ học sinh",
    feedback_col_time: "Thời gian",
    feedback_col_text: "Nội dung",
    history_before: "Trước",
    history_after: "Sau",
    history_source: "Cách gửi",
    history_direct: "Trực tiếp",
    history_from_queue: "Gửi lại sau khi mất mạng",
    conflict_level,
    conflict_keep_mine: "Giữ giá trị của tôi",
    conflict_use_theirs: "Dùng giá trị hiện tại",
    conflict_hint: "Nhấn Esc để đóng; ô vẫn được đánh dấu cho đến khi bạn chọn.",
    conflict_reopen: "Xem và chọn giá trị cho ô vừa được sửa ở nơi khác",
    conflict_badge: "⚠",
    score_invalid: "Điểm kiểm tra phải là số nguyên từ 1 đến 10.",
    submit: "Gửi duyệt",
    submitting: "Đang gửi…",
    submitted_ok: "Đã gửi học bạ cho hiệu trưởng duyệt.",
    banner_locked: "Học bạ đã được duyệt và khoá. Không thể sửa đánh giá.",
    banner_submitted: "Đã gửi duyệt. Trong khi chờ hiệu trưởng duyệt, bảng đánh giá tạm khoá.",
    banner_read_only: "Chế độ xem: chỉ đọc.",
    no_pupils: "Lớp chưa có học sinh.",
    back_home: "Về trang chủ",
    area_reload: "Tải lại trang để mở phần dành cho hiệu trưởng và quản trị",
    area_reload_teacher: "Tải lại trang để mở trang cuối năm, bảng tổng hợp hoặc trang học sinh",
    bad_period: "Kì đánh giá không hợp lệ.",

    reviews_title: "Duyệt học bạ",
    reviews_intro: "Các lớp và trạng thái học bạ. Lớp đã gửi duyệt có thể được duyệt hoặc trả lại cho giáo viên.",
    no_reviews: "Chưa có lớp nào.",
    col_class: "Lớp",
    col_period: "Kì đánh giá",
    col_status: "Trạng thái",
    col_pupil_count: "Số học sinh",
    col_teacher: "Giáo viên chủ nhiệm",
    approve: "Duyệt",
    return_record: "Trả lại",
    return_comment_label: "Lí do trả lại (bắt buộc)",
    return_send: "Gửi trả lại",
    return_comment_required: "Vui lòng ghi lí do trả lại.",
    cancel: "Huỷ",
    view_grid: "Xem bảng đánh giá",
    approved_ok,
    returned_ok,

    results_title,
    download_pdf: "Tải học bạ (PDF)",
    download_hint: "Tệp PDF có chữ kí số của nhà trường.",
    listen: "Nghe",
    listen_stop: "Dừng đọc",
    listen_label: "Nghe đọc kết quả năm học mới nhất",
    spoken_score: "điểm",
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

    save: "Lưu",
    saving: "Đang lưu…",
    saved: "Đã lưu.",
    create: "Tạo",
    edit: "Sửa",
    close: "Đóng",
    print: "In",
    copy: "Sao chép",
    copied: "Đã sao chép mật khẩu.",
    copy_by_hand: "Trình duyệt không cho sao chép tự động. Mật khẩu đã được chọn: bấm Ctrl+C để sao chép.",
    actions: "Thao tác",
    search: "Tìm",
    choose: "— Chọn —",
    date: "Ngày",
    uploading: "Đang tải lên…",
    download_xlsx: "Tải về (Excel)",
    download_csv: "Tải về (CSV)",
    required_field,
    form_problems,
    breadcrumb: "Vị trí trang",

    current_year_is,
    no_current_year: "Chưa có năm học hiện tại.",
    open_years: "Mở năm học",
    admin_school_title: "Thông tin nhà trường",
    admin_school_desc: "Tên trường, mã trường, địa chỉ, hiệu trưởng, logo.",
    admin_years_title: "Năm học và lớp",
    admin_years_desc: "Mở năm học, tạo lớp, giáo viên chủ nhiệm, phân công giảng dạy.",
    admin_staff_title: "Cán bộ, giáo viên",
    admin_staff_desc: "Tài khoản, vai trò, khoá tài khoản, cấp lại mật khẩu.",
    admin_pupils_title: "Học sinh",
    admin_pupils_desc: "Hồ sơ học sinh, tài khoản phụ huynh, chuyển trường.",
    admin_rollover_desc: "Xét lên lớp, ở lại lớp và chuyển sang năm học mới.",

    school_name: "Tên trường",
    school_code: "Mã trường",
    school_commune: "Xã/Phường/Thị trấn",
    school_district: "Quận/Huyện",
    school_district_hint: "Không bắt buộc. Từ năm 2025 nhiều nơi không còn cấp quận, huyện: khi đó để trống, học bạ sẽ không in dòng này.",
    school_province: "Tỉnh/Thành phố",
    school_principal: "Họ tên hiệu trưởng",
    logo_title: "Logo của trường",
    logo_alt: "Logo của trường",
    logo_none: "Trường chưa có logo.",
    logo_choose: "Chọn ảnh logo",
    logo_hint: "Ảnh PNG hoặc JPEG, tối đa 512 KB.",
    logo_too_big: "Ảnh lớn hơn 512 KB. Vui lòng chọn ảnh nhỏ hơn.",
    logo_wrong_type: "Chỉ nhận ảnh PNG hoặc JPEG.",
    logo_saved: "Đã cập nhật logo.",

    school_year: "Năm học",
    class_count: "Số lớp",
    year_current: "Năm học hiện tại",
    show_classes_of,
    make_current: "Đặt làm năm học hiện tại",
    no_years_yet: "Chưa có năm học nào. Hãy mở năm học đầu tiên.",
    new_year: "Mở năm học mới",
    start_year: "Năm bắt đầu",
    year_will_be,
    start_year_invalid: "Năm bắt đầu phải là một năm, ví dụ 2026.",
    classes_of_year,
    class_saved,
    no_classes_yet: "Năm học này chưa có lớp nào.",
    grade: "Khối",
    grade_name,
    combined_grade: "Lớp ghép với khối",
    combined_grade_hint: "Chỉ dùng cho lớp ghép: học sinh hai khối học chung một lớp.",
    combined_grade_same: "Khối ghép phải khác khối của lớp.",
    not_combined: "Không ghép",
    class_size: "Sĩ số",
    optional_subjects: "Môn tự chọn",
    ngoai_ngu_hint: "Môn tự chọn ở khối 1 và khối 2 (từ khối 3 là môn bắt buộc).",
    language_name: "Tên tiếng dân tộc",
    language_hint: "Ví dụ: Tiếng H'Mông, Tiếng Thái, Tiếng Khmer.",
    language_required: "Vui lòng ghi tên tiếng dân tộc được dạy, ví dụ Tiếng H'Mông.",
    new_class: "Thêm lớp",
    edit_class_title,
    class_name: "Tên lớp",
    class_name_hint: "Ví dụ: 1A, 5B.",
    not_assigned: "— Chưa phân công —",
    assignments: "Phân công",
    assignments_title,
    assignments_intro: "Chọn giáo viên dạy từng môn học, hoạt động giáo dục của lớp.",
    assignments_sheet_title: "Bảng phân công giảng dạy cả năm học",
    assignments_sheet_intro: "Tải về để sửa bằng Excel rồi nhập lại; mỗi dòng là một lớp, một môn và giáo viên dạy.",
    assignments_import: "Nhập bảng phân công từ tệp",
    roster_import_short: "Nhập danh sách",
    teacher: "Giáo viên",

    full_name: "Họ và tên",
    roles: "Vai trò",
    phone: "Điện thoại",
    filter_staff: "Lọc theo họ tên, tên đăng nhập, vai trò, điện thoại",
    shown_of,
    new_staff: "Thêm tài khoản",
    edit_staff_title,
    create_account: "Tạo tài khoản",
    username_hint: "Chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch nối; 3–40 kí tự. Ví dụ: gv.lan",
    username_invalid: "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch dưới, gạch nối và dài 3–40 kí tự.",
    roles_required: "Vui lòng chọn ít nhất một vai trò.",
    deactivate: "Khoá tài khoản",
    activate: "Mở lại tài khoản",
    reset_password: "Cấp lại mật khẩu",
    staff_created,
    staff_saved,
    staff_activated,
    staff_deactivated,
    password_reset_done,
    confirm_activate,
    confirm_deactivate,
    confirm_reset_password,
    staff_import: "Nhập danh sách cán bộ từ tệp",
    issued_title: "Mật khẩu dùng một lần",
    issued_hint: "Mật khẩu chỉ hiện một lần. Hãy sao chép hoặc in ra và giao tận tay người dùng; \
                  sau khi đóng khung này sẽ không xem lại được.",

    import_roster: "danh sách học sinh",
    import_staff: "danh sách cán bộ",
    import_assignments: "bảng phân công giảng dạy",
    import_choose,
    import_hint: "Chọn tệp xong, trang kiểm tra tệp và cho xem trước. Chưa có gì được ghi cho đến khi bấm “Nhập dữ liệu”.",
    import_file_name,
    import_checking: "Đang kiểm tra tệp…",
    import_apply: "Nhập dữ liệu",
    import_applying: "Đang nhập…",
    import_problems_summary,
    import_preview_summary,
    import_done,
    import_sheet: "Trang tính",
    import_row: "Dòng",
    import_column: "Cột",
    import_header: "Tiêu đề cột",
    import_error: "Lỗi",
    import_action: "Sẽ làm",
    import_create: "Tạo mới",
    import_update: "Cập nhật",
    import_unchanged: "Không đổi",
    import_assignment_key: "Lớp – môn",

    pupil_studying: "Đang học",
    pupil_transferred_out: "Đã chuyển trường",
    pupil_graduated: "Đã hoàn thành chương trình tiểu học",
    pupil_not_enrolled: "Chưa xếp lớp",
    pupil_national_id: "Mã định danh",
    national_id_hint: "Mã định danh cá nhân: 12 chữ số (trên giấy khai sinh hoặc VNeID).",
    gender: "Giới tính",
    birth_date: "Ngày sinh",
    ethnicity: "Dân tộc",
    nationality: "Quốc tịch",
    birth_place: "Nơi sinh",
    home_town: "Quê quán",
    address: "Nơi ở hiện nay",
    father_name: "Họ tên cha",
    mother_name: "Họ tên mẹ",
    guardian_name: "Người giám hộ",
    registration_no: "Số đăng bộ",
    entry_date: "Ngày vào trường",
    disability: "Học sinh khuyết tật",
    disability_plan: "Kế hoạch giáo dục cá nhân",
    disability_plan_hint: "Bắt buộc với học sinh khuyết tật: học sinh được đánh giá theo kế hoạch này.",
    pupil_identity: "Thông tin học sinh",
    pupil_family: "Gia đình",
    pupil_enrolment: "Nhập học",
    pupil_disability: "Khuyết tật",
    pupil_grade: "Khối của học sinh",
    pupil_grade_hint: "Chỉ cần cho lớp ghép, khi học sinh học khối khác khối của lớp.",
    grade_of_class: "Theo khối của lớp",
    choose_class: "— Chọn lớp —",
    class_required: "Vui lòng chọn lớp.",
    no_pupils_found: "Không có học sinh nào phù hợp.",
    pupil_count,
    new_pupil: "Thêm học sinh",
    search_pupils: "Tìm theo họ tên hoặc mã định danh (gõ có dấu hay không dấu đều được)",
    all_classes: "Tất cả các lớp",
    all_statuses: "Mọi trạng thái",
    school_roster_download: "Tải danh sách toàn trường (Excel)",
    school_roster_import: "Nhập danh sách học sinh toàn trường từ tệp",
    school_roster_import_intro: "Mỗi dòng ghi cả lớp của học sinh (cột “Lớp”). Để nhập cho một lớp, dùng nút “Nhập danh sách” của lớp đó ở trang Năm học và lớp.",
    enrol: "Lưu học sinh",
    enrol_intro,
    transfer_in_title: "Học sinh chuyển đến",
    transfer_in_intro: "Học sinh từ trường khác chuyển đến. Kết quả các năm trước được nhập sau, từ học bạ số trường cũ gửi sang.",
    transfer_in_details: "Chuyển đến",
    transfer_in_date: "Ngày chuyển đến",
    from_school: "Trường cũ (chuyển đi từ)",
    transfer_in_save: "Lưu học sinh chuyển đến",
    pupil_profile: "Hồ sơ học sinh",
    pupil_frozen: "Học sinh đã chuyển trường: học bạ đã được khoá để bàn giao, không sửa được nữa.",

    guardians: "Phụ huynh",
    no_guardians: "Chưa có tài khoản phụ huynh nào được liên kết.",
    account_inactive: "Tài khoản bị khoá",
    account_title: "Tài khoản của tôi",
    unlink: "Bỏ liên kết",
    confirm_unlink,
    find_parent: "Tìm tài khoản phụ huynh đã có (họ tên hoặc tên đăng nhập)",
    link: "Liên kết",
    no_parents_found: "Không tìm thấy tài khoản phụ huynh nào chưa liên kết.",
    invite_title: "Mã mời phụ huynh",
    invite_intro: "Phụ huynh chưa có tài khoản: tạo mã, in phiếu và gửi phụ huynh. Phụ huynh dùng mã trên phiếu để tự tạo tài khoản.",
    invite_create: "Tạo mã mời phụ huynh",
    invite_pupils: "Học sinh trên phiếu (một mã dùng chung cho các anh chị em ruột):",
    invite_find_sibling: "Thêm anh chị em ruột: tìm theo họ tên hoặc mã định danh",
    invite_add: "Thêm",
    invite_remove: "Bỏ",
    invite_max,
    invite_once: "Mã chỉ hiện một lần: hãy in phiếu ngay.",
    invite_slip_title: "Phiếu kích hoạt tài khoản phụ huynh",
    invite_for: "Để xem kết quả học tập của:",
    invite_step_open: "1. Mở địa chỉ sau trên điện thoại hoặc máy tính:",
    invite_qr_label: "Mã QR mở trang kích hoạt tài khoản, đã điền sẵn mã mời",
    invite_qr_hint: "Hoặc dùng camera điện thoại quét mã QR: trang kích hoạt mở ra với mã đã điền sẵn.",
    invite_step_code: "2. Nhập mã:",
    invite_step_account: "3. Tự đặt tên đăng nhập và mật khẩu, rồi bấm “Kích hoạt”.",
    invite_expires,
    print_slip: "In phiếu",

    transfer_out_title: "Chuyển trường",
    transfer_out_open: "Chuyển học sinh sang trường khác…",
    transfer_out_warning: "Lưu ý: khi chuyển trường, học bạ của học sinh bị khoá để bàn giao cho trường mới. \
                           Không ai sửa được kết quả học tập nữa và việc này không hoàn tác được.",
    transfer_out_date: "Ngày chuyển đi",
    to_school: "Trường chuyển đến",
    transfer_reason: "Lí do",
    transfer_out_confirm: "Chuyển trường và khoá học bạ",
    confirm_transfer_out,
    transfers_history: "Quá trình chuyển trường",
    transfer_kind: "Chuyển",
    transfer_in_word: "Chuyển đến",
    transfer_out_word: "Chuyển đi",
    other_school: "Trường",

    roster_import_title: "Nhập danh sách học sinh",
    roster_import_of,
    roster_import_intro: "Tệp Excel (.xlsx) hoặc .csv, dòng đầu là tiêu đề cột, mỗi dòng sau là một học sinh. \
                          Học sinh đã có (cùng mã định danh) được cập nhật, học sinh mới được thêm vào lớp.",
    roster_download_xlsx: "Tải danh sách hiện tại (Excel)",
    roster_example: "Tải tệp mẫu",

    rollover_title: "Lên lớp cuối năm",
    rollover_intro,
    repeat_label: "Ở lại lớp",
    move_promote: "Lên lớp",
    move_repeat: "Ở lại lớp",
    move_graduate: "Hoàn thành chương trình tiểu học",
    class_with_size,
    rollover_preview: "Xem trước",
    rollover_apply: "Áp dụng",
    confirm_rollover,
    rollover_plan_title,
    rollover_done,
    rollover_counts,
    new_classes_of,
    rollover_by_class: "Theo từng lớp",
    rollover_action: "Kết quả",
    next_class_in,



    year_end_link: "Kết quả cuối năm",
    of_class,
    summary_link: "Bảng tổng hợp",
    year_end_title,
    year_end_intro: "Cả lớp trong một bảng: phím mũi tên, Enter và Tab chuyển giữa các ô, có thể dán từ Excel; \
                     nhập xong bấm “Lưu cả lớp” một lần. Kết quả giáo dục được tính từ bảng đánh giá cuối năm; \
                     kết quả, đánh giá riêng, đánh giá bổ sung và khen thưởng của học sinh đang chọn ở khung bên cạnh.",
    year_end_locked: "Học bạ cuối năm đã được duyệt và khoá: kết quả cuối năm và khen thưởng chỉ để xem.",
    year_end_submitted: "Học bạ cuối năm đã gửi duyệt: trong khi chờ hiệu trưởng duyệt, kết quả cuối năm tạm khoá.",
    year_end_principal: "Hiệu trưởng quyết định lên lớp hoặc ở lại lớp cho học sinh chưa hoàn thành chương trình; \
                         các thông tin khác do giáo viên chủ nhiệm ghi.",
    year_end_read_only: "Chế độ xem: chỉ giáo viên chủ nhiệm ghi kết quả cuối năm.",
    year_end_pupils: "Học sinh của lớp",
    computed_result: "Kết quả tính từ bảng đánh giá",
    effective_result: "Kết quả giáo dục",
    by_manual_result: "Theo kết quả đánh giá riêng (học sinh khuyết tật, theo kế hoạch giáo dục cá nhân).",
    by_supplementary: "Theo kết quả đánh giá bổ sung.",
    completion: "Hoàn thành chương trình",
    pupil_transferred: "Học sinh đã chuyển trường: hồ sơ chỉ để xem.",
    days_absent_excused: "Số ngày nghỉ có phép",
    days_absent_unexcused: "Số ngày nghỉ không phép",
    height_cm: "Chiều cao (cm)",
    weight_kg: "Cân nặng (kg)",
    days_invalid: "Số ngày nghỉ ghi bằng số nguyên, ví dụ 2.",
    height_invalid: "Chiều cao ghi bằng số, ví dụ 132,5.",
    weight_invalid: "Cân nặng ghi bằng số, ví dụ 28,5.",
    manual_legend: "Đánh giá riêng (học sinh khuyết tật)",
    manual_result: "Kết quả đánh giá riêng",
    manual_result_none: "Không có (theo bảng đánh giá)",
    manual_note: "Căn cứ đánh giá (kế hoạch giáo dục cá nhân)",
    supplementary_legend: "Đánh giá bổ sung",
    supplementary_result: "Kết quả đánh giá bổ sung",
    supplementary_none: "Chưa đánh giá bổ sung",
    supplementary_note: "Ghi chú đánh giá bổ sung",
    decision_label: "Quyết định của hiệu trưởng",
    decision_none: "Chưa quyết định",
    decision_save: "Lưu quyết định",
    decided_by,
    awards_heading: "Khen thưởng",
    no_awards: "Chưa có khen thưởng.",
    award_confirmed_by,
    confirm_award: "Xác nhận khen thưởng",
    award_reason: "Lí do khen thưởng",
    award_reason_hint: "Môn học nổi bật hoặc phẩm chất, năng lực tiến bộ rõ rệt, được tập thể lớp công nhận.",
    add_award: "Thêm khen thưởng khác",
    award_kind: "Loại khen thưởng",
    award_title: "Nội dung khen thưởng",
    award_title_hint: "Ví dụ: Giải Nhì Hội thi Viết chữ đẹp",
    award_level: "Cấp khen thưởng",
    award_date: "Ngày khen thưởng",
    award_date_hint: "Ngày/tháng/năm, ví dụ 15/03/2026",
    award_save: "Lưu khen thưởng",
    delete: "Xoá",
    delete_award_of,
    delete_award_title: "Xoá khen thưởng?",
    confirm_delete_award,
    award_added: "Đã lưu khen thưởng.",
    award_deleted: "Đã xoá khen thưởng.",
    year_end_table_caption: "Ngày nghỉ, chiều cao, cân nặng và khen thưởng của từng học sinh trong lớp",
    year_end_ordinal: "STT",
    cell_of_pupil,
    award_suggested,
    row_has_invalid: "Có ô chưa hợp lệ",
    pupil_moved_short: "Đã chuyển trường",
    save_class: "Lưu cả lớp",
    year_end_saved: "Đã lưu thông tin cuối năm của cả lớp.",
    pupils_changed,
    nothing_to_save: "Chưa có thay đổi nào để lưu.",
    year_end_refused: "Chưa lưu gì: các ô dưới đây chưa hợp lệ. Sửa các ô được đánh dấu rồi bấm “Lưu cả lớp”.",

    summary_title: "Bảng tổng hợp kết quả đánh giá giáo dục",
    summary_download: "Tải bảng tổng hợp (Excel)",
    summary_download_hint: "Tệp Excel (.xlsx), cùng số liệu với bảng dưới đây.",
    summary_count,
    summary_item: "Nội dung",
    coded_name,

    notifications_title: "Thông báo",
    notifications_waiting,

    nav_dashboard: "Tổng quan",
    dashboard_title: "Tổng quan",
    dashboard_intro: "Tiến độ nhập và duyệt học bạ của các lớp, kết quả theo khối và học sinh cần quan tâm.",
    dashboard_year,
    dashboard_no_year: "Trường chưa có năm học hiện tại.",
    dashboard_download: "Tải tổng quan (Excel)",
    progress_title: "Tiến độ theo lớp",
    progress_hint: "Mỗi ô là hồ sơ của một lớp ở một kì đánh giá; bấm vào ô để mở bảng nhập.",
    missing_counts,
    nothing_missing: "Đủ dữ liệu",
    class_period,
    approve_all,
    approve_all_title,
    approve_all_done,
    approve_all_none: "Không có hồ sơ nào đang chờ duyệt ở kì này.",
    approve_title: "Duyệt hồ sơ",
    approve_question,
    approve_class,
    results_by_grade: "Kết quả theo khối",
    grade_heading,
    chart_results_title,
    chart_results_desc,
    chart_levels_title,
    chart_levels_heading,
    chart_no_levels: "Chưa có mức đạt được nào.",
    bar_value,
    chart_numbers: "Số liệu của biểu đồ",
    col_count: "Số học sinh",
    col_percent: "Tỉ lệ",
    at_risk_title: "Học sinh cần quan tâm",
    at_risk_none: "Không có học sinh nào cần quan tâm.",
    col_reasons: "Lí do",

    reopen_open: "Mở lại cho một học sinh",
    reopen_legend,
    reopen_pupil: "Học sinh",
    reopen_choose: "— Chọn học sinh —",
    reopen_reason: "Lí do mở lại",
    reopen_reason_hint: "Bắt buộc, tối đa 500 kí tự; được ghi vào nhật kí.",
    reopen_pupil_required: "Vui lòng chọn học sinh.",
    reopen_reason_required: "Vui lòng nhập lí do mở lại.",
    reopen_submit: "Mở lại",
    reopen_title: "Mở lại hồ sơ đã duyệt",
    reopen_question,
    reopened_ok,
    reopenings_title: "Các lần mở lại",
    no_reopenings: "Chưa mở lại học sinh nào.",
    reopening_line,
    reopening_is_open: "Đang mở",
    reapproved_line,
    reapprove: "Duyệt lại",
    reapprove_pupil,
    reapproved_ok,

    banner_returned: "Hiệu trưởng đã trả lại hồ sơ. Hãy sửa theo nhận xét rồi gửi duyệt lại.",
    return_comment_note: "Nhận xét của hiệu trưởng:",
    review_open: "Xem và duyệt",
    review_class_title: super::review_class_title,
    review_pupil_of: super::review_pupil_of,
    review_keys_help: "Dùng phím ← / → (hoặc PageUp / PageDown) để chuyển sang học sinh trước hoặc sau.",
    review_prev: "← Học sinh trước",
    review_next: "Học sinh sau →",
    review_pupils: "Danh sách học sinh",
    review_choose_pupil: "Chọn học sinh",
    review_has_comment: "có nhận xét",
    review_head_class: "Lớp",
    review_head_year: "Năm học",
    review_head_period: "Kì đánh giá",
    review_table_subjects: "1. Các môn học và hoạt động giáo dục",
    review_col_subject: "Môn học và hoạt động giáo dục",
    review_col_level: "Mức đạt được",
    review_col_score: "Điểm KTĐK",
    review_col_comment: "Nhận xét",
    review_table_qualities: "2. Những phẩm chất chủ yếu",
    review_col_quality: "Phẩm chất",
    review_table_competences: "3. Những năng lực cốt lõi",
    review_col_competence: "Năng lực",
    review_not_taken: "Không học",
    review_result_title: "4. Đánh giá kết quả giáo dục",
    review_pupil_comment: super::review_pupil_comment,
    review_class_comment: "Nhận xét chung cho cả lớp",
    review_return_help: "Khi trả lại, cần ghi nhận xét cho cả lớp hoặc cho ít nhất một học sinh.",
    review_return_required: "Cần ghi nhận xét cho cả lớp hoặc cho ít nhất một học sinh trước khi trả lại.",
    review_approve_title: "Duyệt hồ sơ lớp",
    review_approve_question: super::review_approve_question,
    review_read_only: "Hồ sơ này không chờ duyệt; trang chỉ để xem.",
    review_commented: super::review_commented,
    checklist_heading: "Cần xem lại trước khi duyệt",
    checklist_help: "Có thể trả lại để giáo viên bổ sung, hoặc ghi lí do để duyệt dù còn thiếu.",
    override_reason_label: "Lí do duyệt dù còn thiếu",
    override_reason_required: "Cần ghi lí do trước khi duyệt dù còn thiếu.",
    approve_anyway: "Duyệt dù còn thiếu",
    return_confirm_title: "Trả lại hồ sơ",
    return_confirm_question: super::return_confirm_question,

    doc_kind_yearly,
    doc_kind_hand_over: "Học bạ bàn giao",
    documents_title: "Học bạ đã cấp",
    documents_none: "Chưa có học bạ nào được cấp.",
    document_code,
    document_issued,
    document_signed_by,
    document_pending,
    document_revoked: "Đã thu hồi",
    revoked_line,
    download_year_pdf,
    downloading: "Đang tải…",
    download_failed: "Trình duyệt không lưu được tệp. Vui lòng thử lại.",
    revoke: "Thu hồi",
    revoke_document_of,
    revoke_title: "Thu hồi học bạ đã cấp",
    revoke_question,
    revoke_reason: "Lí do thu hồi",
    revoke_reason_hint: "Ví dụ: cấp nhầm, thông tin học sinh bị sai. Người kiểm tra học bạ sẽ thấy lí do này.",
    revoked_ok,
    batch_title: "Bàn giao học bạ cả lớp",
    batch_intro: "Cấp và kí số học bạ bàn giao cho mọi học sinh của lớp trong một lần (ví dụ khi lớp 5 ra \
        trường), rồi tải về một tệp ZIP gồm học bạ PDF của từng em.",
    batch_start: "Bàn giao học bạ cả lớp",
    batch_question: super::batch_question,
    batch_confirm: "Cấp và kí học bạ",
    batch_starting: "Đang bắt đầu…",
    batch_progress: super::batch_progress,
    batch_progress_label: "Tiến độ bàn giao học bạ",
    batch_finished: "Đã bàn giao xong học bạ cả lớp.",
    batch_download: "Tải học bạ cả lớp (ZIP)",
    batch_zip_name: "hoc-ba-ban-giao.zip",
    batch_failures: super::batch_failures,
    batch_poll_failed: super::batch_poll_failed,
    verify_no_signatures: "Không có chữ kí số nào.",
    signer_unknown_role: "Người kí",
    signature_valid: "Chữ kí hợp lệ",
    signature_invalid: "Chữ kí không hợp lệ",
    signature_timestamped: "Có dấu thời gian xác nhận giờ kí.",
    certificate_issued_by,
    nav_signing: "Kí số",
    signing_title: "Sẵn sàng kí số",
    signing_intro: "Chứng thư số của những người kí học bạ: giáo viên chủ nhiệm, hiệu trưởng và con dấu \
        của nhà trường.",
    signing_none: "Chưa có người kí nào.",
    col_signer_role: "Vai trò",
    col_signer: "Người kí",
    col_cert_holder: "Chủ thể chứng thư",
    col_cert_issuer: "Đơn vị cấp",
    col_valid_until: "Hiệu lực đến",
    col_signing_status: "Tình trạng",
    badge_test_certificate: "Chứng thư thử nghiệm",
    badge_usb_token: "USB token",
    signing_ready: "Sẵn sàng",
    signing_expires_soon: "Sắp hết hạn",
    signing_not_ready: "Chưa kí được",
    trusted_cas_title: "Chứng thư gốc (CA) được tin cậy",
    trusted_cas_intro: "Học bạ do trường khác kí số chỉ nhập được khi chứng thư gốc (CA) của trường đó có trong \
        danh sách này, ví dụ CA của trường cũ của học sinh chuyển đến.",
    trusted_cas_none: "Chưa thêm CA của trường nào.",
    col_ca_name: "Tên CA",
    col_ca_fingerprint: "Mã vân tay (SHA-256)",
    col_ca_added: "Ngày thêm",
    badge_test_ca: "TEST — thử nghiệm",
    badge_own_ca: "CA của trường",
    trust_ca_heading: "Thêm CA của trường khác",
    trust_ca_label: "Chứng thư CA (dạng PEM)",
    trust_ca_hint: "Dán toàn bộ nội dung tệp .pem, từ dòng -----BEGIN CERTIFICATE----- đến dòng \
        -----END CERTIFICATE-----.",
    trust_ca_warning: "Chỉ thêm CA của trường khác sau khi đã đối chiếu mã vân tay với trường đó qua điện thoại.",
    trust_ca_submit: "Thêm CA",
    trust_ca_busy: "Đang thêm…",
    trust_ca_missing: "Vui lòng dán chứng thư CA dạng PEM.",
    trust_ca_added,
    imported_years_title: "Năm học ở trường cũ",
    imported_years_intro: "Học sinh chuyển đến: nhập kết quả các năm học ở trường cũ từ học bạ đã kí số của \
        trường đó — tệp PDF học bạ năm học hoặc học bạ bàn giao, hoặc tệp XML kèm tệp chữ kí .p7s.",
    imported_years_none: "Chưa nhập năm học nào từ trường cũ.",
    imported_years_read_only: "Nhập từ học bạ đã kí số của trường cũ; không sửa được.",
    col_school_year: "Năm học",
    col_from_school: "Trường",
    col_source_code: "Mã kiểm tra",
    col_source_format: "Nguồn",
    col_signatures: "Chữ kí số",
    col_imported_by: "Người nhập",
    source_format_pdf: "Tệp PDF",
    source_format_xml: "Tệp XML và chữ kí .p7s",
    signatures_summary,
    imported_by_line,
    import_year_heading: "Nhập học bạ đã kí số của trường cũ",
    import_year_format: "Loại tệp",
    import_year_format_pdf: "Tệp PDF học bạ đã kí số",
    import_year_format_xml: "Tệp XML học bạ và tệp chữ kí (.p7s)",
    import_year_pdf_label: "Tệp PDF học bạ",
    import_year_pdf_hint: "Học bạ năm học hoặc học bạ bàn giao do trường cũ cấp, có chữ kí số.",
    import_year_xml_label: "Tệp XML học bạ",
    import_year_xml_hint: "Tệp record.xml do trường cũ cấp.",
    import_year_p7s_label: "Tệp chữ kí số (.p7s)",
    import_year_p7s_hint: "Tệp record.xml.p7s đi kèm tệp XML.",
    import_year_submit: "Nhập và kiểm tra chữ kí",
    import_year_busy: "Đang kiểm tra chữ kí…",
    import_year_missing_pdf: "Vui lòng chọn tệp PDF học bạ.",
    import_year_missing_xml: "Vui lòng chọn tệp XML học bạ.",
    import_year_missing_p7s: "Vui lòng chọn tệp chữ kí .p7s.",
    file_read_failed: "Không đọc được tệp đã chọn. Vui lòng chọn lại.",
    imported_years_done,
    year_source_line,
    err_network: "Không kết nối được máy chủ. Vui lòng thử lại.",
    err_session: "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.",
    err_forbidden: "Bạn không có quyền xem nội dung này.",
    err_not_found: "Không tìm thấy.",
    err_generic: "Đã có lỗi xảy ra. Vui lòng thử lại.",
    server_page_offline: "Trang này cần kết nối mạng. Hãy thử lại khi có mạng.",
    not_found_title: "Không tìm thấy trang",
};

// ---- The year end of a class and its summary ----

fn of_class(class_name: &str) -> String {
    format!("lớp {class_name}")
}

fn year_end_title(class_name: &str, school_year: &str) -> String {
    format!("Lớp {class_name} — Kết quả cuối năm, năm học {school_year}")
}

fn cell_of_pupil(column: &str, pupil: &str) -> String {
    format!("{column}, {pupil}")
}

fn award_suggested(kind: &str) -> String {
    format!("Đề nghị: {kind}")
}

fn pupils_changed(n: usize) -> String {
    format!("{n} học sinh có thay đổi chưa lưu")
}

fn decided_by(name: &str) -> String {
    format!("Người quyết định: {name}")
}

fn award_confirmed_by(name: &str) -> String {
    format!("Xác nhận: {name}")
}

fn delete_award_of(title: &str) -> String {
    format!("Xoá khen thưởng: {title}")
}

fn confirm_delete_award(title: &str, pupil: &str) -> String {
    format!("Xoá khen thưởng “{title}” của {pupil}?")
}

fn summary_count(total: u32, female: u32) -> String {
    format!("{total} (nữ: {female})")
}

fn coded_name(name: &str, code: &str) -> String {
    format!("{name} ({code})")
}

// ---- Notifications, the dashboard and reopening ----

fn notifications_waiting(count: usize) -> String {
    format!("{count} hồ sơ đang chờ duyệt")
}

fn dashboard_year(school_year: &str) -> String {
    format!("Năm học {school_year}")
}

fn missing_counts(pupils: u32, cells: u32) -> String {
    format!("Thiếu {cells} ô ({pupils} học sinh)")
}

fn class_period(class_name: &str, period_name: &str) -> String {
    format!("Lớp {class_name}, {period_name}")
}

fn approve_all(period_name: &str) -> String {
    format!("Duyệt tất cả ({period_name})")
}

fn approve_all_title(period_name: &str) -> String {
    format!("Duyệt tất cả hồ sơ đã gửi — {period_name}")
}

fn approve_all_done(classes: usize) -> String {
    format!("Đã duyệt {classes} lớp.")
}

fn approve_question(class_name: &str, period_name: &str) -> String {
    format!("Duyệt học bạ lớp {class_name} — {period_name}? Sau khi duyệt, giáo viên không sửa được nữa.")
}

fn approve_class(class_name: &str, period_name: &str) -> String {
    format!("Duyệt lớp {class_name}, {period_name}")
}

fn grade_heading(grade: u8, pupils: u32) -> String {
    format!("Khối {grade} ({pupils} học sinh)")
}

fn chart_results_title(grade: u8) -> String {
    format!("Kết quả cuối năm của khối {grade}")
}

fn chart_results_desc(grade: u8, total: u32) -> String {
    format!("Biểu đồ cột ngang: số học sinh khối {grade} theo kết quả cuối năm, trên tổng số {total} học sinh.")
}

fn chart_levels_title(grade: u8, subject: &str, period_name: &str) -> String {
    format!("Khối {grade}, {subject}: số học sinh theo mức đạt được, {period_name}")
}

fn chart_levels_heading(period_name: &str) -> String {
    format!("Mức đạt được các môn học — {period_name}")
}

fn bar_value(count: u32, percent: u32) -> String {
    format!("{count} ({percent}%)")
}

fn reopen_legend(class_name: &str, period_name: &str) -> String {
    format!("Mở lại hồ sơ đã duyệt của một học sinh lớp {class_name} — {period_name}")
}

fn reopen_question(pupil: &str, class_name: &str) -> String {
    format!("Mở lại hồ sơ của {pupil} (lớp {class_name}) để giáo viên sửa? Các học sinh khác vẫn được khoá.")
}

fn reopened_ok(pupil: &str) -> String {
    format!("Đã mở lại hồ sơ của {pupil}.")
}

fn reopening_line(by: &str, at: &str, reason: &str) -> String {
    format!("Mở lại bởi {by}, {at}: {reason}")
}

fn reapproved_line(by: &str, at: &str) -> String {
    format!("Đã duyệt lại bởi {by}, {at}")
}

fn reapprove_pupil(pupil: &str) -> String {
    format!("Duyệt lại hồ sơ của {pupil}")
}

fn reapproved_ok(pupil: &str) -> String {
    format!("Đã duyệt lại hồ sơ của {pupil}.")
}

fn doc_kind_yearly(school_year: &str) -> String {
    format!("Học bạ năm học {school_year}")
}

fn document_code(code: &str) -> String {
    format!("Mã kiểm tra: {code}")
}

fn document_issued(date: &str) -> String {
    format!("Cấp ngày {date}")
}

fn document_signed_by(roles: &str) -> String {
    format!("Đã kí: {roles}")
}

fn document_pending(roles: &str) -> String {
    format!("Chờ kí: {roles}")
}

fn revoked_line(when: &str, reason: &str) -> String {
    format!("Thu hồi ngày {when}. Lí do: {reason}")
}

fn download_year_pdf(school_year: &str) -> String {
    format!("Tải học bạ năm học {school_year} (PDF)")
}

fn revoke_document_of(what: &str, code: &str) -> String {
    format!("Thu hồi {} (mã {code})", lower_first(what))
}

fn revoke_question(what: &str, code: &str) -> String {
    format!("Thu hồi {what}, mã {code}? Ai kiểm tra mã này sẽ thấy học bạ đã bị thu hồi. Không hoàn tác được.")
}

fn revoked_ok(code: &str) -> String {
    format!("Đã thu hồi học bạ mã {code}.")
}

fn cells_invalid(n: usize) -> String {
    format!("{n} ô chưa hợp lệ")
}

fn certificate_issued_by(issuer: &str) -> String {
    format!("Chứng thư số do {issuer} cấp.")
}

fn trust_ca_added(name: &str) -> String {
    format!("Đã thêm CA “{name}”. Hãy đối chiếu lại mã vân tay bên dưới với trường đó.")
}

fn signatures_summary(valid: usize, total: usize) -> String {
    if valid == total {
        format!("{total} chữ kí số hợp lệ")
    } else {
        format!("{valid}/{total} chữ kí số hợp lệ")
    }
}

fn imported_by_line(name: &str, when: &str) -> String {
    format!("{name}, {when}")
}

fn imported_years_done(n: usize) -> String {
    format!("Đã nhập {n} năm học.")
}

fn year_source_line(school_name: &str) -> String {
    format!("Học ở {school_name} — nhập từ học bạ đã kí số")
}
