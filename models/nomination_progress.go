package models

// Decision is one decision the current submission of a nomination has, or
// still waits for: an office's approval (by whom and when), or the office
// whose approval is awaited (Approval nil).
type Decision struct {
	Office   string // mpm, opc, admin; "" for "either office" under the one-approval rule
	Approval *NominationApproval
}

// Label names the office: 인사혁신처, 국무조정실, 관리자, or "인사혁신처 또는
// 국무조정실" when the rule takes either.
func (d Decision) Label() string {
	switch d.Office {
	case "":
		return OfficeMPM.Label() + " 또는 " + OfficeOPC.Label()
	case approvalByAdmin:
		return "관리자"
	}
	return Office(d.Office).Label()
}

// Decisions are the current submission's approvals in the order given, then,
// while it is under review and the round's rule is not met, the approvals it
// still waits for: each office that has not approved under the each-office
// rule, either office under the one-approval rule. n.Pair.Round and
// n.Approvals must be loaded.
func (n Nomination) Decisions() []Decision {
	var out []Decision
	given := n.ApprovedOffices()
	for i, a := range n.Approvals {
		if a.Submission == n.Submission {
			out = append(out, Decision{Office: a.Office, Approval: &n.Approvals[i]})
		}
	}
	if n.Status != NominationSubmitted || n.Pair.Round.ApprovalRule.approvalComplete(given) {
		return out
	}
	if n.Pair.Round.ApprovalRule != ApproveEachOffice {
		return append(out, Decision{})
	}
	for _, o := range Offices {
		if !given[string(o)] {
			out = append(out, Decision{Office: string(o)})
		}
	}
	return out
}

// DecidedBy reports whether the user's office (or, for an administrator, the
// programme office) has approved the current submission: they have nothing
// more to decide on it.
func (n Nomination) DecidedBy(u *User) bool {
	office, ok := approvalOffice(u)
	return ok && n.ApprovedOffices()[office]
}
