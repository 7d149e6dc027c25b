// Command bench-public measures the public home page under a press-release
// spike: it starts the app binary on a seeded database (SQLite, or PostgreSQL
// when BENCH_DATABASE_URL or TEST_DATABASE_URL is set), and, in the same run,
// loads "/" and the same bytes served as a static file with many connections
// over loopback, then prints requests per second, p99 and their ratio, once
// for clients that take the page as it is and once for clients that accept
// gzip (as browsers do; the static server then sends the same gzip bytes).
//
//	go run ./cmd/bench-public -bin bin/web [-db sqlite|postgres] [-c 64] [-d 5s] [-tool auto|wrk|go]
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/gyoryu/gyoryu/models"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench-public:", err)
		os.Exit(1)
	}
}

func run() error {
	bin := flag.String("bin", "bin/web", "the app binary to start")
	db := flag.String("db", "sqlite", "sqlite or postgres")
	conns := flag.Int("c", 64, "connections")
	dur := flag.Duration("d", 5*time.Second, "how long each target is loaded")
	paths := flag.String("paths", "/,/en/", "the app's pages to load, comma-separated")
	tool := flag.String("tool", "auto", "load generator: wrk, go, or auto (wrk when installed)")
	staticFile := flag.String("serve-static", "", "internal: serve this file on -addr and nothing else")
	addr := flag.String("addr", "", "internal: address for -serve-static")
	flag.Parse()
	if *staticFile != "" {
		return serveStatic(*staticFile, *addr)
	}
	if *tool == "auto" {
		*tool = "go"
		if _, err := exec.LookPath("wrk"); err == nil {
			*tool = "wrk"
		}
	}
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "bench-public-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	env, cleanup, err := database(ctx, *db, dir)
	if err != nil {
		return err
	}
	defer cleanup()

	appAddr := freeAddr()
	start := time.Now()
	app := exec.Command(*bin, "serve")
	app.Env = append(os.Environ(), append(env, "ADDR="+appAddr, "DEMO=", "LOG_FORMAT=json")...)
	app.Stdout, app.Stderr = io.Discard, os.Stderr
	if err := app.Start(); err != nil {
		return fmt.Errorf("start %s: %w", *bin, err)
	}
	defer stop(app)
	if _, err := firstPage("http://"+appAddr+"/", false); err != nil {
		return err
	}
	coldStart := time.Since(start)
	fmt.Printf("bench-public: %s, %d connections, %s per target, load by %s\n", *db, *conns, *dur, *tool)
	fmt.Printf("cold start to first page: %d ms (target < 300 ms on SQLite)\n", coldStart.Milliseconds())
	for i, path := range strings.Split(*paths, ",") {
		if err := benchPath(*tool, self(), dir, appAddr, freeAddr(), path, i, *conns, *dur); err != nil {
			return err
		}
	}
	return nil
}

// benchPath loads path of the app and the same bytes as a static file (the
// n-th path of the run), without and with gzip.
func benchPath(tool, self, dir, appAddr, staticAddr, path string, n, conns int, dur time.Duration) error {
	page, err := firstPage("http://"+appAddr+path, false)
	if err != nil {
		return err
	}
	zipped, err := firstPage("http://"+appAddr+path, true)
	if err != nil {
		return err
	}

	// The static server serves index.html as it is, and index.html.gz (the
	// app's own gzip bytes) to clients that accept gzip, as nginx's gzip_static does.
	file := filepath.Join(dir, fmt.Sprintf("page%d.html", n))
	if err := os.WriteFile(file, page, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(file+".gz", zipped, 0o644); err != nil {
		return err
	}
	static := exec.Command(self, "-serve-static", file, "-addr", staticAddr)
	static.Stderr = os.Stderr
	if err := static.Start(); err != nil {
		return err
	}
	defer stop(static)
	// The baseline must be the same bytes with a 200 (http.ServeFile, for one,
	// answers a request for /index.html with a 301 that wrk would count).
	for _, gz := range []bool{false, true} {
		want := page
		if gz {
			want = zipped
		}
		got, err := firstPage("http://"+staticAddr+"/"+filepath.Base(file), gz)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			return fmt.Errorf("the static server sent %d bytes for %s (gzip %v), not the page's %d", len(got), path, gz, len(want))
		}
	}

	fmt.Printf("%s is %d bytes, %d gzipped\n", path, len(page), len(zipped))
	for _, gz := range []bool{false, true} {
		encoding := "identity"
		if gz {
			encoding = "gzip"
		}
		static1, err := load(tool, "http://"+staticAddr+"/"+filepath.Base(file), conns, dur, gz)
		if err != nil {
			return err
		}
		home, err := load(tool, "http://"+appAddr+path, conns, dur, gz)
		if err != nil {
			return err
		}
		fmt.Printf("%-8s static file %8.0f req/s p99 %7.2f ms | %s %8.0f req/s p99 %7.2f ms | ratio %.2f (target >= 0.5, p99 < 25 ms)\n",
			encoding, static1.rps, ms(static1.p99), path, home.rps, ms(home.p99), home.rps/static1.rps)
	}
	return nil
}

