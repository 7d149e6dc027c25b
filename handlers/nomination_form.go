package handlers

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// blankCompanionRows is how many empty companion rows the form offers beyond those saved.
const blankCompanionRows = 2

// NominationNew shows the nomination form for a position of a selected pair,
// to the sending ministry's coordinators and administrators.
func (h *Handlers) NominationNew(c echo.Context) error {
	target, err := h.nominationTarget(c)
	if err != nil {
		return err
	}
	page, err := h.nominationFormPage(c, target, models.Nomination{}, models.NominationInput{}, nil)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.NominationForm(page), nil)
}

// NominationCreate saves a new nomination as a draft, or submits it; bad input
// shows the form again with messages next to the fields (422) and saves nothing.
func (h *Handlers) NominationCreate(c echo.Context) error {
	target, err := h.nominationTarget(c)
	if err != nil {
		return err
	}
	return h.postNomination(c, target, models.Nomination{}, func(in models.NominationInput) (models.Nomination, error) {
		return h.store.CreateNomination(c.Request().Context(), actor(c), target.Pair.ID, target.Position.ID, in)
	})
}

// NominationEdit shows a draft's or a returned nomination's form, with the reason it was returned.
func (h *Handlers) NominationEdit(c echo.Context) error {
	n, target, err := h.editableNomination(c)
	if errors.Is(err, models.ErrWrongState) {
		return h.nominationConflict(c, n.ID, notEditable)
	}
	if err != nil {
		return err
	}
	page, err := h.nominationFormPage(c, target, n, n.InputOf(), nil)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.NominationForm(page), nil)
}

// NominationUpdate saves a draft or a returned nomination, or submits it;
// someone else's save in between gives the conflict page (409).
func (h *Handlers) NominationUpdate(c echo.Context) error {
	n, target, err := h.editableNomination(c)
	if errors.Is(err, models.ErrWrongState) {
		return h.nominationConflict(c, n.ID, notEditable)
	}
	if err != nil {
		return err
	}
	return h.postNomination(c, target, n, func(in models.NominationInput) (models.Nomination, error) {
		return h.store.UpdateNomination(c.Request().Context(), actor(c), n.ID, in)
	})
}

// postNomination answers the nomination form of n (zero: a new one) saved by save.
func (h *Handlers) postNomination(c echo.Context, target models.NominationTarget, n models.Nomination, save func(models.NominationInput) (models.Nomination, error)) error {
	return postForm(h, c, formPost[models.NominationInput]{
		Save: func(in *models.NominationInput) (saved, error) {
			done, err := save(*in)
			say := "교류자 추천을 임시 저장했습니다. 다 쓰면 제출하십시오."
			if in.Submits() && err == nil {
				say = "교류자 추천을 제출했습니다. 받는 부처가 동의하면 심사가 시작됩니다."
				if full, ferr := h.store.NominationByID(c.Request().Context(), done.ID); ferr == nil {
					say = "교류자 추천을 " + moveMessage(full, models.MoveSubmit) // whose approval it waits for
				}
			}
			return saved{next: urlsOf(c).to("nomination", done.ID), say: say}, err
		},
		Form: func(status int, in *models.NominationInput, errs views.Errors) error {
			page, err := h.nominationFormPage(c, target, n, *in, errs)
			if err != nil {
				return err
			}
			return render(c, status, views.NominationForm(page), nil)
		},
		Conflict: func(int, *models.NominationInput, error) error {
			return h.nominationConflict(c, n.ID, "다른 사람이 먼저 이 추천을 저장하거나 처리했습니다. 최신 내용을 확인한 뒤 다시 입력해 주십시오.")
		},
	})
}

const notEditable = "이 추천은 이미 제출되었거나 처리되어 수정할 수 없습니다."

// nominationTarget reads the pair and position of the path and checks the user
// may nominate for the sending ministry of a selected pair.
func (h *Handlers) nominationTarget(c echo.Context) (models.NominationTarget, error) {
	pairID, err := idParam(c, "id")
	if err != nil {
		return models.NominationTarget{}, err
	}
	positionID, err := idParam(c, "position")
	if err != nil {
		return models.NominationTarget{}, err
	}
	target, err := h.store.NominationTargetOf(c.Request().Context(), pairID, positionID)
	if err != nil {
		return models.NominationTarget{}, err
	}
	if err := authorize(c, target.SendingMinistry.ID); err != nil {
		return models.NominationTarget{}, err
	}
	if target.Pair.Status != models.PairSelected {
		return models.NominationTarget{}, models.ErrWrongState
	}
	return target, nil
}

