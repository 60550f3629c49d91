package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Pieces shared by the sheets this package writes.

// inOrder runs the steps of writing a sheet one after the other and stops
// at the first error. The order is part of the output: excelize writes the
// parts (styles, validations, …) in the order of the calls.
func inOrder(steps ...func() error) error {
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// bannerRow is one merged row at the top of a sheet: a title or a note
// spanning every column.
type bannerRow struct {
	text   string
	style  int
	height float64
}

// writeBanner writes rows 1, 2, … of sheet s, each merged from column
// first to column last.
func (b *builder) writeBanner(s, first, last string, rows []bannerRow) error {
	for i, t := range rows {
		r := i + 1
		if err := b.f.MergeCell(s, cell(first, r), cell(last, r)); err != nil {
			return err
		}
		if err := b.setStr(s, cell(first, r), t.text, t.style); err != nil {
			return err
		}
		if err := b.f.SetRowHeight(s, r, t.height); err != nil {
			return err
		}
	}
	return nil
}

// setPrintArea prints sheet s from A1 to column lastCol of row lastRow.
func setPrintArea(f *excelize.File, s, lastCol string, lastRow int) error {
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area",
		RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", s, lastCol, lastRow), Scope: s})
}
