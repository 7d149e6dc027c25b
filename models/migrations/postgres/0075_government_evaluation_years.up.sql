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
CREATE TABLE government_evaluation_scales (
    id          BIGSERIAL PRIMARY KEY,
    year        INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
    grades      TEXT NOT NULL CHECK (grades <> ''),
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE government_evaluations DROP CONSTRAINT government_evaluations_task_id_key;
ALTER TABLE government_evaluations ADD CONSTRAINT government_evaluations_task_id_year_key UNIQUE (task_id, year);
-- The upgrade list by year.
CREATE INDEX government_evaluations_year_idx ON government_evaluations (year);
