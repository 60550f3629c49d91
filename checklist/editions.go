package checklist

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Crosswalk maps the canonical ID of a requirement in an older edition to
// its ID in a newer one, for requirements that were renumbered. IDs not
// listed keep their number. It is read from a crosswalk file (see
// ParseCrosswalk and README, "Crosswalk format").
type Crosswalk map[string]string

// ErrCrosswalk marks a crosswalk file or entry that cannot be used.
var ErrCrosswalk = errors.New("invalid crosswalk")

// maxCrosswalkBytes bounds a crosswalk file; a real one has a few hundred
// lines at most.
const maxCrosswalkBytes = 1 << 20

// ParseCrosswalk reads a crosswalk file: CSV (UTF-8, an optional BOM),
// lines starting with "#" are comments, a header "old_id,new_id", then one
// line per renumbered requirement. IDs are canonicalised like the
// catalogue's (full-width digits and spaces are folded). An old ID listed
// twice, or two old IDs sent to the same new ID, is an error: a crosswalk
// is one-to-one, so one answer never lands on two rows or two answers on
// one. name is used in messages; errors are *LineError wrapping
// ErrCrosswalk or ErrBadID.
func ParseCrosswalk(r io.Reader, name string) (Crosswalk, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCrosswalkBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading crosswalk %q: %w", name, err)
	}
	if len(data) > maxCrosswalkBytes {
		return nil, &LineError{File: name, Line: 1, Err: fmt.Errorf("%w: larger than %d bytes", ErrCrosswalk, maxCrosswalkBytes)}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cw := Crosswalk{}
	target := map[string]int{} // new ID → line
	source := map[string]int{} // old ID → line
	var errs []error
	header := false
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			errs = append(errs, &LineError{File: name, Line: line, Err: fmt.Errorf("%w: %v", ErrCrosswalk, err)})
			break
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if len(rec) == 1 && rec[0] == "" {
			continue
		}
		if !header {
			header = true
			if len(rec) != 2 || rec[0] != "old_id" || rec[1] != "new_id" {
				return nil, &LineError{File: name, Line: line, Err: fmt.Errorf("%w: the header must be old_id,new_id", ErrCrosswalk)}
			}
			continue
		}
		if len(rec) != 2 {
			errs = append(errs, &LineError{File: name, Line: line, Err: fmt.Errorf("%w: %d fields, want 2", ErrCrosswalk, len(rec))})
			continue
		}
		oldID, err1 := CanonicalID(rec[0])
		newID, err2 := CanonicalID(rec[1])
		if err := errors.Join(err1, err2); err != nil {
			errs = append(errs, &LineError{File: name, Line: line, ID: rec[0], Err: err})
			continue
		}
		if prev, dup := source[oldID]; dup {
			errs = append(errs, &LineError{File: name, Line: line, ID: oldID, Err: fmt.Errorf("%w: old ID listed twice (first on line %d)", ErrCrosswalk, prev)})
			continue
		}
		if prev, dup := target[newID]; dup {
			errs = append(errs, &LineError{File: name, Line: line, ID: newID, Err: fmt.Errorf("%w: new ID %s is the target of two old IDs (first on line %d)", ErrCrosswalk, newID, prev)})
			continue
		}
		source[oldID], target[newID] = line, line
		cw[oldID] = newID
	}
	if !header && len(errs) == 0 {
		return nil, &LineError{File: name, Line: 1, Err: fmt.Errorf("%w: empty file; the header must be old_id,new_id", ErrCrosswalk)}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return cw, nil
}

// ChangeKind is how a requirement differs between two editions.
type ChangeKind string

// The kinds of edition change. A requirement can be moved and have its
// text changed at once; it is then listed once, as moved, with Fields set.
const (
	ChangeAdded   ChangeKind = "added"   // only in the newer edition
	ChangeRemoved ChangeKind = "removed" // only in the older edition
	ChangeMoved   ChangeKind = "moved"   // renumbered (crosswalk) or under another parent
	ChangeText    ChangeKind = "changed" // same place, other title, summary or level
)

// LabelJA is the Japanese name of the kind.
func (k ChangeKind) LabelJA() string {
	switch k {
	case ChangeAdded:
		return "追加"
	case ChangeRemoved:
		return "削除"
	case ChangeMoved:
		return "移動"
	case ChangeText:
		return "文言変更"
	}
	return string(k)
}

