package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// TestRoundsReadThroughTheInputLayer: diff, generate --from and portfolio
// read like every other command: special files are refused without being
// opened (no hang), "-" reads standard input, a risk sheet of another
// case is refused, and an output never replaces an input.
func TestRoundsReadThroughTheInputLayer(t *testing.T) {
	dir := runDemo(t)
	p := func(n string) string { return filepath.Join(dir, n) }
	tmp := t.TempDir()
	fifo := filepath.Join(tmp, "round.xlsx")
	haveFIFO := mkfifo(fifo) == nil

	t.Run("diff reads NEW from standard input", func(t *testing.T) {
		b, err := os.ReadFile(p("08-assessment-round2.json"))
		if err != nil {
			t.Fatal(err)
		}
		out, stderr, code := runCLIWithInput(t, string(b), "diff", p("03-assessment-round1.json"), "-", "--date", "2023-02-15", "--lang", "en")
		if code != exitFindings || !strings.Contains(out, "answers changed 2") {
			t.Errorf("exit %d\n%s\n%s", code, out, stderr)
		}
		if _, _, code := runCLI(t, "diff", "-", "-"); code != exitUsage {
			t.Errorf("both from stdin: exit %d, want %d", code, exitUsage)
		}
	})
	t.Run("diff CSV is for Excel", func(t *testing.T) {
		out, _ := mustRunCLI(t, exitFindings, "diff", p("03-assessment-round1.json"), p("08-assessment-round2.json"), "--format", "csv")
		if !strings.HasPrefix(out, "\ufeffsection,id,old_id,field,old,new\r\n") {
			t.Errorf("CSV starts %q, want a BOM, the header and CRLF", out[:min(len(out), 60)])
		}
	})
	t.Run("diff --risk of another case is refused", func(t *testing.T) {
		b, err := os.ReadFile(p("03-assessment-round1.json"))
		if err != nil {
			t.Fatal(err)
		}
		other := filepath.Join(tmp, "other-agency.json")
		if err := os.WriteFile(other, []byte(strings.ReplaceAll(string(b), "架空-DX-2022-0042", "架空-DX-2022-0099")), 0o644); err != nil {
			t.Fatal(err)
		}
		stdout, stderr, code := runCLI(t, "diff", other, other, "--risk", p("06-risk-sheet-agency.xlsx"))
		if code != exitInput || stdout != "" || !strings.Contains(stderr, "06-risk-sheet-agency.xlsx") {
			t.Errorf("exit %d, stdout %q\n%s", code, stdout, stderr)
		}
	})
	t.Run("diff -o never replaces an input", func(t *testing.T) {
		cp := filepath.Join(tmp, "old.json")
		b, _ := os.ReadFile(p("03-assessment-round1.json"))
		if err := os.WriteFile(cp, b, 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := runCLI(t, "diff", cp, p("08-assessment-round2.json"), "-o", cp, "--force")
		if after, _ := os.ReadFile(cp); code != exitUsage || string(after) != string(b) {
			t.Errorf("exit %d, input changed: %v\n%s", code, string(after) != string(b), stderr)
		}
	})
	t.Run("generate --from to standard output", func(t *testing.T) {
		out, stderr, code := runCLI(t, "generate", "--from", p("07-checklist-csp-round2.xlsx"), "--date", "2024-02-15", "-o", "-")
		if code != exitOK || !strings.HasPrefix(out, "PK\x03\x04") {
			t.Fatalf("exit %d, stdout starts %q\n%s", code, out[:min(len(out), 8)], stderr)
		}
		// The summary, with the previous round's line, goes to stderr.
		if !strings.Contains(stderr, "07-checklist-csp-round2.xlsx") || !strings.Contains(stderr, "引き継いだ回答 234") {
			t.Errorf("summary on stderr:\n%s", stderr)
		}
	})
	t.Run("generate --from refuses a risk sheet and a FIFO", func(t *testing.T) {
		out := filepath.Join(tmp, "next.xlsx")
		_, stderr, code := runCLI(t, "generate", "--from", p("06-risk-sheet-agency.xlsx"), "-o", out)
		if code != exitInput || !strings.Contains(stderr, "リスク評価シート") {
			t.Errorf("risk sheet: exit %d\n%s", code, stderr)
		}
		if !haveFIFO {
			return
		}
		_, stderr, code = runCLI(t, "generate", "--from", fifo, "-o", out)
		if code != exitInput || !strings.Contains(stderr, "FIFO") {
			t.Errorf("FIFO: exit %d\n%s", code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("an output was written")
		}
	})
	t.Run("portfolio lists a special file as skipped", func(t *testing.T) {
		if !haveFIFO {
			t.Skip("no FIFOs on this system")
		}
		portfolioCase(t, tmp, "F-1", nil, checklist.Date{})
		out, stderr, code := runCLI(t, "portfolio", tmp, "--as-of", "2026-03-31", "--lang", "en")
		if code != exitFindings || !strings.Contains(stderr, "round.xlsx") || !strings.Contains(stderr, "FIFO") || !strings.Contains(out, "F-1") {
			t.Errorf("exit %d\nstderr %s\nout %s", code, stderr, out)
		}
	})
}
