//! English catalogue: the second language of the interface. Official Vietnamese terms the user
//! must recognise are kept once beside their English meaning ("học bạ (school record)").

use super::Texts;

fn class_link(class_name: &str, school_year: &str, period_name: &str) -> String {
    format!("Class {class_name} ({school_year}) — {period_name}")
}

fn grid_title(class_name: &str, period_name: &str, school_year: &str) -> String {
    format!("Class {class_name} — {period_name}, school year {school_year}")
}

fn cell_label(pupil: &str, column: &str, part: &str) -> String {
    format!("{pupil}, {column}: {part}")
}

fn conflict_title(pupil: &str, column: &str) -> String {
    format!("{pupil}, {column}: this cell was changed elsewhere while you were typing.")
}

fn conflict_level(code: &str, name: &str) -> String {
    format!("{code} ({name})")
}

fn approved_ok(class_name: &str) -> String {
    format!("The school record of class {class_name} is approved.")
}

fn returned_ok(class_name: &str) -> String {
    format!("The school record of class {class_name} was returned to the teacher.")
}

fn results_title(pupil_name: &str) -> String {
    format!("Results of {pupil_name}")
}

fn year_heading(school_year: &str, class_name: &str) -> String {
    format!("School year {school_year} — Class {class_name}")
}

/// "School name" → "school name", for a label inside a sentence.
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn required_field(label: &str) -> String {
    format!("Please enter the {}.", lower_first(label))
}

fn form_problems(count: usize) -> String {
    if count == 1 {
        "1 thing needs fixing: see the red note under the field.".to_string()
    } else {
        format!("{count} things need fixing: see the red notes under the fields.")
    }
}

fn current_year_is(year: &str) -> String {
    format!("Current school year: {year}")
}

fn show_classes_of(year: &str) -> String {
    format!("Show the classes of {year}")
}

fn year_will_be(year: &str) -> String {
    format!("School year {year}")
}

fn classes_of_year(year: &str) -> String {
    format!("Classes of school year {year}")
}

fn bank_remove(text: &str) -> String {
    format!("Remove from the comment bank: {text}")
}

fn feedback_seen_by(who: &str) -> String {
    format!("Seen by the family: {who}")
}

fn feedback_replies(n: usize) -> String {
    if n == 1 {
        "1 reply".to_string()
    } else {
        format!("{n} replies")
    }
}

fn feedback_seen_count(seen: usize, pupils: usize) -> String {
    format!("The families of {seen} of {pupils} pupils have seen the results.")
}

fn history_button_label(pupil: &str) -> String {
    format!("History of changes to the marks and comments of {pupil}")
}

fn history_title(pupil: &str) -> String {
    format!("History of changes — {pupil}")
}

fn banner_reopened(pupils: &str) -> String {
    format!("The principal reopened the record for corrections for: {pupils}. Once corrected, the principal will approve it again.")
}

fn cell_not_taken(pupil: &str, subject: &str) -> String {
    format!("{pupil} does not take the optional subject {subject}")
}

fn conflict_saved_by(author: &str) -> String {
    format!("Saved by: {author}")
}

fn queue_waiting(n: usize) -> String {
    if n == 1 {
        "Sending 1 change…".to_string()
    } else {
        format!("Sending {n} changes…")
    }
}

fn queue_offline(n: usize) -> String {
    match n {
        0 => "No network connection.".to_string(),
        1 => "Offline: 1 change waiting to be sent (saved on this device, it will be sent when the network is back)."
            .to_string(),
        _ => format!(
            "Offline: {n} changes waiting to be sent (saved on this device, they will be sent when the network is back)."
        ),
    }
}

fn class_saved(class_name: &str) -> String {
    format!("Class {class_name} saved.")
}

fn grade_name(grade: u8) -> String {
    format!("Grade {grade}")
}

fn edit_class_title(class_name: &str) -> String {
    format!("Edit class {class_name}")
}

fn assignments_title(class_name: &str) -> String {
    format!("Teaching assignments of class {class_name}")
}

fn shown_of(shown: usize, total: usize) -> String {
    format!("Showing {shown} of {total} accounts.")
}

fn edit_staff_title(name: &str) -> String {
    format!("Edit the account of {name}")
}

fn staff_created(username: &str) -> String {
    format!("Account {username} created.")
}

fn staff_saved(name: &str) -> String {
    format!("The account of {name} is saved.")
}

fn staff_activated(name: &str) -> String {
    format!("The account of {name} is active again.")
}

fn staff_deactivated(name: &str) -> String {
    format!("The account of {name} is locked. Its data is kept; it can be reopened at any time.")
}

fn password_reset_done(name: &str) -> String {
    format!("A new password was issued for {name}.")
}

fn confirm_activate(name: &str) -> String {
    format!("Reopen the account of {name}? This person will be able to sign in again.")
}

fn confirm_deactivate(name: &str) -> String {
    format!(
        "Lock the account of {name}? This person will no longer be able to sign in. The account is not deleted and can be reopened."
    )
}

fn confirm_reset_password(name: &str) -> String {
    format!("Issue a new password for {name}? The current password will stop working.")
}

fn import_choose(what: &str) -> String {
    format!("Choose the file of the {what} (.xlsx or .csv)")
}

fn import_file_name(name: &str) -> String {
    format!("Chosen file: {name}")
}

fn import_problems_summary(problems: usize) -> String {
    let errors = if problems == 1 { "1 error".to_string() } else { format!("{problems} errors") };
    format!(
        "The file has {errors}; nothing has been written. Fix the cells below in the file, then choose the file again."
    )
}

fn import_preview_summary(rows: u32, created: u32, updated: u32, unchanged: u32) -> String {
    format!(
        "The file is valid, {rows} rows: {created} new, {updated} updated, {unchanged} unchanged. \
         Nothing has been written yet: press “Import data” to write it."
    )
}

