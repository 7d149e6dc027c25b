-- Progress is a number again, 0 where nobody entered it.

ALTER TABLE collaboration_tasks ADD COLUMN progress_number INTEGER NOT NULL DEFAULT 0 CHECK (progress_number BETWEEN 0 AND 100);
UPDATE collaboration_tasks SET progress_number = COALESCE(progress, 0);
ALTER TABLE collaboration_tasks DROP COLUMN progress;
ALTER TABLE collaboration_tasks RENAME COLUMN progress_number TO progress;
