-- Accounts, server-side sessions, login throttling, password reset links and
-- the append-only audit log.

CREATE TABLE users (
    id             BIGSERIAL PRIMARY KEY,
    login          TEXT NOT NULL CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    display_name   TEXT NOT NULL CHECK (display_name <> ''),
    role           TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'coordinator')),
    ministry_id    BIGINT REFERENCES ministries (id),
    email          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    password_hash  TEXT NOT NULL DEFAULT '',
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT users_login_key UNIQUE (login),
    CONSTRAINT users_coordinator_has_ministry CHECK (role <> 'coordinator' OR ministry_id IS NOT NULL)
);
CREATE INDEX users_ministry_id_idx ON users (ministry_id);

CREATE TABLE sessions (
    id_hash       TEXT PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token    TEXT NOT NULL,
    ip            TEXT NOT NULL DEFAULT '',
    user_agent    TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE login_throttles (
    key           TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL DEFAULT 0,
    locked_until  TIMESTAMPTZ,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_by  BIGINT REFERENCES users (id),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX password_resets_user_id_idx ON password_resets (user_id);

CREATE TABLE audit_events (
    id           BIGSERIAL PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    user_id      BIGINT REFERENCES users (id),
    actor        TEXT NOT NULL DEFAULT '',
    ip           TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL CHECK (action <> ''),
    record_type  TEXT NOT NULL DEFAULT '',
    record_id    BIGINT,
    before       TEXT,
    after        TEXT
);
CREATE INDEX audit_events_record_idx ON audit_events (record_type, record_id);
CREATE INDEX audit_events_user_id_idx ON audit_events (user_id);
CREATE INDEX audit_events_at_idx ON audit_events (at);

-- The audit log is append-only: no update or delete, whoever asks.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
