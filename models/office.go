package models

// Office is a reviewing office whose reviewers approve exchangee selections.
type Office string

// The two offices that run the programme together.
const (
	OfficeMPM Office = "mpm" // 인사혁신처
	OfficeOPC Office = "opc" // 국무조정실
)

// Offices lists the reviewing offices in display order.
var Offices = []Office{OfficeMPM, OfficeOPC}

// Label is the office's Korean name.
func (o Office) Label() string {
	switch o {
	case OfficeMPM:
		return "인사혁신처"
	case OfficeOPC:
		return "국무조정실"
	}
	return string(o)
}

// Valid reports whether o is a known office.
func (o Office) Valid() bool { return o == OfficeMPM || o == OfficeOPC }

// ApprovalRule says whose approval completes an exchangee selection in a round.
type ApprovalRule string

// Approval rules.
const (
	ApproveOnce       ApprovalRule = "one"         // one reviewer's approval
	ApproveEachOffice ApprovalRule = "each_office" // one approval from each office
)

// Label is the rule's Korean description.
func (r ApprovalRule) Label() string {
	switch r {
	case ApproveEachOffice:
		return "인사혁신처와 국무조정실 각 1명 승인"
	}
	return "심사자 1명 승인"
}

// approvalOffice is whose approval a user's counts as: an administrator's
// (the programme office) completes any rule.
const approvalByAdmin = "admin"

// approvalComplete reports whether the approvals given (by office) meet the rule.
func (r ApprovalRule) approvalComplete(given map[string]bool) bool {
	if given[approvalByAdmin] {
		return true
	}
	if r == ApproveEachOffice {
		return given[string(OfficeMPM)] && given[string(OfficeOPC)]
	}
	return len(given) > 0
}
