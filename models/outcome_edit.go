package models

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// OutcomeKinds lists the kinds in display order.
var OutcomeKinds = []OutcomeKind{OutcomeNarrative, OutcomeMetric, OutcomeAmount}

// Label is the kind's Korean name.
func (k OutcomeKind) Label() string {
	switch k {
	case OutcomeNarrative:
		return "서술"
	case OutcomeMetric:
		return "지표 (이전·이후)"
	case OutcomeAmount:
		return "절감액"
	}
	return string(k)
}

// Label is the direction's Korean name.
func (b Better) Label() string {
	switch b {
	case BetterHigher:
		return "높을수록 좋음"
	case BetterLower:
		return "낮을수록 좋음"
	}
	return string(b)
}

// OutcomeInput is an outcome as its form sends it; numbers may carry commas.
type OutcomeInput struct {
	Kind         string `form:"kind" label:"성과 유형"`
	Summary      string `form:"summary" label:"성과 내용 (공개 누리집에 표시되는 문장)"`
	Label        string `form:"label" label:"지표명 (절감액일 때는 항목)"`
	ValueBefore  string `form:"value_before" label:"이전 값"`
	PeriodBefore string `form:"period_before" label:"이전 기준 시점 (기간 또는 기준일)"` // period or as-of date of the value before, e.g. 2023년
	ValueAfter   string `form:"value_after" label:"이후 값"`
	PeriodAfter  string `form:"period_after" label:"이후 기준 시점 (기간 또는 기준일)"`
	Better       string `form:"better" label:"개선 방향"`
	Amount       string `form:"amount" label:"절감액"`
	Unit         string `form:"unit" label:"단위 (지표·절감액)"`
	EvidenceURL  string `form:"evidence_url" label:"근거 자료 주소 (http:// 또는 https://)"`
	Version      int    `form:"version"` // the version the edit is based on; ignored when creating
}

// InputOf is the form values of a saved outcome.
func (o Outcome) InputOf() OutcomeInput {
	return OutcomeInput{Kind: string(o.Kind), Summary: o.Summary, Label: o.Label, ValueBefore: numberString(o.ValueBefore),
		ValueAfter: numberString(o.ValueAfter), Amount: numberString(o.Amount), Unit: o.Unit, PeriodBefore: o.PeriodBefore,
		PeriodAfter: o.PeriodAfter, Better: string(deref(o.Better)), EvidenceURL: o.EvidenceURL, Version: o.Version}
}

// parse checks the input and writes the values that fit its kind into o;
// fields of the other kinds are cleared.
func (in OutcomeInput) parse(o *Outcome) FieldErrors {
	errs := FieldErrors{}
	o.Kind = OutcomeKind(in.Kind)
	o.Summary = strings.TrimSpace(in.Summary)
	o.Label, o.Unit, o.PeriodBefore, o.PeriodAfter = "", "", "", ""
	o.ValueBefore, o.ValueAfter, o.Amount, o.Better = nil, nil, nil, nil
	switch n := utf8.RuneCountInString(o.Summary); {
	case n == 0:
		errs["summary"] = "성과 내용을 입력해 주십시오."
	case n > 1000:
		errs["summary"] = "성과 내용은 1,000자 이하로 입력해 주십시오."
	}
	text := func(field, value, name string, required bool) string {
		v := strings.TrimSpace(value)
		switch {
		case v == "" && required:
			errs[field] = Particle(name, "을", "를") + " 입력해 주십시오."
		case utf8.RuneCountInString(v) > 100:
			errs[field] = Particle(name, "은", "는") + " 100자 이하로 입력해 주십시오."
		}
		return v
	}
	switch o.Kind {
	case OutcomeNarrative:
	case OutcomeMetric:
		o.Label = text("label", in.Label, "지표명", true)
		o.ValueBefore = parseNumber(in.ValueBefore, "value_before", "이전 값", errs)
		o.ValueAfter = parseNumber(in.ValueAfter, "value_after", "이후 값", errs)
		o.Unit = text("unit", in.Unit, "단위", true)
		o.PeriodBefore = text("period_before", in.PeriodBefore, "이전 기준 시점", false)
		o.PeriodAfter = text("period_after", in.PeriodAfter, "이후 기준 시점", false)
		if b := Better(in.Better); b == BetterHigher || b == BetterLower {
			o.Better = &b
		} else {
			errs["better"] = "어느 쪽이 개선인지 선택해 주십시오."
		}
	case OutcomeAmount:
		o.Label = text("label", in.Label, "항목", false)
		o.Amount = parseNumber(in.Amount, "amount", "절감액", errs)
		if o.Amount != nil && (*o.Amount < 0 || strings.HasPrefix(strings.TrimSpace(in.Amount), "-")) {
			errs["amount"] = "절감액은 0 이상으로 입력해 주십시오."
		}
		o.Unit = text("unit", in.Unit, "단위", true)
	default:
		errs["kind"] = "성과 유형을 선택해 주십시오."
	}
	o.EvidenceURL = strings.TrimSpace(in.EvidenceURL)
	if o.EvidenceURL != "" && !webURL(o.EvidenceURL) {
		errs["evidence_url"] = "근거 자료 주소는 http:// 또는 https://로 시작하는 인터넷 주소로 입력해 주십시오."
	}
	return errs
}

// webURL reports whether s is an absolute http or https address with a host.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(s) <= 2000
}

