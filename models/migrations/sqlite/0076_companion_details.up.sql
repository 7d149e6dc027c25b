-- Companions (동반 교류자, issue 21): each carries their current position, a
-- planned period (empty: the exchangee's) and the position they go to, and is
-- decided with the nominee: a reviewer may remove one with a reason before
-- approving, and the companion stays on the record as 제외 with that reason.

ALTER TABLE nomination_companions ADD COLUMN current_position TEXT NOT NULL DEFAULT '';
ALTER TABLE nomination_companions ADD COLUMN planned_start DATE;
ALTER TABLE nomination_companions ADD COLUMN planned_end DATE;
ALTER TABLE nomination_companions ADD COLUMN goes_to TEXT NOT NULL DEFAULT '';
ALTER TABLE nomination_companions ADD COLUMN removed_at DATETIME;
ALTER TABLE nomination_companions ADD COLUMN removed_by BIGINT REFERENCES users (id);
ALTER TABLE nomination_companions ADD COLUMN removal_reason TEXT NOT NULL DEFAULT '';
