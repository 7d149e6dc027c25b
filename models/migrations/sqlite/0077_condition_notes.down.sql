ALTER TABLE nomination_conditions DROP COLUMN note;
ALTER TABLE round_conditions DROP COLUMN note_required;
