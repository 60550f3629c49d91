package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// InputFile is one file the report was made from. Its bytes are embedded
// in the PDF and its SHA-256 printed in Appendix B.
type InputFile struct {
	Name string // base name shown and used for the attachment
	Role string // what it is, e.g. 回答ワークブック
	MIME string
	Data []byte
}

// SHA256 returns the hex SHA-256 of the file's bytes.
func (f InputFile) SHA256() string {
	s := sha256.Sum256(f.Data)
	return hex.EncodeToString(s[:])
}

// Input is everything the finding report shows, as computed by the
// domain package. Decisions is nil when no risk sheet was given; Interim
// is nil when no interim-measure category is set.
type Input struct {
	Catalog      *checklist.Catalog
	Assessment   *checklist.Assessment
	Result       checklist.Result
	Decisions    []checklist.DecisionState
	RiskMessages []checklist.Message
	// Exclusions holds the CISO's decision on every exclusion
	// (checklist.ApplyExclusionDecisions); nil when no risk sheet was
	// given, which leaves every exclusion undecided.
	Exclusions []checklist.ExclusionState
	Interim    *checklist.InterimVerdict
	ReportDate checklist.Date
	Tool       string // e.g. "ismapcheck v1.2.3"
	Files      []InputFile
	// Params are the parameters of the run, shown in Appendix B.
	Params [][2]string
	// Changes is what changed since the previous round of the case
	// (report --previous); nil leaves the section out.
	Changes *checklist.RoundDiff
	// Lang is the report's language: LangJA (the default, also for "")
	// or LangEN. The CSP's answers and the agency's own words are shown
	// as written; texts the catalogue or the messages have in both
	// languages are shown in both in an English report.
	Lang string
}

// Section keys of the finding report, as the renderer reports them
// (pdf.Layout.Sections).
const (
	KeyCover      = "cover"
	KeySummary    = "summary"
	KeyFindings   = "findings"
	KeyChanges    = "changes"
	KeyExclusions = "exclusions"
	KeyMessages   = "messages"
	KeyInterim    = "interim"
	KeySignOff    = "signoff"
	KeyAppendixA  = "appendix-a"
	KeyAppendixB  = "appendix-b"
)

// ReportTitle is the title of the finding report.
const ReportTitle = "基本言明要件 適合状況確認報告書"

// Colours of the statuses in the chart and of marked rows.
var (
	colConforms      = Color{84, 160, 100}
	colPartial       = Color{236, 186, 64}
	colNonconforming = Color{205, 72, 62}
	colNotApplicable = Color{165, 170, 178}
	colUnanswered    = Color{246, 246, 246}
	fillAlert        = Color{252, 228, 226} // stale, expired, invalid
	fillOpen         = Color{255, 246, 214} // no decision yet
	fillShortfall    = Color{253, 243, 232}
)

// DocumentID derives the report's ID from what it was made from: the
// SHA-256 of every input file, the edition fingerprint and the report
// date. Same inputs and date, same ID.
func DocumentID(in Input) string {
	h := sha256.New()
	fmt.Fprintf(h, "ismapcheck report v1\n")
	for _, f := range in.Files {
		fmt.Fprintf(h, "%s %s\n", f.Name, f.SHA256())
	}
	if in.Catalog != nil {
		fmt.Fprintf(h, "edition %s %s\n", in.Catalog.Edition.ID, in.Catalog.Edition.SHA256)
	}
	fmt.Fprintf(h, "date %s\n", in.ReportDate)
	if in.Lang == LangEN {
		fmt.Fprintf(h, "lang en\n") // the English report is another document
	}
	x := strings.ToUpper(hex.EncodeToString(h.Sum(nil))[:16])
	return "ISMAP-RPT-" + x[:4] + "-" + x[4:8] + "-" + x[8:12] + "-" + x[12:16]
}

