-- An issued document's signed bytes never change; they may only grow by appended revisions
-- (incremental updates: fresh validation data and a document timestamp, `hocba documents
-- refresh-ltv`), which leave every earlier signature intact.
CREATE OR REPLACE FUNCTION issued_documents_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'issued' AND (
        length(NEW.pdf) < length(OLD.pdf) OR substring(NEW.pdf FROM 1 FOR length(OLD.pdf)) IS DISTINCT FROM OLD.pdf
        OR NEW.xml IS DISTINCT FROM OLD.xml
        OR NEW.code IS DISTINCT FROM OLD.code OR NEW.pupil_id IS DISTINCT FROM OLD.pupil_id
        OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.school_year IS DISTINCT FROM OLD.school_year) THEN
        RAISE EXCEPTION 'issued document is immutable';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
