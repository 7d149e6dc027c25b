-- The access records' monthly review (the last 31 days' reveals and downloads
-- per account and day) read the kind index from the first reveal ever, whose
-- rows grow with the years, instead of the month's (issue 25: 4x slower at ten
-- years than at one on SQLite). With kind then day, it reads the month's
-- reveals and downloads alone.
CREATE INDEX access_records_kind_day_idx ON access_records (kind, day);
-- The administrators' worklist counts each finalized cycle's exchangees without
-- an incentive decision from its pairs' nominations of an exchange under way or
-- done: by pair and status at once (PostgreSQL otherwise ANDed the pair's five
-- rows with every such nomination of the history, per pair).
CREATE INDEX nominations_pair_status_idx ON nominations (pair_id, status);
