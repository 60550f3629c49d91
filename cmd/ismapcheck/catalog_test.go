package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/templates"
)

// embeddedCatalogText is the embedded default edition as text.
func embeddedCatalogText(t *testing.T) string {
	t.Helper()
	p, err := templates.CatalogPath(templates.DefaultEdition)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(templates.CatalogFS(), p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// referenceIDs are the 234 IDs of testdata's reference list, in order.
func referenceIDs(t *testing.T) []string {
	t.Helper()
	fh, err := os.Open(filepath.Join("..", "..", "testdata", "ismap-2022-04-01-basic-statement.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var ids []string
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if id, _, _ := strings.Cut(sc.Text(), "\t"); id != "" && id != "id" {
			ids = append(ids, id)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 234 {
		t.Fatalf("reference list has %d IDs", len(ids))
	}
	return ids
}

// catalogLines is a catalogue file as lines, for making broken copies.
type catalogLines []string

func splitLines(s string) catalogLines { return strings.Split(s, "\n") }

func (l catalogLines) String() string { return strings.Join(l, "\n") }

// find returns the 1-based line number of the row id.
func (l catalogLines) find(t *testing.T, id string) int {
	t.Helper()
	for i, s := range l {
		if strings.HasPrefix(s, id+",") {
			return i + 1
		}
	}
	t.Fatalf("no row %q", id)
	return 0
}

// setField replaces column col (0-based) of the row id. The rows of the
// embedded file hold no quoted commas before the text columns, so
// splitting the first five columns on commas is safe.
func (l catalogLines) setField(t *testing.T, id string, col int, v string) int {
	t.Helper()
	n := l.find(t, id)
	r := csv.NewReader(strings.NewReader(l[n-1]))
	rec, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	rec[col] = v
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(rec)
	w.Flush()
	l[n-1] = strings.TrimSuffix(b.String(), "\n")
	return n
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCatalogStats(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			out, _ := mustRunCLI(t, exitOK, "--lang", lang, "catalog", "stats")
			if !strings.Contains(out, "2022-04-01: 234 = 18 + 64 + 121 + 31") {
				t.Errorf("stats output lacks the counts:\n%s", out)
			}
			wantTitle := map[string]string{"ja": "アクセス制御", "en": "Access control"}[lang]
			if !strings.Contains(out, wantTitle) {
				t.Errorf("stats output lacks chapter title %q:\n%s", wantTitle, out)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		out, _ := mustRunCLI(t, exitOK, "catalog", "stats", "--format", "json")
		var got map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		want := map[string]any{"edition": "2022-04-01", "total": 234.0, "governance": 18.0, "management": 64.0, "objective": 121.0, "detail": 31.0}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %v, want %v", k, got[k], v)
			}
		}
		if ch, _ := got["chapters"].([]any); len(ch) != 16 {
			t.Errorf("chapters has %d entries, want 16", len(ch))
		}
	})
	t.Run("bad format", func(t *testing.T) {
		_, stderr, code := runCLI(t, "catalog", "stats", "--format", "csv")
		if code != exitUsage || !strings.Contains(stderr, "--format") {
			t.Errorf("exit %d, stderr %q; want %d naming --format", code, stderr, exitUsage)
		}
	})
}

// showCSV runs catalog show --format csv with extra flags and parses it.
func showCSV(t *testing.T, args ...string) (header []string, rows [][]string) {
	t.Helper()
	out, _ := mustRunCLI(t, exitOK, append([]string{"catalog", "show", "--format", "csv"}, args...)...)
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, out)
	}
	if len(recs) == 0 {
		t.Fatal("no output")
	}
	return recs[0], recs[1:]
}

func TestCatalogShowCSV(t *testing.T) {
	header, rows := showCSV(t)
	if got := strings.Join(header, ","); !strings.HasPrefix(got, "id,level,chapter,parent,suffix,title_ja,title_en") {
		t.Errorf("header %q", got)
	}
	ref := referenceIDs(t)
	if len(rows) != len(ref) {
		t.Fatalf("%d rows, want %d", len(rows), len(ref))
	}
	for i, r := range rows {
		if r[0] != ref[i] {
			t.Fatalf("row %d is %s, reference order says %s", i+1, r[0], ref[i])
		}
		if len(r) != len(header) || r[5] == "" || r[6] == "" {
			t.Errorf("row %s: %q", r[0], r)
		}
	}
}

func TestCatalogShowFilters(t *testing.T) {
	tests := []struct {
		args  []string
		count int
		check func(r []string) bool
	}{
		{[]string{"--level", "governance"}, 18, func(r []string) bool { return r[1] == "governance" && r[2] == "3" }},
		{[]string{"--level", "management"}, 64, func(r []string) bool { return r[1] == "management" }},
		{[]string{"--level", "objective"}, 121, func(r []string) bool { return r[1] == "objective" }},
		{[]string{"--level", "detail"}, 31, func(r []string) bool { return r[1] == "detail" && strings.HasSuffix(r[0], "B") }},
		{[]string{"--chapter", "9"}, 23, func(r []string) bool { return r[2] == "9" }},
		{[]string{"--chapter", "4"}, 64, func(r []string) bool { return r[2] == "4" }},
		{[]string{"--level", "detail", "--chapter", "12"}, 6, func(r []string) bool { return r[1] == "detail" && r[2] == "12" }},
		{[]string{"--level", "detail", "--chapter", "13"}, 0, nil},
		{[]string{"--chapter", "99"}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, rows := showCSV(t, tt.args...)
			if len(rows) != tt.count {
				t.Errorf("%d rows, want %d", len(rows), tt.count)
			}
			for _, r := range rows {
				if tt.check != nil && !tt.check(r) {
					t.Errorf("row %q does not match the filter", r)
				}
			}
		})
	}
}