// Build maps the domain onto the render model of the finding report.
func Build(in Input) Report {
	as := in.Assessment
	req := as.Cover.Request

	docID := DocumentID(in)
	ed := in.Catalog.Edition
	b := builder{in: in, ready: in.SignOff(), en: in.Lang == LangEN}
	title := b.t(ReportTitle, ReportTitleEN)

	rep := Report{
		Meta: Meta{
			Title:    title + b.t("（"+nonEmpty(req.Service, "サービス名未記入")+"）", " ("+nonEmpty(req.Service, "service not named")+")"),
			Author:   nonEmpty(req.Agency, b.t("府省庁名未記入", "agency not named")),
			Subject:  fmt.Sprintf(b.t("ISMAP管理基準 基本言明要件 %s: %s %s", "ISMAP control criteria, basic statement requirements %s: %s %s"), ed.ID, req.CSP, req.Service),
			Keywords: b.t("ISMAP 基本言明要件 適合状況 リスク評価 ", "ISMAP basic statement requirements conformance risk assessment ") + docID,
			Creator:  in.Tool,
			Lang:     b.t("ja", "en"),
			Date:     time.Date(in.ReportDate.Year, in.ReportDate.Month, in.ReportDate.Day, 0, 0, 0, 0, time.UTC),
		},
		HeaderLeft:  title + "　" + req.System,
		HeaderRight: b.t(docIDLabel[0], docIDLabel[1]) + docID,
		FooterLeft:  fmt.Sprintf(b.t("%s ・ 報告日 %s", "%s · report date %s"), in.Tool, b.date(in.ReportDate)),
	}
	if !b.ready.Ready {
		rep.Watermark = DraftMark
	}
	rep.Sections = append(rep.Sections,
		b.cover(docID),
		b.summary(),
		b.findings(),
	)
	if in.Changes != nil {
		rep.Sections = append(rep.Sections, b.changes())
	}
	rep.Sections = append(rep.Sections,
		b.exclusions(),
		b.messages(),
	)
	if in.Interim != nil {
		rep.Sections = append(rep.Sections, b.interim())
	}
	rep.Sections = append(rep.Sections, b.signOff(), b.appendixA(), b.appendixB(docID))
	for _, f := range in.Files {
		rep.Attachments = append(rep.Attachments, Attachment{Name: f.Name, Data: f.Data, Description: f.Role, MIME: f.MIME, Relationship: relationship(f)})
	}
	return rep
}

// relationship is how an input file relates to the report: the
// workbook and the risk sheet are its sources, an assessment JSON (the
// structured reading of a workbook) is data (issue 17).
func relationship(f InputFile) string {
	if f.MIME == "application/json" {
		return RelData
	}
	return RelSource
}

type builder struct {
	in    Input
	ready checklist.SignOff
	en    bool // an English report (Input.Lang)
}

