package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

var hangul = regexp.MustCompile(`\p{Hangul}`)

// englishPages walks the English public site from /en/, following every link
// that stays in it, and returns each page found with its document.
func englishPages(t *testing.T, e http.Handler) map[string]*goquery.Document {
	t.Helper()
	pages := map[string]*goquery.Document{}
	queue := []string{"/en/", "/en/results?round=1&ministry=molit&category=administrative_efficiency"}
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		if _, seen := pages[path]; seen {
			continue
		}
		doc := get(t, e, path, http.StatusOK)
		pages[path] = doc
		doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			u, err := url.Parse(href)
			if err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/en/") {
				return
			}
			u.Fragment = ""
			queue = append(queue, u.String())
		})
	}
	return pages
}

// koreanOutsideLangKo lists the Korean text and attribute values of a page
// that are not inside an element marked lang="ko": UI strings left untranslated.
func koreanOutsideLangKo(doc *goquery.Document) []string {
	var found []string
	var walk func(n *html.Node, ko bool)
	walk = func(n *html.Node, ko bool) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "lang" {
					ko = a.Val == "ko" && n.Data != "html"
				}
			}
			for _, a := range n.Attr {
				if a.Key != "href" && a.Key != "lang" && hangul.MatchString(a.Val) && !ko {
					found = append(found, "<"+n.Data+" "+a.Key+"="+a.Val+">")
				}
			}
		}
		if n.Type == html.TextNode && !ko && hangul.MatchString(n.Data) {
			found = append(found, strings.Join(strings.Fields(n.Data), " "))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, ko)
		}
	}
	for _, n := range doc.Nodes {
		walk(n, false)
	}
	return found
}

func TestEnglishPagesShowNoKoreanUIString(t *testing.T) {
	t.Parallel()
	modelstest.AnySeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pages := englishPages(t, e)
		for _, want := range []string{"/en/", "/en/rounds/1", "/en/rounds/2", "/en/p/2/1", "/en/p/1/molit-me", "/en/ministries/moel",
			"/en/ministries/moef", "/en/results", "/en/privacy", "/en/copyright", "/en/data", "/en/about"} {
			if pages[want] == nil {
				t.Errorf("no link leads to %s from the English pages", want)
			}
		}
		for path, doc := range pages {
			if lang, _ := doc.Find("html").Attr("lang"); lang != "en" {
				t.Errorf("%s: <html lang=%q>", path, lang)
			}
			if k := koreanOutsideLangKo(doc); len(k) > 0 {
				t.Errorf("%s shows Korean outside lang=\"ko\": %q", path, k)
			}
		}
		// The records stay as published, in Korean, marked as such.
		p := pages["/en/p/2/1"]
		if got := text(p.Find(`.position-title [lang="ko"]`).First()); got != "기업일자리지원과장" {
			t.Errorf("/en/p/2/1 position title = %q, want it in Korean with lang=ko", got)
		}
		if h1 := text(p.Find("h1")); h1 != "MOEL ↔ MSS: exchanged positions" {
			t.Errorf("/en/p/2/1 h1 = %q", h1)
		}
		// A ministry the registry has no English name for says so.
		m := pages["/en/ministries/moef"]
		if h1 := m.Find(`h1 [lang="ko"]`).Text(); h1 != "기획재정부" || !strings.Contains(text(m.Find("main")), "no official English name") {
			t.Errorf("/en/ministries/moef: h1 %q, note %q", h1, text(m.Find("main .note")))
		}
		if h1 := text(pages["/en/ministries/moel"].Find("h1")); h1 != "Ministry of Employment and Labor (MOEL)" {
			t.Errorf("/en/ministries/moel h1 = %q", h1)
		}
	})
}

func TestPublicPagesLinkTheirTwinInTheOtherLanguage(t *testing.T) {
	t.Parallel()
	modelstest.AnySeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{BaseURL: "https://gyoryu.example"})
		for _, c := range []struct{ ko, en string }{
			{"/", "/en/"}, {"/rounds/2", "/en/rounds/2"}, {"/p/2/1", "/en/p/2/1"}, {"/ministries/mss", "/en/ministries/mss"},
			{"/results?round=2", "/en/results?round=2"}, {"/data", "/en/data"}, {"/privacy", "/en/privacy"}, {"/copyright", "/en/copyright"},
		} {
			for _, page := range []struct{ path, other, otherLang string }{{c.ko, c.en, "en"}, {c.en, c.ko, "ko"}} {
				doc := get(t, e, page.path, http.StatusOK)
				alt := map[string]string{}
				doc.Find(`head link[rel=alternate][hreflang]`).Each(func(_ int, l *goquery.Selection) {
					lang, _ := l.Attr("hreflang")
					alt[lang], _ = l.Attr("href")
				})
				base := "https://gyoryu.example"
				if alt["ko"] != base+c.ko || alt["en"] != base+c.en || alt["x-default"] != base+c.ko {
					t.Errorf("%s: hreflang links %v", page.path, alt)
				}
				sw := doc.Find("header a.lang-switch")
				if href, _ := sw.Attr("href"); href != page.other || sw.AttrOr("hreflang", "") != page.otherLang || sw.AttrOr("lang", "") != page.otherLang {
					t.Errorf("%s: language switch %q hreflang=%q", page.path, href, sw.AttrOr("hreflang", ""))
				}
			}
		}
	})
}

func TestEnglishPagesAreKeptLikeTheKoreanOnes(t *testing.T) {
	t.Parallel()
	modelstest.AnySeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		for _, path := range []string{"/en/", "/en/rounds/1", "/en/data"} {
			first := do(t, e, http.MethodGet, path, nil, nil)
			etag := first.Header().Get("ETag")
			if first.Code != http.StatusOK || etag == "" {
				t.Fatalf("GET %s = %d, ETag %q", path, first.Code, etag)
			}
			again := do(t, e, http.MethodGet, path, nil, http.Header{"If-None-Match": {etag}})
			if again.Code != http.StatusNotModified {
				t.Errorf("GET %s with its ETag = %d, want 304", path, again.Code)
			}
			ko := do(t, e, http.MethodGet, strings.TrimPrefix(path, "/en"), nil, nil)
			if ko.Header().Get("ETag") == etag {
				t.Errorf("%s and its Korean twin share a kept page", path)
			}
		}
	})
}
