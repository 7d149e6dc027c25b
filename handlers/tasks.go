package handlers

import (
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// Tasks are edited in place on their pair's page. Every answer is the task's
// item (views.TaskItemView, id task-<id>) in one mode: htmx swaps it alone; a
// request without htmx gets the whole pair page with the item in that mode.

// TaskNew opens the add form under a pair's tasks.
func (h *Handlers) TaskNew(c echo.Context) error {
	pair, err := h.pairParam(c)
	if err != nil {
		return err
	}
	te := h.taskEditing(c, pair)
	slot := te.newSlot(pair.ID)
	slot.Open, slot.Form = true, te.taskForm(models.CollaborationTask{PairID: pair.ID}, newTask(), nil)
	return h.renderTaskNew(c, http.StatusOK, slot)
}

// TaskCreate adds a task to a pair; htmx appends it to the list.
func (h *Handlers) TaskCreate(c echo.Context) error {
	pair, err := h.pairParam(c)
	if err != nil {
		return err
	}
	te := h.taskEditing(c, pair)
	var added models.CollaborationTask
	return postForm(h, c, formPost[models.TaskInput]{
		Save: func(in *models.TaskInput) (saved, error) {
			var err error
			added, err = h.store.CreateTask(c.Request().Context(), actor(c), pair.ID, *in)
			return saved{next: te.place(added), say: "과제를 추가했습니다. 관리자가 공개하면 공개 누리집에 나타납니다."}, err
		},
		Form: func(status int, in *models.TaskInput, errs views.Errors) error {
			slot := te.newSlot(pair.ID)
			slot.Open, slot.Form = true, te.taskForm(models.CollaborationTask{PairID: pair.ID}, *in, errs)
			return h.renderTaskNew(c, status, slot)
		},
		Saved: func(status int) error {
			item := te.item(added)
			item.Focus = true
			return render(c, status, nil, views.TaskCreated(te.newSlot(pair.ID), item))
		},
	})
}

// TaskShow is a task's page with its history; htmx gets the task's item.
func (h *Handlers) TaskShow(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	item := h.taskEditing(c, t.Pair).item(t)
	back := item // htmx asks for the task alone on 취소: the focus returns to it
	back.Focus = true
	return h.renderTaskPage(c, http.StatusOK, t, item, views.TaskItemView(back))
}

// TaskEdit swaps a task for its form.
func (h *Handlers) TaskEdit(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	te := h.taskEditing(c, t.Pair)
	item := te.item(t)
	item.Mode, item.Form = views.Editing, te.taskForm(t, t.InputOf(), nil)
	return h.renderTaskItem(c, http.StatusOK, t, item)
}

// TaskUpdate saves a task: the saved task (200), its form with messages (422),
// or, when someone saved it first, the conflict view (409).
func (h *Handlers) TaskUpdate(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	te := h.taskEditing(c, t.Pair)
	return postForm(h, c, formPost[models.TaskInput]{
		Save: func(in *models.TaskInput) (saved, error) {
			_, err := h.store.UpdateTask(c.Request().Context(), actor(c), t.ID, *in)
			return saved{next: te.place(t), say: "과제를 저장했습니다."}, err
		},
		Form: func(status int, in *models.TaskInput, errs views.Errors) error {
			item := te.item(t)
			item.Mode, item.Form = views.Editing, te.taskForm(t, *in, errs)
			return h.renderTaskItem(c, status, t, item)
		},
		Conflict: func(status int, in *models.TaskInput, err error) error {
			now, ok := stale[models.CollaborationTask](err)
			if !ok {
				return err
			}
			// the task as now saved next to what this person entered, and their
			// values in a form based on the new version
			item := te.item(now)
			item.Mode, item.Conflict = views.Conflicting, taskConflict(now, *in)
			in.Version = now.Version
			item.Form = te.taskForm(now, *in, nil)
			return h.renderTaskItem(c, status, now, item)
		},
		Saved: func(status int) error {
			now, err := h.store.TaskByID(c.Request().Context(), t.ID)
			if err != nil {
				return err
			}
			item := te.item(now)
			item.Focus = true
			return render(c, status, nil, views.TaskItemView(item))
		},
	})
}

// versionForm is a deletion's form: the version the person saw.
type versionForm struct {
	Version int `form:"version"`
}

// TaskDeleteConfirm asks before deleting, for browsers without JavaScript
// (htmx asks with hx-confirm and posts straight away).
func (h *Handlers) TaskDeleteConfirm(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.Confirm(h.taskDeletePage(c, t, "")), nil)
}

