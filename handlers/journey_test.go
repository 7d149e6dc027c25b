package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
	"github.com/gyoryu/gyoryu/notify"
	"github.com/gyoryu/gyoryu/notify/notifytest"
)

// journeyPeople are everyone whose workspace the journey looks at: the two
// ministries of the pair, one outside it, both reviewing offices, the programme office.
var journeyPeople = []string{"moel", "mss", "mof", "reviewer", "reviewer-opc", "admin"}

// journey walks the programme through the router as its people would, each
// signed in with their own browser stand-in.
type journey struct {
	t       *testing.T
	s       *models.Store
	e       *echo.Echo
	clients map[string]*handlerstest.Client
}

func newJourney(t *testing.T, s *models.Store) *journey {
	e := handlerstest.NewRouter(t, s, handlers.Config{})
	j := &journey{t: t, s: s, e: e, clients: map[string]*handlerstest.Client{}}
	for _, login := range journeyPeople {
		c := handlerstest.NewClient(t, e)
		c.Login(login, models.DemoPassword)
		j.clients[login] = c
	}
	return j
}

// jobs are the links of a person's 처리할 일 (href → text), and the count beside 업무 공간 in the menu.
func (j *journey) jobs(login string) (map[string]string, int) {
	j.t.Helper()
	rec := j.clients[login].Get("/workspace")
	if rec.Code != http.StatusOK {
		j.t.Fatalf("%s /workspace = %d", login, rec.Code)
	}
	doc := parseRec(j.t, rec)
	out := map[string]string{}
	doc.Find(".waiting-work .work-group li > a").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		out[href] = text(a)
	})
	count := 0
	doc.Find(`nav.work-nav a[href="/workspace"] .nav-count`).Each(func(_ int, s *goquery.Selection) {
		count, _ = strconv.Atoi(strings.TrimSuffix(text(s), "건 처리 대기"))
	})
	total, _ := strconv.Atoi(strings.TrimSuffix(text(doc.Find("#waiting-title .count")), "건"))
	if count != total {
		j.t.Errorf("%s: the menu counts %d jobs, the workspace lists %d", login, count, total)
	}
	return out, total
}

// expect finds the job href on the workspace of each of who and on nobody
// else's, follows it, and returns the page, which must hold a form posting to action.
func (j *journey) expect(step, href, action string, who ...string) *goquery.Document {
	j.t.Helper()
	for _, login := range journeyPeople {
		jobs, _ := j.jobs(login)
		_, has := jobs[href]
		if want := slices.Contains(who, login); has != want {
			j.t.Errorf("%s: job %s on %s's workspace = %v, want %v (jobs %v)", step, href, login, has, want, jobs)
		}
	}
	path, _, _ := strings.Cut(href, "#") // a browser keeps the fragment to itself
	rec := j.clients[who[0]].Get(path)
	if rec.Code != http.StatusOK {
		j.t.Fatalf("%s: %s follows %s: %d", step, who[0], href, rec.Code)
	}
	doc := parseRec(j.t, rec)
	if doc.Find(`form[action="`+action+`"]`).Length() == 0 {
		j.t.Errorf("%s: %s has no form posting to %s", step, href, action)
	}
	return doc
}

// gone checks that the job is on nobody's workspace any more.
func (j *journey) gone(step, href string) {
	j.t.Helper()
	for _, login := range journeyPeople {
		if jobs, _ := j.jobs(login); jobs[href] != "" {
			j.t.Errorf("%s: job %s still on %s's workspace", step, href, login)
		}
	}
}

// post submits the form posting to action on doc as login, with changes, wants
// a redirect, and returns what the page it leads to says in its status line.
func (j *journey) post(step, login string, doc *goquery.Document, action string, changes url.Values) string {
	j.t.Helper()
	form := formValues(doc.Find(`form[action="` + action + `"]`).First())
	for k, v := range changes {
		form[k] = v
	}
	rec := j.clients[login].Post(action, form)
	if rec.Code != http.StatusSeeOther {
		j.t.Fatalf("%s: %s posts %s = %d\n%s", step, login, action, rec.Code, truncate(rec.Body.String(), 600))
	}
	next := parseRec(j.t, j.clients[login].Get(rec.Header().Get("Location")))
	flash := next.Find(`#flash[role="status"]`)
	if flash.Length() != 1 {
		j.t.Errorf("%s: the page after it has no status line", step)
	}
	return text(flash)
}

