DROP TABLE access_records;
DROP TABLE access_record_prunes;
