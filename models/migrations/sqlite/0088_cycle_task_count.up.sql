-- A cycle keeps its number of tasks: the tasks of the selected pairs of its
-- rounds (models/cycle_tasks.go). 확정's remaining work on every
-- administrator's page and a reviewer's number of tasks to score, on every
-- page of a reviewer, counted them for each cycle in 심사: 2,000 in a cycle
-- of a full synthetic year (issue 25). The store counts them again in the
-- transaction of each change they depend on; here they are counted for every
-- cycle.
ALTER TABLE evaluation_cycles ADD COLUMN task_count INTEGER NOT NULL DEFAULT 0;
UPDATE evaluation_cycles AS c SET task_count = (
       SELECT COUNT(*) FROM evaluation_cycle_rounds ecr JOIN exchange_pairs p ON p.round_id = ecr.round_id
         JOIN collaboration_tasks t ON t.pair_id = p.id
        WHERE ecr.cycle_id = c.id AND p.status = 'selected');
