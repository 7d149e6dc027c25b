package models_test

import (
	"context"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// Only a change the public can see bumps the public version: a draft task or a
// proposal and its agreement do not (each bump has every instance read the
// whole public view again); publishing a task, editing a published one and
// selecting a pair do.
func TestOnlyChangesThePublicCanSeeBumpThePublicVersion(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		r, moel, mss, admin := proposalRound(t, s)
		version := func() int64 {
			t.Helper()
			v, err := s.PublicVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return v.Version
		}
		step := func(what string, bumps bool, change func() error) {
			t.Helper()
			before := version()
			if err := change(); err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if after := version(); (after != before) != bumps {
				t.Errorf("%s: public version %d → %d, want a bump: %v", what, before, after, bumps)
			}
		}
		var p models.ExchangePair
		step("a proposal", false, func() (err error) {
			p, err = s.ProposePair(ctx, moel, proposal(r.ID, ministry(t, s, "mss").ID))
			return err
		})
		step("its agreement", false, func() error {
			_, err := s.ChangePairStatus(ctx, mss, p.ID, models.PairAgreed, "")
			return err
		})
		var task models.CollaborationTask
		step("a draft task on it", false, func() (err error) {
			task, err = s.CreateTask(ctx, moel, p.ID, models.TaskInput{Title: "초안 과제", Category: "public_benefit", Status: "discovered"})
			return err
		})
		step("the draft task edited", false, func() (err error) {
			in := task.InputOf()
			in.Title = "고친 초안 과제"
			task, err = s.UpdateTask(ctx, moel, task.ID, in)
			return err
		})
		step("the pair selected", true, func() error {
			_, err := s.ChangePairStatus(ctx, admin, p.ID, models.PairSelected, "")
			return err
		})
		if _, err := s.CreateOutcome(ctx, moel, task.ID, models.OutcomeInput{Kind: "narrative", Summary: "성과"}); err != nil {
			t.Fatal(err)
		}
		step("the task published", true, func() error {
			task, _ = s.TaskByID(ctx, task.ID)
			return s.PublishTask(ctx, admin, task.ID, task.ContentStamp())
		})
		step("the published task edited", true, func() error {
			task, _ = s.TaskByID(ctx, task.ID)
			in := task.InputOf()
			in.Title = "공개 뒤 고친 과제"
			_, err := s.UpdateTask(ctx, moel, task.ID, in)
			return err
		})
		step("the task, now withdrawn by the edit, edited again", false, func() error {
			task, _ = s.TaskByID(ctx, task.ID)
			in := task.InputOf()
			in.Title = "다시 고친 과제"
			_, err := s.UpdateTask(ctx, moel, task.ID, in)
			return err
		})
	})
}
