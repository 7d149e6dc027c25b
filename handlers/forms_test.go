package handlers_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/form"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// Every form of the route table, on every page and htmx fragment that shows
// it to any persona, holds only inputs its route's struct declares (Route.Form).
// Posted with every field it shows filled wrong, a form answers 422 with
// messages only about fields of that struct, its error summary lists them in
// the order the fields stand in the form (whatever JavaScript does) and takes
// the focus, and the page's title starts with "오류:".
func TestEveryFormOfTheRouteTableMatchesItsStruct(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		routes := handlerstest.Routes(t, s)
		table := routeTable(routes)
		fx := handlerstest.MatrixFixtures(t, s, e)
		extra := formFixtures(t, s, e, fx)
		rendered, answered := map[string]bool{}, 0
		for i, p := range handlerstest.Personas {
			c := handlerstest.NewClient(t, e)
			c.Remote = "198.51.100." + strconv.Itoa(i+1) + ":40000"
			if p == handlerstest.Anonymous {
				c.Get("/login")
			} else {
				c.Login(p.Login(), models.DemoPassword)
			}
			var pages []string
			for _, r := range routes {
				if r.Method == http.MethodGet && !r.Bare && handlerstest.RouteCases[r.Name].Allows(p) {
					pages = append(pages, fx.Expand(handlerstest.RouteCases[r.Name].Path))
				}
			}
			pages = append(pages, extra.pages...)
			posted := map[string]bool{}
			// check holds every form of a page or fragment to its route's struct,
			// and posts each route's form once, filled wrong.
			check := func(where string, doc *goquery.Document) {
				doc.Find("form").Each(func(_ int, f *goquery.Selection) {
					r, ok := formRoute(table, f)
					if !ok {
						t.Errorf("%s: a form posts to %q, which no route answers", where, f.AttrOr("action", ""))
						return
					}
					names := controlNames(f)
					if r.Form == nil {
						if len(names) > 0 {
							t.Errorf("%s: the form of %s has inputs %v, but the route declares no Form", where, r.Name, names)
						}
						return
					}
					rendered[r.Name] = true
					for _, name := range names {
						if _, ok := form.Lookup(r.Form, name); !ok {
							t.Errorf("%s: the form of %s has input %q, which %T does not declare", where, r.Name, name, r.Form)
						}
					}
					values, wrong := wrongValues(f, r.Form)
					if posted[r.Name] || !wrong {
						return
					}
					posted[r.Name] = true
					action := f.AttrOr("action", "")
					var answer *httptest.ResponseRecorder
					if r.Method == http.MethodGet {
						answer = c.Do(http.MethodGet, action+"?"+values.Encode(), nil, nil)
					} else {
						answer = c.Post(action, values)
					}
					if answer.Code == http.StatusUnprocessableEntity {
						answered++
						checkInvalidAnswer(t, where+", "+r.Name+" filled wrong", r.Form, answer.Body.String())
					}
				})
			}
			for _, page := range pages {
				for _, htmx := range []bool{false, true} {
					c.HTMX = htmx
					rec := c.Do(http.MethodGet, page, nil, nil)
					c.HTMX = false
					if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
						continue
					}
					check(page+" as "+string(p)+htmxSuffix(htmx), parse(t, rec.Body.String()))
				}
			}
			if p == handlerstest.Admin {
				check("the preview of an uploaded list as admin", parse(t, extra.preview))
				for _, page := range extra.secondFactor {
					check("a second-factor page", parse(t, page))
				}
			}
		}
		for _, r := range routes {
			if r.Form != nil && !rendered[r.Name] {
				t.Errorf("no page showed a form of %s (%T): the walk misses it", r.Name, r.Form)
			}
		}
		if answered < 20 {
			t.Errorf("only %d forms answered wrong values with 422; the walk is not reaching the forms", answered)
		}
		t.Logf("the forms of %d routes checked, %d of them posted wrong and answered 422", len(rendered), answered)
	})
}

