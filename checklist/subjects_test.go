package checklist_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// subjectsTSV is the copy of shared/reference/ismap-2022-04-01-item-subjects.tsv:
// for the 113 governance, management and B/PB items, the clause each official
// item rests on (source_ref) and what it requires, checked against the official
// English reference translation of the criteria (issue 11).
const subjectsTSV = "../testdata/ismap-2022-04-01-item-subjects.tsv"

type subjectRow struct {
	id, level, sourceRef string
}

// readSubjects reads the item-subjects reference: tab-separated, '#' comment
// lines first, fields quoted the CSV way where they hold quotes.
func readSubjects(t *testing.T) []subjectRow {
	t.Helper()
	f, err := os.Open(filepath.FromSlash(subjectsTSV))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.Comment = '#'
	r.FieldsPerRecord = 7
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("reading %s: %v", subjectsTSV, err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != "id,level,source_ref,subject_en,subject_ja,current_ok,note" {
		t.Fatalf("%s: unexpected header %q", subjectsTSV, recs)
	}
	var rows []subjectRow
	for _, rec := range recs[1:] {
		rows = append(rows, subjectRow{rec[0], rec[1], rec[2]})
	}
	return rows
}

var (
	// parentheticalRE matches a remark in brackets, such as
	// "(2nd paragraph, 1st & 2nd bullets)"; list letters like "a)" have no
	// opening bracket and are kept.
	parentheticalRE = regexp.MustCompile(`\s*\([^()]*\)`)
	// clauseTokenRE matches a standard and clause: the standard's name (with
	// its year where source_ref gives one), the clause number (CLD.x.y.z for
	// ISO/IEC 27017's cloud additions), and a list letter after the clause or
	// after "guidance".
	clauseTokenRE = regexp.MustCompile(`(?:JIS Q|ISO/IEC) \d+(?::\d{4})? (?:CLD\.)?\d+(?:\.\d+)*(?: [a-z]\))?(?: guidance [a-z]\))?`)
)

// clauseTokens returns the clauses a source_ref names, in order, or nil
// when the item is ISMAP's own text ("ISMAP", or "-": the item states its
// own text and cites no clause).
func clauseTokens(sourceRef string) []string {
	s := strings.TrimSpace(sourceRef)
	if s == "-" || s == "ISMAP" {
		return nil
	}
	return clauseTokenRE.FindAllString(parentheticalRE.ReplaceAllString(s, ""), -1)
}

// containsClause reports whether ref names the clause token as a whole: the
// token must not continue with more of a clause number or a list letter, so
// "JIS Q 27001 7.5" is not found in "JIS Q 27001 7.5.1" nor "JIS Q 27001 8.1"
// in "JIS Q 27001 8.1 a)".
func containsClause(ref, token string) bool {
	for i := 0; ; {
		j := strings.Index(ref[i:], token)
		if j < 0 {
			return false
		}
		rest := ref[i+j+len(token):]
		if !clauseContinuesRE.MatchString(rest) {
			return true
		}
		i += j + 1
	}
}

var clauseContinuesRE = regexp.MustCompile(`^(?:\.?\d| [a-z]\)|:\d| guidance [a-z]\))`)

func TestClauseTokens(t *testing.T) {
	// One case per form of source_ref in the reference file.
	tests := []struct {
		name, sourceRef string
		want            []string
	}{
		{"ISMAP's own text", "ISMAP", nil},
		{"own text without a clause", "-", nil},
		{"clause with a remark", "ISO/IEC 27014 5.3.2 (2nd paragraph, 1st & 2nd bullets)", []string{"ISO/IEC 27014 5.3.2"}},
		{"bare clause", "JIS Q 27001 4.1", []string{"JIS Q 27001 4.1"}},
		{"three-level clause", "JIS Q 27001 7.5.1", []string{"JIS Q 27001 7.5.1"}},
		{"clause with a list letter", "JIS Q 27001 5.1 h)", []string{"JIS Q 27001 5.1 h)"}},
		{"several clauses", "JIS Q 27001 6.1.2 a); JIS Q 27001 6.1.2 b)", []string{"JIS Q 27001 6.1.2 a)", "JIS Q 27001 6.1.2 b)"}},
		{"several clauses without letters", "JIS Q 27001 10.2; JIS Q 27001 8.2; JIS Q 27001 9.2; JIS Q 27001 9.3",
			[]string{"JIS Q 27001 10.2", "JIS Q 27001 8.2", "JIS Q 27001 9.2", "JIS Q 27001 9.3"}},
		{"CSP guidance", "ISO/IEC 27017:2015 9.2.1 CSP guidance", []string{"ISO/IEC 27017:2015 9.2.1"}},
		{"CSP guidance with a quoted remark", `ISO/IEC 27017:2015 6.1.3 CSP guidance (official text prints the clause as "6.1.")`, []string{"ISO/IEC 27017:2015 6.1.3"}},
		{"cloud addition", "ISO/IEC 27017:2015 CLD.12.1.5 CSP guidance", []string{"ISO/IEC 27017:2015 CLD.12.1.5"}},
		{"cloud addition with a remark", "ISO/IEC 27017:2015 CLD.9.5.2 guidance (one text for customer and provider)", []string{"ISO/IEC 27017:2015 CLD.9.5.2"}},
		{"guidance list item", "ISO/IEC 27002:2013 15.1.1 guidance m)", []string{"ISO/IEC 27002:2013 15.1.1 guidance m)"}},
		{"cited clause and the clause behind it",
			"ISO/IEC 27017:2015 9.4.2 guidance para 2 as cited; 27017 adds nothing there, so the text is ISO/IEC 27002:2013 9.4.2 guidance",
			[]string{"ISO/IEC 27017:2015 9.4.2", "ISO/IEC 27002:2013 9.4.2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clauseTokens(tt.sourceRef); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("clauseTokens(%q) = %q, want %q", tt.sourceRef, got, tt.want)
			}
		})
	}
}

