ALTER TABLE nominations DROP COLUMN registration;
