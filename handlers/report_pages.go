package handlers

import (
	"sync"

	"github.com/gyoryu/gyoryu/views"
)

// A finalized cycle's report is kept by the store (models.EvaluationReport,
// Kept) until a change of records is logged. Its page shows every pair and
// every exchangee of the cycle: rendering them was most of the page's time,
// ten times longer for a full year's 200 people than for the demo's 20
// (issue 25). The body made of a kept report is kept too, under the report's
// number and the page's language; the layout around it, which names the
// viewer and counts their jobs, is made for every request.

// keptReportPages is how many report bodies are kept: as many as the store
// keeps reports, one language each.
const keptReportPages = 4

type reportPages struct {
	mu      sync.Mutex
	entries []reportPage // the most recently used last
}

type reportPage struct {
	kept uint64
	lang views.Lang
	body string
}

// get is the body kept for the report numbered kept in lang, if any.
func (rp *reportPages) get(kept uint64, lang views.Lang) (string, bool) {
	if kept == 0 {
		return "", false
	}
	rp.mu.Lock()
	defer rp.mu.Unlock()
	for i, e := range rp.entries {
		if e.kept == kept && e.lang == lang {
			rp.entries = append(append(rp.entries[:i:i], rp.entries[i+1:]...), e)
			return e.body, true
		}
	}
	return "", false
}

// put keeps body for the report numbered kept in lang, dropping the least
// recently used beyond keptReportPages; a report not kept (0) is not.
func (rp *reportPages) put(kept uint64, lang views.Lang, body string) {
	if kept == 0 {
		return
	}
	rp.mu.Lock()
	defer rp.mu.Unlock()
	rp.entries = append(rp.entries, reportPage{kept: kept, lang: lang, body: body})
	if len(rp.entries) > keptReportPages {
		rp.entries = rp.entries[len(rp.entries)-keptReportPages:]
	}
}
