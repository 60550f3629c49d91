package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/xuri/excelize/v2"
)

func TestFeedbackCmd(t *testing.T) {
	dir := t.TempDir()
	bad := ingestWriteFile(t, dir, "bad.xlsx", ingestBadWorkbook(t))
	good := ingestWriteFile(t, dir, "good.xlsx", ingestGoodWorkbook(t))
	before := ingestHash(t, bad)
	pack := filepath.Join(dir, "corrections.xlsx")

	t.Run("problems: pack written, exit 1, counts by code", func(t *testing.T) {
		stdout, _ := mustRunCLI(t, exitFindings, "feedback", bad, "-o", pack, "--date", "2026-04-01", "--lang", "en")
		for _, want := range []string{"wrote " + pack, "1 to fix", "invalid_status", "   1"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("stdout lacks %q:\n%s", want, stdout)
			}
		}
		if ingestHash(t, bad) != before {
			t.Error("feedback modified its input")
		}
		f, err := excelize.OpenFile(pack)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if f.GetSheetList()[0] != xlsx.SheetCorrections {
			t.Errorf("sheets %q", f.GetSheetList())
		}
	})
	t.Run("the pack ingests like the workbook", func(t *testing.T) {
		_, errOrig := mustRunCLI(t, exitFindings, "ingest", bad, "--as-of", "2026-04-01")
		_, errPack := mustRunCLI(t, exitFindings, "ingest", pack, "--as-of", "2026-04-01")
		if strings.ReplaceAll(errPack, pack, bad) != errOrig {
			t.Errorf("messages differ\noriginal:\n%s\npack:\n%s", errOrig, errPack)
		}
	})
	t.Run("existing output needs --force", func(t *testing.T) {
		mustRunCLI(t, exitUsage, "feedback", bad, "-o", pack)
		mustRunCLI(t, exitFindings, "feedback", bad, "-o", pack, "--force")
	})
	t.Run("clean workbook: exit 0", func(t *testing.T) {
		stdout, _ := mustRunCLI(t, exitOK, "feedback", good, "-o", filepath.Join(dir, "none.xlsx"), "--lang", "en")
		if !strings.Contains(stdout, "nothing to correct") {
			t.Errorf("stdout %q", stdout)
		}
	})
	t.Run("bad calls", func(t *testing.T) {
		js := filepath.Join(dir, "a.json")
		os.WriteFile(js, []byte(`{"schema_version":1}`), 0o644)
		junk := filepath.Join(dir, "junk.xlsx")
		os.WriteFile(junk, []byte("not a zip"), 0o644)
		for _, tc := range []struct {
			name string
			args []string
			code int
		}{
			{"no output", []string{"feedback", bad}, exitUsage},
			{"macro workbook to .xlsx", []string{"feedback", filepath.Join(dir, "m.xlsm"), "-o", filepath.Join(dir, "v.xlsx")}, exitUsage},
			{"plain workbook to .xlsm", []string{"feedback", bad, "-o", filepath.Join(dir, "v.xlsm")}, exitUsage},
			{"assessment JSON", []string{"feedback", js, "-o", filepath.Join(dir, "x.xlsx")}, exitUsage},
			{"not a workbook", []string{"feedback", junk, "-o", filepath.Join(dir, "y.xlsx")}, exitInput},
			{"missing file", []string{"feedback", filepath.Join(dir, "nope.xlsx"), "-o", filepath.Join(dir, "z.xlsx")}, exitInput},
			{"too large", []string{"feedback", bad, "-o", filepath.Join(dir, "w.xlsx"), "--max-size", "100"}, exitInput},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, stderr, code := runCLI(t, tc.args...)
				if code != tc.code {
					t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
				}
				if code != exitFindings && strings.Count(stderr, "ismapcheck:") != 1 {
					t.Errorf("want one error, got:\n%s", stderr)
				}
			})
		}
		for _, p := range []string{"x.xlsx", "y.xlsx", "z.xlsx", "w.xlsx", "v.xlsx", "v.xlsm"} {
			if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
				t.Errorf("%s written after an error", p)
			}
		}
	})
}

// TestFeedbackCountsAlign: the per-code counts of the summary form one
// column, also when a code is longer than the usual width (the demo's
// round 1 has na_on_governance_management).
func TestFeedbackCountsAlign(t *testing.T) {
	dir := runDemo(t)
	stdout, _ := mustRunCLI(t, exitFindings, "feedback", filepath.Join(dir, "02-checklist-csp-round1.xlsx"),
		"-o", filepath.Join(t.TempDir(), "c.xlsx"), "--date", "2023-02-15")
	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")[1:]
	if len(lines) < 2 || !strings.Contains(stdout, "na_on_governance_management") {
		t.Fatalf("unexpected summary:\n%s", stdout)
	}
	for _, l := range lines[1:] {
		if len(l) != len(lines[0]) {
			t.Errorf("counts do not line up:\n%s", stdout)
			break
		}
	}
}
