-- Signing keys: the certificate authorities the school trusts and the certificates its signers
-- (homeroom teachers, the principal, the school seal) sign học bạ documents with. Private keys are
-- stored encrypted (AES-256-GCM under a key derived from the `signing_key_secret` setting), or not
-- at all when they stay on a USB token.

-- A CA whose certificates the school accepts. Only the demo CA of `hocba keys init` keeps its key
-- (to issue test certificates); a real CA is only its certificate.
CREATE TABLE signing_cas (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    name TEXT NOT NULL,
    cert_pem TEXT NOT NULL,
    key_enc TEXT,
    is_test BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (school_id, cert_pem)
);

-- A signer's certificate; `chain_pem` holds its issuers (the direct issuer first).
CREATE TABLE signer_certificates (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    role TEXT NOT NULL CHECK (role IN ('teacher', 'principal', 'seal')),
    user_id TEXT REFERENCES users(id),
    holder TEXT NOT NULL,
    issuer TEXT NOT NULL,
    serial TEXT NOT NULL,
    not_before TIMESTAMP NOT NULL,
    not_after TIMESTAMP NOT NULL,
    cert_pem TEXT NOT NULL,
    chain_pem TEXT NOT NULL,
    key_enc TEXT,
    on_token BOOLEAN NOT NULL DEFAULT 0,
    is_test BOOLEAN NOT NULL DEFAULT 0,
    revoked_at TIMESTAMP,
    revoked_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    CHECK ((role = 'seal') = (user_id IS NULL)),
    CHECK (on_token = (key_enc IS NULL)),
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
-- At most one active (not revoked) certificate per person and role, and one seal per school.
CREATE UNIQUE INDEX signer_certificates_active
    ON signer_certificates(school_id, role, COALESCE(user_id, '')) WHERE revoked_at IS NULL;
CREATE INDEX signer_certificates_user ON signer_certificates(user_id);
