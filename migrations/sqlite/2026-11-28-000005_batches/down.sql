DROP TABLE batch_items;
DROP TABLE batch_jobs;
