-- A cycle keeps its numbers of tasks with a review and with a submitted
-- self-assessment (models/cycle_tasks.go), beside its number of tasks (0088).
-- 확정's remaining work, on every administrator's page while a cycle is in
-- 심사, counted them over the cycle's reviews and self-assessments: 2,000 of
-- each in a cycle of a full synthetic year, about 0.6 ms of every such page
-- on PostgreSQL (issue 25). The store counts them again in the transaction of
-- each review or self-assessment saved; here they are counted for every cycle.
ALTER TABLE evaluation_cycles ADD COLUMN reviewed_tasks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE evaluation_cycles ADD COLUMN submitted_tasks INTEGER NOT NULL DEFAULT 0;
UPDATE evaluation_cycles AS c SET
       reviewed_tasks = (SELECT COUNT(DISTINCT rv.task_id) FROM evaluation_reviews rv WHERE rv.cycle_id = c.id),
       submitted_tasks = (SELECT COUNT(*) FROM self_assessments a WHERE a.cycle_id = c.id AND a.submitted_at IS NOT NULL);
