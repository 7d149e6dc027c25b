-- A finalized cycle's result of each pair, kept (issue 25). Each exchangee
-- and companion of a pair has the pair's result: the mean of its scored tasks'
-- scores, half up (EvaluationCycle.PersonResults), and reaches the incentive
-- score with it. The administrators' worklist counted, on every page, the
-- undecided people of a finalized cycle by scoring their pairs' tasks again
-- from every review (4 ms of every administrator's page at ten synthetic
-- years), and by another rule: a pair with any task at the incentive score,
-- where the incentive page marks those whose result reaches it. A finalized
-- cycle's scores, criteria and rounds no longer change, nor its tasks with
-- scores, so its pairs' results are written once, at 확정
-- (models/incentive_settled.go, keepPairResultsSQL), and here for the cycles
-- finalized already, by the same arithmetic: a task's score in tenths is
-- (20 × Σ score × weight + scale × reviews) ÷ (2 × scale × reviews), a pair's
-- (2 × Σ task scores + tasks) ÷ (2 × tasks), integers, as ComputeTask and
-- personResult round. Only complete reviews of the tasks a cycle covers count.
CREATE TABLE evaluation_pair_results (
    cycle_id      BIGINT NOT NULL REFERENCES evaluation_cycles (id) ON DELETE CASCADE,
    pair_id       BIGINT NOT NULL REFERENCES exchange_pairs (id),
    scored        INTEGER NOT NULL CHECK (scored > 0),
    score_tenths  INTEGER NOT NULL,
    PRIMARY KEY (cycle_id, pair_id)
);
INSERT INTO evaluation_pair_results (cycle_id, pair_id, scored, score_tenths)
SELECT cycle_id, pair_id, COUNT(*), (2 * SUM(tenths) + COUNT(*)) / (2 * COUNT(*)) FROM (
    SELECT c.id AS cycle_id, t.pair_id AS pair_id,
           CAST((20 * SUM(s.score * cr.weight) + c.scale * COUNT(DISTINCT rv.id)) / (2 * c.scale * COUNT(DISTINCT rv.id)) AS INTEGER) AS tenths
      FROM evaluation_cycles c
      JOIN evaluation_reviews rv ON rv.cycle_id = c.id
      JOIN collaboration_tasks t ON t.id = rv.task_id
      JOIN evaluation_scores s ON s.review_id = rv.id
      JOIN evaluation_criteria cr ON cr.id = s.criterion_id
     WHERE c.stage = 'finalized' AND c.scale > 0
       AND (SELECT COUNT(*) FROM evaluation_scores s2 JOIN evaluation_criteria cr2 ON cr2.id = s2.criterion_id WHERE s2.review_id = rv.id AND cr2.cycle_id = c.id)
         = (SELECT COUNT(*) FROM evaluation_criteria cr3 WHERE cr3.cycle_id = c.id)
       AND t.pair_id IN (SELECT p.id FROM evaluation_cycle_rounds ecr JOIN exchange_pairs p ON p.round_id = ecr.round_id
                          WHERE ecr.cycle_id = c.id AND p.status = 'selected')
     GROUP BY c.id, c.scale, t.pair_id, t.id
) task_results
GROUP BY cycle_id, pair_id;
-- The incentive count now follows the page's rule (a pair's result at the
-- incentive score), which names no one the old rule did not: a cycle found
-- with no one left undecided by it is marked settled (0080).
UPDATE evaluation_cycles AS c SET incentives_settled_at = CURRENT_TIMESTAMP
 WHERE c.stage = 'finalized' AND c.incentives_settled_at IS NULL AND NOT EXISTS (
       SELECT 1 FROM evaluation_cycle_rounds ucr JOIN exchange_pairs up ON up.round_id = ucr.round_id JOIN nominations n ON n.pair_id = up.id
        JOIN evaluation_pair_results r ON r.cycle_id = c.id AND r.pair_id = n.pair_id AND r.score_tenths >= c.incentive_tenths
        WHERE ucr.cycle_id = c.id AND up.status = 'selected' AND n.status IN ('active', 'extended', 'completed', 'acknowledged')
          AND (NOT EXISTS (SELECT 1 FROM incentive_decisions d WHERE d.cycle_id = c.id AND d.nomination_id = n.id AND d.companion_id IS NULL)
               OR EXISTS (SELECT 1 FROM nomination_companions nc WHERE nc.nomination_id = n.id AND nc.removed_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM incentive_decisions d WHERE d.cycle_id = c.id AND d.companion_id = nc.id))));
