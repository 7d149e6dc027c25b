package handlers_test

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// The public site tells what the press release says of how the programme
// runs, each statement with the release's words, found in the release as written.
func TestAboutTellsWhatThePressReleaseSays(t *testing.T) {
	t.Parallel()
	source, err := os.ReadFile("testdata/press-release-2024-12-22.txt")
	if err != nil {
		t.Fatal(err)
	}
	release := strings.Join(strings.Fields(string(source)), " ")
	modelstest.AnySeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		home := get(t, e, "/", http.StatusOK)
		if home.Find(`main a[href="/about"]`).Length() == 0 {
			t.Error("/ does not link to /about")
		}
		doc := get(t, e, "/about", http.StatusOK)
		statements := text(doc.Find("main .story-item > p"))
		for item, words := range map[string][]string{
			"동반 교류":        {"동반 교류", "교류자 아래 직급"},
			"인사상 특전":       {"평가수당 우대", "인사상 특전", "주기적으로 점검·평가"},
			"처음 참여하는 기관":   {"보건복지부", "질병관리청", "방위사업청", "금융위원회", "처음으로 참여"},
			"정부업무평가 연계":    {"2024 정부업무평가", "고도화", "민생현안"},
			"2차 교류의 진행 순서": {"교류자 선발", "2025년 1월 중 교류 시행", "직위별 세부 협업과제 선정"},
		} {
			for _, w := range words {
				if !strings.Contains(statements, w) {
					t.Errorf("/about does not say %q (%s)", w, item)
				}
			}
		}
		quotes := doc.Find(`main .story-item blockquote[lang="ko"]`)
		if quotes.Length() != doc.Find("main .story-item").Length() {
			t.Errorf("%d statements, %d quotes of the press release", doc.Find("main .story-item").Length(), quotes.Length())
		}
		quotes.Each(func(_ int, q *goquery.Selection) {
			if !strings.Contains(release, text(q)) {
				t.Errorf("/about quotes what the press release does not say word for word: %q", text(q))
			}
		})
		if !strings.Contains(text(doc.Find("main")), "부처 간 벽 없었더니 성과...인사교류 확산") {
			t.Error("/about does not name its source")
		}
		en := get(t, e, "/en/about", http.StatusOK)
		for _, w := range []string{"Companion exchange", "first time", "January 2025", "preferential evaluation allowances", "2024 government work evaluation"} {
			if !strings.Contains(text(en.Find("main")), w) {
				t.Errorf("/en/about does not say %q", w)
			}
		}
	})
}
