-- A task's progress nobody entered is unknown, not 0%: the column may be empty.
-- Until now the form could not be left empty and every task started at 0, so a
-- stored 0 says nothing was entered; it becomes empty (a real 0% is entered again).

ALTER TABLE collaboration_tasks
    ALTER COLUMN progress DROP NOT NULL,
    ALTER COLUMN progress DROP DEFAULT;
UPDATE collaboration_tasks SET progress = NULL WHERE progress = 0;
