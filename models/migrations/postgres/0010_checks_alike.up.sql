-- The CHECKs of the two schemas mean the same (TestTheTwoSchemasAreTheSame).
-- An evidence link's scheme is matched in any case, as the domain reads it
-- (url.Parse lowers it): LIKE was case-sensitive here and refused with a 500 a
-- link written HTTPS://… that SQLite and the form's own check accept.
ALTER TABLE outcomes
    DROP CONSTRAINT outcomes_evidence_url_web,
    ADD CONSTRAINT outcomes_evidence_url_web CHECK (evidence_url = '' OR evidence_url ~* '^https?://');
