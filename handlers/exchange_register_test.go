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

// round1Pair is the seeded round-1 pair 고용부–교육부 and moe's position in
// it, into which moel sends its exchangee.
func round1Pair(t *testing.T, s *models.Store) (models.ExchangePair, int64) {
	t.Helper()
	moel, moe := modelstest.MinistryByCode(t, s, "moel"), modelstest.MinistryByCode(t, s, "moe")
	var pair models.ExchangePair
	err := s.DB().Joins("JOIN rounds ON rounds.id = exchange_pairs.round_id").
		Where("rounds.number = 1 AND exchange_pairs.ministry_a_id = ? AND exchange_pairs.ministry_b_id = ?", moel.ID, moe.ID).
		Take(&pair).Error
	if err != nil {
		t.Fatalf("round 1's pair 고용부–교육부: %v", err)
	}
	return pair, pair.PositionBID
}

// registrationForm is a running exchange as the administrator registers it:
// what the programme office knows of it, the rest left empty.
func registrationForm() url.Values {
	return url.Values{"exchangee_name": {"한등록"}, "current_position": {""}, "rank": {""},
		"actual_start": {"2024-02-05"}, "planned_end": {"2025-02-04"}, "document_no": {""},
		"companion_name": {"오동반", ""}, "companion_rank": {"사무관", ""}, "companion_role": {"협업과제 실무", ""},
		"reason": {models.RegistrationReasonDefault}}
}

// countRegistrationWrites counts what a registration writes: nominations, their history and audit entries.
func countRegistrationWrites(t *testing.T, s *models.Store) [3]int64 {
	t.Helper()
	var out [3]int64
	s.DB().Model(&models.Nomination{}).Count(&out[0])
	s.DB().Model(&models.NominationEvent{}).Count(&out[1])
	s.DB().Model(&models.AuditEvent{}).Where("record_type = ?", "nomination").Count(&out[2])
	return out
}

