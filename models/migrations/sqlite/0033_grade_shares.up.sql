-- A distribution rule per cycle (issue 22): a grade may carry the largest share
-- of the scored tasks it may be given (per cent, like the shares of
-- 성과상여금); 확정 is refused while a grade holds more, the counts named.
ALTER TABLE evaluation_grade_bands ADD COLUMN max_share INTEGER CHECK (max_share IS NULL OR max_share BETWEEN 1 AND 100);
