-- Collaboration tasks get the details coordinators keep current: the related
-- national agenda task, start and due dates, progress, and when they were published.
-- SQLite adds no table constraint to an existing table, so the date order and the
-- evidence link's scheme are checked by the domain (and by PostgreSQL in production).

ALTER TABLE collaboration_tasks ADD COLUMN national_agenda TEXT NOT NULL DEFAULT '';
ALTER TABLE collaboration_tasks ADD COLUMN starts_on DATE;
ALTER TABLE collaboration_tasks ADD COLUMN due_on DATE;
ALTER TABLE collaboration_tasks ADD COLUMN progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100);
ALTER TABLE collaboration_tasks ADD COLUMN published_at DATETIME;
CREATE INDEX collaboration_tasks_status_category_idx ON collaboration_tasks (status, category);
