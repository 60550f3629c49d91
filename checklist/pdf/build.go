package pdf

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
}

// Section keys of the finding report, for Layout.Sections.
const (
	KeyCover      = "cover"
	KeySummary    = "summary"
	KeyFindings   = "findings"
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
	x := strings.ToUpper(hex.EncodeToString(h.Sum(nil))[:16])
	return "ISMAP-RPT-" + x[:4] + "-" + x[4:8] + "-" + x[8:12] + "-" + x[12:16]
}

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

// Build maps the domain onto the render model of the finding report.
func Build(in Input) Report {
	as := in.Assessment
	req := as.Cover.Request

	docID := DocumentID(in)
	ed := in.Catalog.Edition
	b := builder{in: in, ready: in.SignOff()}

	rep := Report{
		Meta: Meta{
			Title:    ReportTitle + "（" + nonEmpty(req.Service, "サービス名未記入") + "）",
			Author:   nonEmpty(req.Agency, "府省庁名未記入"),
			Subject:  fmt.Sprintf("ISMAP管理基準 基本言明要件 %s: %s %s", ed.ID, req.CSP, req.Service),
			Keywords: "ISMAP 基本言明要件 適合状況 リスク評価 " + docID,
			Creator:  in.Tool,
			Lang:     "ja",
			Date:     time.Date(in.ReportDate.Year, in.ReportDate.Month, in.ReportDate.Day, 0, 0, 0, 0, time.UTC),
		},
		HeaderLeft:  ReportTitle + "　" + req.System,
		HeaderRight: "文書ID " + docID,
		FooterLeft:  fmt.Sprintf("%s ・ 報告日 %s", in.Tool, checklist.FormatJapanese(in.ReportDate)),
	}
	if !b.ready.Ready {
		rep.Watermark = DraftMark
	}
	rep.Sections = append(rep.Sections,
		b.cover(docID),
		b.summary(),
		b.findings(),
		b.exclusions(),
		b.messages(),
	)
	if in.Interim != nil {
		rep.Sections = append(rep.Sections, b.interim())
	}
	rep.Sections = append(rep.Sections, b.signOff(), b.appendixA(), b.appendixB(docID))
	for _, f := range in.Files {
		rep.Attachments = append(rep.Attachments, Attachment{Name: f.Name, Data: f.Data, Description: f.Role, MIME: f.MIME})
	}
	return rep
}

type builder struct {
	in    Input
	ready checklist.SignOff
}

// DraftMark is printed on every page of a report not ready for sign-off.
const DraftMark = "案 DRAFT"

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
		service += "（" + req.ServiceModel + "）"
	}
	respondent := joinNonEmpty("　", csp.RespondentTitle, csp.RespondentName)
	return Section{Key: KeyCover, Title: "表紙", HideTitle: true, Blocks: []Block{
		&Spacer{Height: 28},
		&Paragraph{Text: ReportTitle, Size: 20, Align: AlignCenter},
		&Paragraph{Text: "ISMAP管理基準の基本言明要件に照らしたクラウドサービスの確認結果", Size: 11, Align: AlignCenter, Color: Color{70, 70, 70}},
		&Spacer{Height: 16},
		kv("",
			[2]string{"府省庁", joinNonEmpty("　", req.Agency, req.Division)},
			[2]string{"情報システム", req.System},
			[2]string{"クラウドサービス事業者", req.CSP},
			[2]string{"クラウドサービス", service},
			[2]string{"管理基準の版", joinNonEmpty("　", ed.TitleJA, "（"+ed.ID+"）")},
			[2]string{"回答者", respondent},
			[2]string{"回答日", orDash(checklist.FormatJapanese(csp.AnswerDate))},
			[2]string{"報告日", checklist.FormatJapanese(in.ReportDate)},
			[2]string{"文書ID", docID},
		),
		&Spacer{Height: 4},
		b.readinessBox(),
		&Spacer{Height: 4},
		&Paragraph{Size: 8.5, Color: Color{70, 70, 70}, Text: "本書は、CSPが記入した回答ワークブックをもとに ismapcheck が作成した。" +
			"根拠とした入力ファイルは本PDFに添付されており、付録Bに記載したSHA-256で同一性を確認できる。" +
			"文書IDは入力ファイルのハッシュ値、管理基準の版および報告日から導出している。"},
	}}
}

