-- Exchangee selection (교류자 선발) and the exchange's life: for each position
-- of a selected pair, the counterpart ministry nominates an exchangee with
-- companions (동반 교류); reviewers of 인사혁신처 and 국무조정실 approve or
-- return; the exchange starts, may be extended, ends (복귀) with a completion
-- report that reviewers acknowledge. Notifications wait in an outbox.
-- A nomination's ministry_id is the sending ministry (the other side of the pair).

ALTER TABLE users ADD COLUMN office TEXT CHECK (office IN ('mpm', 'opc'));
ALTER TABLE rounds ADD COLUMN approval_rule TEXT NOT NULL DEFAULT 'one' CHECK (approval_rule IN ('one', 'each_office'));

CREATE TABLE round_conditions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id    BIGINT NOT NULL REFERENCES rounds (id),
    text        TEXT NOT NULL CHECK (text <> ''),
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX round_conditions_round_id_idx ON round_conditions (round_id);

CREATE TABLE nominations (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    pair_id            BIGINT NOT NULL REFERENCES exchange_pairs (id),
    position_id        BIGINT NOT NULL REFERENCES positions (id),
    ministry_id        BIGINT NOT NULL REFERENCES ministries (id),
    status             TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'revoked', 'active', 'extended', 'completed', 'acknowledged')),
    exchangee_name     TEXT NOT NULL DEFAULT '',
    current_position   TEXT NOT NULL DEFAULT '',
    rank               TEXT NOT NULL DEFAULT '',
    work_phone         TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    planned_start      DATE,
    planned_end        DATE,
    statement          TEXT NOT NULL DEFAULT '',
    actual_start       DATE,
    returned_on        DATE,
    report             TEXT NOT NULL DEFAULT '',
    submission         INTEGER NOT NULL DEFAULT 0,
    version            INTEGER NOT NULL DEFAULT 1,
    contact_erased_at  DATETIME,
    created_at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT nominations_planned_order CHECK (planned_start IS NULL OR planned_end IS NULL OR planned_end >= planned_start),
    CONSTRAINT nominations_return_order CHECK (actual_start IS NULL OR returned_on IS NULL OR returned_on >= actual_start)
);
CREATE INDEX nominations_pair_id_idx ON nominations (pair_id);
CREATE INDEX nominations_ministry_status_idx ON nominations (ministry_id, status);
CREATE INDEX nominations_status_idx ON nominations (status);
-- At most one approved nomination per position, whatever happens after approval.
CREATE UNIQUE INDEX nominations_one_approved_per_position ON nominations (position_id)
    WHERE status IN ('approved', 'active', 'extended', 'completed', 'acknowledged');

CREATE TABLE nomination_companions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    nomination_id  BIGINT NOT NULL REFERENCES nominations (id) ON DELETE CASCADE,
    name           TEXT NOT NULL CHECK (name <> ''),
    rank           TEXT NOT NULL DEFAULT '',
    role           TEXT NOT NULL DEFAULT '',
    position       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX nomination_companions_nomination_id_idx ON nomination_companions (nomination_id);

CREATE TABLE nomination_conditions (
    nomination_id  BIGINT NOT NULL REFERENCES nominations (id) ON DELETE CASCADE,
    condition_id   BIGINT NOT NULL REFERENCES round_conditions (id) ON DELETE CASCADE,
    PRIMARY KEY (nomination_id, condition_id)
);

CREATE TABLE nomination_approvals (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    nomination_id  BIGINT NOT NULL REFERENCES nominations (id) ON DELETE CASCADE,
    submission     INTEGER NOT NULL,
    office         TEXT NOT NULL CHECK (office IN ('mpm', 'opc', 'admin')),
    user_id        BIGINT REFERENCES users (id),
    at             DATETIME NOT NULL,
    CONSTRAINT nomination_approvals_once_per_office UNIQUE (nomination_id, submission, office)
);

CREATE TABLE nomination_report_outcomes (
    nomination_id  BIGINT NOT NULL REFERENCES nominations (id) ON DELETE CASCADE,
    outcome_id     BIGINT NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
    PRIMARY KEY (nomination_id, outcome_id)
);

CREATE TABLE nomination_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    nomination_id  BIGINT NOT NULL REFERENCES nominations (id),
    move           TEXT NOT NULL CHECK (move <> ''),
    from_status    TEXT,
    to_status      TEXT NOT NULL,
    user_id        BIGINT REFERENCES users (id),
    reason         TEXT NOT NULL DEFAULT '',
    at             DATETIME NOT NULL
);
CREATE INDEX nomination_events_nomination_id_idx ON nomination_events (nomination_id);

-- The outbox: one row per person to tell; a mail sender may read the unsent ones later.
CREATE TABLE notifications (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      BIGINT NOT NULL REFERENCES users (id),
    subject      TEXT NOT NULL CHECK (subject <> ''),
    record_type  TEXT NOT NULL DEFAULT '',
    record_id    BIGINT,
    created_at   DATETIME NOT NULL,
    sent_at      DATETIME
);
CREATE INDEX notifications_unsent_idx ON notifications (sent_at, id);
CREATE INDEX notifications_user_id_idx ON notifications (user_id);
