package handlers

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/sheet"
	"github.com/gyoryu/gyoryu/views"
)

// Public data (공공데이터): what the public pages show, as CSV for Korean Excel
// (UTF-8 with a BOM), XLSX and JSON, with Korean headers and values. Only the
// announced rounds' selected pairs and published tasks; no personal data. The
// columns are described once here and shown on /data.

// dataset is one public data file: its columns and rows. A cell is a string,
// a float64, nil (미공개: the source does not publish it) or notApplicable
// (해당 없음: the field has no meaning for the row, e.g. a narrative's unit).
type dataset struct {
	Title   string
	File    string // base name, e.g. pairs
	Columns []views.DataColumn
	Rows    [][]sheet.Value
}

func (d dataset) header() []string {
	out := make([]string, len(d.Columns))
	for i, c := range d.Columns {
		out[i] = c.Name
	}
	return out
}

// notApplicable marks a cell whose field does not apply to its row.
type notApplicableCell struct{}

var notApplicable sheet.Value = notApplicableCell{}

// NotApplicable is how the data files write a field that does not apply.
const NotApplicable = "해당 없음"

// cellsFor turns the cells not applicable into what a format writes for them:
// 해당 없음 in CSV and XLSX, null in JSON (where 성과 유형 says which fields apply).
func cellsFor(rows [][]sheet.Value, na sheet.Value) [][]sheet.Value {
	out := make([][]sheet.Value, len(rows))
	for i, r := range rows {
		out[i] = make([]sheet.Value, len(r))
		for j, v := range r {
			if v == notApplicable {
				v = na
			}
			out[i][j] = v
		}
	}
	return out
}

var pairColumns = []views.DataColumn{
	{Name: "차수", About: "교류직위가 선정된 차수", Example: "2"},
	{Name: "연번", About: "차수 안의 교류직위 번호 (보도자료 붙임의 순서)", Example: "1"},
	{Name: "구분", About: "국장급 또는 과장급", Example: "과장급"},
	{Name: "협업 분야", About: "두 부처가 함께 다루는 분야", Example: "중소기업 인력난 해소를 위한 고용지원 강화"},
	{Name: "가 부처", About: "맞바꾸는 두 부처 가운데 첫째 (약칭)", Example: "고용부"},
	{Name: "가 부처 정식 명칭", About: "가 부처의 정식 명칭", Example: "고용노동부"},
	{Name: "가 부처 직위", About: "가 부처의 교류직위", Example: "기업일자리지원과장"},
	{Name: "나 부처", About: "맞바꾸는 두 부처 가운데 둘째 (약칭)", Example: "중기부"},
	{Name: "나 부처 정식 명칭", About: "나 부처의 정식 명칭", Example: "중소벤처기업부"},
	{Name: "나 부처 직위", About: "나 부처의 교류직위", Example: "인력정책과장"},
	{Name: "진행 단계", About: "교류의 진행: 선정, 교류자 선발 중, 교류 중, 복귀 (이 누리집에 기록된 교류자 선발로 정해지며, 기록이 없으면 발표된 차수의 단계)", Example: "교류 중"},
	{Name: "동반 교류자 수", About: "교류자와 함께 옮긴 동반 교류자의 수 (성명 없이 수만; 교류가 시작되기 전에는 해당 없음, 기록이 없는 교류는 미공개)", Example: "2"},
}

var outcomeColumns = []views.DataColumn{
	{Name: "차수", About: "협업과제가 속한 교류직위의 차수", Example: "1"},
	{Name: "가 부처", About: "교류직위의 첫째 부처 (약칭)", Example: "국토부"},
	{Name: "나 부처", About: "교류직위의 둘째 부처 (약칭)", Example: "환경부"},
	{Name: "협업과제", About: "두 부처가 추진한 협업과제", Example: "용인반도체 산단 신속 조성"},
	{Name: "과제 구분", About: "행정 효율성 또는 국민 편익 제고 (보도자료의 구분), 기타 (이 누리집의 분류: 그 밖의 과제)", Example: "국민 편익 제고"},
	{Name: "성과 유형", About: "서술, 지표 (이전·이후) 또는 절감액 (이 누리집의 분류)", Example: "지표 (이전·이후)"},
	{Name: "주요 성과", About: "공개된 성과 문장", Example: "크루즈관광객 증가 ('23년 27.4만명 → '24년 86만명)"},
	{Name: "지표명", About: "지표나 절감액이 무엇을 재는지 (서술 성과는 해당 없음)", Example: "크루즈관광객"},
	{Name: "이전 값", About: "지표의 이전 값 (숫자; 지표 성과만)", Example: "274000"},
	{Name: "이전 시점", About: "이전 값의 기간 또는 기준일 (지표 성과만; 자료에 없으면 미공개)", Example: "2023년"},
	{Name: "이후 값", About: "지표의 이후 값 (숫자; 지표 성과만)", Example: "860000"},
	{Name: "이후 시점", About: "이후 값의 기간 또는 기준일 (지표 성과만; 자료에 없으면 미공개)", Example: "2024년"},
	{Name: "단위", About: "값과 절감액의 단위 (서술 성과는 해당 없음)", Example: "명"},
	{Name: "좋은 방향", About: "값이 클수록 좋은지 작을수록 좋은지 (지표 성과만; 이 누리집이 성과 문장을 읽고 정한 값)", Example: "높을수록 좋음"},
	{Name: "절감액", About: "절감한 금액 (숫자, 단위 열의 단위; 절감액 성과만)", Example: "3300"},
	{Name: "변화 (계산값)", About: "공개된 이전·이후 값으로 이 누리집이 계산한 변화 (지표 성과만)", Example: "3.1배 증가"},
}

