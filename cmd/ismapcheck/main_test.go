package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// fixedNow is the clock every in-process test runs with, so outputs that
// carry a date are deterministic: 2026-03-31 10:00 JST.
var fixedNow = time.Date(2026, 3, 31, 10, 0, 0, 0, time.FixedZone("JST", 9*60*60))

// runCLI runs the command line in-process with the fixed clock and an empty
// stdin, and returns what it wrote and its exit code.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runCLIWithInput(t, "", args...)
}

// runCLIWithInput is runCLI with stdin holding input.
func runCLIWithInput(t *testing.T, input string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{
		stdin:  strings.NewReader(input),
		stdout: &out,
		stderr: &errb,
		lang:   "ja",
		now:    func() time.Time { return fixedNow },
	}
	code = a.run(args)
	return out.String(), errb.String(), code
}

// mustRunCLI is runCLI that fails the test unless the exit code is want.
func mustRunCLI(t *testing.T, want int, args ...string) (stdout, stderr string) {
	t.Helper()
	stdout, stderr, code := runCLI(t, args...)
	if code != want {
		t.Fatalf("ismapcheck %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, stdout, stderr)
	}
	return stdout, stderr
}

func TestRunCLIVersion(t *testing.T) {
	out, _ := mustRunCLI(t, exitOK, "version")
	if !strings.HasPrefix(out, "ismapcheck ") || len(strings.TrimSpace(out)) <= len("ismapcheck") {
		t.Errorf("version printed %q, want \"ismapcheck <version>\"", out)
	}
}

func TestRunCLIUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"unknown command", []string{"no-such-command"}},
		{"unknown flag", []string{"version", "--no-such-flag"}},
		{"bad lang", []string{"--lang", "fr", "version"}},
		{"extra argument", []string{"version", "extra"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			if stderr == "" {
				t.Error("no message on stderr")
			}
		})
	}
}
