CREATE TABLE incentive_decisions_coded (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id       BIGINT NOT NULL REFERENCES evaluation_cycles (id),
    nomination_id  BIGINT NOT NULL REFERENCES nominations (id),
    decision       TEXT NOT NULL CHECK (decision IN ('allowance', 'other_benefit', 'none')),
    note           TEXT NOT NULL DEFAULT '',
    decided_by     BIGINT REFERENCES users (id),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (cycle_id, nomination_id)
);
INSERT INTO incentive_decisions_coded (id, cycle_id, nomination_id, decision, note, decided_by, version, created_at, updated_at)
    SELECT id, cycle_id, nomination_id,
           CASE decision WHEN '평가수당 우대' THEN 'allowance' WHEN '해당 없음' THEN 'none' ELSE 'other_benefit' END,
           note, decided_by, version, created_at, updated_at
    FROM incentive_decisions;
DROP TABLE incentive_decisions;
ALTER TABLE incentive_decisions_coded RENAME TO incentive_decisions;
CREATE INDEX incentive_decisions_nomination_id_idx ON incentive_decisions (nomination_id);
ALTER TABLE evaluation_cycles DROP COLUMN incentive_kinds;
