package handlers_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// setSelection sets a round's approval rule and eligibility conditions as the administrator.
func setSelection(t *testing.T, adm *handlerstest.Client, roundID int64, rule string, conditions ...string) {
	t.Helper()
	rec := adm.Post("/admin/rounds/"+itoa64(roundID)+"/selection", url.Values{"approval_rule": {rule}, "conditions": {strings.Join(conditions, "\n")}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("set the round's selection rule = %d\n%s", rec.Code, truncate(rec.Body.String(), 600))
	}
}

// conditionValues are the values of the condition boxes a nomination form offers.
func conditionValues(t *testing.T, c *handlerstest.Client, formURL string) []string {
	t.Helper()
	var out []string
	nominationPage(t, c, formURL).Find(`input[name=condition]`).Each(func(_ int, in *goquery.Selection) {
		v, _ := in.Attr("value")
		out = append(out, v)
	})
	return out
}

// A nomination is submitted only with every condition of its round confirmed,
// whether from its form or by the 제출 button, and the answer names the
// conditions left; a reviewer cannot approve one that lacks a condition (the
// round may add one after 제출); who confirmed each and the conditions as they
// stood at each decision are kept.
func TestSubmittingWithAnUnconfirmedConditionIsRefusedNamingIt(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		adm := signIn(t, e, "admin")
		setSelection(t, adm, pair.RoundID, "one", "근무성적평정 기준 이상", "최근 1년 징계 없음")
		mss := signIn(t, e, "mss")
		newURL := "/pairs/" + itoa64(pair.ID) + "/positions/" + itoa64(pair.PositionAID) + "/nominations"
		conds := conditionValues(t, mss, newURL+"/new")
		if len(conds) != 2 {
			t.Fatalf("the form offers %d conditions, want 2", len(conds))
		}

		rec := mss.Post(newURL, nominationForm("submit", "0", conds[0]))
		doc := parseRec(t, rec)
		msg := text(doc.Find("#f-condition-error"))
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, "‘최근 1년 징계 없음’") || strings.Contains(msg, "근무성적평정") {
			t.Fatalf("제출 with one condition unconfirmed = %d, message %q; want 422 naming the unconfirmed one", rec.Code, msg)
		}
		if !strings.Contains(text(doc.Find(".form-alert .error-links")), "최근 1년 징계 없음") {
			t.Errorf("the error summary does not name the condition: %q", text(doc.Find(".form-alert")))
		}
		if alert := text(doc.Find(".form-alert")); !strings.Contains(alert, "제출하지 못했습니다") || !strings.Contains(alert, "다시 제출해 주십시오") || strings.Contains(alert, "저장해") {
			t.Errorf("the error summary does not name the action that failed (제출): %q", alert)
		}
		if h := text(doc.Find("h1")); h != "중소벤처기업부가 기업일자리지원과장(고용부)에 보낼 교류자 추천" {
			t.Errorf("the form's heading reads %q", h)
		}
		var count int64
		s.DB().Model(&models.Nomination{}).Count(&count)
		if count != 0 {
			t.Fatalf("%d nominations written by a refused 제출", count)
		}

		rec = mss.Post(newURL, nominationForm("save", "0", conds[0]))
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("save a draft = %d", rec.Code)
		}
		nURL := rec.Header().Get("Location")
		doc = nominationPage(t, mss, nURL)
		rec = mss.Post(nURL+"/submit", url.Values{"version": {versionOf(doc, "submit")}})
		doc = parseRec(t, rec)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(text(doc.Find(".form-alert")), "‘최근 1년 징계 없음’") {
			t.Fatalf("the 제출 button with a condition unconfirmed = %d, alert %q", rec.Code, text(doc.Find(".form-alert")))
		}
		doc.Find(".form-alert a").Each(func(_ int, a *goquery.Selection) {
			if href, _ := a.Attr("href"); doc.Find(href).Length() == 0 {
				t.Errorf("the error summary links to %s, which the page does not have", href)
			}
		})

		edit := nominationPage(t, mss, nURL+"/edit")
		version, _ := edit.Find(`input[name=version]`).Attr("value")
		if rec := mss.Post(nURL, nominationForm("submit", version, conds...)); rec.Code != http.StatusSeeOther {
			t.Fatalf("제출 with both confirmed = %d\n%s", rec.Code, truncate(rec.Body.String(), 600))
		}
		doc = nominationPage(t, mss, nURL)
		if got := text(doc.Find("ul.conditions")); strings.Count(got, "확인함") != 2 {
			t.Errorf("the conditions as shown: %q", got)
		}
		if doc.Find("ul.conditions .condition-by").Length() != 2 {
			t.Errorf("who confirmed each condition is not shown: %q", text(doc.Find("ul.conditions")))
		}

		move(t, signIn(t, e, "moel"), nURL, "consent", http.StatusSeeOther)

		// The round adds a condition after 제출: no reviewer can approve now.
		setSelection(t, adm, pair.RoundID, "one", "근무성적평정 기준 이상", "최근 1년 징계 없음", "해외 파견 중 아님")
		rev := signIn(t, e, "reviewer")
		doc = nominationPage(t, rev, nURL)
		rec = rev.Post(nURL+"/approve", url.Values{"version": {versionOf(doc, "approve")}})
		if alert := text(parseRec(t, rec).Find(".form-alert")); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(alert, "‘해외 파견 중 아님’") {
			t.Fatalf("승인 with a condition unconfirmed = %d, alert %q", rec.Code, alert)
		}
		if rec := rev.Post(nURL+"/return", url.Values{"version": {versionOf(doc, "return")}, "reason": {"새 자격 요건 확인 필요"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("반려 = %d", rec.Code)
		}
		var events []models.NominationEvent
		s.DB().Where("nomination_id IN (SELECT id FROM nominations)").Order("id").Find(&events)
		var got []string
		for _, ev := range events {
			got = append(got, string(ev.Move)+"="+ev.Conditions)
		}
		want := []string{"create=", "submit=근무성적평정 기준 이상: 확인함 · 최근 1년 징계 없음: 확인함",
			"consent=근무성적평정 기준 이상: 확인함 · 최근 1년 징계 없음: 확인함",
			"return=근무성적평정 기준 이상: 확인함 · 최근 1년 징계 없음: 확인함 · 해외 파견 중 아님: 확인하지 않음"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("the conditions kept in the history:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if !strings.Contains(text(nominationPage(t, mss, nURL).Find("table.status-history")), "해외 파견 중 아님: 확인하지 않음") {
			t.Error("the history on the page does not show the conditions as they stood at the 반려")
		}
	})
}

