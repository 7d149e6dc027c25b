package models

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// NominationInput is a nomination as its form sends it: the domain parses and
// checks the strings. A draft may be incomplete; Submit asks for everything.
type NominationInput struct {
	ExchangeeName   string `form:"exchangee_name" label:"성명"`
	CurrentPosition string `form:"current_position" label:"현재 직위"`
	Rank            string `form:"rank" label:"직급 (예: 서기관)"`
	WorkPhone       string `form:"work_phone" label:"사무실 전화번호"`
	Email           string `form:"email" label:"전자우편"`
	PlannedStart    string `form:"planned_start" label:"시작 예정일"` // 2025-01-31
	PlannedEnd      string `form:"planned_end" label:"종료 예정일"`
	Statement       string `form:"statement" label:"교류직위에서 수행할 업무"`
	// One companion per row of the lists; an empty row is ignored.
	CompanionNames     []string `form:"companion_name" label:"성명"`
	CompanionRanks     []string `form:"companion_rank" label:"직급"`
	CompanionPositions []string `form:"companion_current_position" label:"현재 직위"`
	CompanionGoesTo    []string `form:"companion_goes_to" label:"가는 직위"`
	CompanionStarts    []string `form:"companion_start" label:"시작 예정일 (비우면 교류자와 같음)"`
	CompanionEnds      []string `form:"companion_end" label:"종료 예정일 (비우면 교류자와 같음)"`
	CompanionRoles     []string `form:"companion_role" label:"역할"`
	Conditions         []string `form:"condition" label:"자격 요건 확인"` // ids of the round's conditions the ministry confirms
	// ConditionNoteFor and ConditionNotes are the notes on what was checked
	// (확인 근거), row by row: the id of the condition, and its note.
	ConditionNoteFor []string `form:"condition_note_for"`
	ConditionNotes   []string `form:"condition_note" label:"확인 근거"`
	Version          int      `form:"version"` // the version the edit is based on; ignored when creating
	Intent           string   `form:"intent"`  // "submit": save and submit for review at once; otherwise save a draft
}

// CompanionInput is one companion's row of the form: Start and End
// (2025-01-31) empty mean the exchangee's planned dates.
type CompanionInput struct{ Name, Rank, Role, CurrentPosition, GoesTo, Start, End string }

// Companions are the companion rows of the form, row by row.
func (in NominationInput) Companions() []CompanionInput {
	n := max(len(in.CompanionNames), len(in.CompanionRanks), len(in.CompanionRoles), len(in.CompanionPositions),
		len(in.CompanionGoesTo), len(in.CompanionStarts), len(in.CompanionEnds))
	out := make([]CompanionInput, n)
	for i := range n {
		out[i] = CompanionInput{Name: at(in.CompanionNames, i), Rank: at(in.CompanionRanks, i), Role: at(in.CompanionRoles, i),
			CurrentPosition: at(in.CompanionPositions, i), GoesTo: at(in.CompanionGoesTo, i),
			Start: at(in.CompanionStarts, i), End: at(in.CompanionEnds, i)}
	}
	return out
}

// AddCompanion appends a companion row, as the form would send it.
func (in *NominationInput) AddCompanion(c CompanionInput) {
	in.CompanionNames = append(in.CompanionNames, c.Name)
	in.CompanionRanks = append(in.CompanionRanks, c.Rank)
	in.CompanionPositions = append(in.CompanionPositions, c.CurrentPosition)
	in.CompanionGoesTo = append(in.CompanionGoesTo, c.GoesTo)
	in.CompanionStarts = append(in.CompanionStarts, c.Start)
	in.CompanionEnds = append(in.CompanionEnds, c.End)
	in.CompanionRoles = append(in.CompanionRoles, c.Role)
}

// SetCompanions replaces the companion rows, as the form would send them.
func (in *NominationInput) SetCompanions(rows []CompanionInput) {
	in.CompanionNames, in.CompanionRanks, in.CompanionPositions, in.CompanionGoesTo = nil, nil, nil, nil
	in.CompanionStarts, in.CompanionEnds, in.CompanionRoles = nil, nil, nil
	for _, c := range rows {
		in.AddCompanion(c)
	}
}

