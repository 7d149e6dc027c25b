-- Incentives the 인사 부서 can act on (issue 22): each cycle keeps its list of
-- incentives (one a line; the administrator edits it, the app invents no
-- amounts), and a decision names one of them, or 해당 없음, instead of the three
-- fixed codes. Decisions taken before keep their meaning.
ALTER TABLE evaluation_cycles ADD COLUMN incentive_kinds TEXT NOT NULL DEFAULT '';
UPDATE evaluation_cycles SET incentive_kinds = '평가수당 우대
성과상여금 등급 우대
근무성적평정 가점
승진 심사 우대
희망 보직 우선 반영
기타';
ALTER TABLE incentive_decisions DROP CONSTRAINT incentive_decisions_decision_check;
UPDATE incentive_decisions SET decision = CASE decision WHEN 'allowance' THEN '평가수당 우대' WHEN 'other_benefit' THEN '기타' ELSE '해당 없음' END;
