package handlers_test

import (
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// Two reviewers of the two offices decide the same nomination at the same
// moment: exactly one decision is saved; the other person is sent (htmx: with
// 409) to the nomination as it is now, whose status line says who decided
// first and that their approval was not recorded — no browser stays on the
// move's address.
func TestTwoReviewersDecidingAtOnceSaveOneAndTellTheOther(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		// Each office must approve, so either approval alone would be allowed: only
		// the version the reviewers saw keeps the second from following the first
		// unseen.
		if _, err := s.SetRoundSelection(context.Background(), modelstest.As(t, s, "admin"), pair.RoundID,
			models.SelectionInput{ApprovalRule: string(models.ApproveEachOffice)}); err != nil {
			t.Fatal(err)
		}
		for _, viaHTMX := range []bool{false, true} {
			position := pair.PositionAID
			if viaHTMX {
				position = pair.PositionBID
			}
			sender := "mss"
			if viaHTMX {
				sender = "moel"
			}
			n := modelstest.Consent(t, s, nominate(t, s, sender, pair.ID, position, true))
			nURL := "/nominations/" + itoa64(n.ID)
			mpm, opc := signIn(t, e, "reviewer"), signIn(t, e, "reviewer-opc")
			version := versionOf(nominationPage(t, mpm, nURL), "approve")
			mpm.HTMX, opc.HTMX = viaHTMX, viaHTMX
			var wg sync.WaitGroup
			codes := make([]int, 2)
			locations := make([]string, 2)
			start := make(chan struct{})
			for i, c := range []*handlerstest.Client{mpm, opc} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					rec := c.Post(nURL+"/approve", url.Values{"version": {version}})
					codes[i], locations[i] = rec.Code, rec.Header().Get("Location")
					if viaHTMX {
						locations[i] = rec.Header().Get("HX-Redirect")
					}
				}()
			}
			close(start)
			wg.Wait()
			clients := []*handlerstest.Client{mpm, opc}
			winners, losers := 0, -1
			for i, code := range codes {
				if where := locations[i]; where != nURL {
					t.Errorf("htmx=%v: decision %d answered %d sending the browser to %q, want %s", viaHTMX, i, code, locations[i], nURL)
				}
				clients[i].HTMX = false
				page := parseRec(t, clients[i].Get(nURL))
				flash := text(page.Find("#flash"))
				switch {
				case strings.HasPrefix(flash, "승인했습니다."):
					winners++
				case strings.Contains(flash, "먼저 승인했습니다. 지금 상태: 심사 중. 승인은 기록되지 않았습니다."):
					losers = i
					if viaHTMX && code != http.StatusConflict {
						t.Errorf("htmx: the overtaken decision answered %d, want 409", code)
					}
					if !strings.Contains(text(page.Find("section[aria-labelledby=history-title]")), "승인") {
						t.Error("the page after the conflict does not show the other decision in the history")
					}
				default:
					t.Errorf("htmx=%v: decision %d (%d) then says %q", viaHTMX, i, code, flash)
				}
			}
			if winners != 1 || losers < 0 {
				t.Fatalf("htmx=%v: answers %v, want one saved and one told it was overtaken", viaHTMX, codes)
			}
			var decisions int64
			s.DB().Model(&models.NominationEvent{}).Where("nomination_id = ? AND move IN ?", n.ID, []string{"approve", "return"}).Count(&decisions)
			if decisions != 1 {
				t.Errorf("htmx=%v: %d decisions saved, want exactly 1", viaHTMX, decisions)
			}
		}
	})
}
