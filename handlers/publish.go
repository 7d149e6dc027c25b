package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// PublishPreview shows a task as the public site will show it (or shows it
// now, when published) and asks the administrator to confirm.
func (h *Handlers) PublishPreview(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.Publish(h.publishPage(c, t, "")), nil)
}

// Publish puts a task with its outcomes on the public site, provided they are
// what the preview showed.
func (h *Handlers) Publish(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[publishForm]{
		Save: func(f *publishForm) (saved, error) {
			err := h.store.PublishTask(c.Request().Context(), actor(c), t.ID, f.Stamp)
			return saved{next: urlsOf(c).to("task", t.ID), say: "과제와 성과를 공개했습니다. 공개 누리집과 공공데이터에 나타납니다."}, err
		},
		Form: func(status int, _ *publishForm, errs views.Errors) error {
			return render(c, status, views.Publish(h.publishPage(c, t, errs[""])), nil)
		},
		Conflict: func(status int, _ *publishForm, err error) error {
			now, ok := stale[models.CollaborationTask](err)
			if !ok {
				return err
			}
			return render(c, status, views.Publish(h.publishPage(c, now, "미리보기 이후 과제나 성과가 바뀌었습니다. 바뀐 내용을 확인한 뒤 다시 공개해 주십시오.")), nil)
		},
	})
}

// Unpublish takes a task off the public site.
func (h *Handlers) Unpublish(c echo.Context) error {
	t, err := h.taskParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[struct{}]{Save: func(*struct{}) (saved, error) {
		err := h.store.UnpublishTask(c.Request().Context(), actor(c), t.ID)
		return saved{next: urlsOf(c).to("task", t.ID), say: "공개를 해제했습니다. 공개 누리집에서 내려갔습니다."}, err
	}})
}

// publishForm confirms publishing: the stamp of the content previewed.
type publishForm struct {
	Stamp string `form:"stamp"`
}

func (h *Handlers) publishPage(c echo.Context, t models.CollaborationTask, problem string) views.PublishPage {
	title := "공개 미리보기"
	if t.Published {
		title = "공개 해제"
	}
	u := urlsOf(c)
	return views.PublishPage{
		Chrome:       h.chrome(c, title+": "+t.Title),
		WorkspaceURL: u.to("workspace"),
		TaskTitle:    t.Title,
		TaskURL:      u.to("task", t.ID),
		PublishURL:   u.to("task.publish", t.ID),
		UnpublishURL: u.to("task.unpublish", t.ID),
		Published:    t.Published,
		Problems:     t.PublishProblems(),
		Preview:      outcomeTable(u, nil, []models.CollaborationTask{t}, t.Pair.Round.Title+" 협업과제와 주요 성과 (미리보기): 구분, 교류기관, 협업과제 내용, 주요 성과"),
		Stamp:        t.ContentStamp(),
		Error:        problem,
	}
}
