-- 접속기록 (issue 23): every processing of exchangees' personal data — a page or
-- list that shows their names, a contact reveal, a download — leaves one row:
-- who (account and login as it was), when, from where, what (kind, path), whose
-- data (record_type and the ids), and for downloads the reason typed.
-- day is the Korea date of at, written once, so that the monthly review groups
-- by day alike on both databases and the retention floor reads it.
-- No foreign key to users: the records outlive any account, and name it by login.
CREATE TABLE access_records (
    id           BIGSERIAL PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    day          TEXT NOT NULL,
    user_id      BIGINT,
    login        TEXT NOT NULL DEFAULT '',
    ip           TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL CHECK (kind IN ('view', 'reveal', 'export')),
    path         TEXT NOT NULL DEFAULT '',
    record_type  TEXT NOT NULL DEFAULT '',
    record_ids   TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX access_records_user_idx ON access_records (user_id, id);
CREATE INDEX access_records_kind_idx ON access_records (kind, id);
CREATE INDEX access_records_day_idx ON access_records (day);

-- Each pruning of records past ACCESS_LOG_RETENTION: the one way rows leave
-- access_records. A prune opens its row, deletes, and closes it in one
-- transaction; nobody else ever sees it open.
CREATE TABLE access_record_prunes (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    before_day  TEXT NOT NULL,
    deleted     BIGINT NOT NULL DEFAULT 0,
    open        BOOLEAN NOT NULL DEFAULT FALSE
);

-- Append-only: no update, and no delete but a prune's, of rows older than its
-- day and at least two years old (the law's floor, whatever the app asks).
CREATE FUNCTION access_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND OLD.day < to_char((now() AT TIME ZONE 'Asia/Seoul') - interval '2 years', 'YYYY-MM-DD')
       AND EXISTS (SELECT 1 FROM access_record_prunes p WHERE p.open AND OLD.day < p.before_day) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'access_records is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER access_records_append_only BEFORE UPDATE OR DELETE ON access_records
    FOR EACH ROW EXECUTE FUNCTION access_records_append_only();
CREATE FUNCTION access_records_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access_records is append-only: TRUNCATE refused';
END;
$$;
CREATE TRIGGER access_records_no_truncate BEFORE TRUNCATE ON access_records
    FOR EACH STATEMENT EXECUTE FUNCTION access_records_no_truncate();
