-- The cycles no longer keep their number of tasks (0088).
ALTER TABLE evaluation_cycles DROP COLUMN task_count;
