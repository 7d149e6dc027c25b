package handlers

import (
	"net/http"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// Outcomes are edited in place inside their task's item. Every answer is the
// outcome's entry (views.OutcomeEntryView, id outcome-<id>) in one mode: htmx
// swaps it alone; without htmx the task's page shows it in that mode.

// OutcomeNew opens the add form under a task's outcomes.
func (h *Handlers) OutcomeNew(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	te := h.taskEditing(c, t.Pair)
	in := models.OutcomeInput{Kind: string(models.OutcomeNarrative)}
	slot := te.newOutcome(t.ID)
	slot.Open, slot.Form = true, te.outcomeForm(models.Outcome{TaskID: t.ID}, t.Published, in, nil)
	return h.renderOutcomeNew(c, http.StatusOK, te, t, slot)
}

// OutcomeCreate adds an outcome to a task; htmx appends it to the task's list.
func (h *Handlers) OutcomeCreate(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	te := h.taskEditing(c, t.Pair)
	var added models.Outcome
	return postForm(h, c, formPost[models.OutcomeInput]{
		Save: func(in *models.OutcomeInput) (saved, error) {
			var err error
			added, err = h.store.CreateOutcome(c.Request().Context(), actor(c), t.ID, *in)
			return saved{next: te.outcomePlace(added), say: "성과를 추가했습니다."}, err
		},
		Form: func(status int, in *models.OutcomeInput, errs views.Errors) error {
			slot := te.newOutcome(t.ID)
			slot.Open, slot.Form = true, te.outcomeForm(models.Outcome{TaskID: t.ID}, t.Published, *in, errs)
			return h.renderOutcomeNew(c, status, te, t, slot)
		},
		Saved: func(status int) error {
			e := te.outcomeEntry(added)
			e.Focus = true
			return render(c, status, nil, views.OutcomeCreated(te.newOutcome(t.ID), e))
		},
	})
}

// OutcomeShow is an outcome in its task's page; htmx gets the outcome's entry.
func (h *Handlers) OutcomeShow(c echo.Context) error {
	o, t, err := h.outcomeParam(c)
	if err != nil {
		return err
	}
	te := h.taskEditing(c, t.Pair)
	e := te.outcomeEntry(o)
	e.Focus = true // htmx asks for the outcome alone on 취소: the focus returns to it
	return h.renderOutcome(c, http.StatusOK, te, t, e)
}

// OutcomeEdit swaps an outcome for its form.
func (h *Handlers) OutcomeEdit(c echo.Context) error {
	o, t, err := h.outcomeParam(c)
	if err != nil {
		return err
	}
	te := h.taskEditing(c, t.Pair)
	e := te.outcomeEntry(o)
	e.Mode, e.Form = views.Editing, te.outcomeForm(o, t.Published, o.InputOf(), nil)
	return h.renderOutcome(c, http.StatusOK, te, t, e)
}

// OutcomeUpdate saves an outcome: the saved outcome (200), its form with
// messages (422), or the conflict view (409).
func (h *Handlers) OutcomeUpdate(c echo.Context) error {
	o, t, err := h.outcomeParam(c)
	if err != nil {
		return err
	}
	te := h.taskEditing(c, t.Pair)
	var after models.Outcome
	return postForm(h, c, formPost[models.OutcomeInput]{
		Save: func(in *models.OutcomeInput) (saved, error) {
			var err error
			after, err = h.store.UpdateOutcome(c.Request().Context(), actor(c), o.ID, *in)
			return saved{next: te.outcomePlace(after), say: "성과를 저장했습니다."}, err
		},
		Form: func(status int, in *models.OutcomeInput, errs views.Errors) error {
			e := te.outcomeEntry(o)
			e.Mode, e.Form = views.Editing, te.outcomeForm(o, t.Published, *in, errs)
			return h.renderOutcome(c, status, te, t, e)
		},
		Conflict: func(status int, in *models.OutcomeInput, err error) error {
			now, ok := stale[models.Outcome](err)
			if !ok {
				return err
			}
			e := te.outcomeEntry(now)
			e.Mode, e.Conflict = views.Conflicting, outcomeConflict(now, *in)
			in.Version = now.Version
			e.Form = te.outcomeForm(now, t.Published, *in, nil)
			return h.renderOutcome(c, status, te, t, e)
		},
		Saved: func(status int) error {
			e := te.outcomeEntry(after)
			e.Focus = true
			return render(c, status, nil, views.OutcomeEntryView(e))
		},
	})
}

// OutcomeDeleteConfirm asks before deleting, for browsers without JavaScript.
func (h *Handlers) OutcomeDeleteConfirm(c echo.Context) error {
	o, _, err := h.outcomeParam(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.Confirm(h.outcomeDeletePage(c, o, "")), nil)
}

// OutcomeDelete deletes an outcome; htmx removes its entry.
func (h *Handlers) OutcomeDelete(c echo.Context) error {
	o, t, err := h.outcomeParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[versionForm]{
		Save: func(f *versionForm) (saved, error) {
			err := h.store.DeleteOutcome(c.Request().Context(), actor(c), o.ID, f.Version)
			return saved{next: urlsOf(c).to("task", t.ID) + "#task-" + strconv.FormatInt(t.ID, 10) + "-outcomes", say: "성과를 삭제했습니다."}, err
		},
		Conflict: func(status int, _ *versionForm, err error) error {
			now, ok := stale[models.Outcome](err)
			if !ok {
				return err
			}
			e := h.taskEditing(c, t.Pair).outcomeEntry(now)
			e.Notice = staleDeleteNotice
			return render(c, status, views.Confirm(h.outcomeDeletePage(c, now, staleDeleteNotice)), views.OutcomeEntryView(e))
		},
		Saved: func(status int) error { return render(c, status, nil, templ.NopComponent) },
	})
}

