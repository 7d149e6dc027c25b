DROP INDEX collaboration_tasks_status_category_idx;
ALTER TABLE collaboration_tasks DROP COLUMN published_at;
ALTER TABLE collaboration_tasks DROP COLUMN progress;
ALTER TABLE collaboration_tasks DROP COLUMN due_on;
ALTER TABLE collaboration_tasks DROP COLUMN starts_on;
ALTER TABLE collaboration_tasks DROP COLUMN national_agenda;
