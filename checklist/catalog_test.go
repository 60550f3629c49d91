package checklist_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/templates"
)

// referenceTSV is the copy of shared/reference/ismap-2022-04-01-basic-statement.tsv:
// the 234 basic statement requirements the embedded edition must hold.
const referenceTSV = "../testdata/ismap-2022-04-01-basic-statement.tsv"

// embeddedBytes returns the raw embedded catalogue file of the default edition.
func embeddedBytes(t testing.TB) []byte {
	t.Helper()
	p, err := templates.CatalogPath(templates.DefaultEdition)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(templates.CatalogFS(), p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// embeddedCatalog loads the default edition and fails on any error.
func embeddedCatalog(t testing.TB) *checklist.Catalog {
	t.Helper()
	p, err := templates.CatalogPath(templates.DefaultEdition)
	if err != nil {
		t.Fatal(err)
	}
	c, err := checklist.LoadCatalog(templates.CatalogFS(), p)
	if err != nil {
		t.Fatalf("embedded catalogue: %v", err)
	}
	return c
}

type refRow struct {
	id, level, chapter, parent, suffix, headingEN string
}

// readReference reads the reference TSV in file order.
func readReference(t *testing.T) []refRow {
	t.Helper()
	b, err := os.ReadFile(filepath.FromSlash(referenceTSV))
	if err != nil {
		t.Fatal(err)
	}
	var rows []refRow
	sc := bufio.NewScanner(bytes.NewReader(b))
	first := true
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if first {
			first = false
			if strings.Join(f, ",") != "id,level,chapter,parent,suffix,heading_en" {
				t.Fatalf("reference header is %q", line)
			}
			continue
		}
		if len(f) != 6 {
			t.Fatalf("reference line %q has %d fields", line, len(f))
		}
		rows = append(rows, refRow{f[0], f[1], f[2], f[3], f[4], f[5]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestEmbeddedCatalogMatchesReference(t *testing.T) {
	c := embeddedCatalog(t)
	ref := readReference(t)
	reqs := c.Requirements()
	if len(ref) != 234 {
		t.Fatalf("reference holds %d rows, want 234", len(ref))
	}
	if len(reqs) != len(ref) {
		t.Fatalf("embedded catalogue has %d requirements, reference %d", len(reqs), len(ref))
	}
	for i, r := range ref {
		it := reqs[i]
		got := refRow{it.ID, string(it.Level), fmt.Sprint(it.Chapter), it.Parent, it.Suffix(), ""}
		want := r
		want.headingEN = ""
		if got != want {
			t.Errorf("requirement %d: catalogue has %+v, reference %+v", i+1, got, want)
			continue
		}
		// heading_en is "<parent ID> <English title>" of the enclosing heading:
		// the clause for governance/management items, the category for
		// objectives and the category of the parent objective for B controls.
		headID, headTitle, _ := strings.Cut(r.headingEN, " ")
		head, ok := c.Lookup(headID)
		if !ok {
			t.Errorf("%s: heading %q of the reference is not in the catalogue", r.id, headID)
			continue
		}
		if head.TitleEN != headTitle {
			t.Errorf("%s: heading %s is titled %q, reference says %q", r.id, headID, head.TitleEN, headTitle)
		}
	}
}

func TestEmbeddedCatalogCounts(t *testing.T) {
	c := embeddedCatalog(t)
	s := c.Stats()
	got := [5]int{s.Total, s.Governance, s.Management, s.Objective, s.Detail}
	if want := [5]int{234, 18, 64, 121, 31}; got != want {
		t.Errorf("total, governance, management, objective, detail = %v, want %v", got, want)
	}
	if s.Edition != "2022-04-01" {
		t.Errorf("edition %q", s.Edition)
	}
	sum := 0
	for _, ch := range s.Chapters {
		sum += ch.Total
		if ch.TitleJA == "" || ch.TitleEN == "" {
			t.Errorf("chapter %d has no title", ch.Chapter)
		}
	}
	if sum != s.Total || len(s.Chapters) != 16 {
		t.Errorf("%d chapters summing to %d, want 16 summing to %d", len(s.Chapters), sum, s.Total)
	}
	// ISMAP.md: 3 B controls end in .B, 28 in .PB, none in chapters 5, 13, 17;
	// 7 objectives carry .P.
	var b, pb, pObj int
	for _, it := range c.Requirements() {
		switch {
		case it.Level == checklist.LevelDetail && it.Suffix() == "B":
			b++
		case it.Level == checklist.LevelDetail && it.Suffix() == "PB":
			pb++
		case it.Level == checklist.LevelObjective && it.P:
			pObj++
		}
		if it.Level == checklist.LevelDetail && (it.Chapter == 5 || it.Chapter == 13 || it.Chapter == 17) {
			t.Errorf("B control %s in chapter %d", it.ID, it.Chapter)
		}
	}
	if b != 3 || pb != 28 || pObj != 7 {
		t.Errorf(".B %d, .PB %d, .P objectives %d; want 3, 28, 7", b, pb, pObj)
	}
	meta := c.Edition
	for name, v := range map[string]string{"title_ja": meta.TitleJA, "title_en": meta.TitleEN, "revised": meta.Revised, "source": meta.Source, "note_ja": meta.NoteJA, "note_en": meta.NoteEN} {
		if v == "" {
			t.Errorf("edition metadata %s is empty", name)
		}
	}
	if !strings.Contains(meta.NoteJA, "正式") || !strings.Contains(meta.NoteEN, "official") {
		t.Errorf("the edition note must say the official text governs: %q / %q", meta.NoteJA, meta.NoteEN)
	}
}

var placeholderRE = regexp.MustCompile(`(?i)\b(tbd|todo|fixme|xxx|lorem|placeholder|summary|n/a)\b|要確認|未定|未記入|準備中|[?？]{2}`)

func hasJapanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return true
		}
	}
	return false
}

func TestEmbeddedCatalogTexts(t *testing.T) {
	c := embeddedCatalog(t)
	type field struct {
		name string
		get  func(checklist.Item) string
		ja   bool
		min  int // runes
	}
	fields := []field{
		{"title_ja", func(it checklist.Item) string { return it.TitleJA }, true, 2},
		{"title_en", func(it checklist.Item) string { return it.TitleEN }, false, 4},
		{"summary_ja", func(it checklist.Item) string { return it.SummaryJA }, true, 15},
		{"summary_en", func(it checklist.Item) string { return it.SummaryEN }, false, 30},
		{"ref", func(it checklist.Item) string { return it.Ref }, false, 5}, // "ISMAP"
	}
	for _, f := range fields {
		t.Run(f.name, func(t *testing.T) {
			seen := map[string]string{}
			for _, it := range c.Requirements() {
				v := f.get(it)
				switch {
				case strings.TrimSpace(v) != v || v == "":
					t.Errorf("%s: %s %q is empty or has surrounding space", it.ID, f.name, v)
				case utf8.RuneCountInString(v) < f.min:
					t.Errorf("%s: %s %q is shorter than %d characters", it.ID, f.name, v, f.min)
				case placeholderRE.MatchString(v):
					t.Errorf("%s: %s %q looks like a placeholder", it.ID, f.name, v)
				case f.ja && !hasJapanese(v):
					t.Errorf("%s: %s %q has no Japanese", it.ID, f.name, v)
				case !f.ja && f.name != "ref" && hasJapanese(v):
					t.Errorf("%s: %s %q is not English", it.ID, f.name, v)
				}
				if f.name == "ref" {
					continue // several items rest on the same clause
				}
				if prev, dup := seen[v]; dup {
					t.Errorf("%s and %s share the %s %q", prev, it.ID, f.name, v)
				}
				seen[v] = it.ID
			}
		})
	}
	t.Run("summary differs from title", func(t *testing.T) {
		for _, it := range c.Requirements() {
			if it.SummaryJA == it.TitleJA || it.SummaryEN == it.TitleEN {
				t.Errorf("%s: summary repeats the title", it.ID)
			}
		}
	})
	t.Run("headings", func(t *testing.T) {
		for _, it := range c.Items {
			if it.Level.IsHeading() && (it.TitleJA == "" || it.TitleEN == "" || !hasJapanese(it.TitleJA)) {
				t.Errorf("%s: heading titles %q / %q", it.ID, it.TitleJA, it.TitleEN)
			}
		}
	})
}

// TestEmbeddedCatalogRefs holds the control objectives' ref to their
// ISO/IEC 27002 or 27017 clause and title. The refs of governance, management
// and B/PB items are held to the item-subjects reference by
// TestEmbeddedCatalogMatchesSubjects.
func TestEmbeddedCatalogRefs(t *testing.T) {
	c := embeddedCatalog(t)
	cld := map[string]string{
		"6.3.1.P": "CLD.6.3.1", "8.1.5.P": "CLD.8.1.5", "9.5.1.P": "CLD.9.5.1", "9.5.2.P": "CLD.9.5.2",
		"12.1.5.P": "CLD.12.1.5", "12.4.5.P": "CLD.12.4.5", "13.1.4.P": "CLD.13.1.4",
	}
	for _, it := range c.Requirements() {
		if it.Level != checklist.LevelObjective {
			continue
		}
		want := "ISO/IEC 27002:2013 " + it.ID + " " + it.TitleEN
		if code, ok := cld[it.ID]; ok {
			want = "ISO/IEC 27017:2015 " + code + " " + it.TitleEN
		}
		if it.Ref != want {
			t.Errorf("%s: ref %q, want %q", it.ID, it.Ref, want)
		}
	}
}

func TestEmbeddedCatalogFileFormat(t *testing.T) {
	b := embeddedBytes(t)
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Error("the catalogue must start with a UTF-8 BOM so Excel reads it as UTF-8")
	}
	if bytes.Contains(b, []byte("\r")) {
		t.Error("the catalogue must use LF line endings")
	}
	if !utf8.Valid(b) {
		t.Error("the catalogue is not valid UTF-8")
	}
}

func TestParentDerivation(t *testing.T) {
	c := embeddedCatalog(t)
	tests := []struct {
		id, parent string
		level      checklist.Level
	}{
		{"9.2.3.11.PB", "9.2.3", checklist.LevelDetail},
		{"6.3.1.1.PB", "6.3.1.P", checklist.LevelDetail},
		{"9.5.2.1.PB", "9.5.2.P", checklist.LevelDetail},
		{"9.4.2.2.B", "9.4.2", checklist.LevelDetail},
		{"8.1.5.P", "8.1", checklist.LevelObjective},
		{"6.3.1.P", "6.3.P", checklist.LevelObjective},
		{"9.2.3", "9.2", checklist.LevelObjective},
		{"3.1.2.1", "3.1.2", checklist.LevelGovernance},
		{"4.9.2.2", "4.9.2", checklist.LevelManagement},
		{"9.2", "9", checklist.LevelCategory},
		{"9", checklist.PartControls, checklist.LevelChapter},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			it, ok := c.Lookup(tt.id)
			if !ok {
				t.Fatalf("Lookup(%q) found nothing", tt.id)
			}
			if it.Parent != tt.parent || it.Level != tt.level {
				t.Errorf("parent %q level %s, want %q %s", it.Parent, it.Level, tt.parent, tt.level)
			}
		})
	}
	if got := c.BControls("9.2.3"); len(got) != 1 || got[0].ID != "9.2.3.11.PB" {
		t.Errorf("BControls(9.2.3) = %v", got)
	}
	if got := c.BControls("15.1.1"); len(got) != 2 {
		t.Errorf("BControls(15.1.1) has %d items, want 2", len(got))
	}
	if _, ok := c.Lookup("A.9.2.3"); ok {
		t.Error("Lookup takes canonical IDs only; A.9.2.3 must not be found")
	}
}

