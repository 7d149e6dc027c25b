package handlers

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// 정부업무평가: per task and year, the result of the annual government work
// evaluation, chosen from the grades the administrator keeps for that year
// (government_scale.go), and whether the task is upgraded (고도화) with what
// plan. Those who edit the task enter it; the upgrades have their list by year.

// GovernmentEvaluationEdit is a task's 정부업무평가 form for the year asked
// (?year=2024), or without one the years it can be entered for.
func (h *Handlers) GovernmentEvaluationEdit(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if c.QueryParam("year") == "" {
		return h.renderGovernmentYears(c, t)
	}
	year, err := strconv.Atoi(c.QueryParam("year"))
	if err != nil || year < 2000 || year > 2100 {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	g, err := h.store.GovernmentEvaluationOf(ctx, t.ID, year)
	if err != nil {
		return err
	}
	in := models.GovernmentEvaluationInput{Year: strconv.Itoa(year)}
	if g != nil {
		in = g.InputOf()
	}
	return h.renderGovernmentEvaluationForm(c, http.StatusOK, t, in, nil)
}

// GovernmentEvaluationSave saves the entry of the form's year and goes back
// where the form was opened from.
func (h *Handlers) GovernmentEvaluationSave(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[models.GovernmentEvaluationInput]{
		Save: func(in *models.GovernmentEvaluationInput) (saved, error) {
			g, err := h.store.SaveGovernmentEvaluation(c.Request().Context(), actor(c), t.ID, *in)
			return saved{next: h.governmentBack(c, t), say: strconv.Itoa(g.Year) + "년 정부업무평가 결과를 저장했습니다."}, err
		},
		Form: func(status int, in *models.GovernmentEvaluationInput, errs views.Errors) error {
			return h.renderGovernmentEvaluationForm(c, status, t, *in, errs)
		},
		Conflict: func(status int, in *models.GovernmentEvaluationInput, err error) error {
			now, ok := stale[models.GovernmentEvaluation](err)
			if !ok {
				return err
			}
			in.Version = now.Version
			markInvalid(c)
			return h.renderGovernmentEvaluationForm(c, status, t, *in, views.Errors{"": "다른 사람이 먼저 저장했습니다. 저장된 값(" +
				strconv.Itoa(now.Year) + "년, " + now.Result + ")을 확인한 뒤 다시 저장해 주십시오."})
		},
	})
}

// governmentBack is where the form returns: the evaluation page it was opened from, or the task.
func (h *Handlers) governmentBack(c echo.Context, t models.CollaborationTask) string {
	if back := safeNext(c.QueryParam("back")); back != "" {
		return back
	}
	return urlsOf(c).to("task", t.ID)
}

// governmentFormURL is the address of a task's form (year 0: the years to choose from), keeping where to go back.
func (h *Handlers) governmentFormURL(c echo.Context, t models.CollaborationTask, year int) string {
	q := url.Values{}
	if back := safeNext(c.QueryParam("back")); back != "" {
		q.Set("back", back)
	}
	if year != 0 {
		q.Set("year", strconv.Itoa(year))
	}
	return urlsOf(c).query("task.government", q, t.ID)
}

// scalesURL is the administrator's page of the years' grades, "" for others.
func scalesURL(c echo.Context) string {
	if models.MayOnEvery(currentUser(c), models.ActManageEvaluations) {
		return urlsOf(c).to("government.scales")
	}
	return ""
}

// renderGovernmentYears shows the years a task's entry can be entered for:
// those with a scale, and those it already has an entry of.
func (h *Handlers) renderGovernmentYears(c echo.Context, t models.CollaborationTask) error {
	ctx := c.Request().Context()
	scales, err := h.store.GovernmentScales(ctx)
	if err != nil {
		return err
	}
	entries, err := h.store.GovernmentEvaluationsOf(ctx, t.ID)
	if err != nil {
		return err
	}
	byYear := map[int]models.GovernmentEvaluation{}
	years := []int{}
	for _, g := range entries {
		byYear[g.Year] = g
		years = append(years, g.Year)
	}
	for _, sc := range scales {
		if _, ok := byYear[sc.Year]; !ok {
			years = append(years, sc.Year)
		}
	}
	slices.Sort(years)
	slices.Reverse(years)
	p := views.GovernmentYearsPage{Chrome: h.chrome(c, "정부업무평가 입력"), Task: t.Title, BackURL: h.governmentBack(c, t),
		NoScale: len(scales) == 0, ScalesURL: scalesURL(c)}
	for _, y := range years {
		ch := views.GovernmentYearChoice{Year: strconv.Itoa(y) + "년", URL: h.governmentFormURL(c, t, y)}
		if g, ok := byYear[y]; ok {
			ch.Result = g.Result
		}
		p.Years = append(p.Years, ch)
	}
	return render(c, http.StatusOK, views.GovernmentYears(p), nil)
}

