//! Diesel schema shared by both backends: only types that SQLite and PostgreSQL both support
//! (checked against the migrations by the `schema_matches_migrations` test).

diesel::table! {
    schools (id) {
        id -> Text,
        name -> Text,
        code -> Text,
        commune -> Text,
        district -> Text,
        province -> Text,
        principal_name -> Text,
        created_at -> Timestamp,
        logo -> Nullable<Binary>,
        logo_mime -> Nullable<Text>,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        school_id -> Text,
        username -> Text,
        password_hash -> Text,
        full_name -> Text,
        role -> Text,
        active -> Bool,
        created_at -> Timestamp,
        roles -> Text,
        phone -> Nullable<Text>,
        session_epoch -> Integer,
        must_change_password -> Bool,
    }
}

diesel::table! {
    school_years (id) {
        id -> Text,
        school_id -> Text,
        name -> Text,
        start_year -> Integer,
        is_current -> Bool,
    }
}

diesel::table! {
    classes (id) {
        id -> Text,
        school_id -> Text,
        school_year_id -> Text,
        name -> Text,
        grade -> SmallInt,
        homeroom_teacher_id -> Nullable<Text>,
        combined_grade -> Nullable<SmallInt>,
    }
}

diesel::table! {
    teaching_assignments (id) {
        id -> Text,
        school_id -> Text,
        class_id -> Text,
        teacher_id -> Text,
        subject_code -> Text,
    }
}

diesel::table! {
    pupils (id) {
        id -> Text,
        school_id -> Text,
        national_id -> Nullable<Text>,
        full_name -> Text,
        gender -> Text,
        birth_date -> Nullable<Date>,
        ethnicity -> Text,
        nationality -> Text,
        birth_place -> Nullable<Text>,
        home_town -> Nullable<Text>,
        address -> Nullable<Text>,
        father_name -> Nullable<Text>,
        mother_name -> Nullable<Text>,
        guardian_name -> Nullable<Text>,
        registration_no -> Nullable<Text>,
        entry_date -> Nullable<Date>,
        created_at -> Timestamp,
        disability -> Bool,
        disability_plan -> Nullable<Text>,
    }
}

diesel::table! {
    enrolments (id) {
        id -> Text,
        school_id -> Text,
        pupil_id -> Text,
        class_id -> Text,
        grade -> Nullable<SmallInt>,
        status -> Text,
    }
}

diesel::table! {
    guardianships (id) {
        id -> Text,
        school_id -> Text,
        parent_id -> Text,
        pupil_id -> Text,
    }
}

