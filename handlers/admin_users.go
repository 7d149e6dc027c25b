package handlers

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// UserList lists accounts; contact details are masked in the list.
func (h *Handlers) UserList(c echo.Context) error {
	f := models.UserFilter{Query: c.QueryParam("q"), Role: models.Role(c.QueryParam("role")), Page: pageParam(c)}
	if !f.Role.Valid() {
		f.Role = ""
	}
	users, total, err := h.store.Users(c.Request().Context(), f)
	if err != nil {
		return err
	}
	page := views.UsersPage{Chrome: h.chrome(c, "계정 관리"), Query: f.Query, Role: string(f.Role),
		Roles: append([]views.Option{{Value: "", Label: "전체"}}, roleOptions()...)}
	for _, u := range users {
		row := views.UserRow{URL: "/admin/users/" + strconv.FormatInt(u.ID, 10), Login: u.Login, DisplayName: u.DisplayName,
			Role: u.Role.Label(), Email: maskEmail(u.Email), Phone: maskPhone(u.Phone), Active: u.Active}
		if u.Ministry != nil {
			row.Ministry = u.Ministry.ShortName
		}
		page.Rows = append(page.Rows, row)
	}
	q := url.Values{"q": {f.Query}, "role": {string(f.Role)}}
	page.Pager = pager(f.Page, total, func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return "/admin/users?" + q.Encode()
	})
	return render(c, http.StatusOK, views.Users(page), nil)
}

// UserNew shows the empty account form.
func (h *Handlers) UserNew(c echo.Context) error {
	page, err := h.userFormPage(c, "계정 만들기")
	if err != nil {
		return err
	}
	page.New = true
	page.Values.Role = string(models.RoleCoordinator)
	return render(c, http.StatusOK, views.UserForm(page), nil)
}