func TestContainsClause(t *testing.T) {
	tests := []struct {
		name, ref, token string
		want             bool
	}{
		{"exact", "JIS Q 27001 4.1", "JIS Q 27001 4.1", true},
		{"one of several", "JIS Q 27001 6.1.2 a); JIS Q 27001 6.1.2 b)", "JIS Q 27001 6.1.2 b)", true},
		{"followed by CSP guidance", "ISO/IEC 27017:2015 9.2.1 CSP guidance", "ISO/IEC 27017:2015 9.2.1", true},
		{"inside a remark", "ISO/IEC 27002:2013 9.4.2 guidance (cited as ISO/IEC 27017:2015 9.4.2)", "ISO/IEC 27017:2015 9.4.2", true},
		{"longer clause number", "JIS Q 27001 7.5.1", "JIS Q 27001 7.5", false},
		{"list letter added", "JIS Q 27001 8.1 a)", "JIS Q 27001 8.1", false},
		{"later whole match", "JIS Q 27001 9.2 a); JIS Q 27001 9.2", "JIS Q 27001 9.2", true},
		{"guidance item added", "ISO/IEC 27002:2013 15.1.1 guidance m)", "ISO/IEC 27002:2013 15.1.1", false},
		{"other standard year", "ISO/IEC 27014:2020 5.3.2", "ISO/IEC 27014 5.3.2", false},
		{"wrong letter", "JIS Q 27001 5.1 b)", "JIS Q 27001 5.1 e)", false},
		{"ISMAP", "ISMAP", "JIS Q 27001 5.1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := containsClause(tt.ref, tt.token); got != tt.want {
				t.Errorf("containsClause(%q, %q) = %v, want %v", tt.ref, tt.token, got, tt.want)
			}
		})
	}
}

// TestEmbeddedCatalogMatchesSubjects holds the governance, management and
// B/PB rows of the embedded edition to the item-subjects reference: every
// item is there at its level, has titles and summaries in both languages,
// and its ref names the clauses the official item rests on (ISMAP for
// ISMAP's own text). It guards against rows drifting to a neighbour's
// clause again; it does not replace reading them against the subjects.
func TestEmbeddedCatalogMatchesSubjects(t *testing.T) {
	c := embeddedCatalog(t)
	rows := readSubjects(t)
	if len(rows) != 113 {
		t.Fatalf("%s holds %d items, want 113 (18 governance, 64 management, 31 B/PB)", subjectsTSV, len(rows))
	}
	for _, r := range rows {
		it, ok := c.Lookup(r.id)
		if !ok {
			t.Errorf("%s: not in the catalogue", r.id)
			continue
		}
		if string(it.Level) != r.level {
			t.Errorf("%s: level %q, reference says %q", r.id, it.Level, r.level)
		}
		for name, v := range map[string]string{"title_ja": it.TitleJA, "title_en": it.TitleEN, "summary_ja": it.SummaryJA, "summary_en": it.SummaryEN} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %s is empty", r.id, name)
			}
		}
		tokens := clauseTokens(r.sourceRef)
		if tokens == nil {
			if s := strings.TrimSpace(r.sourceRef); s != "-" && s != "ISMAP" {
				t.Errorf("%s: source_ref %q names no clause the test understands", r.id, r.sourceRef)
				continue
			}
			if it.Ref != "ISMAP" {
				t.Errorf("%s: ref %q, want %q (the official item is ISMAP's own text; source_ref %q)", r.id, it.Ref, "ISMAP", r.sourceRef)
			}
			continue
		}
		for _, tok := range tokens {
			if !containsClause(it.Ref, tok) {
				t.Errorf("%s: ref %q does not name the clause %q (source_ref %q)", r.id, it.Ref, tok, r.sourceRef)
			}
		}
	}
}
