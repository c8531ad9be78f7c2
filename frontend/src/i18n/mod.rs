//! User-interface wording. Every string a screen shows comes from a [`Texts`] catalogue: one
//! `const` per language ([`vi::VI`], the default, and [`en::EN`]). [`t()`] answers the catalogue
//! of the current language, chosen once at start-up ([`set_lang`]) and changed by the language
//! switch. Domain wording (level and result names, the explanation of a result) lives in
//! `hocba_core::messages`; [`domain`] gives it in the current language.

use hocba_core::Lang;
use std::cell::Cell;

pub mod choice;
pub mod domain;
mod en;
#[cfg(test)]
mod tests;
mod vi;

/// One language's catalogue: fixed strings and a few formatting functions.
pub struct Texts {
    pub app_name: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub none: &'static str,
    pub skip_to_content: &'static str,
    /// Tooltip of the language switch (whose text is the other language's own name).
    pub lang_switch_title: &'static str,

    // Header (role names come from `hocba_core::roster::role_label`)
    pub logout: &'static str,
    pub main_nav: &'static str,
    pub nav_admin: &'static str,

    // Login
    pub username: &'static str,
    pub password: &'static str,

    // Home
    pub my_classes: &'static str,
    pub no_classes: &'static str,
    pub class_link: fn(class_name: &str, school_year: &str, period_name: &str) -> String,
    pub my_children: &'static str,
    pub admin_title: &'static str,
    pub admin_open: &'static str,
    pub admin_body: &'static str,

    // Record status
    pub status_label: &'static str,
    pub status_draft: &'static str,
    pub status_submitted: &'static str,
    pub status_returned: &'static str,
    pub status_approved: &'static str,
    pub principal_note: &'static str,

    // Grid
    pub grid_title: fn(class_name: &str, period_name: &str, school_year: &str) -> String,
    pub grid_help: &'static str,
    pub show_comments: &'static str,
    pub col_pupil: &'static str,
    pub col_level: &'static str,
    pub col_score: &'static str,
    pub col_comment: &'static str,
    pub col_result: &'static str,
    /// Label of the periodic-point tabs above the grid.
    pub periods_label: &'static str,
    pub kind_pham_chat: &'static str,
    pub kind_nang_luc_chung: &'static str,
    pub kind_nang_luc_dac_thu: &'static str,
    pub cell_label: fn(pupil: &str, column: &str, part: &str) -> String,
    pub result_pending: &'static str,
    pub save_saving: &'static str,
    pub save_saved: &'static str,
    /// Approved, but reopened for these pupils.
    pub banner_reopened: fn(pupils: &str) -> String,
    /// A row being saved while the network is gone.
    pub save_waiting: &'static str,

    // Write queue (header badge) and the grid opened without a network
    pub queue_all_sent: &'static str,
    pub queue_waiting: fn(n: usize) -> String,
    pub queue_offline: fn(n: usize) -> String,
    pub grid_from_device: &'static str,
    pub save_failed: &'static str,
    /// Under the cuối năm grid before any row has the focus.
    pub grid_explain_hint: &'static str,
    /// "2 ô chưa hợp lệ": cells of a row holding a value that cannot be saved.
    pub cells_invalid: fn(usize) -> String,
    /// Accessible description of a cell a refused submit named as still empty.
    pub cell_missing: &'static str,
    /// Row state while a cell waits for the teacher's choice between two values.
    pub save_conflict: &'static str,
    /// Heading of the panel of a cell another user changed meanwhile.
    pub conflict_title: fn(pupil: &str, column: &str) -> String,
    pub conflict_mine: &'static str,
    pub conflict_theirs: &'static str,
    /// Under the server's value: who saved it, and when.
    pub conflict_saved_by: fn(author: &str) -> String,
    /// Accessible name of a cell of an optional subject the pupil does not take.
    pub cell_not_taken: fn(pupil: &str, subject: &str) -> String,

    // Optional subjects a pupil takes (the pupil's admin page)
    pub optional_subjects_title: &'static str,
    pub optional_subjects_hint: &'static str,

    // The comment bank of a comment cell
    pub bank_title: &'static str,
    pub bank_open: &'static str,
    pub bank_own: &'static str,
    pub bank_suggested: &'static str,
    pub bank_empty: &'static str,
    pub bank_keep: &'static str,
    pub bank_remove: fn(text: &str) -> String,

    // A pupil's cell history (from the audit trail)
    pub history_button: &'static str,
    pub history_button_label: fn(pupil: &str) -> String,
    pub history_title: fn(pupil: &str) -> String,
    pub history_empty: &'static str,
    pub history_when: &'static str,
    pub history_who: &'static str,
    pub history_cell: &'static str,

