package xlsx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// The cell values Open collects while it checks the worksheets, so a
// workbook is decompressed and parsed once. The values are the raw ones a
// reader needs: numbers and dates as stored (a date is its serial number;
// ParseDateCell reads it in the workbook's date system), booleans as 0/1,
// shared and inline strings resolved (rich text runs joined, phonetic runs
// left out, _xHHHH_ escapes decoded), a formula's cached value as stored
// (the reader refuses it; HasFormula names the cell). Where several
// readings of odd XML are possible, the one excelize's Rows/Columns gives
// is kept, so that assessments read before and after this reader are
// byte-identical.

// sheetCells collects the rows of one worksheet while it is scanned.
type sheetCells struct {
	rows    [][]string // rows[0] is row 1
	maxRows int        // rows kept (see rowSlack); a row past it keeps no cell
	cur     int        // row number of the last <row> element
	out     int        // the row cells go to: rows only move down (see startRow)
	started bool       // a <row> has been seen
	col     int        // column of the last cell in the current row
	// the cell being read
	inCell  bool
	ref     string
	typ     string
	v       strings.Builder
	formula bool
	inline  *richText // the inline string (<is>), when there is one
	inIs    bool
	inV     bool
	vDepth  int
	depth   int // element depth inside the cell
}

// startRow begins row element r (its "r" attribute, "" when absent). A row
// numbered at or before the current one continues it.
func (s *sheetCells) startRow(r string) {
	n, _ := strconv.Atoi(r)
	if n > 0 {
		s.cur = n
	} else {
		s.cur++
	}
	if s.cur > s.out {
		s.out = s.cur
		for len(s.rows) < min(s.out, s.maxRows) {
			s.rows = append(s.rows, nil)
		}
		s.col = 0
	}
	s.started = true
}

// rowSlack is how many rows past Limits.Rows a sheet keeps: a cell that
// far down is refused, but an empty <row r="1048576"/> is not, and must
// not make a million empty rows. Readers ask for at most Limits.Rows plus
// a few rows (the risk sheet's hidden sheet: 21).
const rowSlack = 64

// startCell begins a <c> element of the current row.
func (s *sheetCells) startCell(ref, typ string) {
	s.inCell, s.ref, s.typ, s.formula, s.inline, s.inIs, s.inV, s.depth = s.started && s.out <= s.maxRows, ref, typ, false, nil, false, false, 0
	s.v.Reset()
}

// token feeds one token from inside the current cell; it reports false
// once the cell's end tag was read.
func (s *sheetCells) token(tok xml.Token) bool {
	switch t := tok.(type) {
	case xml.StartElement:
		s.depth++
		switch {
		case s.inIs:
			s.inline.start(t.Name.Local)
		case s.inV:
		case t.Name.Local == "v":
			s.v.Reset() // the last <v> counts
			s.inV, s.vDepth = true, s.depth
		case t.Name.Local == "f":
			s.formula = true
		case t.Name.Local == "is" && s.depth == 1:
			s.inline, s.inIs = &richText{}, true
		}
	case xml.EndElement:
		s.depth--
		switch {
		case s.depth < 0:
			return false
		case s.inIs && s.depth == 0:
			s.inIs = false
		case s.inIs:
			s.inline.end()
		case s.inV && s.depth == s.vDepth-1:
			s.inV = false
		}
	case xml.CharData:
		switch {
		case s.inIs:
			s.inline.text(t)
		case s.inV:
			s.v.Write(t)
		}
	}
	return true
}

// endCell stores the cell just read, placed by its reference or after the
// previous cell; an empty value without a formula takes no place.
func (s *sheetCells) endCell(sst []string) {
	if !s.inCell {
		return
	}
	s.inCell = false
	if c, _, ok := splitRef(s.ref); ok {
		s.col = c
	} else {
		s.col++
	}
	val := s.value(sst)
	if val == "" && !s.formula {
		return
	}
	row := &s.rows[s.out-1]
	for len(*row) < s.col-1 {
		*row = append(*row, "")
	}
	*row = append(*row, val)
}

func (s *sheetCells) value(sst []string) string {
	v := s.v.String()
	switch s.typ {
	case "s":
		if v == "" {
			return ""
		}
		i, _ := strconv.Atoi(strings.TrimSpace(v))
		if i < 0 || i >= len(sst) {
			return ""
		}
		return sst[i]
	case "inlineStr":
		if s.inline != nil {
			return s.inline.String()
		}
	}
	return v
}

// richText collects a string item (<si> or <is>): its own <t> and the <t>
// of each run <r>; a later <t> at the same place replaces an earlier one,
// phonetic runs (<rPh>) are left out.
type richText struct {
	t      string
	runs   []string
	path   []string // element names below the item
	buf    strings.Builder
	inText bool
}

func (x *richText) start(name string) {
	x.path = append(x.path, name)
	switch {
	case len(x.path) == 1 && name == "r":
		x.runs = append(x.runs, "")
	case name == "t" && (len(x.path) == 1 || len(x.path) == 2 && x.path[0] == "r"):
		x.buf.Reset()
		x.inText = true
	}
}