func (h *Handlers) renderGovernmentEvaluationForm(c echo.Context, status int, t models.CollaborationTask, in models.GovernmentEvaluationInput, errs views.Errors) error {
	ctx := c.Request().Context()
	u := urlsOf(c)
	back := h.governmentBack(c, t)
	action := u.to("task.government.update", t.ID)
	if c.QueryParam("back") != "" {
		action = u.query("task.government.update", url.Values{"back": {back}}, t.ID)
	}
	p := views.GovernmentEvaluationFormPage{Chrome: h.chrome(c, "정부업무평가 입력"), Task: t.Title, Action: action, BackURL: back,
		YearsURL: h.governmentFormURL(c, t, 0), ScalesURL: scalesURL(c)}
	year, err := strconv.Atoi(strings.TrimSpace(in.Year))
	if err != nil || year < 2000 || year > 2100 {
		// A year nobody could have chosen (the form's year is fixed): its message, and the link back to the choice.
		p.Form, p.Results = views.NewForm(in, errs), []views.Option{chooseChoice}
		return render(c, status, views.GovernmentEvaluationForm(p), nil)
	}
	p.Year = strconv.Itoa(year) + "년"
	scale, err := h.store.GovernmentScaleOf(ctx, year)
	if err != nil {
		return err
	}
	kept := ""
	if g, err := h.store.GovernmentEvaluationOf(ctx, t.ID, year); err != nil {
		return err
	} else if g != nil {
		kept = g.Result
	}
	p.Results = []views.Option{chooseChoice}
	if scale != nil {
		for _, grade := range scale.GradeList() {
			p.Results = append(p.Results, views.Option{Value: grade, Label: grade})
		}
	}
	if kept != "" && (scale == nil || !scale.Has(kept)) {
		p.Results = append(p.Results, views.Option{Value: kept, Label: kept + " (이전 입력, 등급에 없음)"})
	}
	p.NoScale = scale == nil && kept == ""
	p.Form = views.NewForm(in, errs).Relabel("result", p.Year+" 평가 결과")
	return render(c, status, views.GovernmentEvaluationForm(p), nil)
}

// upgradeFilter is the upgrade list's filter.
type upgradeFilter struct {
	Year string `form:"year" label:"평가 연도"`
}

// UpgradeList lists the tasks marked for upgrade, of one year or all
// (coordinators: their ministry's).
func (h *Handlers) UpgradeList(c echo.Context) error {
	ctx := c.Request().Context()
	u, user := urlsOf(c), currentUser(c)
	var mine []int64
	if !models.MayOnEvery(user, models.ActViewEvaluations) && user.MinistryID != nil {
		mine = []int64{*user.MinistryID}
	}
	var f upgradeFilter
	if err := bindForm(c, &f); err != nil {
		return err
	}
	year, err := strconv.Atoi(f.Year)
	if err != nil || year < 2000 || year > 2100 {
		year, f.Year = 0, ""
	}
	years, err := h.store.UpgradeYears(ctx, mine...)
	if err != nil {
		return err
	}
	p := pageParam(c)
	list, total, err := h.store.UpgradeTasks(ctx, p, year, mine...)
	if err != nil {
		return err
	}
	page := views.UpgradeListPage{Chrome: h.chrome(c, "고도화 대상 협업과제"), ListURL: u.to("evaluation.upgrades"),
		Filter: views.NewForm(f, nil), Years: []views.Option{anyChoice}, ScalesURL: scalesURL(c)}
	if year != 0 {
		page.Chrome = h.chrome(c, strconv.Itoa(year)+"년 고도화 대상 협업과제")
		page.Year = strconv.Itoa(year) + "년"
	}
	for _, y := range years {
		page.Years = append(page.Years, views.Option{Value: strconv.Itoa(y), Label: strconv.Itoa(y) + "년"})
	}
	page.Pager = pager(p, total, func(n int) string {
		q := url.Values{"page": {strconv.Itoa(n)}}
		if year != 0 {
			q.Set("year", f.Year)
		}
		return u.query("evaluation.upgrades", q)
	})
	for _, g := range list {
		page.Rows = append(page.Rows, views.UpgradeRow{TaskURL: u.to("task", g.TaskID), Task: g.Task.Title,
			Pair: strconv.Itoa(g.Task.Pair.Round.Number) + "차 " + pairLabel(g.Task.Pair), Year: strconv.Itoa(g.Year) + "년",
			Result: g.Result, Plan: g.UpgradePlan})
	}
	return render(c, http.StatusOK, views.UpgradeList(page), nil)
}

// governmentView is a task's entries for the evaluation page, newest year
// first, with the form's address for those who may edit the task.
func (h *Handlers) governmentView(c echo.Context, t models.CollaborationTask, back string) (views.GovernmentEvaluationView, error) {
	ctx := c.Request().Context()
	v := views.GovernmentEvaluationView{EditURL: governmentEditURL(c, t, back)}
	entries, err := h.store.GovernmentEvaluationsOf(ctx, t.ID)
	if err != nil || len(entries) == 0 {
		return v, err
	}
	scales, err := h.store.GovernmentScales(ctx)
	if err != nil {
		return v, err
	}
	scaleOf := map[int]models.GovernmentScale{}
	for _, sc := range scales {
		scaleOf[sc.Year] = sc
	}
	for _, g := range entries {
		e := views.GovernmentEntryView{Year: strconv.Itoa(g.Year) + "년", Result: g.Result, Upgrade: "아니요",
			UpgradePlan: orNotEnteredText(g.UpgradePlan), OffScale: !scaleOf[g.Year].Has(g.Result)}
		if g.Upgrade {
			e.Upgrade = "예"
		}
		if v.EditURL != "" {
			e.EditURL = urlsOf(c).query("task.government", url.Values{"back": {back}, "year": {strconv.Itoa(g.Year)}}, t.ID)
		}
		v.Entries = append(v.Entries, e)
	}
	return v, nil
}

// governmentEditURL is the form's year choice for those who may edit the task, "" for others.
func governmentEditURL(c echo.Context, t models.CollaborationTask, back string) string {
	if models.May(currentUser(c), models.ActEditTasks, t.Ministries()...) {
		return urlsOf(c).query("task.government", url.Values{"back": {back}}, t.ID)
	}
	return ""
}
