package checklist

import (
	"fmt"
	"strings"
)

// BlockerKind says why a report is not ready for the CISO's sign-off. The
// kinds are stable: they appear in messages and scripts may match on them.
type BlockerKind string

// The blocker kinds, in the order the report lists them.
const (
	// BlockIngestError: an error when the CSP's workbook was read; the
	// answer it names is in doubt.
	BlockIngestError BlockerKind = "ingest_error"
	// BlockRiskSheetError: an error in the risk sheet that is not about a
	// single decision (a row added, moved or lost).
	BlockRiskSheetError BlockerKind = "risk_sheet_error"
	// BlockDecisionOpen: a finding without the agency's decision.
	BlockDecisionOpen BlockerKind = "decision_open"
	// BlockDecisionInvalid: a decision with errors (入力不備).
	BlockDecisionInvalid BlockerKind = "decision_invalid"
	// BlockDecisionStale: a decision that judged an answer the CSP has
	// since changed.
	BlockDecisionStale BlockerKind = "decision_stale"
	// BlockDecisionExpired: a decision whose review date has passed.
	BlockDecisionExpired BlockerKind = "decision_expired"
	// BlockExclusionUndecided: an exclusion (an objective 対象外 with a
	// reason) the CISO has neither accepted nor rejected, or whose decision
	// is stale or invalid.
	BlockExclusionUndecided BlockerKind = "exclusion_undecided"
)

// BlockerKinds lists every kind in report order.
var BlockerKinds = []BlockerKind{
	BlockIngestError, BlockRiskSheetError,
	BlockDecisionOpen, BlockDecisionInvalid, BlockDecisionStale, BlockDecisionExpired,
	BlockExclusionUndecided,
}

// LabelJA names the kind in Japanese.
func (k BlockerKind) LabelJA() string {
	switch k {
	case BlockIngestError:
		return "回答ワークブックの読取りエラー"
	case BlockRiskSheetError:
		return "リスク評価シートの読取りエラー"
	case BlockDecisionOpen:
		return "判断が未記入"
	case BlockDecisionInvalid:
		return "判断に入力不備"
	case BlockDecisionStale:
		return "回答変更により要再評価"
	case BlockDecisionExpired:
		return "再評価期限切れ"
	case BlockExclusionUndecided:
		return "対象外の受入れが未判断"
	}
	return string(k)
}

// LabelEN names the kind in English.
func (k BlockerKind) LabelEN() string {
	switch k {
	case BlockIngestError:
		return "error reading the CSP's workbook"
	case BlockRiskSheetError:
		return "error reading the risk sheet"
	case BlockDecisionOpen:
		return "no decision yet"
	case BlockDecisionInvalid:
		return "decision has errors"
	case BlockDecisionStale:
		return "answer changed since the decision"
	case BlockDecisionExpired:
		return "review date passed"
	case BlockExclusionUndecided:
		return "exclusion neither accepted nor rejected"
	}
	return string(k)
}

// Blocker is one reason the report cannot be signed off, located where
// the input allows (File, Sheet, Cell) and said in both languages.
type Blocker struct {
	Kind   BlockerKind `json:"kind"`
	ID     string      `json:"id,omitempty"`
	File   string      `json:"file,omitempty"`
	Sheet  string      `json:"sheet,omitempty"`
	Cell   string      `json:"cell,omitempty"`
	TextJA string      `json:"text_ja"`
	TextEN string      `json:"text_en"`
}

// SignOffInput is what readiness depends on: the messages of reading the
// CSP's workbook and the risk sheet, the decision state of every finding
// (ApplyDecisions; with no risk sheet, ApplyDecisions with no decisions,
// which leaves every finding open) and the state of every exclusion
// (ApplyExclusionDecisions).
type SignOffInput struct {
	IngestMessages []Message
	RiskMessages   []Message
	Decisions      []DecisionState
	Exclusions     []ExclusionState
}

// SignOff is the verdict: Ready when nothing blocks, else every blocker
// in BlockerKinds order, then input order.
type SignOff struct {
	Ready    bool      `json:"ready"`
	Blockers []Blocker `json:"blockers,omitempty"`
}

// Count returns how many blockers are of kind k.
func (s SignOff) Count(k BlockerKind) int {
	n := 0
	for _, b := range s.Blockers {
		if b.Kind == k {
			n++
		}
	}
	return n
}

