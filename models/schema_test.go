package models_test

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// The two migrated schemas (models/migrations/{sqlite,postgres}) hold the same
// tables, columns (type, nullability, default), unique constraints, indexes
// and foreign keys, but for the differences listed here, each with its
// reason; and every CHECK means the same on both: each value of
// checkBehaviour is accepted by both databases or refused by both.
func TestTheTwoSchemasAreTheSame(t *testing.T) {
	sqlite := modelstest.Seeded(t, models.DialectSQLite)
	postgres := modelstest.Seeded(t, models.DialectPostgres)
	a, b := describe(t, sqlite), describe(t, postgres)
	for _, line := range diffSchemas(a, b) {
		if reason, ok := intendedDifferences[line]; ok {
			t.Logf("intended: %s (%s)", line, reason)
			continue
		}
		t.Errorf("the schemas differ: %s", line)
	}
	for line := range intendedDifferences {
		if !slices.Contains(diffSchemas(a, b), line) {
			t.Errorf("listed as an intended difference, but the schemas agree: %s", line)
		}
	}
	for _, d := range []schemaDescription{a, b} {
		columns := 0
		for _, cols := range d.tables {
			columns += len(cols)
		}
		if len(d.tables) < 30 || columns < 250 || len(d.indexes) < 30 || len(d.fks) < 40 {
			t.Errorf("described %d tables, %d columns, %d indexes, %d foreign keys: the description misses the schema",
				len(d.tables), columns, len(d.indexes), len(d.fks))
		}
		t.Logf("compared %d tables, %d columns, %d indexes and unique constraints, %d foreign keys", len(d.tables), columns, len(d.indexes), len(d.fks))
	}

	records := checkRecords(t, sqlite, postgres)
	for _, c := range checkBehaviour {
		t.Run(c.name, func(t *testing.T) {
			for _, s := range []*models.Store{sqlite, postgres} {
				err := tryUpdate(s, records[s], c)
				if got := err == nil; got != c.accept {
					t.Errorf("%s: %s %s = %v: accepted %v, want %v (%v)", s.Dialect(), c.table, c.set, c.values, got, c.accept, err)
				}
			}
		})
	}
}

// intendedDifferences are where the schemas may differ, as diffSchemas says
// it (sqlite first, postgres second), with why. There is none today. What the
// comparison reads past on purpose, because the two spell the same thing
// their own way:
//   - type names, compared as families (typeFamily): TIMESTAMPTZ and DATETIME
//     are both timestamps, BIGINT and INTEGER integers, DOUBLE PRECISION and
//     REAL reals; SQLite keeps dates as text and compares them as text;
//   - an id's default (BIGSERIAL's nextval, SQLite's INTEGER PRIMARY KEY), and
//     casts and spellings of defaults (normalDefault: now() is CURRENT_TIMESTAMP);
//   - index and constraint names, which SQLite makes up for unique constraints;
//   - how a CHECK is written (PostgreSQL's ~ regular expressions, SQLite's
//     GLOB; on SQLite, triggers where PostgreSQL added a constraint to an
//     existing table: 0010): checkBehaviour holds them to the same meaning.
var intendedDifferences = map[string]string{}

// schemaDescription is what a migrated schema holds, in words both dialects share.
type schemaDescription struct {
	tables  map[string]map[string]column // table → column → its description
	indexes map[string]bool              // "table(col, col) unique|index [partial]"
	fks     map[string]bool              // "table(col) → table(col) on delete …"
}

type column struct {
	typ      string // a type family: integer, real, text, boolean, date, timestamp, blob
	nullable bool
	def      string // the default, normalized; "" for none
}

func (c column) String() string {
	null := "not null"
	if c.nullable {
		null = "null"
	}
	return fmt.Sprintf("%s %s default %q", c.typ, null, c.def)
}

