package models

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gyoryu/gyoryu/models/sheet"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ImportRow is one row of an uploaded list as it would be saved, with its problems.
type ImportRow struct {
	sheet.Row
	Number               int
	Grade                Grade // after 구분 "as above" is resolved; empty when unknown
	MinistryA, MinistryB *Ministry
	TitleA, TitleB       string
	Errors               []string
	Skipped              string // why the row is not a pair (sheet.SkipBlank, SkipNote, SkipTotal); "" for a pair
}

// ImportPlan is an uploaded list checked against the ministries and the round.
type ImportPlan struct {
	Rows []ImportRow
}

// Valid reports whether every pair of the list can be saved, and there is one.
func (p ImportPlan) Valid() bool { return p.ErrorRows() == 0 && p.Pairs() > 0 }

// Pairs counts the rows read as pairs, that is all but the skipped ones.
func (p ImportPlan) Pairs() int {
	n := 0
	for _, r := range p.Rows {
		if r.Skipped == "" {
			n++
		}
	}
	return n
}

// ErrorRows counts the rows with at least one problem.
func (p ImportPlan) ErrorRows() int {
	n := 0
	for _, r := range p.Rows {
		if len(r.Errors) > 0 {
			n++
		}
	}
	return n
}

// ErrImportInvalid is returned when an import was refused because a row has a problem.
var ErrImportInvalid = errors.New("the list has rows with problems; nothing was saved")

// ministryIndex finds ministries by short or official name, spaces ignored.
type ministryIndex map[string]Ministry

func newMinistryIndex(ministries []Ministry) ministryIndex {
	idx := ministryIndex{}
	for _, m := range ministries {
		idx[sheet.StripSpaces(m.ShortName)] = m
		idx[sheet.StripSpaces(m.Name)] = m
	}
	return idx
}

func (idx ministryIndex) find(name string) (Ministry, bool) {
	m, ok := idx[sheet.StripSpaces(name)]
	return m, ok
}

// PlanImport checks rows against the ministries and the 연번 already used in
// the round. It never fails: every problem becomes a row's error message. Rows
// that are not pairs (blank, a note, a total; see sheet.SkipReasons) are kept
// in the plan as skipped, decided again from their cells on every check.
func PlanImport(rows []sheet.Row, ministries []Ministry, takenNumbers map[int]bool) ImportPlan {
	idx := newMinistryIndex(ministries)
	plan := ImportPlan{Rows: make([]ImportRow, len(rows))}
	skipped := sheet.SkipReasons(rows)
	firstLine := map[int]int{} // 연번 → the first line that uses it
	var grade Grade
	gradeKnown, gradeText := false, ""
	for i, sr := range rows {
		r := ImportRow{Row: sr, Skipped: skipped[i]}
		if r.Skipped != "" {
			plan.Rows[i] = r
			continue
		}
		add := func(format string, args ...any) { r.Errors = append(r.Errors, fmt.Sprintf(format, args...)) }
		for j, cell := range []string{sr.Number, sr.Grade, sr.Theme, sr.PositionA, sr.PositionB} {
			if !UsableText(cell, false) {
				add("%s 칸에 쓸 수 없는 문자(제어 문자나 깨진 글자)가 있습니다.", sheet.Header[j])
				sr.Number, sr.Grade, sr.Theme, sr.PositionA, sr.PositionB = "", "", "", "", ""
				r.Row = sr
				break
			}
			if utf8.RuneCountInString(cell) > sheet.MaxCellChars {
				add("%s 칸이 %d자를 넘습니다.", sheet.Header[j], sheet.MaxCellChars)
			}
		}
		// 연번
		if sr.Number == "" {
			add("연번이 없습니다.")
		} else if n, err := strconv.Atoi(sr.Number); err != nil || n < 1 || n > 9999 {
			add("%s 1 이상의 정수여야 합니다.", Particle("연번 "+quoted(sr.Number), "은", "는"))
		} else {
			r.Number = n
			if line, dup := firstLine[n]; dup {
				add("%s %d행과 겹칩니다.", Particle(fmt.Sprintf("연번 %d", n), "이", "가"), line)
			} else {
				firstLine[n] = sr.Line
			}
			if takenNumbers[n] {
				add("이 차수에 연번 %d인 교류직위가 이미 있습니다.", n)
			}
		}
		// 구분: an empty cell continues the one above (a merged cell).
		if sr.Grade != "" {
			gradeText = sr.Grade
			grade, gradeKnown = ParseGrade(sr.Grade)
		}
		switch {
		case gradeText == "":
			add("구분이 없습니다. 과장급 또는 국장급으로 적어 주십시오.")
		case !gradeKnown:
			add("%s 과장급 또는 국장급이어야 합니다.", Particle("구분 "+quoted(gradeText), "은", "는"))
		default:
			r.Grade = grade
		}
		// 협업 분야 (the attachment's 협업과제 column)
		switch {
		case sr.Theme == "":
			add("협업 분야가 없습니다.")
		case len([]rune(sr.Theme)) > 200:
			add("협업 분야는 200자 이하여야 합니다.")
		}
		// 교류직위 (부처) × 2
		r.MinistryA, r.TitleA = planPosition(idx, "첫째", sr.PositionA, add)
		r.MinistryB, r.TitleB = planPosition(idx, "둘째", sr.PositionB, add)
		if r.MinistryA != nil && r.MinistryB != nil && r.MinistryA.ID == r.MinistryB.ID {
			add("두 교류직위의 부처가 %s 같습니다.", Particle(r.MinistryA.ShortName, "으로", "로"))
		}
		plan.Rows[i] = r
	}
	return plan
}

