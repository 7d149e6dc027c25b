package models

import (
	"context"
	"fmt"
)

// ProgressFilter narrows the progress overview.
type ProgressFilter struct {
	RoundID    int64 // 0: every round
	MinistryID int64 // 0: every ministry; else the tasks of pairs this ministry is in
}

// StatusCategoryCount is how many tasks have a status and a category (nil: not yet known).
type StatusCategoryCount struct {
	Status   *TaskStatus
	Category *TaskCategory
	N        int
}

// MinistryStatusCount is how many tasks of a ministry's pairs have a status,
// with the sum of the progress entered and how many entered it, for averages
// of what is known (progress nobody entered is not 0%).
type MinistryStatusCount struct {
	MinistryID  int64
	Status      *TaskStatus
	N           int
	ProgressSum int
	Entered     int // tasks whose progress someone entered
}

// Progress is the overview of collaboration tasks by status and category, and
// by ministry and status.
type Progress struct {
	ByStatusCategory []StatusCategoryCount
	ByMinistry       []MinistryStatusCount
}

// TaskProgress counts tasks in two GROUP BY queries, whatever their number.
func (s *Store) TaskProgress(ctx context.Context, f ProgressFilter) (Progress, error) {
	var pr Progress
	where, args := "1 = 1", []any{}
	if f.RoundID != 0 {
		where += " AND p.round_id = ?"
		args = append(args, f.RoundID)
	}
	q := s.db.WithContext(ctx).Table("collaboration_tasks AS t").
		Joins("JOIN exchange_pairs AS p ON p.id = t.pair_id").
		Select("t.status AS status, t.category AS category, COUNT(*) AS n").
		Where(where, args...)
	if f.MinistryID != 0 {
		q = q.Where("p.ministry_a_id = ? OR p.ministry_b_id = ?", f.MinistryID, f.MinistryID)
	}
	if err := q.Group("t.status, t.category").Scan(&pr.ByStatusCategory).Error; err != nil {
		return Progress{}, fmt.Errorf("count tasks by status and category: %w", err)
	}
	side := func(col string) string {
		return "SELECT p." + col + " AS ministry_id, t.status AS status, t.progress AS progress " +
			"FROM collaboration_tasks t JOIN exchange_pairs p ON p.id = t.pair_id WHERE " + where
	}
	outer, outerArgs := "", append(append([]any{}, args...), args...)
	if f.MinistryID != 0 {
		outer = " WHERE ministry_id = ?"
		outerArgs = append(outerArgs, f.MinistryID)
	}
	err := s.db.WithContext(ctx).Raw(
		"SELECT ministry_id, status, COUNT(*) AS n, COALESCE(SUM(progress), 0) AS progress_sum, COUNT(progress) AS entered FROM ("+
			side("ministry_a_id")+" UNION ALL "+side("ministry_b_id")+") AS sides"+outer+
			" GROUP BY ministry_id, status", outerArgs...).Scan(&pr.ByMinistry).Error
	if err != nil {
		return Progress{}, fmt.Errorf("count tasks by ministry and status: %w", err)
	}
	return pr, nil
}
