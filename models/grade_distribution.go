package models

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// GradeDistribution is a finalized cycle's grades counted over its tasks:
// how many tasks the cycle covered, how many got a grade, and how many got
// each one. Published (공개), it is kept as the administrator previewed it
// and the public site shows it; it names no task and no person.
type GradeDistribution struct {
	CycleID     int64        `gorm:"primaryKey;autoIncrement:false"`
	Tasks       int          // the tasks the cycle covered
	Scored      int          // of them, the tasks given a grade
	PublishedAt time.Time    // zero in a preview
	PublishedBy *int64       `json:"-"`
	Grades      []GradeTasks `gorm:"foreignKey:CycleID;references:CycleID"`
}

// GradeTasks is how many tasks of a published distribution got one grade.
type GradeTasks struct {
	CycleID   int64  `gorm:"primaryKey;autoIncrement:false"`
	Grade     string `gorm:"primaryKey"`
	MinTenths Tenths // the score from which the grade was given
	Tasks     int
	Position  int
}

// TableName is the published distributions' table.
func (GradeDistribution) TableName() string { return "grade_distributions" }

// TableName is the published counts' table.
func (GradeTasks) TableName() string { return "grade_distribution_counts" }

// ShareTenths is the grade's share of the scored tasks in tenths of a per
// cent, rounded half up: 2 of 3 is 667 (66.7%).
func (d GradeDistribution) ShareTenths(g GradeTasks) Tenths {
	if d.Scored == 0 {
		return 0
	}
	return Tenths(roundHalfUp(g.Tasks*1000, d.Scored))
}

// Stamp names the distribution's counts; the preview carries it, so that an
// administrator publishes only what they saw.
func (d GradeDistribution) Stamp() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(d.Tasks) + "." + strconv.Itoa(d.Scored))
	for _, g := range d.Grades {
		b.WriteString("-" + g.Grade + "." + strconv.Itoa(g.Tasks))
	}
	return b.String()
}

// Words writes the counts as the audit log keeps them: "S 0개, A 2개, B 0개,
// C 1개 (채점된 과제 3개, 대상 과제 3개)".
func (d GradeDistribution) Words() string {
	parts := make([]string, len(d.Grades))
	for i, g := range d.Grades {
		parts[i] = fmt.Sprintf("%s %d개", g.Grade, g.Tasks)
	}
	return fmt.Sprintf("%s (채점된 과제 %d개, 대상 과제 %d개)", strings.Join(parts, ", "), d.Scored, d.Tasks)
}

// DistributionOf counts the results of a cycle's tasks per grade, every grade
// of the cycle listed from the highest band down.
func (c EvaluationCycle) DistributionOf(results []TaskEvaluation) GradeDistribution {
	d := GradeDistribution{CycleID: c.ID, Tasks: len(results)}
	for _, r := range results {
		if r.Result.Scored() {
			d.Scored++
		}
	}
	for i, t := range c.GradeDistribution(results) {
		d.Grades = append(d.Grades, GradeTasks{CycleID: c.ID, Grade: t.Grade, MinTenths: c.Bands[i].MinTenths, Tasks: t.Tasks, Position: i + 1})
	}
	return d
}

// PublishProblem says, in Korean, why the cycle's distribution cannot be
// published; "" when it can.
func (c EvaluationCycle) PublishProblem(d GradeDistribution) string {
	switch {
	case !c.Locked():
		return "확정된 평가만 등급 분포를 공개할 수 있습니다. (지금 단계: " + c.Stage.Label() + ")"
	case d.Scored == 0:
		return "채점된 협업과제가 없어 공개할 등급 분포가 없습니다."
	}
	return ""
}

// GradeDistributionPreview is the cycle's distribution as publishing it would
// keep it, and the one published now (nil when none).
func (s *Store) GradeDistributionPreview(ctx context.Context, c EvaluationCycle) (GradeDistribution, *GradeDistribution, error) {
	results, err := s.CycleScores(ctx, c)
	if err != nil {
		return GradeDistribution{}, nil, err
	}
	published, err := publishedDistribution(s.db.WithContext(ctx), c.ID)
	return c.DistributionOf(results), published, err
}

// GradeDistributionPublished reports whether the cycle's grade distribution is on the public site.
func (s *Store) GradeDistributionPublished(ctx context.Context, cycleID int64) (bool, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&GradeDistribution{}).Where("cycle_id = ?", cycleID).Count(&n).Error; err != nil {
		return false, fmt.Errorf("grade distribution of evaluation cycle %d: %w", cycleID, err)
	}
	return n > 0, nil
}

