package xlsx_test

import (
	"bytes"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/xuri/excelize/v2"
)

func TestWriteTables(t *testing.T) {
	date := checklist.NewDate(2026, 3, 31)
	tables := []xlsx.Table{
		{Sheet: "一 One", Header: []string{"ID", "Text", "N", "Date"}, Rows: func(emit func([]xlsx.Cell) error) error {
			if err := emit([]xlsx.Cell{xlsx.TextCell("5.1.1"), xlsx.TextCell("=HYPERLINK(\"http://x\")"), xlsx.IntCell(3), xlsx.DateCell(date)}); err != nil {
				return err
			}
			return emit([]xlsx.Cell{xlsx.FilledCell("5.1.2", "FFC7CE"), xlsx.TextCell("+1\x01"), xlsx.IntCell(0), {}})
		}},
		{Sheet: "二 Two", Header: []string{"A"}},
	}
	write := func() []byte {
		var b bytes.Buffer
		if err := xlsx.WriteTables(&b, "title", date, tables); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	// excelize writes streamed sheets in map order; the writer must not.
	first := write()
	for range 30 {
		if !bytes.Equal(first, write()) {
			t.Fatal("two writes differ")
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "一 One" || got[1] != "二 Two" {
		t.Errorf("sheets %v", got)
	}
	tests := []struct {
		cell, want string
	}{
		{"A1", "ID"}, {"A2", "5.1.1"}, {"B2", "=HYPERLINK(\"http://x\")"}, {"C2", "3"}, {"B3", "+1"}, {"C3", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			v, err := f.GetCellValue("一 One", tt.cell, excelize.Options{RawCellValue: true})
			if err != nil || v != tt.want {
				t.Errorf("%s = %q, %v; want %q", tt.cell, v, err, tt.want)
			}
			if fo, _ := f.GetCellFormula("一 One", tt.cell); fo != "" {
				t.Errorf("%s holds a formula %q", tt.cell, fo)
			}
		})
	}
	if v, _ := f.GetCellValue("一 One", "D2"); v != "2026-03-31" {
		t.Errorf("date cell shows %q", v)
	}
	if tbls, err := f.GetTables("一 One"); err != nil || len(tbls) != 1 || tbls[0].Range != "A1:D3" {
		t.Errorf("tables %+v %v", tbls, err)
	}
}
