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
	"github.com/ismapcheck/ismapcheck/checklist/report"
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
	if err := risksheet.FillDecisions(bytes.NewReader(acceptExclusions(t, sheet.Bytes(), res)), &out, ds); err != nil {
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
				hits, pages := pagesWith(t, out, report.DraftMark)
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

// TestReportLanguages: --lang en writes the same report in English (the
// section titles, bilingual CSP-facing texts), each language
// byte-identical run to run, --lang ja the default.
func TestReportLanguages(t *testing.T) {
	fx := newReportFixture(t)
	render := func(name string, args ...string) []byte {
		out := filepath.Join(fx.dir, name)
		mustRunCLI(t, exitOK, append([]string{"report", fx.workbook, "--risk", fx.risk, "--date", "2026-03-31", "-o", out}, args...)...)
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	def, ja := render("default.pdf"), render("ja.pdf", "--lang", "ja")
	en1, en2 := render("en1.pdf", "--lang", "en"), render("en2.pdf", "--lang", "en")
	if !bytes.Equal(def, ja) {
		t.Error("the default report differs from --lang ja")
	}
	if !bytes.Equal(en1, en2) {
		t.Error("two English reports from the same inputs differ")
	}
	if bytes.Equal(ja, en1) {
		t.Fatal("--lang en wrote the Japanese report")
	}
	stdout, _ := mustRunCLI(t, exitOK, "report", fx.workbook, "--risk", fx.risk, "--date", "2026-03-31", "-o", filepath.Join(fx.dir, "en3.pdf"), "--lang", "en")
	if !strings.Contains(stdout, "sign-off: ready") || !strings.Contains(stdout, "document ID ISMAP-RPT-") {
		t.Errorf("stdout in English:\n%s", stdout)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	text := func(name string) string {
		out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", filepath.Join(fx.dir, name), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	en, jaText := text("en1.pdf"), text("ja.pdf")
	cat, _ := loadEdition(templates.DefaultEdition)
	finding := cat.Requirements()[40]
	for _, want := range []string{
		report.ReportTitleEN, "1. Summary for the CISO", "2. Items that need a risk assessment", "3. Exclusions (declared not applicable)",
		"4. Input validation", "5. Interim measures", "6. CISO sign-off", "Appendix A. Every answer", "Appendix B. How this report was made (evidence)",
		"Ready for sign-off", "Partially conforms",
		finding.TitleEN, // the finding's title in both languages
	} {
		if !strings.Contains(en, want) {
			t.Errorf("English report lacks %q", want)
		}
	}
	if !strings.Contains(strings.ReplaceAll(en, " ", ""), strings.ReplaceAll(finding.TitleJA, " ", "")) {
		t.Errorf("English report lacks the Japanese title %q beside the English one", finding.TitleJA)
	}
	for _, jaOnly := range []string{"CISO向け要約", "リスク評価が必要な項目", "付録A"} {
		if strings.Contains(en, jaOnly) {
			t.Errorf("English report still has the Japanese heading %q", jaOnly)
		}
		if !strings.Contains(jaText, jaOnly) {
			t.Errorf("Japanese report lacks %q", jaOnly)
		}
	}
}

// TestRejectedExclusion: the CISO rejects the demo's exclusion of 11.2.7;
// findings --risk and the report then count the objective and its B
// control as findings, the next risk sheet gives them rows, and the
// report is not ready until they are decided.
func TestRejectedExclusion(t *testing.T) {
	dir := t.TempDir()
	mustRunCLI(t, exitOK, "demo", "-o", dir)
	p := func(n string) string { return filepath.Join(dir, n) }
	blank, err := os.ReadFile(p("09-risk-sheet-round2.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := risksheet.FillExclusionDecisions(bytes.NewReader(blank), &buf, []checklist.ExclusionDecision{{ID: "11.2.7",
		Verdict: checklist.ExclusionReject, Reason: "基盤IaaS事業者の廃棄証明が示されていない", Approver: "CISO 田中", DecidedOn: checklist.NewDate(2023, 2, 14)}}); err != nil {
		t.Fatal(err)
	}
	rejected := p("rejected.xlsx")
	if err := os.WriteFile(rejected, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := mustRunCLI(t, exitFindings, "findings", p("08-assessment-round2.json"), "--risk", rejected, "--as-of", "2023-02-15", "--format", "json")
	for _, want := range []string{`"objective_exclusion_rejected"`, `"11.2.7.4.PB"`, `"verdict": "reject"`} {
		if !strings.Contains(out, want) {
			t.Errorf("findings --risk lacks %s", want)
		}
	}
	stdout, _ := mustRunCLI(t, exitOK, "risk-sheet", p("08-assessment-round2.json"), "--previous", rejected, "-o", p("next.xlsx"), "--date", "2023-02-15")
	if !strings.Contains(stdout, "指摘 7件") || !strings.Contains(stdout, "うち不受入 1件") {
		t.Errorf("risk-sheet output:\n%s", stdout)
	}
	next, err := os.ReadFile(p("next.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	sheet, err := risksheet.ReadAll(bytes.NewReader(next), "next.xlsx", risksheet.ReadOptions{})
	if err != nil || len(sheet.Exclusions) != 1 || sheet.Exclusions[0].Verdict != checklist.ExclusionReject {
		t.Fatalf("the rejection was not carried: %+v, %v", sheet.Exclusions, err)
	}
	_, stderr, code := runCLI(t, "report", p("07-checklist-csp-round2.xlsx"), "--risk", p("next.xlsx"), "--date", "2023-02-15", "-o", p("r.pdf"), "--final")
	if code != exitFindings || !strings.Contains(stderr, "decision_open 11.2.7") || !strings.Contains(stderr, "decision_open 11.2.7.4.PB") {
		t.Errorf("exit %d; the new findings should block the sign-off:\n%s", code, stderr)
	}
}
