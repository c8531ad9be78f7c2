-- hocba schema (SQLite). Ids are UUID v7 text; every record that can leave the school carries school_id.
CREATE TABLE schools (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    code TEXT NOT NULL,
    commune TEXT NOT NULL,
    district TEXT NOT NULL,
    province TEXT NOT NULL,
    principal_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'principal', 'teacher', 'parent')),
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE school_years (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    name TEXT NOT NULL,
    start_year INTEGER NOT NULL,
    is_current BOOLEAN NOT NULL DEFAULT 0,
    UNIQUE (school_id, start_year)
);

CREATE TABLE classes (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    school_year_id TEXT NOT NULL REFERENCES school_years(id),
    name TEXT NOT NULL,
    grade SMALLINT NOT NULL CHECK (grade BETWEEN 1 AND 5),
    homeroom_teacher_id TEXT REFERENCES users(id),
    UNIQUE (school_year_id, name)
);

CREATE TABLE teaching_assignments (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    class_id TEXT NOT NULL REFERENCES classes(id),
    teacher_id TEXT NOT NULL REFERENCES users(id),
    subject_code TEXT NOT NULL,
    UNIQUE (class_id, subject_code, teacher_id)
);

CREATE TABLE pupils (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    national_id TEXT UNIQUE,
    full_name TEXT NOT NULL,
    gender TEXT NOT NULL,
    birth_date DATE,
    ethnicity TEXT NOT NULL,
    nationality TEXT NOT NULL,
    birth_place TEXT,
    home_town TEXT,
    address TEXT,
    father_name TEXT,
    mother_name TEXT,
    guardian_name TEXT,
    registration_no TEXT,
    entry_date DATE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE enrolments (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    pupil_id TEXT NOT NULL REFERENCES pupils(id),
    class_id TEXT NOT NULL REFERENCES classes(id),
    UNIQUE (pupil_id, class_id)
);
CREATE INDEX enrolments_class ON enrolments(class_id);

CREATE TABLE guardianships (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    parent_id TEXT NOT NULL REFERENCES users(id),
    pupil_id TEXT NOT NULL REFERENCES pupils(id),
    UNIQUE (parent_id, pupil_id)
);

CREATE TABLE period_records (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    class_id TEXT NOT NULL REFERENCES classes(id),
    period TEXT NOT NULL CHECK (period IN ('giua_hk1', 'cuoi_hk1', 'giua_hk2', 'cuoi_nam')),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
    note TEXT,
    submitted_by TEXT REFERENCES users(id),
    submitted_at TIMESTAMP,
    decided_by TEXT REFERENCES users(id),
    decided_at TIMESTAMP,
    UNIQUE (class_id, period)
);

CREATE TABLE subject_assessments (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
    period TEXT NOT NULL CHECK (period IN ('giua_hk1', 'cuoi_hk1', 'giua_hk2', 'cuoi_nam')),
    subject_code TEXT NOT NULL,
    level TEXT CHECK (level IN ('T', 'H', 'C')),
    score SMALLINT CHECK (score BETWEEN 1 AND 10),
    comment TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    locked BOOLEAN NOT NULL DEFAULT 0,
    updated_by TEXT REFERENCES users(id),
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (enrolment_id, period, subject_code)
);

CREATE TABLE quality_assessments (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
    period TEXT NOT NULL CHECK (period IN ('giua_hk1', 'cuoi_hk1', 'giua_hk2', 'cuoi_nam')),
    quality_code TEXT NOT NULL,
    level TEXT CHECK (level IN ('T', 'Đ', 'C')),
    comment TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    locked BOOLEAN NOT NULL DEFAULT 0,
    updated_by TEXT REFERENCES users(id),
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (enrolment_id, period, quality_code)
);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY NOT NULL,
    id TEXT NOT NULL UNIQUE,
    school_id TEXT NOT NULL REFERENCES schools(id),
    at TIMESTAMP NOT NULL,
    actor_id TEXT REFERENCES users(id),
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

-- Locks enforced by the database itself: an approved (locked) assessment cannot be changed or
-- deleted, and no new assessment can be added to an approved class record.
CREATE TRIGGER subject_assessments_locked_update BEFORE UPDATE ON subject_assessments
FOR EACH ROW WHEN OLD.locked = 1 BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER subject_assessments_locked_delete BEFORE DELETE ON subject_assessments
FOR EACH ROW WHEN OLD.locked = 1 BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER subject_assessments_locked_insert BEFORE INSERT ON subject_assessments
FOR EACH ROW WHEN NEW.locked = 0 AND EXISTS (
    SELECT 1 FROM enrolments e JOIN period_records r ON r.class_id = e.class_id
    WHERE e.id = NEW.enrolment_id AND r.period = NEW.period AND r.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'record is locked'); END;

CREATE TRIGGER quality_assessments_locked_update BEFORE UPDATE ON quality_assessments
FOR EACH ROW WHEN OLD.locked = 1 BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER quality_assessments_locked_delete BEFORE DELETE ON quality_assessments
FOR EACH ROW WHEN OLD.locked = 1 BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER quality_assessments_locked_insert BEFORE INSERT ON quality_assessments
FOR EACH ROW WHEN NEW.locked = 0 AND EXISTS (
    SELECT 1 FROM enrolments e JOIN period_records r ON r.class_id = e.class_id
    WHERE e.id = NEW.enrolment_id AND r.period = NEW.period AND r.status = 'approved')
BEGIN SELECT RAISE(ABORT, 'record is locked'); END;

-- The audit log is append-only.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
