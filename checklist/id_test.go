package checklist_test

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
)

func TestParseID(t *testing.T) {
	tests := []struct {
		in     string
		want   string // canonical form; "" means ErrBadID
		reason string
	}{
		{in: "9.2.3", want: "9.2.3"},
		{in: "3", want: "3", reason: "a chapter heading"},
		{in: "9.2", want: "9.2"},
		{in: "6.3.P", want: "6.3.P", reason: "a cloud category"},
		{in: "8.1.5.P", want: "8.1.5.P"},
		{in: "9.2.3.11.PB", want: "9.2.3.11.PB"},
		{in: "9.4.2.2.B", want: "9.4.2.2.B"},
		{in: "4.9.2.2", want: "4.9.2.2"},
		{in: "A.9.2.3", want: "9.2.3", reason: "ISO annex prefix"},
		{in: "a.9.2.3", want: "9.2.3", reason: "lower-case prefix"},
		{in: "A.9.2.3.11.PB", want: "9.2.3.11.PB"},
		{in: "９．２．３", want: "9.2.3", reason: "full-width digits and dots"},
		{in: "Ａ．９．２．３．１１．ＰＢ", want: "9.2.3.11.PB", reason: "all full-width"},
		{in: "９。２。３", want: "9.2.3", reason: "ideographic full stop"},
		{in: "9.2.3.11.pb", want: "9.2.3.11.PB", reason: "lower-case suffix"},
		{in: "9.2.3.11.ｐｂ", want: "9.2.3.11.PB", reason: "full-width lower-case suffix"},
		{in: "6.3.1.p", want: "6.3.1.P"},
		{in: "  9.2.3  ", want: "9.2.3"},
		{in: "\t9.2.3\n", want: "9.2.3"},
		{in: "\u30009.2.3\u3000", want: "9.2.3", reason: "ideographic space"},
		{in: "\u3000A.9.2.3 ", want: "9.2.3"},
		{in: "A. 9.2.3", want: "9.2.3", reason: "space after the prefix"},
		{in: "18.1.5.7.PB", want: "18.1.5.7.PB"},

		{in: "", reason: "empty"},
		{in: "   ", reason: "blank"},
		{in: "\u3000", reason: "ideographic space only"},
		{in: "A.", reason: "prefix only"},
		{in: "9..2", reason: "empty part"},
		{in: ".9.2", reason: "leading dot"},
		{in: "9.2.", reason: "trailing dot"},
		{in: "09.2.3", reason: "leading zero"},
		{in: "9.02.3", reason: "leading zero inside"},
		{in: "9.2.3.011.PB", reason: "leading zero in the fourth part"},
		{in: "1.2.3.4.5", reason: "five parts"},
		{in: "9.2.3.11.5.PB", reason: "five parts with suffix"},
		{in: "9.2.3.B", reason: "B on three parts"},
		{in: "9.2.3.PB", reason: "PB on three parts"},
		{in: "9.2.B", reason: "B on two parts"},
		{in: "3.P", reason: "P on a chapter"},
		{in: "P", reason: "suffix only"},
		{in: "abc", reason: "letters"},
		{in: "9.2.x", reason: "letter part"},
		{in: "9.2.3.11.BP", reason: "suffix in the wrong order"},
		{in: "9.2.3.11.PB.B", reason: "two suffixes"},
		{in: "9.2.3.11.P.B", reason: "P and B as separate parts"},
		{in: "9.2.-3", reason: "negative"},
		{in: "9.+2.3", reason: "plus sign"},
		{in: "9.2.3 .11", reason: "inner space"},
		{in: "9,2,3", reason: "commas"},
		{in: "1234.1", reason: "four digits"},
		{in: "A.A.9.2.3", reason: "double prefix"},
		{in: strings.Repeat("1.", 40) + "1", reason: "long"},
	}
	for _, tt := range tests {
		name := tt.in
		if tt.reason != "" {
			name += " (" + tt.reason + ")"
		}
		t.Run(name, func(t *testing.T) {
			id, err := checklist.ParseID(tt.in)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("ParseID(%q) = %v, want an error", tt.in, id)
				}
				if !errors.Is(err, checklist.ErrBadID) {
					t.Fatalf("ParseID(%q) error %v does not wrap ErrBadID", tt.in, err)
				}
				if _, err := checklist.CanonicalID(tt.in); !errors.Is(err, checklist.ErrBadID) {
					t.Errorf("CanonicalID(%q) error %v, want ErrBadID", tt.in, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseID(%q): %v", tt.in, err)
			}
			if got := id.String(); got != tt.want {
				t.Errorf("ParseID(%q).String() = %q, want %q", tt.in, got, tt.want)
			}
			if got, err := checklist.CanonicalID(tt.in); got != tt.want || err != nil {
				t.Errorf("CanonicalID(%q) = %q, %v", tt.in, got, err)
			}
			// Round trip: the canonical form parses to the same ID.
			again, err := checklist.ParseID(id.String())
			if err != nil || !equalID(again, id) {
				t.Errorf("ParseID(%q) = %v, %v; want %v", id.String(), again, err, id)
			}
		})
	}
}

