-- One row counts changes to what the public site shows. Every change to a
-- round, pair, ministry, task or outcome bumps it in its own transaction (see
-- audit), so each app instance knows with one single-row read whether the
-- pages it keeps in memory are still current.

CREATE TABLE public_versions (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
INSERT INTO public_versions (id, version, changed_at) VALUES (1, 1, CURRENT_TIMESTAMP);
