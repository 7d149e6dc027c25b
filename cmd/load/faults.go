package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/gyoryu/gyoryu/models"
)

// The faults -fault injects one third into the run:
//
//	pg-stop    PostgreSQL stopped (pg_ctl stop -m fast) for 10 s, then started again:
//	           503 with the Korean page while it is away, /readyz 503, no answer
//	           slower than the request timeout, recovery within 5 s of its return.
//	sigterm    SIGTERM to the server: requests it accepted are answered, it exits 0.
//	read-only  default_transaction_read_only for 10 s: writes get 503, none is half-written.
const (
	outage        = 10 * time.Second
	recoveryLimit = 5 * time.Second
)

// window is when a fault was in force, as the harness saw it.
type window struct {
	mu             sync.Mutex
	begin, end     time.Time // the fault began; it was lifted (the database is back)
	recovered      time.Time // /readyz answered 200 again after end
	readyz         map[int]int
	outagePage     string // what GET / answered during the outage
	outageFragment string
}

func inject(ctx context.Context, o options, app *server) (func(io.Writer, []sample) []string, error) {
	if app == nil {
		return nil, errors.New("-fault needs -app: the harness must own the server")
	}
	select {
	case <-ctx.Done():
		return nil, errors.New("the run ended before the fault")
	case <-time.After(o.duration / 3):
	}
	w := &window{readyz: map[int]int{}, begin: time.Now()}
	switch o.fault {
	case "pg-stop":
		ctl := os.Getenv("TEST_PG_CTL")
		if ctl == "" {
			return nil, errors.New("pg-stop needs TEST_PG_CTL (run under .ci/with-postgres)")
		}
		if out, err := exec.Command(ctl, "stop", "-m", "fast", "-w").CombinedOutput(); err != nil {
			return nil, fmt.Errorf("pg_ctl stop: %v: %s", err, out)
		}
		probeDuring(app.base, w, outage)
		if out, err := exec.Command(ctl, "start", "-w", "-t", "60").CombinedOutput(); err != nil {
			return nil, fmt.Errorf("pg_ctl start: %v: %s", err, out)
		}
		w.end = time.Now()
		awaitRecovery(app.base, w)
		return w.judgeOutage, nil
	case "read-only":
		if err := setReadOnly(o.databaseURL, true); err != nil {
			return nil, err
		}
		probeDuring(app.base, w, outage)
		if err := setReadOnly(o.databaseURL, false); err != nil {
			return nil, err
		}
		w.end = time.Now()
		return w.judgeOutage, nil
	case "sigterm":
		if err := app.terminate(); err != nil {
			return nil, err
		}
		exit := app.wait(30 * time.Second)
		w.end = time.Now()
		return func(out io.Writer, samples []sample) []string { return w.judgeTermination(out, samples, exit) }, nil
	}
	return nil, fmt.Errorf("unknown -fault %q (pg-stop, sigterm, read-only)", o.fault)
}

