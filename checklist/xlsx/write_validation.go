package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// The hidden lists sheet and the data validations (drop-downs, dates) of
// the workbook.

func (b *builder) writeLists() error {
	b.listRefs = map[string]string{}
	type list struct {
		key    string
		values []string
	}
	lists := []list{
		{"status", StatusLabels(b.labels)},
		{"responsibility", ResponsibilityLabels(b.labels)},
	}
	for _, cf := range CoverFields {
		if cf.Kind == "choice" {
			lists = append(lists, list{cf.Key, cf.Entries()})
		}
	}
	for i, l := range lists {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := b.f.SetCellStr(SheetLists, cell(col, 1), l.key); err != nil {
			return err
		}
		for j, v := range l.values {
			if err := b.f.SetCellStr(SheetLists, cell(col, j+2), v); err != nil {
				return err
			}
		}
		b.listRefs[l.key] = fmt.Sprintf("'%s'!$%s$2:$%s$%d", SheetLists, col, col, len(l.values)+1)
	}
	return b.f.SetColWidth(SheetLists, "A", "Z", 24)
}

// ---- validations ----

// Excel refuses (and "repairs") a workbook whose validation messages are
// longer than these, counted in UTF-16 units.
const (
	maxValidationTitle = 32
	maxValidationText  = 255
)

// clampUTF16 cuts s to at most n UTF-16 units.
func clampUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		w := 1
		if r > 0xFFFF {
			w = 2
		}
		if units+w > n {
			return s[:i]
		}
		units += w
	}
	return s
}

func (b *builder) setError(dv *excelize.DataValidation, style excelize.DataValidationErrorStyle, title, msg [2]string) {
	t := b.line(title[0], title[1])
	if len([]rune(t)) > maxValidationTitle {
		t = title[0]
		if b.labels == LabelsEN {
			t = title[1]
		}
	}
	dv.SetError(style, clampUTF16(t, maxValidationTitle), clampUTF16(b.text(msg[0], msg[1]), maxValidationText))
}

// setPrompt sets the help Excel shows when a cell of dv is selected,
// within Excel's limits like setError.
func (b *builder) setPrompt(dv *excelize.DataValidation, title, msg [2]string) {
	t := b.line(title[0], title[1])
	if len([]rune(t)) > maxValidationTitle {
		t = title[0]
		if b.labels == LabelsEN {
			t = title[1]
		}
	}
	dv.SetInput(clampUTF16(t, maxValidationTitle), clampUTF16(b.text(msg[0], msg[1]), maxValidationText))
}

// addList adds a drop-down on sqref; prompt, when given, is the help
// shown on selection (title, message).
func (b *builder) addList(sheet, sqref, key string, title, msg [2]string, prompt ...[2]string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	dv.SetSqrefDropList(b.listRefs[key])
	b.setError(dv, excelize.DataValidationErrorStyleStop, title, msg)
	if len(prompt) == 2 {
		b.setPrompt(dv, prompt[0], prompt[1])
	}
	return b.f.AddDataValidation(sheet, dv)
}

func (b *builder) addDateValidation(sheet, sqref string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	if err := dv.SetRange(int(DateSerial(minValidDate)), int(DateSerial(maxValidDate)),
		excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	b.setError(dv, excelize.DataValidationErrorStyleWarning, [2]string{"日付の確認", "Check the date"},
		[2]string{"日付を 2026-03-31 の形式で入力してください。", "Enter a date such as 2026-03-31."})
	return b.f.AddDataValidation(sheet, dv)
}

// ---- cover ----
