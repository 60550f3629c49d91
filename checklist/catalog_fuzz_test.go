package checklist_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// smallCatalogIDs pick a consistent sub-tree of the embedded edition: every
// level, the P and B suffixes, and parents before children. A seed of a few
// kilobytes lets the fuzzer mutate the structure quickly; the full
// 100-kilobyte edition is a seed too.
var smallCatalogIDs = map[string]bool{
	"governance": true, "3": true, "3.1": true, "3.1.2": true, "3.1.2.1": true,
	"management": true, "4": true,
	"controls": true, "6": true, "6.1": true, "6.1.1": true, "6.1.1.13.PB": true,
	"6.3.P": true, "6.3.1.P": true, "6.3.1.1.PB": true,
	"9": true, "9.4": true, "9.4.2": true, "9.4.2.2.B": true,
}

// smallCatalog returns the metadata, the header and the rows of
// smallCatalogIDs of the embedded edition, in file order.
func smallCatalog(tb testing.TB) string {
	tb.Helper()
	var b strings.Builder
	header := true
	for _, line := range strings.SplitAfter(string(embeddedBytes(tb)), "\n") {
		if strings.HasPrefix(line, "\ufeff") || strings.HasPrefix(line, "#") {
			b.WriteString(line)
			continue
		}
		if header {
			b.WriteString(line)
			header = false
			continue
		}
		id, _, _ := strings.Cut(line, ",")
		if smallCatalogIDs[id] {
			b.WriteString(line)
		}
	}
	return b.String()
}

// FuzzParseCatalog feeds arbitrary text to the --catalog FILE reader. It
// must never panic; a refusal must name a line (a *LineError); and a
// catalogue it accepts must be usable by the rest of the tool: every row
// has the canonical form of its ID, Lookup finds it, every requirement's
// parent exists, and validating the result again finds nothing.
func FuzzParseCatalog(f *testing.F) {
	full := string(embeddedBytes(f))
	small := smallCatalog(f)
	noBOM := strings.TrimPrefix(small, "\ufeff")
	lines := strings.SplitAfter(noBOM, "\n")
	meta := 0
	for meta < len(lines) && strings.HasPrefix(lines[meta], "#") {
		meta++
	}
	withoutLine := func(prefix string) string {
		var b strings.Builder
		for _, l := range lines {
			if !strings.HasPrefix(l, prefix) {
				b.WriteString(l)
			}
		}
		return b.String()
	}
	header := strings.Join(checklist.CatalogColumns(), ",") + "\n"
	seeds := []string{
		full,
		small,
		noBOM,
		"\ufeff" + small, // two BOMs
		strings.ReplaceAll(small, "\n", "\r\n"),
		strings.ReplaceAll(small, "\n", "\r"),
		withoutLine("# note_en:"),
		withoutLine("# edition:"),
		strings.Join(lines[meta:], ""),          // no metadata at all
		strings.Join(lines[:meta], ""),          // metadata only
		strings.Join(lines[:meta], "") + header, // no rows
		strings.Join(lines[:meta], "") + "id,level\n",     // short header
		strings.Join(lines[:meta+1], "") + "\n\n  \n",     // blank lines
		noBOM + lines[len(lines)-1],                       // duplicate ID
		strings.Replace(noBOM, ",3.1.2,,", ",3.1.9,,", 1), // unknown parent
		strings.Replace(noBOM, "9.4.2.2.B,detail", "9.4.2.2.B,objective", 1),
		strings.Replace(noBOM, "6.3.1.P,objective,6,6.3.P,P", "6.3.1.P,objective,6,6.3.P,", 1),
		strings.Join(lines[:meta+1], "") + `3,chapter,3,governance,,"ガバナンス, ""基準""",Governance,,,` + "\n",
		strings.Join(lines[:meta+1], "") + `3,chapter,3,governance,,ガバ"ナンス,Governance,,,` + "\n", // bare quote
		strings.Join(lines[:meta+1], "") + `3,chapter,3,governance,,"unterminated,Governance,,,` + "\n",
		strings.Join(lines[:meta+1], "") + "Ａ．３,chapter,3,governance,,ガバナンス,Governance,,,\n",
		strings.Join(lines[:meta+1], "") + "3,chapter,99999999999999999999,governance,,x,y,,,\n",
		"",
		"#",
		"#\r",
		"\ufeff",
		"\x00\xff\xfe",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := checklist.ParseCatalog(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			var le *checklist.LineError
			if !errors.As(err, &le) {
				t.Fatalf("error %v names no line", err)
			}
			if le.Line < 1 {
				t.Fatalf("error %v names line %d", err, le.Line)
			}
			_ = le.MessageJA()
			return
		}
		if c == nil {
			t.Fatal("no catalogue and no error")
		}
		for _, it := range c.Items {
			got, ok := c.Lookup(it.ID)
			if !ok || got.Line != it.Line {
				t.Fatalf("Lookup(%q) = %v, %v; want the row of line %d", it.ID, got, ok, it.Line)
			}
			if it.Level == checklist.LevelPart {
				continue
			}
			canon, err := checklist.CanonicalID(it.ID)
			if err != nil || canon != it.ID {
				t.Fatalf("row ID %q (line %d): canonical %q, %v", it.ID, it.Line, canon, err)
			}
			if _, ok := c.Lookup(it.Parent); !ok {
				t.Fatalf("row %q (line %d): parent %q not found", it.ID, it.Line, it.Parent)
			}
		}
		reqs := c.Requirements()
		for _, it := range reqs {
			id, err := checklist.ParseID(it.ID)
			if err != nil {
				t.Fatalf("requirement %q does not parse: %v", it.ID, err)
			}
			if id.String() != it.ID || id.Chapter() != it.Chapter || id.Suffix() != it.Suffix() {
				t.Fatalf("requirement %q: parsed %v, chapter %d, suffix %q", it.ID, id, it.Chapter, it.Suffix())
			}
			if it.Level == checklist.LevelObjective {
				for _, b := range c.BControls(it.ID) {
					if b.Parent != it.ID || !b.B {
						t.Fatalf("BControls(%q) returned %q", it.ID, b.ID)
					}
				}
			}
		}
		if st := c.Stats(); st.Total != len(reqs) {
			t.Fatalf("Stats().Total = %d, %d requirements", st.Total, len(reqs))
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("an accepted catalogue fails Validate: %v", err)
		}
	})
}