// LabelEN is the English name of the kind.
func (k ChangeKind) LabelEN() string { return string(k) }

// EditionChange is one requirement that differs between two editions.
// OldID is empty for an added requirement, NewID for a removed one.
// Fields lists what changed in the text, in the fixed order level,
// title_ja, title_en, summary_ja, summary_en; for a moved requirement
// OldParent and NewParent say where it was and is.
type EditionChange struct {
	Kind      ChangeKind `json:"kind"`
	OldID     string     `json:"old_id,omitempty"`
	NewID     string     `json:"new_id,omitempty"`
	Level     Level      `json:"level"`
	OldParent string     `json:"old_parent,omitempty"`
	NewParent string     `json:"new_parent,omitempty"`
	Fields    []string   `json:"fields,omitempty"`
	TitleJA   string     `json:"title_ja"`
	TitleEN   string     `json:"title_en"`
}

// EditionDiff compares the requirements of two editions: the changes in
// the newer edition's order (removed requirements last, in the older
// edition's order) and the counts per kind.
type EditionDiff struct {
	From      string          `json:"from"`
	To        string          `json:"to"`
	Crosswalk int             `json:"crosswalk_entries"`
	Unchanged int             `json:"unchanged"`
	Added     int             `json:"added"`
	Removed   int             `json:"removed"`
	Moved     int             `json:"moved"`
	Changed   int             `json:"changed"`
	Changes   []EditionChange `json:"changes"`

	// next maps each old requirement ID to its ID in the newer edition
	// ("" when removed); rewritten marks the old IDs whose text changed.
	next      map[string]string
	rewritten map[string]bool
}

// Empty reports whether the two editions have the same requirements with
// the same text in the same places.
func (d EditionDiff) Empty() bool { return len(d.Changes) == 0 }

// Carry says what becomes of the answer to the older edition's
// requirement oldID in the newer edition: the ID it answers there, and
// whether it may be carried as it is. ok is false when the requirement
// was removed; carry is false when its level, title or summary changed,
// so the CSP must answer it afresh.
func (d EditionDiff) Carry(oldID string) (newID string, carry, ok bool) {
	n, found := d.next[oldID]
	if !found || n == "" {
		return "", false, false
	}
	return n, !d.rewritten[oldID], true
}

// DiffEditions compares the requirements (the rows a CSP answers; headings
// are not compared) of the older edition a with the newer edition b. A
// requirement of a is the requirement of b with the ID cw gives it, or
// else with the same ID. Every crosswalk entry must name a requirement of
// a and one of b, and no two requirements of a may land on one of b (a
// crosswalk entry X→Y while Y is still a requirement of a that is not
// itself renumbered); otherwise the error joins one error wrapping
// ErrCrosswalk per problem.
func DiffEditions(a, b *Catalog, cw Crosswalk) (EditionDiff, error) {
	d := EditionDiff{From: a.Edition.ID, To: b.Edition.ID, Crosswalk: len(cw), next: map[string]string{}, rewritten: map[string]bool{}}
	oldReqs, newReqs := a.Requirements(), b.Requirements()
	inA, inB := itemsByID(oldReqs), itemsByID(newReqs)
	errs := checkCrosswalkIDs(cw, inA, inB, a.Edition.ID, b.Edition.ID)
	from, placeErrs := d.placeOld(oldReqs, cw, inB)
	if errs = append(errs, placeErrs...); len(errs) > 0 {
		return EditionDiff{}, errors.Join(errs...)
	}
	d.compareNew(newReqs, from, inA)
	d.listRemoved(oldReqs)
	return d, nil
}

// itemsByID indexes items by their ID.
func itemsByID(items []Item) map[string]Item {
	m := make(map[string]Item, len(items))
	for _, it := range items {
		m[it.ID] = it
	}
	return m
}

