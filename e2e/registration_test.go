package e2e_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// An administrator registers a round-1 exchange already running, in the
// browser with JavaScript and without: from the pair's page to the form, a
// 발령일 still to come refused by its field, then 교류 중 with the reason on
// the exchangee's page; axe finds nothing on the form, its messages or the result.
func TestBrowserARunningExchangeIsRegistered(t *testing.T) {
	t.Parallel()
	for _, mode := range []struct {
		name string
		opts browserOptions
	}{{"javascript", browserOptions{timeout: time.Minute}}, {"no-javascript", browserOptions{noJS: true, timeout: time.Minute}}} {
		t.Run(mode.name, func(t *testing.T) {
			s := modelstest.New(t, models.DialectSQLite)
			handlerstest.SeedAccounts(t, s)
			base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
			moel, moe := modelstest.MinistryByCode(t, s, "moel"), modelstest.MinistryByCode(t, s, "moe")
			var pair models.ExchangePair
			if err := s.DB().Where("ministry_a_id = ? AND ministry_b_id = ?", moel.ID, moe.ID).Take(&pair).Error; err != nil {
				t.Fatal(err)
			}
			regPath := "/pairs/" + strconv.FormatInt(pair.ID, 10) + "/positions/" + strconv.FormatInt(pair.PositionBID, 10) + "/registration"
			adm := newBrowser(t, mode.opts)
			browserLogin(t, adm, base, "admin", models.DemoPassword)
			run(t, adm, "open the registration from the pair's page", chromedp.Navigate(base+"/pairs/"+strconv.FormatInt(pair.ID, 10)),
				chromedp.Click(`.exchangee-slots a[href="`+regPath+`"]`, chromedp.ByQuery),
				chromedp.WaitVisible(`form.registration-form #f-exchangee_name`, chromedp.ByQuery))
			if !mode.opts.noJS {
				checkAxe(t, adm, axeSource(t), "the registration form")
			}
			fill := func(start string) []chromedp.Action {
				var out []chromedp.Action
				for sel, v := range map[string]string{"#f-exchangee_name": "한등록", "#f-actual_start": start, "#f-planned_end": "2025-02-04",
					"#f-companion_name-0": "오동반", "#f-companion_rank-0": "사무관"} {
					out = append(out, chromedp.SetValue(sel, v, chromedp.ByQuery))
				}
				return append(out, chromedp.Click(`form.registration-form button[type=submit]`, chromedp.ByQuery))
			}
			run(t, adm, "register with a 발령일 still to come", append(fill("2099-01-02"), chromedp.WaitVisible(`#f-actual_start-error`, chromedp.ByQuery))...)
			if msg := strings.Join(texts(t, adm, `#f-actual_start-error`), ""); !strings.Contains(msg, "이미 시작한 교류만") {
				t.Errorf("the 발령일 says %q", msg)
			}
			if !mode.opts.noJS {
				checkAxe(t, adm, axeSource(t), "the registration form with its messages")
			}
			run(t, adm, "register", append(fill("2024-02-05"), chromedp.WaitVisible(`.nomination-facts`, chromedp.ByQuery))...)
			if st := texts(t, adm, `.nomination-facts .krds-badge`); len(st) == 0 || st[0] != "교류 중" {
				t.Fatalf("after registering: status %q (%q)", st, texts(t, adm, `.form-alert`))
			}
			if r := strings.Join(texts(t, adm, `.registration`), ""); !strings.Contains(r, models.RegistrationReasonDefault) {
				t.Errorf("the registration reads %q", r)
			}
			if c := texts(t, adm, `table.companions tbody th`); len(c) != 1 || c[0] != "오동반" {
				t.Errorf("companions shown = %q", c)
			}
			if !mode.opts.noJS {
				checkAxe(t, adm, axeSource(t), "the registered exchange")
			}
		})
	}
}
