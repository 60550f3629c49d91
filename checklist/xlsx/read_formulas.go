package xlsx

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

func (r *reader) formulaError(sheet, cell, id, cached string) {
	r.markUsed(sheet, cell)
	r.add(checklist.SeverityError, CodeFormula, sheet, cell, id,
		fmt.Sprintf("セルに数式があります。数式の計算結果（%q）は信用できないため読み取っていません。値を直接入力してください", clip(cached, 80)),
		fmt.Sprintf("the cell holds a formula; its cached result (%q) cannot be trusted and was not read; type the value instead", clip(cached, 80)))
}

// reportExtraSheets warns about sheets a CSP added (notes, own tables):
// they are not read, so their first value is named for a human to look at.
func (r *reader) reportExtraSheets() error {
	for _, s := range r.sc.Sheets {
		switch s.Name {
		case SheetCover, SheetInstructions, SheetChecklist, SheetLists, SheetMeta, SheetCorrections, r.sheet, r.coverSheet:
			continue
		}
		rows, err := r.sheetRows(s.Name, MaxRows)
		if err != nil {
			return err
		}
		n, first := 0, ""
		for i, row := range rows {
			for j, v := range row {
				if strings.TrimSpace(v) != "" {
					if n == 0 {
						first = cellName(j+1, i+1)
					}
					n++
				}
			}
		}
		if n > 0 {
			r.add(checklist.SeverityWarning, CodeExtraSheet, s.Name, first, "",
				fmt.Sprintf("作成時になかったシートに値が%d件あります（読み取っていません）。内容を確認してください", n),
				fmt.Sprintf("a sheet the workbook was not generated with holds %d value(s), which were not read; look at it", n))
		}
	}
	return nil
}

// reportFormulas warns about formulas the reader did not use (it already
// reported those in cells it read).
func (r *reader) reportFormulas() {
	n, more := 0, 0
	for _, s := range slices.Sorted(maps.Keys(r.sc.Formulas)) {
		if s == SheetMeta || s == SheetLists || s == SheetCorrections {
			continue
		}
		for _, cell := range r.sc.Formulas[s] {
			if r.used[s][cell] {
				continue
			}
			if n >= maxFormulaReports {
				more++
				continue
			}
			n++
			r.add(checklist.SeverityWarning, CodeFormulaIgnored, s, cell, "",
				"数式を含むセルです（読み取り対象外のため無視しました）",
				"a cell with a formula (not a cell the reader uses; ignored)")
		}
	}
	if more > 0 {
		r.add(checklist.SeverityWarning, CodeFormulaIgnored, "", "", "",
			fmt.Sprintf("ほかにも数式を含むセルが%d個あります（無視しました）", more),
			fmt.Sprintf("%d more cells with formulas were ignored", more))
	}
}

// sortMessages orders messages by sheet, row, column, code, ID and text,
// so the same workbook always gives the same list.
func sortMessages(ms []checklist.Message) {
	type key struct{ row, col int }
	pos := func(m checklist.Message) key {
		c, n, _ := splitRef(m.Cell)
		return key{n, c}
	}
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		pa, pb := pos(a), pos(b)
		if pa.row != pb.row {
			return pa.row < pb.row
		}
		if pa.col != pb.col {
			return pa.col < pb.col
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.TextEN < b.TextEN
	})
}
