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

// pairFilter is the pair list's filter form, in the URL's query.
type pairFilter struct {
	Round    string `form:"round"`
	Ministry string `form:"ministry"`
	Grade    string `form:"grade"`
	Status   string `form:"status"`
	Query    string `form:"q"`
	Sort     string `form:"sort"`
}

// PairList lists pairs filtered by round, ministry, grade and status, searched
// by theme and position title, sorted and paginated; the filter is the URL's
// query, so a list can be bookmarked and works without JavaScript. Coordinators
// see only the pairs their ministry is in.
func (h *Handlers) PairList(c echo.Context) error {
	ctx := c.Request().Context()
	user := currentUser(c)
	var v pairFilter
	if err := bindForm(c, &v); err != nil {
		return err
	}
	f := models.PairFilter{RoundID: queryID(v.Round), MinistryID: queryID(v.Ministry), Query: v.Query, Page: pageParam(c)}
	if g, ok := models.ParseGrade(v.Grade); ok {
		f.Grade = g
	}
	if st := models.PairStatus(v.Status); slices.Contains(pairStatuses, st) {
		f.Status = st
	}
	f.Sort = models.PairSort(v.Sort)
	scope, intro, err := pairScope(user)
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
	u := urlsOf(c)
	page := views.PairsPage{Chrome: h.chrome(c, "교류직위"), Intro: intro, Filter: views.PairFilterValues(v), ListURL: u.to("pairs"),
		Rounds:     options(rounds, roundChoice, anyChoice),
		Ministries: options(ministries, ministryChoice, anyChoice),
		Grades:     gradeChoices(anyChoice),
		Statuses:   options(pairStatuses, labelled[models.PairStatus], anyChoice),
		Sorts:      options(models.PairSorts, labelled[models.PairSort])}
	for _, p := range pairs {
		page.Rows = append(page.Rows, pairRow(u, p))
	}
	if models.MayAtAll(user, models.ActProposePair) {
		page.ProposeURL = u.to("proposal.new")
	}
	if f.RoundID != 0 && models.MayAtAll(user, models.ActExportRound) {
		page.Exports = exportLinks(u, f.RoundID)
	}
	q := url.Values{"round": {v.Round}, "ministry": {v.Ministry}, "grade": {v.Grade}, "status": {v.Status}, "q": {v.Query}, "sort": {v.Sort}}
	page.Pager = pager(f.Page, total, func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return u.query("pairs", q)
	})
	return render(c, http.StatusOK, views.Pairs(page), nil)
}

// ProposalNew shows the proposal form to a coordinator.
func (h *Handlers) ProposalNew(c echo.Context) error {
	page, err := h.proposalFormPage(c, models.ProposalInput{Grade: models.GradeDivisionDirector}, nil)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.ProposalForm(page), nil)
}

// ProposalCreate records a proposal and opens its page.
func (h *Handlers) ProposalCreate(c echo.Context) error {
	var in models.ProposalInput
	if err := bindForm(c, &in); err != nil {
		return err
	}
	p, err := h.store.ProposePair(c.Request().Context(), actor(c), in)
	if errs := fieldErrors(err); errs != nil {
		page, perr := h.proposalFormPage(c, in, errs)
		if perr != nil {
			return perr
		}
		return render(c, http.StatusUnprocessableEntity, views.ProposalForm(page), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, urlsOf(c).to("pair", p.ID))
}

// proposalFormPage is the proposal form holding in.
func (h *Handlers) proposalFormPage(c echo.Context, in models.ProposalInput, errs views.Errors) (views.ProposalFormPage, error) {
	ctx := c.Request().Context()
	user := currentUser(c)
	rounds, err := h.store.OpenRounds(ctx)
	if err != nil {
		return views.ProposalFormPage{}, err
	}
	ministries, err := h.store.Ministries(ctx)
	if err != nil {
		return views.ProposalFormPage{}, err
	}
	u := urlsOf(c)
	page := views.ProposalFormPage{Chrome: h.chrome(c, "교류직위 제안"), ListURL: u.to("pairs"), Action: u.to("proposal.create"),
		Grades: gradeChoices(), Rounds: options(rounds, roundChoice), Errors: errs,
		Ministries: options(activeOnly(ministries, user.MinistryID), ministryNamed, views.Option{Value: "", Label: "선택"}),
		Values: views.ProposalValues{Grade: string(in.Grade), Title: in.Title, CounterpartTitle: in.CounterpartTitle,
			Theme: in.Theme, Rationale: in.Rationale, AgendaTask: in.AgendaTask}}
	if in.RoundID != 0 {
		page.Values.RoundID = strconv.FormatInt(in.RoundID, 10)
	}
	if in.CounterpartMinistryID != 0 {
		page.Values.CounterpartMinistryID = strconv.FormatInt(in.CounterpartMinistryID, 10)
	}
	if user.Ministry != nil {
		page.Ministry = user.Ministry.Name
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
func pairRow(u urls, p models.ExchangePair) views.WorkspacePair {
	row := views.WorkspacePair{URL: u.to("pair", p.ID), Round: p.Round.Title, Grade: models.GradeLabel(p.Grade), Theme: deref(p.Theme),
		Title: pairTitle(p), A: positionCell(p.PositionA, p.MinistryA), B: positionCell(p.PositionB, p.MinistryB),
		Status: pairStatusBadge(p.Status)}
	if p.ProposedInApp() {
		row.Proposer = p.MinistryA.ShortName
	}
	if p.Number != nil {
		row.Number = strconv.Itoa(*p.Number)
	}
	return row
}
