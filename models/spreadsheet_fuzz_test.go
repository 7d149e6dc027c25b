package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gyoryu/gyoryu/models/sheet"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// The fuzz targets feed arbitrary bytes to the readers and whatever they accept
// to the import: nothing may panic, a refused file is a SheetError, and an
// import saves every row or none. Seeds live in testdata/fuzz/<target>/;
// `go test` runs them, `go test -fuzz=FuzzReadCSV ./models` explores further.

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("연번,구분,협업과제,교류직위 (부처),교류직위 (부처)\n1,과장급,주제,고용부 (과장),중기부 (과장)\n"))
	f.Add([]byte("\xEF\xBB\xBF연번,구분\n1,\n,\"\n"))
	fuzzImport(f, sheet.ReadCSV)
}

func FuzzReadXLSX(f *testing.F) {
	f.Add(modelstest.AttachmentXLSX(f, modelstest.Round2))
	f.Add([]byte("PK\x03\x04"))
	fuzzImport(f, sheet.ReadXLSX)
}

func fuzzImport(f *testing.F, read func([]byte) ([]sheet.Row, error)) {
	s := modelstest.New(f, models.DialectSQLite)
	ctx := context.Background()
	if _, err := s.Seed(ctx); err != nil {
		f.Fatal(err)
	}
	u, err := s.CreateUser(ctx, models.System, models.UserInput{Login: "admin", DisplayName: "관리자", Role: models.RoleAdmin})
	if err != nil {
		f.Fatal(err)
	}
	admin := models.ActorOf(&u, "")
	r, err := s.CreateRound(ctx, admin, models.RoundInput{Number: "9", Title: "퍼즈 차수"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := read(data)
		if err != nil {
			var se *sheet.Error
			if !errors.As(err, &se) || se.Message == "" {
				t.Fatalf("refused with %T %v, want a SheetError with a message", err, err)
			}
			return
		}
		if len(rows) == 0 || len(rows) > sheet.MaxRows {
			t.Fatalf("accepted %d rows", len(rows))
		}
		before := pairCount(t, s, r.ID)
		plan, err := s.ImportPairs(ctx, admin, r.ID, rows)
		after := pairCount(t, s, r.ID)
		switch {
		case err == nil && after != before+int64(len(rows)):
			t.Fatalf("import of %d rows saved %d", len(rows), after-before)
		case err != nil && after != before:
			t.Fatalf("a failed import (%v) saved %d pairs", err, after-before)
		case err != nil && !errors.Is(err, models.ErrImportInvalid):
			t.Fatalf("import failed with %v, want every problem as a row error", err)
		case errors.Is(err, models.ErrImportInvalid) && plan.Valid():
			t.Fatal("import refused a plan it calls valid")
		}
	})
}

func pairCount(t *testing.T, s *models.Store, roundID int64) int64 {
	t.Helper()
	var n int64
	if err := s.DB().Model(&models.ExchangePair{}).Where("round_id = ?", roundID).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
