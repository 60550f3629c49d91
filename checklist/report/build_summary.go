package report

import (
	"fmt"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// Section 1, the summary for the CISO: counts per part and chapter, the
// conformance rate with its formula, the state of the decisions.

func pct(c checklist.Counts) string {
	if c.RateBase == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", c.ConformanceRate*100)
}

// rateFormula states the formula of the conformance rate with the numbers
// it was computed from (checklist.Counts): 適合 ÷ (適合 + 一部適合 + 不適合 +
// 認められない対象外), over the items that apply (ISMAP管理基準 2.2.4).
func (b builder) rateFormula(c checklist.Counts, excluded int) string {
	s := fmt.Sprintf(b.t("適合率 ＝ 適合 ÷（適合 ＋ 一部適合 ＋ 不適合 ＋ 認められない対象外）＝ %d ÷ %d",
		"conformance rate = conforming ÷ (conforming + partial + not conforming + rejected exclusions) = %d ÷ %d"), c.RateConforms, c.RateBase)
	if c.RateBase > 0 {
		s += b.t(" ＝ ", " = ") + pct(c)
	}
	return s + fmt.Sprintf(b.t("。数えるのは適用される項目のみで、理由を付して対象外とされた統制目標（%d 件）と、それに伴い免除されたB管理策（%d 件）は、回答にかかわらず分子にも分母にも含めない。"+
		"ガバナンス基準・マネジメント基準の項目の対象外など、ISMAP管理基準 2.2.4 が認めない対象外（%d 件）は適合でない回答として分母に含め、未回答は含めない（リスク評価が必要な項目として挙げる）。",
		". Only items that apply count: control objectives excluded with a reason (%d) and the B controls exempted with them (%d) stay out of both numbers whatever they were answered. "+
			"A not-applicable answer that ISMAP criteria 2.2.4 does not accept (%d), such as one on a governance or management item, counts in the base as not conforming; unanswered items do not (they are listed as items needing a risk assessment)."),
		excluded, c.Exempt, c.RejectedExclusions)
}

func (b builder) countCols(first string) []Column {
	return []Column{{first, 4.2, AlignLeft}, {b.t("要件数", "Items"), 1, AlignRight}, {b.t("適合", "Conform"), 1, AlignRight}, {b.t("一部適合", "Partial"), 1.1, AlignRight},
		{b.t("不適合", "Not conf."), 1, AlignRight}, {b.t("対象外", "N/A"), 1, AlignRight}, {b.t("未回答", "Unansw."), 1, AlignRight},
		{b.t("適合率", "Rate"), 1.2, AlignRight}, {b.t("要リスク評価", "Findings"), 1.4, AlignRight}}
}

func countCells(label string, c checklist.Counts) []string {
	return []string{label, fmt.Sprint(c.Items), fmt.Sprint(c.Conforms), fmt.Sprint(c.Partial), fmt.Sprint(c.Nonconforming),
		fmt.Sprint(c.NotApplicable), fmt.Sprint(c.Unanswered), pct(c), fmt.Sprint(c.NeedsRiskAssessment)}
}

func (b builder) partTitle(part string) string {
	if it, ok := b.in.Catalog.Lookup(part); ok {
		return b.t(it.TitleJA, nonEmpty(it.TitleEN, it.TitleJA))
	}
	return part
}

func (b builder) summary() Section {
	in := b.in
	res := in.Result
	tot := res.Summary.Total
	var blocks []Block
	lead := fmt.Sprintf(b.t("対象要件 %d 件のうち、適合 %d 件、一部適合 %d 件、不適合 %d 件、対象外 %d 件、未回答 %d 件。"+
		"適合率は %s。リスク評価が必要な項目は %d 件、CISOが受け入れを判断する対象外（除外）は %d 件。",
		"Of %d requirements, %d conform, %d partially conform, %d do not conform, %d are declared not applicable and %d are unanswered. "+
			"The conformance rate is %s. %d items need a risk assessment; the CISO decides on %d exclusions."),
		tot.Items, tot.Conforms, tot.Partial, tot.Nonconforming, tot.NotApplicable, tot.Unanswered, pct(tot),
		res.NeedsRiskAssessment, len(res.Exclusions))
	blocks = append(blocks, &Paragraph{Text: lead}, &Paragraph{Size: 8.5, Text: b.rateFormula(tot, len(res.Exclusions))})
	if in.Decisions == nil {
		blocks = append(blocks, &Paragraph{Text: b.t("リスク評価シートが指定されていないため、府省庁の判断はすべて未評価として扱う。",
			"No risk sheet was given, so every decision of the agency counts as open."), Color: Color{150, 40, 30}})
	}
	sc := checklist.ReviewOf(in.Decisions, in.Exclusions).Counts
	open := sc[checklist.StateOpen]
	if in.Decisions == nil {
		open = res.NeedsRiskAssessment
	}
	blocks = append(blocks, kv("",
		[2]string{b.t("リスク評価が必要な項目", "Items that need a risk assessment"), b.count(res.NeedsRiskAssessment)},
		[2]string{b.t("判断の状況", "Decisions"), fmt.Sprintf(b.t("評価済 %d 件 ／ 未評価 %d 件 ／ 要再評価（回答変更）%d 件 ／ 再評価期限切れ %d 件 ／ 入力不備 %d 件",
			"current %d; open %d; stale (answer changed) %d; review overdue %d; invalid %d"),
			sc[checklist.StateCurrent], open, sc[checklist.StateStale], sc[checklist.StateExpired], sc[checklist.StateInvalid])},
		[2]string{b.t("入力の検証", "Input validation"), b.validationLine()},
		[2]string{b.t("暫定措置", "Interim measures"), b.interimLine()},
		[2]string{b.t("署名準備", "Sign-off"), b.readinessLine()},
	))
	if !b.ready.Ready {
		blocks = append(blocks, b.blockerTable())
	}
	parts := &Table{Caption: b.t("部ごとの集計", "Counts per part"), Columns: b.countCols(b.t("部", "Part"))}
	for _, p := range res.Summary.Parts {
		parts.Rows = append(parts.Rows, Row{Cells: countCells(b.partTitle(p.Part), p.Counts)})
	}
	parts.Rows = append(parts.Rows, Row{Cells: countCells(b.t("合計", "Total"), tot), Fill: Color{238, 238, 238}})
	blocks = append(blocks, parts)
	chapters := &Table{Caption: b.t("章ごとの集計", "Counts per chapter"), Columns: b.countCols(b.t("章", "Chapter"))}
	chart := &BarChart{Caption: b.t("章ごとの回答状況（件数）", "Answers per chapter (count)"), Series: []Series{
		{b.t("適合", "Conforms"), colConforms}, {b.t("一部適合", "Partially"), colPartial}, {b.t("不適合", "Does not conform"), colNonconforming},
		{b.t("対象外", "Not applicable"), colNotApplicable}, {b.t("未回答", "Unanswered"), colUnanswered},
	}}
	for _, c := range res.Summary.Chapters {
		label := fmt.Sprintf("%d %s", c.Chapter, b.t(c.TitleJA, nonEmpty(c.TitleEN, c.TitleJA)))
		chapters.Rows = append(chapters.Rows, Row{Cells: countCells(label, c.Counts)})
		chart.Bars = append(chart.Bars, Bar{Label: label, Values: []int{c.Conforms, c.Partial, c.Nonconforming, c.NotApplicable, c.Unanswered}})
	}
	blocks = append(blocks, chapters)
	blocks = append(blocks, chart)
	return Section{Key: KeySummary, Title: b.t("1. CISO向け要約", "1. Summary for the CISO"), NewPage: true, Blocks: blocks}
}

func (b builder) validationLine() string {
	errs, warns := 0, 0
	for _, m := range append(append([]checklist.Message(nil), b.in.Assessment.Messages...), b.in.RiskMessages...) {
		if m.Severity == checklist.SeverityError {
			errs++
		} else {
			warns++
		}
	}
	if errs == 0 && warns == 0 {
		return b.t("エラー・警告なし", "no errors or warnings")
	}
	s := fmt.Sprintf(b.t("エラー %d 件、警告 %d 件（本書「4. 入力の検証結果」に一覧）", "%d errors, %d warnings (listed in section 4 of this report)"), errs, warns)
	if errs > 0 {
		s += b.t("。エラーのある回答は内容が確定しないため、リスク評価の対象に含めている", "; an answer with errors is in doubt and so needs a risk assessment")
	}
	return s
}

func (b builder) interimLine() string {
	v := b.in.Interim
	if v == nil {
		return b.t("類型の指定なし", "no category given")
	}
	return b.colon(b.t(v.Category.LabelJA(), v.Category.LabelEN()), b.interimVerdict(*v))
}
