package handlers

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// programmeStats sums the announced rounds' plans into the headline numbers.
func programmeStats(u urls, v *models.PublicView) (views.ProgrammeStats, []views.RoundSummary) {
	st := views.ProgrammeStats{Rounds: len(v.Rounds), Ministries: len(v.Ministries())}
	rounds := make([]views.RoundSummary, 0, len(v.Rounds))
	for _, r := range v.Rounds {
		pairs := len(v.PairsOf(r.ID))
		st.DirectorGeneral += r.PlannedDirectorGeneral
		st.DivisionDirector += r.PlannedDivisionDirector
		st.Positions += r.PlannedPositions()
		st.PlannedPairs += r.PlannedPairs()
		st.Pairs += pairs
		sum := roundSummary(u, r, pairs)
		sum.Progress = u.roundProgress(v, r)
		rounds = append(rounds, sum)
	}
	return st, rounds
}

func roundSummary(u urls, r models.Round, pairsOnRecord int) views.RoundSummary {
	return views.RoundSummary{
		Number:           r.Number,
		Title:            u.roundTitle(r),
		Status:           u.word(r.Status.Label()),
		Schedule:         r.ScheduleNote,
		Positions:        r.PlannedPositions(),
		DirectorGeneral:  r.PlannedDirectorGeneral,
		DivisionDirector: r.PlannedDivisionDirector,
		PlannedPairs:     r.PlannedPairs(),
		PairsOnRecord:    pairsOnRecord,
		URL:              u.publicRound(r.Number),
	}
}

// roundPairs shows a round's list as far as it is published: the attachment's
// table when every pair's positions are known, otherwise the ministry pairs
// with their tasks and one sentence about the rest.
func roundPairs(u urls, v *models.PublicView, r models.Round, caption string) views.RoundPairs {
	pairs := v.PairsOf(r.ID)
	out := views.RoundPairs{Title: u.t("%s 교류직위", u.roundTitle(r))}
	var missing []string
	for _, what := range []struct {
		label string
		gone  func(models.ExchangePair) bool
	}{
		{"직위명", func(p models.ExchangePair) bool { return p.PositionA.Title == nil || p.PositionB.Title == nil }},
		{"구분(국장급·과장급)", func(p models.ExchangePair) bool { return p.Grade == nil }},
		{"연번", func(p models.ExchangePair) bool { return p.Number == nil }},
	} {
		if slices.ContainsFunc(pairs, what.gone) {
			missing = append(missing, what.label)
		}
	}
	titlesKnown := !slices.Contains(missing, "직위명")
	if titlesKnown {
		out.Table = pairTable(u, v, pairs, caption)
	} else {
		for _, p := range pairs {
			mp := views.MinistryPair{A: ministryRef(u, p.MinistryA), B: ministryRef(u, p.MinistryB), Theme: deref(p.Theme),
				URL: u.publicPair(r.Number, v.PairKey(p))}
			for _, t := range v.TasksOf(func(q models.ExchangePair) bool { return q.ID == p.ID }) {
				mp.Tasks = append(mp.Tasks, t.Title)
			}
			out.Partial = append(out.Partial, mp)
		}
	}
	out.NotPublished = notPublishedSentence(u, r, len(pairs), missing, titlesKnown)
	return out
}

// notPublishedSentence says in one sentence what of a round's list is not published.
func notPublishedSentence(u urls, r models.Round, published int, missing []string, titlesKnown bool) string {
	planned := r.PlannedPairs()
	var parts []string
	if published < planned {
		shown := u.t("두 부처")
		if titlesKnown {
			shown = u.t("교류직위")
		}
		parts = append(parts, u.t("%s 교류직위 %d쌍 가운데 %d쌍의 %s만 공개되었습니다", u.roundTitle(r), planned, published, shown))
	}
	if len(missing) > 0 {
		parts = append(parts, u.t("공개된 교류직위의 %s 공개되지 않았습니다", topicIn(u, missing)))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ". ") + "."
}

// coverage says, for each announced round with pairs not published, what the
// counts drawn from the published pairs leave out.
func coverage(u urls, v *models.PublicView) []string {
	var out []string
	for _, r := range v.Rounds {
		if n := len(v.PairsOf(r.ID)); n < r.PlannedPairs() {
			title := u.roundTitle(r)
			if !u.english() {
				title = views.Topic(title)
			}
			out = append(out, u.t("%s 교류직위 %d쌍 가운데 %d쌍만 공개되어, 실제 참여 부처는 이보다 많을 수 있습니다.", title, r.PlannedPairs(), n))
		}
	}
	return out
}

