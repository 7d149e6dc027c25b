ALTER TABLE nomination_events DROP COLUMN conditions;
ALTER TABLE nomination_conditions DROP COLUMN confirmed_at;
ALTER TABLE nomination_conditions DROP COLUMN confirmed_by;
