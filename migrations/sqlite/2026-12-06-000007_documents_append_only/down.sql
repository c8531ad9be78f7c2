DROP TRIGGER issued_documents_immutable;
CREATE TRIGGER issued_documents_immutable BEFORE UPDATE OF pdf, xml, code, pupil_id, kind, school_year
ON issued_documents WHEN OLD.status = 'issued'
BEGIN
    SELECT RAISE(ABORT, 'issued document is immutable');
END;
