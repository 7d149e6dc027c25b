package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// companionsForm is a nomination with two companions (동반 교류자): the first
// going for the exchangee's period (its dates empty), the second for its own.
func companionsForm(intent, start2, end2 string) url.Values {
	f := nominationForm(intent, "0")
	f["companion_name"] = []string{modelstest.TestCompanion, "나동반", ""}
	f["companion_rank"] = []string{"사무관", "주무관", ""}
	f["companion_current_position"] = []string{"인력정책과 사무관", "인력정책과 주무관", ""}
	f["companion_goes_to"] = []string{"기업일자리지원과 사무관", "기업일자리지원과 주무관", ""}
	f["companion_start"] = []string{"", start2, ""}
	f["companion_end"] = []string{"", end2, ""}
	f["companion_role"] = []string{"사업 실무", "자료 관리", ""}
	return f
}

// setPeriods sets a round's approval rule and period limits as the administrator.
func setPeriods(t *testing.T, adm *handlerstest.Client, roundID int64, rule string) {
	t.Helper()
	rec := adm.Post("/admin/rounds/"+itoa64(roundID)+"/selection", url.Values{"approval_rule": {rule},
		"min_months": {"12"}, "max_months": {"24"}, "latest_start": {"2025-03-31"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("set the round's periods = %d\n%s", rec.Code, truncate(rec.Body.String(), 600))
	}
}

// Each companion carries their current position, 직급, planned period and the
// position they go to, entered on the nomination form: a companion's period
// outside the round's limits is refused by that companion's field, naming
// them, and nothing is written; saved, the details show on the nomination's
// page, an empty period reading as the exchangee's, and fill the edit form.
func TestCompanionsCarryTheirPositionsAndPeriodsWithinTheRound(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		setPeriods(t, signIn(t, e, "admin"), pair.RoundID, "one")
		mss := signIn(t, e, "mss")
		newURL := "/pairs/" + itoa64(pair.ID) + "/positions/" + itoa64(pair.PositionAID) + "/nominations"

		count := func() (n int64) {
			s.DB().Model(&models.NominationCompanion{}).Count(&n)
			var m int64
			s.DB().Model(&models.Nomination{}).Count(&m)
			return n + m
		}
		before := count()
		for _, c := range []struct{ start, end, field, says string }{
			{"2025-02-01", "2025-03-31", "companion_end-1", "12개월 이상"},
			{"2025-02-01", "2031-01-31", "companion_end-1", "24개월까지"},
			{"2025-04-01", "", "companion_start-1", "2025-03-31까지"},
			{"1900-01-01", "", "companion_start-1", "사이의 날짜"},
			{"2025-02-01", "2025-01-31", "companion_end-1", "같거나 뒤"},
			{"내년", "", "companion_start-1", "2025-01-31처럼"},
		} {
			rec := mss.Post(newURL, companionsForm("save", c.start, c.end))
			msg := text(parseRec(t, rec).Find("#f-" + c.field + "-error"))
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, c.says) || !strings.Contains(msg, "나동반") {
				t.Errorf("companion period %s ~ %s = %d, %s says %q; want 422 naming 나동반 and saying %q", c.start, c.end, rec.Code, c.field, msg, c.says)
			}
		}
		if after := count(); after != before {
			t.Fatalf("refused nominations wrote %d rows", after-before)
		}

		rec := mss.Post(newURL, companionsForm("save", "2025-02-01", "2026-01-31"))
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("a nomination with its companions = %d\n%s", rec.Code, truncate(rec.Body.String(), 800))
		}
		nURL := rec.Header().Get("Location")
		table := text(nominationPage(t, mss, nURL).Find("table.companions"))
		for _, want := range []string{modelstest.TestCompanion, "인력정책과 사무관", "기업일자리지원과 사무관", "교류자와 같음 (2025-01-15 ~ 2026-01-14)",
			"나동반", "주무관", "기업일자리지원과 주무관", "2025-02-01 ~ 2026-01-31"} {
			if !strings.Contains(table, want) {
				t.Errorf("the companions as shown lack %q: %q", want, table)
			}
		}
		edit := nominationPage(t, mss, nURL+"/edit")
		for id, want := range map[string]string{"f-companion_goes_to-0": "기업일자리지원과 사무관", "f-companion_current_position-1": "인력정책과 주무관",
			"f-companion_start-1": "2025-02-01", "f-companion_end-1": "2026-01-31", "f-companion_start-0": ""} {
			if v, _ := edit.Find(`[id="` + id + `"]`).Attr("value"); v != want {
				t.Errorf("the edit form's %s holds %q, want %q", id, v, want)
			}
		}
		// Saved again from its own form, the companions stay as they were.
		form := formValues(edit.Find(`form[action="` + nURL + `"]`))
		form.Set("intent", "submit")
		if rec := mss.Post(nURL, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("submit from the edit form = %d\n%s", rec.Code, truncate(rec.Body.String(), 800))
		}
		var cs []models.NominationCompanion
		s.DB().Order("position").Find(&cs)
		if len(cs) != 2 || cs[0].PlannedStart != nil || cs[1].PlannedEnd == nil || cs[1].PlannedEnd.Format("2006-01-02") != "2026-01-31" || cs[0].GoesTo != "기업일자리지원과 사무관" {
			t.Errorf("the companions saved: %+v", cs)
		}
	})
}

