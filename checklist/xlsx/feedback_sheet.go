package xlsx

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// The corrections sheet of a correction pack (see Feedback).

// Corrections sheet columns; they add up to PrintWidthLandscape or less,
// so the sheet prints on A4 landscape at 8 pt or more.
var correctionCols = []struct {
	letter, ja, en string
	width          float64
}{
	{"A", "区分", "Severity", 8},
	{"B", "コード", "Code", 22},
	{"C", "件数", "Count", 6},
	{"D", "セル", "Cells", 18},
	{"E", "ID", "ID", 14},
	{"F", "内容と対応（日本語）", "Problem and what to do (Japanese)", 41},
	{"G", "内容と対応（英語）", "Problem and what to do (English)", 41},
}

const correctionsHeaderRow = 5

// writeSheet adds the corrections sheet as the first tab: a title, one row
// per problem code and one per problem under it, and the hidden record of
// the fills to restore. excelize writes the parts in the order of the
// calls, so the steps below keep that order (byte-identical packs).
func (a *annotator) writeSheet(as *checklist.Assessment, groups []checklist.CorrectionGroup, date checklist.Date) error {
	f := a.f
	if err := addFirstSheet(f, SheetCorrections); err != nil {
		return err
	}
	st, err := newCorrectionStyles(f)
	if err != nil {
		return err
	}
	cw := &correctionsWriter{f: f, st: st}
	if err := cw.setColumns(); err != nil {
		return err
	}
	if err := cw.writeTitle(as.Source.Name, groups, date); err != nil {
		return err
	}
	if err := cw.writeHeader(); err != nil {
		return err
	}
	r := correctionsHeaderRow
	for _, g := range groups {
		if r, err = cw.writeGroup(r, g); err != nil {
			return err
		}
	}
	if err := a.writeRestoreColumns(); err != nil {
		return err
	}
	return cw.setView(r)
}

// addFirstSheet adds sheet s as the first tab, the one shown on opening.
func addFirstSheet(f *excelize.File, s string) error {
	if _, err := f.NewSheet(s); err != nil {
		return err
	}
	if err := moveFirst(f, s); err != nil {
		return err
	}
	idx, err := f.GetSheetIndex(s)
	if err != nil {
		return err
	}
	f.SetActiveSheet(idx)
	return nil
}

// correctionStyles are the cell styles of the corrections sheet.
type correctionStyles struct {
	title, note, head, groupErr, groupWarn, body, link int
}

// newCorrectionStyles adds the corrections sheet's styles to f, in a fixed
// order (the style IDs end up in the file).
func newCorrectionStyles(f *excelize.File) (correctionStyles, error) {
	var st correctionStyles
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	defs := []struct {
		id    *int
		style *excelize.Style
	}{
		{&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&st.note, &excelize.Style{Font: &excelize.Font{}, Alignment: top}},
		{&st.head, &excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: fill("203864"), Border: border(), Alignment: top}},
		{&st.groupErr, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill(fillError), Border: border(), Alignment: top}},
		{&st.groupWarn, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill(fillWarning), Border: border(), Alignment: top}},
		{&st.body, &excelize.Style{Font: &excelize.Font{}, Border: border(), Alignment: top}},
		{&st.link, &excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Border: border(), Alignment: top}},
	}
	for _, d := range defs {
		n, err := f.NewStyle(d.style)
		if err != nil {
			return st, err
		}
		*d.id = n
	}
	return st, nil
}

// correctionsWriter writes the visible part of the corrections sheet.
type correctionsWriter struct {
	f  *excelize.File
	st correctionStyles
}

// set writes v into ref as a string cell (never a formula) with style.
func (cw *correctionsWriter) set(ref, v string, style int) error {
	s := SheetCorrections
	if err := cw.f.SetCellStr(s, ref, SanitizeText(clampUTF16(v, MaxCellChars))); err != nil {
		return err
	}
	return cw.f.SetCellStyle(s, ref, ref, style)
}

// setRow writes vals across the corrections columns of row r with style
// and puts count in column C as a number.
func (cw *correctionsWriter) setRow(r int, vals []string, style int, count int) error {
	for i, c := range correctionCols {
		if err := cw.set(cell(c.letter, r), vals[i], style); err != nil {
			return err
		}
	}
	return cw.f.SetCellInt(SheetCorrections, cell("C", r), int64(count))
}

