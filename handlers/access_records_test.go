package handlers_test

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// accessRecordsAfter are the access records written after id.
func accessRecordsAfter(t *testing.T, s *models.Store, id int64) []models.AccessRecord {
	t.Helper()
	var list []models.AccessRecord
	if err := s.DB().Where("id > ?", id).Order("id").Find(&list).Error; err != nil {
		t.Fatal(err)
	}
	return list
}

func lastAccessRecord(t *testing.T, s *models.Store) int64 {
	t.Helper()
	var id *int64
	if err := s.DB().Raw("SELECT max(id) FROM access_records").Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	if id == nil {
		return 0
	}
	return *id
}

// Every GET page of the route table, as every signed-in persona that may open
// it: a page that shows the matrix's exchangee (name, companion or contact)
// is marked Personal in the route table and writes exactly one access record
// of its kind, naming that exchangee's nomination, the account and the
// address; a page that shows nobody writes none.
func TestEveryPageThatNamesAnExchangeeWritesOneAccessRecord(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		fx := handlerstest.MatrixFixtures(t, s, e)
		nomination, err := strconv.ParseInt(fx["mssNomination"], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		// A draft of mss too, which its coordinator may edit (the matrix's is submitted).
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		draft := nominate(t, s, "mss", pair.ID, pair.PositionAID, false)
		fx["draft"] = itoa64(draft.ID)
		paths := map[string]string{"nomination.edit": "/nominations/{draft}/edit", "nominations": "/nominations?round={round}"}
		routes := handlerstest.Routes(t, s)
		named := map[string]bool{}
		for i, p := range handlerstest.Personas {
			if p == handlerstest.Anonymous {
				continue
			}
			c := handlerstest.NewClient(t, e)
			c.Remote = "198.51.100." + strconv.Itoa(i+10) + ":40000"
			c.Login(p.Login(), models.DemoPassword)
			var user models.User
			if err := s.DB().Where("login = ?", p.Login()).Take(&user).Error; err != nil {
				t.Fatal(err)
			}
			for _, r := range routes {
				rc := handlerstest.RouteCases[r.Name]
				if r.Method != http.MethodGet || r.Bare || !rc.Allows(p) {
					continue
				}
				path := fx.Expand(rc.Path)
				if alt, ok := paths[r.Name]; ok {
					path = fx.Expand(alt)
				}
				before := lastAccessRecord(t, s)
				rec := c.Get(path)
				body := rec.Body.String()
				shows := strings.Contains(body, modelstest.TestExchangee) || strings.Contains(body, modelstest.TestCompanion) ||
					strings.Contains(body, modelstest.TestPhone)
				written := accessRecordsAfter(t, s, before)
				switch {
				case shows && r.Personal == "":
					t.Errorf("%s (%s) shows an exchangee to %s but is not marked Personal in the route table", path, r.Name, p)
				case shows && len(written) != 1:
					t.Errorf("%s (%s) as %s wrote %d access records, want 1", path, r.Name, p, len(written))
				case shows:
					a := written[0]
					u, _ := url.Parse(path)
					if a.Kind != r.Personal || a.UserID == nil || *a.UserID != user.ID || a.Login != p.Login() || a.IP != "198.51.100."+strconv.Itoa(i+10) ||
						a.Path != u.Path || a.RecordType != "nomination" || a.Day == "" ||
						len(a.Subjects()) == 0 || slices.ContainsFunc(a.Subjects(), func(id int64) bool { return id != nomination && id != draft.ID }) {
						t.Errorf("%s as %s: the access record %+v lacks the kind %s, the account, the address, the path or the exchangees %d, %d",
							path, p, a, r.Personal, nomination, draft.ID)
					}
				case len(written) != 0:
					t.Errorf("%s (%s) as %s shows no exchangee, yet wrote %d access records: %+v", path, r.Name, p, len(written), written)
				}
				named[r.Name] = named[r.Name] || shows
			}
		}
		for _, r := range routes {
			// The evaluation page names exchangees only after a cycle is finalized
			// (its incentive candidates): TestAnAdministratorRunsAnEvaluationCycleEndToEnd;
			// its report and workbook only those in the exchange during its period
			// (the matrix's exchangee is not): TestResultsPerExchangeeMatchTheHandCalculation.
			// The 기여도 평가 page too (TestEachMinistryAssessesItsSideOfEveryPerson).
			// An account's page reveals the account's own contact details, not an
			// exchangee's: TestAnAccountsContactDetailsAreARevealInTheAccessRecords.
			if r.Method == http.MethodGet && r.Personal != "" && !named[r.Name] && r.Name != "evaluation" && r.Name != "evaluation.report" &&
				r.Name != "evaluation.contributions" && r.Name != "user" {
				t.Errorf("%s is marked Personal, but showed the exchangee to nobody in the matrix", r.Name)
			}
		}
	})
}

