package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/ismapcheck/ismapcheck/templates"
	"github.com/xuri/excelize/v2"
)

var ingestFixture struct {
	once sync.Once
	b    []byte
	err  error
}

// filledWorkbook is a generated workbook answered 適合 with evidence on
// every row: it reads without any message.
func ingestGoodWorkbook(t *testing.T) []byte {
	t.Helper()
	ingestFixture.once.Do(func() {
		cat, err := loadEdition(templates.DefaultEdition)
		if err != nil {
			ingestFixture.err = err
			return
		}
		ingestFixture.b, ingestFixture.err = ingestBuild(cat, nil)
	})
	if ingestFixture.err != nil {
		t.Fatalf("building the fixture: %v", ingestFixture.err)
	}
	return bytes.Clone(ingestFixture.b)
}

// ingestBuild generates a workbook from cat and fills it: every
// requirement 適合 with evidence, then edit (if not nil) changes the i-th
// answer.
func ingestBuild(cat *checklist.Catalog, edit func(i int, x *checklist.Answer)) ([]byte, error) {
	req := checklist.Request{Agency: "架空省", System: "電子申請", Reference: "架空-1", Date: checklist.Date{Year: 2026, Month: time.March, Day: 1}}
	var blank, filled bytes.Buffer
	if err := xlsx.Write(&blank, cat, req, xlsx.WriteOptions{ToolVersion: "test"}); err != nil {
		return nil, err
	}
	var answers []checklist.Answer
	for i, it := range cat.Requirements() {
		x := checklist.Answer{ID: it.ID, Status: checklist.StatusConforms,
			Implementation: "実施している", Evidence: "規程 第1条", Responsibility: checklist.RespCSP}
		if edit != nil {
			edit(i, &x)
		}
		answers = append(answers, x)
	}
	cover := checklist.CSPCover{RespondentName: "山田", RespondentEmail: "a@example.com"}
	if err := xlsx.Fill(&blank, &filled, answers, cover, checklist.InterimFacts{}, nil); err != nil {
		return nil, err
	}
	return filled.Bytes(), nil
}

