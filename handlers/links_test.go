package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// urlAttributes are the attributes whose value is an address to follow or post to.
var urlAttributes = []string{"href", "src", "action", "formaction", "hx-get", "hx-post", "hx-put", "hx-patch", "hx-delete"}

// walkPosts are the matrix's form posts whose answer is a page or fragment to
// check; the others change state a later page depends on (signing out,
// agreeing, selecting, withdrawing, unpublishing).
var walkPosts = map[string]bool{
	"login.submit": true, "password.submit": true, "reset.submit": true, "proposal.create": true,
	"pair.decline": true, "pair.reject": true, "nomination.decline": true, "task.create": true, "task.update": true, "task.delete": true,
	"task.publish": true, "outcome.create": true, "outcome.update": true, "outcome.delete": true,
	"user.create": true, "user.update": true, "user.active": true, "user.reset": true,
	"round.create": true, "round.update": true, "round.advance": true, "round.import.confirm": true,
	"ministry.create": true, "ministry.update": true, "ministry.active": true,
	"evaluation.create": true, "evaluation.update": true, "evaluation.advance": true, "evaluation.self": true,
	"evaluation.score": true, "evaluation.incentive": true, "task.government.update": true,
}

// Every address a page or an htmx fragment shows, to every kind of person,
// is one the route table answers, with the method the link or form uses:
// no path is written by hand anywhere.
func TestEveryLinkAndFormOnEveryPageResolvesToARoute(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		table := routeTable(handlers.New(s, handlerstest.Assets(t), nil, handlers.Config{}).Routes())
		checked := map[string]bool{}
		walkEveryPage(t, s, func(w walkedPage) {
			r, path, p, htmx := w.route, w.path, w.persona, w.htmx
			if w.rec.Code >= 500 {
				t.Errorf("%s %s as %s (htmx %v) = %d", r.Method, path, p, htmx, w.rec.Code)
			}
			doc := w.doc()
			if doc == nil {
				return
			}
			for _, link := range pageLinks(doc) {
				u, err := url.Parse(link.url)
				if err != nil {
					t.Errorf("%s %s as %s: unparseable address %q", r.Method, path, p, link.url)
					continue
				}
				if (u.Scheme != "" && u.Host != "example.com") || (u.Scheme == "" && u.Path == "") {
					continue // another site, or a place on this page
				}
				key := link.method + " " + u.Path
				checked[key] = true
				if !table.answers(link.method, u.Path) {
					t.Errorf("%s %s as %s (htmx %v): %s %q in <%s %s> answers no route", r.Method, path, p, htmx,
						link.method, link.url, link.element, link.attribute)
				}
			}
		})
		if len(checked) < 60 {
			t.Errorf("only %d distinct addresses seen; the walk is not reaching the pages", len(checked))
		}
		for _, want := range []string{"GET /", "GET /workspace", "POST /logout", "GET /admin/rounds/new"} {
			if !checked[want] {
				keys := make([]string, 0, len(checked))
				for k := range checked {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				t.Errorf("never saw %s among %v", want, keys)
			}
		}
	})
}

// walkedPage is one answer of walkEveryPage.
type walkedPage struct {
	persona handlerstest.Persona
	route   handlers.Route
	path    string
	htmx    bool
	rec     *httptest.ResponseRecorder
	t       *testing.T
}

// doc parses an HTML answer; nil for anything else.
func (w walkedPage) doc() *goquery.Document {
	if !strings.HasPrefix(w.rec.Header().Get("Content-Type"), "text/html") {
		return nil
	}
	doc, err := goquery.NewDocumentFromReader(w.rec.Body)
	if err != nil {
		w.t.Fatalf("parse %s: %v", w.path, err)
	}
	return doc
}

// walkEveryPage fetches every GET route of the table, and the posts of
// walkPosts, as every persona (each from an address of its own, so the
// failed sign-ins walked do not throttle the next), as a page and as an htmx
// fragment, with the access matrix's records, and hands each answer to visit.
func walkEveryPage(t *testing.T, s *models.Store, visit func(walkedPage)) {
	t.Helper()
	handlerstest.SeedAccounts(t, s)
	e := handlerstest.NewRouter(t, s, handlers.Config{})
	h := handlers.New(s, handlerstest.Assets(t), nil, handlers.Config{})
	fx := handlerstest.MatrixFixtures(t, s, e)
	for i, p := range handlerstest.Personas {
		c := handlerstest.NewClient(t, e)
		c.Remote = "198.51.100." + strconv.Itoa(i+1) + ":40000"
		if p == handlerstest.Anonymous {
			c.Get("/login")
		} else {
			c.Login(p.Login(), models.DemoPassword)
		}
		for _, r := range h.Routes() {
			rc := handlerstest.RouteCases[r.Name]
			if r.Method != http.MethodGet && !walkPosts[r.Name] {
				continue
			}
			path := fx.Expand(rc.Path)
			for _, htmx := range []bool{false, true} {
				c.HTMX = htmx
				rec := c.Do(r.Method, path, nil, nil)
				if r.Method != http.MethodGet {
					rec = c.Post(path, handlerstest.CloneForm(rc.Form))
				}
				c.HTMX = false
				visit(walkedPage{persona: p, route: r, path: path, htmx: htmx, rec: rec, t: t})
			}
		}
	}
}

type pageLink struct{ method, url, element, attribute string }

// pageLinks lists every address in a document with the method it is used with.
func pageLinks(doc *goquery.Document) []pageLink {
	var links []pageLink
	for _, attr := range urlAttributes {
		doc.Find("[" + attr + "]").Each(func(_ int, sel *goquery.Selection) {
			v, _ := sel.Attr(attr)
			method := http.MethodGet
			switch {
			case attr == "action" && strings.EqualFold(sel.AttrOr("method", "get"), "post"):
				method = http.MethodPost
			case strings.HasPrefix(attr, "hx-") && attr != "hx-get":
				method = strings.ToUpper(strings.TrimPrefix(attr, "hx-"))
			}
			links = append(links, pageLink{method: method, url: v, element: goquery.NodeName(sel), attribute: attr})
		})
	}
	return links
}

// routes matches paths against the route table's patterns.
type routes []struct {
	method string
	re     *regexp.Regexp
	route  handlers.Route
}

func routeTable(list []handlers.Route) routes {
	var rs routes
	param := regexp.MustCompile(`:[a-z]+|\*`)
	for _, r := range list {
		var pattern strings.Builder
		last := 0
		for _, m := range param.FindAllStringIndex(r.Path, -1) {
			pattern.WriteString(regexp.QuoteMeta(r.Path[last:m[0]]))
			if r.Path[m[0]] == '*' {
				pattern.WriteString(`.+`)
			} else {
				pattern.WriteString(`[^/]+`)
			}
			last = m[1]
		}
		pattern.WriteString(regexp.QuoteMeta(r.Path[last:]))
		rs = append(rs, struct {
			method string
			re     *regexp.Regexp
			route  handlers.Route
		}{r.Method, regexp.MustCompile("^" + pattern.String() + "$"), r})
	}
	return rs
}

// match is the route that answers method and path.
func (rs routes) match(method, path string) (handlers.Route, bool) {
	for _, r := range rs {
		if r.method == method && r.re.MatchString(path) {
			return r.route, true
		}
	}
	return handlers.Route{}, false
}

func (rs routes) answers(method, path string) bool {
	for _, r := range rs {
		if r.method == method && r.re.MatchString(path) {
			return true
		}
	}
	return false
}