// UserCreate creates an account with no password; the admin then makes a reset link.
func (h *Handlers) UserCreate(c echo.Context) error {
	in := userInput(c)
	u, err := h.store.CreateUser(c.Request().Context(), actor(c), in)
	if errs := fieldErrors(err); errs != nil {
		page, perr := h.userFormPage(c, "계정 만들기")
		if perr != nil {
			return perr
		}
		page.New, page.Errors, page.Values = true, errs, userValues(in)
		return render(c, http.StatusUnprocessableEntity, views.UserForm(page), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, "/admin/users/"+strconv.FormatInt(u.ID, 10))
}

// UserEdit shows an account with its unmasked contact details; that view is audited.
func (h *Handlers) UserEdit(c echo.Context) error {
	u, err := h.userParam(c)
	if err != nil {
		return err
	}
	page, err := h.userFormPage(c, "계정: "+u.Login)
	if err != nil {
		return err
	}
	if err := h.auditPersonalView(c, u); err != nil {
		return err
	}
	page.ID, page.Login, page.Active, page.Values = u.ID, u.Login, u.Active, userValues(userInputOf(u))
	return render(c, http.StatusOK, views.UserForm(page), nil)
}

// UserUpdate saves an account's name, role, ministry and contact details.
func (h *Handlers) UserUpdate(c echo.Context) error {
	u, err := h.userParam(c)
	if err != nil {
		return err
	}
	in := userInput(c)
	_, err = h.store.UpdateUser(c.Request().Context(), actor(c), u.ID, in)
	if errs := fieldErrors(err); errs != nil {
		page, perr := h.userFormPage(c, "계정: "+u.Login)
		if perr != nil {
			return perr
		}
		page.ID, page.Login, page.Active, page.Errors, page.Values = u.ID, u.Login, u.Active, errs, userValues(in)
		return render(c, http.StatusUnprocessableEntity, views.UserForm(page), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, "/admin/users/"+strconv.FormatInt(u.ID, 10))
}

// UserSetActive deactivates or reactivates an account.
func (h *Handlers) UserSetActive(c echo.Context) error {
	u, err := h.userParam(c)
	if err != nil {
		return err
	}
	active := c.FormValue("active") == "1"
	if !active && u.ID == currentUser(c).ID {
		return echo.NewHTTPError(http.StatusConflict, "cannot deactivate oneself")
	}
	if err := h.store.SetUserActive(c.Request().Context(), actor(c), u.ID, active); err != nil {
		return err
	}
	return redirect(c, "/admin/users/"+strconv.FormatInt(u.ID, 10))
}

// UserResetLink makes a one-time password link and shows it once.
func (h *Handlers) UserResetLink(c echo.Context) error {
	u, err := h.userParam(c)
	if err != nil {
		return err
	}
	token, expires, err := h.store.CreatePasswordReset(c.Request().Context(), actor(c), u.ID)
	if err != nil {
		return err
	}
	page, err := h.userFormPage(c, "계정: "+u.Login)
	if err != nil {
		return err
	}
	page.ID, page.Login, page.Active, page.Values = u.ID, u.Login, u.Active, userValues(userInputOf(u))
	page.ResetLink = c.Scheme() + "://" + c.Request().Host + "/reset/" + token
	page.ResetExpires = expires.In(seoul).Format("2006-01-02 15:04")
	c.Response().Header().Set("Cache-Control", "no-store")
	return render(c, http.StatusOK, views.UserForm(page), nil)
}

func (h *Handlers) userParam(c echo.Context) (models.User, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return models.User{}, err
	}
	return h.store.UserByID(c.Request().Context(), id)
}

// auditPersonalView records that the signed-in user saw someone's unmasked contact details.
func (h *Handlers) auditPersonalView(c echo.Context, u models.User) error {
	if u.Email == "" && u.Phone == "" {
		return nil
	}
	return h.store.Audit(c.Request().Context(), actor(c), models.AuditViewPersonal, "user", u.ID,
		map[string]string{"fields": "email, phone", "path": c.Request().URL.Path})
}

func (h *Handlers) userFormPage(c echo.Context, title string) (views.UserFormPage, error) {
	ministries, err := h.store.Ministries(c.Request().Context())
	if err != nil {
		return views.UserFormPage{}, err
	}
	opts := []views.Option{{Value: "", Label: "없음 (관리자·심사자)"}}
	for _, m := range ministries {
		if m.Active {
			opts = append(opts, views.Option{Value: strconv.FormatInt(m.ID, 10), Label: m.ShortName + " (" + m.Name + ")"})
		}
	}
	offices := []views.Option{{Value: "", Label: "없음"}}
	for _, o := range models.Offices {
		offices = append(offices, views.Option{Value: string(o), Label: o.Label()})
	}
	return views.UserFormPage{Chrome: h.chrome(c, title), Roles: roleOptions(), Ministries: opts, Offices: offices}, nil
}

func roleOptions() []views.Option {
	opts := make([]views.Option, len(models.Roles))
	for i, r := range models.Roles {
		opts[i] = views.Option{Value: string(r), Label: r.Label()}
	}
	return opts
}

func userInput(c echo.Context) models.UserInput {
	mid, _ := strconv.ParseInt(c.FormValue("ministry_id"), 10, 64)
	return models.UserInput{Login: c.FormValue("login"), DisplayName: c.FormValue("display_name"),
		Role: models.Role(c.FormValue("role")), MinistryID: mid, Office: models.Office(c.FormValue("office")),
		Email: c.FormValue("email"), Phone: c.FormValue("phone")}
}

func userInputOf(u models.User) models.UserInput {
	in := models.UserInput{Login: u.Login, DisplayName: u.DisplayName, Role: u.Role, Email: u.Email, Phone: u.Phone}
	if u.Office != nil {
		in.Office = *u.Office
	}
	if u.MinistryID != nil {
		in.MinistryID = *u.MinistryID
	}
	return in
}

func userValues(in models.UserInput) views.UserValues {
	v := views.UserValues{Login: in.Login, DisplayName: in.DisplayName, Role: string(in.Role), Office: string(in.Office), Email: in.Email, Phone: in.Phone}
	if in.MinistryID != 0 {
		v.MinistryID = strconv.FormatInt(in.MinistryID, 10)
	}
	return v
}

// seoul is Korea Standard Time, for showing times to people.
var seoul = time.FixedZone("KST", 9*3600)
