-- A task's progress nobody entered is unknown, not 0%: the column may be empty.
-- Until now the form could not be left empty and every task started at 0, so a
-- stored 0 says nothing was entered; it becomes empty (a real 0% is entered again).
-- SQLite cannot drop NOT NULL from a column, so the column is replaced.

ALTER TABLE collaboration_tasks ADD COLUMN progress_entered INTEGER CHECK (progress_entered BETWEEN 0 AND 100);
UPDATE collaboration_tasks SET progress_entered = NULLIF(progress, 0);
ALTER TABLE collaboration_tasks DROP COLUMN progress;
ALTER TABLE collaboration_tasks RENAME COLUMN progress_entered TO progress;
