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
	name := p.MinistryA.ShortName + " ↔ " + p.MinistryB.ShortName
	page := views.PublicPairPage{
		Chrome:     h.publicChrome(c, v, round.Title+" "+name+" 교류직위"),
		RoundTitle: round.Title, RoundURL: u.publicRound(round.Number), Name: name,
		A: publicPositionCell(u, p.PositionA, p.MinistryA), B: publicPositionCell(u, p.PositionB, p.MinistryB),
		Facts: []views.Fact{{Label: "차수", Value: round.Title}},
	}
	var missing []string
	if p.Number != nil {
		page.Facts = append(page.Facts, views.Fact{Label: "연번", Value: strconv.Itoa(*p.Number)})
	} else {
		missing = append(missing, "연번")
	}
	if p.Grade != nil {
		page.Facts = append(page.Facts, views.Fact{Label: "구분", Value: p.Grade.Label()})
	} else {
		missing = append(missing, "구분(국장급·과장급)")
	}
	if p.Theme != nil {
		page.Facts = append(page.Facts, views.Fact{Label: "협업 분야", Value: *p.Theme})
	} else {
		missing = append(missing, "협업 분야")
	}
	if p.PositionA.Title == nil || p.PositionB.Title == nil {
		missing = append(missing, "직위명")
	}
	if len(missing) > 0 {
		page.NotPublished = "이 교류직위의 " + views.Topic(strings.Join(missing, "·")) + " 공개되지 않았습니다."
	}
	tasks := v.TasksOf(func(q models.ExchangePair) bool { return q.ID == p.ID })
	page.Tasks = publicTasks(u, v, tasks, false)
	page.Chrome.Description = fmt.Sprintf("%s %s(%s)와 %s(%s)의 교류직위", round.Title, p.MinistryA.Name, positionOrUnknown(p.PositionA),
		p.MinistryB.Name, positionOrUnknown(p.PositionB))
	if p.Theme != nil {
		page.Chrome.Description += ": " + *p.Theme
	}
	page.Chrome.Description += fmt.Sprintf(". 공개된 협업과제 %d건.", len(tasks))
	return htmlDoc(c, views.PublicPair(page))
}

// PublicMinistry is one ministry's page, at /ministries/{code}.
func (h *Handlers) PublicMinistry(c echo.Context, v *models.PublicView) (publicDoc, error) {
	u := urlsOf(c)
	m, ok := v.MinistryByCode(c.Param("code"))
	if !ok {
		return publicDoc{}, echo.NewHTTPError(http.StatusNotFound)
	}
	page := views.PublicMinistryPage{Chrome: h.publicChrome(c, v, m.Name), Name: m.Name, Short: m.ShortName}
	in := func(p models.ExchangePair) bool { return p.MinistryAID == m.ID || p.MinistryBID == m.ID }
	for _, p := range v.Pairs {
		if !in(p) {
			continue
		}
		own, their, other := p.PositionA, p.PositionB, p.MinistryB
		if p.MinistryBID == m.ID {
			own, their, other = p.PositionB, p.PositionA, p.MinistryA
		}
		round := v.RoundNumber(p.RoundID)
		page.Pairs = append(page.Pairs, views.MinistryPairRow{Round: strconv.Itoa(round) + "차", Theme: deref(p.Theme),
			URL: u.publicPair(round, v.PairKey(p)), Own: deref(own.Title), Counterpart: ministryRef(u, other), TheirTitle: deref(their.Title)})
	}
	tasks := v.TasksOf(in)
	page.Tasks = publicTasks(u, v, tasks, true)
	page.Chrome.Description = fmt.Sprintf("%s의 전략적 인사교류: 공개된 교류직위 %d쌍, 협업과제 %d건.", m.Name, len(page.Pairs), len(tasks))
	return htmlDoc(c, views.PublicMinistry(page))
}

// publicTasks shows published tasks with their outcomes; withPair names each task's pair.
func publicTasks(u urls, v *models.PublicView, tasks []models.CollaborationTask, withPair bool) []views.PublicTask {
	out := make([]views.PublicTask, len(tasks))
	for i, t := range tasks {
		pt := views.PublicTask{Title: t.Title}
		if t.Category != nil {
			pt.Category = t.Category.Label()
		}
		if withPair {
			pt.PairName = strconv.Itoa(t.Pair.Round.Number) + "차 " + t.Pair.MinistryA.ShortName + " ↔ " + t.Pair.MinistryB.ShortName
			pt.PairURL = u.publicPair(t.Pair.Round.Number, v.PairKey(t.Pair))
		}
		for _, o := range t.Outcomes {
			pt.Items = append(pt.Items, outcomeItem(o))
		}
		out[i] = pt
	}
	return out
}

func positionOrUnknown(p models.Position) string {
	if p.Title == nil {
		return "직위 " + views.Unknown
	}
	return *p.Title
}
