DROP TABLE pair_status_events;
DROP INDEX exchange_pairs_round_status_idx;
ALTER TABLE exchange_pairs DROP COLUMN agenda_task;
ALTER TABLE exchange_pairs DROP COLUMN rationale;
