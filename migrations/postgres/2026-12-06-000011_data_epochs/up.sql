-- Data epochs: a counter per school and per class, raised by every write that can change what a
-- cached read shows. A server keeps finished answers (a pupil's results, a class grid) in memory
-- with the epochs they were computed at, and reads the current epochs (one primary-key lookup) to
-- know whether they still hold. Works across several servers on one database.
--   school scope (the school's id): accounts, sessions, classes, pupils, enrolments, guardians, review
--     states, reopenings, imported years, and any change to a locked (approved) cell, year-end record
--     or award;
--   class scope (the class's id): every change to a cell, year-end record or award of the class.
CREATE TABLE data_epochs (
    scope TEXT PRIMARY KEY NOT NULL,
    epoch BIGINT NOT NULL
);

-- One bump per statement and scope (COPY of a million cells raises each epoch once). TG_ARGV[0] names
-- how a row finds its school: a column ('id', 'school_id'), 'user_id' (through users), or 'cells'
-- (class through enrolments, school when the row is locked).
CREATE FUNCTION bump_data_epochs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    how text := TG_ARGV[0];
    src text;
    bump text := ' ON CONFLICT (scope) DO UPDATE SET epoch = data_epochs.epoch + 1';
BEGIN
    FOREACH src IN ARRAY CASE TG_OP WHEN 'INSERT' THEN ARRAY['new_rows'] WHEN 'DELETE' THEN ARRAY['old_rows']
        ELSE ARRAY['new_rows', 'old_rows'] END
    LOOP
        IF how = 'cells' THEN
            -- One primary-key lookup per distinct enrolment (LATERAL), never a join over all enrolments.
            EXECUTE format('INSERT INTO data_epochs (scope, epoch) SELECT DISTINCT e.class_id, 1 '
                'FROM (SELECT DISTINCT enrolment_id FROM %I) r, '
                'LATERAL (SELECT class_id FROM enrolments WHERE id = r.enrolment_id) e', src) || bump;
            EXECUTE format('INSERT INTO data_epochs (scope, epoch) SELECT DISTINCT school_id, 1 FROM %I WHERE locked', src)
                || bump;
        ELSIF how = 'user_id' THEN
            EXECUTE format('INSERT INTO data_epochs (scope, epoch) SELECT DISTINCT u.school_id, 1 '
                'FROM (SELECT DISTINCT user_id FROM %I) r, '
                'LATERAL (SELECT school_id FROM users WHERE id = r.user_id) u', src) || bump;
        ELSE
            EXECUTE format('INSERT INTO data_epochs (scope, epoch) SELECT DISTINCT %I, 1 FROM %I', how, src) || bump;
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('schools', 'id'),
        ('users', 'school_id'),
        ('school_years', 'school_id'),
        ('classes', 'school_id'),
        ('teaching_assignments', 'school_id'),
        ('pupils', 'school_id'),
        ('enrolments', 'school_id'),
        ('guardianships', 'school_id'),
        ('period_records', 'school_id'),
        ('pupil_reopenings', 'school_id'),
        ('return_comments', 'school_id'),
        ('class_optional_subjects', 'school_id'),
        ('enrolment_subjects', 'school_id'),
        ('imported_years', 'school_id'),
        ('transfers', 'school_id'),
        ('revoked_sessions', 'user_id'),
        ('subject_assessments', 'cells'),
        ('quality_assessments', 'cells'),
        ('year_end_records', 'cells'),
        ('awards', 'cells')) AS v(name, how)
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION bump_data_epochs(%L)', t.name || '_epoch_insert', t.name, t.how);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION bump_data_epochs(%L)', t.name || '_epoch_update', t.name, t.how);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION bump_data_epochs(%L)', t.name || '_epoch_delete', t.name, t.how);
    END LOOP;
END $$;
