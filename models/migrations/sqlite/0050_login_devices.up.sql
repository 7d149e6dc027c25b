-- Device cookies (issue 23, OWASP "Slow down online guessing attacks with
-- device cookies"): a browser that signed in to an account holds a random
-- token, of which only the hash is kept here. Its attempts for that account
-- are counted against the device alone (login_throttles key 'device:HASH'),
-- so that guesses from elsewhere, which slow down the account for unknown
-- browsers, never keep its owner out.

CREATE TABLE login_devices (
    token_hash    TEXT PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    DATETIME NOT NULL,
    last_used_at  DATETIME NOT NULL
);
CREATE INDEX login_devices_user_id_idx ON login_devices (user_id);
