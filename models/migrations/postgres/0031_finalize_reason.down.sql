ALTER TABLE evaluation_cycles DROP COLUMN finalize_gaps;
ALTER TABLE evaluation_cycles DROP COLUMN finalize_reason;