// A download of a round's exchangees needs a reason: without one it is
// refused (422, the message by the field, nothing written, no file); with one
// the file comes with one access record holding the reason and every exchangee in it.
func TestAnExchangeeDownloadNeedsAReasonAndIsRecorded(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		n := nominate(t, s, "mss", pair.ID, pair.PositionAID, true)
		c := signIn(t, e, "reviewer")
		form := parse(t, c.Get("/admin/rounds/"+itoa64(pair.RoundID)+"/nominations").Body.String()).Find(`main form[method=post]`)
		action, _ := form.Attr("action")
		if action != "/admin/rounds/"+itoa64(pair.RoundID)+"/nominations.xlsx" || form.Find(`input[name=reason]`).Length() != 1 {
			t.Fatalf("the download page's form posts to %q with %d reason inputs", action, form.Find(`input[name=reason]`).Length())
		}
		before := lastAccessRecord(t, s)
		rec := c.Post(action, url.Values{"reason": {"  "}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("without a reason = %d, want 422", rec.Code)
		}
		doc := parse(t, rec.Body.String())
		if msg := doc.Find(`#f-reason-error`).Text(); !strings.Contains(msg, "내려받는 사유를 입력해 주십시오") {
			t.Errorf("the message by the field = %q", msg)
		}
		if got := accessRecordsAfter(t, s, before); len(got) != 0 {
			t.Errorf("a refused download wrote %d access records", len(got))
		}
		rec = c.Post(action, url.Values{"reason": {"2차 교류자 현황 보고"}})
		if rec.Code != http.StatusOK || !bytes.HasPrefix(rec.Body.Bytes(), []byte("PK")) {
			t.Fatalf("with a reason = %d %q", rec.Code, rec.Header().Get("Content-Type"))
		}
		got := accessRecordsAfter(t, s, before)
		if len(got) != 1 || got[0].Kind != models.AccessExport || got[0].Reason != "2차 교류자 현황 보고" ||
			!slices.Contains(got[0].Subjects(), n.ID) || got[0].Login != "reviewer" {
			t.Errorf("the download's access records: %+v", got)
		}
	})
}

// The 접속기록 page: records of reveals with who, where and whose data,
// filtered and paged by keyset (다음, then 이전 back), the busy day flagged for
// the monthly review, and the export, refused without a reason and, with one,
// a CSV that is itself an access record.
func TestTheAccessRecordsPageFiltersPagesFlagsAndExports(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		n := nominate(t, s, "mss", pair.ID, pair.PositionAID, true)
		reviewer := signIn(t, e, "reviewer")
		for range models.FlagRevealsPerDay + 1 {
			if rec := reviewer.Get("/nominations/" + itoa64(n.ID) + "/contact"); rec.Code != http.StatusOK {
				t.Fatalf("reveal = %d", rec.Code)
			}
		}
		admin := signIn(t, e, "admin")
		var rv models.User
		if err := s.DB().Where("login = ?", "reviewer").Take(&rv).Error; err != nil {
			t.Fatal(err)
		}
		doc := parse(t, admin.Get("/admin/access?kind=reveal&user="+itoa64(rv.ID)).Body.String())
		rows := doc.Find("section[aria-labelledby=access-records] tbody tr")
		if rows.Length() != models.FlagRevealsPerDay+1 {
			t.Fatalf("%d reveals listed, want %d", rows.Length(), models.FlagRevealsPerDay+1)
		}
		first := rows.First().Text()
		if !strings.Contains(first, "연락처 열람") || !strings.Contains(first, "reviewer") || !strings.Contains(first, "/nominations/"+itoa64(n.ID)+"/contact") ||
			!strings.Contains(first, "교류자") || strings.Contains(first, modelstest.TestExchangee) {
			t.Errorf("a reveal reads %q: want the kind, the account, the address and the record named by its position, not the person", first)
		}
		if flags := doc.Find("section[aria-labelledby=access-review] tbody tr"); flags.Length() != 1 || !strings.Contains(flags.Text(), "reviewer") {
			t.Errorf("the review flags %d rows: %q", flags.Length(), flags.Text())
		}
		// Keyset pages of 50: 60 views by the admin make two pages.
		for range 60 {
			admin.Get("/nominations/" + itoa64(n.ID))
		}
		page1 := parse(t, admin.Get("/admin/access?kind=view").Body.String())
		next, ok := page1.Find(`a.page-navi.next`).Attr("href")
		if !ok || page1.Find(`a.page-navi.prev`).Length() != 0 || !strings.Contains(next, "before=") {
			t.Fatalf("the first page links 다음 %q and %d 이전", next, page1.Find(`a.page-navi.prev`).Length())
		}
		page2 := parse(t, admin.Get(next).Body.String())
		prev, ok := page2.Find(`a.page-navi.prev`).Attr("href")
		if !ok || !strings.Contains(prev, "after=") || page2.Find("section[aria-labelledby=access-records] tbody tr").Length() == 0 {
			t.Fatalf("the second page links 이전 %q", prev)
		}
		back := parse(t, admin.Get(prev).Body.String())
		if a, b := back.Find("section[aria-labelledby=access-records] tbody tr").First().Text(), page1.Find("section[aria-labelledby=access-records] tbody tr").First().Text(); a != b {
			t.Errorf("이전 from the second page begins with %q, the first page with %q", a, b)
		}
		// The export: the filter rides along in hidden inputs.
		form := doc.Find(`section[aria-labelledby=access-export] form`)
		action, _ := form.Attr("action")
		values := url.Values{}
		form.Find("input[type=hidden]").Each(func(_ int, in *goquery.Selection) { values.Set(in.AttrOr("name", ""), in.AttrOr("value", "")) })
		if values.Get("kind") != "reveal" || values.Get("user") != itoa64(rv.ID) {
			t.Errorf("the export form carries %v", values)
		}
		before := lastAccessRecord(t, s)
		rec := admin.Post(action, values)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(parse(t, rec.Body.String()).Find("#f-reason-error").Text(), "사유") {
			t.Fatalf("an export without a reason = %d", rec.Code)
		}
		values.Set("reason", "2025년 3월 월간 점검")
		rec = admin.Post(action, values)
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Body.String(), "\ufeff일시,계정") ||
			strings.Count(rec.Body.String(), "연락처 열람") != models.FlagRevealsPerDay+1 {
			t.Fatalf("the export = %d %q", rec.Code, rec.Body.String())
		}
		got := accessRecordsAfter(t, s, before)
		if len(got) != 1 || got[0].Kind != models.AccessExport || got[0].Reason != "2025년 3월 월간 점검" || got[0].RecordType != "user" ||
			!slices.Equal(got[0].Subjects(), []int64{rv.ID}) {
			t.Errorf("the export's access records: %+v", got)
		}
	})
}

