package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/pdf"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/ismapcheck/ismapcheck/templates"
)

// fullReport writes the report with every feature: a risk sheet with a
// decision, an exclusion, an interim-measure verdict (類型②) and a
// character the font cannot show.
func fullReport(t *testing.T) (reportFixture, string) {
	t.Helper()
	fx := newReportFixture(t)
	out := filepath.Join(fx.dir, "report.pdf")
	mustRunCLI(t, exitOK, "report", fx.workbook, "--risk", fx.risk, "--date", "2026-03-31", "-o", out)
	return fx, out
}

// pdfaCheck is the pdfacheck tool (checklist/pdf/internal/pdfatest),
// built once per test run (TestMain removes it): this package cannot import a package internal
// to checklist/pdf, so it runs the same clause checks as a program.
var pdfaCheck struct {
	once sync.Once
	path string
	err  error
}

func pdfaCheckTool(t *testing.T) string {
	t.Helper()
	pdfaCheck.once.Do(func() {
		goBin, err := exec.LookPath("go")
		if err != nil {
			pdfaCheck.err = err
			return
		}
		dir, err := os.MkdirTemp("", "pdfacheck-*")
		if err != nil {
			pdfaCheck.err = err
			return
		}
		pdfaCheck.path = filepath.Join(dir, "pdfacheck")
		cmd := exec.Command(goBin, "build", "-o", pdfaCheck.path, "github.com/ismapcheck/ismapcheck/checklist/pdf/internal/pdfatest/pdfacheck")
		if out, err := cmd.CombinedOutput(); err != nil {
			pdfaCheck.err = fmt.Errorf("go build pdfacheck: %v\n%s", err, out)
		}
	})
	if pdfaCheck.err != nil {
		t.Fatalf("the PDF/A-3b checker cannot be built: %v", pdfaCheck.err)
	}
	return pdfaCheck.path
}

// assertPDFA runs the PDF/A-3b clause checks (pdfatest, through the
// pdfacheck tool) and, where qpdf is installed, qpdf --check.
func assertPDFA(t *testing.T, path string) {
	t.Helper()
	if out, err := exec.Command(pdfaCheckTool(t), path).CombinedOutput(); err != nil {
		t.Errorf("PDF/A-3b checks: %v\n%s", err, out)
	}
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Log("qpdf not installed: qpdf --check skipped")
		return
	}
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

func TestReportIsPDFA(t *testing.T) {
	t.Run("every feature", func(t *testing.T) {
		_, out := fullReport(t)
		assertPDFA(t, out)
		data, _ := os.ReadFile(out)
		ex, err := pdf.Extract(data)
		if err != nil {
			t.Fatal(err)
		}
		// ISO 19005-3 6.8 asks for a relationship; issue 17 says which.
		want := map[string][2]string{
			"answer.xlsx":            {report.RelSource, report.XLSXMIME},
			"answer.assessment.json": {report.RelData, "application/json"},
			"risk.xlsx":              {report.RelSource, report.XLSXMIME},
			"answer.findings.json":   {report.RelData, "application/json"},
		}
		for _, f := range ex.Files {
			if w, ok := want[f.Name]; !ok || f.Relationship != w[0] || f.MIME != w[1] {
				t.Errorf("%s: relationship %s, MIME %s; want %v", f.Name, f.Relationship, f.MIME, w)
			}
			delete(want, f.Name)
		}
		if len(want) > 0 {
			t.Errorf("attachments missing: %v", want)
		}
		var rec report.Record
		for _, f := range ex.Files {
			if f.Name == "answer.findings.json" {
				if err := json.Unmarshal(f.Data, &rec); err != nil {
					t.Fatal(err)
				}
			}
		}
		if rec.Kind != "ismapcheck.findings" || rec.SchemaVersion != 1 || rec.Interim == nil || len(rec.Exclusions) == 0 ||
			rec.Risk == nil || len(rec.Risk.Decisions) == 0 || rec.Parameters.Date != checklist.NewDate(2026, time.March, 31) ||
			rec.Parameters.Edition != templates.DefaultEdition || !strings.HasPrefix(rec.DocumentID, "ISMAP-RPT-") || len(rec.Inputs) != 3 {
			t.Errorf("findings record lacks something: %+v", rec)
		}
		if rec.Risk != nil && rec.Risk.Counts[checklist.StateCurrent] != 1 {
			t.Errorf("decision states %v: want one current decision", rec.Risk.Counts)
		}
	})
	t.Run("demo", func(t *testing.T) {
		dir := runDemo(t)
		assertPDFA(t, filepath.Join(dir, "10-report.pdf"))
		mustRunCLI(t, exitOK, "verify", filepath.Join(dir, "10-report.pdf"))
	})
}

