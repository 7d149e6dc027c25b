-- The administrators' worklist words each finalized cycle still open for
-- incentive decisions with the number of its people undecided, counted over
-- the cycle's exchanges on every signed-in page: 0.8 ms for a full synthetic
-- year's cycle of 200 exchanges on SQLite, a tenth of that for the demo's
-- (issue 25). The store now keeps the number beside the settled mark (0080),
-- in the same transactions (models/incentive_settled.go); here it is counted
-- for the cycles open, by the worklist's rule (models/worklist.go,
-- undecidedSQL): the people of each exchange whose pair's kept result (0082)
-- reaches the incentive score, the exchangee and each companion still in,
-- without a decision of their own.
ALTER TABLE evaluation_cycles ADD COLUMN incentives_undecided INTEGER NOT NULL DEFAULT 0;
UPDATE evaluation_cycles AS c SET incentives_undecided = (
       SELECT COALESCE(SUM((CASE WHEN EXISTS (SELECT 1 FROM incentive_decisions d WHERE d.cycle_id = c.id AND d.nomination_id = n.id AND d.companion_id IS NULL) THEN 0 ELSE 1 END)
              + (SELECT COUNT(*) FROM nomination_companions nc WHERE nc.nomination_id = n.id AND nc.removed_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM incentive_decisions d WHERE d.cycle_id = c.id AND d.companion_id = nc.id))), 0)
         FROM evaluation_cycle_rounds ucr JOIN exchange_pairs up ON up.round_id = ucr.round_id JOIN nominations n ON n.pair_id = up.id
         JOIN evaluation_pair_results r ON r.cycle_id = c.id AND r.pair_id = n.pair_id AND r.score_tenths >= c.incentive_tenths
        WHERE ucr.cycle_id = c.id AND up.status = 'selected' AND n.status IN ('active', 'extended', 'completed', 'acknowledged'))
 WHERE c.stage = 'finalized' AND c.incentives_settled_at IS NULL;