// The registration of a running exchange takes the same companion details,
// refusing a companion's date outside the round by its field, naming them.
func TestARegisteredExchangesCompanionsCarryTheirDetails(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair, into := round1Pair(t, s)
		regURL := "/pairs/" + itoa64(pair.ID) + "/positions/" + itoa64(into) + "/registration"
		adm := signIn(t, e, "admin")
		f := registrationForm()
		f["companion_current_position"] = []string{"고용정책과 사무관", ""}
		f["companion_goes_to"] = []string{"교육부 인재정책과 사무관", ""}
		f["companion_start"] = []string{"1900-01-01", ""}
		f["companion_end"] = []string{"", ""}
		before := countRegistrationWrites(t, s)
		rec := adm.Post(regURL, f)
		if msg := text(parseRec(t, rec).Find("#f-companion_start-0-error")); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, "오동반") || !strings.Contains(msg, "사이의 날짜") {
			t.Errorf("a companion starting in 1900 = %d, says %q; want 422 naming 오동반", rec.Code, msg)
		}
		if after := countRegistrationWrites(t, s); after != before {
			t.Errorf("a refused registration wrote %v → %v", before, after)
		}
		f["companion_start"] = []string{"", ""}
		rec = adm.Post(regURL, f)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("register = %d\n%s", rec.Code, truncate(rec.Body.String(), 800))
		}
		table := text(nominationPage(t, adm, rec.Header().Get("Location")).Find("table.companions"))
		for _, want := range []string{"오동반", "고용정책과 사무관", "교육부 인재정책과 사무관", "교류자와 같음 (2024-02-05 ~ 2025-02-04)"} {
			if !strings.Contains(table, want) {
				t.Errorf("the registered companions as shown lack %q: %q", want, table)
			}
		}
	})
}

