package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// TestReportEmbedsWhatItAnalysed: the workbook attached to the report is
// the one the assessment (attached beside it) was read from: its SHA-256
// is the source hash the assessment records.
func TestReportEmbedsWhatItAnalysed(t *testing.T) {
	fx := newReportFixture(t)
	out := filepath.Join(fx.dir, "r.pdf")
	mustRunCLI(t, exitOK, "report", fx.workbook, "--date", "2026-03-31", "-o", out)
	data, _ := os.ReadFile(out)
	aa, err := api.ExtractAttachmentsRaw(bytes.NewReader(data), "", nil, model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	for _, a := range aa {
		b, _ := io.ReadAll(a.Reader)
		got[a.FileName] = b
	}
	var as checklist.Assessment
	if err := json.Unmarshal(got["answer.assessment.json"], &as); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(got["answer.xlsx"])
	if len(got["answer.xlsx"]) == 0 || hex.EncodeToString(sum[:]) != as.Source.SHA256 {
		t.Errorf("embedded workbook hashes to %x, the analysed source to %s", sum, as.Source.SHA256)
	}
}

// TestReportCannotEmbedASwappedFile: the file is replaced on disk after it
// was read; what the report attaches is still the analysed bytes, since the
// input is read once and the same slice is decoded and embedded.
func TestReportCannotEmbedASwappedFile(t *testing.T) {
	fx := newReportFixture(t)
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, lang: "ja", now: func() time.Time { return fixedNow }}
	cmd := newReportCmd(a)
	cf := catalogFlags{edition: "2022-04-01"}
	src, _, as, err := a.loadFindingsInput(cmd, &cf, &inputFlags{maxSize: input.DefaultMaxSize}, fx.workbook, checklist.NewDate(2026, 3, 31))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fx.workbook, []byte("swapped after reading"), 0o644); err != nil {
		t.Fatal(err)
	}
	rs, _, err := reportSource(src, as)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(rs.Bytes)
	if hex.EncodeToString(sum[:]) != as.Source.SHA256 || (report.InputFile{Data: rs.Bytes}).SHA256() != src.SHA256 {
		t.Errorf("attached %x, analysed %s", sum, as.Source.SHA256)
	}
}

// TestRefusedInputsWriteNothing: report and findings on an input the
// strict readers refuse exit 3, name the file and the place, and write
// nothing.
func TestRefusedInputsWriteNothing(t *testing.T) {
	dir := t.TempDir()
	good := writeAssessmentJSON(t, dir, "good.json", nil)
	goodBytes, _ := os.ReadFile(good)
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	findingsJSON := filepath.Join(dir, "findings.json")
	stdout, _ := mustRunCLI(t, exitOK, "findings", good, "--format", "json")
	write("findings.json", stdout)
	tests := []struct {
		name string
		file string
		want string // in stderr besides the file name
	}{
		{"findings JSON", findingsJSON, "findings"},
		{"only a schema version", write("schema.json", `{"schema_version":1}`), "edition"},
		{"status in Japanese", write("ja.json", strings.Replace(string(goodBytes), `"status":"conforms"`, `"status":"不適合"`, 1)), "answers[0].status"},
		{"a directory", dir, "ディレクトリ"},
	}
	for _, tt := range tests {
		for _, command := range []string{"findings", "report"} {
			t.Run(tt.name+"/"+command, func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "out.pdf")
				args := []string{command, tt.file}
				if command == "report" {
					args = append(args, "-o", out)
				}
				stdout, stderr, code := runCLI(t, args...)
				if code != exitInput {
					t.Fatalf("exit %d, want %d\n%s", code, exitInput, stderr)
				}
				if !strings.Contains(stderr, filepath.Base(tt.file)) || !strings.Contains(stderr, tt.want) {
					t.Errorf("stderr lacks the file or %q:\n%s", tt.want, stderr)
				}
				if stdout != "" {
					t.Errorf("stdout written: %q", stdout)
				}
				if _, err := os.Stat(out); err == nil {
					t.Error("an output was written")
				}
			})
		}
	}
}

// TestFindingsFromStdin: "-" reads the input from standard input.
func TestFindingsFromStdin(t *testing.T) {
	good := writeAssessmentJSON(t, t.TempDir(), "good.json", nil)
	b, _ := os.ReadFile(good)
	stdout, stderr, code := runCLIWithInput(t, string(b), "findings", "-", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var rep findingsReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || rep.Kind != checklist.FindingsKind {
		t.Fatalf("findings JSON: kind %q, %v", rep.Kind, err)
	}
}

// TestForeignRiskSheetRefused: a risk sheet made for another agency's case
// is refused by findings and report (exit 3, both values named, nothing
// written), not applied as current decisions.
func TestForeignRiskSheetRefused(t *testing.T) {
	fx := newReportFixture(t)
	js := filepath.Join(fx.dir, "answer.json")
	mustRunCLI(t, exitOK, "ingest", fx.workbook, "--json", js)
	b, _ := os.ReadFile(js)
	other := filepath.Join(fx.dir, "other.json")
	if err := os.WriteFile(other, bytes.Replace(b, []byte(`"agency": "架空省"`), []byte(`"agency": "別省"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(fx.dir, "r.pdf")
	for _, args := range [][]string{
		{"findings", other, "--risk", fx.risk},
		{"report", other, "--risk", fx.risk, "-o", out},
	} {
		t.Run(args[0], func(t *testing.T) {
			stdout, stderr, code := runCLI(t, args...)
			if code != exitInput || stdout != "" {
				t.Fatalf("exit %d stdout %q, want exit 3 and nothing\n%s", code, stdout, stderr)
			}
			for _, w := range []string{"risk.xlsx", "別省", "架空省"} {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a report was written")
			}
		})
	}
	// The same case is read, and a decision approved after the run's date
	// is warned about.
	_, stderr, _ := runCLI(t, "findings", js, "--risk", fx.risk, "--as-of", "2026-03-05")
	if !strings.Contains(stderr, "2026-03-10") || !strings.Contains(stderr, "警告") {
		t.Errorf("no warning about the approval after the date:\n%s", stderr)
	}
}

// TestLegacyAssessmentWarned: an assessment JSON written before kind
// existed is read, and the warning is shown.
func TestLegacyAssessmentWarned(t *testing.T) {
	dir := t.TempDir()
	p := writeAssessmentJSON(t, dir, "old.json", nil)
	b, _ := os.ReadFile(p)
	old := bytes.Replace(b, []byte(`"kind":"ismapcheck.assessment",`), nil, 1)
	if bytes.Equal(old, b) {
		t.Fatal("fixture has no kind to remove")
	}
	os.WriteFile(p, old, 0o644)
	_, stderr, code := runCLI(t, "findings", p)
	if code != exitOK || !strings.Contains(stderr, "old.json") || !strings.Contains(stderr, "kind") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
