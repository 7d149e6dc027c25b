ALTER TABLE nomination_companions DROP COLUMN removal_reason;
ALTER TABLE nomination_companions DROP COLUMN removed_by;
ALTER TABLE nomination_companions DROP COLUMN removed_at;
ALTER TABLE nomination_companions DROP COLUMN goes_to;
ALTER TABLE nomination_companions DROP COLUMN planned_end;
ALTER TABLE nomination_companions DROP COLUMN planned_start;
ALTER TABLE nomination_companions DROP COLUMN current_position;
