package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
)

func TestContactsAreErasedAfterTheRetentionPeriod(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		pair, pos := nominationTarget(t, s)
		admin := caller(t, s, "admin")
		n, err := s.CreateNomination(ctx, caller(t, s, "mss"), pair.ID, pos, exchangee(true))
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range []struct {
			move models.NominationMove
			date string
		}{{models.MoveConsent, ""}, {models.MoveApprove, ""}, {models.MoveStart, "2025-01-20"}, {models.MoveEnd, "2026-06-30"}} { // the administrator answers for the receiving ministry too
			if n, err = s.MoveNomination(ctx, admin, n.ID, step.move, models.MoveInput{Date: step.date, ReturnPost: "인력정책과장", Version: n.Version}); err != nil {
				t.Fatalf("%s: %v", step.move, err)
			}
		}
		if got, err := s.EraseExpiredContacts(ctx, models.System, 30, time.Date(2026, 7, 20, 9, 0, 0, 0, models.Seoul)); err != nil || got != 0 {
			t.Fatalf("20 days after return: erased %d (%v), want 0", got, err)
		}
		if got, err := s.EraseExpiredContacts(ctx, models.System, 30, time.Date(2026, 8, 15, 9, 0, 0, 0, models.Seoul)); err != nil || got != 1 {
			t.Fatalf("46 days after return: erased %d (%v), want 1", got, err)
		}
		after, err := s.NominationByID(ctx, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		if after.WorkPhone != "" || after.Email != "" || after.ContactErasedAt == nil {
			t.Errorf("after erasure: phone %q, e-mail %q, erased at %v", after.WorkPhone, after.Email, after.ContactErasedAt)
		}
		if after.ExchangeeName == "" || after.ReturnedOn == nil || len(after.Companions) != 1 {
			t.Error("the erasure took more than the contact details")
		}
		var audited int64
		s.DB().Model(&models.AuditEvent{}).Where("record_type = 'nomination' AND record_id = ? AND actor = 'system'", n.ID).Count(&audited)
		if audited != 1 {
			t.Errorf("%d audited erasures, want 1", audited)
		}
		if got, _ := s.EraseExpiredContacts(ctx, models.System, 30, time.Date(2026, 9, 1, 0, 0, 0, 0, models.Seoul)); got != 0 {
			t.Errorf("a second run erased %d again", got)
		}
	})
}
