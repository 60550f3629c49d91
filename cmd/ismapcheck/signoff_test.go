package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/pdf"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx/risksheet"
	"github.com/ismapcheck/ismapcheck/templates"
)

// decideAll writes a risk sheet for the fixture's workbook with a current
// decision on every finding and, through edit, lets a test change them.
func decideAll(t *testing.T, fx reportFixture, name string, edit func([]checklist.Decision) []checklist.Decision) string {
	t.Helper()
	cat, err := loadEdition(templates.DefaultEdition)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(fx.workbook)
	if err != nil {
		t.Fatal(err)
	}
	as, err := xlsx.Read(data, "answer.xlsx", cat, xlsx.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res := checklist.Findings(cat, as)
	var sheet bytes.Buffer
	if err := risksheet.Write(&sheet, res, as, nil, risksheet.WriteOptions{Date: checklist.NewDate(2026, time.March, 2), ToolVersion: "test", Catalog: cat}); err != nil {
		t.Fatal(err)
	}
	var ds []checklist.Decision
	for _, f := range res.Findings {
		ds = append(ds, checklist.Decision{ID: f.ID, Impact: checklist.RatingLow, Likelihood: checklist.RatingLow,
			Treatment: checklist.TreatmentMitigate, Compensating: "四半期ごとに状況を確認する。", Owner: "情報政策課",
			Due: checklist.NewDate(2026, time.September, 30), ReviewBy: checklist.NewDate(2027, time.March, 31)})
	}
	if edit != nil {
		ds = edit(ds)
	}
	var out bytes.Buffer
	if err := risksheet.FillDecisions(bytes.NewReader(sheet.Bytes()), &out, ds); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(fx.dir, name)
	if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// pagesWith counts the pages of a PDF whose text contains s (pdftotext).
func pagesWith(t *testing.T, file, s string) (hits, pages int) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pp := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	for _, p := range pp {
		if strings.Contains(strings.Join(strings.Fields(p), ""), strings.Join(strings.Fields(s), "")) {
			hits++
		}
	}
	return hits, len(pp)
}

func TestReportSignOff(t *testing.T) {
	fx := newReportFixture(t)
	ready := decideAll(t, fx, "ready.xlsx", nil)
	invalid := decideAll(t, fx, "invalid.xlsx", func(ds []checklist.Decision) []checklist.Decision {
		ds[0].Treatment = checklist.TreatmentAccept // accepting needs an approver and a date
		return ds
	})
	expired := decideAll(t, fx, "expired.xlsx", func(ds []checklist.Decision) []checklist.Decision {
		ds[0].ReviewBy = checklist.NewDate(2026, time.March, 30)
		return ds
	})
	tests := []struct {
		name      string
		args      []string
		final     bool
		wantReady bool
		blockers  []string // kinds printed by --final
	}{
		{name: "no risk sheet: every finding open", args: []string{fx.workbook}, blockers: []string{"decision_open"}},
		{name: "the fixture's one decision", args: []string{fx.workbook, "--risk", fx.risk}, wantReady: true},
		{name: "an invalid decision", args: []string{fx.workbook, "--risk", invalid}, blockers: []string{"decision_invalid"}},
		{name: "every finding decided", args: []string{fx.workbook, "--risk", ready}, wantReady: true},
		{name: "a decision past its review date", args: []string{fx.workbook, "--risk", expired}, blockers: []string{"decision_expired"}},
	}
	for _, tt := range tests {
		for _, final := range []bool{false, true} {
			name := tt.name
			if final {
				name += " --final"
			}
			t.Run(name, func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "r.pdf")
				args := append([]string{"report"}, tt.args...)
				args = append(args, "--date", "2026-03-31", "-o", out)
				if final {
					args = append(args, "--final")
				}
				stdout, stderr, code := runCLI(t, args...)
				if final && !tt.wantReady {
					if code != exitFindings {
						t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitFindings, stderr)
					}
					if _, err := os.Stat(out); err == nil {
						t.Error("--final wrote a report that is not ready")
					}
					for _, k := range tt.blockers {
						if !strings.Contains(stderr, k) {
							t.Errorf("stderr does not list %s:\n%s", k, stderr)
						}
					}
					if !strings.Contains(stderr, "署名準備が完了していない") || !strings.Contains(stderr, "not ready for sign-off") {
						t.Errorf("stderr does not say why in both languages:\n%s", stderr)
					}
					return
				}
				if code != exitOK {
					t.Fatalf("exit %d; stderr:\n%s", code, stderr)
				}
				wantLine := "署名準備: 未完了"
				if tt.wantReady {
					wantLine = "署名準備: 完了"
				}
				if !strings.Contains(stdout, wantLine) {
					t.Errorf("stdout lacks %q:\n%s", wantLine, stdout)
				}
				if _, err := exec.LookPath("pdftotext"); err != nil {
					return
				}
				hits, pages := pagesWith(t, out, pdf.DraftMark)
				if tt.wantReady && hits != 0 {
					t.Errorf("ready report: draft mark on %d of %d pages", hits, pages)
				}
				if !tt.wantReady && hits != pages {
					t.Errorf("draft: mark on %d of %d pages, want every page", hits, pages)
				}
			})
		}
	}
}
