package e2e_test

import (
	"bytes"
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestBrowserAnUploadOverFiveMBShowsTheKoreanMessage: a person chooses a 7 MB
// file on the import page; Chromium shows the 413 page saying the file is over
// 5 MB, not a connection reset.
func TestBrowserAnUploadOverFiveMBShowsTheKoreanMessage(t *testing.T) {
	t.Parallel()
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	base := handlerstest.Serve(t, s, handlers.Config{})
	ctx := newBrowser(t, browserOptions{})
	browserLogin(t, ctx, base, "admin", models.DemoPassword)
	r2, err := s.RoundByNumber(t.Context(), 2)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "큰파일.xlsx")
	if err := os.WriteFile(file, bytes.Repeat([]byte("x"), 7<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	var page string
	run(t, ctx, "upload 7 MB",
		chromedp.Navigate(base+"/admin/rounds/"+strconv.FormatInt(r2.ID, 10)+"/import"),
		chromedp.WaitVisible(`#f-file`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`#f-file`, []string{file}, chromedp.ByQuery),
		chromedp.Click(`main form[enctype="multipart/form-data"] button[type=submit]`, chromedp.ByQuery),
		// The form page itself has a main h1 too: wait for the answer's message
		// (or give up after 20 s and show what the browser has).
		chromedp.ActionFunc(func(ctx context.Context) error {
			deadline := time.Now().Add(20 * time.Second)
			for {
				if err := chromedp.Evaluate(`document.querySelector('main') ? document.querySelector('main').innerText : ''`, &page).Do(ctx); err == nil &&
					strings.Contains(page, "5MB보다 큽니다") || time.Now().After(deadline) {
					return nil
				}
				time.Sleep(100 * time.Millisecond)
			}
		}),
	)
	if !strings.Contains(page, "5MB보다 큽니다") {
		t.Errorf("after uploading 7 MB the browser shows:\n%s", page)
	}
}
