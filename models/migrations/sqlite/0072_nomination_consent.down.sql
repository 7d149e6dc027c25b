ALTER TABLE nominations DROP COLUMN consented_submission;
