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
	Round    string `form:"round" label:"차수"`
	Ministry string `form:"ministry" label:"부처"`
	Grade    string `form:"grade" label:"구분"`
	Status   string `form:"status" label:"상태"`
	Query    string `form:"q" label:"협업 분야·직위명 검색"`
	Sort     string `form:"sort" label:"정렬"`
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
	rounds, err := h.store.RoundChoices(ctx)
	if err != nil {
		return err
	}
	ministries, err := h.store.Ministries(ctx)
	if err != nil {
		return err
	}
	u := urlsOf(c)
	page := views.PairsPage{Chrome: h.chrome(c, "교류직위"), Intro: intro, Filter: views.NewForm(v, nil), ListURL: u.to("pairs"),
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
	return postForm(h, c, formPost[models.ProposalInput]{
		Save: func(in *models.ProposalInput) (saved, error) {
			p, err := h.store.ProposePair(c.Request().Context(), actor(c), *in)
			return saved{next: urlsOf(c).to("pair", p.ID), say: "교류직위를 제안했습니다. 상대 부처가 동의하면 관리자가 선정합니다."}, err
		},
		Form: func(status int, in *models.ProposalInput, errs views.Errors) error {
			page, err := h.proposalFormPage(c, *in, errs)
			if err != nil {
				return err
			}
			return render(c, status, views.ProposalForm(page), nil)
		},
	})
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
		Grades: gradeChoices(), Rounds: options(rounds, roundChoice), Form: views.NewForm(in, errs),
		Ministries: options(activeOnly(ministries, user.MinistryID), ministryNamed, views.Option{Value: "", Label: "선택"})}
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