func TestIDParts(t *testing.T) {
	tests := []struct {
		in      string
		nums    []int
		p, b    bool
		depth   int
		chapter int
		suffix  string
	}{
		{"9.2.3.11.PB", []int{9, 2, 3, 11}, true, true, 4, 9, "PB"},
		{"15.1.1.16.B", []int{15, 1, 1, 16}, false, true, 4, 15, "B"},
		{"13.1.4.P", []int{13, 1, 4}, true, false, 3, 13, "P"},
		{"6.3.P", []int{6, 3}, true, false, 2, 6, "P"},
		{"18", []int{18}, false, false, 1, 18, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			id, err := checklist.ParseID(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(id.Nums, tt.nums) || id.P != tt.p || id.B != tt.b {
				t.Errorf("got %+v", id)
			}
			if id.Depth() != tt.depth || id.Chapter() != tt.chapter || id.Suffix() != tt.suffix {
				t.Errorf("Depth %d Chapter %d Suffix %q", id.Depth(), id.Chapter(), id.Suffix())
			}
		})
	}
	if got := (checklist.ID{}).Chapter(); got != 0 {
		t.Errorf("zero ID has chapter %d", got)
	}
}

func TestNormalizeID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"A.9.2.3", "9.2.3"},
		{"Ａ．９．２．３", "9.2.3"},
		{"\u3000９.２.３\u3000", "9.2.3"},
		{"9.2.3.11.pb", "9.2.3.11.PB"},
		{"", ""},
		{"  abc ", "ABC"}, // NormalizeID does not judge the shape
	}
	for _, tt := range tests {
		if got := checklist.NormalizeID(tt.in); got != tt.want {
			t.Errorf("NormalizeID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func equalID(a, b checklist.ID) bool {
	return slices.Equal(a.Nums, b.Nums) && a.P == b.P && a.B == b.B
}

// referenceIDs reads the IDs of the reference TSV, for fuzz seeds.
func referenceIDs(f *testing.F) []string {
	f.Helper()
	fh, err := os.Open(filepath.FromSlash(referenceTSV))
	if err != nil {
		f.Fatal(err)
	}
	defer fh.Close()
	var ids []string
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		id, _, _ := strings.Cut(sc.Text(), "\t")
		if id != "" && id != "id" {
			ids = append(ids, id)
		}
	}
	if err := sc.Err(); err != nil {
		f.Fatal(err)
	}
	return ids
}

func FuzzParseID(f *testing.F) {
	for _, id := range referenceIDs(f) {
		f.Add(id)
		f.Add("A." + id)
		f.Add(" " + strings.ToLower(id) + "\u3000")
	}
	for _, s := range []string{"", "9..2", "09.2", "1.2.3.4.5", "9.2.3.B", "Ａ．９．２．３", "9.+2.3", "\xff.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := checklist.ParseID(s)
		if err != nil {
			if !errors.Is(err, checklist.ErrBadID) {
				t.Fatalf("ParseID(%q) error %v does not wrap ErrBadID", s, err)
			}
			return
		}
		canon := id.String()
		again, err := checklist.ParseID(canon)
		if err != nil {
			t.Fatalf("ParseID(%q) ok, but its String() %q does not parse: %v", s, canon, err)
		}
		if !equalID(again, id) || again.String() != canon {
			t.Fatalf("ParseID(%q) = %v, ParseID(%q) = %v", s, id, canon, again)
		}
		if strings.HasPrefix(canon, "A.") || strings.ContainsAny(canon, " \u3000") {
			t.Fatalf("canonical form %q of %q keeps a prefix or a space", canon, s)
		}
		if id.Depth() < 1 || id.Depth() > 4 || (id.B && id.Depth() != 4) {
			t.Fatalf("ParseID(%q) accepted the shape %v", s, id)
		}
	})
}

func ExampleParseID() {
	for _, s := range []string{"A.９．２．３．１１．pb", "\u30006.3.1.P ", "9.2.3.B"} {
		id, err := checklist.ParseID(s)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(id, id.Depth(), id.Suffix())
	}
	// Output:
	// 9.2.3.11.PB 4 PB
	// 6.3.1.P 3 P
	// error: bad requirement ID: "9.2.3.B": a B suffix belongs to a detailed control (four numbers)
}
