package report

import (
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// Section 5: the interim-measure verdict (2021-07-06 decision).

func (b builder) interimVerdict(v checklist.InterimVerdict) string {
	switch {
	case !v.Decided:
		return b.t("判定できない（不足する情報あり）", "cannot be decided (facts are missing)")
	case v.Eligible && v.Active:
		return b.t("要件を満たす。"+b.date(v.End)+" まで適用", "qualifies; applies until "+b.date(v.End))
	case v.PeriodNotYetSet:
		return b.t("判定日には新規の暫定措置期間がまだ設けられていない（令和3年7月6日の決定で新設）",
			"the new interim period had not been set up yet on that day (the decision of 2021-07-06 created it)")
	case len(v.FallsUnder) > 0:
		cats := make([]string, len(v.FallsUnder))
		for i, c := range v.FallsUnder {
			cats[i] = b.t(c.LabelJA(), c.LabelEN())
		}
		return b.t("類型②には当たらない（"+strings.Join(cats, "、")+"に当たる）",
			"not category 2 (the case falls under "+strings.Join(cats, ", ")+")")
	case v.Eligible:
		return b.t("要件を満たすが、期限（"+b.date(v.End)+"）を過ぎている", "qualifies, but its end ("+b.date(v.End)+") has passed")
	}
	return b.t("要件を満たさない", "does not qualify")
}

func (b builder) interim() Section {
	v := *b.in.Interim
	blocks := []Block{
		kv("",
			[2]string{b.t("類型", "Category"), b.t(v.Category.LabelJA(), v.Category.LabelEN())},
			[2]string{b.t("根拠", "Source"), joinNonEmpty(" ", v.Decision, v.Section)},
			[2]string{b.t("判定", "Verdict"), b.interimVerdict(v)},
			[2]string{b.t("適用期限の定め", "End of the period"), b.t(v.Category.EndRuleJA(), v.Category.EndRuleEN())},
			[2]string{b.t("適用期限", "Applies until"), orDash(b.date(v.End))},
			[2]string{b.t("判定日", "As of"), b.date(v.AsOf)},
			[2]string{b.t("調達する機関の種別", "Procuring organisation"), b.orgKind(b.in.Assessment.Cover.OrganizationKind())},
		),
	}
	ct := &Table{Caption: b.t("条件", "Conditions"), Size: 7.5, Columns: []Column{{b.t("条件", "Condition"), 5.5, AlignLeft}, {b.t("判定", "Met"), 1.2, AlignCenter},
		{b.t("根拠", "Source"), 1.6, AlignLeft}, {b.t("不足する情報", "Missing facts"), 2, AlignLeft}}}
	for _, c := range v.Conditions {
		met, fill := b.t("不明", "unknown"), fillOpen
		if c.Met != nil {
			met, fill = b.t("充足", "met"), Color{}
			if !*c.Met {
				met, fill = b.t("不充足", "not met"), fillAlert
			}
		}
		ct.Rows = append(ct.Rows, Row{Cells: []string{b.t(c.TextJA, c.TextEN), met, c.Source, strings.Join(c.Missing, "\n")}, Ref: c.ID, Fill: fill})
	}
	blocks = append(blocks, ct)
	if len(v.Obligations) > 0 {
		ot := &Table{Caption: b.t("義務と期限", "Obligations and deadlines"), Size: 7.5,
			Columns: []Column{{b.t("府省庁が行うこと", "What the agency must do"), 7, AlignLeft}, {b.t("根拠", "Source"), 2, AlignLeft}}}
		for _, o := range v.Obligations {
			ot.Rows = append(ot.Rows, Row{Cells: []string{b.t(o.TextJA, o.TextEN), o.Source}, Ref: o.ID})
		}
		blocks = append(blocks, ot)
	}
	notes := v.NotesJA
	if b.en {
		notes = v.NotesEN
	}
	if len(notes) > 0 {
		blocks = append(blocks, &Paragraph{Text: b.t("注記", "Notes") + "\n・" + strings.Join(notes, "\n・"), Size: 8.5})
	}
	return Section{Key: KeyInterim, Title: b.t("5. 暫定措置の判定", "5. Interim measures"), NewPage: true, Blocks: blocks}
}

// orgKind names the kind of the procuring organisation the cover states
// (2021-07-06 decision, 3).
func (b builder) orgKind(k checklist.OrganizationKind) string {
	switch k {
	case checklist.OrgMinistry:
		return b.t("府省庁", "ministry")
	case checklist.OrgIndependentAgency:
		return b.t("独立行政法人", "incorporated administrative agency")
	case checklist.OrgDesignatedCorporation:
		return b.t("指定法人", "designated corporation")
	}
	return b.t("記載なし（表紙に種別の記入がない）", "not stated (the cover does not give it)")
}
