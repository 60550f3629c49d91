package checklist

import (
	"fmt"
	"strings"
)

// The rules of ISMAP管理基準 2.2.4 (基本言明要件) that decide every finding,
// in the order of the criteria: governance items, management items,
// control objectives, the B controls under them, then what holds for every
// item (an answer in doubt), the warning that is no finding, and the
// exclusions the agency is asked to accept.

// rules holds what the rules read: the answers as ingest left them (an
// answer named by an ingest error is in doubt) and the objectives whose
// exclusion the agency rejected (nil for none).
type rules struct {
	answerOf func(id string) Answer
	rejected map[string]bool
}

// reasons returns every reason item it needs a risk assessment (unsorted,
// possibly none), and whether it is a B control exempted with its
// objective.
func (r rules) reasons(it Item) (rs []ReasonCode, exempt bool) {
	x := r.answerOf(it.ID)
	switch it.Level {
	case LevelGovernance:
		rs = governanceReasons(x)
	case LevelManagement:
		rs = managementReasons(x)
	case LevelObjective:
		rs = r.objectiveReasons(x)
	case LevelDetail:
		if !it.B {
			// Only the B controls are basic statement requirements.
			return nil, false
		}
		rs, exempt = r.bControlReasons(x, r.answerOf(it.Parent))
	}
	// Ingest: an answer left in doubt by validation errors cannot be
	// relied on whatever it says.
	if x.Unknown {
		rs = append(rs, ReasonAnswerUnknown)
	}
	return rs, exempt
}

// governanceReasons applies the rule for a governance item answered x.
//
// ISMAP管理基準 2.2.4: every governance item belongs to the basic statement
// requirements and applies in principle, all of them, so anything but 適合
// needs a risk assessment. A 対象外 here is a known answer that falls short
// (ingest warns, it does not make the answer unknown); no answer is a
// shortfall too.
func governanceReasons(x Answer) []ReasonCode {
	if x.Status != StatusConforms {
		return []ReasonCode{ReasonGovernanceNotConforming}
	}
	return nil
}

// managementReasons applies the rule for a management item answered x.
//
// ISMAP管理基準 2.2.4: the same holds for every management item as for the
// governance items.
func managementReasons(x Answer) []ReasonCode {
	if x.Status != StatusConforms {
		return []ReasonCode{ReasonManagementNotConforming}
	}
	return nil
}

// objectiveReasons applies the rule for a control objective answered x.
//
// ISMAP管理基準 2.2.4: every control objective is a basic statement
// requirement; a shortfall or a missing answer needs a risk assessment, and
// an exclusion counts only with a stated reason. The agency may reject a
// stated reason in its risk assessment: the objective then applies and
// needs one too.
func (r rules) objectiveReasons(x Answer) []ReasonCode {
	switch {
	case x.Status.IsShortfall():
		return []ReasonCode{ReasonObjectiveShortfall}
	case x.Status == StatusUnanswered:
		return []ReasonCode{ReasonObjectiveUnanswered}
	case x.Status == StatusNotApplicable && !hasReason(x):
		return []ReasonCode{ReasonObjectiveExcludedNoReason}
	case claimed(x) && r.rejected[x.ID]:
		return []ReasonCode{ReasonObjectiveExclusionRejected}
	}
	return nil
}

// bControlReasons applies the rule for a B control answered x whose
// objective is answered parent; exempt is set when the objective's
// exclusion exempts it.
//
// ISMAP管理基準 2.2.4: when an objective is excluded with a reason, the B
// controls under it are exempt with it. A B control under an objective
// that applies must be implemented; 対象外 is not accepted there.
func (r rules) bControlReasons(x, parent Answer) (rs []ReasonCode, exempt bool) {
	if r.excluded(parent) {
		return nil, true
	}
	switch {
	case x.Status.IsShortfall():
		return []ReasonCode{ReasonBControlShortfall}, false
	case x.Status == StatusUnanswered:
		return []ReasonCode{ReasonBControlUnanswered}, false
	case x.Status == StatusNotApplicable:
		return []ReasonCode{ReasonBControlExcluded}, false
	}
	return nil, false
}

