DROP TABLE audit_events;
DROP TABLE password_resets;
DROP TABLE login_throttles;
DROP TABLE sessions;
DROP TABLE users;
