package xlsx

import (
	"fmt"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// The cover sheet: the agency's fields, locked, and the CSP's to fill in.

func (b *builder) writeCover() error {
	f, s := b.f, SheetCover
	widths := []struct {
		col string
		w   float64
	}{{"A", coverWidths[0]}, {"B", coverWidths[1]}, {"C", coverWidths[2]}, {"D", coverWidths[3]}}
	for _, w := range widths {
		if err := f.SetColWidth(s, w.col, w.col, w.w); err != nil {
			return err
		}
	}
	ed := b.cat.Edition
	top := []struct {
		text   string
		style  int
		height float64
	}{
		{b.line(workbookTitle[0], workbookTitle[1]), b.st.title, 24},
		{b.text(ed.TitleJA, ed.TitleEN), b.st.subtitle, 0},
		{b.text(ed.NoteJA, ed.NoteEN), b.st.note, 0},
		{b.text(coverIntro[0], coverIntro[1]), b.st.note, 0},
	}
	for i, t := range top {
		r := i + 1
		if err := f.MergeCell(s, cell("A", r), cell("D", r)); err != nil {
			return err
		}
		if err := b.setStr(s, cell("A", r), t.text, t.style); err != nil {
			return err
		}
		h := t.height
		if h == 0 {
			h = rowHeight(wrappedLines(t.text, coverWidths[0]+coverWidths[1]+coverWidths[2]+coverWidths[3]))
		}
		if err := f.SetRowHeight(s, r, h); err != nil {
			return err
		}
	}
	hdr := []string{"項目", "Item", b.line("記入欄", "Entry"), b.line("記入者", "Filled in by")}
	hl := 1
	for i, h := range hdr {
		if err := b.setStr(s, cell(string(rune('A'+i)), CoverHeaderRow), h, b.st.header); err != nil {
			return err
		}
		hl = max(hl, wrappedLines(h, coverWidths[i]))
	}
	if err := f.SetRowHeight(s, CoverHeaderRow, rowHeight(hl)); err != nil {
		return err
	}
	agency := &checklist.Cover{Request: b.req}
	for i, cf := range CoverFields {
		r := CoverFirstRow + i
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
			v, d := cf.Get(agency)
			if cf.Kind == "date" {
				if err := b.setDate(s, ref, d, b.st.lockedDate); err != nil {
					return err
				}
			} else {
				// A choice shows its entry ("府省庁 / ministry"), which the
				// reader maps back to the stored value.
				v = choiceEntry(cf, v)
				if err := b.setStr(s, ref, v, b.st.locked); err != nil {
					return err
				}
				lines = max(lines, wrappedLines(v, coverWidths[2]))
			}
		} else {
			switch cf.Kind {
			case "date":
				if err := b.setStyle(s, ref, b.st.answerDate); err != nil {
					return err
				}
				if err := b.addDateValidation(s, ref); err != nil {
					return err
				}
			case "choice":
				if err := b.setStyle(s, ref, b.st.answer); err != nil {
					return err
				}
				if err := b.addList(s, ref, cf.Key, [2]string{"選択肢の確認", "Choose from the list"},
					[2]string{"一覧から選んでください。", "Choose an entry from the list."}); err != nil {
					return err
				}
			case "email":
				if err := b.setStyle(s, ref, b.st.answer); err != nil {
					return err
				}
				dv := excelize.NewDataValidation(true)
				dv.Sqref = ref
				dv.Type = "custom"
				dv.Formula1 = fmt.Sprintf(`ISNUMBER(FIND("@",%s))`, ref)
				b.setError(dv, excelize.DataValidationErrorStyleWarning, [2]string{"メールアドレスの確認", "Check the e-mail"},
					[2]string{"メールアドレスを入力してください（例：name@example.com）。", "Enter an e-mail address such as name@example.com."})
				if err := f.AddDataValidation(s, dv); err != nil {
					return err
				}
			default:
				if err := b.setStyle(s, ref, b.st.answer); err != nil {
					return err
				}
			}
		}
		if err := f.SetRowHeight(s, r, rowHeight(max(lines, 2))); err != nil {
			return err
		}
	}
	last := CoverFirstRow + len(CoverFields) - 1
	// Print: A4 portrait, one page wide, the header row repeated (the
	// cover no longer squeezes onto one page, which took the type under 5 pt).
	if err := SetPrint(f, s, false, fmt.Sprintf("%d:%d", CoverHeaderRow, CoverHeaderRow)); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:$D$%d", s, last), Scope: s}); err != nil {
		return err
	}
	return nil
}
