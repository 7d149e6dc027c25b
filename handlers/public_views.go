package handlers

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// programmeStats sums the rounds' plans into the headline numbers.
func programmeStats(u urls, ov models.Overview) (views.ProgrammeStats, []views.RoundSummary) {
	st := views.ProgrammeStats{Rounds: len(ov.Rounds), Ministries: ov.Ministries}
	rounds := make([]views.RoundSummary, 0, len(ov.Rounds))
	for _, r := range ov.Rounds {
		st.DirectorGeneral += r.PlannedDirectorGeneral
		st.DivisionDirector += r.PlannedDivisionDirector
		st.Positions += r.PlannedPositions()
		st.PlannedPairs += r.PlannedPairs()
		st.Pairs += ov.PairsPerRound[r.ID]
		rounds = append(rounds, roundSummary(u, r, ov.PairsPerRound[r.ID]))
	}
	return st, rounds
}

func roundSummary(u urls, r models.Round, pairsOnRecord int) views.RoundSummary {
	return views.RoundSummary{
		Number:           r.Number,
		Title:            r.Title,
		Status:           r.Status.Label(),
		Schedule:         r.ScheduleNote,
		Positions:        r.PlannedPositions(),
		DirectorGeneral:  r.PlannedDirectorGeneral,
		DivisionDirector: r.PlannedDivisionDirector,
		PlannedPairs:     r.PlannedPairs(),
		PairsOnRecord:    pairsOnRecord,
		URL:              u.to("round", r.Number),
	}
}

// pairTable lays pairs out as the attachment does, merging runs of the same grade.
func pairTable(pairs []models.ExchangePair, caption string) views.PairTable {
	t := views.PairTable{Caption: caption, Rows: make([]views.PairRow, len(pairs))}
	for i, p := range pairs {
		row := views.PairRow{
			Grade: models.GradeLabel(p.Grade),
			Theme: deref(p.Theme),
			A:     positionCell(p.PositionA, p.MinistryA),
			B:     positionCell(p.PositionB, p.MinistryB),
		}
		if p.Number != nil {
			row.Number = strconv.Itoa(*p.Number)
		}
		t.Rows[i] = row
	}
	mergeRuns(len(t.Rows), func(i int) string { return t.Rows[i].Grade }, func(i, span int) { t.Rows[i].GradeRowSpan = span })
	return t
}

func positionCell(p models.Position, m models.Ministry) views.PositionCell {
	return views.PositionCell{Title: deref(p.Title), Ministry: m.ShortName, MinistryName: m.Name}
}

// outcomeTable lays published tasks out as the press release's table of main results.
func outcomeTable(tasks []models.CollaborationTask, caption string) views.OutcomeTable {
	t := views.OutcomeTable{Caption: caption, Rows: make([]views.OutcomeRow, len(tasks))}
	for i, task := range tasks {
		row := views.OutcomeRow{
			Ministries: task.Pair.MinistryA.ShortName + "–" + task.Pair.MinistryB.ShortName,
			Task:       task.Title,
		}
		if task.Category != nil {
			row.Category = task.Category.Label()
		}
		for _, o := range task.Outcomes {
			row.Items = append(row.Items, outcomeItem(o))
		}
		t.Rows[i] = row
	}
	mergeRuns(len(t.Rows), func(i int) string { return t.Rows[i].Category }, func(i, span int) { t.Rows[i].CategoryRowSpan = span })
	return t
}

// mergeRuns gives the first row of each run of equal keys the run's length as its row span.
func mergeRuns(n int, key func(int) string, setSpan func(i, span int)) {
	for start := 0; start < n; {
		end := start + 1
		for end < n && key(end) == key(start) {
			end++
		}
		setSpan(start, end-start)
		start = end
	}
}

func outcomeItem(o models.Outcome) views.OutcomeItem {
	item := views.OutcomeItem{Summary: o.Summary}
	switch o.Kind {
	case models.OutcomeAmount:
		if o.Amount != nil {
			item.Amount = models.FormatNumber(*o.Amount) + o.Unit + " 절감"
		}
	case models.OutcomeMetric:
		if o.ValueBefore != nil && o.ValueAfter != nil {
			item.Metric = metricView(o)
		}
	}
	return item
}

func metricView(o models.Outcome) *views.MetricView {
	before, after := *o.ValueBefore, *o.ValueAfter
	top := math.Max(math.Abs(before), math.Abs(after))
	width := func(v float64) int {
		if top == 0 {
			return 0
		}
		return int(math.Round(math.Abs(v) / top * 100))
	}
	return &views.MetricView{
		Label:       o.Label,
		BeforeLabel: strings.TrimSpace(o.PeriodBefore + " " + models.FormatNumber(before) + o.Unit),
		AfterLabel:  strings.TrimSpace(o.PeriodAfter + " " + models.FormatNumber(after) + o.Unit),
		BeforeWidth: width(before),
		AfterWidth:  width(after),
		Change:      changeText(before, after),
		Improved:    o.Improved(),
	}
}

// changeText describes a change the way Korean reports do: "3.1배 증가", "67% 감소".
func changeText(before, after float64) string {
	switch {
	case before == 0 || before == after:
		return ""
	case after > before && after/before >= 2:
		return fmt.Sprintf("%s배 증가", models.TrimFloat(after/before, 1))
	case after > before:
		return fmt.Sprintf("%s%% 증가", models.TrimFloat((after-before)/before*100, 0))
	default:
		return fmt.Sprintf("%s%% 감소", models.TrimFloat((before-after)/before*100, 0))
	}
}

func contactRows(list []models.OfficeContact) []views.ContactRow {
	rows := make([]views.ContactRow, len(list))
	for i, c := range list {
		rows[i] = views.ContactRow{Organization: c.Organization, Duty: c.Duty, Responsibility: c.Responsibility,
			JobTitle: c.JobTitle, Name: c.Name, Phone: c.Phone}
	}
	return rows
}

func deref[T ~string](p *T) string {
	if p == nil {
		return ""
	}
	return string(*p)
}
