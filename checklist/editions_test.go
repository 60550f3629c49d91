package checklist_test

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// syntheticEdition loads one of the synthetic editions under
// testdata/editions (2090-01-01, 2099-01-01).
func syntheticEdition(t *testing.T, id string) *checklist.Catalog {
	t.Helper()
	fh, err := os.Open("../testdata/editions/" + id + ".csv")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	c, err := checklist.ParseCatalog(fh, id+".csv")
	if err != nil {
		t.Fatalf("synthetic edition %s: %v", id, err)
	}
	return c
}

func syntheticCrosswalk(t *testing.T) checklist.Crosswalk {
	t.Helper()
	fh, err := os.Open("../testdata/editions/crosswalk-2090-2099.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	cw, err := checklist.ParseCrosswalk(fh, "crosswalk-2090-2099.csv")
	if err != nil {
		t.Fatal(err)
	}
	return cw
}

// change is the part of an EditionChange a test compares.
type change struct {
	kind         checklist.ChangeKind
	oldID, newID string
	fields       string
}

func changesOf(d checklist.EditionDiff) []change {
	var out []change
	for _, c := range d.Changes {
		out = append(out, change{c.Kind, c.OldID, c.NewID, strings.Join(c.Fields, ",")})
	}
	return out
}

func TestDiffEditions(t *testing.T) {
	a, b := syntheticEdition(t, "2090-01-01"), syntheticEdition(t, "2099-01-01")
	tests := []struct {
		name   string
		cw     checklist.Crosswalk
		want   []change
		counts [5]int // unchanged, added, removed, moved, changed
		reason string
	}{
		{
			name: "with the crosswalk",
			cw:   syntheticCrosswalk(t),
			want: []change{
				{checklist.ChangeText, "3.1.2.2", "3.1.2.2", "title_ja,title_en"},
				{checklist.ChangeAdded, "", "4.4.1.1", ""},
				{checklist.ChangeMoved, "4.4.1.1", "4.4.1.2", ""},
				{checklist.ChangeText, "9.2.3.11.PB", "9.2.3.11.PB", "summary_ja,summary_en"},
				{checklist.ChangeAdded, "", "9.2.5", ""},
				{checklist.ChangeRemoved, "3.1.2.3", "", ""},
			},
			counts: [5]int{3, 2, 1, 1, 2},
		},
		{
			name:   "without the crosswalk",
			reason: "4.4.1.1 is taken to be the same requirement, reworded; 4.4.1.2 looks new",
			want: []change{
				{checklist.ChangeText, "3.1.2.2", "3.1.2.2", "title_ja,title_en"},
				{checklist.ChangeText, "4.4.1.1", "4.4.1.1", "title_ja,title_en,summary_ja,summary_en"},
				{checklist.ChangeAdded, "", "4.4.1.2", ""},
				{checklist.ChangeText, "9.2.3.11.PB", "9.2.3.11.PB", "summary_ja,summary_en"},
				{checklist.ChangeAdded, "", "9.2.5", ""},
				{checklist.ChangeRemoved, "3.1.2.3", "", ""},
			},
			counts: [5]int{3, 2, 1, 0, 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := checklist.DiffEditions(a, b, tt.cw)
			if err != nil {
				t.Fatal(err)
			}
			if got := changesOf(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("changes (%s)\n got %v\nwant %v", tt.reason, got, tt.want)
			}
			got := [5]int{d.Unchanged, d.Added, d.Removed, d.Moved, d.Changed}
			if got != tt.counts {
				t.Errorf("counts (unchanged, added, removed, moved, changed) = %v, want %v", got, tt.counts)
			}
			if d.From != "2090-01-01" || d.To != "2099-01-01" {
				t.Errorf("from %s to %s", d.From, d.To)
			}
		})
	}
}

func TestEditionDiffCarry(t *testing.T) {
	a, b := syntheticEdition(t, "2090-01-01"), syntheticEdition(t, "2099-01-01")
	d, err := checklist.DiffEditions(a, b, syntheticCrosswalk(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		old       string
		newID     string
		carry, ok bool
	}{
		{"3.1.2.1", "3.1.2.1", true, true},
		{"3.1.2.2", "3.1.2.2", false, true}, // retitled: answer afresh
		{"3.1.2.3", "", false, false},       // removed
		{"4.4.1.1", "4.4.1.2", true, true},  // renumbered, same text
		{"9.2.3.11.PB", "9.2.3.11.PB", false, true},
		{"9.9.9", "", false, false}, // never existed
	}
	for _, tt := range tests {
		t.Run(tt.old, func(t *testing.T) {
			n, carry, ok := d.Carry(tt.old)
			if n != tt.newID || carry != tt.carry || ok != tt.ok {
				t.Errorf("Carry(%s) = %q, %v, %v; want %q, %v, %v", tt.old, n, carry, ok, tt.newID, tt.carry, tt.ok)
			}
		})
	}
	t.Run("same edition", func(t *testing.T) {
		s := checklist.SameEditionDiff(a)
		if !s.Empty() || s.Unchanged != len(a.Requirements()) {
			t.Errorf("diff of an edition with itself: %+v", s)
		}
		if n, carry, ok := s.Carry("3.1.2.2"); n != "3.1.2.2" || !carry || !ok {
			t.Errorf("Carry = %q %v %v", n, carry, ok)
		}
	})
}

func TestDiffEditionsBadCrosswalk(t *testing.T) {
	a, b := syntheticEdition(t, "2090-01-01"), syntheticEdition(t, "2099-01-01")
	tests := []struct {
		name string
		cw   checklist.Crosswalk
		want string
	}{
		{"unknown old ID", checklist.Crosswalk{"5.5.5": "4.4.1.2"}, "5.5.5 is not a requirement of edition 2090-01-01"},
		{"unknown new ID", checklist.Crosswalk{"4.4.1.1": "4.4.1.9"}, "4.4.1.9 is not a requirement of edition 2099-01-01"},
		{"two onto one", checklist.Crosswalk{"3.1.2.1": "3.1.2.2"}, "3.1.2.1 and 3.1.2.2 would both become 3.1.2.2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := checklist.DiffEditions(a, b, tt.cw)
			if !errors.Is(err, checklist.ErrCrosswalk) {
				t.Fatalf("err = %v, want ErrCrosswalk", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to say %q", err, tt.want)
			}
		})
	}
}

func TestParseCrosswalk(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    checklist.Crosswalk
		errLine int
		errText string
	}{
		{name: "comments, BOM and full-width digits", in: "\ufeff# note\nold_id,new_id\n４.４.１.１, 4.4.1.2\n\n",
			want: checklist.Crosswalk{"4.4.1.1": "4.4.1.2"}},
		{name: "header only", in: "old_id,new_id\n", want: checklist.Crosswalk{}},
		{name: "wrong header", in: "from,to\n4.4.1.1,4.4.1.2\n", errLine: 1, errText: "header must be old_id,new_id"},
		{name: "empty file", in: "", errLine: 1, errText: "empty file"},
		{name: "bad ID", in: "old_id,new_id\n4.4.x,4.4.1.2\n", errLine: 2, errText: "4.4.x"},
		{name: "three fields", in: "old_id,new_id\n4.4.1.1,4.4.1.2,x\n", errLine: 2, errText: "3 fields"},
		{name: "old ID twice", in: "old_id,new_id\n4.4.1.1,4.4.1.2\n4.4.1.1,4.4.1.3\n", errLine: 3, errText: "listed twice (first on line 2)"},
		{name: "new ID twice", in: "old_id,new_id\n4.4.1.1,4.4.1.3\n4.4.1.2,4.4.1.3\n", errLine: 3, errText: "target of two old IDs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := checklist.ParseCrosswalk(strings.NewReader(tt.in), "cw.csv")
			if tt.errText == "" {
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("got %v, want %v", got, tt.want)
				}
				return
			}
			var le *checklist.LineError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want a *LineError", err)
			}
			if le.Line != tt.errLine || !strings.Contains(err.Error(), tt.errText) || !strings.Contains(err.Error(), "cw.csv") {
				t.Errorf("err = %v (line %d), want line %d and %q", err, le.Line, tt.errLine, tt.errText)
			}
		})
	}
}