// catalogFile is a catalogue file split into its metadata lines and CSV
// records, so a test can mutate a copy of the embedded file and write it
// back. Line numbers stay true: one record per line.
type catalogFile struct {
	meta    []string
	records [][]string // records[0] is the header
}

func splitCatalog(t testing.TB, b []byte) *catalogFile {
	t.Helper()
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	f := &catalogFile{}
	rest := string(b)
	for strings.HasPrefix(rest, "#") {
		line, after, _ := strings.Cut(rest, "\n")
		f.meta = append(f.meta, line)
		rest = after
	}
	cr := csv.NewReader(strings.NewReader(rest))
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f.records = recs
	return f
}

func (f *catalogFile) bytes(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	for _, m := range f.meta {
		buf.WriteString(m + "\n")
	}
	cw := csv.NewWriter(&buf)
	if err := cw.WriteAll(f.records); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// index returns the position in records of the nth (0-based) row with id.
func (f *catalogFile) index(t testing.TB, id string, nth int) int {
	t.Helper()
	for i, r := range f.records {
		if i > 0 && r[0] == id {
			if nth == 0 {
				return i
			}
			nth--
		}
	}
	t.Fatalf("no row %q in the catalogue", id)
	return -1
}

// line is the file line of records[i].
func (f *catalogFile) line(i int) int { return len(f.meta) + 1 + i }

// set changes one column of the row id.
func (f *catalogFile) set(t testing.TB, id, column, value string) {
	t.Helper()
	col := -1
	for i, c := range checklist.CatalogColumns() {
		if c == column {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no column %q", column)
	}
	f.records[f.index(t, id, 0)][col] = value
}

// dropMeta removes the metadata line starting with "# key:".
func (f *catalogFile) dropMeta(key string) {
	var out []string
	for _, m := range f.meta {
		if !strings.HasPrefix(m, "# "+key+":") {
			out = append(out, m)
		}
	}
	f.meta = out
}

// catalogMutations are broken copies of the embedded catalogue, each with
// the error it must cause: the sentinel, and the ID and line the message
// must name. They are shared by TestParseCatalogRejects.
type catalogMutation struct {
	name   string
	reason string
	mutate func(t testing.TB, f *catalogFile) (id string, line int)
	want   error
}

var catalogMutations = []catalogMutation{
	{
		name: "duplicate ID",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			i := f.index(t, "9.2.3.11.PB", 0)
			dup := append([]string(nil), f.records[f.index(t, "9.2.3", 0)]...)
			f.records = append(f.records[:i+1], append([][]string{dup}, f.records[i+1:]...)...)
			return "9.2.3", f.line(i + 1)
		},
		want: checklist.ErrDuplicateID,
	},
	{
		name:   "orphan: parent row removed",
		reason: "a B control whose objective is missing from the file",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			i := f.index(t, "9.2.3", 0)
			f.records = append(f.records[:i], f.records[i+1:]...)
			return "9.2.3.11.PB", f.line(f.index(t, "9.2.3.11.PB", 0))
		},
		want: checklist.ErrUnknownParent,
	},
	{
		name: "unknown parent",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "8.1.5.P", "parent", "8.9")
			return "8.1.5.P", f.line(f.index(t, "8.1.5.P", 0))
		},
		want: checklist.ErrUnknownParent,
	},
	{
		name: "empty parent",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "4.4.7.2", "parent", "")
			return "4.4.7.2", f.line(f.index(t, "4.4.7.2", 0))
		},
		want: checklist.ErrUnknownParent,
	},
	{
		name:   "parent that does not match the ID",
		reason: "the parent exists but is another category",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "9.2.3", "parent", "9.1")
			return "9.2.3", f.line(f.index(t, "9.2.3", 0))
		},
		want: checklist.ErrWrongParent,
	},
	{
		name: "B on an objective",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "9.4.2.2.B", "level", "objective")
			return "9.4.2.2.B", f.line(f.index(t, "9.4.2.2.B", 0))
		},
		want: checklist.ErrMisplacedB,
	},
	{
		name: "B on a management item",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "4.4.7.1", "id", "4.4.7.1.B")
			f.set(t, "4.4.7.1.B", "suffix", "B")
			return "4.4.7.1.B", f.line(f.index(t, "4.4.7.1.B", 0))
		},
		want: checklist.ErrMisplacedB,
	},
	{
		name: "bad ID",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "9.2.5", "id", "9..5")
			return "9..5", f.line(f.index(t, "9..5", 0))
		},
		want: checklist.ErrBadID,
	},
	{
		name:   "B suffix on three numbers",
		reason: "ParseID itself rejects a B on an objective-shaped ID",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "9.2.5", "id", "9.2.5.B")
			f.set(t, "9.2.5.B", "suffix", "B")
			return "9.2.5.B", f.line(f.index(t, "9.2.5.B", 0))
		},
		want: checklist.ErrBadID,
	},
	{
		name: "empty title_ja",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "12.4.1", "title_ja", "")
			return "12.4.1", f.line(f.index(t, "12.4.1", 0))
		},
		want: checklist.ErrEmptyText,
	},
	{
		name: "blank title_en",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "9.2", "title_en", "  \t ")
			return "9.2", f.line(f.index(t, "9.2", 0))
		},
		want: checklist.ErrEmptyText,
	},
	{
		name: "empty summary of a requirement",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "3.1.6.2", "summary_en", "")
			return "3.1.6.2", f.line(f.index(t, "3.1.6.2", 0))
		},
		want: checklist.ErrEmptyText,
	},
	{
		name:   "level contradicting depth",
		reason: "three numbers cannot be a detailed control",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "10.1.2", "level", "detail")
			return "10.1.2", f.line(f.index(t, "10.1.2", 0))
		},
		want: checklist.ErrLevelMismatch,
	},
	{
		name:   "level contradicting chapter",
		reason: "a governance item must be in chapter 3",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "4.6.1.1", "level", "governance")
			return "4.6.1.1", f.line(f.index(t, "4.6.1.1", 0))
		},
		want: checklist.ErrLevelMismatch,
	},
	{
		name: "chapter column contradicting the ID",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "11.2.7", "chapter", "12")
			return "11.2.7", f.line(f.index(t, "11.2.7", 0))
		},
		want: checklist.ErrLevelMismatch,
	},
	{
		name: "unknown level",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "14.3.1", "level", "requirement")
			return "14.3.1", f.line(f.index(t, "14.3.1", 0))
		},
		want: checklist.ErrUnknownLevel,
	},
	{
		name:   "B control whose parent is not an objective",
		reason: "the row 9.2.3 exists but is made a category, so 9.2.3.11.PB hangs under a heading",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "9.2.3", "level", "category")
			return "9.2.3.11.PB", f.line(f.index(t, "9.2.3.11.PB", 0))
		},
		want: checklist.ErrBParent,
	},
	{
		name: "suffix column contradicting the ID",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.set(t, "12.1.5.1.PB", "suffix", "B")
			return "12.1.5.1.PB", f.line(f.index(t, "12.1.5.1.PB", 0))
		},
		want: checklist.ErrSuffixMismatch,
	},
	{
		name: "missing edition metadata",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.dropMeta("edition")
			return "", 1
		},
		want: checklist.ErrMetadata,
	},
	{
		name: "missing note",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.dropMeta("note_ja")
			return "", 1
		},
		want: checklist.ErrMetadata,
	},
	{
		name: "wrong field count",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			i := f.index(t, "16.1.7", 0)
			f.records[i] = f.records[i][:9]
			return "16.1.7", f.line(i)
		},
		want: checklist.ErrCatalogFormat,
	},
	{
		name: "wrong header",
		mutate: func(t testing.TB, f *catalogFile) (string, int) {
			f.records[0][5] = "title"
			return "", f.line(0)
		},
		want: checklist.ErrCatalogFormat,
	},
}