// inputOf is the companion as its form row shows it.
func (c NominationCompanion) inputOf() CompanionInput {
	return CompanionInput{Name: c.Name, Rank: c.Rank, Role: c.Role, CurrentPosition: c.CurrentPosition, GoesTo: c.GoesTo,
		Start: dateString(c.PlannedStart), End: dateString(c.PlannedEnd)}
}

// Submits reports whether the person asked to submit, not only to save.
func (in NominationInput) Submits() bool { return in.Intent == "submit" }

func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return ""
}

// InputOf is the form values of a saved nomination.
func (n Nomination) InputOf() NominationInput {
	in := NominationInput{ExchangeeName: n.ExchangeeName, CurrentPosition: n.CurrentPosition, Rank: n.Rank,
		WorkPhone: n.WorkPhone, Email: n.Email, PlannedStart: dateString(n.PlannedStart), PlannedEnd: dateString(n.PlannedEnd),
		Statement: n.Statement, Version: n.Version}
	for _, c := range n.Companions {
		if !c.Removed() { // a companion removed by a reviewer is no longer the ministry's to send
			in.AddCompanion(c.inputOf())
		}
	}
	for _, c := range n.Conditions {
		in.Conditions = append(in.Conditions, strconv.FormatInt(c.ConditionID, 10))
		in.ConditionNoteFor = append(in.ConditionNoteFor, strconv.FormatInt(c.ConditionID, 10))
		in.ConditionNotes = append(in.ConditionNotes, c.Note)
	}
	return in
}

// maxCompanions bounds a nomination's companions: a team, not a ministry.
const maxCompanions = 10

// apply checks the input and writes it into n; conditions are the round's.
func (in NominationInput) apply(n *Nomination, conditions []RoundCondition) FieldErrors {
	errs := FieldErrors{}
	text := func(field string, v string, max int, label string) string {
		v = strings.TrimSpace(v)
		if utf8.RuneCountInString(v) > max {
			errs[field] = fmt.Sprintf("%s %d자 이하로 입력해 주십시오.", Particle(label, "은", "는"), max)
		}
		return v
	}
	n.ExchangeeName = text("exchangee_name", in.ExchangeeName, 50, "교류자 성명")
	n.CurrentPosition = text("current_position", in.CurrentPosition, 100, "현재 직위")
	n.Rank = text("rank", in.Rank, 50, "직급")
	n.WorkPhone = strings.TrimSpace(in.WorkPhone)
	if n.WorkPhone != "" && !phonePattern.MatchString(n.WorkPhone) {
		errs["work_phone"] = "전화번호는 숫자와 -로 입력해 주십시오. (예: 044-201-8350)"
	}
	n.Email = strings.TrimSpace(in.Email)
	if n.Email != "" && !emailPattern.MatchString(n.Email) {
		errs["email"] = "전자우편 주소 형식이 올바르지 않습니다. (예: name@korea.kr)"
	}
	n.PlannedStart = parseDate(in.PlannedStart, "planned_start", errs)
	n.PlannedEnd = parseDate(in.PlannedEnd, "planned_end", errs)
	if n.PlannedStart != nil && n.PlannedEnd != nil && n.PlannedEnd.Before(*n.PlannedStart) {
		errs["planned_end"] = "종료 예정일은 시작 예정일과 같거나 뒤여야 합니다."
	}
	round := n.Pair.Round
	round.checkStart(n.PlannedStart, "planned_start", "시작 예정일", errs)
	round.checkDate(n.PlannedEnd, "planned_end", "종료 예정일", errs)
	round.checkLength(n.PlannedStart, n.PlannedEnd, "planned_end", errs)
	n.Statement = text("statement", in.Statement, 2000, "수행 업무")
	n.Companions = nil
	for i, c := range in.Companions() {
		if cp, ok := c.apply(i, n, errs); ok {
			cp.Position = len(n.Companions) + 1
			n.Companions = append(n.Companions, cp)
		}
	}
	if len(n.Companions) > maxCompanions {
		errs["companion_name"] = fmt.Sprintf("동반 교류자는 %d명까지 입력할 수 있습니다.", maxCompanions)
	}
	// A condition confirmed before keeps who confirmed it and when;
	// writeNominationParts stamps the new ones.
	before := n.Conditions
	n.Conditions = nil
	for _, raw := range in.Conditions {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || !slices.ContainsFunc(conditions, func(c RoundCondition) bool { return c.ID == id }) {
			errs["condition"] = "이 차수의 자격 요건만 확인할 수 있습니다."
			continue
		}
		if slices.ContainsFunc(n.Conditions, func(c NominationCondition) bool { return c.ConditionID == id }) {
			continue
		}
		nc := NominationCondition{NominationID: n.ID, ConditionID: id}
		if i := slices.IndexFunc(before, func(c NominationCondition) bool { return c.ConditionID == id }); i >= 0 {
			nc = before[i]
			nc.Confirmer = nil
		}
		n.Conditions = append(n.Conditions, nc)
	}
	in.applyNotes(n, before, conditions, errs)
	return errs
}

