-- Eligibility enforced (issue 21): each condition a nomination confirms says
-- who confirmed it and when, and each move of the history keeps the round's
-- conditions as they stood when it was made ("근무성적평정 기준 이상: 확인함 …").

ALTER TABLE nomination_conditions ADD COLUMN confirmed_by BIGINT REFERENCES users (id);
ALTER TABLE nomination_conditions ADD COLUMN confirmed_at TIMESTAMPTZ;
ALTER TABLE nomination_events ADD COLUMN conditions TEXT NOT NULL DEFAULT '';
