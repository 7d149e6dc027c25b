package handlers_test

import (
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// cuttableProxy forwards TCP to PostgreSQL until cut, as if the server went away.
type cuttableProxy struct {
	t      *testing.T
	addr   string
	target string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func newCuttableProxy(t *testing.T, target string) *cuttableProxy {
	p := &cuttableProxy{t: t, target: target}
	p.listen("127.0.0.1:0")
	t.Cleanup(p.cut)
	return p
}

func (p *cuttableProxy) listen(addr string) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(up, c); up.Close() }()
			go func() { _, _ = io.Copy(c, up); c.Close() }()
		}
	}()
}

// cut closes the listener and every connection: new ones are refused.
func (p *cuttableProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *cuttableProxy) restore() { p.listen(p.addr) }

func timedGet(t *testing.T, e http.Handler, target string, htmx bool) (int, string, time.Duration) {
	t.Helper()
	h := http.Header{}
	if htmx {
		h.Set("HX-Request", "true")
	}
	start := time.Now()
	rec := do(t, e, http.MethodGet, target, nil, h)
	return rec.Code, rec.Body.String(), time.Since(start)
}

func TestWhileTheDatabaseIsAwayPagesAnswer503InKoreanAndRecoverByThemselves(t *testing.T) {
	seeded := modelstest.New(t, models.DialectPostgres)
	handlerstest.SeedAccounts(t, seeded)
	u, err := url.Parse(seeded.URL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := newCuttableProxy(t, u.Host)
	u.Host = proxy.addr
	store, err := models.Open(context.Background(), models.OpenOptions{DatabaseURL: u.String()})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	e := handlerstest.NewRouter(t, store, handlers.Config{})
	if code, _, _ := timedGet(t, e, "/", false); code != http.StatusOK {
		t.Fatalf("GET / before the outage = %d", code)
	}

	proxy.cut()
	for _, tt := range []struct {
		name, path string
		htmx, page bool
	}{
		{"a page", "/", false, true},
		{"an htmx fragment", "/rounds/2", true, false},
		{"readiness", "/readyz", false, false},
	} {
		code, body, took := timedGet(t, e, tt.path, tt.htmx)
		if code != http.StatusServiceUnavailable || took > 3*time.Second {
			t.Errorf("%s during the outage: %d after %s, want 503 at once", tt.name, code, took)
		}
		if tt.path == "/readyz" {
			continue
		}
		if !strings.Contains(body, "잠시 후 다시 시도해 주십시오") {
			t.Errorf("%s during the outage does not ask to try again later:\n%s", tt.name, truncate(body, 400))
		}
		if full := strings.Contains(body, "<html"); full != tt.page {
			t.Errorf("%s during the outage: full page = %v, want %v", tt.name, full, tt.page)
		}
	}
	if code, _, _ := timedGet(t, e, "/healthz", false); code != http.StatusOK {
		t.Errorf("/healthz during the outage = %d: the process is alive, restarting it would not help", code)
	}

	proxy.restore()
	deadline := time.Now().Add(5 * time.Second)
	for {
		code, _, _ := timedGet(t, e, "/", false)
		ready, _, _ := timedGet(t, e, "/readyz", false)
		if code == http.StatusOK && ready == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("5 s after the database came back: GET / = %d, /readyz = %d", code, ready)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestADatabaseRefusingWritesGetsAClearAnswerAndNothingHalfWritten(t *testing.T) {
	t.Parallel()
	rw := modelstest.New(t, models.DialectPostgres)
	f := newTaskFixture(t, rw)
	u, _ := url.Parse(rw.URL())
	q := u.Query()
	q.Set("default_transaction_read_only", "on") // every transaction of this pool is read-only
	u.RawQuery = q.Encode()
	ro, err := models.Open(context.Background(), models.OpenOptions{DatabaseURL: u.String()})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	readOnly := handlerstest.NewRouter(t, ro, handlers.Config{})

	c := f.signIn(t, "moel")
	form := taskForm(parseRec(t, c.Get(f.taskPath("/edit"))), f.itemID())
	form.Set("title", "읽기 전용일 때 보낸 제목")
	var before int64
	rw.DB().Model(&models.AuditEvent{}).Count(&before)

	c.Handler = readOnly
	if code, _, _ := timedGet(t, readOnly, "/", false); code != http.StatusOK {
		t.Errorf("reading the home page from a read-only database = %d, want 200", code)
	}
	rec := c.Post(f.taskPath(""), form)
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "저장되지 않았습니다") {
		t.Fatalf("a save to a read-only database = %d, want 503 saying nothing was saved\n%s", rec.Code, truncate(rec.Body.String(), 600))
	}
	now, _ := rw.TaskByID(context.Background(), f.task.ID)
	var after int64
	rw.DB().Model(&models.AuditEvent{}).Count(&after)
	if now.Version != f.task.Version || now.Title != f.task.Title || after != before {
		t.Errorf("after the refused save: task v%d %q, audit %d → %d; want nothing changed", now.Version, now.Title, before, after)
	}
}
