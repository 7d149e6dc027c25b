-- The programme's core records: ministries, rounds, positions, pairs,
-- collaboration tasks with their outcomes, and the programme office contacts.

CREATE TABLE ministries (
    id          BIGSERIAL PRIMARY KEY,
    code        TEXT NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,19}$'),
    short_name  TEXT NOT NULL CHECK (short_name <> ''),
    name        TEXT NOT NULL CHECK (name <> ''),
    kind        TEXT NOT NULL CHECK (kind IN ('ministry', 'agency', 'office', 'commission')),
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT ministries_code_key UNIQUE (code),
    CONSTRAINT ministries_short_name_key UNIQUE (short_name),
    CONSTRAINT ministries_name_key UNIQUE (name)
);

CREATE TABLE rounds (
    id                          BIGSERIAL PRIMARY KEY,
    number                      INTEGER NOT NULL CHECK (number > 0),
    title                       TEXT NOT NULL CHECK (title <> ''),
    status                      TEXT NOT NULL CHECK (status IN ('preparing', 'proposals', 'selected', 'active', 'closed')),
    planned_director_general    INTEGER NOT NULL DEFAULT 0 CHECK (planned_director_general >= 0),
    planned_division_director   INTEGER NOT NULL DEFAULT 0 CHECK (planned_division_director >= 0),
    schedule_note               TEXT NOT NULL DEFAULT '',
    proposals_due_on            DATE,
    selected_on                 DATE,
    exchange_starts_on          DATE,
    evaluation_on               DATE,
    created_at                  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at                  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT rounds_number_key UNIQUE (number)
);

CREATE TABLE positions (
    id           BIGSERIAL PRIMARY KEY,
    ministry_id  BIGINT NOT NULL REFERENCES ministries (id),
    title        TEXT CHECK (title <> ''),
    grade        TEXT CHECK (grade IN ('director_general', 'division_director')),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- lets a pair prove that each of its positions belongs to the ministry it names
    CONSTRAINT positions_id_ministry_key UNIQUE (id, ministry_id)
);
CREATE INDEX positions_ministry_id_idx ON positions (ministry_id);

CREATE TABLE exchange_pairs (
    id             BIGSERIAL PRIMARY KEY,
    round_id       BIGINT NOT NULL REFERENCES rounds (id),
    number         INTEGER CHECK (number > 0),
    grade          TEXT CHECK (grade IN ('director_general', 'division_director')),
    theme          TEXT CHECK (theme <> ''),
    status         TEXT NOT NULL CHECK (status IN ('proposed', 'agreed', 'declined', 'selected', 'rejected', 'withdrawn')),
    ministry_a_id  BIGINT NOT NULL,
    position_a_id  BIGINT NOT NULL,
    ministry_b_id  BIGINT NOT NULL,
    position_b_id  BIGINT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT exchange_pairs_round_number_key UNIQUE (round_id, number),
    CONSTRAINT exchange_pairs_ministries_differ CHECK (ministry_a_id <> ministry_b_id),
    CONSTRAINT exchange_pairs_position_a_fkey FOREIGN KEY (position_a_id, ministry_a_id) REFERENCES positions (id, ministry_id),
    CONSTRAINT exchange_pairs_position_b_fkey FOREIGN KEY (position_b_id, ministry_b_id) REFERENCES positions (id, ministry_id)
);
CREATE INDEX exchange_pairs_ministry_a_idx ON exchange_pairs (ministry_a_id);
CREATE INDEX exchange_pairs_ministry_b_idx ON exchange_pairs (ministry_b_id);

CREATE TABLE collaboration_tasks (
    id           BIGSERIAL PRIMARY KEY,
    pair_id      BIGINT NOT NULL REFERENCES exchange_pairs (id),
    title        TEXT NOT NULL CHECK (title <> ''),
    description  TEXT NOT NULL DEFAULT '',
    category     TEXT CHECK (category IN ('administrative_efficiency', 'public_benefit', 'other')),
    status       TEXT CHECK (status IN ('discovered', 'in_progress', 'completed', 'stopped')),
    published    BOOLEAN NOT NULL DEFAULT FALSE,
    position     INTEGER NOT NULL DEFAULT 0,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX collaboration_tasks_pair_id_idx ON collaboration_tasks (pair_id);

CREATE TABLE outcomes (
    id            BIGSERIAL PRIMARY KEY,
    task_id       BIGINT NOT NULL REFERENCES collaboration_tasks (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('narrative', 'metric', 'amount')),
    position      INTEGER NOT NULL DEFAULT 0,
    summary       TEXT NOT NULL CHECK (summary <> ''),
    label         TEXT NOT NULL DEFAULT '',
    value_before  NUMERIC,
    value_after   NUMERIC,
    amount        NUMERIC,
    unit          TEXT NOT NULL DEFAULT '',
    period_before TEXT NOT NULL DEFAULT '',
    period_after  TEXT NOT NULL DEFAULT '',
    better        TEXT CHECK (better IN ('higher', 'lower')),
    evidence_url  TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT outcomes_metric_values CHECK (kind <> 'metric' OR (value_before IS NOT NULL AND value_after IS NOT NULL AND better IS NOT NULL AND unit <> '')),
    CONSTRAINT outcomes_amount_value CHECK (kind <> 'amount' OR (amount IS NOT NULL AND unit <> ''))
);
CREATE INDEX outcomes_task_id_idx ON outcomes (task_id);

CREATE TABLE office_contacts (
    id              BIGSERIAL PRIMARY KEY,
    organization    TEXT NOT NULL CHECK (organization <> ''),
    duty            TEXT NOT NULL DEFAULT '',
    responsibility  TEXT NOT NULL CHECK (responsibility <> ''),
    job_title       TEXT NOT NULL DEFAULT '',
    name            TEXT NOT NULL CHECK (name <> ''),
    phone           TEXT NOT NULL DEFAULT '',
    position        INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT office_contacts_org_name_key UNIQUE (organization, name)
);
