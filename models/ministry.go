package models

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// MinistryKind says what sort of central agency a ministry is.
type MinistryKind string

// Ministry kinds (부, 처·청, 실, 위원회).
const (
	KindMinistry   MinistryKind = "ministry"
	KindAgency     MinistryKind = "agency"
	KindOffice     MinistryKind = "office"
	KindCommission MinistryKind = "commission"
)

// Label is the kind's Korean name.
func (k MinistryKind) Label() string {
	switch k {
	case KindMinistry:
		return "부"
	case KindAgency:
		return "처·청"
	case KindOffice:
		return "실"
	case KindCommission:
		return "위원회"
	}
	return string(k)
}

// Ministry is a central government agency (부처·기관).
type Ministry struct {
	ID        int64  `json:"id"`
	Code      string `json:"code"`       // the usual English acronym, e.g. "moel"
	ShortName string `json:"short_name"` // e.g. 고용부
	Name      string `json:"name"`       // official name, e.g. 고용노동부
	// NameEn is the official English name, e.g. Ministry of Employment and
	// Labor; empty where no source gives it (the English pages say so).
	NameEn    string       `json:"name_en"`
	Kind      MinistryKind `json:"kind"`
	Active    bool         `json:"active"`
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`
}

// Ministries lists every ministry by short name.
func (s *Store) Ministries(ctx context.Context) ([]Ministry, error) {
	var list []Ministry
	if err := s.db.WithContext(ctx).Order("short_name").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list ministries: %w", err)
	}
	return list, nil
}

// MinistryKinds lists the kinds in display order.
var MinistryKinds = []MinistryKind{KindMinistry, KindAgency, KindOffice, KindCommission}

// MinistryByID loads a ministry.
func (s *Store) MinistryByID(ctx context.Context, id int64) (Ministry, error) {
	var m Ministry
	if err := s.db.WithContext(ctx).Take(&m, id).Error; err != nil {
		return Ministry{}, fmt.Errorf("ministry %d: %w", id, notFound(err))
	}
	return m, nil
}

// MinistryInput is the ministry form as the administrator typed it.
type MinistryInput struct {
	Name      string `form:"name" label:"공식 명칭 (예: 고용노동부)"`
	ShortName string `form:"short_name" label:"약칭 (예: 고용부)"`
	Code      string `form:"code" label:"영문 약칭 (예: moel)"`
	NameEn    string `form:"name_en" label:"영문 공식 명칭 (모르면 비워 둡니다)"`
	Kind      string `form:"kind" label:"유형"`
}

// InputOf is the form values of a ministry.
func (m Ministry) InputOf() MinistryInput {
	return MinistryInput{Code: m.Code, ShortName: m.ShortName, Name: m.Name, NameEn: m.NameEn, Kind: string(m.Kind)}
}

var ministryCodePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{1,19}$`)

// englishName is an English name: Latin letters, digits, spaces and ,.'&()- only.
var englishName = regexp.MustCompile(`^[A-Za-z0-9 ,.'&()\-]*$`)

// apply validates the input and copies it onto m.
func (in MinistryInput) apply(m *Ministry) FieldErrors {
	errs := FieldErrors{}
	m.Code = strings.ToLower(strings.TrimSpace(in.Code))
	m.ShortName, m.Name, m.Kind = strings.TrimSpace(in.ShortName), strings.TrimSpace(in.Name), MinistryKind(in.Kind)
	m.NameEn = strings.Join(strings.Fields(in.NameEn), " ")
	if len([]rune(m.NameEn)) > 100 || !englishName.MatchString(m.NameEn) {
		errs["name_en"] = "영문 공식 명칭은 로마자로 100자 이하로 입력해 주십시오 (모르면 비워 둡니다)."
	}
	if !ministryCodePattern.MatchString(m.Code) {
		errs["code"] = "영문 약칭은 영문 소문자로 시작하는 2~20자(영문 소문자, 숫자, _)로 입력해 주십시오."
	}
	if m.ShortName == "" || len([]rune(m.ShortName)) > 20 {
		errs["short_name"] = "약칭을 20자 이하로 입력해 주십시오."
	}
	if m.Name == "" || len([]rune(m.Name)) > 50 {
		errs["name"] = "공식 명칭을 50자 이하로 입력해 주십시오."
	}
	if !slices.Contains(MinistryKinds, m.Kind) {
		errs["kind"] = "기관 유형을 선택해 주십시오."
	}
	return errs
}

