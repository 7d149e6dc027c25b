package models

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// pairSide says which ministry of a pair may take a transition.
type pairSide int

const (
	eitherSide   pairSide = iota // the action's grant decides alone (administrators)
	proposerSide                 // side A, the proposing ministry
	counterSide                  // side B, the counterpart ministry
)

// pairTransition is one allowed move of a pair's status and who may make it.
type pairTransition struct {
	from   []PairStatus
	to     PairStatus
	action Action
	side   pairSide
	reason bool // a reason must be given
}

// pairTransitions is the whole life of a proposal: the counterpart agrees or
// declines, the administrator selects (from agreed) or rejects, the proposer
// may withdraw until selection. Every move needs the round open for proposals.
var pairTransitions = []pairTransition{
	{from: []PairStatus{PairProposed}, to: PairAgreed, action: ActRespondPair, side: counterSide},
	{from: []PairStatus{PairProposed}, to: PairDeclined, action: ActRespondPair, side: counterSide, reason: true},
	{from: []PairStatus{PairAgreed}, to: PairSelected, action: ActSelectPair},
	{from: []PairStatus{PairProposed, PairAgreed}, to: PairRejected, action: ActSelectPair, reason: true},
	{from: []PairStatus{PairProposed, PairAgreed}, to: PairWithdrawn, action: ActWithdrawPair, side: proposerSide},
}

// PairMove is a status change the user may make on a pair now.
type PairMove struct {
	To             PairStatus
	ReasonRequired bool
}

// transitionTo finds the transition to a status, if there is one.
func transitionTo(to PairStatus) (pairTransition, bool) {
	i := slices.IndexFunc(pairTransitions, func(t pairTransition) bool { return t.to == to })
	if i < 0 {
		return pairTransition{}, false
	}
	return pairTransitions[i], true
}

// permits reports whether the user may take the transition on the pair (rights only).
func (t pairTransition) permits(u *User, p ExchangePair) bool {
	switch t.side {
	case proposerSide:
		return May(u, t.action, p.MinistryAID)
	case counterSide:
		return May(u, t.action, p.MinistryBID)
	}
	return May(u, t.action, p.Ministries()...)
}

// PairMoves lists the moves the user may make on the pair now; p.Round must be loaded.
func PairMoves(u *User, p ExchangePair) []PairMove {
	if p.Round.Status != RoundProposals {
		return nil
	}
	var moves []PairMove
	for _, t := range pairTransitions {
		if slices.Contains(t.from, p.Status) && t.permits(u, p) {
			moves = append(moves, PairMove{To: t.to, ReasonRequired: t.reason})
		}
	}
	return moves
}

// ChangePairStatus moves a pair to a new status, if the transition table allows
// it from the pair's current status, for the caller's role and ministry, in a
// round open for proposals. It records the change in the pair's history and the
// audit log. A pair selected without a number gets the round's next one.
func (s *Store) ChangePairStatus(ctx context.Context, c Actor, id int64, to PairStatus, reason string) (ExchangePair, error) {
	t, ok := transitionTo(to)
	if !ok {
		return ExchangePair{}, fmt.Errorf("pair %d to %q: %w", id, to, ErrWrongState)
	}
	reason = strings.TrimSpace(reason)
	var after ExchangePair
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var before ExchangePair
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Omit(clause.Associations).Take(&before, id).Error; err != nil {
			return fmt.Errorf("pair %d: %w", id, notFound(err))
		}
		if !t.permits(c.user, before) {
			return fmt.Errorf("pair %d to %s: %w", id, to, ErrNotAllowed)
		}
		var round Round
		if err := tx.Take(&round, before.RoundID).Error; err != nil {
			return fmt.Errorf("round of pair %d: %w", id, err)
		}
		if round.Status != RoundProposals || !slices.Contains(t.from, before.Status) {
			return fmt.Errorf("pair %d from %s to %s in a round %s: %w", id, before.Status, to, round.Status, ErrWrongState)
		}
		if t.reason && reason == "" {
			return FieldErrors{"reason": "사유를 입력해 주십시오."}.Err()
		}
		if len([]rune(reason)) > 1000 {
			return FieldErrors{"reason": "사유는 1000자 이하로 입력해 주십시오."}.Err()
		}
		after = before
		after.Status = to
		cols := []any{"status", "updated_at"}
		if to == PairSelected && after.Number == nil {
			var last *int
			if err := tx.Model(&ExchangePair{}).Where("round_id = ?", before.RoundID).Select("MAX(number)").Scan(&last).Error; err != nil {
				return fmt.Errorf("last number of round %d: %w", before.RoundID, err)
			}
			n := 1
			if last != nil {
				n = *last + 1
			}
			after.Number = &n
			cols = append(cols, "number")
		}
		if err := tx.Model(&after).Select(cols[0], cols[1:]...).Updates(&after).Error; err != nil {
			return fmt.Errorf("move pair %d to %s: %w", id, to, err)
		}
		if to == PairSelected { // its tasks count in the cycles of its round from now
			if err := keepCycleTasks(tx, cyclesOfSelectedPair, id); err != nil {
				return err
			}
		}
		from := before.Status
		if err := recordStatus(tx, c.user, id, &from, to, reason); err != nil {
			return err
		}
		return audit(tx, c, AuditUpdate, "pair", id, before, after)
	})
	return after, err
}
