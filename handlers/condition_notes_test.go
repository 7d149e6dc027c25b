package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// withNotes adds the note rows of the form to a nomination's values, one per
// condition of the round in order: ids and notes.
func withNotes(f url.Values, ids []string, notes ...string) url.Values {
	f["condition_note_for"] = ids
	f["condition_note"] = notes
	return f
}

// The administrator marks the conditions of a round that ask for a note
// (확인 근거 필수); the sending ministry's 제출 with such a condition confirmed
// but without a note is refused (422) naming it next to its note, and with the
// note it is submitted; the notes, required or not, show on the nomination's
// page, in the history of each decision and in the audit log.
func TestAConditionThatAsksForANoteIsSubmittedOnlyWithIt(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		adm := signIn(t, e, "admin")
		selectionURL := "/admin/rounds/" + itoa64(pair.RoundID) + "/selection"
		rec := adm.Post(selectionURL, url.Values{"approval_rule": {"one"}, "conditions": {"근무성적평정 기준 이상\n최근 1년 징계 없음"},
			"note_required": {"근무성적평정 기준 이상"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("the administrator sets the note flag = %d\n%s", rec.Code, truncate(rec.Body.String(), 600))
		}
		marked := map[string]bool{}
		nominationPage(t, adm, selectionURL).Find(`input[name=note_required]`).Each(func(_ int, in *goquery.Selection) {
			_, checked := in.Attr("checked")
			marked[in.AttrOr("value", "")] = checked
		})
		if len(marked) != 2 || !marked["근무성적평정 기준 이상"] || marked["최근 1년 징계 없음"] {
			t.Fatalf("the selection form shows the conditions needing a note as %v", marked)
		}
		if log := text(nominationPage(t, adm, "/admin/audit?record_type=round").Find("main table")); !strings.Contains(log, "확인 근거를 받을 요건") {
			t.Errorf("the audit log does not say which conditions ask for a note:\n%s", truncate(log, 1500))
		}

		mss := signIn(t, e, "mss")
		newURL := "/pairs/" + itoa64(pair.ID) + "/positions/" + itoa64(pair.PositionAID) + "/nominations"
		form := nominationPage(t, mss, newURL+"/new")
		conds := conditionValues(t, mss, newURL+"/new")
		if len(conds) != 2 || form.Find(`input[name=condition_note]`).Length() != 2 {
			t.Fatalf("the form offers %d conditions and %d notes, want 2 and 2", len(conds), form.Find(`input[name=condition_note]`).Length())
		}
		if l := text(form.Find(`label[for='f-condition_note-0']`)); !strings.Contains(l, "확인 근거 (필수)") {
			t.Errorf("the required note is labelled %q", l)
		}
		if l := text(form.Find(`label[for='f-condition_note-1']`)); !strings.Contains(l, "확인 근거 (선택)") {
			t.Errorf("the optional note is labelled %q", l)
		}

		// Both confirmed, the required note missing: refused, naming the condition by its note.
		rec = mss.Post(newURL, withNotes(nominationForm("submit", "0", conds...), conds, "", "징계 기록 조회"))
		doc := parseRec(t, rec)
		msg := text(doc.Find(`[id='f-condition_note-0-error']`))
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, "‘근무성적평정 기준 이상’") || !strings.Contains(msg, "확인 근거") {
			t.Fatalf("제출 without the required note = %d, message %q; want 422 naming the condition", rec.Code, msg)
		}
		if !strings.Contains(text(doc.Find(".form-alert .error-links")), "근무성적평정 기준 이상") {
			t.Errorf("the error summary does not name the condition: %q", text(doc.Find(".form-alert")))
		}
		if v := doc.Find(`[id='f-condition_note-1']`).AttrOr("value", ""); v != "징계 기록 조회" {
			t.Errorf("the optional note typed is not shown again: %q", v)
		}
		var count int64
		s.DB().Model(&models.Nomination{}).Count(&count)
		if count != 0 {
			t.Fatalf("%d nominations written by a refused 제출", count)
		}

		// A note on a condition not confirmed is refused rather than lost.
		rec = mss.Post(newURL, withNotes(nominationForm("save", "0", conds[0]), conds, "인사기록 확인", "징계 기록 조회"))
		if msg := text(parseRec(t, rec).Find(`[id='f-condition_note-1-error']`)); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, "‘최근 1년 징계 없음’") {
			t.Fatalf("a note on an unconfirmed condition = %d, message %q", rec.Code, msg)
		}

		rec = mss.Post(newURL, withNotes(nominationForm("submit", "0", conds...), conds, "인사기록 확인, 2024년 근무성적 A", "징계 기록 조회"))
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("제출 with the note = %d\n%s", rec.Code, truncate(rec.Body.String(), 600))
		}
		nURL := rec.Header().Get("Location")
		var saved []models.NominationCondition
		s.DB().Order("condition_id").Find(&saved)
		if len(saved) != 2 || saved[0].Note != "인사기록 확인, 2024년 근무성적 A" || saved[1].Note != "징계 기록 조회" || saved[0].ConfirmedAt == nil {
			t.Fatalf("the confirmations saved: %+v", saved)
		}
		doc = nominationPage(t, mss, nURL)
		var notes []string
		doc.Find("ul.conditions .condition-note").Each(func(_ int, p *goquery.Selection) { notes = append(notes, text(p)) })
		if strings.Join(notes, "|") != "확인 근거: 인사기록 확인, 2024년 근무성적 A|확인 근거: 징계 기록 조회" {
			t.Errorf("the notes on the nomination's page: %q", notes)
		}

		move(t, signIn(t, e, "moel"), nURL, "consent", http.StatusSeeOther)
		want := "근무성적평정 기준 이상: 확인함 (확인 근거: 인사기록 확인, 2024년 근무성적 A) · 최근 1년 징계 없음: 확인함 (확인 근거: 징계 기록 조회)"
		var events []models.NominationEvent
		s.DB().Order("id").Find(&events)
		var got []string
		for _, ev := range events {
			got = append(got, string(ev.Move)+"="+ev.Conditions)
		}
		if strings.Join(got, "\n") != strings.Join([]string{"create=", "submit=" + want, "consent=" + want}, "\n") {
			t.Errorf("the conditions kept in the history:\n%s", strings.Join(got, "\n"))
		}
		if !strings.Contains(text(nominationPage(t, mss, nURL).Find("table.status-history")), "(확인 근거: 인사기록 확인, 2024년 근무성적 A)") {
			t.Error("the history on the page does not show the notes")
		}
		log := text(nominationPage(t, adm, "/admin/audit?record_type=nomination").Find("main table"))
		if !strings.Contains(log, "자격 요건 확인") || !strings.Contains(log, "인사기록 확인, 2024년 근무성적 A") {
			t.Errorf("the audit log does not keep the notes:\n%s", truncate(log, 1500))
		}
	})
}

