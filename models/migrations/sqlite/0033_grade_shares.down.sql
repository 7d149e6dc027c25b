ALTER TABLE evaluation_grade_bands DROP COLUMN max_share;
