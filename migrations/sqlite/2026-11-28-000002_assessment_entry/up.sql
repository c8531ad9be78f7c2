-- Assessment entry: writes replayed from a teacher's offline queue are applied once.
-- `op_key` is the Idempotency-Key the client gave the write; `response` is the answer it got.
CREATE TABLE client_ops (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    op_key TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, op_key)
);
