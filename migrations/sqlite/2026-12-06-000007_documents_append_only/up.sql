-- An issued document's signed bytes never change; they may only grow by appended revisions
-- (incremental updates: fresh validation data and a document timestamp, `hocba documents
-- refresh-ltv`), which leave every earlier signature intact.
DROP TRIGGER issued_documents_immutable;
CREATE TRIGGER issued_documents_immutable BEFORE UPDATE OF pdf, xml, code, pupil_id, kind, school_year
ON issued_documents WHEN OLD.status = 'issued' AND (
    length(NEW.pdf) < length(OLD.pdf) OR substr(NEW.pdf, 1, length(OLD.pdf)) IS NOT OLD.pdf
    OR NEW.xml IS NOT OLD.xml OR NEW.code IS NOT OLD.code OR NEW.pupil_id IS NOT OLD.pupil_id
    OR NEW.kind IS NOT OLD.kind OR NEW.school_year IS NOT OLD.school_year)
BEGIN
    SELECT RAISE(ABORT, 'issued document is immutable');
END;
