package e2e_test

import (
	"context"
	"fmt"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// axeWidths are the screens every signed-in page is checked at: a phone and a desktop.
var axeWidths = []int64{360, 1280}

// axeRules are the axe-core rule sets the pages must pass: WCAG 2.1 A and AA
// and axe's best practices.
const axeRules = `{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}`

// checkAxe runs axe-core on the page the tab shows, once per width, and
// reports every violation under label; then it gives the tab its size back and
// lets it settle, for a test that goes on clicking.
func checkAxe(t *testing.T, ctx context.Context, axe, label string) {
	t.Helper()
	var size struct{ Width, Height int64 }
	run(t, ctx, "read the window of "+label, chromedp.Evaluate(`({width: innerWidth, height: innerHeight})`, &size))
	defer settleAt(t, ctx, size.Width, size.Height, label)
	checkAxeBeforeLeaving(t, ctx, axe, label)
}

// checkAxeBeforeLeaving is checkAxe for a tab that opens another page next:
// the sizes axe tried are left as they are (a new page lays itself out anew).
// axe is injected when the page lacks it.
func checkAxeBeforeLeaving(t *testing.T, ctx context.Context, axe, label string) {
	t.Helper()
	var loaded bool
	run(t, ctx, "look for axe on "+label, chromedp.Evaluate(`typeof window.axe === 'object'`, &loaded))
	if !loaded {
		run(t, ctx, "inject axe on "+label, chromedp.Evaluate(axe, nil))
	}
	for _, width := range axeWidths {
		var violations []axeViolation
		run(t, ctx, fmt.Sprintf("axe %s at %dpx", label, width),
			emulation.SetDeviceMetricsOverride(width, 900, 1, width < 600),
			chromedp.Evaluate(`axe.run(document, `+axeRules+`).then(r => r.violations)`, &violations,
				func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }),
		)
		for _, v := range violations {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprint(n.Target...)+" ("+strings.ReplaceAll(n.FailureSummary, "\n", " ")+")")
			}
			t.Errorf("%s at %dpx: %s (%s) %s: %s", label, width, v.ID, v.Impact, v.Help, strings.Join(where, ", "))
		}
	}
}

// settleAt gives the tab back the size it had before axe, and waits until
// the transitions that the change of width set off (KRDS buttons ease their
// width) have ended: a click aimed at a button still shrinking lands beside it
// when the mouse is released, and nothing is submitted.
func settleAt(t *testing.T, ctx context.Context, width, height int64, label string) {
	t.Helper()
	run(t, ctx, "give "+label+" its size back",
		emulation.SetDeviceMetricsOverride(width, height, 1, width < 600),
		chromedp.Evaluate(`Promise.all(document.getAnimations().filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity).map(a => a.finished.catch(() => null))).then(() => true)`, nil,
			func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }))
}

// faintEmptySelects lists the selects showing their empty choice ("전체",
// "선택") whose text contrasts less than 4.5:1 with their background. axe
// leaves a select's own text alone, so it is measured here.
const faintEmptySelects = `(() => {
	const rgb = s => s.match(/[\d.]+/g).slice(0, 3).map(Number);
	const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
	return Array.from(document.querySelectorAll('select')).filter(s => s.value === '' && s.getClientRects().length > 0).map(s => {
		const st = getComputedStyle(s);
		const bg = st.backgroundColor.startsWith('rgba(0, 0, 0, 0)') ? 'rgb(255, 255, 255)' : st.backgroundColor;
		const [a, b] = [lum(rgb(st.color)), lum(rgb(bg))];
		const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
		return ratio < 4.5 ? (s.name + ' ' + ratio.toFixed(2) + ':1 (' + st.color + ')') : null;
	}).filter(Boolean);
})()`