// checkUniqueMinistry adds an error for each unique value another ministry already has.
// A ministry's short name and official name must not be another's either way
// round, because spreadsheets name ministries by one or the other.
func checkUniqueMinistry(tx *gorm.DB, m Ministry, errs FieldErrors) {
	if taken(tx, &Ministry{}, m.ID, "code = ?", m.Code) {
		errs["code"] = "이미 쓰이고 있는 영문 약칭입니다."
	}
	if taken(tx, &Ministry{}, m.ID, "short_name = ? OR name = ?", m.ShortName, m.ShortName) {
		errs["short_name"] = "이미 다른 부처의 약칭이나 명칭으로 쓰이고 있습니다."
	}
	if taken(tx, &Ministry{}, m.ID, "name = ? OR short_name = ?", m.Name, m.Name) {
		errs["name"] = "이미 다른 부처의 명칭이나 약칭으로 쓰이고 있습니다."
	}
}

// duplicateMinistry is the error when the database refuses a duplicate that
// the checks above did not see (a concurrent change); a new map each time.
func duplicateMinistry() error {
	return FieldErrors{"": "같은 영문 약칭·약칭·명칭을 가진 부처가 이미 있습니다."}.Err()
}

// CreateMinistry adds an active ministry.
func (s *Store) CreateMinistry(ctx context.Context, c Actor, in MinistryInput) (Ministry, error) {
	if !c.may(ActManageMinistries) {
		return Ministry{}, ErrNotAllowed
	}
	m := Ministry{Active: true}
	errs := in.apply(&m)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		checkUniqueMinistry(tx, m, errs)
		if err := errs.Err(); err != nil {
			return err
		}
		if err := tx.Create(&m).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return duplicateMinistry()
			}
			return fmt.Errorf("create ministry %s: %w", m.Code, err)
		}
		return audit(tx, c, AuditCreate, "ministry", m.ID, nil, m)
	})
	return m, err
}

// UpdateMinistry changes a ministry's code, names and kind.
func (s *Store) UpdateMinistry(ctx context.Context, c Actor, id int64, in MinistryInput) (Ministry, error) {
	if !c.may(ActManageMinistries) {
		return Ministry{}, ErrNotAllowed
	}
	var after Ministry
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var before Ministry
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&before, id).Error; err != nil {
			return fmt.Errorf("ministry %d: %w", id, notFound(err))
		}
		after = before
		errs := in.apply(&after)
		checkUniqueMinistry(tx, after, errs)
		if err := errs.Err(); err != nil {
			return err
		}
		err := tx.Model(&after).Select("code", "short_name", "name", "name_en", "kind", "updated_at").Updates(&after).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return duplicateMinistry()
		}
		if err != nil {
			return fmt.Errorf("update ministry %d: %w", id, err)
		}
		return audit(tx, c, AuditUpdate, "ministry", id, before, after)
	})
	return after, err
}

// SetMinistryActive deactivates or reactivates a ministry. An inactive ministry
// keeps its records but cannot be chosen for new proposals, imports or accounts.
func (s *Store) SetMinistryActive(ctx context.Context, c Actor, id int64, active bool) error {
	if !c.may(ActManageMinistries) {
		return ErrNotAllowed
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var before Ministry
		if err := tx.Take(&before, id).Error; err != nil {
			return fmt.Errorf("ministry %d: %w", id, notFound(err))
		}
		after := before
		after.Active = active
		if err := tx.Model(&after).Select("active", "updated_at").Updates(&after).Error; err != nil {
			return fmt.Errorf("set ministry %d active=%v: %w", id, active, err)
		}
		return audit(tx, c, AuditUpdate, "ministry", id, before, after)
	})
}
