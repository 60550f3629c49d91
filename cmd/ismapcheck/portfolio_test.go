package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx/risksheet"
	"github.com/xuri/excelize/v2"
)

// portfolioCase writes a completed workbook of one fictional case into
// dir: every requirement 適合 but those in partial (一部適合, planned for
// planned).
func portfolioCase(t testing.TB, dir, ref string, partial []string, planned checklist.Date) string {
	t.Helper()
	cat, err := loadEdition("2022-04-01")
	if err != nil {
		t.Fatal(err)
	}
	req := checklist.Request{Agency: "架空省", System: "システム " + ref, CSP: "架空クラウド", Service: "サービス", Reference: ref, InterimCategory: "none",
		Date: checklist.NewDate(2026, 1, 10)}
	var blank, filled bytes.Buffer
	if err := xlsx.Write(&blank, cat, req, xlsx.WriteOptions{ToolVersion: "test"}); err != nil {
		t.Fatal(err)
	}
	var answers []checklist.Answer
	for _, it := range cat.Requirements() {
		a := checklist.Answer{ID: it.ID, Status: checklist.StatusConforms, Implementation: "実施", Evidence: "規程", Responsibility: checklist.RespCSP}
		for _, p := range partial {
			if p == it.ID {
				a.Status, a.Reason, a.PlannedDate = checklist.StatusPartial, "移行中", planned
			}
		}
		answers = append(answers, a)
	}
	cover := checklist.CSPCover{RespondentName: "担当", AnswerDate: checklist.NewDate(2026, 2, 1),
		Certifications: []checklist.Certification{{Name: "ISO/IEC 27001", Number: "IS 1", Expiry: checklist.NewDate(2026, 12, 31)}}}
	if err := xlsx.Fill(&blank, &filled, answers, cover, checklist.InterimFacts{}, nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, ref+".xlsx")
	if err := os.WriteFile(p, filled.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPortfolioCmd(t *testing.T) {
	dir := t.TempDir()
	cases := filepath.Join(dir, "cases")
	if err := os.MkdirAll(filepath.Join(cases, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	// P-1: one finding, decided; the decision's review date has passed.
	p1 := portfolioCase(t, cases, "P-1", []string{"3.1.2.1"}, checklist.NewDate(2026, 4, 15))
	blankRisk := filepath.Join(dir, "risk-blank.xlsx")
	mustRunCLI(t, exitOK, "risk-sheet", p1, "-o", blankRisk, "--date", "2026-02-05")
	in, err := os.ReadFile(blankRisk)
	if err != nil {
		t.Fatal(err)
	}
	var filled bytes.Buffer
	dec := checklist.Decision{ID: "3.1.2.1", Impact: checklist.RatingLow, Likelihood: checklist.RatingLow, Treatment: checklist.TreatmentMitigate,
		Owner: "担当課", Due: checklist.NewDate(2026, 4, 20), ReviewBy: checklist.NewDate(2026, 3, 15)}
	if err := risksheet.FillDecisions(bytes.NewReader(in), &filled, []checklist.Decision{dec}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cases, "sub", "P-1-risk.xlsx"), filled.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// P-2: two findings, no risk sheet; its planned date is past.
	portfolioCase(t, filepath.Join(cases, "sub"), "P-2", []string{"3.1.2.2", "4.4.1.1"}, checklist.NewDate(2026, 3, 1))
	// P-3: all conform; also present as an assessment JSON (the same round).
	p3 := portfolioCase(t, cases, "P-3", nil, checklist.Date{})
	mustRunCLI(t, exitOK, "ingest", p3, "--json", filepath.Join(cases, "P-3.json"))
	// Files that are not inputs: the blank risk sheet, a request JSON.
	if err := os.WriteFile(filepath.Join(cases, "request.json"), []byte(`{"agency": "x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRunCLI(t, exitOK, "risk-sheet", p3, "-o", filepath.Join(cases, "P-3-risk-blank.xlsx"), "--date", "2026-02-05")

	out, _ := mustRunCLI(t, exitOK, "portfolio", cases, "--as-of", "2026-03-31", "--due-within", "30", "--format", "json")
	var got struct {
		Cases []struct {
			Reference  string                  `json:"reference"`
			Rounds     int                     `json:"rounds"`
			Findings   int                     `json:"findings"`
			RiskSheet  string                  `json:"risk_sheet"`
			Decisions  map[checklist.State]int `json:"decisions"`
			PlannedDue int                     `json:"planned_due"`
			PlannedOld int                     `json:"planned_overdue"`
			CertExpiry string                  `json:"cert_expiry"`
			Counts     checklist.Counts        `json:"counts"`
			Statuses   []checklist.Status      `json:"statuses"`
		} `json:"cases"`
		Due          []checklist.DueDecision `json:"due_decisions"`
		NoRisk       int                     `json:"cases_without_risk_sheet"`
		Requirements []string                `json:"requirements"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	type row struct {
		ref             string
		rounds, finding int
		risk            string
		open, expired   int
		due, past       int
		partial         int
	}
	var rows []row
	for _, c := range got.Cases {
		rows = append(rows, row{c.Reference, c.Rounds, c.Findings, c.RiskSheet, c.Decisions[checklist.StateOpen], c.Decisions[checklist.StateExpired],
			c.PlannedDue, c.PlannedOld, c.Counts.Partial})
		if c.CertExpiry != "2026-12-31" || len(c.Statuses) != len(got.Requirements) {
			t.Errorf("%s: cert expiry %q, %d statuses", c.Reference, c.CertExpiry, len(c.Statuses))
		}
	}
	want := []row{
		{"P-1", 1, 1, "P-1-risk.xlsx", 0, 1, 1, 0, 1},
		{"P-2", 1, 2, "", 2, 0, 0, 2, 2},
		{"P-3", 1, 0, "", 0, 0, 0, 0, 0},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("cases\n got %+v\nwant %+v", rows, want)
	}
	if got.NoRisk != 2 {
		t.Errorf("cases without a risk sheet: %d", got.NoRisk)
	}
	if len(got.Due) != 2 || got.Due[0].What != "review_by" || !got.Due[0].Overdue || got.Due[1].What != "due" || got.Due[1].Overdue {
		t.Errorf("due decisions %+v", got.Due)
	}

	xl := filepath.Join(dir, "portfolio.xlsx")
	table, _ := mustRunCLI(t, exitOK, "portfolio", cases, "--as-of", "2026-03-31", "-o", xl, "--lang", "en")
	if !strings.Contains(table, "3 cases (7 files, 0 skipped), 2 without a risk sheet, 2 decisions due") {
		t.Errorf("table:\n%s", table)
	}
	f, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if s := f.GetSheetList(); !reflect.DeepEqual(s, []string{"Cases", "Matrix", "Due"}) {
		t.Errorf("sheets %v", s)
	}
	m, err := f.GetRows("Matrix")
	if err != nil || len(m) != 4 || len(m[0]) != 3+234 || m[0][4] != "3.1.2.2" || m[2][4] != "Partially conforms" || m[2][3] != "Conforms" {
		t.Errorf("matrix: %d rows, header %d, P-2 × 3.1.2.2 = %q", len(m), len(m[0]), m[2][4])
	}
	if due, _ := f.GetRows("Due"); len(due) != 3 {
		t.Errorf("due sheet rows %d", len(due))
	}
	// The output under the directory is not an input of the next run.
	mustRunCLI(t, exitOK, "portfolio", dir, "--as-of", "2026-03-31")
	_, _, code := runCLI(t, "portfolio", cases, "-o", xl)
	if code != exitUsage {
		t.Errorf("overwrite without --force: exit %d", code)
	}

	t.Run("a broken workbook is skipped, not fatal", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(cases, "broken.xlsx"), []byte("PK\x03\x04 not really"), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(filepath.Join(cases, "broken.xlsx"))
		out, stderr, code := runCLI(t, "portfolio", cases, "--as-of", "2026-03-31")
		if code != exitFindings || !strings.Contains(stderr, "broken.xlsx") || !strings.Contains(out, "P-3") {
			t.Errorf("exit %d\nstderr %s\nout %s", code, stderr, out)
		}
	})
	t.Run("nothing found", func(t *testing.T) {
		_, _, code := runCLI(t, "portfolio", t.TempDir())
		if code != exitInput {
			t.Errorf("exit %d", code)
		}
	})
}
