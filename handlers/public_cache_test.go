package handlers_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// publishTask adds a task with one outcome to a pair and publishes it, as an
// administrator would, through store s.
func publishTask(t *testing.T, s *models.Store, pairID int64, title string) int64 {
	t.Helper()
	ctx := context.Background()
	task, err := s.CreateTask(ctx, models.System, pairID, models.TaskInput{Title: title, Category: "public_benefit", Status: "discovered", Progress: "0"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateOutcome(ctx, models.System, task.ID, models.OutcomeInput{Kind: "narrative", Summary: title + "의 성과"}); err != nil {
		t.Fatal(err)
	}
	_, tasks, err := s.PairByID(ctx, pairID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range tasks {
		if tk.ID == task.ID {
			if err := s.PublishTask(ctx, models.System, task.ID, tk.ContentStamp()); err != nil {
				t.Fatal(err)
			}
			return task.ID
		}
	}
	t.Fatalf("task %d not found on its pair", task.ID)
	return 0
}

// Two instances on one database: what one publishes, the other shows on its next request.
func TestPublishingOnOneInstanceShowsOnTheOtherAtTheNextRequest(t *testing.T) {
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, a *models.Store) {
		b, err := models.Open(context.Background(), reopen(a))
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		routerB := handlerstest.NewRouter(t, b, handlers.Config{})
		const title = "두 인스턴스 사이 공개 확인 과제"
		if strings.Contains(text(get(t, routerB, "/", http.StatusOK).Find("main")), title) {
			t.Fatal("the task is on the home page before it is published")
		}
		id := publishTask(t, a, modelstest.Round2Pair(t, a, "moel", "mss").ID, title)
		if !strings.Contains(text(get(t, routerB, "/", http.StatusOK).Find("main")), title) {
			t.Error("instance B does not show the task instance A published")
		}
		if err := a.UnpublishTask(context.Background(), models.System, id); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(text(get(t, routerB, "/", http.StatusOK).Find("main")), title) {
			t.Error("instance B still shows the task instance A took off the site")
		}
	})
}

// A kept page is served from memory: after the first request, no query but the
// version read (a prepared statement outside GORM, which CountQueries does not see).
func TestKeptPublicPagesRunNoQueries(t *testing.T) {
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		paths := []string{"/", "/rounds/1", "/data/pairs.json"}
		for _, path := range paths {
			get(t, e, path, http.StatusOK)
		}
		counter := modelstest.CountQueries(t, s)
		for _, path := range paths {
			before := counter.Load()
			do(t, e, http.MethodGet, path, nil, nil)
			if n := counter.Load() - before; n != 0 {
				t.Errorf("GET %s ran %d queries the second time, want 0", path, n)
			}
		}
	})
}

func TestPublicPagesAnswerConditionalRequestsAndGzip(t *testing.T) {
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		for _, path := range []string{"/", "/rounds/1", "/data/pairs.csv", "/data/outcomes.json"} {
			first := do(t, e, http.MethodGet, path, nil, nil)
			etag, lastMod := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
			if first.Code != http.StatusOK || !strings.HasPrefix(etag, `"`) || lastMod == "" {
				t.Fatalf("GET %s = %d, ETag %q, Last-Modified %q; want 200 with a strong ETag and Last-Modified", path, first.Code, etag, lastMod)
			}
			if rec := do(t, e, http.MethodGet, path, nil, http.Header{"If-None-Match": {etag}}); rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
				t.Errorf("GET %s with If-None-Match = %d (%d bytes), want 304 and no body", path, rec.Code, rec.Body.Len())
			}
			if rec := do(t, e, http.MethodGet, path, nil, http.Header{"If-Modified-Since": {lastMod}}); rec.Code != http.StatusNotModified {
				t.Errorf("GET %s with If-Modified-Since = %d, want 304", path, rec.Code)
			}
			if rec := do(t, e, http.MethodGet, path, nil, http.Header{"If-None-Match": {`"other"`}}); rec.Code != http.StatusOK {
				t.Errorf("GET %s with another ETag = %d, want 200", path, rec.Code)
			}
			zipped := do(t, e, http.MethodGet, path, nil, http.Header{"Accept-Encoding": {"gzip, br"}})
			if zipped.Header().Get("Content-Encoding") != "gzip" || zipped.Header().Get("ETag") == etag {
				t.Errorf("GET %s with gzip: Content-Encoding %q, ETag %q; want gzip with its own ETag", path, zipped.Header().Get("Content-Encoding"), zipped.Header().Get("ETag"))
				continue
			}
			zr, err := gzip.NewReader(zipped.Body)
			if err != nil {
				t.Fatal(err)
			}
			plain, _ := io.ReadAll(zr)
			if !bytes.Equal(plain, first.Body.Bytes()) {
				t.Errorf("GET %s: the gzip bytes are not the page", path)
			}
			if rec := do(t, e, http.MethodGet, path, nil, http.Header{"Accept-Encoding": {"gzip"}, "If-None-Match": {zipped.Header().Get("ETag")}}); rec.Code != http.StatusNotModified {
				t.Errorf("GET %s with the gzip ETag = %d, want 304", path, rec.Code)
			}
		}
		// A change gives the page a new ETag.
		before := do(t, e, http.MethodGet, "/", nil, nil).Header().Get("ETag")
		publishTask(t, s, modelstest.Round2Pair(t, s, "moel", "mss").ID, "새로 공개한 과제")
		if rec := do(t, e, http.MethodGet, "/", nil, http.Header{"If-None-Match": {before}}); rec.Code != http.StatusOK || rec.Header().Get("ETag") == before {
			t.Errorf("after publishing, GET / with the old ETag = %d (ETag %q), want 200 with a new ETag", rec.Code, rec.Header().Get("ETag"))
		}
	})
}

