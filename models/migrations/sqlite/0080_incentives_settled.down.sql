-- The cycles lose their "incentives all decided" mark (0080).
ALTER TABLE evaluation_cycles DROP COLUMN incentives_settled_at;
