package checklist

import (
	"errors"
	"fmt"
)

// Validating a catalogue: IDs unique, levels that match the IDs, parents
// that exist and match the structure of the criteria.

// Validate checks a catalogue held in memory (see ParseCatalog).
func (c *Catalog) Validate() error { return c.validate("") }

func (c *Catalog) validate(name string) error {
	var errs []error
	add := func(it Item, err error) {
		errs = append(errs, &LineError{File: name, Line: it.Line, ID: it.ID, Err: err})
	}
	seen := map[string]Item{}
	for _, it := range c.Items {
		if prev, dup := seen[it.ID]; dup {
			add(it, fmt.Errorf("%w: first on line %d", ErrDuplicateID, prev.Line))
			continue
		}
		seen[it.ID] = it
	}
	c.index = nil
	c.buildIndex()
	for _, it := range c.Items {
		if it.TitleJA == "" || it.TitleEN == "" {
			add(it, fmt.Errorf("%w: title_ja and title_en are required", ErrEmptyText))
		}
		if it.Level.IsRequirement() && (it.SummaryJA == "" || it.SummaryEN == "") {
			add(it, fmt.Errorf("%w: summary_ja and summary_en are required for a requirement", ErrEmptyText))
		}
		if !it.Level.IsRequirement() && !it.Level.IsHeading() {
			add(it, fmt.Errorf("%w: %q", ErrUnknownLevel, it.Level))
			continue
		}
		if it.Level == LevelPart {
			if it.Parent != "" {
				add(it, fmt.Errorf("%w: a part has no parent", ErrWrongParent))
			}
			continue
		}
		id, err := ParseID(it.ID)
		if err != nil {
			add(it, err)
			continue
		}
		if it.B && it.Level != LevelDetail {
			add(it, ErrMisplacedB)
			continue
		}
		if err := checkDepth(it.Level, id); err != nil {
			add(it, err)
			continue
		}
		want, ok := expectedParentNums(it.Level, id)
		parent, found := c.Lookup(it.Parent)
		switch {
		case it.Parent == "":
			add(it, fmt.Errorf("%w: parent is empty", ErrUnknownParent))
		case !found:
			add(it, fmt.Errorf("%w: %q", ErrUnknownParent, it.Parent))
		case it.Level == LevelChapter:
			if it.Parent != PartOf(id.Chapter()) {
				add(it, fmt.Errorf("%w: chapter %d belongs to part %q", ErrWrongParent, id.Chapter(), PartOf(id.Chapter())))
			}
		case ok:
			pid, _ := ParseID(parent.ID)
			if !equalNums(pid.Nums, want) {
				add(it, fmt.Errorf("%w: parent %q", ErrWrongParent, it.Parent))
			} else if it.Level == LevelDetail && parent.Level != LevelObjective {
				add(it, fmt.Errorf("%w: parent %q is a %s", ErrBParent, it.Parent, parent.Level))
			} else if lv := wantParentLevel(it.Level); lv != "" && parent.Level != lv {
				add(it, fmt.Errorf("%w: parent %q is a %s, want a %s", ErrWrongParent, it.Parent, parent.Level, lv))
			}
		}
		if it.Level == LevelDetail && !it.B {
			add(it, fmt.Errorf("%w: only detailed controls ending in B belong to the basic statement requirements", ErrLevelMismatch))
		}
	}
	return errors.Join(errs...)
}

func checkDepth(l Level, id ID) error {
	ch := id.Chapter()
	ok := true
	switch l {
	case LevelChapter:
		ok = id.Depth() == 1 && !id.P
	case LevelSection, LevelClause:
		want := 2
		if l == LevelClause {
			want = 3
		}
		ok = id.Depth() == want && (ch == 3 || ch == 4) && !id.P
	case LevelCategory:
		ok = id.Depth() == 2 && ch >= 5
	case LevelGovernance:
		ok = id.Depth() == 4 && ch == 3 && !id.P
	case LevelManagement:
		ok = id.Depth() == 4 && ch == 4 && !id.P
	case LevelObjective:
		ok = id.Depth() == 3 && ch >= 5
	case LevelDetail:
		ok = id.Depth() == 4 && ch >= 5
	}
	if !ok {
		return fmt.Errorf("%w: %q cannot be a %s", ErrLevelMismatch, id.String(), l)
	}
	return nil
}

// expectedParentNums gives the numeric parts the parent must have.
// ISMAP管理基準: an objective's parent is its category (8.1.5.P → 8.1,
// 6.3.1.P → 6.3.P); a detailed control's parent is its objective
// (9.2.3.11.PB → 9.2.3, 6.3.1.1.PB → 6.3.1.P).
func expectedParentNums(l Level, id ID) ([]int, bool) {
	switch l {
	case LevelChapter:
		return nil, false
	}
	if id.Depth() < 2 {
		return nil, false
	}
	return id.Nums[:id.Depth()-1], true
}

func wantParentLevel(l Level) Level {
	switch l {
	case LevelSection, LevelCategory:
		return LevelChapter
	case LevelClause:
		return LevelSection
	case LevelGovernance, LevelManagement:
		return LevelClause
	case LevelObjective:
		return LevelCategory
	case LevelDetail:
		return LevelObjective
	}
	return ""
}

func equalNums(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
