-- 확정 guarded (issue 22): a cycle is finalized with unscored tasks or missing
-- self-assessments only when the administrator gives a reason; the reason and
-- what was missing then ("채점되지 않은 협업과제 4개, …") are kept and shown on the report.
ALTER TABLE evaluation_cycles ADD COLUMN finalize_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE evaluation_cycles ADD COLUMN finalize_gaps TEXT NOT NULL DEFAULT '';