// Round 1 ran before the app: an administrator registers one of its running
// exchanges (a coordinator cannot), without the selection's steps; bad input
// is refused by the fields and writes nothing; the registered exchange shows
// on its pair's page and its record, and is audited as 등록 with its reason;
// a post without its CSRF token is refused.
func TestAnAdministratorRegistersARunningRound1Exchange(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair, into := round1Pair(t, s)
		pairURL := "/pairs/" + itoa64(pair.ID)
		regURL := pairURL + "/positions/" + itoa64(into) + "/registration"
		adm, moel := signIn(t, e, "admin"), signIn(t, e, "moel")

		if nominationPage(t, adm, pairURL).Find(`.exchangee-slots a[href="`+regURL+`"]`).Length() != 1 {
			t.Errorf("the administrator's pair page offers no registration for moe's position: %q", text(nominationPage(t, adm, pairURL).Find(".exchangee-slots")))
		}
		if nominationPage(t, moel, pairURL).Find(`.exchangee-slots a[href$="/registration"]`).Length() != 0 {
			t.Error("a coordinator's pair page offers a registration")
		}
		before := countRegistrationWrites(t, s)
		if rec := moel.Get(regURL); rec.Code != http.StatusForbidden {
			t.Errorf("a coordinator's GET of the registration form = %d, want 403", rec.Code)
		}
		if rec := moel.Post(regURL, registrationForm()); rec.Code != http.StatusForbidden {
			t.Errorf("a coordinator's registration = %d, want 403", rec.Code)
		}

		form := nominationPage(t, adm, regURL)
		if v, _ := form.Find(`textarea[name=reason]`).Html(); strings.TrimSpace(v) != models.RegistrationReasonDefault {
			t.Errorf("the form proposes the reason %q", v)
		}
		if h := text(form.Find("h1")); h != "고용노동부가 직위 명칭 미입력(교육부)에 보낸 교류자의 교류 등록" {
			t.Errorf("the form's heading reads %q", h)
		}
		for _, c := range []struct {
			name   string
			change func(url.Values)
			want   map[string]string // field → what its message says
		}{
			{"nothing entered", func(f url.Values) {
				for _, k := range []string{"exchangee_name", "actual_start", "planned_end", "reason"} {
					f.Set(k, "")
				}
			}, map[string]string{"exchangee_name": "성명을 입력해", "actual_start": "발령일을 입력해", "planned_end": "종료 예정일을 입력해", "reason": "등록 사유를 입력해"}},
			{"a start still to come", func(f url.Values) { f.Set("actual_start", "2099-01-02"); f.Set("planned_end", "2099-12-31") },
				map[string]string{"actual_start": "이미 시작한 교류만"}},
			{"a start in 1900", func(f url.Values) { f.Set("actual_start", "1900-01-01") }, map[string]string{"actual_start": "사이의 날짜"}},
			{"an end before the start", func(f url.Values) { f.Set("planned_end", "2024-01-31") }, map[string]string{"planned_end": "발령일(2024-02-05)과 같거나 뒤"}},
			{"not a date", func(f url.Values) { f.Set("planned_end", "내년 2월") }, map[string]string{"planned_end": "2025-01-31처럼"}},
			{"a companion without a name", func(f url.Values) { f["companion_name"] = []string{"", ""} },
				map[string]string{"companion_name-0": "동반 교류자의 성명"}},
		} {
			f := registrationForm()
			c.change(f)
			rec := adm.Post(regURL, f)
			doc := parseRec(t, rec)
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d, want 422", c.name, rec.Code)
				continue
			}
			for field, says := range c.want {
				if msg := text(doc.Find("#f-" + field + "-error")); !strings.Contains(msg, says) {
					t.Errorf("%s: %s says %q, want %q", c.name, field, msg, says)
				}
			}
			if alert := text(doc.Find(".form-alert")); !strings.Contains(alert, "등록하지 못했습니다") {
				t.Errorf("%s: the error summary does not name the action that failed (등록): %q", c.name, alert)
			}
		}
		if rec := adm.Do(http.MethodPost, regURL, registrationForm(), nil); rec.Code != http.StatusForbidden {
			t.Errorf("a registration without its CSRF token = %d, want 403", rec.Code)
		}
		if after := countRegistrationWrites(t, s); after != before {
			t.Fatalf("refused registrations wrote nominations, history, audit %v → %v", before, after)
		}

		rec := adm.Post(regURL, registrationForm())
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("register = %d\n%s", rec.Code, truncate(rec.Body.String(), 800))
		}
		nURL := rec.Header().Get("Location")
		if !strings.HasPrefix(nURL, "/nominations/") {
			t.Fatalf("registered, sent on to %q", nURL)
		}
		var n models.Nomination
		if err := s.DB().Order("id DESC").Take(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n.Status != models.NominationActive || n.Submission != 0 || n.Rank != "" || n.CurrentPosition != "" ||
			n.Registration != models.RegistrationReasonDefault || n.MinistryID != pair.MinistryAID {
			t.Errorf("registered: %+v", n)
		}
		var told int64
		s.DB().Model(&models.Notification{}).Where("subject LIKE ? AND user_id IN (SELECT id FROM users WHERE login IN ('moel', 'moe'))", "%교류가 등록되었습니다%").Count(&told)
		if told != 2 {
			t.Errorf("the two ministries' coordinators were told of the registration %d times, want once each", told)
		}
		var approvals int64
		s.DB().Model(&models.NominationApproval{}).Where("nomination_id = ?", n.ID).Count(&approvals)
		if approvals != 0 {
			t.Errorf("a registration made up %d approvals", approvals)
		}

		for _, who := range []string{"admin", "moel", "moe", "reviewer"} {
			c := signIn(t, e, who)
			doc := nominationPage(t, c, nURL+"/record")
			if statusOf(doc) != "교류 중" || text(doc.Find(".exchangee-name")) != "한등록" || text(doc.Find(".appointment")) != "2024-02-05" {
				t.Errorf("%s reads the record: status %q, name %q, 발령 %q", who, statusOf(doc), text(doc.Find(".exchangee-name")), text(doc.Find(".appointment")))
			}
			if got := text(doc.Find(".registration")); !strings.Contains(got, models.RegistrationReasonDefault) {
				t.Errorf("%s: the registration reads %q", who, got)
			}
			var cells []string
			doc.Find("table.companions tbody tr").Children().Each(func(_ int, c *goquery.Selection) { cells = append(cells, text(c)) })
			if got := strings.Join(cells, " | "); got != "오동반 | 사무관 | 미입력 | 미입력 | 교류자와 같음 (2024-02-05 ~ 2025-02-04) | 협업과제 실무 | 앱 밖에서 승인됨 (등록한 교류)" {
				t.Errorf("%s: the companions read %q", who, got)
			}
			if moves := historyMoves(doc); len(moves) != 1 || moves[0] != "등록→교류 중" {
				t.Errorf("%s: the history reads %v, want one 등록", who, moves)
			}
			slots := text(nominationPage(t, c, pairURL).Find(".exchangee-slots"))
			if !strings.Contains(slots, "한등록") || !strings.Contains(slots, "교류 중") {
				t.Errorf("%s: the pair page's exchangees read %q", who, slots)
			}
		}
		if got := text(nominationPage(t, adm, "/nominations?round="+itoa64(pair.RoundID)).Find("table.nomination-list")); !strings.Contains(got, "한등록") || !strings.Contains(got, "앱 밖에서 승인됨") {
			t.Errorf("the round's nominations list reads %q", truncate(got, 600))
		}
		facts := nominationPage(t, adm, nURL).Find(".nomination-facts")
		facts.Find("dt").Each(func(_ int, dt *goquery.Selection) {
			if dd := text(dt.Next()); (text(dt) == "직급" || text(dt) == "현재 직위") && dd != "미입력" {
				t.Errorf("the unknown %s reads %q, want 미입력", text(dt), dd)
			}
			if dd := text(dt.Next()); text(dt) == "승인 현황" && dd != "앱 밖에서 승인됨 (등록한 교류)" {
				t.Errorf("승인 현황 reads %q", dd)
			}
		})

		log := text(nominationPage(t, adm, "/admin/audit?record_type=nomination").Find("main table"))
		for _, want := range []string{"한등록 — 직위 미입력(교육부) 교류자 추천", "등록", models.RegistrationReasonDefault} {
			if !strings.Contains(log, want) {
				t.Errorf("the audit log does not say %q:\n%s", want, truncate(log, 1200))
			}
		}

		before = countRegistrationWrites(t, s)
		rec = adm.Post(regURL, registrationForm())
		if msg := text(parseRec(t, rec).Find(".form-alert")); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, "이미") {
			t.Errorf("a second registration into the position = %d, %q; want 422", rec.Code, msg)
		}
		if after := countRegistrationWrites(t, s); after != before {
			t.Errorf("the refused second registration wrote %v → %v", before, after)
		}
	})
}

