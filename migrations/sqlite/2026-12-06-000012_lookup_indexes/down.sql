DROP INDEX issued_documents_school;
DROP INDEX guardianships_pupil;
DROP INDEX users_school;
DROP INDEX pupils_school;
DROP INDEX classes_homeroom_teacher;
DROP INDEX teaching_assignments_teacher;
