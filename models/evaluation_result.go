package models

import (
	"context"
	"database/sql"
	"fmt"

	"gorm.io/gorm"
)

// TaskEvaluation is one task of a cycle with its self-assessment, reviews and
// computed result.
type TaskEvaluation struct {
	Task    CollaborationTask // with Pair, Pair.Round, Pair.MinistryA and Pair.MinistryB
	Self    *SelfAssessment   // nil: not submitted
	Reviews []EvaluationReview
	Summary *EvaluationSummary // nil: none written
	Result  TaskResult
}

// CycleResults lists the tasks a cycle covers (the tasks of the pairs selected
// in its rounds), in round, pair and task order, each with its self-assessment,
// its reviews (with reviewer and scores) and its result. With ministries, only
// the tasks of pairs one of them is in. A fixed number of queries.
func (s *Store) CycleResults(ctx context.Context, c EvaluationCycle, ministries ...int64) ([]TaskEvaluation, error) {
	db := s.db.WithContext(ctx)
	var tasks []CollaborationTask
	if err := coveredTasks(db.Preload("Pair").Preload("Pair.Round").Preload("Pair.MinistryA").Preload("Pair.MinistryB"), c, ministries).
		Find(&tasks).Error; err != nil {
		return nil, fmt.Errorf("tasks of evaluation cycle %d: %w", c.ID, err)
	}
	var selfs []SelfAssessment
	if err := db.Where("cycle_id = ?", c.ID).Find(&selfs).Error; err != nil {
		return nil, fmt.Errorf("self-assessments of evaluation cycle %d: %w", c.ID, err)
	}
	var reviews []EvaluationReview
	if err := db.Preload("Scores").Preload("Reviewer").Where("cycle_id = ?", c.ID).Order("id").Find(&reviews).Error; err != nil {
		return nil, fmt.Errorf("reviews of evaluation cycle %d: %w", c.ID, err)
	}
	summaries, err := summariesOf(db, c.ID)
	if err != nil {
		return nil, err
	}
	selfOf := make(map[int64]*SelfAssessment, len(selfs))
	for i := range selfs {
		selfOf[selfs[i].TaskID] = &selfs[i]
	}
	reviewsOf := map[int64][]EvaluationReview{}
	for _, r := range reviews {
		reviewsOf[r.TaskID] = append(reviewsOf[r.TaskID], r)
	}
	out := make([]TaskEvaluation, len(tasks))
	for i, t := range tasks {
		out[i] = TaskEvaluation{Task: t, Self: selfOf[t.ID], Reviews: reviewsOf[t.ID], Summary: summaries[t.ID]}
		out[i].Result = c.Compute(out[i].Reviews)
	}
	return out, nil
}

// coveredTasks selects the tasks a cycle covers, in round, pair and task
// order (CycleResults, CycleScores).
func coveredTasks(db *gorm.DB, c EvaluationCycle, ministries []int64) *gorm.DB {
	q := db.Joins("JOIN exchange_pairs ON exchange_pairs.id = collaboration_tasks.pair_id").
		Joins("JOIN rounds ON rounds.id = exchange_pairs.round_id").
		Where("exchange_pairs.status = ? AND exchange_pairs.round_id IN (SELECT round_id FROM evaluation_cycle_rounds WHERE cycle_id = ?)", PairSelected, c.ID)
	if len(ministries) > 0 {
		q = q.Where("(exchange_pairs.ministry_a_id IN ? OR exchange_pairs.ministry_b_id IN ?)", ministries, ministries)
	}
	return q.Order("rounds.number, exchange_pairs.number IS NULL, exchange_pairs.number, exchange_pairs.id, collaboration_tasks.position, collaboration_tasks.id")
}

// CycleScores is CycleResults for what counts and groups results (the report
// page, the grade distribution): each task's ID and pair (with its round and
// ministries), its reviews' reviewers and scores (no comments) and its result.
// Titles, self-assessments and summaries are not read (Self and Summary are
// nil, whatever was written). A full year's cycle has thousands of tasks;
// reading their text and dates was four fifths of the report's time.
func (s *Store) CycleScores(ctx context.Context, c EvaluationCycle) ([]TaskEvaluation, error) {
	db := s.db.WithContext(ctx)
	// The tasks' IDs, then their pairs once each: a preload would build a copy
	// of the pair for every task through reflection.
	tasks, err := coveredTaskIDs(db, c)
	if err != nil {
		return nil, err
	}
	pairIDs := make([]int64, 0, len(tasks)/4)
	for i, t := range tasks {
		if i == 0 || tasks[i-1].PairID != t.PairID {
			pairIDs = append(pairIDs, t.PairID)
		}
	}
	var pairs []ExchangePair
	if len(pairIDs) > 0 {
		if err := db.Preload("Round").Preload("MinistryA").Preload("MinistryB").Where("id IN ?", pairIDs).Find(&pairs).Error; err != nil {
			return nil, fmt.Errorf("pairs of evaluation cycle %d: %w", c.ID, err)
		}
	}
	pairOf := make(map[int64]*ExchangePair, len(pairs))
	for i := range pairs {
		pairOf[pairs[i].ID] = &pairs[i]
	}
	reviewsOf, err := cycleReviewScores(db, c.ID)
	if err != nil {
		return nil, err
	}
	out := make([]TaskEvaluation, len(tasks))
	for i, t := range tasks {
		out[i] = TaskEvaluation{Task: CollaborationTask{ID: t.ID, PairID: t.PairID}, Reviews: reviewsOf[t.ID]}
		if p := pairOf[t.PairID]; p != nil {
			out[i].Task.Pair = *p
		}
		out[i].Result = c.Compute(out[i].Reviews)
	}
	return out, nil
}