func TestCatalogShowFormats(t *testing.T) {
	t.Run("json", func(t *testing.T) {
		out, _ := mustRunCLI(t, exitOK, "catalog", "show", "--format", "json", "--level", "detail")
		var got struct {
			Edition checklist.Edition `json:"edition"`
			Items   []checklist.Item  `json:"items"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if got.Edition.ID != "2022-04-01" || len(got.Items) != 31 || got.Items[0].ID != "6.1.1.13.PB" {
			t.Errorf("edition %q, %d items", got.Edition.ID, len(got.Items))
		}
	})
	t.Run("table ja", func(t *testing.T) {
		out, _ := mustRunCLI(t, exitOK, "catalog", "show", "--chapter", "15")
		for _, want := range []string{"15.1.1.16.B", "詳細管理策(B)", "外国法", "正式な文言"} {
			if !strings.Contains(out, want) {
				t.Errorf("table lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("table en", func(t *testing.T) {
		out, _ := mustRunCLI(t, exitOK, "--lang", "en", "catalog", "show", "--chapter", "15")
		for _, want := range []string{"15.1.1.16.B", "Detailed control (B)", "foreign-law", "official text"} {
			if !strings.Contains(out, want) {
				t.Errorf("table lacks %q:\n%s", want, out)
			}
		}
	})
	for _, args := range [][]string{
		{"catalog", "show", "--format", "xlsx"},
		{"catalog", "show", "--level", "category"},
		{"catalog", "show", "--edition", "1999-01-01"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, stderr, code := runCLI(t, args...)
			if code != exitUsage || stderr == "" {
				t.Errorf("exit %d, stderr %q; want %d with a message", code, stderr, exitUsage)
			}
		})
	}
}

// TestCatalogShowIDs shows single items in full, so a reviewer can read a
// row's text and what it rests on (issue 11); unknown IDs are usage errors.
func TestCatalogShowIDs(t *testing.T) {
	out, _ := mustRunCLI(t, exitOK, "catalog", "show", "4.4.8.4", "A.15.1.1.16.B")
	for _, want := range []string{
		"4.4.8.4", "リスク対応計画", "risk treatment plan", "根拠: JIS Q 27001 6.1.3 e)",
		"15.1.1.16.B", "外国法", "根拠: ISMAP", "正式な文言",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("details lack %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "4.4.8.4") > strings.Index(out, "15.1.1.16.B") {
		t.Errorf("items not in the order asked:\n%s", out)
	}
	js, _ := mustRunCLI(t, exitOK, "catalog", "show", "--format", "json", "13.1.4.P")
	if !strings.Contains(js, `"13.1.4.P"`) || strings.Contains(js, `"9.2.3"`) {
		t.Errorf("json of one item:\n%s", js)
	}
	for _, id := range []string{"9.9.9", "4.4.8", "not-an-id"} {
		_, stderr, code := runCLI(t, "catalog", "show", id)
		if code != exitUsage || !strings.Contains(stderr, id) {
			t.Errorf("show %s: exit %d, stderr %q; want %d naming the ID", id, code, stderr, exitUsage)
		}
	}
}

func TestCatalogList(t *testing.T) {
	out, _ := mustRunCLI(t, exitOK, "catalog", "list")
	if !strings.Contains(out, "2022-04-01") || !strings.Contains(out, "234") || !strings.Contains(out, "基本言明要件") {
		t.Errorf("list output:\n%s", out)
	}
	out, _ = mustRunCLI(t, exitOK, "--lang", "en", "catalog", "list")
	if !strings.Contains(out, "EDITION") || !strings.Contains(out, "basic statement requirements") {
		t.Errorf("list output in English:\n%s", out)
	}
}

func TestCatalogValidateGood(t *testing.T) {
	p := writeTemp(t, "good.csv", embeddedCatalogText(t))
	out, _ := mustRunCLI(t, exitOK, "catalog", "validate", p)
	if !strings.Contains(out, "234") || !strings.Contains(out, "問題ありません") {
		t.Errorf("validate output: %q", out)
	}
	// The same file drives the other commands through --catalog: a change
	// in it shows up.
	l := splitLines(embeddedCatalogText(t))
	l.setField(t, "9.2.3", 6, "Privileged access, as the agency words it")
	p = writeTemp(t, "agency.csv", l.String())
	mustRunCLI(t, exitOK, "catalog", "validate", p)
	_, rows := showCSV(t, "--catalog", p, "--chapter", "9")
	found := false
	for _, r := range rows {
		if r[0] == "9.2.3" && r[6] == "Privileged access, as the agency words it" {
			found = true
		}
	}
	if !found {
		t.Error("catalog show --catalog did not use the given file")
	}
}

// cliMutations are broken copies of the embedded catalogue for catalog
// validate, each with the ID and line the message must name.
var cliMutations = []struct {
	name   string
	mutate func(t *testing.T, l catalogLines) (catalogLines, string, int)
}{
	{"duplicate ID", func(t *testing.T, l catalogLines) (catalogLines, string, int) {
		n := l.find(t, "13.2.4")
		l = append(l[:n:n], append([]string{l[n-1]}, l[n:]...)...)
		return l, "13.2.4", n + 1
	}},
	{"orphan", func(t *testing.T, l catalogLines) (catalogLines, string, int) {
		n := l.find(t, "9.2.3")
		l = append(l[:n-1:n-1], l[n:]...)
		return l, "9.2.3.11.PB", l.find(t, "9.2.3.11.PB")
	}},
	{"unknown parent", func(t *testing.T, l catalogLines) (catalogLines, string, int) {
		return l, "6.3.1.1.PB", l.setField(t, "6.3.1.1.PB", 3, "6.3.1")
	}},
	{"B on an objective", func(t *testing.T, l catalogLines) (catalogLines, string, int) {
		return l, "15.1.1.16.B", l.setField(t, "15.1.1.16.B", 1, "objective")
	}},
	{"bad ID", func(t *testing.T, l catalogLines) (catalogLines, string, int) {
		return l, "12.0x.1", l.setField(t, "12.4.1", 0, "12.0x.1")
	}},
	{"empty title", func(t *testing.T, l catalogLines) (catalogLines, string, int) {
		return l, "4.4.7.3", l.setField(t, "4.4.7.3", 6, "")
	}},
	{"level contradicting depth", func(t *testing.T, l catalogLines) (catalogLines, string, int) {
		return l, "18.2.1", l.setField(t, "18.2.1", 1, "management")
	}},
	{"missing metadata", func(t *testing.T, l catalogLines) (catalogLines, string, int) {
		var out catalogLines
		for _, s := range l {
			if !strings.HasPrefix(s, "# note_en:") {
				out = append(out, s)
			}
		}
		return out, "", 1
	}},
}

func TestCatalogValidateRejects(t *testing.T) {
	good := embeddedCatalogText(t)
	for _, m := range cliMutations {
		t.Run(m.name, func(t *testing.T) {
			l, id, line := m.mutate(t, splitLines(good))
			p := writeTemp(t, "broken.csv", l.String())
			out, stderr, code := runCLI(t, "catalog", "validate", p)
			if code != exitInput {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitInput, out, stderr)
			}
			if out != "" {
				t.Errorf("stdout on failure: %q", out)
			}
			wantJA := fmt.Sprintf("%s の %d行目", p, line)
			wantEN := fmt.Sprintf("%s:%d", p, line)
			if id != "" {
				wantJA += " (ID " + id + ")"
				wantEN += fmt.Sprintf(": ID %q", id)
			}
			if !strings.Contains(stderr, wantJA) || !strings.Contains(stderr, wantEN) {
				t.Errorf("stderr lacks %q and %q:\n%s", wantJA, wantEN, stderr)
			}
			// --catalog on another command rejects the same file the same way.
			_, stderr2, code := runCLI(t, "catalog", "show", "--catalog", p)
			if code != exitInput || !strings.Contains(stderr2, wantEN) {
				t.Errorf("show --catalog: exit %d\n%s", code, stderr2)
			}
		})
	}
}

func TestCatalogValidateUsage(t *testing.T) {
	_, _, code := runCLI(t, "catalog", "validate")
	if code != exitUsage {
		t.Errorf("no file: exit %d, want %d", code, exitUsage)
	}
	_, stderr, code := runCLI(t, "catalog", "validate", filepath.Join(t.TempDir(), "missing.csv"))
	if code != exitInput || !strings.Contains(stderr, "missing.csv") {
		t.Errorf("missing file: exit %d, stderr %q; want %d", code, stderr, exitInput)
	}
	p := writeTemp(t, "empty.csv", "")
	if _, _, code := runCLI(t, "catalog", "validate", p); code != exitInput {
		t.Errorf("empty file: exit %d, want %d", code, exitInput)
	}
}

func TestLangOrdersMessages(t *testing.T) {
	l := splitLines(embeddedCatalogText(t))
	l.setField(t, "9.2.3", 5, "")
	p := writeTemp(t, "broken.csv", l.String())
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			_, stderr, code := runCLI(t, "--lang", lang, "catalog", "validate", p)
			if code != exitInput {
				t.Fatalf("exit %d", code)
			}
			ja := strings.Index(stderr, "項目名または概要が空です")
			en := strings.Index(stderr, "empty title or summary")
			if ja < 0 || en < 0 {
				t.Fatalf("stderr lacks one language:\n%s", stderr)
			}
			if (lang == "ja") != (ja < en) {
				t.Errorf("--lang %s: wrong language first:\n%s", lang, stderr)
			}
			first, _, _ := strings.Cut(stderr, "\n")
			if !strings.HasPrefix(first, "ismapcheck: ") {
				t.Errorf("first line %q", first)
			}
		})
	}
}

func TestBrokenEmbeddedCatalogIsInternal(t *testing.T) {
	// Two problems in the embedded data: exit 4 (our bug), not 3, and both
	// are printed, each with the context that says it is the embedded file.
	l := splitLines(embeddedCatalogText(t))
	l.setField(t, "9.2.3", 5, "")
	l.setField(t, "10.1.1", 3, "10.9")
	old := embeddedCatalogs
	embeddedCatalogs = func() fs.FS {
		return fstest.MapFS{"catalog/2022-04-01.csv": &fstest.MapFile{Data: []byte(l.String())}}
	}
	t.Cleanup(func() { embeddedCatalogs = old })

	_, stderr, code := runCLI(t, "catalog", "stats")
	if code != exitInternal {
		t.Fatalf("exit %d, want %d\n%s", code, exitInternal, stderr)
	}
	for _, id := range []string{"9.2.3", "10.1.1"} {
		if !strings.Contains(stderr, "(ID "+id+")") || !strings.Contains(stderr, fmt.Sprintf("ID %q", id)) {
			t.Errorf("stderr does not name %s in both languages:\n%s", id, stderr)
		}
	}
	if n := strings.Count(stderr, "ismapcheck: embedded catalogue 2022-04-01 is broken"); n != 2 {
		t.Errorf("%d lines carry the context, want 2:\n%s", n, stderr)
	}
}

func TestFlattenKeepsContext(t *testing.T) {
	le1 := &checklist.LineError{File: "c.csv", Line: 3, ID: "9.2.3", Err: checklist.ErrDuplicateID}
	le2 := &checklist.LineError{File: "c.csv", Line: 7, ID: "9.2.4", Err: checklist.ErrEmptyText}
	tests := []struct {
		name string
		err  error
		want []string // English text of each leaf
	}{
		{"plain", le1, []string{le1.Error()}},
		{"join", errors.Join(le1, le2), []string{le1.Error(), le2.Error()}},
		{"wrapped join", fmt.Errorf("loading: %w", errors.Join(le1, le2)),
			[]string{"loading: " + le1.Error(), "loading: " + le2.Error()}},
		{"twice wrapped join", &exitCodeError{code: exitInternal, err: fmt.Errorf("a: %w", fmt.Errorf("b: %w", errors.Join(le1, le2)))},
			[]string{"a: b: " + le1.Error(), "a: b: " + le2.Error()}},
		{"wrapped single", fmt.Errorf("loading: %w", le1), []string{"loading: " + le1.Error()}},
		{"nested join", errors.Join(le1, errors.Join(le2)), []string{le1.Error(), le2.Error()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			leaves := flatten(tt.err)
			if len(leaves) != len(tt.want) {
				t.Fatalf("%d leaves, want %d: %v", len(leaves), len(tt.want), leaves)
			}
			for i, l := range leaves {
				if l.Error() != tt.want[i] {
					t.Errorf("leaf %d = %q, want %q", i, l.Error(), tt.want[i])
				}
				ja, _ := bilingual(l)
				var le *checklist.LineError
				if !errors.As(l, &le) || !strings.HasSuffix(ja, le.MessageJA()) {
					t.Errorf("leaf %d: Japanese %q does not end with the LineError's message", i, ja)
				}
			}
		})
	}
}
