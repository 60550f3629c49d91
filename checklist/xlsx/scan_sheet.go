package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Open's pass over one worksheet: where each cell is, what it holds
// (see sheetCells), its shared-string index within the table (a reader
// would otherwise take an index past it as an empty cell, silently), its
// formula, and the cells hyperlinks cover (read by readAnnotations).

// checkSharedIndex refuses a shared-string cell whose index v is not in
// the table: excelize would read it as an empty cell, silently.
func (s *wsScan) checkSharedIndex(v []byte) error {
	v, count := bytes.TrimSpace(v), s.w.sharedStrings
	if len(v) == 0 || count < 0 {
		return nil
	}
	if n, ok := digits(v); ok && n < count {
		return nil
	}
	if n, err := strconv.Atoi(string(v)); err == nil && n >= 0 && n < count {
		return nil
	}
	q := clip(string(v), 20)
	return fatal(s.file, s.sheet, cellName(s.cCol, s.cRow), ErrCorrupt,
		fmt.Sprintf("共有文字列の番号 %q が範囲外です（共有文字列は%d件）。ブックが壊れています", q, count),
		fmt.Sprintf("shared-string index %q is out of range (the table holds %d strings); the workbook is damaged", q, count))
}

// digits reads up to 18 decimal digits; ok is false for anything else.
func digits(b []byte) (n int, ok bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// appendRange appends the cells of ref ("F12" or "F12:G14") to cells, up
// to maxLinkCells in all.
func appendRange(cells []string, ref string) []string {
	from, to, isRange := strings.Cut(ref, ":")
	c1, r1, ok := splitRef(from)
	if !ok {
		return cells
	}
	c2, r2 := c1, r1
	if isRange {
		if c2, r2, ok = splitRef(to); !ok {
			return cells
		}
	}
	for r := min(r1, r2); r <= max(r1, r2); r++ {
		for c := min(c1, c2); c <= max(c1, c2); c++ {
			if len(cells) >= maxLinkCells {
				return cells
			}
			cells = append(cells, cellName(c, r))
		}
	}
	return cells
}

// scanWorksheet reads the tokens of one worksheet (entry l): well-formed
// XML, every cell inside lim.Rows × lim.Cols, every shared-string index
// inside the table, the address of every formula and hyperlink; and it
// keeps the cells' values (see sheetCells). errSlow passes unchanged.
func scanWorksheet(src xsource, l *limitedEntry, file, sheet string, w *Workbook, lim Limits) error {
	s := &wsScan{file: file, sheet: sheet, w: w, lim: lim, cells: &sheetCells{maxRows: lim.Rows + rowSlack}, collect: true}
	w.cells[sheet] = s.cells
	root := false
	for {
		tok, err := src.next()
		if err == io.EOF {
			if !root {
				return xmlError(file, sheet, l.f.Name, errors.New("no root element"))
			}
			return nil
		}
		if err == errSlow {
			return err
		}
		if err != nil {
			if l.err != nil {
				return l.err
			}
			return xmlError(file, sheet, l.f.Name, err)
		}
		if tok.kind == xStart {
			root = true
		}
		if s.inCell && !s.cells.token(tok) {
			s.cells.endCell(w.sst)
			s.inCell = false
		}
		if err := s.token(tok); err != nil {
			return err
		}
	}
}

// sheetMark is what a worksheet's scan adds to the workbook, undone when
// the fast tokenizer gives up on the part and encoding/xml reads it again.
type sheetMark struct {
	w                *Workbook
	sheet            string
	cells            *sheetCells
	formulas, links  []string
	hasCells, hasMap bool
	hasF, hasLinks   bool
}

func markSheet(w *Workbook, sheet string) sheetMark {
	m := sheetMark{w: w, sheet: sheet}
	m.cells, m.hasCells = w.cells[sheet]
	m.formulas, m.hasF = w.Formulas[sheet]
	m.links, m.hasLinks = w.Hyperlinks[sheet]
	_, m.hasMap = w.formula[sheet]
	return m
}

// restore undoes what a scan added since the mark.
func (m sheetMark) restore() {
	w, sheet := m.w, m.sheet
	if f := w.Formulas[sheet]; len(f) > len(m.formulas) {
		for _, c := range f[len(m.formulas):] {
			delete(w.formula[sheet], c)
		}
	}
	if !m.hasMap {
		delete(w.formula, sheet)
	}
	restoreKey(w.cells, sheet, m.cells, m.hasCells)
	restoreKey(w.Formulas, sheet, m.formulas, m.hasF)
	restoreKey(w.Hyperlinks, sheet, m.links, m.hasLinks)
}

func restoreKey[V any](m map[string]V, k string, v V, had bool) {
	if had {
		m[k] = v
	} else {
		delete(m, k)
	}
}

// wsScan is the state of scanWorksheet.
type wsScan struct {
	file, sheet string
	w           *Workbook
	lim         Limits
	cells       *sheetCells
	collect     bool // inside the sheet data, before its end
	inCell      bool // cells is reading a cell
	row, col    int
	cCol, cRow  int // the cell of the last <c> (its name is made when needed)
	depthC      bool
	typ         string
	inV         bool
}

func (s *wsScan) token(t *xtok) error {
	switch t.kind {
	case xText:
		if s.inV {
			return s.checkSharedIndex(t.text)
		}
	case xEnd:
		switch string(t.local) {
		case "c":
			s.depthC = false
		case "v":
			s.inV = false
		case "sheetData":
			s.collect = false
		}
	case xStart:
		return s.start(t)
	}
	return nil
}

func (s *wsScan) start(t *xtok) error {
	switch string(t.local) {
	case "row":
		r := string(t.attr("r"))
		if s.collect && !s.inCell {
			s.cells.startRow(r)
		}
		return s.startRow(r)
	case "c":
		ref, typ := t.attr("r"), cellType(t.attr("t"))
		col, row, ok := splitRef(ref)
		if s.collect && !s.inCell {
			s.cells.startCell(col, typ)
			s.inCell = s.cells.inCell
		}
		if len(ref) > 0 && !ok {
			return fatal(s.file, s.sheet, "", ErrCorrupt,
				fmt.Sprintf("セル番地 %q が不正です", ref), fmt.Sprintf("invalid cell reference %q", ref))
		}
		return s.startCell(len(ref) > 0, col, row, typ)
	case "v":
		s.inV = s.depthC && s.typ == "s"
	case "hyperlink":
		s.w.Hyperlinks[s.sheet] = appendRange(s.w.Hyperlinks[s.sheet], string(t.attr("ref")))
	case "f":
		if s.depthC {
			s.addFormula()
		}
	}
	return nil
}

// addFormula notes the current cell as holding a formula.
func (s *wsScan) addFormula() {
	m := s.w.formula[s.sheet]
	if m == nil {
		m = map[string]bool{}
		s.w.formula[s.sheet] = m
	}
	if cell := cellName(s.cCol, s.cRow); !m[cell] {
		m[cell] = true
		s.w.Formulas[s.sheet] = append(s.w.Formulas[s.sheet], cell)
	}
}

// cellType gives a cell's t attribute, the usual values without a copy.
func cellType(t []byte) string {
	switch string(t) {
	case "":
		return ""
	case "s":
		return "s"
	case "str":
		return "str"
	case "n":
		return "n"
	case "b":
		return "b"
	case "inlineStr":
		return "inlineStr"
	case "e":
		return "e"
	case "d":
		return "d"
	}
	return string(t)
}

func (s *wsScan) startRow(r string) error {
	if r == "" {
		s.row++
	} else {
		n, err := strconv.Atoi(r)
		if err != nil || n < 1 || n > 1048576 {
			return fatal(s.file, s.sheet, "", ErrCorrupt,
				fmt.Sprintf("行番号 %q が不正です", r), fmt.Sprintf("invalid row number %q", r))
		}
		s.row = n
	}
	s.col = 0
	return nil
}

// startCell begins a cell: at col, row when it has a reference, else
// after the previous one.
func (s *wsScan) startCell(hasRef bool, col, row int, typ string) error {
	if !hasRef {
		s.col++
		if s.row == 0 {
			s.row = 1
		}
	} else {
		s.col, s.row = col, row
	}
	s.cCol, s.cRow, s.typ = s.col, s.row, typ
	if s.row > s.lim.Rows || s.col > s.lim.Cols {
		return fatal(s.file, s.sheet, cellName(s.col, s.row), ErrOutOfBounds,
			fmt.Sprintf("読み取り範囲（%d行・%s列まで）の外にセルがあります。このセルを削除してください", s.lim.Rows, colName(s.lim.Cols)),
			fmt.Sprintf("a cell lies outside the readable area (rows 1–%d, columns A–%s); delete it", s.lim.Rows, colName(s.lim.Cols)))
	}
	s.depthC = true
	return nil
}

// splitRef parses "AB12" into column 28, row 12. Absolute markers ($) are
// accepted; anything beyond XFD1048576 is not.
func splitRef[S ~string | ~[]byte](ref S) (col, row int, ok bool) {
	// Without its $ markers a valid reference has at most 3 letters and
	// 7 digits.
	var buf [10]byte
	n := 0
	for i := 0; i < len(ref); i++ {
		if ref[i] == '$' {
			continue
		}
		if n == len(buf) {
			return 0, 0, false
		}
		buf[n] = ref[i]
		n++
	}
	s := buf[:n]
	i := 0
	for i < len(s) && i < 4 {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
		i++
	}
	if i == 0 || i > 3 || col > 16384 {
		return 0, 0, false
	}
	row, ok = digits(s[i:])
	if !ok || len(s)-i > 7 || row < 1 || row > 1048576 {
		return 0, 0, false
	}
	return col, row, true
}

// colName renders column number n (1-based) as letters.
func colName(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

// cellName renders column and row as "C12".
func cellName(col, row int) string { return colName(col) + strconv.Itoa(row) }
