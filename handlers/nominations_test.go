package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// nominationForm is the form a coordinator sends for the test exchangee.
func nominationForm(intent string, version string, conditions ...string) url.Values {
	f := url.Values{"exchangee_name": {modelstest.TestExchangee}, "current_position": {"인력정책과 서기관"}, "rank": {"서기관"},
		"work_phone": {modelstest.TestPhone}, "email": {modelstest.TestEmail}, "planned_start": {"2025-01-15"}, "planned_end": {"2026-01-14"},
		"statement": {"중소기업 인력 지원 사업 연계"}, "companion_name": {modelstest.TestCompanion, ""}, "companion_rank": {"사무관", ""},
		"companion_role": {"사업 실무", ""}, "intent": {intent}, "version": {version}, "condition": conditions}
	return f
}

// nominationPage fetches a nomination's page and fails unless it answers 200.
func nominationPage(t *testing.T, c *handlerstest.Client, u string) *goquery.Document {
	t.Helper()
	rec := c.Get(u)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s = %d\n%s", u, rec.Code, truncate(rec.Body.String(), 600))
	}
	doc := parse(t, rec.Body.String())
	assertAccessibleTables(t, doc)
	return doc
}

func statusOf(doc *goquery.Document) string {
	return text(doc.Find(".nomination-facts .krds-badge").First())
}

func versionOf(doc *goquery.Document, move string) string {
	v, _ := doc.Find("#move-" + move + ` input[name=version]`).Attr("value")
	return v
}

func historyMoves(doc *goquery.Document) []string {
	var out []string
	doc.Find("table.status-history tbody tr").Each(func(_ int, tr *goquery.Selection) {
		out = append(out, text(tr.Find("td").Eq(0))+"→"+text(tr.Find("td").Eq(1)))
	})
	return out
}

