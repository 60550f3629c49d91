package xlsx

import (
	"bytes"
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
	refCol  int // the column its reference names, 0 when it names none
	typ     string
	v       []byte
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

// startCell begins a <c> element of the current row; refCol is the column
// its reference names (0 when it has none or an invalid one).
func (s *sheetCells) startCell(refCol int, typ string) {
	s.inCell, s.refCol, s.typ, s.formula, s.inline, s.inIs, s.inV, s.depth = s.started && s.out <= s.maxRows, refCol, typ, false, nil, false, false, 0
	s.v = s.v[:0]
}

// token feeds one token from inside the current cell; it reports false
// once the cell's end tag was read.
func (s *sheetCells) token(t *xtok) bool {
	switch t.kind {
	case xStart:
		s.depth++
		switch {
		case s.inIs:
			s.inline.start(t.local)
		case s.inV:
		case string(t.local) == "v":
			s.v = s.v[:0] // the last <v> counts
			s.inV, s.vDepth = true, s.depth
		case string(t.local) == "f":
			s.formula = true
		case string(t.local) == "is" && s.depth == 1:
			s.inline, s.inIs = &richText{}, true
		}
	case xEnd:
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
	case xText:
		switch {
		case s.inIs:
			s.inline.text(t.text)
		case s.inV:
			s.v = append(s.v, t.text...)
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
	if s.refCol > 0 {
		s.col = s.refCol
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
	switch s.typ {
	case "s":
		if len(s.v) == 0 {
			return ""
		}
		i := atoiTrim(s.v)
		if i < 0 || i >= len(sst) {
			return ""
		}
		return sst[i]
	case "inlineStr":
		if s.inline != nil {
			return s.inline.String()
		}
	}
	return string(s.v)
}

// atoiTrim is strconv.Atoi of b without its surrounding white space,
// 0 when that is no number.
func atoiTrim(b []byte) int {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && len(b) <= 18 {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				n = -1
				break
			}
			n = n*10 + int(c-'0')
		}
		if n >= 0 {
			return n
		}
	}
	n, _ := strconv.Atoi(string(b))
	return n
}

// richText collects a string item (<si> or <is>): its own <t> and the <t>
// of each run <r>; a later <t> at the same place replaces an earlier one,
// phonetic runs (<rPh>) are left out.
type richText struct {
	t      string
	runs   []string
	path   []byte // the elements below the item: 'r', 't' or '.' (any other)
	buf    []byte
	inText bool
}

func (x *richText) reset() {
	x.t, x.runs, x.path, x.buf, x.inText = "", x.runs[:0], x.path[:0], x.buf[:0], false
}

func (x *richText) start(name []byte) {
	e := byte('.')
	switch string(name) {
	case "r":
		e = 'r'
	case "t":
		e = 't'
	}
	x.path = append(x.path, e)
	switch {
	case len(x.path) == 1 && e == 'r':
		x.runs = append(x.runs, "")
	case e == 't' && (len(x.path) == 1 || len(x.path) == 2 && x.path[0] == 'r'):
		x.buf = x.buf[:0]
		x.inText = true
	}
}

func (x *richText) end() {
	if n := len(x.path); n > 0 {
		if x.inText && x.path[n-1] == 't' && (n == 1 || n == 2 && x.path[0] == 'r') {
			if n == 1 {
				x.t = string(x.buf)
			} else {
				x.runs[len(x.runs)-1] = string(x.buf)
			}
			x.inText = false
		}
		x.path = x.path[:n-1]
	}
}

func (x *richText) text(cd []byte) {
	if x.inText && len(x.path) > 0 && x.path[len(x.path)-1] == 't' {
		x.buf = append(x.buf, cd...)
	}
}

func (x *richText) String() string {
	s := x.t
	if len(x.runs) > 0 {
		s += strings.Join(x.runs, "")
	}
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
// the root) from its tokens; it returns the source's errors as they are.
func readSharedStrings(src xsource) ([]string, error) {
	var out []string
	var item richText
	in := false // inside an si element
	depth := 0
	for {
		t, err := src.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t.kind {
		case xStart:
			depth++
			switch {
			case depth == 1 && out == nil:
				out = make([]string, 0, sstCapacity(t.attr("uniqueCount")))
			case depth == 2 && string(t.local) == "si":
				item.reset()
				in = true
			case depth > 2 && in:
				item.start(t.local)
			}
		case xEnd:
			switch {
			case depth == 2 && in:
				out = append(out, item.String())
				in = false
			case depth > 2 && in:
				item.end()
			}
			depth--
		case xText:
			if in {
				item.text(t.text)
			}
		}
	}
}

// sstCapacity reads the table's uniqueCount as a capacity hint, bounded:
// the file is untrusted.
func sstCapacity(v []byte) int {
	n, err := strconv.Atoi(string(v))
	if err != nil || n < 0 {
		return 0
	}
	return min(n, 1<<16)
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
