package models

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// NominationFilter narrows the list of nominations (the review queue).
type NominationFilter struct {
	RoundID    int64
	MinistryID int64 // the sending ministry
	ScopeID    int64 // a coordinator's ministry: only its pairs' nominations; 0: every one
	Status     NominationStatus
	Page       Page
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
	if f.Status != "" {
		q = q.Where("nominations.status = ?", f.Status)
	}
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

// nominationsByID loads nominations with what their rows show, in the order of ids.
func (s *Store) nominationsByID(ctx context.Context, ids []int64) ([]Nomination, error) {
	return byID(preloadNomination(s.db.WithContext(ctx)), "nominations.id", ids, func(n *Nomination) int64 { return n.ID })
}

// EndingSoonDays is how close to its planned end an exchange shows as about to end.
const EndingSoonDays = 30

// WaitingKind is one kind of nomination work waiting for someone.
type WaitingKind string

// Kinds of waiting work.
const (
	WaitingReview      WaitingKind = "review"      // submitted, my office has not approved yet
	WaitingAcknowledge WaitingKind = "acknowledge" // a completion report to acknowledge
	WaitingReturned    WaitingKind = "returned"    // returned to my ministry: answer it
	WaitingDraft       WaitingKind = "draft"       // my ministry's drafts to submit
	WaitingEndingSoon  WaitingKind = "ending"      // exchanges about to end
)

// waitingConditions are the SQL conditions of each kind of waiting work for u.
func waitingConditions(u *User, now time.Time) map[WaitingKind][]any {
	soon := today(now).AddDate(0, 0, EndingSoonDays)
	live := []NominationStatus{NominationActive, NominationExtended}
	out := map[WaitingKind][]any{}
	switch {
	case u == nil || !u.Active:
	case u.Role == RoleCoordinator && u.MinistryID != nil:
		m := *u.MinistryID
		out[WaitingReturned] = []any{"nominations.ministry_id = ? AND nominations.status = ?", m, NominationReturned}
		out[WaitingDraft] = []any{"nominations.ministry_id = ? AND nominations.status = ?", m, NominationDraft}
		out[WaitingEndingSoon] = []any{"nominations.pair_id IN (SELECT id FROM exchange_pairs WHERE ministry_a_id = ? OR ministry_b_id = ?) AND nominations.status IN ? AND nominations.planned_end <= ?", m, m, live, soon}
	case MayAtAll(u, ActReviewNominations):
		office, ok := approvalOffice(u)
		if ok {
			out[WaitingReview] = []any{"nominations.status = ? AND NOT EXISTS (SELECT 1 FROM nomination_approvals a WHERE a.nomination_id = nominations.id AND a.submission = nominations.submission AND a.office = ?)", NominationSubmitted, office}
		}
		out[WaitingAcknowledge] = []any{"nominations.status = ? AND nominations.report <> ''", NominationCompleted}
		out[WaitingEndingSoon] = []any{"nominations.status IN ? AND nominations.planned_end <= ?", live, soon}
	}
	return out
}

// WaitingNominations is the nomination work waiting for one person, by kind:
// at most limit of each, with each kind's total.
type WaitingNominations struct {
	Lists  map[WaitingKind][]Nomination
	Totals map[WaitingKind]int64
}

// NominationsWaiting lists what waits for the user: one query finds the first
// limit of each kind with each kind's total (a window over the kinds, which are
// disjoint by status), one more loads those nominations with what their rows show.
func (s *Store) NominationsWaiting(ctx context.Context, u *User, limit int) (WaitingNominations, error) {
	w := WaitingNominations{Lists: map[WaitingKind][]Nomination{}, Totals: map[WaitingKind]int64{}}
	conds := waitingConditions(u, s.db.NowFunc())
	if len(conds) == 0 {
		return w, nil
	}
	var kinds, where []string
	var kindArgs, whereArgs []any
	for _, kind := range slices.Sorted(maps.Keys(conds)) {
		c := conds[kind]
		w.Totals[kind] = 0
		kinds = append(kinds, "WHEN "+c[0].(string)+" THEN ?")
		kindArgs = append(append(kindArgs, c[1:]...), string(kind))
		where = append(where, "("+c[0].(string)+")")
		whereArgs = append(whereArgs, c[1:]...)
	}
	var found []struct {
		ID    int64
		Kind  WaitingKind
		Total int64
	}
	err := s.db.WithContext(ctx).Raw(`SELECT id, kind, total FROM (
	SELECT id, kind, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY updated_at, id) AS n, COUNT(*) OVER (PARTITION BY kind) AS total
	FROM (SELECT nominations.id, nominations.updated_at, CASE `+strings.Join(kinds, " ")+` END AS kind
		FROM nominations WHERE `+strings.Join(where, " OR ")+`) AS waiting
) AS numbered WHERE n <= ? ORDER BY kind, n`, append(append(kindArgs, whereArgs...), limit)...).Scan(&found).Error
	if err != nil {
		return w, fmt.Errorf("find nominations waiting: %w", err)
	}
	ids := make([]int64, len(found))
	for i, f := range found {
		ids[i] = f.ID
		w.Totals[f.Kind] = f.Total
	}
	list, err := s.nominationsByID(ctx, ids)
	if err != nil {
		return w, err
	}
	byID := make(map[int64]Nomination, len(list))
	for _, n := range list {
		byID[n.ID] = n
	}
	for _, f := range found {
		if n, ok := byID[f.ID]; ok {
			w.Lists[f.Kind] = append(w.Lists[f.Kind], n)
		}
	}
	return w, nil
}

// CountNominationsWaiting is how many nominations wait for the user, in one
// query, for the count in the navigation.
func (s *Store) CountNominationsWaiting(ctx context.Context, u *User) (int64, error) {
	conds := waitingConditions(u, s.db.NowFunc())
	if len(conds) == 0 {
		return 0, nil
	}
	q := s.db.WithContext(ctx).Model(&Nomination{})
	var or *gorm.DB
	for _, c := range conds {
		if or == nil {
			or = s.db.Where(c[0], c[1:]...)
		} else {
			or = or.Or(c[0], c[1:]...)
		}
	}
	var n int64
	if err := q.Where(or).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count nominations waiting: %w", err)
	}
	return n, nil
}

// Stage is where a position of a selected pair stands in exchangee selection.
type Stage string

// Stages counted on a round's selection page.
const (
	StageNotNominated Stage = "not_nominated" // 추천 전 (nothing submitted, or drafts and returns)
	StageInReview     Stage = "in_review"     // 심사 중
	StageApproved     Stage = "approved"      // 승인
	StageExchanging   Stage = "exchanging"    // 교류 중 (also extended)
	StageReturned     Stage = "returned"      // 복귀 (also acknowledged)
)

// Stages lists the stages in order.
var Stages = []Stage{StageNotNominated, StageInReview, StageApproved, StageExchanging, StageReturned}

// Label is the stage's Korean name.
func (s Stage) Label() string {
	switch s {
	case StageNotNominated:
		return "추천 전"
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
	NominationSubmitted: StageInReview, NominationApproved: StageApproved,
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
	err := s.db.WithContext(ctx).Model(&Nomination{}).Select("nominations.status, COUNT(DISTINCT nominations.position_id) AS n").
		Joins("JOIN exchange_pairs ON exchange_pairs.id = nominations.pair_id").
		Where("exchange_pairs.round_id = ? AND exchange_pairs.status = ?", roundID, PairSelected).
		Group("nominations.status").Scan(&rows).Error
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