// pairTable lays pairs out as the attachment does, merging runs of the same grade.
func pairTable(u urls, v *models.PublicView, pairs []models.ExchangePair, caption string) views.PairTable {
	t := views.PairTable{Caption: caption, Rows: make([]views.PairRow, len(pairs))}
	for i, p := range pairs {
		row := views.PairRow{
			Grade: u.word(models.GradeLabel(p.Grade)),
			Theme: deref(p.Theme),
			URL:   u.publicPair(v.RoundNumber(p.RoundID), v.PairKey(p)),
			A:     publicPositionCell(u, p.PositionA, p.MinistryA),
			B:     publicPositionCell(u, p.PositionB, p.MinistryB),
		}
		pp := v.ProgressOf(p.ID)
		row.Stage, row.Companions = u.stageText(pp), u.companionsText(pp)
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

// publicPositionCell is positionCell with a link to the ministry's public page.
func publicPositionCell(u urls, p models.Position, m models.Ministry) views.PositionCell {
	c := positionCell(p, m)
	c.Ministry, c.MinistryName = u.short(m), u.label(m)
	c.MinistryURL = u.publicMinistry(m.Code)
	return c
}

func ministryRef(u urls, m models.Ministry) views.MinistryRef {
	return views.MinistryRef{Short: u.short(m), Name: u.label(m), URL: u.publicMinistry(m.Code)}
}

// outcomeTable lays published tasks out as the press release's table of main
// results; v (nil in the publish preview) gives the links to the pairs' pages.
func outcomeTable(u urls, v *models.PublicView, tasks []models.CollaborationTask, caption string) views.OutcomeTable {
	t := views.OutcomeTable{Caption: caption, Rows: make([]views.OutcomeRow, len(tasks))}
	for i, task := range tasks {
		row := views.OutcomeRow{
			Ministries: u.short(task.Pair.MinistryA) + "–" + u.short(task.Pair.MinistryB),
			Task:       task.Title,
		}
		if v != nil { // nil for the publish preview, before the task is public
			row.PairURL = u.publicPair(task.Pair.Round.Number, v.PairKey(task.Pair))
		}
		if task.Category != nil {
			row.Category = u.word(task.Category.Label())
		}
		for _, o := range task.Outcomes {
			row.Items = append(row.Items, outcomeItem(u, o))
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

func outcomeItem(u urls, o models.Outcome) views.OutcomeItem {
	item := views.OutcomeItem{Summary: o.Summary}
	switch o.Kind {
	case models.OutcomeAmount:
		if o.Amount != nil {
			item.Amount = u.t("%s 절감", models.FormatNumber(*o.Amount)+o.Unit)
		}
	case models.OutcomeMetric:
		if o.ValueBefore != nil && o.ValueAfter != nil {
			item.Metric = metricView(u, o)
		}
	}
	return item
}

func metricView(u urls, o models.Outcome) *views.MetricView {
	before, after := *o.ValueBefore, *o.ValueAfter
	top := math.Max(math.Abs(before), math.Abs(after))
	width := func(v float64) int {
		if top == 0 {
			return 0
		}
		return int(math.Round(math.Abs(v) / top * 100))
	}
	m := &views.MetricView{
		Label:       o.Label,
		BeforeLabel: strings.TrimSpace(o.PeriodBefore + " " + models.FormatNumber(before) + o.Unit),
		AfterLabel:  strings.TrimSpace(o.PeriodAfter + " " + models.FormatNumber(after) + o.Unit),
		BeforeWidth: width(before),
		AfterWidth:  width(after),
		Change:      changeIn(u, before, after),
		Improved:    o.Improved(),
	}
	m.BarsLabel = m.Label + ": 이전 " + m.BeforeLabel + " → 이후 " + m.AfterLabel
	if u.english() { // an attribute holds no Korean: the values are in the list beside the bars
		m.BarsLabel = u.t("이전과 이후의 값 (막대)")
	}
	return m
}

// changeText describes a change the way Korean reports do: "3.1배 증가", "67% 감소".
func changeText(before, after float64) string {
	return changeIn(urls{}, before, after)
}

// changeIn is changeText in the page's language.
func changeIn(u urls, before, after float64) string {
	switch {
	case before <= 0 || after < 0 || before == after:
		return "" // a ratio from zero or across signs means nothing
	case after > before && after/before >= 2:
		return u.t("%s배 증가", models.TrimFloat(after/before, 1))
	case after > before:
		return u.t("%s%% 증가", models.TrimFloat((after-before)/before*100, 0))
	default:
		return u.t("%s%% 감소", models.TrimFloat((before-after)/before*100, 0))
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
