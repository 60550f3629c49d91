package checklist

import (
	"maps"
	"slices"
	"strings"
)

// Level is the place of a catalogue row in the structure of the criteria.
type Level string

// Heading levels group rows; requirement levels are what a CSP answers.
const (
	LevelPart       Level = "part"       // governance / management / controls
	LevelChapter    Level = "chapter"    // 3 … 18
	LevelSection    Level = "section"    // two numbers in chapters 3–4 (3.1, 4.4)
	LevelClause     Level = "clause"     // three numbers in chapters 3–4 (3.1.2, 4.4.1)
	LevelCategory   Level = "category"   // two numbers in chapters 5–18 (9.2, 6.3.P)
	LevelGovernance Level = "governance" // governance item X.X.X.N in chapter 3
	LevelManagement Level = "management" // management item X.X.X.N in chapter 4
	LevelObjective  Level = "objective"  // control objective X.X.X[.P]
	LevelDetail     Level = "detail"     // detailed control X.X.X.N.B / .PB
)

// Part IDs used for the three part headings.
const (
	PartGovernance = "governance"
	PartManagement = "management"
	PartControls   = "controls"
)

// IsRequirement reports whether rows of this level are answered by the CSP.
func (l Level) IsRequirement() bool {
	switch l {
	case LevelGovernance, LevelManagement, LevelObjective, LevelDetail:
		return true
	}
	return false
}

// IsHeading reports whether rows of this level only group requirements.
func (l Level) IsHeading() bool {
	switch l {
	case LevelPart, LevelChapter, LevelSection, LevelClause, LevelCategory:
		return true
	}
	return false
}

// LabelJA is the Japanese name of the level.
func (l Level) LabelJA() string {
	switch l {
	case LevelPart:
		return "部"
	case LevelChapter:
		return "章"
	case LevelSection:
		return "節"
	case LevelClause:
		return "項"
	case LevelCategory:
		return "カテゴリ"
	case LevelGovernance:
		return "ガバナンス基準"
	case LevelManagement:
		return "マネジメント基準"
	case LevelObjective:
		return "統制目標"
	case LevelDetail:
		return "詳細管理策(B)"
	}
	return string(l)
}

// LabelEN is the English name of the level.
func (l Level) LabelEN() string {
	switch l {
	case LevelGovernance:
		return "Governance"
	case LevelManagement:
		return "Management"
	case LevelObjective:
		return "Control objective"
	case LevelDetail:
		return "Detailed control (B)"
	}
	if l == "" {
		return ""
	}
	return strings.ToUpper(string(l[:1])) + string(l[1:])
}

// Item is one row of a catalogue: a heading or a requirement.
type Item struct {
	ID        string `json:"id"`
	Level     Level  `json:"level"`
	Chapter   int    `json:"chapter"`
	Parent    string `json:"parent,omitempty"`
	P         bool   `json:"p,omitempty"`
	B         bool   `json:"b,omitempty"`
	TitleJA   string `json:"title_ja"`
	TitleEN   string `json:"title_en"`
	SummaryJA string `json:"summary_ja,omitempty"`
	SummaryEN string `json:"summary_en,omitempty"`
	Ref       string `json:"ref,omitempty"`
	Line      int    `json:"-"` // line in the catalogue file, for messages
}

// Suffix returns "", "P", "B" or "PB".
func (it Item) Suffix() string {
	s := ""
	if it.P {
		s += "P"
	}
	if it.B {
		s += "B"
	}
	return s
}

// PartOf returns the part ID (PartGovernance, PartManagement, PartControls)
// a chapter belongs to.
func PartOf(chapter int) string {
	switch chapter {
	case 3:
		return PartGovernance
	case 4:
		return PartManagement
	}
	return PartControls
}

// Edition is the metadata of one catalogue edition.
type Edition struct {
	ID       string `json:"id"`
	TitleJA  string `json:"title_ja"`
	TitleEN  string `json:"title_en"`
	Revised  string `json:"revised"`
	Source   string `json:"source"`
	NoteJA   string `json:"note_ja"`
	NoteEN   string `json:"note_en"`
	SHA256   string `json:"sha256"` // fingerprint of the catalogue file
	FileName string `json:"file,omitempty"`
}

// Catalog is one edition: its metadata and its rows in file order.
type Catalog struct {
	Edition Edition
	Items   []Item
	index   map[string]int
}

// Lookup returns the row with the canonical ID id.
func (c *Catalog) Lookup(id string) (Item, bool) {
	if c.index == nil {
		c.buildIndex()
	}
	i, ok := c.index[id]
	if !ok {
		return Item{}, false
	}
	return c.Items[i], true
}

func (c *Catalog) buildIndex() {
	c.index = make(map[string]int, len(c.Items))
	for i, it := range c.Items {
		if _, dup := c.index[it.ID]; !dup {
			c.index[it.ID] = i
		}
	}
}

// Requirements returns the rows a CSP answers, in catalogue order.
func (c *Catalog) Requirements() []Item {
	out := make([]Item, 0, len(c.Items))
	for _, it := range c.Items {
		if it.Level.IsRequirement() {
			out = append(out, it)
		}
	}
	return out
}

// Children returns the rows whose parent is id, in catalogue order.
func (c *Catalog) Children(id string) []Item {
	var out []Item
	for _, it := range c.Items {
		if it.Parent == id {
			out = append(out, it)
		}
	}
	return out
}

// BControls returns the B detailed controls under the objective id.
func (c *Catalog) BControls(objective string) []Item {
	var out []Item
	for _, it := range c.Children(objective) {
		if it.Level == LevelDetail && it.B {
			out = append(out, it)
		}
	}
	return out
}

// Stats counts the requirements of a catalogue.
type Stats struct {
	Edition    string      `json:"edition"`
	Total      int         `json:"total"`
	Governance int         `json:"governance"`
	Management int         `json:"management"`
	Objective  int         `json:"objective"`
	Detail     int         `json:"detail"`
	Chapters   []ChapterNo `json:"chapters"`
}

// ChapterNo counts the requirements of one chapter.
type ChapterNo struct {
	Chapter    int    `json:"chapter"`
	TitleJA    string `json:"title_ja"`
	TitleEN    string `json:"title_en"`
	Total      int    `json:"total"`
	Governance int    `json:"governance,omitempty"`
	Management int    `json:"management,omitempty"`
	Objective  int    `json:"objective,omitempty"`
	Detail     int    `json:"detail,omitempty"`
}

// Stats returns the counts per level and per chapter.
func (c *Catalog) Stats() Stats {
	s := Stats{Edition: c.Edition.ID}
	byCh := map[int]*ChapterNo{}
	for _, it := range c.Items {
		if it.Level == LevelChapter {
			byCh[it.Chapter] = &ChapterNo{Chapter: it.Chapter, TitleJA: it.TitleJA, TitleEN: it.TitleEN}
		}
	}
	for _, it := range c.Requirements() {
		ch := byCh[it.Chapter]
		if ch == nil {
			ch = &ChapterNo{Chapter: it.Chapter}
			byCh[it.Chapter] = ch
		}
		s.Total++
		ch.Total++
		switch it.Level {
		case LevelGovernance:
			s.Governance++
			ch.Governance++
		case LevelManagement:
			s.Management++
			ch.Management++
		case LevelObjective:
			s.Objective++
			ch.Objective++
		case LevelDetail:
			s.Detail++
			ch.Detail++
		}
	}
	for _, k := range slices.Sorted(maps.Keys(byCh)) {
		s.Chapters = append(s.Chapters, *byCh[k])
	}
	return s
}
