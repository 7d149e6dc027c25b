package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// RoundStatus is where a round stands in its year.
type RoundStatus string

// Round stages: 준비 → 직위 제안 접수 → 선정 완료 → 교류 시행 → 종료.
const (
	RoundPreparing RoundStatus = "preparing"
	RoundProposals RoundStatus = "proposals"
	RoundSelected  RoundStatus = "selected"
	RoundActive    RoundStatus = "active"
	RoundClosed    RoundStatus = "closed"
)

// Label is the stage's Korean name.
func (s RoundStatus) Label() string {
	switch s {
	case RoundPreparing:
		return "준비"
	case RoundProposals:
		return "직위 제안 접수"
	case RoundSelected:
		return "선정 완료"
	case RoundActive:
		return "교류 시행"
	case RoundClosed:
		return "종료"
	}
	return string(s)
}

// Round is one selection wave (차수) with its planned positions per grade.
type Round struct {
	ID                      int64        `json:"id"`
	Number                  int          `json:"number"`
	Title                   string       `json:"title"`
	Status                  RoundStatus  `json:"status"`
	PlannedDirectorGeneral  int          `json:"planned_director_general"`  // 국장급 positions planned
	PlannedDivisionDirector int          `json:"planned_division_director"` // 과장급 positions planned
	ScheduleNote            string       `json:"schedule_note"`
	ProposalsDueOn          *time.Time   `json:"proposals_due_on"`
	SelectedOn              *time.Time   `json:"selected_on"`
	ExchangeStartsOn        *time.Time   `json:"exchange_starts_on"`
	EvaluationOn            *time.Time   `json:"evaluation_on"`
	ApprovalRule            ApprovalRule `json:"approval_rule" gorm:"default:one"` // whose approval an exchangee selection needs
	MinMonths               *int         `json:"min_months"`                       // the shortest exchange, in months; nil: no limit
	MaxMonths               *int         `json:"max_months"`                       // the longest exchange, extensions included; nil: no limit
	LatestStart             *time.Time   `json:"latest_start"`                     // the latest day an exchange may start; nil: no limit
	AnnounceAt              *time.Time   `json:"announce_at"`                      // when the public may see the round (the embargo); nil: not announced
	CreatedAt               time.Time    `json:"created_at"`
	UpdatedAt               time.Time    `json:"updated_at"`
}

// PlannedPositions is the number of positions the round plans in all.
func (r Round) PlannedPositions() int { return r.PlannedDirectorGeneral + r.PlannedDivisionDirector }

// PlannedPairs is the number of pairs those positions make.
func (r Round) PlannedPairs() int { return r.PlannedPositions() / 2 }

// Rounds lists every round by number.
func (s *Store) Rounds(ctx context.Context) ([]Round, error) {
	var list []Round
	if err := s.db.WithContext(ctx).Order("number").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	return list, nil
}

// RoundChoices lists the rounds in their order for a list's filter, each with
// its number, title and status only: every column of every round of the
// history, their dates each parsed, cost pages that offer the rounds to
// choose from as much as a page of their rows at ten years (issue 25).
func (s *Store) RoundChoices(ctx context.Context) ([]Round, error) {
	var list []Round
	if err := s.db.WithContext(ctx).Select("id", "number", "title", "status").Order("number").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	return list, nil
}

// RoundByNumber finds a round by its number (1차, 2차, ...).
func (s *Store) RoundByNumber(ctx context.Context, number int) (Round, error) {
	var r Round
	err := s.db.WithContext(ctx).Where("number = ?", number).Take(&r).Error
	if err != nil {
		return Round{}, fmt.Errorf("round %d: %w", number, notFound(err))
	}
	return r, nil
}

// RoundByID loads a round.
func (s *Store) RoundByID(ctx context.Context, id int64) (Round, error) {
	var r Round
	if err := s.db.WithContext(ctx).Take(&r, id).Error; err != nil {
		return Round{}, fmt.Errorf("round %d: %w", id, notFound(err))
	}
	return r, nil
}

// Next is the stage that follows s, and false for the last stage.
func (s RoundStatus) Next() (RoundStatus, bool) {
	for i, st := range RoundStatuses[:len(RoundStatuses)-1] {
		if st == s {
			return RoundStatuses[i+1], true
		}
	}
	return "", false
}

// RoundStatuses are a round's stages in order.
var RoundStatuses = []RoundStatus{RoundPreparing, RoundProposals, RoundSelected, RoundActive, RoundClosed}

