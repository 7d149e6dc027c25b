-- Performance evaluations (실적 점검·평가): an administrator runs a cycle over
-- rounds with weighted criteria, a score scale and grade bands; the pair's
-- coordinators self-assess each task (자체 점검); reviewers score each task per
-- criterion (심사); finalizing (확정) locks the cycle. Scores are whole points
-- from 0 to the cycle's scale; thresholds are kept in tenths of a point so that
-- one-decimal rounding (half up) is exact in integers.
-- After finalizing, the administrator decides an incentive per exchangee.
-- Per task, the 정부업무평가 year and result, and whether (and how) it is upgraded (고도화).

CREATE TABLE evaluation_cycles (
    id                 BIGSERIAL PRIMARY KEY,
    name               TEXT NOT NULL CHECK (name <> ''),
    period_start       DATE NOT NULL,
    period_end         DATE NOT NULL,
    scale              INTEGER NOT NULL CHECK (scale BETWEEN 1 AND 100),
    incentive_tenths   INTEGER NOT NULL CHECK (incentive_tenths BETWEEN 0 AND 1000),
    self_due           DATE,
    review_due         DATE,
    stage              TEXT NOT NULL CHECK (stage IN ('preparing', 'self_assessment', 'review', 'finalized')),
    finalized_at       TIMESTAMPTZ,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT evaluation_cycles_period_order CHECK (period_end >= period_start)
);

CREATE TABLE evaluation_cycle_rounds (
    cycle_id  BIGINT NOT NULL REFERENCES evaluation_cycles (id) ON DELETE CASCADE,
    round_id  BIGINT NOT NULL REFERENCES rounds (id),
    PRIMARY KEY (cycle_id, round_id)
);

CREATE TABLE evaluation_criteria (
    id        BIGSERIAL PRIMARY KEY,
    cycle_id  BIGINT NOT NULL REFERENCES evaluation_cycles (id) ON DELETE CASCADE,
    name      TEXT NOT NULL CHECK (name <> ''),
    weight    INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
    position  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX evaluation_criteria_cycle_id_idx ON evaluation_criteria (cycle_id);

CREATE TABLE evaluation_grade_bands (
    id          BIGSERIAL PRIMARY KEY,
    cycle_id    BIGINT NOT NULL REFERENCES evaluation_cycles (id) ON DELETE CASCADE,
    grade       TEXT NOT NULL CHECK (grade <> ''),
    min_tenths  INTEGER NOT NULL CHECK (min_tenths BETWEEN 0 AND 1000),
    position    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (cycle_id, grade)
);
CREATE INDEX evaluation_grade_bands_cycle_id_idx ON evaluation_grade_bands (cycle_id);

CREATE TABLE self_assessments (
    id              BIGSERIAL PRIMARY KEY,
    cycle_id        BIGINT NOT NULL REFERENCES evaluation_cycles (id),
    task_id         BIGINT NOT NULL REFERENCES collaboration_tasks (id),
    narrative       TEXT NOT NULL DEFAULT '',
    outcomes        TEXT NOT NULL DEFAULT '',
    evidence_links  TEXT NOT NULL DEFAULT '',
    submitted_at    TIMESTAMPTZ,
    submitted_by    BIGINT REFERENCES users (id),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (cycle_id, task_id)
);

CREATE TABLE evaluation_reviews (
    id           BIGSERIAL PRIMARY KEY,
    cycle_id     BIGINT NOT NULL REFERENCES evaluation_cycles (id),
    task_id      BIGINT NOT NULL REFERENCES collaboration_tasks (id),
    reviewer_id  BIGINT NOT NULL REFERENCES users (id),
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (cycle_id, task_id, reviewer_id)
);
CREATE INDEX evaluation_reviews_task_id_idx ON evaluation_reviews (task_id);

CREATE TABLE evaluation_scores (
    review_id     BIGINT NOT NULL REFERENCES evaluation_reviews (id) ON DELETE CASCADE,
    criterion_id  BIGINT NOT NULL REFERENCES evaluation_criteria (id),
    score         INTEGER NOT NULL CHECK (score >= 0),
    comment       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (review_id, criterion_id)
);

CREATE TABLE incentive_decisions (
    id             BIGSERIAL PRIMARY KEY,
    cycle_id       BIGINT NOT NULL REFERENCES evaluation_cycles (id),
    nomination_id  BIGINT NOT NULL REFERENCES nominations (id),
    decision       TEXT NOT NULL CHECK (decision IN ('allowance', 'other_benefit', 'none')),
    note           TEXT NOT NULL DEFAULT '',
    decided_by     BIGINT REFERENCES users (id),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (cycle_id, nomination_id)
);
CREATE INDEX incentive_decisions_nomination_id_idx ON incentive_decisions (nomination_id);

CREATE TABLE government_evaluations (
    id            BIGSERIAL PRIMARY KEY,
    task_id       BIGINT NOT NULL REFERENCES collaboration_tasks (id) UNIQUE,
    year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    result        TEXT NOT NULL DEFAULT '',
    upgrade       BOOLEAN NOT NULL DEFAULT FALSE,
    upgrade_plan  TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
