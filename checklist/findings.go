package checklist

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Finding is one requirement that needs the agency's risk assessment: one
// Finding per item, carrying every reason that applies (sorted by code).
type Finding struct {
	ID             string         `json:"id"`
	Level          Level          `json:"level"`
	Chapter        int            `json:"chapter"`
	Part           string         `json:"part"`
	Parent         string         `json:"parent,omitempty"`
	TitleJA        string         `json:"title_ja"`
	TitleEN        string         `json:"title_en"`
	Status         Status         `json:"status"`
	Reasons        []ReasonCode   `json:"reasons"`
	CSPReason      string         `json:"csp_reason,omitempty"` // the CSP's 理由 text
	PlannedDate    Date           `json:"planned_date,omitzero"`
	Evidence       string         `json:"evidence,omitempty"`
	Implementation string         `json:"implementation,omitempty"`
	Responsibility Responsibility `json:"responsibility,omitempty"`
	Unknown        bool           `json:"unknown,omitempty"`
	AnswerHash     string         `json:"answer_sha256"`
	Sheet          string         `json:"sheet,omitempty"`
	Row            int            `json:"row,omitempty"`
	// Warnings are inconsistencies in the CSP's answers that 2.2.4 does
	// not make a finding of but the agency should see (sorted by code).
	Warnings []Warning `json:"warnings,omitempty"`
}

// Has reports whether f carries reason r.
func (f Finding) Has(r ReasonCode) bool { return slices.Contains(f.Reasons, r) }

// Exclusion is a control objective the CSP declared 対象外 with a reason,
// with the B controls exempted along with it: not a finding, but an
// exclusion the agency's CISO should accept knowingly.
type Exclusion struct {
	ID         string           `json:"id"`
	Chapter    int              `json:"chapter"`
	TitleJA    string           `json:"title_ja"`
	TitleEN    string           `json:"title_en"`
	CSPReason  string           `json:"csp_reason"`
	AnswerHash string           `json:"answer_sha256"`
	Exempted   []ExemptBControl `json:"exempted_b_controls,omitempty"`
	// Rejected is set when the agency rejected the exclusion: the
	// objective and its B controls then apply (FindingsWithExclusions).
	Rejected bool `json:"rejected,omitempty"`
}

// ExemptBControl is a B control exempted by its objective's exclusion.
type ExemptBControl struct {
	ID      string `json:"id"`
	TitleJA string `json:"title_ja"`
	TitleEN string `json:"title_en"`
	Status  Status `json:"status"`
}

// Result is what Findings returns: every finding and exclusion in
// catalogue order, the summary and the number of findings.
type Result struct {
	Edition             string      `json:"edition"`
	Source              Source      `json:"source"`
	Findings            []Finding   `json:"findings"`
	Exclusions          []Exclusion `json:"exclusions"`
	Summary             Summary     `json:"summary"`
	NeedsRiskAssessment int         `json:"needs_risk_assessment"`
}

// Finding returns the finding for id.
func (r Result) Finding(id string) (Finding, bool) {
	for _, f := range r.Findings {
		if f.ID == id {
			return f, true
		}
	}
	return Finding{}, false
}

// Findings applies the rules of ISMAP管理基準 2.2.4 (基本言明要件) to an
// assessment and returns every requirement that needs the agency's risk
// assessment. Requirements without an answer in a count as unanswered.
// Findings is pure and deterministic: findings, exclusions and chapters
// come in catalogue order.
func Findings(cat *Catalog, a *Assessment) Result { return findings(cat, a, nil) }

// findings is Findings with the objectives whose exclusion the agency
// rejected (nil for none). The rules themselves are in findings_rules.go,
// one function per item level; this function runs them over the catalogue
// and assembles the result.
func findings(cat *Catalog, a *Assessment, rejected map[string]bool) Result {
	// Answers as the rules read them: an ingest error naming an item
	// leaves its answer in doubt (see answerLookup, shared with
	// CheckAnswers).
	r := rules{answerOf: answerLookup(a), rejected: rejected}
	reqs := cat.Requirements()
	reasons := make(map[string][]ReasonCode, len(reqs))
	exempt := map[string]bool{}
	for _, it := range reqs {
		rs, ex := r.reasons(it)
		if ex {
			exempt[it.ID] = true
		}
		if len(rs) > 0 {
			reasons[it.ID] = rs
		}
	}
	warnings := r.warnings(reqs, reasons)

	res := Result{Edition: cat.Edition.ID, Source: a.Source, Findings: []Finding{}, Exclusions: []Exclusion{}}
	if res.Edition == "" {
		res.Edition = a.Edition
	}
	for _, it := range reqs {
		if rs := reasons[it.ID]; len(rs) > 0 {
			res.Findings = append(res.Findings, newFinding(it, r.answerOf(it.ID), rs, warnings[it.ID]))
		}
	}
	res.Exclusions = append(res.Exclusions, r.exclusions(reqs)...)
	accepted := maps.Clone(exempt)
	for _, e := range res.Exclusions {
		if !e.Rejected {
			accepted[e.ID] = true
		}
	}
	res.Summary = summarize(cat, reqs, r.answerOf, reasons, accepted)
	res.NeedsRiskAssessment = len(res.Findings)
	return res
}

// newFinding is the finding of item it answered x, with its reasons
// (sorted by code, each once) and warnings.
func newFinding(it Item, x Answer, rs []ReasonCode, warnings []Warning) Finding {
	rs = slices.Clone(rs)
	slices.Sort(rs)
	rs = slices.Compact(rs)
	return Finding{
		ID: it.ID, Level: it.Level, Chapter: it.Chapter, Part: PartOf(it.Chapter), Parent: parentObjective(it),
		TitleJA: it.TitleJA, TitleEN: it.TitleEN,
		Status: x.Status, Reasons: rs,
		CSPReason: x.Reason, PlannedDate: x.PlannedDate, Evidence: x.Evidence,
		Implementation: x.Implementation, Responsibility: x.Responsibility,
		Unknown: x.Unknown, AnswerHash: AnswerHash(x), Sheet: x.Sheet, Row: x.Row,
		Warnings: warnings,
	}
}

func parentObjective(it Item) string {
	if it.Level == LevelDetail {
		return it.Parent
	}
	return ""
}

// AnswerHash returns the SHA-256 (lower-case hex) of the content of an
// answer, so that a risk decision is bound to the exact answer it judged.
//
// The encoding is the line "ismapcheck-answer-v1" followed by one record
// per field in this fixed order: id, status, implementation, evidence,
// reason, planned_date, responsibility, remarks. A record is
// "<name>:<length in bytes>:<value>\n". Status "" counts as "unanswered";
// planned_date is YYYY-MM-DD or empty. Where the answer came from (sheet,
// row, cells) and the Unknown flag are not part of the content.
func AnswerHash(a Answer) string {
	st := a.Status
	if st == "" {
		st = StatusUnanswered
	}
	var b strings.Builder
	b.WriteString("ismapcheck-answer-v1\n")
	for _, f := range [][2]string{
		{"id", a.ID},
		{"status", string(st)},
		{"implementation", a.Implementation},
		{"evidence", a.Evidence},
		{"reason", a.Reason},
		{"planned_date", a.PlannedDate.String()},
		{"responsibility", string(a.Responsibility)},
		{"remarks", a.Remarks},
	} {
		b.WriteString(f[0])
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(len(f[1])))
		b.WriteByte(':')
		b.WriteString(f[1])
		b.WriteByte('\n')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}
