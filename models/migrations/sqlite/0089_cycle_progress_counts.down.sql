-- The cycles no longer keep their numbers of tasks reviewed and self-assessed (0089).
ALTER TABLE evaluation_cycles DROP COLUMN submitted_tasks;
ALTER TABLE evaluation_cycles DROP COLUMN reviewed_tasks;
