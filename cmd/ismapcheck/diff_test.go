package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// sharedDemo is one run of the demo that tests read but never write.
var sharedDemo struct {
	once    sync.Once
	dir     string
	listing string // what the demo printed
	err     error
}

// runDemo returns the directory of the shared demo run, running the demo
// on first use. TestMain removes it.
func runDemo(t *testing.T) string {
	t.Helper()
	sharedDemo.once.Do(func() {
		base, err := os.MkdirTemp("", "ismapcheck-demo-")
		if err != nil {
			sharedDemo.err = err
			return
		}
		sharedDemo.dir = filepath.Join(base, "demo")
		stdout, stderr, code := runCLI(t, "demo", "-o", sharedDemo.dir)
		if code != exitOK {
			sharedDemo.err = fmt.Errorf("demo exit %d: %s", code, stderr)
		}
		sharedDemo.listing = stdout
	})
	if sharedDemo.err != nil {
		t.Fatal(sharedDemo.err)
	}
	return sharedDemo.dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDemo.dir != "" {
		os.RemoveAll(filepath.Dir(sharedDemo.dir))
	}
	if pdfaCheck.path != "" {
		os.RemoveAll(filepath.Dir(pdfaCheck.path))
	}
	os.Exit(code)
}

func TestDiffOnDemoRounds(t *testing.T) {
	dir := runDemo(t)
	p := func(n string) string { return filepath.Join(dir, n) }
	t.Run("workbooks with the risk sheet", func(t *testing.T) {
		out, _ := mustRunCLI(t, exitFindings, "diff", p("02-checklist-csp-round1.xlsx"), p("07-checklist-csp-round2.xlsx"),
			"--risk", p("06-risk-sheet-agency.xlsx"), "--date", "2023-02-15", "--format", "json")
		var d checklist.RoundDiff
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, it := range d.Items {
			ids = append(ids, it.ID)
		}
		// The scenario's round 2 changes exactly two answers.
		if !reflect.DeepEqual(ids, []string{"12.4.1", "18.2.3"}) {
			t.Errorf("changed items %v, want 12.4.1 and 18.2.3", ids)
		}
		if len(d.Stale) != 1 || d.Stale[0].ID != "12.4.1" || !d.Decisions {
			t.Errorf("stale decisions %+v, want 12.4.1", d.Stale)
		}
		if len(d.Moved) != 1 || d.Moved[0].ID != "12.4.1" || !d.Moved[0].Later {
			t.Errorf("moved dates %+v", d.Moved)
		}
		if len(d.Resolved) != 1 || d.Resolved[0].ID != "18.2.3" || len(d.Added) != 0 || len(d.Cover) != 0 {
			t.Errorf("findings: new %+v resolved %+v cover %+v", d.Added, d.Resolved, d.Cover)
		}
	})
	t.Run("assessments, table and workbook", func(t *testing.T) {
		xl := filepath.Join(t.TempDir(), "diff.xlsx")
		out, _ := mustRunCLI(t, exitFindings, "diff", p("03-assessment-round1.json"), p("08-assessment-round2.json"), "-o", xl, "--lang", "en", "--date", "2023-02-15")
		if !strings.Contains(out, "answers changed 2, new findings 0, resolved findings 1, decisions now stale - (no --risk), planned dates moved 1") {
			t.Errorf("table:\n%s", out)
		}
		f, err := excelize.OpenFile(xl)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("Changes")
		if err != nil || len(rows) != 1+5 {
			t.Fatalf("Changes sheet: %d rows, %v", len(rows), err)
		}
		if rows[1][1] != "12.4.1" || rows[1][3] != "Reason" {
			t.Errorf("first change row %q", rows[1])
		}
		if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"Changes", "Findings", "Planned dates"}) {
			t.Errorf("sheets %v", got)
		}
		_, stderr, code := runCLI(t, "diff", p("03-assessment-round1.json"), p("08-assessment-round2.json"), "-o", xl)
		if code != exitUsage || !strings.Contains(stderr, "--force") {
			t.Errorf("overwrite without --force: exit %d, %s", code, stderr)
		}
	})
	t.Run("a round against itself", func(t *testing.T) {
		out, _ := mustRunCLI(t, exitOK, "diff", p("03-assessment-round1.json"), p("02-checklist-csp-round1.xlsx"), "--date", "2023-02-15", "--lang", "en")
		if !strings.Contains(out, "answers changed 0, new findings 0, resolved findings 0") {
			t.Errorf("out:\n%s", out)
		}
	})
	t.Run("another case", func(t *testing.T) {
		b, err := os.ReadFile(p("08-assessment-round2.json"))
		if err != nil {
			t.Fatal(err)
		}
		other := filepath.Join(t.TempDir(), "other.json")
		if err := os.WriteFile(other, []byte(strings.ReplaceAll(string(b), "架空-DX-2022-0042", "架空-DX-2022-0099")), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := runCLI(t, "diff", p("03-assessment-round1.json"), other)
		if code != exitInput || !strings.Contains(stderr, "別の案件") {
			t.Errorf("exit %d, stderr %s", code, stderr)
		}
		mustRunCLI(t, exitFindings, "diff", p("03-assessment-round1.json"), other, "--any-case")
	})
	t.Run("the demo shows diff, prefill and a portfolio", func(t *testing.T) {
		txt, err := os.ReadFile(p("12-diff-round1-round2.txt"))
		if err != nil || !strings.Contains(string(txt), "回答が変わった項目 2、新たな指摘 0、解消した指摘 1、要再評価となった判断 1") {
			t.Errorf("diff text %v:\n%s", err, txt)
		}
		if got := generatedMetaValue(t, p("13-next-round-prefilled.xlsx"), "previous_round"); got != "07-checklist-csp-round2.xlsx" {
			t.Errorf("prefilled workbook follows %q", got)
		}
		pf, err := os.ReadFile(p("14-portfolio.txt"))
		if err != nil || !strings.Contains(string(pf), "案件 3（ファイル 5、読み飛ばし 0）、リスク評価シートのない案件 1") {
			t.Errorf("portfolio text %v:\n%s", err, pf)
		}
		if _, err := os.Stat(p("14-portfolio.xlsx")); err != nil {
			t.Error(err)
		}
	})
	t.Run("bad format", func(t *testing.T) {
		_, _, code := runCLI(t, "diff", p("03-assessment-round1.json"), p("08-assessment-round2.json"), "--format", "xml")
		if code != exitUsage {
			t.Errorf("exit %d", code)
		}
	})
}
