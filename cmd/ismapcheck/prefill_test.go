package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
)

// sameAnswers compares the content of two answer lists (not where each
// answer came from).
func sameAnswers(t *testing.T, got, want []checklist.Answer) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d answers, want %d", len(got), len(want))
	}
	for i := range want {
		if checklist.AnswerHash(got[i]) != checklist.AnswerHash(want[i]) {
			t.Errorf("%s: got %+v, want %+v", want[i].ID, got[i], want[i])
		}
	}
}

func TestGenerateFromPreviousRound(t *testing.T) {
	dir := runDemo(t)
	p := func(n string) string { return filepath.Join(dir, n) }
	prev := ingestLoadJSON(t, p("08-assessment-round2.json"))
	for _, from := range []string{"07-checklist-csp-round2.xlsx", "08-assessment-round2.json"} {
		t.Run(from, func(t *testing.T) {
			tmp := t.TempDir()
			next := filepath.Join(tmp, "round3.xlsx")
			out, _ := mustRunCLI(t, exitOK, "generate", "--from", p(from), "--date", "2024-02-01", "--due", "2024-03-01", "-o", next, "--lang", "en")
			if !strings.Contains(out, "answers carried 234, to answer afresh (requirement changed) 0") || !strings.Contains(out, "planned dates past 3") {
				t.Errorf("summary:\n%s", out)
			}
			// Returned as it is, the workbook reads back to the previous answers.
			js := filepath.Join(tmp, "round3.json")
			runCLI(t, "ingest", next, "--json", js, "--as-of", "2024-02-01")
			got := ingestLoadJSON(t, js)
			sameAnswers(t, got.Answers, prev.Answers)
			if got.Cover.Request.Reference != prev.Cover.Request.Reference || got.Cover.Request.Due.String() != "2024-03-01" {
				t.Errorf("request %+v", got.Cover.Request)
			}
			if got.Cover.CSP.RespondentName != prev.Cover.CSP.RespondentName || !got.Cover.CSP.AnswerDate.IsZero() {
				t.Errorf("CSP cover %+v", got.Cover.CSP)
			}
			if len(got.Cover.CSP.Certifications) != len(prev.Cover.CSP.Certifications) {
				t.Errorf("certifications %+v, want %+v", got.Cover.CSP.Certifications, prev.Cover.CSP.Certifications)
			}
			for i := range prev.Cover.CSP.Certifications {
				if got.Cover.CSP.Certifications[i] != prev.Cover.CSP.Certifications[i] {
					t.Errorf("certification %+v, want %+v", got.Cover.CSP.Certifications[i], prev.Cover.CSP.Certifications[i])
				}
			}
			if v := generatedMetaValue(t, next, xlsx.MetaPrevious); v != "07-checklist-csp-round2.xlsx" {
				t.Errorf("metadata previous_round = %q", v)
			}
			if v := generatedMetaValue(t, next, xlsx.MetaPreviousSHA256); v != prev.Source.SHA256 {
				t.Errorf("metadata previous_sha256 = %q, want %q", v, prev.Source.SHA256)
			}
			// Deterministic.
			again := filepath.Join(tmp, "again.xlsx")
			mustRunCLI(t, exitOK, "generate", "--from", p(from), "--date", "2024-02-01", "--due", "2024-03-01", "-o", again)
			a1, _ := os.ReadFile(next)
			a2, _ := os.ReadFile(again)
			if !bytes.Equal(a1, a2) {
				t.Error("two runs differ")
			}
		})
	}
	t.Run("flags override carried fields", func(t *testing.T) {
		next := filepath.Join(t.TempDir(), "r.xlsx")
		mustRunCLI(t, exitOK, "generate", "--from", p("08-assessment-round2.json"), "--reference", "新-1", "-o", next)
		if v := generatedCoverValue(t, next, "reference"); v != "新-1" {
			t.Errorf("reference %q", v)
		}
		if v := generatedCoverValue(t, next, "system"); v != prev.Cover.Request.System {
			t.Errorf("system %q, want the carried %q", v, prev.Cover.Request.System)
		}
	})
	t.Run("usage", func(t *testing.T) {
		_, _, code := runCLI(t, "generate", "--crosswalk", "x.csv", "-o", filepath.Join(t.TempDir(), "r.xlsx"))
		if code != exitUsage {
			t.Errorf("--crosswalk without --from: exit %d", code)
		}
		_, _, code = runCLI(t, "generate", "--from", p("no-such.xlsx"), "-o", filepath.Join(t.TempDir(), "r.xlsx"))
		if code != exitInput {
			t.Errorf("missing --from file: exit %d", code)
		}
	})
}

func TestGenerateFromAcrossEditions(t *testing.T) {
	tmp := t.TempDir()
	older, newer := syntheticEditionPath("2090-01-01.csv"), syntheticEditionPath("2099-01-01.csv")
	cw := syntheticEditionPath("crosswalk-2090-2099.csv")
	blank := filepath.Join(tmp, "blank.xlsx")
	mustRunCLI(t, exitOK, "generate", "--catalog", older, "--reference", "R-1", "--date", "2090-04-01", "-o", blank)
	cat, err := loadCatalogFile(older)
	if err != nil {
		t.Fatal(err)
	}
	var answers []checklist.Answer
	for _, it := range cat.Requirements() {
		answers = append(answers, checklist.Answer{ID: it.ID, Status: checklist.StatusConforms, Implementation: "impl " + it.ID, Evidence: "ev", Responsibility: checklist.RespCSP})
	}
	in, err := os.ReadFile(blank)
	if err != nil {
		t.Fatal(err)
	}
	var filled bytes.Buffer
	if err := xlsx.Fill(bytes.NewReader(in), &filled, answers, checklist.CSPCover{RespondentName: "J"}, checklist.InterimFacts{}, nil); err != nil {
		t.Fatal(err)
	}
	prev := ingestWriteFile(t, tmp, "round1.xlsx", filled.Bytes())
	next := filepath.Join(tmp, "round2.xlsx")
	out, _ := mustRunCLI(t, exitOK, "generate", "--catalog", newer, "--from", prev, "--from-catalog", older, "--crosswalk", cw, "--date", "2099-04-01", "-o", next, "--lang", "en")
	if !strings.Contains(out, "answers carried 4, to answer afresh (requirement changed) 2, new requirements 2, requirements dropped 1") {
		t.Errorf("summary:\n%s", out)
	}
	js := filepath.Join(tmp, "round2.json")
	runCLI(t, "ingest", next, "--catalog", newer, "--json", js)
	got := ingestLoadJSON(t, js)
	want := map[string]string{
		"3.1.2.1":     "impl 3.1.2.1", // unchanged
		"3.1.2.2":     "",             // retitled: answer afresh
		"4.4.1.1":     "",             // a new requirement
		"4.4.1.2":     "impl 4.4.1.1", // renumbered from 4.4.1.1
		"9.2.3.11.PB": "",
		"9.2.5":       "",
	}
	for id, impl := range want {
		a, _ := got.Answer(id)
		if a.Implementation != impl {
			t.Errorf("%s: implementation %q, want %q", id, a.Implementation, impl)
		}
	}
	// Without the crosswalk the old 4.4.1.1 lands on the new 4.4.1.1, whose
	// text differs: not carried.
	mustRunCLI(t, exitOK, "generate", "--catalog", newer, "--from", prev, "--from-catalog", older, "--date", "2099-04-01", "-o", filepath.Join(tmp, "nocw.xlsx"))
}
