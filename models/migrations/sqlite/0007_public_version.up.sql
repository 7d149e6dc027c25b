-- One row counts changes to what the public site shows. Every change to a
-- round, pair, ministry, task or outcome bumps it in its own transaction (see
-- audit), so each app instance knows with one single-row read whether the
-- pages it keeps in memory are still current.

CREATE TABLE public_versions (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL,
    changed_at DATETIME NOT NULL
);
INSERT INTO public_versions (id, version, changed_at) VALUES (1, 1, CURRENT_TIMESTAMP);

-- The press release's "환경영향평가 기간 통상 1년 → 4개월": 통상 (usually) says
-- what the before value is, it is not a time point. Databases seeded before
-- stored it as the before period.
UPDATE outcomes SET label = '환경영향평가 기간 (이전 값은 통상 걸리던 기간)', period_before = ''
WHERE label = '환경영향평가 기간' AND period_before = '통상';
