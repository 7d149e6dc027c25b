package handlers_test

import (
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// checkCounter counts password checks and the most that ran at once.
type checkCounter struct {
	checks, running, peak atomic.Int64
}

func countChecks(s *models.Store) *checkCounter {
	cc := &checkCounter{}
	s.SetPasswordCheck(func(hash, pw string) error {
		cc.checks.Add(1)
		n := cc.running.Add(1)
		defer cc.running.Add(-1)
		for {
			p := cc.peak.Load()
			if n <= p || cc.peak.CompareAndSwap(p, n) {
				break
			}
		}
		return models.VerifyPassword(hash, pw)
	})
	return cc
}

// TestFortySimultaneousSignInsCheckAtMostFivePasswords: 39 wrong passwords and
// the right one, all at once, for one account. Each attempt is counted before
// its password is checked, so at most five are checked; no more hashes run at
// once than the limit (each takes 19 MiB); and the right password does not
// get in once the account is locked.
func TestFortySimultaneousSignInsCheckAtMostFivePasswords(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		cc := countChecks(s)
		s.SetPasswordCheckLimit(2)
		// Time stands still, so the first lock (2 s) cannot run out while a
		// slow machine is still working through the burst.
		newClock(s, time.Now())
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		var wg, wrong sync.WaitGroup
		wrongDone := make(chan struct{})
		statuses := make([]int, 40)
		start := make(chan struct{})
		for i := range 40 {
			c := handlerstest.NewClient(t, e)
			c.Remote = "198.51.100." + itoa(i+1) + ":1234" // 40 addresses: only the account's throttle applies
			c.Get("/login")
			pw := "wrong-password"
			if i == 39 {
				pw = models.DemoPassword
			}
			wg.Add(1)
			if i < 39 {
				wrong.Add(1)
			}
			go func() {
				defer wg.Done()
				<-start
				if i < 39 {
					defer wrong.Done()
				} else { // the right password arrives once the free attempts are spent
					for cc.checks.Load() < 5 {
						select {
						case <-wrongDone:
						case <-time.After(time.Millisecond):
							continue
						}
						break
					}
				}
				statuses[i] = c.Post("/login", url.Values{"login": {"admin"}, "password": {pw}}).Code
			}()
		}
		close(start)
		wrong.Wait()
		close(wrongDone)
		wg.Wait()
		if n := cc.checks.Load(); n > 5 {
			t.Errorf("%d passwords checked, want at most 5", n)
		}
		if p := cc.peak.Load(); p > 2 {
			t.Errorf("%d password hashes ran at once, want at most the limit 2", p)
		}
		counts := map[int]int{}
		for _, st := range statuses {
			counts[st]++
		}
		// Every check was a wrong password (401); the rest were refused unchecked:
		// 429 locked, or 503 when no check slot came free in time.
		if int64(counts[http.StatusUnauthorized]) != cc.checks.Load() || statuses[39] != http.StatusTooManyRequests ||
			counts[http.StatusUnauthorized]+counts[http.StatusTooManyRequests]+counts[http.StatusServiceUnavailable] != 40 {
			t.Errorf("statuses %v (the right password: %d), want ≤ 5×401 and the rest 429 or 503, the right one 429", counts, statuses[39])
		}
		// Locked: the right password does not get in.
		c := handlerstest.NewClient(t, e)
		c.Get("/login")
		if rec := c.Post("/login", url.Values{"login": {"admin"}, "password": {models.DemoPassword}}); rec.Code != http.StatusTooManyRequests {
			t.Errorf("right password while locked: %d, want 429", rec.Code)
		}
	})
}

// TestUnknownAndInactiveAccountsTakeTheSamePath: an unknown login and an
// inactive account cost one password check each, as a wrong password does,
// so their answers cannot be told apart by time.
func TestUnknownAndInactiveAccountsTakeTheSamePath(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		if err := s.SetUserActive(context.Background(), models.System, mustUserID(t, s, "moel"), false); err != nil {
			t.Fatal(err)
		}
		cc := countChecks(s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		for _, login := range []string{"nobody", "moel", "admin"} {
			before := cc.checks.Load()
			c := handlerstest.NewClient(t, e)
			c.Get("/login")
			rec := c.Post("/login", url.Values{"login": {login}, "password": {"wrong-password"}})
			if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "아이디 또는 비밀번호가 맞지 않습니다") {
				t.Errorf("%s: %d", login, rec.Code)
			}
			if n := cc.checks.Load() - before; n != 1 {
				t.Errorf("%s: %d password checks, want 1", login, n)
			}
		}
	})
}

// TestSignInAnswersBusyWhenEveryHashSlotIsTakenAtOnce: beyond the limit of password
// checks at once, a sign-in waits briefly, then gets 503 with Retry-After and
// a Korean message, instead of using more memory.
func TestSignInAnswersBusyWhenEveryHashSlotIsTakenAtOnce(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		s.SetPasswordCheckLimit(1)
		release := make(chan struct{})
		entered := make(chan struct{}, 1)
		s.SetPasswordCheck(func(hash, pw string) error {
			entered <- struct{}{}
			<-release
			return models.VerifyPassword(hash, pw)
		})
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		first := handlerstest.NewClient(t, e)
		first.Get("/login")
		done := make(chan int)
		go func() {
			done <- first.Post("/login", url.Values{"login": {"admin"}, "password": {"wrong-password"}}).Code
		}()
		<-entered
		c := handlerstest.NewClient(t, e)
		c.Remote = "198.51.100.7:1234"
		c.Get("/login")
		rec := c.Post("/login", url.Values{"login": {"reviewer"}, "password": {models.DemoPassword}})
		close(release)
		<-done
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" ||
			!strings.Contains(rec.Body.String(), "로그인 요청이 몰려") {
			t.Errorf("sign-in while every slot is taken: %d, Retry-After %q\n%s", rec.Code, rec.Header().Get("Retry-After"), truncate(rec.Body.String(), 300))
		}
	})
}