// An administrator opening an account with a phone or an e-mail sees them
// unmasked: a reveal of that account in the access records (and in the audit
// log, as before); an account without them writes none.
func TestAnAccountsContactDetailsAreARevealInTheAccessRecords(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		ctx := t.Context()
		with, err := s.CreateUser(ctx, models.System, models.UserInput{Login: "withphone", DisplayName: "연락처 있음", Role: models.RoleReviewer, Phone: "044-200-1234"})
		if err != nil {
			t.Fatal(err)
		}
		without, err := s.CreateUser(ctx, models.System, models.UserInput{Login: "nophone", DisplayName: "연락처 없음", Role: models.RoleReviewer})
		if err != nil {
			t.Fatal(err)
		}
		admin := signIn(t, e, "admin")
		before := lastAccessRecord(t, s)
		admin.Get("/admin/users/" + itoa64(without.ID))
		if got := accessRecordsAfter(t, s, before); len(got) != 0 {
			t.Errorf("an account without contact details wrote %+v", got)
		}
		admin.Get("/admin/users/" + itoa64(with.ID))
		got := accessRecordsAfter(t, s, before)
		if len(got) != 1 || got[0].Kind != models.AccessReveal || got[0].RecordType != "user" || !slices.Equal(got[0].Subjects(), []int64{with.ID}) {
			t.Errorf("the account with a phone wrote %+v, want one reveal of account %d", got, with.ID)
		}
	})
}

// A record that named many exchangees (a queue of a whole round) names its
// first ten in its row and says how many more; the export lists them all.
func TestAnAccessRecordOfManyNamesTenAndCountsTheRest(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		n := nominate(t, s, "mss", pair.ID, pair.PositionAID, true)
		ids := []string{itoa64(n.ID)}
		for i := range 24 {
			ids = append(ids, strconv.Itoa(900000+i)) // records of nominations no longer there
		}
		now := time.Now()
		rec := models.AccessRecord{At: now.UTC(), Day: now.In(models.Seoul).Format(time.DateOnly), Login: "reviewer", IP: "192.0.2.1",
			Kind: models.AccessView, Path: "/nominations", RecordType: "nomination", RecordIDs: strings.Join(ids, ",")}
		if err := s.DB().Create(&rec).Error; err != nil {
			t.Fatal(err)
		}
		admin := signIn(t, e, "admin")
		doc := parse(t, admin.Get("/admin/access?kind=view&user=").Body.String())
		var row *goquery.Selection
		doc.Find("section[aria-labelledby=access-records] tbody tr").Each(func(_ int, tr *goquery.Selection) {
			if strings.Contains(tr.Text(), "/nominations") && strings.Contains(tr.Text(), "192.0.2.1") {
				row = tr
			}
		})
		if row == nil {
			t.Fatal("the record is not listed")
		}
		items := row.Find("ul.audit-changes li")
		if items.Length() != 11 || row.Find("ul.audit-changes a").Length() != 1 ||
			items.Last().Text() != "외 교류자 15명 (내려받은 파일에 모두 있습니다)" || !strings.Contains(items.First().Text(), "("+itoa64(n.ID)+")") {
			t.Errorf("the row names %d (%d linked), the last %q: want the first ten, the one still there linked, and 15 more counted",
				items.Length(), row.Find("ul.audit-changes a").Length(), items.Last().Text())
		}
		values := url.Values{"kind": {"view"}, "reason": {"2025년 3월 월간 점검"}}
		csv := admin.Post("/admin/access/export", values)
		if csv.Code != http.StatusOK || !strings.Contains(csv.Body.String(), strings.Join(ids, " ")) {
			t.Errorf("the export = %d, want every one of the %d ids: %q", csv.Code, len(ids), csv.Body.String())
		}
	})
}
