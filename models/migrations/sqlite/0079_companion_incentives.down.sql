-- Companions' incentive decisions are dropped; the exchangees' stay (0079).
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
    SELECT id, cycle_id, nomination_id, decision, note, decided_by, version, created_at, updated_at
    FROM incentive_decisions WHERE companion_id IS NULL;
DROP TABLE incentive_decisions;
ALTER TABLE incentive_decisions_named RENAME TO incentive_decisions;
CREATE INDEX incentive_decisions_nomination_id_idx ON incentive_decisions (nomination_id);