fn import_done(created: u32, updated: u32, unchanged: u32) -> String {
    format!("Import finished: {created} new, {updated} updated, {unchanged} unchanged.")
}

fn pupil_count(count: usize) -> String {
    if count == 1 {
        "1 pupil".to_string()
    } else {
        format!("{count} pupils")
    }
}

fn enrol_intro(year: &str) -> String {
    format!("The pupil is placed in a class of school year {year}. Fields marked * are required.")
}

fn confirm_unlink(parent: &str) -> String {
    format!("Unlink the account of {parent} from this pupil? The parent will no longer see the pupil's results.")
}

fn invite_max(max: usize) -> String {
    format!("A slip holds at most {max} pupils.")
}

fn invite_expires(when: &str) -> String {
    format!("The code can be used only once and expires at {when}.")
}

fn confirm_transfer_out(pupil: &str, school: &str) -> String {
    format!("Transfer {pupil} to {school} and lock the school record? This cannot be undone.")
}

fn roster_import_of(class_name: &str) -> String {
    format!("Import the pupil list of class {class_name}")
}

fn rollover_intro(year: &str) -> String {
    format!(
        "School year {year}. Tick “Repeats the grade” for pupils the principal decided may not move up; \
         the other pupils move up, and grade 5 pupils complete the primary programme. \
         Press “Preview” to see the outcome before applying it."
    )
}

fn class_with_size(class_name: &str, pupils: usize) -> String {
    format!("Class {class_name} ({})", pupil_count(pupils))
}

fn confirm_rollover(year: &str) -> String {
    format!(
        "End school year {year} according to the plan above? The classes of the new school year will be created and the pupils placed in them."
    )
}

fn rollover_plan_title(next_year: &str) -> String {
    format!("Plan for school year {next_year}")
}

fn rollover_done(next_year: &str) -> String {
    format!("Moved on to school year {next_year}")
}

fn rollover_counts(promoted: u32, repeating: u32, graduating: u32) -> String {
    format!("Moving up: {promoted} · Repeating the grade: {repeating} · Completing the primary programme: {graduating}")
}

fn new_classes_of(next_year: &str) -> String {
    format!("Classes of school year {next_year}")
}

fn next_class_in(next_year: &str) -> String {
    format!("Class in school year {next_year}")
}

