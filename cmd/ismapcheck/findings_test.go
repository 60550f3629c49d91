package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// writeAssessmentJSON writes an assessment of the default edition: every
// requirement 適合, then mutate applied. It returns the file's path.
func writeAssessmentJSON(t *testing.T, dir, name string, mutate map[string]func(*checklist.Answer)) string {
	t.Helper()
	cat, err := loadEdition("2022-04-01")
	if err != nil {
		t.Fatal(err)
	}
	as := checklist.Assessment{Kind: checklist.AssessmentKind, SchemaVersion: checklist.AssessmentSchemaVersion, Edition: cat.Edition.ID,
		Source: checklist.Source{Name: "csp.xlsx", Size: 10, SHA256: strings.Repeat("c0", 32)}}
	for _, it := range cat.Requirements() {
		x := checklist.Answer{ID: it.ID, Status: checklist.StatusConforms, Implementation: "実施", Evidence: "規程"}
		if f, ok := mutate[it.ID]; ok {
			f(&x)
		}
		as.Answers = append(as.Answers, x)
	}
	b, err := json.Marshal(as)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var sampleMutations = map[string]func(*checklist.Answer){
	"3.1.2.1":     func(x *checklist.Answer) { x.Status, x.Reason = checklist.StatusPartial, "=HYPERLINK(\"x\")" },
	"9.4.2.2.B":   func(x *checklist.Answer) { x.Status = checklist.StatusNotApplicable },
	"15.1.1.16.B": func(x *checklist.Answer) { x.Status = checklist.StatusUnanswered },
	"6.3.1.P": func(x *checklist.Answer) {
		x.Status, x.Reason = checklist.StatusNotApplicable, "利用者との役割分担の規定を別契約で定めるため"
	},
}

func TestFindingsCmd_JSON(t *testing.T) {
	dir := t.TempDir()
	in := writeAssessmentJSON(t, dir, "a.json", sampleMutations)
	out, _ := mustRunCLI(t, exitFindings, "findings", in, "--format", "json")
	var rep struct {
		NeedsRiskAssessment int `json:"needs_risk_assessment"`
		Findings            []struct {
			ID        string   `json:"id"`
			Reasons   []string `json:"reasons"`
			CSPReason string   `json:"csp_reason"`
			Hash      string   `json:"answer_sha256"`
		} `json:"findings"`
		Exclusions []struct {
			ID       string `json:"id"`
			Exempted []struct {
				ID string `json:"id"`
			} `json:"exempted_b_controls"`
		} `json:"exclusions"`
		Summary struct {
			Parts []struct {
				Part string `json:"part"`
			} `json:"parts"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	got := map[string]string{}
	for _, f := range rep.Findings {
		got[f.ID] = strings.Join(f.Reasons, ",")
		if len(f.Hash) != 64 {
			t.Errorf("%s: answer hash %q", f.ID, f.Hash)
		}
	}
	// ISMAP管理基準 2.2.4: the objectives 9.4.2 and 15.1.1 answered 適合 are
	// no findings because of their B controls.
	want := map[string]string{
		"3.1.2.1":     "governance_not_conforming",
		"9.4.2.2.B":   "b_control_excluded",
		"15.1.1.16.B": "b_control_unanswered",
	}
	if len(got) != len(want) || rep.NeedsRiskAssessment != len(want) {
		t.Errorf("findings %v (count %d), want %v", got, rep.NeedsRiskAssessment, want)
	}
	for id, r := range want {
		if got[id] != r {
			t.Errorf("%s: reasons %q, want %q", id, got[id], r)
		}
	}
	if len(rep.Exclusions) != 1 || rep.Exclusions[0].ID != "6.3.1.P" || len(rep.Exclusions[0].Exempted) == 0 {
		t.Errorf("exclusions %+v, want 6.3.1.P with its B controls", rep.Exclusions)
	}
	if len(rep.Summary.Parts) != 3 {
		t.Errorf("summary parts %+v", rep.Summary.Parts)
	}
}

func TestFindingsCmd_NoFindingsExitsZero(t *testing.T) {
	in := writeAssessmentJSON(t, t.TempDir(), "a.json", nil)
	out, _ := mustRunCLI(t, exitOK, "findings", in)
	if !strings.Contains(out, "リスク評価が必要な項目: 0件") {
		t.Errorf("table:\n%s", out)
	}
}

func TestFindingsCmd_TableAndCSV(t *testing.T) {
	in := writeAssessmentJSON(t, t.TempDir(), "a.json", sampleMutations)
	ja, _ := mustRunCLI(t, exitFindings, "findings", in)
	for _, s := range []string{"リスク評価が必要な項目: 3件", "9.4.2.2.B", "統制目標が適用されるのにB管理策が対象外", "6.3.1.P", "適合率"} {
		if !strings.Contains(ja, s) {
			t.Errorf("Japanese table lacks %q:\n%s", s, ja)
		}
	}
	en, _ := mustRunCLI(t, exitFindings, "--lang", "en", "findings", in)
	if !strings.Contains(en, "B control not applicable while its objective applies") || !strings.Contains(en, "Items that need a risk assessment: 3") {
		t.Errorf("English table:\n%s", en)
	}
	for _, tc := range []struct{ lang, title string }{{"ja", "事業の取組みと情報セキュリティの整合"}, {"en", "Aligning business initiatives with security"}} {
		t.Run("csv "+tc.lang, func(t *testing.T) {
			out, _ := mustRunCLI(t, exitFindings, "--lang", tc.lang, "findings", in, "--format", "csv")
			body, bom := strings.CutPrefix(out, "\ufeff")
			if !bom {
				t.Errorf("no UTF-8 byte-order mark: Japanese Excel would read Shift_JIS")
			}
			if n := strings.Count(body, "\n"); n == 0 || strings.Count(body, "\r\n") != n {
				t.Errorf("want CRLF line ends:\n%q", body)
			}
			recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
			if err != nil || len(recs) != 4 {
				t.Fatalf("csv: %v, %d records\n%s", err, len(recs), out)
			}
			col := map[string]int{}
			for i, h := range recs[0] {
				col[h] = i
			}
			if recs[0][0] != "id" || recs[0][1] != "title" {
				t.Errorf("header %q: want id, title first", recs[0])
			}
			if recs[1][col["id"]] != "3.1.2.1" || recs[1][col["title"]] != tc.title {
				t.Errorf("first row %q: want 3.1.2.1 titled %q", recs[1], tc.title)
			}
			if !strings.HasPrefix(recs[1][col["csp_reason"]], "'=") {
				t.Errorf("CSP text starting with = must be defused in CSV: %q", recs[1])
			}
		})
	}
}

func TestFindingsCmd_BadInput(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.json")
	os.WriteFile(junk, []byte("{not json"), 0o644)
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"missing file", []string{"findings", filepath.Join(dir, "nope.json")}, exitInput},
		{"not JSON", []string{"findings", junk}, exitInput},
		{"bad format", []string{"findings", junk, "--format", "xml"}, exitUsage},
		{"bad as-of", []string{"findings", junk, "--as-of", "someday"}, exitUsage},
		{"no file", []string{"findings"}, exitUsage},
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

// ISMAP管理基準 2.2.4 and README section 3: the rate printed is the one
// computed. 6.3.1.P is excluded with a reason, so its B controls (answered
// 適合 here) leave numerator and base; the table's footnote, the JSON and
// --help give the same formula and numbers. The B control 9.4.2.2.B under
// the objective 9.4.2 answered 適合 carries the inconsistency as a warning.
func TestFindingsCmd_2_2_4_RateFormulaPrintedIsComputed(t *testing.T) {
	in := writeAssessmentJSON(t, t.TempDir(), "a.json", sampleMutations)
	out, _ := mustRunCLI(t, exitFindings, "findings", in, "--format", "json")
	var rep struct {
		Findings []struct {
			ID       string `json:"id"`
			Warnings []struct {
				Code string `json:"code"`
				Ref  string `json:"ref"`
			} `json:"warnings"`
		} `json:"findings"`
		Summary struct {
			Total checklist.Counts `json:"total"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	tot := rep.Summary.Total
	// Every requirement is 適合 but 3.1.2.1 (一部適合), 9.4.2.2.B (対象外,
	// rejected), 15.1.1.16.B (unanswered) and 6.3.1.P (excluded) with its
	// exempt B controls.
	if tot.Exempt == 0 || tot.RateBase != tot.Items-1-1-tot.Exempt || tot.RateConforms != tot.RateBase-2 {
		t.Errorf("total %+v: want exempt B controls and the excluded objective out of the rate", tot)
	}
	if want := float64(tot.RateConforms) / float64(tot.RateBase); tot.ConformanceRate != want {
		t.Errorf("rate %v, want %v", tot.ConformanceRate, want)
	}
	warned := ""
	for _, f := range rep.Findings {
		for _, w := range f.Warnings {
			warned += f.ID + ":" + w.Code + ":" + w.Ref + " "
		}
	}
	if warned != "9.4.2.2.B:objective_conforms_b_short:9.4.2 " {
		t.Errorf("warnings %q, want one on 9.4.2.2.B naming 9.4.2", warned)
	}

	table, _ := mustRunCLI(t, exitFindings, "findings", in)
	line := fmt.Sprintf("合計: %d ÷ %d = %.1f%%", tot.RateConforms, tot.RateBase, 100*tot.ConformanceRate)
	for _, s := range []string{"適合率 = 適合 ÷（適合 + 一部適合 + 不適合 + 認められない対象外）", line, "警告: 統制目標 9.4.2 は適合と回答"} {
		if !strings.Contains(table, s) {
			t.Errorf("table lacks %q:\n%s", s, table)
		}
	}
	help, _ := mustRunCLI(t, exitOK, "findings", "--help")
	if !strings.Contains(help, "Conformance rate = 適合 / (適合 + 一部適合 + 不適合 + rejected 対象外)") || strings.Contains(help, "answered − 対象外") ||
		strings.Contains(help, "objective_b_control_short") {
		t.Errorf("--help does not give the computed formula:\n%s", help)
	}
}
