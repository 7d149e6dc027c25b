-- The audit log pages by keyset (id < ?), newest first, filtered by action,
-- account or record: each filter's index ends in id, so a page reads its twenty
-- rows off the index whatever the size of the log (issue 25).
CREATE INDEX audit_events_action_id_idx ON audit_events (action, id);
CREATE INDEX audit_events_user_id_id_idx ON audit_events (user_id, id);
CREATE INDEX audit_events_record_id_idx ON audit_events (record_type, record_id, id);
DROP INDEX audit_events_user_id_idx;
DROP INDEX audit_events_record_idx;