    // Parents and an approved periodic point (the grid's marks and the replies under it)
    /// The mark of a pupil row whose family has seen the approved point.
    pub feedback_seen: &'static str,
    /// Tooltip and screen-reader text of that mark: "Name (dd/mm/yyyy HH:MM)", joined.
    pub feedback_seen_by: fn(who: &str) -> String,
    /// The mark of a pupil row with replies from the family.
    pub feedback_replies: fn(n: usize) -> String,
    /// Heading of the replies under the grid ("Phản hồi của cha mẹ học sinh").
    pub feedback_title: &'static str,
    /// How many families have seen the point, of the class's pupils.
    pub feedback_seen_count: fn(seen: usize, pupils: usize) -> String,
    pub feedback_none: &'static str,
    pub feedback_col_parent: &'static str,
    pub feedback_col_time: &'static str,
    pub feedback_col_text: &'static str,
    pub history_before: &'static str,
    pub history_after: &'static str,
    pub history_source: &'static str,
    pub history_direct: &'static str,
    pub history_from_queue: &'static str,
    /// A level in the panel: its letter and its name.
    pub conflict_level: fn(code: &str, name: &str) -> String,
    pub conflict_keep_mine: &'static str,
    pub conflict_use_theirs: &'static str,
    pub conflict_hint: &'static str,
    /// Accessible name of the button that opens the panel again (its text is `conflict_badge`).
    pub conflict_reopen: &'static str,
    pub conflict_badge: &'static str,
    pub score_invalid: &'static str,
    pub submit: &'static str,
    pub submitting: &'static str,
    pub submitted_ok: &'static str,
    pub banner_locked: &'static str,
    pub banner_submitted: &'static str,
    pub banner_read_only: &'static str,
    pub no_pupils: &'static str,
    pub back_home: &'static str,
    /// A school manager's page opened in the teacher's build of the app: a full reload fetches theirs.
    #[cfg_attr(not(feature = "area-teacher"), allow(dead_code))]
    pub area_reload: &'static str,
    /// The grid's build on a screen of the teacher's build (year end, summary, a pupil's page).
    #[cfg_attr(not(feature = "area-grid"), allow(dead_code))]
    pub area_reload_teacher: &'static str,
    pub bad_period: &'static str,

    // Reviews
    pub reviews_title: &'static str,
    pub reviews_intro: &'static str,
    pub no_reviews: &'static str,
    pub col_class: &'static str,
    pub col_period: &'static str,
    pub col_status: &'static str,
    pub col_pupil_count: &'static str,
    pub col_teacher: &'static str,
    pub approve: &'static str,
    pub return_record: &'static str,
    pub return_comment_label: &'static str,
    pub return_send: &'static str,
    pub return_comment_required: &'static str,
    pub cancel: &'static str,
    pub view_grid: &'static str,
    pub approved_ok: fn(class_name: &str) -> String,
    pub returned_ok: fn(class_name: &str) -> String,

    // Pupil results (parents)
    pub results_title: fn(pupil_name: &str) -> String,
    pub download_pdf: &'static str,
    pub download_hint: &'static str,
    pub listen: &'static str,
    pub listen_stop: &'static str,
    pub listen_label: &'static str,
    /// Read aloud before a test score ("điểm 9").
    pub spoken_score: &'static str,
    pub no_years: &'static str,
    pub year_heading: fn(school_year: &str, class_name: &str) -> String,
    pub homeroom_teacher: &'static str,
    pub subjects_heading: &'static str,
    pub col_subject: &'static str,
    pub col_subject_level: &'static str,
    pub col_test_score: &'static str,
    pub qualities_heading: &'static str,
    pub col_quality: &'static str,
    pub year_result: &'static str,

    // Forms and tables (shared)
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub create: &'static str,
    pub edit: &'static str,
    pub close: &'static str,
    pub print: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_by_hand: &'static str,
    pub actions: &'static str,
    pub search: &'static str,
    pub choose: &'static str,
    pub date: &'static str,
    pub uploading: &'static str,
    pub download_xlsx: &'static str,
    pub download_csv: &'static str,
    /// "Vui lòng nhập …" for an empty required field, given its label.
    pub required_field: fn(label: &str) -> String,
    /// Above a form with problems.
    pub form_problems: fn(count: usize) -> String,
    pub breadcrumb: &'static str,

    // Administration: overview
    pub current_year_is: fn(year: &str) -> String,
    pub no_current_year: &'static str,
    pub open_years: &'static str,
    pub admin_school_title: &'static str,
    pub admin_school_desc: &'static str,
    pub admin_years_title: &'static str,
    pub admin_years_desc: &'static str,
    pub admin_staff_title: &'static str,
    pub admin_staff_desc: &'static str,
    pub admin_pupils_title: &'static str,
    pub admin_pupils_desc: &'static str,
    pub admin_rollover_desc: &'static str,

