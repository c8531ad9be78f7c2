-- Parents and the periodic points of the year: a parent marks an approved point of their child as
-- seen ("Đã xem"), once per (parent, pupil, class, point) — tapping again changes nothing — and may
-- reply to the homeroom teacher. Rows are only added; both name the class and point they are about.
CREATE TABLE parent_acknowledgements (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    pupil_id TEXT NOT NULL REFERENCES pupils(id),
    class_id TEXT NOT NULL REFERENCES classes(id),
    period TEXT NOT NULL CHECK (period IN ('giua_hk1', 'cuoi_hk1', 'giua_hk2', 'cuoi_nam')),
    parent_id TEXT NOT NULL REFERENCES users(id),
    seen_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX parent_acknowledgements_once ON parent_acknowledgements(parent_id, pupil_id, class_id, period);
CREATE INDEX parent_acknowledgements_class ON parent_acknowledgements(class_id, period);

CREATE TABLE parent_replies (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    pupil_id TEXT NOT NULL REFERENCES pupils(id),
    class_id TEXT NOT NULL REFERENCES classes(id),
    period TEXT NOT NULL CHECK (period IN ('giua_hk1', 'cuoi_hk1', 'giua_hk2', 'cuoi_nam')),
    parent_id TEXT NOT NULL REFERENCES users(id),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX parent_replies_class ON parent_replies(class_id, period, created_at);
CREATE INDEX parent_replies_parent ON parent_replies(parent_id, pupil_id);
