package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx/risksheet"
)

// fillRiskFile plays the agency on a risk sheet file: a decision for every
// row, accepting with approval.
func fillRiskFile(t *testing.T, in, out string, answersJSON string) {
	t.Helper()
	b, err := os.ReadFile(answersJSON)
	if err != nil {
		t.Fatal(err)
	}
	var as checklist.Assessment
	json.Unmarshal(b, &as)
	cat, _ := loadEdition(as.Edition)
	res := checklist.Findings(cat, &as)
	var ds []checklist.Decision
	for _, f := range res.Findings {
		ds = append(ds, checklist.Decision{ID: f.ID, Impact: checklist.RatingMedium, Likelihood: checklist.RatingLow, Treatment: checklist.TreatmentAccept,
			Owner: "情報政策課", Approver: "CISO", ApprovedOn: checklist.NewDate(2026, time.April, 2), ReviewBy: checklist.NewDate(2027, time.March, 31)})
	}
	sheet, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := risksheet.FillDecisions(bytes.NewReader(sheet), &buf, ds); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRiskSheetCmd_RoundTrip(t *testing.T) {
	dir := t.TempDir()
	in := writeAssessmentJSON(t, dir, "a.json", sampleMutations)
	risk := filepath.Join(dir, "risk.xlsx")
	out, _ := mustRunCLI(t, exitOK, "risk-sheet", in, "-o", risk, "--date", "2026-04-01")
	if !strings.Contains(out, "指摘 3件") { // 2.2.4: no finding of 9.4.2 or 15.1.1 for their B controls
		t.Errorf("stdout: %s", out)
	}
	// Deterministic for the same inputs and date.
	risk2 := filepath.Join(dir, "risk2.xlsx")
	mustRunCLI(t, exitOK, "risk-sheet", in, "-o", risk2, "--date", "2026-04-01")
	b1, _ := os.ReadFile(risk)
	b2, _ := os.ReadFile(risk2)
	if !bytes.Equal(b1, b2) {
		t.Error("two runs with the same --date differ")
	}
	// Existing output without --force is a usage error.
	mustRunCLI(t, exitUsage, "risk-sheet", in, "-o", risk)

	filled := filepath.Join(dir, "filled.xlsx")
	fillRiskFile(t, risk, filled, in)
	js, _ := mustRunCLI(t, exitFindings, "findings", in, "--risk", filled, "--format", "json", "--as-of", "2026-04-10")
	var rep struct {
		Findings []struct {
			ID    string `json:"id"`
			State string `json:"state"`
			Level string `json:"risk_level"`
		} `json:"findings"`
		Risk struct {
			Counts map[string]int `json:"counts"`
		} `json:"risk"`
	}
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.State != "current" || f.Level != "low" {
			t.Errorf("%s: state %s level %s, want current low", f.ID, f.State, f.Level)
		}
	}

	// A new round where the CSP changed one answer: carry forward.
	mut := map[string]func(*checklist.Answer){}
	for k, v := range sampleMutations {
		mut[k] = v
	}
	mut["9.4.2.2.B"] = func(x *checklist.Answer) { x.Status, x.Reason = checklist.StatusNotApplicable, "新たな理由" }
	mut["3.1.2.1"] = func(x *checklist.Answer) { x.Status = checklist.StatusConforms }
	in2 := writeAssessmentJSON(t, dir, "b.json", mut)
	next := filepath.Join(dir, "next.xlsx")
	out, stderr := mustRunCLI(t, exitOK, "risk-sheet", in2, "-o", next, "--previous", filled, "--date", "2026-10-01")
	if !strings.Contains(out, "要再評価 1") || !strings.Contains(out, "指摘解消 1") {
		t.Errorf("stdout: %s\nstderr: %s", out, stderr)
	}
	table, _ := mustRunCLI(t, exitFindings, "findings", in2, "--risk", next, "--as-of", "2026-10-01")
	for _, s := range []string{"要再評価（回答変更）", "指摘事項に対応しない判断", "3.1.2.1"} {
		if !strings.Contains(table, s) {
			t.Errorf("table lacks %q:\n%s", s, table)
		}
	}
}

func TestRiskSheetCmd_Errors(t *testing.T) {
	dir := t.TempDir()
	in := writeAssessmentJSON(t, dir, "a.json", sampleMutations)
	notRisk := filepath.Join(dir, "x.xlsx")
	os.WriteFile(notRisk, []byte("PK\x03\x04junk"), 0o644)
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no output", []string{"risk-sheet", in}, exitUsage},
		{"bad date", []string{"risk-sheet", in, "-o", filepath.Join(dir, "o.xlsx"), "--date", "x"}, exitUsage},
		{"bad previous", []string{"risk-sheet", in, "-o", filepath.Join(dir, "o2.xlsx"), "--previous", notRisk}, exitInput},
		{"bad risk on findings", []string{"findings", in, "--risk", notRisk}, exitInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d\n%s", code, tt.want, stderr)
			}
		})
	}
}

// TestFindingsCmd_Workbook runs findings and risk-sheet on a completed
// workbook (not JSON): generate → CSP fills → findings → risk-sheet.
func TestFindingsCmd_Workbook(t *testing.T) {
	dir := t.TempDir()
	cat, err := loadEdition("2022-04-01")
	if err != nil {
		t.Fatal(err)
	}
	var blank, filled bytes.Buffer
	req := checklist.Request{Agency: "架空省", Reference: "R-1", Date: checklist.NewDate(2026, time.March, 1)}
	if err := xlsx.Write(&blank, cat, req, xlsx.WriteOptions{ToolVersion: "test"}); err != nil {
		t.Fatal(err)
	}
	var answers []checklist.Answer
	for _, it := range cat.Requirements() {
		x := checklist.Answer{ID: it.ID, Status: checklist.StatusConforms, Implementation: "実施", Evidence: "規程", Responsibility: checklist.RespCSP}
		if f, ok := sampleMutations[it.ID]; ok {
			f(&x)
		}
		answers = append(answers, x)
	}
	if err := xlsx.Fill(&blank, &filled, answers, checklist.CSPCover{RespondentName: "山田"}, checklist.InterimFacts{}, nil); err != nil {
		t.Fatal(err)
	}
	wb := filepath.Join(dir, "answers.xlsx")
	if err := os.WriteFile(wb, filled.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := mustRunCLI(t, exitFindings, "findings", wb, "--format", "csv")
	for _, id := range []string{"3.1.2.1", "9.4.2.2.B", "15.1.1.16.B"} {
		if !strings.Contains(out, "\n"+id+",") {
			t.Errorf("csv lacks %s:\n%s", id, out)
		}
	}
	risk := filepath.Join(dir, "risk.xlsx")
	mustRunCLI(t, exitOK, "risk-sheet", wb, "-o", risk)
	_, sheet, err := (&app{}).readRiskFile(risk, &inputFlags{maxSize: input.DefaultMaxSize}, nil)
	ds, msgs := sheet.Decisions, sheet.Messages
	if err != nil || len(msgs) != 0 || len(ds) != 0 {
		t.Errorf("blank risk sheet: %d decisions, messages %v, err %v", len(ds), msgs, err)
	}
}