    // Administration: school profile
    pub school_name: &'static str,
    pub school_code: &'static str,
    pub school_commune: &'static str,
    pub school_district: &'static str,
    pub school_district_hint: &'static str,
    pub school_province: &'static str,
    pub school_principal: &'static str,
    pub logo_title: &'static str,
    pub logo_alt: &'static str,
    pub logo_none: &'static str,
    pub logo_choose: &'static str,
    pub logo_hint: &'static str,
    pub logo_too_big: &'static str,
    pub logo_wrong_type: &'static str,
    pub logo_saved: &'static str,

    // Administration: years and classes
    pub school_year: &'static str,
    pub class_count: &'static str,
    pub year_current: &'static str,
    pub show_classes_of: fn(year: &str) -> String,
    pub make_current: &'static str,
    pub no_years_yet: &'static str,
    pub new_year: &'static str,
    pub start_year: &'static str,
    pub year_will_be: fn(year: &str) -> String,
    pub start_year_invalid: &'static str,
    pub classes_of_year: fn(year: &str) -> String,
    pub class_saved: fn(class_name: &str) -> String,
    pub no_classes_yet: &'static str,
    pub grade: &'static str,
    pub grade_name: fn(grade: u8) -> String,
    pub combined_grade: &'static str,
    pub combined_grade_hint: &'static str,
    pub combined_grade_same: &'static str,
    pub not_combined: &'static str,
    pub class_size: &'static str,
    pub optional_subjects: &'static str,
    pub ngoai_ngu_hint: &'static str,
    pub language_name: &'static str,
    pub language_hint: &'static str,
    pub language_required: &'static str,
    pub new_class: &'static str,
    pub edit_class_title: fn(class_name: &str) -> String,
    pub class_name: &'static str,
    pub class_name_hint: &'static str,
    pub not_assigned: &'static str,
    pub assignments: &'static str,
    pub assignments_title: fn(class_name: &str) -> String,
    pub assignments_intro: &'static str,
    pub assignments_sheet_title: &'static str,
    pub assignments_sheet_intro: &'static str,
    pub assignments_import: &'static str,
    pub roster_import_short: &'static str,
    pub teacher: &'static str,

    // Administration: staff
    pub full_name: &'static str,
    pub roles: &'static str,
    pub phone: &'static str,
    pub filter_staff: &'static str,
    pub shown_of: fn(shown: usize, total: usize) -> String,
    pub new_staff: &'static str,
    pub edit_staff_title: fn(name: &str) -> String,
    pub create_account: &'static str,
    pub username_hint: &'static str,
    pub username_invalid: &'static str,
    pub roles_required: &'static str,
    pub deactivate: &'static str,
    pub activate: &'static str,
    pub reset_password: &'static str,
    pub staff_created: fn(username: &str) -> String,
    pub staff_saved: fn(name: &str) -> String,
    pub staff_activated: fn(name: &str) -> String,
    pub staff_deactivated: fn(name: &str) -> String,
    pub password_reset_done: fn(name: &str) -> String,
    pub confirm_activate: fn(name: &str) -> String,
    pub confirm_deactivate: fn(name: &str) -> String,
    pub confirm_reset_password: fn(name: &str) -> String,
    pub staff_import: &'static str,
    pub issued_title: &'static str,
    pub issued_hint: &'static str,

    // Spreadsheet import
    pub import_roster: &'static str,
    pub import_staff: &'static str,
    pub import_assignments: &'static str,
    /// The file input's label, given what the file holds.
    pub import_choose: fn(what: &str) -> String,
    pub import_hint: &'static str,
    pub import_file_name: fn(name: &str) -> String,
    pub import_checking: &'static str,
    pub import_apply: &'static str,
    pub import_applying: &'static str,
    pub import_problems_summary: fn(problems: usize) -> String,
    pub import_preview_summary: fn(rows: u32, created: u32, updated: u32, unchanged: u32) -> String,
    pub import_done: fn(created: u32, updated: u32, unchanged: u32) -> String,
    pub import_sheet: &'static str,
    pub import_row: &'static str,
    pub import_column: &'static str,
    pub import_header: &'static str,
    pub import_error: &'static str,
    pub import_action: &'static str,
    pub import_create: &'static str,
    pub import_update: &'static str,
    pub import_unchanged: &'static str,
    pub import_assignment_key: &'static str,

