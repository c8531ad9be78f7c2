DROP TRIGGER quality_assessments_locked_insert;
DROP TRIGGER quality_assessments_locked_update;
DROP TRIGGER subject_assessments_locked_insert;
DROP TRIGGER subject_assessments_locked_update;
CREATE TRIGGER subject_assessments_locked_update BEFORE UPDATE ON subject_assessments
FOR EACH ROW WHEN OLD.locked = 1 BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER subject_assessments_locked_insert BEFORE INSERT ON subject_assessments
FOR EACH ROW WHEN NEW.locked = 0 AND EXISTS (
    SELECT 1 FROM enrolments e JOIN period_records r ON r.class_id = e.class_id
    WHERE e.id = NEW.enrolment_id AND r.period = NEW.period AND r.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER quality_assessments_locked_update BEFORE UPDATE ON quality_assessments
FOR EACH ROW WHEN OLD.locked = 1 BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER quality_assessments_locked_insert BEFORE INSERT ON quality_assessments
FOR EACH ROW WHEN NEW.locked = 0 AND EXISTS (
    SELECT 1 FROM enrolments e JOIN period_records r ON r.class_id = e.class_id
    WHERE e.id = NEW.enrolment_id AND r.period = NEW.period AND r.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
DROP INDEX return_comments_class;
DROP TABLE return_comments;
DROP INDEX pupil_reopenings_open;
DROP INDEX pupil_reopenings_class;
DROP TABLE pupil_reopenings;
DROP TABLE enrolment_subjects;
DROP INDEX audit_log_entity;
DROP TRIGGER awards_locked_insert;
DROP TRIGGER awards_locked_delete;
DROP TRIGGER awards_locked_update;
DROP TRIGGER year_end_records_locked_insert;
DROP TRIGGER year_end_records_locked_delete;
DROP TRIGGER year_end_records_locked_update;
DROP TABLE comment_bank;
DROP INDEX awards_year_end_once;
DROP INDEX awards_enrolment;
DROP TABLE awards;
DROP TABLE year_end_records;
DROP TABLE client_ops;