func nonEmpty(s, alt string) string {
	if strings.TrimSpace(s) == "" {
		return alt
	}
	return s
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func kv(caption string, rows ...[2]string) *Table {
	t := &Table{Caption: caption, NoHeader: true, Size: 9, Columns: []Column{{Width: 1.1}, {Width: 3.4}}}
	for _, r := range rows {
		t.Rows = append(t.Rows, Row{Cells: []string{r[0], r[1]}, Ref: r[0]})
	}
	return t
}

func (b builder) cover(docID string) Section {
	in := b.in
	as := in.Assessment
	req, csp := as.Cover.Request, as.Cover.CSP
	ed := in.Catalog.Edition
	service := req.Service
	if req.ServiceModel != "" && !strings.Contains(service, req.ServiceModel) {
		service += b.t("（"+req.ServiceModel+"）", " ("+req.ServiceModel+")")
	}
	respondent := joinNonEmpty(b.t("　", ", "), csp.RespondentTitle, csp.RespondentName)
	return Section{Key: KeyCover, Title: b.t("表紙", "Cover"), HideTitle: true, Blocks: []Block{
		&Spacer{Height: 28},
		&Paragraph{Text: b.t(ReportTitle, ReportTitleEN), Size: 20, Align: AlignCenter},
		&Paragraph{Text: b.t("ISMAP管理基準の基本言明要件に照らしたクラウドサービスの確認結果",
			"A cloud service checked against the basic statement requirements of the ISMAP control criteria"), Size: 11, Align: AlignCenter, Color: Color{70, 70, 70}},
		&Spacer{Height: 16},
		kv("",
			[2]string{b.t("府省庁", "Agency"), joinNonEmpty("　", req.Agency, req.Division)},
			[2]string{b.t("情報システム", "Information system"), req.System},
			[2]string{b.t("クラウドサービス事業者", "Cloud service provider"), req.CSP},
			[2]string{b.t("クラウドサービス", "Cloud service"), service},
			[2]string{b.t("管理基準の版", "Edition of the criteria"), joinNonEmpty(b.t("　", " "), b.both(ed.TitleJA, ed.TitleEN), b.t("（"+ed.ID+"）", "("+ed.ID+")"))},
			[2]string{b.t("回答者", "Respondent"), respondent},
			[2]string{b.t("回答日", "Answered on"), orDash(b.date(csp.AnswerDate))},
			[2]string{b.t("報告日", "Report date"), b.date(in.ReportDate)},
			[2]string{b.t("文書ID", "Document ID"), docID},
		),
		&Spacer{Height: 4},
		b.readinessBox(),
		&Spacer{Height: 4},
		&Paragraph{Size: 8.5, Color: Color{70, 70, 70}, Text: b.t("本書は、CSPが記入した回答ワークブックをもとに ismapcheck が作成した。"+
			"根拠とした入力ファイルは本PDFに添付されており、付録Bに記載したSHA-256で同一性を確認できる。"+
			"文書IDは入力ファイルのハッシュ値、管理基準の版および報告日から導出している。",
			"ismapcheck wrote this report from the workbook the CSP filled in. The input files are attached to this PDF; "+
				"their SHA-256 in Appendix B shows they are the files used. The document ID is derived from the input files' hashes, "+
				"the edition of the criteria, the report date and the language.")},
	}}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

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

func (b builder) signOff() Section {
	n := 5
	if b.in.Interim != nil {
		n = 6
	}
	return Section{Key: KeySignOff, Title: fmt.Sprintf(b.t("%d. CISOの確認", "%d. CISO sign-off"), n), Blocks: []Block{
		&SignOff{
			Title: b.t("最高情報セキュリティ責任者（CISO）確認欄", "Chief Information Security Officer (CISO) sign-off"),
			Note: b.t("本報告書の内容を確認し、本書第2章のリスク評価が必要な項目に対する判断および本書第3章の対象外（除外）の受入れ・不受入れの判断について承認する。"+
				"（文書ID・報告日が本書と一致することを確認のうえ記入する）",
				"I have reviewed this report and approve the decisions on the items in section 2 of this report and the acceptance or rejection "+
					"of the exclusions in section 3 of this report. (Check that the document ID and report date match this report before signing.)"),
			Fields: []string{b.t("所属・役職", "Office, title"), b.t("氏名", "Name"), b.t("確認日", "Date")},
			Seal:   b.t("印", "Seal"),
		},
	}}
}

func (b builder) appendixA() Section {
	in := b.in
	answers := make(map[string]checklist.Answer, len(in.Assessment.Answers))
	for _, a := range in.Assessment.Answers {
		answers[a.ID] = a
	}
	finding := map[string]bool{}
	for _, f := range in.Result.Findings {
		finding[f.ID] = true
	}
	t := &Table{Size: 7, Columns: []Column{{"ID", 1.45, AlignLeft}, {b.t("要件", "Requirement"), 2.6, AlignLeft},
		{b.t("状況・責任", "Status, responsibility"), 1.35, AlignLeft}, {b.t("回答内容", "Answer"), 7, AlignLeft}}}
	for _, it := range in.Catalog.Requirements() {
		a, ok := answers[it.ID]
		if !ok {
			a = checklist.Answer{ID: it.ID, Status: checklist.StatusUnanswered}
		}
		st := b.status(a.Status, a.Unknown)
		if a.Responsibility != "" {
			st += "\n" + b.t(a.Responsibility.LabelJA(), a.Responsibility.LabelEN())
		}
		var body []string
		add := func(ja, en, v string) {
			if strings.TrimSpace(v) != "" {
				body = append(body, b.t("【"+ja+"】", "["+en+"] ")+v)
			}
		}
		add("実施内容", "Implementation", a.Implementation)
		add("証跡", "Evidence", a.Evidence)
		add("理由", "Reason", a.Reason)
		add("対応予定", "Planned", b.date(a.PlannedDate))
		add("備考", "Remarks", a.Remarks)
		if len(body) == 0 {
			body = []string{"—"}
		}
		var fill Color
		if finding[it.ID] {
			fill = fillShortfall
		}
		t.Rows = append(t.Rows, Row{Cells: []string{it.ID, b.both(it.TitleJA, it.TitleEN), st, strings.Join(body, "\n")}, Ref: it.ID, Fill: fill})
	}
	return Section{Key: KeyAppendixA, Title: b.t("付録A 全要件の回答", "Appendix A. Every answer"), NewPage: true, Blocks: []Block{
		&Paragraph{Text: fmt.Sprintf(b.t("管理基準 %s の全 %d 要件について、CSPの回答をそのまま掲載する（色付きの行はリスク評価が必要な項目）。",
			"The CSP's answer to each of the %[2]d requirements of edition %[1]s, as written (shaded rows need a risk assessment)."),
			in.Catalog.Edition.ID, len(in.Catalog.Requirements()))},
		t,
	}}
}

func (b builder) appendixB(docID string) Section {
	in := b.in
	files := &Table{Caption: b.t("入力ファイル（本PDFに添付）", "Input files (attached to this PDF)"), Size: 7.5,
		Columns: []Column{{b.t("ファイル", "File"), 2.6, AlignLeft}, {b.t("種類", "Kind"), 1.8, AlignLeft}, {b.t("サイズ（バイト）", "Size (bytes)"), 1.4, AlignRight}, {"SHA-256", 4.6, AlignLeft}}}
	for _, f := range in.Files {
		files.Rows = append(files.Rows, Row{Cells: []string{f.Name, f.Role, fmt.Sprint(len(f.Data)), f.SHA256()}, Ref: f.Name})
	}
	ed := in.Catalog.Edition
	as := in.Assessment
	env := kv(b.t("作成環境", "How it was made"),
		[2]string{b.t("文書ID", "Document ID"), docID},
		[2]string{b.t("作成ツール", "Tool"), in.Tool},
		[2]string{b.t("報告日", "Report date"), b.date(in.ReportDate)},
		[2]string{b.t("管理基準の版", "Edition of the criteria"), joinNonEmpty(" ", ed.ID, b.both(ed.TitleJA, ed.TitleEN))},
		[2]string{b.t("版の指紋（SHA-256）", "Edition fingerprint (SHA-256)"), ed.SHA256},
		[2]string{b.t("回答が示す版の指紋", "Fingerprint named by the answers"), orDash(as.EditionFingerprint)},
		[2]string{b.t("回答ワークブック（取込時）", "CSP workbook (as ingested)"), joinNonEmpty(" ", as.Source.Name, b.sizeText(as.Source.Size), as.Source.SHA256)},
		[2]string{b.t("取込ツール", "Ingested by"), orDash(as.Tool)},
	)
	params := &Table{Caption: b.t("実行時のパラメータ", "Parameters of the run"), NoHeader: true, Size: 8, Columns: []Column{{Width: 1.1}, {Width: 3.4}}, Empty: "—"}
	for _, p := range in.Params {
		params.Rows = append(params.Rows, Row{Cells: []string{p[0], p[1]}, Ref: p[0]})
	}
	return Section{Key: KeyAppendixB, Title: b.t(appendixBTitle[0], appendixBTitle[1]), NewPage: true, Blocks: []Block{
		files,
		&Paragraph{Size: 8.5, Text: b.t("入力ファイルは本PDFに添付されている。PDFビューアの添付ファイル一覧、または pdfdetach -saveall で取り出し、"+
			"SHA-256 が上表と一致すれば、本書の作成に用いたファイルと同一である。"+
			"本書の結論（指摘、対象外、判断の状態、署名準備、集計、暫定措置の判定、実行時のパラメータ）も findings JSON として添付している。"+
			"ismapcheck verify は、添付の入力ファイルから結論を再計算し、この記録および上表と照合する。",
			"The input files are attached to this PDF. Extract them from the viewer's attachment list or with pdfdetach -saveall; "+
				"if their SHA-256 matches the table above, they are the files this report was made from. "+
				"The report's conclusions (findings, exclusions, decision states, sign-off readiness, summary, interim verdict, run parameters) "+
				"are attached as well, as a findings JSON. ismapcheck verify recomputes the conclusions from the attached inputs "+
				"and checks them against that record and the table above.")},
		env,
		params,
		&ReplacedList{Caption: b.t("表示できなかった文字（本文では 〓 に置き換えた。原文は添付ファイルにある）",
			"Characters that could not be shown (replaced with 〓; the original text is in the attached files)"), Empty: b.t("なし", "none")},
	}}
}

func (b builder) sizeText(n int64) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(b.t("%d バイト", "%d bytes"), n)
}