    // Administration: pupils
    pub pupil_studying: &'static str,
    pub pupil_transferred_out: &'static str,
    pub pupil_graduated: &'static str,
    pub pupil_not_enrolled: &'static str,
    pub pupil_national_id: &'static str,
    pub national_id_hint: &'static str,
    pub gender: &'static str,
    pub birth_date: &'static str,
    pub ethnicity: &'static str,
    pub nationality: &'static str,
    pub birth_place: &'static str,
    pub home_town: &'static str,
    pub address: &'static str,
    pub father_name: &'static str,
    pub mother_name: &'static str,
    pub guardian_name: &'static str,
    pub registration_no: &'static str,
    pub entry_date: &'static str,
    pub disability: &'static str,
    pub disability_plan: &'static str,
    pub disability_plan_hint: &'static str,
    pub pupil_identity: &'static str,
    pub pupil_family: &'static str,
    pub pupil_enrolment: &'static str,
    pub pupil_disability: &'static str,
    pub pupil_grade: &'static str,
    pub pupil_grade_hint: &'static str,
    pub grade_of_class: &'static str,
    pub choose_class: &'static str,
    pub class_required: &'static str,
    pub no_pupils_found: &'static str,
    pub pupil_count: fn(count: usize) -> String,
    pub new_pupil: &'static str,
    pub search_pupils: &'static str,
    pub all_classes: &'static str,
    pub all_statuses: &'static str,
    pub school_roster_download: &'static str,
    pub school_roster_import: &'static str,
    pub school_roster_import_intro: &'static str,
    pub enrol: &'static str,
    pub enrol_intro: fn(year: &str) -> String,
    pub transfer_in_title: &'static str,
    pub transfer_in_intro: &'static str,
    pub transfer_in_details: &'static str,
    pub transfer_in_date: &'static str,
    pub from_school: &'static str,
    pub transfer_in_save: &'static str,
    pub pupil_profile: &'static str,
    pub pupil_frozen: &'static str,

    // Administration: parents of a pupil
    pub guardians: &'static str,
    pub no_guardians: &'static str,
    pub account_inactive: &'static str,
    /// The header's link to the user's own account (after their name, for screen readers).
    pub account_title: &'static str,
    pub unlink: &'static str,
    pub confirm_unlink: fn(parent: &str) -> String,
    pub find_parent: &'static str,
    pub link: &'static str,
    pub no_parents_found: &'static str,
    pub invite_title: &'static str,
    pub invite_intro: &'static str,
    pub invite_create: &'static str,
    pub invite_pupils: &'static str,
    pub invite_find_sibling: &'static str,
    pub invite_add: &'static str,
    pub invite_remove: &'static str,
    pub invite_max: fn(max: usize) -> String,
    pub invite_once: &'static str,
    pub invite_slip_title: &'static str,
    pub invite_for: &'static str,
    pub invite_step_open: &'static str,
    pub invite_qr_label: &'static str,
    pub invite_qr_hint: &'static str,
    pub invite_step_code: &'static str,
    pub invite_step_account: &'static str,
    pub invite_expires: fn(when: &str) -> String,
    pub print_slip: &'static str,

    // Administration: transfers
    pub transfer_out_title: &'static str,
    pub transfer_out_open: &'static str,
    pub transfer_out_warning: &'static str,
    pub transfer_out_date: &'static str,
    pub to_school: &'static str,
    pub transfer_reason: &'static str,
    pub transfer_out_confirm: &'static str,
    pub confirm_transfer_out: fn(pupil: &str, school: &str) -> String,
    pub transfers_history: &'static str,
    pub transfer_kind: &'static str,
    pub transfer_in_word: &'static str,
    pub transfer_out_word: &'static str,
    pub other_school: &'static str,

    // Administration: roster import
    pub roster_import_title: &'static str,
    pub roster_import_of: fn(class_name: &str) -> String,
    pub roster_import_intro: &'static str,
    pub roster_download_xlsx: &'static str,
    pub roster_example: &'static str,

    // Administration: rollover
    pub rollover_title: &'static str,
    pub rollover_intro: fn(year: &str) -> String,
    pub repeat_label: &'static str,
    pub move_promote: &'static str,
    pub move_repeat: &'static str,
    pub move_graduate: &'static str,
    pub class_with_size: fn(class_name: &str, pupils: usize) -> String,
    pub rollover_preview: &'static str,
    pub rollover_apply: &'static str,
    pub confirm_rollover: fn(year: &str) -> String,
    pub rollover_plan_title: fn(next_year: &str) -> String,
    pub rollover_done: fn(next_year: &str) -> String,
    pub rollover_counts: fn(promoted: u32, repeating: u32, graduating: u32) -> String,
    pub new_classes_of: fn(next_year: &str) -> String,
    pub rollover_by_class: &'static str,
    pub rollover_action: &'static str,
    pub next_class_in: fn(next_year: &str) -> String,

