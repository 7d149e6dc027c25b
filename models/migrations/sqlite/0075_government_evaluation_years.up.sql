-- 정부업무평가 per task and year (issue 22). The administrator keeps, per
-- evaluation year, the list of result grades (grades: one a line, best first).
-- The app ships no scale: the official one is entered by the administrator.
-- A task keeps one entry per year instead of one in all, so it has a history.
--
-- Existing entries stay exactly as they were: their year, their result as it
-- was typed, their upgrade flag and plan. No scale is made from them (free text
-- such as "우수(장관 표창)" is not a grade, and a scale is the administrator's
-- to set). An entry whose result is not on its year's scale (none is, until the
-- administrator sets the scale) reads as typed, marked as not on the scale; it
-- may be saved again with that result unchanged (to change the upgrade plan),
-- and whoever changes the result chooses one from the year's scale.
-- SQLite drops a UNIQUE constraint by building the table again.
CREATE TABLE government_evaluation_scales (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    year        INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
    grades      TEXT NOT NULL CHECK (grades <> ''),
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE government_evaluations_by_year (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id       BIGINT NOT NULL REFERENCES collaboration_tasks (id),
    year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    result        TEXT NOT NULL DEFAULT '',
    upgrade       BOOLEAN NOT NULL DEFAULT FALSE,
    upgrade_plan  TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (task_id, year)
);
INSERT INTO government_evaluations_by_year (id, task_id, year, result, upgrade, upgrade_plan, version, created_at, updated_at)
    SELECT id, task_id, year, result, upgrade, upgrade_plan, version, created_at, updated_at FROM government_evaluations;
DROP TABLE government_evaluations;
ALTER TABLE government_evaluations_by_year RENAME TO government_evaluations;
-- The upgrade list by year.
CREATE INDEX government_evaluations_year_idx ON government_evaluations (year);