pub const EN: Texts = Texts {
    app_name: "Digital school records",
    loading: "Loading…",
    retry: "Try again",
    none: "—",
    skip_to_content: "Skip to main content",
    lang_switch_title: "Switch the interface to Vietnamese",

    logout: "Sign out",
    main_nav: "Main navigation",
    nav_admin: "Administration",

    username: "User name",
    password: "Password",

    my_classes: "My classes",
    no_classes: "You have not been assigned to any class yet.",
    class_link,
    my_children: "My children",
    admin_title: "Administration",
    admin_open: "School administration",
    admin_body: "School details, school years and classes, staff, pupils, moving up at the end of the year.",

    status_label: "Status",
    status_draft: "Draft",
    status_submitted: "Submitted for approval",
    status_returned: "Returned",
    status_approved: "Approved — locked",
    principal_note: "The principal's comment:",

    grid_title,
    grid_help: "Subjects: type T (Completed well), H (Completed) or C (Not yet completed). \
                Qualities and competences: type T (Good), Đ or D (Satisfactory), C (Needs effort). \
                Test scores: a whole number from 1 to 10. \
                Use the arrow keys or Enter to move between cells; each cell is saved as soon as you leave it. \
                In a comment cell, press Shift+Enter for a new line and Alt+↓ to pick from the comment bank.",
    show_comments: "Show the comment columns",
    col_pupil: "Pupil",
    col_level: "Level",
    col_score: "Score",
    col_comment: "Comment",
    col_result: "Result",
    periods_label: "Assessment period",
    kind_pham_chat: "Core qualities",
    kind_nang_luc_chung: "General competences",
    kind_nang_luc_dac_thu: "Specific competences",
    cell_label,
    result_pending: "Not enough data yet",
    save_saving: "saving…",
    save_saved: "saved",
    save_waiting: "waiting to send (saved on this device)",
    banner_reopened,
    queue_all_sent: "All changes sent",
    queue_waiting,
    queue_offline,
    grid_from_device: "Cannot reach the server: showing the table saved on this device. You can keep typing; \
        the changes will be sent when the network is back.",
    save_failed: "error",
    grid_explain_hint: "Select one of a pupil's cells to see why the pupil has this end-of-year result.",
    cells_invalid,
    cell_missing: "Empty cell: it must be filled in before submitting for approval.",
    save_conflict: "not saved: choose a value",
    conflict_title,
    conflict_mine: "Your value",
    conflict_theirs: "Current value on the server",
    conflict_saved_by,
    cell_not_taken,
    optional_subjects_title: "Optional subjects",
    optional_subjects_hint: "Tick the class's optional subjects this pupil takes. \
                             Only ticked pupils are assessed in a subject and have it count towards their result.",
    bank_title: "Comment bank",
    bank_open: "Open the comment bank (Alt+↓)",
    bank_own: "My comments",
    bank_suggested: "Suggestions",
    bank_empty: "No comments for this subject yet.",
    bank_keep: "Save the comment being typed to the bank",
    bank_remove,
    history_button: "History",
    history_button_label,
    history_title,
    history_empty: "No changes in this assessment period yet.",
    history_when: "Time",
    history_who: "Changed by",
    history_cell: "Subject / quality, competence",
    feedback_seen: "Seen",
    feedback_seen_by,
    feedback_replies,
    feedback_title: "Replies from parents",
    feedback_seen_count,
    feedback_none: "No replies yet.",
    feedback_col_parent: "Parent",
    feedback_col_time: "Time",
    feedback_col_text: "Reply",
    history_before: "Before",
    history_after: "After",
    history_source: "How sent",
    history_direct: "Direct",
    history_from_queue: "Resent after going offline",
    conflict_level,
    conflict_keep_mine: "Keep my value",
    conflict_use_theirs: "Use the current value",
    conflict_hint: "Press Esc to close; the cell stays marked until you choose.",
    conflict_reopen: "View and choose the value of the cell changed elsewhere",
    conflict_badge: "⚠",
    score_invalid: "A test score must be a whole number from 1 to 10.",
    submit: "Submit for approval",
    submitting: "Submitting…",
    submitted_ok: "The school record was sent to the principal for approval.",
    banner_locked: "The school record is approved and locked. Assessments can no longer be changed.",
    banner_submitted: "Submitted for approval. While it waits for the principal, the assessment table is locked.",
    banner_read_only: "View mode: read only.",
    no_pupils: "The class has no pupils yet.",
    back_home: "Back to the home page",
    area_reload: "Reload the page to open the principal and administration screens",
    area_reload_teacher: "Reload the page to open the year end, the summary or the pupil's page",
    bad_period: "Invalid assessment period.",

    reviews_title: "Approve school records",
    reviews_intro: "Classes and the status of their school records. A submitted class can be approved or returned \
        to the teacher.",
    no_reviews: "No classes yet.",
    col_class: "Class",
    col_period: "Assessment period",
    col_status: "Status",
    col_pupil_count: "Pupils",
    col_teacher: "Homeroom teacher",
    approve: "Approve",
    return_record: "Return",
    return_comment_label: "Reason for returning (required)",
    return_send: "Return the record",
    return_comment_required: "Please write the reason for returning.",
    cancel: "Cancel",
    view_grid: "View the assessment table",
    approved_ok,
    returned_ok,

    results_title,
    download_pdf: "Download the school record (PDF)",
    download_hint: "The PDF file carries the school's digital signature.",
    listen: "Listen",
    listen_stop: "Stop reading",
    listen_label: "Listen to the results of the latest school year",
    spoken_score: "score",
    no_years: "The school has not approved any school year yet.",
    year_heading,
    homeroom_teacher: "Homeroom teacher",
    subjects_heading: "Subjects and educational activities",
    col_subject: "Subject",
    col_subject_level: "Level reached",
    col_test_score: "Test score",
    qualities_heading: "Qualities and competences",
    col_quality: "Quality, competence",
    year_result: "Result for the year",

    save: "Save",
    saving: "Saving…",
    saved: "Saved.",
    create: "Create",
    edit: "Edit",
    close: "Close",
    print: "Print",
    copy: "Copy",
    copied: "Password copied.",
    copy_by_hand:
        "The browser does not allow copying automatically. The password is selected: press Ctrl+C to copy it.",
    actions: "Actions",
    search: "Search",
    choose: "— Choose —",
    date: "Date",
    uploading: "Uploading…",
    download_xlsx: "Download (Excel)",
    download_csv: "Download (CSV)",
    required_field,
    form_problems,
    breadcrumb: "You are here",

    current_year_is,
    no_current_year: "There is no current school year yet.",
    open_years: "Open a school year",
    admin_school_title: "School details",
    admin_school_desc: "School name, school code, address, principal, logo.",
    admin_years_title: "School years and classes",
    admin_years_desc: "Open a school year, create classes, homeroom teachers, teaching assignments.",
    admin_staff_title: "Staff and teachers",
    admin_staff_desc: "Accounts, roles, locking accounts, issuing new passwords.",
    admin_pupils_title: "Pupils",
    admin_pupils_desc: "Pupil records, parent accounts, transfers.",
    admin_rollover_desc: "Moving up, repeating a grade and moving on to the new school year.",

    school_name: "School name",
    school_code: "School code",
    school_commune: "Commune / ward / township",
    school_district: "District",
    school_district_hint: "Optional. Since 2025 many places no longer have districts: leave it empty and the school \
        record will not print this line.",
    school_province: "Province / city",
    school_principal: "Principal's full name",
    logo_title: "School logo",
    logo_alt: "School logo",
    logo_none: "The school has no logo yet.",
    logo_choose: "Choose a logo image",
    logo_hint: "A PNG or JPEG image, at most 512 KB.",
    logo_too_big: "The image is larger than 512 KB. Please choose a smaller image.",
    logo_wrong_type: "Only PNG or JPEG images are accepted.",
    logo_saved: "Logo updated.",

    school_year: "School year",
    class_count: "Classes",
    year_current: "Current school year",
    show_classes_of,
    make_current: "Make this the current school year",
    no_years_yet: "No school years yet. Open the first school year.",
    new_year: "Open a new school year",
    start_year: "Starting year",
    year_will_be,
    start_year_invalid: "The starting year must be a year, for example 2026.",
    classes_of_year,
    class_saved,
    no_classes_yet: "This school year has no classes yet.",
    grade: "Grade",
    grade_name,
    combined_grade: "Combined with grade",
    combined_grade_hint: "Only for combined classes: pupils of two grades taught together in one class.",
    combined_grade_same: "The combined grade must differ from the class's grade.",
    not_combined: "Not combined",
    class_size: "Class size",
    optional_subjects: "Optional subjects",
    ngoai_ngu_hint: "An optional subject in grades 1 and 2 (compulsory from grade 3).",
    language_name: "Name of the ethnic language",
    language_hint: "For example: Hmong, Thai, Khmer.",
    language_required: "Please write the name of the ethnic language taught, for example Hmong.",
    new_class: "Add a class",
    edit_class_title,
    class_name: "Class name",
    class_name_hint: "For example: 1A, 5B.",
    not_assigned: "— Not assigned —",
    assignments: "Assignments",
    assignments_title,
    assignments_intro: "Choose the teacher of each subject and educational activity of the class.",
    assignments_sheet_title: "Teaching assignments for the whole school year",
    assignments_sheet_intro: "Download it to edit in Excel, then import it again; each row is a class, a subject and \
        its teacher.",
    assignments_import: "Import teaching assignments from a file",
    roster_import_short: "Import list",
    teacher: "Teacher",

    full_name: "Full name",
    roles: "Roles",
    phone: "Phone",
    filter_staff: "Filter by full name, user name, role, phone",
    shown_of,
    new_staff: "Add an account",
    edit_staff_title,
    create_account: "Create account",
    username_hint: "Lower-case letters without accents, digits, dots, underscores or hyphens; 3–40 characters. \
        For example: gv.lan",
    username_invalid: "A user name has only lower-case letters without accents, digits, dots, underscores and \
        hyphens, and is 3–40 characters long.",
    roles_required: "Please choose at least one role.",
    deactivate: "Lock account",
    activate: "Reopen account",
    reset_password: "Issue a new password",
    staff_created,
    staff_saved,
    staff_activated,
    staff_deactivated,
    password_reset_done,
    confirm_activate,
    confirm_deactivate,
    confirm_reset_password,
    staff_import: "Import the staff list from a file",
    issued_title: "One-time password",
    issued_hint: "The password is shown only once. Copy or print it and hand it to the user in person; \
                  after closing this box it cannot be seen again.",

    import_roster: "pupil list",
    import_staff: "staff list",
    import_assignments: "teaching assignments",
    import_choose,
    import_hint: "Once you choose a file, the page checks it and shows a preview. Nothing is written until you press \
        “Import data”.",
    import_file_name,
    import_checking: "Checking the file…",
    import_apply: "Import data",
    import_applying: "Importing…",
    import_problems_summary,
    import_preview_summary,
    import_done,
    import_sheet: "Sheet",
    import_row: "Row",
    import_column: "Column",
    import_header: "Column heading",
    import_error: "Error",
    import_action: "Action",
    import_create: "Create",
    import_update: "Update",
    import_unchanged: "Unchanged",
    import_assignment_key: "Class – subject",

    pupil_studying: "Studying",
    pupil_transferred_out: "Transferred to another school",
    pupil_graduated: "Completed the primary programme",
    pupil_not_enrolled: "Not placed in a class",
    pupil_national_id: "Personal ID number",
    national_id_hint: "The personal identification number: 12 digits (on the birth certificate or in VNeID).",
    gender: "Gender",
    birth_date: "Date of birth",
    ethnicity: "Ethnic group",
    nationality: "Nationality",
    birth_place: "Place of birth",
    home_town: "Home town",
    address: "Current address",
    father_name: "Father's full name",
    mother_name: "Mother's full name",
    guardian_name: "Guardian",
    registration_no: "Registration number",
    entry_date: "Date of entry to the school",
    disability: "Pupil with a disability",
    disability_plan: "Individual education plan",
    disability_plan_hint: "Required for pupils with a disability: the pupil is assessed according to this plan.",
    pupil_identity: "Pupil details",
    pupil_family: "Family",
    pupil_enrolment: "Enrolment",
    pupil_disability: "Disability",
    pupil_grade: "Pupil's grade",
    pupil_grade_hint: "Only needed for combined classes, when the pupil is in a different grade from the class.",
    grade_of_class: "The class's grade",
    choose_class: "— Choose a class —",
    class_required: "Please choose a class.",
    no_pupils_found: "No matching pupils.",
    pupil_count,
    new_pupil: "Add a pupil",
    search_pupils: "Search by full name or personal ID number (with or without Vietnamese accents)",
    all_classes: "All classes",
    all_statuses: "Any status",
    school_roster_download: "Download the whole school's list (Excel)",
    school_roster_import: "Import the whole school's pupil list from a file",
    school_roster_import_intro: "Each row also gives the pupil's class (column “Lớp”). To import one class, use that \
        class's “Import list” button on the School years and classes page.",
    enrol: "Save pupil",
    enrol_intro,
    transfer_in_title: "Pupil transferring in",
    transfer_in_intro: "A pupil coming from another school. The results of earlier years are imported later, from the \
        digital school record the previous school sends.",
    transfer_in_details: "Transfer in",
    transfer_in_date: "Date of transfer in",
    from_school: "Previous school (transferring from)",
    transfer_in_save: "Save the transferring pupil",
    pupil_profile: "Pupil record",
    pupil_frozen: "The pupil has transferred to another school: the school record is locked for hand-over and can no \
        longer be changed.",

    guardians: "Parents",
    no_guardians: "No parent account is linked yet.",
    account_inactive: "Account locked",
    account_title: "My account",
    unlink: "Unlink",
    confirm_unlink,
    find_parent: "Find an existing parent account (full name or user name)",
    link: "Link",
    no_parents_found: "No unlinked parent account found.",
    invite_title: "Parent invitation code",
    invite_intro: "For parents without an account: create a code, print the slip and give it to the parent. The \
        parent uses the code on the slip to create an account.",
    invite_create: "Create a parent invitation code",
    invite_pupils: "Pupils on the slip (one code shared by brothers and sisters):",
    invite_find_sibling: "Add a brother or sister: search by full name or personal ID number",
    invite_add: "Add",
    invite_remove: "Remove",
    invite_max,
    invite_once: "The code is shown only once: print the slip now.",
    invite_slip_title: "Parent account activation slip",
    invite_for: "To see the results of:",
    invite_step_open: "1. Open this address on a phone or computer:",
    invite_qr_label: "QR code opening the account activation page with the invitation code filled in",
    invite_qr_hint: "Or scan the QR code with a phone camera: the activation page opens with the code filled in.",
    invite_step_code: "2. Enter the code:",
    invite_step_account: "3. Choose your own user name and password, then press “Activate”.",
    invite_expires,
    print_slip: "Print slip",

    transfer_out_title: "Transfer to another school",
    transfer_out_open: "Transfer the pupil to another school…",
    transfer_out_warning: "Note: on a transfer, the pupil's school record is locked for hand-over to the new school. \
                           Nobody can change the results any more and this cannot be undone.",
    transfer_out_date: "Date of leaving",
    to_school: "New school",
    transfer_reason: "Reason",
    transfer_out_confirm: "Transfer and lock the school record",
    confirm_transfer_out,
    transfers_history: "Transfer history",
    transfer_kind: "Transfer",
    transfer_in_word: "In",
    transfer_out_word: "Out",
    other_school: "School",

    roster_import_title: "Import a pupil list",
    roster_import_of,
    roster_import_intro: "An Excel (.xlsx) or .csv file: the first row holds the column headings, each following row \
                          is one pupil. Existing pupils (same personal ID number) are updated, new pupils are added \
                          to the class.",
    roster_download_xlsx: "Download the current list (Excel)",
    roster_example: "Download a sample file",

    rollover_title: "Moving up at the end of the year",
    rollover_intro,
    repeat_label: "Repeats the grade",
    move_promote: "Moves up",
    move_repeat: "Repeats the grade",
    move_graduate: "Completes the primary programme",
    class_with_size,
    rollover_preview: "Preview",
    rollover_apply: "Apply",
    confirm_rollover,
    rollover_plan_title,
    rollover_done,
    rollover_counts,
    new_classes_of,
    rollover_by_class: "By class",
    rollover_action: "Outcome",
    next_class_in,

    year_end_link: "End-of-year results",
    of_class,
    summary_link: "Summary table",
    year_end_title,
    year_end_intro:
        "The whole class in one table: the arrow keys, Enter and Tab move between cells, and you can paste \
                     from Excel; when done, press “Save the whole class” once. The educational result is computed \
                     from the end-of-year assessment table; the selected pupil's result, individual assessment, \
                     supplementary assessment and awards are in the panel beside it.",
    year_end_locked: "The end-of-year school record is approved and locked: the end-of-year results and awards are \
        read only.",
    year_end_submitted: "The end-of-year school record has been submitted: while it waits for the principal, the \
        end-of-year results are locked.",
    year_end_principal: "The principal decides whether pupils who have not completed the programme move up or repeat \
                         the grade; the homeroom teacher records everything else.",
    year_end_read_only: "View mode: only the homeroom teacher records the end-of-year results.",
    year_end_pupils: "Pupils of the class",
    computed_result: "Result computed from the assessment table",
    effective_result: "Educational result",
    by_manual_result: "From the individual assessment (pupil with a disability, according to the individual education \
        plan).",
    by_supplementary: "From the supplementary assessment.",
    completion: "Programme completion",
    pupil_transferred: "The pupil has transferred to another school: the record is read only.",
    days_absent_excused: "Days absent with permission",
    days_absent_unexcused: "Days absent without permission",
    height_cm: "Height (cm)",
    weight_kg: "Weight (kg)",
    days_invalid: "Write days absent as a whole number, for example 2.",
    height_invalid: "Write the height as a number, for example 132,5.",
    weight_invalid: "Write the weight as a number, for example 28,5.",
    manual_legend: "Individual assessment (pupil with a disability)",
    manual_result: "Individual assessment result",
    manual_result_none: "None (from the assessment table)",
    manual_note: "Basis of the assessment (individual education plan)",
    supplementary_legend: "Supplementary assessment",
    supplementary_result: "Supplementary assessment result",
    supplementary_none: "No supplementary assessment yet",
    supplementary_note: "Note on the supplementary assessment",
    decision_label: "The principal's decision",
    decision_none: "Not decided yet",
    decision_save: "Save decision",
    decided_by,
    awards_heading: "Awards",
    no_awards: "No awards yet.",
    award_confirmed_by,
    confirm_award: "Confirm the award",
    award_reason: "Reason for the award",
    award_reason_hint:
        "An outstanding subject, or a quality or competence with clear progress, recognised by the class.",
    add_award: "Add another award",
    award_kind: "Kind of award",
    award_title: "Award wording",
    award_title_hint: "For example: Second prize, Handwriting Contest",
    award_level: "Award level",
    award_date: "Award date",
    award_date_hint: "Day/month/year, for example 15/03/2026",
    award_save: "Save award",
    delete: "Delete",
    delete_award_of,
    delete_award_title: "Delete the award?",
    confirm_delete_award,
    award_added: "Award saved.",
    award_deleted: "Award deleted.",
    year_end_table_caption: "Days absent, height, weight and awards of each pupil in the class",
    year_end_ordinal: "No.",
    cell_of_pupil,
    award_suggested,
    row_has_invalid: "Some cells are not valid",
    pupil_moved_short: "Transferred",
    save_class: "Save the whole class",
    year_end_saved: "The end-of-year details of the whole class are saved.",
    pupils_changed,
    nothing_to_save: "There are no changes to save.",
    year_end_refused: "Nothing was saved: the cells below are not valid. Fix the marked cells, then press “Save the \
        whole class”.",

    summary_title: "Summary of educational assessment results",
    summary_download: "Download the summary table (Excel)",
    summary_download_hint: "An Excel file (.xlsx) with the same figures as the table below.",
    summary_count,
    summary_item: "Item",
    coded_name,

    notifications_title: "Notifications",
    notifications_waiting,

    nav_dashboard: "Overview",
    dashboard_title: "Overview",
    dashboard_intro: "How far each class is with entering and approving its school record, results by grade, and \
        pupils who need attention.",
    dashboard_year,
    dashboard_no_year: "The school has no current school year.",
    dashboard_download: "Download the overview (Excel)",
    progress_title: "Progress by class",
    progress_hint: "Each cell is one class's record in one assessment period; select a cell to open its entry table.",
    missing_counts,
    nothing_missing: "Complete",
    class_period,
    approve_all,
    approve_all_title,
    approve_all_done,
    approve_all_none: "No records are waiting for approval in this period.",
    approve_title: "Approve the record",
    approve_question,
    approve_class,
    results_by_grade: "Results by grade",
    grade_heading,
    chart_results_title,
    chart_results_desc,
    chart_levels_title,
    chart_levels_heading,
    chart_no_levels: "No levels recorded yet.",
    bar_value,
    chart_numbers: "The chart's figures",
    col_count: "Pupils",
    col_percent: "Share",
    at_risk_title: "Pupils who need attention",
    at_risk_none: "No pupils need attention.",
    col_reasons: "Reasons",

    reopen_open: "Reopen for one pupil",
    reopen_legend,
    reopen_pupil: "Pupil",
    reopen_choose: "— Choose a pupil —",
    reopen_reason: "Reason for reopening",
    reopen_reason_hint: "Required, at most 500 characters; it is written to the log.",
    reopen_pupil_required: "Please choose a pupil.",
    reopen_reason_required: "Please enter the reason for reopening.",
    reopen_submit: "Reopen",
    reopen_title: "Reopen an approved record",
    reopen_question,
    reopened_ok,
    reopenings_title: "Reopenings",
    no_reopenings: "No pupil has been reopened.",
    reopening_line,
    reopening_is_open: "Open",
    reapproved_line,
    reapprove: "Approve again",
    reapprove_pupil,
    reapproved_ok,

    banner_returned: "The principal returned the record. Make the corrections asked for in the comments, then submit \
        it again.",
    return_comment_note: "The principal's comments:",
    review_open: "Review and approve",
    review_class_title,
    review_pupil_of,
    review_keys_help: "Use ← / → (or PageUp / PageDown) to go to the previous or next pupil.",
    review_prev: "← Previous pupil",
    review_next: "Next pupil →",
    review_pupils: "List of pupils",
    review_choose_pupil: "Choose a pupil",
    review_has_comment: "has a comment",
    review_head_class: "Class",
    review_head_year: "School year",
    review_head_period: "Assessment period",
    review_table_subjects: "1. Subjects and educational activities",
    review_col_subject: "Subject or educational activity",
    review_col_level: "Level reached",
    review_col_score: "Periodic test score",
    review_col_comment: "Comment",
    review_table_qualities: "2. Core qualities",
    review_col_quality: "Quality",
    review_table_competences: "3. Core competences",
    review_col_competence: "Competence",
    review_not_taken: "Not taken",
    review_result_title: "4. Assessment of educational results",
    review_pupil_comment,
    review_class_comment: "Comment for the whole class",
    review_return_help: "To return the record, write a comment for the whole class or for at least one pupil.",
    review_return_required: "Write a comment for the whole class or for at least one pupil before returning.",
    review_approve_title: "Approve the class record",
    review_approve_question,
    review_read_only: "This record is not waiting for approval; the page is read only.",
    review_commented,
    checklist_heading: "To look at before approving",
    checklist_help: "You can return the record for the teacher to complete, or write a reason to approve it even \
        though something is missing.",
    override_reason_label: "Reason for approving although incomplete",
    override_reason_required: "Write a reason before approving a record that is incomplete.",
    approve_anyway: "Approve although incomplete",
    return_confirm_title: "Return the record",
    return_confirm_question,

    doc_kind_yearly,
    doc_kind_hand_over: "Hand-over school record",
    documents_title: "Issued school records",
    documents_none: "No school record has been issued yet.",
    document_code,
    document_issued,
    document_signed_by,
    document_pending,
    document_revoked: "Revoked",
    revoked_line,
    download_year_pdf,
    downloading: "Downloading…",
    download_failed: "The browser could not save the file. Please try again.",
    revoke: "Revoke",
    revoke_document_of,
    revoke_title: "Revoke an issued school record",
    revoke_question,
    revoke_reason: "Reason for revoking",
    revoke_reason_hint: "For example: issued by mistake, wrong pupil details. Anyone checking the school record will \
        see this reason.",
    revoked_ok,
    batch_title: "Hand over the whole class's school records",
    batch_intro: "Issue and digitally sign the hand-over school record of every pupil in the class at once (for \
        example when grade 5 leaves the school), then download one ZIP file with each pupil's PDF record.",
    batch_start: "Hand over the whole class's school records",
    batch_question,
    batch_confirm: "Issue and sign the records",
    batch_starting: "Starting…",
    batch_progress,
    batch_progress_label: "Hand-over progress",
    batch_finished: "The whole class's school records have been handed over.",
    batch_download: "Download the whole class's records (ZIP)",
    batch_zip_name: "hand-over-school-records.zip",
    batch_failures,
    batch_poll_failed,
    verify_no_signatures: "There are no digital signatures.",
    signer_unknown_role: "Signer",
    signature_valid: "Valid signature",
    signature_invalid: "Invalid signature",
    signature_timestamped: "A timestamp proves the signing time.",
    certificate_issued_by,
    nav_signing: "Digital signing",
    signing_title: "Ready to sign digitally",
    signing_intro: "The digital certificates of those who sign the school records: the homeroom teachers, the \
        principal and the school's seal.",
    signing_none: "No signers yet.",
    col_signer_role: "Role",
    col_signer: "Signer",
    col_cert_holder: "Certificate subject",
    col_cert_issuer: "Issued by",
    col_valid_until: "Valid until",
    col_signing_status: "Status",
    badge_test_certificate: "Test certificate",
    badge_usb_token: "On a USB token",
    signing_ready: "Ready",
    signing_expires_soon: "Expires soon",
    signing_not_ready: "Cannot sign yet",
    trusted_cas_title: "Trusted root certificates (CA)",
    trusted_cas_intro: "School records signed by another school can be imported only when that school's root \
        certificate (CA) is in this list, for example the CA of a transferring pupil's previous school.",
    trusted_cas_none: "No other school's CA has been added yet.",
    col_ca_name: "CA name",
    col_ca_fingerprint: "Fingerprint (SHA-256)",
    col_ca_added: "Date added",
    badge_test_ca: "TEST — for trials",
    badge_own_ca: "The school's CA",
    trust_ca_heading: "Add another school's CA",
    trust_ca_label: "CA certificate (PEM)",
    trust_ca_hint: "Paste the whole content of the .pem file, from the line -----BEGIN CERTIFICATE----- to the line \
        -----END CERTIFICATE-----.",
    trust_ca_warning: "Only add another school's CA after comparing its fingerprint with that school by phone.",
    trust_ca_submit: "Add CA",
    trust_ca_busy: "Adding…",
    trust_ca_missing: "Please paste the CA certificate in PEM form.",
    trust_ca_added,
    imported_years_title: "School years at the previous school",
    imported_years_intro: "A pupil transferring in: import the results of the years at the previous school from that \
        school's digitally signed school record — the PDF of a yearly or hand-over school record, or the XML file \
        with its .p7s signature file.",
    imported_years_none: "No school year has been imported from a previous school.",
    imported_years_read_only: "Imported from the previous school's digitally signed school record; cannot be changed.",
    col_school_year: "School year",
    col_from_school: "School",
    col_source_code: "Verification code",
    col_source_format: "Source",
    col_signatures: "Digital signatures",
    col_imported_by: "Imported by",
    source_format_pdf: "PDF file",
    source_format_xml: "XML file and .p7s signature",
    signatures_summary,
    imported_by_line,
    import_year_heading: "Import the previous school's digitally signed school record",
    import_year_format: "File type",
    import_year_format_pdf: "Digitally signed school record PDF",
    import_year_format_xml: "School record XML file and signature file (.p7s)",
    import_year_pdf_label: "School record PDF file",
    import_year_pdf_hint: "A yearly or hand-over school record issued by the previous school, digitally signed.",
    import_year_xml_label: "School record XML file",
    import_year_xml_hint: "The record.xml file issued by the previous school.",
    import_year_p7s_label: "Digital signature file (.p7s)",
    import_year_p7s_hint: "The record.xml.p7s file that comes with the XML file.",
    import_year_submit: "Import and check the signature",
    import_year_busy: "Checking the signature…",
    import_year_missing_pdf: "Please choose the school record PDF file.",
    import_year_missing_xml: "Please choose the school record XML file.",
    import_year_missing_p7s: "Please choose the .p7s signature file.",
    file_read_failed: "The chosen file could not be read. Please choose it again.",
    imported_years_done,
    year_source_line,
    err_network: "Cannot reach the server. Please try again.",
    err_session: "Your session has expired. Please sign in again.",
    err_forbidden: "You do not have permission to see this.",
    err_not_found: "Not found.",
    err_generic: "Something went wrong. Please try again.",
    server_page_offline: "This page needs a network connection. Please try again when you are online.",
    not_found_title: "Page not found",
};

