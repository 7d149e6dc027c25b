package models_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// A round-1 exchange as the programme office knows it: the rest is not known.
func runningExchange() models.RegistrationInput {
	return models.RegistrationInput{ExchangeeName: "한등록", ActualStart: "2024-02-05", PlannedEnd: "2025-02-04",
		Reason: models.RegistrationReasonDefault}
}

// Only an administrator registers a running exchange, and a position takes
// one: administrators registering the same position at once save exactly one,
// the others are told by the form (the pair's row queues them), and a
// coordinator's attempt writes nothing.
func TestRegisteringARunningExchangeIsTheAdministratorsAndSimultaneousRegistrationsSaveOne(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		r1, err := s.RoundByNumber(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		var pair models.ExchangePair
		if err := s.DB().Where("round_id = ?", r1.ID).Order("id").Take(&pair).Error; err != nil {
			t.Fatal(err)
		}
		var coordinator string
		s.DB().Model(&models.Ministry{}).Where("id = ?", pair.MinistryAID).Pluck("code", &coordinator)
		if _, err := s.RegisterExchange(ctx, caller(t, s, coordinator), pair.ID, pair.PositionBID, runningExchange()); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("the sending ministry's coordinator registering: %v, want ErrForbidden", err)
		}

		const tries = 6
		var wg sync.WaitGroup
		start := make(chan struct{})
		results := make(chan error, tries)
		for range tries {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, err := s.RegisterExchange(ctx, caller(t, s, "admin"), pair.ID, pair.PositionBID, runningExchange())
				results <- err
			}()
		}
		close(start)
		wg.Wait()
		close(results)
		saved, refused := 0, 0
		for err := range results {
			var v *models.ValidationError
			switch {
			case err == nil:
				saved++
			case errors.As(err, &v) && v.Fields[""] != "":
				refused++
			default:
				t.Errorf("a registration failed otherwise: %v", err)
			}
		}
		if saved != 1 || refused != tries-1 {
			t.Errorf("saved %d, refused %d; want exactly one saved", saved, refused)
		}
		var n models.Nomination
		if err := s.DB().Where("position_id = ?", pair.PositionBID).Take(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n.Status != models.NominationActive || n.MinistryID != pair.MinistryAID || n.ActualStart == nil || n.Registration == "" {
			t.Errorf("registered: %+v", n)
		}
		var events int64
		s.DB().Model(&models.NominationEvent{}).Where("nomination_id = ? AND move = ?", n.ID, models.MoveRegister).Count(&events)
		if events != 1 || auditCount(t, s, "nomination", n.ID) != 1 {
			t.Errorf("%d 등록 in the history and %d audit events, want one each", events, auditCount(t, s, "nomination", n.ID))
		}
		if _, err := s.MoveNomination(ctx, caller(t, s, "admin"), n.ID, models.MoveRegister, models.MoveInput{Version: n.Version}); !errors.Is(err, models.ErrWrongState) {
			t.Errorf("등록 as a move of an existing nomination: %v, want ErrWrongState", err)
		}
	})
}
