-- A second factor (issue 23): TOTP (RFC 6238). second_factors holds each
-- account's secret, pending (enrolled_at NULL) until a first code proves the
-- authenticator app has it, and the last time step a code was accepted for,
-- so that no code is accepted twice. recovery_codes are one-time codes for a
-- lost phone, of which only a hash is kept. sign_in_challenges are sign-ins
-- whose password was right and whose second step is pending: the browser holds
-- the token, the database its hash.

CREATE TABLE second_factors (
    user_id      BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       TEXT NOT NULL,
    last_step    BIGINT NOT NULL DEFAULT 0,
    enrolled_at  TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE recovery_codes (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    used_at    TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT recovery_codes_once UNIQUE (user_id, code_hash)
);

CREATE TABLE sign_in_challenges (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    next        TEXT NOT NULL DEFAULT '',
    expires_at  TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_in_challenges_user_id_idx ON sign_in_challenges (user_id);