// ---- The year end of a class and its summary ----

fn of_class(class_name: &str) -> String {
    format!("class {class_name}")
}

fn year_end_title(class_name: &str, school_year: &str) -> String {
    format!("Class {class_name} — End-of-year results, school year {school_year}")
}

fn cell_of_pupil(column: &str, pupil: &str) -> String {
    format!("{column}, {pupil}")
}

fn award_suggested(kind: &str) -> String {
    format!("Suggested: {kind}")
}

fn pupils_changed(n: usize) -> String {
    if n == 1 {
        "1 pupil has unsaved changes".to_string()
    } else {
        format!("{n} pupils have unsaved changes")
    }
}

fn decided_by(name: &str) -> String {
    format!("Decided by: {name}")
}

fn award_confirmed_by(name: &str) -> String {
    format!("Confirmed by: {name}")
}

fn delete_award_of(title: &str) -> String {
    format!("Delete award: {title}")
}

fn confirm_delete_award(title: &str, pupil: &str) -> String {
    format!("Delete the award “{title}” of {pupil}?")
}

fn summary_count(total: u32, female: u32) -> String {
    format!("{total} (girls: {female})")
}

fn coded_name(name: &str, code: &str) -> String {
    format!("{name} ({code})")
}

// ---- Notifications, the dashboard and reopening ----

