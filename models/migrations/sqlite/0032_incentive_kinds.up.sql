-- Incentives the 인사 부서 can act on (issue 22): each cycle keeps its list of
-- incentives (one a line; the administrator edits it, the app invents no
-- amounts), and a decision names one of them, or 해당 없음, instead of the three
-- fixed codes. Decisions taken before keep their meaning. SQLite drops a CHECK
-- by building the table again.
ALTER TABLE evaluation_cycles ADD COLUMN incentive_kinds TEXT NOT NULL DEFAULT '';
UPDATE evaluation_cycles SET incentive_kinds = '평가수당 우대
성과상여금 등급 우대
근무성적평정 가점
승진 심사 우대
희망 보직 우선 반영
기타';
CREATE TABLE incentive_decisions_named (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id       BIGINT NOT NULL REFERENCES evaluation_cycles (id),
    nomination_id  BIGINT NOT NULL REFERENCES nominations (id),
    decision       TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    decided_by     BIGINT REFERENCES users (id),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (cycle_id, nomination_id)
);
INSERT INTO incentive_decisions_named (id, cycle_id, nomination_id, decision, note, decided_by, version, created_at, updated_at)
    SELECT id, cycle_id, nomination_id,
           CASE decision WHEN 'allowance' THEN '평가수당 우대' WHEN 'other_benefit' THEN '기타' ELSE '해당 없음' END,
           note, decided_by, version, created_at, updated_at
    FROM incentive_decisions;
DROP TABLE incentive_decisions;
ALTER TABLE incentive_decisions_named RENAME TO incentive_decisions;
CREATE INDEX incentive_decisions_nomination_id_idx ON incentive_decisions (nomination_id);
