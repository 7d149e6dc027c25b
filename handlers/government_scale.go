package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// The grades of each year's 정부업무평가, kept by the administrator: the app
// ships none, and a task's result of a year is one of them.

// GovernmentScales lists the years and their grades.
func (h *Handlers) GovernmentScales(c echo.Context) error {
	scales, err := h.store.GovernmentScales(c.Request().Context())
	if err != nil {
		return err
	}
	u := urlsOf(c)
	p := views.GovernmentScalesPage{Chrome: h.chrome(c, "정부업무평가 결과 등급"), NewURL: u.to("government.scale.new"),
		UpgradesURL: u.to("evaluation.upgrades")}
	for _, sc := range scales {
		p.Rows = append(p.Rows, views.GovernmentScaleRow{Year: strconv.Itoa(sc.Year) + "년", Grades: strings.Join(sc.GradeList(), " · "),
			EditURL: u.to("government.scale", sc.Year)})
	}
	return render(c, http.StatusOK, views.GovernmentScales(p), nil)
}

// GovernmentScaleNew is the form of a new year's grades.
func (h *Handlers) GovernmentScaleNew(c echo.Context) error {
	return h.renderGovernmentScaleForm(c, http.StatusOK, 0, models.GovernmentScaleInput{}, nil)
}

// GovernmentScaleEdit is the form of one year's grades (empty for a year without them).
func (h *Handlers) GovernmentScaleEdit(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	sc, err := h.store.GovernmentScaleOf(c.Request().Context(), year)
	if err != nil {
		return err
	}
	in := models.GovernmentScaleInput{Year: strconv.Itoa(year)}
	if sc != nil {
		in = sc.InputOf()
	}
	return h.renderGovernmentScaleForm(c, http.StatusOK, year, in, nil)
}

// GovernmentScaleCreate saves a year's grades from the form that names the year.
func (h *Handlers) GovernmentScaleCreate(c echo.Context) error {
	return h.saveGovernmentScale(c, 0)
}

// GovernmentScaleUpdate saves the grades of the address's year.
func (h *Handlers) GovernmentScaleUpdate(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	return h.saveGovernmentScale(c, year)
}

func (h *Handlers) saveGovernmentScale(c echo.Context, year int) error {
	return postForm(h, c, formPost[models.GovernmentScaleInput]{
		Save: func(in *models.GovernmentScaleInput) (saved, error) {
			if year != 0 {
				in.Year = strconv.Itoa(year)
			}
			sc, err := h.store.SaveGovernmentScale(c.Request().Context(), actor(c), *in)
			return saved{next: urlsOf(c).to("government.scales"), say: strconv.Itoa(sc.Year) + "년 정부업무평가 결과 등급을 저장했습니다."}, err
		},
		Form: func(status int, in *models.GovernmentScaleInput, errs views.Errors) error {
			return h.renderGovernmentScaleForm(c, status, year, *in, errs)
		},
		Conflict: func(status int, in *models.GovernmentScaleInput, err error) error {
			now, ok := stale[models.GovernmentScale](err)
			if !ok {
				return err
			}
			in.Version = now.Version
			markInvalid(c)
			return h.renderGovernmentScaleForm(c, status, year, *in, views.Errors{"": strconv.Itoa(now.Year) +
				"년 등급을 다른 사람이 먼저 저장했습니다. 저장된 등급(" + strings.Join(now.GradeList(), ", ") + ")을 확인한 뒤 다시 저장해 주십시오."})
		},
	})
}

// renderGovernmentScaleForm is the form of a year's grades: of the address's
// year, or (year 0) with the year to type.
func (h *Handlers) renderGovernmentScaleForm(c echo.Context, status int, year int, in models.GovernmentScaleInput, errs views.Errors) error {
	u := urlsOf(c)
	p := views.GovernmentScaleFormPage{Chrome: h.chrome(c, "정부업무평가 결과 등급"), Action: u.to("government.scale.create"),
		BackURL: u.to("government.scales"), Form: views.NewForm(in, errs)}
	if year != 0 {
		p.Year, p.Action = strconv.Itoa(year)+"년", u.to("government.scale.update", year)
	}
	return render(c, status, views.GovernmentScaleForm(p), nil)
}

// yearParam is the address's evaluation year, 2000 to 2100 (404 otherwise).
func yearParam(c echo.Context) (int, error) {
	y, err := strconv.Atoi(c.Param("year"))
	if err != nil || y < 2000 || y > 2100 {
		return 0, echo.NewHTTPError(http.StatusNotFound)
	}
	return y, nil
}