// apply checks the companion of row i of the form, whose exchangee is n (its
// planned dates already read), keeping messages under the row's fields, each
// naming the companion; ok is false for an empty row.
func (c CompanionInput) apply(i int, n *Nomination, errs FieldErrors) (NominationCompanion, bool) {
	c = CompanionInput{Name: strings.TrimSpace(c.Name), Rank: strings.TrimSpace(c.Rank), Role: strings.TrimSpace(c.Role),
		CurrentPosition: strings.TrimSpace(c.CurrentPosition), GoesTo: strings.TrimSpace(c.GoesTo),
		Start: strings.TrimSpace(c.Start), End: strings.TrimSpace(c.End)}
	if c == (CompanionInput{}) {
		return NominationCompanion{}, false
	}
	row := "." + strconv.Itoa(i)
	mine := FieldErrors{}
	switch {
	case c.Name == "":
		mine["companion_name"+row] = "동반 교류자의 성명을 입력해 주십시오."
	case utf8.RuneCountInString(c.Name) > 50 || utf8.RuneCountInString(c.Rank) > 50 || utf8.RuneCountInString(c.Role) > 200:
		mine["companion_name"+row] = "성명·직급은 50자, 역할은 200자 이하로 입력해 주십시오."
	}
	if utf8.RuneCountInString(c.CurrentPosition) > 100 {
		mine["companion_current_position"+row] = "현재 직위는 100자 이하로 입력해 주십시오."
	}
	if utf8.RuneCountInString(c.GoesTo) > 100 {
		mine["companion_goes_to"+row] = "가는 직위는 100자 이하로 입력해 주십시오."
	}
	cp := NominationCompanion{Name: c.Name, Rank: c.Rank, Role: c.Role, CurrentPosition: c.CurrentPosition, GoesTo: c.GoesTo}
	startField, endField := "companion_start"+row, "companion_end"+row
	cp.PlannedStart = parseDate(c.Start, startField, mine)
	cp.PlannedEnd = parseDate(c.End, endField, mine)
	// An empty date is the exchangee's: the period checked is the one the companion will serve.
	start, end := cmpOr(cp.PlannedStart, n.PlannedStart), cmpOr(cp.PlannedEnd, n.PlannedEnd)
	if start != nil && end != nil && end.Before(*start) && (cp.PlannedStart != nil || cp.PlannedEnd != nil) {
		mine[endField] = "종료 예정일은 시작 예정일(" + dateString(start) + ")과 같거나 뒤여야 합니다."
	}
	round := n.Pair.Round
	round.checkStart(cp.PlannedStart, startField, "시작 예정일", mine)
	round.checkDate(cp.PlannedEnd, endField, "종료 예정일", mine)
	if cp.PlannedStart != nil || cp.PlannedEnd != nil {
		round.checkLength(start, end, endField, mine)
	}
	who := "동반 교류자 " + strconv.Itoa(i+1)
	if c.Name != "" {
		who += "(" + c.Name + ")"
	}
	for k, v := range mine {
		errs[k] = who + ": " + v
	}
	return cp, true
}

