-- The CHECKs of the two schemas mean the same (TestTheTwoSchemasAreTheSame).
-- PostgreSQL added these to existing tables (0004, 0005); SQLite adds no
-- constraint to an existing table, so here triggers refuse the same rows, in
-- the words of a failed CHECK: a task due before it starts, an outcome number
-- beyond ±1조 or a negative amount, an evidence link that is not http(s) (LIKE
-- is case-insensitive here, as the domain is).
CREATE TRIGGER collaboration_tasks_dates_order_insert BEFORE INSERT ON collaboration_tasks
WHEN NEW.starts_on IS NOT NULL AND NEW.due_on IS NOT NULL AND NEW.due_on < NEW.starts_on
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: collaboration_tasks_dates_order'); END;
CREATE TRIGGER collaboration_tasks_dates_order_update BEFORE UPDATE OF starts_on, due_on ON collaboration_tasks
WHEN NEW.starts_on IS NOT NULL AND NEW.due_on IS NOT NULL AND NEW.due_on < NEW.starts_on
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: collaboration_tasks_dates_order'); END;

CREATE TRIGGER outcomes_bounded_insert BEFORE INSERT ON outcomes
WHEN NEW.value_before NOT BETWEEN -1e12 AND 1e12 OR NEW.value_after NOT BETWEEN -1e12 AND 1e12 OR NEW.amount NOT BETWEEN 0 AND 1e12
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: outcomes_values_bounded'); END;
CREATE TRIGGER outcomes_bounded_update BEFORE UPDATE OF value_before, value_after, amount ON outcomes
WHEN NEW.value_before NOT BETWEEN -1e12 AND 1e12 OR NEW.value_after NOT BETWEEN -1e12 AND 1e12 OR NEW.amount NOT BETWEEN 0 AND 1e12
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: outcomes_values_bounded'); END;

CREATE TRIGGER outcomes_evidence_url_web_insert BEFORE INSERT ON outcomes
WHEN NOT (NEW.evidence_url = '' OR NEW.evidence_url LIKE 'http://%' OR NEW.evidence_url LIKE 'https://%')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: outcomes_evidence_url_web'); END;
CREATE TRIGGER outcomes_evidence_url_web_update BEFORE UPDATE OF evidence_url ON outcomes
WHEN NOT (NEW.evidence_url = '' OR NEW.evidence_url LIKE 'http://%' OR NEW.evidence_url LIKE 'https://%')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: outcomes_evidence_url_web'); END;
