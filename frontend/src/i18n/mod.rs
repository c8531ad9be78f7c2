//! User-interface wording. Every string a screen shows comes from a [`Texts`] catalogue, so a
//! second language is one more `const` of the same struct. Domain wording (level and result
//! names, the explanation of a result) lives in `hocba_core::messages`.

mod vi;

/// One language's catalogue: fixed strings and a few formatting functions.
pub struct Texts {
    pub app_name: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub none: &'static str,
    pub skip_to_content: &'static str,

    // Header
    pub logout: &'static str,
    pub main_nav: &'static str,
    pub role_admin: &'static str,
    pub role_principal: &'static str,
    pub role_teacher: &'static str,
    pub role_parent: &'static str,

    // Login
    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub login_button: &'static str,
    pub login_busy: &'static str,
    pub login_missing: &'static str,
    pub login_failed: &'static str,

    // Home
    pub my_classes: &'static str,
    pub no_classes: &'static str,
    pub class_link: fn(class_name: &str, school_year: &str, period_name: &str) -> String,
    pub my_children: &'static str,
    pub no_children: &'static str,
    pub view_results: &'static str,
    pub admin_title: &'static str,
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
    pub save_failed: &'static str,
    pub score_invalid: &'static str,
    pub submit: &'static str,
    pub submitting: &'static str,
    pub submitted_ok: &'static str,
    pub banner_locked: &'static str,
    pub banner_submitted: &'static str,
    pub banner_read_only: &'static str,
    pub no_pupils: &'static str,
    pub back_home: &'static str,
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

    // Errors and other pages
    pub err_network: &'static str,
    pub err_session: &'static str,
    pub err_forbidden: &'static str,
    pub err_not_found: &'static str,
    pub err_generic: &'static str,
    pub not_found_title: &'static str,
}

/// The catalogue of the current language (Vietnamese for now).
pub fn t() -> &'static Texts {
    &vi::VI
}