// lineErrors returns every *LineError joined in err.
func lineErrors(err error) []*checklist.LineError {
	var out []*checklist.LineError
	var walk func(error)
	walk = func(e error) {
		if le, ok := e.(*checklist.LineError); ok {
			out = append(out, le)
			return
		}
		switch x := e.(type) {
		case interface{ Unwrap() []error }:
			for _, c := range x.Unwrap() {
				walk(c)
			}
		case interface{ Unwrap() error }:
			if c := x.Unwrap(); c != nil {
				walk(c)
			}
		}
	}
	walk(err)
	return out
}

func TestParseCatalogRejects(t *testing.T) {
	good := embeddedBytes(t)
	for _, m := range catalogMutations {
		t.Run(m.name, func(t *testing.T) {
			f := splitCatalog(t, good)
			id, line := m.mutate(t, f)
			_, err := checklist.ParseCatalog(bytes.NewReader(f.bytes(t)), "mutated.csv")
			if err == nil {
				t.Fatal("ParseCatalog accepted the broken file")
			}
			if !errors.Is(err, m.want) {
				t.Fatalf("error does not wrap %q:\n%v", m.want, err)
			}
			var le *checklist.LineError
			if !errors.As(err, &le) {
				t.Fatalf("error has no *checklist.LineError: %v", err)
			}
			var hit *checklist.LineError
			for _, le := range lineErrors(err) {
				if errors.Is(le, m.want) && le.ID == id && le.Line == line {
					hit = le
				}
				if le.File != "mutated.csv" {
					t.Errorf("LineError names file %q, want mutated.csv", le.File)
				}
			}
			if hit == nil {
				t.Fatalf("no LineError{Line: %d, ID: %q} wrapping %q among:\n%v", line, id, m.want, err)
			}
			wantEN := fmt.Sprintf("mutated.csv:%d", line)
			wantJA := fmt.Sprintf("%d行目", line)
			if id != "" {
				wantEN += fmt.Sprintf(": ID %q", id)
				wantJA += " (ID " + id + ")"
			}
			if !strings.Contains(hit.Error(), wantEN) {
				t.Errorf("Error() = %q, want it to contain %q", hit.Error(), wantEN)
			}
			if ja := hit.MessageJA(); !strings.Contains(ja, wantJA) || !hasJapanese(ja) {
				t.Errorf("MessageJA() = %q, want Japanese containing %q", ja, wantJA)
			}
		})
	}
}

