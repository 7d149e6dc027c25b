package models_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// nominationTarget is round 2's first pair (고용부 기업일자리지원과장 ↔ 중기부
// 인력정책과장) and its 고용부 position, into which 중기부 sends an exchangee.
func nominationTarget(t *testing.T, s *models.Store) (pair models.ExchangePair, position int64) {
	t.Helper()
	r2, err := s.RoundByNumber(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DB().Where("round_id = ? AND number = 1", r2.ID).Take(&pair).Error; err != nil {
		t.Fatal(err)
	}
	return pair, pair.PositionAID
}

// exchangee is a complete nomination, as a test's made-up official.
func exchangee(submit bool) models.NominationInput {
	return models.NominationInput{ExchangeeName: "시험교류자", CurrentPosition: "인력정책과 서기관", Rank: "서기관",
		WorkPhone: "044-204-7001", Email: "tester@korea.kr", PlannedStart: "2025-01-15", PlannedEnd: "2026-01-14",
		Statement: "중소기업 인력 지원 사업 연계", CompanionNames: []string{"시험동반자", ""}, CompanionRanks: []string{"사무관", ""},
		CompanionRoles: []string{"사업 실무", ""}, Intent: intent(submit)}
}

func setRule(t *testing.T, s *models.Store, roundID int64, rule models.ApprovalRule, conditions string) {
	t.Helper()
	if _, err := s.SetRoundSelection(context.Background(), caller(t, s, "admin"), roundID,
		models.SelectionInput{ApprovalRule: string(rule), Conditions: conditions}); err != nil {
		t.Fatal(err)
	}
}

func TestANominationIsReturnedThenApprovedByBothOffices(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		pair, pos := nominationTarget(t, s)
		setRule(t, s, pair.RoundID, models.ApproveEachOffice, "근무성적평정 기준 이상\n최근 1년 징계 없음")
		conds, _ := s.RoundConditions(ctx, pair.RoundID)
		mss, moel, mpm, opc := caller(t, s, "mss"), caller(t, s, "moel"), caller(t, s, "reviewer"), caller(t, s, "reviewer-opc")

		if _, err := s.CreateNomination(ctx, moel, pair.ID, pos, exchangee(false)); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("the receiving ministry nominated: %v, want ErrForbidden", err)
		}
		incomplete := exchangee(true)
		incomplete.Rank, incomplete.Email = "", "not-an-address"
		_, err := s.CreateNomination(ctx, mss, pair.ID, pos, incomplete)
		var ve *models.ValidationError
		if !errors.As(err, &ve) || ve.Fields["email"] == "" {
			t.Fatalf("an incomplete submission: %v, want field errors", err)
		}
		var count int64
		s.DB().Model(&models.Nomination{}).Count(&count)
		if count != 0 {
			t.Fatalf("%d nominations written by a refused submission, want none", count)
		}
		draft := exchangee(false)
		draft.Rank = ""
		draft.Conditions = []string{itoa(conds[0].ID)}
		n, err := s.CreateNomination(ctx, mss, pair.ID, pos, draft)
		if err != nil {
			t.Fatalf("save a draft: %v", err)
		}
		if n.Status != models.NominationDraft || n.MinistryID != ministry(t, s, "mss").ID || len(n.Companions) != 1 {
			t.Fatalf("draft = %+v", n)
		}
		if _, err := s.CreateNomination(ctx, mss, pair.ID, pos, exchangee(false)); err == nil {
			t.Error("a second nomination for the same position was accepted")
		}
		in := exchangee(true)
		in.Version = n.Version
		in.Conditions = []string{itoa(conds[0].ID), itoa(conds[1].ID)}
		if n, err = s.UpdateNomination(ctx, mss, n.ID, in); err != nil || n.Status != models.NominationSubmitted {
			t.Fatalf("submit: %v, %v", n.Status, err)
		}
		if n.State() != models.NominationAwaitingConsent {
			t.Errorf("submitted: state %s, want 받는 부처 동의 대기", n.State())
		}
		if _, err := s.MoveNomination(ctx, mpm, n.ID, models.MoveReturn, models.MoveInput{Reason: "직급 확인 필요", Version: n.Version}); !errorsAsField(err, "") {
			t.Errorf("a reviewer returning before the receiving ministry agreed: %v, want a message", err)
		}
		n = modelstest.Consent(t, s, n)
		if _, err := s.MoveNomination(ctx, mpm, n.ID, models.MoveReturn, models.MoveInput{Version: n.Version}); !errorsAsField(err, "reason") {
			t.Errorf("return without a reason: %v, want a reason field error", err)
		}
		if n, err = s.MoveNomination(ctx, mpm, n.ID, models.MoveReturn, models.MoveInput{Reason: "직급 확인 필요", Version: n.Version}); err != nil || n.Status != models.NominationReturned {
			t.Fatalf("return: %v, %v", n.Status, err)
		}
		in.Version = n.Version
		if n, err = s.UpdateNomination(ctx, mss, n.ID, in); err != nil || n.Submission != 2 {
			t.Fatalf("submit again: %+v, %v", n, err)
		}
		if !n.AwaitingConsent() {
			t.Error("submitted again after a return: consent given to the first submission still counts")
		}
		n = modelstest.Consent(t, s, n)
		if n, err = s.MoveNomination(ctx, mpm, n.ID, models.MoveApprove, models.MoveInput{Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		if n.Status != models.NominationSubmitted {
			t.Errorf("after 인사혁신처 alone: %s, want still 심사 중 (each office must approve)", n.Status)
		}
		if _, err := s.MoveNomination(ctx, mpm, n.ID, models.MoveApprove, models.MoveInput{Version: n.Version}); !errors.Is(err, models.ErrWrongState) {
			t.Errorf("the same office approving twice: %v, want ErrWrongState", err)
		}
		if n, err = s.MoveNomination(ctx, opc, n.ID, models.MoveApprove, models.MoveInput{Version: n.Version}); err != nil || n.Status != models.NominationApproved {
			t.Fatalf("국무조정실 approves: %v, %v", n.Status, err)
		}
		hist, _ := s.NominationHistory(ctx, n.ID)
		want := []models.NominationMove{models.MoveCreate, models.MoveSubmit, models.MoveConsent, models.MoveReturn, models.MoveSubmit, models.MoveConsent,
			models.MoveApprove, models.MoveApprove}
		if len(hist) != len(want) {
			t.Fatalf("history has %d moves, want %d", len(hist), len(want))
		}
		for i, ev := range hist {
			if ev.Move != want[i] || ev.User == nil {
				t.Errorf("history[%d] = %s by %v, want %s by someone", i, ev.Move, ev.User, want[i])
			}
		}
		if hist[3].Reason != "직급 확인 필요" {
			t.Errorf("the return's reason = %q", hist[3].Reason)
		}
		if hist[1].ToStatus != models.NominationAwaitingConsent || hist[2].ToStatus != models.NominationSubmitted {
			t.Errorf("history: 제출 led to %s, 동의 to %s; want 받는 부처 동의 대기, then 심사 중", hist[1].ToStatus, hist[2].ToStatus)
		}
		if got := auditCount(t, s, "nomination", n.ID); got != 8 {
			t.Errorf("%d audit events, want 8 (create, submit, consent, return, submit, consent, two approvals)", got)
		}
		var leaked int64
		s.DB().Model(&models.AuditEvent{}).Where("record_type = 'nomination' AND (after LIKE '%044-204-7001%' OR after LIKE '%tester@korea.kr%')").Count(&leaked)
		if leaked != 0 {
			t.Errorf("%d audit events keep the exchangee's phone or e-mail", leaked)
		}
		var notices int64
		s.DB().Model(&models.Notification{}).Where("record_id = ? AND user_id = ?", n.ID, mss.User().ID).Count(&notices)
		if notices != 4 { // agreed, returned, agreed, approved
			t.Errorf("mss got %d notifications, want 4 (동의, 반려, 동의, 승인)", notices)
		}
	})
}

