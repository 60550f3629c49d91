package checklist

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
)

// ExclusionVerdict is the CISO's decision on an exclusion: a control
// objective the CSP declared 対象外 with a reason.
type ExclusionVerdict string

// The verdicts, in drop-down order.
const (
	ExclusionAccept ExclusionVerdict = "accept" // 受入
	ExclusionReject ExclusionVerdict = "reject" // 不受入
)

// ExclusionVerdicts lists the verdicts in drop-down order.
var ExclusionVerdicts = []ExclusionVerdict{ExclusionAccept, ExclusionReject}

// LabelJA is 受入 or 不受入.
func (v ExclusionVerdict) LabelJA() string {
	switch v {
	case ExclusionAccept:
		return "受入"
	case ExclusionReject:
		return "不受入"
	}
	return string(v)
}

// LabelEN is Accept or Reject.
func (v ExclusionVerdict) LabelEN() string {
	switch v {
	case ExclusionAccept:
		return "Accept"
	case ExclusionReject:
		return "Reject"
	}
	return string(v)
}

// ParseExclusionVerdict reads 受入/不受入 (also 受け入れ/受入れ), the
// English label or the code, any case, surrounding spaces ignored.
func ParseExclusionVerdict(s string) (ExclusionVerdict, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "受入", "受入れ", "受け入れ", "accept", "accepted":
		return ExclusionAccept, true
	case "不受入", "不受入れ", "受け入れない", "reject", "rejected":
		return ExclusionReject, true
	}
	return "", false
}

// ExclusionDecision is the agency's decision on one exclusion, as written
// in the risk sheet. AnswerHash is the AnswerHash of the objective's answer
// it judged (the CSP's 対象外 and reason). File, Sheet, Row and Cells
// locate it for messages.
type ExclusionDecision struct {
	ID           string           `json:"id"`
	AnswerHash   string           `json:"answer_sha256"`
	SourceSHA256 string           `json:"source_sha256,omitempty"`
	Verdict      ExclusionVerdict `json:"verdict,omitempty"`
	Reason       string           `json:"reason,omitempty"`
	Approver     string           `json:"approver,omitempty"`
	DecidedOn    Date             `json:"decided_on,omitzero"`
	// JudgedAnswer is the answer the decision judged, when the risk sheet
	// recorded it and it matches AnswerHash.
	JudgedAnswer *Answer `json:"judged_answer,omitempty"`

	File    string            `json:"file,omitempty"`
	Sheet   string            `json:"sheet,omitempty"`
	Row     int               `json:"row,omitempty"`
	Cells   map[string]string `json:"cells,omitempty"`
	Invalid bool              `json:"invalid,omitempty"`
}

// IsEmpty reports whether the agency wrote nothing in the decision.
func (d ExclusionDecision) IsEmpty() bool {
	return d.Verdict == "" && strings.TrimSpace(d.Reason) == "" && strings.TrimSpace(d.Approver) == "" && d.DecidedOn.IsZero()
}

