package main

import (
	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx/risksheet"
)

// What report and verify hand to report.Assemble: the files they read,
// decoded here (the input layer, the workbook and risk-sheet readers);
// every conclusion, attachment and role text is made by report.Assemble.

// reportSource is src as a report source; for a workbook also the
// assessment read from it, encoded as ingest writes it (attached beside
// the workbook).
func reportSource(src *input.Source, as *checklist.Assessment) (report.Source, []byte, error) {
	s := report.Source{Name: src.Name, Bytes: src.Bytes, Workbook: src.Kind == input.KindWorkbook}
	if !s.Workbook {
		return s, nil, nil
	}
	js, err := assessmentJSON(as)
	if err != nil {
		return report.Source{}, nil, err
	}
	return s, js, nil
}

// reportRisk is a decoded risk sheet as a report input.
func reportRisk(src *input.Source, sheet risksheet.Sheet) *report.RiskSheet {
	return &report.RiskSheet{Name: src.Name, Bytes: src.Bytes, Decisions: sheet.Decisions, Exclusions: sheet.Exclusions, Messages: sheet.Messages}
}

// reportRound is the previous round of a case as a report input.
func reportRound(src *input.Source, cat *checklist.Catalog, as *checklist.Assessment) *report.Round {
	return &report.Round{Source: report.Source{Name: src.Name, Bytes: src.Bytes, Workbook: src.Kind == input.KindWorkbook}, Catalog: cat, Assessment: as}
}

// riskSheetOf decodes src as a filled risk sheet of the case of as (nil:
// not checked), as report and verify read it.
func riskSheetOf(src *input.Source, as *checklist.Assessment) (risksheet.Sheet, error) {
	var c *checklist.Case
	if as != nil {
		cs := checklist.CaseOf(as)
		c = &cs
	}
	return src.RiskSheet(c)
}
