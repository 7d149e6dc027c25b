-- Proposals: why a pair is proposed and which national agenda task it serves,
-- and the history of every status change of a pair. The proposing ministry is
-- always side A of a pair; the counterpart ministry is side B.

ALTER TABLE exchange_pairs ADD COLUMN rationale TEXT NOT NULL DEFAULT '';
ALTER TABLE exchange_pairs ADD COLUMN agenda_task TEXT NOT NULL DEFAULT '';
CREATE INDEX exchange_pairs_round_status_idx ON exchange_pairs (round_id, status);

CREATE TABLE pair_status_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    pair_id      BIGINT NOT NULL REFERENCES exchange_pairs (id),
    from_status  TEXT CHECK (from_status IN ('proposed', 'agreed', 'declined', 'selected', 'rejected', 'withdrawn')),
    to_status    TEXT NOT NULL CHECK (to_status IN ('proposed', 'agreed', 'declined', 'selected', 'rejected', 'withdrawn')),
    user_id      BIGINT REFERENCES users (id),
    reason       TEXT NOT NULL DEFAULT '',
    at           DATETIME NOT NULL
);
CREATE INDEX pair_status_events_pair_id_idx ON pair_status_events (pair_id);
