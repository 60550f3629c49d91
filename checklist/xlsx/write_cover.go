package xlsx

import (
	"fmt"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// The cover sheet: the agency's fields, locked, and the CSP's to fill in.
// The steps run in a fixed order (see inOrder): same inputs, byte-identical
// workbook.

// writeCover writes the cover sheet.
func (b *builder) writeCover() error {
	return inOrder(b.setCoverColumns, b.writeCoverTitle, b.writeCoverHeader, b.writeCoverFields, b.setCoverPrint)
}

// writeCoverFields writes one row per cover field.
func (b *builder) writeCoverFields() error {
	agency := &checklist.Cover{Request: b.req}
	for i, cf := range CoverFields {
		if err := b.writeCoverField(CoverFirstRow+i, cf, agency); err != nil {
			return err
		}
	}
	return nil
}

// setCoverColumns sets the widths of the cover's columns A–D.
func (b *builder) setCoverColumns() error {
	for i, col := range []string{"A", "B", "C", "D"} {
		if err := b.f.SetColWidth(SheetCover, col, col, coverWidths[i]); err != nil {
			return err
		}
	}
	return nil
}

// writeCoverTitle writes the merged rows above the fields: the workbook
// title, the edition, its note and what the cover is for.
func (b *builder) writeCoverTitle() error {
	ed := b.cat.Edition
	rows := []bannerRow{
		{b.line(workbookTitle[0], workbookTitle[1]), b.st.title, 24},
		{b.text(ed.TitleJA, ed.TitleEN), b.st.subtitle, 0},
		{b.text(ed.NoteJA, ed.NoteEN), b.st.note, 0},
		{b.text(coverIntro[0], coverIntro[1]), b.st.note, 0},
	}
	for i := range rows {
		if rows[i].height == 0 {
			rows[i].height = rowHeight(wrappedLines(rows[i].text, coverWidths[0]+coverWidths[1]+coverWidths[2]+coverWidths[3]))
		}
	}
	return b.writeBanner(SheetCover, "A", "D", rows)
}

// writeCoverHeader writes the header row of the field table.
func (b *builder) writeCoverHeader() error {
	s := SheetCover
	hdr := []string{"項目", "Item", b.line("記入欄", "Entry"), b.line("記入者", "Filled in by")}
	hl := 1
	for i, h := range hdr {
		if err := b.setStr(s, cell(string(rune('A'+i)), CoverHeaderRow), h, b.st.header); err != nil {
			return err
		}
		hl = max(hl, wrappedLines(h, coverWidths[i]))
	}
	return b.f.SetRowHeight(s, CoverHeaderRow, rowHeight(hl))
}

// writeCoverField writes row r of the field table: the labels, who fills
// the field in, and the entry cell (the agency's value, locked, or the
// CSP's empty cell with its validation).
func (b *builder) writeCoverField(r int, cf CoverField, agency *checklist.Cover) error {
	s := SheetCover
	ref := cell(CoverValueCol, r)
	b.coverCells[cf.Key] = ref
	if err := b.setStr(s, cell("A", r), cf.LabelJA, b.st.lockedBold); err != nil {
		return err
	}
	if err := b.setStr(s, cell("B", r), cf.LabelEN, b.st.locked); err != nil {
		return err
	}
	g := coverGroupLabel[cf.Group]
	gs := map[string]int{"agency": b.st.coverGroupAgency, "csp": b.st.coverGroupCSP, "interim": b.st.coverGI}[cf.Group]
	if err := b.setStr(s, cell("D", r), b.text(g[0], g[1]), gs); err != nil {
		return err
	}
	lines := max(wrappedLines(cf.LabelJA, coverWidths[0]), wrappedLines(cf.LabelEN, coverWidths[1]), wrappedLines(b.text(g[0], g[1]), coverWidths[3]))
	if cf.Group == "agency" {
		vl, err := b.writeAgencyValue(ref, cf, agency)
		if err != nil {
			return err
		}
		lines = max(lines, vl)
	} else if err := b.writeCSPEntry(ref, cf); err != nil {
		return err
	}
	return b.f.SetRowHeight(s, r, rowHeight(max(lines, 2)))
}

// writeAgencyValue writes the agency's value of cf into ref, locked, and
// returns the lines it takes (0 for a date).
func (b *builder) writeAgencyValue(ref string, cf CoverField, agency *checklist.Cover) (int, error) {
	v, d := cf.Get(agency)
	if cf.Kind == "date" {
		return 0, b.setDate(SheetCover, ref, d, b.st.lockedDate)
	}
	// A choice shows its entry ("府省庁 / ministry"), which the
	// reader maps back to the stored value.
	v = choiceEntry(cf, v)
	if err := b.setStr(SheetCover, ref, v, b.st.locked); err != nil {
		return 0, err
	}
	return wrappedLines(v, coverWidths[2]), nil
}

// writeCSPEntry styles the CSP's empty entry cell ref for cf and adds the
// validation its kind takes (a date, a choice from the list, an e-mail).
func (b *builder) writeCSPEntry(ref string, cf CoverField) error {
	s := SheetCover
	style := b.st.answer
	if cf.Kind == "date" {
		style = b.st.answerDate
	}
	if err := b.setStyle(s, ref, style); err != nil {
		return err
	}
	switch cf.Kind {
	case "date":
		return b.addDateValidation(s, ref)
	case "choice":
		return b.addList(s, ref, cf.Key, [2]string{"選択肢の確認", "Choose from the list"},
			[2]string{"一覧から選んでください。", "Choose an entry from the list."})
	case "email":
		return b.addEmailValidation(s, ref)
	}
	return nil
}

// addEmailValidation warns when the entry in ref has no "@".
func (b *builder) addEmailValidation(s, ref string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	dv.Type = "custom"
	dv.Formula1 = fmt.Sprintf(`ISNUMBER(FIND("@",%s))`, ref)
	b.setError(dv, excelize.DataValidationErrorStyleWarning, [2]string{"メールアドレスの確認", "Check the e-mail"},
		[2]string{"メールアドレスを入力してください（例：name@example.com）。", "Enter an e-mail address such as name@example.com."})
	return b.f.AddDataValidation(s, dv)
}

// setCoverPrint prints the cover on A4 portrait, one page wide, the header
// row repeated (the cover no longer squeezes onto one page, which took the
// type under 5 pt).
func (b *builder) setCoverPrint() error {
	s := SheetCover
	if err := SetPrint(b.f, s, false, fmt.Sprintf("%d:%d", CoverHeaderRow, CoverHeaderRow)); err != nil {
		return err
	}
	return setPrintArea(b.f, s, "D", CoverFirstRow+len(CoverFields)-1)
}
