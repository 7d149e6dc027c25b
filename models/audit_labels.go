package models

import (
	"encoding/json"
	"strconv"
)

// The audit log is read by people: its actions, record types and actors are
// shown in Korean, never as the codes the log stores (login, user #21, system).

// auditActionLabels names every audit action.
var auditActionLabels = map[string]string{
	AuditLogin: "로그인", AuditLoginFailed: "로그인 실패", AuditLogout: "로그아웃",
	AuditCreate: "등록", AuditUpdate: "수정", AuditDelete: "삭제",
	AuditPasswordChange: "비밀번호 변경", AuditPasswordReset: "비밀번호 설정 링크 발급",
	AuditViewPersonal: "개인정보 열람", AuditSeed: "초기 자료 적재", AuditImport: "목록 파일 저장",
	AuditPublish: "공개", AuditUnpublish: "공개 해제",
	AuditThrottleClear:    "로그인 제한 해제",
	AuditSecondFactorPass: "2단계 인증", AuditSecondFactorEnrol: "2단계 인증 등록",
	AuditRecoveryCodes: "복구 코드 새로 발급", AuditSecondFactorRemove: "2단계 인증 해제",
	AuditSecondFactorReset: "2단계 인증 초기화",
}

// AuditActions lists the audit actions in the order the log's filter offers them.
var AuditActions = []string{AuditLogin, AuditLoginFailed, AuditLogout, AuditCreate, AuditUpdate, AuditDelete,
	AuditPublish, AuditUnpublish, AuditImport, AuditPasswordChange, AuditPasswordReset, AuditViewPersonal, AuditSeed,
	AuditThrottleClear, AuditSecondFactorPass, AuditSecondFactorEnrol, AuditRecoveryCodes, AuditSecondFactorRemove,
	AuditSecondFactorReset}

// AuditActionLabel is an audit action's Korean name.
func AuditActionLabel(action string) string {
	if l, ok := auditActionLabels[action]; ok {
		return l
	}
	return "기타"
}

// auditRecordLabels names every kind of record the log writes about.
var auditRecordLabels = map[string]string{
	"user": "계정", "pair": "교류직위", "task": "협업과제", "outcome": "성과", "round": "차수",
	"ministry": "부처", "nomination": "교류자 추천", "programme": "사업 자료",
	"evaluation_cycle": "실적 평가", "self_assessment": "자체 점검", "evaluation_review": "평가 점수",
	"incentive": "인사상 특전", "government_evaluation": "정부업무평가", "government_scale": "정부업무평가 결과 등급", "evaluation_summary": "종합 의견",
	"contribution":   "기여도 평가",
	"login_throttle": "로그인 제한", "grade_distribution": "등급 분포",
}

// AuditRecordTypes lists the record types in the order the log's filter offers them.
var AuditRecordTypes = []string{"user", "pair", "task", "outcome", "round", "ministry", "nomination", "programme",
	"evaluation_cycle", "self_assessment", "evaluation_review", "evaluation_summary", "grade_distribution", "incentive", "contribution", "government_evaluation", "government_scale", "login_throttle"}

// AuditRecordLabel is a record type's Korean name.
func AuditRecordLabel(recordType string) string {
	if l, ok := auditRecordLabels[recordType]; ok {
		return l
	}
	return "기타"
}

// Record names the record an event is about: its kind, and its name as the
// event recorded it (a title, a person's name), or its number.
func (e AuditEvent) Record() string {
	if e.RecordType == "" {
		return ""
	}
	label := AuditRecordLabel(e.RecordType)
	fields := jsonFields(e.After)
	if len(fields) == 0 {
		fields = jsonFields(e.Before)
	}
	var target string // a record that names itself ("김교류 — 인력정책과장(중기부) 교류자 추천")
	if raw, ok := fields["target"]; ok && json.Unmarshal(raw, &target) == nil && target != "" {
		return target
	}
	for _, key := range []string{"title", "display_name", "exchangee_name", "summary", "theme", "name"} {
		var s string
		if raw, ok := fields[key]; ok && json.Unmarshal(raw, &s) == nil && s != "" {
			if r := []rune(s); len(r) > 40 {
				s = string(r[:40]) + "…"
			}
			return label + " 「" + s + "」"
		}
	}
	if e.RecordID != nil {
		return label + " " + strconv.FormatInt(*e.RecordID, 10) + "번"
	}
	return label
}

// ActorName is who acted, as people know them: the user's name and login, 시스템
// for the app itself, or the login a visitor typed when signing in failed.
func (e AuditEvent) ActorName() string {
	switch {
	case e.User != nil:
		return e.User.DisplayName + " (" + e.User.Login + ")"
	case e.UserID == nil && e.Actor == System.Login:
		return "시스템"
	case e.Actor != "":
		return "입력한 아이디 " + e.Actor
	}
	return "알 수 없음"
}