// badWorkbook has an invalid status in the first requirement's row.
func ingestBadWorkbook(t *testing.T) []byte {
	t.Helper()
	good := ingestGoodWorkbook(t)
	cat, err := loadEdition(templates.DefaultEdition)
	if err != nil {
		t.Fatal(err)
	}
	as, err := xlsx.Read(good, "good.xlsx", cat, xlsx.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetCellStr(xlsx.SheetChecklist, as.Answers[0].Cells["status"], "まあまあ"); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func ingestWriteFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func ingestLoadJSON(t *testing.T, p string) *checklist.Assessment {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var as checklist.Assessment
	if err := json.Unmarshal(b, &as); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return &as
}

func ingestHash(t *testing.T, p string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestIngestOneClean(t *testing.T) {
	dir := t.TempDir()
	in := ingestWriteFile(t, dir, "answers.xlsx", ingestGoodWorkbook(t))
	before := ingestHash(t, in)
	out := filepath.Join(dir, "answers.json")
	stdout, stderr := mustRunCLI(t, exitOK, "ingest", in, "--json", out)
	if ingestHash(t, in) != before {
		t.Fatal("ingest modified its input")
	}
	as := ingestLoadJSON(t, out)
	if len(as.Answers) != 234 || as.Source.Name != "answers.xlsx" || as.Edition != templates.DefaultEdition || len(as.Messages) != 0 {
		t.Errorf("assessment: %d answers, source %+v, edition %s, messages %v", len(as.Answers), as.Source, as.Edition, as.Messages)
	}
	if as.Cover.CSP.RespondentName != "山田" {
		t.Errorf("cover: %+v", as.Cover.CSP)
	}
	if !strings.Contains(stdout, "適合 234") || !strings.Contains(stdout, "エラー 0、警告 0") || stderr != "" {
		t.Errorf("stdout %q, stderr %q", stdout, stderr)
	}
	// The same input gives the same bytes.
	out2 := filepath.Join(dir, "again.json")
	mustRunCLI(t, exitOK, "ingest", in, "--json", out2)
	if ingestHash(t, out) != ingestHash(t, out2) {
		t.Error("two runs wrote different JSON")
	}
	// An existing output needs --force.
	mustRunCLI(t, exitUsage, "ingest", in, "--json", out)
	mustRunCLI(t, exitOK, "ingest", in, "--json", out, "--force")
}

func TestIngestValidationErrors(t *testing.T) {
	dir := t.TempDir()
	in := ingestWriteFile(t, dir, "bad.xlsx", ingestBadWorkbook(t))
	out := filepath.Join(dir, "bad.json")
	stdout, stderr, code := runCLI(t, "--lang", "en", "ingest", in, "--json", out)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "cell E") || !strings.Contains(stderr, "まあまあ") || !strings.Contains(stderr, "Conforms") {
		t.Errorf("stderr does not name the cell and the allowed values:\n%s", stderr)
	}
	if !strings.Contains(stdout, "errors 1,") {
		t.Errorf("summary: %q", stdout)
	}
	as := ingestLoadJSON(t, out)
	if !as.HasErrors() || as.Messages[0].Code != xlsx.CodeInvalidStatus {
		t.Errorf("assessment messages: %+v", as.Messages)
	}
}

func TestIngestUnreadableFiles(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		data []byte
		args []string
		want string
	}{
		{"empty.xlsx", nil, nil, "empty"},
		{"notes.xlsx", []byte("just text"), nil, "not a zip"},
		{"old.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), nil, ".xls"},
		{"big.xlsx", ingestGoodWorkbook(t), []string{"--max-size", "1000"}, "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ingestWriteFile(t, dir, tt.name, tt.data)
			args := append([]string{"--lang", "en", "ingest", in, "--json", filepath.Join(dir, tt.name+".json")}, tt.args...)
			_, stderr, code := runCLI(t, args...)
			if code != exitInput {
				t.Fatalf("exit %d, want 3\n%s", code, stderr)
			}
			if !strings.Contains(stderr, tt.want) || !strings.Contains(stderr, tt.name) {
				t.Errorf("stderr %q does not say %q about %s", stderr, tt.want, tt.name)
			}
			if _, err := os.Stat(filepath.Join(dir, tt.name+".json")); err == nil {
				t.Error("an assessment was written for an unreadable file")
			}
		})
	}
}

func TestIngestPassword(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(ingestGoodWorkbook(t)))
	if err != nil {
		t.Fatal(err)
	}
	var enc bytes.Buffer
	if err := f.Write(&enc, excelize.Options{Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	in := ingestWriteFile(t, t.TempDir(), "locked.xlsx", enc.Bytes())
	_, stderr, code := runCLI(t, "ingest", in)
	if code != exitInput || !strings.Contains(stderr, "--password") {
		t.Errorf("without password: exit %d, %s", code, stderr)
	}
	mustRunCLI(t, exitOK, "ingest", in, "--password", "pw")
}

func TestIngestMany(t *testing.T) {
	dir := t.TempDir()
	good := ingestGoodWorkbook(t)
	ingestWriteFile(t, dir, "in/a.xlsx", good)
	ingestWriteFile(t, dir, "in/b.xlsm", good)
	ingestWriteFile(t, dir, "in/c.xlsx", ingestBadWorkbook(t))
	ingestWriteFile(t, dir, "in/readme.txt", []byte("ignored"))
	other := ingestWriteFile(t, dir, "other/d.xlsx", good)
	out := filepath.Join(dir, "out")

	stdout, stderr, code := runCLI(t, "ingest", filepath.Join(dir, "in"), other, "--json", out)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	for _, n := range []string{"a", "b", "c", "d"} {
		as := ingestLoadJSON(t, filepath.Join(out, n+".assessment.json"))
		if len(as.Answers) != 234 {
			t.Errorf("%s: %d answers", n, len(as.Answers))
		}
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 5 || !strings.Contains(lines[0], "a.xlsx") || !strings.Contains(lines[3], "d.xlsx") || !strings.HasPrefix(lines[4], "合計 4 ファイル") {
		t.Errorf("want one summary line per file in input order, then the totals:\n%s", stdout)
	}
	if strings.Contains(stderr, "\r") {
		t.Error("progress bar drawn on a non-terminal")
	}

	// A glob, and an unreadable file among good ones: exit 3, the others read.
	ingestWriteFile(t, dir, "glob/x1.xlsx", good)
	ingestWriteFile(t, dir, "glob/x2.xlsx", nil)
	out2 := filepath.Join(dir, "out2")
	_, stderr, code = runCLI(t, "ingest", filepath.Join(dir, "glob", "x*.xlsx"), "--json", out2)
	if code != exitInput {
		t.Fatalf("exit %d, want 3\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out2, "x1.assessment.json")); err != nil {
		t.Errorf("the good file was not written: %v", err)
	}

	// Two inputs that would write the same name, and a file as output dir.
	mustRunCLI(t, exitUsage, "ingest", filepath.Join(dir, "in", "a.xlsx"), ingestWriteFile(t, dir, "z/a.xlsx", good), "--json", filepath.Join(dir, "out3"))
	mustRunCLI(t, exitUsage, "ingest", filepath.Join(dir, "in"), "--json", other)
	mustRunCLI(t, exitUsage, "ingest", filepath.Join(dir, "nothing-*.xlsx"))
	mustRunCLI(t, exitUsage, "ingest", filepath.Join(dir, "in"), "--json", "-")
}

func TestIngestJSONToStdout(t *testing.T) {
	in := ingestWriteFile(t, t.TempDir(), "answers.xlsx", ingestGoodWorkbook(t))
	stdout, _ := mustRunCLI(t, exitOK, "ingest", in, "--json", "-")
	dec := json.NewDecoder(strings.NewReader(stdout))
	var as checklist.Assessment
	if err := dec.Decode(&as); err != nil || len(as.Answers) != 234 {
		t.Fatalf("stdout is not the assessment: %v", err)
	}
}

// TestReadAssessmentInput: findings, report and interim read a workbook
// or an assessment JSON through the input layer, by content.
func TestReadAssessmentInput(t *testing.T) {
	dir := t.TempDir()
	cat, err := loadEdition(templates.DefaultEdition)
	if err != nil {
		t.Fatal(err)
	}
	read := func(p string) (*checklist.Assessment, error) {
		src, err := input.Open(p, input.Options{})
		if err != nil {
			return nil, err
		}
		_, as, err := src.Assessment(input.ReadOptions{})
		return as, err
	}
	wb := ingestWriteFile(t, dir, "answers.xlsx", ingestGoodWorkbook(t))
	js := filepath.Join(dir, "answers.json")
	mustRunCLI(t, exitOK, "ingest", wb, "--json", js)
	// The extension does not matter: the content decides.
	disguised := ingestWriteFile(t, dir, "answers.xlsx.json", ingestGoodWorkbook(t))
	for _, p := range []string{wb, js, disguised} {
		as, err := read(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if x, ok := as.Answer(cat.Requirements()[0].ID); !ok || x.Status != checklist.StatusConforms {
			t.Errorf("%s: %+v", p, x)
		}
	}
	bad := ingestWriteFile(t, dir, "old.json", []byte(`{"schema_version": 99}`))
	if _, err := read(bad); exitCode(err) != exitInput {
		t.Errorf("schema 99: %v", err)
	}
	if _, err := read(filepath.Join(dir, "missing.xlsx")); exitCode(err) != exitInput {
		t.Errorf("missing file: %v", err)
	}
}

// TestIngestSameFileTwoPaths reads one workbook (with validation messages)
// through two directories: the assessments and the reports built from
// them must be byte-identical, while stderr still names each path given.
func TestIngestSameFileTwoPaths(t *testing.T) {
	dir := t.TempDir()
	bad := ingestBadWorkbook(t)
	p1 := ingestWriteFile(t, dir, "d1/07-checklist.xlsx", bad)
	p2 := ingestWriteFile(t, dir, "elsewhere/d2/07-checklist.xlsx", bad)
	var jsons [2][]byte
	for i, p := range []string{p1, p2} {
		out := filepath.Join(dir, "out"+strconv.Itoa(i)+".json")
		_, stderr, code := runCLI(t, "--lang", "en", "ingest", p, "--json", out)
		if code != exitFindings {
			t.Fatalf("%s: exit %d, want 1\n%s", p, code, stderr)
		}
		if !strings.Contains(stderr, strconv.Quote(p)) {
			t.Errorf("stderr does not name the path given, %q:\n%s", p, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(filepath.Dir(p))) {
			t.Errorf("the assessment records the directory %q", filepath.Dir(p))
		}
		jsons[i] = b
	}
	if !bytes.Equal(jsons[0], jsons[1]) {
		t.Error("the same workbook read through two paths gave different assessments")
	}
	var pdfs [2][]byte
	for i, p := range []string{p1, p2} {
		out := filepath.Join(dir, "report"+strconv.Itoa(i)+".pdf")
		mustRunCLI(t, exitOK, "report", p, "--date", "2026-03-31", "-o", out)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		pdfs[i] = b
	}
	if !bytes.Equal(pdfs[0], pdfs[1]) {
		t.Error("the same workbook reported through two paths gave different PDFs")
	}
}

// ingestPlannedWorkbook answers the first requirement 一部適合 with a
// reason and the planned date 2026-06-30, the rest 適合.
func ingestPlannedWorkbook(t *testing.T) []byte {
	t.Helper()
	cat, err := loadEdition(templates.DefaultEdition)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ingestBuild(cat, func(i int, x *checklist.Answer) {
		if i == 0 {
			x.Status, x.Reason, x.PlannedDate = checklist.StatusPartial, "手順書を改訂中", checklist.Date{Year: 2026, Month: time.June, Day: 30}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func hasCode(as *checklist.Assessment, code string) bool {
	for _, m := range as.Messages {
		if m.Code == code {
			return true
		}
	}
	return false
}

// TestIngestAsOf: --as-of (ISO or 和暦) is the reading date of the
// planned_date_past warning; the default is today (2026-03-31 in tests).
func TestIngestAsOf(t *testing.T) {
	dir := t.TempDir()
	in := ingestWriteFile(t, dir, "planned.xlsx", ingestPlannedWorkbook(t))
	tests := []struct {
		name string
		args []string
		past bool
	}{
		{"default is today, before the planned date", nil, false},
		{"ISO before the planned date", []string{"--as-of", "2026-06-30"}, false},
		{"ISO after the planned date", []string{"--as-of", "2026-07-01"}, true},
		{"和暦 after the planned date", []string{"--as-of", "令和8年7月1日"}, true},
		{"short 和暦 after the planned date", []string{"--as-of", "R8.7.1"}, true},
	}
	var last []byte
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, strconv.Itoa(i)+".json")
			mustRunCLI(t, exitOK, append([]string{"ingest", in, "--json", out}, tt.args...)...)
			if as := ingestLoadJSON(t, out); hasCode(as, xlsx.CodePlannedDatePast) != tt.past {
				t.Errorf("planned_date_past reported: %v, want %v\n%+v", !tt.past, tt.past, as.Messages)
			}
			b, _ := os.ReadFile(out)
			if i >= 3 && !bytes.Equal(b, last) {
				t.Error("the same date in ISO and 和暦 gave different assessments")
			}
			last = b
		})
	}
	t.Run("bad date names the flag", func(t *testing.T) {
		_, stderr := mustRunCLI(t, exitUsage, "--lang", "en", "ingest", in, "--as-of", "next week")
		if !strings.Contains(stderr, "--as-of") {
			t.Errorf("stderr does not name --as-of: %s", stderr)
		}
	})
}

// TestFindingsReadsWorkbookAsOf: findings reads a workbook as of its
// --as-of date, not the clock.
func TestFindingsReadsWorkbookAsOf(t *testing.T) {
	in := ingestWriteFile(t, t.TempDir(), "planned.xlsx", ingestPlannedWorkbook(t))
	a := &app{stdout: io.Discard, stderr: io.Discard, lang: "ja", now: func() time.Time { return fixedNow }}
	for _, tt := range []struct {
		asOf checklist.Date
		past bool
	}{
		{checklist.Date{Year: 2026, Month: time.June, Day: 30}, false},
		{checklist.Date{Year: 2026, Month: time.July, Day: 1}, true},
	} {
		cf := catalogFlags{edition: templates.DefaultEdition}
		_, _, as, err := a.loadFindingsInput(newFindingsCmd(a), &cf, &inputFlags{maxSize: input.DefaultMaxSize}, in, tt.asOf)
		if err != nil {
			t.Fatal(err)
		}
		if hasCode(as, xlsx.CodePlannedDatePast) != tt.past {
			t.Errorf("as of %s: planned_date_past %v, want %v", tt.asOf, !tt.past, tt.past)
		}
	}
}

// ingestOtherEdition writes a catalogue file of edition 2099-01-01 (the
// embedded catalogue under another edition ID) and returns its path and
// a good workbook generated from it.
func ingestOtherEdition(t *testing.T, dir string) (catPath string, workbook []byte) {
	t.Helper()
	p, err := templates.CatalogPath(templates.DefaultEdition)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := fs.ReadFile(templates.CatalogFS(), p)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(raw, []byte("# edition: "+templates.DefaultEdition), []byte("# edition: 2099-01-01"), 1)
	if bytes.Equal(edited, raw) {
		t.Fatal("the embedded catalogue has no edition line")
	}
	catPath = ingestWriteFile(t, dir, "cat-2099.csv", edited)
	cat, err := loadCatalogFile(catPath)
	if err != nil || cat.Edition.ID != "2099-01-01" {
		t.Fatalf("catalogue 2099: %v, %+v", err, cat)
	}
	if workbook, err = ingestBuild(cat, nil); err != nil {
		t.Fatal(err)
	}
	return catPath, workbook
}

// TestIngestEdition: without --edition/--catalog a workbook is read
// against the embedded edition it names; an explicit choice that differs
// from the workbook stays an edition_mismatch error.
func TestIngestEdition(t *testing.T) {
	dir := t.TempDir()
	catPath, wb2099 := ingestOtherEdition(t, dir)
	in2099 := ingestWriteFile(t, dir, "wb-2099.xlsx", wb2099)
	inDefault := ingestWriteFile(t, dir, "wb-default.xlsx", ingestGoodWorkbook(t))
	tests := []struct {
		name     string
		args     []string
		code     int
		edition  string
		mismatch bool
	}{
		{"default workbook, no flags", []string{inDefault}, exitOK, templates.DefaultEdition, false},
		{"workbook of an edition not embedded, no flags", []string{in2099}, exitFindings, templates.DefaultEdition, true},
		{"workbook of an edition not embedded, its catalogue given", []string{in2099, "--catalog", catPath}, exitOK, "2099-01-01", false},
		{"--catalog of another edition than the workbook's embedded one", []string{inDefault, "--catalog", catPath}, exitFindings, "2099-01-01", true},
		{"--edition given explicitly", []string{in2099, "--edition", templates.DefaultEdition}, exitFindings, templates.DefaultEdition, true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, "e"+strconv.Itoa(i)+".json")
			mustRunCLI(t, tt.code, append([]string{"ingest", "--json", out}, tt.args...)...)
			as := ingestLoadJSON(t, out)
			if as.Edition != tt.edition || hasCode(as, xlsx.CodeEditionMismatch) != tt.mismatch {
				t.Errorf("edition %s, mismatch %v; want %s, %v", as.Edition, !tt.mismatch, tt.edition, tt.mismatch)
			}
		})
	}
	// The input layer finds embedded editions only.
	if c, ok, err := input.Edition(templates.DefaultEdition); !ok || err != nil || c.Edition.ID != templates.DefaultEdition {
		t.Errorf("embedded edition not found: %v %v", ok, err)
	}
	if _, ok, _ := input.Edition("2099-01-01"); ok {
		t.Error("an edition that is not embedded was found")
	}
}