// A draft is the sending ministry's: reviewers, the receiving ministry and the
// round's export see a nomination only from its 제출 on.
func TestADraftIsSeenOnlyByItsSendingMinistryAndAdministrators(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		n := nominate(t, s, "mss", pair.ID, pair.PositionAID, false)
		nURL := "/nominations/" + itoa64(n.ID)
		for _, login := range []string{"reviewer", "reviewer-opc", "moel"} {
			c := signIn(t, e, login)
			for _, u := range []string{"/nominations", "/nominations?status=draft", "/pairs/" + itoa64(pair.ID)} {
				rec := c.Get(u)
				if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), modelstest.TestExchangee) {
					t.Errorf("%s: GET %s = %d, shows the draft's exchangee: %v", login, u, rec.Code, strings.Contains(rec.Body.String(), modelstest.TestExchangee))
				}
			}
			for _, u := range []string{nURL, nURL + "/record"} {
				if rec := c.Get(u); rec.Code != http.StatusNotFound {
					t.Errorf("%s: GET %s = %d, want 404", login, u, rec.Code)
				}
			}
		}
		rev := signIn(t, e, "reviewer")
		if rec := rev.Post(nURL+"/approve", url.Values{"version": {"1"}}); rec.Code != http.StatusNotFound {
			t.Errorf("a reviewer's 승인 of a draft = %d, want 404", rec.Code)
		}
		for _, login := range []string{"reviewer", "admin"} {
			rec := signIn(t, e, login).Post("/admin/rounds/"+itoa64(pair.RoundID)+"/nominations.xlsx", url.Values{"reason": {"교류자 현황 보고"}})
			f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
			if err != nil {
				t.Fatalf("%s's export: %d %v", login, rec.Code, err)
			}
			rows, _ := f.GetRows("교류자")
			for _, r := range rows {
				if strings.Contains(strings.Join(r, ","), modelstest.TestExchangee) {
					t.Errorf("%s's export holds the draft: %v", login, r)
				}
			}
		}
		for _, login := range []string{"mss", "admin"} {
			c := signIn(t, e, login)
			if !strings.Contains(text(nominationPage(t, c, "/nominations").Find("table.nomination-list")), modelstest.TestExchangee) {
				t.Errorf("%s does not see the draft in the list", login)
			}
			nominationPage(t, c, nURL)
		}
		if !strings.Contains(text(nominationPage(t, signIn(t, e, "mss"), "/pairs/"+itoa64(pair.ID)).Find(".exchangee-slots")), modelstest.TestExchangee) {
			t.Error("the sending ministry does not see its draft on the pair page")
		}

		mss := signIn(t, e, "mss")
		doc := nominationPage(t, mss, nURL)
		if rec := mss.Post(nURL+"/submit", url.Values{"version": {versionOf(doc, "submit")}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("제출 = %d", rec.Code)
		}
		for _, login := range []string{"reviewer", "moel"} {
			c := signIn(t, e, login)
			if !strings.Contains(text(nominationPage(t, c, "/nominations").Find("table.nomination-list")), modelstest.TestExchangee) {
				t.Errorf("%s does not see the nomination after its 제출", login)
			}
			nominationPage(t, c, nURL)
		}
	})
}

