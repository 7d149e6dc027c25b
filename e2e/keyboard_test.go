package e2e_test

import (
	"fmt"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// focused describes the element that has the keyboard focus: its id, or its
// tag and label, enough to name it in a message.
func (b tab) focused() string {
	b.t.Helper()
	var s string
	b.run("read the focus", chromedp.Evaluate(`(() => { const e = document.activeElement;
		return !e || e === document.body ? 'body' : e.id ? '#' + e.id : e.tagName.toLowerCase() + '[' + (e.getAttribute('aria-label') || e.textContent.trim()) + ']'; })()`, &s))
	return s
}

// focusIs reports whether the focused element matches sel.
func (b tab) focusIs(sel string) bool {
	b.t.Helper()
	var ok bool
	b.run("match the focus", chromedp.Evaluate(fmt.Sprintf(`!!document.activeElement && document.activeElement.matches(%q)`, sel), &ok))
	return ok
}

// tabTo presses Tab until the element matching sel has the focus, as a
// keyboard user would; it fails after 40 presses.
func (b tab) tabTo(sel string) {
	b.t.Helper()
	for range 40 {
		if b.focusIs(sel) {
			return
		}
		b.run("press Tab", chromedp.KeyEvent(kb.Tab))
	}
	b.t.Fatalf("40 presses of Tab never reached %s (the focus is on %s)", sel, b.focused())
}

// press sends keys to the focused element, then waits for htmx to finish.
func (b tab) press(step string, keys ...chromedp.Action) {
	b.t.Helper()
	b.run(step, keys...)
	b.run(step+": wait for the page", chromedp.Sleep(50*time.Millisecond))
}

// announced waits for the page's status line to say want.
func (b tab) announced(step, want string) {
	b.t.Helper()
	var got string
	err := chromedp.Run(b.ctx, chromedp.Poll(fmt.Sprintf(`(() => { const s = document.querySelector('[role="status"]#swap-status'); return s && s.textContent.trim() === %q; })()`, want), nil,
		chromedp.WithPollingTimeout(3*time.Second)))
	if err != nil {
		b.run("read the status line", chromedp.Evaluate(`document.querySelector('#swap-status')?.textContent ?? '(no status line)'`, &got))
		b.t.Errorf("%s: the status line says %q, want %q", step, got, want)
	}
}

// A keyboard user edits a task in place: opens the form with Enter, saves a
// wrong value (422: the focus lands on the error summary, whose link leads to the field),
// corrects it (the focus returns to the task's 수정 button, the status line says
// it was saved, and Tab goes on to the task's own buttons), then opens the form
// again and cancels it with Enter on 취소, and last deletes it.
func TestBrowserKeyboardEditsATaskInPlace(t *testing.T) {
	t.Parallel()
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
	pairID := modelstest.Round2Pair(t, s, "moel", "mss").ID
	task, err := s.CreateTask(t.Context(), models.System, pairID, models.TaskInput{
		Title: "중소기업 현장 인력 공동 발굴", Category: "public_benefit", Status: "discovered", Progress: "10"})
	if err != nil {
		t.Fatal(err)
	}
	id := "task-" + strconv.FormatInt(task.ID, 10)
	editButton := "#" + id + " a[aria-label^='수정:']"
	field := func(name string) string { return "#f-" + id + "-" + name }
	selectAll := chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl))

	moel := tab{t: t, ctx: newBrowser(t, browserOptions{}), js: true}
	browserLogin(t, moel.ctx, base, "moel", models.DemoPassword)
	moel.open(base+"/pairs/"+strconv.FormatInt(pairID, 10), "#"+id)

	// 수정 with Enter: the form opens on its first field.
	moel.tabTo(editButton)
	moel.press("open the form", chromedp.KeyEvent(kb.Enter))
	moel.run("wait for the form", shown("#"+id+"-form"))
	if !moel.focusIs(field("title")) {
		t.Errorf("after opening the form the focus is on %s, want the title field", moel.focused())
	}

	// A progress of 150: the answer (422) puts the focus on the error summary,
	// whose one link (Tab, Enter) leads to that field, not to the first one.
	moel.tabTo(field("progress"))
	moel.press("enter 150 and submit", selectAll, chromedp.KeyEvent("150"), chromedp.KeyEvent(kb.Enter))
	moel.run("wait for the message", shown(field("progress")+"-error"))
	moel.answered("submit 150", "/tasks/"+strconv.FormatInt(task.ID, 10), 422)
	if !moel.focusIs("#" + id + " .form-alert") {
		t.Errorf("after the 422 the focus is on %s, want the error summary", moel.focused())
	}
	var summary []string
	moel.run("read the summary", chromedp.Evaluate(`Array.from(document.querySelectorAll('#`+id+` .form-alert .error-links a')).map(a => a.getAttribute('href') + ' ' + a.textContent.trim())`, &summary))
	if len(summary) != 1 || summary[0][:len(field("progress"))] != field("progress") {
		t.Errorf("the error summary links %q, want the progress field", summary)
	}
	// (Enter on a link activates it; DevTools' Enter would also type into the
	// field the link focuses, and submit the form again.)
	moel.tabTo("#" + id + " .form-alert .error-links a")
	moel.press("follow the summary's link", chromedp.Evaluate(`document.activeElement.click()`, nil))
	if !moel.focusIs(field("progress")) {
		t.Errorf("after following the summary's link the focus is on %s, want the progress field", moel.focused())
	}

	// Corrected to 40 and saved with Enter: the task shows again, the focus is
	// back on its 수정 button, the status line says so, and Tab goes on to 삭제.
	moel.press("correct it and submit", selectAll, chromedp.KeyEvent("40"), chromedp.KeyEvent(kb.Enter))
	moel.run("wait for the task", shown("article#"+id+":not(.editing) .task-actions"))
	if !moel.focusIs(editButton) {
		t.Errorf("after saving the focus is on %s, want the task's 수정 button", moel.focused())
	}
	moel.announced("after saving", "과제를 저장했습니다.")
	moel.press("Tab once", chromedp.KeyEvent(kb.Tab))
	if !moel.focusIs("#" + id + " a[aria-label^='삭제:']") {
		t.Errorf("Tab after saving reached %s, want the task's 삭제 button", moel.focused())
	}

	// Back to 수정 (Shift+Tab), open the form, Tab to 취소 and press Enter.
	moel.press("Shift+Tab", chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(input.ModifierShift)))
	if !moel.focusIs(editButton) {
		t.Fatalf("Shift+Tab reached %s, want the 수정 button", moel.focused())
	}
	moel.press("open the form again", chromedp.KeyEvent(kb.Enter))
	moel.run("wait for the form", shown("#"+id+"-form"))
	moel.tabTo("#" + id + "-form .form-actions a")
	moel.press("cancel", chromedp.KeyEvent(kb.Enter))
	moel.run("wait for the task", shown("article#"+id+":not(.editing) .task-actions"))
	if !moel.focusIs(editButton) {
		t.Errorf("after cancelling the focus is on %s, want the task's 수정 button", moel.focused())
	}
	moel.announced("after cancelling", "과제 수정을 취소했습니다.")
	if got := moel.text("#" + id + " .task-progress-value"); got != "40%" {
		t.Errorf("the saved progress reads %q, want 40%%", got)
	}

	// 삭제 with Enter, confirmed: the task is gone, the focus is on the
	// 협업과제 heading rather than lost, and the status line says so.
	chromedp.ListenTarget(moel.ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			go chromedp.Run(moel.ctx, page.HandleJavaScriptDialog(true))
		}
	})
	moel.tabTo("#" + id + " a[aria-label^='삭제:']")
	moel.press("delete", chromedp.KeyEvent(kb.Enter))
	moel.run("wait for the task to go", chromedp.Poll(`!document.getElementById('`+id+`')`, nil))
	if !moel.focusIs("#tasks-title") {
		t.Errorf("after deleting the focus is on %s, want the 협업과제 heading", moel.focused())
	}
	moel.announced("after deleting", "과제와 그 성과를 삭제했습니다.")
}
