-- Each task keeps only its latest year's 정부업무평가 entry (the earlier years'
-- entries are deleted), and the result scales of every year are dropped (0075).
DROP INDEX government_evaluations_year_idx;
DELETE FROM government_evaluations g
    WHERE EXISTS (SELECT 1 FROM government_evaluations n WHERE n.task_id = g.task_id AND n.year > g.year);
ALTER TABLE government_evaluations DROP CONSTRAINT government_evaluations_task_id_year_key;
ALTER TABLE government_evaluations ADD CONSTRAINT government_evaluations_task_id_key UNIQUE (task_id);
DROP TABLE government_evaluation_scales;
