package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// 정부업무평가 per task and year, through the router on both databases: the
// administrator keeps each year's grades; a task's result of a year is one of
// them (422 next to the field otherwise), two years of one task are both kept,
// the upgrade list is filtered by year, a coordinator of another ministry is
// refused, a stale form gets 409, and an entry typed as free text before the
// grades (migration 0075) stays readable and savable.
func TestGovernmentEvaluationPerTaskAndYear(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		scales := "/evaluations/government-scales"
		gov := "/tasks/" + itoa64(f.task1.ID) + "/government-evaluation"

		// No grades yet: the task's form says so and links the administrator to where they are set.
		doc := docOf(t, f.admin.Get(gov))
		if href, _ := doc.Find(".government-no-scale a").Attr("href"); href != scales {
			t.Errorf("with no grades, the administrator is sent to %q", href)
		}
		doc = docOf(t, f.moel.Get(gov+"?year=2024"))
		if doc.Find(".government-no-scale").Length() != 1 || doc.Find("form.stack-form").Length() != 0 {
			t.Error("a year without grades offers a form to a coordinator")
		}
		rec := f.moel.Post(gov, url.Values{"year": {"2024"}, "result": {"우수"}, "version": {"0"}})
		expect(t, "a result of a year without grades", rec, http.StatusUnprocessableEntity)

		// The grades per year: the administrator's alone.
		expect(t, "a coordinator keeps grades", f.moel.Post(scales, url.Values{"year": {"2024"}, "grades": {"우수"}, "version": {"0"}}), http.StatusForbidden)
		expect(t, "a reviewer opens the grades", f.reviewer.Get(scales), http.StatusForbidden)
		rec = f.admin.Post(scales, url.Values{"year": {"2024"}, "grades": {""}, "version": {"0"}})
		expect(t, "no grades", rec, http.StatusUnprocessableEntity)
		if msg := text(docOf(t, rec).Find("#f-grades-error")); !hangul.MatchString(msg) {
			t.Errorf("no grades: message %q", msg)
		}
		expect(t, "2024 grades", f.admin.Post(scales, url.Values{"year": {"2024"}, "grades": {"매우 우수\n우수\n보통\n미흡\n부진"}, "version": {"0"}}), http.StatusSeeOther)
		expect(t, "2025 grades", f.admin.Post(scales, url.Values{"year": {"2025"}, "grades": {"우수\n보통\n미흡"}, "version": {"0"}}), http.StatusSeeOther)
		noToken := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
		expect(t, "grades without the CSRF token", f.admin.Do(http.MethodPost, scales, url.Values{"year": {"2026"}, "grades": {"우수"}, "version": {"0"}}, noToken), http.StatusForbidden)
		expect(t, "a result without the CSRF token", f.moel.Do(http.MethodPost, gov, url.Values{"year": {"2024"}, "result": {"우수"}, "version": {"0"}}, noToken), http.StatusForbidden)
		var audited int64
		if err := s.DB().Model(&models.AuditEvent{}).Where("record_type = ?", "government_scale").Count(&audited).Error; err != nil || audited != 2 {
			t.Errorf("the grades of 2024 and 2025 wrote %d audit events (%v), want 2", audited, err)
		}
		expect(t, "2024 grades again from version 0", f.admin.Post(scales+"/2024", url.Values{"grades": {"우수"}, "version": {"0"}}), http.StatusConflict)
		if got := text(docOf(t, f.admin.Get(scales)).Find("table.government-scales tbody")); !strings.Contains(got, "2025년") || !strings.Contains(got, "매우 우수 · 우수 · 보통 · 미흡 · 부진") {
			t.Errorf("the grades page reads %q", got)
		}

		// The form of a year offers that year's grades; a result off them is refused next to its field.
		doc = docOf(t, f.moel.Get(gov+"?year=2025"))
		var offered []string
		doc.Find("#f-result option").Each(func(_ int, o *goquery.Selection) {
			if v, _ := o.Attr("value"); v != "" {
				offered = append(offered, v)
			}
		})
		if strings.Join(offered, ",") != "우수,보통,미흡" {
			t.Errorf("the 2025 form offers %q", offered)
		}
		rec = f.moel.Post(gov, url.Values{"year": {"2025"}, "result": {"매우 우수"}, "version": {"0"}})
		expect(t, "a 2024 grade in 2025", rec, http.StatusUnprocessableEntity)
		if msg := text(docOf(t, rec).Find("#f-result-error")); !strings.Contains(msg, "2025년") || !strings.Contains(msg, "미흡") {
			t.Errorf("off the scale: message %q", msg)
		}

		// Two years of one task, both kept; the second save of a year from version 0 is stale.
		expect(t, "2024: 우수, to upgrade", f.moel.Post(gov, url.Values{"year": {"2024"}, "result": {"우수"}, "upgrade": {"1"},
			"upgrade_plan": {"지방 고용센터로 확대"}, "version": {"0"}}), http.StatusSeeOther)
		expect(t, "2025: 보통", f.mss.Post(gov, url.Values{"year": {"2025"}, "result": {"보통"}, "version": {"0"}}), http.StatusSeeOther)
		rec = f.mss.Post(gov, url.Values{"year": {"2024"}, "result": {"보통"}, "version": {"0"}})
		expect(t, "2024 again from version 0", rec, http.StatusConflict)
		if msg := text(docOf(t, rec).Find(".krds-form-alert")); !strings.Contains(msg, "우수") {
			t.Errorf("the conflict names %q", msg)
		}
		expect(t, "2025 → 2026 upgrade", f.moel.Post(gov, url.Values{"year": {"2025"}, "result": {"보통"}, "upgrade": {"1"},
			"upgrade_plan": {"대학 일자리센터 연계"}, "version": {"1"}}), http.StatusSeeOther)
		rec = f.admin.Post("/evaluations", cycleForm(f))
		expect(t, "a cycle to read the task in", rec, http.StatusSeeOther)
		cycle := rec.Header().Get("Location")
		rows := docOf(t, f.moel.Get(taskPath(cycle, f.task1))).Find("table.government-evaluation tbody tr")
		if rows.Length() != 2 || !strings.Contains(text(rows.Eq(0)), "2025년") || !strings.Contains(text(rows.Eq(1)), "2024년") ||
			!strings.Contains(text(rows.Eq(1)), "우수") {
			t.Errorf("the task's years read %q", text(rows))
		}

		// A coordinator of a ministry not in the pair is refused, reading and writing.
		task3 := "/tasks/" + itoa64(f.task3.ID) + "/government-evaluation"
		expect(t, "moel opens moef–motie's form", f.moel.Get(task3+"?year=2024"), http.StatusForbidden)
		expect(t, "moel writes moef–motie's result", f.moel.Post(task3, url.Values{"year": {"2024"}, "result": {"우수"}, "version": {"0"}}), http.StatusForbidden)
		expect(t, "the administrator writes it", f.admin.Post(task3, url.Values{"year": {"2024"}, "result": {"미흡"}, "upgrade": {"1"},
			"upgrade_plan": {"국방규격 재정비"}, "version": {"0"}}), http.StatusSeeOther)

		// The upgrade list by year; a coordinator sees their ministry's pairs only.
		for _, c := range []struct {
			who         string
			list        string
			want, never []string
		}{
			{"admin", "", []string{"지방 고용센터로 확대", "대학 일자리센터 연계", "국방규격 재정비"}, nil},
			{"admin", "2024", []string{"지방 고용센터로 확대", "국방규격 재정비"}, []string{"대학 일자리센터 연계"}},
			{"admin", "2025", []string{"대학 일자리센터 연계"}, []string{"지방 고용센터로 확대", "국방규격 재정비"}},
			{"mss", "2024", []string{"지방 고용센터로 확대"}, []string{"대학 일자리센터 연계", "국방규격 재정비"}},
		} {
			client := map[string]*handlerstest.Client{"admin": f.admin, "mss": f.mss}[c.who]
			doc := docOf(t, client.Get("/evaluations/upgrades?year="+c.list))
			got := text(doc.Find("table.upgrade-list tbody"))
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s's upgrade list of %q lacks %q: %q", c.who, c.list, w, got)
				}
			}
			for _, w := range c.never {
				if strings.Contains(got, w) {
					t.Errorf("%s's upgrade list of %q holds %q", c.who, c.list, w)
				}
			}
			if c.list != "" {
				if sel, _ := doc.Find(`#f-year option[selected]`).Attr("value"); sel != c.list {
					t.Errorf("the filter shows %q selected, want %s", sel, c.list)
				}
			}
		}

		// A grade a task holds stays on the scale.
		rec = f.admin.Post(scales+"/2024", url.Values{"grades": {"매우 우수\n보통"}, "version": {"1"}})
		expect(t, "우수 taken off 2024", rec, http.StatusUnprocessableEntity)
		if msg := text(docOf(t, rec).Find("#f-grades-error")); !strings.Contains(msg, "우수") {
			t.Errorf("taking off a grade in use: message %q", msg)
		}

		// A free-text entry from before the grades (migration 0075): readable, marked, and savable unchanged.
		if err := s.DB().Exec(`INSERT INTO government_evaluations (task_id, year, result, upgrade, upgrade_plan, version, created_at, updated_at)
			VALUES (?, 2023, '우수(장관 표창)', FALSE, '', 1, ?, ?)`, f.task2.ID, s.Now(), s.Now()).Error; err != nil {
			t.Fatal(err)
		}
		row := docOf(t, f.moel.Get(taskPath(cycle, f.task2))).Find("table.government-evaluation tbody tr")
		if got := text(row); !strings.Contains(got, "우수(장관 표창)") || !strings.Contains(got, "등급에 없음") {
			t.Errorf("the free-text entry reads %q", got)
		}
		gov2 := "/tasks/" + itoa64(f.task2.ID) + "/government-evaluation"
		if sel, _ := docOf(t, f.moel.Get(gov2+"?year=2023")).Find("#f-result option[selected]").Attr("value"); sel != "우수(장관 표창)" {
			t.Errorf("the form of the free-text entry selects %q", sel)
		}
		expect(t, "the free-text entry, its plan changed", f.moel.Post(gov2, url.Values{"year": {"2023"}, "result": {"우수(장관 표창)"},
			"upgrade": {"1"}, "upgrade_plan": {"현장 점검 확대"}, "version": {"1"}}), http.StatusSeeOther)
		expect(t, "another free text", f.moel.Post(gov2, url.Values{"year": {"2023"}, "result": {"최우수"}, "version": {"2"}}), http.StatusUnprocessableEntity)
	})
}
