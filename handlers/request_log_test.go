package handlers_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// lockedBuffer is a log destination safe for concurrent handlers.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestTheRequestLogNamesRoutesAndKeepsRequestIDsShortAndPlain: a line holds the
// route's pattern, never the path as sent (a reset link's token), and a
// client's request id only when it is short and plain; otherwise a new one,
// which the response carries too.
func TestTheRequestLogNamesRoutesAndKeepsRequestIDsShortAndPlain(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		var log lockedBuffer
		e := handlers.New(s, handlerstest.Assets(t), slog.New(slog.NewTextHandler(&log, nil)), handlers.Config{}).Router()

		const token = "HSgubSecretLookingToken0123456789"
		rec := do(t, e, http.MethodGet, "/reset/"+token+"?next=/x", nil, nil)
		if strings.Contains(log.String(), token) {
			t.Errorf("the log holds the reset token:\n%s", log.String())
		}
		if !strings.Contains(log.String(), "route=reset path=/reset/:token ") {
			t.Errorf("the log does not name the route and its pattern:\n%s", log.String())
		}
		if id := rec.Header().Get("X-Request-Id"); !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(id) || !strings.Contains(log.String(), "id="+id+" ") {
			t.Errorf("a request without an id got %q; log:\n%s", id, log.String())
		}

		tests := []struct {
			name, sent string
			kept       bool
		}{
			{"a proxy's plain id", "req-7f3a.b_2:1", true},
			{"64 characters", strings.Repeat("a", 64), true},
			{"65 characters", strings.Repeat("a", 65), false},
			{"20 KB", strings.Repeat("x", 20<<10), false},
			{"spaces and quotes", `a "b" c`, false},
			{"a line break", "a\nid=forged", false},
			{"Korean", "요청", false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := len(log.String())
				rec := do(t, e, http.MethodGet, "/healthz", nil, http.Header{"X-Request-Id": {tt.sent}})
				got := rec.Header().Get("X-Request-Id")
				line := log.String()[before:]
				switch {
				case tt.kept && got != tt.sent:
					t.Errorf("the id %q came back as %q", tt.sent, got)
				case !tt.kept && (got == tt.sent || !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(got)):
					t.Errorf("the id %.40q came back as %.40q, want a new one", tt.sent, got)
				}
				if !strings.Contains(line, "id="+got+" ") || len(line) > 400 || strings.Count(line, "\n") != 1 {
					t.Errorf("the log line:\n%.500s", line)
				}
			})
		}

		before := len(log.String())
		do(t, e, http.MethodGet, "/no/such/page/"+token, nil, nil)
		if line := log.String()[before:]; strings.Contains(line, token) || !strings.Contains(line, "route=unmatched status=404") {
			t.Errorf("an unknown path's log line:\n%s", line)
		}
	})
}
