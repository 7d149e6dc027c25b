package handlers

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
)

// Public data (공공데이터): what the public pages show, as CSV for Korean Excel
// (UTF-8 with a BOM) and as JSON. Only selected pairs and published tasks; no
// personal data.

// dataFormat checks the requested format: csv or json, anything else is a 404.
func dataFormat(c echo.Context) (string, error) {
	switch f := c.Param("format"); f {
	case "csv", "json":
		return f, nil
	}
	return "", echo.NewHTTPError(http.StatusNotFound)
}

// PublicPairs offers every selected pair of every round.
func (h *Handlers) PublicPairs(c echo.Context, v *models.PublicView) (publicDoc, error) {
	format, err := dataFormat(c)
	if err != nil {
		return publicDoc{}, err
	}
	type pairRecord struct {
		Round     int     `json:"round"`
		Number    *int    `json:"number"`
		Grade     *string `json:"grade"`
		Theme     *string `json:"theme"`
		MinistryA string  `json:"ministry_a"`
		PositionA *string `json:"position_a"`
		MinistryB string  `json:"ministry_b"`
		PositionB *string `json:"position_b"`
	}
	var records []pairRecord
	for _, r := range v.Rounds {
		for _, p := range v.PairsOf(r.ID) {
			rec := pairRecord{Round: r.Number, Number: p.Number, Theme: p.Theme,
				MinistryA: p.MinistryA.ShortName, PositionA: p.PositionA.Title,
				MinistryB: p.MinistryB.ShortName, PositionB: p.PositionB.Title}
			if p.Grade != nil {
				label := p.Grade.Label()
				rec.Grade = &label
			}
			records = append(records, rec)
		}
	}
	if format == "json" {
		return publicJSON("exchange-pairs.json", records)
	}
	rows := [][]string{{"차수", "연번", "구분", "협업과제", "교류직위 부처", "교류직위", "교류직위 부처", "교류직위"}}
	for _, r := range records {
		rows = append(rows, []string{strconv.Itoa(r.Round), intOrEmpty(r.Number), deref(r.Grade), deref(r.Theme),
			r.MinistryA, deref(r.PositionA), r.MinistryB, deref(r.PositionB)})
	}
	return publicCSV("exchange-pairs.csv", rows)
}

// PublicOutcomes offers every published task with its outcomes, one outcome a row.
func (h *Handlers) PublicOutcomes(c echo.Context, v *models.PublicView) (publicDoc, error) {
	format, err := dataFormat(c)
	if err != nil {
		return publicDoc{}, err
	}
	tasks := v.Tasks
	type outcomeRecord struct {
		Kind         string   `json:"kind"`
		Summary      string   `json:"summary"`
		Label        string   `json:"label,omitempty"`
		ValueBefore  *float64 `json:"value_before,omitempty"`
		ValueAfter   *float64 `json:"value_after,omitempty"`
		Amount       *float64 `json:"amount,omitempty"`
		Unit         string   `json:"unit,omitempty"`
		PeriodBefore string   `json:"period_before,omitempty"`
		PeriodAfter  string   `json:"period_after,omitempty"`
		Better       *string  `json:"better,omitempty"`
	}
	type taskRecord struct {
		Round      int             `json:"round"`
		Category   string          `json:"category"`
		Ministries []string        `json:"ministries"`
		Task       string          `json:"task"`
		Outcomes   []outcomeRecord `json:"outcomes"`
	}
	records := make([]taskRecord, 0, len(tasks))
	rows := [][]string{{"차수", "구분", "교류기관", "협업과제", "성과 유형", "주요 성과", "지표", "이전 값", "이후 값", "절감액", "단위", "이전 시점", "이후 시점", "개선 방향"}}
	for _, t := range tasks {
		tr := taskRecord{Round: t.Pair.Round.Number, Task: t.Title,
			Ministries: []string{t.Pair.MinistryA.ShortName, t.Pair.MinistryB.ShortName}}
		if t.Category != nil {
			tr.Category = t.Category.Label()
		}
		for _, o := range t.Outcomes {
			or := outcomeRecord{Kind: string(o.Kind), Summary: o.Summary, Label: o.Label, ValueBefore: o.ValueBefore,
				ValueAfter: o.ValueAfter, Amount: o.Amount, Unit: o.Unit, PeriodBefore: o.PeriodBefore, PeriodAfter: o.PeriodAfter}
			better := ""
			if o.Better != nil {
				better = string(*o.Better)
				or.Better = &better
			}
			tr.Outcomes = append(tr.Outcomes, or)
			rows = append(rows, []string{strconv.Itoa(tr.Round), tr.Category, tr.Ministries[0] + "–" + tr.Ministries[1], tr.Task,
				string(o.Kind), o.Summary, o.Label, floatOrEmpty(o.ValueBefore), floatOrEmpty(o.ValueAfter), floatOrEmpty(o.Amount),
				o.Unit, o.PeriodBefore, o.PeriodAfter, better})
		}
		records = append(records, tr)
	}
	if format == "json" {
		return publicJSON("outcomes.json", records)
	}
	return publicCSV("outcomes.csv", rows)
}

func publicCSV(filename string, rows [][]string) (publicDoc, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF") // Korean Excel reads UTF-8 only with a byte-order mark
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.WriteAll(rows); err != nil {
		return publicDoc{}, err
	}
	return publicDoc{ContentType: "text/csv; charset=utf-8", Disposition: `attachment; filename="` + filename + `"`, Body: buf.Bytes()}, nil
}

func publicJSON(filename string, v any) (publicDoc, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return publicDoc{}, err
	}
	return publicDoc{ContentType: echo.MIMEApplicationJSONCharsetUTF8, Disposition: `inline; filename="` + filename + `"`, Body: b}, nil
}

func intOrEmpty(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func floatOrEmpty(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}