diesel::table! {
    period_records (id) {
        id -> Text,
        school_id -> Text,
        class_id -> Text,
        period -> Text,
        status -> Text,
        note -> Nullable<Text>,
        submitted_by -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    pupil_reopenings (id) {
        id -> Text,
        school_id -> Text,
        class_id -> Text,
        period -> Text,
        enrolment_id -> Text,
        reason -> Text,
        reopened_by -> Text,
        reopened_at -> Timestamp,
        reapproved_by -> Nullable<Text>,
        reapproved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    return_comments (id) {
        id -> Text,
        school_id -> Text,
        class_id -> Text,
        period -> Text,
        pupil_id -> Text,
        comment -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    subject_assessments (id) {
        id -> Text,
        school_id -> Text,
        enrolment_id -> Text,
        period -> Text,
        subject_code -> Text,
        level -> Nullable<Text>,
        score -> Nullable<SmallInt>,
        comment -> Nullable<Text>,
        version -> Integer,
        locked -> Bool,
        updated_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    quality_assessments (id) {
        id -> Text,
        school_id -> Text,
        enrolment_id -> Text,
        period -> Text,
        quality_code -> Text,
        level -> Nullable<Text>,
        comment -> Nullable<Text>,
        version -> Integer,
        locked -> Bool,
        updated_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (seq) {
        seq -> BigInt,
        id -> Text,
        school_id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        entity -> Text,
        entity_id -> Text,
        detail -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    class_optional_subjects (id) {
        id -> Text,
        school_id -> Text,
        class_id -> Text,
        subject_code -> Text,
        language -> Nullable<Text>,
    }
}

diesel::table! {
    transfers (id) {
        id -> Text,
        school_id -> Text,
        pupil_id -> Text,
        enrolment_id -> Nullable<Text>,
        direction -> Text,
        date -> Date,
        other_school -> Text,
        reason -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    parent_invites (id) {
        id -> Text,
        school_id -> Text,
        code_hash -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        used_by -> Nullable<Text>,
    }
}

diesel::table! {
    parent_invite_pupils (id) {
        id -> Text,
        invite_id -> Text,
        pupil_id -> Text,
    }
}

diesel::table! {
    client_ops (id) {
        id -> Text,
        school_id -> Text,
        user_id -> Text,
        op_key -> Text,
        response -> Text,
        created_at -> Timestamp,
        request_hash -> Nullable<Text>,
    }
}

diesel::table! {
    revoked_sessions (sid) {
        sid -> Text,
        user_id -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    year_end_records (id) {
        id -> Text,
        school_id -> Text,
        enrolment_id -> Text,
        days_absent_excused -> Nullable<SmallInt>,
        days_absent_unexcused -> Nullable<SmallInt>,
        height_mm -> Nullable<Integer>,
        weight_hg -> Nullable<Integer>,
        manual_result -> Nullable<Text>,
        manual_note -> Nullable<Text>,
        supplementary_result -> Nullable<Text>,
        supplementary_note -> Nullable<Text>,
        decision -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        version -> Integer,
        locked -> Bool,
        updated_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    awards (id) {
        id -> Text,
        school_id -> Text,
        enrolment_id -> Text,
        kind -> Text,
        title -> Text,
        level -> Text,
        awarded_on -> Nullable<Date>,
        reason -> Nullable<Text>,
        confirmed_by -> Nullable<Text>,
        created_at -> Timestamp,
        locked -> Bool,
    }
}

diesel::table! {
    comment_bank (id) {
        id -> Text,
        school_id -> Text,
        user_id -> Text,
        subject_code -> Text,
        text -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    enrolment_subjects (id) {
        id -> Text,
        school_id -> Text,
        enrolment_id -> Text,
        subject_code -> Text,
    }
}

diesel::table! {
    parent_acknowledgements (id) {
        id -> Text,
        school_id -> Text,
        pupil_id -> Text,
        class_id -> Text,
        period -> Text,
        parent_id -> Text,
        seen_at -> Timestamp,
    }
}

diesel::table! {
    parent_replies (id) {
        id -> Text,
        school_id -> Text,
        pupil_id -> Text,
        class_id -> Text,
        period -> Text,
        parent_id -> Text,
        text -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(users -> schools (school_id));
diesel::joinable!(classes -> school_years (school_year_id));
diesel::joinable!(enrolments -> pupils (pupil_id));
diesel::joinable!(batch_items -> pupils (pupil_id));
diesel::joinable!(enrolments -> classes (class_id));
diesel::joinable!(guardianships -> pupils (pupil_id));
diesel::joinable!(subject_assessments -> enrolments (enrolment_id));
diesel::joinable!(quality_assessments -> enrolments (enrolment_id));
diesel::joinable!(period_records -> classes (class_id));
diesel::joinable!(class_optional_subjects -> classes (class_id));
diesel::joinable!(transfers -> pupils (pupil_id));
diesel::joinable!(parent_invite_pupils -> parent_invites (invite_id));
diesel::joinable!(parent_invite_pupils -> pupils (pupil_id));
diesel::joinable!(year_end_records -> enrolments (enrolment_id));
diesel::joinable!(awards -> enrolments (enrolment_id));
diesel::joinable!(pupil_reopenings -> enrolments (enrolment_id));

diesel::allow_tables_to_appear_in_same_query!(
    parent_acknowledgements,
    parent_replies,
    pupil_reopenings,
    return_comments,
    enrolment_subjects,
    client_ops,
    year_end_records,
    awards,
    comment_bank,
    class_optional_subjects,
    transfers,
    parent_invites,
    parent_invite_pupils,
    schools,
    users,
    school_years,
    classes,
    teaching_assignments,
    pupils,
    enrolments,
    guardianships,
    period_records,
    subject_assessments,
    quality_assessments,
    audit_log,
    signing_cas,
    signer_certificates,
    issued_documents,
    document_deliveries,
    batch_jobs,
    batch_items,
    imported_years,
    revoked_sessions,
    data_epochs,
);

diesel::table! {
    signing_cas (id) {
        id -> Text,
        school_id -> Text,
        name -> Text,
        cert_pem -> Text,
        key_enc -> Nullable<Text>,
        is_test -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    signer_certificates (id) {
        id -> Text,
        school_id -> Text,
        role -> Text,
        user_id -> Nullable<Text>,
        holder -> Text,
        issuer -> Text,
        serial -> Text,
        not_before -> Timestamp,
        not_after -> Timestamp,
        cert_pem -> Text,
        chain_pem -> Text,
        key_enc -> Nullable<Text>,
        on_token -> Bool,
        is_test -> Bool,
        revoked_at -> Nullable<Timestamp>,
        revoked_reason -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    issued_documents (id) {
        id -> Text,
        school_id -> Text,
        pupil_id -> Text,
        kind -> Text,
        school_year -> Nullable<Text>,
        code -> Text,
        status -> Text,
        pending_role -> Nullable<Text>,
        contents_at -> Nullable<BigInt>,
        signed_roles -> Text,
        signature_boxes -> Text,
        pdf -> Binary,
        xml -> Text,
        xml_signature -> Nullable<Binary>,
        sha256 -> Text,
        source_hash -> Text,
        issued_by -> Nullable<Text>,
        created_at -> Timestamp,
        issued_at -> Nullable<Timestamp>,
        superseded_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        revoked_by -> Nullable<Text>,
        revoked_reason -> Nullable<Text>,
    }
}

diesel::table! {
    document_deliveries (id) {
        id -> Text,
        school_id -> Text,
        document_id -> Text,
        user_id -> Nullable<Text>,
        recipient -> Text,
        delivered_at -> Timestamp,
    }
}

diesel::table! {
    batch_jobs (id) {
        id -> Text,
        school_id -> Text,
        class_id -> Text,
        requested_by -> Text,
        verify_base -> Text,
        status -> Text,
        total -> Integer,
        done_count -> Integer,
        error -> Nullable<Text>,
        zip_path -> Nullable<Text>,
        created_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    batch_items (job_id, position) {
        job_id -> Text,
        position -> Integer,
        pupil_id -> Text,
        document_id -> Nullable<Text>,
        error -> Nullable<Text>,
        done_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    imported_years (id) {
        id -> Text,
        school_id -> Text,
        pupil_id -> Text,
        school_year -> Text,
        grade -> Integer,
        class_name -> Text,
        from_school_id -> Text,
        from_school_name -> Text,
        from_pupil_id -> Text,
        source_code -> Nullable<Text>,
        source_format -> Text,
        source_file -> Binary,
        source_signature -> Nullable<Binary>,
        record -> Text,
        placement -> Text,
        signatures -> Text,
        imported_by -> Nullable<Text>,
        imported_at -> Timestamp,
    }
}

diesel::table! {
    /// Counters raised by triggers on every write that can change a cached read (see the
    /// `data_epochs` migration): the key is a school's id or a class's id.
    data_epochs (scope) {
        scope -> Text,
        epoch -> BigInt,
    }
}