func hasReason(x Answer) bool { return strings.TrimSpace(x.Reason) != "" }

// claimed reports whether an objective's answer x claims an exclusion the
// agency can accept.
//
// ISMAP管理基準 2.2.4: an objective may be left out only when the CSP states
// a reason for it; an answer in doubt cannot exclude anything.
func claimed(x Answer) bool {
	return x.Status == StatusNotApplicable && hasReason(x) && !x.Unknown
}

// excluded reports whether an objective's exclusion is accepted: claimed
// and not rejected (ISMAP管理基準 2.2.4 leaves the acceptance of an
// exclusion to the agency's risk assessment).
func (r rules) excluded(x Answer) bool { return claimed(x) && !r.rejected[x.ID] }

// ObjectiveConformsBShort checks a B control's answer b against the answer
// obj to its control objective. It returns the warning when the CSP
// answered the objective 適合 and the B control 一部適合, 不適合 or 対象外.
// An unanswered B control, or an answer in doubt on either side, states
// nothing to compare and gives no warning.
//
// ISMAP管理基準 2.2.4: each B control is a requirement of its own; the
// objective is not made to fall short by it, so this is a warning, not a
// finding of the objective (the B control is a finding by itself).
func ObjectiveConformsBShort(b, obj Answer) (Warning, bool) {
	if obj.Status != StatusConforms || obj.Unknown || b.Unknown {
		return Warning{}, false
	}
	if !b.Status.IsShortfall() && b.Status != StatusNotApplicable {
		return Warning{}, false
	}
	return Warning{
		Code: WarningObjectiveConformsBShort, Ref: obj.ID,
		TextJA: fmt.Sprintf("回答の不整合: 統制目標 %s は「適合」と回答されていますが、その下のB管理策 %s は「%s」です", obj.ID, b.ID, b.Status.LabelJA()),
		TextEN: fmt.Sprintf("inconsistent answers: control objective %s is answered %q while its B control %s is %q", obj.ID, StatusConforms.LabelEN(), b.ID, b.Status.LabelEN()),
	}, true
}

// warnings returns, per B control that is a finding, the inconsistency
// with its objective's answer.
//
// ISMAP管理基準 2.2.4 makes each B control a requirement of its own and does
// not make its objective fall short because of it: an objective answered
// 適合 over a B control that falls short is no finding, but the
// inconsistency is shown as a warning on the B control's finding.
func (r rules) warnings(reqs []Item, reasons map[string][]ReasonCode) map[string][]Warning {
	warnings := map[string][]Warning{}
	for _, it := range reqs {
		if it.Level != LevelDetail || !it.B || len(reasons[it.ID]) == 0 {
			continue
		}
		if w, ok := ObjectiveConformsBShort(r.answerOf(it.ID), r.answerOf(it.Parent)); ok {
			warnings[it.ID] = append(warnings[it.ID], w)
		}
	}
	return warnings
}

// exclusions returns, in catalogue order, every control objective the CSP
// declared 対象外 with a reason (claimed), with the B controls exempted
// along with it and whether the agency rejected it.
func (r rules) exclusions(reqs []Item) []Exclusion {
	// The B controls of each objective, in catalogue order (one pass
	// instead of Catalog.BControls per objective).
	bOf := map[string][]Item{}
	for _, it := range reqs {
		if it.Level == LevelDetail && it.B {
			bOf[it.Parent] = append(bOf[it.Parent], it)
		}
	}
	var out []Exclusion
	for _, it := range reqs {
		if it.Level != LevelObjective {
			continue
		}
		x := r.answerOf(it.ID)
		if !claimed(x) {
			continue
		}
		ex := Exclusion{ID: it.ID, Chapter: it.Chapter, TitleJA: it.TitleJA, TitleEN: it.TitleEN, CSPReason: x.Reason, AnswerHash: AnswerHash(x), Rejected: r.rejected[it.ID]}
		for _, b := range bOf[it.ID] {
			ex.Exempted = append(ex.Exempted, ExemptBControl{ID: b.ID, TitleJA: b.TitleJA, TitleEN: b.TitleEN, Status: r.answerOf(b.ID).Status})
		}
		out = append(out, ex)
	}
	return out
}