// resubmit submits a returned or declined nomination again from its edit form, as c.
func resubmit(t *testing.T, c *handlerstest.Client, nURL string) {
	t.Helper()
	form := formValues(nominationPage(t, c, nURL+"/edit").Find(`form[action="` + nURL + `"]`))
	form.Set("intent", "submit")
	if rec := c.Post(nURL, form); rec.Code != http.StatusSeeOther {
		t.Fatalf("submit %s again = %d\n%s", nURL, rec.Code, truncate(rec.Body.String(), 800))
	}
}

// move posts a move of a nomination as c, from the page c sees, and fails unless it answers want.
func move(t *testing.T, c *handlerstest.Client, nURL, name string, want int, fields ...string) *goquery.Document {
	t.Helper()
	doc := nominationPage(t, c, nURL)
	form := url.Values{"version": {versionOf(doc, name)}}
	for i := 0; i+1 < len(fields); i += 2 {
		form.Set(fields[i], fields[i+1])
	}
	path := map[string]string{"extend_agree": "/extension/agree", "extend_decline": "/extension/decline",
		"extend_approve": "/extension/approve", "extend_return": "/extension/return"}[name]
	if path == "" {
		path = "/" + name
	}
	rec := c.Post(nURL+path, form)
	if rec.Code != want {
		t.Fatalf("%s %s = %d, want %d\n%s", name, nURL, rec.Code, want, truncate(rec.Body.String(), 800))
	}
	return parseRec(t, rec)
}

