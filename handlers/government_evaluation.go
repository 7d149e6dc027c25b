package handlers

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// 정부업무평가: per task, the year and result of the annual government work
// evaluation, and whether the task is upgraded (고도화) with what plan. Those
// who edit the task enter it; the tasks marked for upgrade have their list.

// GovernmentEvaluationEdit is a task's 정부업무평가 form.
func (h *Handlers) GovernmentEvaluationEdit(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	g, err := h.store.GovernmentEvaluationOf(c.Request().Context(), t.ID)
	if err != nil {
		return err
	}
	in := models.GovernmentEvaluationInput{}
	if g != nil {
		in = g.InputOf()
	}
	return h.renderGovernmentEvaluationForm(c, http.StatusOK, t, in, nil)
}

// GovernmentEvaluationSave saves it and goes back where the form was opened from.
func (h *Handlers) GovernmentEvaluationSave(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[models.GovernmentEvaluationInput]{
		Save: func(in *models.GovernmentEvaluationInput) (saved, error) {
			_, err := h.store.SaveGovernmentEvaluation(c.Request().Context(), actor(c), t.ID, *in)
			return saved{next: h.governmentBack(c, t), say: "정부업무평가 결과를 저장했습니다."}, err
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

func (h *Handlers) renderGovernmentEvaluationForm(c echo.Context, status int, t models.CollaborationTask, in models.GovernmentEvaluationInput, errs views.Errors) error {
	u := urlsOf(c)
	back := h.governmentBack(c, t)
	action := u.to("task.government.update", t.ID)
	if c.QueryParam("back") != "" {
		action = u.query("task.government.update", url.Values{"back": {back}}, t.ID)
	}
	p := views.GovernmentEvaluationFormPage{Chrome: h.chrome(c, "정부업무평가 입력"), Task: t.Title, Action: action, BackURL: back,
		Form: views.NewForm(in, errs)}
	return render(c, status, views.GovernmentEvaluationForm(p), nil)
}

// UpgradeList lists the tasks marked for upgrade (coordinators: their ministry's).
func (h *Handlers) UpgradeList(c echo.Context) error {
	u, user := urlsOf(c), currentUser(c)
	var mine []int64
	if !models.MayOnEvery(user, models.ActViewEvaluations) && user.MinistryID != nil {
		mine = []int64{*user.MinistryID}
	}
	p := pageParam(c)
	list, total, err := h.store.UpgradeTasks(c.Request().Context(), p, mine...)
	if err != nil {
		return err
	}
	page := views.UpgradeListPage{Chrome: h.chrome(c, "고도화 대상 협업과제"),
		Pager: pager(p, total, func(n int) string { return u.query("evaluation.upgrades", url.Values{"page": {strconv.Itoa(n)}}) })}
	for _, g := range list {
		page.Rows = append(page.Rows, views.UpgradeRow{TaskURL: u.to("task", g.TaskID), Task: g.Task.Title,
			Pair: strconv.Itoa(g.Task.Pair.Round.Number) + "차 " + pairLabel(g.Task.Pair), Year: strconv.Itoa(g.Year) + "년",
			Result: g.Result, Plan: g.UpgradePlan})
	}
	return render(c, http.StatusOK, views.UpgradeList(page), nil)
}

// governmentView is a task's entry for the evaluation page, with its form's
// address for those who may edit the task.
func (h *Handlers) governmentView(c echo.Context, t models.CollaborationTask, back string) (views.GovernmentEvaluationView, error) {
	v := views.GovernmentEvaluationView{Year: "미입력", Result: "미입력", Upgrade: "미입력", UpgradePlan: "미입력"}
	g, err := h.store.GovernmentEvaluationOf(c.Request().Context(), t.ID)
	if err != nil {
		return v, err
	}
	if g != nil {
		v.Year, v.Result, v.Upgrade = strconv.Itoa(g.Year)+"년", g.Result, "아니요"
		if g.Upgrade {
			v.Upgrade = "예"
		}
		v.UpgradePlan = orNotEnteredText(g.UpgradePlan)
	}
	if models.May(currentUser(c), models.ActEditTasks, t.Ministries()...) {
		v.EditURL = urlsOf(c).query("task.government", url.Values{"back": {back}}, t.ID)
	}
	return v, nil
}
