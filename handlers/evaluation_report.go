package handlers

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// A cycle's report: the grade distribution (drawn, and in numbers), the
// results by pair and by ministry; the same numbers as a workbook.

// EvaluationReport is the report page (it prints on A4).
func (h *Handlers) EvaluationReport(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, err := h.store.EvaluationReport(ctx, cy)
	if err != nil {
		return err
	}
	for _, pr := range r.People {
		exchangeesShown(c, pr.Nomination.ID)
	}
	lang := views.LangOf(ctx)
	body, ok := h.reportPages.get(r.Kept, lang)
	if !ok {
		var buf bytes.Buffer
		if err := views.EvaluationReportBody(evaluationReportPage(c, cy, r)).Render(ctx, &buf); err != nil {
			return err
		}
		body = buf.String()
		h.reportPages.put(r.Kept, lang, body)
	}
	return render(c, http.StatusOK, views.EvaluationReport(h.chrome(c, cy.Name+" 결과 보고서"), body), nil)
}

// evaluationReportPage is the report as its page shows it.
func evaluationReportPage(c echo.Context, cy models.EvaluationCycle, r models.EvaluationReport) views.EvaluationReportPage {
	u := urlsOf(c)
	p := views.EvaluationReportPage{Name: cy.Name, Period: cyclePeriod(cy),
		Rounds: cy.RoundsLabel(), Stage: cy.Stage.Label(), BackURL: u.to("evaluation", cy.ID), XLSXURL: u.to("evaluation.report.download", cy.ID),
		Grades: cy.Grades(), Chart: evaluationGradeChart(r),
		Rule: "점수 있는 협업과제의 점수(소수점 첫째 자리)를 평균하여 " + models.RoundingRule + ". 점수 없는 과제는 평균에 넣지 않습니다."}
	p.ByPair, p.ByMinistry = reportRows(cy, r.ByPair), reportRows(cy, r.ByMinistry)
	p.PersonRule = models.PersonRule // it says that 기여도 평가 changes no score (models.ContributionNote)
	for _, pr := range r.People {
		row := personRow(c, pr)
		row.Incentive, row.Note = r.IncentiveOf(pr)
		for _, side := range models.ContributionSides {
			level, comment := r.ContributionOf(pr, side)
			if comment != "" {
				level += " — " + comment
			}
			row.Contributions = append(row.Contributions, level)
		}
		p.People = append(p.People, row)
	}
	p.Finalize = finalizeNote(cy)
	return p
}

// EvaluationReportXLSX downloads the report as a workbook, with the reason
// typed (422 without one).
func (h *Handlers) EvaluationReportXLSX(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	return h.downloadWithReason(c, evaluationReportDownload(c, cy), func(reason string) error {
		return h.writeEvaluationReportXLSX(c, cy, reason)
	})
}

// EvaluationReportDownloadForm asks why a cycle's results are downloaded: the
// workbook names every exchangee with their result and incentive.
func (h *Handlers) EvaluationReportDownloadForm(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	return h.askDownloadReason(c, evaluationReportDownload(c, cy))
}

// evaluationReportDownload is the reason form of a cycle's result workbook.
func evaluationReportDownload(c echo.Context, cy models.EvaluationCycle) views.DownloadReasonPage {
	u := urlsOf(c)
	return views.DownloadReasonPage{Title: cy.Name + " 결과 내려받기", BackLabel: "결과 보고서", BackURL: u.to("evaluation.report", cy.ID),
		What: "과제별, 교류직위별, 부처별 결과와 교류자마다 성명, 결과, 인사상 특전, 기여도 평가가 담긴 XLSX 파일입니다. " +
			"부처별 시트에는 두 부처의 기여도와 보내는 부처의 의견만 담깁니다.",
		Action: u.to("evaluation.report.xlsx", cy.ID)}
}

// writeEvaluationReportXLSX sends the cycle's workbook, with the reason typed
// in the access record.
func (h *Handlers) writeEvaluationReportXLSX(c echo.Context, cy models.EvaluationCycle, reason string) error {
	r, err := h.store.EvaluationWorkbook(c.Request().Context(), cy)
	if err != nil {
		return err
	}
	for _, pr := range r.People {
		exchangeesShown(c, pr.Nomination.ID)
	}
	downloadReason(c, reason)
	var buf bytes.Buffer
	if err := r.WriteXLSX(&buf); err != nil {
		return err
	}
	return download(c, "evaluation-"+strconv.FormatInt(cy.ID, 10)+".xlsx", cy.Name+" 결과.xlsx", xlsxType, buf.Bytes())
}

// evaluationGradeChart lays the bars out: 32 units a grade, the longest bar 280 wide.
func evaluationGradeChart(r models.EvaluationReport) views.GradeChart {
	most := 1
	for _, g := range r.Grades {
		most = max(most, g.Tasks)
	}
	ch := views.GradeChart{Unscored: r.Unscored, Total: len(r.Tasks), Height: 32*len(r.Grades) + 8}
	for i, g := range r.Grades {
		ch.Bars = append(ch.Bars, views.GradeBar{Grade: g.Grade, Tasks: g.Tasks, Y: 32*i + 4, TY: 32*i + 21, Width: 280 * g.Tasks / most})
	}
	return ch
}

func reportRows(cy models.EvaluationCycle, groups []models.ReportGroup) []views.ReportRow {
	out := make([]views.ReportRow, len(groups))
	for i, g := range groups {
		out[i] = views.ReportRow{Label: g.Label, Tasks: g.Tasks, Scored: g.Scored, Mean: "미입력"}
		if g.Scored > 0 {
			out[i].Mean = g.Mean.String()
		}
		for _, gr := range cy.Grades() {
			out[i].Grades = append(out[i].Grades, g.Grades[gr])
		}
	}
	return out
}

// personRow is a person's result as the report shows it.
func personRow(c echo.Context, pr models.PersonResult) views.PersonRow {
	n := pr.Nomination
	row := views.PersonRow{Name: pr.Name(), Role: pr.Role(), RecordURL: urlsOf(c).to("nomination.record", n.ID),
		Sending: n.Ministry.ShortName, Pair: fmt.Sprintf("%d차 %s", n.Pair.Round.Number, pairLabel(n.Pair)),
		Position: orNotEnteredText(pr.PositionTitle()), Scored: pr.Scored, Tasks: len(pr.Tasks), Score: "미입력", Grade: "미입력",
		Sentence: pr.Sentence}
	if pr.Scored > 0 {
		row.Score, row.Grade = pr.Score.String(), pr.Grade
	}
	return row
}
