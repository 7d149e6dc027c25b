-- The cycles no longer keep their number of people undecided (0084).
ALTER TABLE evaluation_cycles DROP COLUMN incentives_undecided;