func TestTheExchangeStartsIsExtendedEndsAndItsReportIsAcknowledged(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		pair, pos := nominationTarget(t, s)
		mss, admin, rev := caller(t, s, "mss"), caller(t, s, "admin"), caller(t, s, "reviewer")
		n, err := s.CreateNomination(ctx, mss, pair.ID, pos, exchangee(true))
		if err != nil {
			t.Fatal(err)
		}
		step := func(a models.Actor, m models.NominationMove, in models.MoveInput) error {
			t.Helper()
			in.Version = n.Version
			next, err := s.MoveNomination(ctx, a, n.ID, m, in)
			if err == nil {
				n = next
			}
			return err
		}
		if err := step(mss, models.MoveConsent, models.MoveInput{}); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("the sending ministry agreed for the receiving one: %v, want ErrForbidden", err)
		}
		if err := step(caller(t, s, "moel"), models.MoveConsent, models.MoveInput{}); err != nil || n.State() != models.NominationSubmitted {
			t.Fatalf("the receiving ministry agrees: %v %s", err, n.State())
		}
		if err := step(caller(t, s, "moel"), models.MoveConsent, models.MoveInput{}); !errors.Is(err, models.ErrWrongState) {
			t.Errorf("agreeing twice: %v, want ErrWrongState", err)
		}
		if err := step(mss, models.MoveApprove, models.MoveInput{}); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a coordinator approved: %v", err)
		}
		if err := step(admin, models.MoveApprove, models.MoveInput{}); err != nil || n.Status != models.NominationApproved {
			t.Fatalf("admin approves (one approval): %v %s", err, n.Status)
		}
		if err := step(admin, models.MoveStart, models.MoveInput{Date: ""}); !errorsAsField(err, "date") {
			t.Errorf("start without a date: %v", err)
		}
		if err := step(admin, models.MoveStart, models.MoveInput{Date: "2025-01-20"}); err != nil || n.Status != models.NominationActive {
			t.Fatalf("start: %v %s", err, n.Status)
		}
		if err := step(admin, models.MoveExtend, models.MoveInput{Date: "2025-12-01", Reason: "과제 마무리"}); !errorsAsField(err, "date") {
			t.Errorf("extending to before the planned end: %v", err)
		}
		// An extension is a request: the end moves once the receiving side agreed and the round's rule is met.
		if err := step(admin, models.MoveExtend, models.MoveInput{Date: "2026-06-30", Reason: "과제 마무리"}); err != nil || dateOf(n.PlannedEnd) == "2026-06-30" {
			t.Fatalf("extension request: %v, end %v (moved before any approval)", err, dateOf(n.PlannedEnd))
		}
		if err := step(rev, models.MoveExtendApprove, models.MoveInput{}); !errors.Is(err, models.ErrWrongState) {
			t.Errorf("a reviewer approving before the receiving ministry agreed: %v, want ErrWrongState", err)
		}
		if err := step(caller(t, s, "mss"), models.MoveExtendAgree, models.MoveInput{}); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("the sending ministry agreeing for the receiving one: %v, want ErrForbidden", err)
		}
		if err := step(caller(t, s, "moel"), models.MoveExtendAgree, models.MoveInput{}); err != nil {
			t.Fatalf("the receiving ministry agrees: %v", err)
		}
		if err := step(rev, models.MoveExtendApprove, models.MoveInput{}); err != nil || dateOf(n.PlannedEnd) != "2026-06-30" || n.Status != models.NominationExtended {
			t.Fatalf("extension approved: %v %v %s", err, dateOf(n.PlannedEnd), n.Status)
		}
		if err := step(admin, models.MoveEnd, models.MoveInput{Date: "2026-06-30"}); !errorsAsField(err, "return_post") {
			t.Errorf("복귀 without the post returned to: %v", err)
		}
		if err := step(admin, models.MoveEnd, models.MoveInput{Date: "2026-06-30", ReturnPost: "인력정책과장"}); err != nil || n.Status != models.NominationCompleted || n.ReturnPost != "인력정책과장" {
			t.Fatalf("end: %v %s %q", err, n.Status, n.ReturnPost)
		}
		if err := step(rev, models.MoveAcknowledge, models.MoveInput{}); !errorsAsField(err, "") {
			t.Errorf("acknowledging before the report: %v", err)
		}
		if err := step(caller(t, s, "moel"), models.MoveReport, models.MoveInput{Report: "성과"}); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("the receiving ministry reported: %v", err)
		}
		if err := step(mss, models.MoveReport, models.MoveInput{Report: "인력 매칭 사업 연계 완료"}); err != nil {
			t.Fatal(err)
		}
		if err := step(rev, models.MoveAcknowledge, models.MoveInput{}); err != nil || n.Status != models.NominationAcknowledged {
			t.Fatalf("acknowledge: %v %s", err, n.Status)
		}
		if err := step(admin, models.MoveRevoke, models.MoveInput{Reason: "x"}); !errors.Is(err, models.ErrWrongState) {
			t.Errorf("revoking after the exchange: %v, want ErrWrongState", err)
		}
	})
}