// probeDuring asks /readyz and / (page and htmx fragment) while the fault lasts.
func probeDuring(base string, w *window, d time.Duration) {
	client := &http.Client{Timeout: 5 * time.Second}
	get := func(path string, htmx bool) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		if htmx {
			req.Header.Set("HX-Request", "true")
		}
		res, err := client.Do(req)
		if err != nil {
			return 0, err.Error()
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	until := time.Now().Add(d)
	for time.Now().Before(until) {
		code, _ := get("/readyz", false)
		w.mu.Lock()
		w.readyz[code]++
		w.mu.Unlock()
		if w.outagePage == "" && time.Since(w.begin) > time.Second {
			c1, page := get("/", false)
			c2, frag := get("/rounds/2", true)
			w.outagePage = fmt.Sprintf("%d %s", c1, page)
			w.outageFragment = fmt.Sprintf("%d %s", c2, frag)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func awaitRecovery(base string, w *window) {
	for time.Since(w.end) < 30*time.Second {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				w.recovered = time.Now()
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func setReadOnly(databaseURL string, on bool) error {
	s, err := models.Open(context.Background(), models.OpenOptions{DatabaseURL: databaseURL, MaxConns: 1})
	if err != nil {
		return err
	}
	defer s.Close()
	stmt := "ALTER SYSTEM RESET default_transaction_read_only"
	if on {
		stmt = "ALTER SYSTEM SET default_transaction_read_only = on"
	}
	if err := s.DB().Exec(stmt).Error; err != nil {
		return fmt.Errorf("%s: %w", stmt, err)
	}
	return s.DB().Exec("SELECT pg_reload_conf()").Error
}

// judgeOutage: inside the window (to 5 s after the end) only 503 may replace an
// answer; outside it nothing fails; the pages say 잠시 후 다시 시도해 주십시오.
func (w *window) judgeOutage(out io.Writer, samples []sample) []string {
	var problems []string
	limit := w.end.Add(recoveryLimit)
	var during, unavailable int
	var slowest time.Duration
	for _, s := range samples {
		inside := s.at.Add(s.took).After(w.begin) && s.at.Before(limit) // answered after the fault began
		if inside {
			during++
			slowest = max(slowest, s.took)
			if s.status == http.StatusServiceUnavailable {
				unavailable++
			}
		}
		if s.status == 0 || (s.status >= 500 && !(inside && s.status == http.StatusServiceUnavailable)) {
			problems = append(problems, fmt.Sprintf("%s answered %d after %s at %s", s.kind, s.status, ms(s.took), s.at.Format("15:04:05.000")))
		}
	}
	fmt.Fprintf(out, "fault: %s from %s to %s; %d requests then, %d answered 503, slowest %s; /readyz %v\n",
		"outage", w.begin.Format("15:04:05.0"), w.end.Format("15:04:05.0"), during, unavailable, ms(slowest), w.readyz)
	if !w.recovered.IsZero() {
		fmt.Fprintf(out, "fault: /readyz answered 200 again %s after the database returned\n", ms(w.recovered.Sub(w.end)))
		if w.recovered.Sub(w.end) > recoveryLimit {
			problems = append(problems, "recovery took longer than 5 s")
		}
	}
	for _, p := range []struct{ name, body string }{{"page", w.outagePage}, {"htmx fragment", w.outageFragment}} {
		if p.body == "" || w.readyz[http.StatusOK] > 0 { // a read-only database still serves pages
			continue
		}
		ok := strings.HasPrefix(p.body, "503 ") && strings.Contains(p.body, "잠시 후 다시 시도해 주십시오")
		full := strings.Contains(p.body, "<html")
		if !ok || full != (p.name == "page") {
			problems = append(problems, fmt.Sprintf("the %s during the outage was not the Korean 503: %.200s", p.name, p.body))
		}
	}
	return problems
}

// judgeTermination: what started before SIGTERM got an answer, the server exited 0.
func (w *window) judgeTermination(out io.Writer, samples []sample, exit error) []string {
	var problems []string
	var inFlight, refused int
	for _, s := range samples {
		switch {
		case s.at.Before(w.begin) && s.at.Add(s.took).After(w.begin):
			inFlight++
			if s.status == 0 || s.status >= 500 {
				problems = append(problems, fmt.Sprintf("%s in flight at SIGTERM answered %d", s.kind, s.status))
			}
		case s.at.Before(w.begin) && s.status >= 500:
			problems = append(problems, fmt.Sprintf("%s answered %d before SIGTERM", s.kind, s.status))
		case !s.at.Before(w.begin) && s.status == 0:
			refused++
		}
	}
	fmt.Fprintf(out, "fault: SIGTERM at %s; %d requests in flight then, all answered; %d later ones refused; the server stopped %s after it\n",
		w.begin.Format("15:04:05.0"), inFlight, refused, ms(w.end.Sub(w.begin)))
	if exit != nil {
		problems = append(problems, exit.Error())
	}
	return problems
}
