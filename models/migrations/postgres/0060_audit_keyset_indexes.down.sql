CREATE INDEX audit_events_record_idx ON audit_events (record_type, record_id);
CREATE INDEX audit_events_user_id_idx ON audit_events (user_id);
DROP INDEX audit_events_record_id_idx;
DROP INDEX audit_events_user_id_id_idx;
DROP INDEX audit_events_action_id_idx;