// formFixtures makes the records whose pages show the forms the access
// matrix's records do not: proposals to answer and to select, a draft
// nomination and one in each later stage, a task ready to publish, an
// evaluation cycle in each stage with a form, and an uploaded list waiting to
// be saved.
type formPages struct {
	pages   []string // shown to every persona, as far as each may see them
	preview string   // the page of the uploaded list, as the administrator saw it
	// secondFactor are the pages of a sign-in's second step and of one's own
	// enrolled second factor, as kdca saw them (checked as the administrator).
	secondFactor []string
}

func formFixtures(t *testing.T, s *models.Store, e http.Handler, fx handlerstest.Fixtures) formPages {
	t.Helper()
	ctx := t.Context()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	fp := formPages{pages: []string{"/pairs/" + fx["toMss"], "/pairs/" + fx["byMss"]}}
	agreed := modelstest.Propose(t, s, "moef", "mss", mustID(t, fx["openRound"]))
	_, err := s.ChangePairStatus(ctx, modelstest.As(t, s, "mss"), agreed.ID, models.PairAgreed, "")
	must(err)
	fp.pages = append(fp.pages, "/pairs/"+id(agreed.ID))

	for _, n := range []struct {
		a, b   string
		status models.NominationStatus
	}{{"moef", "fsc", models.NominationDraft}, {"moef", "motie", models.NominationApproved},
		{"mohw", "mfds", models.NominationActive}, {"molit", "mof", models.NominationCompleted}} {
		pair := modelstest.Round2Pair(t, s, n.a, n.b)
		nom, err := s.CreateNomination(ctx, modelstest.As(t, s, n.a), pair.ID, pair.PositionBID, modelstest.TestNomination(false))
		must(err)
		must(s.DB().Model(&models.Nomination{}).Where("id = ?", nom.ID).
			Updates(map[string]any{"status": n.status, "report": "교류 기간의 성과를 보고합니다."}).Error)
		fp.pages = append(fp.pages, "/nominations/"+id(nom.ID), "/nominations/"+id(nom.ID)+"/edit")
	}
	// A submission the receiving ministry agreed to: with the reviewers (승인, 반려).
	consented := modelstest.Round2Pair(t, s, "moel", "mss")
	nom, err := s.CreateNomination(ctx, modelstest.As(t, s, "moel"), consented.ID, consented.PositionBID, modelstest.TestNomination(true))
	must(err)
	modelstest.Consent(t, s, nom)
	fp.pages = append(fp.pages, "/nominations/"+id(nom.ID))
	// Exchanges with an extension request waiting for the receiving ministry, and for the reviewers.
	for _, n := range []struct {
		a, b   string
		status models.ExtensionStatus
	}{{"mnd", "dapa", models.ExtensionRequested}, {"mpva", "mpm", models.ExtensionAgreed}} {
		pair := modelstest.Round2Pair(t, s, n.a, n.b)
		nom, err := s.CreateNomination(ctx, modelstest.As(t, s, n.a), pair.ID, pair.PositionBID, modelstest.TestNomination(false))
		must(err)
		must(s.DB().Model(&models.Nomination{}).Where("id = ?", nom.ID).Update("status", models.NominationActive).Error)
		must(s.DB().Create(&models.NominationExtension{NominationID: nom.ID, RequestedEnd: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
			Reason: "과제 마무리", Status: n.status, RequestedAt: time.Now()}).Error)
		fp.pages = append(fp.pages, "/nominations/"+id(nom.ID))
	}

	task, err := s.CreateTask(ctx, models.System, mustID(t, fx["mssPair"]), models.TaskInput{Title: "공개할 과제", Category: "public_benefit", Status: "in_progress"})
	must(err)
	_, err = s.CreateOutcome(ctx, models.System, task.ID, models.OutcomeInput{Kind: string(models.OutcomeNarrative), Summary: "공개할 성과"})
	must(err)
	fp.pages = append(fp.pages, "/tasks/"+id(task.ID)+"/publish")

	ev := modelstest.EvaluationRecords(t, s)
	for _, stage := range []models.EvaluationStage{models.StageSelfAssessment, models.StageReview, models.StageFinalized} {
		cy := modelstest.NewCycle(t, s, ev.Round.ID)
		if stage == models.StageFinalized { // Task1 scored 100 by both offices: Kim and Lee are candidates
			must(s.DB().Model(&models.EvaluationCycle{}).Where("id = ?", cy.ID).Update("stage", models.StageReview).Error)
			cy, err = s.EvaluationCycleByID(ctx, cy.ID)
			must(err)
			for _, reviewer := range []string{"reviewer", "reviewer-opc"} {
				in := models.ReviewInput{}
				for _, cr := range cy.Criteria {
					in.CriterionIDs, in.Scores, in.Comments = append(in.CriterionIDs, id(cr.ID)), append(in.Scores, strconv.Itoa(cy.Scale)), append(in.Comments, "")
				}
				_, err := s.SaveReview(ctx, modelstest.As(t, s, reviewer), cy.ID, ev.Task1.ID, in)
				must(err)
			}
		}
		must(s.DB().Model(&models.EvaluationCycle{}).Where("id = ?", cy.ID).Update("stage", stage).Error)
		fp.pages = append(fp.pages, "/evaluations/"+id(cy.ID), "/evaluations/"+id(cy.ID)+"/tasks/"+id(ev.Task1.ID),
			"/evaluations/"+id(cy.ID)+"/tasks/"+id(ev.Task1.ID)+"/scores/edit", "/evaluations/"+id(cy.ID)+"/contributions")
		if stage == models.StageFinalized { // its grade distribution's preview, with the 공개 form
			fp.pages = append(fp.pages, "/evaluations/"+id(cy.ID)+"/grades/publish")
		}
	}

	// The preview of a list uploaded into an empty round, with its 저장 form.
	round := modelstest.OpenRound(t, s, 4)
	admin := handlerstest.NewClient(t, e)
	admin.Login("admin", models.DemoPassword)
	target := "/admin/rounds/" + id(round.ID) + "/import"
	admin.Get(target)
	rec := admin.Upload(target, nil, "list.xlsx", modelstest.AttachmentXLSX(t, modelstest.Round2))
	if rec.Code != http.StatusOK {
		t.Fatalf("upload the round-2 list into round 4 = %d", rec.Code)
	}
	fp.preview = rec.Body.String()
	fp.secondFactor = secondFactorPages(t, s, e)
	return fp
}

