DROP TABLE evaluation_summaries;
