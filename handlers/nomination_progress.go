package handlers

import (
	"strings"

	"github.com/gyoryu/gyoryu/models"
)

// decisionLabels spells out a nomination's approval progress: each office's
// approval with the reviewer's name and time, then "…승인 대기" for each
// approval still missing ("국무조정실 승인 대기").
func decisionLabels(n models.Nomination) []string {
	var out []string
	for _, d := range n.Decisions() {
		if d.Approval == nil {
			out = append(out, d.Label()+" 승인 대기")
			continue
		}
		label := d.Label() + " 승인"
		if d.Approval.User != nil {
			label += " · " + d.Approval.User.DisplayName
		}
		out = append(out, label+" · "+d.Approval.At.In(models.Seoul).Format("2006-01-02 15:04"))
	}
	return out
}

// moveMessage says what a move did and what comes next, for the status line
// after it ("승인했습니다. 국무조정실 승인을 기다립니다."); n is the nomination
// after the move, with its pair, round and ministries.
func moveMessage(n models.Nomination, move models.NominationMove) string {
	sending := n.Ministry.ShortName
	switch move {
	case models.MoveSubmit:
		return "제출했습니다. " + waitingFor(n)
	case models.MoveConsent:
		return "동의했습니다. " + waitingFor(n)
	case models.MoveDecline:
		return "거절했습니다. " + models.Particle(sending, "이", "가") + " 사유를 확인하고 다시 추천합니다."
	case models.MoveApprove:
		if n.Status == models.NominationApproved {
			return "승인했습니다. 승인이 끝났습니다. " + models.Particle(sending, "이", "가") + " 교류 시작을 기록합니다."
		}
		return "승인했습니다. " + waitingFor(n)
	case models.MoveReturn:
		return "반려했습니다. " + models.Particle(sending, "이", "가") + " 사유를 확인하고 다시 추천합니다."
	case models.MoveRevoke:
		return "승인을 취소했습니다. " + models.Particle(sending, "이", "가") + " 다시 추천할 수 있습니다."
	case models.MoveStart:
		return "교류 시작을 기록했습니다. 종료 예정일은 " + dateOrUndecided(n.PlannedEnd) + "입니다."
	case models.MoveExtend:
		asked := "미정"
		if x := n.OpenExtension(); x != nil {
			asked = dateText(&x.RequestedEnd)
		}
		return "연장을 요청했습니다(새 종료일 " + asked + "). 받는 부처가 동의하고 심사자가 승인하면 종료 예정일이 바뀝니다."
	case models.MoveExtendAgree:
		return "연장에 동의했습니다. 심사자의 승인을 기다립니다."
	case models.MoveExtendDecline:
		return "연장을 거절했습니다. " + models.Particle(sending, "이", "가") + " 사유를 확인합니다."
	case models.MoveExtendApprove:
		if x := n.OpenExtension(); x != nil {
			return "연장을 승인했습니다. " + strings.Join(extensionApprovals(n, *x)[len(x.Approvals):], ", ") + "입니다."
		}
		return "연장을 승인했습니다. 새 종료 예정일은 " + dateOrUndecided(n.PlannedEnd) + "입니다."
	case models.MoveExtendReturn:
		return "연장을 반려했습니다. " + models.Particle(sending, "이", "가") + " 사유를 확인합니다."
	case models.MoveEnd:
		return "복귀를 기록했습니다. 이제 완료 보고를 작성해 주십시오."
	case models.MoveReport:
		return "완료 보고를 제출했습니다. 심사자의 확인을 기다립니다."
	case models.MoveAcknowledge:
		return "완료 보고를 확인했습니다. 이 교류의 절차가 모두 끝났습니다."
	}
	return move.Label() + "했습니다."
}

// waitingFor names the approvals a submission waits for: "인사혁신처와
// 국무조정실 승인을 기다립니다." or "국무조정실 승인을 기다립니다.".
func waitingFor(n models.Nomination) string {
	if n.AwaitingConsent() {
		return "받는 부처(" + n.ReceivingMinistry().ShortName + ")의 동의를 기다립니다. 동의하면 심사가 시작됩니다."
	}
	var missing []string
	for _, d := range n.Decisions() {
		if d.Approval == nil {
			missing = append(missing, d.Label())
		}
	}
	switch len(missing) {
	case 0:
		return "심사를 기다립니다."
	case 1:
		return missing[0] + " 승인을 기다립니다."
	}
	return models.Particle(missing[0], "과", "와") + " " + missing[1] + " 승인을 기다립니다."
}

// approvalProgress is the nomination page's 승인 현황: the receiving
// ministry's consent to the current submission (who and when, from the
// history), then the offices' decisions; or what stands instead of them
// before a submission or after a decline or a return.
func approvalProgress(n models.Nomination, history []models.NominationEvent) []string {
	var out []string
	receiving := "받는 부처(" + n.ReceivingMinistry().ShortName + ")"
	switch {
	case n.Status == models.NominationDraft:
		return []string{"제출 전"}
	case n.DeclinedByReceiving():
		return []string{receiving + " 거절됨: 다시 제출하면 받는 부처 동의부터 새로 시작됩니다"}
	case n.AwaitingConsent():
		out = append(out, receiving+" 동의 대기")
	case n.Submission > 0:
		if ev := lastMove(history, models.MoveConsent); ev != nil {
			label := receiving + " 동의"
			if ev.User != nil {
				label += " · " + ev.User.DisplayName
			}
			out = append(out, label+" · "+ev.At.In(models.Seoul).Format("2006-01-02 15:04"))
		}
	}
	if list := decisionLabels(n); len(list) > 0 {
		return append(out, list...)
	}
	if n.Status == models.NominationReturned {
		return append(out, "반려됨: 다시 제출하면 심사가 새로 시작됩니다")
	}
	if len(out) == 0 {
		return []string{"승인 기록 없음"}
	}
	return out
}

// lastMove is the latest event of the move in the history, or nil.
func lastMove(history []models.NominationEvent, move models.NominationMove) *models.NominationEvent {
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].Move == move {
			return &history[i]
		}
	}
	return nil
}

// conflictMessage says, after a move someone else overtook, who did what
// first, where the nomination stands now, and that this move was not recorded
// (and, for a move with input, that what was typed was not kept).
func conflictMessage(n models.Nomination, history []models.NominationEvent, move models.NominationMove, in models.MoveInput) string {
	msg := "다른 사람이 먼저 이 추천을 처리했습니다"
	if len(history) > 0 {
		last := history[len(history)-1]
		who := "다른 사람"
		if last.User != nil {
			who = last.User.DisplayName
		}
		msg = models.Particle(who, "이", "가") + " " + last.At.In(models.Seoul).Format("2006-01-02 15:04") + "에 먼저 " + last.Move.Label() + "했습니다"
	}
	msg += ". 지금 상태: " + n.StateLabel() + ". " + models.Particle(move.Label(), "은", "는") + " 기록되지 않았습니다"
	if in.Reason != "" || in.Report != "" || in.Date != "" {
		msg += ". 입력한 내용은 저장되지 않았습니다"
	}
	return msg + ". 아래의 지금 내용을 확인해 주십시오."
}