// coveredTaskIDs are the IDs of the tasks cycle c covers and their pairs', in
// coveredTasks' order (scanned as cycleReviewScores' rows are).
func coveredTaskIDs(db *gorm.DB, c EvaluationCycle) ([]struct{ ID, PairID int64 }, error) {
	rows, err := coveredTasks(db.Model(&CollaborationTask{}), c, nil).
		Select("collaboration_tasks.id, collaboration_tasks.pair_id").Rows()
	if err != nil {
		return nil, fmt.Errorf("tasks of evaluation cycle %d: %w", c.ID, err)
	}
	defer rows.Close()
	var tasks []struct{ ID, PairID int64 }
	for rows.Next() {
		var t struct{ ID, PairID int64 }
		if err := rows.Scan(&t.ID, &t.PairID); err != nil {
			return nil, fmt.Errorf("tasks of evaluation cycle %d: %w", c.ID, err)
		}
		tasks = append(tasks, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("tasks of evaluation cycle %d: %w", c.ID, err)
	}
	return tasks, nil
}

// cycleReviewScores reads every review of the cycle with its scores (no
// comments, no reviewer), by task. A full year's cycle has 2,000 reviews
// and three times as many scores: scanned by database/sql, not through
// GORM's reflection, which was two thirds of their read (issue 25).
func cycleReviewScores(db *gorm.DB, cycleID int64) (map[int64][]EvaluationReview, error) {
	rows, err := db.Raw(`SELECT r.id, r.task_id, r.reviewer_id, s.criterion_id, s.score
		FROM evaluation_reviews r LEFT JOIN evaluation_scores s ON s.review_id = r.id
		WHERE r.cycle_id = ? ORDER BY r.id, s.criterion_id`, cycleID).Rows()
	if err != nil {
		return nil, fmt.Errorf("scores of evaluation cycle %d: %w", cycleID, err)
	}
	defer rows.Close()
	reviewsOf := map[int64][]EvaluationReview{}
	for rows.Next() {
		var id, taskID, reviewerID int64
		var criterionID, score sql.NullInt64
		if err := rows.Scan(&id, &taskID, &reviewerID, &criterionID, &score); err != nil {
			return nil, fmt.Errorf("scores of evaluation cycle %d: %w", cycleID, err)
		}
		list := reviewsOf[taskID]
		if n := len(list); n == 0 || list[n-1].ID != id {
			list = append(list, EvaluationReview{ID: id, CycleID: cycleID, TaskID: taskID, ReviewerID: reviewerID})
		}
		if criterionID.Valid {
			last := &list[len(list)-1]
			last.Scores = append(last.Scores, EvaluationScore{ReviewID: id, CriterionID: criterionID.Int64, Score: int(score.Int64)})
		}
		reviewsOf[taskID] = list
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("scores of evaluation cycle %d: %w", cycleID, err)
	}
	return reviewsOf, nil
}

// Compute is a task's result in the cycle from its reviews.
func (c EvaluationCycle) Compute(reviews []EvaluationReview) TaskResult {
	in := make([]ReviewScores, len(reviews))
	for i, r := range reviews {
		in[i].ReviewerID = r.ReviewerID
		for _, s := range r.Scores {
			in[i].Scores = append(in[i].Scores, CriterionScore{CriterionID: s.CriterionID, Score: s.Score})
		}
	}
	return ComputeTask(c.Scale, c.Criteria, c.Bands, in)
}

// TaskEvaluationOf is one task of the cycle with its self-assessment, reviews and result.
func (s *Store) TaskEvaluationOf(ctx context.Context, c EvaluationCycle, taskID int64) (TaskEvaluation, error) {
	db := s.db.WithContext(ctx)
	t, err := taskWithAll(db, taskID)
	if err != nil {
		return TaskEvaluation{}, err
	}
	if err := c.covers(t); err != nil {
		return TaskEvaluation{}, err
	}
	te := TaskEvaluation{Task: t}
	if te.Self, err = s.SelfAssessmentOf(ctx, c.ID, taskID); err != nil {
		return TaskEvaluation{}, err
	}
	if err := db.Preload("Scores").Preload("Reviewer").Where("cycle_id = ? AND task_id = ?", c.ID, taskID).Order("id").
		Find(&te.Reviews).Error; err != nil {
		return TaskEvaluation{}, fmt.Errorf("reviews of task %d: %w", taskID, err)
	}
	summaries, err := summariesOf(db, c.ID, taskID)
	if err != nil {
		return TaskEvaluation{}, err
	}
	te.Summary = summaries[taskID]
	te.Result = c.Compute(te.Reviews)
	return te, nil
}

// GradeTally is how many tasks got a grade.
type GradeTally struct {
	Grade string
	Tasks int
}

// GradeDistribution counts the scored tasks per grade, in the cycle's band
// order, every grade listed (0 when none got it).
func (c EvaluationCycle) GradeDistribution(results []TaskEvaluation) []GradeTally {
	out := make([]GradeTally, len(c.Bands))
	for i, b := range c.Bands {
		out[i].Grade = b.Grade
		for _, r := range results {
			if r.Result.Grade == b.Grade {
				out[i].Tasks++
			}
		}
	}
	return out
}
