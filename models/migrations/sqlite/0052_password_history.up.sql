-- Password history (issue 23, 안전성 확보조치): the hashes of an account's
-- previous passwords, so that a new password cannot be one of the last ones.
-- Only argon2id hashes are kept, as for the current password.

CREATE TABLE password_history (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    password_hash  TEXT NOT NULL,
    created_at     DATETIME NOT NULL
);
CREATE INDEX password_history_user_id_idx ON password_history (user_id);