// editableNomination loads the nomination of the path for its sending ministry;
// one that is no longer a draft or returned is a conflict.
func (h *Handlers) editableNomination(c echo.Context) (models.Nomination, models.NominationTarget, error) {
	n, err := h.nominationParam(c) // the sending ministry's, for the route's action
	if err != nil {
		return n, models.NominationTarget{}, err
	}
	if n.Status != models.NominationDraft && n.Status != models.NominationReturned {
		return n, models.NominationTarget{}, models.ErrWrongState
	}
	return n, models.NominationTarget{Pair: n.Pair, Position: n.Position, SendingMinistry: n.Ministry}, nil
}

// nominationFormPage builds the form for a new (n.ID == 0) or a saved nomination.
func (h *Handlers) nominationFormPage(c echo.Context, t models.NominationTarget, n models.Nomination, in models.NominationInput, errs views.Errors) (views.NominationFormPage, error) {
	ctx := c.Request().Context()
	title := "교류자 추천"
	action := urlsOf(c).to("nomination.create", t.Pair.ID, t.Position.ID)
	if n.ID != 0 {
		title, action = "교류자 추천 수정", urlsOf(c).to("nomination.update", n.ID)
		exchangeesShown(c, n.ID) // the saved name and companions fill the form
	}
	// The companion rows as sent (a message names its row), then blank rows to fill in.
	companions := in.Companions()
	for len(companions) > 0 && companions[len(companions)-1] == (models.CompanionInput{}) {
		companions = companions[:len(companions)-1]
	}
	in.SetCompanions(append(companions, make([]models.CompanionInput, blankCompanionRows)...))
	conditions, err := h.store.RoundConditions(ctx, t.Pair.RoundID)
	if err != nil {
		return views.NominationFormPage{}, err
	}
	// A note row for each of the round's conditions, in its order (a message names its row).
	notes := map[string]string{}
	for j, id := range in.ConditionNoteFor {
		if j < len(in.ConditionNotes) {
			notes[id] = in.ConditionNotes[j]
		}
	}
	in.ConditionNoteFor, in.ConditionNotes = nil, nil
	for _, rc := range conditions {
		id := strconv.FormatInt(rc.ID, 10)
		in.ConditionNoteFor, in.ConditionNotes = append(in.ConditionNoteFor, id), append(in.ConditionNotes, notes[id])
	}
	page := views.NominationFormPage{Chrome: h.chrome(c, title), ListURL: urlsOf(c).to("nominations"), Title: title, Action: action,
		PairURL: urlsOf(c).to("pair", t.Pair.ID), PairTitle: pairTitle(t.Pair), Position: positionCell(t.Position, t.Position.Ministry),
		Sending: t.SendingMinistry.Name, Form: views.NewForm(in, errs).Acting(map[bool]string{true: "제출", false: "저장"}[in.Submits()])}
	if t.Position.Ministry.ID == 0 { // a new nomination: the position's ministry is the pair's other side
		page.Position = positionCell(t.Position, receivingMinistry(t))
	}
	position := page.Position.Title
	if position == "" {
		position = "직위 명칭 미입력"
	}
	page.Heading = models.Particle(t.SendingMinistry.Name, "이", "가") + " " + position + "(" + page.Position.Ministry + ")에 보낼 " + title
	page.PeriodRule = t.Pair.Round.PeriodRule()
	for i, rc := range conditions {
		page.Conditions = append(page.Conditions, views.ConditionField{Value: strconv.FormatInt(rc.ID, 10), Label: rc.Text, NoteRequired: rc.NoteRequired, Row: i})
	}
	if n.Status == models.NominationReturned {
		history, err := h.store.NominationHistory(ctx, n.ID)
		if err != nil {
			return page, err
		}
		for _, ev := range history {
			if ev.Move == models.MoveReturn {
				page.ReturnReason = ev.Reason
			}
		}
	}
	return page, nil
}

// receivingMinistry is the ministry whose position the exchangee fills.
func receivingMinistry(t models.NominationTarget) models.Ministry {
	if t.Pair.MinistryA.ID == t.SendingMinistry.ID {
		return t.Pair.MinistryB
	}
	return t.Pair.MinistryA
}
