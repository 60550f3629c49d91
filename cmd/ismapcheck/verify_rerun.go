package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/pdf"
	"github.com/spf13/cobra"
)

// rerun is what running the report's computation again gave.
type rerun struct {
	assessmentName string // "" when the input was an assessment JSON
	assessmentWant []byte // the attached assessment JSON
	assessment     []byte // the assessment read again, encoded as report does
	record         []byte // the findings record computed again
}

// rerunReport repeats what "report" computed, on the attached files, with
// the recorded parameters: the files are written under their recorded
// names into a private temporary folder and read through the same
// functions report uses (loadFindingsInput, readRiskFile, Findings,
// ApplyDecisions, EvaluateInterim, newReportRecord). The recorded tool
// name stands in for this binary's where the tool writes its own name,
// so a report of an older version with the same schema still verifies.
func (a *app) rerunReport(rec *reportRecord, files []pdf.InputFile, catalogFile string) (*rerun, error) {
	dir, err := os.MkdirTemp("", "ismapcheck-verify-*")
	if err != nil {
		return nil, fmt.Errorf("creating a temporary folder: %w", err)
	}
	defer os.RemoveAll(dir)
	paths := map[string]string{}
	for _, f := range files {
		if f.Name == "" || f.Name != filepath.Base(f.Name) || f.Name == "." || f.Name == ".." || strings.ContainsAny(f.Name, `/\`) {
			return nil, fmt.Errorf("%w: attachment name %q is not a plain file name", checklist.ErrInvalidInput, f.Name)
		}
		p := filepath.Join(dir, f.Name)
		if err := os.WriteFile(p, f.Data, 0o600); err != nil {
			return nil, fmt.Errorf("writing %q: %w", p, err)
		}
		paths[f.Name] = p
	}
	par := rec.Parameters
	input, ok := paths[par.Input]
	if !ok {
		return nil, fmt.Errorf("%w: the recorded input %q is not attached", checklist.ErrInvalidInput, par.Input)
	}
	date := par.Date
	cmd := &cobra.Command{}
	var cf catalogFlags
	cf.register(cmd)
	if par.EditionChosen {
		if err := cmd.Flags().Set("edition", rec.Edition); err != nil {
			return nil, err
		}
	}
	cf.file = catalogFile
	cat, as, err := a.loadFindingsInput(cmd, &cf, input, date)
	if err != nil {
		return nil, err
	}
	head, err := readHead(input, 512)
	if err != nil {
		return nil, err
	}
	out := &rerun{}
	if !looksLikeJSON(head) {
		as.Tool = rec.Tool // report reads the workbook as itself
		js, err := encodeAssessment(as)
		if err != nil {
			return nil, err
		}
		out.assessmentName = strings.TrimSuffix(par.Input, filepath.Ext(par.Input)) + ".assessment.json"
		out.assessment = js
		for _, f := range files {
			if f.Name == out.assessmentName {
				out.assessmentWant = f.Data
			}
		}
	}
	in := pdf.Input{Catalog: cat, Assessment: as, Result: checklist.Findings(cat, as), ReportDate: date, Tool: rec.Tool, Files: files}
	if par.Risk != "" {
		rp, ok := paths[par.Risk]
		if !ok {
			return nil, fmt.Errorf("%w: the recorded risk sheet %q is not attached", checklist.ErrInvalidInput, par.Risk)
		}
		decisions, msgs, err := readRiskFile(rp)
		if err != nil {
			return nil, err
		}
		in.Decisions = checklist.ApplyDecisions(in.Result, decisions, date)
		in.RiskMessages = msgs
	}
	if c, err := checklist.ParseInterimCategory(as.Cover.Request.InterimCategory); err == nil {
		v := checklist.EvaluateInterim(c, checklist.InterimFactsFromCover(as.Cover), date)
		in.Interim = &v
	}
	if out.record, err = encodeRecord(newReportRecord(in, par)); err != nil {
		return nil, err
	}
	return out, nil
}
