package handlers_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

var round2Pairs = []struct{ grade, theme, a, b string }{
	{"과장급", "중소기업 인력난 해소를 위한 고용지원 강화", "기업일자리지원과장 (고용부)", "인력정책과장 (중기부)"},
	{"과장급", "국내 복귀 및 해외 진출 기업 경쟁력 강화", "기업환경과장 (기재부)", "해외투자과장 (산업부)"},
	{"과장급", "안전하고 효과적인 한약의 공급과 글로벌 경쟁력 확보", "한약산업과장 (복지부)", "한약정책과장 (식약처)"},
	{"과장급", "항만 재개발 사업과 연계한 도시재생사업", "도시재생과장 (국토부)", "항만연안재생과장 (해수부)"},
	{"과장급", "기업 옥석가리기를 통한 국민경제 활성화", "정책기획과장 (기재부)", "기업구조개선과장 (금융위)"},
	{"과장급", "국방규격 관리를 통한 국방 자원 배분의 효율성 제고", "재정회계담당관 (국방부)", "기반전력사업표준자원 관리팀장 (방사청)"},
	{"과장급", "국가보훈과 연계한 공무상 재해 인정·보상 전 단계 협력 강화", "심사기준과장 (보훈부)", "재해보상심사담당관 (인사처)"},
	{"국장급", "신종 및 상시 감염병 예방·관리", "공공보건정책관 (복지부)", "의료안전예방국장 (질병청)"},
	{"국장급", "대북 억제·대응 능력의 획기적 보강을 위한 감시·정찰 능력 강화", "전력정책국장 (국방부)", "감시전자사업부장 (방사청)"},
}

var round1Outcomes = []struct{ category, ministries, task, outcome string }{
	{"행정 효율성", "국토부–환경부", "용인반도체 산단 신속 조성", "환경영향평가 기간 통상 1년 → 4개월"},
	{"행정 효율성", "산업부–중기부", "경제자유구역과 규제자유특구 연계", "규제실증부터 입주 등 사업화까지 체계적 지원"},
	{"국민 편익 제고", "문체부–해수부", "국내관광과 결합한 크루즈 관광 활성화", "'23년 27.4만명 → '24년 86만명"},
	{"국민 편익 제고", "고용부–교육부", "직무능력은행과 교육행정정보시스템(NEIS) 연계", "직업계고 학생 편익 제고"},
	{"국민 편익 제고", "농식품부–식약처", "생산-유통단계 부적합 농산물 합동 원인조사 실시", "신속한 원인 규명"},
}

