-- Assessment entry: writes replayed from a teacher's offline queue are applied once.
-- `op_key` is the Idempotency-Key the client gave the write; `response` is the answer it got.
CREATE TABLE client_ops (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    op_key TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, op_key)
);

-- Year end: one row per pupil's year (enrolment) with the extras besides the cells: days
-- absent, height in millimetres and weight in hectograms (no floats), the manual result of a
-- pupil with a disability, the supplementary assessment and the principal's decision.
CREATE TABLE year_end_records (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    enrolment_id TEXT NOT NULL UNIQUE REFERENCES enrolments(id),
    days_absent_excused SMALLINT CHECK (days_absent_excused >= 0),
    days_absent_unexcused SMALLINT CHECK (days_absent_unexcused >= 0),
    height_mm INTEGER CHECK (height_mm > 0),
    weight_hg INTEGER CHECK (weight_hg > 0),
    manual_result TEXT CHECK (manual_result IN ('HTXS', 'HTT', 'HT', 'CHT')),
    manual_note TEXT,
    supplementary_result TEXT CHECK (supplementary_result IN ('HTXS', 'HTT', 'HT', 'CHT')),
    supplementary_note TEXT,
    decision TEXT CHECK (decision IN ('promote', 'repeat')),
    decided_by TEXT REFERENCES users(id),
    decided_at TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1,
    locked BOOLEAN NOT NULL DEFAULT 0,
    updated_by TEXT REFERENCES users(id),
    updated_at TIMESTAMP NOT NULL
);

-- Khen thưởng of a pupil's year; the two giấy khen of the school at most once each.
CREATE TABLE awards (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
    kind TEXT NOT NULL CHECK (kind IN ('hoc_sinh_xuat_sac', 'hoc_sinh_tieu_bieu', 'dot_xuat', 'competition')),
    title TEXT NOT NULL,
    level TEXT NOT NULL
        CHECK (level IN ('school', 'commune', 'district', 'province', 'national', 'international')),
    awarded_on DATE,
    reason TEXT,
    confirmed_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    locked BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX awards_enrolment ON awards(enrolment_id);
CREATE UNIQUE INDEX awards_year_end_once ON awards(enrolment_id, kind)
    WHERE kind IN ('hoc_sinh_xuat_sac', 'hoc_sinh_tieu_bieu');

-- A teacher's own comments, per subject or phẩm chất / năng lực code.
CREATE TABLE comment_bank (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    subject_code TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, subject_code, text)
);

-- Locks enforced by the database: a locked year-end row or award (approved cuối năm record,
-- transfer) cannot be changed or deleted; nothing is added to a pupil's year once the class's
-- cuối năm record is approved or the pupil transferred out.
CREATE TRIGGER year_end_records_locked_update BEFORE UPDATE ON year_end_records
FOR EACH ROW WHEN OLD.locked = 1 BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER year_end_records_locked_delete BEFORE DELETE ON year_end_records
FOR EACH ROW WHEN OLD.locked = 1 BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER year_end_records_locked_insert BEFORE INSERT ON year_end_records
FOR EACH ROW WHEN EXISTS (
    SELECT 1 FROM enrolments e JOIN period_records r ON r.class_id = e.class_id
    WHERE e.id = NEW.enrolment_id AND r.period = 'cuoi_nam' AND r.status = 'approved')
    OR EXISTS (SELECT 1 FROM enrolments e WHERE e.id = NEW.enrolment_id AND e.status = 'transferred_out')
BEGIN SELECT RAISE(ABORT, 'record is locked'); END;

CREATE TRIGGER awards_locked_update BEFORE UPDATE ON awards
FOR EACH ROW WHEN OLD.locked = 1 BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER awards_locked_delete BEFORE DELETE ON awards
FOR EACH ROW WHEN OLD.locked = 1 BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER awards_locked_insert BEFORE INSERT ON awards
FOR EACH ROW WHEN EXISTS (
    SELECT 1 FROM enrolments e JOIN period_records r ON r.class_id = e.class_id
    WHERE e.id = NEW.enrolment_id AND r.period = 'cuoi_nam' AND r.status = 'approved')
    OR EXISTS (SELECT 1 FROM enrolments e WHERE e.id = NEW.enrolment_id AND e.status = 'transferred_out')
BEGIN SELECT RAISE(ABORT, 'record is locked'); END;

-- A pupil's cell history is read from the audit trail by entity.
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