// diffSchemas lists every difference, one line each, sorted.
func diffSchemas(a, b schemaDescription) []string {
	var out []string
	for _, name := range keys(a.tables, b.tables) {
		ta, okA := a.tables[name]
		tb, okB := b.tables[name]
		switch {
		case !okA:
			out = append(out, "table "+name+": only on postgres")
			continue
		case !okB:
			out = append(out, "table "+name+": only on sqlite")
			continue
		}
		for _, col := range keys(ta, tb) {
			ca, okA := ta[col]
			cb, okB := tb[col]
			switch {
			case !okA:
				out = append(out, "column "+name+"."+col+": only on postgres")
			case !okB:
				out = append(out, "column "+name+"."+col+": only on sqlite")
			case ca != cb:
				out = append(out, "column "+name+"."+col+": "+ca.String()+" | "+cb.String())
			}
		}
	}
	for _, set := range []struct {
		kind string
		a, b map[string]bool
	}{{"index", a.indexes, b.indexes}, {"foreign key", a.fks, b.fks}} {
		for _, k := range keys(set.a, set.b) {
			switch {
			case !set.a[k]:
				out = append(out, set.kind+" "+k+": only on postgres")
			case !set.b[k]:
				out = append(out, set.kind+" "+k+": only on sqlite")
			}
		}
	}
	sort.Strings(out)
	return out
}

