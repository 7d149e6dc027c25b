package handlers

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// nominationFilter is the queue's filter form, in the URL's query.
type nominationFilter struct {
	Round    string `form:"round" label:"차수"`
	Ministry string `form:"ministry" label:"보내는 부처"`
	Status   string `form:"status" label:"상태"`
}

// NominationList is the queue of nominations, filtered by round, sending
// ministry and status in the URL, with the round's positions counted by stage.
// Coordinators see the nominations of their ministry's pairs. Contacts are masked.
func (h *Handlers) NominationList(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	var v nominationFilter
	if err := bindForm(c, &v); err != nil {
		return err
	}
	f := models.NominationFilter{RoundID: queryID(v.Round), MinistryID: queryID(v.Ministry), Page: pageParam(c)}
	if st := models.NominationStatus(v.Status); slices.Contains(models.NominationStatuses, st) {
		f.Status = st
	}
	scope, _, err := pairScope(u)
	if err != nil {
		return err
	}
	f.ScopeID, f.Viewer = scope, u
	// Without a round or a status the queue is what is under way: years of
	// closed nominations stay one choice of round or status away.
	f.Open = f.RoundID == 0 && f.Status == ""
	intro := "모든 부처의 교류자 추천입니다."
	if scope != 0 {
		intro = u.Ministry.Name + " 참여 교류직위의 교류자 추천입니다."
	}
	allStatuses := "전체"
	if f.Open {
		intro += " 차수나 상태를 고르지 않으면 진행 중인 추천만 보입니다(승인 취소·완료 보고 확인됨은 차수나 상태를 골라 봅니다)."
		allStatuses = "진행 중"
	}
	intro += " 연락처는 가려서 보입니다."
	list, total, err := h.store.Nominations(ctx, f)
	if err != nil {
		return err
	}
	rounds, err := h.store.RoundChoices(ctx)
	if err != nil {
		return err
	}
	ministries, err := h.store.Ministries(ctx)
	if err != nil {
		return err
	}
	conditions, err := h.store.RoundConditionCounts(ctx)
	if err != nil {
		return err
	}
	page := views.NominationsPage{Chrome: h.chrome(c, "교류자 선발"), URL: urlsOf(c).to("nominations"), Intro: intro,
		Filter: views.NewForm(v, nil), Rounds: []views.Option{{Value: "", Label: "전체"}}, Ministries: []views.Option{{Value: "", Label: "전체"}},
		Statuses: []views.Option{{Value: "", Label: allStatuses}}}
	var stageRound *models.Round
	for i, r := range rounds {
		page.Rounds = append(page.Rounds, views.Option{Value: strconv.FormatInt(r.ID, 10), Label: r.Title})
		if r.ID == f.RoundID || (f.RoundID == 0 && i == len(rounds)-1) {
			stageRound = &rounds[i]
		}
	}
	for _, m := range ministries {
		page.Ministries = append(page.Ministries, views.Option{Value: strconv.FormatInt(m.ID, 10), Label: m.ShortName})
	}
	for _, st := range models.NominationStatuses {
		if st == models.NominationDraft && !models.MayAtAll(u, models.ActNominate) {
			continue
		}
		page.Statuses = append(page.Statuses, views.Option{Value: string(st), Label: st.Label()})
	}
	if stageRound != nil && scope == 0 {
		counts, err := h.store.RoundStages(ctx, stageRound.ID)
		if err != nil {
			return err
		}
		page.StageRound = stageRound.Title
		for _, st := range models.Stages {
			page.Stages = append(page.Stages, views.StageCount{Label: st.Label(), Count: counts[st]})
		}
	}
	for _, n := range list {
		page.Rows = append(page.Rows, registeredRow(h.nominationRow(c, n, conditions[n.Pair.RoundID]), n))
	}
	if f.RoundID != 0 && models.MayAtAll(u, models.ActExportRound) {
		page.Exports = []views.NavLink{{Label: "교류자 추천 목록 XLSX로 내려받기", URL: urlsOf(c).to("round.nominations.download", f.RoundID)}}
	}
	q := url.Values{"round": {v.Round}, "ministry": {v.Ministry}, "status": {v.Status}}
	page.Pager = pager(f.Page, total, func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return urlsOf(c).query("nominations", q)
	})
	return render(c, http.StatusOK, views.Nominations(page), nil)
}

// nominationStatusTones colours each status: in progress, decided, exchanging, over.
var nominationStatusTones = map[models.NominationStatus]string{
	models.NominationDraft: views.ToneGray, models.NominationAwaitingConsent: views.ToneWarning, models.NominationSubmitted: views.ToneInformation,
	models.NominationReturned: views.ToneDanger, models.NominationApproved: views.ToneSuccess,
	models.NominationRevoked: views.ToneDanger, models.NominationActive: views.TonePrimary,
	models.NominationExtended: views.TonePrimary, models.NominationCompleted: views.ToneSuccess,
	models.NominationAcknowledged: views.ToneGray,
}

// nominationBadge is the nomination's state as a badge (받는 부처 동의 대기 and 거절됨 included).
func nominationBadge(n models.Nomination) views.Badge {
	return views.Badge{Label: n.StateLabel(), Tone: nominationStatusTones[n.State()]}
}