    // A class's year end (cuối năm); result, completion and award names come from
    // `hocba_core::messages`
    pub year_end_link: &'static str,
    /// Hidden after a link's text, naming the class: "lớp 5A".
    pub of_class: fn(class_name: &str) -> String,
    pub summary_link: &'static str,
    pub year_end_title: fn(class_name: &str, school_year: &str) -> String,
    pub year_end_intro: &'static str,
    pub year_end_locked: &'static str,
    pub year_end_submitted: &'static str,
    pub year_end_principal: &'static str,
    pub year_end_read_only: &'static str,
    pub year_end_pupils: &'static str,
    pub computed_result: &'static str,
    pub effective_result: &'static str,
    pub by_manual_result: &'static str,
    pub by_supplementary: &'static str,
    pub completion: &'static str,
    pub pupil_transferred: &'static str,
    pub days_absent_excused: &'static str,
    pub days_absent_unexcused: &'static str,
    pub height_cm: &'static str,
    pub weight_kg: &'static str,
    pub days_invalid: &'static str,
    pub height_invalid: &'static str,
    pub weight_invalid: &'static str,
    pub manual_legend: &'static str,
    pub manual_result: &'static str,
    pub manual_result_none: &'static str,
    pub manual_note: &'static str,
    pub supplementary_legend: &'static str,
    pub supplementary_result: &'static str,
    pub supplementary_none: &'static str,
    pub supplementary_note: &'static str,
    pub decision_label: &'static str,
    pub decision_none: &'static str,
    pub decision_save: &'static str,
    pub decided_by: fn(name: &str) -> String,
    pub awards_heading: &'static str,
    pub no_awards: &'static str,
    pub award_confirmed_by: fn(name: &str) -> String,
    pub confirm_award: &'static str,
    pub award_reason: &'static str,
    pub award_reason_hint: &'static str,
    pub add_award: &'static str,
    pub award_kind: &'static str,
    pub award_title: &'static str,
    pub award_title_hint: &'static str,
    pub award_level: &'static str,
    pub award_date: &'static str,
    pub award_date_hint: &'static str,
    pub award_save: &'static str,
    pub delete: &'static str,
    pub delete_award_of: fn(title: &str) -> String,
    pub delete_award_title: &'static str,
    pub confirm_delete_award: fn(title: &str, pupil: &str) -> String,
    pub award_added: &'static str,
    pub award_deleted: &'static str,
    /// The year-end table (one row per pupil) and its one save for the class.
    pub year_end_table_caption: &'static str,
    pub year_end_ordinal: &'static str,
    /// Accessible name of a year-end cell: the column and the pupil.
    pub cell_of_pupil: fn(column: &str, pupil: &str) -> String,
    /// The giấy khen the result suggests, in the awards column until it is confirmed.
    pub award_suggested: fn(kind: &str) -> String,
    pub row_has_invalid: &'static str,
    pub pupil_moved_short: &'static str,
    pub save_class: &'static str,
    pub year_end_saved: &'static str,
    pub pupils_changed: fn(n: usize) -> String,
    pub nothing_to_save: &'static str,
    pub year_end_refused: &'static str,

    // The class summary (Bảng tổng hợp); column names come from `hocba_core::messages`
    pub summary_title: &'static str,
    pub summary_download: &'static str,
    pub summary_download_hint: &'static str,
    /// "30 (nữ: 15)".
    pub summary_count: fn(total: u32, female: u32) -> String,
    pub summary_item: &'static str,
    /// A name with its short code: "Hoàn thành tốt (T)".
    pub coded_name: fn(name: &str, code: &str) -> String,

    // Notifications (the messages come ready from the server)
    pub notifications_title: &'static str,
    /// Beside the review list's link in the header: "2 hồ sơ đang chờ duyệt".
    pub notifications_waiting: fn(count: usize) -> String,

