-- The accounts demo mode made. Their password is published (README), so an
-- instance started without DEMO refuses a database where one of them is
-- active, and web demo remove deletes them (or, when records name them,
-- deactivates them without a password).

CREATE TABLE demo_accounts (
    user_id  BIGINT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE
);

-- Databases seeded before: the demo logins that still carry their demo names.
INSERT INTO demo_accounts (user_id)
SELECT id FROM users
WHERE display_name LIKE '%데모%'
  AND (login IN ('admin', 'reviewer', 'reviewer-opc') OR login IN (SELECT code FROM ministries));
