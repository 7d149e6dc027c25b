ALTER TABLE outcomes DROP CONSTRAINT outcomes_evidence_url_web;
DROP INDEX collaboration_tasks_status_category_idx;
ALTER TABLE collaboration_tasks
    DROP CONSTRAINT collaboration_tasks_dates_order,
    DROP COLUMN published_at,
    DROP COLUMN progress,
    DROP COLUMN due_on,
    DROP COLUMN starts_on,
    DROP COLUMN national_agenda;
