DROP TABLE grade_distribution_counts;
DROP TABLE grade_distributions;