// formRoute is the route a form sends to, by its method and action.
func formRoute(table routes, f *goquery.Selection) (handlers.Route, bool) {
	method := strings.ToUpper(f.AttrOr("method", "get"))
	u, err := url.Parse(f.AttrOr("action", ""))
	if err != nil {
		return handlers.Route{}, false
	}
	return table.match(method, u.Path)
}

// controlNames are the names of the form's inputs, selects, textareas and
// named buttons, but the CSRF token every form carries.
func controlNames(f *goquery.Selection) []string {
	var names []string
	f.Find("input[name], select[name], textarea[name], button[name]").Each(func(_ int, c *goquery.Selection) {
		if name := c.AttrOr("name", ""); name != "csrf_token" && !slices.Contains(names, name) {
			names = append(names, name)
		}
	})
	return names
}

// wrongValues is the form as shown, with every labelled field it shows (a
// text, a choice, a box) holding a value no field takes: 5,000 characters of
// 가. Hidden inputs (the version, where to go next) keep theirs. wrong reports
// whether there was a field to fill wrong.
func wrongValues(f *goquery.Selection, decl any) (values url.Values, wrong bool) {
	values = url.Values{}
	bad := strings.Repeat("가", 5000)
	f.Find("input[name], select[name], textarea[name]").Each(func(_ int, c *goquery.Selection) {
		name := c.AttrOr("name", "")
		field, declared := form.Lookup(decl, name)
		switch {
		case name == "csrf_token" || c.AttrOr("type", "") == "hidden" || c.AttrOr("type", "") == "file":
			if v, ok := c.Attr("value"); ok {
				values.Add(name, v)
			}
		case declared && field.Label != "" && !values.Has(name):
			values.Add(name, bad)
			wrong = true
		}
	})
	return values, wrong
}