// MaxOutcomeValue bounds every number of an outcome: ±1조 covers any count or
// amount the programme reports, and keeps absurd values off the public page.
const MaxOutcomeValue = 1e12

// numberPattern is a number as people write it: digits, an optional sign and
// up to four decimals (thousands separators are removed first); no exponents.
var numberPattern = regexp.MustCompile(`^-?[0-9]{1,13}(\.[0-9]{1,4})?$`)

// parseNumber reads a required number, allowing thousands separators.
func parseNumber(s, field, name string, errs FieldErrors) *float64 {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" {
		errs[field] = Particle(name, "을", "를") + " 입력해 주십시오."
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case !numberPattern.MatchString(s) || err != nil:
		errs[field] = Particle(name, "은", "는") + " 숫자로 입력해 주십시오. (예: 274000 또는 12.5)"
		return nil
	case math.Abs(v) > MaxOutcomeValue:
		errs[field] = Particle(name, "은", "는") + " -1조에서 1조 사이의 값으로 입력해 주십시오."
		return nil
	}
	if v == 0 {
		v = 0 // -0 is 0
	}
	return &v
}

func numberString(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// OutcomeByID loads an outcome.
func (s *Store) OutcomeByID(ctx context.Context, id int64) (Outcome, error) {
	var o Outcome
	if err := s.db.WithContext(ctx).Take(&o, id).Error; err != nil {
		return Outcome{}, fmt.Errorf("outcome %d: %w", id, notFound(err))
	}
	return o, nil
}

// CreateOutcome adds an outcome at the end of a task's list.
func (s *Store) CreateOutcome(ctx context.Context, a Actor, taskID int64, in OutcomeInput) (Outcome, error) {
	o := Outcome{TaskID: taskID, Version: 1}
	errs := in.parse(&o)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		task, err := lockTask(tx, a, taskID)
		if err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		if err := tx.Model(&Outcome{}).Where("task_id = ?", taskID).
			Select("COALESCE(MAX(position), 0) + 1").Scan(&o.Position).Error; err != nil {
			return err
		}
		if err := tx.Omit(clause.Associations).Create(&o).Error; err != nil {
			return fmt.Errorf("create outcome of task %d: %w", taskID, err)
		}
		if err := audit(tx, a, AuditCreate, "outcome", o.ID, nil, o); err != nil {
			return err
		}
		return withdrawChanged(tx, a, task)
	})
	if err != nil {
		return Outcome{}, err
	}
	return o, nil
}

// UpdateOutcome saves an outcome if it is still at in.Version; otherwise it
// writes nothing and returns a *StaleError with the outcome as now saved.
func (s *Store) UpdateOutcome(ctx context.Context, a Actor, id int64, in OutcomeInput) (Outcome, error) {
	var after Outcome
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, task, err := lockOutcome(tx, a, id)
		if err != nil {
			return err
		}
		if before.Version != in.Version {
			return &StaleError[Outcome]{Current: before}
		}
		after = before
		if err := in.parse(&after).Err(); err != nil {
			return err
		}
		after.Version = before.Version + 1
		after.UpdatedAt = tx.NowFunc()
		res := tx.Model(&Outcome{}).Where("id = ? AND version = ?", id, in.Version).Updates(map[string]any{
			"kind": after.Kind, "summary": after.Summary, "label": after.Label, "value_before": after.ValueBefore,
			"value_after": after.ValueAfter, "amount": after.Amount, "unit": after.Unit, "period_before": after.PeriodBefore,
			"period_after": after.PeriodAfter, "better": after.Better, "evidence_url": after.EvidenceURL,
			"version": gorm.Expr("version + 1"), "updated_at": after.UpdatedAt,
		})
		if res.Error != nil {
			return fmt.Errorf("update outcome %d: %w", id, res.Error)
		}
		if res.RowsAffected != 1 {
			return &StaleError[Outcome]{Current: before}
		}
		if err := audit(tx, a, AuditUpdate, "outcome", id, before, after); err != nil {
			return err
		}
		return withdrawChanged(tx, a, task)
	})
	return after, err
}

// DeleteOutcome deletes an outcome if it is still at version.
func (s *Store) DeleteOutcome(ctx context.Context, a Actor, id int64, version int) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, task, err := lockOutcome(tx, a, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return &StaleError[Outcome]{Current: before}
		}
		if err := tx.Delete(&Outcome{}, id).Error; err != nil {
			return fmt.Errorf("delete outcome %d: %w", id, err)
		}
		if err := audit(tx, a, AuditDelete, "outcome", id, before, nil); err != nil {
			return err
		}
		return withdrawChanged(tx, a, task)
	})
}

// lockOutcome locks an outcome's task, then the outcome, and checks the actor
// may edit them. The task comes first in every writer, so they cannot deadlock.
func lockOutcome(tx *gorm.DB, a Actor, id int64) (Outcome, CollaborationTask, error) {
	var taskID int64
	if err := tx.Model(&Outcome{}).Where("id = ?", id).Select("task_id").Take(&taskID).Error; err != nil {
		return Outcome{}, CollaborationTask{}, fmt.Errorf("outcome %d: %w", id, notFound(err))
	}
	task, err := lockTask(tx, a, taskID)
	if err != nil {
		return Outcome{}, CollaborationTask{}, err
	}
	var o Outcome
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&o, id).Error; err != nil {
		return Outcome{}, CollaborationTask{}, fmt.Errorf("outcome %d: %w", id, notFound(err))
	}
	return o, task, nil
}
