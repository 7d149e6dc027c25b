package handlers_test

import (
	"compress/gzip"
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

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
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		doc := get(t, handlerstest.NewRouter(t, s, handlers.Config{}), "/", http.StatusOK)

		if n := doc.Find("h1").Length(); n != 1 {
			t.Errorf("the page has %d h1, want 1", n)
		}
		stats := map[string]string{}
		doc.Find(".stat-card").Each(func(_ int, c *goquery.Selection) {
			stats[text(c.Find(".stat-label"))] = text(c.Find(".stat-value"))
		})
		for label, want := range map[string]string{"교류직위": "42개", "국장급 교류직위": "14개", "과장급 교류직위": "28개"} {
			if stats[label] != want {
				t.Errorf("headline %q = %q, want %q (all: %v)", label, stats[label], want, stats)
			}
		}
		if len(stats) != 3 {
			t.Errorf("headline numbers %v, want only the three the source gives as totals", stats)
		}
		// The ministries are counted from the published pairs only, and the page says so.
		coverage := text(doc.Find(".coverage"))
		for _, want := range []string{"공개된 교류직위 기준 18개 부처", "1차 전략적 인사교류는 교류직위 12쌍 가운데 5쌍만 공개"} {
			if !strings.Contains(coverage, want) {
				t.Errorf("the coverage note %q lacks %q", coverage, want)
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
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})

		r1 := get(t, e, "/rounds/1", http.StatusOK)
		if h1 := text(r1.Find("h1")); h1 != "1차 전략적 인사교류" {
			t.Errorf("round 1 h1 = %q", h1)
		}
		// Round 1's positions are not published: its five ministry pairs with their
		// tasks, and one sentence on the rest, instead of a grid of 미공개.
		pairs := r1.Find(".ministry-pair")
		if pairs.Length() != 5 || r1.Find("table.pair-table").Length() != 0 {
			t.Errorf("round 1 lists %d ministry pairs and %d pair tables, want the 5 the source names and no table", pairs.Length(), r1.Find("table.pair-table").Length())
		}
		if first := text(pairs.First()); !strings.Contains(first, "국토부 ↔ 환경부") || !strings.Contains(first, "용인반도체 산단 신속 조성") {
			t.Errorf("round 1's first ministry pair = %q, want 국토부 ↔ 환경부 with its task", first)
		}
		if n := strings.Count(text(r1.Find("main")), "미공개"); n != 0 {
			t.Errorf("round 1 shows 미공개 %d times, want a sentence instead", n)
		}
		note := r1.Find(".not-published")
		if note.Length() != 1 || !strings.Contains(text(note), "12쌍 가운데 5쌍의 두 부처만 공개") || !strings.Contains(text(note), "직위명") {
			t.Errorf("round 1's note on what is not published = %q", text(note))
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
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
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
	t.Parallel()
	modelstest.AnySeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		// The public pages load public.css and no script; the login page app.css, htmx and app.js.
		doc := get(t, e, "/", http.StatusOK)
		css, _ := doc.Find(`link[rel=stylesheet]`).Attr("href")
		font, _ := doc.Find(`link[rel=preload][as=font]`).Attr("href")
		if doc.Find(`script`).Length() != 0 {
			t.Error("the public home page has a script")
		}
		login := get(t, e, "/login", http.StatusOK)
		appCSS, _ := login.Find(`link[rel=stylesheet]`).Attr("href")
		js, _ := login.Find(`script[src]`).Attr("src")
		for _, u := range []string{css, appCSS, js, font} {
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
			if u == font {
				continue // woff2 is compressed already
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
		if js == "" || css == "" || appCSS == "" || font == "" {
			t.Fatalf("the pages link no stylesheet, script or font: %q %q %q %q", css, appCSS, js, font)
		}
		if !strings.Contains(css, "/css/public.") || !strings.Contains(appCSS, "/css/app.") {
			t.Errorf("stylesheets %q (public) and %q (login), want public.css and app.css", css, appCSS)
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
	t.Parallel()
	modelstest.AnySeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		if err := s.DB().Create(&models.Round{Number: 3, Title: "3차 전략적 인사교류", Status: models.RoundSelected}).Error; err != nil {
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
			t.Errorf("menu = %q, want %q (round 3 is selected but not yet announced)", got, want)
		}
		if err := s.DB().Model(&models.Round{}).Where("number = 3").Update("announce_at", s.Now().Add(-time.Minute)).Error; err != nil {
			t.Fatal(err)
		}
		s.ChangedBySQL(context.Background())
		if got := strings.Join(menu(), "|"); !strings.Contains(got, "3차=/rounds/3") {
			t.Errorf("menu = %q, want round 3 once it is announced", got)
		}
	})
}

// The home page follows the data: the latest announced round's list, and the
// published outcomes of every round, whatever their numbers.
func TestHomeFollowsTheLatestAnnouncedRound(t *testing.T) {
	t.Parallel()
	modelstest.AnySeeded(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		db := s.DB()
		r3 := models.Round{Number: 3, Title: "3차 전략적 인사교류", Status: models.RoundProposals, PlannedDivisionDirector: 2}
		if err := db.Create(&r3).Error; err != nil {
			t.Fatal(err)
		}
		var moel, mss models.Ministry
		db.Where("code = ?", "moel").Take(&moel)
		db.Where("code = ?", "mss").Take(&mss)
		ta, tb := "고용정책총괄과장", "중소기업정책과장"
		a, b := models.Position{MinistryID: moel.ID, Title: &ta}, models.Position{MinistryID: mss.ID, Title: &tb}
		db.Create(&a)
		db.Create(&b)
		num, grade, theme := 1, models.GradeDivisionDirector, "3차 시험 협업 분야"
		pair := models.ExchangePair{RoundID: r3.ID, Number: &num, Grade: &grade, Theme: &theme, Status: models.PairSelected,
			MinistryAID: moel.ID, PositionAID: a.ID, MinistryBID: mss.ID, PositionBID: b.ID}
		if err := db.Omit("Round", "MinistryA", "MinistryB", "PositionA", "PositionB").Create(&pair).Error; err != nil {
			t.Fatal(err)
		}
		s.ChangedBySQL(ctx)
		publishTask(t, s, modelstest.Round2Pair(t, s, "moel", "mss").ID, "2차 시험 공개 과제")

		home := get(t, e, "/", http.StatusOK)
		if got := text(home.Find("#latest-title")); got != "2차 전략적 인사교류 대상직위" {
			t.Errorf("while round 3 is open for proposals the list is %q, want round 2's", got)
		}
		// The announcement time passes (the embargo lifts).
		if err := db.Model(&models.Round{}).Where("id = ?", r3.ID).Update("announce_at", s.Now().Add(-time.Minute)).Error; err != nil {
			t.Fatal(err)
		}
		if err := s.ChangedBySQL(ctx); err != nil {
			t.Fatal(err)
		}
		home = get(t, e, "/", http.StatusOK)
		if got := text(home.Find("#latest-title")); got != "3차 전략적 인사교류 대상직위" {
			t.Errorf("once round 3 is announced the list is %q, want round 3's", got)
		}
		if got := text(home.Find("table.pair-table tbody")); !strings.Contains(got, "3차 시험 협업 분야") || strings.Contains(got, "중소기업 인력난") {
			t.Errorf("the latest list shows %q, want round 3's one pair only", got)
		}
		var titles []string
		home.Find("#outcomes-title ~ h3").Each(func(_ int, h *goquery.Selection) { titles = append(titles, text(h)) })
		if strings.Join(titles, "|") != "1차 전략적 인사교류 협업 주요 성과|2차 전략적 인사교류 협업 주요 성과" {
			t.Errorf("outcome sections = %q, want round 1's and round 2's", titles)
		}
	})
}
