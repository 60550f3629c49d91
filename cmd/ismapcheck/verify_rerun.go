package main

import (
	"fmt"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"path/filepath"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
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
// the assessment's case, and reportInput, the function report uses, run
// with the recorded date and language. The recorded tool name stands in
// for this binary's where the tool writes its own name, so a report of an
// older version with the same schema still verifies. cat is the catalogue
// checkEdition loaded and matched against the recorded fingerprint.
func rerunReport(rec *reportRecord, files []report.InputFile, cat *checklist.Catalog, catalogFile, password string) (*rerun, error) {
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
	r := reportRun{date: par.Date, lang: par.Lang, tool: rec.Tool, catalogFile: catalogFile, fontParam: par.Font}
	r.src = input.FromBytes(data, par.Input)
	var err error
	r.cat, r.as, err = r.src.Assessment(input.ReadOptions{Catalogs: cats, Password: password, Today: par.Date, Tool: rec.Tool})
	if err != nil {
		return nil, err
	}
	out := &rerun{}
	if r.src.Kind == input.KindWorkbook {
		js, err := encodeAssessment(r.as)
		if err != nil {
			return nil, err
		}
		out.assessmentName = strings.TrimSuffix(par.Input, filepath.Ext(par.Input)) + ".assessment.json"
		out.assessment = js
		out.assessmentWant = byName[out.assessmentName]
	}
	if par.Risk != "" {
		data, ok := byName[par.Risk]
		if !ok {
			return nil, fmt.Errorf("%w: the recorded risk sheet %q is not attached", checklist.ErrInvalidInput, par.Risk)
		}
		r.risk = input.FromBytes(data, par.Risk)
		if r.sheet, err = riskSheetOf(r.risk, r.as); err != nil {
			return nil, err
		}
	}
	if par.Previous != "" {
		data, ok := byName[par.Previous]
		if !ok {
			return nil, fmt.Errorf("%w: the recorded previous round %q is not attached", checklist.ErrInvalidInput, par.Previous)
		}
		r.prev = input.FromBytes(data, par.Previous)
		if r.prevCat, r.prevAs, err = r.prev.Assessment(input.ReadOptions{Catalogs: cats, Password: password, Today: par.Date, Tool: rec.Tool}); err != nil {
			return nil, err
		}
	}
	in, err := reportInput(r)
	if err != nil {
		return nil, err
	}
	// The language as report records it: a value other than "ja" or "en"
	// in the record is a difference, not read as Japanese.
	par.Lang = in.Lang
	if out.record, err = encodeRecord(newReportRecord(in, par)); err != nil {
		return nil, err
	}
	return out, nil
}