// checkInvalidAnswer holds a 422 answer to its form's struct: the summary's
// messages name fields of it, in the order they stand, and it has the focus.
func checkInvalidAnswer(t *testing.T, where string, decl any, body string) {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if title := doc.Find("head title"); title.Length() > 0 && !strings.HasPrefix(title.Text(), "오류: ") {
		t.Errorf("%s: the title %q does not start with 오류:", where, title.Text())
	}
	summary := doc.Find(".form-alert[role=alert]")
	if summary.Length() != 1 {
		t.Errorf("%s: %d error summaries, want 1", where, summary.Length())
		return
	}
	if _, ok := summary.Attr("autofocus"); !ok || summary.AttrOr("tabindex", "") != "-1" {
		t.Errorf("%s: the error summary does not take the focus (autofocus, tabindex=-1)", where)
	}
	order := documentOrder(doc)
	last := -1
	summary.Find(".error-links a").Each(func(_ int, a *goquery.Selection) {
		id := strings.TrimPrefix(a.AttrOr("href", ""), "#")
		target := doc.Find("#" + id)
		if target.Length() != 1 {
			t.Errorf("%s: the summary's message %q links #%s, which is not on the page", where, text(a), id)
			return
		}
		control := target
		if _, ok := target.Attr("name"); !ok {
			control = target.Find("[name]").First()
		}
		if name := control.AttrOr("name", ""); !form.Key(decl, name) || name == "" {
			t.Errorf("%s: the summary's message %q is about #%s (input %q), which %T does not declare", where, text(a), id, name, decl)
		}
		at := order[target.Get(0)]
		if at < last {
			t.Errorf("%s: the summary lists %q out of the form's order", where, text(a))
		}
		last = at
	})
}

// documentOrder numbers a document's nodes in the order they stand.
func documentOrder(doc *goquery.Document) map[*html.Node]int {
	order := map[*html.Node]int{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		order[n] = len(order)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc.Get(0))
	return order
}

// The convention's parts, alone: a form's fields come from its struct in
// declaration order, and its messages are listed in that order.
func TestAFormsFieldsAndMessagesFollowItsStruct(t *testing.T) {
	t.Parallel()
	type example struct {
		Title   string   `form:"title" label:"제목"`
		Rows    []string `form:"row" label:"행"`
		Version int      `form:"version"`
	}
	names := []string{}
	for _, f := range form.Fields(example{}) {
		names = append(names, f.Name+"/"+f.Label)
	}
	if want := []string{"title/제목", "row/행", "version/"}; !reflect.DeepEqual(names, want) {
		t.Errorf("fields %v, want %v", names, want)
	}
	for key, want := range map[string]bool{"": true, "title": true, "row": true, "row.2": true, "title.2": false, "rows": false, "row.x": false} {
		if got := form.Key(example{}, key); got != want {
			t.Errorf("Key(%q) = %v, want %v", key, got, want)
		}
	}
	if got := form.Order(example{}, []string{"version", "row.10", "zzz", "row.2", "title", ""}); !reflect.DeepEqual(got, []string{"", "title", "row.2", "row.10", "version", "zzz"}) {
		t.Errorf("Order = %v", got)
	}
}

func htmxSuffix(htmx bool) string {
	if htmx {
		return " (htmx)"
	}
	return ""
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("id %q: %v", s, err)
	}
	return n
}