// Readiness decides whether a report may be signed off by the CISO. The
// agency's own rule, which the criteria leave to it: the CISO signs for
// every finding's risk decision (ISMAP管理基準 2.2.4: each item short of a
// basic statement requirement needs the agency's risk assessment) and for
// every exclusion (2.2.4: an objective is left out only with a stated
// reason, which the agency must find acceptable). So the report is ready
// only when
//   - reading the CSP's workbook gave no error (an error leaves an answer
//     in doubt, so the decision on it may judge the wrong thing);
//   - the risk sheet gave no error outside a decision (a lost or added
//     row may hide a decision);
//   - no finding's decision is open, invalid, stale or expired;
//   - every exclusion is accepted or rejected by a current decision.
//
// Warnings never block. Orphaned and duplicate decisions do not block:
// they concern no current finding and are listed in the report.
// Readiness is pure: same input, same verdict.
func Readiness(in SignOffInput) SignOff {
	byKind := map[BlockerKind][]Blocker{}
	add := func(b Blocker) { byKind[b.Kind] = append(byKind[b.Kind], b) }
	for _, m := range in.IngestMessages {
		if m.Severity == SeverityError {
			add(Blocker{Kind: BlockIngestError, ID: m.ID, File: m.File, Sheet: m.Sheet, Cell: m.Cell, TextJA: m.TextJA, TextEN: m.TextEN})
		}
	}
	// A risk-sheet error about a decision shows as that decision's
	// invalid state; the others (rows added, moved, lost) block here.
	invalid := map[string]bool{}
	for _, s := range in.Decisions {
		if s.State == StateInvalid {
			invalid[s.ID] = true
		}
	}
	for _, m := range in.RiskMessages {
		if m.Severity == SeverityError && !invalid[m.ID] {
			add(Blocker{Kind: BlockRiskSheetError, ID: m.ID, File: m.File, Sheet: m.Sheet, Cell: m.Cell, TextJA: m.TextJA, TextEN: m.TextEN})
		}
	}
	for _, s := range in.Decisions {
		if s.Finding == nil {
			continue // orphaned or duplicate
		}
		var k BlockerKind
		switch s.State {
		case StateOpen:
			k = BlockDecisionOpen
		case StateInvalid:
			k = BlockDecisionInvalid
		case StateStale:
			k = BlockDecisionStale
		case StateExpired:
			k = BlockDecisionExpired
		default:
			continue
		}
		b := Blocker{Kind: k, ID: s.ID, TextJA: k.LabelJA(), TextEN: k.LabelEN()}
		if d := s.Decision; d != nil {
			b.File, b.Sheet = d.File, d.Sheet
			if k == BlockDecisionStale && d.JudgedAnswer != nil {
				ja, en := changedFields(*d.JudgedAnswer, *s.Finding)
				b.TextJA += "（変更: " + ja + "）"
				b.TextEN += " (changed: " + en + ")"
			}
			if k == BlockDecisionExpired {
				b.Cell = d.Cells["review_by"]
				b.TextJA = fmt.Sprintf("再評価期限 %s を過ぎている", d.ReviewBy)
				b.TextEN = fmt.Sprintf("the review date %s has passed", d.ReviewBy)
			}
		}
		add(b)
	}
	for _, e := range in.Exclusions {
		if e.State == StateCurrent {
			continue
		}
		b := Blocker{Kind: BlockExclusionUndecided, ID: e.ID, TextJA: BlockExclusionUndecided.LabelJA(), TextEN: BlockExclusionUndecided.LabelEN()}
		switch e.State {
		case StateStale:
			b.TextJA, b.TextEN = "CSPの理由が変わったため受入れの判断を見直す必要がある", "the CSP changed its answer since the decision"
		case StateInvalid:
			b.TextJA, b.TextEN = "受入れの判断に入力不備がある", "the decision on the exclusion has errors"
		}
		if d := e.Decision; d != nil {
			b.File, b.Sheet = d.File, d.Sheet
		}
		add(b)
	}
	var out SignOff
	for _, k := range BlockerKinds {
		out.Blockers = append(out.Blockers, byKind[k]...)
	}
	out.Ready = len(out.Blockers) == 0
	return out
}

// changedFields names the answer fields that differ between the judged
// answer and the one a finding shows. A finding does not carry the
// remarks, so they are compared last by elimination: the answer's hash
// changed, so when no other field did, the remarks did.
func changedFields(judged Answer, f Finding) (ja, en string) {
	cur := Answer{ID: f.ID, Status: f.Status, Implementation: f.Implementation, Evidence: f.Evidence, Reason: f.CSPReason,
		PlannedDate: f.PlannedDate, Responsibility: f.Responsibility, Remarks: judged.Remarks}
	var js, es []string
	for _, c := range AnswerChanges(judged, cur) {
		js, es = append(js, AnswerFieldLabelJA(c.Field)), append(es, strings.ToLower(AnswerFieldLabelEN(c.Field)))
	}
	if len(js) == 0 {
		js, es = []string{AnswerFieldLabelJA("remarks")}, []string{"remarks"}
	}
	return strings.Join(js, "、"), strings.Join(es, ", ")
}