// checkCrosswalkIDs returns one error per crosswalk entry whose old ID is
// not a requirement of edition a or whose new ID is not one of edition
// b, in the order of the old IDs.
func checkCrosswalkIDs(cw Crosswalk, inA, inB map[string]Item, a, b string) []error {
	var errs []error
	for _, o := range slices.Sorted(maps.Keys(cw)) {
		n := cw[o]
		if _, ok := inA[o]; !ok {
			errs = append(errs, fmt.Errorf("%w: %s → %s: %s is not a requirement of edition %s", ErrCrosswalk, o, n, o, a))
		}
		if _, ok := inB[n]; !ok {
			errs = append(errs, fmt.Errorf("%w: %s → %s: %s is not a requirement of edition %s", ErrCrosswalk, o, n, n, b))
		}
	}
	return errs
}

// placeOld finds each old requirement's place in the newer edition (d.next;
// "" when it is gone) and returns the map back, new ID → old ID. Two old
// IDs on one new ID is a crosswalk mistake.
func (d *EditionDiff) placeOld(oldReqs []Item, cw Crosswalk, inB map[string]Item) (map[string]string, []error) {
	var errs []error
	from := map[string]string{} // new ID → old ID
	for _, it := range oldReqs {
		n, renumbered := cw[it.ID]
		if !renumbered {
			n = it.ID
		}
		if _, ok := inB[n]; !ok {
			d.next[it.ID] = ""
			continue
		}
		if prev, taken := from[n]; taken {
			errs = append(errs, fmt.Errorf("%w: %s and %s would both become %s; add a line for the one that was renumbered", ErrCrosswalk, prev, it.ID, n))
			continue
		}
		from[n] = it.ID
		d.next[it.ID] = n
	}
	return from, errs
}

// compareNew lists, in the newer edition's order, each requirement that
// was added, moved or had its text changed, and counts the unchanged ones.
func (d *EditionDiff) compareNew(newReqs []Item, from map[string]string, inA map[string]Item) {
	for _, nb := range newReqs {
		o, ok := from[nb.ID]
		if !ok {
			d.Changes = append(d.Changes, EditionChange{Kind: ChangeAdded, NewID: nb.ID, Level: nb.Level, NewParent: nb.Parent, TitleJA: nb.TitleJA, TitleEN: nb.TitleEN})
			d.Added++
			continue
		}
		oa := inA[o]
		fields := textChanges(oa, nb)
		if len(fields) > 0 {
			d.rewritten[o] = true
		}
		ch := EditionChange{OldID: o, NewID: nb.ID, Level: nb.Level, Fields: fields, TitleJA: nb.TitleJA, TitleEN: nb.TitleEN}
		switch {
		case o != nb.ID || oa.Parent != nb.Parent:
			ch.Kind, ch.OldParent, ch.NewParent = ChangeMoved, oa.Parent, nb.Parent
			d.Moved++
		case len(fields) > 0:
			ch.Kind = ChangeText
			d.Changed++
		default:
			d.Unchanged++
			continue
		}
		d.Changes = append(d.Changes, ch)
	}
}

// listRemoved appends, in the older edition's order, the requirements
// that have no place in the newer one.
func (d *EditionDiff) listRemoved(oldReqs []Item) {
	for _, it := range oldReqs {
		if d.next[it.ID] == "" {
			d.Changes = append(d.Changes, EditionChange{Kind: ChangeRemoved, OldID: it.ID, Level: it.Level, OldParent: it.Parent, TitleJA: it.TitleJA, TitleEN: it.TitleEN})
			d.Removed++
		}
	}
}

// textChanges lists the fields a CSP's answer depends on that differ
// between the two versions of a requirement. Ref (the source reference)
// is not among them: it does not change what is asked.
func textChanges(a, b Item) []string {
	var out []string
	for _, f := range []struct {
		name string
		x, y string
	}{
		{"level", string(a.Level), string(b.Level)},
		{"title_ja", a.TitleJA, b.TitleJA},
		{"title_en", a.TitleEN, b.TitleEN},
		{"summary_ja", a.SummaryJA, b.SummaryJA},
		{"summary_en", a.SummaryEN, b.SummaryEN},
	} {
		if f.x != f.y {
			out = append(out, f.name)
		}
	}
	return out
}

// SameEditionDiff is the diff of an edition with itself: every
// requirement carries to itself. Prefill and diff use it when both rounds
// answer the same edition.
func SameEditionDiff(c *Catalog) EditionDiff {
	d, _ := DiffEditions(c, c, nil)
	return d
}
