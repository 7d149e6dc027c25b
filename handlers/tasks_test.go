package handlers_test

import (
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// taskFixture is the round-2 pair of moel and mss with one task of theirs.
type taskFixture struct {
	e      http.Handler
	s      *models.Store
	pairID string
	task   models.CollaborationTask
}

func newTaskFixture(t *testing.T, s *models.Store) taskFixture {
	t.Helper()
	handlerstest.SeedAccounts(t, s)
	var pair models.ExchangePair
	err := s.DB().Joins("JOIN ministries a ON a.id = exchange_pairs.ministry_a_id").
		Joins("JOIN ministries b ON b.id = exchange_pairs.ministry_b_id").
		Where("a.code = 'moel' AND b.code = 'mss'").Take(&pair).Error
	if err != nil {
		t.Fatal(err)
	}
	task, err := s.CreateTask(context.Background(), models.System, pair.ID, models.TaskInput{
		Title: "중소기업 빈 일자리 매칭", Category: "public_benefit", Status: "discovered", Progress: "10"})
	if err != nil {
		t.Fatal(err)
	}
	return taskFixture{e: handlerstest.NewRouter(t, s, handlers.Config{}), s: s, pairID: strconv.FormatInt(pair.ID, 10), task: task}
}

func (f taskFixture) taskPath(suffix string) string {
	return "/tasks/" + strconv.FormatInt(f.task.ID, 10) + suffix
}

func (f taskFixture) itemID() string { return "#task-" + strconv.FormatInt(f.task.ID, 10) }

func (f taskFixture) signIn(t *testing.T, login string) *handlerstest.Client {
	c := handlerstest.NewClient(t, f.e)
	c.Login(login, models.DemoPassword)
	return c
}

func parseRec(t *testing.T, rec *httptest.ResponseRecorder) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(rec.Body.String()))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// isFullPage tells a full page (layout, header) from an htmx fragment.
func isFullPage(rec *httptest.ResponseRecorder) bool {
	return strings.HasPrefix(strings.TrimSpace(rec.Body.String()), "<!doctype html>") ||
		strings.Contains(rec.Body.String(), `class="site-header"`)
}

func taskForm(doc *goquery.Document, sel string) url.Values {
	form := url.Values{}
	doc.Find(sel + " form input, " + sel + " form textarea, " + sel + " form select").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		switch {
		case goquery.NodeName(s) == "textarea":
			form.Set(name, s.Text())
		case goquery.NodeName(s) == "select":
			v, _ := s.Find("option[selected]").Attr("value")
			form.Set(name, v)
		default:
			v, _ := s.Attr("value")
			form.Set(name, v)
		}
	})
	return form
}

