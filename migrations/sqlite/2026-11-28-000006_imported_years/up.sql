-- Years a transferred-in pupil studied at another school, imported from that school's signed
-- record (a yearly record PDF, a hand-over PDF's attached yearly records, or the XML with its
-- detached signature) after every signature was verified against the CAs the school trusts.
-- The year is that school's record: it is kept as imported, with the signed file it came from,
-- and can be neither changed nor deleted.
CREATE TABLE imported_years (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    pupil_id TEXT NOT NULL REFERENCES pupils(id),
    school_year TEXT NOT NULL,
    grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5),
    class_name TEXT NOT NULL,
    -- The issuing school, its id for the pupil and the source document's verification code.
    from_school_id TEXT NOT NULL,
    from_school_name TEXT NOT NULL,
    from_pupil_id TEXT NOT NULL,
    source_code TEXT,
    -- 'pdf': source_file is the signed yearly record; 'xml': the XML, signed by source_signature.
    source_format TEXT NOT NULL CHECK (source_format IN ('pdf', 'xml')),
    source_file BLOB NOT NULL,
    source_signature BLOB,
    -- The year (hocba_core::transcript::YearRecord) and its quá trình học tập line, as JSON.
    record TEXT NOT NULL,
    placement TEXT NOT NULL,
    -- The signatures as verified at import (JSON list of SignatureCheck).
    signatures TEXT NOT NULL,
    imported_by TEXT REFERENCES users(id),
    imported_at TIMESTAMP NOT NULL,
    UNIQUE (pupil_id, school_year),
    CHECK ((source_format = 'xml') = (source_signature IS NOT NULL))
);
CREATE INDEX imported_years_school ON imported_years(school_id);

CREATE TRIGGER imported_years_no_update BEFORE UPDATE ON imported_years
BEGIN
    SELECT RAISE(ABORT, 'imported year is read-only');
END;
CREATE TRIGGER imported_years_no_delete BEFORE DELETE ON imported_years
BEGIN
    SELECT RAISE(ABORT, 'imported year is read-only');
END;
