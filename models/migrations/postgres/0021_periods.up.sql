-- Periods (issue 21): a round may bound how long an exchange lasts and how
-- late it starts (entered by the administrator; NULL: no limit). An extension
-- is a request: the sending ministry asks for a new end with a reason, the
-- receiving ministry agrees, the round's reviewers approve under its approval
-- rule; only then does the nomination's planned end move.

ALTER TABLE rounds ADD COLUMN min_months INTEGER CHECK (min_months BETWEEN 1 AND 120);
ALTER TABLE rounds ADD COLUMN max_months INTEGER CHECK (max_months BETWEEN 1 AND 120);
ALTER TABLE rounds ADD COLUMN latest_start DATE;

CREATE TABLE nomination_extensions (
    id              BIGSERIAL PRIMARY KEY,
    nomination_id   BIGINT NOT NULL REFERENCES nominations (id) ON DELETE CASCADE,
    previous_end    DATE,
    requested_end   DATE NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'requested',
    requested_by    BIGINT REFERENCES users (id),
    requested_at    TIMESTAMPTZ NOT NULL,
    agreed_by       BIGINT REFERENCES users (id),
    agreed_at       TIMESTAMPTZ,
    decided_at      TIMESTAMPTZ,
    decline_reason  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX nomination_extensions_nomination_id_idx ON nomination_extensions (nomination_id);

CREATE TABLE nomination_extension_approvals (
    id              BIGSERIAL PRIMARY KEY,
    extension_id    BIGINT NOT NULL REFERENCES nomination_extensions (id) ON DELETE CASCADE,
    office          TEXT NOT NULL,
    user_id         BIGINT REFERENCES users (id),
    at              TIMESTAMPTZ NOT NULL,
    CONSTRAINT nomination_extension_approvals_once_per_office UNIQUE (extension_id, office)
);
