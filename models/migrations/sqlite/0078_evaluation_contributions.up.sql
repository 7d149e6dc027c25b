-- 기여도 평가 (issue 22, item 1): the sending and the receiving ministry each
-- may assess, for every exchangee and companion of a cycle, how much the person
-- contributed: a level from a fixed list and a comment. One row per cycle,
-- person and side (companion_id NULL: the exchangee themselves). It never
-- changes the computed score or grade. Who may read which side is the app's
-- rule (models/evaluation_contribution.go), stated on the pages.
CREATE TABLE evaluation_contributions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id       BIGINT NOT NULL REFERENCES evaluation_cycles (id),
    nomination_id  BIGINT NOT NULL REFERENCES nominations (id),
    companion_id   BIGINT REFERENCES nomination_companions (id) ON DELETE CASCADE,
    side           TEXT NOT NULL CHECK (side IN ('sending', 'receiving')),
    level          TEXT NOT NULL CHECK (level IN ('매우 높음', '높음', '보통', '낮음')),
    comment        TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
    recorded_by    BIGINT REFERENCES users (id),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX evaluation_contributions_exchangee_key ON evaluation_contributions (cycle_id, nomination_id, side) WHERE companion_id IS NULL;
CREATE UNIQUE INDEX evaluation_contributions_companion_key ON evaluation_contributions (cycle_id, companion_id, side) WHERE companion_id IS NOT NULL;
CREATE INDEX evaluation_contributions_nomination_id_idx ON evaluation_contributions (nomination_id);
