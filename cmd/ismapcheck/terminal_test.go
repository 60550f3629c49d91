package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
)

const hostileText = "理由\x1b]0;pwned\x07 \x1b[31mred\u009b31m\u202eevil"

// rawControls reports the raw control characters in s that termWriter
// must have escaped.
func rawControls(s string) bool {
	return strings.ContainsAny(s, "\x1b\x07\u009b\u202e")
}

func TestTerminalSafety(t *testing.T) {
	dir := t.TempDir()
	cat, err := loadEdition("2022-04-01")
	if err != nil {
		t.Fatal(err)
	}
	var objective string
	for _, it := range cat.Requirements() {
		if it.Level == checklist.LevelObjective {
			objective = it.ID
			break
		}
	}
	in := writeAssessmentJSON(t, dir, "in.json", map[string]func(*checklist.Answer){
		objective: func(x *checklist.Answer) { x.Status, x.Reason = checklist.StatusNotApplicable, hostileText },
	})
	t.Run("findings table", func(t *testing.T) {
		stdout, stderr, _ := runCLI(t, "findings", in)
		if rawControls(stdout) || rawControls(stderr) {
			t.Errorf("raw control characters reached the terminal:\n%q", stdout)
		}
		if !strings.Contains(stdout, `\x1b]0;pwned\x07`) || !strings.Contains(stdout, `\u202e`) {
			t.Errorf("the hostile reason is not shown escaped:\n%s", stdout)
		}
	})
	t.Run("findings JSON", func(t *testing.T) {
		stdout, _, _ := runCLI(t, "findings", in, "--format", "json")
		if rawControls(stdout) || !strings.Contains(stdout, `\u009b`) {
			t.Errorf("raw control characters in the JSON")
		}
	})
	t.Run("a file name in an error", func(t *testing.T) {
		bad := filepath.Join(dir, "x\x1b[2Jy.json")
		if err := os.WriteFile(bad, []byte(`{"schema_version":1,"kind":"`+"\u009b"+`"}`), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := runCLI(t, "findings", bad)
		if code != exitInput || rawControls(stderr) || !strings.Contains(stderr, "y.json") {
			t.Errorf("exit %d stderr %q", code, stderr)
		}
	})
	t.Run("escapes", func(t *testing.T) {
		for in, want := range map[string]string{
			"plain 日本語\n\tend": "plain 日本語\n\tend",
			"a\x1bb":           `a\x1bb`,
			"\u0085":           `\u0085`,
			"\u2066x\u2069":    `\u2066x\u2069`,
			"bad\xffbyte":      `bad\xffbyte`,
			"\r":               `\x0d`,
		} {
			if got := termEscape(in); got != want {
				t.Errorf("termEscape(%q) = %q, want %q", in, got, want)
			}
		}
	})
}