// pairsData is every public pair of every announced round.
func pairsData(v *models.PublicView) dataset {
	d := dataset{Title: "교류직위", File: "pairs", Columns: pairColumns}
	for _, p := range v.Pairs {
		var number, grade sheet.Value
		if p.Number != nil {
			number = float64(*p.Number)
		}
		if p.Grade != nil {
			grade = p.Grade.Label()
		}
		pp := v.ProgressOf(p.ID)
		var stage, companions sheet.Value = emptyNil(pp.Stage.Label()), notApplicable
		switch {
		case pp.CompanionsKnown():
			companions = float64(pp.Companions)
		case pp.CompanionsApply():
			companions = nil // an exchange the app holds no record of: nobody published the count
		}
		d.Rows = append(d.Rows, []sheet.Value{float64(v.RoundNumber(p.RoundID)), number, grade, textOrNil(p.Theme),
			p.MinistryA.ShortName, p.MinistryA.Name, textOrNil(p.PositionA.Title),
			p.MinistryB.ShortName, p.MinistryB.Name, textOrNil(p.PositionB.Title), stage, companions})
	}
	return d
}

// outcomesData is every published outcome, one a row, with its task and pair.
func outcomesData(v *models.PublicView) dataset {
	d := dataset{Title: "협업과제 성과", File: "outcomes", Columns: outcomeColumns}
	for _, t := range v.Tasks {
		var category sheet.Value
		if t.Category != nil {
			category = t.Category.Label()
		}
		for _, o := range t.Outcomes {
			row := []sheet.Value{float64(t.Pair.Round.Number), t.Pair.MinistryA.ShortName, t.Pair.MinistryB.ShortName,
				t.Title, category, o.Kind.Label(), o.Summary, emptyNil(o.Label),
				floatOrNil(o.ValueBefore), emptyNil(o.PeriodBefore), floatOrNil(o.ValueAfter), emptyNil(o.PeriodAfter),
				emptyNil(o.Unit), nil, floatOrNil(o.Amount), nil}
			if o.Better != nil {
				row[13] = o.Better.Label()
			}
			if o.ValueBefore != nil && o.ValueAfter != nil {
				row[15] = emptyNil(changeText(*o.ValueBefore, *o.ValueAfter))
			}
			// The fields a kind of outcome has no use for are 해당 없음, not 미공개.
			var na []int
			switch o.Kind {
			case models.OutcomeNarrative:
				na = []int{7, 8, 9, 10, 11, 12, 13, 14, 15}
			case models.OutcomeMetric:
				na = []int{14}
				if row[15] == nil && o.ValueBefore != nil && o.ValueAfter != nil {
					na = append(na, 15) // no ratio from zero or across signs
				}
			case models.OutcomeAmount:
				na = []int{8, 9, 10, 11, 13, 15}
			}
			for _, i := range na {
				row[i] = notApplicable
			}
			d.Rows = append(d.Rows, row)
		}
	}
	return d
}

// PublicPairs offers the public pairs as CSV, XLSX or JSON.
func (h *Handlers) PublicPairs(c echo.Context, v *models.PublicView) (publicDoc, error) {
	return dataFile(c.Param("format"), pairsData(v))
}

// PublicOutcomes offers the published outcomes as CSV, XLSX or JSON.
func (h *Handlers) PublicOutcomes(c echo.Context, v *models.PublicView) (publicDoc, error) {
	return dataFile(c.Param("format"), outcomesData(v))
}

// PublicGrades offers the published grade distributions as CSV, XLSX or JSON.
func (h *Handlers) PublicGrades(c echo.Context, v *models.PublicView) (publicDoc, error) {
	return dataFile(c.Param("format"), gradesData(v))
}

