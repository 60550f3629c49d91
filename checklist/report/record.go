package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// The findings record is what a report concluded, as JSON embedded in the
// PDF beside its sources (issue 17), so the report's claims are machine-
// readable and "verify" can recompute and compare them. It has the fields
// of "findings --format json" (RecordFinding, RecordRisk: one definition
// for both) and, in addition, the report date, the document ID, the input
// files as Appendix B lists them, the parameters of the run (with
// --lang), the assessment's validation messages, the interim-measure
// verdict, the CISO's decision on every exclusion and the sign-off
// readiness with its blockers. It is not an input: it is not in Appendix B
// and not hashed into the document ID (which it records).

// RecordSchemaVersion is the schema of the findings record; its kind is
// checklist.FindingsKind, as the JSON of "findings".
const RecordSchemaVersion = 1

// Record is the findings record.
type Record struct {
	Kind          string `json:"kind"`
	SchemaVersion int    `json:"schema_version"`
	// RulesVersion is the version of the rules the report was concluded
	// under (RulesVersion); a record without it was made under version 1.
	RulesVersion        int                       `json:"rules_version"`
	Tool                string                    `json:"tool"`
	DocumentID          string                    `json:"document_id"`
	ReportDate          checklist.Date            `json:"report_date"`
	Parameters          RecordParams              `json:"parameters"`
	Inputs              []RecordInput             `json:"inputs"`
	Edition             string                    `json:"edition"`
	EditionSHA256       string                    `json:"edition_sha256"`
	Source              checklist.Source          `json:"source"`
	AsOf                checklist.Date            `json:"as_of"`
	NeedsRiskAssessment int                       `json:"needs_risk_assessment"`
	Findings            []RecordFinding           `json:"findings"`
	Exclusions          []checklist.Exclusion     `json:"exclusions"`
	Summary             checklist.Summary         `json:"summary"`
	Messages            []checklist.Message       `json:"messages"`
	Risk                *RecordRisk               `json:"risk,omitempty"`
	Interim             *checklist.InterimVerdict `json:"interim,omitempty"`
	// Changes is what changed since the previous round (--previous).
	Changes *checklist.RoundDiff `json:"changes,omitempty"`
	// SignOff is the report's readiness for the CISO's sign-off and what
	// blocks it (Input.SignOff), as its cover and summary say.
	SignOff checklist.SignOff `json:"sign_off"`
}