-- The optional subjects (Ngoại ngữ 1 in grades 1–2, Tiếng dân tộc thiểu số) each pupil takes,
-- among those the class offers (class_optional_subjects).
CREATE TABLE enrolment_subjects (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
    subject_code TEXT NOT NULL,
    UNIQUE (enrolment_id, subject_code)
);

-- Reopening one pupil of an approved class record: the principal unlocks that pupil's cells at
-- that periodic point with a reason; the teacher corrects them; the principal approves the pupil
-- again (reapproved_*), which locks the cells again. At most one open reopening per pupil and point.
CREATE TABLE pupil_reopenings (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    class_id TEXT NOT NULL REFERENCES classes(id),
    period TEXT NOT NULL CHECK (period IN ('giua_hk1', 'cuoi_hk1', 'giua_hk2', 'cuoi_nam')),
    enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
    reason TEXT NOT NULL,
    reopened_by TEXT NOT NULL REFERENCES users(id),
    reopened_at TIMESTAMP NOT NULL,
    reapproved_by TEXT REFERENCES users(id),
    reapproved_at TIMESTAMP
);
CREATE INDEX pupil_reopenings_class ON pupil_reopenings(class_id, period);
CREATE UNIQUE INDEX pupil_reopenings_open ON pupil_reopenings(enrolment_id, period) WHERE reapproved_at IS NULL;

-- The principal's comments per pupil when returning a class record (besides the class comment in
-- `period_records.note`); every return adds its rows, the latest return's are shown to the teacher.
CREATE TABLE return_comments (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    class_id TEXT NOT NULL REFERENCES classes(id),
    period TEXT NOT NULL CHECK (period IN ('giua_hk1', 'cuoi_hk1', 'giua_hk2', 'cuoi_nam')),
    pupil_id TEXT NOT NULL REFERENCES pupils(id),
    comment TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX return_comments_class ON return_comments(class_id, period, created_at);

-- The cell locks, with the reopening exception: a locked cell of a pupil with an open reopening
-- at that point may be changed (that is how reopening unlocks it), and a new cell may be added
-- for that pupil although the class record is approved. Every other pupil stays locked.
DROP TRIGGER subject_assessments_locked_update;
DROP TRIGGER subject_assessments_locked_insert;
DROP TRIGGER quality_assessments_locked_update;
DROP TRIGGER quality_assessments_locked_insert;

CREATE TRIGGER subject_assessments_locked_update BEFORE UPDATE ON subject_assessments
FOR EACH ROW WHEN OLD.locked = 1 AND NOT EXISTS (
    SELECT 1 FROM pupil_reopenings p JOIN enrolments e ON e.id = p.enrolment_id
    WHERE p.enrolment_id = OLD.enrolment_id AND p.period = OLD.period AND p.reapproved_at IS NULL
      AND e.status <> 'transferred_out')
BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER subject_assessments_locked_insert BEFORE INSERT ON subject_assessments
FOR EACH ROW WHEN NEW.locked = 0 AND EXISTS (
    SELECT 1 FROM enrolments e JOIN period_records r ON r.class_id = e.class_id
    WHERE e.id = NEW.enrolment_id AND r.period = NEW.period AND r.status = 'approved')
    AND NOT EXISTS (
    SELECT 1 FROM pupil_reopenings p
    WHERE p.enrolment_id = NEW.enrolment_id AND p.period = NEW.period AND p.reapproved_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'record is locked'); END;

CREATE TRIGGER quality_assessments_locked_update BEFORE UPDATE ON quality_assessments
FOR EACH ROW WHEN OLD.locked = 1 AND NOT EXISTS (
    SELECT 1 FROM pupil_reopenings p JOIN enrolments e ON e.id = p.enrolment_id
    WHERE p.enrolment_id = OLD.enrolment_id AND p.period = OLD.period AND p.reapproved_at IS NULL
      AND e.status <> 'transferred_out')
BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER quality_assessments_locked_insert BEFORE INSERT ON quality_assessments
FOR EACH ROW WHEN NEW.locked = 0 AND EXISTS (
    SELECT 1 FROM enrolments e JOIN period_records r ON r.class_id = e.class_id
    WHERE e.id = NEW.enrolment_id AND r.period = NEW.period AND r.status = 'approved')
    AND NOT EXISTS (
    SELECT 1 FROM pupil_reopenings p
    WHERE p.enrolment_id = NEW.enrolment_id AND p.period = NEW.period AND p.reapproved_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
