package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// MinistryList lists every ministry, active or not.
func (h *Handlers) MinistryList(c echo.Context) error {
	ministries, err := h.store.Ministries(c.Request().Context())
	if err != nil {
		return err
	}
	u := urlsOf(c)
	page := views.MinistriesPage{Chrome: h.chrome(c, "부처 관리"), NewURL: u.to("ministry.new")}
	for _, m := range ministries {
		page.Rows = append(page.Rows, views.MinistryRow{URL: u.to("ministry.edit", m.ID), ShortName: m.ShortName, Name: m.Name,
			Code: m.Code, Kind: m.Kind.Label(), Active: m.Active})
	}
	return render(c, http.StatusOK, views.Ministries(page), nil)
}

// MinistryNew shows the empty ministry form.
func (h *Handlers) MinistryNew(c echo.Context) error {
	page := h.ministryFormPage(c, models.Ministry{}, models.MinistryInput{Kind: string(models.KindMinistry)}, nil)
	return render(c, http.StatusOK, views.MinistryForm(page), nil)
}

// MinistryCreate adds a ministry.
func (h *Handlers) MinistryCreate(c echo.Context) error {
	return h.postMinistry(c, models.Ministry{}, func(in models.MinistryInput) (saved, error) {
		m, err := h.store.CreateMinistry(c.Request().Context(), actor(c), in)
		return saved{next: urlsOf(c).to("ministry.edit", m.ID), say: "부처를 추가했습니다. 이제 교류직위와 계정에서 고를 수 있습니다."}, err
	})
}

// MinistryEdit shows a ministry's form.
func (h *Handlers) MinistryEdit(c echo.Context) error {
	m, err := h.ministryParam(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.MinistryForm(h.ministryFormPage(c, m, m.InputOf(), nil)), nil)
}

// MinistryUpdate saves a ministry's names, code and kind.
func (h *Handlers) MinistryUpdate(c echo.Context) error {
	m, err := h.ministryParam(c)
	if err != nil {
		return err
	}
	return h.postMinistry(c, m, func(in models.MinistryInput) (saved, error) {
		_, err := h.store.UpdateMinistry(c.Request().Context(), actor(c), m.ID, in)
		return saved{next: urlsOf(c).to("ministry.edit", m.ID), say: "부처 정보를 저장했습니다."}, err
	})
}

// postMinistry answers the form of ministry m (zero: a new one) saved by save.
func (h *Handlers) postMinistry(c echo.Context, m models.Ministry, save func(models.MinistryInput) (saved, error)) error {
	return postForm(h, c, formPost[models.MinistryInput]{
		Save: func(in *models.MinistryInput) (saved, error) { return save(*in) },
		Form: func(status int, in *models.MinistryInput, errs views.Errors) error {
			return render(c, status, views.MinistryForm(h.ministryFormPage(c, m, *in, errs)), nil)
		},
	})
}

// activeForm is the button that deactivates or reactivates a record: 1 or 0.
type activeForm struct {
	Active string `form:"active"`
}

// MinistrySetActive deactivates or reactivates a ministry.
func (h *Handlers) MinistrySetActive(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[activeForm]{Save: func(f *activeForm) (saved, error) {
		active := f.Active == "1"
		say := "부처를 다시 쓰게 했습니다."
		if !active {
			say = "부처를 쓰지 않게 했습니다. 새 교류직위와 계정에서는 고를 수 없습니다."
		}
		err := h.store.SetMinistryActive(c.Request().Context(), actor(c), id, active)
		return saved{next: urlsOf(c).to("ministry.edit", id), say: say}, err
	}})
}

func (h *Handlers) ministryParam(c echo.Context) (models.Ministry, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return models.Ministry{}, err
	}
	return h.store.MinistryByID(c.Request().Context(), id)
}

// ministryFormPage is the form of ministry m (zero: a new one) holding in.
func (h *Handlers) ministryFormPage(c echo.Context, m models.Ministry, in models.MinistryInput, errs views.Errors) views.MinistryFormPage {
	u := urlsOf(c)
	page := views.MinistryFormPage{New: m.ID == 0, Heading: m.Name, Kinds: options(models.MinistryKinds, labelled[models.MinistryKind]),
		Form: views.NewForm(in, errs), Active: m.Active, ListURL: u.to("ministries")}
	if page.New {
		page.Heading, page.Action = "부처 추가", u.to("ministry.create")
	} else {
		page.Action, page.ActiveURL = u.to("ministry.update", m.ID), u.to("ministry.active", m.ID)
	}
	page.Chrome = h.chrome(c, page.Heading)
	return page
}
