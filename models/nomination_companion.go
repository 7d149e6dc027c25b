package models

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Companions are decided with the nominee (issue 21): approving the
// nomination approves the companions on it, and before that a reviewer may
// remove one with a reason (동반 교류자 제외). The removed companion stays on
// the record, shown as 제외 with the reason; the removal is in the history and
// the audit log.

// MoveRemoveCompanion names a reviewer's removal of a companion in the history;
// like MoveRegister it is no move of the transition table.
const MoveRemoveCompanion NominationMove = "remove_companion"

// CompanionRemovalInput is the removal form of one companion.
type CompanionRemovalInput struct {
	Version int    `form:"version"` // the nomination's version the reviewer saw
	Reason  string `form:"reason" label:"제외 사유"`
}

// MayRemoveCompanions reports whether u may remove companions of n now: a
// reviewer, while the nomination is under review (심사 중).
func MayRemoveCompanions(u *User, n Nomination) bool {
	return n.Status == NominationSubmitted && May(u, ActReviewNominations, n.Ministries()...)
}

// RemoveCompanion removes the companion companionID from nomination id, with
// a reason, if the nomination is still at in.Version (otherwise a
// *StaleError): only a reviewer, only before the nomination is approved.
func (s *Store) RemoveCompanion(ctx context.Context, a Actor, id, companionID int64, in CompanionRemovalInput) (Nomination, NominationCompanion, error) {
	var after Nomination
	var cp NominationCompanion
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockNomination(tx, id)
		if err != nil {
			return err
		}
		if !a.may(ActReviewNominations, before.Ministries()...) {
			return fmt.Errorf("remove a companion of nomination %d: %w", id, ErrForbidden)
		}
		if err := tx.Where("id = ? AND nomination_id = ?", companionID, id).Take(&cp).Error; err != nil {
			return fmt.Errorf("companion %d of nomination %d: %w", companionID, id, notFound(err))
		}
		if before.Version != in.Version {
			return &StaleError[Nomination]{Current: before}
		}
		if before.Status != NominationSubmitted || cp.Removed() {
			return fmt.Errorf("remove companion %d of nomination %d at %s: %w", companionID, id, before.Status, ErrWrongState)
		}
		reason := strings.TrimSpace(in.Reason)
		switch c := utf8.RuneCountInString(reason); {
		case c == 0:
			return FieldErrors{"reason": "동반 교류자 " + cp.Name + "의 제외 사유를 입력해 주십시오."}.Err()
		case c > 1000:
			return FieldErrors{"reason": "제외 사유는 1,000자 이하로 입력해 주십시오."}.Err()
		}
		at := tx.NowFunc()
		cp.RemovedAt, cp.RemovedBy, cp.RemovalReason = &at, a.UserID, reason
		if err := tx.Model(&NominationCompanion{}).Where("id = ?", cp.ID).
			Updates(map[string]any{"removed_at": at, "removed_by": a.UserID, "removal_reason": reason}).Error; err != nil {
			return fmt.Errorf("remove companion %d: %w", cp.ID, err)
		}
		said := "동반 교류자 " + strings.TrimSpace(cp.Name+" "+cp.Rank) + " 제외: " + reason
		if err := recordNominationEvent(tx, a, id, MoveRemoveCompanion, &before.Status, before.Status, said, ""); err != nil {
			return err
		}
		after = before
		return saveNomination(tx, a, before, &after, MoveRemoveCompanion, said)
	})
	return after, cp, err
}
