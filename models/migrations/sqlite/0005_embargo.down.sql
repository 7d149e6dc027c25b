ALTER TABLE rounds DROP COLUMN announce_at;