// planPosition reads a cell like "고용부 (기업일자리지원과장)"; the press release's
// body writes it the other way round, "기업일자리지원과장(고용부)", which is read too.
func planPosition(idx ministryIndex, which, cell string, add func(string, ...any)) (*Ministry, string) {
	if cell == "" {
		add("%s 교류직위가 없습니다.", which)
		return nil, ""
	}
	name, title := splitPosition(cell)
	m, ok := idx.find(name)
	if !ok {
		if swapped, found := idx.find(title); found && title != "" {
			m, ok, title = swapped, true, name
		}
	}
	if !ok {
		add("%s 교류직위의 부처 %s 찾을 수 없습니다. 부처 약칭이나 공식 명칭으로 적어 주십시오.", which, Particle(quoted(name), "을", "를"))
		return nil, title
	}
	if !m.Active {
		add("%s 교류직위의 부처 %s 사용 중지된 부처입니다.", which, Particle(m.ShortName, "은", "는"))
	}
	switch {
	case title == "":
		add("%s 교류직위의 직위명이 없습니다. \"부처 (직위명)\" 형식으로 적어 주십시오.", which)
	case len([]rune(title)) > 100:
		add("%s 교류직위의 직위명은 100자 이하여야 합니다.", which)
	}
	return &m, title
}

// splitPosition splits "부처 (직위명)" at the first opening and last closing parenthesis.
func splitPosition(cell string) (name, title string) {
	cell = strings.NewReplacer("（", "(", "）", ")").Replace(cell)
	open := strings.IndexByte(cell, '(')
	if open < 0 {
		return strings.TrimSpace(cell), ""
	}
	rest := cell[open+1:]
	if end := strings.LastIndexByte(rest, ')'); end >= 0 {
		rest = rest[:end]
	}
	return strings.TrimSpace(cell[:open]), strings.TrimSpace(rest)
}

// PreviewImport checks an uploaded list against the round without saving anything.
func (s *Store) PreviewImport(ctx context.Context, roundID int64, rows []sheet.Row) (ImportPlan, error) {
	var plan ImportPlan
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		plan, err = planImport(tx, roundID, rows)
		return err
	})
	return plan, err
}

func planImport(tx *gorm.DB, roundID int64, rows []sheet.Row) (ImportPlan, error) {
	var ministries []Ministry
	if err := tx.Find(&ministries).Error; err != nil {
		return ImportPlan{}, fmt.Errorf("list ministries: %w", err)
	}
	var numbers []int
	if err := tx.Model(&ExchangePair{}).Where("round_id = ? AND number IS NOT NULL", roundID).Pluck("number", &numbers).Error; err != nil {
		return ImportPlan{}, fmt.Errorf("numbers of round %d: %w", roundID, err)
	}
	taken := map[int]bool{}
	for _, n := range numbers {
		taken[n] = true
	}
	return PlanImport(rows, ministries, taken), nil
}

// ImportPairs saves an uploaded list into a round as selected pairs, all in one
// transaction, or nothing at all when any row has a problem (ErrImportInvalid,
// with the plan showing why).
func (s *Store) ImportPairs(ctx context.Context, c Actor, roundID int64, rows []sheet.Row) (ImportPlan, error) {
	if !c.may(ActManageRounds) {
		return ImportPlan{}, ErrNotAllowed
	}
	var plan ImportPlan
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var round Round
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&round, roundID).Error; err != nil {
			return fmt.Errorf("round %d: %w", roundID, notFound(err))
		}
		var err error
		if plan, err = planImport(tx, roundID, rows); err != nil {
			return err
		}
		if !plan.Valid() {
			return ErrImportInvalid
		}
		for _, r := range plan.Rows {
			if r.Skipped != "" {
				continue
			}
			number, grade, theme := r.Number, r.Grade, r.Theme
			p := ExchangePair{RoundID: roundID, Number: &number, Grade: &grade, Theme: &theme, Status: PairSelected,
				MinistryAID: r.MinistryA.ID, MinistryBID: r.MinistryB.ID}
			if err := createPair(tx, &p, r.TitleA, r.TitleB); err != nil {
				return fmt.Errorf("import row %d: %w", r.Line, err)
			}
			if err := recordStatus(tx, c.user, p.ID, nil, PairSelected, "목록 파일로 등록"); err != nil {
				return err
			}
			if err := audit(tx, c, AuditCreate, "pair", p.ID, nil, p); err != nil {
				return err
			}
		}
		return audit(tx, c, AuditImport, "round", roundID, nil, map[string]int{"pairs": plan.Pairs()})
	})
	return plan, err
}

// AuditImport is the audit action of a list imported into a round.
const AuditImport = "import"

// RoundSheet is a round's selected pairs as rows of the attachment's layout, by 연번.
func (s *Store) RoundSheet(ctx context.Context, roundID int64) ([]sheet.Row, error) {
	pairs, err := s.PairsOfRound(ctx, roundID)
	if err != nil {
		return nil, err
	}
	var rows []sheet.Row
	for _, p := range pairs {
		if p.Status != PairSelected {
			continue
		}
		r := sheet.Row{Line: len(rows) + 1, Grade: GradeLabel(p.Grade), Theme: deref(p.Theme),
			PositionA: positionCell(p.MinistryA, p.PositionA), PositionB: positionCell(p.MinistryB, p.PositionB)}
		if p.Number != nil {
			r.Number = strconv.Itoa(*p.Number)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// positionCell writes a position as the attachment does: "고용부 (기업일자리지원과장)".
func positionCell(m Ministry, p Position) string {
	if p.Title == nil {
		return m.ShortName
	}
	return m.ShortName + " (" + *p.Title + ")"
}

// quoted is a cell as an import message quotes it: at most 30 characters.
func quoted(s string) string {
	if utf8.RuneCountInString(s) > 30 {
		s = string([]rune(s)[:30]) + "…"
	}
	return `"` + s + `"`
}
