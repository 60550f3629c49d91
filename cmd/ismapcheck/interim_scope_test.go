package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
)

// 2021-07-06 decision, 3: "interim check --from" and "report" judge the
// same cover with the same function (checklist.EvaluateInterimCase), so
// for every organisation kind the cover states (--agency-type at
// generate), and for none, they give the same verdict and notes, the day
// before, on and after 2022-04-01.
func TestInterimCheckAndReportAgreeOnScope(t *testing.T) {
	dir := t.TempDir()
	facts := checklist.InterimFacts{Alternative: "no", SaaSAwaitingIaaS: "yes", Application: "expected", UseStart: checklist.NewDate(2022, 1, 4)}
	workbook := func(kind string) string {
		t.Helper()
		name := "kind-" + kind + ".xlsx"
		if kind == "" {
			name = "kind-none.xlsx"
		}
		blank := filepath.Join(dir, "blank-"+name)
		args := []string{"generate", "-o", blank, "--date", "2022-03-01", "--interim-category", "2", "--service-model", "SaaS"}
		if kind != "" {
			args = append(args, "--agency-type", kind)
		}
		mustRunCLI(t, exitOK, args...)
		in, err := os.ReadFile(blank)
		if err != nil {
			t.Fatal(err)
		}
		var filled bytes.Buffer
		if err := xlsx.Fill(bytes.NewReader(in), &filled, nil, checklist.CSPCover{}, facts, nil); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, filled.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, kind, date string
		wantNote         string // substring of the last English note; "" when no scope note
	}{
		{"independent agency the day before", "independent-agency", "2022-03-31", "does not yet cover"},
		{"designated corporation on the first day", "designated-corporation", "2022-04-01", "is covered by ISMAP from 2022-04-01 (3)"},
		{"ministry later", "ministry", "2022-04-02", ""},
		{"kind not stated the day before", "", "2022-03-31", "cannot be judged"},
		{"kind not stated on the first day", "", "2022-04-01", "whichever kind it is (3)"},
	}
	made := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := made[tt.kind]
			if !ok {
				p = workbook(tt.kind)
				made[tt.kind] = p
			}
			out, _ := runCLIOK(t, "interim", "check", "--format", "json", "--from", p, "--as-of", tt.date)
			check := decodeInterim(t, out)
			pdfPath := filepath.Join(t.TempDir(), "report.pdf")
			mustRunCLI(t, exitOK, "report", p, "--date", tt.date, "-o", pdfPath)
			rec := recordOf(t, pdfPath)
			if rec.Interim == nil {
				t.Fatal("the report has no interim verdict")
			}
			if !slices.Equal(check.NotesEN, rec.Interim.NotesEN) || check.Active != rec.Interim.Active || check.Eligible != rec.Interim.Eligible {
				t.Fatalf("interim check and report disagree:\ncheck  %v active %v\nreport %v active %v", check.NotesEN, check.Active, rec.Interim.NotesEN, rec.Interim.Active)
			}
			last := check.NotesEN[len(check.NotesEN)-1]
			scope := strings.HasSuffix(last, "(3)") || strings.Contains(last, "(from 2022-04-01, 3)")
			if tt.wantNote == "" && scope {
				t.Errorf("a ministry got a scope note %q", last)
			}
			if tt.wantNote != "" && !strings.Contains(last, tt.wantNote) {
				t.Errorf("last note %q, want %q", last, tt.wantNote)
			}
		})
	}
	t.Run("--agency-type overrides the cover", func(t *testing.T) {
		p, ok := made["independent-agency"]
		if !ok {
			p = workbook("independent-agency")
		}
		out, _ := runCLIOK(t, "interim", "check", "--format", "json", "--from", p, "--as-of", "2022-03-31", "--agency-type", "ministry")
		for _, n := range decodeInterim(t, out).NotesEN {
			if strings.Contains(n, "(3)") {
				t.Errorf("--agency-type ministry kept the scope note %q", n)
			}
		}
	})
}

// runCLIOK runs the command and accepts exit 0 or 1 (interim check exits
// 1 when the period is not running).
func runCLIOK(t *testing.T, args ...string) (string, string) {
	t.Helper()
	stdout, stderr, code := runCLI(t, args...)
	if code != exitOK && code != exitFindings {
		t.Fatalf("ismapcheck %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	return stdout, stderr
}

// The organisation kind is an agency field like the others: --agency-type
// or the request file's agency_type (flags win), shown locked on the cover
// as its drop-down entry; a value that is not a kind is refused.
func TestGenerateAgencyType(t *testing.T) {
	dir := t.TempDir()
	req := filepath.Join(dir, "req.json")
	if err := os.WriteFile(req, []byte(`{"agency": "架空機構", "agency_type": "独立行政法人"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"flag", []string{"--agency-type", "designated-corporation"}, "指定法人 / designated corporation"},
		{"request file, in Japanese", []string{"--request", req}, "独立行政法人 / independent agency"},
		{"flag wins over the file", []string{"--request", req, "--agency-type", "ministry"}, "府省庁 / ministry"},
		{"not given", nil, ""},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.Repeat("x", i+1)+".xlsx")
			mustRunCLI(t, exitOK, append([]string{"generate", "-o", out, "--date", "2026-03-01"}, tt.args...)...)
			if got := generatedCoverValue(t, out, "agency_type"); got != tt.want {
				t.Errorf("cover agency_type = %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("bad flag", func(t *testing.T) {
		_, stderr, code := runCLI(t, "generate", "-o", filepath.Join(dir, "bad.xlsx"), "--agency-type", "city")
		if code != exitUsage || !strings.Contains(stderr, "--agency-type") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
	t.Run("bad request value", func(t *testing.T) {
		p := filepath.Join(dir, "bad.json")
		if err := os.WriteFile(p, []byte(`{"agency_type": "city"}`), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := runCLI(t, "generate", "-o", filepath.Join(dir, "bad.xlsx"), "--request", p)
		if code != exitInput || !strings.Contains(stderr, "agency_type") || !strings.Contains(stderr, p) {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
}