// A registered exchange lives as any started one: the sending ministry asks
// for an extension, the receiving ministry agrees, a reviewer approves (round
// 1 asks one office), the end moves; 복귀 takes the 복귀 보직; and an
// evaluation cycle over its period gives its exchangee and companion the
// result of the pair's task.
//
// The hand calculation: both reviewers score the pair's one task on the
// criteria 30·40·30, 85·90·80 → 85.5 and 80·88·79 → 82.9, mean 84.2 → A.
func TestARegisteredExchangeIsExtendedEndedAndEvaluated(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair, into := round1Pair(t, s)
		adm, moel, moe := signIn(t, e, "admin"), signIn(t, e, "moel"), signIn(t, e, "moe")
		rev, opc := signIn(t, e, "reviewer"), signIn(t, e, "reviewer-opc")
		rec := adm.Post("/pairs/"+itoa64(pair.ID)+"/positions/"+itoa64(into)+"/registration", registrationForm())
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("register = %d\n%s", rec.Code, truncate(rec.Body.String(), 800))
		}
		nURL := rec.Header().Get("Location")
		planned := func() string {
			var n models.Nomination
			s.DB().Order("id DESC").Take(&n)
			return n.PlannedEnd.Format("2006-01-02") + " " + n.Status.Label()
		}

		move(t, moel, nURL, "extend", http.StatusSeeOther, "date", "2025-08-04", "reason", "NEIS 연계 2단계 마무리")
		if got := planned(); got != "2025-02-04 교류 중" {
			t.Fatalf("after the request alone: %s", got)
		}
		move(t, moe, nURL, "extend_agree", http.StatusSeeOther)
		if got := planned(); got != "2025-02-04 교류 중" {
			t.Fatalf("after the receiving ministry's 연장 동의 alone: %s", got)
		}
		move(t, rev, nURL, "extend_approve", http.StatusSeeOther)
		if got := planned(); got != "2025-08-04 교류 중 · 연장" {
			t.Fatalf("after the reviewer's 연장 승인: %s, want the end moved", got)
		}
		if doc := move(t, moel, nURL, "end", http.StatusUnprocessableEntity, "date", "2025-08-04"); text(doc.Find("#f-end-return_post-error")) == "" {
			t.Error("복귀 without 복귀 보직 has no message by the field")
		}
		move(t, moel, nURL, "end", http.StatusSeeOther, "date", "2025-08-04", "return_post", "고용노동부 직업능력정책과장")
		doc := nominationPage(t, moel, nURL)
		if text(doc.Find(".return")) != "2025-08-04 · 복귀 보직 고용노동부 직업능력정책과장" || statusOf(doc) != "복귀" {
			t.Errorf("the 복귀 as shown: %q, status %q", text(doc.Find(".return")), statusOf(doc))
		}
		want := []string{"등록→교류 중", "연장 요청→교류 중", "연장 동의→교류 중", "연장 승인→교류 중 · 연장", "복귀→복귀"}
		if got := historyMoves(doc); strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("the history reads %v, want %v", got, want)
		}

		var task models.CollaborationTask
		if err := s.DB().Where("pair_id = ?", pair.ID).Order("id").Take(&task).Error; err != nil {
			t.Fatal(err)
		}
		rec = adm.Post("/evaluations", url.Values{"name": {"2024년 하반기 실적 점검"}, "period_start": {"2024-07-01"}, "period_end": {"2024-12-31"},
			"round_id": {itoa64(pair.RoundID)}, "scale": {"100"}, "incentive": {"85"}, "self_due": {"2099-12-31"},
			"criterion_name": {"협업 노력도", "성과 달성도", "국민 체감도"}, "criterion_weight": {"30", "40", "30"},
			"band_grade": {"S", "A", "B", "C"}, "band_min": {"90", "80", "70", "0"}})
		expect(t, "create the cycle over round 1", rec, http.StatusSeeOther)
		cycle := rec.Header().Get("Location")
		expect(t, "자체 점검", adm.Post(cycle+"/stage", url.Values{"version": {"1"}}), http.StatusSeeOther)
		expect(t, "심사", adm.Post(cycle+"/stage", url.Values{"version": {"2"}}), http.StatusSeeOther)
		scoreWithComment(t, rev, taskPath(cycle, task), "", "85", "90", "80")
		scoreWithComment(t, opc, taskPath(cycle, task), "", "80", "88", "79")

		rows := map[string]string{}
		nominationPage(t, adm, cycle+"/report").Find("table.person-results tbody tr").Each(func(_ int, tr *goquery.Selection) {
			rows[text(tr.Find("th"))] = text(tr)
		})
		sentence := "교류직위 1차 고용부–교육부의 협업과제 1개 가운데 채점된 1개: 84.2점, 등급 A (80.0점 이상)."
		for _, name := range []string{"한등록", "오동반"} {
			if r := rows[name]; !strings.Contains(r, "84.2") || !strings.Contains(r, sentence) {
				t.Errorf("the report's row of %s reads %q, want 84.2 A: %s", name, r, sentence)
			}
		}
	})
}