// Every GET route answers HEAD as it answers GET, without a body.
func TestHeadIsAnsweredForEveryGetRoute(t *testing.T) {
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		srv := handlerstest.Serve(t, s, handlers.Config{})
		for _, r := range handlers.New(s, handlerstest.Assets(t), nil, handlers.Config{}).Routes() {
			if r.Method != http.MethodGet {
				continue
			}
			path := samplePath(r.Path)
			getReq, _ := http.NewRequest(http.MethodGet, srv+path, nil)
			getRes, err := http.DefaultTransport.RoundTrip(getReq)
			if err != nil {
				t.Fatal(err)
			}
			getRes.Body.Close()
			req, _ := http.NewRequest(http.MethodHead, srv+path, nil)
			headRes, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(headRes.Body)
			headRes.Body.Close()
			if headRes.StatusCode != getRes.StatusCode || len(body) != 0 {
				t.Errorf("HEAD %s = %d with %d bytes, GET = %d", path, headRes.StatusCode, len(body), getRes.StatusCode)
			}
		}
	})
}

// samplePath fills a route's parameters with values that exist in the seed.
func samplePath(route string) string {
	r := strings.NewReplacer(":number", "1", ":round", "1", ":key", "molit-me", ":code", "moel", ":format", "csv", ":id", "1", ":token", "x", "*", "css/app.css")
	return r.Replace(route)
}

func reopen(s *models.Store) models.OpenOptions {
	if s.Dialect() == models.DialectPostgres {
		return models.OpenOptions{DatabaseURL: s.URL()}
	}
	return models.OpenOptions{SQLitePath: s.SQLitePath()}
}

// Many readers at once while a task is published: every request is answered,
// and every request that starts after the publishing ended shows the task.
func TestConcurrentReadersSeeAPublishedTaskOnceItIsPublished(t *testing.T) {
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		const title = "동시 읽기 중 공개한 과제"
		var published atomic.Bool
		var wg sync.WaitGroup
		errs := make(chan string, 100)
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 20 {
					after := published.Load()
					rec := httptest.NewRecorder()
					e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
					if rec.Code != http.StatusOK {
						errs <- "GET / = " + strconv.Itoa(rec.Code)
						return
					}
					if after && !strings.Contains(rec.Body.String(), title) {
						errs <- "a request started after publishing does not show the task"
						return
					}
				}
			}()
		}
		publishTask(t, s, modelstest.Round2Pair(t, s, "moel", "mss").ID, title)
		published.Store(true)
		wg.Wait()
		close(errs)
		for msg := range errs {
			t.Error(msg)
		}
	})
}

