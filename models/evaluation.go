package models

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// EvaluationStage is where an evaluation cycle stands: 준비 → 자체 점검 → 심사 → 확정.
type EvaluationStage string

// Stages of a cycle, in order.
const (
	StagePreparing      EvaluationStage = "preparing"
	StageSelfAssessment EvaluationStage = "self_assessment"
	StageReview         EvaluationStage = "review"
	StageFinalized      EvaluationStage = "finalized"
)

// EvaluationStages lists the stages in order.
var EvaluationStages = []EvaluationStage{StagePreparing, StageSelfAssessment, StageReview, StageFinalized}

// Label is the stage's Korean name.
func (s EvaluationStage) Label() string {
	switch s {
	case StagePreparing:
		return "준비"
	case StageSelfAssessment:
		return "자체 점검"
	case StageReview:
		return "심사"
	case StageFinalized:
		return "확정"
	}
	return string(s)
}

// EvaluationCycle is one periodic review of task performance (실적 점검·평가):
// the rounds it covers, weighted criteria, a score scale and grade bands.
type EvaluationCycle struct {
	ID              int64           `json:"id"`
	Name            string          `json:"name"`
	PeriodStart     time.Time       `json:"period_start"`
	PeriodEnd       time.Time       `json:"period_end"`
	Scale           int             `json:"scale"`            // each criterion is scored 0–Scale
	IncentiveTenths Tenths          `json:"incentive_tenths"` // a task reaching this score makes its exchangees candidates
	SelfDue         *time.Time      `json:"self_due"`         // self-assessments due (date)
	ReviewDue       *time.Time      `json:"review_due"`       // scores due (date)
	Stage           EvaluationStage `json:"stage"`
	FinalizedAt     *time.Time      `json:"finalized_at"`
	FinalizeReason  string          `json:"finalize_reason"` // why it was finalized with the gaps below
	FinalizeGaps    string          `json:"finalize_gaps"`   // what was missing then, in words; "" when nothing
	IncentiveKinds  string          `json:"incentive_kinds"` // the incentives decisions choose from, one a line
	// IncentivesSettledAt: when every person of the finalized cycle due a
	// decision was found decided (incentive_settled.go); nil while any is not.
	IncentivesSettledAt *time.Time `json:"-"`
	// IncentivesUndecided: how many of the finalized cycle's people due a
	// decision have none (incentive_settled.go).
	IncentivesUndecided int `json:"-"`
	// TaskCount: how many tasks the selected pairs of the cycle's rounds have;
	// ReviewedTasks and SubmittedTasks: how many of them have a review and a
	// submitted self-assessment (cycle_tasks.go).
	TaskCount      int                   `json:"-"`
	ReviewedTasks  int                   `json:"-"`
	SubmittedTasks int                   `json:"-"`
	Version        int                   `json:"version"`
	Rounds         []Round               `gorm:"many2many:evaluation_cycle_rounds;joinForeignKey:CycleID;joinReferences:RoundID" json:"-"`
	Criteria       []EvaluationCriterion `gorm:"foreignKey:CycleID" json:"-"`
	Bands          []GradeBand           `gorm:"foreignKey:CycleID" json:"-"`
	CreatedAt      time.Time             `json:"created_at"`
	UpdatedAt      time.Time             `json:"updated_at"`
}

// EvaluationCriterion is one weighted criterion of a cycle (e.g. 성과 달성도 40).
type EvaluationCriterion struct {
	ID       int64  `json:"id"`
	CycleID  int64  `json:"cycle_id"`
	Name     string `json:"name"`
	Weight   int    `json:"weight"` // percent; a cycle's weights sum to 100
	Position int    `json:"position"`
}

// GradeBand is a grade and the score from which it is given (S from 90.0).
type GradeBand struct {
	ID        int64  `json:"id"`
	CycleID   int64  `json:"cycle_id"`
	Grade     string `json:"grade"`
	MinTenths Tenths `json:"min_tenths"`
	MaxShare  *int   `json:"max_share"` // the largest share of the scored tasks given this grade, per cent; nil: no limit
	Position  int    `json:"position"`
}

