package models

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SelfAssessment is a pair's own account of a task in a cycle (자체 점검):
// progress in words, updated outcomes and links to the evidence.
type SelfAssessment struct {
	ID            int64      `json:"id"`
	CycleID       int64      `json:"cycle_id"`
	TaskID        int64      `json:"task_id"`
	Narrative     string     `json:"narrative"`
	Outcomes      string     `json:"outcomes"`
	EvidenceLinks string     `json:"evidence_links"` // one address a line
	SubmittedAt   *time.Time `json:"submitted_at"`   // the last submission
	SubmittedBy   *int64     `json:"-"`
	Version       int        `json:"version"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// Links are the evidence addresses, one a line.
func (a SelfAssessment) Links() []string {
	var out []string
	for l := range strings.SplitSeq(a.EvidenceLinks, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Late reports whether the submission came after the cycle's due date (end of
// that day, Korean time).
func (a SelfAssessment) Late(c EvaluationCycle) bool {
	if a.SubmittedAt == nil || c.SelfDue == nil {
		return false
	}
	return a.SubmittedAt.In(Seoul).Format(time.DateOnly) > c.SelfDue.Format(time.DateOnly)
}

// SelfAssessmentInput is the self-assessment form.
type SelfAssessmentInput struct {
	Narrative     string `form:"narrative" label:"추진 경과"`
	Outcomes      string `form:"outcomes" label:"갱신한 성과"`
	EvidenceLinks string `form:"evidence_links" label:"근거 자료 (한 줄에 주소 하나)"`
	Version       int    `form:"version"` // 0 for the first submission
}

// InputOf is the form values of a saved self-assessment.
func (a SelfAssessment) InputOf() SelfAssessmentInput {
	return SelfAssessmentInput{Narrative: a.Narrative, Outcomes: a.Outcomes, EvidenceLinks: a.EvidenceLinks, Version: a.Version}
}

func (in SelfAssessmentInput) parse(a *SelfAssessment) FieldErrors {
	errs := FieldErrors{}
	a.Narrative, a.Outcomes = strings.TrimSpace(in.Narrative), strings.TrimSpace(in.Outcomes)
	switch n := utf8.RuneCountInString(a.Narrative); {
	case n == 0:
		errs["narrative"] = "추진 경과를 입력해 주십시오."
	case n > 4000 || !UsableText(a.Narrative, true):
		errs["narrative"] = "추진 경과는 4,000자 이하로 입력해 주십시오."
	}
	if utf8.RuneCountInString(a.Outcomes) > 4000 || !UsableText(a.Outcomes, true) {
		errs["outcomes"] = "갱신한 성과는 4,000자 이하로 입력해 주십시오."
	}
	var links []string
	for l := range strings.SplitSeq(in.EvidenceLinks, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		u, err := url.Parse(l)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(l) > 500 || !UsableText(l, false) {
			errs["evidence_links"] = "근거 자료는 한 줄에 하나씩 https://로 시작하는 주소로 입력해 주십시오."
			break
		}
		links = append(links, l)
	}
	if len(links) > 20 {
		errs["evidence_links"] = "근거 자료는 20개까지 입력할 수 있습니다."
	}
	a.EvidenceLinks = strings.Join(links, "\n")
	return errs
}

// taskInCycle loads a task of a pair selected in one of the cycle's rounds.
func taskInCycle(tx *gorm.DB, c EvaluationCycle, taskID int64) (CollaborationTask, error) {
	var t CollaborationTask
	if err := tx.Preload("Pair").Take(&t, taskID).Error; err != nil {
		return CollaborationTask{}, fmt.Errorf("task %d: %w", taskID, notFound(err))
	}
	return t, c.covers(t)
}

// covers is nil when the task (with its Pair) is one the cycle evaluates: of a
// pair selected in one of its rounds; ErrNotFound otherwise.
func (c EvaluationCycle) covers(t CollaborationTask) error {
	if !slices.Contains(c.RoundIDs(), t.Pair.RoundID) || t.Pair.Status != PairSelected {
		return fmt.Errorf("task %d is not in evaluation cycle %d: %w", t.ID, c.ID, ErrNotFound)
	}
	return nil
}

// SelfAssessmentOf is the task's self-assessment in the cycle, or nil.
func (s *Store) SelfAssessmentOf(ctx context.Context, cycleID, taskID int64) (*SelfAssessment, error) {
	var list []SelfAssessment
	if err := s.db.WithContext(ctx).Where("cycle_id = ? AND task_id = ?", cycleID, taskID).Limit(1).Find(&list).Error; err != nil {
		return nil, fmt.Errorf("self-assessment of task %d: %w", taskID, err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	return &list[0], nil
}

// SaveSelfAssessment submits (or submits again) a task's self-assessment while
// the cycle is in 자체 점검, as one of the pair's coordinators, on the version
// the person saw. A submission after the due date is taken and shown as late.
func (s *Store) SaveSelfAssessment(ctx context.Context, a Actor, cycleID, taskID int64, in SelfAssessmentInput) (SelfAssessment, error) {
	var after SelfAssessment
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := lockCycle(tx, cycleID)
		if err != nil {
			return err
		}
		t, err := taskInCycle(tx, c, taskID)
		if err != nil {
			return err
		}
		if !a.may(ActSelfAssess, t.Pair.Ministries()...) {
			return ErrForbidden
		}
		if c.Stage != StageSelfAssessment {
			return FieldErrors{"": "자체 점검 단계에서만 제출할 수 있습니다. (지금: " + c.Stage.Label() + ")"}.Err()
		}
		var found []SelfAssessment
		if err := tx.Where("cycle_id = ? AND task_id = ?", cycleID, taskID).Limit(1).Find(&found).Error; err != nil {
			return err
		}
		var before *SelfAssessment
		if len(found) == 1 {
			before = &found[0]
		}
		if (before == nil && in.Version != 0) || (before != nil && before.Version != in.Version) {
			if before == nil {
				return &StaleError[SelfAssessment]{}
			}
			return &StaleError[SelfAssessment]{Current: *before}
		}
		after = SelfAssessment{CycleID: cycleID, TaskID: taskID, Version: 1}
		if before != nil {
			after = *before
			after.Version++
		}
		if err := in.parse(&after).Err(); err != nil {
			return err
		}
		now := tx.NowFunc()
		after.SubmittedAt, after.SubmittedBy, after.UpdatedAt = &now, a.UserID, now
		if before == nil {
			if err := tx.Create(&after).Error; err != nil {
				return fmt.Errorf("create self-assessment of task %d: %w", taskID, err)
			}
		} else if err := tx.Model(&SelfAssessment{}).Where("id = ?", after.ID).Updates(map[string]any{
			"narrative": after.Narrative, "outcomes": after.Outcomes, "evidence_links": after.EvidenceLinks,
			"submitted_at": after.SubmittedAt, "submitted_by": after.SubmittedBy, "version": after.Version, "updated_at": now,
		}).Error; err != nil {
			return fmt.Errorf("update self-assessment %d: %w", after.ID, err)
		}
		if err := keepCycleProgress(tx, cycleID); err != nil {
			return err
		}
		if before == nil {
			return audit(tx, a, AuditCreate, "self_assessment", after.ID, nil, after)
		}
		return audit(tx, a, AuditUpdate, "self_assessment", after.ID, *before, after)
	})
	return after, err
}

// EvaluationReview is one reviewer's scoring of one task in a cycle.
type EvaluationReview struct {
	ID         int64             `json:"id"`
	CycleID    int64             `json:"cycle_id"`
	TaskID     int64             `json:"task_id"`
	ReviewerID int64             `json:"reviewer_id"`
	Reviewer   User              `gorm:"foreignKey:ReviewerID" json:"-"`
	Version    int               `json:"version"`
	Scores     []EvaluationScore `gorm:"foreignKey:ReviewID" json:"-"`
	CreatedAt  time.Time         `json:"created_at"`
	UpdatedAt  time.Time         `json:"updated_at"`
}

// EvaluationScore is a reviewer's score and comment for one criterion.
type EvaluationScore struct {
	ReviewID    int64  `gorm:"primaryKey;autoIncrement:false" json:"-"`
	CriterionID int64  `gorm:"primaryKey;autoIncrement:false" json:"criterion_id"`
	Score       int    `json:"score"`
	Comment     string `json:"comment"`
}

// ScoreOf is the review's score for a criterion, if given.
func (r EvaluationReview) ScoreOf(criterionID int64) (EvaluationScore, bool) {
	i := slices.IndexFunc(r.Scores, func(s EvaluationScore) bool { return s.CriterionID == criterionID })
	if i < 0 {
		return EvaluationScore{}, false
	}
	return r.Scores[i], true
}

// reviewAudit is what the audit log keeps of a review: its scores in words.
type reviewAudit struct {
	Task   int64  `json:"task_id"`
	Scores string `json:"scores"`
}

func (r EvaluationReview) auditView(c EvaluationCycle) reviewAudit {
	var parts []string
	for _, cr := range c.Criteria {
		if s, ok := r.ScoreOf(cr.ID); ok {
			p := fmt.Sprintf("%s %d점", cr.Name, s.Score)
			if s.Comment != "" {
				p += " (" + s.Comment + ")"
			}
			parts = append(parts, p)
		}
	}
	return reviewAudit{Task: r.TaskID, Scores: strings.Join(parts, "; ")}
}

// ReviewInput is a reviewer's score sheet for one task: rows of criterion, score and comment.
type ReviewInput struct {
	CriterionIDs []string `form:"criterion_id"`
	Scores       []string `form:"score" label:"점수"`
	Comments     []string `form:"comment" label:"의견"`
	Version      int      `form:"version"` // 0 for the first scoring
}

// InputOf is the form values of a saved review, one row per criterion of the cycle.
func (r EvaluationReview) InputOf(c EvaluationCycle) ReviewInput {
	in := ReviewInput{Version: r.Version}
	for _, cr := range c.Criteria {
		s, ok := r.ScoreOf(cr.ID)
		score := ""
		if ok {
			score = strconv.Itoa(s.Score)
		}
		in.CriterionIDs = append(in.CriterionIDs, strconv.FormatInt(cr.ID, 10))
		in.Scores = append(in.Scores, score)
		in.Comments = append(in.Comments, s.Comment)
	}
	return in
}

// ScoreField is the key of the message about the score of the cycle's
// criterion at row (the form's rows follow the cycle's criteria): score.0 is the first.
func ScoreField(row int) string { return "score." + strconv.Itoa(row) }

// parse checks a score for every criterion of the cycle, each 0–scale.
func (in ReviewInput) parse(c EvaluationCycle) ([]EvaluationScore, FieldErrors) {
	errs := FieldErrors{}
	var out []EvaluationScore
	for row, cr := range c.Criteria {
		i := slices.IndexFunc(in.CriterionIDs, func(s string) bool { return strings.TrimSpace(s) == strconv.FormatInt(cr.ID, 10) })
		raw, comment := "", ""
		if i >= 0 {
			raw, comment = rowAt(in.Scores, i), rowAt(in.Comments, i)
		}
		n, err := strconv.Atoi(raw)
		switch {
		case raw == "":
			errs[ScoreField(row)] = cr.Name + " 점수를 입력해 주십시오."
		case err != nil || n < 0 || n > c.Scale:
			errs[ScoreField(row)] = fmt.Sprintf("%s 점수는 0에서 %d 사이의 정수로 입력해 주십시오.", cr.Name, c.Scale)
		case utf8.RuneCountInString(comment) > 1000 || !UsableText(comment, true):
			errs[ScoreField(row)] = cr.Name + " 의견은 1,000자 이하로 입력해 주십시오."
		}
		out = append(out, EvaluationScore{CriterionID: cr.ID, Score: n, Comment: comment})
	}
	return out, errs
}

// ReviewOf is the reviewer's review of the task in the cycle with its scores, or nil.
func (s *Store) ReviewOf(ctx context.Context, cycleID, taskID, reviewerID int64) (*EvaluationReview, error) {
	var list []EvaluationReview
	err := s.db.WithContext(ctx).Preload("Scores").Where("cycle_id = ? AND task_id = ? AND reviewer_id = ?", cycleID, taskID, reviewerID).
		Limit(1).Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("review of task %d: %w", taskID, err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	return &list[0], nil
}

// SaveReview saves the acting reviewer's scores for a task while the cycle is
// in 심사: a score for every criterion, on the version the person saw.
func (s *Store) SaveReview(ctx context.Context, a Actor, cycleID, taskID int64, in ReviewInput) (EvaluationReview, error) {
	if !a.may(ActScoreTasks) || a.UserID == nil {
		return EvaluationReview{}, ErrForbidden
	}
	var after EvaluationReview
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := lockCycle(tx, cycleID)
		if err != nil {
			return err
		}
		if _, err := taskInCycle(tx, c, taskID); err != nil {
			return err
		}
		if c.Stage != StageReview {
			return FieldErrors{"": "심사 단계에서만 점수를 줄 수 있습니다. (지금: " + c.Stage.Label() + ")"}.Err()
		}
		var found []EvaluationReview
		if err := tx.Preload("Scores").Where("cycle_id = ? AND task_id = ? AND reviewer_id = ?", cycleID, taskID, *a.UserID).
			Limit(1).Find(&found).Error; err != nil {
			return err
		}
		before := EvaluationReview{CycleID: cycleID, TaskID: taskID, ReviewerID: *a.UserID}
		if len(found) == 1 {
			before = found[0]
		}
		if before.Version != in.Version {
			return &StaleError[EvaluationReview]{Current: before}
		}
		scores, errs := in.parse(c)
		if err := errs.Err(); err != nil {
			return err
		}
		after = before
		after.Version, after.UpdatedAt, after.Scores = before.Version+1, tx.NowFunc(), scores
		if before.ID == 0 {
			if err := tx.Omit(clause.Associations).Create(&after).Error; err != nil {
				if errors.Is(err, gorm.ErrDuplicatedKey) {
					return fmt.Errorf("review of task %d: %w", taskID, ErrConflict)
				}
				return fmt.Errorf("create review of task %d: %w", taskID, err)
			}
		} else if err := tx.Model(&EvaluationReview{}).Where("id = ?", after.ID).
			Updates(map[string]any{"version": after.Version, "updated_at": after.UpdatedAt}).Error; err != nil {
			return fmt.Errorf("update review %d: %w", after.ID, err)
		}
		if err := tx.Where("review_id = ?", after.ID).Delete(&EvaluationScore{}).Error; err != nil {
			return err
		}
		for i := range after.Scores {
			after.Scores[i].ReviewID = after.ID
		}
		if err := tx.Create(&after.Scores).Error; err != nil {
			return fmt.Errorf("scores of review %d: %w", after.ID, err)
		}
		if err := keepCycleProgress(tx, cycleID); err != nil {
			return err
		}
		action, old := AuditUpdate, any(before.auditView(c))
		if before.ID == 0 {
			action, old = AuditCreate, nil
		}
		return audit(tx, a, action, "evaluation_review", after.ID, old, after.auditView(c))
	})
	return after, err
}
