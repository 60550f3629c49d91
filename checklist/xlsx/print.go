package xlsx

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// Printing. Every sheet the tool writes prints on A4 with nothing cut off:
// fit to one page wide (as many pages tall as needed), narrow margins,
// page numbers in the footer, and column widths chosen so that the fit
// keeps the type at 8 pt or more.
//
// The arithmetic, checked by rendering with LibreOffice (which draws a
// column-width unit about 6.3 pt wide with its stand-in for Calibri; Excel
// draws it 5.25 pt wide, so Excel prints the same sheet larger): the
// printable width with these margins is about 806 pt landscape and 559 pt
// portrait, so at 11 pt type a landscape sheet may be about 175 units
// wide and a portrait one about 120 before the fit scales the type under
// 8 pt (11 × 806 / (175 × 6.3) ≈ 8.0).
const (
	// PrintWidthLandscape and PrintWidthPortrait are the widest sheets, in
	// column-width units, that fit A4 at 8 pt or more with 11 pt type.
	PrintWidthLandscape = 175.0
	PrintWidthPortrait  = 120.0
)

// printMargins are the page margins in inches: narrow at the sides, room
// for the page number at the foot.
var printMargins = &excelize.PageLayoutMarginsOptions{
	Left: ptr(0.25), Right: ptr(0.25), Top: ptr(0.4), Bottom: ptr(0.5), Header: ptr(0.2), Footer: ptr(0.25),
}

// SetPrint sets up sheet s for A4: orientation, one page wide, narrow
// margins, centred horizontally, page numbers "n / N" in the footer.
// titleRows, when not empty ("4:4"), repeat on every page.
func SetPrint(f *excelize.File, s string, landscape bool, titleRows string) error {
	if err := f.SetPageLayout(s, pageLayout(landscape)); err != nil {
		return err
	}
	m := *printMargins
	m.Horizontally = ptr(true)
	if err := f.SetPageMargins(s, &m); err != nil {
		return err
	}
	if err := f.SetSheetProps(s, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if titleRows != "" {
		from, to, _ := strings.Cut(titleRows, ":")
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
			RefersTo: "'" + strings.ReplaceAll(s, "'", "''") + "'!$" + from + ":$" + to, Scope: s}); err != nil {
			return err
		}
	}
	return f.SetHeaderFooter(s, &excelize.HeaderFooterOptions{OddFooter: "&C&P / &N"})
}

// FitRowHeights makes the given rows of sheet s tall enough for their
// wrapped text at 11 pt, given the sheet's column widths; a row is only
// ever made taller. The writers use it once the answers are in (Fill, a
// correction pack), so long answers print whole instead of clipped. Rows
// are read with ReadRows (the sheet passed the pre-scan or was written by
// this package).
func FitRowHeights(f *excelize.File, s string, rowNums []int) error {
	rows, err := ReadRows(f, "", s, MaxRows)
	if err != nil {
		return err
	}
	widths := map[int]float64{}
	width := func(col int) float64 {
		if w, ok := widths[col]; ok {
			return w
		}
		w, err := f.GetColWidth(s, colName(col))
		if err != nil || w <= 0 {
			w = 9
		}
		widths[col] = w
		return w
	}
	for _, r := range rowNums {
		if r < 1 || r > len(rows) {
			continue
		}
		lines := 1
		for c, v := range rows[r-1] {
			if strings.TrimSpace(v) != "" {
				lines = max(lines, wrappedLines(v, width(c+1)))
			}
		}
		want := rowHeight(lines)
		cur, err := f.GetRowHeight(s, r)
		if err != nil {
			return err
		}
		if want > cur {
			if err := f.SetRowHeight(s, r, want); err != nil {
				return err
			}
		}
	}
	return nil
}
