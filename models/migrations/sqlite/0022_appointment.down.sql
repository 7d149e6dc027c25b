ALTER TABLE nominations DROP COLUMN return_post;
ALTER TABLE nominations DROP COLUMN appointment_no;
