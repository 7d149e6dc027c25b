-- The pair lists (the workspace's and /pairs) show the newest round first,
-- then the round's pairs by 연번, those without one last (models/pair.go,
-- pairOrder). SQLite joined every pair of the history to its round and sorted
-- them all for a page of twenty: 2,000 pairs at ten synthetic years, about a
-- millisecond of every workspace (issue 25). Indexed in that order within a
-- round, it reads the rounds newest first and each round's pairs in order, and
-- stops at the page's last. (PostgreSQL sorts the pairs one round at a time,
-- Incremental Sort, and stops there too; the index spares it the sort.)
CREATE INDEX exchange_pairs_round_order_idx ON exchange_pairs (round_id, (number IS NULL), number, id);