// RecordParams are the parameters verify needs to run the report again.
type RecordParams struct {
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

// RecordInput is one attached input file as the record lists it.
type RecordInput struct {
	Name   string `json:"name"`
	Role   string `json:"role"`
	MIME   string `json:"mime"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
}

// RecordFinding is one finding with the state of its risk decision, as
// "findings --format json" and the findings record both write it.
type RecordFinding struct {
	checklist.Finding
	State     checklist.State     `json:"state,omitempty"`
	RiskLevel checklist.Rating    `json:"risk_level,omitempty"`
	Treatment checklist.Treatment `json:"treatment,omitempty"`
}

// RecordRisk is what a risk sheet decided, as "findings --format json"
// and the findings record both write it.
type RecordRisk struct {
	File      string                    `json:"file"`
	Counts    map[checklist.State]int   `json:"counts"`
	Decisions []checklist.DecisionState `json:"decisions"`
	Messages  []checklist.Message       `json:"messages"`
	// Exclusions is the CISO's decision on each exclusion.
	Exclusions []checklist.ExclusionState `json:"exclusions"`
}

// RecordFindings pairs every finding of res with the state of its
// decision (states as checklist.ApplyDecisions returns them, in findings
// order; nil without a risk sheet). Never nil.
func RecordFindings(res checklist.Result, states []checklist.DecisionState) []RecordFinding {
	out := make([]RecordFinding, 0, len(res.Findings))
	for i, f := range res.Findings {
		fo := RecordFinding{Finding: f}
		if states != nil && i < len(states) && states[i].ID == f.ID {
			s := states[i]
			fo.State, fo.RiskLevel = s.State, s.Level
			if s.Decision != nil {
				fo.Treatment = s.Decision.Treatment
			}
		}
		out = append(out, fo)
	}
	return out
}

// NewRecordRisk is the risk part of the findings JSON for the risk sheet
// file, from its review and messages; the lists are never nil.
func NewRecordRisk(file string, rv checklist.Review, msgs []checklist.Message) *RecordRisk {
	r := &RecordRisk{File: file, Counts: rv.Counts, Decisions: rv.Decisions, Messages: msgs, Exclusions: rv.Exclusions}
	if r.Messages == nil {
		r.Messages = []checklist.Message{}
	}
	if r.Exclusions == nil {
		r.Exclusions = []checklist.ExclusionState{}
	}
	return r
}

// RulesVersion numbers the rules a report is concluded under: what the
// tool decides from the same inputs (the workbook as read and its
// validation messages, findings, decision states, the interim-measure
// verdict and its notes, sign-off readiness). It goes up
// whenever a change makes the same inputs give another conclusion, so
// that verify can tell a report made under other rules from one that was
// changed. 1: every report before it was recorded. 2: the interim verdict
// applies section 3 of the 2021-07-06 decision with the organisation kind
// the cover states (checklist.EvaluateInterimCase).
const RulesVersion = 2

// RecordRulesVersion is the rules version a record was made under.
func (rec Record) RecordRulesVersion() int {
	if rec.RulesVersion == 0 {
		return 1
	}
	return rec.RulesVersion
}

// NewRecord maps what the report shows onto the record.
func NewRecord(in Input, p RecordParams) Record {
	res := in.Result
	rec := Record{
		Kind: checklist.FindingsKind, SchemaVersion: RecordSchemaVersion, RulesVersion: RulesVersion, Tool: in.Tool,
		DocumentID: DocumentID(in), ReportDate: in.ReportDate, Parameters: p,
		Edition: in.Catalog.Edition.ID, EditionSHA256: in.Catalog.Edition.SHA256,
		Source: res.Source, AsOf: in.ReportDate, NeedsRiskAssessment: res.NeedsRiskAssessment,
		Findings: RecordFindings(res, in.Decisions), Exclusions: res.Exclusions, Summary: res.Summary,
		Messages: in.Assessment.Messages, Interim: in.Interim, Inputs: []RecordInput{}, SignOff: in.SignOff(),
		Changes: in.Changes,
	}
	if rec.Exclusions == nil {
		rec.Exclusions = []checklist.Exclusion{}
	}
	if rec.Messages == nil {
		rec.Messages = []checklist.Message{}
	}
	for _, f := range in.Files {
		rec.Inputs = append(rec.Inputs, RecordInput{Name: f.Name, Role: f.Role, MIME: f.MIME, Size: len(f.Data), SHA256: f.SHA256()})
	}
	if in.Decisions != nil {
		rec.Risk = NewRecordRisk(p.Risk, checklist.ReviewOf(in.Decisions, in.Exclusions), in.RiskMessages)
	}
	return rec
}

// Encode writes the record as indented JSON, as it is attached.
func (rec Record) Encode() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rec); err != nil {
		return nil, fmt.Errorf("encoding the findings record: %w", err)
	}
	return buf.Bytes(), nil
}

// DecodeRecord reads a findings record. ok is false when data is not one
// (not JSON, or another kind); err is set when it is one this version
// cannot read (another schema version, or malformed).
func DecodeRecord(name string, data []byte) (rec *Record, ok bool, err error) {
	var head struct {
		Kind          string `json:"kind"`
		SchemaVersion int    `json:"schema_version"`
	}
	if json.Unmarshal(data, &head) != nil || head.Kind != checklist.FindingsKind {
		return nil, false, nil
	}
	if head.SchemaVersion != RecordSchemaVersion {
		return nil, true, fmt.Errorf("findings record %q has schema_version %d; this version reads %d", name, head.SchemaVersion, RecordSchemaVersion)
	}
	var r Record
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, true, fmt.Errorf("findings record %q: %v", name, err)
	}
	return &r, true, nil
}

// RecordName is the attachment name of the findings record of input.
func RecordName(input string) string {
	base := filepath.Base(input)
	return strings.TrimSuffix(base, filepath.Ext(base)) + ".findings.json"
}

// RecordRole describes the findings record in the attachment list.
func RecordRole(lang string) string {
	return inLang(lang, "報告書の結論（findings JSON: 指摘・対象外・判断の状態・署名準備・集計・暫定措置の判定・パラメータ）",
		"what the report concluded (findings JSON: findings, exclusions, decision states, sign-off readiness, summary, interim verdict, parameters)")
}

// AttachRecord appends the findings record to rep's attachments, after
// the input files, with the relationship Data. report calls it once,
// between Build and rendering.
func AttachRecord(rep *Report, rec Record) error {
	data, err := rec.Encode()
	if err != nil {
		return err
	}
	rep.Attachments = append(rep.Attachments, Attachment{Name: RecordName(rec.Parameters.Input), Data: data,
		Description: RecordRole(rec.Parameters.Lang), MIME: "application/json", Relationship: RelData})
	return nil
}