func TestHomeShowsTheProgrammeFromTheDatabase(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		doc := get(t, newRouter(t, s, handlers.Config{}), "/", http.StatusOK)

		if n := doc.Find("h1").Length(); n != 1 {
			t.Errorf("the page has %d h1, want 1", n)
		}
		stats := map[string]string{}
		doc.Find(".stat-card").Each(func(_ int, c *goquery.Selection) {
			stats[text(c.Find(".stat-label"))] = text(c.Find(".stat-value"))
		})
		for label, want := range map[string]string{"교류 직위": "42개", "국장급 직위": "14개", "과장급 직위": "28개", "참여 부처": "18개"} {
			if stats[label] != want {
				t.Errorf("headline %q = %q, want %q (all: %v)", label, stats[label], want, stats)
			}
		}

		rows := doc.Find("table.pair-table tbody tr")
		if rows.Length() != len(round2Pairs) {
			t.Fatalf("round-2 table has %d rows, want %d", rows.Length(), len(round2Pairs))
		}
		grade := ""
		rows.Each(func(i int, tr *goquery.Selection) {
			want := round2Pairs[i]
			if th := tr.Find("th[scope=rowgroup]"); th.Length() == 1 {
				grade = text(th)
			}
			cells := tr.Find("td")
			got := []string{text(cells.Eq(0)), grade, text(cells.Eq(1)), text(cells.Eq(2)), text(cells.Eq(4))}
			wantCells := []string{itoa(i + 1), want.grade, want.theme, want.a, want.b}
			for j := range got {
				if got[j] != wantCells[j] {
					t.Errorf("round-2 row %d, column %d = %q, want %q", i+1, j, got[j], wantCells[j])
				}
			}
		})

		orows := doc.Find("table.outcome-table tbody tr")
		if orows.Length() != len(round1Outcomes) {
			t.Fatalf("round-1 outcomes table has %d rows, want %d", orows.Length(), len(round1Outcomes))
		}
		category := ""
		orows.Each(func(i int, tr *goquery.Selection) {
			want := round1Outcomes[i]
			if th := tr.Find("th[scope=rowgroup]"); th.Length() == 1 {
				category = text(th)
			}
			if category != want.category || text(tr.Find("td").Eq(0)) != want.ministries || text(tr.Find("th[scope=row]")) != want.task {
				t.Errorf("outcome row %d = %q %q %q, want %q %q %q", i+1, category, text(tr.Find("td").Eq(0)),
					text(tr.Find("th[scope=row]")), want.category, want.ministries, want.task)
			}
			if !strings.Contains(text(tr.Find(".outcome-list")), want.outcome) {
				t.Errorf("outcome row %d lacks %q: %q", i+1, want.outcome, text(tr.Find(".outcome-list")))
			}
		})
		if n := doc.Find("figure.metric").Length(); n != 2 {
			t.Errorf("metric charts = %d, want 2 (환경영향평가 기간, 크루즈관광객)", n)
		}
		if !strings.Contains(text(doc.Find(".outcome-table")), "3,300억원 절감") {
			t.Error("the amount saved (3,300억원) is not shown")
		}

		contacts := text(doc.Find("#contacts-title").Parent())
		for _, want := range []string{"인사혁신처 인사혁신국 개방교류과", "국무조정실 성과관리운영팀", "044-201-8350", "044-200-2519"} {
			if !strings.Contains(contacts, want) {
				t.Errorf("contacts lack %q", want)
			}
		}
		assertAccessibleTables(t, doc)
	})
}

func TestRoundPages(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		e := newRouter(t, s, handlers.Config{})

		r1 := get(t, e, "/rounds/1", http.StatusOK)
		if h1 := text(r1.Find("h1")); h1 != "1차 전략적 인사교류" {
			t.Errorf("round 1 h1 = %q", h1)
		}
		rows := r1.Find("table.pair-table tbody tr")
		if rows.Length() != 5 {
			t.Errorf("round 1 lists %d pairs, want the 5 the source names", rows.Length())
		}
		if n := rows.Find(".unknown").Length(); n != 10 {
			t.Errorf("round 1 shows %d unknown position titles, want 10 (미공개)", n)
		}
		if n := r1.Find("table.outcome-table tbody tr").Length(); n != 5 {
			t.Errorf("round 1 shows %d tasks, want 5", n)
		}
		assertAccessibleTables(t, r1)

		r2 := get(t, e, "/rounds/2", http.StatusOK)
		if n := r2.Find("table.pair-table tbody tr").Length(); n != 9 {
			t.Errorf("round 2 lists %d pairs, want 9", n)
		}

		for _, target := range []string{"/rounds/3", "/rounds/abc", "/rounds/0", "/no-such-page"} {
			doc := get(t, e, target, http.StatusNotFound)
			if h1 := text(doc.Find("h1")); h1 != "페이지를 찾을 수 없습니다" {
				t.Errorf("%s: h1 = %q, want the Korean not-found heading", target, h1)
			}
		}
	})
}

func TestHealthAndReadiness(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		e := newRouter(t, s, handlers.Config{})
		if rec := do(t, e, http.MethodGet, "/healthz", nil, nil); rec.Code != http.StatusOK {
			t.Errorf("/healthz = %d", rec.Code)
		}
		if rec := do(t, e, http.MethodGet, "/readyz", nil, nil); rec.Code != http.StatusOK {
			t.Errorf("/readyz = %d with the database up", rec.Code)
		}
		s.Close()
		if rec := do(t, e, http.MethodGet, "/readyz", nil, nil); rec.Code != http.StatusServiceUnavailable {
			t.Errorf("/readyz = %d with the database closed, want 503", rec.Code)
		}
		if rec := do(t, e, http.MethodGet, "/healthz", nil, nil); rec.Code != http.StatusOK {
			t.Errorf("/healthz = %d with the database closed, want 200 (the process is alive)", rec.Code)
		}
	})
}

