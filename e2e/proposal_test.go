package e2e_test

import (
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// These tests walk issue 4's "done when" as people would, in Chromium: each
// step waits for something only the next page has, never for a generic h1.

// run runs browser actions and fails the test with what was being done.
func run(t *testing.T, ctx context.Context, doing string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", doing, err)
	}
}

// count is how many elements match a CSS selector on the current page.
func count(t *testing.T, ctx context.Context, selector string) int {
	t.Helper()
	var n int
	run(t, ctx, "count "+selector, chromedp.Evaluate(`document.querySelectorAll(`+jsString(selector)+`).length`, &n))
	return n
}

// texts are the trimmed texts of the elements matching a CSS selector.
func texts(t *testing.T, ctx context.Context, selector string) []string {
	t.Helper()
	var out []string
	run(t, ctx, "read "+selector, chromedp.Evaluate(`Array.from(document.querySelectorAll(`+jsString(selector)+
		`), e => e.textContent.replace(/\s+/g, ' ').trim())`, &out))
	return out
}

// pathname is the path of the page the browser shows.
func pathname(t *testing.T, ctx context.Context) string {
	t.Helper()
	var p string
	run(t, ctx, "read location", chromedp.Evaluate(`location.pathname`, &p))
	return p
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// historySteps reads a pair page's status history as "from→to" steps.
func historySteps(t *testing.T, ctx context.Context) []string {
	t.Helper()
	var steps []string
	run(t, ctx, "read the status history", chromedp.Evaluate(`Array.from(document.querySelectorAll('table.status-history tbody tr'),
		tr => tr.cells[1].textContent.trim() + '→' + tr.cells[2].textContent.trim())`, &steps))
	return steps
}

// createRoundInBrowser fills in the new round form and returns the round's admin page path.
func createRoundInBrowser(t *testing.T, ctx context.Context, base, number, title string) string {
	t.Helper()
	run(t, ctx, "create round "+number,
		chromedp.Navigate(base+"/admin/rounds"),
		chromedp.Click(`main a[href="/admin/rounds/new"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`form[action="/admin/rounds"] #f-number`, chromedp.ByQuery),
		chromedp.SendKeys(`#f-number`, number, chromedp.ByQuery),
		chromedp.SendKeys(`#f-title`, title, chromedp.ByQuery),
		chromedp.Click(`form[action="/admin/rounds"] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`ol.round-stages`, chromedp.ByQuery), // only an existing round's page
	)
	return pathname(t, ctx)
}

func TestBrowserProposalToSelection(t *testing.T) {
	t.Parallel()
	for _, mode := range []struct {
		name string
		opts browserOptions
	}{{"javascript", browserOptions{}}, {"no-javascript", browserOptions{noJS: true}}} {
		t.Run(mode.name, func(t *testing.T) {
			s := modelstest.New(t, models.DialectSQLite)
			handlerstest.SeedAccounts(t, s)
			base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
			mss := modelstest.MinistryByCode(t, s, "mss")

			// The admin creates round 3 and opens it for proposals.
			admin := newBrowser(t, mode.opts)
			browserLogin(t, admin, base, "admin", models.DemoPassword)
			roundPath := createRoundInBrowser(t, admin, base, "3", "3차 전략적 인사교류")
			run(t, admin, "open the round for proposals",
				chromedp.Click(`form[action="`+roundPath+`/status"] button[type=submit]`, chromedp.ByQuery),
				// The next stage offered is 선정 완료 only once the round is in 직위 제안 접수.
				chromedp.WaitReady(`form[action="`+roundPath+`/status"] input[name=to][value=selected]`, chromedp.ByQuery),
			)
			if cur := texts(t, admin, `ol.round-stages li[aria-current=step]`); len(cur) != 1 || !strings.Contains(cur[0], "직위 제안 접수") {
				t.Fatalf("current stage = %q, want 직위 제안 접수", cur)
			}
			screenshot(t, admin, "round-open")

			// moel proposes a pair with mss; an empty theme is refused next to its field first.
			moel := newBrowser(t, mode.opts)
			browserLogin(t, moel, base, "moel", models.DemoPassword)
			run(t, moel, "open the proposal form",
				chromedp.Navigate(base+"/pairs"),
				chromedp.Click(`main a[href="/pairs/new"]`, chromedp.ByQuery),
				chromedp.WaitVisible(`form[action="/pairs"] #f-theme`, chromedp.ByQuery),
			)
			if rounds := texts(t, moel, `#f-round_id option`); len(rounds) != 1 || rounds[0] != "3차 전략적 인사교류" {
				t.Errorf("rounds offered = %q, want only the open round 3", rounds)
			}
			run(t, moel, "submit the proposal with a blank theme",
				chromedp.SetValue(`#f-grade`, string(models.GradeDivisionDirector), chromedp.ByQuery),
				chromedp.SendKeys(`#f-title`, "고용정책총괄과장", chromedp.ByQuery),
				chromedp.SetValue(`#f-counterpart_ministry_id`, strconv.FormatInt(mss.ID, 10), chromedp.ByQuery),
				chromedp.SendKeys(`#f-counterpart_title`, "인력정책과장", chromedp.ByQuery),
				chromedp.SendKeys(`#f-theme`, "   ", chromedp.ByQuery), // passes `required`, not the server
				chromedp.SendKeys(`#f-rationale`, "현장 인력 수요를 함께 봐야 합니다.", chromedp.ByQuery),
				chromedp.SendKeys(`#f-agenda_task`, "국정과제 52", chromedp.ByQuery),
				chromedp.Click(`form[action="/pairs"] button[type=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`#f-theme-error`, chromedp.ByQuery),
			)
			if msg := texts(t, moel, `#f-theme-error`); len(msg) != 1 || !strings.Contains(msg[0], "협업 분야") {
				t.Errorf("theme error = %q", msg)
			}
			if n := count(t, moel, `.has-error #f-theme[aria-invalid=true][aria-describedby="f-theme-error"]`); n != 1 {
				t.Error("the theme field is not marked invalid and tied to its message")
			}
			if count(t, moel, `#f-title[value="고용정책총괄과장"]`) != 1 {
				t.Error("the form lost the title that was typed")
			}
			screenshot(t, moel, "proposal-error")
			run(t, moel, "submit the proposal with a theme",
				chromedp.Clear(`#f-theme`, chromedp.ByQuery),
				chromedp.SendKeys(`#f-theme`, "중소기업 인력난 해소", chromedp.ByQuery),
				chromedp.Click(`form[action="/pairs"] button[type=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`table.status-history`, chromedp.ByQuery), // only a pair's page
			)
			pairPath := pathname(t, moel)
			if steps := historySteps(t, moel); strings.Join(steps, ", ") != "→제안됨" {
				t.Errorf("after proposing, history = %q", steps)
			}
			if count(t, moel, `form[action="`+pairPath+`/withdraw"]`) != 1 || count(t, moel, `form[action="`+pairPath+`/agree"]`) != 0 {
				t.Error("the proposer should be offered withdrawal only")
			}

			// mss finds it waiting on its home page and agrees.
			other := newBrowser(t, mode.opts)
			browserLogin(t, other, base, "mss", models.DemoPassword)
			if waiting := texts(t, other, `.waiting-work`); len(waiting) != 1 || !strings.Contains(waiting[0], "1건") {
				t.Errorf("mss's home page shows waiting work %q, want 1건", waiting)
			}
			screenshot(t, other, "workspace-waiting")
			run(t, other, "agree",
				chromedp.Click(`.waiting-work a[href="`+pairPath+`"]`, chromedp.ByQuery),
				chromedp.WaitVisible(`form[action="`+pairPath+`/agree"] button`, chromedp.ByQuery),
				chromedp.Click(`form[action="`+pairPath+`/agree"] button`, chromedp.ByQuery),
				chromedp.WaitVisible(`table.status-history tbody tr:nth-child(2)`, chromedp.ByQuery),
			)

			// The admin sees it waiting and selects it.
			run(t, admin, "select",
				chromedp.Navigate(base+"/workspace"),
				chromedp.WaitVisible(`.waiting-work a[href="`+pairPath+`"]`, chromedp.ByQuery),
				chromedp.Click(`.waiting-work a[href="`+pairPath+`"]`, chromedp.ByQuery),
				chromedp.WaitVisible(`form[action="`+pairPath+`/select"] button`, chromedp.ByQuery),
				chromedp.Click(`form[action="`+pairPath+`/select"] button`, chromedp.ByQuery),
				chromedp.WaitVisible(`table.status-history tbody tr:nth-child(3)`, chromedp.ByQuery),
			)

			// The proposer's page shows 선정됨 and every step.
			run(t, moel, "reload the pair page",
				chromedp.Navigate(base+pairPath),
				chromedp.WaitVisible(`table.status-history tbody tr:nth-child(3)`, chromedp.ByQuery),
			)
			if status := texts(t, moel, `main .info-list .krds-badge`); len(status) != 1 || status[0] != "선정됨" {
				t.Errorf("status = %q, want 선정됨", status)
			}
			if steps := historySteps(t, moel); strings.Join(steps, ", ") != "→제안됨, 제안됨→동의함, 동의함→선정됨" {
				t.Errorf("history = %q", steps)
			}
			if actors := texts(t, moel, `table.status-history tbody td:nth-of-type(3)`); len(actors) != 3 {
				t.Errorf("history actors = %q", actors)
			}
			if count(t, moel, `.pair-workflow form`) != 0 {
				t.Error("a selected pair still offers moves to its proposer")
			}
			screenshot(t, moel, "pair-selected")
		})
	}
}

// writeXLSX writes a workbook in the attachment's layout to a temporary file.
func writeXLSX(t *testing.T, name string, rows [][]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, modelstest.AttachmentXLSX(t, rows), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// uploadInBrowser chooses a file on a round's import page and asks for its preview.
func uploadInBrowser(t *testing.T, ctx context.Context, base, roundPath, file string) {
	t.Helper()
	run(t, ctx, "preview "+filepath.Base(file),
		chromedp.Navigate(base+roundPath),
		chromedp.Click(`main a[href="`+roundPath+`/import"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#f-file`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`#f-file`, []string{file}, chromedp.ByQuery),
		chromedp.Click(`form[action="`+roundPath+`/import"] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`table.import-preview`, chromedp.ByQuery), // only after an upload
	)
}

func TestBrowserImportTheNineRound2Pairs(t *testing.T) {
	t.Parallel()
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
	ctx := newBrowser(t, browserOptions{})
	browserLogin(t, ctx, base, "admin", models.DemoPassword)
	roundPath := createRoundInBrowser(t, ctx, base, "3", "3차 전략적 인사교류")
	roundID, err := strconv.ParseInt(strings.TrimPrefix(roundPath, "/admin/rounds/"), 10, 64)
	if err != nil {
		t.Fatalf("round page %q: %v", roundPath, err)
	}

	// The list as a ministry sends it: the table with a note, a blank row and a
	// total under it, saved by LibreOffice Calc.
	file := filepath.Join(t.TempDir(), "2차_대상직위.xlsx")
	if err := os.WriteFile(file, modelstest.Round2WithNotesLibreOfficeXLSX, 0o644); err != nil {
		t.Fatal(err)
	}
	uploadInBrowser(t, ctx, base, roundPath, file)
	if n := count(t, ctx, `table.import-preview tbody tr`); n != 9 {
		t.Fatalf("the preview shows %d rows, want 9", n)
	}
	if lines := texts(t, ctx, `table.import-skipped tbody th`); strings.Join(lines, ",") != "13,14,15" {
		t.Errorf("skipped rows %q, want 13, 14, 15 (note, blank, total)", lines)
	}
	if alerts := texts(t, ctx, `main [role=alert]`); len(alerts) != 0 {
		t.Errorf("the preview of a valid list shows alerts: %q", alerts)
	}
	if errs := texts(t, ctx, `table.import-preview .row-errors li`); len(errs) != 0 {
		t.Errorf("the round-2 list has errors: %q", errs)
	}
	if grades := texts(t, ctx, `table.import-preview tbody tr:nth-child(9) td:nth-of-type(2)`); len(grades) != 1 || grades[0] != "국장급" {
		t.Errorf("row 9's 구분 = %q, want 국장급 from the merged cell", grades)
	}
	if n := modelstest.CountPairs(t, s, roundID); n != 0 {
		t.Fatalf("the preview saved %d pairs", n)
	}
	screenshot(t, ctx, "preview")
	run(t, ctx, "confirm the import",
		chromedp.Click(`form[action="`+roundPath+`/import/confirm"] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`table.round-counts`, chromedp.ByQuery), // back on the round's page
	)
	if selected := texts(t, ctx, `table.round-counts tbody td:nth-of-type(3)`); strings.Join(selected, ",") != "4,14" && strings.Join(selected, ",") != "14,4" {
		t.Errorf("selected positions per grade = %q, want 4 국장급 and 14 과장급", selected)
	}
	run(t, ctx, "open the round's pairs",
		chromedp.Click(`main a[href="/pairs?round=`+strconv.FormatInt(roundID, 10)+`"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`table.pair-list`, chromedp.ByQuery),
	)
	themes := texts(t, ctx, `table.pair-list tbody th[scope=row]`)
	if len(themes) != 9 {
		t.Fatalf("the round's pair list shows %d pairs, want 9: %q", len(themes), themes)
	}
	for _, r := range modelstest.Round2 {
		if !slices.Contains(themes, r[2]) {
			t.Errorf("the pair list lacks %q", r[2])
		}
	}
	if statuses := texts(t, ctx, `table.pair-list tbody .krds-badge`); len(statuses) != 9 || statuses[0] != "선정됨" {
		t.Errorf("statuses = %q, want 선정됨 nine times", statuses)
	}
	screenshot(t, ctx, "round-pairs")

	// A broken file: every row's problems are shown, and nothing is saved.
	broken := [][]string{
		{"1", "과장급", "이미 있는 연번", "고용부 (기업일자리지원과장)", "중기부 (인력정책과장)"},
		{"10", "주무관급", "", "없는부 (과장)", "고용부 (과장)"},
		{"10", "", "같은 부처 두 번", "국방부 (과장)", "국방부 (다른 과장)"},
		{"x", "", "연번이 숫자가 아님", "복지부 (과장)", ""},
	}
	uploadInBrowser(t, ctx, base, roundPath, writeXLSX(t, "broken.xlsx", broken))
	if n := count(t, ctx, `table.import-preview tbody tr.row-error`); n != len(broken) {
		t.Errorf("%d rows are marked as errors, want %d", n, len(broken))
	}
	for i := range broken {
		sel := `table.import-preview tbody tr:nth-child(` + strconv.Itoa(i+1) + `) .row-errors li`
		if errs := texts(t, ctx, sel); len(errs) == 0 {
			t.Errorf("row %d (연번 %q) shows no error", i+1, broken[i][0])
		}
	}
	if alert := texts(t, ctx, `#preview-title ~ [role=alert]`); len(alert) != 1 || !strings.Contains(alert[0], "저장할 수 없습니다") {
		t.Errorf("no alert that the file cannot be saved: %q", alert)
	}
	if count(t, ctx, `form[action$="/import/confirm"]`) != 0 {
		t.Error("a broken file can be confirmed")
	}
	screenshot(t, ctx, "preview-broken")
	if n := modelstest.CountPairs(t, s, roundID); n != 9 {
		t.Errorf("after the broken file the round has %d pairs, want the 9 imported", n)
	}
}
