package handlers_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// 받는 부처 동의 (issue 21): after 제출 the ministry whose position the
// exchangee fills agrees (동의) or declines with a reason (거절, back to the
// sending ministry like 반려); only its coordinators and administrators may,
// with the form's CSRF token; the reviewers decide only after it agreed.
// Each answer is in the history and the audit log, who, when and why.
func TestTheReceivingMinistryAgreesOrDeclinesBeforeTheReviewersDecide(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss") // 중기부 sends into 고용부's 기업일자리지원과장
		n := nominate(t, s, "mss", pair.ID, pair.PositionAID, true)
		nURL := "/nominations/" + itoa64(n.ID)
		moel, mss, rev := signIn(t, e, "moel"), signIn(t, e, "mss"), signIn(t, e, "reviewer")

		// Waiting for 고용부: the reviewers see it, without 승인 or 반려, and cannot decide.
		doc := nominationPage(t, rev, nURL)
		if statusOf(doc) != "받는 부처 동의 대기" || doc.Find("#move-approve, #move-return").Length() != 0 {
			t.Errorf("before consent the reviewer sees status %q and %d decision forms", statusOf(doc), doc.Find("#move-approve, #move-return").Length())
		}
		if got := text(doc.Find(".nomination-facts")); !strings.Contains(got, "받는 부처(고용부) 동의 대기") {
			t.Errorf("승인 현황 does not say it waits for 고용부: %q", got)
		}
		for _, m := range []string{"approve", "return"} {
			rec := rev.Post(nURL+"/"+m, url.Values{"version": {strconv.Itoa(n.Version)}, "reason": {"보완"}})
			if alert := text(parseRec(t, rec).Find(".form-alert")); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(alert, "받는 부처가 아직 이 교류자 추천에 동의하지 않았습니다") {
				t.Errorf("a reviewer's %s before consent = %d, alert %q; want 422 saying it waits for the receiving ministry", m, rec.Code, alert)
			}
		}
		if jobs := workspaceJobs(t, rev); strings.Contains(jobs, "/nominations/"+itoa64(n.ID)) {
			t.Errorf("the reviewer's workspace lists it before consent: %s", jobs)
		}
		if !strings.Contains(workspaceJobs(t, moel), nURL+"#move-consent") {
			t.Errorf("고용부's workspace does not list the consent: %s", workspaceJobs(t, moel))
		}

		// Only the receiving ministry's coordinators and administrators: not the sender, a reviewer, a ministry outside the pair.
		for _, who := range []string{"mss", "reviewer", "mof"} {
			c := signIn(t, e, who)
			for _, m := range []string{"consent", "decline"} {
				if rec := c.Post(nURL+"/"+m, url.Values{"version": {strconv.Itoa(n.Version)}, "reason": {"x"}}); rec.Code != http.StatusForbidden && rec.Code != http.StatusNotFound {
					t.Errorf("%s posts %s = %d, want 403 or 404", who, m, rec.Code)
				}
			}
		}
		if doc := nominationPage(t, mss, nURL); doc.Find("#move-consent, #move-decline").Length() != 0 {
			t.Error("the sending ministry is offered 동의 or 거절 of its own nominee")
		}
		// Without the form's token nothing is recorded.
		if rec := moel.Do(http.MethodPost, nURL+"/consent", url.Values{"version": {strconv.Itoa(n.Version)}}, nil); rec.Code != http.StatusForbidden {
			t.Errorf("동의 without the CSRF token = %d, want 403", rec.Code)
		}

		// 거절 asks for a reason, then goes back to 중기부.
		doc = nominationPage(t, moel, nURL)
		if doc.Find("#move-consent").Length() != 1 || doc.Find("#move-decline").Length() != 1 {
			t.Fatal("고용부 is not offered 동의 and 거절")
		}
		rec := moel.Post(nURL+"/decline", url.Values{"version": {versionOf(doc, "decline")}, "reason": {""}})
		if rec.Code != http.StatusUnprocessableEntity || text(parseRec(t, rec).Find("#f-decline-reason-error")) == "" {
			t.Fatalf("거절 without a reason = %d, want 422 with the message by the reason", rec.Code)
		}
		move(t, moel, nURL, "decline", http.StatusSeeOther, "reason", "담당 업무와 경력 불일치")
		doc = nominationPage(t, mss, nURL)
		if statusOf(doc) != "거절됨" || doc.Find(`a[href="`+nURL+`/edit"]`).Length() == 0 {
			t.Errorf("after 거절 중기부 sees status %q, and may edit: %v", statusOf(doc), doc.Find(`a[href="`+nURL+`/edit"]`).Length() != 0)
		}
		if h := historyMoves(doc); len(h) == 0 || h[len(h)-1] != "거절→거절됨" {
			t.Errorf("history = %v, want it to end with 거절→거절됨", h)
		}
		if got := text(doc.Find("table.status-history tbody tr").Last()); !strings.Contains(got, "담당 업무와 경력 불일치") || !strings.Contains(got, "고용부") {
			t.Errorf("the 거절 in the history does not say who and why: %q", got)
		}
		if !strings.Contains(workspaceJobs(t, mss), nURL+"/edit") || strings.Contains(workspaceJobs(t, moel), nURL) {
			t.Errorf("after 거절: 중기부's jobs %s; 고용부's %s", workspaceJobs(t, mss), workspaceJobs(t, moel))
		}

		// 중기부 submits again: consent is asked again, and given.
		resubmit(t, mss, nURL)
		if statusOf(nominationPage(t, rev, nURL)) != "받는 부처 동의 대기" {
			t.Error("a nomination submitted again after 거절 does not wait for consent again")
		}
		admin := signIn(t, e, "admin") // the programme office may answer for any ministry, the reviewers still may not
		if doc := nominationPage(t, admin, nURL); doc.Find("#move-consent").Length() != 1 {
			t.Error("the administrator is not offered 동의")
		}
		move(t, moel, nURL, "consent", http.StatusSeeOther)
		if strings.Contains(workspaceJobs(t, moel), nURL) {
			t.Errorf("the consent is still on 고용부's workspace: %s", workspaceJobs(t, moel))
		}
		doc = nominationPage(t, rev, nURL)
		if statusOf(doc) != "심사 중" || doc.Find("#move-approve").Length() != 1 {
			t.Errorf("after consent the reviewer sees status %q and approve offered %v", statusOf(doc), doc.Find("#move-approve").Length() == 1)
		}
		if got := text(doc.Find(".nomination-facts")); !strings.Contains(got, "받는 부처(고용부) 동의 · 고용부 데모 담당자 · ") {
			t.Errorf("승인 현황 does not say who agreed and when: %q", got)
		}
		if !strings.Contains(workspaceJobs(t, rev), nURL) {
			t.Errorf("the reviewer's workspace does not list it after consent: %s", workspaceJobs(t, rev))
		}
		// Agreeing again (a second tab) records nothing: the browser is sent back to the nomination as it stands.
		moel.Post(nURL+"/consent", url.Values{"version": {versionOf(doc, "approve")}})
		var consentsGiven int64
		s.DB().Model(&models.NominationEvent{}).Where("nomination_id = ? AND move = ?", n.ID, models.MoveConsent).Count(&consentsGiven)
		if consentsGiven != 1 {
			t.Errorf("%d consents recorded for one submission, want 1", consentsGiven)
		}
		move(t, rev, nURL, "approve", http.StatusSeeOther)

		// Audited: who, the move, the reason, named as people know the record.
		var entries []models.AuditEvent
		s.DB().Where("record_type = 'nomination' AND record_id = ?", n.ID).Order("id").Find(&entries)
		var consents, declines int
		for _, a := range entries {
			after := ""
			if a.After != nil {
				after = *a.After
			}
			switch {
			case strings.Contains(after, `"move": "동의"`) || strings.Contains(after, `"move":"동의"`):
				consents++
			case strings.Contains(after, `"move": "거절"`) || strings.Contains(after, `"move":"거절"`):
				declines++
				if !strings.Contains(after, "담당 업무와 경력 불일치") {
					t.Errorf("the audited 거절 does not keep its reason: %s", after)
				}
			default:
				continue
			}
			if a.UserID == nil || *a.UserID != mustUserID(t, s, "moel") {
				t.Errorf("the audited %s is not 고용부's coordinator's: %v", after, a.UserID)
			}
		}
		if consents != 1 || declines != 1 {
			t.Errorf("audit log: %d 동의 and %d 거절, want one each", consents, declines)
		}
		log := text(nominationPage(t, admin, "/admin/audit?record_type=nomination").Find("main table"))
		for _, want := range []string{"동의", "거절", "담당 업무와 경력 불일치", "고용부 데모 담당자", "받는 부처 동의 대기"} {
			if !strings.Contains(log, want) {
				t.Errorf("the audit log page does not say %q", want)
			}
		}
	})
}

