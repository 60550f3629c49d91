package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSafeOutputs: --force replaces regular files only, never an input;
// a missing folder is a usage error; nothing is left behind.
func TestSafeOutputs(t *testing.T) {
	dir := t.TempDir()
	in := writeAssessmentJSON(t, dir, "in.json", nil)
	orig, _ := os.ReadFile(in)
	sub := filepath.Join(dir, "adir")
	os.Mkdir(sub, 0o755)
	fifo := filepath.Join(dir, "fifo.pdf")
	hasFIFO := mkfifo(fifo) == nil
	tests := []struct {
		name string
		args []string
		want string
		skip bool
	}{
		{"--force onto a directory", []string{"report", in, "-o", sub, "--force"}, "ディレクトリ", false},
		{"--force onto a FIFO", []string{"report", in, "-o", fifo, "--force"}, "FIFO", !hasFIFO},
		{"--force onto the input", []string{"risk-sheet", in, "-o", in, "--force"}, "in.json", false},
		{"ingest onto its input", []string{"ingest", in, "--json", in, "--force"}, "in.json", false},
		{"a missing folder", []string{"report", in, "-o", filepath.Join(dir, "no", "r.pdf")}, "フォルダ", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.skip {
				t.Skip("mkfifo unavailable")
			}
			_, stderr, code := runCLI(t, tt.args...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want %d naming %q:\n%s", code, exitUsage, tt.want, stderr)
			}
		})
	}
	if b, _ := os.ReadFile(in); !bytes.Equal(b, orig) {
		t.Error("the input was overwritten")
	}
	if st, err := os.Stat(sub); err != nil || !st.IsDir() {
		t.Error("the directory was replaced")
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestOutputToStdout: -o - writes the PDF to stdout and the summary to
// stderr; ingest --json - writes nothing but the JSON to stdout.
func TestOutputToStdout(t *testing.T) {
	dir := t.TempDir()
	in := writeAssessmentJSON(t, dir, "in.json", nil)
	stdout, stderr, code := runCLI(t, "report", in, "-o", "-", "--date", "2026-03-31")
	if code != exitOK || !strings.HasPrefix(stdout, "%PDF-") || !strings.Contains(stderr, "ISMAP-RPT-") {
		t.Fatalf("exit %d, stdout starts %q, stderr %q", code, stdout[:min(len(stdout), 8)], stderr)
	}
	wb := ingestWriteFile(t, dir, "answers.xlsx", ingestGoodWorkbook(t))
	stdout, stderr, code = runCLI(t, "ingest", wb, "--json", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	var v map[string]any
	if err := dec.Decode(&v); err != nil || v["kind"] != "ismapcheck.assessment" {
		t.Fatalf("stdout is not one assessment: %v", err)
	}
	if dec.More() || !strings.Contains(stderr, "answers.xlsx") {
		t.Errorf("stdout holds more than the JSON, or the summary is not on stderr:\nstderr %s", stderr)
	}
}

// TestRemoveTemps: an interrupted run removes the temporary files it was
// writing.
func TestRemoveTemps(t *testing.T) {
	p := filepath.Join(t.TempDir(), ".out.pdf.tmp-1")
	if err := os.WriteFile(p, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	trackTemp(p, true)
	removeTemps()
	if _, err := os.Stat(p); err == nil {
		t.Error("temporary file still there")
	}
}

// TestIngestSkipsSpecialFiles: inside a directory, what is not a regular
// file is skipped with a warning; the workbooks beside it are read.
func TestIngestSkipsSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	ingestWriteFile(t, dir, "a.xlsx", ingestGoodWorkbook(t))
	if err := mkfifo(filepath.Join(dir, "b.xlsx")); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	out := t.TempDir() // an existing folder receives <name>.assessment.json
	stdout, stderr, code := runCLI(t, "ingest", dir, "--json", out)
	if code != exitOK || !strings.Contains(stderr, "b.xlsx") || !strings.Contains(stderr, "FIFO") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "a.assessment.json")); err != nil {
		t.Errorf("a.xlsx was not read: %v", err)
	}
}

// TestInterimFromRefusesFindings: interim check --from reads assessments
// only, through the same strict reader.
func TestInterimFromRefusesFindings(t *testing.T) {
	dir := t.TempDir()
	good := writeAssessmentJSON(t, dir, "good.json", nil)
	stdout, _ := mustRunCLI(t, exitOK, "findings", good, "--format", "json")
	f := filepath.Join(dir, "findings.json")
	os.WriteFile(f, []byte(stdout), 0o644)
	if _, stderr, code := runCLI(t, "interim", "check", "--category", "2", "--from", f); code != exitInput || !strings.Contains(stderr, "findings") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}
