-- The embargo: a round, with its pairs, tasks, outcomes and counts, reaches the
-- public pages only from its announcement time (NULL: not announced).
-- Times are stored in UTC as the driver writes them, so they compare as text.
ALTER TABLE rounds ADD COLUMN announce_at DATETIME;

-- Rounds the public could see before this migration stay public. Rounds 1 and
-- 2 were made public by the press release ("보도 시점 2024.12.22.(일) 12:00" KST);
-- when round 1 was first announced (February 2024) is not in the source, so it
-- is given the press release's time too. Other rounds already at 선정 완료 or
-- later count as announced when they were last changed.
-- SQLite adds no table constraint to an existing table: the bounds of outcome
-- numbers are checked by the domain (and by PostgreSQL in production).
UPDATE rounds
   SET announce_at = CASE WHEN number IN (1, 2) THEN '2024-12-22 03:00:00+00:00' ELSE updated_at END
 WHERE status IN ('selected', 'active', 'closed');