func TestVerifyFreshReport(t *testing.T) {
	_, out := fullReport(t)
	stdout, _ := mustRunCLI(t, exitOK, "verify", out, "--format", "json")
	var res verifyResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if res.Verdict != "agree" || len(res.Checks) != 7 {
		t.Errorf("verdict %s with %d checks, want agree with 7:\n%s", res.Verdict, len(res.Checks), stdout)
	}
	for _, c := range res.Checks {
		if c.Status != verifyOK || c.JA == "" || c.EN == "" {
			t.Errorf("check %+v", c)
		}
	}
	stdout, _ = mustRunCLI(t, exitOK, "verify", out, "--lang", "en")
	if !strings.Contains(stdout, "everything agrees") {
		t.Errorf("English text output:\n%s", stdout)
	}
}

// TestVerifyOlderVersion: a report made by another version of the tool
// (same record schema) verifies with this one.
func TestVerifyOlderVersion(t *testing.T) {
	fx := newReportFixture(t)
	out := filepath.Join(fx.dir, "old.pdf")
	old := version
	t.Cleanup(func() { version = old })
	version = "v0.9.0"
	mustRunCLI(t, exitOK, "report", fx.workbook, "--risk", fx.risk, "--date", "2026-03-31", "-o", out)
	version = old
	stdout, _ := mustRunCLI(t, exitOK, "verify", out)
	if !strings.Contains(stdout, "ismapcheck v0.9.0") {
		t.Errorf("the output does not name the recorded tool:\n%s", stdout)
	}
}