// readinessBox says on the cover whether the report may be signed off.
func (b builder) readinessBox() *Paragraph {
	if b.ready.Ready {
		return &Paragraph{Boxed: true, Fill: Color{226, 240, 217}, Align: AlignCenter,
			Text: "署名準備：完了 — 未解決の事項はなく、CISOの確認・署名に進める。"}
	}
	return &Paragraph{Boxed: true, Fill: fillAlert, Align: AlignCenter, Color: Color{150, 20, 20},
		Text: fmt.Sprintf("署名準備：未完了（本書は案）— 署名を妨げる事項が %d 件ある（本書「1. CISO向け要約」に一覧）。", len(b.ready.Blockers))}
}

// readinessLine summarises the blockers by kind.
func (b builder) readinessLine() string {
	if b.ready.Ready {
		return "完了（署名に進める）"
	}
	var parts []string
	for _, k := range checklist.BlockerKinds {
		if n := b.ready.Count(k); n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d 件", k.LabelJA(), n))
		}
	}
	return "未完了（本書は案）：" + strings.Join(parts, " ／ ")
}

// blockerTable lists what keeps the report from being signed off.
func (b builder) blockerTable() *Table {
	t := &Table{Caption: "署名を妨げている事項", Size: 7.5,
		Columns: []Column{{"種類", 2.2, AlignLeft}, {"ID", 1.4, AlignLeft}, {"場所", 2.6, AlignLeft}, {"内容", 5, AlignLeft}}}
	for _, x := range b.ready.Blockers {
		where := joinNonEmpty(" ", x.File, sheetJA(x.Sheet), cellJA(x.Cell))
		t.Rows = append(t.Rows, Row{Cells: []string{x.Kind.LabelJA(), x.ID, where, x.TextJA}, Ref: joinNonEmpty(" ", string(x.Kind), x.ID, x.Cell)})
	}
	return t
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

func countCols(first string) []Column {
	return []Column{{first, 4.2, AlignLeft}, {"要件数", 1, AlignRight}, {"適合", 1, AlignRight}, {"一部適合", 1.1, AlignRight},
		{"不適合", 1, AlignRight}, {"対象外", 1, AlignRight}, {"未回答", 1, AlignRight}, {"適合率", 1.2, AlignRight}, {"要リスク評価", 1.4, AlignRight}}
}

func countCells(label string, c checklist.Counts) []string {
	return []string{label, fmt.Sprint(c.Items), fmt.Sprint(c.Conforms), fmt.Sprint(c.Partial), fmt.Sprint(c.Nonconforming),
		fmt.Sprint(c.NotApplicable), fmt.Sprint(c.Unanswered), pct(c), fmt.Sprint(c.NeedsRiskAssessment)}
}

func (b builder) partTitle(part string) string {
	if it, ok := b.in.Catalog.Lookup(part); ok {
		return it.TitleJA
	}
	return part
}

// stateCounts counts decision states over findings.
func (b builder) stateCounts() map[checklist.State]int {
	m := map[checklist.State]int{}
	for _, s := range b.in.Decisions {
		m[s.State]++
	}
	return m
}

func (b builder) summary() Section {
	in := b.in
	res := in.Result
	tot := res.Summary.Total
	var blocks []Block
	lead := fmt.Sprintf("対象要件 %d 件のうち、適合 %d 件、一部適合 %d 件、不適合 %d 件、対象外 %d 件、未回答 %d 件。"+
		"適合率（適合 ÷（回答済み − 対象外））は %s。リスク評価が必要な項目は %d 件、CISOが受け入れを判断する対象外（除外）は %d 件。",
		tot.Items, tot.Conforms, tot.Partial, tot.Nonconforming, tot.NotApplicable, tot.Unanswered, pct(tot),
		res.NeedsRiskAssessment, len(res.Exclusions))
	blocks = append(blocks, &Paragraph{Text: lead})
	if in.Decisions == nil {
		blocks = append(blocks, &Paragraph{Text: "リスク評価シートが指定されていないため、府省庁の判断はすべて未評価として扱う。", Color: Color{150, 40, 30}})
	}
	sc := b.stateCounts()
	open := sc[checklist.StateOpen]
	if in.Decisions == nil {
		open = res.NeedsRiskAssessment
	}
	blocks = append(blocks, kv("",
		[2]string{"リスク評価が必要な項目", fmt.Sprintf("%d 件", res.NeedsRiskAssessment)},
		[2]string{"判断の状況", fmt.Sprintf("評価済 %d 件 ／ 未評価 %d 件 ／ 要再評価（回答変更）%d 件 ／ 再評価期限切れ %d 件 ／ 入力不備 %d 件",
			sc[checklist.StateCurrent], open, sc[checklist.StateStale], sc[checklist.StateExpired], sc[checklist.StateInvalid])},
		[2]string{"入力の検証", b.validationLine()},
		[2]string{"経過措置", b.interimLine()},
		[2]string{"署名準備", b.readinessLine()},
	))
	if !b.ready.Ready {
		blocks = append(blocks, b.blockerTable())
	}
	parts := &Table{Caption: "部ごとの集計", Columns: countCols("部")}
	for _, p := range res.Summary.Parts {
		parts.Rows = append(parts.Rows, Row{Cells: countCells(b.partTitle(p.Part), p.Counts)})
	}
	parts.Rows = append(parts.Rows, Row{Cells: countCells("合計", tot), Fill: Color{238, 238, 238}})
	blocks = append(blocks, parts)
	chapters := &Table{Caption: "章ごとの集計", Columns: countCols("章")}
	chart := &BarChart{Caption: "章ごとの回答状況（件数）", Series: []Series{
		{"適合", colConforms}, {"一部適合", colPartial}, {"不適合", colNonconforming}, {"対象外", colNotApplicable}, {"未回答", colUnanswered},
	}}
	for _, c := range res.Summary.Chapters {
		label := fmt.Sprintf("%d %s", c.Chapter, c.TitleJA)
		chapters.Rows = append(chapters.Rows, Row{Cells: countCells(label, c.Counts)})
		chart.Bars = append(chart.Bars, Bar{Label: label, Values: []int{c.Conforms, c.Partial, c.Nonconforming, c.NotApplicable, c.Unanswered}})
	}
	blocks = append(blocks, chapters)
	blocks = append(blocks, chart)
	return Section{Key: KeySummary, Title: "1. CISO向け要約", NewPage: true, Blocks: blocks}
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
		return "エラー・警告なし"
	}
	s := fmt.Sprintf("エラー %d 件、警告 %d 件（本書「4. 入力の検証結果」に一覧）", errs, warns)
	if errs > 0 {
		s += "。エラーのある回答は内容が確定しないため、リスク評価の対象に含めている"
	}
	return s
}

