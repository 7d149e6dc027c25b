-- A cycle's jobs per task (a reviewer's tasks to score, a coordinator's to
-- assess) are listed in the order of the cycles' stage, since and id, then of
-- each cycle's rounds, pairs and tasks (models/worklist.go, cycleTaskWalk).
-- With the cycles read in that order from this index, SQLite lists the jobs
-- without sorting them and stops at the last one shown, where it looked up
-- every task of the cycle first: 2,000 in a cycle of a full synthetic year,
-- on every page of a reviewer (issue 25).
CREATE INDEX evaluation_cycles_stage_walk_idx ON evaluation_cycles (stage, updated_at, id);