func TestAtMostOneApprovedNominationPerPosition(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		pair, pos := nominationTarget(t, s)
		mss, admin := caller(t, s, "mss"), caller(t, s, "admin")
		n, err := s.CreateNomination(ctx, mss, pair.ID, pos, exchangee(true))
		if err != nil {
			t.Fatal(err)
		}
		n = modelstest.Consent(t, s, n)
		if n, err = s.MoveNomination(ctx, admin, n.ID, models.MoveApprove, models.MoveInput{Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		// The database refuses a second approved exchangee even if the domain were bypassed.
		second := models.Nomination{PairID: pair.ID, PositionID: pos, MinistryID: n.MinistryID, Status: models.NominationApproved, Version: 1}
		if err := s.DB().Omit("Pair", "Position", "Ministry", "Companions", "Conditions", "Approvals").Create(&second).Error; err == nil {
			t.Fatal("the database accepted a second approved nomination for one position")
		}
		if _, err := s.MoveNomination(ctx, admin, n.ID, models.MoveRevoke, models.MoveInput{Version: n.Version}); !errorsAsField(err, "reason") {
			t.Errorf("revoking without a reason: %v", err)
		}
		if _, err := s.MoveNomination(ctx, admin, n.ID, models.MoveRevoke, models.MoveInput{Reason: "자격 요건 미충족", Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		again, err := s.CreateNomination(ctx, mss, pair.ID, pos, exchangee(true))
		if err != nil {
			t.Fatalf("nominating again after a revoked approval: %v", err)
		}
		again = modelstest.Consent(t, s, again)
		if _, err := s.MoveNomination(ctx, admin, again.ID, models.MoveApprove, models.MoveInput{Version: again.Version}); err != nil {
			t.Errorf("approving the new nomination: %v", err)
		}
	})
}

func TestAReviewerWithoutAnOfficeCannotApprove(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		pair, pos := nominationTarget(t, s)
		u, err := s.CreateUser(ctx, models.System, models.UserInput{Login: "nooffice", DisplayName: "소속 없음", Role: models.RoleReviewer})
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.CreateNomination(ctx, caller(t, s, "mss"), pair.ID, pos, exchangee(true))
		if err != nil {
			t.Fatal(err)
		}
		if moves := models.NominationMoves(&u, n); len(moves) != 0 {
			t.Errorf("moves offered before the receiving ministry agreed = %v, want none", moves)
		}
		n = modelstest.Consent(t, s, n)
		if _, err := s.MoveNomination(ctx, models.ActorOf(&u, ""), n.ID, models.MoveApprove, models.MoveInput{Version: n.Version}); !errorsAsField(err, "") {
			t.Errorf("approval by a reviewer without an office: %v, want a message", err)
		}
		if moves := models.NominationMoves(&u, n); len(moves) != 1 || moves[0].Move != models.MoveReturn {
			t.Errorf("moves offered = %v, want only 반려", moves)
		}
	})
}

