-- The ministries lose their English names (0070).
ALTER TABLE ministries DROP COLUMN name_en;
