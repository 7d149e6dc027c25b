-- A finalized cycle's grade distribution, published by an administrator
-- (issue 24): how many of its tasks got each grade, kept as it was previewed
-- and published, so that the public site shows exactly that and nothing of a
-- task or a person. Withdrawing it (공개 취소) deletes the rows.
CREATE TABLE grade_distributions (
    cycle_id      BIGINT PRIMARY KEY REFERENCES evaluation_cycles (id) ON DELETE CASCADE,
    tasks         INTEGER NOT NULL CHECK (tasks >= 0),  -- the tasks the cycle covered
    scored        INTEGER NOT NULL CHECK (scored >= 0), -- of them, the tasks given a grade
    published_at  TIMESTAMPTZ NOT NULL,
    published_by  BIGINT REFERENCES users (id)
);

CREATE TABLE grade_distribution_counts (
    cycle_id    BIGINT NOT NULL REFERENCES grade_distributions (cycle_id) ON DELETE CASCADE,
    grade       TEXT NOT NULL CHECK (grade <> ''),
    min_tenths  INTEGER NOT NULL CHECK (min_tenths BETWEEN 0 AND 1000),
    tasks       INTEGER NOT NULL CHECK (tasks >= 0),
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (cycle_id, grade)
);