// DataGuide is /data: what each file holds, column by column.
func (h *Handlers) DataGuide(c echo.Context, v *models.PublicView) (publicDoc, error) {
	u := urlsOf(c)
	page := views.DataGuidePage{Chrome: h.publicChrome(c, v, u.t("공개 자료 내려받기"))}
	page.Chrome.Description = u.t("전략적 인사교류의 교류직위와 협업과제 성과를 CSV, XLSX, JSON으로 내려받고, 각 항목의 뜻을 확인합니다.")
	page.Notes = []string{
		u.t("자료에 공개되지 않은 값은 CSV와 XLSX에서 「미공개」, JSON에서 null입니다. 그 행에 뜻이 없는 항목(예: 서술 성과의 단위)은 CSV와 XLSX에서 「해당 없음」, JSON에서 null이며, 어느 항목이 해당하는지는 성과 유형으로 정해집니다."),
		u.t("수식처럼 보이는 글자(=, +, -, @로 시작)는 앞에 작은따옴표(')를 붙여 수식으로 실행되지 않게 했습니다."),
		u.t("보도자료에 없는 값은 싣지 않습니다. 과제 구분의 「기타」, 성과 유형, 좋은 방향은 이 누리집이 정한 분류이며 보도자료의 표현이 아닙니다."),
		u.t("등급 분포는 관리자가 공개한, 확정된 실적 점검·평가의 등급별 협업과제 수와 비율입니다. 과제별·교류자별 결과는 담지 않습니다."),
	}
	if u.english() {
		page.Notes = append(page.Notes, u.t("파일의 항목 이름과 값은 보도자료대로 한국어입니다."))
	}
	for _, d := range []dataset{pairsData(v), outcomesData(v), gradesData(v)} {
		page.Sets = append(page.Sets, views.DataSet{Title: u.word(d.Title), ID: d.File, Files: dataFiles(u, "data."+d.File), Rows: len(d.Rows), Columns: d.Columns})
	}
	return htmlDoc(c, views.DataGuide(page))
}

// dataFile writes a dataset in the requested format; any other format is a 404.
func dataFile(format string, d dataset) (publicDoc, error) {
	var buf bytes.Buffer
	name := d.File + "." + format
	switch format {
	case "csv":
		if err := sheet.WriteTableCSV(&buf, d.header(), cellsFor(d.Rows, NotApplicable), views.Unknown); err != nil {
			return publicDoc{}, err
		}
		return publicDoc{ContentType: "text/csv; charset=utf-8", Disposition: attachment(name), Body: buf.Bytes()}, nil
	case "xlsx":
		widths := make([]float64, len(d.Columns))
		for i, c := range d.Columns {
			widths[i] = float64(min(60, max(8, 2*len([]rune(c.Example))+4)))
		}
		if err := sheet.WriteTableXLSX(&buf, d.Title, d.header(), widths, cellsFor(d.Rows, NotApplicable), views.Unknown); err != nil {
			return publicDoc{}, err
		}
		return publicDoc{ContentType: xlsxType, Disposition: attachment(name), Body: buf.Bytes()}, nil
	case "json":
		if err := writeJSONRows(&buf, d.header(), cellsFor(d.Rows, nil)); err != nil {
			return publicDoc{}, err
		}
		return publicDoc{ContentType: echo.MIMEApplicationJSON, Disposition: `inline; filename="` + name + `"`, Body: buf.Bytes()}, nil
	}
	return publicDoc{}, echo.NewHTTPError(http.StatusNotFound)
}

func attachment(name string) string { return `attachment; filename="` + name + `"` }

// writeJSONRows writes rows as an array of objects keyed by the Korean column
// names, in column order, as UTF-8 (no \u escapes); nil is null (미공개).
func writeJSONRows(buf *bytes.Buffer, header []string, rows [][]sheet.Value) error {
	buf.WriteString("[")
	for i, r := range rows {
		if i > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n  {")
		for j, v := range r {
			if j > 0 {
				buf.WriteString(", ")
			}
			if err := writeJSONValue(buf, header[j]); err != nil {
				return err
			}
			buf.WriteString(": ")
			if err := writeJSONValue(buf, v); err != nil {
				return err
			}
		}
		buf.WriteString("}")
	}
	buf.WriteString("\n]\n")
	return nil
}

func writeJSONValue(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode ends with a newline
	return nil
}

func textOrNil(s *string) sheet.Value {
	if s == nil || *s == "" {
		return nil
	}
	return *s
}

func emptyNil(s string) sheet.Value {
	if s == "" {
		return nil
	}
	return s
}

func floatOrNil(p *float64) sheet.Value {
	if p == nil {
		return nil
	}
	return *p
}
