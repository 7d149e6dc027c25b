-- 발령 and 복귀 (issue 21): 교류 시작 records the 발령일 (actual_start) and,
-- where there is one, the 발령 문서번호; 복귀 records the 복귀일 (returned_on)
-- and the post the exchangee returns to (복귀 보직).

ALTER TABLE nominations ADD COLUMN appointment_no TEXT NOT NULL DEFAULT '';
ALTER TABLE nominations ADD COLUMN return_post TEXT NOT NULL DEFAULT '';
