CREATE OR REPLACE FUNCTION issued_documents_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'issued' AND (NEW.pdf IS DISTINCT FROM OLD.pdf OR NEW.xml IS DISTINCT FROM OLD.xml
        OR NEW.code IS DISTINCT FROM OLD.code OR NEW.pupil_id IS DISTINCT FROM OLD.pupil_id
        OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.school_year IS DISTINCT FROM OLD.school_year) THEN
        RAISE EXCEPTION 'issued document is immutable';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