// The round bounds the length of an exchange and its latest start; no date
// is before the round's year or decades ahead; an extension is a request the
// receiving ministry agrees to and the reviewers approve under the round's
// rule, and only then does the end move, the exchange staying 교류 중.
func TestPeriodsFollowTheRoundAndAnExtensionNeedsConsentAndApproval(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		adm := signIn(t, e, "admin")
		rec := adm.Post("/admin/rounds/"+itoa64(pair.RoundID)+"/selection", url.Values{"approval_rule": {"each_office"},
			"min_months": {"12"}, "max_months": {"24"}, "latest_start": {"1900-01-01"}})
		if rec.Code != http.StatusUnprocessableEntity || text(parseRec(t, rec).Find("#f-latest_start-error")) == "" {
			t.Fatalf("a latest start in 1900 = %d, want 422 by the field", rec.Code)
		}
		rec = adm.Post("/admin/rounds/"+itoa64(pair.RoundID)+"/selection", url.Values{"approval_rule": {"each_office"},
			"min_months": {"12"}, "max_months": {"24"}, "latest_start": {"2025-03-31"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("set the round's periods = %d\n%s", rec.Code, truncate(rec.Body.String(), 600))
		}
		mss := signIn(t, e, "mss")
		newURL := "/pairs/" + itoa64(pair.ID) + "/positions/" + itoa64(pair.PositionAID) + "/nominations"
		for _, c := range []struct{ start, end, field, says string }{
			{"2025-01-20", "2025-03-19", "planned_end", "12개월 이상"},
			{"2025-01-20", "2031-01-19", "planned_end", "24개월까지"},
			{"2025-04-01", "2026-03-31", "planned_start", "2025-03-31까지"},
			{"1900-01-01", "2026-01-19", "planned_start", "사이의 날짜"},
		} {
			f := nominationForm("submit", "0")
			f.Set("planned_start", c.start)
			f.Set("planned_end", c.end)
			rec := mss.Post(newURL, f)
			if msg := text(parseRec(t, rec).Find("#f-" + c.field + "-error")); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, c.says) {
				t.Errorf("%s ~ %s = %d, %s says %q; want 422 saying %q", c.start, c.end, rec.Code, c.field, msg, c.says)
			}
		}
		f := nominationForm("submit", "0")
		f.Set("planned_start", "2025-01-20")
		f.Set("planned_end", "2026-01-19")
		rec = mss.Post(newURL, f)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("a nomination within the round's period = %d\n%s", rec.Code, truncate(rec.Body.String(), 600))
		}
		nURL := rec.Header().Get("Location")
		move(t, signIn(t, e, "moel"), nURL, "consent", http.StatusSeeOther)
		move(t, signIn(t, e, "reviewer"), nURL, "approve", http.StatusSeeOther)
		move(t, signIn(t, e, "reviewer-opc"), nURL, "approve", http.StatusSeeOther)
		if doc := move(t, mss, nURL, "start", http.StatusUnprocessableEntity, "date", "1900-01-01"); text(doc.Find("#f-start-date-error")) == "" {
			t.Error("a start in 1900 is refused without a message by the date")
		}
		move(t, mss, nURL, "start", http.StatusSeeOther, "date", "2025-01-20", "document_no", "인사혁신처 인사발령 제2025-12호")
		if got := text(nominationPage(t, mss, nURL).Find(".appointment")); got != "2025-01-20 · 발령 문서번호 인사혁신처 인사발령 제2025-12호" {
			t.Errorf("the 발령 as shown: %q", got)
		}

		if doc := move(t, mss, nURL, "extend", http.StatusUnprocessableEntity, "date", "2031-01-19", "reason", "과제 마무리"); !strings.Contains(text(doc.Find("#f-extend-date-error")), "24개월까지") {
			t.Errorf("an extension to 2031 says %q", text(doc.Find("#f-extend-date-error")))
		}
		move(t, mss, nURL, "extend", http.StatusSeeOther, "date", "2026-06-30", "reason", "과제 마무리")
		planned := func() string {
			var n models.Nomination
			s.DB().Order("id DESC").Take(&n)
			return n.PlannedEnd.Format("2006-01-02") + " " + n.Status.Label()
		}
		if got := planned(); got != "2026-01-19 교류 중" {
			t.Fatalf("after the request alone: %s, want the end unmoved and 교류 중", got)
		}
		if rec := mss.Post(nURL+"/extension/approve", url.Values{"version": {"9"}}); rec.Code != http.StatusForbidden {
			t.Errorf("the sending ministry approving its own extension = %d, want 403", rec.Code)
		}
		if rec := mss.Post(nURL+"/extension/agree", url.Values{"version": {"9"}}); rec.Code != http.StatusForbidden {
			t.Errorf("the sending ministry agreeing for the receiving one = %d, want 403", rec.Code)
		}
		rev := signIn(t, e, "reviewer")
		if nominationPage(t, rev, nURL).Find("#move-extend_approve").Length() != 0 {
			t.Error("a reviewer is offered 연장 승인 before the receiving ministry agreed")
		}
		moel := signIn(t, e, "moel")
		ws := nominationPage(t, moel, "/workspace")
		if !strings.Contains(text(ws.Find("#work-extend_consent")), "인력정책과장") && !strings.Contains(text(ws.Find("#work-extend_consent")), "기업일자리지원과장") {
			t.Errorf("moel's workspace does not list the extension to agree to: %q", text(ws.Find(".waiting-work")))
		}
		var told int64
		s.DB().Model(&models.Notification{}).Where("subject LIKE ? AND user_id IN (SELECT id FROM users WHERE login = 'moel')", "%연장 요청%").Count(&told)
		if told != 1 {
			t.Errorf("moel was told of the extension request %d times, want once", told)
		}
		move(t, moel, nURL, "extend_agree", http.StatusSeeOther)
		if ws := nominationPage(t, rev, "/workspace"); ws.Find("#work-extend_review").Length() == 0 {
			t.Errorf("the reviewer's workspace does not list the agreed extension: %q", text(ws.Find(".waiting-work")))
		}
		move(t, rev, nURL, "extend_approve", http.StatusSeeOther)
		if got := planned(); got != "2026-01-19 교류 중" {
			t.Fatalf("after one office of two: %s, want the end unmoved", got)
		}
		move(t, signIn(t, e, "reviewer-opc"), nURL, "extend_approve", http.StatusSeeOther)
		if got := planned(); got != "2026-06-30 교류 중 · 연장" {
			t.Fatalf("after both offices: %s, want the end moved and 교류 중 · 연장", got)
		}
		doc := nominationPage(t, mss, nURL)
		if got := text(doc.Find(".extensions")); !strings.Contains(got, "2026-01-19 → 2026-06-30") || !strings.Contains(got, "승인") {
			t.Errorf("the extension as shown: %q", got)
		}
		if statusOf(doc) != "교류 중 · 연장" {
			t.Errorf("status %q, want 교류 중 · 연장", statusOf(doc))
		}
		if doc := move(t, mss, nURL, "end", http.StatusUnprocessableEntity, "date", "2026-06-30"); text(doc.Find("#f-end-return_post-error")) == "" {
			t.Error("복귀 without 복귀 보직 has no message by the field")
		}
		move(t, mss, nURL, "end", http.StatusSeeOther, "date", "2026-06-30", "return_post", "중소벤처기업부 인력정책과장")
		if doc := nominationPage(t, mss, nURL); text(doc.Find(".return")) != "2026-06-30 · 복귀 보직 중소벤처기업부 인력정책과장" || statusOf(doc) != "복귀" {
			t.Errorf("the 복귀 as shown: %q, status %q", text(doc.Find(".return")), statusOf(doc))
		}
	})
}

