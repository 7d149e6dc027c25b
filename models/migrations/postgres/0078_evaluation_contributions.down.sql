-- 기여도 평가 is dropped with every entry (0078).
DROP TABLE evaluation_contributions;