fn notifications_waiting(count: usize) -> String {
    if count == 1 {
        "1 record waiting for approval".to_string()
    } else {
        format!("{count} records waiting for approval")
    }
}

fn dashboard_year(school_year: &str) -> String {
    format!("School year {school_year}")
}

fn missing_counts(pupils: u32, cells: u32) -> String {
    format!("{cells} cells missing ({pupils} pupils)")
}

fn class_period(class_name: &str, period_name: &str) -> String {
    format!("Class {class_name}, {period_name}")
}

fn approve_all(period_name: &str) -> String {
    format!("Approve all ({period_name})")
}

fn approve_all_title(period_name: &str) -> String {
    format!("Approve every submitted record — {period_name}")
}

fn approve_all_done(classes: usize) -> String {
    if classes == 1 {
        "1 class approved.".to_string()
    } else {
        format!("{classes} classes approved.")
    }
}

fn approve_question(class_name: &str, period_name: &str) -> String {
    format!("Approve the school record of class {class_name} — {period_name}? Once approved, the teacher can no longer change it.")
}

fn approve_class(class_name: &str, period_name: &str) -> String {
    format!("Approve class {class_name}, {period_name}")
}

fn grade_heading(grade: u8, pupils: u32) -> String {
    format!("Grade {grade} ({pupils} pupils)")
}

