package handlers_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
	"github.com/gyoryu/gyoryu/models/sheet"
)

var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// liveCells lists the cells a spreadsheet program would run as formulas.
func liveCells(rows [][]string) []string {
	var live []string
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsAny(cell[:1], "=+-@\t\r") && !plainNumber.MatchString(cell) {
				live = append(live, cell)
			}
		}
	}
	return live
}

func csvCells(t *testing.T, body []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func xlsxCells(t *testing.T, body []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestNoSpreadsheetTheAppWritesCarriesALiveFormula: formula-looking text in
// a theme, a position, a task title or an outcome is escaped in every CSV and
// XLSX the app writes, public or not; and a cell already escaped in an
// uploaded file keeps its apostrophe through import and export.
func TestNoSpreadsheetTheAppWritesCarriesALiveFormula(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		ctx := context.Background()
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		r2, _ := s.RoundByNumber(ctx, 2)
		pairs, _ := s.PairsOfRound(ctx, r2.ID)
		s.DB().Model(&models.ExchangePair{}).Where("id = ?", pairs[0].ID).Update("theme", `+cmd|' /C calc'!A0`)
		s.DB().Model(&models.Position{}).Where("id = ?", pairs[1].PositionAID).Update("title", "@SUM(1+1)")
		task, err := s.CreateTask(ctx, models.System, pairs[0].ID, models.TaskInput{Title: `=HYPERLINK("http://evil.example","x")`,
			Category: "public_benefit", Status: "discovered", Progress: "0"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateOutcome(ctx, models.System, task.ID, models.OutcomeInput{Kind: "narrative", Summary: "-2+3+cmd|' /C calc'!A0"}); err != nil {
			t.Fatal(err)
		}
		task, _ = s.TaskByID(ctx, task.ID)
		if err := s.PublishTask(ctx, models.System, task.ID, task.ContentStamp()); err != nil {
			t.Fatal(err)
		}
		admin := handlerstest.NewClient(t, e)
		admin.Login("admin", models.DemoPassword)
		round := "/admin/rounds/" + itoa64(r2.ID)
		for _, target := range []string{"/data/pairs.csv", "/data/outcomes.csv", round + "/pairs.csv", round + "/pairs.xlsx"} {
			rec := admin.Do(http.MethodGet, target, nil, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s: %d", target, rec.Code)
			}
			cells := csvCells
			if strings.HasSuffix(target, ".xlsx") {
				cells = xlsxCells
			}
			if live := liveCells(cells(t, rec.Body.Bytes())); len(live) > 0 {
				t.Errorf("GET %s has live formulas: %q", target, live)
			}
		}

		// An uploaded cell already escaped keeps its apostrophe, saved and exported.
		if _, err := s.CreateRound(ctx, models.System, models.RoundInput{Number: "50", Title: "50차"}); err != nil {
			t.Fatal(err)
		}
		r50, _ := s.RoundByNumber(ctx, 50)
		base := "/admin/rounds/" + itoa64(r50.ID)
		file := "연번,구분,협업과제,교류직위 (부처),교류직위 (부처)\n1,과장급,'=already escaped,고용부 (가과장),중기부 (나과장)\n"
		admin.Get(base + "/import")
		rec := admin.Upload(base+"/import", nil, "escaped.csv", []byte(file))
		payload, _ := parse(t, rec.Body.String()).Find(`input[name=rows]`).Attr("value")
		if rec := admin.Post(base+"/import/confirm", url.Values{"rows": {payload}, "file_name": {"escaped.csv"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("confirm: %d", rec.Code)
		}
		saved, _ := s.PairsOfRound(ctx, r50.ID)
		if len(saved) != 1 || *saved[0].Theme != "'=already escaped" {
			t.Fatalf("saved %d pairs, the theme %q", len(saved), *saved[0].Theme)
		}
		for _, ext := range []string{"csv", "xlsx"} {
			rec := admin.Do(http.MethodGet, base+"/pairs."+ext, nil, nil)
			back, err := sheet.Read(rec.Body.Bytes())
			if err != nil || len(back) != 1 || back[0].Theme != "'=already escaped" {
				t.Errorf("%s export read back as %+v (%v)", ext, back, err)
			}
		}
	})
}
