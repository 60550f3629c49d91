package xlsx

import (
	"fmt"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// The instructions sheet and the checklist sheet, one row per requirement.

func (b *builder) writeInstructions() error {
	f, s := b.f, SheetInstructions
	const width = instructionsWidth
	if err := f.SetColWidth(s, "A", "A", width); err != nil {
		return err
	}
	r := 1
	put := func(t string, style int, h float64) error {
		if err := b.setStr(s, cell("A", r), t, style); err != nil {
			return err
		}
		if err := f.SetRowHeight(s, r, h); err != nil {
			return err
		}
		r++
		return nil
	}
	if err := put(b.line("記入要領", "Instructions"), b.st.title, 24); err != nil {
		return err
	}
	for _, p := range instructions {
		t := b.text(p.ja, p.en)
		switch p.kind {
		case "h":
			// Headings wrap: a long one overflowing the column made
			// the fit-to-width print scale the whole sheet down.
			hd := b.line(p.ja, p.en)
			if err := put(hd, b.st.instrHeading, max(24, float64(wrappedLines(hd, width*11/12))*16+8)); err != nil {
				return err
			}
		case "b":
			bt := b.text("・"+p.ja, "• "+p.en)
			if err := put(bt, b.st.instrPara, rowHeight(wrappedLines(bt, width))); err != nil {
				return err
			}
		default:
			if err := put(t, b.st.instrPara, rowHeight(wrappedLines(t, width))); err != nil {
				return err
			}
		}
	}
	if err := setPrintArea(f, s, "A", r-1); err != nil {
		return err
	}
	return SetPrint(f, s, false, "")
}

// ---- checklist ----

// checklistWidths sum to PrintWidthLandscape or less, so the checklist
// prints on A4 landscape at 8 pt or more (see print.go).
var checklistWidths = map[string]float64{
	"id": 9, "level": 11.5, "title": 15, "summary": 25, "status": 9, "implementation": 21.5,
	"evidence": 15, "reason": 15, "planned_date": 10, "responsibility": 9, "remarks": 10,
}

// coverWidths are the cover's columns A–D (at most PrintWidthPortrait in
// all); instructionsWidth is the one column of the instructions.
var coverWidths = [4]float64{27, 25, 39, 13}

const instructionsWidth = 80

func (b *builder) headingStyle(l checklist.Level) int {
	switch l {
	case checklist.LevelPart:
		return b.st.part
	case checklist.LevelChapter:
		return b.st.chapter
	}
	return b.st.section
}

// writeChecklist writes the checklist sheet. The steps run in a fixed
// order (see inOrder): same inputs, byte-identical workbook.
func (b *builder) writeChecklist() error {
	if err := inOrder(b.setChecklistColumns, b.writeChecklistTitle, b.writeChecklistHeader); err != nil {
		return err
	}
	runs, err := b.writeChecklistRows()
	if err != nil {
		return err
	}
	if len(runs) == 0 {
		return fmt.Errorf("%w: the catalogue has no requirements", ErrWrite)
	}
	if err := b.addChecklistValidations(runs); err != nil {
		return err
	}
	return b.setChecklistView(runs[0][0])
}

// setChecklistColumns sets the width of every checklist column.
func (b *builder) setChecklistColumns() error {
	for _, c := range Columns {
		if err := b.f.SetColWidth(SheetChecklist, c.Letter, c.Letter, checklistWidths[c.Key]); err != nil {
			return err
		}
	}
	return nil
}

// writeChecklistTitle writes the merged rows above the header: the title
// with the edition, the edition's note, and one line naming the case.
func (b *builder) writeChecklistTitle() error {
	ed := b.cat.Edition
	var info []string
	add := func(ja, en, v string) {
		if v != "" {
			info = append(info, b.line(ja, en)+": "+v)
		}
	}
	add("府省庁等", "Agency", b.req.Agency)
	add("情報システム", "System", b.req.System)
	add("クラウドサービス", "Service", b.req.Service)
	add("整理番号", "Reference", b.req.Reference)
	add("回答期限", "Answer due", b.req.Due.String())
	add("版", "Edition", ed.ID)
	title := b.line("基本言明要件 チェックリスト", "Basic statement requirements checklist") + " — " + b.line(ed.TitleJA, ed.TitleEN)
	note := b.text(ed.NoteJA, ed.NoteEN)
	caseLine := strings.Join(info, "　")
	rows := []bannerRow{
		// The 14 pt title takes about 1.3 times the width of 11 pt text.
		{title, b.st.title, max(24, float64(wrappedLines(title, checklistWidth()/1.3))*20+4)},
		{note, b.st.note, rowHeight(wrappedLines(note, checklistWidth()))},
		{caseLine, b.st.note, rowHeight(wrappedLines(caseLine, checklistWidth()))},
	}
	return b.writeBanner(SheetChecklist, Columns[0].Letter, Columns[len(Columns)-1].Letter, rows)
}

// writeChecklistHeader writes the column labels, tall enough for the
// longest.
func (b *builder) writeChecklistHeader() error {
	s := SheetChecklist
	for _, c := range Columns {
		if err := b.setStr(s, cell(c.Letter, ChecklistHeaderRow), b.text(c.LabelJA, c.LabelEN), b.st.header); err != nil {
			return err
		}
	}
	hl := 2
	for _, c := range Columns {
		hl = max(hl, wrappedLines(b.text(c.LabelJA, c.LabelEN), checklistWidths[c.Key]))
	}
	return b.f.SetRowHeight(s, ChecklistHeaderRow, rowHeight(hl))
}

// rowRuns are the contiguous runs of requirement rows, first and last row
// of each.
type rowRuns [][2]int

// add adds row r, extending the last run when r follows it.
func (runs rowRuns) add(r int) rowRuns {
	if n := len(runs); n > 0 && runs[n-1][1] == r-1 {
		runs[n-1][1] = r
		return runs
	}
	return append(runs, [2]int{r, r})
}

// sqref is the cells of column col in every run ("E7:E20 E22:E40").
func (runs rowRuns) sqref(col string) string {
	parts := make([]string, len(runs))
	for i, run := range runs {
		parts[i] = cell(col, run[0]) + ":" + cell(col, run[1])
	}
	return strings.Join(parts, " ")
}

// writeChecklistRows writes one row per catalogue item, a heading or a
// requirement, records the requirement rows in b.rowMap and the last row
// in b.lastRow, and returns the runs of requirement rows.
func (b *builder) writeChecklistRows() (rowRuns, error) {
	r := ChecklistFirstRow
	var runs rowRuns
	for _, it := range b.cat.Items {
		if it.Level.IsRequirement() {
			if err := b.writeRequirement(r, it); err != nil {
				return nil, err
			}
			b.rowMap = append(b.rowMap, rowID{r, it.ID})
			runs = runs.add(r)
		} else if err := b.writeHeading(r, it); err != nil {
			return nil, err
		}
		r++
	}
	b.lastRow = r - 1
	return runs, nil
}

// addChecklistValidations adds the drop-down lists, the date check and the
// colours of missing answers to the requirement rows.
func (b *builder) addChecklistValidations(runs rowRuns) error {
	s := SheetChecklist
	E, H, I, J := colOf("status"), colOf("reason"), colOf("planned_date"), colOf("responsibility")
	if err := b.addList(s, runs.sqref(E), "status", [2]string{"適合状況", "Status"},
		[2]string{"一覧から選んでください（適合・一部適合・不適合・対象外）。", "Choose from the list (Conforms, Partially conforms, Does not conform, Not applicable)."},
		statusPrompt[0], statusPrompt[1]); err != nil {
		return err
	}
	if err := b.addList(s, runs.sqref(J), "responsibility", [2]string{"責任分界", "Responsibility"},
		[2]string{"一覧から選んでください（CSP・利用者・共同・継承）。", "Choose from the list (CSP, Customer, Shared, Inherited)."}); err != nil {
		return err
	}
	if err := b.addDateValidation(s, runs.sqref(I)); err != nil {
		return err
	}
	return b.conditionalFormats(runs[0][0], runs.sqref(E), runs.sqref(H), runs.sqref(I), E, H, I)
}

// setChecklistView freezes the ID column and the rows down to the header,
// selects the first status cell (row r0), filters the header and sets the
// print: A4 landscape, the header row repeated.
func (b *builder) setChecklistView(r0 int) error {
	f, s := b.f, SheetChecklist
	first, last, E := Columns[0].Letter, Columns[len(Columns)-1].Letter, colOf("status")
	if err := f.SetPanes(s, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: ChecklistHeaderRow,
		TopLeftCell: cell("B", ChecklistFirstRow), ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: cell(E, r0), ActiveCell: cell(E, r0), Pane: "bottomRight"}}}); err != nil {
		return err
	}
	if err := f.AutoFilter(s, cell(first, ChecklistHeaderRow)+":"+cell(last, b.lastRow), nil); err != nil {
		return err
	}
	if err := setPrintArea(f, s, last, b.lastRow); err != nil {
		return err
	}
	return SetPrint(f, s, true, fmt.Sprintf("%d:%d", ChecklistHeaderRow, ChecklistHeaderRow))
}

