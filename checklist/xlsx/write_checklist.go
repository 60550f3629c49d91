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
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:$A$%d", s, r-1), Scope: s}); err != nil {
		return err
	}
	return SetPrint(f, s, false, "")
}

// ---- checklist ----

// checklistWidths sum to PrintWidthLandscape or less, so the checklist
// prints on A4 landscape at 8 pt or more (see print.go).
var checklistWidths = map[string]float64{
	"id": 9, "level": 10, "title": 15, "summary": 25, "status": 9, "implementation": 23,
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

func (b *builder) writeChecklist() error {
	f, s := b.f, SheetChecklist
	first, last := Columns[0].Letter, Columns[len(Columns)-1].Letter
	for _, c := range Columns {
		if err := f.SetColWidth(s, c.Letter, c.Letter, checklistWidths[c.Key]); err != nil {
			return err
		}
	}
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
	top := []struct {
		text  string
		style int
	}{
		{b.line("基本言明要件 チェックリスト", "Basic statement requirements checklist") + " — " + b.line(ed.TitleJA, ed.TitleEN), b.st.title},
		{b.text(ed.NoteJA, ed.NoteEN), b.st.note},
		{strings.Join(info, "　"), b.st.note},
	}
	for i, t := range top {
		r := i + 1
		if err := f.MergeCell(s, cell(first, r), cell(last, r)); err != nil {
			return err
		}
		if err := b.setStr(s, cell(first, r), t.text, t.style); err != nil {
			return err
		}
		// The 14 pt title takes about 1.3 times the width of 11 pt text.
		h := max(24, float64(wrappedLines(t.text, checklistWidth()/1.3))*20+4)
		if i > 0 {
			h = rowHeight(wrappedLines(t.text, checklistWidth()))
		}
		if err := f.SetRowHeight(s, r, h); err != nil {
			return err
		}
	}
	for _, c := range Columns {
		if err := b.setStr(s, cell(c.Letter, ChecklistHeaderRow), b.text(c.LabelJA, c.LabelEN), b.st.header); err != nil {
			return err
		}
	}
	hl := 2
	for _, c := range Columns {
		hl = max(hl, wrappedLines(b.text(c.LabelJA, c.LabelEN), checklistWidths[c.Key]))
	}
	if err := f.SetRowHeight(s, ChecklistHeaderRow, rowHeight(hl)); err != nil {
		return err
	}

	r := ChecklistFirstRow
	var runs [][2]int // contiguous runs of requirement rows
	for _, it := range b.cat.Items {
		if it.Level.IsRequirement() {
			if err := b.writeRequirement(r, it); err != nil {
				return err
			}
			b.rowMap = append(b.rowMap, rowID{r, it.ID})
			if n := len(runs); n > 0 && runs[n-1][1] == r-1 {
				runs[n-1][1] = r
			} else {
				runs = append(runs, [2]int{r, r})
			}
		} else {
			if err := b.writeHeading(r, it); err != nil {
				return err
			}
		}
		r++
	}
	b.lastRow = r - 1
	if len(runs) == 0 {
		return fmt.Errorf("%w: the catalogue has no requirements", ErrWrite)
	}
	sq := func(col string) string {
		parts := make([]string, len(runs))
		for i, run := range runs {
			parts[i] = cell(col, run[0]) + ":" + cell(col, run[1])
		}
		return strings.Join(parts, " ")
	}
	col := func(key string) string {
		for _, c := range Columns {
			if c.Key == key {
				return c.Letter
			}
		}
		panic("xlsx: no column " + key)
	}
	E, H, I, J := col("status"), col("reason"), col("planned_date"), col("responsibility")
	if err := b.addList(s, sq(E), "status", [2]string{"適合状況", "Status"},
		[2]string{"一覧から選んでください（適合・一部適合・不適合・対象外）。", "Choose from the list (Conforms, Partially conforms, Does not conform, Not applicable)."},
		statusPrompt[0], statusPrompt[1]); err != nil {
		return err
	}
	if err := b.addList(s, sq(J), "responsibility", [2]string{"責任分界", "Responsibility"},
		[2]string{"一覧から選んでください（CSP・利用者・共同・継承）。", "Choose from the list (CSP, Customer, Shared, Inherited)."}); err != nil {
		return err
	}
	if err := b.addDateValidation(s, sq(I)); err != nil {
		return err
	}
	if err := b.conditionalFormats(runs[0][0], sq(E), sq(H), sq(I), E, H, I); err != nil {
		return err
	}

	if err := f.SetPanes(s, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: ChecklistHeaderRow,
		TopLeftCell: cell("B", ChecklistFirstRow), ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: cell(E, runs[0][0]), ActiveCell: cell(E, runs[0][0]), Pane: "bottomRight"}}}); err != nil {
		return err
	}
	if err := f.AutoFilter(s, cell(first, ChecklistHeaderRow)+":"+cell(last, b.lastRow), nil); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area",
		RefersTo: fmt.Sprintf("'%s'!$%s$1:$%s$%d", s, first, last, b.lastRow), Scope: s}); err != nil {
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
