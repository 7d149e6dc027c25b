package handlers

import (
	"cmp"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// waitingLimit is how many jobs of each kind the workspace lists; the rest are a link away.
const waitingLimit = 10

// workKinds says, for each kind of job, how the workspace names it and which
// page does it (the link of each item), with the list of all of them when
// there is one.
var workKinds = map[models.WorkKind]struct {
	heading string
	link    func(u urls, it models.WorkItem) string
	more    func(u urls) string
}{
	// The date each kind carries is named by dueLabels.
	models.WorkReview: {"심사할 교류자 추천", nominationLink, nominationQueue(models.NominationSubmitted)},
	models.WorkConsent: {"우리 부처의 동의를 기다리는 교류자 추천", func(u urls, it models.WorkItem) string {
		return u.to("nomination", it.ID) + "#move-consent"
	}, nominationQueue(models.NominationAwaitingConsent)},
	models.WorkNominate:    {"교류자 추천", func(u urls, it models.WorkItem) string { return u.to("nomination.new", it.ID, it.RefID) }, nil},
	models.WorkReturned:    {"반려되어 다시 추천할 교류자", nominationEditLink, nominationQueue(models.NominationReturned)},
	models.WorkDraft:       {"제출하지 않은 교류자 추천", nominationEditLink, nominationQueue(models.NominationDraft)},
	models.WorkProposal:    {"우리 부처의 동의를 기다리는 제안", pairLink, pairQueue(models.PairProposed)},
	models.WorkStart:       {"교류 시작을 기다리는 교류자", nominationLink, nominationQueue(models.NominationApproved)},
	models.WorkEnding:      {"30일 안에 끝나는 교류 (연장 또는 복귀)", nominationLink, nil},
	models.WorkReport:      {"완료 보고를 쓸 교류", nominationLink, nominationQueue(models.NominationCompleted)},
	models.WorkAcknowledge: {"확인할 교류 완료 보고", nominationLink, nominationQueue(models.NominationCompleted)},
	models.WorkExtendConsent: {"우리 부처의 동의를 기다리는 교류 기간 연장 요청", func(u urls, it models.WorkItem) string {
		return u.to("nomination", it.ID) + "#move-extend_agree"
	}, nil},
	models.WorkExtendReview: {"심사할 교류 기간 연장 요청", func(u urls, it models.WorkItem) string {
		return u.to("nomination", it.ID) + "#move-extend_approve"
	}, nil},
	models.WorkSelfAssessment: {"자체 점검을 제출할 협업과제", func(u urls, it models.WorkItem) string {
		return u.to("evaluation.task", it.ID, it.RefID) + "#self-assessment"
	}, nil},
	models.WorkScore: {"점수를 입력할 협업과제", func(u urls, it models.WorkItem) string {
		return u.to("evaluation.score.edit", it.ID, it.RefID)
	}, nil},
	models.WorkTaskEmpty:  {"진척도와 성과가 미입력인 공개 협업과제", func(u urls, it models.WorkItem) string { return u.to("task.edit", it.ID) }, nil},
	models.WorkSelectPair: {"선정을 기다리는 제안 (상대 부처가 동의함)", pairLink, pairQueue(models.PairAgreed)},
	models.WorkRoundStage: {"다음 단계로 넘길 수 있는 차수", func(u urls, it models.WorkItem) string { return u.to("round.edit", it.ID) }, nil},
	models.WorkCycleDue:   {"마감일을 정할 실적 점검·평가", func(u urls, it models.WorkItem) string { return u.to("evaluation.edit", it.ID) }, nil},
	models.WorkFinalize:   {"확정을 기다리는 실적 점검·평가", func(u urls, it models.WorkItem) string { return u.to("evaluation", it.ID) }, nil},
	models.WorkIncentive: {"인사상 특전을 결정할 교류자·동반 교류자", func(u urls, it models.WorkItem) string {
		return u.to("evaluation", it.ID) + "#incentives"
	}, nil},
	// Submissions waiting long for the receiving ministry's 동의 or for the reviewers: the whole queue lists both.
	models.WorkLongWait: {"오래 기다리는 교류자 추천 (받는 부처 동의·심사)", nominationLink, func(u urls) string { return u.to("nominations") }},
}

// dueLabels names the date a kind of job carries.
var dueLabels = map[models.WorkKind]string{
	models.WorkNominate: "교류 시작", models.WorkStart: "시작 예정", models.WorkEnding: "종료 예정",
	models.WorkProposal: "제안 마감", models.WorkSelectPair: "제안 마감", models.WorkSelfAssessment: "마감",
	models.WorkScore: "마감", models.WorkFinalize: "심사 마감",
	models.WorkExtendConsent: "연장 후 종료", models.WorkConsent: "시작 예정", models.WorkExtendReview: "연장 후 종료",
}

func nominationLink(u urls, it models.WorkItem) string     { return u.to("nomination", it.ID) }
func nominationEditLink(u urls, it models.WorkItem) string { return u.to("nomination.edit", it.ID) }
func pairLink(u urls, it models.WorkItem) string           { return u.to("pair", it.ID) }

func nominationQueue(st models.NominationStatus) func(u urls) string {
	return func(u urls) string { return u.query("nominations", url.Values{"status": {string(st)}}) }
}

func pairQueue(st models.PairStatus) func(u urls) string {
	return func(u urls) string { return u.query("pairs", url.Values{"status": {string(st)}}) }
}

// worklistKey holds, in the request's context, the worklist read for this request.
const worklistKey = "gyoryu.worklist"

// worklist is what waits for the signed-in user, read once per request (the
// workspace's list, and the menu's count on that page).
func (h *Handlers) worklist(c echo.Context, limit int) (models.Worklist, error) {
	if w, ok := c.Get(worklistKey).(models.Worklist); ok {
		return w, nil
	}
	w, err := h.store.Worklist(c.Request().Context(), currentUser(c), limit, models.WorkOptions{LongWaitDays: h.cfg.LongWaitDays})
	if err == nil {
		c.Set(worklistKey, w)
	}
	return w, err
}

// workCount is the menu's count of jobs and unread notifications: from the
// worklist when this request has read it (the workspace), else counted
// without the list (every other page).
func (h *Handlers) workCount(c echo.Context) (total, unread int64, err error) {
	if w, ok := c.Get(worklistKey).(models.Worklist); ok {
		return w.Total(), w.Unread, nil
	}
	return h.store.WorkCount(c.Request().Context(), currentUser(c), models.WorkOptions{LongWaitDays: h.cfg.LongWaitDays})
}

// waitingWork is the workspace's 처리할 일.
func (h *Handlers) waitingWork(c echo.Context, user *models.User) (views.WaitingWork, error) {
	u := urlsOf(c)
	w, err := h.worklist(c, waitingLimit)
	if err != nil {
		return views.WaitingWork{}, err
	}
	out := views.WaitingWork{Total: w.Total()}
	now := h.store.DB().NowFunc()
	for _, kind := range models.WorkKinds {
		k := workKinds[kind]
		g := views.WorkGroup{Kind: string(kind), Heading: k.heading, Total: w.Totals[kind]}
		if k.more != nil {
			g.MoreURL = k.more(u)
		}
		for _, it := range w.Items[kind] {
			l := views.WorkLink{Title: it.Title, Detail: it.Detail, URL: k.link(u, it), Since: it.Since.In(models.Seoul).Format("2006-01-02"),
				Overdue: it.Overdue(now)}
			if it.Due != nil {
				l.Due = cmp.Or(dueLabels[kind], "기한") + " " + it.Due.Format("2006-01-02")
			}
			g.Items = append(g.Items, l)
		}
		out.Groups = append(out.Groups, g)
	}
	if models.MayAtAll(user, models.ActViewNominations) {
		out.QueueURL = u.to("nominations")
	}
	if models.MayAtAll(user, models.ActProposePair) {
		open, err := h.store.OpenRounds(c.Request().Context())
		if err != nil {
			return out, err
		}
		if len(open) > 0 {
			out.ProposeURL = u.to("proposal.new")
		}
	}
	return out, nil
}
