package handlers

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// PublicPair is one public pair's page, at /p/{round}/{number or ministries}.
func (h *Handlers) PublicPair(c echo.Context, v *models.PublicView) (publicDoc, error) {
	u := urlsOf(c)
	number, err := strconv.Atoi(c.Param("round"))
	if err != nil {
		return publicDoc{}, echo.NewHTTPError(http.StatusNotFound)
	}
	round, ok := v.Round(number)
	if !ok {
		return publicDoc{}, echo.NewHTTPError(http.StatusNotFound)
	}
	p, ok := v.PairByKey(round.ID, c.Param("key"))
	if !ok {
		return publicDoc{}, echo.NewHTTPError(http.StatusNotFound)
	}
	name := u.pairName(p)
	title := u.roundTitle(round)
	page := views.PublicPairPage{
		Chrome:     h.publicChrome(c, v, u.t("%s %s 교류직위", title, name)),
		RoundTitle: title, RoundURL: u.publicRound(round.Number), Name: name,
		A: publicPositionCell(u, p.PositionA, p.MinistryA), B: publicPositionCell(u, p.PositionB, p.MinistryB),
		Facts: []views.Fact{{Label: u.t("차수"), Value: title}},
	}
	var missing []string
	if p.Number != nil {
		page.Facts = append(page.Facts, views.Fact{Label: u.t("연번"), Value: strconv.Itoa(*p.Number)})
	} else {
		missing = append(missing, "연번")
	}
	if p.Grade != nil {
		page.Facts = append(page.Facts, views.Fact{Label: u.t("구분"), Value: u.word(p.Grade.Label())})
	} else {
		missing = append(missing, "구분(국장급·과장급)")
	}
	if p.Theme != nil {
		page.Facts = append(page.Facts, views.Fact{Label: u.t("협업 분야"), Value: *p.Theme})
	} else {
		missing = append(missing, "협업 분야")
	}
	if p.PositionA.Title == nil || p.PositionB.Title == nil {
		missing = append(missing, "직위명")
	}
	pp := v.ProgressOf(p.ID)
	page.Facts = append(page.Facts, views.Fact{Label: u.t("진행 단계"), Value: u.stageText(pp)})
	if c := u.companionsText(pp); c != "" {
		page.Facts = append(page.Facts, views.Fact{Label: u.t("동반 교류"), Value: c})
	}
	if len(missing) > 0 {
		page.NotPublished = u.t("이 교류직위의 %s 공개되지 않았습니다.", topicIn(u, missing))
	}
	tasks := v.TasksOf(func(q models.ExchangePair) bool { return q.ID == p.ID })
	page.Tasks = publicTasks(u, v, tasks, false)
	if u.english() { // the description is an attribute: no Korean titles in it
		page.Chrome.Description = u.t("%s: the exchanged positions of %s and %s. Published collaboration tasks: %d.", title,
			u.label(p.MinistryA), u.label(p.MinistryB), len(tasks))
	} else {
		page.Chrome.Description = fmt.Sprintf("%s %s(%s)와 %s(%s)의 교류직위", round.Title, p.MinistryA.Name, positionOrUnknown(p.PositionA),
			p.MinistryB.Name, positionOrUnknown(p.PositionB))
		if p.Theme != nil {
			page.Chrome.Description += ": " + *p.Theme
		}
		page.Chrome.Description += fmt.Sprintf(". 공개된 협업과제 %d건.", len(tasks))
	}
	return htmlDoc(c, views.PublicPair(page))
}

// PublicMinistry is one ministry's page, at /ministries/{code}.
func (h *Handlers) PublicMinistry(c echo.Context, v *models.PublicView) (publicDoc, error) {
	u := urlsOf(c)
	m, ok := v.MinistryByCode(c.Param("code"))
	if !ok {
		return publicDoc{}, echo.NewHTTPError(http.StatusNotFound)
	}
	page := views.PublicMinistryPage{Chrome: h.publicChrome(c, v, u.label(m)), Name: u.name(m), Short: u.short(m)}
	if u.english() && m.NameEn == "" {
		page.Name = m.Name
		page.NameNote = u.t("이 기관의 영문 공식 명칭은 아직 등록되지 않아 국문 명칭으로 적었습니다.")
	}
	in := func(p models.ExchangePair) bool { return p.MinistryAID == m.ID || p.MinistryBID == m.ID }
	var pairs []models.ExchangePair
	for _, p := range v.Pairs {
		if in(p) {
			pairs = append(pairs, p)
		}
	}
	tasks := v.TasksOf(in)
	// Years of rounds fold as on /results: the latest rounds in full, the
	// earlier ones a link each to /results for this ministry in that round.
	earlier, inFull := resultsEarlierRounds(u, v, pairs, tasks, resultsFilter{Ministry: m.Code})
	page.EarlierRounds = earlier
	for _, p := range pairs {
		if !inFull(p.RoundID) {
			continue
		}
		own, their, other := p.PositionA, p.PositionB, p.MinistryB
		if p.MinistryBID == m.ID {
			own, their, other = p.PositionB, p.PositionA, p.MinistryA
		}
		round := v.RoundNumber(p.RoundID)
		page.Pairs = append(page.Pairs, views.MinistryPairRow{Round: u.roundNo(round), Theme: deref(p.Theme),
			URL: u.publicPair(round, v.PairKey(p)), Own: deref(own.Title), Counterpart: ministryRef(u, other), TheirTitle: deref(their.Title)})
	}
	var shown []models.CollaborationTask
	for _, t := range tasks {
		if inFull(t.Pair.RoundID) {
			shown = append(shown, t)
		}
	}
	page.Tasks = publicTasks(u, v, shown, true)
	page.Chrome.Description = u.t("%s의 전략적 인사교류: 공개된 교류직위 %d쌍, 협업과제 %d건.", u.label(m), len(pairs), len(tasks))
	return htmlDoc(c, views.PublicMinistry(page))
}

// publicTasks shows published tasks with their outcomes; withPair names each task's pair.
func publicTasks(u urls, v *models.PublicView, tasks []models.CollaborationTask, withPair bool) []views.PublicTask {
	out := make([]views.PublicTask, len(tasks))
	for i, t := range tasks {
		pt := views.PublicTask{Title: t.Title}
		if t.Category != nil {
			pt.Category = u.word(t.Category.Label())
		}
		if withPair {
			pt.PairName = u.roundNo(t.Pair.Round.Number) + " " + u.pairName(t.Pair)
			pt.PairURL = u.publicPair(t.Pair.Round.Number, v.PairKey(t.Pair))
		}
		for _, o := range t.Outcomes {
			pt.Items = append(pt.Items, outcomeItem(u, o))
		}
		out[i] = pt
	}
	return out
}

// topicIn joins what is missing with its topic particle, "연번·구분은"; in
// English, "the number and grade".
func topicIn(u urls, missing []string) string {
	if !u.english() {
		return views.Topic(strings.Join(missing, "·"))
	}
	words := make([]string, len(missing))
	for i, m := range missing {
		words[i] = u.word(m)
	}
	return strings.Join(words, ", ")
}

func positionOrUnknown(p models.Position) string {
	if p.Title == nil {
		return "직위 " + views.Unknown
	}
	return *p.Title
}
