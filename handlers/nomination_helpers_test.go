package handlers_test

import (
	"context"
	"github.com/gyoryu/gyoryu/models/modelstest"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// nominate makes login's ministry nominate the test exchangee into a position of a pair.
func nominate(t *testing.T, s *models.Store, login string, pairID, positionID int64, submit bool) models.Nomination {
	t.Helper()
	n, err := s.CreateNomination(context.Background(), modelstest.As(t, s, login), pairID, positionID, modelstest.TestNomination(submit))
	if err != nil {
		t.Fatalf("nominate: %v", err)
	}
	return n
}
