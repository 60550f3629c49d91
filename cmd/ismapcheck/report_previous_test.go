package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist/pdf"
	"github.com/ismapcheck/ismapcheck/checklist/report"
)

// TestReportPrevious: with --previous, the report of round 2 has a section
// on what changed since round 1 (issue 16): exactly the demo's two changed
// answers, the finding round 2 resolved and the decision that became
// stale. The previous round is attached, named in Appendix B, recorded in
// the findings record, and verify re-runs it.
func TestReportPrevious(t *testing.T) {
	dir := runDemo(t)
	p := func(n string) string { return filepath.Join(dir, n) }
	out := filepath.Join(t.TempDir(), "r.pdf")
	mustRunCLI(t, exitOK, "report", p("07-checklist-csp-round2.xlsx"), "--risk", p("09-risk-sheet-round2.xlsx"),
		"--previous", p("02-checklist-csp-round1.xlsx"), "--date", "2023-02-15", "-o", out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := pdf.Extract(data)
	if err != nil {
		t.Fatal(err)
	}
	var rec report.Record
	attached := false
	for _, f := range ex.Files {
		switch f.Name {
		case "02-checklist-csp-round1.xlsx":
			attached = f.Relationship == report.RelSource
		case "07-checklist-csp-round2.findings.json":
			if err := json.Unmarshal(f.Data, &rec); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !attached {
		t.Error("the previous round is not attached as a source")
	}
	c := rec.Changes
	if c == nil || rec.Parameters.Previous != "02-checklist-csp-round1.xlsx" {
		t.Fatalf("record: changes %v, previous %q", c, rec.Parameters.Previous)
	}
	var ids []string
	for _, it := range c.Items {
		ids = append(ids, it.ID)
	}
	if strings.Join(ids, " ") != "12.4.1 18.2.3" || len(c.Stale) != 1 || c.Stale[0].ID != "12.4.1" ||
		len(c.Resolved) != 1 || c.Resolved[0].ID != "18.2.3" || len(c.Added) != 0 {
		t.Errorf("changes: items %v, stale %v, resolved %v, added %v", ids, c.Stale, c.Resolved, c.Added)
	}
	mustRunCLI(t, exitOK, "verify", out)

	if _, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"2.1 前回の回答からの変更", "2023-09-30 → 2023-12-31", "要再評価となった判断", "--previous"} {
			if !strings.Contains(string(txt), want) {
				t.Errorf("report text lacks %q", want)
			}
		}
	}

	// Without --previous the section is not there, and a previous round of
	// another case is refused.
	plain := filepath.Join(t.TempDir(), "plain.pdf")
	mustRunCLI(t, exitOK, "report", p("07-checklist-csp-round2.xlsx"), "--date", "2023-02-15", "-o", plain)
	if data, _ := os.ReadFile(plain); data != nil {
		if ex, err := pdf.Extract(data); err == nil && len(ex.Files) != 3 {
			t.Errorf("report without --previous attaches %d files, want 3", len(ex.Files))
		}
	}
	_, stderr, code := runCLI(t, "report", p("07-checklist-csp-round2.xlsx"), "--previous", p("portfolio/case-c.xlsx"),
		"--date", "2023-02-15", "-o", filepath.Join(t.TempDir(), "x.pdf"))
	if code != exitInput || !strings.Contains(stderr, "case-c.xlsx") {
		t.Errorf("previous round of another case: exit %d, %s", code, stderr)
	}
	// report has no --any-case, so the refusal must not offer it.
	if strings.Contains(stderr, "--any-case") {
		t.Errorf("report's refusal names --any-case, which report does not take: %s", stderr)
	}
}
