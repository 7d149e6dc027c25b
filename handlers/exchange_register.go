package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// An administrator registers (등록) an exchange that began outside the app
// into a position of a selected pair (models/nomination_register.go): it is
// 교류 중 at once, and from then on extended, ended and evaluated as any other.

// RegistrationNew shows the form that registers an exchange already running.
func (h *Handlers) RegistrationNew(c echo.Context) error {
	target, err := h.nominationTarget(c)
	if err != nil {
		return err
	}
	in := models.RegistrationInput{Reason: models.RegistrationReasonDefault}
	return render(c, http.StatusOK, views.RegistrationForm(h.registrationFormPage(c, target, in, nil)), nil)
}

// RegistrationCreate registers the exchange; bad input shows the form again
// with messages next to the fields (422) and writes nothing.
func (h *Handlers) RegistrationCreate(c echo.Context) error {
	target, err := h.nominationTarget(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[models.RegistrationInput]{
		Save: func(in *models.RegistrationInput) (saved, error) {
			n, err := h.store.RegisterExchange(c.Request().Context(), actor(c), target.Pair.ID, target.Position.ID, *in)
			say := "이미 시작한 교류를 등록했습니다. 이제 다른 교류처럼 연장 요청, 복귀, 실적 평가가 이 기록으로 이어집니다."
			return saved{next: urlsOf(c).to("nomination", n.ID), say: say}, err
		},
		Form: func(status int, in *models.RegistrationInput, errs views.Errors) error {
			return render(c, status, views.RegistrationForm(h.registrationFormPage(c, target, *in, errs)), nil)
		},
	})
}

// registrationFormPage builds the registration form of a position, holding in with errs.
func (h *Handlers) registrationFormPage(c echo.Context, t models.NominationTarget, in models.RegistrationInput, errs views.Errors) views.RegistrationFormPage {
	u := urlsOf(c)
	// The companion rows as sent (a message names its row), then blank rows to fill in.
	rows := in.Companions()
	for len(rows) > 0 && rows[len(rows)-1] == (models.CompanionInput{}) {
		rows = rows[:len(rows)-1]
	}
	in.SetCompanions(append(rows, make([]models.CompanionInput, blankCompanionRows)...))
	position := positionCell(t.Position, receivingMinistry(t))
	title := position.Title
	if title == "" {
		title = "직위 명칭 미입력"
	}
	heading := models.Particle(t.SendingMinistry.Name, "이", "가") + " " + title + "(" + position.Ministry + ")에 보낸 교류자의 교류 등록"
	return views.RegistrationFormPage{Chrome: h.chrome(c, "이미 시작한 교류 등록"), ListURL: u.to("nominations"),
		PairURL: u.to("pair", t.Pair.ID), PairTitle: pairTitle(t.Pair), Heading: heading, Round: t.Pair.Round.Title,
		PeriodRule: t.Pair.Round.PeriodRule(), Action: u.to("registration.create", t.Pair.ID, t.Position.ID),
		Form: views.NewForm(in, errs).Acting("등록")}
}

// registeredRow is a list's row of n, which says so when n was registered:
// its conditions were checked and its selection approved outside the app.
func registeredRow(row views.NominationRow, n models.Nomination) views.NominationRow {
	if n.Registration != "" {
		row.Conditions, row.Approvals = "앱 밖에서 확인", registeredApproval
	}
	return row
}

// registeredApproval is what a registered exchange shows for its approvals.
const registeredApproval = "앱 밖에서 승인됨 (등록한 교류)"
