package xlsx

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// What the pre-scan checks in cells beyond their place: shared-string
// indices within the table (excelize reads an index past it as an empty
// cell, silently), and the cells hyperlinks cover (read by
// readAnnotations).

// countSharedStrings counts the strings (si elements) of the shared-string
// table, checking that it is well-formed XML.
func countSharedStrings(r io.Reader) (int, error) {
	d := newDecoder(r)
	n, depth := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 && t.Name.Local == "si" {
				n++
			}
		case xml.EndElement:
			depth--
		}
	}
}

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
