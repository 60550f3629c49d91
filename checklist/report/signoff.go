package report

import (
	"fmt"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// This file holds the parts of the report about sign-off readiness, the
// CISO's decisions on exclusions and what changed under a stale decision.

// DraftMark is printed on every page of a report not ready for sign-off.
const DraftMark = "案 DRAFT"

// decisionStates is in.Decisions, or every finding open when no risk
// sheet was given.
func (in Input) decisionStates() []checklist.DecisionState {
	if in.Decisions != nil {
		return in.Decisions
	}
	return checklist.ApplyDecisions(in.Result, nil, in.ReportDate)
}

// exclusionStates is in.Exclusions, or every exclusion undecided when no
// risk sheet was given.
func (in Input) exclusionStates() []checklist.ExclusionState {
	if in.Exclusions != nil {
		return in.Exclusions
	}
	return checklist.ApplyExclusionDecisions(in.Result, nil)
}

// SignOff is the report's readiness for the CISO's sign-off
// (checklist.Readiness) on what in holds.
func (in Input) SignOff() checklist.SignOff {
	return checklist.Readiness(checklist.SignOffInput{
		IngestMessages: in.Assessment.Messages,
		RiskMessages:   in.RiskMessages,
		Decisions:      in.decisionStates(),
		Exclusions:     in.exclusionStates(),
	})
}

// readinessBox says on the cover whether the report may be signed off.
func (b builder) readinessBox() *Paragraph {
	if b.ready.Ready {
		return &Paragraph{Boxed: true, Fill: Color{226, 240, 217}, Align: AlignCenter,
			Text: b.t("署名準備：完了 — 未解決の事項はなく、CISOの確認・署名に進める。",
				"Ready for sign-off: nothing is left open; the CISO can review and sign.")}
	}
	n := len(b.ready.Blockers)
	return &Paragraph{Boxed: true, Fill: fillAlert, Align: AlignCenter, Color: Color{150, 20, 20},
		Text: b.t(fmt.Sprintf("署名準備：未完了（本書は案）— 署名を妨げる事項が %d 件ある（本書「1. CISO向け要約」に一覧）。", n),
			fmt.Sprintf("Not ready for sign-off (this report is a DRAFT): %d open points block it, listed in section 1 of this report.", n))}
}

// readinessLine summarises the blockers by kind.
func (b builder) readinessLine() string {
	if b.ready.Ready {
		return b.t("完了（署名に進める）", "ready (the CISO can sign)")
	}
	var parts []string
	for _, k := range checklist.BlockerKinds {
		if n := b.ready.Count(k); n > 0 {
			parts = append(parts, b.t(k.LabelJA(), k.LabelEN())+" "+b.count(n))
		}
	}
	return b.t("未完了（本書は案）：", "not ready (draft): ") + strings.Join(parts, b.t(" ／ ", "; "))
}

// blockerTable lists what keeps the report from being signed off.
func (b builder) blockerTable() *Table {
	t := &Table{Caption: b.t("署名を妨げている事項", "What blocks the sign-off"), Size: 7.5,
		Columns: []Column{{b.t("種類", "Kind"), 2.2, AlignLeft}, {"ID", 1.4, AlignLeft}, {b.t("場所", "Where"), 2.6, AlignLeft}, {b.t("内容", "Details"), 5, AlignLeft}}}
	for _, x := range b.ready.Blockers {
		where := joinNonEmpty(" ", x.File, b.sheet(x.Sheet), b.cell(x.Cell))
		t.Rows = append(t.Rows, Row{Cells: []string{b.t(x.Kind.LabelJA(), x.Kind.LabelEN()), x.ID, where, b.both(x.TextJA, x.TextEN)},
			Ref: joinNonEmpty(" ", string(x.Kind), x.ID, x.Cell)})
	}
	return t
}

// problems returns, per ID, the risk sheet's error messages: what makes
// a decision 入力不備 (invalid).
func (b builder) problems() map[string][]string {
	out := map[string][]string{}
	for _, m := range b.in.RiskMessages {
		if m.Severity == checklist.SeverityError && m.ID != "" {
			out[m.ID] = append(out[m.ID], b.colon(b.cell(m.Cell), b.t(m.TextJA, m.TextEN)))
		}
	}
	return out
}

// invalidLines names the problems of an invalid decision on a finding.
func (b builder) invalidLines(ps []string, d *checklist.Decision) string {
	if len(ps) == 0 && d != nil {
		for _, e := range d.Validate() {
			ps = append(ps, b.colon(b.cell(e.Cell), b.t(e.JA, e.EN)))
		}
	}
	if len(ps) == 0 {
		ps = []string{b.t("判断の記入に誤りがある（本書「4. 入力の検証結果」参照）", "the decision has errors (see section 4 of this report)")}
	}
	mark := b.t("【入力不備】", "[Invalid] ")
	return mark + strings.Join(ps, "\n"+mark)
}

// maxChangeRunes bounds each old and new value shown for a stale decision;
// the full texts are in Appendix A and the attached workbooks.
const maxChangeRunes = 160

// changeLines says what changed in the answer since a decision judged it
// (old → new per field), or that the judged answer is unknown.
func (b builder) changeLines(id string, judged *checklist.Answer) string {
	mark := b.t("【回答の変更】", "[Answer changed] ")
	if judged == nil {
		return mark + b.t("判断時の回答が記録されていないため、変更内容は示せない", "the answer judged was not recorded, so the changes cannot be shown")
	}
	cur, ok := b.in.Assessment.Answer(id)
	if !ok {
		cur = checklist.Answer{ID: id}
	}
	var lines []string
	for _, c := range checklist.AnswerChanges(*judged, cur) {
		lines = append(lines, mark+b.colon(b.t(checklist.AnswerFieldLabelJA(c.Field), checklist.AnswerFieldLabelEN(c.Field)),
			clipRunes(c.ValueLabel(c.Old, !b.en), maxChangeRunes)+" → "+clipRunes(c.ValueLabel(c.New, !b.en), maxChangeRunes)))
	}
	return strings.Join(lines, "\n")
}

func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func (b builder) exclusions() Section {
	t := &Table{Size: 7.5, Empty: b.t("対象外とされた統制目標はない。", "No control objective was declared not applicable."),
		Columns: []Column{{"ID", 1.3, AlignLeft}, {b.t("要件", "Requirement"), 2.3, AlignLeft}, {b.t("CSPが示した理由", "The CSP's reason"), 3.6, AlignLeft},
			{b.t("併せて対象外となるB管理策", "B controls exempted with it"), 2.3, AlignLeft}, {b.t("CISOの判断", "The CISO's decision"), 2.8, AlignLeft}}}
	var extra []checklist.ExclusionState
	for _, st := range b.in.exclusionStates() {
		e := st.Exclusion
		if e == nil {
			extra = append(extra, st)
			continue
		}
		var ex []string
		for _, x := range e.Exempted {
			ex = append(ex, x.ID+" "+b.both(x.TitleJA, x.TitleEN))
		}
		t.Rows = append(t.Rows, Row{Cells: []string{e.ID, b.both(e.TitleJA, e.TitleEN), e.CSPReason, strings.Join(ex, "\n"), b.exclusionDecisionCell(st)},
			Ref: e.ID, Fill: exclusionFill(st)})
	}
	blocks := []Block{
		&Paragraph{Text: b.t("CSPが理由を示して対象外とした統制目標と、その受入れについてのCISOの判断（リスク評価シートの「対象外の受入」シート）。"+
			"不受入とした統制目標とその配下のB管理策は、本書第2章のリスク評価が必要な項目に含まれる。",
			"Control objectives the CSP declared not applicable with a reason, and the CISO's decision to accept or reject each "+
				"(the exclusions sheet of the risk sheet). A rejected objective and the B controls under it are listed in section 2 of this report.")},
		t,
	}
	if len(extra) > 0 {
		et := &Table{Caption: b.t("対象外ではなくなった項目への判断・重複", "Decisions on objectives no longer excluded, and duplicates"), Size: 7.5,
			Columns: []Column{{"ID", 1.4, AlignLeft}, {b.t("状態", "State"), 1.8, AlignLeft}, {b.t("記録されている判断", "Decision on record"), 7, AlignLeft}}}
		for _, st := range extra {
			et.Rows = append(et.Rows, Row{Cells: []string{st.ID, b.state(st.State), b.exclusionDecisionCell(st)}, Ref: st.ID})
		}
		blocks = append(blocks, et)
	}
	return Section{Key: KeyExclusions, Title: b.t("3. 対象外（除外）とされた項目", "3. Exclusions (declared not applicable)"), NewPage: true, Blocks: blocks}
}

// exclusionDecisionCell is the CISO's decision on an exclusion and its state.
func (b builder) exclusionDecisionCell(st checklist.ExclusionState) string {
	d := st.Decision
	if d == nil || d.IsEmpty() {
		return b.t("□ 未判断", "□ undecided")
	}
	var lines []string
	switch st.State {
	case checklist.StateStale:
		lines = append(lines, b.t("■ 要再判断（CSPの回答が変わった）", "■ to decide again (the CSP changed its answer)"), b.changeLines(st.ID, d.JudgedAnswer))
	case checklist.StateInvalid:
		lines = append(lines, b.t("■ 入力不備", "■ invalid"))
		var ps []string
		for _, m := range b.in.RiskMessages {
			if m.Severity == checklist.SeverityError && m.ID == st.ID && m.Sheet == d.Sheet {
				ps = append(ps, b.colon(b.cell(m.Cell), b.t(m.TextJA, m.TextEN)))
			}
		}
		if len(ps) == 0 {
			for _, e := range d.Validate() {
				ps = append(ps, b.colon(b.cell(e.Cell), b.t(e.JA, e.EN)))
			}
		}
		for _, p := range ps {
			lines = append(lines, b.t("【入力不備】", "[Invalid] ")+p)
		}
	}
	if d.Verdict != "" {
		v := b.t(d.Verdict.LabelJA(), d.Verdict.LabelEN())
		if st.Rejected() {
			v += b.t("（指摘事項として第2章に掲載）", " (a finding, see section 2)")
		}
		lines = append(lines, b.colon(b.t("判断", "Decision"), v))
	}
	if d.Reason != "" {
		lines = append(lines, b.colon(b.t("理由", "Reason"), d.Reason))
	}
	if d.Approver != "" || !d.DecidedOn.IsZero() {
		lines = append(lines, b.colon(b.t("承認", "Approved"), joinNonEmpty(" ", d.Approver, b.short(d.DecidedOn))))
	}
	return strings.Join(lines, "\n")
}

func exclusionFill(st checklist.ExclusionState) Color {
	switch {
	case st.State == checklist.StateStale || st.State == checklist.StateInvalid:
		return fillAlert
	case st.State == checklist.StateOpen:
		return fillOpen
	case st.Rejected():
		return fillShortfall
	}
	return Color{}
}