fn chart_results_title(grade: u8) -> String {
    format!("End-of-year results of grade {grade}")
}

fn chart_results_desc(grade: u8, total: u32) -> String {
    format!("Horizontal bar chart: grade {grade} pupils by end-of-year result, out of {total} pupils.")
}

fn chart_levels_title(grade: u8, subject: &str, period_name: &str) -> String {
    format!("Grade {grade}, {subject}: pupils by level reached, {period_name}")
}

fn chart_levels_heading(period_name: &str) -> String {
    format!("Levels reached in the subjects — {period_name}")
}

fn bar_value(count: u32, percent: u32) -> String {
    format!("{count} ({percent}%)")
}

fn reopen_legend(class_name: &str, period_name: &str) -> String {
    format!("Reopen the approved record of one pupil of class {class_name} — {period_name}")
}

fn reopen_question(pupil: &str, class_name: &str) -> String {
    format!(
        "Reopen the record of {pupil} (class {class_name}) for the teacher to correct? The other pupils stay locked."
    )
}

fn reopened_ok(pupil: &str) -> String {
    format!("The record of {pupil} is reopened.")
}

fn reopening_line(by: &str, at: &str, reason: &str) -> String {
    format!("Reopened by {by}, {at}: {reason}")
}

fn reapproved_line(by: &str, at: &str) -> String {
    format!("Approved again by {by}, {at}")
}

