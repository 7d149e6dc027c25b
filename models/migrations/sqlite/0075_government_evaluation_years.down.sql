-- Each task keeps only its latest year's 정부업무평가 entry (the earlier years'
-- entries are deleted), and the result scales of every year are dropped (0075).
CREATE TABLE government_evaluations_one (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id       BIGINT NOT NULL REFERENCES collaboration_tasks (id) UNIQUE,
    year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    result        TEXT NOT NULL DEFAULT '',
    upgrade       BOOLEAN NOT NULL DEFAULT FALSE,
    upgrade_plan  TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO government_evaluations_one (id, task_id, year, result, upgrade, upgrade_plan, version, created_at, updated_at)
    SELECT id, task_id, year, result, upgrade, upgrade_plan, version, created_at, updated_at FROM government_evaluations g
    WHERE NOT EXISTS (SELECT 1 FROM government_evaluations n WHERE n.task_id = g.task_id AND n.year > g.year);
DROP TABLE government_evaluations;
ALTER TABLE government_evaluations_one RENAME TO government_evaluations;
DROP TABLE government_evaluation_scales;
