package handlers_test

import (
	"fmt"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// retiredWords are what the "Words on screen" table of DOMAIN.md replaced,
// with the word to write instead, as a pattern over the visible text.
var retiredWords = []struct {
	re   *regexp.Regexp
	want string
}{
	{regexp.MustCompile(`이\(가\)|가\(이\)`), "이 or 가 by the last syllable (models.Particle)"},
	{regexp.MustCompile(`을\(를\)|를\(을\)`), "을 or 를 by the last syllable (models.Particle)"},
	{regexp.MustCompile(`은\(는\)|는\(은\)`), "은 or 는 by the last syllable (models.Particle)"},
	{regexp.MustCompile(`와\(과\)|과\(와\)`), "와 or 과 by the last syllable (models.Particle)"},
	{regexp.MustCompile(`\(으\)로`), "으로 or 로 by the last syllable (models.Particle)"},
	{regexp.MustCompile(`(^|\s)교류 직위`), "교류직위, one word"},
	{regexp.MustCompile(`직위 공모`), "직위 제안 접수 (공모 is recruiting people)"},
	{regexp.MustCompile(`미상`), "미입력 on work pages, 미공개 on public ones"},
	{regexp.MustCompile(`동의하지 않음`), "거절, leading to 거절됨"},
	{regexp.MustCompile(`선정하지 않음`), "미선정, as the status it leads to"},
	{regexp.MustCompile(`상대 부처 거절`), "거절됨, as the button that leads to it"},
	{regexp.MustCompile(`미공개 공개|미공개 비공개`), "a task card naming its category and its publication apart"},
	{regexp.MustCompile(`user #|#\d+|\buser\b`), "the person's name"},
	{regexp.MustCompile(`\bsystem\b`), "시스템"},
	{regexp.MustCompile(`\{"|":`), "Korean labels, not raw JSON"},
}

// codeWords are the app's English codes (statuses, kinds, audit actions,
// record types): none of them is for people to read.
var codeWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`draft submitted awaiting_consent returned approved revoked extended completed acknowledged
		narrative metric amount higher lower director_general division_director
		proposed agreed declined selected rejected withdrawn preparing proposals closed
		administrative_efficiency public_benefit discovered in_progress stopped other
		login create update delete logout seed publish unpublish password.change password.reset_link
		login.failed personal_data.view nomination outcome task pair round ministry
		ministry agency office commission coordinator`) {
		codeWords[w] = true
	}
}

// codeToken finds Latin words, with the dots, slashes and underscores codes use.
var codeToken = regexp.MustCompile(`[A-Za-z][A-Za-z_./]*[A-Za-z]`)

// readAttributes are the attribute values people read or hear.
var readAttributes = []string{"title", "aria-label", "placeholder", "alt", "aria-description"}

// Every page and fragment, as everyone who may see it, on both databases,
// reads in the words of DOMAIN.md's "Words on screen" table: no 이(가)-style
// particles, no retired word, no English code in what people read.
func TestEveryPageReadsInTheWordsOfTheDomain(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		dump := wordsDump(t)
		pages := 0
		walkEveryPage(t, s, func(w walkedPage) {
			r, path, p, htmx, rec := w.route, w.path, w.persona, w.htmx, w.rec
			doc := w.doc()
			if doc == nil {
				return
			}
			if strings.HasPrefix(path, "/en/") {
				return // the English pages: TestEnglishPagesShowNoKoreanUIString
			}
			pages++
			where := fmt.Sprintf("%s %s as %s (htmx %v, %d)", r.Method, path, p, htmx, rec.Code)
			texts := readText(doc)
			if dump != nil {
				fmt.Fprintf(dump, "== %s\n%s\n", where, strings.Join(texts, "\n"))
			}
			for _, problem := range wordProblems(texts) {
				t.Errorf("%s: %s", where, problem)
			}
			if r.Access != handlers.Public {
				// 미공개 is for the public site; a work page says 미입력 of what nobody
				// entered. The publishing preview shows the public site as it will be.
				doc.Find(".publish-preview").Remove()
				for _, s := range readText(doc) {
					if strings.Contains(s, "미공개") {
						t.Errorf("%s: 미공개 on a work page in %q; write 미입력 for what nobody entered", where, truncate(s, 160))
					}
				}
			}
		})
		if pages < 200 {
			t.Errorf("only %d pages and fragments read; the walk is not reaching them", pages)
		}
	})
}

