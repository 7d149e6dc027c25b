ALTER TABLE outcomes DROP CONSTRAINT outcomes_amount_bounded, DROP CONSTRAINT outcomes_values_bounded;
ALTER TABLE rounds DROP COLUMN announce_at;