// checklistWidth is the width of all checklist columns together.
func checklistWidth() float64 {
	w := 0.0
	for _, c := range Columns {
		w += checklistWidths[c.Key]
	}
	return w
}

func (b *builder) conditionalFormats(r0 int, sqE, sqH, sqI, E, H, I string) error {
	statusIs := func(ss ...checklist.Status) string {
		seen := map[string]bool{}
		var conds []string
		for _, st := range ss {
			for _, l := range []string{st.LabelJA(), st.LabelEN(), StatusLabel(st, LabelsBoth)} {
				if !seen[l] {
					seen[l] = true
					conds = append(conds, fmt.Sprintf("TRIM($%s%d)=\"%s\"", E, r0, l))
				}
			}
		}
		return "OR(" + strings.Join(conds, ",") + ")"
	}
	empty := func(c string) string { return fmt.Sprintf("LEN(TRIM($%s%d))=0", c, r0) }
	rules := []struct {
		sqref, formula string
		style          int
	}{
		{sqE, empty(E), b.st.cfUnanswered},
		{sqH, "AND(" + empty(H) + "," + statusIs(checklist.StatusPartial, checklist.StatusNonconforming, checklist.StatusNotApplicable) + ")", b.st.cfMissing},
		{sqI, "AND(" + empty(I) + "," + statusIs(checklist.StatusPartial, checklist.StatusNonconforming) + ")", b.st.cfMissing},
	}
	for _, rule := range rules {
		st := rule.style
		if err := b.f.SetConditionalFormat(SheetChecklist, rule.sqref, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: rule.formula, Format: &st},
		}); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) writeHeading(r int, it checklist.Item) error {
	f, s := b.f, SheetChecklist
	st := b.headingStyle(it.Level)
	first, last := Columns[0].Letter, Columns[len(Columns)-1].Letter
	if err := f.SetCellStyle(s, cell(first, r), cell(last, r), st); err != nil {
		return err
	}
	id := it.ID
	if it.Level == checklist.LevelPart {
		id = ""
	}
	title := b.line(it.TitleJA, it.TitleEN)
	if title == "" {
		title = b.line(it.Level.LabelJA(), it.Level.LabelEN()) + " " + it.ID
	}
	vals := map[string]string{"id": id, "level": b.line(it.Level.LabelJA(), it.Level.LabelEN()), "title": title}
	for _, c := range Columns {
		if v := vals[c.Key]; v != "" {
			if err := f.SetCellStr(s, cell(c.Letter, r), SanitizeText(v)); err != nil {
				return err
			}
		}
	}
	h := 20.0
	if it.Level == checklist.LevelPart {
		h = 24
	}
	return f.SetRowHeight(s, r, h)
}

func (b *builder) writeRequirement(r int, it checklist.Item) error {
	s := SheetChecklist
	lines := 1
	for _, c := range Columns {
		ref := cell(c.Letter, r)
		var v string
		style := b.st.locked
		switch c.Key {
		case "id":
			v, style = it.ID, b.st.lockedBold
		case "level":
			v = b.text(it.Level.LabelJA(), it.Level.LabelEN())
		case "title":
			v = b.text(it.TitleJA, it.TitleEN)
		case "summary":
			v = b.text(it.SummaryJA, it.SummaryEN)
		case "planned_date":
			style = b.st.answerDate
		case "status", "responsibility":
			style = b.st.answerCenter
		default:
			if c.Answer {
				style = b.st.answer
			}
		}
		if v != "" {
			if err := b.setStr(s, ref, v, style); err != nil {
				return err
			}
			lines = max(lines, wrappedLines(v, checklistWidths[c.Key]))
		} else if err := b.setStyle(s, ref, style); err != nil {
			return err
		}
	}
	return b.f.SetRowHeight(s, r, rowHeight(max(lines, 2)))
}

// ---- metadata ----
