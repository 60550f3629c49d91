package checklist

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
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
	keys := make([]int, 0, len(byCh))
	for k := range byCh {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	for _, k := range keys {
		s.Chapters = append(s.Chapters, *byCh[k])
	}
	return s
}

// Sentinel errors of catalogue validation. A LineError wraps one of them.
var (
	ErrCatalogFormat  = errors.New("malformed catalogue file")
	ErrDuplicateID    = errors.New("duplicate ID")
	ErrUnknownParent  = errors.New("unknown parent")
	ErrWrongParent    = errors.New("parent does not match the ID")
	ErrLevelMismatch  = errors.New("level contradicts the ID")
	ErrMisplacedB     = errors.New("B suffix on a row that is not a detailed control")
	ErrBParent        = errors.New("B control whose parent is not a control objective")
	ErrEmptyText      = errors.New("empty title or summary")
	ErrUnknownLevel   = errors.New("unknown level")
	ErrMetadata       = errors.New("edition metadata missing")
	ErrSuffixMismatch = errors.New("suffix column contradicts the ID")
)

// LineError is a catalogue error at one line of the file.
type LineError struct {
	File string
	Line int
	ID   string
	Err  error
}

func (e *LineError) Error() string {
	loc := fmt.Sprintf("line %d", e.Line)
	if e.File != "" {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.ID != "" {
		return fmt.Sprintf("%s: ID %q: %v", loc, e.ID, e.Err)
	}
	return fmt.Sprintf("%s: %v", loc, e.Err)
}

// Unwrap returns the sentinel.
func (e *LineError) Unwrap() error { return e.Err }

// MessageJA renders the error in Japanese.
func (e *LineError) MessageJA() string {
	loc := fmt.Sprintf("%d行目", e.Line)
	if e.File != "" {
		loc = fmt.Sprintf("%s の %d行目", e.File, e.Line)
	}
	what := catalogErrJA(e.Err)
	if e.ID != "" {
		return fmt.Sprintf("%s (ID %s): %s", loc, e.ID, what)
	}
	return fmt.Sprintf("%s: %s", loc, what)
}

func catalogErrJA(err error) string {
	table := []struct {
		err error
		ja  string
	}{
		{ErrDuplicateID, "IDが重複しています"},
		{ErrUnknownParent, "親IDがカタログにありません"},
		{ErrWrongParent, "親IDがIDの構造と一致しません"},
		{ErrLevelMismatch, "区分(level)がIDの桁数・章と矛盾しています"},
		{ErrMisplacedB, "末尾Bは詳細管理策にしか付けられません"},
		{ErrBParent, "B付き詳細管理策の親が統制目標ではありません"},
		{ErrEmptyText, "項目名または概要が空です"},
		{ErrUnknownLevel, "不明な区分(level)です"},
		{ErrMetadata, "版のメタデータが不足しています"},
		{ErrSuffixMismatch, "suffix列がIDの末尾と一致しません"},
		{ErrBadID, "IDの形式が正しくありません"},
		{ErrCatalogFormat, "カタログファイルの形式が正しくありません"},
		{ErrCrosswalk, "番号対応表（crosswalk）が正しくありません"},
	}
	for _, t := range table {
		if errors.Is(err, t.err) {
			return t.ja + " (" + err.Error() + ")"
		}
	}
	return err.Error()
}

// Columns of a catalogue file, in order.
var catalogColumns = []string{"id", "level", "chapter", "parent", "suffix", "title_ja", "title_en", "summary_ja", "summary_en", "ref"}

// CatalogColumns returns the header of a catalogue file.
func CatalogColumns() []string { return append([]string(nil), catalogColumns...) }

// maxCatalogBytes bounds a catalogue file; the real one is far smaller.
const maxCatalogBytes = 8 << 20

// ParseCatalog reads a catalogue file (see README, "Catalogue format"):
// "# key: value" metadata lines, then a CSV header and one row per heading
// or requirement. name is used in messages. The result is validated; the
// error, if any, joins one *LineError per problem.
func ParseCatalog(r io.Reader, name string) (*Catalog, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCatalogBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading catalogue %q: %w", name, err)
	}
	if len(data) > maxCatalogBytes {
		return nil, &LineError{File: name, Line: 1, Err: fmt.Errorf("%w: larger than %d bytes", ErrCatalogFormat, maxCatalogBytes)}
	}
	sum := sha256.Sum256(data)
	c := &Catalog{Edition: Edition{SHA256: hex.EncodeToString(sum[:]), FileName: path.Base(name)}}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))

	// Metadata lines come first; count them so CSV line numbers stay true.
	// Count the bytes of each line as they are in the file (with any "\r"
	// of a CRLF file), or the CSV part would start in the wrong place.
	metaLines := 0
	consumed := 0
	for rest := data; len(rest) > 0 && rest[0] == '#'; {
		raw, after, found := bytes.Cut(rest, []byte("\n"))
		rest = after
		metaLines++
		consumed += len(raw)
		if found {
			consumed++
		}
		line := string(bytes.TrimSuffix(raw, []byte("\r")))
		kv := strings.TrimSpace(strings.TrimPrefix(line, "#"))
		k, v, ok := strings.Cut(kv, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "edition":
			c.Edition.ID = v
		case "title_ja":
			c.Edition.TitleJA = v
		case "title_en":
			c.Edition.TitleEN = v
		case "revised":
			c.Edition.Revised = v
		case "source":
			c.Edition.Source = v
		case "note_ja":
			c.Edition.NoteJA = v
		case "note_en":
			c.Edition.NoteEN = v
		}
	}
	if consumed > len(data) {
		consumed = len(data)
	}
	var errs []error
	if c.Edition.ID == "" || c.Edition.TitleJA == "" || c.Edition.NoteJA == "" || c.Edition.NoteEN == "" {
		errs = append(errs, &LineError{File: name, Line: 1, Err: fmt.Errorf("%w: need \"# edition:\", \"# title_ja:\", \"# note_ja:\" and \"# note_en:\" lines", ErrMetadata)})
	}

	cr := csv.NewReader(bytes.NewReader(data[consumed:]))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, errors.Join(append(errs, &LineError{File: name, Line: metaLines + 1, Err: fmt.Errorf("%w: no header line: %v", ErrCatalogFormat, err)})...)
	}
	for i, col := range catalogColumns {
		if i >= len(header) || strings.TrimSpace(header[i]) != col {
			return nil, errors.Join(append(errs, &LineError{File: name, Line: metaLines + 1, Err: fmt.Errorf("%w: header must be %s", ErrCatalogFormat, strings.Join(catalogColumns, ","))})...)
		}
	}
	line := metaLines + 1 // the header
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// Ask the ParseError, not FieldPos: after an error the reader
			// may hold no field, and FieldPos panics then.
			line++
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line + metaLines
			}
			errs = append(errs, &LineError{File: name, Line: line, Err: fmt.Errorf("%w: %v", ErrCatalogFormat, err)})
			break
		}
		line, _ = cr.FieldPos(0)
		line += metaLines
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(catalogColumns) {
			errs = append(errs, &LineError{File: name, Line: line, ID: strings.TrimSpace(rec[0]), Err: fmt.Errorf("%w: %d fields, want %d", ErrCatalogFormat, len(rec), len(catalogColumns))})
			continue
		}
		it, err := parseRow(rec, line)
		if err != nil {
			errs = append(errs, &LineError{File: name, Line: line, ID: strings.TrimSpace(rec[0]), Err: err})
			continue
		}
		c.Items = append(c.Items, it)
	}
	if err := c.validate(name); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return c, errors.Join(errs...)
	}
	return c, nil
}