// RoundInput is the round form as the administrator typed it; the domain
// parses and checks it. Dates are YYYY-MM-DD or empty.
type RoundInput struct {
	Number                  string `form:"number" label:"차수 (숫자)"`
	Title                   string `form:"title" label:"제목"`
	PlannedDirectorGeneral  string `form:"planned_director_general" label:"국장급 계획 직위 수"`
	PlannedDivisionDirector string `form:"planned_division_director" label:"과장급 계획 직위 수"`
	ScheduleNote            string `form:"schedule_note" label:"일정 설명"`
	ProposalsDueOn          string `form:"proposals_due_on" label:"직위 제안 마감일"`
	SelectedOn              string `form:"selected_on" label:"선정일"`
	ExchangeStartsOn        string `form:"exchange_starts_on" label:"교류 시작일"`
	EvaluationOn            string `form:"evaluation_on" label:"실적 평가일"`
	AnnounceAt              string `form:"announce_at" label:"공개(보도) 일시 (한국 시간)"` // YYYY-MM-DDTHH:MM in Korea Standard Time, or empty
}

// InputOf is the form values of a round.
func (r Round) InputOf() RoundInput {
	return RoundInput{Number: strconv.Itoa(r.Number), Title: r.Title, PlannedDirectorGeneral: strconv.Itoa(r.PlannedDirectorGeneral),
		PlannedDivisionDirector: strconv.Itoa(r.PlannedDivisionDirector), ScheduleNote: r.ScheduleNote,
		ProposalsDueOn: dateString(r.ProposalsDueOn), SelectedOn: dateString(r.SelectedOn),
		ExchangeStartsOn: dateString(r.ExchangeStartsOn), EvaluationOn: dateString(r.EvaluationOn),
		AnnounceAt: announceString(r.AnnounceAt)}
}

// apply validates the input and copies it onto r; r is to be saved only when
// no field has an error.
func (in RoundInput) apply(r *Round) FieldErrors {
	errs := FieldErrors{}
	whole := func(field, value, outOfRange string, lo, hi int) int {
		v := strings.TrimSpace(value)
		n, err := strconv.Atoi(v)
		switch {
		case v == "" && lo == 0:
			return 0
		case err != nil && v != "":
			errs[field] = "숫자로 입력해 주십시오."
		case err != nil || n < lo || n > hi:
			errs[field] = outOfRange
		}
		return n
	}
	title, note := strings.TrimSpace(in.Title), strings.TrimSpace(in.ScheduleNote)
	number := whole("number", in.Number, "차수는 1부터 999까지의 숫자로 입력해 주십시오.", 1, 999)
	if title == "" {
		errs["title"] = "제목을 입력해 주십시오."
	} else if len([]rune(title)) > 100 {
		errs["title"] = "제목은 100자 이하로 입력해 주십시오."
	}
	plannedDG := whole("planned_director_general", in.PlannedDirectorGeneral, "계획 직위 수는 0부터 1000까지로 입력해 주십시오.", 0, 1000)
	plannedDD := whole("planned_division_director", in.PlannedDivisionDirector, "계획 직위 수는 0부터 1000까지로 입력해 주십시오.", 0, 1000)
	if len([]rune(note)) > 200 {
		errs["schedule_note"] = "일정 설명은 200자 이하로 입력해 주십시오."
	}
	dates := []struct {
		field, value string
		dst          **time.Time
	}{
		{"proposals_due_on", in.ProposalsDueOn, &r.ProposalsDueOn},
		{"selected_on", in.SelectedOn, &r.SelectedOn},
		{"exchange_starts_on", in.ExchangeStartsOn, &r.ExchangeStartsOn},
		{"evaluation_on", in.EvaluationOn, &r.EvaluationOn},
	}
	for _, d := range dates {
		v := strings.TrimSpace(d.value)
		if v == "" {
			*d.dst = nil
			continue
		}
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			errs[d.field] = "날짜는 2025-01-31 형식으로 입력해 주십시오."
			continue
		}
		*d.dst = &t
	}
	if v := strings.TrimSpace(in.AnnounceAt); v == "" {
		r.AnnounceAt = nil
	} else if t, err := time.ParseInLocation(announceLayout, v, Seoul); err != nil || t.Year() < 2000 || t.Year() > 2999 {
		errs["announce_at"] = "공개 일시는 2025-01-31 12:00 형식으로 입력해 주십시오."
	} else {
		t = t.UTC()
		r.AnnounceAt = &t
	}
	r.Number, r.Title, r.ScheduleNote = number, title, note
	r.PlannedDirectorGeneral, r.PlannedDivisionDirector = plannedDG, plannedDD
	return errs
}

// announceLayout is how the round form writes the announcement (datetime-local, KST).
const announceLayout = "2006-01-02T15:04"

func announceString(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(Seoul).Format(announceLayout)
}

const roundNumberTaken = "이미 있는 차수입니다."

