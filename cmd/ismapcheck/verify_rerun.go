package main

import (
	"fmt"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/checklist/report"
)

// rerun is what running the report's computation again gave.
type rerun struct {
	assessmentName string // "" when the input was an assessment JSON
	assessmentWant []byte // the attached assessment JSON
	assessment     []byte // the assessment read again, encoded as report does
	record         []byte // the findings record computed again
}

// rerunReport repeats what "report" computed, on the attached files, with
// the recorded parameters: each attachment is read from its bytes through
// the input layer (input.FromBytes, sniffed by content, as report's
// input.Open does), the input decoded against the recorded edition (or the
// --catalog file) as of the recorded date, the risk sheet checked to be of
// the assessment's case, and report.Assemble, the function report uses, run
// with the recorded date and language. The recorded tool name stands in
// for this binary's where the tool writes its own name, so a report of an
// older version with the same schema still verifies. cat is the catalogue
// checkEdition loaded and matched against the recorded fingerprint.
func rerunReport(rec *report.Record, files []report.InputFile, cat *checklist.Catalog, catalogFile, password string) (*rerun, error) {
	byName := map[string][]byte{}
	for _, f := range files {
		byName[f.Name] = f.Data
	}
	par := rec.Parameters
	data, ok := byName[par.Input]
	if !ok {
		return nil, fmt.Errorf("%w: the recorded input %q is not attached", checklist.ErrInvalidInput, par.Input)
	}
	// As report: with --edition or --catalog the input is read against
	// that catalogue, otherwise against the edition it names.
	var cats input.Catalogs
	switch {
	case catalogFile != "":
		cats = input.Catalogs{Chosen: cat, ChosenName: "--catalog " + catalogFile}
	case par.EditionChosen:
		cats = input.Catalogs{Chosen: cat, ChosenName: "--edition " + rec.Edition}
	}
	r := report.Run{Date: par.Date, Lang: par.Lang, Tool: rec.Tool, CatalogFile: catalogFile, EditionChosen: par.EditionChosen, FontParam: par.Font}
	src := input.FromBytes(data, par.Input)
	var err error
	r.Catalog, r.Assessment, err = src.Assessment(input.ReadOptions{Catalogs: cats, Password: password, Today: par.Date, Tool: rec.Tool})
	if err != nil {
		return nil, err
	}
	out := &rerun{}
	if r.Source, r.AssessmentJSON, err = reportSource(src, r.Assessment); err != nil {
		return nil, err
	}
	if r.Source.Workbook {
		out.assessmentName = report.AssessmentName(par.Input)
		out.assessment = r.AssessmentJSON
		out.assessmentWant = byName[out.assessmentName]
	}
	if par.Risk != "" {
		data, ok := byName[par.Risk]
		if !ok {
			return nil, fmt.Errorf("%w: the recorded risk sheet %q is not attached", checklist.ErrInvalidInput, par.Risk)
		}
		rsrc := input.FromBytes(data, par.Risk)
		sheet, err := riskSheetOf(rsrc, r.Assessment)
		if err != nil {
			return nil, err
		}
		r.Risk = reportRisk(rsrc, sheet)
	}
	if par.Previous != "" {
		data, ok := byName[par.Previous]
		if !ok {
			return nil, fmt.Errorf("%w: the recorded previous round %q is not attached", checklist.ErrInvalidInput, par.Previous)
		}
		psrc := input.FromBytes(data, par.Previous)
		pcat, pas, err := psrc.Assessment(input.ReadOptions{Catalogs: cats, Password: password, Today: par.Date, Tool: rec.Tool})
		if err != nil {
			return nil, err
		}
		r.Previous = reportRound(psrc, pcat, pas)
	}
	in, err := report.Assemble(r)
	if err != nil {
		return nil, err
	}
	// The parameters as recorded, with the language as report records it:
	// a value other than "ja" or "en" in the record is a difference, not
	// read as Japanese.
	par.Lang = in.Lang
	if out.record, err = report.NewRecord(in, par).Encode(); err != nil {
		return nil, err
	}
	return out, nil
}
