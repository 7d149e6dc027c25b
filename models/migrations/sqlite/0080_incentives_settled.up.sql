-- The administrators' worklist counted, on every signed-in page, each finalized
-- cycle's exchangees and companions still without an incentive decision, so
-- that every cycle of the history cost its whole size again (issue 25: about
-- 3 s a page on PostgreSQL at ten years). A cycle whose people are all decided
-- now carries the time it was found so; the worklist passes it over. The store
-- sets or clears it in the transaction that changes what it depends on (a
-- decision, 확정, an exchange starting, a companion added or removed;
-- models/incentive_settled.go). The cycles already settled are marked here,
-- by the worklist's own count (models/worklist.go, undecidedSQL).
ALTER TABLE evaluation_cycles ADD COLUMN incentives_settled_at DATETIME;
UPDATE evaluation_cycles AS c SET incentives_settled_at = CURRENT_TIMESTAMP
 WHERE c.stage = 'finalized' AND (SELECT COALESCE(SUM(CASE WHEN (CASE WHEN EXISTS (SELECT 1 FROM incentive_decisions d WHERE d.cycle_id = c.id AND d.nomination_id = n.id AND d.companion_id IS NULL) THEN 0 ELSE 1 END
       + (SELECT COUNT(*) FROM nomination_companions nc WHERE nc.nomination_id = n.id AND nc.removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM incentive_decisions d WHERE d.cycle_id = c.id AND d.companion_id = nc.id))) = 0 THEN 0
       WHEN EXISTS (SELECT 1 FROM collaboration_tasks t JOIN exchange_pairs p ON p.id = t.pair_id WHERE p.status = 'selected' AND p.round_id IN (SELECT round_id FROM evaluation_cycle_rounds WHERE cycle_id = c.id) AND t.pair_id = n.pair_id AND EXISTS (SELECT 1 FROM evaluation_reviews rv WHERE rv.cycle_id = c.id AND rv.task_id = t.id AND (SELECT COUNT(*) FROM evaluation_scores s WHERE s.review_id = rv.id) = (SELECT COUNT(*) FROM evaluation_criteria cr WHERE cr.cycle_id = c.id))
       AND (20 * (SELECT SUM(s.score * cr.weight) FROM evaluation_reviews rv JOIN evaluation_scores s ON s.review_id = rv.id JOIN evaluation_criteria cr ON cr.id = s.criterion_id WHERE rv.cycle_id = c.id AND rv.task_id = t.id AND (SELECT COUNT(*) FROM evaluation_scores s WHERE s.review_id = rv.id) = (SELECT COUNT(*) FROM evaluation_criteria cr WHERE cr.cycle_id = c.id))
       + c.scale * (SELECT COUNT(*) FROM evaluation_reviews rv WHERE rv.cycle_id = c.id AND rv.task_id = t.id AND (SELECT COUNT(*) FROM evaluation_scores s WHERE s.review_id = rv.id) = (SELECT COUNT(*) FROM evaluation_criteria cr WHERE cr.cycle_id = c.id)))
       / (2 * c.scale * (SELECT COUNT(*) FROM evaluation_reviews rv WHERE rv.cycle_id = c.id AND rv.task_id = t.id AND (SELECT COUNT(*) FROM evaluation_scores s WHERE s.review_id = rv.id) = (SELECT COUNT(*) FROM evaluation_criteria cr WHERE cr.cycle_id = c.id))) >= c.incentive_tenths)
       THEN (CASE WHEN EXISTS (SELECT 1 FROM incentive_decisions d WHERE d.cycle_id = c.id AND d.nomination_id = n.id AND d.companion_id IS NULL) THEN 0 ELSE 1 END
       + (SELECT COUNT(*) FROM nomination_companions nc WHERE nc.nomination_id = n.id AND nc.removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM incentive_decisions d WHERE d.cycle_id = c.id AND d.companion_id = nc.id))) ELSE 0 END), 0)
       FROM evaluation_cycle_rounds ucr CROSS JOIN exchange_pairs up CROSS JOIN nominations n
       WHERE ucr.cycle_id = c.id AND up.round_id = ucr.round_id AND up.status = 'selected' AND n.pair_id = up.id AND n.status IN ('active', 'extended', 'completed', 'acknowledged')) = 0;
