package models

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// PairStatusEvent is one status change of a pair, for its history.
type PairStatusEvent struct {
	ID         int64
	PairID     int64
	FromStatus *PairStatus // nil when the pair was created
	ToStatus   PairStatus
	UserID     *int64
	User       *User `json:"-"`
	Reason     string
	At         time.Time
}

// ProposalInput is what a coordinator enters to propose a pair; the proposing
// ministry is the coordinator's own and becomes side A of the pair.
type ProposalInput struct {
	RoundID               int64  `form:"round_id" label:"차수"`
	Grade                 Grade  `form:"grade" label:"구분"`
	Title                 string `form:"title" label:"우리 부처 직위명 (예: 기업일자리지원과장)"` // the own ministry's position
	CounterpartMinistryID int64  `form:"counterpart_ministry_id" label:"상대 부처"`
	CounterpartTitle      string `form:"counterpart_title" label:"상대 부처 직위명"`
	Theme                 string `form:"theme" label:"협업 분야"`
	Rationale             string `form:"rationale" label:"교류가 필요한 이유"`
	AgendaTask            string `form:"agenda_task" label:"관련 국정과제 (선택)"`
}

func (in *ProposalInput) normalise() {
	for _, f := range []*string{&in.Title, &in.CounterpartTitle, &in.Theme, &in.Rationale, &in.AgendaTask} {
		*f = strings.TrimSpace(*f)
	}
}

func (in ProposalInput) validate() FieldErrors {
	errs := FieldErrors{}
	if in.Grade != GradeDirectorGeneral && in.Grade != GradeDivisionDirector {
		errs["grade"] = "구분(과장급·국장급)을 선택해 주십시오."
	}
	checkText(errs, "title", in.Title, 100, "우리 부처 직위명을 입력해 주십시오.")
	checkText(errs, "counterpart_title", in.CounterpartTitle, 100, "상대 부처 직위명을 입력해 주십시오.")
	checkText(errs, "theme", in.Theme, 200, "협업 분야를 입력해 주십시오.")
	checkText(errs, "rationale", in.Rationale, 2000, "교류가 필요한 이유를 입력해 주십시오.")
	if len([]rune(in.AgendaTask)) > 200 {
		errs["agenda_task"] = "관련 국정과제는 200자 이하로 입력해 주십시오."
	}
	if in.CounterpartMinistryID == 0 {
		errs["counterpart_ministry_id"] = "상대 부처를 선택해 주십시오."
	}
	return errs
}

// checkText requires a value of at most max characters.
func checkText(errs FieldErrors, field, v string, max int, missing string) {
	switch {
	case v == "":
		errs[field] = missing
	case len([]rune(v)) > max:
		errs[field] = fmt.Sprintf("%d자 이하로 입력해 주십시오.", max)
	}
}

// ProposePair records a coordinator's proposal in a round open for proposals.
func (s *Store) ProposePair(ctx context.Context, c Actor, in ProposalInput) (ExchangePair, error) {
	if c.user == nil || c.user.MinistryID == nil || !c.may(ActProposePair, *c.user.MinistryID) {
		return ExchangePair{}, ErrNotAllowed
	}
	own := *c.user.MinistryID
	in.normalise()
	errs := in.validate()
	var p ExchangePair
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var round Round
		if err := tx.Take(&round, in.RoundID).Error; err != nil || round.Status != RoundProposals {
			errs["round_id"] = "직위 제안을 접수하는 차수를 선택해 주십시오."
		}
		if in.CounterpartMinistryID == own {
			errs["counterpart_ministry_id"] = "상대 부처는 우리 부처와 달라야 합니다."
		} else if in.CounterpartMinistryID != 0 && !taken(tx, &Ministry{}, 0, "id = ? AND active", in.CounterpartMinistryID) {
			errs["counterpart_ministry_id"] = "선택한 부처가 없거나 비활성 상태입니다."
		}
		if err := errs.Err(); err != nil {
			return err
		}
		grade := in.Grade
		p = ExchangePair{RoundID: in.RoundID, Grade: &grade, Theme: &in.Theme, Status: PairProposed,
			MinistryAID: own, MinistryBID: in.CounterpartMinistryID, Rationale: in.Rationale, AgendaTask: in.AgendaTask}
		if err := createPair(tx, &p, in.Title, in.CounterpartTitle); err != nil {
			return err
		}
		if err := recordStatus(tx, c.user, p.ID, nil, PairProposed, ""); err != nil {
			return err
		}
		return audit(tx, c, AuditCreate, "pair", p.ID, nil, p)
	})
	return p, err
}

// createPair creates the pair's two positions and the pair itself.
func createPair(tx *gorm.DB, p *ExchangePair, titleA, titleB string) error {
	posA := Position{MinistryID: p.MinistryAID, Title: optional(titleA), Grade: p.Grade}
	posB := Position{MinistryID: p.MinistryBID, Title: optional(titleB), Grade: p.Grade}
	if err := tx.Omit(clause.Associations).Create(&posA).Error; err != nil {
		return fmt.Errorf("create position: %w", err)
	}
	if err := tx.Omit(clause.Associations).Create(&posB).Error; err != nil {
		return fmt.Errorf("create position: %w", err)
	}
	p.PositionAID, p.PositionBID = posA.ID, posB.ID
	p.PositionA, p.PositionB = posA, posB
	if err := tx.Omit(clause.Associations).Create(p).Error; err != nil {
		return fmt.Errorf("create pair: %w", err)
	}
	return nil
}

func recordStatus(tx *gorm.DB, u *User, pairID int64, from *PairStatus, to PairStatus, reason string) error {
	ev := PairStatusEvent{PairID: pairID, FromStatus: from, ToStatus: to, Reason: reason, At: tx.NowFunc()}
	if u != nil {
		ev.UserID = &u.ID
	}
	if err := tx.Omit(clause.Associations).Create(&ev).Error; err != nil {
		return fmt.Errorf("record status %s of pair %d: %w", to, pairID, err)
	}
	return nil
}