// missingForSubmission names what a nomination lacks before it can be
// submitted: its details, and every condition of the round confirmed.
func (n Nomination) missingForSubmission(round []RoundCondition) FieldErrors {
	errs := FieldErrors{}
	if missing := n.Unconfirmed(round); len(missing) > 0 {
		errs["condition"] = "자격 요건을 모두 확인해야 제출할 수 있습니다. 확인하지 않은 요건: " + quotedList(missing) + "."
	}
	texts, rows := n.WithoutNote(round)
	for k, i := range rows {
		errs[ConditionNoteKey(i)] = "‘" + texts[k] + "’ 요건은 확인 근거를 입력해야 제출할 수 있습니다. (예: 인사기록 확인, 2024년 근무성적 A)"
	}
	for _, f := range []struct{ field, value, msg string }{
		{"exchangee_name", n.ExchangeeName, "교류자 성명을 입력해 주십시오."},
		{"current_position", n.CurrentPosition, "현재 직위를 입력해 주십시오."},
		{"rank", n.Rank, "직급을 입력해 주십시오."},
		{"work_phone", n.WorkPhone, "사무실 전화번호를 입력해 주십시오."},
		{"email", n.Email, "전자우편 주소를 입력해 주십시오."},
		{"statement", n.Statement, "교류직위에서 수행할 업무를 입력해 주십시오."},
	} {
		if f.value == "" {
			errs[f.field] = f.msg
		}
	}
	if n.PlannedStart == nil {
		errs["planned_start"] = "시작 예정일을 입력해 주십시오."
	}
	if n.PlannedEnd == nil {
		errs["planned_end"] = "종료 예정일을 입력해 주십시오."
	}
	return errs
}

// NominationTarget is a position of a selected pair and the ministry that sends its exchangee.
type NominationTarget struct {
	Pair            ExchangePair
	Position        Position
	SendingMinistry Ministry
}

// NominationTargetOf finds the position of a pair and its sending ministry (the
// other side of the pair); ErrNotFound when the position is not the pair's.
func (s *Store) NominationTargetOf(ctx context.Context, pairID, positionID int64) (NominationTarget, error) {
	pair, _, err := s.PairByID(ctx, pairID)
	if err != nil {
		return NominationTarget{}, err
	}
	switch positionID {
	case pair.PositionAID:
		return NominationTarget{Pair: pair, Position: pair.PositionA, SendingMinistry: pair.MinistryB}, nil
	case pair.PositionBID:
		return NominationTarget{Pair: pair, Position: pair.PositionB, SendingMinistry: pair.MinistryA}, nil
	}
	return NominationTarget{}, fmt.Errorf("position %d of pair %d: %w", positionID, pairID, ErrNotFound)
}

// CreateNomination saves a new nomination for a position of a selected pair,
// as a draft or, with in.Submits(), submitted for review. Only the sending
// ministry nominates, and a position has one nomination in progress at a time.
func (s *Store) CreateNomination(ctx context.Context, a Actor, pairID, positionID int64, in NominationInput) (Nomination, error) {
	target, err := s.NominationTargetOf(ctx, pairID, positionID)
	if err != nil {
		return Nomination{}, err
	}
	if !a.may(ActNominate, target.SendingMinistry.ID) {
		return Nomination{}, ErrForbidden
	}
	var n Nomination
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var pair ExchangePair
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Preload("Round").Take(&pair, pairID).Error; err != nil {
			return fmt.Errorf("pair %d: %w", pairID, notFound(err))
		}
		if pair.Status != PairSelected {
			return fmt.Errorf("nominate into pair %d at %s: %w", pairID, pair.Status, ErrWrongState)
		}
		var open int64
		if err := tx.Model(&Nomination{}).Where("position_id = ? AND status <> ?", positionID, NominationRevoked).Count(&open).Error; err != nil {
			return err
		}
		if open > 0 {
			return FieldErrors{"": "이 교류직위에는 이미 진행 중인 교류자 추천이 있습니다."}.Err()
		}
		conditions, err := roundConditions(tx, pair.RoundID)
		if err != nil {
			return err
		}
		n = Nomination{PairID: pairID, PositionID: positionID, MinistryID: target.SendingMinistry.ID, Status: NominationDraft, Version: 1, Pair: pair, round: conditions}
		errs := in.apply(&n, conditions)
		if in.Submits() {
			errs.addMissing(n.missingForSubmission(conditions))
		}
		if err := errs.Err(); err != nil {
			return err
		}
		if err := tx.Omit(clause.Associations).Create(&n).Error; err != nil {
			return fmt.Errorf("create nomination for position %d: %w", positionID, err)
		}
		if err := writeNominationParts(tx, a, n); err != nil {
			return err
		}
		if err := recordNominationEvent(tx, a, n.ID, MoveCreate, nil, NominationDraft, "", ""); err != nil {
			return err
		}
		entry, err := n.auditEntry(tx, MoveCreate, "")
		if err != nil {
			return err
		}
		if err := audit(tx, a, AuditCreate, "nomination", n.ID, nil, entry); err != nil {
			return err
		}
		if !in.Submits() {
			return nil
		}
		before := n
		t, _ := nominationTransitionOf(MoveSubmit)
		if err := applyMove(tx, a, &n, t, MoveInput{Version: n.Version}); err != nil {
			return err
		}
		return saveNomination(tx, a, before, &n, MoveSubmit, "")
	})
	return n, err
}

