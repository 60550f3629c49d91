package report

import (
	"fmt"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// Section 2 (the items that need a risk assessment, with the agency's
// decisions) and section 4 (the validation messages). Section 2.1 is in
// changes.go, section 3 (the exclusions) in signoff.go.

func (b builder) decisionCell(d *checklist.Decision, level checklist.Rating) string {
	if d == nil || d.IsEmpty() {
		return b.t("（判断未記入）", "(no decision yet)")
	}
	var lines []string
	lines = append(lines, fmt.Sprintf(b.t("影響度 %s ／ 発生可能性 %s ／ リスクレベル %s", "impact %s; likelihood %s; risk level %s"),
		b.rating(d.Impact), b.rating(d.Likelihood), b.rating(level)))
	if d.Treatment != "" {
		lines = append(lines, b.colon(b.t("対応", "Treatment"), b.t(d.Treatment.LabelJA(), d.Treatment.LabelEN())))
	}
	if d.Compensating != "" {
		lines = append(lines, b.colon(b.t("代替・補完策", "Compensating measures"), d.Compensating))
	}
	if d.Owner != "" || !d.Due.IsZero() {
		due := ""
		if !d.Due.IsZero() {
			due = b.t("期限 ", "due ") + b.short(d.Due)
		}
		lines = append(lines, b.colon(b.t("担当", "Owner"), joinNonEmpty(" ", d.Owner, due)))
	}
	if d.Approver != "" || !d.ApprovedOn.IsZero() {
		lines = append(lines, b.colon(b.t("承認", "Approved"), joinNonEmpty(" ", d.Approver, b.short(d.ApprovedOn))))
	}
	if !d.ReviewBy.IsZero() {
		lines = append(lines, b.colon(b.t("再評価期限", "Review by"), b.date(d.ReviewBy)))
	}
	return strings.Join(lines, "\n")
}

func (b builder) stateMark(s checklist.State) string {
	switch s {
	case checklist.StateStale, checklist.StateExpired, checklist.StateInvalid:
		return "■ " + b.state(s)
	case checklist.StateOpen:
		return "□ " + b.state(s)
	}
	return b.state(s)
}

func stateFill(s checklist.State) Color {
	switch s {
	case checklist.StateStale, checklist.StateExpired, checklist.StateInvalid:
		return fillAlert
	case checklist.StateOpen:
		return fillOpen
	}
	return Color{}
}

func (b builder) findings() Section {
	in := b.in
	res := in.Result
	problems := b.problems()
	t := &Table{
		Size:  7.5,
		Empty: b.t("リスク評価が必要な項目はない。", "No item needs a risk assessment."),
		Columns: []Column{
			{"ID", 1.45, AlignLeft}, {b.t("要件", "Requirement"), 2.3, AlignLeft}, {b.t("CSPの回答（状況・理由・予定日）", "The CSP's answer (status, reason, planned date)"), 3.4, AlignLeft},
			{b.t("指摘の理由", "Why it is a finding"), 2.2, AlignLeft}, {b.t("府省庁の判断", "The agency's decision"), 3.6, AlignLeft}, {b.t("状態", "State"), 1.3, AlignLeft},
		},
	}
	for i, f := range res.Findings {
		state := checklist.StateOpen
		var d *checklist.Decision
		var level checklist.Rating
		if in.Decisions != nil && i < len(in.Decisions) && in.Decisions[i].ID == f.ID {
			state, d, level = in.Decisions[i].State, in.Decisions[i].Decision, in.Decisions[i].Level
		}
		answer := b.status(f.Status, f.Unknown)
		if f.CSPReason != "" {
			answer += "\n" + b.colon(b.t("理由", "Reason"), f.CSPReason)
		}
		if !f.PlannedDate.IsZero() {
			answer += "\n" + b.colon(b.t("対応予定", "Planned"), b.date(f.PlannedDate))
		}
		var reasons []string
		for _, r := range f.Reasons {
			reasons = append(reasons, "・"+b.both(r.LabelJA(), r.LabelEN()))
		}
		for _, w := range f.Warnings {
			// Not a reason: an inconsistency the CISO should see (2.2.4
			// makes no finding of it).
			reasons = append(reasons, b.t("【警告】", "[warning] ")+b.both(w.TextJA, w.TextEN))
		}
		decision := b.decisionCell(d, level)
		if state == checklist.StateStale && d != nil {
			decision = b.changeLines(f.ID, d.JudgedAnswer) + "\n" + decision
		}
		if state == checklist.StateInvalid {
			decision = b.invalidLines(problems[f.ID], d) + "\n" + decision
		}
		t.Rows = append(t.Rows, Row{
			Cells: []string{f.ID, b.both(f.TitleJA, f.TitleEN), answer, strings.Join(reasons, "\n"), decision, b.stateMark(state)},
			Ref:   f.ID, Fill: stateFill(state),
		})
	}
	blocks := []Block{
		&Paragraph{Text: fmt.Sprintf(b.t("ISMAP管理基準 2.2.4 の基本言明要件に照らし、府省庁によるリスク評価が必要な項目 %d 件。"+
			"■は判断の見直しが必要（回答変更・期限切れ・入力不備）、□は判断が未記入であることを示す。",
			"%d items need the agency's risk assessment under the basic statement requirements (ISMAP control criteria 2.2.4). "+
				"■ marks a decision to review (answer changed, review overdue, invalid); □ marks an item without a decision."), res.NeedsRiskAssessment)},
		t,
	}
	// Decisions that no longer match a finding are listed so nothing is lost.
	var extra []checklist.DecisionState
	for _, s := range in.Decisions {
		if s.State == checklist.StateOrphaned || s.State == checklist.StateDuplicate {
			extra = append(extra, s)
		}
	}
	if len(extra) > 0 {
		et := &Table{Caption: b.t("指摘に対応しない判断（指摘が解消した項目・重複）", "Decisions that match no finding (resolved items, duplicates)"), Size: 7.5,
			Columns: []Column{{"ID", 1.4, AlignLeft}, {b.t("状態", "State"), 1.8, AlignLeft}, {b.t("記録されている判断", "Decision on record"), 7, AlignLeft}}}
		for _, s := range extra {
			et.Rows = append(et.Rows, Row{Cells: []string{s.ID, b.state(s.State), b.decisionCell(s.Decision, s.Level)}, Ref: s.ID})
		}
		blocks = append(blocks, et)
	}
	return Section{Key: KeyFindings, Title: b.t("2. リスク評価が必要な項目", "2. Items that need a risk assessment"), NewPage: true, Blocks: blocks}
}

func (b builder) messages() Section {
	t := &Table{Size: 7.5, Empty: b.t("検証メッセージはない。", "No validation messages."),
		Columns: []Column{{b.t("区分", "Severity"), 0.9, AlignLeft}, {b.t("場所", "Where"), 3, AlignLeft}, {"ID", 1.4, AlignLeft}, {b.t("内容", "Message"), 6, AlignLeft}}}
	all := append(append([]checklist.Message(nil), b.in.Assessment.Messages...), b.in.RiskMessages...)
	for _, m := range all {
		sev := b.t("警告", "warning")
		fill := Color{}
		if m.Severity == checklist.SeverityError {
			sev, fill = b.t("エラー", "error"), fillAlert
		}
		where := joinNonEmpty(" ", m.File, b.sheet(m.Sheet), b.cell(m.Cell))
		t.Rows = append(t.Rows, Row{Cells: []string{sev, where, m.ID, b.both(m.TextJA, m.TextEN)}, Ref: joinNonEmpty(" ", m.Code, m.Cell), Fill: fill})
	}
	return Section{Key: KeyMessages, Title: b.t("4. 入力の検証結果", "4. Input validation"), Blocks: []Block{
		&Paragraph{Text: b.t("回答ワークブックとリスク評価シートを読み取った際の検証メッセージ。", "Messages from reading the CSP's workbook and the risk sheet.")},
		t,
	}}
}