// self is this program, which serves the static baseline.
func self() string {
	p, _ := os.Executable()
	return p
}

// database makes a seeded database for the app and returns its environment.
func database(ctx context.Context, kind, dir string) ([]string, func(), error) {
	switch kind {
	case "sqlite":
		path := filepath.Join(dir, "gyoryu.db")
		s, err := models.Open(ctx, models.OpenOptions{SQLitePath: path})
		if err != nil {
			return nil, nil, err
		}
		defer s.Close()
		if err := prepare(ctx, s); err != nil {
			return nil, nil, err
		}
		return []string{"SQLITE_PATH=" + path, "DATABASE_URL="}, func() {}, nil
	case "postgres":
		base := os.Getenv("BENCH_DATABASE_URL")
		if base == "" {
			base = os.Getenv("TEST_DATABASE_URL")
		}
		if base == "" {
			return nil, nil, errors.New("-db postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL")
		}
		admin, err := models.Open(ctx, models.OpenOptions{DatabaseURL: base})
		if err != nil {
			return nil, nil, err
		}
		b := make([]byte, 6)
		rand.Read(b)
		schema := "bench_" + hex.EncodeToString(b)
		if err := admin.DB().Exec("CREATE SCHEMA " + schema).Error; err != nil {
			return nil, nil, err
		}
		cleanup := func() { admin.DB().Exec("DROP SCHEMA " + schema + " CASCADE"); admin.Close() }
		u, _ := url.Parse(base)
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		s, err := models.Open(ctx, models.OpenOptions{DatabaseURL: u.String()})
		if err != nil {
			cleanup()
			return nil, nil, err
		}
		defer s.Close()
		if err := prepare(ctx, s); err != nil {
			cleanup()
			return nil, nil, err
		}
		return []string{"DATABASE_URL=" + u.String()}, cleanup, nil
	}
	return nil, nil, fmt.Errorf("-db %q: want sqlite or postgres", kind)
}

func prepare(ctx context.Context, s *models.Store) error {
	if err := s.Migrate(ctx); err != nil {
		return err
	}
	_, err := s.Seed(ctx)
	return err
}

func freeAddr() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// firstPage polls url until it answers 200 (for at most 10 s) and returns the
// body as sent: gzip bytes when gz asks for them.
func firstPage(u string, gz bool) ([]byte, error) {
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		res, err := client.Do(req)
		if err == nil {
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return body, nil
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	return nil, fmt.Errorf("%s did not answer 200 within 10 s", u)
}

func serveStatic(file, addr string) error {
	return http.ListenAndServe(addr, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		name := file
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			name += ".gz"
			w.Header().Set("Content-Encoding", "gzip")
		}
		f, err := os.Open(name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		fi, _ := f.Stat()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		http.ServeContent(w, r, "", fi.ModTime(), f)
	}))
}

func stop(cmd *exec.Cmd) {
	cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