// TestBrowserSignedInPagesPassAxe walks the route table: every GET route that
// answers a page, as every signed-in role the access matrix lets through (with
// the matrix's records), is checked by axe-core at a phone's and a desktop's
// width (public pages once, as an administrator; a route whose <main> is the
// same for two roles once, as the first). A route added to the table is
// walked as soon as it has its matrix case. The pages are walked in tabs of
// at most axeTabPages, beside each other: one tab for the 134 pages outlived
// its guard on a busy machine.
func TestBrowserSignedInPagesPassAxe(t *testing.T) {
	t.Parallel()
	axe := axeSource(t)
	start := time.Now()
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	e := handlerstest.NewRouter(t, s, handlers.Config{Demo: true})
	fx := handlerstest.MatrixFixtures(t, s, e)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	type page struct{ path, label string } // label: path (route name)
	type walk struct {
		as    handlerstest.Persona
		pages []page
	}
	var walks []walk
	shownTo := map[string]handlerstest.Persona{} // route and <main> → the first role shown it
	var same []string
	for _, p := range handlerstest.SignedIn {
		// The same requests through the router first: only pages are opened in the
		// browser (not downloads, redirects or refusals).
		c := handlerstest.NewClient(t, e)
		c.Login(p.Login(), models.DemoPassword)
		w := walk{as: p}
		for _, r := range handlerstest.Routes(t, s) {
			rc := handlerstest.RouteCases[r.Name]
			if r.Method != http.MethodGet || r.Bare || r.Name == "login" || !rc.Allows(p) {
				continue
			}
			// A public page shows everyone the same content; its signed-in frame is
			// checked with every role's own pages, so one role's visit is enough.
			if r.Kept && p != handlerstest.Admin {
				continue
			}
			path := fx.Expand(rc.Path)
			rec := c.Do(http.MethodGet, path, nil, nil)
			if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
				continue
			}
			// A route that shows this role the very <main> it showed an earlier
			// role is not opened again: axe would judge the same elements, and
			// this role's header and menu are judged on its own other pages.
			key := r.Name + "\x00" + csrfValue.ReplaceAllString(mainOf(t, rec.Body.String(), path), "")
			if first, ok := shownTo[key]; ok {
				same = append(same, fmt.Sprintf("%s as %s (as %s)", r.Name, p, first))
				continue
			}
			shownTo[key] = p
			w.pages = append(w.pages, page{path, fmt.Sprintf("%s (%s)", path, r.Name)})
			if len(w.pages) == axeTabPages {
				walks, w = append(walks, w), walk{as: p}
			}
		}
		if len(w.pages) > 0 {
			walks = append(walks, w)
		}
	}
	pages := 0
	t.Run("tabs", func(t *testing.T) {
		for i, w := range walks {
			pages += len(w.pages)
			t.Run(fmt.Sprintf("%d as %s", i+1, w.as), func(t *testing.T) {
				t.Parallel()
				ctx := newBrowser(t, browserOptions{width: 1280, height: 900, timeout: 8 * time.Minute})
				browserLogin(t, ctx, srv.URL, w.as.Login(), models.DemoPassword)
				for _, pg := range w.pages {
					run(t, ctx, "open "+pg.path, chromedp.Navigate(srv.URL+pg.path), chromedp.WaitReady("footer", chromedp.ByQuery))
					checkAxeBeforeLeaving(t, ctx, axe, pg.label+" as "+string(w.as))
					var faint []string
					run(t, ctx, "measure the empty selects of "+pg.path, chromedp.Evaluate(faintEmptySelects, &faint))
					for _, f := range faint {
						t.Errorf("%s as %s: an empty select (전체, 선택) reads at %s, want at least 4.5:1", pg.path, w.as, f)
					}
				}
			})
		}
	})
	if pages < 60 {
		t.Errorf("only %d pages checked; the walk is not reaching the signed-in pages", pages)
	}
	if len(same) > 40 {
		t.Errorf("%d of the pages show the same <main> as another role's: the walk is not seeing what each role sees: %s", len(same), strings.Join(same, ", "))
	}
	t.Logf("axe checked %d signed-in pages in %d tabs at %d widths in %s; %d showed a role the <main> another role was shown: %s",
		pages, len(walks), len(axeWidths), time.Since(start).Round(time.Second), len(same), strings.Join(same, ", "))
}

// csrfValue is the form token in a page, which differs from session to session.
var csrfValue = regexp.MustCompile(`name="csrf_token" value="[^"]*"`)

// mainOf is a page's <main> element.
func mainOf(t *testing.T, page, path string) string {
	t.Helper()
	i, j := strings.Index(page, "<main"), strings.Index(page, "</main>")
	if i < 0 || j < i {
		t.Fatalf("%s has no <main>", path)
	}
	return page[i:j]
}

// axeTabPages is how many pages one tab of the walk checks: about a minute
// alone, a few beside the other browser tests, well inside a tab's guard.
const axeTabPages = 25

// The pair page's four htmx states: a task's edit form open, the form
// answered 422, a task added and an outcome added.
func TestBrowserPairPageHTMXStatesPassAxe(t *testing.T) {
	t.Parallel()
	axe := axeSource(t)
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
	pairPath := "/pairs/" + strconv.FormatInt(modelstest.Round2Pair(t, s, "moel", "mss").ID, 10)
	moel := tab{t: t, ctx: newBrowser(t, browserOptions{timeout: 3 * time.Minute}), js: true}
	browserLogin(t, moel.ctx, base, "moel", models.DemoPassword)
	moel.open(base+pairPath, "section#tasks")

	moel.run("add a task",
		jsClick(`#task-new a.krds-btn`),
		shown(`form#task-new-form`),
		chromedp.SendKeys(`#f-task-new-title`, "중소기업 현장 인력 공동 발굴", chromedp.ByQuery),
		chromedp.SetValue(`#f-task-new-category`, "public_benefit", chromedp.ByQuery),
		jsClick(`form#task-new-form button[type=submit]`),
		shown(`#task-new > a.krds-btn`),
	)
	moel.run("wait for the swap")
	checkAxe(t, moel.ctx, axe, "the pair page with a task added")
	var taskID string
	moel.run("read the new task's id", chromedp.Evaluate(`document.querySelector('#task-list > article.task-item:last-of-type').id`, &taskID))

	moel.run("add an outcome",
		jsClick("#"+taskID+"-outcome-new a.krds-btn"),
		shown("form#"+taskID+"-outcome-new-form"),
		chromedp.SendKeys("#f-"+taskID+"-outcome-new-summary", "충원 기간이 줄었다.", chromedp.ByQuery),
		jsClick("form#"+taskID+"-outcome-new-form button[type=submit]"),
		shown("#"+taskID+"-outcomes > li.outcome-item"),
	)
	moel.run("wait for the swap")
	checkAxe(t, moel.ctx, axe, "the pair page with an outcome added")

	edit := "#" + taskID + "-form"
	moel.run("open the edit form",
		jsClick("#"+taskID+" a[aria-label^='수정:']"),
		shown(edit),
	)
	moel.run("wait for the swap")
	checkAxe(t, moel.ctx, axe, "the pair page with a task's form open")

	moel.run("save an empty title",
		emptyField("#f-"+taskID+"-title"),
		jsClick(edit+" button[type=submit]"),
		shown("#f-"+taskID+"-title-error"),
	)
	moel.run("wait for the swap")
	checkAxe(t, moel.ctx, axe, "the pair page with a form answered 422")
}

// jsClick clicks an element from the page's own script: the axe runs between
// the steps change the screen's size, which can leave a click at coordinates
// (chromedp.Click) on the wrong spot.
func jsClick(sel string) chromedp.Action {
	return chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q).click()`, sel), nil)
}