func (b builder) interimLine() string {
	v := b.in.Interim
	if v == nil {
		return "類型の指定なし"
	}
	return v.Category.LabelJA() + "：" + interimVerdictJA(*v)
}

func interimVerdictJA(v checklist.InterimVerdict) string {
	switch {
	case !v.Decided:
		return "判定できない（不足する情報あり）"
	case v.Eligible && v.Active:
		return "要件を満たす。" + checklist.FormatJapanese(v.End) + " まで適用"
	case v.Eligible:
		return "要件を満たすが、期限（" + checklist.FormatJapanese(v.End) + "）を過ぎている"
	}
	return "要件を満たさない"
}

func decisionCell(d *checklist.Decision, level checklist.Rating) string {
	if d == nil || d.IsEmpty() {
		return "（判断未記入）"
	}
	lv := "—"
	if level != "" {
		lv = level.LabelJA()
	}
	var lines []string
	lines = append(lines, fmt.Sprintf("影響度 %s ／ 発生可能性 %s ／ リスクレベル %s", ratingJA(d.Impact), ratingJA(d.Likelihood), lv))
	if d.Treatment != "" {
		lines = append(lines, "対応："+d.Treatment.LabelJA())
	}
	if d.Compensating != "" {
		lines = append(lines, "代替・補完策："+d.Compensating)
	}
	if d.Owner != "" || !d.Due.IsZero() {
		lines = append(lines, "担当："+joinNonEmpty(" ", d.Owner, dateOrEmpty(d.Due, "期限 ")))
	}
	if d.Approver != "" || !d.ApprovedOn.IsZero() {
		lines = append(lines, "承認："+joinNonEmpty(" ", d.Approver, checklist.FormatWareki(d.ApprovedOn)))
	}
	if !d.ReviewBy.IsZero() {
		lines = append(lines, "再評価期限："+checklist.FormatJapanese(d.ReviewBy))
	}
	return strings.Join(lines, "\n")
}

