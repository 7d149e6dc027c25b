package handlers

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// resultsParams are the query parameters /results reads; the page cache keys
// on these alone.
var resultsParams = []string{"round", "ministry", "category"}

// resultsFilter is /results's filter form, in the URL's query.
type resultsFilter struct {
	Round    string `form:"round" label:"차수"`
	Ministry string `form:"ministry" label:"부처"`
	Category string `form:"category" label:"과제 구분"`
}

// Results is /results: published pairs and tasks filtered by round, ministry
// and task category from the URL. An unknown value counts as no filter.
func (h *Handlers) Results(c echo.Context, v *models.PublicView) (publicDoc, error) {
	u := urlsOf(c)
	var asked, chosen resultsFilter // chosen: an unknown value is no filter
	if err := bindForm(c, &asked); err != nil {
		return publicDoc{}, err
	}
	page := views.ResultsPage{Chrome: h.publicChrome(c, v, u.t("성과 찾기")), ResultsURL: u.to("results")}
	page.Chrome.Description = u.t("전략적 인사교류의 교류직위와 협업과제 성과를 차수, 부처, 과제 구분으로 찾습니다.")
	page.Rounds = []views.Option{{Value: "", Label: u.t("모든 차수")}}
	var round *models.Round
	for _, r := range v.Rounds {
		value := strconv.Itoa(r.Number)
		page.Rounds = append(page.Rounds, views.Option{Value: value, Label: u.roundTitle(r)})
		if asked.Round == value {
			round, chosen.Round = &r, value
		}
	}
	page.Ministries = []views.Option{{Value: "", Label: u.t("모든 부처")}}
	var ministry *models.Ministry
	for _, m := range v.Ministries() {
		page.Ministries = append(page.Ministries, views.Option{Value: m.Code, Label: u.label(m)})
		if asked.Ministry == m.Code {
			ministry, chosen.Ministry = &m, m.Code
		}
	}
	page.Categories = []views.Option{{Value: "", Label: u.t("모든 구분")}}
	var category *models.TaskCategory
	for _, k := range models.TaskCategories {
		page.Categories = append(page.Categories, views.Option{Value: string(k), Label: u.word(k.Label())})
		if asked.Category == string(k) {
			category, chosen.Category = &k, string(k)
		}
	}
	page.Filter = views.NewForm(chosen, nil)

	pairMatches := func(p models.ExchangePair) bool {
		return (round == nil || p.RoundID == round.ID) &&
			(ministry == nil || p.MinistryAID == ministry.ID || p.MinistryBID == ministry.ID)
	}
	var tasks []models.CollaborationTask
	for _, t := range v.TasksOf(pairMatches) {
		if category == nil || (t.Category != nil && *t.Category == *category) {
			tasks = append(tasks, t)
		}
	}
	filtered := *v
	filtered.Pairs = nil
	withTasks := map[int64]bool{}
	for _, t := range tasks {
		withTasks[t.PairID] = true
	}
	for _, p := range v.Pairs {
		if pairMatches(p) && (category == nil || withTasks[p.ID]) {
			filtered.Pairs = append(filtered.Pairs, p)
		}
	}
	// Without a round, the latest rounds found are listed in full and the
	// earlier ones are a link each to the same search in that round.
	inFull := func(int64) bool { return true }
	if round == nil {
		var earlier []views.RoundLink
		earlier, inFull = resultsEarlierRounds(u, v, filtered.Pairs, tasks, chosen)
		page.EarlierRounds = earlier
	}
	drawn := filtered
	drawn.Pairs = nil
	for _, p := range filtered.Pairs {
		if inFull(p.RoundID) {
			drawn.Pairs = append(drawn.Pairs, p)
			n := v.RoundNumber(p.RoundID)
			page.Pairs = append(page.Pairs, views.MinistryPairRow{Round: u.roundNo(n), Theme: deref(p.Theme),
				URL: u.publicPair(n, v.PairKey(p)), Own: u.name(p.MinistryA), Counterpart: ministryRef(u, p.MinistryB)})
		}
	}
	page.Network = network(u, &drawn) // the rounds listed: one line a pair
	var shownTasks []models.CollaborationTask
	for _, t := range tasks {
		if inFull(t.Pair.RoundID) {
			shownTasks = append(shownTasks, t)
		}
	}
	page.Tasks = publicTasks(u, v, shownTasks, true)

	var conds []string
	if round != nil {
		conds = append(conds, u.roundTitle(*round))
	}
	if ministry != nil {
		conds = append(conds, u.label(*ministry))
	}
	if category != nil {
		conds = append(conds, u.word(category.Label()))
	}
	what := u.t("전체")
	if len(conds) > 0 {
		what = strings.Join(conds, ", ")
	}
	page.Summary = u.t("%s: 교류직위 %d쌍, 공개된 협업과제 %d건", what, len(filtered.Pairs), len(tasks))
	return htmlDoc(c, views.Results(page))
}

// resultsRoundsInFull is how many of the latest rounds found /results lists
// in full when no round is chosen: the page stays the same size whatever the years.
const resultsRoundsInFull = 2

// resultsEarlierRounds splits what a search found by round: the rounds before
// the latest resultsRoundsInFull become links to the same search in that round,
// with their counts; inFull tells whether a round's rows are listed.
func resultsEarlierRounds(u urls, v *models.PublicView, pairs []models.ExchangePair, tasks []models.CollaborationTask,
	chosen resultsFilter) (earlier []views.RoundLink, inFull func(roundID int64) bool) {
	pairsIn, tasksIn := map[int64]int{}, map[int64]int{}
	for _, p := range pairs {
		pairsIn[p.RoundID]++
	}
	for _, t := range tasks {
		tasksIn[t.Pair.RoundID]++
	}
	var found []models.Round
	for _, r := range v.Rounds {
		if pairsIn[r.ID] > 0 || tasksIn[r.ID] > 0 {
			found = append(found, r)
		}
	}
	full := map[int64]bool{}
	for i, r := range found {
		if i >= len(found)-resultsRoundsInFull {
			full[r.ID] = true
			continue
		}
		q := url.Values{"round": {strconv.Itoa(r.Number)}}
		if chosen.Ministry != "" {
			q.Set("ministry", chosen.Ministry)
		}
		if chosen.Category != "" {
			q.Set("category", chosen.Category)
		}
		earlier = append(earlier, views.RoundLink{Title: u.roundTitle(r), URL: u.query("results", q),
			Count: u.t("교류직위 %d쌍, 공개된 협업과제 %d건", pairsIn[r.ID], tasksIn[r.ID])})
	}
	return earlier, func(roundID int64) bool { return full[roundID] }
}