fn reapprove_pupil(pupil: &str) -> String {
    format!("Approve the record of {pupil} again")
}

fn reapproved_ok(pupil: &str) -> String {
    format!("The record of {pupil} is approved again.")
}

fn review_class_title(class_name: &str, period_name: &str) -> String {
    format!("Review the record of class {class_name} — {period_name}")
}

fn review_pupil_of(n: usize, total: usize) -> String {
    format!("Pupil {n} of {total}")
}

fn review_pupil_comment(pupil: &str) -> String {
    format!("Comment for {pupil} (sent when returning)")
}

fn review_approve_question(class_name: &str, period_name: &str) -> String {
    format!("Approve the record of class {class_name} ({period_name})? Once approved, the assessment table is locked.")
}

fn return_confirm_question(class_name: &str, period_name: &str) -> String {
    format!(
        "Return the record of class {class_name} ({period_name}) to the homeroom teacher to correct and submit again?"
    )
}

fn review_commented(n: usize) -> String {
    if n == 1 {
        "1 pupil has a comment".to_string()
    } else {
        format!("{n} pupils have comments")
    }
}

fn doc_kind_yearly(school_year: &str) -> String {
    format!("School record, school year {school_year}")
}

fn document_code(code: &str) -> String {
    format!("Verification code: {code}")
}

