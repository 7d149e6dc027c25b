DROP TABLE audit_events;
DROP FUNCTION audit_events_append_only();
DROP TABLE password_resets;
DROP TABLE login_throttles;
DROP TABLE sessions;
DROP TABLE users;