// says checks the status line after a step.
func (j *journey) says(step, got, want string) {
	j.t.Helper()
	if got != want {
		j.t.Errorf("%s: the status line says %q, want %q", step, got, want)
	}
}

// formValues are the values a browser would send from the form (checked boxes only).
func formValues(f *goquery.Selection) url.Values {
	v := url.Values{}
	f.Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		if !ok {
			return
		}
		switch goquery.NodeName(s) {
		case "textarea":
			v.Add(name, s.Text())
		case "select":
			val, _ := s.Find("option[selected]").Attr("value")
			v.Add(name, val)
		default:
			typ, _ := s.Attr("type")
			if (typ == "checkbox" || typ == "radio") && s.AttrOr("checked", "-") == "-" {
				return
			}
			if typ == "submit" {
				return
			}
			v.Add(name, s.AttrOr("value", ""))
		}
	})
	return v
}

func TestTheWholeJourneyFindsEachPersonsNextJobOnTheirWorkspace(t *testing.T) {
	modelstest.EachParallel(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		ctx := context.Background()
		pair := modelstest.Round2Pair(t, s, "moel", "mss") // 고용부 기업일자리지원과장 ↔ 중기부 인력정책과장; 중기부 sends into 고용부's position
		if _, err := s.SetRoundSelection(ctx, modelstest.As(t, s, "admin"), pair.RoundID,
			models.SelectionInput{ApprovalRule: string(models.ApproveEachOffice)}); err != nil {
			t.Fatal(err)
		}
		j := newJourney(t, s)
		p, posA := itoa64(pair.ID), itoa64(pair.PositionAID)

		// 교류자 추천: 중기부 nominates into 고용부's position, saving a draft first.
		nominateURL := "/pairs/" + p + "/positions/" + posA + "/nominations/new"
		createURL := "/pairs/" + p + "/positions/" + posA + "/nominations"
		doc := j.expect("교류자 추천", nominateURL, createURL, "mss")
		in := modelstest.TestNomination(false)
		j.post("교류자 추천", "mss", doc, createURL, url.Values{"exchangee_name": {in.ExchangeeName}, "current_position": {in.CurrentPosition},
			"rank": {in.Rank}, "work_phone": {in.WorkPhone}, "email": {in.Email}, "planned_start": {in.PlannedStart},
			"planned_end": {in.PlannedEnd}, "statement": {in.Statement}, "intent": {"save"}})
		j.gone("교류자 추천", nominateURL)
		var n models.Nomination
		if err := s.DB().Where("pair_id = ?", pair.ID).Take(&n).Error; err != nil {
			t.Fatal(err)
		}
		id := itoa64(n.ID)
		page, edit := "/nominations/"+id, "/nominations/"+id+"/edit"

		// 작성 중 → 제출.
		doc = j.expect("초안 제출", edit, "/nominations/"+id, "mss")
		j.says("초안 제출", j.post("초안 제출", "mss", doc, "/nominations/"+id, url.Values{"intent": {"submit"}}),
			"교류자 추천을 제출했습니다. 받는 부처(고용부)의 동의를 기다립니다. 동의하면 심사가 시작됩니다.")
		j.gone("초안 제출", edit)

		// 받는 부처 동의: 고용부, whose position it fills, has the job, and no reviewer yet; 고용부 declines first.
		consent := page + "#move-consent"
		doc = j.expect("받는 부처 동의 (거절)", consent, page+"/decline", "moel")
		j.says("받는 부처 거절", j.post("받는 부처 거절", "moel", doc, page+"/decline", url.Values{"reason": {"업무 경력 불일치"}}),
			"거절했습니다. 중기부가 사유를 확인하고 다시 추천합니다.")
		j.gone("받는 부처 거절", consent)
		doc = j.expect("거절에 답하기", edit, "/nominations/"+id, "mss")
		j.post("거절 뒤 다시 제출", "mss", doc, "/nominations/"+id, url.Values{"intent": {"submit"}})
		doc = j.expect("받는 부처 동의", consent, page+"/consent", "moel")
		j.says("받는 부처 동의", j.post("받는 부처 동의", "moel", doc, page+"/consent", nil),
			"동의했습니다. 인사혁신처와 국무조정실 승인을 기다립니다.")
		j.gone("받는 부처 동의", consent)

		// 심사: both offices have it; 인사혁신처 returns it.
		doc = j.expect("심사 (반려)", page, page+"/return", "reviewer", "reviewer-opc")
		j.says("반려", j.post("반려", "reviewer", doc, page+"/return", url.Values{"reason": {"경력 기간 보완"}}),
			"반려했습니다. 중기부가 사유를 확인하고 다시 추천합니다.")

		// 반려 → 중기부 nominates again.
		doc = j.expect("반려에 답하기", edit, "/nominations/"+id, "mss")
		j.post("다시 제출", "mss", doc, "/nominations/"+id, url.Values{"intent": {"submit"}})
		j.gone("다시 제출", edit)
		doc = j.expect("다시 받는 부처 동의", consent, page+"/consent", "moel")
		j.post("다시 받는 부처 동의", "moel", doc, page+"/consent", nil)

		// Both offices approve; once 인사혁신처 has, only 국무조정실 has the job.
		doc = j.expect("심사 (인사혁신처 승인)", page, page+"/approve", "reviewer", "reviewer-opc")
		j.says("인사혁신처 승인", j.post("인사혁신처 승인", "reviewer", doc, page+"/approve", nil), "승인했습니다. 국무조정실 승인을 기다립니다.")
		// 인사혁신처 sees its decision, not the buttons; the missing one is spelled out.
		mine := parseRec(t, j.clients["reviewer"].Get(page))
		if mine.Find(`form[action="`+page+`/return"], form[action="`+page+`/approve"]`).Length() != 0 {
			t.Error("the reviewer whose office approved still sees 승인 or 반려")
		}
		if got := text(mine.Find(".nomination-facts")); !strings.Contains(got, "인사혁신처 승인 · ") || !strings.Contains(got, "국무조정실 승인 대기") {
			t.Errorf("승인 현황 not spelled out: %q", got)
		}
		doc = j.expect("심사 (국무조정실 승인)", page, page+"/approve", "reviewer-opc")
		j.says("국무조정실 승인", j.post("국무조정실 승인", "reviewer-opc", doc, page+"/approve", nil),
			"승인했습니다. 승인이 끝났습니다. 중기부가 교류 시작을 기록합니다.")

		// 교류 시작, by the sending ministry.
		doc = j.expect("교류 시작", page, page+"/start", "mss")
		j.post("교류 시작", "mss", doc, page+"/start", url.Values{"date": {"2025-01-20"}})
		// 연장 요청: the receiving ministry (고용부) agrees, then both offices approve; only then does the end move.
		doc = j.expect("곧 끝나는 교류 (연장 요청)", page, page+"/extend", "mss")
		j.says("연장 요청", j.post("연장 요청", "mss", doc, page+"/extend", url.Values{"date": {"2026-06-30"}, "reason": {"협업과제 마무리"}}),
			"연장을 요청했습니다(새 종료일 2026-06-30). 받는 부처가 동의하고 심사자가 승인하면 종료 예정일이 바뀝니다.")
		agree, approve := page+"#move-extend_agree", page+"#move-extend_approve"
		doc = j.expect("연장 동의", agree, page+"/extension/agree", "moel")
		j.says("연장 동의", j.post("연장 동의", "moel", doc, page+"/extension/agree", nil), "연장에 동의했습니다. 심사자의 승인을 기다립니다.")
		j.gone("연장 동의", agree)
		doc = j.expect("연장 승인 (인사혁신처)", approve, page+"/extension/approve", "reviewer", "reviewer-opc")
		j.says("연장 승인 (인사혁신처)", j.post("연장 승인 (인사혁신처)", "reviewer", doc, page+"/extension/approve", nil),
			"연장을 승인했습니다. 국무조정실 승인 대기입니다.")
		doc = j.expect("연장 승인 (국무조정실)", approve, page+"/extension/approve", "reviewer-opc")
		j.says("연장 승인 (국무조정실)", j.post("연장 승인 (국무조정실)", "reviewer-opc", doc, page+"/extension/approve", nil),
			"연장을 승인했습니다. 새 종료 예정일은 2026-06-30입니다.")
		j.gone("연장 승인", approve)
		// Planned to end 2026-01-14, long before the test's today: the exchange is due to end (연장 or 복귀).
		doc = j.expect("곧 끝나는 교류", page, page+"/end", "mss")
		j.post("복귀", "mss", doc, page+"/end", url.Values{"date": {"2026-01-14"}, "return_post": {"인력정책과장"}})
		// 완료 보고 after 복귀.
		doc = j.expect("완료 보고", page, page+"/report", "mss")
		j.post("완료 보고", "mss", doc, page+"/report", url.Values{"report": {"인력 지원 사업을 함께 추진했습니다."}})
		// The reviewers acknowledge it; then the record waits for nobody.
		doc = j.expect("완료 보고 확인", page, page+"/acknowledge", "reviewer", "reviewer-opc")
		if jobs, _ := j.jobs("reviewer"); !strings.Contains(text(parseRec(t, j.clients["reviewer"].Get("/workspace")).Find("#work-acknowledge")), "복귀 2026-01-14") {
			t.Errorf("the report to acknowledge does not show the actual return date: %v", jobs)
		}
		j.post("완료 보고 확인", "reviewer", doc, page+"/acknowledge", nil)
		j.gone("완료 보고 확인", page)

		// 실적 점검·평가 of the pair's task: both ministries self-assess, both reviewers score, the office finalizes and decides.
		task, err := s.CreateTask(ctx, modelstest.As(t, s, "mss"), pair.ID, models.TaskInput{Title: "중소기업 인력 연계 시범 사업", Category: "public_benefit", Status: "in_progress", Progress: "40"})
		if err != nil {
			t.Fatal(err)
		}
		admin := modelstest.As(t, s, "admin")
		cin := models.NewCycleInput()
		cin.Name, cin.PeriodStart, cin.PeriodEnd = "2025년 상반기 실적 점검", "2025-01-01", "2025-06-30"
		cin.RoundIDs, cin.SelfDue, cin.ReviewDue, cin.Incentive = []string{itoa64(pair.RoundID)}, "2025-07-15", "2025-07-31", "80"
		cy, err := s.CreateEvaluationCycle(ctx, admin, cin)
		if err != nil {
			t.Fatal(err)
		}
		if cy, err = s.MoveEvaluationCycle(ctx, admin, cy.ID, models.StageSelfAssessment, cy.Version); err != nil {
			t.Fatal(err)
		}
		cid, tid := itoa64(cy.ID), itoa64(task.ID)
		selfURL := "/evaluations/" + cid + "/tasks/" + tid + "#self-assessment"
		j.expect("자체 점검", selfURL, "/evaluations/"+cid+"/tasks/"+tid+"/self", "moel", "mss")
		if _, err := s.SaveSelfAssessment(ctx, modelstest.As(t, s, "mss"), cy.ID, task.ID, models.SelfAssessmentInput{Narrative: "시범 사업 착수"}); err != nil {
			t.Fatal(err)
		}
		j.gone("자체 점검", selfURL)
		if cy, err = s.MoveEvaluationCycle(ctx, admin, cy.ID, models.StageReview, cy.Version); err != nil {
			t.Fatal(err)
		}
		scoreURL := "/evaluations/" + cid + "/tasks/" + tid + "/scores/edit"
		j.expect("심사 점수", scoreURL, "/evaluations/"+cid+"/tasks/"+tid+"/scores", "reviewer", "reviewer-opc")
		if jobs, _ := j.jobs("admin"); !strings.Contains(jobs["/evaluations/"+cid], cin.Name) {
			t.Errorf("the office does not see the cycle waiting to be finalized: %v", jobs)
		}
		full, _ := s.EvaluationCycleByID(ctx, cy.ID)
		for _, login := range []string{"reviewer", "reviewer-opc"} {
			rin := models.ReviewInput{}
			for _, cr := range full.Criteria {
				rin.CriterionIDs = append(rin.CriterionIDs, itoa64(cr.ID))
				rin.Scores = append(rin.Scores, "90")
				rin.Comments = append(rin.Comments, "")
			}
			if _, err := s.SaveReview(ctx, modelstest.As(t, s, login), cy.ID, task.ID, rin); err != nil {
				t.Fatal(err)
			}
		}
		j.gone("심사 점수", scoreURL)
		doc = j.expect("확정", "/evaluations/"+cid, "/evaluations/"+cid+"/stage", "admin")
		if !strings.Contains(text(doc.Find("body")), "확정") {
			t.Error("the cycle page does not offer 확정")
		}
		j.post("확정", "admin", doc, "/evaluations/"+cid+"/stage", nil)
		incentive := "/evaluations/" + cid + "#incentives"
		doc = j.expect("인사상 특전", incentive, "/evaluations/"+cid+"/incentives/"+id, "admin")
		j.post("인사상 특전", "admin", doc, "/evaluations/"+cid+"/incentives/"+id, url.Values{"decision": {"평가수당 우대"}})
		j.gone("인사상 특전", incentive)
	})
}

