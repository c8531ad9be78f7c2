DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['schools', 'users', 'school_years', 'classes', 'teaching_assignments', 'pupils', 'enrolments', 'guardianships', 'period_records', 'pupil_reopenings', 'return_comments', 'class_optional_subjects', 'enrolment_subjects', 'imported_years', 'transfers', 'revoked_sessions', 'subject_assessments', 'quality_assessments', 'year_end_records', 'awards']
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_epoch_insert', t);
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_epoch_update', t);
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_epoch_delete', t);
    END LOOP;
END $$;
DROP FUNCTION bump_data_epochs();
DROP TABLE data_epochs;