func TestACoordinatorNominatesAReviewerReturnsAndBothOfficesApprove(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		adm := signIn(t, e, "admin")
		if rec := adm.Post("/admin/rounds/"+itoa64(pair.RoundID)+"/selection", url.Values{"approval_rule": {"each_office"},
			"conditions": {"근무성적평정 기준 이상\n최근 1년 징계 없음"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("set the round's selection rule = %d", rec.Code)
		}
		mss := signIn(t, e, "mss")
		pairDoc := nominationPage(t, mss, "/pairs/"+itoa64(pair.ID))
		link, ok := pairDoc.Find(`.exchangee-slots a:contains("교류자 추천")`).Attr("href")
		if !ok || pairDoc.Find(".exchangee-slots tbody tr").Length() != 2 {
			t.Fatalf("the pair page shows %d directions and no 교류자 추천 link for mss", pairDoc.Find(".exchangee-slots tbody tr").Length())
		}
		form := nominationPage(t, mss, link)
		action, _ := form.Find("form.nomination-form").Attr("action")
		var conds []string
		form.Find(`input[name=condition]`).Each(func(_ int, in *goquery.Selection) { v, _ := in.Attr("value"); conds = append(conds, v) })
		if len(conds) != 2 {
			t.Fatalf("the form offers %d conditions, want the round's 2", len(conds))
		}

		bad := nominationForm("submit", "0")
		bad.Set("rank", "")
		bad.Set("email", "not-an-address")
		rec := mss.Post(action, bad)
		doc := parseRec(t, rec)
		if rec.Code != http.StatusUnprocessableEntity || text(doc.Find("#f-email-error")) == "" || text(doc.Find("#f-rank-error")) == "" {
			t.Fatalf("an incomplete submission = %d, errors %q %q", rec.Code, text(doc.Find("#f-email-error")), text(doc.Find("#f-rank-error")))
		}
		if v, _ := doc.Find("#f-exchangee_name").Attr("value"); v != modelstest.TestExchangee {
			t.Errorf("the form lost what was typed: name %q", v)
		}
		var count int64
		s.DB().Model(&models.Nomination{}).Count(&count)
		if count != 0 {
			t.Fatalf("%d nominations written by a refused form", count)
		}

		rec = mss.Post(action, nominationForm("save", "0", conds[0]))
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("save a draft = %d\n%s", rec.Code, truncate(rec.Body.String(), 600))
		}
		nURL := rec.Header().Get("Location")
		doc = nominationPage(t, mss, nURL)
		if statusOf(doc) != "작성 중" || strings.Contains(doc.Text(), modelstest.TestPhone) || strings.Contains(doc.Text(), modelstest.TestEmail) {
			t.Errorf("draft: status %q; contact shown unmasked on the page", statusOf(doc))
		}
		if !strings.Contains(text(doc.Find("table.companions")), modelstest.TestCompanion) {
			t.Error("the companion is not on the nomination's page")
		}
		contact, ok := doc.Find(`a:contains("연락처 보기")`).Attr("href")
		if !ok {
			t.Fatal("the sending ministry has no link to the contact details")
		}
		if body := mss.Get(contact).Body.String(); !strings.Contains(body, modelstest.TestPhone) || !strings.Contains(body, modelstest.TestEmail) {
			t.Error("the contact page does not show the contact details")
		}
		var views int64
		s.DB().Model(&models.AuditEvent{}).Where("action = ? AND record_type = 'nomination'", models.AuditViewPersonal).Count(&views)
		if views != 1 {
			t.Errorf("%d audited views of the contact, want 1", views)
		}
		moel := signIn(t, e, "moel") // a draft is the sending ministry's alone
		if rec := moel.Get(nURL); rec.Code != http.StatusNotFound {
			t.Errorf("the receiving ministry's view of a draft = %d, want 404", rec.Code)
		}

		edit := nominationPage(t, mss, nURL+"/edit")
		version, _ := edit.Find(`input[name=version]`).Attr("value")
		if rec := mss.Post(nURL, nominationForm("submit", version, conds...)); rec.Code != http.StatusSeeOther {
			t.Fatalf("submit = %d\n%s", rec.Code, truncate(rec.Body.String(), 600))
		}
		mdoc := nominationPage(t, moel, nURL) // submitted: the receiving ministry sees who comes, masked, without the link
		if mdoc.Find(`a:contains("연락처 보기")`).Length() != 0 || strings.Contains(mdoc.Text(), modelstest.TestPhone) {
			t.Error("the receiving ministry sees the contact details or a link to them")
		}
		if rec := moel.Get(contact); rec.Code != http.StatusForbidden {
			t.Errorf("the receiving ministry's contact view = %d, want 403", rec.Code)
		}
		if statusOf(mdoc) != "받는 부처 동의 대기" || mdoc.Find("#move-consent").Length() != 1 || mdoc.Find("#move-decline").Length() != 1 {
			t.Errorf("submitted: status %q; the receiving ministry is not offered 동의 and 거절", statusOf(mdoc))
		}
		rev := signIn(t, e, "reviewer")
		if queue := nominationPage(t, rev, "/nominations?status=submitted"); strings.Contains(text(queue.Find("table.nomination-list")), modelstest.TestExchangee) {
			t.Error("the reviewers' queue (심사 중) lists a nomination the receiving ministry has not agreed to")
		}
		if rec := moel.Post(nURL+"/consent", url.Values{"version": {versionOf(mdoc, "consent")}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("받는 부처 동의 = %d", rec.Code)
		}
		queue := nominationPage(t, rev, "/nominations?status=submitted")
		if !strings.Contains(text(queue.Find("table.nomination-list")), modelstest.TestExchangee) || strings.Contains(queue.Text(), modelstest.TestPhone) {
			t.Error("the review queue does not list the nomination, or shows its phone unmasked")
		}
		if !strings.Contains(text(queue.Find("table.nomination-list")), "모두 확인함 (2개)") {
			t.Errorf("the queue does not show the conditions confirmed: %q", text(queue.Find("table.nomination-list tbody")))
		}
		doc = nominationPage(t, rev, nURL)
		rec = rev.Post(nURL+"/return", url.Values{"version": {versionOf(doc, "return")}, "reason": {""}})
		if rec.Code != http.StatusUnprocessableEntity || text(parseRec(t, rec).Find("#f-return-reason-error")) == "" {
			t.Fatalf("반려 without a reason = %d, want 422 with the message next to the reason", rec.Code)
		}
		if rec := rev.Post(nURL+"/return", url.Values{"version": {versionOf(doc, "return")}, "reason": {"현 직급 재직 기간 확인 필요"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("반려 = %d", rec.Code)
		}
		ws := parseRec(t, mss.Get("/workspace"))
		if !strings.Contains(text(ws.Find("#work-returned h3")), "반려되어 다시 추천할 교류자 1건") {
			t.Errorf("mss's workspace does not list the return: %q", text(ws.Find(".waiting-work")))
		}
		if text(ws.Find(`.work-nav a[href="/workspace"] .nav-count`)) == "" {
			t.Error("the menu shows no count of waiting nominations")
		}
		edit = nominationPage(t, mss, nURL+"/edit")
		if !strings.Contains(text(edit.Find(".return-reason")), "현 직급 재직 기간 확인 필요") {
			t.Error("the edit form does not show why it was returned")
		}
		version, _ = edit.Find(`input[name=version]`).Attr("value")
		if rec := mss.Post(nURL, nominationForm("submit", version, conds...)); rec.Code != http.StatusSeeOther {
			t.Fatalf("submit again = %d", rec.Code)
		}
		if rec := moel.Post(nURL+"/consent", url.Values{"version": {versionOf(nominationPage(t, moel, nURL), "consent")}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("받는 부처 동의 again = %d", rec.Code)
		}
		doc = nominationPage(t, rev, nURL)
		if rec := rev.Post(nURL+"/approve", url.Values{"version": {versionOf(doc, "approve")}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("인사혁신처 approves = %d", rec.Code)
		}
		doc = nominationPage(t, rev, nURL)
		if statusOf(doc) != "심사 중" || doc.Find("#move-approve").Length() != 0 {
			t.Errorf("after one office: status %q, approve offered again: %v", statusOf(doc), doc.Find("#move-approve").Length() != 0)
		}
		opc := signIn(t, e, "reviewer-opc")
		doc = nominationPage(t, opc, nURL)
		if rec := opc.Post(nURL+"/approve", url.Values{"version": {versionOf(doc, "approve")}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("국무조정실 approves = %d", rec.Code)
		}
		doc = nominationPage(t, adm, nURL)
		for _, step := range []struct{ move, date, reason string }{{"start", "2025-01-20", ""}, {"extend", "2026-06-30", "과제 마무리"}, {"end", "2026-06-30", ""}} {
			form := url.Values{"version": {versionOf(doc, step.move)}, "date": {step.date}, "reason": {step.reason}, "return_post": {"인력정책과장"}}
			if rec := adm.Post(nURL+"/"+step.move, form); rec.Code != http.StatusSeeOther {
				t.Fatalf("%s = %d\n%s", step.move, rec.Code, truncate(rec.Body.String(), 600))
			}
			doc = nominationPage(t, adm, nURL)
		}
		want := []string{"작성→작성 중", "제출→받는 부처 동의 대기", "동의→심사 중", "반려→반려", "제출→받는 부처 동의 대기", "동의→심사 중", "승인→심사 중", "승인→승인", "교류 시작→교류 중", "연장 요청→교류 중", "복귀→복귀"}
		if got := historyMoves(doc); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("history = %v\nwant %v", got, want)
		}
		audit := parseRec(t, adm.Get("/admin/audit?record_type=nomination"))
		if n := audit.Find("table tbody tr").Length(); n < 9 {
			t.Errorf("the audit log shows %d nomination events, want every step", n)
		}
	})
}

func TestTheExchangeeNeverReachesThePublicPagesOrData(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		n := modelstest.Consent(t, s, nominate(t, s, "mss", pair.ID, pair.PositionAID, true))
		adm := signIn(t, e, "admin")
		doc := nominationPage(t, adm, "/nominations/"+itoa64(n.ID))
		adm.Post("/nominations/"+itoa64(n.ID)+"/approve", url.Values{"version": {versionOf(doc, "approve")}})
		if !strings.Contains(adm.Get("/nominations/"+itoa64(n.ID)+"/contact").Body.String(), modelstest.TestPhone) {
			t.Fatal("the test exchangee's contact is not stored")
		}
		for _, p := range []string{"/", "/rounds/1", "/rounds/2", "/data/pairs.csv", "/data/pairs.json", "/data/outcomes.csv", "/data/outcomes.json"} {
			body := handlerstest.NewClient(t, e).Get(p).Body.String()
			for _, secret := range []string{modelstest.TestExchangee, modelstest.TestPhone, modelstest.TestEmail, modelstest.TestCompanion} {
				if strings.Contains(body, secret) {
					t.Errorf("%s shows %q", p, secret)
				}
			}
		}
	})
}
