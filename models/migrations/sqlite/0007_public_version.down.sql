UPDATE outcomes SET label = '환경영향평가 기간', period_before = '통상'
WHERE label = '환경영향평가 기간 (이전 값은 통상 걸리던 기간)' AND period_before = '';
DROP TABLE public_versions;