// LoadCatalog reads the catalogue file at p in fsys.
func LoadCatalog(fsys fs.FS, p string) (*Catalog, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, fmt.Errorf("opening catalogue %q: %w", p, err)
	}
	defer f.Close()
	return ParseCatalog(f, p)
}

func parseRow(rec []string, line int) (Item, error) {
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	it := Item{
		Level:     Level(rec[1]),
		Parent:    rec[3],
		TitleJA:   rec[5],
		TitleEN:   rec[6],
		SummaryJA: rec[7],
		SummaryEN: rec[8],
		Ref:       rec[9],
		Line:      line,
	}
	if it.Level == LevelPart {
		it.ID = rec[0]
		if it.ID != PartGovernance && it.ID != PartManagement && it.ID != PartControls {
			return it, fmt.Errorf("%w: part ID must be %s, %s or %s", ErrBadID, PartGovernance, PartManagement, PartControls)
		}
		return it, nil
	}
	id, err := ParseID(rec[0])
	if err != nil {
		return it, err
	}
	it.ID = id.String()
	it.P, it.B = id.P, id.B
	it.Chapter = id.Chapter()
	if ch, err := strconv.Atoi(rec[2]); err != nil || ch != it.Chapter {
		return it, fmt.Errorf("%w: chapter column %q, ID says %d", ErrLevelMismatch, rec[2], it.Chapter)
	}
	if rec[4] != id.Suffix() {
		return it, fmt.Errorf("%w: suffix %q, ID says %q", ErrSuffixMismatch, rec[4], id.Suffix())
	}
	if it.Parent != "" && it.Parent != PartGovernance && it.Parent != PartManagement && it.Parent != PartControls {
		p, err := CanonicalID(it.Parent)
		if err != nil {
			return it, fmt.Errorf("%w: parent %q", ErrUnknownParent, it.Parent)
		}
		it.Parent = p
	}
	return it, nil
}

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