// Limit is how many of scored tasks may get the band's grade: scored × share
// ÷ 100, rounded up (ShareRounding); -1 without a limit.
func (b GradeBand) Limit(scored int) int {
	if b.MaxShare == nil {
		return -1
	}
	return (scored**b.MaxShare + 99) / 100
}

// ShareRounding is how a share becomes a count, as the pages state it.
const ShareRounding = "채점된 과제 수 × 최대 비율 ÷ 100, 소수점 이하 올림"

// Locked reports whether nothing of the cycle may change any more.
func (c EvaluationCycle) Locked() bool { return c.Stage == StageFinalized }

// ResultsShownTo reports whether the user may see the tasks' scores and
// grades: those who see the reviews always, everyone else once it is 확정.
func (c EvaluationCycle) ResultsShownTo(u *User) bool { return May(u, ActViewReviews) || c.Locked() }

// RoundIDs are the ids of the rounds in scope; Rounds must be loaded.
func (c EvaluationCycle) RoundIDs() []int64 {
	ids := make([]int64, len(c.Rounds))
	for i, r := range c.Rounds {
		ids[i] = r.ID
	}
	return ids
}

// RoundsLabel names the rounds in scope: "1차, 2차".
func (c EvaluationCycle) RoundsLabel() string {
	parts := make([]string, len(c.Rounds))
	for i, r := range c.Rounds {
		parts[i] = fmt.Sprintf("%d차", r.Number)
	}
	return strings.Join(parts, ", ")
}

// CriteriaLabel lists the criteria with their weights: "협업 노력도 30, 성과 달성도 40".
func (c EvaluationCycle) CriteriaLabel() string {
	parts := make([]string, len(c.Criteria))
	for i, cr := range c.Criteria {
		parts[i] = fmt.Sprintf("%s %d", cr.Name, cr.Weight)
	}
	return strings.Join(parts, ", ")
}

// BandsLabel lists the grade bands: "S 90.0점 이상, A 80.0점 이상, …".
func (c EvaluationCycle) BandsLabel() string {
	parts := make([]string, len(c.Bands))
	for i, b := range c.Bands {
		parts[i] = fmt.Sprintf("%s %s점 이상", b.Grade, b.MinTenths)
		if b.MaxShare != nil {
			parts[i] += fmt.Sprintf(" (최대 %d%%)", *b.MaxShare)
		}
	}
	return strings.Join(parts, ", ")
}

// Grades are the cycle's grades from the highest band down.
func (c EvaluationCycle) Grades() []string {
	out := make([]string, len(c.Bands))
	for i, b := range c.Bands {
		out[i] = b.Grade
	}
	return out
}

// cycleAudit is what the audit log keeps of a cycle: its settings in words.
type cycleAudit struct {
	Name      string          `json:"name"`
	Period    string          `json:"period"`
	Rounds    string          `json:"rounds"`
	Criteria  string          `json:"criteria"`
	Scale     int             `json:"scale"`
	Bands     string          `json:"bands"`
	Incentive string          `json:"incentive"`
	SelfDue   string          `json:"self_due"`
	ReviewDue string          `json:"review_due"`
	Stage     EvaluationStage `json:"stage"`
	Reason    string          `json:"finalize_reason,omitempty"`
	Gaps      string          `json:"finalize_gaps,omitempty"`
}

func (c EvaluationCycle) auditView() cycleAudit {
	return cycleAudit{Name: c.Name, Period: c.PeriodStart.Format(time.DateOnly) + " ~ " + c.PeriodEnd.Format(time.DateOnly),
		Rounds: c.RoundsLabel(), Criteria: c.CriteriaLabel(), Scale: c.Scale, Bands: c.BandsLabel(),
		Incentive: c.IncentiveTenths.String() + "점 이상", SelfDue: dateString(c.SelfDue), ReviewDue: dateString(c.ReviewDue), Stage: c.Stage,
		Reason: c.FinalizeReason, Gaps: c.FinalizeGaps}
}

