-- Hand-over in batches: the học bạ of a whole class (a graduating cohort or a transferring class),
-- issued pupil by pupil and zipped. One item per pupil, in a fixed order; a run that stops (crash,
-- restart, kill) resumes at the first item not done, and issuing reuses a pupil's current document,
-- so no pupil is issued twice or skipped.
CREATE TABLE batch_jobs (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools(id),
    class_id TEXT NOT NULL REFERENCES classes(id),
    requested_by TEXT NOT NULL REFERENCES users(id),
    -- The verification page printed on the documents (kept so that a resumed run prints the same).
    verify_base TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    total INTEGER NOT NULL,
    done_count INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    zip_path TEXT,
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
-- At most one unfinished batch per class.
CREATE UNIQUE INDEX batch_jobs_one_running ON batch_jobs(class_id) WHERE status = 'running';

CREATE TABLE batch_items (
    job_id TEXT NOT NULL REFERENCES batch_jobs(id),
    position INTEGER NOT NULL,
    pupil_id TEXT NOT NULL REFERENCES pupils(id),
    document_id TEXT REFERENCES issued_documents(id),
    error TEXT,
    done_at TIMESTAMP,
    PRIMARY KEY (job_id, position),
    UNIQUE (job_id, pupil_id)
);
