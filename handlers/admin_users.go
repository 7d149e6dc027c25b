package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// userFilter is the account list's search form, in the URL's query.
type userFilter struct {
	Query string `form:"q" label:"아이디·이름 검색"`
	Role  string `form:"role" label:"역할"`
}

// UserList lists accounts; contact details are masked in the list.
func (h *Handlers) UserList(c echo.Context) error {
	var v userFilter
	if err := bindForm(c, &v); err != nil {
		return err
	}
	f := models.UserFilter{Query: v.Query, Role: models.Role(v.Role), Page: pageParam(c)}
	if !f.Role.Valid() {
		f.Role = ""
	}
	users, total, err := h.store.Users(c.Request().Context(), f)
	if err != nil {
		return err
	}
	u := urlsOf(c)
	page := views.UsersPage{Chrome: h.chrome(c, "계정 관리"), Filter: views.NewForm(userFilter{Query: f.Query, Role: string(f.Role)}, nil),
		Roles: options(models.Roles, labelled[models.Role], anyChoice), ListURL: u.to("users"), NewURL: u.to("user.new"),
		ThrottlesURL: u.to("throttles")}
	for _, user := range users {
		row := views.UserRow{URL: u.to("user", user.ID), Login: user.Login, DisplayName: user.DisplayName,
			Role: user.Role.Label(), Email: maskEmail(user.Email), Phone: maskPhone(user.Phone), Active: user.Active}
		if user.Ministry != nil {
			row.Ministry = user.Ministry.ShortName
		}
		page.Rows = append(page.Rows, row)
	}
	q := url.Values{"q": {f.Query}, "role": {string(f.Role)}}
	page.Pager = pager(f.Page, total, func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return u.query("users", q)
	})
	return render(c, http.StatusOK, views.Users(page), nil)
}

// UserNew shows the empty account form.
func (h *Handlers) UserNew(c echo.Context) error {
	return h.renderUserForm(c, http.StatusOK, models.User{}, models.UserInput{Role: models.RoleCoordinator}, nil)
}

// UserEdit shows an account with its unmasked contact details; the domain
// checks the viewer may see them and audits the view.
func (h *Handlers) UserEdit(c echo.Context) error {
	user, err := h.userParam(c)
	if err != nil {
		return err
	}
	if err := h.store.ViewPersonalData(c.Request().Context(), actor(c), user, c.Request().URL.Path); err != nil {
		return err
	}
	if user.Email != "" || user.Phone != "" {
		accountsShown(c, user.ID) // the form shows them unmasked: a reveal in the access records too
	}
	return h.renderUserForm(c, http.StatusOK, user, user.InputOf(), nil)
}

// UserCreate creates an account with no password; the admin then makes a reset link.
func (h *Handlers) UserCreate(c echo.Context) error {
	return h.postUser(c, models.User{}, func(in models.UserInput) (saved, error) {
		created, err := h.store.CreateUser(c.Request().Context(), actor(c), in)
		return saved{next: urlsOf(c).to("user", created.ID),
			say: "계정을 만들었습니다. 비밀번호 설정 링크를 만들어 본인에게 전하십시오."}, err
	})
}

// UserUpdate saves an account's name, role, ministry and contact details.
func (h *Handlers) UserUpdate(c echo.Context) error {
	user, err := h.userParam(c)
	if err != nil {
		return err
	}
	return h.postUser(c, user, func(in models.UserInput) (saved, error) {
		_, err := h.store.UpdateUser(c.Request().Context(), actor(c), user.ID, in)
		return saved{next: urlsOf(c).to("user", user.ID), say: "계정 정보를 저장했습니다."}, err
	})
}

// postUser answers the account form of user (zero: a new one) saved by save.
func (h *Handlers) postUser(c echo.Context, user models.User, save func(models.UserInput) (saved, error)) error {
	return postForm(h, c, formPost[models.UserInput]{
		Save: func(in *models.UserInput) (saved, error) { return save(*in) },
		Form: func(status int, in *models.UserInput, errs views.Errors) error {
			return h.renderUserForm(c, status, user, *in, errs)
		},
	})
}

