-- A finalized cycle's pair results are no longer kept (0082); the cycles
-- marked settled by 0082's rule keep their mark until their next change.
DROP TABLE evaluation_pair_results;
