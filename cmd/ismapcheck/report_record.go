package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"path/filepath"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// The findings record is what a report concluded, as JSON embedded in the
// PDF beside its sources (issue 17), so the report's claims are machine-
// readable and "verify" can recompute and compare them. It has the fields
// of "findings --format json" and, in addition, the report date, the
// document ID, the input files as Appendix B lists them, the parameters
// of the run (with --lang), the assessment's validation messages, the
// interim-measure verdict, the CISO's decision on every exclusion and the
// sign-off readiness with its blockers. It is not an input: it is not in Appendix B and not hashed
// into the document ID (which it records).

// recordSchemaVersion is the schema of the findings record; its kind is
// checklist.FindingsKind, as the JSON of "findings".
const recordSchemaVersion = 1

type reportRecord struct {
	Kind                string                    `json:"kind"`
	SchemaVersion       int                       `json:"schema_version"`
	Tool                string                    `json:"tool"`
	DocumentID          string                    `json:"document_id"`
	ReportDate          checklist.Date            `json:"report_date"`
	Parameters          recordParams              `json:"parameters"`
	Inputs              []recordInput             `json:"inputs"`
	Edition             string                    `json:"edition"`
	EditionSHA256       string                    `json:"edition_sha256"`
	Source              checklist.Source          `json:"source"`
	AsOf                checklist.Date            `json:"as_of"`
	NeedsRiskAssessment int                       `json:"needs_risk_assessment"`
	Findings            []findingOut              `json:"findings"`
	Exclusions          []checklist.Exclusion     `json:"exclusions"`
	Summary             checklist.Summary         `json:"summary"`
	Messages            []checklist.Message       `json:"messages"`
	Risk                *riskOut                  `json:"risk,omitempty"`
	Interim             *checklist.InterimVerdict `json:"interim,omitempty"`
	// Changes is what changed since the previous round (--previous).
	Changes *checklist.RoundDiff `json:"changes,omitempty"`
	// SignOff is the report's readiness for the CISO's sign-off and what
	// blocks it (report.Input.SignOff), as its cover and summary say.
	SignOff checklist.SignOff `json:"sign_off"`
}

// recordParams are the parameters verify needs to run the report again.
type recordParams struct {
	Input string `json:"input"`
	Risk  string `json:"risk,omitempty"`
	// Previous is the attached name of the previous round (--previous).
	Previous string `json:"previous,omitempty"`
	// Date is --date: the report date, the day workbooks are read as of
	// and expired reviews are judged on.
	Date    checklist.Date `json:"date"`
	Edition string         `json:"edition"`
	// EditionChosen is true when --edition was given; otherwise a
	// workbook is read against the edition it names.
	EditionChosen bool `json:"edition_chosen"`
	// Catalog is the base name of a --catalog file, "" for an embedded edition.
	Catalog string `json:"catalog,omitempty"`
	Font    string `json:"font"`
	// Lang is --lang, the report's language ("ja" or "en"); it changes
	// the document ID and the texts of the attachments' roles.
	Lang string `json:"lang"`
}

type recordInput struct {
	Name   string `json:"name"`
	Role   string `json:"role"`
	MIME   string `json:"mime"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
}

// newReportRecord maps what the report shows onto the record.
func newReportRecord(in report.Input, p recordParams) reportRecord {
	res := in.Result
	rec := reportRecord{
		Kind: checklist.FindingsKind, SchemaVersion: recordSchemaVersion, Tool: in.Tool,
		DocumentID: report.DocumentID(in), ReportDate: in.ReportDate, Parameters: p,
		Edition: in.Catalog.Edition.ID, EditionSHA256: in.Catalog.Edition.SHA256,
		Source: res.Source, AsOf: in.ReportDate, NeedsRiskAssessment: res.NeedsRiskAssessment,
		Findings: make([]findingOut, 0, len(res.Findings)), Exclusions: res.Exclusions, Summary: res.Summary,
		Messages: in.Assessment.Messages, Interim: in.Interim, Inputs: []recordInput{}, SignOff: in.SignOff(),
		Changes: in.Changes,
	}
	if rec.Exclusions == nil {
		rec.Exclusions = []checklist.Exclusion{}
	}
	if rec.Messages == nil {
		rec.Messages = []checklist.Message{}
	}
	for _, f := range in.Files {
		rec.Inputs = append(rec.Inputs, recordInput{Name: f.Name, Role: f.Role, MIME: f.MIME, Size: len(f.Data), SHA256: f.SHA256()})
	}
	if in.Decisions != nil {
		rv := checklist.ReviewOf(in.Decisions, in.Exclusions)
		rec.Risk = &riskOut{File: p.Risk, Counts: rv.Counts, Decisions: rv.Decisions, Messages: in.RiskMessages, Exclusions: rv.Exclusions}
		if rec.Risk.Messages == nil {
			rec.Risk.Messages = []checklist.Message{}
		}
		if rec.Risk.Exclusions == nil {
			rec.Risk.Exclusions = []checklist.ExclusionState{}
		}
	}
	for i, f := range res.Findings {
		fo := findingOut{Finding: f}
		if in.Decisions != nil && i < len(in.Decisions) && in.Decisions[i].ID == f.ID {
			s := in.Decisions[i]
			fo.State, fo.RiskLevel = s.State, s.Level
			if s.Decision != nil {
				fo.Treatment = s.Decision.Treatment
			}
		}
		rec.Findings = append(rec.Findings, fo)
	}
	return rec
}

func encodeRecord(rec reportRecord) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rec); err != nil {
		return nil, fmt.Errorf("encoding the findings record: %w", err)
	}
	return buf.Bytes(), nil
}

// recordName is the attachment name of the findings record.
func recordName(input string) string {
	base := filepath.Base(input)
	return strings.TrimSuffix(base, filepath.Ext(base)) + ".findings.json"
}

// recordRole describes the findings record in the attachment list.
func recordRole(lang string) string {
	return inLang(lang, "報告書の結論（findings JSON: 指摘・対象外・判断の状態・署名準備・集計・暫定措置の判定・パラメータ）",
		"what the report concluded (findings JSON: findings, exclusions, decision states, sign-off readiness, summary, interim verdict, parameters)")
}

// attachFindingsRecord appends the findings record to rep's attachments,
// after the input files, with the relationship Data. report calls it
// once, between report.Build and pdf.Render.
func attachFindingsRecord(rep *report.Report, rec reportRecord) error {
	data, err := encodeRecord(rec)
	if err != nil {
		return err
	}
	rep.Attachments = append(rep.Attachments, report.Attachment{Name: recordName(rec.Parameters.Input), Data: data,
		Description: recordRole(rec.Parameters.Lang), MIME: "application/json", Relationship: report.RelData})
	return nil
}