// A nomination the receiving ministry has not agreed to is in the list under
// its own state, and the reviewers' 심사 중 leaves it out; the 승인 and 자격
// 요건 columns read as sentences.
func TestTheListShowsWhatWaitsForTheReceivingMinistryApart(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		waiting := nominate(t, s, "mss", pair.ID, pair.PositionAID, true)
		agreed := modelstest.Consent(t, s, nominate(t, s, "moel", pair.ID, pair.PositionBID, true))
		rev := signIn(t, e, "reviewer")
		rows := func(status string) map[string]string { // nomination → 승인 column
			doc := nominationPage(t, rev, "/nominations?round="+itoa64(pair.RoundID)+"&status="+status)
			out := map[string]string{}
			doc.Find("table.nomination-list tbody tr").Each(func(_ int, tr *goquery.Selection) {
				href, _ := tr.Find("th a").Attr("href")
				out[href] = text(tr.Find("td").Eq(8)) + " | " + text(tr.Find("td").Eq(9))
			})
			return out
		}
		w, a := "/nominations/"+itoa64(waiting.ID), "/nominations/"+itoa64(agreed.ID)
		if got := rows("awaiting_consent"); len(got) != 1 || got[w] != "받는 부처 동의 대기 | 받는 부처 동의 대기" {
			t.Errorf("받는 부처 동의 대기 lists %v", got)
		}
		if got := rows("submitted"); len(got) != 1 || got[a] != "인사혁신처 또는 국무조정실 승인 대기 | 심사 중" {
			t.Errorf("심사 중 lists %v", got)
		}
		doc := nominationPage(t, rev, "/nominations?round="+itoa64(pair.RoundID))
		stages := map[string]string{}
		doc.Find("table.stage-counts thead th").Each(func(i int, th *goquery.Selection) {
			stages[text(th)] = text(doc.Find("table.stage-counts tbody td").Eq(i))
		})
		if stages["받는 부처 동의 대기"] != "1" || stages["심사 중"] != "1" || stages["추천 전"] != "16" {
			t.Errorf("the round's positions by stage = %v, want 1 waiting for consent, 1 in review, 16 not nominated", stages)
		}
		if got := text(doc.Find("table.nomination-list tbody tr td").Eq(7)); got != "요건 없음" && !strings.Contains(got, "확인함") {
			t.Errorf("the 자격 요건 column reads %q", got)
		}
		if strings.Contains(text(doc.Find("table.nomination-list")), "/2 확인") {
			t.Error("the list still counts conditions as \"n/2 확인\"")
		}
	})
}

// workspaceJobs are the links of the 처리할 일 of c's workspace, one a line.
func workspaceJobs(t *testing.T, c *handlerstest.Client) string {
	t.Helper()
	var out []string
	parseRec(t, c.Get("/workspace")).Find(".waiting-work .work-group li > a").Each(func(_ int, a *goquery.Selection) {
		out = append(out, a.AttrOr("href", ""))
	})
	return strings.Join(out, "\n")
}
