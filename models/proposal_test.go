package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

func proposal(roundID, counterpart int64) models.ProposalInput {
	return models.ProposalInput{RoundID: roundID, Grade: models.GradeDivisionDirector, Title: "고용정책총괄과장",
		CounterpartMinistryID: counterpart, CounterpartTitle: "중소기업정책과장", Theme: "중소기업 일자리 연계",
		Rationale: "양 부처 정책 연계가 필요합니다.", AgendaTask: "국정과제 52"}
}

func TestAProposalIsAgreedThenSelectedWithItsHistory(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		r, moel, mss, admin := proposalRound(t, s)
		p, err := s.ProposePair(ctx, moel, proposal(r.ID, ministry(t, s, "mss").ID))
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != models.PairProposed || p.MinistryAID != *moel.User().MinistryID || p.Number != nil {
			t.Fatalf("proposed pair = %+v", p)
		}
		if _, err := s.ChangePairStatus(ctx, admin, p.ID, models.PairSelected, ""); !errors.Is(err, models.ErrWrongState) {
			t.Errorf("selecting before agreement: %v, want ErrWrongState", err)
		}
		if _, err := s.ChangePairStatus(ctx, moel, p.ID, models.PairAgreed, ""); !errors.Is(err, models.ErrNotAllowed) {
			t.Errorf("the proposer agreed to its own proposal: %v, want ErrNotAllowed", err)
		}
		if _, err := s.ChangePairStatus(ctx, mss, p.ID, models.PairAgreed, ""); err != nil {
			t.Fatalf("counterpart agrees: %v", err)
		}
		if _, err := s.ChangePairStatus(ctx, mss, p.ID, models.PairSelected, ""); !errors.Is(err, models.ErrNotAllowed) {
			t.Errorf("a coordinator selected: %v, want ErrNotAllowed", err)
		}
		p, err = s.ChangePairStatus(ctx, admin, p.ID, models.PairSelected, "")
		if err != nil {
			t.Fatalf("admin selects: %v", err)
		}
		if p.Number == nil || *p.Number != 1 {
			t.Errorf("selected pair number = %v, want 1 (first in the round)", p.Number)
		}
		if _, err := s.ChangePairStatus(ctx, moel, p.ID, models.PairWithdrawn, ""); !errors.Is(err, models.ErrWrongState) {
			t.Errorf("withdrawing after selection: %v, want ErrWrongState", err)
		}
		hist, err := s.PairHistory(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []models.PairStatus{models.PairProposed, models.PairAgreed, models.PairSelected}
		if len(hist) != len(want) {
			t.Fatalf("history has %d events, want %d", len(hist), len(want))
		}
		for i, ev := range hist {
			if ev.ToStatus != want[i] || ev.User == nil {
				t.Errorf("event %d: to %s by %v, want to %s by a user", i, ev.ToStatus, ev.User, want[i])
			}
		}
		if hist[0].FromStatus != nil || *hist[2].FromStatus != models.PairAgreed || hist[1].User.Login != "mss" {
			t.Errorf("history = %+v", hist)
		}
		if n := auditCount(t, s, "pair", p.ID); n != 3 {
			t.Errorf("audit events = %d, want 3", n)
		}
	})
}