// UserSetActive deactivates or reactivates an account; the domain refuses
// one's own and the last active administrator's deactivation (422).
func (h *Handlers) UserSetActive(c echo.Context) error {
	user, err := h.userParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[activeForm]{
		Save: func(f *activeForm) (saved, error) {
			active := f.Active == "1"
			err := h.store.SetUserActive(c.Request().Context(), actor(c), user.ID, active)
			if errors.Is(err, models.ErrDeactivateSelf) {
				err = models.FieldErrors{"": "자신의 계정은 사용 중지할 수 없습니다. 다른 관리자에게 요청해 주십시오."}.Err()
			}
			say := "계정을 다시 쓸 수 있게 했습니다."
			if !active {
				say = "계정을 사용 중지했습니다. 이 계정의 로그인은 모두 끝났습니다."
			}
			return saved{next: urlsOf(c).to("user", user.ID), say: say}, err
		},
		Form: func(status int, _ *activeForm, errs views.Errors) error {
			return h.renderUserForm(c, status, user, user.InputOf(), errs)
		},
	})
}

// UserResetLink makes a one-time password link and shows it once.
func (h *Handlers) UserResetLink(c echo.Context) error {
	user, err := h.userParam(c)
	if err != nil {
		return err
	}
	token, expires, err := h.store.CreatePasswordReset(c.Request().Context(), actor(c), user.ID)
	if err != nil {
		return err
	}
	page, err := h.userFormPage(c, user, user.InputOf(), nil)
	if err != nil {
		return err
	}
	page.ResetLink = c.Scheme() + "://" + c.Request().Host + urlsOf(c).to("reset", token)
	page.ResetExpires = expires.In(models.Seoul).Format("2006-01-02 15:04")
	c.Response().Header().Set("Cache-Control", "no-store")
	return render(c, http.StatusOK, views.UserForm(page), nil)
}

// renderUserForm answers with the form of account user (zero: a new one) holding in.
func (h *Handlers) renderUserForm(c echo.Context, status int, user models.User, in models.UserInput, errs views.Errors) error {
	page, err := h.userFormPage(c, user, in, errs)
	if err != nil {
		return err
	}
	return render(c, status, views.UserForm(page), nil)
}

// userFormPage is the form of account user (zero: a new one) holding in.
func (h *Handlers) userFormPage(c echo.Context, user models.User, in models.UserInput, errs views.Errors) (views.UserFormPage, error) {
	ministries, err := h.store.Ministries(c.Request().Context())
	if err != nil {
		return views.UserFormPage{}, err
	}
	u := urlsOf(c)
	page := views.UserFormPage{New: user.ID == 0, Login: user.Login, Active: user.Active, ListURL: u.to("users"),
		Form:       views.NewForm(in, errs),
		Roles:      options(models.Roles, labelled[models.Role]),
		Offices:    options(models.Offices, labelled[models.Office], views.Option{Value: "", Label: "없음"}),
		Ministries: options(activeOnly(ministries, nil), ministryNamed, views.Option{Value: "", Label: "없음 (관리자·심사자)"})}
	title := "계정: " + user.Login
	if page.New {
		title, page.Action = "계정 만들기", u.to("user.create")
	} else {
		page.Action, page.ResetURL, page.ActiveURL = u.to("user.update", user.ID), u.to("user.reset", user.ID), u.to("user.active", user.ID)
		second, err := h.store.SecondFactorOf(c.Request().Context(), user.ID)
		if err != nil {
			return views.UserFormPage{}, err
		}
		page.SecondFactor = "등록 안 함"
		if second.Enrolled {
			page.SecondFactor = "등록함 (" + second.Since.In(models.Seoul).Format(minuteLayout) + ", 남은 복구 코드 " + strconv.Itoa(second.RecoveryLeft) + "개)"
			page.SecondFactorResetURL = u.to("user.second_factor.reset", user.ID)
		}
		if h.secondFactorRequired(&user) {
			page.SecondFactor += " · 이 역할은 로그인할 때 2단계 인증이 있어야 합니다"
		}
	}
	page.Chrome = h.chrome(c, title)
	return page, nil
}

// userParam loads the account of the :id parameter.
func (h *Handlers) userParam(c echo.Context) (models.User, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return models.User{}, err
	}
	return h.store.UserByID(c.Request().Context(), id)
}
