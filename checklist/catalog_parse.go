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
	"strconv"
	"strings"
)

// Reading a catalogue file: its errors, the metadata lines, the CSV rows.
// The file may be untrusted (--catalog FILE); ParseCatalog bounds its size
// and names the line of every problem.

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
	data, err := readCatalogBytes(r, name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	c := &Catalog{Edition: Edition{SHA256: hex.EncodeToString(sum[:]), FileName: path.Base(name)}}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))

	metaLines, consumed := readMetadata(data, &c.Edition)
	var errs []error
	if c.Edition.ID == "" || c.Edition.TitleJA == "" || c.Edition.NoteJA == "" || c.Edition.NoteEN == "" {
		errs = append(errs, &LineError{File: name, Line: 1, Err: fmt.Errorf("%w: need \"# edition:\", \"# title_ja:\", \"# note_ja:\" and \"# note_en:\" lines", ErrMetadata)})
	}

	cr := csv.NewReader(bytes.NewReader(data[consumed:]))
	cr.FieldsPerRecord = -1
	if err := readHeader(cr, name, metaLines); err != nil {
		return nil, errors.Join(append(errs, err)...)
	}
	items, rowErrs := readRows(cr, name, metaLines)
	c.Items = items
	errs = append(errs, rowErrs...)
	if err := c.validate(name); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return c, errors.Join(errs...)
	}
	return c, nil
}

// readCatalogBytes reads the whole file, refusing one over maxCatalogBytes.
func readCatalogBytes(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCatalogBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading catalogue %q: %w", name, err)
	}
	if len(data) > maxCatalogBytes {
		return nil, &LineError{File: name, Line: 1, Err: fmt.Errorf("%w: larger than %d bytes", ErrCatalogFormat, maxCatalogBytes)}
	}
	return data, nil
}

// readMetadata reads the "# key: value" lines at the start of data into
// ed. It returns how many lines they take, so CSV line numbers stay true,
// and how many bytes, so the CSV part starts after them.
func readMetadata(data []byte, ed *Edition) (metaLines, consumed int) {
	fields := metadataFields(ed)
	// Count the bytes of each line as they are in the file (with any "\r"
	// of a CRLF file), or the CSV part would start in the wrong place.
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
		if f, known := fields[strings.TrimSpace(k)]; known {
			*f = strings.TrimSpace(v)
		}
	}
	if consumed > len(data) {
		consumed = len(data)
	}
	return metaLines, consumed
}

// metadataFields maps the keys of the metadata lines to the fields of ed
// they set; other keys are ignored.
func metadataFields(ed *Edition) map[string]*string {
	return map[string]*string{
		"edition":  &ed.ID,
		"title_ja": &ed.TitleJA,
		"title_en": &ed.TitleEN,
		"revised":  &ed.Revised,
		"source":   &ed.Source,
		"note_ja":  &ed.NoteJA,
		"note_en":  &ed.NoteEN,
	}
}

// readHeader reads the CSV header, which must start with catalogColumns.
func readHeader(cr *csv.Reader, name string, metaLines int) error {
	header, err := cr.Read()
	if err != nil {
		return &LineError{File: name, Line: metaLines + 1, Err: fmt.Errorf("%w: no header line: %v", ErrCatalogFormat, err)}
	}
	for i, col := range catalogColumns {
		if i >= len(header) || strings.TrimSpace(header[i]) != col {
			return &LineError{File: name, Line: metaLines + 1, Err: fmt.Errorf("%w: header must be %s", ErrCatalogFormat, strings.Join(catalogColumns, ","))}
		}
	}
	return nil
}

// readRows reads the rows after the header: the items parsed, and one
// *LineError per row refused. A CSV syntax error ends the reading.
func readRows(cr *csv.Reader, name string, metaLines int) ([]Item, []error) {
	var items []Item
	var errs []error
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
		items = append(items, it)
	}
	return items, errs
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
