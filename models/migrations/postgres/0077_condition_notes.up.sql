-- Notes on eligibility conditions (issue 21): the administrator marks which of
-- a round's conditions need a note (확인 근거 필수), and the sending ministry
-- confirms a condition with a note saying what it checked
-- ("인사기록 확인, 2024년 근무성적 A"); a note is optional on the others.

ALTER TABLE round_conditions ADD COLUMN note_required BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE nomination_conditions ADD COLUMN note TEXT NOT NULL DEFAULT '';
