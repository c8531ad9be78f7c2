ALTER TABLE client_ops DROP COLUMN request_hash;
