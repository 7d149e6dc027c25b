-- The reviews are indexed by their task alone again (0008).
DROP INDEX evaluation_reviews_task_cycle_reviewer_idx;
CREATE INDEX evaluation_reviews_task_id_idx ON evaluation_reviews (task_id);