// rebuild writes a copy of the report at path whose attachments were
// changed by edit, through the renderer's own incremental update (the
// first revision, as fpdf drew it, is kept): what someone swapping a file
// with a PDF tool would produce, with every structure still valid.
func rebuild(t *testing.T, path string, edit func(files []pdf.ExtractedFile) []pdf.ExtractedFile) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := pdf.Extract(data)
	if err != nil {
		t.Fatal(err)
	}
	first := bytes.Index(data, []byte("%%EOF\n")) + len("%%EOF\n")
	var atts []report.Attachment
	for _, f := range edit(ex.Files) {
		atts = append(atts, report.Attachment{Name: f.Name, Data: f.Data, Description: f.Description, MIME: f.MIME, Relationship: f.Relationship})
	}
	out, err := pdf.AppendAttachments(data[:first], atts, templates.SRGBProfile())
	if err != nil {
		t.Fatal(err)
	}
	p := path + ".rebuilt.pdf"
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func verifyFails(t *testing.T, path string, check string, words ...string) string {
	t.Helper()
	stdout, stderr, code := runCLI(t, "verify", path, "--lang", "en")
	if code != exitFindings {
		t.Fatalf("exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	var line string
	for _, l := range strings.Split(stdout, "\n") {
		if strings.Contains(l, "] "+check+" ") || strings.HasPrefix(strings.TrimSpace(l), "[DIFFERS] "+check) {
			line = l
		}
	}
	if !strings.Contains(line, "DIFFERS") {
		t.Errorf("check %s not reported as differing:\n%s", check, stdout)
	}
	for _, w := range words {
		if !strings.Contains(stdout, w) {
			t.Errorf("output lacks %q:\n%s", w, stdout)
		}
	}
	return stdout
}

func TestVerifyDetectsChanges(t *testing.T) {
	fx, out := fullReport(t)

	t.Run("unchanged rebuild agrees", func(t *testing.T) {
		p := rebuild(t, out, func(f []pdf.ExtractedFile) []pdf.ExtractedFile { return f })
		mustRunCLI(t, exitOK, "verify", p)
		assertPDFA(t, p)
	})

	t.Run("swapped workbook", func(t *testing.T) {
		// Another CSP answer: the workbook with one answer changed.
		cat, err := loadEdition(templates.DefaultEdition)
		if err != nil {
			t.Fatal(err)
		}
		orig, _ := os.ReadFile(fx.workbook)
		as, err := xlsx.Read(orig, "answer.xlsx", cat, xlsx.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		answers := append([]checklist.Answer(nil), as.Answers...)
		answers[10].Status, answers[10].Reason = checklist.StatusNonconforming, "未実施。"
		var blank, other bytes.Buffer
		if err := xlsx.Write(&blank, cat, as.Cover.Request, xlsx.WriteOptions{ToolVersion: "test"}); err != nil {
			t.Fatal(err)
		}
		if err := xlsx.Fill(bytes.NewReader(blank.Bytes()), &other, answers, as.Cover.CSP, checklist.InterimFacts{}, nil); err != nil {
			t.Fatal(err)
		}
		p := rebuild(t, out, func(files []pdf.ExtractedFile) []pdf.ExtractedFile {
			for i := range files {
				if files[i].Name == "answer.xlsx" {
					files[i].Data = other.Bytes()
				}
			}
			return files
		})
		verifyFails(t, p, "attachments", "answer.xlsx")
		verifyFails(t, p, "appendix-b", "answer.xlsx")
		verifyFails(t, p, "document-id")
	})

	t.Run("edited findings record", func(t *testing.T) {
		p := rebuild(t, out, func(files []pdf.ExtractedFile) []pdf.ExtractedFile {
			for i := range files {
				if files[i].Name == "answer.findings.json" {
					var m map[string]any
					if err := json.Unmarshal(files[i].Data, &m); err != nil {
						t.Fatal(err)
					}
					// Claim the decided finding's review has expired.
					fs := m["findings"].([]any)
					fs[0].(map[string]any)["state"] = "expired"
					files[i].Data, _ = json.MarshalIndent(m, "", "  ")
				}
			}
			return files
		})
		out := verifyFails(t, p, "findings", "answer.findings.json", ".state")
		if strings.Contains(out, "[DIFFERS] attachments") {
			t.Errorf("the inputs were not changed, yet attachments differ:\n%s", out)
		}
	})

	t.Run("edited file body", func(t *testing.T) {
		data, _ := os.ReadFile(out)
		i := bytes.Index(data, []byte("/Producer"))
		data[i+1] = 'p' // /producer: an edit that keeps every offset
		p := out + ".edited.pdf"
		os.WriteFile(p, data, 0o644)
		verifyFails(t, p, "file-id")
	})
}

func TestVerifyNotOurs(t *testing.T) {
	dir := t.TempDir()
	f := fpdf.New("P", "mm", "A4", "")
	f.AddPage()
	f.SetFont("Helvetica", "", 12)
	f.Text(20, 20, "some other PDF")
	plain := filepath.Join(dir, "other.pdf")
	if err := f.OutputFileAndClose(plain); err != nil {
		t.Fatal(err)
	}
	_, out := fullReport(t)
	full, _ := os.ReadFile(out)
	truncated := filepath.Join(dir, "truncated.pdf")
	os.WriteFile(truncated, full[:len(full)/2], 0o644)
	text := filepath.Join(dir, "notes.pdf")
	os.WriteFile(text, []byte("not a PDF at all"), 0o644)
	tests := []struct {
		name, path, stderr string
	}{
		{"a PDF without a findings record", plain, "no findings record"},
		{"a truncated report", truncated, "not an ismapcheck report"},
		{"not a PDF", text, "not an ismapcheck report"},
		{"missing file", filepath.Join(dir, "nope.pdf"), "nope.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, "verify", tt.path, "--lang", "en")
			if code != exitInput {
				t.Fatalf("exit %d, want 3; stderr:\n%s", code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) || !strings.Contains(stderr, "報告書") && tt.name != "missing file" {
				t.Errorf("stderr lacks %q (and the Japanese line):\n%s", tt.stderr, stderr)
			}
		})
	}
	if _, stderr, code := runCLI(t, "verify", plain, "--format", "xml"); code != exitUsage {
		t.Errorf("--format xml: exit %d, want 2\n%s", code, stderr)
	}
}

// TestVerifyOtherInputs: a report made from an assessment JSON, and one
// made with --catalog, which verify can re-run only with the same file.
func TestVerifyOtherInputs(t *testing.T) {
	fx := newReportFixture(t)
	js := filepath.Join(fx.dir, "answer.json")
	mustRunCLI(t, exitOK, "ingest", fx.workbook, "--json", js)
	fromJSON := filepath.Join(fx.dir, "from-json.pdf")
	mustRunCLI(t, exitOK, "report", js, "--date", "2026-03-31", "-o", fromJSON)
	stdout, _ := mustRunCLI(t, exitOK, "verify", fromJSON, "--lang", "en")
	if !strings.Contains(stdout, "nothing to read again") {
		t.Errorf("assessment check for a JSON input:\n%s", stdout)
	}

	p, err := templates.CatalogPath(templates.DefaultEdition)
	if err != nil {
		t.Fatal(err)
	}
	csv, err := fs.ReadFile(templates.CatalogFS(), p)
	if err != nil {
		t.Fatal(err)
	}
	catFile := filepath.Join(fx.dir, "catalog.csv")
	os.WriteFile(catFile, csv, 0o644)
	withCatalog := filepath.Join(fx.dir, "with-catalog.pdf")
	mustRunCLI(t, exitOK, "report", fx.workbook, "--catalog", catFile, "--date", "2026-03-31", "-o", withCatalog)
	stdout, _, code := runCLI(t, "verify", withCatalog, "--lang", "en")
	if code != exitFindings || !strings.Contains(stdout, "[UNVERIFIABLE] edition") || !strings.Contains(stdout, "catalog.csv") {
		t.Errorf("without --catalog: exit %d, want 1 naming the catalogue file:\n%s", code, stdout)
	}
	mustRunCLI(t, exitOK, "verify", withCatalog, "--catalog", catFile)
}

// recordOf returns the findings record attached to the report at path.
func recordOf(t *testing.T, path string) report.Record {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := pdf.Extract(data)
	if err != nil {
		t.Fatal(err)
	}
	rec, _, err := findRecord(ex)
	if err != nil {
		t.Fatal(err)
	}
	return *rec
}

// TestVerifyLanguagesAndSignOff: an English report, a --final report and
// a draft each verify, are PDF/A-3b, and their record says what the report
// concluded about sign-off, the exclusions and the language.
func TestVerifyLanguagesAndSignOff(t *testing.T) {
	fx := newReportFixture(t)
	tests := []struct {
		name      string
		args      []string
		lang      string
		ready     bool
		blockers  []checklist.BlockerKind
		exclState checklist.State // the state of the fixture's exclusion in risk.exclusions; "" without a risk sheet
	}{
		{name: "English", args: []string{"--risk", fx.risk, "--lang", "en"}, lang: "en", ready: true, exclState: checklist.StateCurrent},
		{name: "final", args: []string{"--risk", fx.risk, "--final"}, lang: "ja", ready: true, exclState: checklist.StateCurrent},
		{name: "draft without a risk sheet", lang: "ja", blockers: []checklist.BlockerKind{checklist.BlockDecisionOpen, checklist.BlockExclusionUndecided}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "r.pdf")
			args := append([]string{"report", fx.workbook, "--date", "2026-03-31", "-o", out}, tt.args...)
			mustRunCLI(t, exitOK, args...)
			assertPDFA(t, out)
			mustRunCLI(t, exitOK, "verify", out)
			rec := recordOf(t, out)
			if rec.Parameters.Lang != tt.lang || rec.SignOff.Ready != tt.ready {
				t.Errorf("record: lang %q, ready %v; want %q, %v", rec.Parameters.Lang, rec.SignOff.Ready, tt.lang, tt.ready)
			}
			for _, k := range tt.blockers {
				if rec.SignOff.Count(k) == 0 {
					t.Errorf("record's blockers lack %s: %+v", k, rec.SignOff.Blockers)
				}
			}
			if tt.exclState == "" {
				if rec.Risk != nil {
					t.Errorf("record has a risk part without a risk sheet: %+v", rec.Risk)
				}
				return
			}
			if rec.Risk == nil || len(rec.Risk.Exclusions) != 1 || rec.Risk.Exclusions[0].State != tt.exclState ||
				rec.Risk.Exclusions[0].Decision == nil || rec.Risk.Exclusions[0].Decision.Verdict != checklist.ExclusionAccept {
				t.Errorf("record's exclusion decisions: %+v", rec.Risk)
			}
		})
	}
}

// TestVerifyDetectsEditedConclusions: each conclusion the record carries
// is re-computed, so editing one is named.
func TestVerifyDetectsEditedConclusions(t *testing.T) {
	_, out := fullReport(t)
	tests := []struct {
		name string
		edit func(m map[string]any)
		path string
	}{
		{"exclusion decision state", func(m map[string]any) {
			m["risk"].(map[string]any)["exclusions"].([]any)[0].(map[string]any)["state"] = "stale"
		}, "risk.exclusions[0].state"},
		{"sign-off readiness", func(m map[string]any) { m["sign_off"].(map[string]any)["ready"] = false }, "sign_off.ready"},
		{"language, another value", func(m map[string]any) { m["parameters"].(map[string]any)["lang"] = "ja-JP" }, "parameters.lang"},
		{"language, English", func(m map[string]any) { m["parameters"].(map[string]any)["lang"] = "en" }, "[DIFFERS] document-id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := rebuild(t, out, func(files []pdf.ExtractedFile) []pdf.ExtractedFile {
				for i := range files {
					if files[i].Name == "answer.findings.json" {
						var m map[string]any
						if err := json.Unmarshal(files[i].Data, &m); err != nil {
							t.Fatal(err)
						}
						tt.edit(m)
						files[i].Data, _ = json.MarshalIndent(m, "", "  ")
					}
				}
				return files
			})
			stdout, _, code := runCLI(t, "verify", p, "--lang", "en")
			if code != exitFindings || !strings.Contains(stdout, tt.path) {
				t.Errorf("exit %d, want 1 naming %s:\n%s", code, tt.path, stdout)
			}
		})
	}
}

