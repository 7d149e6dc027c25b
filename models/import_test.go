package models_test

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/gyoryu/gyoryu/models/sheet"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// sheetOf is a round's export with line numbers cleared, for comparing contents.
func sheetOf(t *testing.T, s *models.Store, roundID int64) []sheet.Row {
	t.Helper()
	rows, err := s.RoundSheet(context.Background(), roundID)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		rows[i].Line = 0
	}
	return rows
}

func emptyRound(t *testing.T, s *models.Store, number int) models.Round {
	t.Helper()
	r, err := s.CreateRound(context.Background(), caller(t, s, "admin"), models.RoundInput{Number: strconv.Itoa(number), Title: "빈 차수"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestTheNineRound2PairsImportFromTheAttachmentAndExportTheSame(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		rows, err := sheet.Read(modelstest.AttachmentXLSX(t, modelstest.Round2))
		if err != nil {
			t.Fatal(err)
		}
		r3 := emptyRound(t, s, 3)
		plan, err := s.ImportPairs(ctx, caller(t, s, "admin"), r3.ID, rows)
		if err != nil {
			t.Fatalf("import: %v; plan %+v", err, plan)
		}
		r2, _ := s.RoundByNumber(ctx, 2)
		want, got := sheetOf(t, s, r2.ID), sheetOf(t, s, r3.ID)
		if len(got) != 9 || !equalRows(got, want) {
			t.Fatalf("round 3 after import:\n%v\nwant the seeded round 2:\n%v", got, want)
		}
		var events int64
		if err := s.DB().Model(&models.PairStatusEvent{}).Where("pair_id IN (SELECT id FROM exchange_pairs WHERE round_id = ?)", r3.ID).Count(&events).Error; err != nil {
			t.Fatal(err)
		}
		if events != 9 || auditCount(t, s, "round", r3.ID) != 2 {
			t.Errorf("status events = %d (want 9), round audit events = %d (want 2: create, import)", events, auditCount(t, s, "round", r3.ID))
		}
	})
}

func TestExportThenImportIntoAnEmptyRoundGivesTheSameData(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		r2, _ := s.RoundByNumber(ctx, 2)
		want := sheetOf(t, s, r2.ID)
		writers := map[string]func(*bytes.Buffer, []sheet.Row) error{
			"xlsx": func(b *bytes.Buffer, rows []sheet.Row) error {
				return sheet.WriteXLSX(b, "2차 전략적 인사교류 대상직위", rows)
			},
			"csv": func(b *bytes.Buffer, rows []sheet.Row) error { return sheet.WriteCSV(b, rows) },
		}
		number := 10
		for name, write := range writers {
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := write(&buf, want); err != nil {
					t.Fatal(err)
				}
				rows, err := sheet.Read(buf.Bytes())
				if err != nil {
					t.Fatal(err)
				}
				number++
				r := emptyRound(t, s, number)
				if _, err := s.ImportPairs(ctx, caller(t, s, "admin"), r.ID, rows); err != nil {
					t.Fatal(err)
				}
				if got := sheetOf(t, s, r.ID); !equalRows(got, want) {
					t.Errorf("after export and import:\n%v\nwant\n%v", got, want)
				}
			})
		}
	})
}

func TestABrokenListSavesNothing(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		broken := append([][]string{}, modelstest.Round2...)
		broken[4] = []string{"5", "", "기업 옥석가리기를 통한 국민경제 활성화", "기재부 (정책기획과장)", "금융감독원 (기업구조개선과장)"}
		rows, err := sheet.Read(modelstest.AttachmentXLSX(t, broken))
		if err != nil {
			t.Fatal(err)
		}
		r3 := emptyRound(t, s, 3)
		before := tableCounts(t, s)
		plan, err := s.ImportPairs(ctx, caller(t, s, "admin"), r3.ID, rows)
		if !errors.Is(err, models.ErrImportInvalid) || plan.ErrorRows() != 1 || len(plan.Rows[4].Errors) != 1 {
			t.Fatalf("import of a list with an unknown ministry: %v, %d rows with errors", err, plan.ErrorRows())
		}
		after := tableCounts(t, s)
		for i := range before {
			if before[i] != after[i] {
				t.Errorf("table of %T: %d rows before, %d after a refused import", allModels[i], before[i], after[i])
			}
		}
		if _, err := s.ImportPairs(ctx, caller(t, s, "reviewer"), r3.ID, rows); !errors.Is(err, models.ErrNotAllowed) {
			t.Errorf("a reviewer imported: %v", err)
		}
	})
}

func equalRows(a, b []sheet.Row) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