func TestTaskEditAnswersAFragmentToHTMXAndThePairPageWithoutIt(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newTaskFixture(t, s)
		c := f.signIn(t, "mss")

		page := c.Get(f.taskPath("/edit"))
		if page.Code != http.StatusOK || !isFullPage(page) {
			t.Fatalf("GET edit without htmx: %d, full page %v", page.Code, isFullPage(page))
		}
		doc := parseRec(t, page)
		if doc.Find("h1").Length() != 1 || doc.Find("section#tasks "+f.itemID()+".editing form").Length() != 1 {
			t.Errorf("the full page does not show the pair with the task in edit mode")
		}

		c.HTMX = true
		frag := c.Get(f.taskPath("/edit"))
		if frag.Code != http.StatusOK || isFullPage(frag) {
			t.Fatalf("GET edit with htmx: %d, full page %v", frag.Code, isFullPage(frag))
		}
		fdoc := parseRec(t, frag)
		if got := fdoc.Find("body > article" + f.itemID() + ".editing").Length(); got != 1 {
			t.Fatalf("the fragment is not the task's item in edit mode:\n%s", truncate(frag.Body.String(), 500))
		}
		if v, _ := fdoc.Find(`form input[name=version]`).Attr("value"); v != "1" {
			t.Errorf("form version = %q, want 1", v)
		}
		if hx, _ := fdoc.Find("form").Attr("hx-target"); hx != f.itemID() {
			t.Errorf("form hx-target = %q, want %s", hx, f.itemID())
		}

		// A validation error comes back in place, with the message by the field.
		form := taskForm(fdoc, "body")
		form.Set("title", "")
		bad := c.Post(f.taskPath(""), form)
		if bad.Code != http.StatusUnprocessableEntity || isFullPage(bad) {
			t.Fatalf("invalid save with htmx: %d, full page %v", bad.Code, isFullPage(bad))
		}
		bdoc := parseRec(t, bad)
		msg := text(bdoc.Find("#f-task-" + strconv.FormatInt(f.task.ID, 10) + "-title-error"))
		if msg != "과제명을 입력해 주십시오." {
			t.Errorf("title message = %q", msg)
		}
		if inv, _ := bdoc.Find(`input[name=title]`).Attr("aria-invalid"); inv != "true" {
			t.Errorf("the title input is not marked invalid")
		}

		// A good save swaps the updated row back.
		form.Set("title", "중소기업 빈 일자리 매칭 확대")
		form.Set("status", "in_progress")
		good := c.Post(f.taskPath(""), form)
		if good.Code != http.StatusOK || isFullPage(good) {
			t.Fatalf("save with htmx: %d, full page %v\n%s", good.Code, isFullPage(good), truncate(good.Body.String(), 500))
		}
		gdoc := parseRec(t, good)
		row := gdoc.Find("body > article" + f.itemID())
		if row.HasClass("editing") || text(row.Find("h3")) != "중소기업 빈 일자리 매칭 확대" || text(row.Find(".task-status")) != "추진 중" {
			t.Errorf("saved row = %q / %q", text(row.Find("h3")), text(row.Find(".task-status")))
		}
		if v, _ := row.Attr("data-version"); v != "2" {
			t.Errorf("saved row version = %q, want 2", v)
		}

		// Without htmx the same save redirects to the pair page; an error shows the full page.
		c.HTMX = false
		form.Set("version", "2")
		form.Set("progress", "30")
		rec := c.Post(f.taskPath(""), form)
		if want := "/pairs/" + f.pairID + f.itemID(); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != want {
			t.Errorf("plain save: %d → %q, want 303 → %q", rec.Code, rec.Header().Get("Location"), want)
		}
		form.Set("version", "3")
		form.Set("progress", "150")
		rec = c.Post(f.taskPath(""), form)
		if rec.Code != http.StatusUnprocessableEntity || !isFullPage(rec) || parseRec(t, rec).Find("#f-task-"+strconv.FormatInt(f.task.ID, 10)+"-progress-error").Length() != 1 {
			t.Errorf("plain invalid save: %d, full page %v", rec.Code, isFullPage(rec))
		}
	})
}

