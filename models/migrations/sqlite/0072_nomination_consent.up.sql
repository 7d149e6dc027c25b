-- The receiving ministry's consent to the nominee (issue 21): after 제출 the
-- receiving ministry's coordinators agree (동의) or decline (거절, with a
-- reason) before the reviewers decide. Consent is given to one submission: a
-- nomination declined, or returned, and submitted again asks for it again.
-- Who agreed and when is in the history (nomination_events) and the audit
-- log. Nominations submitted before the step existed count as agreed to.

ALTER TABLE nominations ADD COLUMN consented_submission INTEGER NOT NULL DEFAULT 0;
UPDATE nominations SET consented_submission = submission WHERE status <> 'draft';
