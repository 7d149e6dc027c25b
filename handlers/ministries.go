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
	var in models.MinistryInput
	if err := bindForm(c, &in); err != nil {
		return err
	}
	m, err := h.store.CreateMinistry(c.Request().Context(), actor(c), in)
	if errs := fieldErrors(err); errs != nil {
		page := h.ministryFormPage(c, models.Ministry{}, in, errs)
		return render(c, http.StatusUnprocessableEntity, views.MinistryForm(page), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, urlsOf(c).to("ministry.edit", m.ID))
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
	var in models.MinistryInput
	if err := bindForm(c, &in); err != nil {
		return err
	}
	_, err = h.store.UpdateMinistry(c.Request().Context(), actor(c), m.ID, in)
	if errs := fieldErrors(err); errs != nil {
		return render(c, http.StatusUnprocessableEntity, views.MinistryForm(h.ministryFormPage(c, m, in, errs)), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, urlsOf(c).to("ministry.edit", m.ID))
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
	var f activeForm
	if err := bindForm(c, &f); err != nil {
		return err
	}
	if err := h.store.SetMinistryActive(c.Request().Context(), actor(c), id, f.Active == "1"); err != nil {
		return err
	}
	return redirect(c, urlsOf(c).to("ministry.edit", id))
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
		Values: views.MinistryValues(in), Errors: errs, Active: m.Active, ListURL: u.to("ministries")}
	if page.New {
		page.Heading, page.Action = "부처 추가", u.to("ministry.create")
	} else {
		page.Action, page.ActiveURL = u.to("ministry.update", m.ID), u.to("ministry.active", m.ID)
	}
	page.Chrome = h.chrome(c, page.Heading)
	return page
}
