package handlers

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// Home is the public results page: the programme on one screen, from the
// announced rounds (the latest one's list, every round's published outcomes).
func (h *Handlers) Home(c echo.Context, v *models.PublicView) (publicDoc, error) {
	u := urlsOf(c)
	page := views.HomePage{Chrome: h.publicChrome(c, v, "")}
	page.Chrome.Description = u.t("부처 간 국·과장급 직위를 맞바꾸는 전략적 인사교류: 차수별 교류직위, 부처 협업 관계망, 협업과제와 주요 성과를 공개된 자료로 보여 줍니다.")
	page.Stats, page.Rounds = programmeStats(u, v)
	page.Coverage = coverage(u, v)
	page.Grades = gradeChart(u, v.Rounds)
	if n := len(v.Rounds); n > 0 {
		latest := v.Rounds[n-1]
		title := u.roundTitle(latest)
		page.Latest = roundPairs(u, v, latest, u.t("%s 대상직위: 연번, 구분(과장급·국장급), 협업 분야, 서로 맞바꾸는 두 부처의 교류직위", title))
		page.Latest.Title = u.t("%s 대상직위", title)
	}
	page.Outcomes, page.EarlierOutcomes = homeOutcomes(u, v)
	page.GradeDistributions = gradeDistributions(u, v.Distributions)
	page.Network, page.NetworkNote = latestNetwork(u, v)
	page.Contacts = contactRows(v.Contacts)
	page.PairsData, page.OutcomesData = dataFiles(u, "data.pairs"), dataFiles(u, "data.outcomes")
	page.GradesData = dataFiles(u, "data.grades")
	page.ResultsURL = u.to("results")
	page.AboutURL = u.to("about")
	return htmlDoc(c, views.Home(page))
}

// homeRoundsInFull is how many of the latest rounds with published outcomes
// the home page shows in full; earlier ones are a link each to their round's
// page, so that ten years of rounds do not make a page of megabytes.
const homeRoundsInFull = 2

// homeTasksPerRound is how many of a round's published tasks the home page
// shows; the round's page lists them all. The programme's rounds publish a
// handful; a synthetic round of a hundred pairs publishes a thousand.
const homeTasksPerRound = 20

// homeOutcomes are the home page's outcome tables, oldest first: the latest
// rounds with published tasks in full, and the earlier ones as links with their counts.
func homeOutcomes(u urls, v *models.PublicView) (full []views.RoundOutcomes, earlier []views.RoundLink) {
	type roundTasks struct {
		round models.Round
		tasks []models.CollaborationTask
	}
	var withTasks []roundTasks
	for _, r := range v.Rounds {
		if tasks := v.TasksOf(func(p models.ExchangePair) bool { return p.RoundID == r.ID }); len(tasks) > 0 {
			withTasks = append(withTasks, roundTasks{r, tasks})
		}
	}
	for i, rt := range withTasks {
		title := u.roundTitle(rt.round)
		if i < len(withTasks)-homeRoundsInFull {
			earlier = append(earlier, views.RoundLink{Title: title, URL: u.publicRound(rt.round.Number),
				Count: u.t("협업과제 %s건", models.FormatNumber(float64(len(rt.tasks))))})
			continue
		}
		ro := views.RoundOutcomes{Title: u.t("%s 협업 주요 성과", title), URL: u.publicRound(rt.round.Number)}
		tasks := rt.tasks
		if len(tasks) > homeTasksPerRound {
			tasks = tasks[:homeTasksPerRound]
			ro.More = u.t("협업과제 %s건 가운데 %d건을 보여 줍니다.", models.FormatNumber(float64(len(rt.tasks))), homeTasksPerRound)
			ro.MoreLink = u.t("%s 협업과제 모두 보기", title)
		}
		ro.Table = outcomeTable(u, v, tasks, u.t("%s 협업 주요 성과: 구분, 교류기관, 협업과제 내용, 주요 성과", title))
		full = append(full, ro)
	}
	return full, earlier
}