func TestStaticAssetsAreHashedImmutableAndCompressed(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		e := newRouter(t, s, handlers.Config{})
		doc := get(t, e, "/", http.StatusOK)
		css, _ := doc.Find(`link[rel=stylesheet]`).Attr("href")
		js, _ := doc.Find(`script[src]`).Attr("src")
		for _, u := range []string{css, js} {
			if !strings.HasPrefix(u, "/static/") || strings.Count(u, ".") < 2 {
				t.Errorf("asset URL %q is not content-hashed", u)
				continue
			}
			rec := do(t, e, http.MethodGet, u, nil, http.Header{"Accept-Encoding": {"gzip"}})
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s = %d", u, rec.Code)
			}
			if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
				t.Errorf("%s Cache-Control = %q, want immutable", u, cc)
			}
			if rec.Header().Get("Content-Encoding") != "gzip" {
				t.Errorf("%s is not compressed", u)
				continue
			}
			zr, err := gzip.NewReader(rec.Body)
			if err != nil {
				t.Fatal(err)
			}
			if body, _ := io.ReadAll(zr); len(body) == 0 {
				t.Errorf("%s is empty", u)
			}
		}
		if rec := do(t, e, http.MethodGet, "/static/css/app.css", nil, nil); rec.Code != http.StatusNotFound {
			t.Errorf("unhashed asset URL = %d, want 404", rec.Code)
		}
		if js == "" || css == "" {
			t.Fatal("the page links no stylesheet or script")
		}
	})
}

// assertAccessibleTables checks every table has a caption and scoped header cells,
// and that headings do not skip levels.
func assertAccessibleTables(t *testing.T, doc *goquery.Document) {
	t.Helper()
	doc.Find("table").Each(func(i int, tbl *goquery.Selection) {
		if strings.TrimSpace(tbl.Find("caption").Text()) == "" {
			t.Errorf("table %d has no caption", i+1)
		}
		tbl.Find("th").Each(func(_ int, th *goquery.Selection) {
			if _, ok := th.Attr("scope"); !ok {
				t.Errorf("table %d: <th>%s</th> has no scope", i+1, text(th))
			}
		})
	})
	last := 0
	doc.Find("h1, h2, h3, h4, h5, h6").Each(func(_ int, h *goquery.Selection) {
		level := int(goquery.NodeName(h)[1] - '0')
		if level > last+1 {
			t.Errorf("heading %q (h%d) skips a level after h%d", text(h), level, last)
		}
		last = level
	})
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestPublicMenuNamesTheAnnouncedRounds(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		e := newRouter(t, s, handlers.Config{})
		if err := s.DB().Create(&models.Round{Number: 3, Title: "3차 전략적 인사교류", Status: models.RoundProposals}).Error; err != nil {
			t.Fatal(err)
		}
		menu := func() []string {
			var links []string
			get(t, e, "/rounds/2", http.StatusOK).Find(`nav[aria-label="주 메뉴"] a`).Each(func(_ int, a *goquery.Selection) {
				links = append(links, text(a)+"="+a.AttrOr("href", "")+"|"+a.AttrOr("aria-current", ""))
			})
			return links
		}
		want := "성과 한눈에 보기=/||1차=/rounds/1||2차=/rounds/2|page"
		if got := strings.Join(menu(), "|"); got != want {
			t.Errorf("menu = %q, want %q (round 3 is still open for proposals)", got, want)
		}
		if err := s.DB().Model(&models.Round{}).Where("number = 3").Update("status", models.RoundSelected).Error; err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(menu(), "|"); !strings.Contains(got, "3차=/rounds/3") {
			t.Errorf("menu = %q, want round 3 once it is selected", got)
		}
	})
}