func (x *richText) end() {
	if n := len(x.path); n > 0 {
		if x.inText && x.path[n-1] == "t" && (n == 1 || n == 2 && x.path[0] == "r") {
			if n == 1 {
				x.t = x.buf.String()
			} else {
				x.runs[len(x.runs)-1] = x.buf.String()
			}
			x.inText = false
		}
		x.path = x.path[:n-1]
	}
}

func (x *richText) text(cd xml.CharData) {
	if x.inText && len(x.path) > 0 && x.path[len(x.path)-1] == "t" {
		x.buf.Write(cd)
	}
}

func (x *richText) String() string {
	s := x.t + strings.Join(x.runs, "")
	if s == "" {
		return ""
	}
	return unescapeBSTR(s)
}

var bstrEscape = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// unescapeBSTR decodes the _xHHHH_ escapes OOXML uses for characters XML
// 1.0 cannot carry (_x005F_ is a literal underscore), as Excel and
// excelize read them.
func unescapeBSTR(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	cursor := 0
	for _, m := range bstrEscape.FindAllStringIndex(s, -1) {
		b.WriteString(s[cursor:m[0]])
		cursor = m[1]
		if s[m[0]:m[1]] == "_x005F_" {
			b.WriteByte('_')
			continue
		}
		v, _ := strconv.Unquote(`"\u` + s[m[0]+2:m[1]-1] + `"`)
		b.WriteString(v)
	}
	b.WriteString(s[cursor:])
	return b.String()
}

// readSharedStrings reads the shared-string table (the si elements under
// the root), checking that it is well-formed XML.
func readSharedStrings(r io.Reader) ([]string, error) {
	d := newTokenReader(r)
	var out []string
	var item *richText
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 2 && t.Name.Local == "si":
				item = &richText{}
			case depth > 2 && item != nil:
				item.start(t.Name.Local)
			}
		case xml.EndElement:
			switch {
			case depth == 2 && item != nil:
				out = append(out, item.String())
				item = nil
			case depth > 2 && item != nil:
				item.end()
			}
			depth--
		case xml.CharData:
			if item != nil {
				item.text(t)
			}
		}
	}
}

// Rows returns the rows of sheet as collected by Open: at most limit rows
// (rows[0] is row 1) of at most MaxCols cells, without the trailing empty
// rows. A sheet whose cells hold more than MaxSheetText bytes of text as
// read is refused with ErrZipBomb: one shared string used by every cell
// must not expand a small file into gigabytes. A sheet the workbook does
// not list is refused with ErrCorrupt. Errors are *checklist.CellError
// naming file and sheet.
func (w *Workbook) Rows(sheet string, limit int) ([][]string, error) {
	sc, err := w.sheet(sheet)
	if err != nil {
		return nil, fatal(w.name, sheet, "", ErrCorrupt,
			"シートを読み取れません: "+err.Error(), "the sheet cannot be read: "+err.Error())
	}
	var out [][]string
	var text int64
	for _, cols := range sc.rows {
		if len(out) >= limit {
			break
		}
		if len(cols) > MaxCols {
			cols = cols[:MaxCols]
		}
		// Count the text as the cells see it, a shared string once per
		// cell that uses it.
		for _, c := range cols {
			text += int64(len(c))
		}
		if text > MaxSheetText {
			return nil, fatal(w.name, sheet, cellName(1, len(out)+1), ErrZipBomb,
				fmt.Sprintf("シートのセルの文字量が上限（%dバイト）を超えます", MaxSheetText),
				fmt.Sprintf("the cells of the sheet hold more than %d bytes of text", MaxSheetText))
		}
		out = append(out, cols)
	}
	for len(out) > 0 && rowEmpty(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	return out, nil
}

// sheet finds the cells of sheet as excelize did: a name Excel refuses is
// an error, and names match regardless of case.
func (w *Workbook) sheet(name string) (*sheetCells, error) {
	switch {
	case name == "":
		return nil, errors.New("the sheet name can not be blank")
	case utf16Len(name) > 31:
		return nil, errors.New("the sheet name length exceeds the 31 characters limit")
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return nil, errors.New("the first or last character of the sheet name can not be a single quote")
	case strings.ContainsAny(name, ":\\/?*[]"):
		return nil, errors.New("the sheet can not contain any of the characters :\\/?*[or]")
	}
	if c := w.cells[name]; c != nil {
		return c, nil
	}
	for _, s := range w.Sheets {
		if strings.EqualFold(s.Name, name) && w.cells[s.Name] != nil {
			return w.cells[s.Name], nil
		}
	}
	return nil, fmt.Errorf("sheet %s does not exist", name)
}

// SheetNames lists the sheets in tab order.
func (w *Workbook) SheetNames() []string {
	out := make([]string, len(w.Sheets))
	for i, s := range w.Sheets {
		out[i] = s.Name
	}
	return out
}
