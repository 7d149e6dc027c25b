package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// NominationFilter narrows the list of nominations (the review queue).
type NominationFilter struct {
	RoundID    int64
	MinistryID int64 // the sending ministry
	ScopeID    int64 // a coordinator's ministry: only its pairs' nominations; 0: every one
	Status     NominationStatus
	// Open keeps the nominations not over (every status but 승인 취소 and 완료
	// 보고 확인됨): the queue without a round, which years of history would
	// otherwise fill with closed ones (issue 25).
	Open   bool
	Viewer *User // who reads the list: drafts show only to their sending ministry and administrators
	Page   Page
}

// MaySeeDraft reports whether the user may see the nomination while it is a
// draft: drafts are the sending ministry's (and administrators'), and nobody
// else sees one before its 제출.
func MaySeeDraft(u *User, n Nomination) bool { return May(u, ActNominate, n.MinistryID) }

// hideDrafts keeps out of q the drafts the viewer may not see.
func hideDrafts(q *gorm.DB, viewer *User) *gorm.DB {
	switch {
	case MayOnEvery(viewer, ActNominate):
		return q
	case MayAtAll(viewer, ActNominate) && viewer.MinistryID != nil:
		return q.Where("(nominations.status <> ? OR nominations.ministry_id = ?)", NominationDraft, *viewer.MinistryID)
	}
	return q.Where("nominations.status <> ?", NominationDraft)
}

// Nominations lists nominations, oldest change first, with what a reviewer needs
// to decide (pair, position, companions, confirmed conditions, approvals).
func (s *Store) Nominations(ctx context.Context, f NominationFilter) ([]Nomination, int64, error) {
	q := s.db.WithContext(ctx).Model(&Nomination{})
	if f.RoundID != 0 {
		q = q.Where("nominations.pair_id IN (SELECT id FROM exchange_pairs WHERE round_id = ?)", f.RoundID)
	}
	if f.MinistryID != 0 {
		q = q.Where("nominations.ministry_id = ?", f.MinistryID)
	}
	if f.ScopeID != 0 {
		q = q.Where("nominations.pair_id IN (SELECT id FROM exchange_pairs WHERE ministry_a_id = ? OR ministry_b_id = ?)", f.ScopeID, f.ScopeID)
	}
	switch f.Status {
	case "":
	case NominationAwaitingConsent: // a state, not stored: submitted, not yet agreed to
		q = q.Where("nominations.status = ? AND nominations.consented_submission <> nominations.submission", NominationSubmitted)
	case NominationSubmitted: // 심사 중: agreed to, with the reviewers
		q = q.Where("nominations.status = ? AND nominations.consented_submission = nominations.submission", NominationSubmitted)
	default:
		q = q.Where("nominations.status = ?", f.Status)
	}
	if f.Open {
		// IN, not NOT IN: both databases then count and sort the open rows
		// found on the status index, however many closed ones the years left.
		q = q.Where("nominations.status IN ?", openStatuses)
	}
	q = hideDrafts(q, f.Viewer)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count nominations: %w", err)
	}
	var ids []int64
	err := q.Order("nominations.updated_at, nominations.id").Limit(f.Page.Limit()).Offset(f.Page.Offset()).
		Pluck("nominations.id", &ids).Error
	if err != nil {
		return nil, 0, fmt.Errorf("list nominations: %w", err)
	}
	list, err := s.nominationsByID(ctx, ids)
	return list, total, err
}

// openStatuses are the stored statuses of a nomination not over yet.
var openStatuses = []NominationStatus{NominationDraft, NominationSubmitted, NominationReturned,
	NominationApproved, NominationActive, NominationExtended, NominationCompleted}

// nominationsByID loads nominations with what their rows show, in the order of ids.
func (s *Store) nominationsByID(ctx context.Context, ids []int64) ([]Nomination, error) {
	return byID(preloadNomination(s.db.WithContext(ctx)), "nominations.id", ids, func(n *Nomination) int64 { return n.ID })
}

// EndingSoonDays is how close to its planned end an exchange shows as about to end.
const EndingSoonDays = 30

// Stage is where a position of a selected pair stands in exchangee selection.
type Stage string

// Stages counted on a round's selection page.
const (
	StageNotNominated    Stage = "not_nominated"    // 추천 전 (nothing submitted, or drafts and returns)
	StageAwaitingConsent Stage = "awaiting_consent" // 받는 부처 동의 대기
	StageInReview        Stage = "in_review"        // 심사 중
	StageApproved        Stage = "approved"         // 승인
	StageExchanging      Stage = "exchanging"       // 교류 중 (also extended)
	StageReturned        Stage = "returned"         // 복귀 (also acknowledged)
)

// NoExchangeeLabel is what a position with no exchangee shows: 추천 전 while
// the round selects, "교류자 정보 미입력" once its exchange runs (round 1 ran
// before the app: its exchangees are there, only not entered).
func NoExchangeeLabel(r Round) string {
	if r.Status == RoundActive || r.Status == RoundClosed {
		return "교류자 정보 미입력"
	}
	return StageNotNominated.Label()
}

// Stages lists the stages in order.
var Stages = []Stage{StageNotNominated, StageAwaitingConsent, StageInReview, StageApproved, StageExchanging, StageReturned}

// Label is the stage's Korean name.
func (s Stage) Label() string {
	switch s {
	case StageNotNominated:
		return "추천 전"
	case StageAwaitingConsent:
		return "받는 부처 동의 대기"
	case StageInReview:
		return "심사 중"
	case StageApproved:
		return "승인"
	case StageExchanging:
		return "교류 중"
	case StageReturned:
		return "복귀"
	}
	return string(s)
}

var stageOf = map[NominationStatus]Stage{
	NominationAwaitingConsent: StageAwaitingConsent, NominationSubmitted: StageInReview, NominationApproved: StageApproved,
	NominationActive: StageExchanging, NominationExtended: StageExchanging,
	NominationCompleted: StageReturned, NominationAcknowledged: StageReturned,
}

// RoundStages counts a round's positions of selected pairs by stage, in two queries.
func (s *Store) RoundStages(ctx context.Context, roundID int64) (map[Stage]int64, error) {
	var pairs int64
	if err := s.db.WithContext(ctx).Model(&ExchangePair{}).Where("round_id = ? AND status = ?", roundID, PairSelected).
		Count(&pairs).Error; err != nil {
		return nil, fmt.Errorf("count selected pairs of round %d: %w", roundID, err)
	}
	var rows []struct {
		Status NominationStatus
		N      int64
	}
	// A submission the receiving ministry has not agreed to counts apart from those with the reviewers.
	const state = "CASE WHEN nominations.status = 'submitted' AND nominations.consented_submission <> nominations.submission" +
		" THEN 'awaiting_consent' ELSE nominations.status END"
	err := s.db.WithContext(ctx).Model(&Nomination{}).Select(state+" AS status, COUNT(DISTINCT nominations.position_id) AS n").
		Joins("JOIN exchange_pairs ON exchange_pairs.id = nominations.pair_id").
		Where("exchange_pairs.round_id = ? AND exchange_pairs.status = ?", roundID, PairSelected).
		Group(state).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count nominations of round %d by status: %w", roundID, err)
	}
	counts := map[Stage]int64{StageNotNominated: 2 * pairs}
	for _, r := range rows {
		if st, ok := stageOf[r.Status]; ok {
			counts[st] += r.N
			counts[StageNotNominated] -= r.N
		}
	}
	return counts, nil
}
