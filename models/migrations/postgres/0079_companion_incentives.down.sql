-- Companions' incentive decisions are dropped; the exchangees' stay (0079).
DELETE FROM incentive_decisions WHERE companion_id IS NOT NULL;
DROP INDEX incentive_decisions_companion_key;
DROP INDEX incentive_decisions_exchangee_key;
ALTER TABLE incentive_decisions ADD CONSTRAINT incentive_decisions_cycle_id_nomination_id_key UNIQUE (cycle_id, nomination_id);
ALTER TABLE incentive_decisions DROP COLUMN companion_id;
