-- Incentives for companions (issue 22, items 1 and 5): each 동반 교류자 of an
-- exchange in a finalized cycle is a candidate of their own, with their own
-- decision. One row per cycle and person (companion_id NULL: the exchangee
-- themselves), as evaluation_contributions (0078) keys its rows. SQLite drops
-- a UNIQUE constraint by building the table again (as 0032 did); no table
-- references incentive_decisions.
CREATE TABLE incentive_decisions_per_person (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id       BIGINT NOT NULL REFERENCES evaluation_cycles (id),
    nomination_id  BIGINT NOT NULL REFERENCES nominations (id),
    decision       TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    decided_by     BIGINT REFERENCES users (id),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    companion_id   BIGINT REFERENCES nomination_companions (id) ON DELETE CASCADE
);
INSERT INTO incentive_decisions_per_person (id, cycle_id, nomination_id, decision, note, decided_by, version, created_at, updated_at)
    SELECT id, cycle_id, nomination_id, decision, note, decided_by, version, created_at, updated_at FROM incentive_decisions;
DROP TABLE incentive_decisions;
ALTER TABLE incentive_decisions_per_person RENAME TO incentive_decisions;
CREATE INDEX incentive_decisions_nomination_id_idx ON incentive_decisions (nomination_id);
CREATE UNIQUE INDEX incentive_decisions_exchangee_key ON incentive_decisions (cycle_id, nomination_id) WHERE companion_id IS NULL;
CREATE UNIQUE INDEX incentive_decisions_companion_key ON incentive_decisions (cycle_id, companion_id) WHERE companion_id IS NOT NULL;
