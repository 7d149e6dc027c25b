-- A reviewer's tasks to score (the worklist, on every page of a reviewer) are
-- a cycle's tasks without the reviewer's review: one lookup a task, 2,000 in a
-- cycle of a full synthetic year (issue 25). PostgreSQL's generic plan looked
-- each up by the task alone and read every review of the task from the table
-- (one a cycle of its year) to keep the reviewer's in this cycle: 4.2 ms at
-- ten years. Indexed by the task, then the cycle and the reviewer, the lookup
-- reads the index only; the task alone (its foreign key) is still served.
DROP INDEX evaluation_reviews_task_id_idx;
CREATE INDEX evaluation_reviews_task_cycle_reviewer_idx ON evaluation_reviews (task_id, cycle_id, reviewer_id);
