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
// moment: exactly one decision is saved and the other person is told, with
// 409, that someone decided first — as a page, or as a fragment to htmx.
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
			n := nominate(t, s, sender, pair.ID, position, true)
			nURL := "/nominations/" + itoa64(n.ID)
			mpm, opc := signIn(t, e, "reviewer"), signIn(t, e, "reviewer-opc")
			version := versionOf(nominationPage(t, mpm, nURL), "approve")
			mpm.HTMX, opc.HTMX = viaHTMX, viaHTMX
			var wg sync.WaitGroup
			codes := make([]int, 2)
			bodies := make([]string, 2)
			start := make(chan struct{})
			for i, c := range []*handlerstest.Client{mpm, opc} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					rec := c.Post(nURL+"/approve", url.Values{"version": {version}})
					codes[i], bodies[i] = rec.Code, rec.Body.String()
				}()
			}
			close(start)
			wg.Wait()
			ok := http.StatusSeeOther
			if viaHTMX {
				ok = http.StatusOK
			}
			winners, losers := 0, -1
			for i, code := range codes {
				switch code {
				case ok:
					winners++
				case http.StatusConflict:
					losers = i
				default:
					t.Errorf("htmx=%v: decision %d answered %d", viaHTMX, i, code)
				}
			}
			if winners != 1 || losers < 0 {
				t.Fatalf("htmx=%v: answers %v, want one saved and one 409", viaHTMX, codes)
			}
			doc := parse(t, bodies[losers])
			if !strings.Contains(text(doc.Find(".nomination-conflict")), "다른 사람이 먼저 처리했습니다") {
				t.Errorf("htmx=%v: the 409 does not say someone decided first: %q", viaHTMX, truncate(bodies[losers], 300))
			}
			if viaHTMX == (doc.Find("header").Length() > 0) {
				t.Errorf("htmx=%v: the 409 is a full page = %v, want a fragment for htmx only", viaHTMX, doc.Find("header").Length() > 0)
			}
			var decisions int64
			s.DB().Model(&models.NominationEvent{}).Where("nomination_id = ? AND move IN ?", n.ID, []string{"approve", "return"}).Count(&decisions)
			if decisions != 1 {
				t.Errorf("htmx=%v: %d decisions saved, want exactly 1", viaHTMX, decisions)
			}
		}
	})
}
