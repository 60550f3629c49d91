package xlsx

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetRows reads a whole sheet (see Workbook.Rows).
func (r *reader) sheetRows(sheet string, limit int) ([][]string, error) {
	return r.sc.Rows(sheet, limit)
}

// ReadRows reads sheet of f, a workbook opened with excelize (one being
// filled in, not an untrusted one: use Open and Workbook.Rows), with Rows()
// (never the cell getters) and raw values: numbers as stored, strings
// resolved. It returns at most limit rows of at most MaxCols cells
// (rows[0] is row 1), without the trailing empty rows. A sheet whose cells
// hold more than MaxSheetText bytes of text as read is refused with
// ErrZipBomb: one shared string used by every cell must not expand a small
// file into gigabytes. Errors are *checklist.CellError naming file and
// sheet.
func ReadRows(f *excelize.File, file, sheet string, limit int) ([][]string, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fatal(file, sheet, "", ErrCorrupt,
			"シートを読み取れません: "+err.Error(), "the sheet cannot be read: "+err.Error())
	}
	defer rows.Close()
	var out [][]string
	var text int64
	for rows.Next() {
		if len(out) >= limit {
			break
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fatal(file, sheet, cellName(1, len(out)+1), ErrCorrupt,
				"行を読み取れません: "+err.Error(), "a row cannot be read: "+err.Error())
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
			return nil, fatal(file, sheet, cellName(1, len(out)+1), ErrZipBomb,
				fmt.Sprintf("シートのセルの文字量が上限（%dバイト）を超えます", MaxSheetText),
				fmt.Sprintf("the cells of the sheet hold more than %d bytes of text", MaxSheetText))
		}
		out = append(out, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, fatal(file, sheet, "", ErrCorrupt,
			"シートを読み取れません: "+err.Error(), "the sheet cannot be read: "+err.Error())
	}
	// Trailing empty rows carry nothing.
	for len(out) > 0 && rowEmpty(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	return out, nil
}

func rowEmpty(cols []string) bool {
	for _, c := range cols {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// at returns the cell at column col (1-based) of row (1-based).
func at(rows [][]string, row, col int) string {
	if row < 1 || row > len(rows) || col < 1 || col > len(rows[row-1]) {
		return ""
	}
	return rows[row-1][col-1]
}

func (r *reader) hasSheet(name string) bool {
	for _, s := range r.sc.Sheets {
		if s.Name == name {
			return true
		}
	}
	return false
}