func keys[V any](maps ...map[string]V) []string {
	var out []string
	for _, m := range maps {
		for k := range m {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// describe reads a migrated store's schema from its catalogue.
func describe(t *testing.T, s *models.Store) schemaDescription {
	t.Helper()
	d := schemaDescription{tables: map[string]map[string]column{}, indexes: map[string]bool{}, fks: map[string]bool{}}
	db := s.DB()
	var tables []string
	if s.Dialect() == models.DialectSQLite {
		must(t, db.Raw(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'goose_db_version' ORDER BY name`).Scan(&tables).Error)
		for _, table := range tables {
			d.tables[table] = map[string]column{}
			var cols []struct {
				Name, Type string
				NotNull    int
				DfltValue  *string
				Pk         int
			}
			must(t, db.Raw(`SELECT name, type, "notnull" AS not_null, dflt_value, pk FROM pragma_table_info(?)`, table).Scan(&cols).Error)
			for _, c := range cols {
				def := ""
				if c.DfltValue != nil && c.Pk == 0 {
					def = normalDefault(*c.DfltValue)
				}
				d.tables[table][c.Name] = column{typ: typeFamily(c.Type), nullable: c.NotNull == 0 && c.Pk == 0, def: def}
			}
			var idx []struct {
				Name    string
				Unique  int
				Origin  string
				Partial int
			}
			must(t, db.Raw(`SELECT name, "unique", origin, partial FROM pragma_index_list(?)`, table).Scan(&idx).Error)
			for _, i := range idx {
				if i.Origin == "pk" {
					continue
				}
				var cols []string
				// An expression (cid -2) has no name: both databases call it "(expression)".
				must(t, db.Raw(`SELECT COALESCE(name, '(expression)') FROM pragma_index_info(?) ORDER BY seqno`, i.Name).Scan(&cols).Error)
				d.indexes[indexKey(table, cols, i.Unique == 1, i.Partial == 1)] = true
			}
			var fks []struct {
				ID                 int
				Table, From, To    string
				OnDelete, OnUpdate string
			}
			must(t, db.Raw(`SELECT id, "table", "from", "to", on_delete, on_update FROM pragma_foreign_key_list(?) ORDER BY id, seq`, table).Scan(&fks).Error)
			byID := map[int][3][]string{}
			for _, fk := range fks {
				f := byID[fk.ID]
				f[0], f[1], f[2] = append(f[0], fk.From), append(f[1], fk.Table+"."+fk.To), []string{fk.OnDelete}
				byID[fk.ID] = f
			}
			for _, f := range byID {
				d.fks[fkKey(table, f[0], f[1], f[2][0])] = true
			}
		}
		return d
	}
	must(t, db.Raw(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
		AND table_type = 'BASE TABLE' AND table_name <> 'goose_db_version' ORDER BY table_name`).Scan(&tables).Error)
	for _, table := range tables {
		d.tables[table] = map[string]column{}
		var cols []struct {
			ColumnName, DataType, IsNullable string
			ColumnDefault                    *string
			IsIdentity                       string
		}
		must(t, db.Raw(`SELECT column_name, data_type, is_nullable, column_default, is_identity FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = ?`, table).Scan(&cols).Error)
		for _, c := range cols {
			def := ""
			if c.ColumnDefault != nil && !strings.HasPrefix(*c.ColumnDefault, "nextval(") {
				def = normalDefault(*c.ColumnDefault)
			}
			d.tables[table][c.ColumnName] = column{typ: typeFamily(c.DataType), nullable: c.IsNullable == "YES", def: def}
		}
	}
	var idx []struct {
		TableName, Columns string
		Unique, Primary    bool
		Partial            bool
	}
	must(t, db.Raw(`SELECT t.relname AS table_name, ix.indisunique AS "unique", ix.indisprimary AS "primary", ix.indpred IS NOT NULL AS partial,
			(SELECT string_agg(COALESCE(a.attname, '(expression)'), ',' ORDER BY k.n) FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n)
			   LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns
		FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace
		WHERE ns.nspname = current_schema() AND t.relname <> 'goose_db_version'`).Scan(&idx).Error)
	for _, i := range idx {
		if !i.Primary {
			d.indexes[indexKey(i.TableName, strings.Split(i.Columns, ","), i.Unique, i.Partial)] = true
		}
	}
	var fks []struct {
		TableName, Columns, RefTable, RefColumns, OnDelete string
	}
	must(t, db.Raw(`SELECT c.conrelid::regclass::text AS table_name, c.confrelid::regclass::text AS ref_table,
			(SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
			   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
			(SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
			   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS ref_columns,
			CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END AS on_delete
		FROM pg_constraint c JOIN pg_namespace ns ON ns.oid = c.connamespace
		WHERE c.contype = 'f' AND ns.nspname = current_schema()`).Scan(&fks).Error)
	for _, fk := range fks {
		var refs []string
		for _, col := range strings.Split(fk.RefColumns, ",") {
			refs = append(refs, fk.RefTable+"."+col)
		}
		d.fks[fkKey(fk.TableName, strings.Split(fk.Columns, ","), refs, fk.OnDelete)] = true
	}
	return d
}

func indexKey(table string, cols []string, unique, partial bool) string {
	k := table + "(" + strings.Join(cols, ", ") + ")"
	if unique {
		k += " unique"
	}
	if partial {
		k += " partial"
	}
	return k
}

func fkKey(table string, cols, refs []string, onDelete string) string {
	return table + "(" + strings.Join(cols, ", ") + ") → " + strings.Join(refs, ", ") + " on delete " + strings.ToLower(onDelete)
}

// typeFamily is a declared type in words both dialects share.
func typeFamily(declared string) string {
	d := strings.ToLower(declared)
	switch {
	case strings.Contains(d, "int") || d == "serial" || d == "bigserial":
		return "integer"
	case strings.Contains(d, "bool"):
		return "boolean"
	case strings.Contains(d, "timestamp") || d == "datetime":
		return "timestamp"
	case d == "date":
		return "date"
	case strings.Contains(d, "char") || d == "text" || d == "uuid" || strings.Contains(d, "json"):
		return "text"
	case d == "real" || strings.Contains(d, "double") || strings.Contains(d, "numeric") || strings.Contains(d, "decimal"):
		return "real"
	case d == "bytea" || d == "blob":
		return "blob"
	}
	return "unknown " + d
}

var castSuffix = regexp.MustCompile(`::[a-z ]+(\[\])?$`)

// normalDefault is a column default in words both dialects share.
func normalDefault(def string) string {
	d := strings.TrimSpace(def)
	for castSuffix.MatchString(d) {
		d = castSuffix.ReplaceAllString(d, "")
	}
	d = strings.Trim(d, "()")
	switch strings.ToLower(d) {
	case "now", "now()", "current_timestamp", "current_timestamp()":
		return "now"
	case "false":
		return "0"
	case "true":
		return "1"
	}
	return d
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// checkCase is a value a table's CHECKs must accept or refuse: the columns of
// one existing row set to values (an UPDATE, rolled back).
type checkCase struct {
	name   string
	table  string
	set    string // the SET clause, with ? for each value
	values []any
	accept bool
}

// tryUpdate runs the case's UPDATE on the row id of its table and rolls it back.
func tryUpdate(s *models.Store, ids map[string]int64, c checkCase) error {
	id, ok := ids[c.table]
	if !ok {
		return fmt.Errorf("no %s row to try the case on", c.table)
	}
	rollback := errors.New("rollback")
	var err error
	txErr := s.DB().Transaction(func(tx *gorm.DB) error {
		res := tx.Exec("UPDATE "+c.table+" SET "+c.set+" WHERE id = ?", append(c.values, id)...)
		err = res.Error
		if err == nil && res.RowsAffected != 1 {
			err = fmt.Errorf("%d rows updated", res.RowsAffected)
		}
		return rollback
	})
	if txErr != nil && !errors.Is(txErr, rollback) && err == nil {
		err = txErr
	}
	return err
}

// checkRecords gives both stores a row in every table checkBehaviour tries,
// and returns their ids.
func checkRecords(t *testing.T, stores ...*models.Store) map[*models.Store]map[string]int64 {
	t.Helper()
	out := map[*models.Store]map[string]int64{}
	for _, s := range stores {
		ctx := t.Context()
		_, err := s.CreateUser(ctx, models.System, models.UserInput{Login: "checker", DisplayName: "점검", Role: models.RoleReviewer})
		must(t, err)
		r2, err := s.RoundByNumber(ctx, 2)
		must(t, err)
		_, err = s.SetRoundSelection(ctx, models.System, r2.ID, models.SelectionInput{ApprovalRule: "one", Conditions: "최근 1년 징계 없음"})
		must(t, err)
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		n, err := s.CreateNomination(ctx, models.System, pair.ID, pair.PositionBID, modelstest.TestNomination(false))
		must(t, err)
		cy := modelstest.NewCycle(t, s, r2.ID)
		must(t, s.DB().Create(&models.Contribution{CycleID: cy.ID, NominationID: n.ID, Side: models.SideSending, Level: "보통", Version: 1}).Error)
		var task int64
		must(t, s.DB().Raw(`SELECT min(id) FROM collaboration_tasks`).Scan(&task).Error)
		_, err = s.SaveGovernmentScale(ctx, models.System, models.GovernmentScaleInput{Year: "2024", Grades: "우수"})
		must(t, err)
		_, err = s.SaveGovernmentEvaluation(ctx, models.System, task, models.GovernmentEvaluationInput{Year: "2024", Result: "우수"})
		must(t, err)
		ids := map[string]int64{}
		for _, c := range checkBehaviour {
			if _, ok := ids[c.table]; ok {
				continue
			}
			var id *int64
			must(t, s.DB().Raw(`SELECT min(id) FROM `+c.table).Scan(&id).Error)
			if id == nil {
				t.Fatalf("%s: no %s row to try its CHECKs on", s.Dialect(), c.table)
			}
			ids[c.table] = *id
		}
		out[s] = ids
	}
	return out
}

// checkBehaviour is what every CHECK of the schema accepts and refuses, the
// same on both databases: an existing row's columns set to these values.
var checkBehaviour = []checkCase{
	{"기여도 from the list", "evaluation_contributions", "level = ?", []any{"매우 높음"}, true},
	{"기여도 off the list", "evaluation_contributions", "level = ?", []any{"최고"}, false},
	{"기여도 of the receiving side", "evaluation_contributions", "side = ?", []any{"receiving"}, true},
	{"기여도 of an unknown side", "evaluation_contributions", "side = ?", []any{"both"}, false},
	{"기여도 comment of 1,000 characters", "evaluation_contributions", "comment = ?", []any{strings.Repeat("가", 1000)}, true},
	{"기여도 comment of 1,001 characters", "evaluation_contributions", "comment = ?", []any{strings.Repeat("가", 1001)}, false},
	{"ministry code in lower case", "ministries", "code = ?", []any{"moel2"}, true},
	{"ministry code of two letters", "ministries", "code = ?", []any{"ab"}, true},
	{"ministry code in capitals", "ministries", "code = ?", []any{"Moel"}, false},
	{"ministry code from a digit", "ministries", "code = ?", []any{"1ab"}, false},
	{"ministry code of one letter", "ministries", "code = ?", []any{"a"}, false},
	{"ministry code with a dash", "ministries", "code = ?", []any{"a-b"}, false},
	{"ministry code of 21 letters", "ministries", "code = ?", []any{strings.Repeat("a", 21)}, false},
	{"ministry without a short name", "ministries", "short_name = ?", []any{""}, false},
	{"ministry without a name", "ministries", "name = ?", []any{""}, false},
	{"ministry of an unknown kind", "ministries", "kind = ?", []any{"bureau"}, false},
	{"ministry of a known kind", "ministries", "kind = ?", []any{"agency"}, true},
	{"round number 0", "rounds", "number = ?", []any{0}, false},
	{"round number 99", "rounds", "number = ?", []any{99}, true},
	{"round without a title", "rounds", "title = ?", []any{""}, false},
	{"round of an unknown status", "rounds", "status = ?", []any{"open"}, false},
	{"round planning fewer than none", "rounds", "planned_director_general = ?", []any{-1}, false},
	{"round planning none", "rounds", "planned_division_director = ?", []any{0}, true},
	{"round of an unknown approval rule", "rounds", "approval_rule = ?", []any{"two"}, false},
	{"round approved by each office", "rounds", "approval_rule = ?", []any{"each_office"}, true},
	{"round exchanges of at least 0 months", "rounds", "min_months = ?", []any{0}, false},
	{"round exchanges of at least 12 months", "rounds", "min_months = ?", []any{12}, true},
	{"round exchanges of at most 120 months", "rounds", "max_months = ?", []any{120}, true},
	{"round exchanges of at most 121 months", "rounds", "max_months = ?", []any{121}, false},
	{"position without a title", "positions", "title = ?", []any{""}, false},
	{"position of no title yet", "positions", "title = NULL", nil, true},
	{"position of an unknown grade", "positions", "grade = ?", []any{"minister"}, false},
	{"pair number 0", "exchange_pairs", "number = ?", []any{0}, false},
	{"pair of an unknown grade", "exchange_pairs", "grade = ?", []any{"minister"}, false},
	{"pair with an empty theme", "exchange_pairs", "theme = ?", []any{""}, false},
	{"pair of an unknown status", "exchange_pairs", "status = ?", []any{"open"}, false},
	{"pair of one ministry with itself", "exchange_pairs", "ministry_b_id = ministry_a_id", nil, false},
	{"task without a title", "collaboration_tasks", "title = ?", []any{""}, false},
	{"task of an unknown category", "collaboration_tasks", "category = ?", []any{"misc"}, false},
	{"task of an unknown status", "collaboration_tasks", "status = ?", []any{"paused"}, false},
	{"task 100% done", "collaboration_tasks", "progress = ?", []any{100}, true},
	{"task 101% done", "collaboration_tasks", "progress = ?", []any{101}, false},
	{"task -1% done", "collaboration_tasks", "progress = ?", []any{-1}, false},
	{"task of unknown progress", "collaboration_tasks", "progress = NULL", nil, true},
	{"task due before it starts", "collaboration_tasks", "starts_on = ?, due_on = ?", []any{"2025-02-01", "2025-01-31"}, false},
	{"task due the day it starts", "collaboration_tasks", "starts_on = ?, due_on = ?", []any{"2025-02-01", "2025-02-01"}, true},
	{"outcome of an unknown kind", "outcomes", "kind = ?", []any{"story"}, false},
	{"outcome without a summary", "outcomes", "summary = ?", []any{""}, false},
	{"outcome better sideways", "outcomes", "better = ?", []any{"sideways"}, false},
	{"metric without its values", "outcomes", "kind = 'metric', value_before = NULL, value_after = NULL", nil, false},
	{"metric with its values", "outcomes", "kind = 'metric', value_before = ?, value_after = ?, better = 'lower', unit = '개월'", []any{12, 4}, true},
	{"amount without its unit", "outcomes", "kind = 'amount', amount = ?, unit = ''", []any{3300}, false},
	{"amount of 1조", "outcomes", "kind = 'amount', amount = ?, unit = '억원'", []any{1e12}, true},
	{"amount over 1조", "outcomes", "kind = 'amount', amount = ?, unit = '억원'", []any{1e12 + 1}, false},
	{"negative amount", "outcomes", "kind = 'amount', amount = ?, unit = '억원'", []any{-1}, false},
	{"value before over 1조", "outcomes", "value_before = ?", []any{1e13}, false},
	{"value after under -1조", "outcomes", "value_after = ?", []any{-1e13}, false},
	{"no evidence link", "outcomes", "evidence_url = ?", []any{""}, true},
	{"evidence link over https", "outcomes", "evidence_url = ?", []any{"https://www.korea.kr/news"}, true},
	{"evidence link over http", "outcomes", "evidence_url = ?", []any{"http://www.korea.kr/news"}, true},
	{"evidence link written in capitals", "outcomes", "evidence_url = ?", []any{"HTTPS://WWW.KOREA.KR/NEWS"}, true},
	{"evidence link of another scheme", "outcomes", "evidence_url = ?", []any{"ftp://files.korea.kr/a"}, false},
	{"evidence link to a script", "outcomes", "evidence_url = ?", []any{"javascript:alert(1)"}, false},
	{"office contact without an organization", "office_contacts", "organization = ?", []any{""}, false},
	{"office contact without a responsibility", "office_contacts", "responsibility = ?", []any{""}, false},
	{"office contact without a name", "office_contacts", "name = ?", []any{""}, false},
	{"login with a dot and a dash", "users", "login = ?", []any{"kim.d-1"}, true},
	{"login in capitals", "users", "login = ?", []any{"Kim"}, false},
	{"login from a dot", "users", "login = ?", []any{".kim"}, false},
	{"login of one letter", "users", "login = ?", []any{"k"}, false},
	{"login of 41 letters", "users", "login = ?", []any{strings.Repeat("k", 41)}, false},
	{"login with a space", "users", "login = ?", []any{"kim d"}, false},
	{"user without a name", "users", "display_name = ?", []any{""}, false},
	{"user of an unknown role", "users", "role = ?", []any{"owner"}, false},
	{"coordinator without a ministry", "users", "role = 'coordinator', ministry_id = NULL", nil, false},
	{"reviewer of an unknown office", "users", "office = ?", []any{"moef"}, false},
	{"reviewer of 국무조정실", "users", "office = ?", []any{"opc"}, true},
	{"condition without text", "round_conditions", "text = ?", []any{""}, false},
	{"nomination of an unknown status", "nominations", "status = ?", []any{"pending"}, false},
	{"nomination ending before it starts", "nominations", "planned_start = ?, planned_end = ?", []any{"2025-02-01", "2025-01-31"}, false},
	{"exchangee back before the start", "nominations", "actual_start = ?, returned_on = ?", []any{"2025-02-01", "2025-01-31"}, false},
	{"exchangee back the day after", "nominations", "actual_start = ?, returned_on = ?", []any{"2025-02-01", "2025-02-02"}, true},
	{"companion without a name", "nomination_companions", "name = ?", []any{""}, false},
	{"cycle without a name", "evaluation_cycles", "name = ?", []any{""}, false},
	{"cycle scored out of 0", "evaluation_cycles", "scale = ?", []any{0}, false},
	{"cycle scored out of 100", "evaluation_cycles", "scale = ?", []any{100}, true},
	{"incentive over 100.0", "evaluation_cycles", "incentive_tenths = ?", []any{1001}, false},
	{"cycle of an unknown stage", "evaluation_cycles", "stage = ?", []any{"closed"}, false},
	{"grade share of 0%", "evaluation_grade_bands", "max_share = ?", []any{0}, false},
	{"grade share of 101%", "evaluation_grade_bands", "max_share = ?", []any{101}, false},
	{"grade share of 30%", "evaluation_grade_bands", "max_share = ?", []any{30}, true},
	{"grade without a share", "evaluation_grade_bands", "max_share = NULL", []any{}, true},
	{"cycle ending before it starts", "evaluation_cycles", "period_start = ?, period_end = ?", []any{"2025-06-30", "2025-01-01"}, false},
	{"criterion without a name", "evaluation_criteria", "name = ?", []any{""}, false},
	{"criterion weighing 0", "evaluation_criteria", "weight = ?", []any{0}, false},
	{"criterion weighing 101", "evaluation_criteria", "weight = ?", []any{101}, false},
	{"band without a grade", "evaluation_grade_bands", "grade = ?", []any{""}, false},
	{"band from 100.1", "evaluation_grade_bands", "min_tenths = ?", []any{1001}, false},
	{"evaluation of 1999", "government_evaluations", "year = ?", []any{1999}, false},
	{"evaluation of 2100", "government_evaluations", "year = ?", []any{2100}, true},
	{"scale of 1999", "government_evaluation_scales", "year = ?", []any{1999}, false},
	{"scale without grades", "government_evaluation_scales", "grades = ?", []any{""}, false},
}
