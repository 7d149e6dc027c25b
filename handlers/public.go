package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// Home is the public results page: the programme on one screen.
func (h *Handlers) Home(c echo.Context) error {
	ctx := c.Request().Context()
	ov, err := h.store.Overview(ctx)
	if err != nil {
		return err
	}
	u := urlsOf(c)
	page := views.HomePage{Chrome: h.chrome(c, ""),
		PairsData:    views.DataFiles{CSV: u.to("data.pairs", "csv"), JSON: u.to("data.pairs", "json")},
		OutcomesData: views.DataFiles{CSV: u.to("data.outcomes", "csv"), JSON: u.to("data.outcomes", "json")}}
	page.Stats, page.Rounds = programmeStats(u, ov)
	if r2, err := h.store.RoundByNumber(ctx, 2); err == nil {
		pairs, err := h.store.PairsOfRound(ctx, r2.ID)
		if err != nil {
			return err
		}
		page.Round2 = pairTable(pairs, "2차 전략적 인사교류 대상직위: 연번, 구분(과장급·국장급), 협업과제, 서로 맞바꾸는 두 부처의 교류직위")
	}
	if r1, err := h.store.RoundByNumber(ctx, 1); err == nil {
		tasks, err := h.store.PublishedTasks(ctx, r1.ID)
		if err != nil {
			return err
		}
		page.Outcomes = outcomeTable(tasks, "1차 전략적 인사교류 협업 주요 성과: 구분, 교류기관, 협업과제 내용, 주요 성과")
	}
	contacts, err := h.store.OfficeContacts(ctx)
	if err != nil {
		return err
	}
	page.Contacts = contactRows(contacts)
	return render(c, http.StatusOK, views.Home(page), nil)
}

// PublicRound is the public page of one round: its plan, pairs and published
// results (the administrators' rounds are in admin_rounds.go).
func (h *Handlers) PublicRound(c echo.Context) error {
	number, err := strconv.Atoi(c.Param("number"))
	if err != nil || number < 1 {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	ctx := c.Request().Context()
	round, err := h.store.RoundByNumber(ctx, number)
	if err != nil {
		return err
	}
	pairs, err := h.store.PairsOfRound(ctx, round.ID)
	if err != nil {
		return err
	}
	tasks, err := h.store.PublishedTasks(ctx, round.ID)
	if err != nil {
		return err
	}
	selected := 0
	for _, p := range pairs {
		if p.Status == models.PairSelected {
			selected++
		}
	}
	page := views.PublicRoundPage{
		Chrome:   h.chrome(c, round.Title),
		Round:    roundSummary(urlsOf(c), round, selected),
		Pairs:    pairTable(pairs, round.Title+" 교류직위: 연번, 구분, 협업과제, 서로 맞바꾸는 두 부처의 교류직위"),
		Outcomes: outcomeTable(tasks, round.Title+" 협업과제와 주요 성과: 구분, 교류기관, 협업과제 내용, 주요 성과"),
	}
	return render(c, http.StatusOK, views.PublicRound(page), nil)
}
