package handlers

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// PairList lists pairs filtered by round, ministry, grade and status, searched
// by theme and position title, sorted and paginated; the filter is the URL's
// query, so a list can be bookmarked and works without JavaScript. Coordinators
// see only the pairs their ministry is in.
func (h *Handlers) PairList(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	v := views.PairFilterValues{Round: c.QueryParam("round"), Ministry: c.QueryParam("ministry"), Grade: c.QueryParam("grade"),
		Status: c.QueryParam("status"), Query: c.QueryParam("q"), Sort: c.QueryParam("sort")}
	f := models.PairFilter{RoundID: queryID(v.Round), MinistryID: queryID(v.Ministry), Query: v.Query, Page: pageParam(c)}
	if g, ok := models.ParseGrade(v.Grade); ok {
		f.Grade = g
	}
	if st := models.PairStatus(v.Status); slices.Contains(pairStatuses, st) {
		f.Status = st
	}
	f.Sort = models.PairSort(v.Sort)
	scope, intro, err := pairScope(u)
	if err != nil {
		return err
	}
	f.ScopeID = scope
	pairs, total, err := h.store.Pairs(ctx, f)
	if err != nil {
		return err
	}
	rounds, err := h.store.Rounds(ctx)
	if err != nil {
		return err
	}
	ministries, err := h.store.Ministries(ctx)
	if err != nil {
		return err
	}
	page := views.PairsPage{Chrome: h.chrome(c, "교류직위"), Intro: intro, Filter: v,
		Rounds: []views.Option{{Value: "", Label: "전체"}}, Ministries: []views.Option{{Value: "", Label: "전체"}},
		Grades: append([]views.Option{{Value: "", Label: "전체"}}, gradeOptions()...), Statuses: []views.Option{{Value: "", Label: "전체"}}}
	for _, r := range rounds {
		page.Rounds = append(page.Rounds, views.Option{Value: strconv.FormatInt(r.ID, 10), Label: r.Title})
	}
	for _, m := range ministries {
		page.Ministries = append(page.Ministries, views.Option{Value: strconv.FormatInt(m.ID, 10), Label: m.ShortName})
	}
	for _, st := range pairStatuses {
		page.Statuses = append(page.Statuses, views.Option{Value: string(st), Label: st.Label()})
	}
	for _, s := range models.PairSorts {
		page.Sorts = append(page.Sorts, views.Option{Value: string(s.Sort), Label: s.Label})
	}
	for _, p := range pairs {
		page.Rows = append(page.Rows, pairRow(p))
	}
	if models.MayAtAll(u, models.ActProposePair) {
		page.ProposeURL = "/pairs/new"
	}
	if f.RoundID != 0 && models.MayAtAll(u, models.ActExportRound) {
		page.Exports = exportLinks(f.RoundID)
	}
	q := url.Values{"round": {v.Round}, "ministry": {v.Ministry}, "grade": {v.Grade}, "status": {v.Status}, "q": {v.Query}, "sort": {v.Sort}}
	page.Pager = pager(f.Page, total, func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return "/pairs?" + q.Encode()
	})
	return render(c, http.StatusOK, views.Pairs(page), nil)
}

// ProposalNew shows the proposal form to a coordinator.
func (h *Handlers) ProposalNew(c echo.Context) error {
	page, err := h.proposalFormPage(c)
	if err != nil {
		return err
	}
	page.Values.Grade = string(models.GradeDivisionDirector)
	return render(c, http.StatusOK, views.ProposalForm(page), nil)
}

