ALTER TABLE outcomes
    DROP CONSTRAINT outcomes_evidence_url_web,
    ADD CONSTRAINT outcomes_evidence_url_web CHECK (evidence_url = '' OR evidence_url LIKE 'http://%' OR evidence_url LIKE 'https://%');
