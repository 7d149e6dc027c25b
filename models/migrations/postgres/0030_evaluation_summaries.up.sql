-- A task's summary comment in a cycle (종합 의견, issue 22): what the pair's
-- coordinators read after 확정 in place of each reviewer's scores and comments,
-- which stay with reviewers and administrators.
CREATE TABLE evaluation_summaries (
    id          BIGSERIAL PRIMARY KEY,
    cycle_id    BIGINT NOT NULL REFERENCES evaluation_cycles (id) ON DELETE CASCADE,
    task_id     BIGINT NOT NULL REFERENCES collaboration_tasks (id),
    comment     TEXT NOT NULL DEFAULT '',
    updated_by  BIGINT REFERENCES users (id),
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (cycle_id, task_id)
);
