-- Collaboration tasks get the details coordinators keep current: the related
-- national agenda task, start and due dates, progress, and when they were published.

ALTER TABLE collaboration_tasks
    ADD COLUMN national_agenda TEXT NOT NULL DEFAULT '',
    ADD COLUMN starts_on       DATE,
    ADD COLUMN due_on          DATE,
    ADD COLUMN progress        INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    ADD COLUMN published_at    TIMESTAMPTZ,
    ADD CONSTRAINT collaboration_tasks_dates_order CHECK (starts_on IS NULL OR due_on IS NULL OR due_on >= starts_on);
CREATE INDEX collaboration_tasks_status_category_idx ON collaboration_tasks (status, category);

-- Evidence links are web addresses and nothing else (no javascript:, no file:).
ALTER TABLE outcomes
    ADD CONSTRAINT outcomes_evidence_url_web CHECK (evidence_url = '' OR evidence_url LIKE 'http://%' OR evidence_url LIKE 'https://%');
