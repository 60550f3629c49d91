package xlsx

import (
	"encoding/xml"
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

// checkSharedIndex refuses a shared-string cell whose index is not in the
// table: excelize would read it as an empty cell, silently.
func checkSharedIndex(file, sheet, cell, v string, count int) error {
	v = strings.TrimSpace(v)
	if v == "" || count < 0 {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err == nil && n >= 0 && n < count {
		return nil
	}
	return fatal(file, sheet, cell, ErrCorrupt,
		fmt.Sprintf("共有文字列の番号 %q が範囲外です（共有文字列は%d件）。ブックが壊れています", clip(v, 20), count),
		fmt.Sprintf("shared-string index %q is out of range (the table holds %d strings); the workbook is damaged", clip(v, 20), count))
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

// scanWorksheet streams one worksheet: well-formed XML, every cell inside
// lim.Rows × lim.Cols, every shared-string index inside the table, the
// address of every formula and hyperlink; and it keeps the cells' values
// (see sheetCells).
func scanWorksheet(l *limitedEntry, file, sheet string, w *Workbook, lim Limits) error {
	s := &wsScan{file: file, sheet: sheet, w: w, lim: lim, cells: &sheetCells{maxRows: lim.Rows + rowSlack}, collect: true}
	w.cells[sheet] = s.cells
	d := newTokenReader(l)
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if !root {
				return xmlError(file, sheet, l.f.Name, errors.New("no root element"))
			}
			return nil
		}
		if err != nil {
			if l.err != nil {
				return l.err
			}
			return xmlError(file, sheet, l.f.Name, err)
		}
		if _, ok := tok.(xml.StartElement); ok {
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

// wsScan is the state of scanWorksheet.
type wsScan struct {
	file, sheet string
	w           *Workbook
	lim         Limits
	cells       *sheetCells
	collect     bool // inside the sheet data, before its end
	inCell      bool // cells is reading a cell
	row, col    int
	depthC      bool
	cell, typ   string
	inV         bool
}

func (s *wsScan) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.CharData:
		if s.inV {
			return checkSharedIndex(s.file, s.sheet, s.cell, string(t), s.w.sharedStrings)
		}
	case xml.EndElement:
		switch t.Name.Local {
		case "c":
			s.depthC = false
		case "v":
			s.inV = false
		case "sheetData":
			s.collect = false
		}
	case xml.StartElement:
		return s.start(t)
	}
	return nil
}

func (s *wsScan) start(se xml.StartElement) error {
	switch se.Name.Local {
	case "row":
		if s.collect && !s.inCell {
			s.cells.startRow(attr(se, "r"))
		}
		return s.startRow(attr(se, "r"))
	case "c":
		if s.collect && !s.inCell {
			s.cells.startCell(attr(se, "r"), attr(se, "t"))
			s.inCell = s.cells.inCell
		}
		return s.startCell(se)
	case "v":
		s.inV = s.depthC && s.typ == "s"
	case "hyperlink":
		s.w.Hyperlinks[s.sheet] = appendRange(s.w.Hyperlinks[s.sheet], attr(se, "ref"))
	case "f":
		if s.depthC {
			m := s.w.formula[s.sheet]
			if m == nil {
				m = map[string]bool{}
				s.w.formula[s.sheet] = m
			}
			if !m[s.cell] {
				m[s.cell] = true
				s.w.Formulas[s.sheet] = append(s.w.Formulas[s.sheet], s.cell)
			}
		}
	}
	return nil
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

func (s *wsScan) startCell(se xml.StartElement) error {
	ref := attr(se, "r")
	if ref == "" {
		s.col++
		if s.row == 0 {
			s.row = 1
		}
	} else {
		c, r, ok := splitRef(ref)
		if !ok {
			return fatal(s.file, s.sheet, "", ErrCorrupt,
				fmt.Sprintf("セル番地 %q が不正です", ref), fmt.Sprintf("invalid cell reference %q", ref))
		}
		s.col, s.row = c, r
	}
	s.cell = cellName(s.col, s.row)
	s.typ = attr(se, "t")
	if s.row > s.lim.Rows || s.col > s.lim.Cols {
		return fatal(s.file, s.sheet, s.cell, ErrOutOfBounds,
			fmt.Sprintf("読み取り範囲（%d行・%s列まで）の外にセルがあります。このセルを削除してください", s.lim.Rows, colName(s.lim.Cols)),
			fmt.Sprintf("a cell lies outside the readable area (rows 1–%d, columns A–%s); delete it", s.lim.Rows, colName(s.lim.Cols)))
	}
	s.depthC = true
	return nil
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// splitRef parses "AB12" into column 28, row 12. Absolute markers ($) are
// accepted; anything beyond XFD1048576 is not.
func splitRef(s string) (col, row int, ok bool) {
	s = strings.ReplaceAll(s, "$", "")
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
	digits := s[i:]
	if digits == "" || len(digits) > 7 {
		return 0, 0, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
	}
	row, _ = strconv.Atoi(digits)
	if row < 1 || row > 1048576 {
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
