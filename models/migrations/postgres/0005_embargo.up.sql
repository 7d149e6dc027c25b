-- The embargo: a round, with its pairs, tasks, outcomes and counts, reaches the
-- public pages only from its announcement time (NULL: not announced).
ALTER TABLE rounds ADD COLUMN announce_at TIMESTAMPTZ;

-- Rounds the public could see before this migration stay public. Rounds 1 and
-- 2 were made public by the press release ("보도 시점 2024.12.22.(일) 12:00");
-- when round 1 was first announced (February 2024) is not in the source, so it
-- is given the press release's time too. Other rounds already at 선정 완료 or
-- later count as announced when they were last changed.
UPDATE rounds
   SET announce_at = CASE WHEN number IN (1, 2) THEN TIMESTAMPTZ '2024-12-22 12:00:00+09' ELSE updated_at END
 WHERE status IN ('selected', 'active', 'closed');

-- Outcome numbers stay within ±1조 and amounts are never negative (the domain
-- says so in Korean first). NOT VALID: rows written before are not re-checked.
ALTER TABLE outcomes
    ADD CONSTRAINT outcomes_values_bounded
        CHECK (value_before BETWEEN -1e12 AND 1e12 AND value_after BETWEEN -1e12 AND 1e12) NOT VALID,
    ADD CONSTRAINT outcomes_amount_bounded CHECK (amount BETWEEN 0 AND 1e12) NOT VALID;
