-- Lookups of the hot paths that no unique constraint serves (docs/scaling.md): a teacher's classes
-- (assigned subjects, homeroom), a school's pupils, staff and issued documents, a pupil's guardians.
-- Without them each is a scan of the whole table, which at province size holds 400 schools' rows.
CREATE INDEX teaching_assignments_teacher ON teaching_assignments(teacher_id);
CREATE INDEX classes_homeroom_teacher ON classes(homeroom_teacher_id);
CREATE INDEX pupils_school ON pupils(school_id, full_name);
CREATE INDEX users_school ON users(school_id);
CREATE INDEX guardianships_pupil ON guardianships(pupil_id);
CREATE INDEX issued_documents_school ON issued_documents(school_id);