// wordsDump is where the texts read go when WORDS_DUMP names a file, for people to read them.
func wordsDump(t *testing.T) *os.File {
	name := os.Getenv("WORDS_DUMP")
	if name == "" {
		return nil
	}
	f, err := os.Create(name + "." + strings.ReplaceAll(t.Name(), "/", "_"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// wordProblems lists, once each, the retired words and codes the texts contain.
func wordProblems(texts []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range texts {
		for _, w := range retiredWords {
			if m := w.re.FindString(s); m != "" {
				msg := fmt.Sprintf("%q in %q; write %s", m, truncate(s, 160), w.want)
				if !seen[msg] {
					seen[msg] = true
					out = append(out, msg)
				}
			}
		}
		for _, m := range quotedParticle.FindAllStringSubmatch(s, -1) {
			if want := particleAfter([]rune(m[1])[0], m[2]); want != m[2] {
				msg := fmt.Sprintf("%q in %q; after %s write %s", m[0], truncate(s, 160), m[1], want)
				if !seen[msg] {
					seen[msg] = true
					out = append(out, msg)
				}
			}
		}
		for _, m := range codeToken.FindAllString(s, -1) {
			parts := append([]string{m}, strings.Split(m, "/")...)
			if slices.ContainsFunc(parts, func(w string) bool { return codeWords[strings.ToLower(w)] }) {
				msg := fmt.Sprintf("English code %q in %q", m, truncate(s, 160))
				if !seen[msg] {
					seen[msg] = true
					out = append(out, msg)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// quotedParticle is a particle right after a quoted word, 「미공개」으로: the
// particle must suit the quoted word's last syllable.
var quotedParticle = regexp.MustCompile(`([가-힣])[」』"'’”]+(으로|로|을|를|이|가|은|는|와|과)`)

// particleAfter is the form of a particle that follows a syllable.
func particleAfter(last rune, particle string) string {
	pairs := map[string][2]string{"으로": {"으로", "로"}, "로": {"으로", "로"}, "을": {"을", "를"}, "를": {"을", "를"},
		"이": {"이", "가"}, "가": {"이", "가"}, "은": {"은", "는"}, "는": {"은", "는"}, "와": {"과", "와"}, "과": {"과", "와"}}
	forms := pairs[particle]
	return strings.TrimPrefix(models.Particle(string(last), forms[0], forms[1]), string(last))
}

// readText is what a document shows and says: its text outside scripts and
// styles, one string per element's run of text, and the attribute values
// people read or hear.
func readText(doc *goquery.Document) []string {
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "template":
				return
			}
			for _, a := range n.Attr {
				for _, name := range readAttributes {
					if a.Key == name && strings.TrimSpace(a.Val) != "" {
						out = append(out, a.Val)
					}
				}
				if a.Key == "value" && n.Data == "input" && (attr(n, "type") == "submit" || attr(n, "type") == "button") {
					out = append(out, a.Val)
				}
			}
		case html.TextNode:
			if s := strings.Join(strings.Fields(n.Data), " "); s != "" {
				out = append(out, s)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
	// A phrase split over elements ("<strong>고용노동부</strong>이(가)", badges
	// side by side) is read whole too, as the block that holds it.
	doc.Find(phraseBlocks).Each(func(_ int, sel *goquery.Selection) {
		if sel.Find(phraseBlocks).Length() == 0 {
			if s := strings.Join(strings.Fields(sel.Text()), " "); s != "" {
				out = append(out, s)
			}
		}
	})
	return out
}

// phraseBlocks are the elements whose text people read as one phrase.
const phraseBlocks = "p, li, td, th, dd, dt, h1, h2, h3, h4, h5, h6, caption, label, legend, button, summary, figcaption"

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestWordProblemsFindsRetiredWordsAndCodes(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		text string
		want int
	}{
		{"고용노동부이(가) 참여하는 교류직위입니다.", 1},
		{"「미공개」으로", 1},
		{"「미공개」로 적습니다", 0},
		{"「서울」로", 0},
		{"「연번」은", 0},
		{"교류 직위", 1},
		{"행정 효율성 미공개 공개", 1},
		{"login/create", 1},
		{"user #21", 1},
		{"상태: proposed", 1},
		{"로그인 moel (고용부 담당자)", 0},
		{"pairs.csv 내려받기", 0},
		{"{\"title\":\"x\"}", 1},
		{"고용노동부가 참여하는 교류직위입니다.", 0},
	} {
		if got := len(wordProblems([]string{c.text})); got != c.want {
			t.Errorf("wordProblems(%q) = %d problems, want %d", c.text, got, c.want)
		}
	}
}

// The audit log reads in Korean on every page of it: actions, who acted and
// what changed, never the codes and JSON the log stores.
func TestTheAuditLogReadsInKorean(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s) // the seed, as 시스템
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		fx := handlerstest.MatrixFixtures(t, s, e) // a nomination, an account, a reset link, proposals
		bad := handlerstest.NewClient(t, e)
		bad.Remote = "198.51.100.9:40000" // throttled apart from the administrator
		bad.Get("/login")
		for range 12 {
			bad.Post("/login", url.Values{"login": {"nobody"}, "password": {"wrong-password"}}) // failed, then throttled
		}
		adm := handlerstest.NewClient(t, e)
		adm.Login("admin", models.DemoPassword)
		user := "/admin/users/" + fx["user"]
		adm.Get(user)
		adm.Post(user, url.Values{"display_name": {"대상 2"}, "role": {"admin"}})
		adm.Post(user+"/reset", nil)
		adm.Get("/nominations/" + fx["mssNomination"] + "/contact")
		doc := parseRec(t, adm.Get("/admin/audit?record_type=user&action=update"))
		row := doc.Find(".audit-table tbody tr").First()
		if got := text(row); !strings.Contains(got, "데모 관리자 (admin)") || !strings.Contains(got, "수정") ||
			!strings.Contains(got, "계정 「대상 2」") || !strings.Contains(got, "이름: 대상 → 대상 2") || !strings.Contains(got, "역할: 심사자 → 관리자") {
			t.Errorf("the update of an account reads %q; want who, 수정, which account and what changed, in Korean", got)
		}
		// Every page, by its 다음 link (keyset pages, newest first), to the last.
		pages := 0
		for next := "/admin/audit"; next != "" && pages < 100; pages++ {
			doc := parseRec(t, adm.Get(next))
			if doc.Find(".audit-table tbody tr").Length() == 0 {
				t.Errorf("audit page %d (%s) lists no event", pages+1, next)
			}
			for _, problem := range wordProblems(readText(doc)) {
				t.Errorf("audit page %d: %s", pages+1, problem)
			}
			next, _ = doc.Find("a.page-navi.next").Attr("href")
		}
		if pages < 2 {
			t.Errorf("the audit log has %d pages; the test did not reach the older events", pages)
		}
	})
}