// A change the public cannot see (a draft task added to a pair) bumps the
// public version but leaves the kept pages as they were: not rendered and
// compressed again, with the same validators and Last-Modified. A change the
// public sees (the task published) shows at once, with a new Last-Modified.
func TestAChangeThePublicCannotSeeKeepsThePublicPages(t *testing.T) {
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		clk := newClock(s, time.Date(2025, 3, 2, 9, 0, 0, 0, time.UTC))
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		first := do(t, e, http.MethodGet, "/", nil, nil)
		etag, lastMod := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
		ctx := context.Background()
		pair := modelstest.Round2Pair(t, s, "moel", "mss").ID
		before, err := s.PublicVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		clk.set(time.Date(2025, 3, 2, 10, 0, 0, 0, time.UTC))
		const title = "아직 공개하지 않은 과제"
		task, err := s.CreateTask(ctx, models.System, pair, models.TaskInput{Title: title, Category: "public_benefit", Status: "discovered"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateOutcome(ctx, models.System, task.ID, models.OutcomeInput{Kind: "narrative", Summary: title + "의 성과"}); err != nil {
			t.Fatal(err)
		}
		if after, _ := s.PublicVersion(ctx); after.Version == before.Version {
			t.Fatal("adding a task did not bump the public version; the test proves nothing")
		}
		again := do(t, e, http.MethodGet, "/", nil, nil)
		if got := again.Header().Get("Last-Modified"); got != lastMod || again.Header().Get("ETag") != etag {
			t.Errorf("after an unseen change: ETag %s, Last-Modified %s; want the kept page's %s, %s",
				again.Header().Get("ETag"), got, etag, lastMod)
		}
		_, tasks, err := s.PairByID(ctx, pair)
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range tasks {
			if tk.ID == task.ID {
				if err := s.PublishTask(ctx, models.System, task.ID, tk.ContentStamp()); err != nil {
					t.Fatal(err)
				}
			}
		}
		seen := do(t, e, http.MethodGet, "/", nil, nil)
		if seen.Header().Get("Last-Modified") == lastMod || !strings.Contains(seen.Body.String(), title) {
			t.Errorf("after publishing: Last-Modified %s (was %s), task on the page %v",
				seen.Header().Get("Last-Modified"), lastMod, strings.Contains(seen.Body.String(), title))
		}
	})
}

// The stylesheet and scripts go out gzipped once (their bytes made on first
// use, not per request), fonts as they are; a page rendered per request is
// gzipped as it is answered. Each decompresses, once, to exactly what an
// identity request gets.
func TestAssetsAndPagesAreGzippedOnce(t *testing.T) {
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		doc := get(t, e, "/login", http.StatusOK)
		var paths []string
		doc.Find(`link[rel=stylesheet], script[src]`).Each(func(_ int, sel *goquery.Selection) {
			href, _ := sel.Attr("href")
			src, _ := sel.Attr("src")
			paths = append(paths, href+src)
		})
		if len(paths) < 2 {
			t.Fatalf("the login page links %v, want the stylesheet and htmx", paths)
		}
		for _, path := range append(paths, "/login") {
			plain := do(t, e, http.MethodGet, path, nil, nil)
			zipped := do(t, e, http.MethodGet, path, nil, http.Header{"Accept-Encoding": {"gzip"}})
			if plain.Code != http.StatusOK || zipped.Code != http.StatusOK {
				t.Fatalf("GET %s = %d, with gzip %d", path, plain.Code, zipped.Code)
			}
			if plain.Header().Get("Content-Encoding") != "" || zipped.Header().Get("Content-Encoding") != "gzip" ||
				!strings.Contains(zipped.Header().Get("Vary"), "Accept-Encoding") {
				t.Errorf("GET %s: Content-Encoding %q without gzip, %q with it (Vary %q); want none, then gzip",
					path, plain.Header().Get("Content-Encoding"), zipped.Header().Get("Content-Encoding"), zipped.Header().Get("Vary"))
				continue
			}
			zr, err := gzip.NewReader(zipped.Body)
			if err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
			body, _ := io.ReadAll(zr)
			if path == "/login" { // a new CSRF token each time: compare the page's frame
				body, plain.Body = bytes.Split(body, []byte("csrf_token"))[0], bytes.NewBuffer(bytes.Split(plain.Body.Bytes(), []byte("csrf_token"))[0])
			}
			if !bytes.Equal(body, plain.Body.Bytes()) {
				t.Errorf("GET %s: the gzipped body does not decompress once to the identity body (%d and %d bytes)", path, len(body), plain.Body.Len())
			}
		}
		css := do(t, e, http.MethodGet, paths[0], nil, nil).Body.String()
		font := regexp.MustCompile(`/static/[^)"']+\.woff2`).FindString(css)
		if font == "" {
			t.Fatalf("the stylesheet %s names no woff2 font", paths[0])
		}
		if rec := do(t, e, http.MethodGet, font, nil, http.Header{"Accept-Encoding": {"gzip"}}); rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "" {
			t.Errorf("GET %s = %d, Content-Encoding %q: want the woff2 font as it is", font, rec.Code, rec.Header().Get("Content-Encoding"))
		}
	})
}