func TestAStaleSaveGetsTheConflictViewWith409(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		for _, htmx := range []bool{true, false} {
			f := newTaskFixture(t, s)
			moel, mss := f.signIn(t, "moel"), f.signIn(t, "mss")
			moel.HTMX, mss.HTMX = htmx, htmx
			// Both open the form at version 1.
			moelForm := taskForm(parseRec(t, moel.Get(f.taskPath("/edit"))), f.itemID())
			mssForm := taskForm(parseRec(t, mss.Get(f.taskPath("/edit"))), f.itemID())
			moelForm.Set("title", "고용부가 먼저 저장한 제목")
			if rec := moel.Post(f.taskPath(""), moelForm); rec.Code >= 400 {
				t.Fatalf("first save: %d", rec.Code)
			}
			mssForm.Set("title", "중기부가 나중에 저장한 제목")
			mssForm.Set("progress", "55")
			rec := mss.Post(f.taskPath(""), mssForm)
			if rec.Code != http.StatusConflict || isFullPage(rec) == htmx {
				t.Fatalf("htmx=%v stale save: %d, full page %v", htmx, rec.Code, isFullPage(rec))
			}
			doc := parseRec(t, rec)
			item := doc.Find("article" + f.itemID() + ".conflict")
			if item.Length() != 1 {
				t.Fatalf("htmx=%v: no conflict view\n%s", htmx, truncate(rec.Body.String(), 600))
			}
			title := item.Find("table.conflict-table tbody tr").First()
			if text(title.Find("td.theirs")) != "고용부가 먼저 저장한 제목" || text(title.Find("td.yours")) != "중기부가 나중에 저장한 제목" || !title.HasClass("differs") {
				t.Errorf("htmx=%v: conflict row = %q vs %q", htmx, text(title.Find("td.theirs")), text(title.Find("td.yours")))
			}
			// The form carries the other person's new version and my values: saving it reapplies mine.
			again := taskForm(doc, "article"+f.itemID()+".conflict")
			if again.Get("version") != "2" || again.Get("title") != "중기부가 나중에 저장한 제목" || again.Get("progress") != "55" {
				t.Errorf("htmx=%v: reapply form = %v", htmx, again)
			}
			if rec := mss.Post(f.taskPath(""), again); rec.Code != http.StatusOK && rec.Code != http.StatusSeeOther {
				t.Errorf("htmx=%v: reapplying: %d", htmx, rec.Code)
			}
			now, _ := s.TaskByID(context.Background(), f.task.ID)
			if now.Version != 3 || now.Title != "중기부가 나중에 저장한 제목" {
				t.Errorf("htmx=%v: after reapplying: v%d %q", htmx, now.Version, now.Title)
			}
			// A stale delete is refused too.
			mss.HTMX = htmx
			if rec := mss.Post(f.taskPath("/delete"), url.Values{"version": {"1"}}); rec.Code != http.StatusConflict {
				t.Errorf("htmx=%v: stale delete: %d, want 409", htmx, rec.Code)
			}
		}
	})
}

func TestAddingATaskAndAMetricOutcomeAppendsThem(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newTaskFixture(t, s)
		c := f.signIn(t, "moel")
		c.HTMX = true
		slot := parseRec(t, c.Get("/pairs/"+f.pairID+"/tasks/new"))
		if slot.Find("body > div#task-new form#task-new-form").Length() != 1 {
			t.Fatal("the add fragment is not the open add slot")
		}
		rec := c.Post("/pairs/"+f.pairID+"/tasks", url.Values{"title": {"고용지원 연계"}, "category": {"administrative_efficiency"},
			"status": {"discovered"}, "progress": {"0"}, "national_agenda": {"국정과제 38"}, "starts_on": {"2025-02-01"}, "due_on": {"2025-12-31"}})
		if rec.Code != http.StatusOK {
			t.Fatalf("add task: %d\n%s", rec.Code, truncate(rec.Body.String(), 500))
		}
		doc := parseRec(t, rec)
		if doc.Find("div#task-new a").Length() != 1 || text(doc.Find("div#task-new a")) != "과제 추가" {
			t.Error("the add slot did not close back to its button")
		}
		added := doc.Find(`[hx-swap-oob="beforeend:#task-list"] > article.task-item`)
		if added.Length() != 1 || text(added.Find("h3")) != "고용지원 연계" {
			t.Fatalf("the new task is not appended out of band:\n%s", truncate(rec.Body.String(), 800))
		}
		id, _ := added.Attr("id")
		taskID := strings.TrimPrefix(id, "task-")

		bad := c.Post("/tasks/"+taskID+"/outcomes", url.Values{"kind": {"metric"}, "summary": {"매칭 기간 단축"}, "evidence_url": {"javascript:alert(1)"}})
		bdoc := parseRec(t, bad)
		if bad.Code != http.StatusUnprocessableEntity || bdoc.Find("#f-task-"+taskID+"-outcome-new-evidence_url-error").Length() != 1 ||
			bdoc.Find("#f-task-"+taskID+"-outcome-new-unit-error").Length() != 1 {
			t.Errorf("invalid outcome: %d\n%s", bad.Code, truncate(bad.Body.String(), 400))
		}
		rec = c.Post("/tasks/"+taskID+"/outcomes", url.Values{"kind": {"metric"}, "summary": {"매칭 기간 30일 → 12일"},
			"label": {"매칭 소요기간"}, "value_before": {"30"}, "value_after": {"12"}, "unit": {"일"}, "better": {"lower"},
			"period_before": {"2024년"}, "period_after": {"2025년"}, "evidence_url": {"https://www.moel.go.kr/"}})
		if rec.Code != http.StatusOK {
			t.Fatalf("add outcome: %d\n%s", rec.Code, truncate(rec.Body.String(), 500))
		}
		odoc := parseRec(t, rec)
		li := odoc.Find(`[hx-swap-oob="beforeend:#task-` + taskID + `-outcomes"] > li.outcome-item`)
		if li.Length() != 1 || li.Find("figure.metric").Length() != 1 || !strings.Contains(text(li.Find(".metric-change")), "60% 감소") {
			t.Errorf("the new metric outcome is not appended with its bars:\n%s", truncate(rec.Body.String(), 800))
		}

		// Without JavaScript: the add link opens the form on the full page, and saving redirects.
		c.HTMX = false
		page := c.Get("/pairs/" + f.pairID + "/tasks/new")
		if !isFullPage(page) || parseRec(t, page).Find("section#tasks div#task-new form").Length() != 1 {
			t.Error("the add page without htmx does not show the pair page with the add form")
		}
		rec = c.Post("/pairs/"+f.pairID+"/tasks", url.Values{"title": {"두 번째 과제"}, "category": {"other"}, "status": {"discovered"}})
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/pairs/"+f.pairID+"#task-") {
			t.Errorf("plain add: %d → %q", rec.Code, rec.Header().Get("Location"))
		}
		pdoc := parseRec(t, c.Get("/pairs/"+f.pairID))
		if n := pdoc.Find("#task-list > article.task-item").Length(); n != 3 {
			t.Errorf("the pair page lists %d tasks, want 3", n)
		}
	})
}

