package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// syntheticEditionPath is a file of the synthetic editions under testdata.
func syntheticEditionPath(name string) string {
	return filepath.Join("..", "..", "testdata", "editions", name)
}

func TestCatalogDiffCmd(t *testing.T) {
	older, newer := syntheticEditionPath("2090-01-01.csv"), syntheticEditionPath("2099-01-01.csv")
	cw := syntheticEditionPath("crosswalk-2090-2099.csv")
	t.Run("json with crosswalk", func(t *testing.T) {
		out, _ := mustRunCLI(t, exitFindings, "catalog", "diff", older, newer, "--crosswalk", cw, "--format", "json")
		var d checklist.EditionDiff
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatal(err)
		}
		if d.Added != 2 || d.Removed != 1 || d.Moved != 1 || d.Changed != 2 || d.Unchanged != 3 || len(d.Changes) != 6 {
			t.Errorf("counts: %+v", d)
		}
	})
	t.Run("table", func(t *testing.T) {
		out, _ := mustRunCLI(t, exitFindings, "catalog", "diff", older, newer, "--crosswalk", cw, "--lang", "en")
		for _, want := range []string{"unchanged 3, added 2, removed 1, moved 1, changed 2", "moved    4.4.1.1      4.4.1.2", "removed  3.1.2.3"} {
			if !strings.Contains(out, want) {
				t.Errorf("table lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("csv", func(t *testing.T) {
		out, _ := mustRunCLI(t, exitFindings, "catalog", "diff", older, newer, "--format", "csv")
		if !strings.Contains(out, "changed,4.4.1.1,4.4.1.1,management,,,title_ja;title_en;summary_ja;summary_en,") {
			t.Errorf("csv without crosswalk:\n%s", out)
		}
	})
	t.Run("embedded edition against itself", func(t *testing.T) {
		out, _ := mustRunCLI(t, exitOK, "catalog", "diff", "2022-04-01", "2022-04-01", "--lang", "en")
		if !strings.Contains(out, "unchanged 234, added 0") {
			t.Errorf("out:\n%s", out)
		}
	})
	bad := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"crosswalk names an unknown ID", []string{older, newer, "--crosswalk", writeTemp(t, "cw.csv", "old_id,new_id\n4.4.1.1,4.4.1.9\n")}, exitInput, "4.4.1.9 is not a requirement of edition 2099-01-01"},
		{"crosswalk is not one", []string{older, newer, "--crosswalk", newer}, exitInput, "番号対応表"},
		{"missing crosswalk", []string{older, newer, "--crosswalk", "no-such.csv"}, exitInput, "no-such.csv"},
		{"unknown edition", []string{"1999-01-01", newer}, exitInput, "1999-01-01"},
		{"bad format", []string{older, newer, "--format", "xml"}, exitUsage, "--format"},
		{"one argument", []string{older}, exitUsage, ""},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, append([]string{"catalog", "diff"}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", code, tt.code, tt.want, stderr)
			}
		})
	}
}
