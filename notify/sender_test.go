package notify_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
	"github.com/gyoryu/gyoryu/notify"
	"github.com/gyoryu/gyoryu/notify/notifytest"
)

func TestMain(m *testing.M) { modelstest.Main(m) }

// world is the seeded programme with the demo accounts, each with an
// address, and a clock the store and the sender share.
type world struct {
	s     *models.Store
	clock *modelstest.Clock
}

func newWorld(t *testing.T, s *models.Store) world {
	t.Helper()
	if _, err := s.SeedDemoAccounts(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := s.DB().Exec("UPDATE users SET email = login || '@mail.test'").Error; err != nil {
		t.Fatal(err)
	}
	return world{s: s, clock: modelstest.FakeClock(s)}
}

func (w world) actor(t *testing.T, login string) models.Actor {
	t.Helper()
	var u models.User
	if err := w.s.DB().Preload("Ministry").Where("login = ?", login).Take(&u).Error; err != nil {
		t.Fatalf("user %s: %v", login, err)
	}
	return models.ActorOf(&u, "192.0.2.1")
}

// sender is a sender through the relay whose clock is the world's, retrying after a minute.
func (w world) sender(t *testing.T, relay *notify.Relay) *notify.Sender {
	t.Helper()
	snd, err := notify.New(w.s, notify.Config{Relay: relay, From: "전략적 인사교류 <noreply@gyoryu.test>",
		BaseURL: "https://gyoryu.test", NotificationsPath: "/notifications",
		RecordPath: func(kind string, id int64) string { return "/" + kind + "s/" + strconv.FormatInt(id, 10) }})
	if err != nil {
		t.Fatal(err)
	}
	snd.SetClock(w.clock.Now)
	return snd
}

// exchangee is a complete nomination of a made-up official whose contact
// details no mail may carry.
const (
	exchangeeName  = "메일시험교류자"
	exchangeePhone = "044-204-7001"
	exchangeeEmail = "exchangee.private@korea.kr"
)

// nominate has 중기부 nominate and submit an exchangee for round 2's first pair.
func (w world) nominate(t *testing.T) models.Nomination {
	t.Helper()
	ctx := context.Background()
	r2, err := w.s.RoundByNumber(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	var pair models.ExchangePair
	if err := w.s.DB().Where("round_id = ? AND number = 1", r2.ID).Take(&pair).Error; err != nil {
		t.Fatal(err)
	}
	n, err := w.s.CreateNomination(ctx, w.actor(t, "mss"), pair.ID, pair.PositionAID, models.NominationInput{
		ExchangeeName: exchangeeName, CurrentPosition: "인력정책과 서기관", Rank: "서기관", WorkPhone: exchangeePhone,
		Email: exchangeeEmail, PlannedStart: "2025-01-15", PlannedEnd: "2026-01-14", Statement: "중소기업 인력 지원",
		Intent: "submit"})
	if err != nil {
		t.Fatalf("nominate: %v", err)
	}
	return n
}

func (w world) move(t *testing.T, login string, n models.Nomination, m models.NominationMove, reason string) models.Nomination {
	t.Helper()
	n, err := w.s.MoveNomination(context.Background(), w.actor(t, login), n.ID, m, models.MoveInput{Version: n.Version, Reason: reason})
	if err != nil {
		t.Fatalf("%s as %s: %v", m, login, err)
	}
	return n
}

// deliverUntilQuiet runs the sender, moving the clock past each pause, until nothing is pending.
func (w world) deliverUntilQuiet(t *testing.T, snd *notify.Sender) notify.Report {
	t.Helper()
	var total notify.Report
	for range 10 {
		r, err := snd.Deliver(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		total.Sent, total.Retried, total.Failed = total.Sent+r.Sent, total.Retried+r.Retried, total.Failed+r.Failed
		var pending int64
		w.s.DB().Model(&models.Notification{}).Where("mail_state = ?", models.MailPending).Count(&pending)
		if pending == 0 {
			return total
		}
		w.clock.Advance(time.Hour)
	}
	t.Fatal("mail still pending after ten rounds")
	return total
}

func TestMailsForEveryMoveArriveOnceEachEvenWhenTheRelayRefusesTheFirstAttempts(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		w := newWorld(t, s)
		relay := notifytest.Start(t, notifytest.Options{RefuseFirst: 2})
		snd := w.sender(t, relay.Relay())

		n := w.nominate(t)                                     // 제출: to the receiving ministry (고용부)
		n = w.move(t, "moel", n, models.MoveDecline, "경력 불일치") // 거절: to 중기부
		n, err := s.MoveNomination(context.Background(), w.actor(t, "mss"), n.ID, models.MoveSubmit, models.MoveInput{Version: n.Version})
		if err != nil {
			t.Fatal(err)
		}
		n = w.move(t, "moel", n, models.MoveConsent, "")         // 동의: to the reviewers and 중기부
		n = w.move(t, "reviewer", n, models.MoveReturn, "경력 보완") // 반려: to 중기부
		if n, err = s.MoveNomination(context.Background(), w.actor(t, "mss"), n.ID, models.MoveSubmit, models.MoveInput{Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		n = w.move(t, "moel", n, models.MoveConsent, "")
		w.move(t, "reviewer", n, models.MoveApprove, "") // 승인 (one office's approval suffices): to both ministries
		// An exchange ending in 20 days: its reminder goes to both ministries.
		end := w.clock.Now().In(models.Seoul).AddDate(0, 0, 20).Format(time.DateOnly)
		if err := s.DB().Exec("UPDATE nominations SET status = ?, actual_start = ?, planned_end = ? WHERE id = ?",
			models.NominationActive, "2025-01-15", end, n.ID).Error; err != nil {
			t.Fatal(err)
		}
		if written, err := snd.Remind(context.Background()); err != nil || written != 2 {
			t.Fatalf("reminders written = %d, %v; want 2 (moel, mss)", written, err)
		}

		report := w.deliverUntilQuiet(t, snd)
		if report.Retried < 2 || report.Failed != 0 {
			t.Errorf("report = %+v, want at least 2 retried, none failed", report)
		}
		// Run again, and again after the reminders' time: nothing more arrives.
		if written, _ := snd.Remind(context.Background()); written != 0 {
			t.Errorf("the reminder was written again: %d", written)
		}
		w.deliverUntilQuiet(t, snd)

		got := map[string]int{}
		ids := map[string]string{}
		for _, m := range relay.Received() {
			key := strings.Join(m.To, ",") + " " + m.Subject
			got[key]++
			if prev, ok := ids[m.MessageID]; ok {
				t.Errorf("Message-ID %s twice: %q and %q", m.MessageID, prev, key)
			}
			ids[m.MessageID] = key
			for _, secret := range []string{exchangeeName, exchangeePhone, exchangeeEmail} {
				if strings.Contains(string(m.Raw), secret) || strings.Contains(m.Body, secret) {
					t.Errorf("mail %q carries the exchangee's %q", key, secret)
				}
			}
			if !strings.Contains(m.Body, "https://gyoryu.test/nominations/"+strconv.FormatInt(n.ID, 10)) ||
				!strings.Contains(m.Body, "(고용부) 교류자 추천") {
				t.Errorf("mail %q does not name and link its record:\n%s", key, m.Body)
			}
		}
		want := map[string]int{
			// Submitted three times: the receiving ministry heard of each submission, the reviewers and
			// 중기부 of each of its two consents, 중기부 of the decline.
			"moel@mail.test [전략적 인사교류] 교류자 추천이 들어왔습니다. 받는 부처로서 동의하거나 거절해 주십시오.":                     3,
			"reviewer@mail.test [전략적 인사교류] 받는 부처가 교류자 추천에 동의했습니다. 심사를 기다립니다.":                       2,
			"reviewer-opc@mail.test [전략적 인사교류] 받는 부처가 교류자 추천에 동의했습니다. 심사를 기다립니다.":                   2,
			"mss@mail.test [전략적 인사교류] 받는 부처가 교류자 추천에 동의했습니다. 심사를 기다립니다.":                            2,
			"mss@mail.test [전략적 인사교류] 받는 부처가 교류자 추천을 거절했습니다. 사유를 확인하고 다시 추천해 주십시오.":                 1,
			"mss@mail.test [전략적 인사교류] 교류자 선발이 반려되었습니다. 사유를 확인하고 다시 추천해 주십시오.":                       1,
			"mss@mail.test [전략적 인사교류] 교류자 선발이 승인되었습니다.":                                             1,
			"moel@mail.test [전략적 인사교류] 교류자 선발이 승인되었습니다.":                                            1,
			"mss@mail.test [전략적 인사교류] 교류 종료 예정일(" + end + ")이 30일 안으로 다가왔습니다. 연장하거나 복귀를 기록해 주십시오.":  1,
			"moel@mail.test [전략적 인사교류] 교류 종료 예정일(" + end + ")이 30일 안으로 다가왔습니다. 연장하거나 복귀를 기록해 주십시오.": 1,
		}
		for k, n := range want {
			if got[k] != n {
				t.Errorf("%q arrived %d times, want %d", k, got[k], n)
			}
		}
		if len(got) != len(want) {
			t.Errorf("mails arrived: %v, want only %v", got, want)
		}
		// Each notification arrived exactly once, under its own Message-ID.
		var rows []models.Notification
		s.DB().Order("id").Find(&rows)
		for _, r := range rows {
			id := notify.MessageID(r.ID, "gyoryu.test")
			if _, ok := ids[id]; !ok || r.MailState != models.MailSent || r.SentAt == nil {
				t.Errorf("notification %d (%s): state %s, arrived %v", r.ID, r.Subject, r.MailState, ok)
			}
		}
		// The refused attempts were the same mails: a retry carries the Message-ID of the attempt before.
		for _, m := range relay.Refused() {
			if _, ok := ids[m.MessageID]; !ok {
				t.Errorf("refused mail %s never arrived", m.MessageID)
			}
		}
		if len(relay.Refused()) != 2 {
			t.Errorf("%d refused attempts, want 2", len(relay.Refused()))
		}
	})
}

// notifyAll writes one notification for every active account, as a move does.
func (w world) notifyAll(t *testing.T, subject string) {
	t.Helper()
	if err := w.s.DB().Exec("INSERT INTO notifications (user_id, subject, record_type, record_label, created_at) "+
		"SELECT id, ?, 'round', '2차 전략적 인사교류', ? FROM users WHERE active = ?", subject, w.clock.Now(), true).Error; err != nil {
		t.Fatal(err)
	}
}

func TestSeveralInstancesSendEachMailOnce(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		w := newWorld(t, s)
		for i := range 4 {
			w.notifyAll(t, "알림 "+strconv.Itoa(i))
		}
		var rows int64
		s.DB().Model(&models.Notification{}).Count(&rows)
		relay := notifytest.Start(t, notifytest.Options{})
		// Three instances, each with a store of its own on the one database, claiming small batches at once.
		var wg sync.WaitGroup
		for range 3 {
			other := modelstest.Reopen(t, s)
			other.DB().Config.NowFunc = w.clock.Now
			snd, err := notify.New(other, notify.Config{Relay: relay.Relay(), From: "noreply@gyoryu.test", BaseURL: "https://gyoryu.test", Batch: 5})
			if err != nil {
				t.Fatal(err)
			}
			snd.SetClock(w.clock.Now)
			wg.Go(func() {
				if _, err := snd.Deliver(context.Background()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		got := map[string]int{}
		for _, m := range relay.Received() {
			got[m.MessageID]++
		}
		if int64(len(got)) != rows || len(relay.Received()) != int(rows) {
			t.Errorf("%d mails with %d Message-IDs arrived for %d notifications", len(relay.Received()), len(got), rows)
		}
		for id, n := range got {
			if n != 1 {
				t.Errorf("%s arrived %d times", id, n)
			}
		}
	})
}

func TestPreferencesDigestsAndRefusals(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		w := newWorld(t, s)
		relay := notifytest.Start(t, notifytest.Options{RefuseTo: []string{"moef@mail.test"}})
		snd := w.sender(t, relay.Relay())
		id := func(login string) int64 { return w.actor(t, login).User().ID }
		if err := s.SetNotifyMail(ctx, id("moel"), models.NotifyDaily); err != nil {
			t.Fatal(err)
		}
		if err := s.SetNotifyMail(ctx, id("mss"), models.NotifyNever); err != nil {
			t.Fatal(err)
		}
		if err := s.SetNotifyMail(ctx, id("mss"), "sometimes"); err == nil {
			t.Error("an unknown preference was saved")
		}
		s.DB().Exec("UPDATE users SET email = '' WHERE login = 'mof'")
		w.notifyAll(t, "첫째 알림")
		w.notifyAll(t, "둘째 알림")
		if _, err := snd.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
		to := func(addr string) (n int, subjects []string) {
			for _, m := range relay.Received() {
				if m.To[0] == addr {
					n++
					subjects = append(subjects, m.Subject)
				}
			}
			return n, subjects
		}
		if n, _ := to("motie@mail.test"); n != 2 {
			t.Errorf("motie (즉시) got %d mails, want 2", n)
		}
		if n, _ := to("moel@mail.test"); n != 0 {
			t.Errorf("moel (하루 한 번) got %d mails before the digest hour, want 0", n)
		}
		// The next digest time: both notifications in one mail.
		w.clock.Advance(24 * time.Hour)
		if _, err := snd.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
		if n, subjects := to("moel@mail.test"); n != 1 || subjects[0] != "[전략적 인사교류] 알림 2건" {
			t.Errorf("moel's digest: %d mails %q, want one \"알림 2건\"", n, subjects)
		}
		for _, digest := range relay.Received() {
			if digest.To[0] == "moel@mail.test" && (!strings.Contains(digest.Body, "첫째 알림") || !strings.Contains(digest.Body, "둘째 알림")) {
				t.Errorf("the digest does not list both:\n%s", digest.Body)
			}
		}
		if n, _ := to("mss@mail.test"); n != 0 {
			t.Errorf("mss (받지 않음) got %d mails", n)
		}
		states := map[string]models.MailState{}
		var rows []struct {
			Login     string
			MailState models.MailState
			Attempts  int
		}
		s.DB().Raw("SELECT u.login, n.mail_state, n.attempts FROM notifications n JOIN users u ON u.id = n.user_id").Scan(&rows)
		for _, r := range rows {
			states[r.Login] = r.MailState
			if r.Login == "moef" && r.Attempts != 1 {
				t.Errorf("a mail refused for good (550) was tried %d times", r.Attempts)
			}
		}
		for login, want := range map[string]models.MailState{"mss": models.MailSkipped, "mof": models.MailSkipped,
			"moef": models.MailFailed, "moel": models.MailSent, "motie": models.MailSent} {
			if states[login] != want {
				t.Errorf("%s's notifications: %s, want %s", login, states[login], want)
			}
		}
		// Every notification is still on its 알림 page, unread.
		if n, _ := s.UnreadNotifications(ctx, id("mss")); n != 2 {
			t.Errorf("mss has %d unread notifications, want 2", n)
		}
	})
}

func TestWithoutARelayNothingIsSentAndRemindersAreStillWritten(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		w := newWorld(t, s)
		snd, err := notify.New(s, notify.Config{})
		if err != nil {
			t.Fatal(err)
		}
		w.notifyAll(t, "알림")
		if r, err := snd.Deliver(context.Background()); err != nil || r.Sent != 0 {
			t.Fatalf("deliver without a relay = %+v, %v", r, err)
		}
		var pending int64
		s.DB().Model(&models.Notification{}).Where("mail_state = ? AND attempts = 0", models.MailPending).Count(&pending)
		if pending == 0 {
			t.Error("notifications were touched without a relay")
		}
	})
}

func TestRelayURLs(t *testing.T) {
	for _, tc := range []struct {
		raw, want, err string
	}{
		{raw: "smtp://user:pw@relay.example:587", want: "smtp://relay.example:587"},
		{raw: "smtp://relay.example", want: "smtp://relay.example:587"},
		{raw: "smtps://user:pw@relay.example", want: "smtps://relay.example:465"},
		{raw: "smtp://127.0.0.1:1025?tls=none", want: "smtp://127.0.0.1:1025"},
		{raw: "smtp://relay.example:25?tls=none", err: "only for a relay on this machine"},
		{raw: "http://relay.example", err: "smtp:// or smtps://"},
		{raw: "smtp://user:secret@relay.example:x", err: "SMTP_URL"},
		{raw: "smtp://relay.example?tls=maybe", err: "tls must be"},
	} {
		r, err := notify.ParseRelay(tc.raw)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || strings.Contains(err.Error(), "secret") {
				t.Errorf("%s: %v, want an error with %q and no password", tc.raw, err, tc.err)
			}
			continue
		}
		if err != nil || r.String() != tc.want {
			t.Errorf("%s = %s, %v; want %s", tc.raw, r.String(), err, tc.want)
		}
	}
	if _, err := notify.New(nil, notify.Config{Relay: &notify.Relay{Host: "x"}}); err == nil || !strings.Contains(err.Error(), "BASE_URL") {
		t.Errorf("a relay without BASE_URL: %v", err)
	}
}