func dateOrEmpty(d checklist.Date, prefix string) string {
	if d.IsZero() {
		return ""
	}
	return prefix + checklist.FormatWareki(d)
}

func ratingJA(r checklist.Rating) string {
	if r == "" {
		return "—"
	}
	return r.LabelJA()
}

func statusJA(s checklist.Status, unknown bool) string {
	l := s.LabelJA()
	if unknown {
		l += "（読取エラーで不確定）"
	}
	return l
}

func stateMark(s checklist.State) string {
	switch s {
	case checklist.StateStale, checklist.StateExpired, checklist.StateInvalid:
		return "■ " + s.LabelJA()
	case checklist.StateOpen:
		return "□ " + s.LabelJA()
	}
	return s.LabelJA()
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

// problems returns, per ID, the risk sheet's error messages: what makes
// a decision 入力不備.
func (b builder) problems() map[string][]string {
	out := map[string][]string{}
	for _, m := range b.in.RiskMessages {
		if m.Severity == checklist.SeverityError && m.ID != "" {
			out[m.ID] = append(out[m.ID], joinNonEmpty("：", cellJA(m.Cell), m.TextJA))
		}
	}
	return out
}

// maxChangeRunes bounds each old and new value shown for a stale decision;
// the full texts are in Appendix A and the attached workbooks.
const maxChangeRunes = 160

// changeLines says what changed in the answer since a stale decision
// judged it (old → new per field), or that the judged answer is unknown.
func (b builder) changeLines(id string, d *checklist.Decision) string {
	cur, ok := b.in.Assessment.Answer(id)
	if !ok {
		cur = checklist.Answer{ID: id}
	}
	if d == nil || d.JudgedAnswer == nil {
		return "【回答の変更】判断時の回答が記録されていないため、変更内容は示せない"
	}
	var lines []string
	for _, c := range checklist.AnswerChanges(*d.JudgedAnswer, cur) {
		lines = append(lines, fmt.Sprintf("【回答の変更】%s：%s → %s", checklist.AnswerFieldLabelJA(c.Field),
			clipRunes(c.ValueLabel(c.Old, true), maxChangeRunes), clipRunes(c.ValueLabel(c.New, true), maxChangeRunes)))
	}
	return strings.Join(lines, "\n")
}

func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func (b builder) findings() Section {
	in := b.in
	res := in.Result
	problems := b.problems()
	t := &Table{
		Size:  7.5,
		Empty: "リスク評価が必要な項目はない。",
		Columns: []Column{
			{"ID", 1.45, AlignLeft}, {"要件", 2.3, AlignLeft}, {"CSPの回答（状況・理由・予定日）", 3.4, AlignLeft},
			{"指摘の理由", 2.2, AlignLeft}, {"府省庁の判断", 3.6, AlignLeft}, {"状態", 1.3, AlignLeft},
		},
	}
	for i, f := range res.Findings {
		state := checklist.StateOpen
		var d *checklist.Decision
		var level checklist.Rating
		if in.Decisions != nil && i < len(in.Decisions) && in.Decisions[i].ID == f.ID {
			state, d, level = in.Decisions[i].State, in.Decisions[i].Decision, in.Decisions[i].Level
		}
		answer := statusJA(f.Status, f.Unknown)
		if f.CSPReason != "" {
			answer += "\n理由：" + f.CSPReason
		}
		if !f.PlannedDate.IsZero() {
			answer += "\n対応予定：" + checklist.FormatJapanese(f.PlannedDate)
		}
		var reasons []string
		for _, r := range f.Reasons {
			reasons = append(reasons, "・"+r.LabelJA())
		}
		if len(f.ShortBControls) > 0 {
			reasons = append(reasons, "不足するB管理策："+strings.Join(f.ShortBControls, "、"))
		}
		decision := decisionCell(d, level)
		if state == checklist.StateStale {
			decision = b.changeLines(f.ID, d) + "\n" + decision
		}
		if state == checklist.StateInvalid {
			ps := problems[f.ID]
			if len(ps) == 0 && d != nil {
				for _, e := range d.Validate() {
					ps = append(ps, joinNonEmpty("：", cellJA(e.Cell), e.JA))
				}
			}
			if len(ps) == 0 {
				ps = []string{"判断の記入に誤りがある（本書「4. 入力の検証結果」参照）"}
			}
			decision = "【入力不備】" + strings.Join(ps, "\n【入力不備】") + "\n" + decision
		}
		t.Rows = append(t.Rows, Row{
			Cells: []string{f.ID, f.TitleJA, answer, strings.Join(reasons, "\n"), decision, stateMark(state)},
			Ref:   f.ID, Fill: stateFill(state),
		})
	}
	blocks := []Block{
		&Paragraph{Text: fmt.Sprintf("ISMAP管理基準 2.2.4 の基本言明要件に照らし、府省庁によるリスク評価が必要な項目 %d 件。"+
			"■は判断の見直しが必要（回答変更・期限切れ・入力不備）、□は判断が未記入であることを示す。", res.NeedsRiskAssessment)},
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
		et := &Table{Caption: "指摘に対応しない判断（指摘が解消した項目・重複）", Size: 7.5, Columns: []Column{{"ID", 1.4, AlignLeft}, {"状態", 1.8, AlignLeft}, {"記録されている判断", 7, AlignLeft}}}
		for _, s := range extra {
			et.Rows = append(et.Rows, Row{Cells: []string{s.ID, s.State.LabelJA(), decisionCell(s.Decision, s.Level)}, Ref: s.ID})
		}
		blocks = append(blocks, et)
	}
	return Section{Key: KeyFindings, Title: "2. リスク評価が必要な項目", NewPage: true, Blocks: blocks}
}

func (b builder) exclusions() Section {
	t := &Table{Size: 7.5, Empty: "対象外とされた統制目標はない。",
		Columns: []Column{{"ID", 1.3, AlignLeft}, {"要件", 2.3, AlignLeft}, {"CSPが示した理由", 3.6, AlignLeft}, {"併せて対象外となるB管理策", 2.3, AlignLeft}, {"CISOの判断", 2.8, AlignLeft}}}
	var extra []checklist.ExclusionState
	for _, st := range b.in.exclusionStates() {
		e := st.Exclusion
		if e == nil {
			extra = append(extra, st)
			continue
		}
		var ex []string
		for _, x := range e.Exempted {
			ex = append(ex, x.ID+" "+x.TitleJA)
		}
		t.Rows = append(t.Rows, Row{Cells: []string{e.ID, e.TitleJA, e.CSPReason, strings.Join(ex, "\n"), b.exclusionDecisionCell(st)}, Ref: e.ID, Fill: exclusionFill(st)})
	}
	blocks := []Block{
		&Paragraph{Text: "CSPが理由を示して対象外とした統制目標と、その受入れについてのCISOの判断（リスク評価シートの「対象外の受入」シート）。" +
			"不受入とした統制目標とその配下のB管理策は、本書第2章のリスク評価が必要な項目に含まれる。"},
		t,
	}
	if len(extra) > 0 {
		et := &Table{Caption: "対象外ではなくなった項目への判断・重複", Size: 7.5, Columns: []Column{{"ID", 1.4, AlignLeft}, {"状態", 1.8, AlignLeft}, {"記録されている判断", 7, AlignLeft}}}
		for _, st := range extra {
			et.Rows = append(et.Rows, Row{Cells: []string{st.ID, st.State.LabelJA(), b.exclusionDecisionCell(st)}, Ref: st.ID})
		}
		blocks = append(blocks, et)
	}
	return Section{Key: KeyExclusions, Title: "3. 対象外（除外）とされた項目", NewPage: true, Blocks: blocks}
}

// exclusionDecisionCell is the CISO's decision on an exclusion and its state.
func (b builder) exclusionDecisionCell(st checklist.ExclusionState) string {
	d := st.Decision
	if d == nil || d.IsEmpty() {
		return "□ 未判断"
	}
	var lines []string
	switch st.State {
	case checklist.StateStale:
		lines = append(lines, "■ 要再判断（CSPの回答が変わった）", b.exclusionChanges(st))
	case checklist.StateInvalid:
		lines = append(lines, "■ 入力不備")
		n := len(lines)
		for _, m := range b.in.RiskMessages {
			if m.Severity == checklist.SeverityError && m.ID == st.ID && m.Sheet == d.Sheet {
				lines = append(lines, "【入力不備】"+joinNonEmpty("：", cellJA(m.Cell), m.TextJA))
			}
		}
		if len(lines) == n {
			for _, e := range d.Validate() {
				lines = append(lines, "【入力不備】"+joinNonEmpty("：", cellJA(e.Cell), e.JA))
			}
		}
	}
	if d.Verdict != "" {
		v := d.Verdict.LabelJA()
		if st.Rejected() {
			v += "（指摘事項として第2章に掲載）"
		}
		lines = append(lines, "判断："+v)
	}
	if d.Reason != "" {
		lines = append(lines, "理由："+d.Reason)
	}
	if d.Approver != "" || !d.DecidedOn.IsZero() {
		lines = append(lines, "承認："+joinNonEmpty(" ", d.Approver, checklist.FormatWareki(d.DecidedOn)))
	}
	return strings.Join(lines, "\n")
}

// exclusionChanges says what changed in the objective's answer since a
// stale exclusion decision judged it.
func (b builder) exclusionChanges(st checklist.ExclusionState) string {
	d := *st.Decision
	if d.JudgedAnswer == nil {
		return b.changeLines(st.ID, nil)
	}
	return b.changeLines(st.ID, &checklist.Decision{JudgedAnswer: d.JudgedAnswer})
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

func (b builder) messages() Section {
	t := &Table{Size: 7.5, Empty: "検証メッセージはない。",
		Columns: []Column{{"区分", 0.9, AlignLeft}, {"場所", 3, AlignLeft}, {"ID", 1.4, AlignLeft}, {"内容", 6, AlignLeft}}}
	all := append(append([]checklist.Message(nil), b.in.Assessment.Messages...), b.in.RiskMessages...)
	for _, m := range all {
		sev := "警告"
		fill := Color{}
		if m.Severity == checklist.SeverityError {
			sev, fill = "エラー", fillAlert
		}
		where := joinNonEmpty(" ", m.File, sheetJA(m.Sheet), cellJA(m.Cell))
		t.Rows = append(t.Rows, Row{Cells: []string{sev, where, m.ID, m.TextJA}, Ref: joinNonEmpty(" ", m.Code, m.Cell), Fill: fill})
	}
	return Section{Key: KeyMessages, Title: "4. 入力の検証結果", Blocks: []Block{
		&Paragraph{Text: "回答ワークブックとリスク評価シートを読み取った際の検証メッセージ。"},
		t,
	}}
}

func sheetJA(s string) string {
	if s == "" {
		return ""
	}
	return "シート「" + s + "」"
}

func cellJA(s string) string {
	if s == "" {
		return ""
	}
	return "セル " + s
}

func (b builder) interim() Section {
	v := *b.in.Interim
	blocks := []Block{
		kv("",
			[2]string{"類型", v.Category.LabelJA()},
			[2]string{"根拠", joinNonEmpty(" ", v.Decision, v.Section)},
			[2]string{"判定", interimVerdictJA(v)},
			[2]string{"適用期限の定め", v.Category.EndRuleJA()},
			[2]string{"適用期限", orDash(checklist.FormatJapanese(v.End))},
			[2]string{"判定日", checklist.FormatJapanese(v.AsOf)},
		),
	}
	ct := &Table{Caption: "条件", Size: 7.5, Columns: []Column{{"条件", 5.5, AlignLeft}, {"判定", 1.2, AlignCenter}, {"根拠", 1.6, AlignLeft}, {"不足する情報", 2, AlignLeft}}}
	for _, c := range v.Conditions {
		met, fill := "不明", fillOpen
		if c.Met != nil {
			met, fill = "充足", Color{}
			if !*c.Met {
				met, fill = "不充足", fillAlert
			}
		}
		ct.Rows = append(ct.Rows, Row{Cells: []string{c.TextJA, met, c.Source, strings.Join(c.Missing, "\n")}, Ref: c.ID, Fill: fill})
	}
	blocks = append(blocks, ct)
	if len(v.Obligations) > 0 {
		ot := &Table{Caption: "義務と期限", Size: 7.5, Columns: []Column{{"府省庁が行うこと", 7, AlignLeft}, {"根拠", 2, AlignLeft}}}
		for _, o := range v.Obligations {
			ot.Rows = append(ot.Rows, Row{Cells: []string{o.TextJA, o.Source}, Ref: o.ID})
		}
		blocks = append(blocks, ot)
	}
	if len(v.NotesJA) > 0 {
		blocks = append(blocks, &Paragraph{Text: "注記\n・" + strings.Join(v.NotesJA, "\n・"), Size: 8.5})
	}
	return Section{Key: KeyInterim, Title: "5. 経過措置の判定", NewPage: true, Blocks: blocks}
}

func (b builder) signOff() Section {
	n := 5
	if b.in.Interim != nil {
		n = 6
	}
	return Section{Key: KeySignOff, Title: fmt.Sprintf("%d. CISOの確認", n), Blocks: []Block{
		&SignOff{
			Title: "最高情報セキュリティ責任者（CISO）確認欄",
			Note: "本報告書の内容を確認し、本書第2章のリスク評価が必要な項目に対する判断および本書第3章の対象外（除外）の受入れ・不受入れの判断について承認する。" +
				"（文書ID・報告日が本書と一致することを確認のうえ記入する）",
			Fields: []string{"所属・役職", "氏名", "確認日"},
			Seal:   "印",
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
	t := &Table{Size: 7, Columns: []Column{{"ID", 1.45, AlignLeft}, {"要件", 2.6, AlignLeft}, {"状況・責任", 1.35, AlignLeft}, {"回答内容", 7, AlignLeft}}}
	for _, it := range in.Catalog.Requirements() {
		a, ok := answers[it.ID]
		if !ok {
			a = checklist.Answer{ID: it.ID, Status: checklist.StatusUnanswered}
		}
		st := statusJA(a.Status, a.Unknown)
		if a.Responsibility != "" {
			st += "\n" + a.Responsibility.LabelJA()
		}
		var body []string
		add := func(label, v string) {
			if strings.TrimSpace(v) != "" {
				body = append(body, "【"+label+"】"+v)
			}
		}
		add("実施内容", a.Implementation)
		add("証跡", a.Evidence)
		add("理由", a.Reason)
		add("対応予定", checklist.FormatJapanese(a.PlannedDate))
		add("備考", a.Remarks)
		if len(body) == 0 {
			body = []string{"—"}
		}
		var fill Color
		if finding[it.ID] {
			fill = fillShortfall
		}
		t.Rows = append(t.Rows, Row{Cells: []string{it.ID, it.TitleJA, st, strings.Join(body, "\n")}, Ref: it.ID, Fill: fill})
	}
	return Section{Key: KeyAppendixA, Title: "付録A 全要件の回答", NewPage: true, Blocks: []Block{
		&Paragraph{Text: fmt.Sprintf("管理基準 %s の全 %d 要件について、CSPの回答をそのまま掲載する（色付きの行はリスク評価が必要な項目）。",
			in.Catalog.Edition.ID, len(in.Catalog.Requirements()))},
		t,
	}}
}

func (b builder) appendixB(docID string) Section {
	in := b.in
	files := &Table{Caption: "入力ファイル（本PDFに添付）", Size: 7.5, Columns: []Column{{"ファイル", 2.6, AlignLeft}, {"種類", 1.8, AlignLeft}, {"サイズ（バイト）", 1.4, AlignRight}, {"SHA-256", 4.6, AlignLeft}}}
	for _, f := range in.Files {
		files.Rows = append(files.Rows, Row{Cells: []string{f.Name, f.Role, fmt.Sprint(len(f.Data)), f.SHA256()}, Ref: f.Name})
	}
	ed := in.Catalog.Edition
	as := in.Assessment
	env := kv("作成環境",
		[2]string{"文書ID", docID},
		[2]string{"作成ツール", in.Tool},
		[2]string{"報告日", checklist.FormatJapanese(in.ReportDate)},
		[2]string{"管理基準の版", joinNonEmpty(" ", ed.ID, ed.TitleJA)},
		[2]string{"版の指紋（SHA-256）", ed.SHA256},
		[2]string{"回答が示す版の指紋", orDash(as.EditionFingerprint)},
		[2]string{"回答ワークブック（取込時）", joinNonEmpty(" ", as.Source.Name, sizeText(as.Source.Size), as.Source.SHA256)},
		[2]string{"取込ツール", orDash(as.Tool)},
	)
	params := &Table{Caption: "実行時のパラメータ", NoHeader: true, Size: 8, Columns: []Column{{Width: 1.1}, {Width: 3.4}}, Empty: "—"}
	for _, p := range in.Params {
		params.Rows = append(params.Rows, Row{Cells: []string{p[0], p[1]}, Ref: p[0]})
	}
	return Section{Key: KeyAppendixB, Title: "付録B 作成の記録（証跡）", NewPage: true, Blocks: []Block{
		files,
		&Paragraph{Size: 8.5, Text: "入力ファイルは本PDFに添付されている。PDFビューアの添付ファイル一覧、または pdfdetach -saveall で取り出し、" +
			"SHA-256 が上表と一致すれば、本書の作成に用いたファイルと同一である。"},
		env,
		params,
		&ReplacedList{Caption: "表示できなかった文字（本文では 〓 に置き換えた。原文は添付ファイルにある）", Empty: "なし"},
	}}
}

func sizeText(n int64) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf("%d バイト", n)
}