func TestDeletingAsksFirstWithoutJavaScript(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newTaskFixture(t, s)
		c := f.signIn(t, "mss")
		row := parseRec(t, c.Get("/pairs/"+f.pairID)).Find(f.itemID())
		del := row.Find(`a[hx-post$="/delete"]`)
		if confirm, _ := del.Attr("hx-confirm"); confirm == "" || text(del) != "삭제" {
			t.Errorf("삭제 = %q without hx-confirm %q", text(del), confirm)
		}
		if href, _ := del.Attr("href"); href != f.taskPath("/delete") {
			t.Errorf("삭제 without JavaScript goes to %q", href)
		}
		confirm := parseRec(t, c.Get(f.taskPath("/delete")))
		if confirm.Find(`form[action="`+f.taskPath("/delete")+`"] input[name=version][value="1"]`).Length() != 1 {
			t.Fatal("the confirmation page has no form posting the version")
		}
		c.HTMX = true
		rec := c.Post(f.taskPath("/delete"), url.Values{"version": {"1"}})
		if rec.Code != http.StatusOK || strings.TrimSpace(rec.Body.String()) != "" {
			t.Errorf("htmx delete: %d %q, want 200 and nothing (the row is removed)", rec.Code, rec.Body.String())
		}
		if _, err := s.TaskByID(context.Background(), f.task.ID); err == nil {
			t.Error("the task still exists")
		}
	})
}

func TestReviewersReadTasksWithoutEditingControls(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		f := newTaskFixture(t, s)
		doc := parseRec(t, f.signIn(t, "reviewer").Get("/pairs/"+f.pairID))
		if doc.Find(f.itemID()).Length() != 1 {
			t.Fatal("the reviewer does not see the task")
		}
		if n := doc.Find(`#tasks a[hx-get], #tasks a[hx-post], #task-new`).Length(); n != 0 {
			t.Errorf("the reviewer sees %d editing controls", n)
		}
		edit := parseRec(t, f.signIn(t, "mss").Get("/pairs/"+f.pairID)).Find(f.itemID() + ` a[hx-get$="/edit"]`)
		if text(edit) != "수정" {
			t.Errorf("the coordinator's 수정 = %q", text(edit))
		}
	})
}
