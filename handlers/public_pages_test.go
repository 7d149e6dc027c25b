package handlers_test

import (
	"bytes"
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestPairAndMinistryPages(t *testing.T) {
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})

		p := get(t, e, "/p/2/1", http.StatusOK)
		var fl []string
		p.Find("dl.facts > div").Each(func(_ int, d *goquery.Selection) { fl = append(fl, text(d.Find("dt"))+" "+text(d.Find("dd"))) })
		facts := strings.Join(fl, " | ")
		for _, want := range []string{"2차 전략적 인사교류", "연번 1", "구분 과장급", "협업 분야 중소기업 인력난 해소를 위한 고용지원 강화", "기업일자리지원과장 (고용부)", "인력정책과장 (중기부)"} {
			if !strings.Contains(facts, want) {
				t.Errorf("/p/2/1 facts %q lack %q", facts, want)
			}
		}
		if h1 := text(p.Find("h1")); h1 != "고용부 ↔ 중기부 교류직위" {
			t.Errorf("/p/2/1 h1 = %q", h1)
		}
		for _, sel := range []string{`meta[name=description]`, `meta[property="og:title"]`, `meta[property="og:description"]`} {
			if v, _ := p.Find(sel).Attr("content"); v == "" {
				t.Errorf("/p/2/1 has no %s", sel)
			}
		}
		if strings.Contains(text(p.Find("main")), "미공개") {
			t.Error("/p/2/1 shows 미공개 though everything of it is published")
		}

		p = get(t, e, "/p/1/molit-me", http.StatusOK)
		if note := text(p.Find(".not-published")); !strings.Contains(note, "연번·구분(국장급·과장급)·협업 분야·직위명") {
			t.Errorf("/p/1/molit-me says of what is not published: %q", note)
		}
		if text(p.Find(".public-task h3")) != "용인반도체 산단 신속 조성" || p.Find(".public-task figure.metric").Length() != 1 {
			t.Errorf("/p/1/molit-me tasks = %q", text(p.Find(".public-task h3")))
		}

		m := get(t, e, "/ministries/moel", http.StatusOK)
		if h1 := text(m.Find("h1")); h1 != "고용노동부 (고용부)" {
			t.Errorf("/ministries/moel h1 = %q", h1)
		}
		table := text(m.Find("table.ministry-pairs-table tbody"))
		for _, want := range []string{"기업일자리지원과장", "중소벤처기업부", "교육부"} {
			if !strings.Contains(table, want) {
				t.Errorf("/ministries/moel pairs %q lack %q", table, want)
			}
		}
		if !strings.Contains(text(m.Find(".public-task")), "직무능력은행과 교육행정정보시스템(NEIS) 연계") {
			t.Error("/ministries/moel does not show its published task")
		}

		for _, path := range []string{"/p/2/99", "/p/3/1", "/p/x/1", "/p/1/moel-me", "/ministries/opc", "/ministries/nope"} {
			get(t, e, path, http.StatusNotFound)
		}

		// Every pair and ministry the home page links (table, network) has its page.
		home := get(t, e, "/", http.StatusOK)
		links := map[string]bool{}
		home.Find(`a[href^="/p/"], a[href^="/ministries/"]`).Each(func(_ int, a *goquery.Selection) { links[a.AttrOr("href", "")] = true })
		if n := home.Find(".network a.network-link").Length(); n != 14 {
			t.Errorf("the network has %d links, want one per public pair (14)", n)
		}
		if len(links) < 14+18 {
			t.Errorf("the home page links %d pair and ministry pages, want at least 32", len(links))
		}
		for link := range links {
			get(t, e, link, http.StatusOK)
		}
	})
}