func TestParseCatalogRoundTrip(t *testing.T) {
	// The mutation helpers must reproduce the good file exactly, or the
	// rejections above could come from the helpers rather than the mutation.
	good := embeddedBytes(t)
	if got := splitCatalog(t, good).bytes(t); !bytes.Equal(got, good) {
		t.Fatal("splitCatalog/bytes does not reproduce the embedded file")
	}
	c, err := checklist.ParseCatalog(bytes.NewReader(good), "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	if c.Edition.SHA256 == "" || c.Edition.FileName != "x.csv" {
		t.Errorf("edition fingerprint %q file %q", c.Edition.SHA256, c.Edition.FileName)
	}
	// Without the BOM, and with CRLF line ends (a file saved by Excel on
	// Windows), the same items load; only the fingerprint differs.
	noBOM := bytes.TrimPrefix(good, []byte("\xef\xbb\xbf"))
	crlf := bytes.ReplaceAll(noBOM, []byte("\n"), []byte("\r\n"))
	for name, b := range map[string][]byte{"no BOM": noBOM, "CRLF": crlf} {
		c2, err := checklist.ParseCatalog(bytes.NewReader(b), name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !reflect.DeepEqual(c2.Items, c.Items) {
			t.Errorf("%s: items differ from the original file's", name)
		}
		if c2.Edition.ID != c.Edition.ID || c2.Edition.NoteEN != c.Edition.NoteEN {
			t.Errorf("%s: edition metadata %+v differs", name, c2.Edition)
		}
	}
}

func TestCatalogValidateInMemory(t *testing.T) {
	c := embeddedCatalog(t)
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate on the embedded catalogue: %v", err)
	}
	// Break a copy in memory: a detail that is not B.
	items := append([]checklist.Item(nil), c.Items...)
	for i := range items {
		if items[i].ID == "9.4.2.2.B" {
			items[i].B = false
		}
	}
	broken := &checklist.Catalog{Edition: c.Edition, Items: items}
	err := broken.Validate()
	if !errors.Is(err, checklist.ErrLevelMismatch) {
		t.Errorf("Validate on a detail without B = %v, want ErrLevelMismatch", err)
	}
}

