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

// GovernmentScale is the list of result grades of one year's 정부업무평가, as
// the administrator keeps it (the app ships none: migration 0075).
type GovernmentScale struct {
	ID        int64     `json:"-"`
	Year      int       `json:"year"`
	Grades    string    `json:"grades"` // one a line, best first
	Version   int       `json:"-"`
	CreatedAt time.Time `json:"-"`
	UpdatedAt time.Time `json:"-"`
}

// TableName is the scales' table.
func (GovernmentScale) TableName() string { return "government_evaluation_scales" }

// GradeList is the year's grades, best first.
func (g GovernmentScale) GradeList() []string {
	var out []string
	for l := range strings.SplitSeq(g.Grades, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Has reports whether result is one of the year's grades.
func (g GovernmentScale) Has(result string) bool { return slices.Contains(g.GradeList(), result) }

// GovernmentScaleInput is the form of one year's result scale.
type GovernmentScaleInput struct {
	Year    string `form:"year" label:"평가 연도"`
	Grades  string `form:"grades" label:"평가 결과 등급 (한 줄에 하나, 높은 등급부터)"`
	Version int    `form:"version"` // 0 for a year without a scale
}

// InputOf is the form values of a saved scale.
func (g GovernmentScale) InputOf() GovernmentScaleInput {
	return GovernmentScaleInput{Year: strconv.Itoa(g.Year), Grades: g.Grades, Version: g.Version}
}

// parseYear reads a 정부업무평가 year (2000–2100) into errs["year"] when it is not one.
func parseYear(s string, errs FieldErrors) int {
	y, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || y < 2000 || y > 2100 {
		errs["year"] = "평가 연도를 2024처럼 네 자리로 입력해 주십시오."
		return 0
	}
	return y
}

func (in GovernmentScaleInput) parse() (year int, grades []string, errs FieldErrors) {
	errs = FieldErrors{}
	year = parseYear(in.Year, errs)
	for l := range strings.SplitSeq(in.Grades, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
			continue
		case utf8.RuneCountInString(l) > 30 || !UsableText(l, false):
			errs["grades"] = "등급은 한 줄에 30자 이하로 입력해 주십시오."
		case slices.Contains(grades, l):
			errs["grades"] = Particle("‘"+l+"’", "이", "가") + " 두 번 있습니다."
		}
		grades = append(grades, l)
	}
	if _, bad := errs["grades"]; !bad && (len(grades) == 0 || len(grades) > 10) {
		errs["grades"] = "등급을 1개에서 10개까지, 한 줄에 하나씩 입력해 주십시오."
	}
	return year, grades, errs
}

// GovernmentScales are the years' result scales, newest year first (at most
// one a year from 2000 to 2100).
func (s *Store) GovernmentScales(ctx context.Context) ([]GovernmentScale, error) {
	var list []GovernmentScale
	if err := s.db.WithContext(ctx).Order("year DESC").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("government evaluation scales: %w", err)
	}
	return list, nil
}

// GovernmentScaleOf is one year's result scale, or nil when the administrator has set none.
func (s *Store) GovernmentScaleOf(ctx context.Context, year int) (*GovernmentScale, error) {
	return scaleOf(s.db.WithContext(ctx), year, false)
}

func scaleOf(tx *gorm.DB, year int, lock bool) (*GovernmentScale, error) {
	if lock {
		tx = tx.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var list []GovernmentScale
	if err := tx.Where("year = ?", year).Limit(1).Find(&list).Error; err != nil {
		return nil, fmt.Errorf("government evaluation scale of %d: %w", year, err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	return &list[0], nil
}

// SaveGovernmentScale sets (or changes) a year's result scale, as an
// administrator, on the version the person saw. A grade some task's entry of
// that year holds cannot be taken off the scale: the entry would lose its meaning.
func (s *Store) SaveGovernmentScale(ctx context.Context, a Actor, in GovernmentScaleInput) (GovernmentScale, error) {
	if !a.may(ActManageEvaluations) {
		return GovernmentScale{}, ErrForbidden
	}
	year, grades, errs := in.parse()
	if err := errs.Err(); err != nil {
		return GovernmentScale{}, err
	}
	var after GovernmentScale
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		found, err := scaleOf(tx, year, true)
		if err != nil {
			return err
		}
		before := GovernmentScale{Year: year}
		if found != nil {
			before = *found
		}
		if before.Version != in.Version {
			return &StaleError[GovernmentScale]{Current: before}
		}
		var dropped []string
		for _, g := range before.GradeList() {
			if !slices.Contains(grades, g) {
				dropped = append(dropped, g)
			}
		}
		if len(dropped) > 0 {
			var used []string
			if err := tx.Model(&GovernmentEvaluation{}).Distinct("result").Where("year = ? AND result IN ?", year, dropped).
				Order("result").Pluck("result", &used).Error; err != nil {
				return fmt.Errorf("grades in use in %d: %w", year, err)
			}
			if len(used) > 0 {
				return FieldErrors{"grades": strconv.Itoa(year) + "년 협업과제의 결과로 입력된 등급은 뺄 수 없습니다: " +
					strings.Join(used, ", ") + ". 그 과제의 결과를 먼저 바꿔 주십시오."}.Err()
			}
		}
		after = before
		after.Grades, after.Version, after.UpdatedAt = strings.Join(grades, "\n"), before.Version+1, tx.NowFunc()
		target := strconv.Itoa(year) + "년 정부업무평가 결과 등급"
		if before.ID == 0 {
			if err := tx.Create(&after).Error; err != nil {
				return fmt.Errorf("government evaluation scale of %d: %w", year, err)
			}
			return audit(tx, a, AuditCreate, "government_scale", after.ID, nil, scaleAudit{after, target})
		}
		if err := tx.Model(&GovernmentScale{}).Where("id = ?", after.ID).Updates(map[string]any{
			"grades": after.Grades, "version": after.Version, "updated_at": after.UpdatedAt,
		}).Error; err != nil {
			return fmt.Errorf("update government evaluation scale of %d: %w", year, err)
		}
		return audit(tx, a, AuditUpdate, "government_scale", after.ID, scaleAudit{before, target}, scaleAudit{after, target})
	})
	return after, err
}

// scaleAudit is a scale as the audit log keeps it, named by its year.
type scaleAudit struct {
	GovernmentScale
	Target string `json:"target"`
}
