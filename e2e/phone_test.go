package e2e_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// headerRows counts the rows the header's own items take on screen (the site's
// name, the menus, the person, 전체메뉴); the government identifier strip and
// the demo banner above them are not counted.
const headerRows = `(() => {
	const items = Array.from(document.querySelectorAll('.site-name, .site-nav a, .site-user > *, .all-menu > summary, .work-nav a'))
		.map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0).sort((a, b) => a.top - b.top);
	let rows = 0, bottom = -Infinity;
	for (const r of items) {
		if (r.top >= bottom - 1) { rows++; bottom = r.bottom; } else { bottom = Math.max(bottom, r.bottom); }
	}
	return rows;
})()`

// unreachableColumns lists the tables wider than their wrapper that a keyboard
// cannot scroll: every wide table must sit in a focusable, named region.
const unreachableColumns = `Array.from(document.querySelectorAll('main table')).filter(t => {
	const wrap = t.closest('.krds-table-wrap');
	if (!wrap) return t.getBoundingClientRect().right > window.innerWidth + 1;
	if (wrap.scrollWidth <= wrap.clientWidth + 1) return false;
	return !(wrap.tabIndex === 0 && wrap.getAttribute('role') === 'region' && wrap.getAttribute('aria-label'));
}).map(t => t.className)`

// On a 360px phone the header takes at most two rows, the work menu opening
// from 전체메뉴 (by keyboard, and without JavaScript); every column of the work
// tables can be reached; and at 200% text on a 320px phone the pair page does
// not scroll sideways. Screenshots go to SCREENSHOT_DIR.
func TestBrowserWorkPagesOnPhones(t *testing.T) {
	t.Parallel()
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
	pairPath := "/pairs/" + strconv.FormatInt(modelstest.Round2Pair(t, s, "moel", "mss").ID, 10)
	if _, err := s.CreateTask(t.Context(), models.System, modelstest.Round2Pair(t, s, "moel", "mss").ID, models.TaskInput{
		Title: "중소기업 현장 인력 공동 발굴과 고용센터 구인 정보 연계", Category: "public_benefit", Status: "discovered",
		NationalAgenda: "중소기업 인력난 해소", StartsOn: "2025-03-01", DueOn: "2025-12-31", Progress: "35"}); err != nil {
		t.Fatal(err)
	}

	for _, who := range []struct {
		login string
		pages []string
	}{
		{"admin", []string{"/workspace", pairPath, "/admin/rounds", "/pairs", "/admin/audit", "/admin/access", "/progress"}},
		{"moel", []string{"/workspace", pairPath}},
	} {
		t.Run(who.login, func(t *testing.T) {
			for _, js := range []bool{true, false} {
				ctx := newBrowser(t, browserOptions{width: 360, height: 740, noJS: !js, timeout: 2 * time.Minute})
				browserLogin(t, ctx, base, who.login, models.DemoPassword)
				for _, p := range who.pages {
					run(t, ctx, "open "+p, chromedp.Navigate(base+p), chromedp.WaitReady("footer", chromedp.ByQuery))
					var rows int
					var hidden []string
					run(t, ctx, "measure "+p, chromedp.Evaluate(headerRows, &rows), chromedp.Evaluate(unreachableColumns, &hidden))
					if rows > 2 {
						t.Errorf("%s as %s (JavaScript %v): the header takes %d rows on a 360px phone, want at most 2", p, who.login, js, rows)
					}
					if len(hidden) > 0 {
						t.Errorf("%s as %s: tables %q are wider than the screen and no keyboard can scroll them", p, who.login, hidden)
					}
					assertFits(t, ctx, p, 360)
					if js && (p == "/workspace" || p == pairPath || p == "/admin/rounds") {
						screenshot(t, ctx, "phone"+strings.ReplaceAll(p, "/", "-"))
					}
				}
				// 전체메뉴 opens with Enter (a <details>: with or without JavaScript) and
				// lists the work menu.
				var links int
				run(t, ctx, "open 전체메뉴",
					chromedp.Focus(".all-menu > summary", chromedp.ByQuery),
					chromedp.KeyEvent(kb.Enter),
					chromedp.Evaluate(`Array.from(document.querySelectorAll('.all-menu-nav a')).filter(a => a.getClientRects().length > 0).length`, &links),
				)
				if links < 2 {
					t.Errorf("as %s (JavaScript %v): 전체메뉴 opened on %d visible links", who.login, js, links)
				}
				if js {
					screenshot(t, ctx, "phone-all-menu")
				}
			}
		})
	}

	// 200% text (the browser's default size doubled) on a 320px phone.
	ctx := newBrowser(t, browserOptions{width: 320, height: 640})
	browserLogin(t, ctx, base, "moel", models.DemoPassword)
	run(t, ctx, "double the text", page.SetFontSizes(&page.FontSizes{Standard: 32, Fixed: 26}))
	run(t, ctx, "open the pair page", chromedp.Navigate(base+pairPath), chromedp.WaitReady("footer", chromedp.ByQuery))
	var root string
	run(t, ctx, "read the text size", chromedp.Evaluate(`getComputedStyle(document.documentElement).fontSize`, &root))
	if root != "20px" {
		t.Fatalf("the root font size is %s, want 20px (200%% of 10px)", root)
	}
	assertFits(t, ctx, "the pair page at 200% text", 320)
	screenshot(t, ctx, "pair-200-percent-text")
}
