package models

import (
	"context"
	"fmt"
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
	q := db.Preload("Pair").Preload("Pair.Round").Preload("Pair.MinistryA").Preload("Pair.MinistryB").
		Joins("JOIN exchange_pairs ON exchange_pairs.id = collaboration_tasks.pair_id").
		Joins("JOIN rounds ON rounds.id = exchange_pairs.round_id").
		Where("exchange_pairs.status = ? AND exchange_pairs.round_id IN (SELECT round_id FROM evaluation_cycle_rounds WHERE cycle_id = ?)", PairSelected, c.ID)
	if len(ministries) > 0 {
		q = q.Where("(exchange_pairs.ministry_a_id IN ? OR exchange_pairs.ministry_b_id IN ?)", ministries, ministries)
	}
	if err := q.Order("rounds.number, exchange_pairs.number IS NULL, exchange_pairs.number, exchange_pairs.id, collaboration_tasks.position, collaboration_tasks.id").
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
