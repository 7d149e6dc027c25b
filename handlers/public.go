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

// Home is the public results page: the programme on one screen.
func (h *Handlers) Home(c echo.Context, v *models.PublicView) (publicDoc, error) {
	page := views.HomePage{Chrome: h.publicChrome(c, v, "")}
	page.Stats, page.Rounds = programmeStats(v)
	if n := len(v.Rounds); n > 0 {
		latest := v.Rounds[n-1]
		page.Latest = pairTable(v.PairsOf(latest.ID), latest.Title+" 대상직위: 연번, 구분(과장급·국장급), 협업 분야, 서로 맞바꾸는 두 부처의 교류직위")
		page.LatestTitle = latest.Title + " 대상직위"
	}
	page.Outcomes = outcomeTable(v.Tasks, "차수별 협업과제 주요 성과: 차수, 구분, 교류기관, 협업과제 내용, 주요 성과")
	page.Contacts = contactRows(v.Contacts)
	return htmlDoc(c, views.Home(page))
}

// RoundShow shows one round: its plan, pairs and published results.
func (h *Handlers) RoundShow(c echo.Context, v *models.PublicView) (publicDoc, error) {
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
	page := views.RoundPage{
		Chrome:   h.publicChrome(c, v, round.Title),
		Round:    roundSummary(round, len(pairs)),
		Pairs:    pairTable(pairs, round.Title+" 교류직위: 연번, 구분, 협업 분야, 서로 맞바꾸는 두 부처의 교류직위"),
		Outcomes: outcomeTable(tasks, round.Title+" 협업과제와 주요 성과: 구분, 교류기관, 협업과제 내용, 주요 성과"),
	}
	return htmlDoc(c, views.Round(page))
}

// publicChrome is the frame of a public page, its menu from the public view.
func (h *Handlers) publicChrome(c echo.Context, v *models.PublicView, title string) views.Chrome {
	ch := views.Chrome{Title: title, Asset: h.assets.URL, Demo: h.cfg.Demo, Path: c.Request().URL.Path}
	for _, r := range v.Rounds {
		ch.Rounds = append(ch.Rounds, views.NavLink{Label: strconv.Itoa(r.Number) + "차", URL: "/rounds/" + strconv.Itoa(r.Number)})
	}
	if u := currentUser(c); u != nil {
		ch.User = signedInUser(u)
		ch.CSRFToken = h.csrfToken(c)
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