// No public page or data file carries a person's name, phone or e-mail, or an
// unpublished task's title: the test walks every public link from / and reads
// every data file.
func TestNoPersonalDataOrUnpublishedTaskOnAnyPublicPage(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		ctx := context.Background()
		phone, mail := "010-2468-1357", "hong.gilsun@example.go.kr"
		if _, err := s.CreateUser(ctx, models.System, models.UserInput{Login: "hong", DisplayName: "홍길순", Role: models.RoleReviewer,
			Phone: phone, Email: mail}); err != nil {
			t.Fatal(err)
		}
		pairID := modelstest.Round2Pair(t, s, "moel", "mss").ID
		hidden := "아직 공개하지 않은 비밀 협업과제"
		if _, err := s.CreateTask(ctx, models.System, pairID, models.TaskInput{Title: hidden, Category: "public_benefit", Status: "discovered", Progress: "0"}); err != nil {
			t.Fatal(err)
		}
		publishTask(t, s, modelstest.Round2Pair(t, s, "moel", "mss").ID, "공개한 협업과제")
		var users []models.User
		s.DB().Find(&users)
		var secrets []string
		for _, u := range users {
			for _, v := range []string{u.DisplayName, u.Phone, u.Email} {
				if v != "" {
					secrets = append(secrets, v)
				}
			}
		}
		var tasks []models.CollaborationTask
		s.DB().Where("published = ?", false).Find(&tasks)
		for _, t := range tasks {
			secrets = append(secrets, t.Title)
		}
		if len(secrets) < 24 { // 22 accounts' names, one phone, one e-mail, one task
			t.Fatalf("only %d secrets to look for", len(secrets))
		}

		e := handlerstest.NewRouter(t, s, handlers.Config{})
		seen := map[string]bool{}
		queue := []string{"/", "/data", "/data/pairs.csv", "/data/pairs.json", "/data/pairs.xlsx", "/data/outcomes.csv", "/data/outcomes.json", "/data/outcomes.xlsx"}
		for len(queue) > 0 {
			path := queue[0]
			queue = queue[1:]
			if seen[path] {
				continue
			}
			seen[path] = true
			rec := do(t, e, http.MethodGet, path, nil, nil)
			if rec.Code != http.StatusOK {
				t.Errorf("GET %s = %d", path, rec.Code)
				continue
			}
			body := rec.Body.String()
			if strings.HasSuffix(path, ".xlsx") {
				body = strings.Join(flatten(readXLSX(t, e, path)), "\n")
			}
			for _, secret := range secrets {
				if strings.Contains(body, secret) {
					t.Errorf("%s contains %q", path, secret)
				}
			}
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
				continue
			}
			doc, _ := goquery.NewDocumentFromReader(io.NopCloser(strings.NewReader(body)))
			doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
				u, err := url.Parse(a.AttrOr("href", ""))
				if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(u.Path, "/") || u.Path == "/login" || strings.HasPrefix(u.Path, "/static/") {
					return
				}
				queue = append(queue, u.RequestURI())
			})
		}
		if len(seen) < 40 {
			t.Errorf("walked only %d public pages and files", len(seen))
		}
	})
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// Every public page carries the KRDS identifier, the footer's policies and the
// office lines, a meta description; the favicon and the print stylesheet exist.
func TestPublicPagesCarryTheGovernmentFrame(t *testing.T) {
	t.Parallel()
	modelstest.AnySeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		var css string
		for _, page := range []string{"/", "/rounds/1", "/rounds/2", "/p/2/1", "/p/1/molit-me", "/ministries/moel", "/data", "/privacy", "/copyright"} {
			doc := get(t, e, page, http.StatusOK)
			if !strings.Contains(text(doc.Find("#krds-masthead")), "이 누리집은 대한민국 공식 전자정부 누리집입니다.") {
				t.Errorf("%s lacks the 공식 전자정부 누리집 identifier", page)
			}
			footer := doc.Find("footer")
			for _, href := range []string{"/privacy", "/copyright", "/data"} {
				if footer.Find(`a[href="`+href+`"]`).Length() != 1 {
					t.Errorf("%s: the footer does not link %s", page, href)
				}
			}
			if !strings.Contains(text(footer), "인사혁신처 인사혁신국 개방교류과 044-201-8354") || !strings.Contains(text(footer), "국무조정실 성과관리운영팀 044-200-2519") {
				t.Errorf("%s: the footer lacks the office lines: %q", page, text(footer))
			}
			if d, _ := doc.Find(`meta[name=description]`).Attr("content"); len([]rune(d)) < 20 {
				t.Errorf("%s: meta description %q", page, d)
			}
			css = doc.Find(`link[rel=stylesheet]`).AttrOr("href", "")
		}
		if text(get(t, e, "/privacy", http.StatusOK).Find("h1")) != "개인정보처리방침" || text(get(t, e, "/copyright", http.StatusOK).Find("h1")) != "저작권정책" {
			t.Error("the policy pages do not carry their names")
		}
		rec := do(t, e, http.MethodGet, "/favicon.ico", nil, nil)
		if rec.Code != http.StatusOK || rec.Body.Len() < 100 || !bytes.HasPrefix(rec.Body.Bytes(), []byte{0, 0, 1, 0}) {
			t.Errorf("/favicon.ico = %d, %d bytes, want an icon", rec.Code, rec.Body.Len())
		}
		sheet := do(t, e, http.MethodGet, css, nil, nil).Body.String()
		if !strings.Contains(sheet, "@media print") || !strings.Contains(sheet, "size:A4") || !strings.Contains(sheet, "@media (max-width: 600px)") {
			t.Error("the stylesheet has no A4 print rules or no stacked tables for phones")
		}
	})
}

func TestResultsFilterByRoundMinistryAndCategoryFromTheURL(t *testing.T) {
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		for _, c := range []struct {
			query        string
			pairs, tasks int
			summary      string
		}{
			{"", 14, 5, "전체: 교류직위 14쌍, 공개된 협업과제 5건"},
			{"?ministry=moel", 2, 1, "고용노동부: 교류직위 2쌍, 공개된 협업과제 1건"},
			{"?round=1&category=public_benefit", 3, 3, "1차 전략적 인사교류, 국민 편익 제고: 교류직위 3쌍, 공개된 협업과제 3건"},
			{"?round=2&category=public_benefit", 0, 0, "2차 전략적 인사교류, 국민 편익 제고: 교류직위 0쌍, 공개된 협업과제 0건"},
			{"?ministry=nope&round=9", 14, 5, "전체: 교류직위 14쌍, 공개된 협업과제 5건"},
		} {
			doc := get(t, e, "/results"+c.query, http.StatusOK)
			pairs, tasks := doc.Find("table.results-pairs tbody tr").Length(), doc.Find(".public-task").Length()
			if pairs != c.pairs || tasks != c.tasks || text(doc.Find(".results-summary")) != c.summary {
				t.Errorf("/results%s: %d pairs, %d tasks, %q; want %d, %d, %q", c.query, pairs, tasks, text(doc.Find(".results-summary")), c.pairs, c.tasks, c.summary)
			}
			if c.pairs > 0 && doc.Find(".network a.network-link").Length() != c.pairs {
				t.Errorf("/results%s: the network has %d links, want %d", c.query, doc.Find(".network a.network-link").Length(), c.pairs)
			}
		}
		doc := get(t, e, "/results?round=1&ministry=moel", http.StatusOK)
		if doc.Find(`select[name=round] option[selected]`).AttrOr("value", "") != "1" || doc.Find(`select[name=ministry] option[selected]`).AttrOr("value", "") != "moel" {
			t.Error("the form does not show the chosen filters")
		}
		if f := doc.Find("form.results-filter"); f.AttrOr("method", "") != "get" || f.AttrOr("action", "") != "/results" {
			t.Error("the filter is not a plain GET form")
		}
	})
}