// preloadCycle loads a cycle's rounds, criteria and bands in order.
func preloadCycle(db *gorm.DB) *gorm.DB {
	return preloadCycleRounds(db).
		Preload("Criteria", func(db *gorm.DB) *gorm.DB { return db.Order("position, id") }).
		Preload("Bands", func(db *gorm.DB) *gorm.DB { return db.Order("min_tenths DESC") })
}

// preloadCycleRounds loads a cycle's rounds in their order, with the columns
// given (all when none is).
func preloadCycleRounds(db *gorm.DB, columns ...string) *gorm.DB {
	return db.Preload("Rounds", func(db *gorm.DB) *gorm.DB {
		if len(columns) > 0 {
			db = db.Select(columns)
		}
		return db.Order("number")
	})
}

// EvaluationCycles lists a page of cycles, newest first, with their rounds,
// and the total: each cycle with its name, period and stage only, and its
// rounds with their numbers only, what the list shows. Reading every column
// of a full page of cycles and of their rounds (their dates each parsed),
// and their criteria and bands, was most of the page's time (issue 25).
func (s *Store) EvaluationCycles(ctx context.Context, p Page) ([]EvaluationCycle, int64, error) {
	var total int64
	db := s.db.WithContext(ctx)
	if err := db.Model(&EvaluationCycle{}).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count evaluation cycles: %w", err)
	}
	var list []EvaluationCycle
	err := preloadCycleRounds(db, "rounds.id", "rounds.number").
		Select("id", "name", "period_start", "period_end", "stage").
		Order("period_start DESC, id DESC").Limit(p.Limit()).Offset(p.Offset()).Find(&list).Error
	if err != nil {
		return nil, 0, fmt.Errorf("list evaluation cycles: %w", err)
	}
	return list, total, nil
}

// EvaluationCycleByID loads a cycle with its rounds, criteria and bands.
func (s *Store) EvaluationCycleByID(ctx context.Context, id int64) (EvaluationCycle, error) {
	return cycleWithAll(s.db.WithContext(ctx), id)
}

func cycleWithAll(db *gorm.DB, id int64) (EvaluationCycle, error) {
	var c EvaluationCycle
	if err := preloadCycle(db).Take(&c, id).Error; err != nil {
		return EvaluationCycle{}, fmt.Errorf("evaluation cycle %d: %w", id, notFound(err))
	}
	return c, nil
}

// lockCycle loads a cycle for a change of it or of what hangs on it (a
// self-assessment, a score), holding its row so that a finalization and the
// writes it must refuse queue one after the other; it refuses a finalized cycle.
func lockCycle(tx *gorm.DB, id int64) (EvaluationCycle, error) {
	var c EvaluationCycle
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Omit(clause.Associations).Take(&c, id).Error; err != nil {
		return EvaluationCycle{}, fmt.Errorf("evaluation cycle %d: %w", id, notFound(err))
	}
	if c.Locked() {
		return EvaluationCycle{}, fmt.Errorf("evaluation cycle %d is finalized: %w", id, ErrWrongState)
	}
	full, err := cycleWithAll(tx, id)
	if err != nil {
		return EvaluationCycle{}, err
	}
	return full, nil
}

// staleCycle is the *StaleError of a change based on an old version of cycle id.
func staleCycle(tx *gorm.DB, id int64) error {
	now, err := cycleWithAll(tx, id)
	if err != nil {
		return err
	}
	return &StaleError[EvaluationCycle]{Current: now}
}

// TableName is the criteria's table.
func (EvaluationCriterion) TableName() string { return "evaluation_criteria" }

// TableName is the grade bands' table.
func (GradeBand) TableName() string { return "evaluation_grade_bands" }