// TaskDelete deletes a task with its outcomes; htmx removes its item.
func (h *Handlers) TaskDelete(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	refused := func(status int, now models.CollaborationTask, notice string) error {
		item := h.taskEditing(c, now.Pair).item(now)
		item.Notice = notice
		return render(c, status, views.Confirm(h.taskDeletePage(c, now, notice)), views.TaskItemView(item))
	}
	return postForm(h, c, formPost[versionForm]{
		Save: func(f *versionForm) (saved, error) {
			err := h.store.DeleteTask(c.Request().Context(), actor(c), t.ID, f.Version)
			return saved{next: urlsOf(c).to("pair", t.PairID) + "#tasks", say: "과제와 그 성과를 삭제했습니다."}, err
		},
		Form: func(status int, _ *versionForm, errs views.Errors) error { return refused(status, t, errs[""]) },
		Conflict: func(status int, _ *versionForm, err error) error {
			now, ok := stale[models.CollaborationTask](err)
			if !ok {
				return err
			}
			return refused(status, now, staleDeleteNotice)
		},
		Saved: func(status int) error { return render(c, status, nil, templ.NopComponent) },
	})
}

func (h *Handlers) taskDeletePage(c echo.Context, t models.CollaborationTask, problem string) views.ConfirmPage {
	u := urlsOf(c)
	return views.ConfirmPage{Chrome: h.chrome(c, "과제 삭제"), Heading: "과제 삭제",
		Question: "이 과제를 삭제하시겠습니까? 과제의 성과도 함께 삭제되며 되돌릴 수 없습니다.",
		Subject:  t.Title, Action: u.to("task.delete", t.ID), Version: t.Version,
		CancelURL: taskPlace(u, t), Error: problem}
}

// renderTaskItem answers with one task's item: the item alone for htmx, the
// pair page with the item in place of the task otherwise.
func (h *Handlers) renderTaskItem(c echo.Context, status int, t models.CollaborationTask, item views.TaskItem) error {
	return renderBuilt(c, status, func() (templ.Component, error) {
		page, err := h.pairPage(c, t.PairID, func(s *views.TaskSection) {
			for i := range s.Items {
				if s.Items[i].Task.ID == t.ID {
					s.Items[i] = item
				}
			}
		})
		if err != nil {
			return nil, err
		}
		// Without JavaScript the form is a page of its own, titled by what it does.
		switch item.Mode {
		case views.Editing:
			page.Chrome.Title = pageTitle(c, "과제 수정: "+t.Title)
		case views.Conflicting:
			page.Chrome.Title = pageTitle(c, "수정 충돌: "+t.Title)
		}
		return views.Pair(page), nil
	}, views.TaskItemView(item))
}

// renderTaskNew answers with the add slot: alone for htmx, in the pair page otherwise.
func (h *Handlers) renderTaskNew(c echo.Context, status int, slot views.TaskNew) error {
	return renderBuilt(c, status, func() (templ.Component, error) {
		page, err := h.pairPage(c, slot.PairID, func(s *views.TaskSection) { s.New = slot })
		if err != nil {
			return nil, err
		}
		page.Chrome.Title = pageTitle(c, "과제 추가: "+page.Title)
		return views.Pair(page), nil
	}, views.TaskNewSlot(slot))
}

// renderTaskPage answers with a task's page (item and history) or with fragment for htmx.
func (h *Handlers) renderTaskPage(c echo.Context, status int, t models.CollaborationTask, item views.TaskItem, fragment templ.Component) error {
	return h.renderTaskPageTitled(c, status, t, item, "", fragment)
}

// renderTaskPageTitled is renderTaskPage with the page's own title (a form's,
// without JavaScript); "" keeps the task's.
func (h *Handlers) renderTaskPageTitled(c echo.Context, status int, t models.CollaborationTask, item views.TaskItem, title string, fragment templ.Component) error {
	return renderBuilt(c, status, func() (templ.Component, error) {
		page, err := h.taskPage(c, t, item)
		if err != nil {
			return nil, err
		}
		if title != "" {
			page.Chrome.Title = pageTitle(c, title)
		}
		return views.Task(page), nil
	}, fragment)
}

// pairParam loads the pair of the :id parameter and checks the user may take
// the route's action on it.
func (h *Handlers) pairParam(c echo.Context) (models.ExchangePair, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return models.ExchangePair{}, err
	}
	pair, _, err := h.store.PairByID(c.Request().Context(), id)
	if err != nil {
		return models.ExchangePair{}, err
	}
	return pair, authorize(c, pair.Ministries()...)
}

// taskParam loads the task of the :id parameter and checks the user may take
// the route's action on it.
func (h *Handlers) taskParam(c echo.Context) (models.CollaborationTask, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return models.CollaborationTask{}, err
	}
	t, err := h.store.TaskByID(c.Request().Context(), id)
	if err != nil {
		return models.CollaborationTask{}, err
	}
	return t, authorize(c, t.Ministries()...)
}
