package handlers

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gyoryu/gyoryu/models/sheet"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// The import is two steps and keeps nothing on the server in between: the
// preview carries the rows it read in a hidden field, and the confirmation
// checks them again, in the transaction that saves them. Only an administrator
// (CSRF-protected) can post them, and what is saved is always what was checked.

// uploadBodyLimit lets a 5 MB spreadsheet and its multipart wrapping through
// (the import routes' own body limit in the route table).
const uploadBodyLimit = "6M"

// importUpload is the upload form: the file, read apart from the other fields.
type importUpload struct {
	File string `form:"file" label:"목록 파일 (XLSX 또는 CSV, 5MB 이하)"`
}

// importConfirmForm carries the previewed rows back to be saved.
type importConfirmForm struct {
	FileName string `form:"file_name"`
	Rows     string `form:"rows"` // JSON of the rows read
}

// ImportForm shows the upload form of a round's list.
func (h *Handlers) ImportForm(c echo.Context) error {
	r, err := h.roundParam(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.Import(h.importPage(c, r, nil)), nil)
}

// ImportPreview reads an uploaded XLSX or CSV file and shows every row as it
// would be saved, with its problems. It saves nothing.
func (h *Handlers) ImportPreview(c echo.Context) error {
	r, release, err := h.importInto(c)
	if err != nil {
		return err
	}
	defer release()
	name, rows, msg := readUpload(c)
	if msg != "" {
		markInvalid(c)
		page := h.importPage(c, r, views.Errors{"file": msg})
		return render(c, http.StatusUnprocessableEntity, views.Import(page), nil)
	}
	plan, err := h.store.PreviewImport(c.Request().Context(), r.ID, rows)
	if err != nil {
		return err
	}
	page := h.importPage(c, r, nil)
	if page.Preview, err = importPreview(name, rows, plan); err != nil {
		return err
	}
	status := http.StatusOK
	if !plan.Valid() {
		status = http.StatusUnprocessableEntity
	}
	return render(c, status, views.Import(page), nil)
}

// ImportConfirm saves the previewed rows as selected pairs, all or nothing.
func (h *Handlers) ImportConfirm(c echo.Context) error {
	r, release, err := h.importInto(c)
	if err != nil {
		return err
	}
	defer release()
	var rows []sheet.Row
	var refused *models.ImportPlan // the plan of rows with problems, to show again
	return postForm(h, c, formPost[importConfirmForm]{
		Save: func(f *importConfirmForm) (saved, error) {
			if err := json.Unmarshal([]byte(f.Rows), &rows); err != nil || len(rows) == 0 || len(rows) > sheet.MaxRows {
				return saved{}, models.FieldErrors{"": "저장할 목록을 읽을 수 없습니다. 파일을 다시 올려 주십시오."}.Err()
			}
			plan, err := h.store.ImportPairs(c.Request().Context(), actor(c), r.ID, rows)
			if errors.Is(err, models.ErrImportInvalid) {
				h.countImport("refused")
				refused = &plan
				return saved{}, models.FieldErrors{"": "목록에 문제가 있어 아무것도 저장하지 않았습니다. 아래 내용을 확인해 주십시오."}.Err()
			}
			if err != nil {
				return saved{}, err
			}
			h.countImport("saved")
			return saved{next: urlsOf(c).to("round.edit", r.ID),
				say: "교류직위 " + strconv.Itoa(plan.Pairs()) + "쌍을 선정됨 상태로 저장했습니다."}, nil
		},
		Form: func(status int, f *importConfirmForm, errs views.Errors) error {
			page := h.importPage(c, r, errs)
			if refused != nil {
				var err error
				if page.Preview, err = importPreview(f.FileName, rows, *refused); err != nil {
					return err
				}
			}
			return render(c, status, views.Import(page), nil)
		},
	})
}

// importInto loads the round of the path and takes the import slot for it.
func (h *Handlers) importInto(c echo.Context) (models.Round, func(), error) {
	r, err := h.roundParam(c)
	if err != nil {
		return r, nil, err
	}
	release, err := h.importSlot(c)
	return r, release, err
}

