package main

import (
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

func TestGroupCommandsRefuseTypos(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		code    int
		suggest string // "" = no suggestion expected
	}{
		{"catalog typo", []string{"catalog", "lst"}, exitUsage, `did you mean "list"`},
		{"interim typo", []string{"--lang", "en", "interim", "chek"}, exitUsage, `did you mean "check"`},
		{"catalog nonsense", []string{"--lang", "en", "catalog", "zzzzzz"}, exitUsage, ""},
		{"root typo", []string{"--lang", "en", "ingst", "x"}, exitUsage, `did you mean "ingest"`},
		{"catalog alone shows help", []string{"catalog"}, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout, stderr)
			}
			if tt.code == exitOK {
				if !strings.Contains(stdout, "Available Commands") || stderr != "" {
					t.Errorf("want help on stdout, got stdout %q stderr %q", stdout, stderr)
				}
				return
			}
			if stdout != "" {
				t.Errorf("a usage error printed help: %q", stdout)
			}
			if tt.suggest != "" && !strings.Contains(stderr, tt.suggest) {
				t.Errorf("no suggestion %q in:\n%s", tt.suggest, stderr)
			}
			if tt.suggest == "" && strings.Contains(stderr, "did you mean") {
				t.Errorf("unexpected suggestion:\n%s", stderr)
			}
		})
	}
	// Every command that only groups others refuses typos, not just the
	// two the issue found.
	root := newRootCmd(&app{stdout: io.Discard, stderr: io.Discard, lang: "ja"})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c != root && c.HasSubCommands() && c.RunE == nil {
			t.Errorf("%s groups subcommands but accepts typos", c.CommandPath())
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
}

func TestUsageErrorsPrintOnce(t *testing.T) {
	tests := [][]string{
		{"findings"},
		{"ingest"},
		{"ingest", "--bogus", "x"},
		{"catalog", "show", "--format"},
		{"ingest", "--max-size", "abc", "x"},
		{"catalog", "lst"},
		{"no-such-command"},
		{"version", "extra"},
	}
	for _, args := range tests {
		for _, lang := range []string{"ja", "en"} {
			t.Run(lang+" "+strings.Join(args, " "), func(t *testing.T) {
				_, stderr, code := runCLI(t, append([]string{"--lang", lang}, args...)...)
				if code != exitUsage {
					t.Fatalf("exit %d, want 2\n%s", code, stderr)
				}
				if n := strings.Count(stderr, "ismapcheck:"); n != 1 {
					t.Errorf("%d errors printed, want 1:\n%s", n, stderr)
				}
				lines := strings.Split(strings.TrimSpace(stderr), "\n")
				if len(lines) > 2 {
					t.Errorf("more than one line per language:\n%s", stderr)
				}
				if len(lines) == 2 {
					a := strings.TrimPrefix(lines[0], "ismapcheck: ")
					b := strings.TrimSpace(lines[1])
					if strings.Contains(a, b) || strings.Contains(b, a) {
						t.Errorf("the same text twice:\n%s", stderr)
					}
				}
				if lang == "ja" && !strings.Contains(stderr, "使い方の誤り") {
					t.Errorf("no Japanese label:\n%s", stderr)
				}
			})
		}
	}
}

func TestVersionFlag(t *testing.T) {
	flag, _ := mustRunCLI(t, exitOK, "--version")
	cmd, _ := mustRunCLI(t, exitOK, "version")
	if flag != cmd || !strings.HasPrefix(flag, "ismapcheck ") {
		t.Errorf("--version %q, version %q", flag, cmd)
	}
}

func TestCompletionValues(t *testing.T) {
	complete := func(t *testing.T, args ...string) []string {
		t.Helper()
		out, _ := mustRunCLI(t, exitOK, append([]string{"__complete"}, args...)...)
		var vals []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if !strings.HasPrefix(l, ":") {
				vals = append(vals, l)
			}
		}
		return vals
	}
	t.Run("lang", func(t *testing.T) {
		if got := complete(t, "findings", "--lang", ""); !slices.Equal(got, langValues) {
			t.Errorf("got %q", got)
		}
	})
	for flag, byCmd := range flagValues {
		for path, want := range byCmd {
			t.Run(path+" --"+flag, func(t *testing.T) {
				args := append(strings.Fields(path)[1:], "--"+flag, "")
				if got := complete(t, args...); !slices.Equal(got, want) {
					t.Errorf("got %q, want %q", got, want)
				}
			})
		}
	}
	// Every command with such a flag offers its values.
	root := newRootCmd(&app{stdout: io.Discard, stderr: io.Discard, lang: "ja"})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for flag, byCmd := range flagValues {
			if c.LocalNonPersistentFlags().Lookup(flag) != nil && byCmd[c.CommandPath()] == nil {
				t.Errorf("%s has --%s but completion offers no values (add it to flagValues)", c.CommandPath(), flag)
			}
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
}

func TestIngestCountLines(t *testing.T) {
	dir := t.TempDir()
	bad := ingestWriteFile(t, dir, "bad.xlsx", ingestBadWorkbook(t))
	good := ingestWriteFile(t, dir, "good.xlsx", ingestGoodWorkbook(t))
	junk := ingestWriteFile(t, dir, "junk.xlsx", []byte("not a workbook"))
	stdout, stderr, code := runCLI(t, "--lang", "en", "ingest", bad, good, junk)
	if code != exitInput {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if want := bad + ": by code: invalid_status 1\n"; !strings.Contains(stderr, want) {
		t.Errorf("no count line %q in:\n%s", want, stderr)
	}
	if strings.Contains(stderr, good+": by code") {
		t.Errorf("a clean file got a count line:\n%s", stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	want := "total 3 files: 1 unreadable, 1 with errors; errors 1, warnings 0"
	if lines[len(lines)-1] != want {
		t.Errorf("last line %q, want %q", lines[len(lines)-1], want)
	}
	one, _ := mustRunCLI(t, exitFindings, "ingest", bad)
	if strings.Contains(one, "合計") {
		t.Errorf("a single file got a totals line:\n%s", one)
	}
}