// ProposalCreate records a proposal and opens its page.
func (h *Handlers) ProposalCreate(c echo.Context) error {
	in := models.ProposalInput{RoundID: queryID(c.FormValue("round_id")), Grade: models.Grade(c.FormValue("grade")),
		Title: c.FormValue("title"), CounterpartMinistryID: queryID(c.FormValue("counterpart_ministry_id")),
		CounterpartTitle: c.FormValue("counterpart_title"), Theme: c.FormValue("theme"),
		Rationale: c.FormValue("rationale"), AgendaTask: c.FormValue("agenda_task")}
	p, err := h.store.ProposePair(c.Request().Context(), actor(c), in)
	if errs := fieldErrors(err); errs != nil {
		page, perr := h.proposalFormPage(c)
		if perr != nil {
			return perr
		}
		page.Errors = errs
		page.Values = views.ProposalValues{RoundID: c.FormValue("round_id"), Grade: c.FormValue("grade"), Title: in.Title,
			CounterpartMinistryID: c.FormValue("counterpart_ministry_id"), CounterpartTitle: in.CounterpartTitle,
			Theme: in.Theme, Rationale: in.Rationale, AgendaTask: in.AgendaTask}
		return render(c, http.StatusUnprocessableEntity, views.ProposalForm(page), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, pairURL(p.ID))
}

func (h *Handlers) proposalFormPage(c echo.Context) (views.ProposalFormPage, error) {
	ctx := c.Request().Context()
	u := currentUser(c)
	rounds, err := h.store.OpenRounds(ctx)
	if err != nil {
		return views.ProposalFormPage{}, err
	}
	ministries, err := h.store.Ministries(ctx)
	if err != nil {
		return views.ProposalFormPage{}, err
	}
	page := views.ProposalFormPage{Chrome: h.chrome(c, "교류직위 제안"), Grades: gradeOptions(),
		Ministries: []views.Option{{Value: "", Label: "선택"}}}
	if u.Ministry != nil {
		page.Ministry = u.Ministry.Name
	}
	for _, r := range rounds {
		page.Rounds = append(page.Rounds, views.Option{Value: strconv.FormatInt(r.ID, 10), Label: r.Title})
	}
	for _, m := range ministries {
		if m.Active && (u.MinistryID == nil || m.ID != *u.MinistryID) {
			page.Ministries = append(page.Ministries, views.Option{Value: strconv.FormatInt(m.ID, 10), Label: m.ShortName + " (" + m.Name + ")"})
		}
	}
	return page, nil
}

// pairStatuses are the statuses the list filters by, in the order of a proposal's life.
var pairStatuses = []models.PairStatus{models.PairProposed, models.PairAgreed, models.PairDeclined,
	models.PairSelected, models.PairRejected, models.PairWithdrawn}

// pairTones colours each pair status: open, agreed, selected, or ended without selection.
var pairTones = map[models.PairStatus]string{
	models.PairProposed: views.ToneInformation, models.PairAgreed: views.TonePrimary,
	models.PairSelected: views.ToneSuccess, models.PairDeclined: views.ToneDanger,
	models.PairRejected: views.ToneDanger, models.PairWithdrawn: views.ToneGray,
}

// pairStatusBadge is a pair status as a coloured badge.
func pairStatusBadge(s models.PairStatus) views.Badge {
	return views.Badge{Label: s.Label(), Tone: pairTones[s]}
}

// pairRow is a pair as the lists show it.
func pairRow(p models.ExchangePair) views.WorkspacePair {
	row := views.WorkspacePair{URL: pairURL(p.ID), Round: p.Round.Title, Grade: models.GradeLabel(p.Grade), Theme: deref(p.Theme),
		Title: pairTitle(p), A: positionCell(p.PositionA, p.MinistryA), B: positionCell(p.PositionB, p.MinistryB),
		Status: pairStatusBadge(p.Status)}
	if p.Number != nil {
		row.Number = strconv.Itoa(*p.Number)
	}
	return row
}

func pairURL(id int64) string { return "/pairs/" + strconv.FormatInt(id, 10) }

func gradeOptions() []views.Option {
	return []views.Option{
		{Value: string(models.GradeDivisionDirector), Label: models.GradeDivisionDirector.Label()},
		{Value: string(models.GradeDirectorGeneral), Label: models.GradeDirectorGeneral.Label()},
	}
}

// queryID reads an optional record id; anything but a positive number is 0.
func queryID(s string) int64 {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return 0
	}
	return id
}