// latestNetwork is the network of the pairs of the latest rounds with pairs
// (homeRoundsInFull): one line a pair over ten years of rounds is a
// megabyte of drawing nobody can read. The note says so when rounds are left out.
func latestNetwork(u urls, v *models.PublicView) (views.Network, string) {
	latest := map[int64]bool{}
	for i := len(v.Rounds) - 1; i >= 0 && len(latest) < homeRoundsInFull; i-- {
		if len(v.PairsOf(v.Rounds[i].ID)) > 0 {
			latest[v.Rounds[i].ID] = true
		}
	}
	shown := *v
	shown.Pairs = nil
	for _, p := range v.Pairs {
		if latest[p.RoundID] {
			shown.Pairs = append(shown.Pairs, p)
		}
	}
	if len(shown.Pairs) == len(v.Pairs) {
		return network(u, v), ""
	}
	return network(u, &shown), u.t("최근 %d개 차수의 교류직위로 그렸습니다.", homeRoundsInFull)
}

// RoundShow shows one announced round: its plan, pairs and published results.
func (h *Handlers) PublicRound(c echo.Context, v *models.PublicView) (publicDoc, error) {
	u := urlsOf(c)
	number, err := strconv.Atoi(c.Param("number"))
	if err != nil || number < 1 {
		return publicDoc{}, echo.NewHTTPError(http.StatusNotFound)
	}
	round, ok := v.Round(number)
	if !ok {
		return publicDoc{}, echo.NewHTTPError(http.StatusNotFound)
	}
	pairs := v.PairsOf(round.ID)
	tasks := v.TasksOf(func(p models.ExchangePair) bool { return p.RoundID == round.ID })
	title := u.roundTitle(round)
	page := views.PublicRoundPage{
		Chrome:   h.publicChrome(c, v, title),
		Round:    roundSummary(u, round, len(pairs)),
		Pairs:    roundPairs(u, v, round, u.t("%s 교류직위: 연번, 구분, 협업 분야, 서로 맞바꾸는 두 부처의 교류직위", title)),
		Outcomes: outcomeTable(u, v, tasks, u.t("%s 협업과제와 주요 성과: 구분, 교류기관, 협업과제 내용, 주요 성과", title)),
		Grades:   gradeDistributions(u, v.DistributionsOf(round.ID)),
	}
	if len(page.Grades) > 0 {
		page.GradesData = dataFiles(u, "data.grades")
	}
	page.Chrome.Description = u.t("%s: 교류직위 %d개(국장급 %d개, 과장급 %d개), 공개된 교류직위 %d쌍과 협업과제 %d건.",
		title, round.PlannedPositions(), round.PlannedDirectorGeneral, round.PlannedDivisionDirector, len(pairs), len(tasks))
	return htmlDoc(c, views.PublicRound(page))
}

// publicChrome is the frame of a public page, its menu from the public view.
func (h *Handlers) publicChrome(c echo.Context, v *models.PublicView, title string) views.Chrome {
	u := urlsOf(c)
	ch := h.frame(c, title)
	ch.Alternates, ch.Switch = h.alternates(c)
	ch.Public = true
	for _, r := range v.Rounds {
		ch.Rounds = append(ch.Rounds, views.NavLink{Label: u.roundNo(r.Number), URL: u.publicRound(r.Number)})
	}
	// The footer names each office once, with its desk officer's line (담당자).
	for _, o := range v.Contacts {
		if o.Responsibility == "담당자" {
			ch.Office = append(ch.Office, views.OfficeLine{Organization: o.Organization, Phone: o.Phone})
		}
	}
	return ch
}

// htmlDoc renders a page into a public document.
func htmlDoc(c echo.Context, page templ.Component) (publicDoc, error) {
	var buf bytes.Buffer
	if err := page.Render(c.Request().Context(), &buf); err != nil {
		return publicDoc{}, err
	}
	return publicDoc{ContentType: echo.MIMETextHTMLCharsetUTF8, Body: buf.Bytes()}, nil
}

// dataFiles are the addresses of one public data route's formats, and of /data.
func dataFiles(u urls, route string) views.DataFiles {
	return views.DataFiles{CSV: u.to(route, "csv"), JSON: u.to(route, "json"), XLSX: u.to(route, "xlsx"), Guide: u.to("data")}
}
