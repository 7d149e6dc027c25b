UPDATE incentive_decisions SET decision = CASE decision WHEN '평가수당 우대' THEN 'allowance' WHEN '해당 없음' THEN 'none' ELSE 'other_benefit' END;
ALTER TABLE incentive_decisions ADD CONSTRAINT incentive_decisions_decision_check CHECK (decision IN ('allowance', 'other_benefit', 'none'));
ALTER TABLE evaluation_cycles DROP COLUMN incentive_kinds;
