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
	f, err := excelize.OpenReader(in, excelize.Options{UnzipSizeLimit: xlsx.MaxTotalSize, UnzipXMLSizeLimit: xlsx.MaxEntrySize})
	if err != nil {
		return fmt.Errorf("%w: opening: %v", ErrFill, err)
	}
	defer f.Close()
	rd := &reader{src: excelRows{f, "fill"}, name: "fill"}
	bindings, err := rd.readMeta()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFill, err)
	}
	rowOf := map[string]int{}
	for _, b := range bindings {
		if _, ok := rowOf[b.id]; !ok {
			rowOf[b.id] = b.row
		}
	}
	for _, d := range decisions {
		row, ok := rowOf[d.ID]
		if !ok {
			return fmt.Errorf("%w: no row for %s", ErrFill, d.ID)
		}
		for _, c := range Columns {
			if c.Agency {
				if err := f.SetCellValue(SheetRisk, c.Letter+strconv.Itoa(row), nil); err != nil {
					return err
				}
			}
		}
		if err := writeDecision(f, SheetRisk, row, d); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrFill, d.ID, err)
		}
	}
	date, _ := checklist.ParseDate(rd.meta[MetaGenerated])
	return xlsx.WriteDeterministic(f, out, date)
}
