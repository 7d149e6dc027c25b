-- Progress is a number again, 0 where nobody entered it.

UPDATE collaboration_tasks SET progress = 0 WHERE progress IS NULL;
ALTER TABLE collaboration_tasks
    ALTER COLUMN progress SET DEFAULT 0,
    ALTER COLUMN progress SET NOT NULL;