// Round 1 has run since February 2024, before the app: a position of it with
// no exchangee entered reads "교류자 정보 미입력", on its pair's page and in the
// round's export, not "추천 전".
func TestARunningRoundsPositionWithoutAnExchangeeReadsNotEntered(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		round, err := s.RoundByNumber(t.Context(), 1)
		if err != nil {
			t.Fatal(err)
		}
		var pair models.ExchangePair
		if err := s.DB().Where("round_id = ? AND status = ?", round.ID, models.PairSelected).Order("id").Take(&pair).Error; err != nil {
			t.Fatal(err)
		}
		adm := signIn(t, e, "admin")
		slots := text(nominationPage(t, adm, "/pairs/"+itoa64(pair.ID)).Find(".exchangee-slots"))
		if strings.Count(slots, "교류자 정보 미입력") != 2 || strings.Contains(slots, "추천 전") {
			t.Errorf("round 1's pair page: %q", slots)
		}
		rec := adm.Post("/admin/rounds/"+itoa64(round.ID)+"/nominations.xlsx", url.Values{"reason": {"교류자 현황 보고"}})
		f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatalf("export: %d %v", rec.Code, err)
		}
		rows, _ := f.GetRows("교류자")
		if len(rows) < 2 || !strings.Contains(strings.Join(rows[1], ","), "교류자 정보 미입력") {
			t.Errorf("round 1's export: %v", rows[:min(2, len(rows))])
		}
	})
}

// The audit log names a nomination by its exchangee and position, says which
// move changed it with its reason, and its 개인정보 열람 line says whose data.
func TestTheAuditLogNamesTheNominationTheMoveAndTheReason(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		adm := signIn(t, e, "admin")
		setSelection(t, adm, pair.RoundID, "each_office")
		n := nominate(t, s, "mss", pair.ID, pair.PositionAID, true)
		nURL := "/nominations/" + itoa64(n.ID)
		move(t, signIn(t, e, "moel"), nURL, "decline", http.StatusSeeOther, "reason", "담당 업무와 경력 불일치")
		resubmit(t, signIn(t, e, "mss"), nURL)
		move(t, signIn(t, e, "moel"), nURL, "consent", http.StatusSeeOther)
		move(t, signIn(t, e, "reviewer"), nURL, "approve", http.StatusSeeOther)
		move(t, signIn(t, e, "reviewer-opc"), nURL, "return", http.StatusSeeOther, "reason", "현 직급 재직 기간 확인 필요")
		signIn(t, e, "mss").Get(nURL + "/contact")
		log := text(nominationPage(t, adm, "/admin/audit?record_type=nomination").Find("main table"))
		target := modelstest.TestExchangee + " — 기업일자리지원과장(고용부) 교류자 추천"
		for _, want := range []string{target, "거절", "담당 업무와 경력 불일치", "동의", "승인", "반려", "현 직급 재직 기간 확인 필요", modelstest.TestExchangee + "의 사무실 전화번호, 전자우편"} {
			if !strings.Contains(log, want) {
				t.Errorf("the audit log does not say %q:\n%s", want, truncate(log, 1500))
			}
		}
		if strings.Contains(log, "교류자 추천 "+itoa64(n.ID)+"번") {
			t.Error("the audit log names the nomination by its number")
		}
	})
}