// setColumns sets the width of every corrections column.
func (cw *correctionsWriter) setColumns() error {
	for _, c := range correctionCols {
		if err := cw.f.SetColWidth(SheetCorrections, c.letter, c.letter, c.width); err != nil {
			return err
		}
	}
	return nil
}

// countPlaces counts the places of the errors and of the warnings.
func countPlaces(groups []checklist.CorrectionGroup) (errs, warns int) {
	for _, g := range groups {
		for _, e := range g.Entries {
			if e.Severity == checklist.SeverityError {
				errs += len(e.Places)
			} else {
				warns += len(e.Places)
			}
		}
	}
	return errs, warns
}

// writeTitle writes rows 1–3: the title, what was checked with the counts,
// and how to use the pack.
func (cw *correctionsWriter) writeTitle(name string, groups []checklist.CorrectionGroup, date checklist.Date) error {
	f, s := cw.f, SheetCorrections
	errs, warns := countPlaces(groups)
	if err := cw.set("A1", "修正依頼 / Corrections requested", cw.st.title); err != nil {
		return err
	}
	summary := fmt.Sprintf("ファイル: %s（%s 確認）— 要修正 %d件、要確認 %d件、%d種類\nFile: %s (checked %s) — %d to fix, %d to check, %d kinds of problem",
		name, date, errs, warns, len(groups), name, date, errs, warns, len(groups))
	if len(groups) == 0 {
		summary = fmt.Sprintf("ファイル: %s（%s 確認）— 修正が必要な箇所はありません\nFile: %s (checked %s) — nothing to correct", name, date, name, date)
	}
	how := "色の付いたセルにコメントで問題と記入内容を示しています（赤: 要修正、黄: 要確認）。セルを修正し、このブックのまま返送してください。このシートは読み取りません。\n" +
		"Coloured cells carry a comment saying what is wrong and what to enter (red: fix, yellow: check). Correct the cells and send this workbook back as it is; this sheet is not read."
	if err := cw.set("A2", summary, cw.st.note); err != nil {
		return err
	}
	if err := cw.set("A3", how, cw.st.note); err != nil {
		return err
	}
	for _, r := range []string{"A2:G2", "A3:G3"} {
		if err := f.MergeCell(s, r[:2], r[3:]); err != nil {
			return err
		}
	}
	_ = f.SetRowHeight(s, 1, 22)
	_ = f.SetRowHeight(s, 2, rowHeight(wrappedLines(summary, 150)))
	_ = f.SetRowHeight(s, 3, rowHeight(wrappedLines(how, 150)))
	return nil
}

// writeHeader writes the column labels in both languages.
func (cw *correctionsWriter) writeHeader() error {
	for _, c := range correctionCols {
		if err := cw.set(cell(c.letter, correctionsHeaderRow), c.ja+"\n"+c.en, cw.st.head); err != nil {
			return err
		}
	}
	_ = cw.f.SetRowHeight(SheetCorrections, correctionsHeaderRow, rowHeight(2))
	return nil
}

// writeGroup writes, after row r, the row of problem code g (severity,
// count, what to do) and one row per entry under it; it returns the last
// row written.
func (cw *correctionsWriter) writeGroup(r int, g checklist.CorrectionGroup) (int, error) {
	r++
	gs, sevJA, sevEN := cw.st.groupWarn, "要確認", "check"
	if g.Severity == checklist.SeverityError {
		gs, sevJA, sevEN = cw.st.groupErr, "要修正", "fix"
	}
	vals := []string{sevJA + "\n" + sevEN, g.Code, strconv.Itoa(g.Count), "", "", "対応: " + g.FixJA, "What to do: " + g.FixEN}
	if err := cw.setRow(r, vals, gs, g.Count); err != nil {
		return r, err
	}
	_ = cw.f.SetRowHeight(SheetCorrections, r, fitHeight(vals))
	for _, e := range g.Entries {
		r++
		if err := cw.writeEntry(r, e); err != nil {
			return r, err
		}
	}
	return r, nil
}