// The e-mails of the journey's moves arrive at a real SMTP server, once each
// even when the first attempt fails, and none carries the exchangee's contact details.
func TestTheJourneysMailsArriveOnceEach(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		clock := modelstest.FakeClock(s)
		if err := s.DB().Exec("UPDATE users SET email = login || '@mail.test'").Error; err != nil {
			t.Fatal(err)
		}
		relay := notifytest.Start(t, notifytest.Options{RefuseFirst: 1})
		e := handlerstest.NewRouter(t, s, handlers.Config{MailOn: true})
		snd, err := notify.New(s, notify.Config{Relay: relay.Relay(), From: "noreply@gyoryu.test", BaseURL: "https://gyoryu.test",
			RecordPath: handlers.RecordPath(e), NotificationsPath: "/notifications"})
		if err != nil {
			t.Fatal(err)
		}
		snd.SetClock(clock.Now)
		deliver := func() {
			for range 5 {
				if _, err := snd.Deliver(context.Background()); err != nil {
					t.Fatal(err)
				}
				clock.Advance(time.Hour) // past the pause before a retry
			}
		}
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		n := nominate(t, s, "mss", pair.ID, pair.PositionAID, true)
		mss, reviewer := handlerstest.NewClient(t, e), handlerstest.NewClient(t, e)
		mss.Login("mss", models.DemoPassword)
		reviewer.Login("reviewer", models.DemoPassword)
		page := "/nominations/" + itoa64(n.ID)
		n = modelstest.Consent(t, s, n)
		doc := parseRec(t, reviewer.Get(page))
		ret := formValues(doc.Find(`form[action="` + page + `/return"]`))
		ret.Set("reason", "보완")
		if rec := reviewer.Post(page+"/return", ret); rec.Code != http.StatusSeeOther {
			t.Fatalf("반려 = %d", rec.Code)
		}
		doc = parseRec(t, mss.Get(page+"/edit"))
		form := formValues(doc.Find(`form[action="` + page + `"]`))
		form.Set("intent", "submit")
		if rec := mss.Post(page, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("다시 제출 = %d\n%s", rec.Code, truncate(rec.Body.String(), 500))
		}
		modelstest.Consent(t, s, n)
		doc = parseRec(t, reviewer.Get(page))
		if rec := reviewer.Post(page+"/approve", formValues(doc.Find(`form[action="`+page+`/approve"]`))); rec.Code != http.StatusSeeOther {
			t.Fatalf("승인 = %d", rec.Code)
		}
		deliver()
		// A reminder: the pair's self-assessment is due in two days and nobody has submitted it.
		if _, err := s.CreateTask(context.Background(), modelstest.As(t, s, "mss"), pair.ID, models.TaskInput{Title: "시범 사업", Category: "public_benefit", Status: "in_progress"}); err != nil {
			t.Fatal(err)
		}
		cin := models.NewCycleInput()
		due := clock.Now().In(models.Seoul).AddDate(0, 0, 2).Format(time.DateOnly)
		cin.Name, cin.PeriodStart, cin.PeriodEnd, cin.RoundIDs, cin.SelfDue = "상반기 실적 점검", "2025-01-01", "2025-06-30", []string{itoa64(pair.RoundID)}, due
		cy, err := s.CreateEvaluationCycle(context.Background(), modelstest.As(t, s, "admin"), cin)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.MoveEvaluationCycle(context.Background(), modelstest.As(t, s, "admin"), cy.ID, models.StageSelfAssessment, cy.Version); err != nil {
			t.Fatal(err)
		}
		for range 2 { // however often it runs, once
			if _, err := snd.Remind(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		deliver()

		got := map[string]int{}
		for _, m := range relay.Received() {
			got[m.To[0]+" "+strings.TrimPrefix(m.Subject, "[전략적 인사교류] ")]++
			for _, secret := range []string{modelstest.TestExchangee, modelstest.TestPhone, modelstest.TestEmail, modelstest.TestCompanion} {
				if strings.Contains(string(m.Raw), secret) || strings.Contains(m.Body, secret) {
					t.Errorf("mail %q carries %q", m.Subject, secret)
				}
			}
			if !strings.Contains(m.Body, "https://gyoryu.test/nominations/"+itoa64(n.ID)) && !strings.Contains(m.Body, "https://gyoryu.test/evaluations/") {
				t.Errorf("mail %q does not link its record:\n%s", m.Subject, m.Body)
			}
		}
		for k, want := range map[string]int{
			// Submitted twice: the receiving ministry heard of each, the reviewers of each consent.
			"moel@mail.test 교류자 추천이 들어왔습니다. 받는 부처로서 동의하거나 거절해 주십시오.":            2,
			"reviewer@mail.test 받는 부처가 교류자 추천에 동의했습니다. 심사를 기다립니다.":              2,
			"mss@mail.test 받는 부처가 교류자 추천에 동의했습니다. 심사를 기다립니다.":                   2,
			"mss@mail.test 교류자 선발이 반려되었습니다. 사유를 확인하고 다시 추천해 주십시오.":              1,
			"mss@mail.test 교류자 선발이 승인되었습니다.":                                    1,
			"moel@mail.test 교류자 선발이 승인되었습니다.":                                   1,
			"mss@mail.test 자체 점검 마감일(" + due + ")이 다가옵니다. 제출하지 않은 협업과제가 있습니다.":  1,
			"moel@mail.test 자체 점검 마감일(" + due + ")이 다가옵니다. 제출하지 않은 협업과제가 있습니다.": 1,
		} {
			if got[k] != want {
				t.Errorf("%q arrived %d times, want %d (all: %v)", k, got[k], want, got)
			}
		}
		if len(relay.Refused()) != 1 {
			t.Errorf("%d attempts refused, want the first", len(relay.Refused()))
		}
		// The 알림 page lists them, the header counts them unread, and 읽음 표시 clears one
		// (signed in again: the clock moved hours on for the retries).
		mss = handlerstest.NewClient(t, e)
		mss.Login("mss", models.DemoPassword)
		rec := mss.Get("/notifications")
		doc = parseRec(t, rec)
		if doc.Find(".notification").Length() != 5 || text(doc.Find(".notifications-link .nav-count").First()) != "5건 읽지 않음" {
			t.Errorf("mss's 알림: %d rows, header %q", doc.Find(".notification").Length(), text(doc.Find(".notifications-link .nav-count").First()))
		}
		action, _ := doc.Find(".notification.unread form").First().Attr("action")
		if rec := mss.Post(action, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("읽음 표시 = %d", rec.Code)
		}
		if got := text(parseRec(t, mss.Get("/notifications")).Find(".notifications-link .nav-count").First()); got != "4건 읽지 않음" {
			t.Errorf("after 읽음 표시 the header says %q", got)
		}
	})
}
