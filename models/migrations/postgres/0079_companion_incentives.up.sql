-- Incentives for companions (issue 22, items 1 and 5): each 동반 교류자 of an
-- exchange in a finalized cycle is a candidate of their own, with their own
-- decision. One row per cycle and person (companion_id NULL: the exchangee
-- themselves), as evaluation_contributions (0078) keys its rows.
ALTER TABLE incentive_decisions ADD COLUMN companion_id BIGINT REFERENCES nomination_companions (id) ON DELETE CASCADE;
ALTER TABLE incentive_decisions DROP CONSTRAINT incentive_decisions_cycle_id_nomination_id_key;
CREATE UNIQUE INDEX incentive_decisions_exchangee_key ON incentive_decisions (cycle_id, nomination_id) WHERE companion_id IS NULL;
CREATE UNIQUE INDEX incentive_decisions_companion_key ON incentive_decisions (cycle_id, companion_id) WHERE companion_id IS NOT NULL;