func BenchmarkParseCatalog(b *testing.B) {
	data := embeddedBytes(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := checklist.ParseCatalog(bytes.NewReader(data), "catalog.csv"); err != nil {
			b.Fatal(err)
		}
	}
}

// A catalogue file: "# key: value" metadata, then one CSV row per heading
// or requirement. ParseCatalog validates it and reports each problem with
// its line and ID.
func ExampleParseCatalog() {
	const file = `# edition: demo
# title_ja: 例示用カタログ
# note_ja: 項目名と概要は参考表記です。
# note_en: Titles and summaries are a paraphrase.
id,level,chapter,parent,suffix,title_ja,title_en,summary_ja,summary_en,ref
controls,part,,,,管理策基準,Control criteria,,,
9,chapter,9,controls,,アクセス制御,Access control,,,
9.2,category,9,9,,利用者アクセスの管理,User access management,,,
9.2.3,objective,9,9.2,,特権的アクセス権の管理,Management of privileged access rights,特権の割当てを制限すること。,Privileged rights are restricted.,ISO/IEC 27002:2013 9.2.3
9.2.3.11.PB,detail,9,9.2.3,PB,管理者の強固な認証,Strong authentication for administrators,管理者に強固な認証を使うこと。,Administrators use strong authentication.,ISO/IEC 27017:2015 9.2.3
`
	c, err := checklist.ParseCatalog(strings.NewReader(file), "demo.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range c.Requirements() {
		fmt.Printf("%s %s parent=%s suffix=%q\n", it.ID, it.Level, it.Parent, it.Suffix())
	}

	// The same file with the B control pointing at an objective that is not there.
	broken := strings.Replace(file, "9.2.3.11.PB,detail,9,9.2.3,", "9.2.3.11.PB,detail,9,9.2.9,", 1)
	_, err = checklist.ParseCatalog(strings.NewReader(broken), "demo.csv")
	var le *checklist.LineError
	if errors.As(err, &le) {
		fmt.Println(le.Line, le.ID, errors.Is(err, checklist.ErrUnknownParent))
		fmt.Println(le.MessageJA())
	}
	// Output:
	// 9.2.3 objective parent=9.2 suffix=""
	// 9.2.3.11.PB detail parent=9.2.3 suffix="PB"
	// 10 9.2.3.11.PB true
	// demo.csv の 10行目 (ID 9.2.3.11.PB): 親IDがカタログにありません (unknown parent: "9.2.9")
}

// Lookup takes a canonical ID; CanonicalID turns what a user typed into one.
func ExampleCatalog_Lookup() {
	p, _ := templates.CatalogPath("2022-04-01")
	c, err := checklist.LoadCatalog(templates.CatalogFS(), p)
	if err != nil {
		fmt.Println(err)
		return
	}
	id, _ := checklist.CanonicalID(" A.９．２．３．１１．pb ")
	it, ok := c.Lookup(id)
	fmt.Println(id, ok, it.Level, it.Parent)
	obj, _ := c.Lookup(it.Parent)
	fmt.Println(obj.Ref)
	for _, b := range c.BControls("15.1.1") {
		fmt.Println(b.ID)
	}
	// Output:
	// 9.2.3.11.PB true detail 9.2.3
	// ISO/IEC 27002:2013 9.2.3 Management of privileged access rights
	// 15.1.1.14.B
	// 15.1.1.16.B
}