    // The principal's dashboard (/tong-quan)
    pub nav_dashboard: &'static str,
    pub dashboard_title: &'static str,
    pub dashboard_intro: &'static str,
    pub dashboard_year: fn(school_year: &str) -> String,
    pub dashboard_no_year: &'static str,
    pub dashboard_download: &'static str,
    pub progress_title: &'static str,
    pub progress_hint: &'static str,
    /// "Thiếu 12 ô (3 học sinh)".
    pub missing_counts: fn(pupils: u32, cells: u32) -> String,
    pub nothing_missing: &'static str,
    /// Accessible name of a progress cell's link: "Lớp 5A, Cuối năm".
    pub class_period: fn(class_name: &str, period_name: &str) -> String,
    /// The per-period action: "Duyệt tất cả (Cuối năm)".
    pub approve_all: fn(period_name: &str) -> String,
    pub approve_all_title: fn(period_name: &str) -> String,
    pub approve_all_done: fn(classes: usize) -> String,
    pub approve_all_none: &'static str,
    pub approve_title: &'static str,
    pub approve_question: fn(class_name: &str, period_name: &str) -> String,
    pub approve_class: fn(class_name: &str, period_name: &str) -> String,
    pub results_by_grade: &'static str,
    pub grade_heading: fn(grade: u8, pupils: u32) -> String,
    pub chart_results_title: fn(grade: u8) -> String,
    pub chart_results_desc: fn(grade: u8, total: u32) -> String,
    pub chart_levels_title: fn(grade: u8, subject: &str, period_name: &str) -> String,
    pub chart_levels_heading: fn(period_name: &str) -> String,
    pub chart_no_levels: &'static str,
    /// A bar's label: "12 (40%)".
    pub bar_value: fn(count: u32, percent: u32) -> String,
    pub chart_numbers: &'static str,
    pub col_count: &'static str,
    pub col_percent: &'static str,
    pub at_risk_title: &'static str,
    pub at_risk_none: &'static str,
    pub col_reasons: &'static str,

    // Reopening one pupil of an approved record
    pub reopen_open: &'static str,
    pub reopen_legend: fn(class_name: &str, period_name: &str) -> String,
    pub reopen_pupil: &'static str,
    pub reopen_choose: &'static str,
    pub reopen_reason: &'static str,
    pub reopen_reason_hint: &'static str,
    pub reopen_pupil_required: &'static str,
    pub reopen_reason_required: &'static str,
    pub reopen_submit: &'static str,
    pub reopen_title: &'static str,
    pub reopen_question: fn(pupil: &str, class_name: &str) -> String,
    pub reopened_ok: fn(pupil: &str) -> String,
    pub reopenings_title: &'static str,
    pub no_reopenings: &'static str,
    pub reopening_line: fn(by: &str, at: &str, reason: &str) -> String,
    pub reopening_is_open: &'static str,
    pub reapproved_line: fn(by: &str, at: &str) -> String,
    pub reapprove: &'static str,
    pub reapprove_pupil: fn(pupil: &str) -> String,
    pub reapproved_ok: fn(pupil: &str) -> String,

    // Returning with comments per pupil; the review screen, one pupil at a time
    pub banner_returned: &'static str,
    pub return_comment_note: &'static str,
    pub review_open: &'static str,
    pub review_class_title: fn(class_name: &str, period_name: &str) -> String,
    pub review_pupil_of: fn(n: usize, total: usize) -> String,
    pub review_keys_help: &'static str,
    pub review_prev: &'static str,
    pub review_next: &'static str,
    pub review_pupils: &'static str,
    pub review_choose_pupil: &'static str,
    pub review_has_comment: &'static str,
    pub review_head_class: &'static str,
    pub review_head_year: &'static str,
    pub review_head_period: &'static str,
    pub review_table_subjects: &'static str,
    pub review_col_subject: &'static str,
    pub review_col_level: &'static str,
    pub review_col_score: &'static str,
    pub review_col_comment: &'static str,
    pub review_table_qualities: &'static str,
    pub review_col_quality: &'static str,
    pub review_table_competences: &'static str,
    pub review_col_competence: &'static str,
    pub review_not_taken: &'static str,
    pub review_result_title: &'static str,
    pub review_pupil_comment: fn(pupil: &str) -> String,
    pub review_class_comment: &'static str,
    pub review_return_help: &'static str,
    pub review_return_required: &'static str,
    pub review_approve_title: &'static str,
    pub review_approve_question: fn(class_name: &str, period_name: &str) -> String,
    pub review_read_only: &'static str,
    pub review_commented: fn(n: usize) -> String,

    // The checklist before approving, and the confirmation before returning
    pub checklist_heading: &'static str,
    pub checklist_help: &'static str,
    pub override_reason_label: &'static str,
    pub override_reason_required: &'static str,
    pub approve_anyway: &'static str,
    pub return_confirm_title: &'static str,
    pub return_confirm_question: fn(class_name: &str, period_name: &str) -> String,