// CreateRound creates a round in its first stage, 준비.
func (s *Store) CreateRound(ctx context.Context, c Actor, in RoundInput) (Round, error) {
	if !c.may(ActManageRounds) {
		return Round{}, ErrNotAllowed
	}
	r := Round{Status: RoundPreparing}
	errs := in.apply(&r)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if taken(tx, &Round{}, 0, "number = ?", r.Number) {
			errs["number"] = roundNumberTaken
		}
		if err := errs.Err(); err != nil {
			return err
		}
		if err := tx.Create(&r).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return FieldErrors{"number": roundNumberTaken}.Err()
			}
			return fmt.Errorf("create round %d: %w", r.Number, err)
		}
		return audit(tx, c, AuditCreate, "round", r.ID, nil, r)
	})
	return r, err
}

// UpdateRound changes a round's number, title, plan and dates; not its stage.
func (s *Store) UpdateRound(ctx context.Context, c Actor, id int64, in RoundInput) (Round, error) {
	if !c.may(ActManageRounds) {
		return Round{}, ErrNotAllowed
	}
	var after Round
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var before Round
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&before, id).Error; err != nil {
			return fmt.Errorf("round %d: %w", id, notFound(err))
		}
		after = before
		errs := in.apply(&after)
		if taken(tx, &Round{}, id, "number = ?", after.Number) {
			errs["number"] = roundNumberTaken
		}
		if err := errs.Err(); err != nil {
			return err
		}
		err := tx.Model(&after).Select("number", "title", "planned_director_general", "planned_division_director",
			"schedule_note", "proposals_due_on", "selected_on", "exchange_starts_on", "evaluation_on", "announce_at", "updated_at").
			Updates(&after).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return FieldErrors{"number": roundNumberTaken}.Err()
		}
		if err != nil {
			return fmt.Errorf("update round %d: %w", id, err)
		}
		return audit(tx, c, AuditUpdate, "round", id, before, after)
	})
	return after, err
}

// AdvanceRound moves a round on to the stage after its current one; to must be
// that stage, so a repeated click cannot skip one.
func (s *Store) AdvanceRound(ctx context.Context, c Actor, id int64, to RoundStatus) (Round, error) {
	if !c.may(ActManageRounds) {
		return Round{}, ErrNotAllowed
	}
	var after Round
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var before Round
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&before, id).Error; err != nil {
			return fmt.Errorf("round %d: %w", id, notFound(err))
		}
		if next, ok := before.Status.Next(); !ok || next != to {
			return fmt.Errorf("move round %d from %s to %s: %w", id, before.Status, to, ErrWrongState)
		}
		after = before
		after.Status = to
		if err := tx.Model(&after).Select("status", "updated_at").Updates(&after).Error; err != nil {
			return fmt.Errorf("move round %d to %s: %w", id, to, err)
		}
		return audit(tx, c, AuditUpdate, "round", id, before, after)
	})
	return after, err
}

// GradeCount is one grade's positions in a round: planned, proposed (every
// proposal not withdrawn) and selected. A pair is two positions.
type GradeCount struct {
	Grade                       *Grade // nil: the grade is not on record
	Planned, Proposed, Selected int
}

// RoundCounts counts a round's positions per grade, in one query.
func (s *Store) RoundCounts(ctx context.Context, r Round) ([]GradeCount, error) {
	var rows []struct {
		Grade  *Grade
		Status PairStatus
		N      int
	}
	err := s.db.WithContext(ctx).Model(&ExchangePair{}).Select("grade, status, COUNT(*) AS n").
		Where("round_id = ?", r.ID).Group("grade, status").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count pairs of round %d: %w", r.ID, err)
	}
	dg, dd := GradeDirectorGeneral, GradeDivisionDirector
	counts := []GradeCount{{Grade: &dg, Planned: r.PlannedDirectorGeneral}, {Grade: &dd, Planned: r.PlannedDivisionDirector}}
	for _, row := range rows {
		i := slices.IndexFunc(counts, func(gc GradeCount) bool { return sameGrade(gc.Grade, row.Grade) })
		if i < 0 {
			counts = append(counts, GradeCount{Grade: row.Grade})
			i = len(counts) - 1
		}
		if row.Status != PairWithdrawn {
			counts[i].Proposed += 2 * row.N
		}
		if row.Status == PairSelected {
			counts[i].Selected += 2 * row.N
		}
	}
	return counts, nil
}

func sameGrade(a, b *Grade) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// taken reports whether another record than id matches where (a unique value in use).
func taken(tx *gorm.DB, model any, id int64, where string, args ...any) bool {
	var n int64
	q := tx.Model(model).Where(where, args...)
	if id != 0 {
		q = q.Where("id <> ?", id)
	}
	q.Count(&n)
	return n > 0
}

// OpenRounds lists the rounds open for proposals, by number.
func (s *Store) OpenRounds(ctx context.Context) ([]Round, error) {
	var list []Round
	if err := s.db.WithContext(ctx).Where("status = ?", RoundProposals).Order("number").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list open rounds: %w", err)
	}
	return list, nil
}
