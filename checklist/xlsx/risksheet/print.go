package risksheet

import (
	"fmt"
	"math"
	"strconv"

	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/xuri/excelize/v2"
)

// The risk sheet is too wide for one A4 page at a readable size, so it
// prints as two pages side by side per block of rows: the finding's
// columns, then the agency's decision columns, each with the ID column and
// the header row repeated, in "over, then down" order so the two halves
// of a row come one after the other. The scale is fixed (not fit to
// width) and chosen from the column widths so that 11 pt type prints at
// 8 pt or more.

// printableLandscape is the printable width of A4 landscape with the
// narrow margins, in points; unitPt the width LibreOffice draws one
// column-width unit with (Excel draws it narrower, so Excel prints the
// same sheet at least as large).
const (
	printableLandscape = 806.0
	unitPt             = 7.3
)

// PrintScale is the print scale (percent) of the risk sheet: the widest
// printed page, the finding's columns or the ID with the agency's
// columns, fits A4 landscape. It is at least 73 (11 pt prints at 8 pt)
// as long as the column widths stay as they are; a test keeps it so.
func PrintScale() int {
	finding, agency := 0.0, column("id").Width
	for _, c := range Columns {
		if c.Agency {
			agency += c.Width
		} else {
			finding += c.Width
		}
	}
	s := int(math.Floor(100 * printableLandscape / (max(finding, agency) * unitPt)))
	return min(s, 100)
}

// setPrint sets up the print of the risk sheet and grows every row below
// the header to its wrapped text (two-line text must not overprint
// itself). Call it once every row is written.
func setPrint(f *excelize.File) error {
	s := SheetRisk
	hl := 2
	for _, c := range Columns {
		hl = max(hl, lines(c.LabelJA+"\n"+c.LabelEN, c.Width))
	}
	// One line of slack: the estimate counts characters, Excel and
	// LibreOffice wrap at word boundaries.
	if err := f.SetRowHeight(s, HeaderRow, float64(hl+1)*15+3); err != nil {
		return err
	}
	all, err := xlsx.ReadRows(f, "", s, xlsx.MaxRows)
	if err != nil {
		return err
	}
	last := len(all)
	var rows []int
	for r := HeaderRow + 1; r <= last; r++ {
		rows = append(rows, r)
	}
	if err := xlsx.FitRowHeights(f, s, rows); err != nil {
		return err
	}
	for i, c := range Columns {
		if c.Agency && i > 0 {
			// A vertical break before the first agency column.
			if err := f.InsertPageBreak(s, c.Letter+"1"); err != nil {
				return err
			}
			if err := fitHeadOnPage(f, i); err != nil {
				return err
			}
			break
		}
	}
	if err := f.SetPageLayout(s, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), AdjustTo: ptr(uint(PrintScale())), PageOrder: ptr("overThenDown"),
	}); err != nil {
		return err
	}
	if err := f.SetPageMargins(s, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.25), Right: ptr(0.25), Top: ptr(0.4), Bottom: ptr(0.5), Header: ptr(0.2), Footer: ptr(0.25),
	}); err != nil {
		return err
	}
	quoted := "'" + s + "'"
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("%s!$A:$A,%s!$%d:$%d", quoted, quoted, HeaderRow, HeaderRow), Scope: s}); err != nil {
		return err
	}
	lastCol := Columns[len(Columns)-1].Letter
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area",
		RefersTo: fmt.Sprintf("%s!$A$1:$%s$%s", quoted, lastCol, strconv.Itoa(max(last, HeaderRow))), Scope: s}); err != nil {
		return err
	}
	return f.SetHeaderFooter(s, &excelize.HeaderFooterOptions{OddFooter: "&C&P / &N"})
}

// fitHeadOnPage keeps a merged note above the header on the first page:
// a merge that runs past the break (column index brk) is cut back to the
// finding's columns and its row made tall enough for the text.
func fitHeadOnPage(f *excelize.File, brk int) error {
	ms, err := f.GetMergeCells(SheetRisk)
	if err != nil {
		return err
	}
	width := 0.0
	for _, c := range Columns[:brk] {
		width += c.Width
	}
	for _, m := range ms {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 != r2 || r1 >= HeaderRow || c2 <= brk {
			continue
		}
		if err := f.UnmergeCell(SheetRisk, m.GetStartAxis(), m.GetEndAxis()); err != nil {
			return err
		}
		end, _ := excelize.CoordinatesToCellName(brk, r1)
		if c1 < brk {
			if err := f.MergeCell(SheetRisk, m.GetStartAxis(), end); err != nil {
				return err
			}
		}
		if err := f.SetRowHeight(SheetRisk, r1, float64(lines(m.GetCellValue(), width)+1)*15+3); err != nil {
			return err
		}
	}
	return nil
}

// lines estimates the wrapped lines of s in a column width units wide
// (East Asian characters count two).
func lines(s string, width float64) int {
	n, w := 1, 0
	per := int(width) - 1
	for _, r := range s {
		switch {
		case r == '\n':
			n, w = n+1, 0
			continue
		case r >= 0x1100:
			w += 2
		default:
			w++
		}
		if w > per {
			n, w = n+1, 2
		}
	}
	return n
}

func ptr[T any](v T) *T { return &v }
