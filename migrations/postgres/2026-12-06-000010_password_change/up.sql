-- An account whose password was issued by someone else (first admin, a new staff account, a
-- reset) must choose its own before doing anything else.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
