DROP TABLE nomination_extension_approvals;
DROP TABLE nomination_extensions;
ALTER TABLE rounds DROP COLUMN latest_start;
ALTER TABLE rounds DROP COLUMN max_months;
ALTER TABLE rounds DROP COLUMN min_months;