func TestPairTransitionsNeedTheRightStateRoleAndReason(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		r := openRound(t, s, 3)
		mssID := ministry(t, s, "mss").ID
		tests := []struct {
			name    string
			setup   []models.PairStatus // moves made first, by the right people
			by      string
			to      models.PairStatus
			reason  string
			wantErr error  // nil: allowed
			field   string // a validation error on this field
		}{
			{name: "counterpart declines with a reason", by: "mss", to: models.PairDeclined, reason: "여건 미비"},
			{name: "declining needs a reason", by: "mss", to: models.PairDeclined, field: "reason"},
			{name: "a third ministry cannot answer", by: "moef", to: models.PairAgreed, wantErr: models.ErrNotAllowed},
			{name: "reviewers cannot answer", by: "reviewer", to: models.PairAgreed, wantErr: models.ErrNotAllowed},
			{name: "proposer withdraws", by: "moel", to: models.PairWithdrawn},
			{name: "proposer withdraws after agreement", setup: []models.PairStatus{models.PairAgreed}, by: "moel", to: models.PairWithdrawn},
			{name: "counterpart cannot withdraw", by: "mss", to: models.PairWithdrawn, wantErr: models.ErrNotAllowed},
			{name: "admin rejects with a reason", setup: []models.PairStatus{models.PairAgreed}, by: "admin", to: models.PairRejected, reason: "계획 초과"},
			{name: "rejecting needs a reason", by: "admin", to: models.PairRejected, field: "reason"},
			{name: "a declined proposal cannot be agreed", setup: []models.PairStatus{models.PairDeclined}, by: "mss", to: models.PairAgreed, wantErr: models.ErrWrongState},
			{name: "a withdrawn proposal cannot be selected", setup: []models.PairStatus{models.PairWithdrawn}, by: "admin", to: models.PairSelected, wantErr: models.ErrWrongState},
			{name: "no move back to proposed", by: "admin", to: models.PairProposed, wantErr: models.ErrWrongState},
		}
		who := map[models.PairStatus]string{models.PairAgreed: "mss", models.PairDeclined: "mss", models.PairWithdrawn: "moel"}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p, err := s.ProposePair(ctx, caller(t, s, "moel"), proposal(r.ID, mssID))
				if err != nil {
					t.Fatal(err)
				}
				for _, st := range tt.setup {
					if _, err := s.ChangePairStatus(ctx, caller(t, s, who[st]), p.ID, st, "사유"); err != nil {
						t.Fatalf("setup move to %s: %v", st, err)
					}
				}
				got, err := s.ChangePairStatus(ctx, caller(t, s, tt.by), p.ID, tt.to, tt.reason)
				switch {
				case tt.field != "":
					assertFields(t, err, tt.field)
				case tt.wantErr != nil:
					if !errors.Is(err, tt.wantErr) {
						t.Errorf("error = %v, want %v", err, tt.wantErr)
					}
				case err != nil:
					t.Errorf("error = %v, want the move allowed", err)
				case got.Status != tt.to:
					t.Errorf("status = %s, want %s", got.Status, tt.to)
				}
			})
		}
	})
}

func TestProposalsNeedAnOpenRoundAndAnotherActiveMinistry(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		moel := caller(t, s, "moel")
		r2, _ := s.RoundByNumber(ctx, 2) // selected: closed for proposals
		_, err := s.ProposePair(ctx, moel, proposal(r2.ID, ministry(t, s, "mss").ID))
		assertFields(t, err, "round_id")

		r := openRound(t, s, 3)
		_, err = s.ProposePair(ctx, moel, proposal(r.ID, *moel.User().MinistryID))
		assertFields(t, err, "counterpart_ministry_id")

		_, err = s.ProposePair(ctx, moel, models.ProposalInput{RoundID: r.ID})
		assertFields(t, err, "grade", "title", "counterpart_title", "theme", "rationale", "counterpart_ministry_id")

		if _, err := s.ProposePair(ctx, caller(t, s, "admin"), proposal(r.ID, ministry(t, s, "mss").ID)); !errors.Is(err, models.ErrNotAllowed) {
			t.Errorf("an administrator proposed: %v, want ErrNotAllowed", err)
		}
	})
}

func TestCoordinatorsAndAdminsSeeWhatAwaitsThem(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		r := openRound(t, s, 3)
		p, err := s.ProposePair(ctx, caller(t, s, "moel"), proposal(r.ID, ministry(t, s, "mss").ID))
		if err != nil {
			t.Fatal(err)
		}
		for login, want := range map[string]int64{"mss": 1, "moel": 0, "admin": 0, "reviewer": 0} {
			if _, n, _ := s.PairsAwaiting(ctx, caller(t, s, login).User(), 10); n != want {
				t.Errorf("%s has %d waiting, want %d", login, n, want)
			}
		}
		if _, err := s.ChangePairStatus(ctx, caller(t, s, "mss"), p.ID, models.PairAgreed, ""); err != nil {
			t.Fatal(err)
		}
		list, n, _ := s.PairsAwaiting(ctx, caller(t, s, "admin").User(), 10)
		if n != 1 || list[0].ID != p.ID || list[0].MinistryB.Code != "mss" {
			t.Errorf("admin waiting = %d %+v, want the agreed pair", n, list)
		}
	})
}