// Companions are decided with the nominee: before approving, a reviewer
// removes one companion with a reason (a coordinator cannot, nor a post
// without its CSRF token); the removal is audited with the reason and kept
// in the history, and the companion stays on the record as 제외 with it;
// approving the nomination keeps the other companion, and a companion can no
// longer be removed once it is approved.
func TestAReviewerRemovesACompanionWithAReasonAndApprovingKeepsTheRest(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		setPeriods(t, signIn(t, e, "admin"), pair.RoundID, "one")
		mss := signIn(t, e, "mss")
		newURL := "/pairs/" + itoa64(pair.ID) + "/positions/" + itoa64(pair.PositionAID) + "/nominations"
		rec := mss.Post(newURL, companionsForm("submit", "2025-02-01", "2026-01-31"))
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("submit a nomination with two companions = %d\n%s", rec.Code, truncate(rec.Body.String(), 800))
		}
		nURL := rec.Header().Get("Location")
		var second models.NominationCompanion
		if err := s.DB().Where("name = ?", "나동반").Take(&second).Error; err != nil {
			t.Fatal(err)
		}
		removeURL := nURL + "/companions/" + itoa64(second.ID) + "/remove"
		version := func() string {
			var n models.Nomination
			s.DB().Take(&n, second.NominationID)
			return itoa64(int64(n.Version))
		}

		for _, who := range []string{"mss", "moel"} {
			c := signIn(t, e, who)
			if nominationPage(t, c, nURL).Find(`form[action="`+removeURL+`"]`).Length() != 0 {
				t.Errorf("%s is offered the removal of a companion", who)
			}
			if rec := c.Post(removeURL, url.Values{"version": {version()}, "reason": {"직무 연관성 낮음"}}); rec.Code != http.StatusForbidden {
				t.Errorf("%s removing a companion = %d, want 403", who, rec.Code)
			}
		}
		rev := signIn(t, e, "reviewer")
		page := nominationPage(t, rev, nURL)
		if page.Find(`form[action="`+removeURL+`"]`).Length() != 1 {
			t.Fatalf("the reviewer is not offered the removal of 나동반: %q", text(page.Find("#moves-title").Parent()))
		}
		if rec := rev.Do(http.MethodPost, removeURL, url.Values{"version": {version()}, "reason": {"직무 연관성 낮음"}}, nil); rec.Code != http.StatusForbidden {
			t.Errorf("a removal without its CSRF token = %d, want 403", rec.Code)
		}
		rec = rev.Post(removeURL, url.Values{"version": {version()}, "reason": {" "}})
		if msg := text(parseRec(t, rec).Find("#f-remove-companion-" + itoa64(second.ID) + "-reason-error")); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, "나동반") {
			t.Errorf("a removal without a reason = %d, says %q; want 422 by the reason naming 나동반", rec.Code, msg)
		}
		var removed int64
		if s.DB().Model(&models.NominationCompanion{}).Where("removed_at IS NOT NULL").Count(&removed); removed != 0 {
			t.Fatalf("refused removals removed %d companions", removed)
		}
		rec = rev.Post(removeURL, url.Values{"version": {version()}, "reason": {"직무 연관성 낮음"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("the reviewer's removal = %d\n%s", rec.Code, truncate(rec.Body.String(), 800))
		}
		var cs []models.NominationCompanion
		s.DB().Order("position").Find(&cs)
		if len(cs) != 2 || cs[0].Removed() || !cs[1].Removed() || cs[1].RemovalReason != "직무 연관성 낮음" || cs[1].RemovedBy == nil {
			t.Fatalf("after the removal: %+v", cs)
		}
		var audited int64
		s.DB().Model(&models.AuditEvent{}).Where("record_type = ? AND after LIKE ? AND after LIKE ?", "nomination", "%동반 교류자 제외%", "%직무 연관성 낮음%").Count(&audited)
		if audited != 1 {
			t.Errorf("the removal is audited %d times with its reason, want once", audited)
		}
		doc := nominationPage(t, mss, nURL)
		table := text(doc.Find("table.companions"))
		if !strings.Contains(table, "제외 — 사유: 직무 연관성 낮음") || !strings.Contains(table, "나동반") {
			t.Errorf("the removed companion as shown: %q", table)
		}
		if history := text(doc.Find("table.status-history")); !strings.Contains(history, "동반 교류자 제외") || !strings.Contains(history, "직무 연관성 낮음") {
			t.Errorf("the history does not keep the removal with its reason: %q", history)
		}
		if rec := rev.Post(removeURL, url.Values{"version": {version()}, "reason": {"다시"}}); rec.Code != http.StatusConflict {
			t.Errorf("removing a removed companion again = %d, want 409", rec.Code)
		}

		move(t, signIn(t, e, "moel"), nURL, "consent", http.StatusSeeOther)
		move(t, rev, nURL, "approve", http.StatusSeeOther)
		doc = nominationPage(t, mss, nURL)
		if statusOf(doc) != "승인" {
			t.Errorf("after the approval: %q, want 승인", statusOf(doc))
		}
		var rows []string
		doc.Find("table.companions tbody tr").Each(func(_ int, tr *goquery.Selection) {
			rows = append(rows, text(tr.Find("th"))+" "+text(tr.Find("td").Last()))
		})
		if strings.Join(rows, " / ") != modelstest.TestCompanion+" 교류자와 함께 승인됨 / 나동반 제외 — 사유: 직무 연관성 낮음" {
			t.Errorf("the companions after the approval: %q", rows)
		}
		var first models.NominationCompanion
		s.DB().Where("name = ?", modelstest.TestCompanion).Take(&first)
		if rec := rev.Post(nURL+"/companions/"+itoa64(first.ID)+"/remove", url.Values{"version": {version()}, "reason": {"늦은 제외"}}); rec.Code != http.StatusConflict ||
			!strings.Contains(text(parseRec(t, rec).Find("main")), "제외하지 못했습니다") {
			t.Errorf("removing a companion after the approval = %d, want 409 saying it was not removed", rec.Code)
		}
		if s.DB().Model(&models.NominationCompanion{}).Where("removed_at IS NOT NULL").Count(&removed); removed != 1 {
			t.Errorf("%d companions removed, want only 나동반", removed)
		}
	})
}
