package xlsx

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// TestOpenLimits checks that the limits a caller passes are the ones
// applied, and that zero fields take the defaults.
func TestOpenLimits(t *testing.T) {
	good := rdGood(t)
	withFormula := rdMutate(t, good, func(f *excelize.File) error {
		return f.SetCellFormula(SheetCover, "D40", "1+1")
	})
	sc, err := Open(withFormula, "answers.xlsx", OpenOptions{})
	if err != nil {
		t.Fatalf("default limits: %v", err)
	}
	var names []string
	for _, s := range sc.Sheets {
		names = append(names, s.Name)
	}
	for _, want := range []string{SheetCover, SheetChecklist, SheetMeta} {
		if !slices.Contains(names, want) {
			t.Errorf("sheets %q lack %q", names, want)
		}
	}
	if !sc.HasFormula(SheetCover, "D40") || sc.HasFormula(SheetCover, "D41") || !slices.Contains(sc.Formulas[SheetCover], "D40") {
		t.Errorf("formula cells: %v", sc.Formulas)
	}
	if sc.Encrypted || sc.Date1904 {
		t.Errorf("flags: %+v", sc)
	}

	tests := []struct {
		name string
		lim  Limits
		want error
	}{
		{"rows", Limits{Rows: 3}, ErrOutOfBounds},
		{"columns", Limits{Cols: 2}, ErrOutOfBounds},
		{"entries", Limits{Entries: 2}, ErrZipBomb},
		{"entry size", Limits{EntrySize: 1000}, ErrZipBomb},
		{"total size", Limits{TotalSize: 10000}, ErrZipBomb},
		{"file size", Limits{FileSize: 1000}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(good, "answers.xlsx", OpenOptions{Limits: tt.lim})
			var ce *checklist.CellError
			if !errors.As(err, &ce) || !errors.Is(err, tt.want) || !errors.Is(err, checklist.ErrInvalidInput) {
				t.Fatalf("err = %v, want a CellError wrapping %v", err, tt.want)
			}
			if ce.File != "answers.xlsx" || ce.JA == "" || ce.EN == "" {
				t.Errorf("error not located or not bilingual: %+v", ce)
			}
		})
	}
}

// TestOpenAnnotations: a plain workbook gives the reader no reason to open
// it with excelize; comments, drawings and hyperlinks do.
func TestOpenAnnotations(t *testing.T) {
	plain := rdGood(t)
	annotated, err := os.ReadFile(filepath.Join("testdata", "corpus", "annotations-checklist.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		data []byte
		want bool
	}{
		{"generated workbook", plain, false},
		{"comments, hyperlinks and an image", annotated, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w, err := Open(tt.data, "a.xlsx", OpenOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := w.HasAnnotations(SheetChecklist); got != tt.want {
				t.Errorf("HasAnnotations(%q) = %v, want %v", SheetChecklist, got, tt.want)
			}
			rows, err := w.Rows(SheetChecklist, MaxRows)
			if err != nil || len(rows) < 10 {
				t.Fatalf("Rows: %d rows, %v", len(rows), err)
			}
		})
	}
}

// TestOpenFarEmptyRow: an empty row element far down is no cell and is
// accepted, but must not make a million empty rows.
func TestOpenFarEmptyRow(t *testing.T) {
	good := rdGood(t)
	base, err := rdRead(t, good, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b := rdEditSheet(t, good, SheetChecklist, func(x []byte) []byte {
		return bytes.Replace(x, []byte("</sheetData>"), []byte(`<row r="1048576"/></sheetData>`), 1)
	})
	w, err := Open(b, "far.xlsx", OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(w.cells[SheetChecklist].rows); n > MaxRows+rowSlack {
		t.Errorf("%d rows kept, want at most %d", n, MaxRows+rowSlack)
	}
	a, err := rdRead(t, b, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Answers, base.Answers) || !reflect.DeepEqual(a.Messages, base.Messages) {
		t.Error("an empty far row changed the assessment")
	}
}
