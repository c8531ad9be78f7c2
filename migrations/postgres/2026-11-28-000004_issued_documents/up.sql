-- Issued documents: signed yearly records and hand-over học bạ. A document is immutable once
-- issued: a change to the record gives a new document (new id and verification code) and the old
-- one is marked superseded; a revoked document stays listed with its reason.
--
-- `pdf` holds the current bytes; while a signer whose key is on a USB token still has to sign,
-- `status` is 'pending', `pending_role` names the role and `contents_at` is the offset of the
-- signature placeholder in `pdf` (the signature is embedded there when `hocba sign` uploads it).
CREATE TABLE issued_documents (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    pupil_id TEXT NOT NULL REFERENCES pupils(id),
    kind TEXT NOT NULL CHECK (kind IN ('yearly_record', 'hand_over')),
    school_year TEXT,
    code TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'issued')),
    pending_role TEXT CHECK (pending_role IN ('teacher', 'principal', 'seal')),
    contents_at BIGINT,
    signed_roles TEXT NOT NULL DEFAULT '',
    -- Where each role's visible signature goes (JSON), for signatures still to come.
    signature_boxes TEXT NOT NULL DEFAULT '[]',
    pdf BYTEA NOT NULL,
    xml TEXT NOT NULL,
    xml_signature BYTEA,
    sha256 TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    issued_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    issued_at TIMESTAMP,
    superseded_at TIMESTAMP,
    revoked_at TIMESTAMP,
    revoked_by TEXT REFERENCES users(id),
    revoked_reason TEXT,
    CHECK ((kind = 'yearly_record') = (school_year IS NOT NULL)),
    CHECK ((status = 'pending') = (pending_role IS NOT NULL))
);
CREATE INDEX issued_documents_pupil ON issued_documents(pupil_id, kind);
-- At most one current (not superseded, not revoked) document per pupil, kind and year.
CREATE UNIQUE INDEX issued_documents_current ON issued_documents(pupil_id, kind, COALESCE(school_year, ''))
    WHERE superseded_at IS NULL AND revoked_at IS NULL;

-- Who received an issued document, and when (downloads by parents, hand-overs to a school).
CREATE TABLE document_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    document_id TEXT NOT NULL REFERENCES issued_documents(id),
    user_id TEXT REFERENCES users(id),
    recipient TEXT NOT NULL,
    delivered_at TIMESTAMP NOT NULL
);
CREATE INDEX document_deliveries_document ON document_deliveries(document_id);

-- The signed bytes never change: only superseding and revoking are allowed once issued.
CREATE FUNCTION issued_documents_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'issued' AND (NEW.pdf IS DISTINCT FROM OLD.pdf OR NEW.xml IS DISTINCT FROM OLD.xml
        OR NEW.code IS DISTINCT FROM OLD.code OR NEW.pupil_id IS DISTINCT FROM OLD.pupil_id
        OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.school_year IS DISTINCT FROM OLD.school_year) THEN
        RAISE EXCEPTION 'issued document is immutable';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER issued_documents_immutable BEFORE UPDATE ON issued_documents
    FOR EACH ROW EXECUTE FUNCTION issued_documents_immutable();