// nominationRow is a nomination as lists show it: contact details always masked.
func (h *Handlers) nominationRow(c echo.Context, n models.Nomination, conditions int) views.NominationRow {
	exchangeesShown(c, n.ID)
	row := views.NominationRow{URL: urlsOf(c).to("nomination", n.ID), Round: n.Pair.Round.Title,
		Position: positionCell(n.Position, n.Position.Ministry), Sending: n.Ministry.ShortName,
		Name: n.ExchangeeName, Rank: n.Rank, CurrentPosition: n.CurrentPosition, Period: period(n),
		Phone: maskPhone(n.WorkPhone), Email: maskEmail(n.Email), Statement: n.Statement, Status: nominationBadge(n),
		Approvals: approvalSummary(n)}
	var names, removed []string
	for _, cp := range n.Companions {
		if cp.Removed() {
			removed = append(removed, strings.TrimSpace(cp.Name+" "+cp.Rank))
		} else {
			names = append(names, strings.TrimSpace(cp.Name+" "+cp.Rank))
		}
	}
	switch {
	case len(names) == 0:
		row.Companions = "없음"
	default:
		row.Companions = strconv.Itoa(len(names)) + "명: " + strings.Join(names, ", ")
	}
	if len(removed) > 0 {
		row.Companions += " (제외: " + strings.Join(removed, ", ") + ")"
	}
	row.Conditions = conditionSummary(len(n.Conditions), conditions)
	return row
}

// conditionSummary says how many of the round's eligibility conditions the
// sending ministry confirmed: "2개 중 1개 확인함", "모두 확인함 (2개)".
func conditionSummary(confirmed, of int) string {
	switch {
	case of == 0:
		return "요건 없음"
	case confirmed >= of:
		return "모두 확인함 (" + strconv.Itoa(of) + "개)"
	}
	return strconv.Itoa(of) + "개 중 " + strconv.Itoa(confirmed) + "개 확인함"
}

// approvalSummary is the list's 승인 column: where the current submission
// stands with the receiving ministry and each office — "받는 부처 동의 대기",
// "인사혁신처 승인 · 국무조정실 승인 대기", "인사혁신처·국무조정실 승인".
func approvalSummary(n models.Nomination) string {
	switch {
	case n.Status == models.NominationDraft:
		return "제출 전"
	case n.AwaitingConsent():
		return "받는 부처 동의 대기"
	case n.DeclinedByReceiving():
		return "받는 부처 거절됨"
	}
	decisions := n.Decisions()
	if len(decisions) == 0 {
		if n.Status == models.NominationReturned {
			return "반려됨"
		}
		return "승인 기록 없음"
	}
	var given, parts []string
	for _, d := range decisions {
		if d.Approval != nil {
			given = append(given, d.Label())
			parts = append(parts, d.Label()+" 승인")
		} else {
			parts = append(parts, d.Label()+" 승인 대기")
		}
	}
	if len(given) == len(decisions) {
		return strings.Join(given, "·") + " 승인"
	}
	return strings.Join(parts, " · ")
}

func period(n models.Nomination) string {
	if n.PlannedStart == nil && n.PlannedEnd == nil {
		return "미정"
	}
	return dateOrUndecided(n.PlannedStart) + " ~ " + dateOrUndecided(n.PlannedEnd)
}

// companionPeriod is a companion's planned period; an empty date is the
// exchangee's, and says so: "교류자와 같음 (2025-03-01 ~ 2026-02-28)".
func companionPeriod(n models.Nomination, cp models.NominationCompanion) string {
	if cp.PlannedStart == nil && cp.PlannedEnd == nil {
		return "교류자와 같음 (" + period(n) + ")"
	}
	start, end := dateOrUndecided(cmpOr(cp.PlannedStart, n.PlannedStart)), dateOrUndecided(cmpOr(cp.PlannedEnd, n.PlannedEnd))
	if cp.PlannedStart == nil {
		start += " (교류자와 같음)"
	}
	if cp.PlannedEnd == nil {
		end += " (교류자와 같음)"
	}
	return start + " ~ " + end
}

func cmpOr(ds ...*time.Time) *time.Time {
	for _, d := range ds {
		if d != nil {
			return d
		}
	}
	return nil
}

// companionView is a companion of n as its page shows it.
func companionView(n models.Nomination, cp models.NominationCompanion) views.CompanionView {
	v := views.CompanionView{ID: cp.ID, Name: cp.Name, Rank: cp.Rank, Role: cp.Role, CurrentPosition: cp.CurrentPosition,
		GoesTo: cp.GoesTo, Period: companionPeriod(n, cp)}
	switch {
	case cp.Removed():
		v.Removed, v.RemovalReason = true, cp.RemovalReason
	case n.Registration != "":
		v.Decision = "앱 밖에서 승인됨 (등록한 교류)"
	case n.Status.Approved():
		v.Decision = "교류자와 함께 승인됨"
	default:
		v.Decision = "교류자와 함께 심사"
	}
	return v
}

// dateText writes a date as 2006-01-02, or "" when it is not set.
func dateText(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

func dateOrUndecided(t *time.Time) string {
	if t == nil {
		return "미정"
	}
	return t.Format(time.DateOnly)
}
