package report

import (
	"fmt"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// changes is the subsection "changes since the previous round" (report
// --previous, issue 16): the answers the CSP changed, field by field (old
// → new), the findings that are new and those resolved, the agency's
// decisions that the changes made stale, and the planned dates that
// moved. It follows the findings, as 2.1, so the CISO reads what changed
// next to what needs a decision.
func (b builder) changes() Section {
	d := b.in.Changes
	blocks := []Block{&Paragraph{Text: fmt.Sprintf(b.t(
		"前回の回答（%s、SHA-256 %s…）と今回の回答を比べた結果。回答の変更 %d 件、新たな指摘 %d 件、解消した指摘 %d 件、要再評価となった判断 %d 件。",
		"Compared with the previous round (%s, SHA-256 %s…): %d answers changed, %d new findings, %d findings resolved, %d decisions now stale."),
		d.Old.Name, short16(d.Old.SHA256), len(d.Items), len(d.Added), len(d.Resolved), len(d.Stale))}}

	title := func(id string) string {
		if it, ok := b.in.Catalog.Lookup(id); ok {
			return b.both(it.TitleJA, it.TitleEN)
		}
		return ""
	}
	items := &Table{Caption: b.t("回答の変更", "Answers changed"), Size: 7.5, Empty: b.t("変更された回答はない。", "No answer changed."),
		Columns: []Column{{"ID", 1.3, AlignLeft}, {b.t("要件", "Requirement"), 2.6, AlignLeft}, {b.t("変更（前回 → 今回）", "Change (previous → now)"), 7.5, AlignLeft}}}
	for _, c := range d.Items {
		var lines []string
		if c.Edition != "" {
			lines = append(lines, b.colon(b.t("要件の変更（版）", "Requirement changed (edition)"), string(c.Edition)))
		}
		for _, f := range c.Fields {
			lines = append(lines, b.colon(b.t(checklist.AnswerFieldLabelJA(f.Field), checklist.AnswerFieldLabelEN(f.Field)),
				clipRunes(f.ValueLabel(f.Old, !b.en), maxChangeRunes)+" → "+clipRunes(f.ValueLabel(f.New, !b.en), maxChangeRunes)))
		}
		id := c.ID
		if id == "" {
			id = c.OldID
		}
		items.Rows = append(items.Rows, Row{Cells: []string{id, b.both(c.TitleJA, c.TitleEN), strings.Join(lines, "\n")}, Ref: id})
	}
	blocks = append(blocks, items)

	refs := func(caption, empty, status string, list []checklist.FindingRef, fill Color) *Table {
		t := &Table{Caption: caption, Size: 7.5, Empty: empty,
			Columns: []Column{{"ID", 1.3, AlignLeft}, {b.t("要件", "Requirement"), 4.6, AlignLeft}, {status, 1.6, AlignLeft}, {b.t("理由", "Reasons"), 3.9, AlignLeft}}}
		for _, f := range list {
			var rs []string
			for _, r := range f.Reasons {
				rs = append(rs, b.both(r.LabelJA(), r.LabelEN()))
			}
			t.Rows = append(t.Rows, Row{Cells: []string{f.ID, title(f.ID), b.t(f.Status.LabelJA(), f.Status.LabelEN()), strings.Join(rs, "\n")}, Ref: f.ID, Fill: fill})
		}
		return t
	}
	blocks = append(blocks,
		refs(b.t("新たな指摘", "New findings"), b.t("新たな指摘はない。", "No new finding."), b.t("適合状況", "Status"), d.Added, fillAlert),
		refs(b.t("解消した指摘", "Findings resolved"), b.t("解消した指摘はない。", "No finding was resolved."), b.t("前回の適合状況", "Previous status"), d.Resolved, Color{}))

	if d.Decisions {
		st := &Table{Caption: b.t("要再評価となった判断", "Decisions now stale"), Size: 7.5, Empty: b.t("要再評価となった判断はない。", "No decision became stale."),
			Columns: []Column{{"ID", 1.3, AlignLeft}, {b.t("要件", "Requirement"), 5.6, AlignLeft}, {b.t("前回の対応", "Treatment"), 2.3, AlignLeft}, {b.t("リスクレベル", "Risk level"), 2.2, AlignLeft}}}
		for _, s := range d.Stale {
			st.Rows = append(st.Rows, Row{Cells: []string{s.ID, title(s.ID), b.t(s.Treatment.LabelJA(), s.Treatment.LabelEN()), b.rating(s.Level)}, Ref: s.ID, Fill: fillOpen})
		}
		blocks = append(blocks, st)
	}
	mv := &Table{Caption: b.t("対応予定日の変更", "Planned dates moved"), Size: 7.5, Empty: b.t("対応予定日の変更はない。", "No planned date moved."),
		Columns: []Column{{"ID", 1.3, AlignLeft}, {b.t("要件", "Requirement"), 5.1, AlignLeft}, {b.t("前回", "Previous"), 1.7, AlignLeft}, {b.t("今回", "Now"), 1.7, AlignLeft}, {b.t("日数", "Days"), 1.6, AlignRight}}}
	for _, m := range d.Moved {
		mv.Rows = append(mv.Rows, Row{Cells: []string{m.ID, title(m.ID), m.Old.String(), m.New.String(), fmt.Sprintf("%+d", m.Days)}, Ref: m.ID})
	}
	blocks = append(blocks, mv)
	return Section{Key: KeyChanges, Level: 1, Title: b.t("2.1 前回の回答からの変更", "2.1 Changes since the previous round"), Blocks: blocks}
}

// short16 is the first 16 characters of a hash.
func short16(h string) string {
	if len(h) > 16 {
		return h[:16]
	}
	return h
}