// A round that asks for a note after 제출 holds up the approval of a
// nomination that confirmed the condition without one, as it does for a
// condition added after 제출: the reviewer returns it.
func TestANoteAskedForAfterSubmissionHoldsUpTheApproval(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		adm := signIn(t, e, "admin")
		setSelection(t, adm, pair.RoundID, "one", "최근 1년 징계 없음")
		mss := signIn(t, e, "mss")
		newURL := "/pairs/" + itoa64(pair.ID) + "/positions/" + itoa64(pair.PositionAID) + "/nominations"
		conds := conditionValues(t, mss, newURL+"/new")
		rec := mss.Post(newURL, nominationForm("submit", "0", conds...))
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("제출 without a note nobody asked for = %d\n%s", rec.Code, truncate(rec.Body.String(), 600))
		}
		nURL := rec.Header().Get("Location")
		move(t, signIn(t, e, "moel"), nURL, "consent", http.StatusSeeOther)
		if rec := adm.Post("/admin/rounds/"+itoa64(pair.RoundID)+"/selection", url.Values{"approval_rule": {"one"},
			"conditions": {"최근 1년 징계 없음"}, "note_required": {"최근 1년 징계 없음"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("the administrator asks for a note = %d", rec.Code)
		}
		rev := signIn(t, e, "reviewer")
		doc := nominationPage(t, rev, nURL)
		if note := text(doc.Find("ul.conditions .condition-note")); !strings.Contains(note, "미입력") {
			t.Errorf("the page does not say the note asked for is missing: %q", note)
		}
		rec = rev.Post(nURL+"/approve", url.Values{"version": {versionOf(doc, "approve")}})
		if alert := text(parseRec(t, rec).Find(".form-alert")); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(alert, "‘최근 1년 징계 없음’") {
			t.Fatalf("승인 with a note missing = %d, alert %q", rec.Code, alert)
		}
	})
}
