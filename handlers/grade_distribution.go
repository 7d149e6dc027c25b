package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// GradeDistributionPreview shows a cycle's grade distribution as the public
// site will show it and asks the administrator to publish it; once published,
// it shows what the public sees and offers to withdraw it.
func (h *Handlers) GradeDistributionPreview(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	return h.renderGradeDistribution(c, http.StatusOK, cy, "")
}

// GradeDistributionPublish puts a finalized cycle's grade distribution on the
// public site, provided it is what the preview showed.
func (h *Handlers) GradeDistributionPublish(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[publishForm]{
		Save: func(f *publishForm) (saved, error) {
			err := h.store.PublishGradeDistribution(c.Request().Context(), actor(c), cy.ID, f.Stamp)
			return saved{next: urlsOf(c).to("evaluation", cy.ID), say: "등급 분포를 공개했습니다. 공개 누리집과 공개 자료에 나타납니다."}, err
		},
		Form: func(status int, _ *publishForm, errs views.Errors) error {
			return h.renderGradeDistribution(c, status, cy, errs[""])
		},
		Conflict: func(status int, _ *publishForm, err error) error {
			if !errors.Is(err, models.ErrConflict) {
				return err
			}
			return h.renderGradeDistribution(c, status, cy, "미리보기 이후 등급 분포가 바뀌었습니다. 바뀐 내용을 확인한 뒤 다시 공개해 주십시오.")
		},
	})
}

// GradeDistributionWithdraw takes a cycle's grade distribution off the public site (공개 취소).
func (h *Handlers) GradeDistributionWithdraw(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[struct{}]{Save: func(*struct{}) (saved, error) {
		err := h.store.WithdrawGradeDistribution(c.Request().Context(), actor(c), cy.ID)
		return saved{next: urlsOf(c).to("evaluation", cy.ID), say: "등급 분포 공개를 취소했습니다. 공개 누리집과 공개 자료에서 내려갔습니다."}, err
	}})
}

func (h *Handlers) renderGradeDistribution(c echo.Context, status int, cy models.EvaluationCycle, problem string) error {
	preview, published, err := h.store.GradeDistributionPreview(c.Request().Context(), cy)
	if err != nil {
		return err
	}
	u := urlsOf(c)
	title := "등급 분포 공개 미리보기"
	if published != nil {
		title = "등급 분포 공개 취소"
	}
	p := views.GradeDistributionPage{Chrome: h.chrome(c, title+": "+cy.Name), ListURL: u.to("evaluations"),
		CycleURL: u.to("evaluation", cy.ID), CycleName: cy.Name, PublishURL: u.to("evaluation.grades.publish", cy.ID),
		WithdrawURL: u.to("evaluation.grades.withdraw", cy.ID), Problem: cy.PublishProblem(preview), Stamp: preview.Stamp(), Error: problem}
	if p.Error == p.Problem {
		p.Error = "" // said once, where the publish button would be
	}
	shown := preview
	if published != nil {
		shown, p.Published = *published, true
		p.PublishedAt = published.PublishedAt.In(models.Seoul).Format(minuteLayout)
	}
	p.Preview = gradeDistribution(u, cy, shown)
	return render(c, status, views.GradeDistributionPublish(p), nil)
}
