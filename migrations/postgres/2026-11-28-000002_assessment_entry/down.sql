DROP TRIGGER awards_locked ON awards;
DROP TRIGGER year_end_records_locked ON year_end_records;
DROP FUNCTION refuse_locked_year_end();
DROP TABLE comment_bank;
DROP INDEX awards_year_end_once;
DROP INDEX awards_enrolment;
DROP TABLE awards;
DROP TABLE year_end_records;
DROP TABLE client_ops;
