package e2e_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// publicLook is, for every element of the body (and its ::before and
// ::after), the computed styles that make its look and its box; then it swaps
// the page's stylesheet for the one at the given URL and answers both lists.
const publicLook = `(async (other) => {
  const props = ['display', 'position', 'float', 'visibility', 'color', 'background-color', 'background-image',
    'font-family', 'font-size', 'font-weight', 'font-style', 'line-height', 'letter-spacing', 'text-align',
    'text-decoration-line', 'text-transform', 'white-space', 'list-style-type', 'opacity', 'box-shadow',
    'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'padding-top', 'padding-right', 'padding-bottom',
    'padding-left', 'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
    'border-top-color', 'border-bottom-color', 'border-top-left-radius', 'flex-direction', 'flex-wrap', 'gap',
    'grid-template-columns', 'overflow-x', 'fill', 'stroke', 'width', 'height'];
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
  const snap = () => [...document.querySelectorAll('body *')].map((e) => {
    const out = [name(e)];
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(e, pseudo);
      if (pseudo && s.content === 'none') continue;
      out.push((pseudo || '') + props.map((p) => p + ':' + s.getPropertyValue(p)).join(';') + (pseudo ? ';content:' + s.content : ''));
    }
    const r = e.getBoundingClientRect();
    out.push('box:' + [r.x, r.y, r.width, r.height].map(Math.round).join(','));
    return out.join(' | ');
  });
  await document.fonts.ready;
  const own = snap();
  const link = document.querySelector('link[rel=stylesheet]');
  const swap = document.createElement('link');
  swap.rel = 'stylesheet';
  swap.href = other;
  await new Promise((ok, fail) => { swap.onload = ok; swap.onerror = fail; link.after(swap); });
  link.remove();
  await document.fonts.ready;
  return [own, snap()];
})`

// TestBrowserPublicPagesLoadLittleAndLookTheSame opens every kind of public
// page, read without an account, at a phone's and a desktop's width: it loads
// no script, one stylesheet (css/public.css, trimmed to the public templates)
// and of the fonts only the slices of the site's own words; and every element
// looks and sits exactly as with the whole app.css, which catches a rule that
// public.css lost (say, a new public template missing from static/build.mjs's
// publicViews).
func TestBrowserPublicPagesLoadLittleAndLookTheSame(t *testing.T) {
	t.Parallel()
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	base := handlerstest.Serve(t, s, handlers.Config{})
	appCSS := stylesheetOf(t, base+"/login")
	if !strings.Contains(appCSS, "/css/app.") {
		t.Fatalf("the login page's stylesheet is %q, want app.css", appCSS)
	}
	font := regexp.MustCompile(`/fonts/PretendardGOV-(Regular|Bold)-site\.[0-9a-f]{12}\.woff2$`)
	for _, width := range []int64{360, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			ctx := newBrowser(t, browserOptions{width: width, height: 900})
			for _, page := range publicPages {
				var scripts int
				var sheets, fonts []string
				run(t, ctx, "open "+page,
					chromedp.Navigate(base+page),
					chromedp.WaitReady("footer", chromedp.ByQuery),
					chromedp.Evaluate(`document.fonts.ready.then(() => true)`, nil, awaitPromise),
					chromedp.Evaluate(`document.scripts.length`, &scripts),
					chromedp.Evaluate(`[...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.getAttribute('href'))`, &sheets),
					chromedp.Evaluate(`performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.includes('/fonts/'))`, &fonts),
				)
				if scripts != 0 {
					t.Errorf("%s has %d scripts, want none", page, scripts)
				}
				if len(sheets) != 1 || !strings.Contains(sheets[0], "/css/public.") {
					t.Errorf("%s links the stylesheets %q, want css/public.css alone", page, sheets)
				}
				if len(fonts) == 0 {
					t.Errorf("%s loaded no font", page)
				}
				for _, f := range fonts {
					if !font.MatchString(f) {
						t.Errorf("%s loaded the font %s, want only the slices of the site's own words", page, f)
					}
				}
				var looks [2][]string
				run(t, ctx, "compare the stylesheets on "+page, chromedp.Evaluate(publicLook+`(`+quote(appCSS)+`)`, &looks, awaitPromise))
				if len(looks[0]) != len(looks[1]) {
					t.Fatalf("%s: %d elements, then %d", page, len(looks[0]), len(looks[1]))
				}
				differ := 0
				for i := range looks[0] {
					if looks[0][i] != looks[1][i] {
						if differ++; differ <= 3 {
							t.Errorf("%s at %dpx looks otherwise with app.css than with public.css:\n public.css %s\n app.css    %s", page, width, looks[0][i], looks[1][i])
						}
					}
				}
				if differ > 3 {
					t.Errorf("%s at %dpx: %d elements differ in all", page, width, differ)
				}
			}
		})
	}
}

func awaitPromise(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
	return p.WithAwaitPromise(true)
}

// stylesheetOf fetches a page and answers its first stylesheet's URL.
func stylesheetOf(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	m := regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)"`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("%s links no stylesheet", url)
	}
	return string(m[1])
}

func quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
}