func errorsAsField(err error, field string) bool {
	var ve *models.ValidationError
	return errors.As(err, &ve) && ve.Fields[field] != ""
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func dateOf(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

func TestACompletionReportLinksOnlyThePairsOutcomes(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		var pair models.ExchangePair // round 1's 산업부–중기부 pair, with its seeded task and outcomes
		s.DB().Where("ministry_a_id = ? AND ministry_b_id = ?", ministry(t, s, "motie").ID, ministry(t, s, "mss").ID).Take(&pair)
		var own, other models.Outcome
		s.DB().Where("task_id IN (SELECT id FROM collaboration_tasks WHERE pair_id = ?)", pair.ID).Take(&own)
		s.DB().Where("task_id IN (SELECT id FROM collaboration_tasks WHERE pair_id <> ?)", pair.ID).Take(&other)
		admin, mss := caller(t, s, "admin"), caller(t, s, "mss")
		n, err := s.CreateNomination(ctx, mss, pair.ID, pair.PositionAID, exchangee(true))
		if err != nil {
			t.Fatal(err)
		}
		n = modelstest.Consent(t, s, n)
		for _, step := range []struct {
			move models.NominationMove
			date string
		}{{models.MoveApprove, ""}, {models.MoveStart, "2025-01-20"}, {models.MoveEnd, "2025-12-31"}} {
			if n, err = s.MoveNomination(ctx, admin, n.ID, step.move, models.MoveInput{Date: step.date, ReturnPost: "인력정책과장", Version: n.Version}); err != nil {
				t.Fatalf("%s: %v", step.move, err)
			}
		}
		_, err = s.MoveNomination(ctx, mss, n.ID, models.MoveReport, models.MoveInput{Report: "완료", OutcomeIDs: []string{itoa(own.ID), itoa(other.ID)}, Version: n.Version})
		if !errorsAsField(err, "outcome_id") {
			t.Errorf("a report naming another pair's outcome: %v, want a field error", err)
		}
		if _, err = s.MoveNomination(ctx, mss, n.ID, models.MoveReport, models.MoveInput{Report: "완료", OutcomeIDs: []string{itoa(own.ID)}, Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		linked, err := s.ReportOutcomes(ctx, n.ID)
		if err != nil || len(linked) != 1 || linked[0].ID != own.ID {
			t.Errorf("linked outcomes = %v (%v), want the pair's one", linked, err)
		}
	})
}

func intent(submit bool) string {
	if submit {
		return "submit"
	}
	return "save"
}