    // Issued documents: kinds, the pupil page's list, downloads and revoking (signer role names
    // come from `hocba_core::messages::signer_role_name`)
    /// "Học bạ năm học 2024-2025": a yearly record.
    pub doc_kind_yearly: fn(school_year: &str) -> String,
    /// "Học bạ bàn giao": the whole record handed over at graduation or transfer.
    pub doc_kind_hand_over: &'static str,
    /// "Issued school records" (section heading of the pupil page).
    pub documents_title: &'static str,
    pub documents_none: &'static str,
    /// "Verification code: …"
    pub document_code: fn(code: &str) -> String,
    /// "Issued on dd/mm/yyyy"
    pub document_issued: fn(date: &str) -> String,
    /// "Signed by: Giáo viên chủ nhiệm, Hiệu trưởng"
    pub document_signed_by: fn(roles: &str) -> String,
    /// "Still to sign: …" (on a USB token)
    pub document_pending: fn(roles: &str) -> String,
    /// Badge of a revoked document.
    pub document_revoked: &'static str,
    /// "Revoked on dd/mm/yyyy HH:MM. Reason: …"
    pub revoked_line: fn(when: &str, reason: &str) -> String,
    /// "Download the record of school year … (PDF)"
    pub download_year_pdf: fn(school_year: &str) -> String,
    /// A download being fetched.
    pub downloading: &'static str,
    /// The browser would not save the file.
    pub download_failed: &'static str,
    /// "Revoke" (button).
    pub revoke: &'static str,
    /// Accessible name of a revoke button: "Revoke <kind> (code …)".
    pub revoke_document_of: fn(what: &str, code: &str) -> String,
    pub revoke_title: &'static str,
    /// The question of the revoke dialog, naming the document.
    pub revoke_question: fn(what: &str, code: &str) -> String,
    pub revoke_reason: &'static str,
    pub revoke_reason_hint: &'static str,
    /// "Document … revoked."
    pub revoked_ok: fn(code: &str) -> String,

    // Hand-over of a whole class in one batch (year-end page, principal and admin)
    /// Heading of the panel, and its button.
    pub batch_title: &'static str,
    pub batch_intro: &'static str,
    pub batch_start: &'static str,
    /// The question of the confirm dialog, naming the class.
    pub batch_question: fn(class_name: &str) -> String,
    pub batch_confirm: &'static str,
    pub batch_starting: &'static str,
    /// "Đã xong N/M học sinh"
    pub batch_progress: fn(done: u32, total: u32) -> String,
    pub batch_progress_label: &'static str,
    pub batch_finished: &'static str,
    pub batch_download: &'static str,
    /// The file name when the server gives none.
    pub batch_zip_name: &'static str,
    /// "N pupils could not be issued:" (heading of the failures).
    pub batch_failures: fn(n: usize) -> String,
    /// Polling failed: the progress shown may be old.
    pub batch_poll_failed: fn(message: &str) -> String,

    // Public verification (/verify); verdict sentences come from `hocba_core::messages::verdict_text`
    pub verify_no_signatures: &'static str,
    /// A signature whose role the document does not name.
    pub signer_unknown_role: &'static str,
    /// Screen-reader text of ✓ and ✗ beside a signature.
    pub signature_valid: &'static str,
    pub signature_invalid: &'static str,
    /// "An RFC 3161 timestamp proves the signing time".
    pub signature_timestamped: &'static str,
    /// "Certificate issued by …"
    pub certificate_issued_by: fn(issuer: &str) -> String,

    // Signing readiness (/ky-so), principal and admin
    /// Menu entry "Digital signing".
    pub nav_signing: &'static str,
    pub signing_title: &'static str,
    pub signing_intro: &'static str,
    pub signing_none: &'static str,
    pub col_signer_role: &'static str,
    pub col_signer: &'static str,
    pub col_cert_holder: &'static str,
    pub col_cert_issuer: &'static str,
    pub col_valid_until: &'static str,
    pub col_signing_status: &'static str,
    /// Badge: issued by the demo CA, not for real use.
    pub badge_test_certificate: &'static str,
    /// Badge: the key is on a USB token.
    pub badge_usb_token: &'static str,
    pub signing_ready: &'static str,
    pub signing_expires_soon: &'static str,
    pub signing_not_ready: &'static str,

    // Trusted CAs (/ky-so): CAs of other schools whose signed records the school accepts
    pub trusted_cas_title: &'static str,
    pub trusted_cas_intro: &'static str,
    pub trusted_cas_none: &'static str,
    pub col_ca_name: &'static str,
    /// "Fingerprint (SHA-256)".
    pub col_ca_fingerprint: &'static str,
    pub col_ca_added: &'static str,
    /// Badge of a CA made for tests (`hocba keys init`).
    pub badge_test_ca: &'static str,
    /// Badge of the CA of the school's own signers.
    pub badge_own_ca: &'static str,
    pub trust_ca_heading: &'static str,
    pub trust_ca_label: &'static str,
    pub trust_ca_hint: &'static str,
    /// Compare the fingerprint by phone before adding another school's CA.
    pub trust_ca_warning: &'static str,
    pub trust_ca_submit: &'static str,
    pub trust_ca_busy: &'static str,
    pub trust_ca_missing: &'static str,
    /// "CA … added: compare its fingerprint once more."
    pub trust_ca_added: fn(name: &str) -> String,

