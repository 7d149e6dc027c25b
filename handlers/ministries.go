package handlers

import (
	"net/http"
	"strconv"

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
	page := views.MinistriesPage{Chrome: h.chrome(c, "부처 관리")}
	for _, m := range ministries {
		page.Rows = append(page.Rows, views.MinistryRow{URL: ministryAdminURL(m.ID), ShortName: m.ShortName, Name: m.Name,
			Code: m.Code, Kind: m.Kind.Label(), Active: m.Active})
	}
	return render(c, http.StatusOK, views.Ministries(page), nil)
}

// MinistryNew shows the empty ministry form.
func (h *Handlers) MinistryNew(c echo.Context) error {
	page := views.MinistryFormPage{Chrome: h.chrome(c, "부처 추가"), New: true, Heading: "부처 추가", Kinds: kindOptions(),
		Values: views.MinistryValues{Kind: string(models.KindMinistry)}}
	return render(c, http.StatusOK, views.MinistryForm(page), nil)
}

// MinistryCreate adds a ministry.
func (h *Handlers) MinistryCreate(c echo.Context) error {
	in := ministryInput(c)
	m, err := h.store.CreateMinistry(c.Request().Context(), actor(c), in)
	if errs := fieldErrors(err); errs != nil {
		page := views.MinistryFormPage{Chrome: h.chrome(c, "부처 추가"), New: true, Heading: "부처 추가", Kinds: kindOptions(),
			Values: ministryValues(in), Errors: errs}
		return render(c, http.StatusUnprocessableEntity, views.MinistryForm(page), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, ministryAdminURL(m.ID))
}

// MinistryEdit shows a ministry's form.
func (h *Handlers) MinistryEdit(c echo.Context) error {
	m, err := h.ministryParam(c)
	if err != nil {
		return err
	}
	page := views.MinistryFormPage{Chrome: h.chrome(c, m.Name), ID: m.ID, Heading: m.Name, Kinds: kindOptions(),
		Values: ministryValues(m.InputOf()), Active: m.Active}
	return render(c, http.StatusOK, views.MinistryForm(page), nil)
}

// MinistryUpdate saves a ministry's names, code and kind.
func (h *Handlers) MinistryUpdate(c echo.Context) error {
	m, err := h.ministryParam(c)
	if err != nil {
		return err
	}
	in := ministryInput(c)
	_, err = h.store.UpdateMinistry(c.Request().Context(), actor(c), m.ID, in)
	if errs := fieldErrors(err); errs != nil {
		page := views.MinistryFormPage{Chrome: h.chrome(c, m.Name), ID: m.ID, Heading: m.Name, Kinds: kindOptions(),
			Values: ministryValues(in), Errors: errs, Active: m.Active}
		return render(c, http.StatusUnprocessableEntity, views.MinistryForm(page), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, ministryAdminURL(m.ID))
}

// MinistrySetActive deactivates or reactivates a ministry.
func (h *Handlers) MinistrySetActive(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	if err := h.store.SetMinistryActive(c.Request().Context(), actor(c), id, c.FormValue("active") == "1"); err != nil {
		return err
	}
	return redirect(c, ministryAdminURL(id))
}

func (h *Handlers) ministryParam(c echo.Context) (models.Ministry, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return models.Ministry{}, err
	}
	return h.store.MinistryByID(c.Request().Context(), id)
}

func ministryAdminURL(id int64) string { return "/admin/ministries/" + strconv.FormatInt(id, 10) }

func ministryInput(c echo.Context) models.MinistryInput {
	return models.MinistryInput{Code: c.FormValue("code"), ShortName: c.FormValue("short_name"), Name: c.FormValue("name"),
		Kind: models.MinistryKind(c.FormValue("kind"))}
}

func ministryValues(in models.MinistryInput) views.MinistryValues {
	return views.MinistryValues{Code: in.Code, ShortName: in.ShortName, Name: in.Name, Kind: string(in.Kind)}
}

func kindOptions() []views.Option {
	opts := make([]views.Option, len(models.MinistryKinds))
	for i, k := range models.MinistryKinds {
		opts[i] = views.Option{Value: string(k), Label: k.Label()}
	}
	return opts
}
