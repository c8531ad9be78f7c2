-- An Idempotency-Key is bound to the request it was first used for (method, path and body, as a
-- SHA-256): a reuse with another request is refused instead of answered with the first one's answer.
-- NULL on keys kept before this column existed.
ALTER TABLE client_ops ADD COLUMN request_hash TEXT;