// writeEntry writes row r for one problem: its cells and IDs, linked to
// the first cell, and its text in both languages.
func (cw *correctionsWriter) writeEntry(r int, e checklist.CorrectionEntry) error {
	f, s := cw.f, SheetCorrections
	cells, ids := placesText(e.Places)
	vals := []string{"", "", strconv.Itoa(len(e.Places)), cells, ids, e.TextJA, e.TextEN}
	if err := cw.setRow(r, vals, cw.st.body, len(e.Places)); err != nil {
		return err
	}
	if p := e.Places[0]; p.Cell != "" && p.Sheet != "" {
		loc := "'" + strings.ReplaceAll(p.Sheet, "'", "''") + "'!" + p.Cell
		if err := f.SetCellHyperLink(s, cell("D", r), loc, "Location"); err == nil {
			_ = f.SetCellStyle(s, cell("D", r), cell("D", r), cw.st.link)
		}
	}
	_ = f.SetRowHeight(s, r, fitHeight(vals))
	return nil
}

// writeRestoreColumns records, in hidden columns of the corrections sheet,
// the fill each marked cell had, for the next run to restore.
func (a *annotator) writeRestoreColumns() error {
	s := SheetCorrections
	for i, m := range a.marked {
		for j, v := range m {
			if err := a.f.SetCellStr(s, cellName(restoreCol+j, i+1), SanitizeText(v)); err != nil {
				return err
			}
		}
	}
	return a.f.SetColVisible(s, colName(restoreCol)+":"+colName(restoreCol+2), false)
}

// setView freezes the rows down to the header and sets the print: A4
// landscape, rows 1 to last, the header row repeated.
func (cw *correctionsWriter) setView(last int) error {
	f, s := cw.f, SheetCorrections
	if err := f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: correctionsHeaderRow, TopLeftCell: cell("A", correctionsHeaderRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := setPrintArea(f, s, "G", last); err != nil {
		return err
	}
	return SetPrint(f, s, true, fmt.Sprintf("%d:%d", correctionsHeaderRow, correctionsHeaderRow))
}

// fitHeight is the height of a row whose cells hold vals in the
// corrections columns (11 pt text).
func fitHeight(vals []string) float64 {
	lines := 1
	for i, v := range vals {
		lines = max(lines, wrappedLines(v, correctionCols[i].width))
	}
	return rowHeight(lines)
}

// placesText lists the cells (sheet-qualified when not the checklist) and
// the IDs of an entry, at most 12 of each, then how many more.
func placesText(ps []checklist.Place) (cells, ids string) {
	const show = 12
	var cs, is []string
	seenID := map[string]bool{}
	for _, p := range ps {
		if p.Cell != "" && len(cs) < show {
			c := p.Cell
			if p.Sheet != SheetChecklist && p.Sheet != "" {
				c = p.Sheet + "!" + c
			}
			cs = append(cs, c)
		}
		if p.ID != "" && !seenID[p.ID] {
			seenID[p.ID] = true
			if len(is) < show {
				is = append(is, p.ID)
			}
		}
	}
	more := func(list []string, total int) string {
		s := strings.Join(list, ", ")
		if total > len(list) {
			s += fmt.Sprintf(", …（他%d件 / %d more）", total-len(list), total-len(list))
		}
		return s
	}
	n := 0
	for _, p := range ps {
		if p.Cell != "" {
			n++
		}
	}
	return more(cs, n), more(is, len(seenID))
}

// moveFirst makes sheet the first tab. excelize's MoveSheet leaves the
// sheet-scoped defined names (print titles, print areas) pointing at the
// old positions, so they are taken out and put back by sheet name.
func moveFirst(f *excelize.File, sheet string) error {
	var scoped []excelize.DefinedName
	for _, dn := range f.GetDefinedName() {
		if dn.Scope != "" && dn.Scope != "Workbook" {
			scoped = append(scoped, dn)
			if err := f.DeleteDefinedName(&excelize.DefinedName{Name: dn.Name, Scope: dn.Scope}); err != nil {
				return err
			}
		}
	}
	if err := f.MoveSheet(sheet, f.GetSheetList()[0]); err != nil {
		return err
	}
	for _, dn := range scoped {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: dn.Name, Comment: dn.Comment, RefersTo: dn.RefersTo, Scope: dn.Scope}); err != nil {
			return err
		}
	}
	return nil
}