// importSlot takes this instance's one import slot, or answers 503: reading a
// workbook costs memory and CPU, and imports are rare enough to take turns.
func (h *Handlers) importSlot(c echo.Context) (release func(), err error) {
	select {
	case h.imports <- struct{}{}:
		return func() { <-h.imports }, nil
	default:
		c.Response().Header().Set("Retry-After", "5")
		return nil, echo.NewHTTPError(http.StatusServiceUnavailable,
			userMessage("다른 목록 파일을 읽고 있습니다. 잠시 후 다시 올려 주십시오."))
	}
}

// importPage is the import page of round r, its upload form with errs.
func (h *Handlers) importPage(c echo.Context, r models.Round, errs views.Errors) views.ImportPage {
	u := urlsOf(c)
	return views.ImportPage{Chrome: h.chrome(c, "목록 파일 올리기: "+r.Title), RoundTitle: r.Title, RoundsURL: u.to("rounds"), Upload: views.NewForm(importUpload{}, errs),
		RoundURL: u.to("round.edit", r.ID), Action: u.to("round.import.preview", r.ID), ConfirmURL: u.to("round.import.confirm", r.ID)}
}

// readUpload reads the uploaded file, or says in Korean why it cannot.
func readUpload(c echo.Context) (name string, rows []sheet.Row, msg string) {
	fh, err := uploadedFile(c, "file")
	if err != nil {
		return "", nil, "올릴 파일을 선택해 주십시오."
	}
	name = filepath.Base(fh.Filename)
	if ext := strings.ToLower(filepath.Ext(name)); ext != ".xlsx" && ext != ".csv" {
		return name, nil, "XLSX 또는 CSV 파일만 올릴 수 있습니다. (" + name + ")"
	}
	if fh.Size > sheet.MaxBytes {
		return name, nil, "파일이 5MB보다 큽니다. 5MB 이하의 파일을 올려 주십시오."
	}
	f, err := fh.Open()
	if err != nil {
		return name, nil, "파일을 읽을 수 없습니다. 다시 올려 주십시오."
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, sheet.MaxBytes+1))
	if err != nil {
		return name, nil, "파일을 읽을 수 없습니다. 다시 올려 주십시오."
	}
	rows, err = sheet.Read(data)
	var se *sheet.Error
	if errors.As(err, &se) {
		return name, nil, se.Message
	}
	if err != nil {
		return name, nil, "파일을 읽을 수 없습니다. 다시 올려 주십시오."
	}
	return name, rows, ""
}

func importPreview(name string, rows []sheet.Row, plan models.ImportPlan) (*views.ImportPreview, error) {
	payload, err := json.Marshal(rows)
	if err != nil {
		return nil, err
	}
	p := &views.ImportPreview{FileName: name, ErrorRows: plan.ErrorRows(), Valid: plan.Valid(), Payload: string(payload)}
	for _, r := range plan.Rows {
		if r.Skipped != "" {
			p.Skipped = append(p.Skipped, views.ImportSkippedRow{Line: strconv.Itoa(r.Line), Reason: r.Skipped, Text: skippedText(r.Row)})
			continue
		}
		row := views.ImportPreviewRow{Line: strconv.Itoa(r.Line), Number: r.Row.Number, Grade: r.Grade.Label(), Theme: r.Theme,
			A: planned(r.MinistryA, r.TitleA, r.PositionA), B: planned(r.MinistryB, r.TitleB, r.PositionB), Errors: r.Errors}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

// planned shows a position as it will be saved: the ministry's official name
// and the title, or the cell as written when the ministry is unknown.
func planned(m *models.Ministry, title, cell string) string {
	if m == nil {
		return cell
	}
	return m.Name + " (" + title + ")"
}

// skippedText is what a skipped row says, its cells joined, at most 80 characters.
func skippedText(r sheet.Row) string {
	var cells []string
	for _, c := range []string{r.Number, r.Grade, r.Theme, r.PositionA, r.PositionB} {
		if c != "" {
			cells = append(cells, c)
		}
	}
	text := strings.Join(cells, " · ")
	if runes := []rune(text); len(runes) > 80 {
		text = string(runes[:80]) + "…"
	}
	return text
}
