package risksheet

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/xuri/excelize/v2"
)

// ErrFill marks a sheet or a decision FillDecisions cannot use.
var ErrFill = errors.New("cannot fill the risk sheet")

// FillDecisions plays the agency: it reads a risk sheet written by Write
// from in, enters decisions in the rows of their IDs (the first row of
// each ID, found through the hidden binding sheet) and writes the result
// to out. Ratings and treatments are written as their Japanese drop-down
// labels, text as string cells, dates as date serials; an ID without a row
// is an error. The output's bytes depend only on the inputs (the zip
// entries carry the sheet's generation date). Used by tests and the demo.
func FillDecisions(in io.Reader, out io.Writer, decisions []checklist.Decision) error {
	firstRows := func(_ *excelize.File, bindings []binding) (map[string]int, error) {
		rowOf := map[string]int{}
		for _, b := range bindings {
			if _, ok := rowOf[b.id]; !ok {
				rowOf[b.id] = b.row
			}
		}
		return rowOf, nil
	}
	put := func(f *excelize.File, row int, d checklist.Decision) error {
		return writeDecision(f, SheetRisk, row, d)
	}
	return fillRows(in, out, ErrFill, decisionRows, decisions, func(d checklist.Decision) string { return d.ID }, firstRows, put)
}

// fillRows enters decisions in the rows of t that rowsOf finds for their
// IDs (clearing the agency's cells first) with put, and writes the sheet
// to out dated as generated. Errors wrap sentinel.
func fillRows[D any](in io.Reader, out io.Writer, sentinel error, t *table, decisions []D, id func(D) string,
	rowsOf func(*excelize.File, []binding) (map[string]int, error), put func(*excelize.File, int, D) error) error {
	f, err := excelize.OpenReader(in, excelize.Options{UnzipSizeLimit: xlsx.MaxTotalSize, UnzipXMLSizeLimit: xlsx.MaxEntrySize})
	if err != nil {
		return fmt.Errorf("%w: opening: %v", sentinel, err)
	}
	defer f.Close()
	rd := &reader{src: excelRows{f, "fill"}, name: "fill"}
	bindings, err := rd.readMeta()
	if err != nil {
		return fmt.Errorf("%w: %v", sentinel, err)
	}
	rowOf, err := rowsOf(f, bindings)
	if err != nil {
		return fmt.Errorf("%w: %v", sentinel, err)
	}
	for _, d := range decisions {
		row, ok := rowOf[id(d)]
		if !ok {
			return fmt.Errorf("%w: no row for %s", sentinel, id(d))
		}
		for _, c := range t.columns {
			if c.Agency {
				if err := f.SetCellValue(t.sheet, c.Letter+strconv.Itoa(row), nil); err != nil {
					return err
				}
			}
		}
		if err := put(f, row, d); err != nil {
			return fmt.Errorf("%w: %s: %v", sentinel, id(d), err)
		}
	}
	date, _ := checklist.ParseDate(rd.meta[MetaGenerated])
	return xlsx.WriteDeterministic(f, out, date)
}
