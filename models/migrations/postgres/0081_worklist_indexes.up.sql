-- Two jobs of a ministry's worklist, on every page its coordinator opens, read
-- the whole history (issue 25): the published tasks with nothing entered were
-- found by reading every task, and the positions without an exchangee by
-- every nomination. The tasks still empty are few, whatever the years; a
-- position's nominations are found by the position.
CREATE INDEX collaboration_tasks_unentered_idx ON collaboration_tasks (pair_id) WHERE published AND progress IS NULL;
CREATE INDEX nominations_position_status_idx ON nominations (position_id, status);