// Digest returns a SHA-256 (hex) of the agency's fields (verdict, reason,
// approver, decided_on), encoded like AnswerHash: a writer stores it beside
// a carried decision so a reader can tell whether the agency changed it.
func (d ExclusionDecision) Digest() string {
	var b strings.Builder
	b.WriteString("ismapcheck-exclusion-decision-v1\n")
	for _, f := range [][2]string{
		{"verdict", string(d.Verdict)},
		{"reason", d.Reason},
		{"approver", d.Approver},
		{"decided_on", d.DecidedOn.String()},
	} {
		b.WriteString(f[0] + ":" + strconv.Itoa(len(f[1])) + ":" + f[1] + "\n")
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// ErrExclusionIncomplete is the sentinel of exclusion-decision validation.
var ErrExclusionIncomplete = errors.New("incomplete exclusion decision")

// Validate checks a decision that is not empty: the verdict, the approver
// and the date are required (accepting or rejecting an exclusion is the
// CISO's call, so it is named and dated either way); a rejection needs a
// reason, because it turns the objective into a finding the CSP must be
// told about. One CellError per problem, located by File, Sheet and Cells.
func (d ExclusionDecision) Validate() []*CellError {
	if d.IsEmpty() {
		return nil
	}
	var errs []*CellError
	add := func(field, ja, en string) {
		errs = append(errs, &CellError{File: d.File, Sheet: d.Sheet, Cell: d.Cells[field], ID: d.ID, JA: ja, EN: en, Err: ErrExclusionIncomplete})
	}
	if d.Verdict == "" {
		add("verdict", "受入・不受入を選択してください", "choose accept or reject")
	}
	if d.Verdict == ExclusionReject && strings.TrimSpace(d.Reason) == "" {
		add("reason", "不受入とする理由を記入してください", "a rejection needs a reason")
	}
	if strings.TrimSpace(d.Approver) == "" {
		add("approver", "承認者を記入してください", "the approver is missing")
	}
	if d.DecidedOn.IsZero() {
		add("decided_on", "判断日を記入してください", "the decision date is missing")
	}
	return errs
}

// ExclusionState pairs an exclusion with the decision on it. State is
// open (no decision), current, stale (the CSP changed the answer since),
// invalid, orphaned (the objective is no longer excluded) or duplicate.
// Exclusion is nil for orphaned and duplicate decisions.
type ExclusionState struct {
	ID        string             `json:"id"`
	State     State              `json:"state"`
	Exclusion *Exclusion         `json:"-"`
	Decision  *ExclusionDecision `json:"decision,omitempty"`
}

// Rejected reports whether s holds a current decision to reject.
func (s ExclusionState) Rejected() bool {
	return s.State == StateCurrent && s.Decision != nil && s.Decision.Verdict == ExclusionReject
}

// ApplyExclusionDecisions matches decisions to the exclusions of res, like
// ApplyDecisions does for findings: one state per exclusion in order, then
// every decision that matched none (orphaned) or repeated an ID
// (duplicate), in input order. A decision is stale when its AnswerHash
// differs from the exclusion's. Invalid beats stale. Exclusions have no
// review date.
func ApplyExclusionDecisions(res Result, decisions []ExclusionDecision) []ExclusionState {
	byID := map[string]int{}
	for i, d := range decisions {
		if _, ok := byID[d.ID]; !ok {
			byID[d.ID] = i
		}
	}
	used := make([]bool, len(decisions))
	out := make([]ExclusionState, 0, len(res.Exclusions))
	for i := range res.Exclusions {
		e := &res.Exclusions[i]
		st := ExclusionState{ID: e.ID, Exclusion: e, State: StateOpen}
		if j, ok := byID[e.ID]; ok {
			used[j] = true
			d := decisions[j]
			st.Decision = &d
			switch {
			case d.IsEmpty():
				st.State = StateOpen
			case d.Invalid || len(d.Validate()) > 0:
				st.State = StateInvalid
			case d.AnswerHash != e.AnswerHash:
				st.State = StateStale
			default:
				st.State = StateCurrent
			}
		}
		out = append(out, st)
	}
	for j, d := range decisions {
		if used[j] || d.IsEmpty() {
			continue
		}
		s := StateOrphaned
		if byID[d.ID] != j {
			s = StateDuplicate
		}
		out = append(out, ExclusionState{ID: d.ID, State: s, Decision: &d})
	}
	return out
}

// FindingsWithExclusions is Findings with the agency's decisions on the
// exclusions applied: an exclusion the CISO rejected by a current decision
// no longer exempts anything, so the objective becomes a finding
// (ReasonObjectiveExclusionRejected) and each B control under it that is
// not 適合 becomes one too (ISMAP管理基準 2.2.4: a B control under an
// objective that applies must be implemented). The exclusion stays listed,
// marked Rejected. An open, stale or invalid decision changes nothing (the
// report is then not ready for sign-off; see Readiness). The states are
// those of the decisions against the exclusions as the CSP claimed them.
func FindingsWithExclusions(cat *Catalog, a *Assessment, decisions []ExclusionDecision) (Result, []ExclusionState) {
	claimed := findings(cat, a, nil)
	states := ApplyExclusionDecisions(claimed, decisions)
	rejected := map[string]bool{}
	for _, s := range states {
		if s.Rejected() {
			rejected[s.ID] = true
		}
	}
	if len(rejected) == 0 {
		return claimed, states
	}
	res := findings(cat, a, rejected)
	// Point the states at the exclusions of the result returned.
	for i := range states {
		for j := range res.Exclusions {
			if states[i].Exclusion != nil && res.Exclusions[j].ID == states[i].ID {
				states[i].Exclusion = &res.Exclusions[j]
			}
		}
	}
	return res, states
}

// CarryForwardExclusions takes the exclusion decisions of a previous risk
// sheet into a new round, like CarryForward: every non-empty decision kept
// unchanged (with the AnswerHash it judged), locations cleared.
func CarryForwardExclusions(prev []ExclusionDecision) []ExclusionDecision {
	var out []ExclusionDecision
	for _, d := range prev {
		if d.IsEmpty() {
			continue
		}
		d.File, d.Sheet, d.Row, d.Cells = "", "", 0, nil
		out = append(out, d)
	}
	return out
}