// TestVerifyChecksRiskSheetCase: a risk sheet of another case swapped into
// the report is refused by the same case check report makes.
func TestVerifyChecksRiskSheetCase(t *testing.T) {
	_, out := fullReport(t)
	other, err := os.ReadFile(filepath.Join(runDemo(t), "09-risk-sheet-round2.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	p := rebuild(t, out, func(files []pdf.ExtractedFile) []pdf.ExtractedFile {
		for i := range files {
			if files[i].Name == "risk.xlsx" {
				files[i].Data = other
			}
		}
		return files
	})
	verifyFails(t, p, "findings", "another case")
}

// TestVerifyRulesVersion: a record made under an older rules version
// (one without rules_version is version 1) agrees when the current rules
// conclude the same, and otherwise gets "rules-changed", exit 1, with the
// differing paths; never a plain "differs".
func TestVerifyRulesVersion(t *testing.T) {
	_, out := fullReport(t)
	withRecord := func(t *testing.T, edit func(m map[string]any)) string {
		return rebuild(t, out, func(files []pdf.ExtractedFile) []pdf.ExtractedFile {
			for i := range files {
				if files[i].Name == "answer.findings.json" {
					var m map[string]any
					if err := json.Unmarshal(files[i].Data, &m); err != nil {
						t.Fatal(err)
					}
					edit(m)
					files[i].Data, _ = json.MarshalIndent(m, "", "  ")
				}
			}
			return files
		})
	}
	t.Run("version 1, same conclusions", func(t *testing.T) {
		p := withRecord(t, func(m map[string]any) { delete(m, "rules_version") })
		stdout, _, code := runCLI(t, "verify", p, "--lang", "en")
		if code != exitOK || !strings.Contains(stdout, "made under rules version 1; re-running under the current version 2 gives the same conclusions") {
			t.Errorf("exit %d, want 0 naming the rules versions:\n%s", code, stdout)
		}
	})
	t.Run("version 1, other conclusions", func(t *testing.T) {
		p := withRecord(t, func(m map[string]any) {
			delete(m, "rules_version")
			m["interim"].(map[string]any)["notes_en"] = []any{"a note the older rules wrote"}
		})
		stdout, _, code := runCLI(t, "verify", p, "--lang", "en")
		if code != exitFindings || !strings.Contains(stdout, "[RULES CHANGED] findings") || !strings.Contains(stdout, "interim.notes_en") ||
			strings.Contains(stdout, "[DIFFERS] findings") {
			t.Errorf("exit %d, want 1 with RULES CHANGED naming interim.notes_en:\n%s", code, stdout)
		}
	})
	t.Run("current version, edited", func(t *testing.T) {
		p := withRecord(t, func(m map[string]any) {
			m["interim"].(map[string]any)["notes_en"] = []any{"an edited note"}
		})
		stdout, _, code := runCLI(t, "verify", p, "--lang", "en")
		if code != exitFindings || !strings.Contains(stdout, "[DIFFERS] findings") {
			t.Errorf("exit %d, want 1 with DIFFERS:\n%s", code, stdout)
		}
	})
}
