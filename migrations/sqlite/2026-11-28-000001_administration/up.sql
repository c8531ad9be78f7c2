-- School administration: logo, staff roles and sessions, lớp ghép, optional subjects, pupil
-- disability plans, enrolment outcomes, transfers and parent invitations.
ALTER TABLE schools ADD COLUMN logo BLOB;
ALTER TABLE schools ADD COLUMN logo_mime TEXT;

-- A staff member can hold several roles (space-separated codes); `role` stays the primary one.
ALTER TABLE users ADD COLUMN roles TEXT NOT NULL DEFAULT '';
UPDATE users SET roles = role;
ALTER TABLE users ADD COLUMN phone TEXT;
-- Raised when a password is reset or the account is deactivated: older sessions stop working.
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;

ALTER TABLE classes ADD COLUMN combined_grade SMALLINT CHECK (combined_grade BETWEEN 1 AND 5);

CREATE TABLE class_optional_subjects (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    class_id TEXT NOT NULL REFERENCES classes(id),
    subject_code TEXT NOT NULL,
    language TEXT,
    UNIQUE (class_id, subject_code)
);

ALTER TABLE pupils ADD COLUMN disability BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE pupils ADD COLUMN disability_plan TEXT;

-- The pupil's own grade in a lớp ghép (NULL: the class's grade) and how the enrolment ended.
ALTER TABLE enrolments ADD COLUMN grade SMALLINT CHECK (grade BETWEEN 1 AND 5);
ALTER TABLE enrolments ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'promoted', 'repeated', 'graduated', 'transferred_out'));

CREATE TABLE transfers (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    pupil_id TEXT NOT NULL REFERENCES pupils(id),
    enrolment_id TEXT REFERENCES enrolments(id),
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    date DATE NOT NULL,
    other_school TEXT NOT NULL,
    reason TEXT,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX transfers_pupil ON transfers(pupil_id);

CREATE TABLE parent_invites (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    code_hash TEXT NOT NULL UNIQUE,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    used_by TEXT REFERENCES users(id)
);

CREATE TABLE parent_invite_pupils (
    id TEXT PRIMARY KEY NOT NULL,
    invite_id TEXT NOT NULL REFERENCES parent_invites(id),
    pupil_id TEXT NOT NULL REFERENCES pupils(id),
    UNIQUE (invite_id, pupil_id)
);

-- A transferred-out record is frozen for hand-over: nothing is added to it.
CREATE TRIGGER subject_assessments_frozen_insert BEFORE INSERT ON subject_assessments
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM enrolments e WHERE e.id = NEW.enrolment_id AND e.status = 'transferred_out')
BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
CREATE TRIGGER quality_assessments_frozen_insert BEFORE INSERT ON quality_assessments
FOR EACH ROW WHEN EXISTS (SELECT 1 FROM enrolments e WHERE e.id = NEW.enrolment_id AND e.status = 'transferred_out')
BEGIN SELECT RAISE(ABORT, 'record is locked'); END;