// UpdateNomination saves a draft's or a returned nomination's details if it is
// still at in.Version (otherwise a *StaleError), and submits it with in.Submits().
func (s *Store) UpdateNomination(ctx context.Context, a Actor, id int64, in NominationInput) (Nomination, error) {
	var after Nomination
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockNomination(tx, id)
		if err != nil {
			return err
		}
		if !a.may(ActNominate, before.MinistryID) {
			return ErrForbidden
		}
		if before.Version != in.Version {
			return &StaleError[Nomination]{Current: before}
		}
		if !before.Status.editable() {
			return fmt.Errorf("edit nomination %d at %s: %w", id, before.Status, ErrWrongState)
		}
		conditions, err := roundConditions(tx, before.Pair.RoundID)
		if err != nil {
			return err
		}
		before.round = conditions
		after = before
		errs := in.apply(&after, conditions)
		if in.Submits() {
			errs.addMissing(after.missingForSubmission(conditions))
		}
		if err := errs.Err(); err != nil {
			return err
		}
		if in.Submits() {
			t, _ := nominationTransitionOf(MoveSubmit)
			if err := applyMove(tx, a, &after, t, MoveInput{Version: in.Version}); err != nil {
				return err
			}
		}
		if err := tx.Where("nomination_id = ? AND removed_at IS NULL", id).Delete(&NominationCompanion{}).Error; err != nil { // a removed one stays on the record
			return err
		}
		if err := tx.Where("nomination_id = ?", id).Delete(&NominationCondition{}).Error; err != nil {
			return err
		}
		if err := writeNominationParts(tx, a, after); err != nil {
			return err
		}
		move := NominationMove("")
		if in.Submits() {
			move = MoveSubmit
		}
		return saveNomination(tx, a, before, &after, move, "")
	})
	return after, err
}

// writeNominationParts creates a nomination's companions and confirmed
// conditions; a condition confirmed now is stamped with who and when.
func writeNominationParts(tx *gorm.DB, a Actor, n Nomination) error {
	for _, c := range n.Companions {
		c.NominationID = n.ID
		if err := tx.Create(&c).Error; err != nil {
			return fmt.Errorf("companion of nomination %d: %w", n.ID, err)
		}
	}
	for _, c := range n.Conditions {
		c.NominationID = n.ID
		if c.ConfirmedAt == nil {
			at := tx.NowFunc()
			c.ConfirmedBy, c.ConfirmedAt = a.UserID, &at
		}
		if err := tx.Omit(clause.Associations).Create(&c).Error; err != nil {
			return fmt.Errorf("condition of nomination %d: %w", n.ID, err)
		}
	}
	return nil
}

// today is the date in Korea, where the programme runs.
func today(now time.Time) time.Time {
	y, m, d := now.In(Seoul).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// addMissing adds the messages of fields that have none yet.
func (f FieldErrors) addMissing(more FieldErrors) {
	for k, v := range more {
		if _, ok := f[k]; !ok {
			f[k] = v
		}
	}
}
