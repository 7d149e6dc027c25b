package sheet_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/models/modelstest"
	"github.com/gyoryu/gyoryu/models/sheet"
)

// round2Rows is the attachment's nine pairs as the export writes them.
func round2Rows(copies int) []sheet.Row {
	var rows []sheet.Row
	grade := ""
	for c := range copies {
		for _, r := range modelstest.Round2 {
			if r[1] != "" {
				grade = strings.ReplaceAll(r[1], " ", "")
			}
			n, _ := strconv.Atoi(r[0])
			rows = append(rows, sheet.Row{Number: strconv.Itoa(c*9 + n), Grade: grade, Theme: r[2], PositionA: r[3], PositionB: r[4]})
		}
	}
	return rows
}

// The export printed by LibreOffice Calc, as a ministry prints an attachment:
// the nine pairs on one A4 landscape page with every column; a longer list on
// more pages, each starting with the header row. Needs soffice and poppler's
// pdfinfo and pdftotext; skipped without them, except in CI.
func TestTheExportPrintsOnePageWideInLibreOffice(t *testing.T) {
	for _, tool := range []string{"soffice", "pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed: CI must run this test (.ci/run installs libreoffice-calc-nogui and poppler-utils)", tool)
			}
			t.Skipf("%s is not installed (apt-get install libreoffice-calc-nogui poppler-utils)", tool)
		}
	}
	tests := []struct {
		name  string
		pairs int
		pages int
	}{
		{"round 2, nine pairs", 1, 1},
		{"a list of 54 pairs", 6, 2},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := sheet.WriteXLSX(&buf, "2차 전략적 인사교류 대상직위", round2Rows(tt.pairs)); err != nil {
				t.Fatal(err)
			}
			xlsx := filepath.Join(dir, strconv.Itoa(tt.pairs)+".xlsx")
			if err := os.WriteFile(xlsx, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
				"--convert-to", "pdf", "--outdir", dir, xlsx)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("soffice: %v\n%s", err, out)
			}
			pdf := strings.TrimSuffix(xlsx, ".xlsx") + ".pdf"
			info, err := exec.Command("pdfinfo", pdf).Output()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(info), "Pages:           "+strconv.Itoa(tt.pages)+"\n") ||
				!strings.Contains(string(info), "841.89 x 595.") {
				t.Errorf("pdfinfo says\n%s\nwant %d A4 landscape pages (841.89 x 595 pts)", info, tt.pages)
			}
			for page := 1; page <= tt.pages; page++ {
				text, err := exec.Command("pdftotext", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-layout", pdf, "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				// Every page carries the header; the last column fits on the page, not on a page of its own.
				for _, want := range []string{"연번", "나 부처 (교류직위)", "방사청 (감시전자사업부장)"} {
					if !strings.Contains(string(text), want) {
						t.Errorf("page %d lacks %q:\n%s", page, want, text)
					}
				}
			}
		})
	}
}
