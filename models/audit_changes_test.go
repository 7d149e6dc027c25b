package models_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// The audit log records a task under its json names, and Changes reads an
// event back as labelled Korean values: what an update changed, what a
// creation set, what a deletion removed.
func TestAuditEventsTellWhatChangedInKorean(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		w := newTaskWorld(t, s)
		task, err := s.CreateTask(ctx, w.moel, w.pair.ID, validTask("빈 일자리 매칭"))
		if err != nil {
			t.Fatal(err)
		}
		in := task.InputOf()
		in.Status, in.Progress = "in_progress", "40"
		if _, err := s.UpdateTask(ctx, w.moel, task.ID, in); err != nil {
			t.Fatal(err)
		}
		o, err := s.CreateOutcome(ctx, w.moel, task.ID, models.OutcomeInput{Kind: "narrative", Summary: "채용 기간 단축"})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteOutcome(ctx, w.moel, o.ID, o.Version); err != nil {
			t.Fatal(err)
		}
		events, total, err := s.TaskHistory(ctx, task.ID, models.Page{Number: 1, Size: 10})
		if err != nil || total != 4 {
			t.Fatalf("history: %d events, %v; want 4 (create, update, outcome create, outcome delete)", total, err)
		}
		if created := *events[3].After; !strings.Contains(created, `"title":"빈 일자리 매칭"`) {
			t.Errorf("the task is not recorded under its json names: %s", created)
		}
		if deleted := *events[0].Before; !strings.Contains(deleted, `"task_id":`) {
			t.Errorf("the outcome is not recorded under its json names: %s", deleted)
		}
		got := map[string][]models.Change{}
		for _, e := range events {
			got[e.RecordType+" "+e.Action] = e.Changes()
		}
		want := map[string][]models.Change{
			"task update":    {{Label: "진행 상태", Before: "발굴", After: "추진 중"}, {Label: "진척률", Before: "0%", After: "40%"}},
			"outcome delete": {{Label: "성과 내용", Before: "채용 기간 단축"}},
		}
		for k, changes := range want {
			if len(got[k]) != len(changes) {
				t.Errorf("%s: changes %+v, want %+v", k, got[k], changes)
				continue
			}
			for i := range changes {
				if got[k][i] != changes[i] {
					t.Errorf("%s: change %d = %+v, want %+v", k, i, got[k][i], changes[i])
				}
			}
		}
		if created := got["task create"]; len(created) == 0 || created[0] != (models.Change{Label: "과제명", After: "빈 일자리 매칭"}) {
			t.Errorf("task create: changes %+v, want 과제명 first", created)
		}
	})
}

// Every audit event reads in Korean: its action, the record it is about, who
// acted, and the values of records other than tasks (codes as labels).
func TestAuditEventsNameActionRecordAndActorInKorean(t *testing.T) {
	id, uid := int64(21), int64(3)
	before, after := `{"display_name":"대상","role":"reviewer","active":true}`, `{"display_name":"대상 2","role":"admin","active":false}`
	kindBefore, kindAfter := `{"name":"국무조정실","kind":"office"}`, `{"name":"국무조정실","kind":"ministry"}`
	erased := `{"Erased":"교류자 연락처 (보유 기간 경과)","ReturnedOn":"2025-01-31","Days":30}`
	for _, c := range []struct {
		event                 models.AuditEvent
		action, record, actor string
		changes               []models.Change
	}{
		{models.AuditEvent{Action: models.AuditUpdate, RecordType: "user", RecordID: &id, UserID: &uid,
			User: &models.User{DisplayName: "데모 관리자", Login: "admin"}, Before: &before, After: &after},
			"수정", "계정 「대상 2」", "데모 관리자 (admin)",
			[]models.Change{{Label: "이름", Before: "대상", After: "대상 2"}, {Label: "역할", Before: "심사자", After: "관리자"},
				{Label: "사용 여부", Before: "사용", After: "중지"}}},
		{models.AuditEvent{Action: models.AuditLogin, RecordType: "user", RecordID: &id, Actor: "moel", UserID: &uid,
			User: &models.User{DisplayName: "고용부 담당자", Login: "moel"}},
			"로그인", "계정 21번", "고용부 담당자 (moel)", nil},
		{models.AuditEvent{Action: models.AuditSeed, RecordType: "programme", Actor: models.System.Login},
			"초기 자료 적재", "사업 자료", "시스템", nil},
		{models.AuditEvent{Action: models.AuditLoginFailed, RecordType: "user", Actor: "nobody"},
			"로그인 실패", "계정", "입력한 아이디 nobody", nil},
		{models.AuditEvent{Action: models.AuditUpdate, RecordType: "ministry", RecordID: &id, Actor: models.System.Login, Before: &kindBefore, After: &kindAfter},
			"수정", "부처 「국무조정실」", "시스템", []models.Change{{Label: "유형", Before: "실", After: "부"}}},
		{models.AuditEvent{Action: models.AuditUpdate, RecordType: "nomination", RecordID: &id, Actor: models.System.Login, After: &erased},
			"수정", "교류자 추천 21번", "시스템",
			[]models.Change{{Label: "지운 항목", After: "교류자 연락처 (보유 기간 경과)"}, {Label: "복귀일", After: "2025-01-31"}, {Label: "보유 기간(일)", After: "30"}}},
	} {
		e := c.event
		if got := models.AuditActionLabel(e.Action); got != c.action {
			t.Errorf("%s: action %q, want %q", e.Action, got, c.action)
		}
		if got := e.Record(); got != c.record {
			t.Errorf("%s %s: record %q, want %q", e.Action, e.RecordType, got, c.record)
		}
		if got := e.ActorName(); got != c.actor {
			t.Errorf("%s: actor %q, want %q", e.Action, got, c.actor)
		}
		got := e.Changes()
		if len(got) != len(c.changes) {
			t.Errorf("%s %s: changes %+v, want %+v", e.Action, e.RecordType, got, c.changes)
			continue
		}
		for i := range got {
			if got[i] != c.changes[i] {
				t.Errorf("%s %s: change %d = %+v, want %+v", e.Action, e.RecordType, i, got[i], c.changes[i])
			}
		}
	}
}