func (h *Handlers) outcomeDeletePage(c echo.Context, o models.Outcome, problem string) views.ConfirmPage {
	u := urlsOf(c)
	return views.ConfirmPage{Chrome: h.chrome(c, "성과 삭제"), Heading: "성과 삭제",
		Question: "이 성과를 삭제하시겠습니까? 되돌릴 수 없습니다.", Subject: o.Summary,
		Action: u.to("outcome.delete", o.ID), Version: o.Version,
		CancelURL: u.to("task", o.TaskID) + "#outcome-" + strconv.FormatInt(o.ID, 10), Error: problem}
}

// renderOutcome answers with one outcome's entry: alone for htmx, in its
// task's page otherwise.
func (h *Handlers) renderOutcome(c echo.Context, status int, te taskEditing, t models.CollaborationTask, e views.OutcomeEntry) error {
	item := te.item(t)
	for i := range item.Outcomes {
		if item.Outcomes[i].Outcome.ID == e.Outcome.ID {
			item.Outcomes[i] = e
			item.Outcomes[i].Focus = false
		}
	}
	title := ""
	switch e.Mode {
	case views.Editing:
		title = "성과 수정: " + t.Title
	case views.Conflicting:
		title = "수정 충돌: " + t.Title
	}
	return h.renderTaskPageTitled(c, status, t, item, title, views.OutcomeEntryView(e))
}

// renderOutcomeNew answers with a task's add slot: alone for htmx, in the task's page otherwise.
func (h *Handlers) renderOutcomeNew(c echo.Context, status int, te taskEditing, t models.CollaborationTask, slot views.OutcomeNew) error {
	item := te.item(t)
	item.NewOutcome = slot
	return h.renderTaskPageTitled(c, status, t, item, "성과 추가: "+t.Title, views.OutcomeNewSlot(slot))
}

// outcomeParam loads the outcome of the :id parameter with its task, and checks
// the user may take the route's action on the task's pair.
func (h *Handlers) outcomeParam(c echo.Context) (models.Outcome, models.CollaborationTask, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return models.Outcome{}, models.CollaborationTask{}, err
	}
	ctx := c.Request().Context()
	o, err := h.store.OutcomeByID(ctx, id)
	if err != nil {
		return models.Outcome{}, models.CollaborationTask{}, err
	}
	t, err := h.store.TaskByID(ctx, o.TaskID)
	if err != nil {
		return models.Outcome{}, models.CollaborationTask{}, err
	}
	return o, t, authorize(c, t.Ministries()...)
}