// TestParseCatalogBrokenQuote keeps the fuzzer's first find: a quote left
// open on the last line made csv.Reader return an error with no field, and
// asking it for the line of field 0 panicked.
func TestParseCatalogBrokenQuote(t *testing.T) {
	small := smallCatalog(t)
	meta := strings.Count(small, "\n# ") + 1 // the BOM-prefixed first line too
	rows := strings.Count(small, "\n") - meta
	tests := []struct {
		name string
		text string
		line int
	}{
		{"header then quote", strings.Join(checklist.CatalogColumns(), ",") + "\n\"", 2},
		{"rows then quote", small + "\"", meta + rows + 1},
		{"rows then open field", small + "3.1.2.2,governance,3,3.1.2,,\"評価", meta + rows + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := checklist.ParseCatalog(strings.NewReader(tt.text), "broken.csv")
			le := formatError(err)
			if le == nil {
				t.Fatalf("error %v, want a LineError wrapping ErrCatalogFormat", err)
			}
			if le.Line != tt.line {
				t.Errorf("line %d, want %d (%v)", le.Line, tt.line, err)
			}
		})
	}
}

// formatError returns the LineError wrapping ErrCatalogFormat among the
// errors ParseCatalog joined, or nil.
func formatError(err error) *checklist.LineError {
	var le *checklist.LineError
	if errors.As(err, &le) && errors.Is(le, checklist.ErrCatalogFormat) {
		return le
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if le := formatError(e); le != nil {
				return le
			}
		}
	}
	return nil
}
