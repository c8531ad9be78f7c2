-- Sessions ended by logout: a token whose session id is listed is refused until it would have
-- expired anyway (rows past expires_at are pruned).
CREATE TABLE revoked_sessions (
    sid TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
