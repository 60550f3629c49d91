package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// Cell is one cell of a Table: text, a whole number or a date (the first
// that is set, Text winning), with an optional fill colour ("RRGGBB") and
// bold face. Text is always stored as a string cell through SanitizeText,
// so text from a CSP never becomes a formula.
type Cell struct {
	Text  string
	Int   int64
	IsInt bool
	Date  checklist.Date
	Fill  string
	Bold  bool
}

// TextCell, IntCell and DateCell build the three kinds of Cell;
// FilledCell is a text cell with a fill colour, and WithFill returns c
// with one.
func TextCell(s string) Cell             { return Cell{Text: s} }
func IntCell(n int) Cell                 { return Cell{Int: int64(n), IsInt: true} }
func DateCell(d checklist.Date) Cell     { return Cell{Date: d} }
func FilledCell(s, fill string) Cell     { return Cell{Text: s, Fill: fill} }
func (c Cell) WithFill(fill string) Cell { c.Fill = fill; return c }

// Table is one sheet of a report workbook: a header row, then the rows
// Rows emits one at a time (so a large table is never held in memory),
// shown as an Excel table with filter buttons and a frozen header.
// Header names must be unique and not empty. Widths gives column widths
// (missing ones default to 14).
type Table struct {
	Sheet  string
	Header []string
	Widths []float64
	Rows   func(emit func([]Cell) error) error
}

// MetaKindProperty is the custom document property that tells the
// workbooks of WriteTables (KindReport) from workbooks to read back.
const (
	MetaKindProperty = "ismapcheck.kind"
	KindReport       = "report"
)

// ErrTables marks a table definition WriteTables cannot write.
var ErrTables = errors.New("cannot write the table workbook")

// WriteTables writes a workbook of report tables to w, one sheet per
// table in order, stamped with date (document properties and zip entries)
// so the same tables and date always give the same bytes. title is the
// workbook's title property. Sheets are streamed: memory does not grow
// with the number of rows.
func WriteTables(w io.Writer, title string, date checklist.Date, tables []Table) error {
	if len(tables) == 0 {
		return fmt.Errorf("%w: no tables", ErrTables)
	}
	f := excelize.NewFile()
	defer f.Close()
	type styleKey struct {
		fill       string
		bold, date bool
	}
	styles := map[styleKey]int{}
	style := func(c Cell) (int, error) {
		key := styleKey{c.Fill, c.Bold, !c.Date.IsZero()}
		if id, ok := styles[key]; ok {
			return id, nil
		}
		s := &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border()}
		if c.Fill != "" {
			s.Fill = fill(c.Fill)
		}
		if c.Bold {
			s.Font = &excelize.Font{Bold: true}
		}
		if !c.Date.IsZero() {
			df := dateFormat
			s.CustomNumFmt = &df
		}
		id, err := f.NewStyle(s)
		styles[key] = id
		return id, err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: fill("1F4E78"), Border: border(),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	for i, t := range tables {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", t.Sheet); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(t.Sheet); err != nil {
			return err
		}
		if err := writeTable(f, i, t, header, style); err != nil {
			return fmt.Errorf("sheet %q: %w", t.Sheet, err)
		}
	}
	stamp := date.Time().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Title: SanitizeText(title), Creator: "ismapcheck", LastModifiedBy: "ismapcheck",
		Created: stamp, Modified: stamp, Language: "ja-JP"}); err != nil {
		return err
	}
	if err := f.SetCustomProps(excelize.CustomProperty{Name: MetaKindProperty, Value: KindReport}); err != nil {
		return err
	}
	// No SetActiveSheet: the first sheet is active already, and the call
	// would parse every streamed sheet back into memory.
	mod := date.Time()
	if date.IsZero() {
		mod = time.Date(1980, time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return &sortedZip{zw: zip.NewWriter(w), mod: mod, parts: map[string]*bytes.Buffer{}}
	})
	if err := f.Write(w); err != nil {
		return fmt.Errorf("writing the workbook: %w", err)
	}
	return nil
}

// sortedZip is the zip writer of WriteTables: excelize writes streamed
// sheets in map order, so the parts are held until Close and written in
// name order (reversed, as excelize orders the others), deflated, with a
// fixed time. It holds the uncompressed parts, about the size of the
// tables' XML.
type sortedZip struct {
	zw    *zip.Writer
	mod   time.Time
	parts map[string]*bytes.Buffer
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if _, dup := z.parts[name]; dup {
		return nil, fmt.Errorf("%w: part %q written twice", ErrTables, name)
	}
	b := &bytes.Buffer{}
	z.parts[name] = b
	return b, nil
}

func (z *sortedZip) AddFS(fsys fs.FS) error {
	return fmt.Errorf("%w: AddFS is not supported", ErrTables)
}

func (z *sortedZip) Close() error {
	names := make([]string, 0, len(z.parts))
	for n := range z.parts {
		names = append(names, n)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	for _, n := range names {
		w, err := z.zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: z.mod})
		if err != nil {
			return err
		}
		if _, err := z.parts[n].WriteTo(w); err != nil {
			return err
		}
		delete(z.parts, n)
	}
	return z.zw.Close()
}

func writeTable(f *excelize.File, n int, t Table, header int, style func(Cell) (int, error)) error {
	if len(t.Header) == 0 {
		return fmt.Errorf("%w: no header", ErrTables)
	}
	sw, err := f.NewStreamWriter(t.Sheet)
	if err != nil {
		return err
	}
	for i := range t.Header {
		w := 14.0
		if i < len(t.Widths) && t.Widths[i] > 0 {
			w = t.Widths[i]
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(t.Header))
	for i, h := range t.Header {
		head[i] = excelize.Cell{StyleID: header, Value: SanitizeText(h)}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	row := 1
	if t.Rows != nil {
		err = t.Rows(func(cells []Cell) error {
			row++
			vals := make([]any, len(cells))
			for i, c := range cells {
				id, err := style(c)
				if err != nil {
					return err
				}
				var v any
				switch {
				case c.Text != "":
					v = SanitizeText(c.Text)
				case c.IsInt:
					v = c.Int
				case !c.Date.IsZero():
					v = DateSerial(c.Date)
				}
				vals[i] = excelize.Cell{StyleID: id, Value: v}
			}
			ref, err := excelize.CoordinatesToCellName(1, row)
			if err != nil {
				return err
			}
			return sw.SetRow(ref, vals)
		})
		if err != nil {
			return err
		}
	}
	last, err := excelize.CoordinatesToCellName(len(t.Header), max(row, 2))
	if err != nil {
		return err
	}
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: fmt.Sprintf("Table%d", n+1), StyleName: "TableStyleLight1"}); err != nil {
		return err
	}
	return sw.Flush()
}