func publishedDistribution(db *gorm.DB, cycleID int64) (*GradeDistribution, error) {
	var list []GradeDistribution
	if err := db.Preload("Grades", func(db *gorm.DB) *gorm.DB { return db.Order("position") }).
		Where("cycle_id = ?", cycleID).Limit(1).Find(&list).Error; err != nil {
		return nil, fmt.Errorf("grade distribution of evaluation cycle %d: %w", cycleID, err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	return &list[0], nil
}

// distributionAudit is what the audit log keeps of a publication.
type distributionAudit struct {
	Name         string `json:"name"`
	Distribution string `json:"distribution"`
}

// PublishGradeDistribution puts a finalized cycle's grade distribution on the
// public site, provided it is what the administrator previewed (stamp;
// otherwise ErrConflict). An unfinalized cycle, or one without a scored task,
// is refused with the reason.
func (s *Store) PublishGradeDistribution(ctx context.Context, a Actor, cycleID int64, stamp string) error {
	if !a.may(ActPublishGrades) {
		return ErrForbidden
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := lockCycleForPublishing(tx, cycleID)
		if err != nil {
			return err
		}
		results, err := s.inTx(tx).CycleScores(ctx, c)
		if err != nil {
			return err
		}
		d := c.DistributionOf(results)
		if problem := c.PublishProblem(d); problem != "" {
			return FieldErrors{"": problem}.Err()
		}
		if d.Stamp() != stamp {
			return fmt.Errorf("grade distribution of evaluation cycle %d changed since the preview: %w", cycleID, ErrConflict)
		}
		published, err := publishedDistribution(tx, cycleID)
		if err != nil || published != nil {
			return err
		}
		d.PublishedAt, d.PublishedBy = tx.NowFunc(), a.UserID
		if err := tx.Create(&d).Error; err != nil {
			return fmt.Errorf("publish grade distribution of evaluation cycle %d: %w", cycleID, err)
		}
		return audit(tx, a, AuditPublish, "grade_distribution", cycleID, nil, distributionAudit{Name: c.Name, Distribution: d.Words()})
	})
}

// WithdrawGradeDistribution takes a cycle's grade distribution off the public site (공개 취소).
func (s *Store) WithdrawGradeDistribution(ctx context.Context, a Actor, cycleID int64) error {
	if !a.may(ActPublishGrades) {
		return ErrForbidden
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := lockCycleForPublishing(tx, cycleID)
		if err != nil {
			return err
		}
		published, err := publishedDistribution(tx, cycleID)
		if err != nil || published == nil {
			return err
		}
		if err := tx.Where("cycle_id = ?", cycleID).Delete(&GradeTasks{}).Error; err != nil {
			return fmt.Errorf("withdraw grade distribution of evaluation cycle %d: %w", cycleID, err)
		}
		if err := tx.Where("cycle_id = ?", cycleID).Delete(&GradeDistribution{}).Error; err != nil {
			return fmt.Errorf("withdraw grade distribution of evaluation cycle %d: %w", cycleID, err)
		}
		return audit(tx, a, AuditUnpublish, "grade_distribution", cycleID, distributionAudit{Name: c.Name, Distribution: published.Words()}, nil)
	})
}

// lockCycleForPublishing loads a cycle with its rounds, criteria and bands,
// holding its row so that publications of it queue one after the other.
func lockCycleForPublishing(tx *gorm.DB, id int64) (EvaluationCycle, error) {
	var c EvaluationCycle
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Omit(clause.Associations).Take(&c, id).Error; err != nil {
		return EvaluationCycle{}, fmt.Errorf("evaluation cycle %d: %w", id, notFound(err))
	}
	return cycleWithAll(tx, id)
}

// PublicDistribution is a published grade distribution with its cycle, as the
// public site shows it.
type PublicDistribution struct {
	Cycle        EvaluationCycle // with its rounds
	Distribution GradeDistribution
}

// CoversRound reports whether the cycle evaluated the round's tasks.
func (p PublicDistribution) CoversRound(roundID int64) bool {
	for _, r := range p.Cycle.Rounds {
		if r.ID == roundID {
			return true
		}
	}
	return false
}

// publicDistributions reads the published distributions whose cycles cover
// only announced rounds (the embargo's rule), by period, oldest first. A fixed
// number of queries.
func (s *Store) publicDistributions(ctx context.Context, announced []Round) ([]PublicDistribution, error) {
	db := s.db.WithContext(ctx)
	var list []GradeDistribution
	if err := db.Preload("Grades", func(db *gorm.DB) *gorm.DB { return db.Order("position") }).Find(&list).Error; err != nil {
		return nil, fmt.Errorf("published grade distributions: %w", err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(list))
	for i, d := range list {
		ids[i] = d.CycleID
	}
	var cycles []EvaluationCycle
	if err := db.Preload("Rounds", func(db *gorm.DB) *gorm.DB { return db.Order("number") }).
		Where("id IN ? AND stage = ?", ids, StageFinalized).Order("period_start, id").Find(&cycles).Error; err != nil {
		return nil, fmt.Errorf("cycles of the published grade distributions: %w", err)
	}
	isAnnounced := map[int64]bool{}
	for _, r := range announced {
		isAnnounced[r.ID] = true
	}
	var out []PublicDistribution
	for _, c := range cycles {
		shown := len(c.Rounds) > 0
		for _, r := range c.Rounds {
			shown = shown && isAnnounced[r.ID]
		}
		if !shown {
			continue
		}
		for _, d := range list {
			if d.CycleID == c.ID {
				d.PublishedBy = nil // not the public's to know
				c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}
				out = append(out, PublicDistribution{Cycle: c, Distribution: d})
			}
		}
	}
	return out, nil
}

// DistributionsOf lists the published distributions of the cycles that cover the round.
func (v PublicView) DistributionsOf(roundID int64) []PublicDistribution {
	var list []PublicDistribution
	for _, d := range v.Distributions {
		if d.CoversRound(roundID) {
			list = append(list, d)
		}
	}
	return list
}