// A form saved as a whole page sends the browser on with a flash: the next
// page says at its top, as a focused status message, what happened and what
// comes next, once. htmx gets the record in place and the same words for the
// page's status line, in a header kept to ASCII.
func TestASavedFormSaysWhatHappenedOnTheNextPageOnce(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		admin := handlerstest.NewClient(t, e)
		admin.Login("admin", models.DemoPassword)
		r2, err := s.RoundByNumber(t.Context(), 2)
		if err != nil {
			t.Fatal(err)
		}
		page := "/admin/rounds/" + strconv.FormatInt(r2.ID, 10)
		admin.Get(page)
		in := r2.InputOf()
		values := url.Values{}
		for name, v := range form.Values(in) {
			values[name] = v
		}
		values.Set("schedule_note", "2025년 1월 교류 시작")
		rec := admin.Post(page, values)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != page {
			t.Fatalf("save the round = %d to %q, want 303 to %s", rec.Code, rec.Header().Get("Location"), page)
		}
		doc := parse(t, admin.Get(page).Body.String())
		flash := doc.Find("main #flash")
		if flash.Length() != 1 || flash.AttrOr("role", "") != "status" || flash.AttrOr("tabindex", "") != "-1" {
			t.Fatalf("the page after saving has no focusable status message: %d #flash", flash.Length())
		}
		if _, ok := flash.Attr("autofocus"); !ok {
			t.Error("the flash does not take the focus (autofocus), as it must without JavaScript")
		}
		if got := text(flash); got != "차수 정보를 저장했습니다." {
			t.Errorf("the flash says %q", got)
		}
		if strings.HasPrefix(text(doc.Find("head title")), "오류") {
			t.Errorf("a saved form's next page is titled %q", text(doc.Find("head title")))
		}
		if again := parse(t, admin.Get(page).Body.String()); again.Find("#flash").Length() != 0 {
			t.Error("the flash is said again on the page after")
		}

		moel := handlerstest.NewClient(t, e)
		moel.Login("moel", models.DemoPassword)
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		moel.HTMX = true
		rec = moel.Post("/pairs/"+strconv.FormatInt(pair.ID, 10)+"/tasks", url.Values{"title": {"빈 일자리 매칭"}, "category": {"public_benefit"}, "status": {"discovered"}})
		if rec.Code != http.StatusOK || parse(t, rec.Body.String()).Find("article.task-item").Length() != 1 {
			t.Fatalf("add a task with htmx = %d, want 200 with the task", rec.Code)
		}
		trigger := rec.Header().Get("HX-Trigger")
		var said map[string]string
		if err := json.Unmarshal([]byte(trigger), &said); err != nil || !strings.HasPrefix(said["gyoryu:done"], "과제를 추가했습니다.") {
			t.Errorf("HX-Trigger = %q (%v), want gyoryu:done saying the task was added", trigger, err)
		}
		for _, b := range []byte(trigger) {
			if b < 0x20 || b > 0x7e {
				t.Fatalf("HX-Trigger %q is not ASCII", trigger)
			}
		}
		if len(rec.Result().Cookies()) != 0 {
			t.Errorf("an htmx save set cookies %v: its flash would show on a later page", rec.Result().Cookies())
		}
	})
}

// secondFactorPages enrols kdca's second factor and returns the page of its
// sign-in's second step and its own 2단계 인증 page, then the enrolment page of
// a sign-in held at its second step for dapa, who has none.
func secondFactorPages(t *testing.T, s *models.Store, e http.Handler) []string {
	t.Helper()
	ctx := t.Context()
	kdca, err := s.UserByID(ctx, mustUserID(t, s, "kdca"))
	if err != nil {
		t.Fatal(err)
	}
	_, secret, err := s.PendingSecondFactor(ctx, kdca)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := models.TOTPCode(secret, s.Now().Add(-30*time.Second))
	if _, err := s.EnrolSecondFactor(ctx, models.ActorOf(&kdca, ""), kdca.ID, models.SecondFactorCode{Code: code}); err != nil {
		t.Fatal(err)
	}
	c := handlerstest.NewClient(t, e)
	c.Remote = "198.51.100.99:40000"
	c.Get("/login")
	c.Post("/login", url.Values{"login": {"kdca"}, "password": {models.DemoPassword}})
	pages := []string{c.Get("/login/code").Body.String()}
	code, _ = models.TOTPCode(secret, s.Now())
	if rec := c.Post("/login/code", url.Values{"code": {code}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("kdca's second step: %d", rec.Code)
	}
	pages = append(pages, c.Get("/account/second-factor").Body.String())
	token, err := s.StartChallenge(ctx, mustUserID(t, s, "dapa"), "")
	if err != nil {
		t.Fatal(err)
	}
	d := handlerstest.NewClient(t, e)
	d.Cookies["gyoryu_challenge"] = &http.Cookie{Name: "gyoryu_challenge", Value: token}
	return append(pages, d.Get("/login/enrol").Body.String())
}