    // Years studied at another school (admin pupil page), imported from its signed record
    pub imported_years_title: &'static str,
    pub imported_years_intro: &'static str,
    pub imported_years_none: &'static str,
    /// Imported years are read-only.
    pub imported_years_read_only: &'static str,
    pub col_school_year: &'static str,
    pub col_from_school: &'static str,
    pub col_source_code: &'static str,
    pub col_source_format: &'static str,
    pub col_signatures: &'static str,
    pub col_imported_by: &'static str,
    pub source_format_pdf: &'static str,
    pub source_format_xml: &'static str,
    /// "3 valid digital signatures" (or "2 of 3 … valid").
    pub signatures_summary: fn(valid: usize, total: usize) -> String,
    /// "Name, date" of an import.
    pub imported_by_line: fn(name: &str, when: &str) -> String,
    pub import_year_heading: &'static str,
    /// Legend of the choice between a signed PDF and the XML with its `.p7s`.
    pub import_year_format: &'static str,
    pub import_year_format_pdf: &'static str,
    pub import_year_format_xml: &'static str,
    pub import_year_pdf_label: &'static str,
    pub import_year_pdf_hint: &'static str,
    pub import_year_xml_label: &'static str,
    pub import_year_xml_hint: &'static str,
    pub import_year_p7s_label: &'static str,
    pub import_year_p7s_hint: &'static str,
    pub import_year_submit: &'static str,
    pub import_year_busy: &'static str,
    pub import_year_missing_pdf: &'static str,
    pub import_year_missing_xml: &'static str,
    pub import_year_missing_p7s: &'static str,
    /// A chosen file could not be read by the browser.
    pub file_read_failed: &'static str,
    /// "N school years imported."
    pub imported_years_done: fn(n: usize) -> String,
    /// Pupil page: a year studied at another school ("Học ở … — nhập từ học bạ đã kí số").
    pub year_source_line: fn(school_name: &str) -> String,

    // Errors and other pages
    pub err_network: &'static str,
    pub err_session: &'static str,
    pub err_forbidden: &'static str,
    pub err_not_found: &'static str,
    pub err_generic: &'static str,
    /// A page the server renders, asked for without a network.
    pub server_page_offline: &'static str,
    pub not_found_title: &'static str,
}

thread_local! {
    /// The language of the interface (wasm runs on one thread).
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::Vi) };
}

/// The current language of the interface.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// Makes `lang` the language of every catalogue read from now on.
pub fn set_lang(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// The catalogue of a language.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Vi => &vi::VI,
        Lang::En => &en::EN,
    }
}

/// The catalogue of the current language.
pub fn t() -> &'static Texts {
    texts(lang())
}

fn review_class_title(class_name: &str, period_name: &str) -> String {
    format!("Duyệt hồ sơ lớp {class_name} — {period_name}")
}

fn review_pupil_of(n: usize, total: usize) -> String {
    format!("Học sinh {n}/{total}")
}

fn review_pupil_comment(pupil: &str) -> String {
    format!("Nhận xét cho học sinh {pupil} (gửi kèm khi trả lại)")
}

fn review_approve_question(class_name: &str, period_name: &str) -> String {
    format!("Duyệt hồ sơ lớp {class_name} ({period_name})? Sau khi duyệt, bảng đánh giá sẽ khoá.")
}

fn return_confirm_question(class_name: &str, period_name: &str) -> String {
    format!("Trả lại hồ sơ lớp {class_name} ({period_name}) cho giáo viên chủ nhiệm để sửa và gửi duyệt lại?")
}

fn review_commented(n: usize) -> String {
    format!("{n} học sinh có nhận xét")
}

fn batch_question(class_name: &str) -> String {
    format!(
        "Cấp và kí số học bạ bàn giao cho từng học sinh lớp {class_name}? Mỗi học sinh sẽ có một học bạ \
         bàn giao mới (có chữ kí số của nhà trường), gộp lại thành một tệp ZIP để tải về. Việc này có thể \
         mất vài phút; có thể rời trang và quay lại sau."
    )
}

fn batch_progress(done: u32, total: u32) -> String {
    format!("Đã xong {done}/{total} học sinh")
}

fn batch_failures(n: usize) -> String {
    format!("{n} học sinh chưa cấp được học bạ:")
}

fn batch_poll_failed(message: &str) -> String {
    format!("Không cập nhật được tiến độ: {message}")
}
