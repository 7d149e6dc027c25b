DROP TABLE access_records;
DROP FUNCTION access_records_append_only();
DROP FUNCTION access_records_no_truncate();
DROP TABLE access_record_prunes;