fn document_issued(date: &str) -> String {
    format!("Issued on {date}")
}

fn document_signed_by(roles: &str) -> String {
    format!("Signed by: {roles}")
}

fn document_pending(roles: &str) -> String {
    format!("Still to sign: {roles}")
}

fn revoked_line(when: &str, reason: &str) -> String {
    format!("Revoked on {when}. Reason: {reason}")
}

fn download_year_pdf(school_year: &str) -> String {
    format!("Download the school record of school year {school_year} (PDF)")
}

fn revoke_document_of(what: &str, code: &str) -> String {
    format!("Revoke {} (code {code})", lower_first(what))
}

fn revoke_question(what: &str, code: &str) -> String {
    format!(
        "Revoke {what}, code {code}? Anyone checking this code will see that the school record was revoked. This cannot be undone."
    )
}

fn revoked_ok(code: &str) -> String {
    format!("School record {code} revoked.")
}

fn batch_question(class_name: &str) -> String {
    format!(
        "Issue and digitally sign the hand-over school record of every pupil of class {class_name}? Each pupil gets \
         a new hand-over school record (with the school's digital signatures), gathered into one ZIP file to \
         download. This may take a few minutes; you can leave the page and come back later."
    )
}

fn batch_progress(done: u32, total: u32) -> String {
    format!("{done} of {total} pupils done")
}

fn batch_failures(n: usize) -> String {
    if n == 1 {
        "The school record of 1 pupil could not be issued:".to_string()
    } else {
        format!("The school records of {n} pupils could not be issued:")
    }
}

fn batch_poll_failed(message: &str) -> String {
    format!("Could not update the progress: {message}")
}

fn cells_invalid(n: usize) -> String {
    if n == 1 {
        "1 cell not valid".to_string()
    } else {
        format!("{n} cells not valid")
    }
}

fn certificate_issued_by(issuer: &str) -> String {
    format!("Digital certificate issued by {issuer}.")
}

fn trust_ca_added(name: &str) -> String {
    format!("CA “{name}” added. Compare the fingerprint below with that school once more.")
}

fn signatures_summary(valid: usize, total: usize) -> String {
    if valid == total {
        if total == 1 {
            "1 valid digital signature".to_string()
        } else {
            format!("{total} valid digital signatures")
        }
    } else {
        format!("{valid} of {total} digital signatures valid")
    }
}

fn imported_by_line(name: &str, when: &str) -> String {
    format!("{name}, {when}")
}

fn imported_years_done(n: usize) -> String {
    if n == 1 {
        "1 school year imported.".to_string()
    } else {
        format!("{n} school years imported.")
    }
}

fn year_source_line(school_name: &str) -> String {
    format!("Studied at {school_name} — imported from a digitally signed school record")
}
