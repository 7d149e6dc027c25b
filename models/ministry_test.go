package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

func TestMinistriesAreAddedEditedAndDeactivatedWithKoreanErrorsForDuplicates(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		admin := caller(t, s, "admin")
		m, err := s.CreateMinistry(ctx, admin, models.MinistryInput{Code: "MOIS", ShortName: "행안부", Name: "행정안전부", Kind: string(models.KindMinistry)})
		if err != nil {
			t.Fatal(err)
		}
		if m.Code != "mois" || !m.Active {
			t.Errorf("created %+v, want code mois, active", m)
		}
		_, err = s.CreateMinistry(ctx, admin, models.MinistryInput{Code: "moel", ShortName: "고용노동부", Name: "고용부", Kind: string(models.KindMinistry)})
		assertFields(t, err, "code", "short_name", "name")

		_, err = s.UpdateMinistry(ctx, admin, m.ID, models.MinistryInput{Code: "mois", ShortName: "행안부", Name: "행정안전부", Kind: "bogus"})
		assertFields(t, err, "kind")
		if _, err := s.UpdateMinistry(ctx, admin, m.ID, models.MinistryInput{Code: "mois", ShortName: "행정부", Name: "행정안전부", Kind: string(models.KindMinistry)}); err != nil {
			t.Fatalf("update: %v", err)
		}
		if err := s.SetMinistryActive(ctx, admin, m.ID, false); err != nil {
			t.Fatal(err)
		}
		got, _ := s.MinistryByID(ctx, m.ID)
		if got.Active || got.ShortName != "행정부" {
			t.Errorf("after update and deactivation: %+v", got)
		}
		if err := s.SetMinistryActive(ctx, caller(t, s, "reviewer"), m.ID, true); !errors.Is(err, models.ErrNotAllowed) {
			t.Errorf("a reviewer reactivated a ministry: %v", err)
		}
		if n := auditCount(t, s, "ministry", m.ID); n != 3 {
			t.Errorf("audit events = %d, want 3", n)
		}
	})
}
