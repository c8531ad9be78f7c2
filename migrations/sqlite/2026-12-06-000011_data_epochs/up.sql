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

CREATE TRIGGER schools_epoch_insert AFTER INSERT ON schools
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER schools_epoch_update AFTER UPDATE ON schools
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER schools_epoch_delete AFTER DELETE ON schools
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER users_epoch_insert AFTER INSERT ON users
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER users_epoch_update AFTER UPDATE ON users
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER users_epoch_delete AFTER DELETE ON users
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER school_years_epoch_insert AFTER INSERT ON school_years
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER school_years_epoch_update AFTER UPDATE ON school_years
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER school_years_epoch_delete AFTER DELETE ON school_years
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER classes_epoch_insert AFTER INSERT ON classes
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER classes_epoch_update AFTER UPDATE ON classes
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER classes_epoch_delete AFTER DELETE ON classes
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER teaching_assignments_epoch_insert AFTER INSERT ON teaching_assignments
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER teaching_assignments_epoch_update AFTER UPDATE ON teaching_assignments
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER teaching_assignments_epoch_delete AFTER DELETE ON teaching_assignments
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER pupils_epoch_insert AFTER INSERT ON pupils
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER pupils_epoch_update AFTER UPDATE ON pupils
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER pupils_epoch_delete AFTER DELETE ON pupils
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER enrolments_epoch_insert AFTER INSERT ON enrolments
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER enrolments_epoch_update AFTER UPDATE ON enrolments
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER enrolments_epoch_delete AFTER DELETE ON enrolments
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER guardianships_epoch_insert AFTER INSERT ON guardianships
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER guardianships_epoch_update AFTER UPDATE ON guardianships
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER guardianships_epoch_delete AFTER DELETE ON guardianships
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER period_records_epoch_insert AFTER INSERT ON period_records
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER period_records_epoch_update AFTER UPDATE ON period_records
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER period_records_epoch_delete AFTER DELETE ON period_records
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER pupil_reopenings_epoch_insert AFTER INSERT ON pupil_reopenings
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER pupil_reopenings_epoch_update AFTER UPDATE ON pupil_reopenings
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER pupil_reopenings_epoch_delete AFTER DELETE ON pupil_reopenings
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER return_comments_epoch_insert AFTER INSERT ON return_comments
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER return_comments_epoch_update AFTER UPDATE ON return_comments
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER return_comments_epoch_delete AFTER DELETE ON return_comments
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER class_optional_subjects_epoch_insert AFTER INSERT ON class_optional_subjects
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER class_optional_subjects_epoch_update AFTER UPDATE ON class_optional_subjects
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER class_optional_subjects_epoch_delete AFTER DELETE ON class_optional_subjects
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER enrolment_subjects_epoch_insert AFTER INSERT ON enrolment_subjects
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER enrolment_subjects_epoch_update AFTER UPDATE ON enrolment_subjects
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER enrolment_subjects_epoch_delete AFTER DELETE ON enrolment_subjects
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER imported_years_epoch_insert AFTER INSERT ON imported_years
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER imported_years_epoch_update AFTER UPDATE ON imported_years
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER imported_years_epoch_delete AFTER DELETE ON imported_years
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER transfers_epoch_insert AFTER INSERT ON transfers
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER transfers_epoch_update AFTER UPDATE ON transfers
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER transfers_epoch_delete AFTER DELETE ON transfers
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER revoked_sessions_epoch_insert AFTER INSERT ON revoked_sessions FOR EACH ROW WHEN (SELECT school_id FROM users WHERE id = NEW.user_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT school_id FROM users WHERE id = NEW.user_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER revoked_sessions_epoch_update AFTER UPDATE ON revoked_sessions FOR EACH ROW WHEN (SELECT school_id FROM users WHERE id = NEW.user_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT school_id FROM users WHERE id = NEW.user_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER revoked_sessions_epoch_delete AFTER DELETE ON revoked_sessions FOR EACH ROW WHEN (SELECT school_id FROM users WHERE id = OLD.user_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT school_id FROM users WHERE id = OLD.user_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER subject_assessments_epoch_insert AFTER INSERT ON subject_assessments
WHEN (SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER subject_assessments_epoch_locked_insert AFTER INSERT ON subject_assessments WHEN NEW.locked
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER subject_assessments_epoch_update AFTER UPDATE ON subject_assessments
WHEN (SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER subject_assessments_epoch_locked_update AFTER UPDATE ON subject_assessments WHEN NEW.locked OR OLD.locked
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER subject_assessments_epoch_delete AFTER DELETE ON subject_assessments
WHEN (SELECT class_id FROM enrolments WHERE id = OLD.enrolment_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT class_id FROM enrolments WHERE id = OLD.enrolment_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER subject_assessments_epoch_locked_delete AFTER DELETE ON subject_assessments WHEN OLD.locked
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER quality_assessments_epoch_insert AFTER INSERT ON quality_assessments
WHEN (SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER quality_assessments_epoch_locked_insert AFTER INSERT ON quality_assessments WHEN NEW.locked
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER quality_assessments_epoch_update AFTER UPDATE ON quality_assessments
WHEN (SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER quality_assessments_epoch_locked_update AFTER UPDATE ON quality_assessments WHEN NEW.locked OR OLD.locked
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER quality_assessments_epoch_delete AFTER DELETE ON quality_assessments
WHEN (SELECT class_id FROM enrolments WHERE id = OLD.enrolment_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT class_id FROM enrolments WHERE id = OLD.enrolment_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER quality_assessments_epoch_locked_delete AFTER DELETE ON quality_assessments WHEN OLD.locked
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER year_end_records_epoch_insert AFTER INSERT ON year_end_records
WHEN (SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER year_end_records_epoch_locked_insert AFTER INSERT ON year_end_records WHEN NEW.locked
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER year_end_records_epoch_update AFTER UPDATE ON year_end_records
WHEN (SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER year_end_records_epoch_locked_update AFTER UPDATE ON year_end_records WHEN NEW.locked OR OLD.locked
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER year_end_records_epoch_delete AFTER DELETE ON year_end_records
WHEN (SELECT class_id FROM enrolments WHERE id = OLD.enrolment_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT class_id FROM enrolments WHERE id = OLD.enrolment_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER year_end_records_epoch_locked_delete AFTER DELETE ON year_end_records WHEN OLD.locked
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER awards_epoch_insert AFTER INSERT ON awards
WHEN (SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER awards_epoch_locked_insert AFTER INSERT ON awards WHEN NEW.locked
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER awards_epoch_update AFTER UPDATE ON awards
WHEN (SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT class_id FROM enrolments WHERE id = NEW.enrolment_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER awards_epoch_locked_update AFTER UPDATE ON awards WHEN NEW.locked OR OLD.locked
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (NEW.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER awards_epoch_delete AFTER DELETE ON awards
WHEN (SELECT class_id FROM enrolments WHERE id = OLD.enrolment_id) IS NOT NULL
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES ((SELECT class_id FROM enrolments WHERE id = OLD.enrolment_id), 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
CREATE TRIGGER awards_epoch_locked_delete AFTER DELETE ON awards WHEN OLD.locked
BEGIN INSERT INTO data_epochs (scope, epoch) VALUES (OLD.school_id, 1) ON CONFLICT (scope) DO UPDATE SET epoch = epoch + 1; END;
