package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestOddNumbersAreRefusedNextToTheirField: amounts are never negative (not
// even -0), metric values stay within ±1조, and a change in per cent is shown
// only where it means something (no "-100% 증가" from a negative start).
func TestOddNumbersAreRefusedNextToTheirField(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newTaskFixture(t, s)
		c := f.signIn(t, "moel")
		path := f.taskPath("/outcomes")
		count := func() int64 {
			var n int64
			s.DB().Model(&models.Outcome{}).Where("task_id = ?", f.task.ID).Count(&n)
			return n
		}
		before := count()
		metric := func(b, a string) url.Values {
			return url.Values{"kind": {"metric"}, "summary": {"지표"}, "label": {"지표"}, "value_before": {b}, "value_after": {a},
				"unit": {"건"}, "better": {"higher"}}
		}
		for _, tc := range []struct {
			name  string
			form  url.Values
			field string
		}{
			{"amount -0", url.Values{"kind": {"amount"}, "summary": {"절감"}, "amount": {"-0"}, "unit": {"억원"}}, "amount"},
			{"amount -1", url.Values{"kind": {"amount"}, "summary": {"절감"}, "amount": {"-1"}, "unit": {"억원"}}, "amount"},
			{"amount 1e13", url.Values{"kind": {"amount"}, "summary": {"절감"}, "amount": {"10,000,000,000,000"}, "unit": {"억원"}}, "amount"},
			{"metric -1e15", metric("-1e15", "10"), "value_before"},
			{"metric 2e12", metric("10", "2000000000000"), "value_after"},
			{"metric Inf", metric("10", "Inf"), "value_after"},
			{"metric 1e-400", metric("10", "1e-400"), "value_after"},
		} {
			rec := c.Post(path, tc.form)
			doc := parse(t, rec.Body.String())
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d, want 422", tc.name, rec.Code)
				continue
			}
			if msg := text(doc.Find("#f-task-" + itoa64(f.task.ID) + "-outcome-new-" + tc.field + "-error")); msg == "" {
				t.Errorf("%s: no message next to %s", tc.name, tc.field)
			}
		}
		if n := count(); n != before {
			t.Errorf("%d outcomes stored from odd numbers", n-before)
		}
		// A metric from a negative value is stored, but no percentage is made of it.
		rec := c.Post(path, metric("-1000000000000", "0"))
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("metric from -1조: %d", rec.Code)
		}
		page := c.Get("/pairs/" + f.pairID)
		if change := text(parse(t, page.Body.String()).Find(".metric-change")); strings.Contains(change, "%") {
			t.Errorf("a change from a negative value reads %q", change)
		}
	})
}

// An evidence link is a web address whatever the case of its scheme, on both
// databases: PostgreSQL's CHECK once refused HTTPS://… with a 500 that SQLite
// and the form's own check accept (migration 0010); another scheme is refused
// next to its field.
func TestAnEvidenceLinkIsAWebAddressInAnyCase(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newTaskFixture(t, s)
		c := f.signIn(t, "moel")
		path := f.taskPath("/outcomes")
		for _, tc := range []struct {
			link string
			want int
		}{{"HTTPS://WWW.KOREA.KR/NEWS", http.StatusSeeOther}, {"Http://www.korea.kr/news", http.StatusSeeOther},
			{"ftp://files.korea.kr/report", http.StatusUnprocessableEntity}, {"javascript:alert(1)", http.StatusUnprocessableEntity}} {
			rec := c.Post(path, url.Values{"kind": {"narrative"}, "summary": {"근거 자료 " + tc.link}, "evidence_url": {tc.link}})
			if rec.Code != tc.want {
				t.Errorf("evidence link %q = %d, want %d", tc.link, rec.Code, tc.want)
			}
			var n int64
			s.DB().Model(&models.Outcome{}).Where("task_id = ? AND evidence_url = ?", f.task.ID, tc.link).Count(&n)
			if saved := n == 1; saved != (tc.want == http.StatusSeeOther) {
				t.Errorf("evidence link %q: %d outcomes stored", tc.link, n)
			}
		}
	})
}
