package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx/risksheet"
	"github.com/spf13/cobra"
)

type findingsOptions struct {
	cf     catalogFlags
	in     inputFlags
	format string
	risk   string
	asOf   string
}

const findingsLong = `List every item of a completed assessment that needs the agency's risk
assessment, by the rules of ISMAP管理基準 2.2.4 (基本言明要件):
  - governance and management items that are not 適合: they apply in
    principle, all of them, so 対象外 (and no answer) falls short
  - control objectives that are 一部適合, 不適合, unanswered, or 対象外 without a reason
  - B controls that are not 適合 while their objective applies
  - answers left unknown by read errors
Each B control is a requirement of its own: an objective answered 適合 over a
B control that falls short is no finding; the B control's finding carries a
warning (objective_conforms_b_short) instead.
Objectives excluded with a reason, and the B controls exempted with them, are
listed as exclusions for the CISO to accept.

FILE is a completed workbook or an assessment JSON written by "ingest"
("-" reads standard input); the JSON is read strictly (see README, Inputs).
With --risk, the decisions of a filled risk sheet are matched to the
findings: open (no decision), current, stale (the CSP's answer changed since),
expired (past 再評価期限), invalid, orphaned (no longer a finding).

Reason codes: governance_not_conforming, management_not_conforming,
objective_shortfall, objective_unanswered, objective_excluded_without_reason,
b_control_shortfall, b_control_unanswered, b_control_excluded, answer_unknown.
Warning codes: objective_conforms_b_short.

Conformance rate = 適合 / (適合 + 一部適合 + 不適合 + rejected 対象外), counted over
the items that apply: an objective excluded with a reason and the B controls
exempted with it leave numerator and base whatever they were answered; a
対象外 that 2.2.4 does not accept (on a governance or management item, say)
counts as not conforming; unanswered items are left out (they are findings).
JSON: summary.*.rate_conforms / rate_base = conformance_rate.

Exit 1 when there is any finding, 0 when there is none.`

func newFindingsCmd(a *app) *cobra.Command {
	var o findingsOptions
	cmd := &cobra.Command{
		Use:   "findings FILE",
		Short: "List the items that need a risk assessment / リスク評価が必要な項目を一覧表示",
		Long:  findingsLong,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runFindings(cmd, args[0], o)
		},
	}
	o.cf.register(cmd)
	o.in.register(cmd)
	cmd.Flags().StringVar(&o.format, "format", "table", "output format: table, csv or json / 出力形式")
	cmd.Flags().StringVar(&o.risk, "risk", "", "filled risk sheet to match against the findings / 記入済みリスク評価シート")
	cmd.Flags().StringVar(&o.asOf, "as-of", "", "date for expired reviews (default today) / 再評価期限の判定日（既定: 今日）")
	return cmd
}

// findingsReport is the JSON output of findings.
type findingsReport struct {
	Kind                string                 `json:"kind"` // checklist.FindingsKind
	SchemaVersion       int                    `json:"schema_version"`
	Tool                string                 `json:"tool"`
	Edition             string                 `json:"edition"`
	Source              checklist.Source       `json:"source"`
	AsOf                checklist.Date         `json:"as_of"`
	NeedsRiskAssessment int                    `json:"needs_risk_assessment"`
	Findings            []report.RecordFinding `json:"findings"`
	Exclusions          []checklist.Exclusion  `json:"exclusions"`
	Summary             checklist.Summary      `json:"summary"`
	Risk                *report.RecordRisk     `json:"risk,omitempty"`
}

// runFindings computes, renders and exits 1 when anything was found.
func (a *app) runFindings(cmd *cobra.Command, file string, o findingsOptions) error {
	switch o.format {
	case "table", "csv", "json":
	default:
		return usagef("--format must be table, csv or json, not %q", o.format)
	}
	asOf, err := a.dateFlag("as-of", o.asOf)
	if err != nil {
		return err
	}
	if file == "-" && o.risk == "-" {
		return usageBoth("FILE and --risk cannot both be standard input (-)", "FILE と --risk の両方を標準入力（-）にはできません")
	}
	rep, err := a.computeFindings(cmd, file, o, asOf)
	if err != nil {
		return err
	}
	if err := a.printFindings(o, rep); err != nil {
		return err
	}
	if rep.NeedsRiskAssessment > 0 {
		return errFindings
	}
	return nil
}

// computeFindings reads FILE and, with --risk, the risk sheet, and
// returns the findings with the state of each decision.
func (a *app) computeFindings(cmd *cobra.Command, file string, o findingsOptions, asOf checklist.Date) (findingsReport, error) {
	_, cat, as, err := a.loadFindingsInput(cmd, &o.cf, &o.in, file, asOf)
	if err != nil {
		return findingsReport{}, err
	}
	res := checklist.Findings(cat, as)
	var sheet risksheet.Sheet
	var exStates []checklist.ExclusionState
	if o.risk != "" {
		if _, sheet, err = a.readRiskFile(o.risk, &o.in, as); err != nil {
			return findingsReport{}, err
		}
		// A rejected exclusion is a finding, as in the report.
		res, exStates = checklist.FindingsWithExclusions(cat, as, sheet.Exclusions)
	}
	rep := findingsReport{
		Kind: checklist.FindingsKind, SchemaVersion: 1, Tool: "ismapcheck " + toolVersion(), Edition: res.Edition, Source: res.Source, AsOf: asOf,
		NeedsRiskAssessment: res.NeedsRiskAssessment, Exclusions: res.Exclusions, Summary: res.Summary,
	}
	var states []checklist.DecisionState
	if o.risk != "" {
		decisions, msgs := sheet.Decisions, append(sheet.Messages, checklist.ApprovalsAfter(sheet.Decisions, asOf)...)
		rv := checklist.NewReview(res, decisions, exStates, asOf)
		states = rv.Decisions
		rep.Risk = report.NewRecordRisk(o.risk, rv, msgs)
	}
	// The same JSON types and mapping as the report's findings record.
	rep.Findings = report.RecordFindings(res, states)
	return rep, nil
}

// printFindings writes rep in the --format asked for (the table through
// the terminal filter), then, except for JSON, the risk sheet's messages
// on stderr.
func (a *app) printFindings(o findingsOptions, rep findingsReport) error {
	var buf bytes.Buffer
	var err error
	switch o.format {
	case "json":
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(rep)
	case "csv":
		err = writeFindingsCSV(&buf, rep, a.ja())
	default:
		err = a.writeFindingsTable(&buf, rep)
	}
	if err != nil {
		return fmt.Errorf("rendering findings: %w", err)
	}
	out, data := a.stdout, buf.Bytes()
	switch o.format {
	case "json":
		data = jsonSafe(data)
	case "table":
		out = a.text()
	}
	if _, err := out.Write(data); err != nil {
		return err
	}
	if rep.Risk != nil && o.format != "json" {
		a.printMessages(atPath(o.risk, rep.Risk.Messages))
	}
	return nil
}

// printMessages writes validation messages to stderr, one a line, in the
// chosen language.
func (a *app) printMessages(msgs []checklist.Message) {
	for _, m := range msgs {
		e := &checklist.CellError{File: m.File, Sheet: m.Sheet, Cell: m.Cell, ID: m.ID, JA: m.TextJA, EN: m.TextEN}
		sev := a.msg("エラー", "error")
		if m.Severity == checklist.SeverityWarning {
			sev = a.msg("警告", "warning")
		}
		fmt.Fprintf(a.stderr, "%s: %s\n", sev, a.msg(e.MessageJA(), e.Error()))
	}
}

func reasonWords(rs []checklist.ReasonCode, ja bool) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		if ja {
			out[i] = r.LabelJA()
		} else {
			out[i] = r.LabelEN()
		}
	}
	return strings.Join(out, "; ")
}

// writeFindingsTable writes the findings for a terminal: the findings
// table, the decisions that match no finding, the exclusions and the
// counts with the conformance rate.
func (a *app) writeFindingsTable(w io.Writer, rep findingsReport) error {
	fmt.Fprintf(w, a.msg("版 %s / 評価対象 %s\nリスク評価が必要な項目: %d件\n\n", "Edition %s / source %s\nItems that need a risk assessment: %d\n\n"),
		rep.Edition, rep.Source.Name, rep.NeedsRiskAssessment)
	if len(rep.Findings) > 0 {
		if err := writeColumns(w, a.findingRows(rep)); err != nil {
			return err
		}
	}
	if rep.Risk != nil {
		a.writeUnmatchedDecisions(w, rep.Risk.Decisions)
	}
	a.writeExclusionList(w, rep.Exclusions)
	fmt.Fprintln(w)
	if err := writeColumns(w, a.countRows(rep.Summary), 1, 2, 3, 4, 5, 6, 7, 8); err != nil {
		return err
	}
	t := rep.Summary.Total
	_, err := fmt.Fprintf(w, a.msg(
		"\n適合率 = 適合 ÷（適合 + 一部適合 + 不適合 + 認められない対象外）。数えるのは適用される項目のみ: 理由付きで対象外とした統制目標（%d件）と、それに伴い免除されたB管理策（%d件）は回答にかかわらず除く。未回答は含めない。\n合計: %d ÷ %d = %s（認められない対象外 %d件）\n",
		"\nRate = conforms / (conforms + partial + not + rejected N/A), over the items that apply: objectives excluded with a reason (%d) and the B controls exempted with them (%d) leave the rate whatever they were answered; unanswered items are left out.\nTotal: %d / %d = %s (rejected N/A: %d)\n"),
		len(rep.Exclusions), t.Exempt, t.RateConforms, t.RateBase, rate(t), t.RejectedExclusions)
	return err
}

// findingRows is the findings table, header first: ID, level, answer,
// with --risk the decision's state and risk level, then the reasons and
// warnings.
func (a *app) findingRows(rep findingsReport) [][]string {
	ja := a.ja()
	// The long reasons go last so the short columns stay together.
	head := strings.Split(a.msg("ID\t区分\t回答", "ID\tLEVEL\tANSWER"), "\t")
	if rep.Risk != nil {
		head = append(head, a.msg("状態", "STATE"), a.msg("リスク", "RISK"))
	}
	head = append(head, a.msg("指摘理由", "REASONS"))
	rows := [][]string{head}
	for _, f := range rep.Findings {
		lv, st := f.Level.LabelEN(), f.Status.LabelEN()
		if ja {
			lv, st = f.Level.LabelJA(), f.Status.LabelJA()
		}
		row := []string{f.ID, lv, st}
		if rep.Risk != nil {
			row = append(row, a.msg(f.State.LabelJA(), f.State.LabelEN()), a.msg(f.RiskLevel.LabelJA(), f.RiskLevel.LabelEN()))
		}
		words := reasonWords(f.Reasons, ja)
		if ws := warningWords(f.Warnings, ja); ws != "" {
			words += "; " + ws
		}
		rows = append(rows, append(row, words))
	}
	return rows
}

// writeUnmatchedDecisions lists the risk sheet's decisions that match no
// finding, if any.
func (a *app) writeUnmatchedDecisions(w io.Writer, decisions []checklist.DecisionState) {
	var extra []checklist.DecisionState
	for _, s := range decisions {
		if s.Finding == nil {
			extra = append(extra, s)
		}
	}
	if len(extra) == 0 {
		return
	}
	fmt.Fprintln(w, a.msg("\n指摘事項に対応しない判断（削除されません）:", "\nDecisions that match no finding (kept, never dropped):"))
	for _, s := range extra {
		fmt.Fprintf(w, "  %s  %s\n", s.ID, a.msg(s.State.LabelJA(), s.State.LabelEN()))
	}
}

// writeExclusionList lists the objectives excluded with a reason and the
// B controls exempted with each, if any.
func (a *app) writeExclusionList(w io.Writer, exclusions []checklist.Exclusion) {
	if len(exclusions) == 0 {
		return
	}
	fmt.Fprintln(w, a.msg("\n対象外とされた統制目標（CISOによる確認が必要）:", "\nControl objectives excluded with a reason (for the CISO to accept):"))
	for _, e := range exclusions {
		title := a.msg(e.TitleJA, e.TitleEN)
		fmt.Fprintf(w, "  %s %s: %s\n", e.ID, title, oneLine(e.CSPReason))
		for _, b := range e.Exempted {
			fmt.Fprintf(w, a.msg("    免除: %s\n", "    exempt: %s\n"), b.ID)
		}
	}
}

// countRows is the counts table, header first: one row per part, one
// per chapter, and the total.
func (a *app) countRows(sum checklist.Summary) [][]string {
	rows := [][]string{strings.Split(a.msg("区分\t項目\t適合\t一部適合\t不適合\t対象外\t未回答\t適合率\t要評価", "PART\tITEMS\tCONFORMS\tPARTIAL\tNOT\tN/A\tUNANSWERED\tRATE\tFINDINGS"), "\t")}
	row := func(name string, c checklist.Counts) {
		n := strconv.Itoa
		rows = append(rows, []string{name, n(c.Items), n(c.Conforms), n(c.Partial), n(c.Nonconforming), n(c.NotApplicable), n(c.Unanswered), rate(c), n(c.NeedsRiskAssessment)})
	}
	partName := map[string][2]string{
		checklist.PartGovernance: {"ガバナンス", "governance"},
		checklist.PartManagement: {"マネジメント", "management"},
		checklist.PartControls:   {"管理策", "controls"},
	}
	for _, p := range sum.Parts {
		n := partName[p.Part]
		row(a.msg(n[0], n[1]), p.Counts)
	}
	for _, ch := range sum.Chapters {
		row(a.msg(fmt.Sprintf("第%d章", ch.Chapter), fmt.Sprintf("chapter %d", ch.Chapter)), ch.Counts)
	}
	row(a.msg("合計", "total"), sum.Total)
	return rows
}

// warningWords renders a finding's warnings (inconsistencies that are no
// reason of their own) for the table.
func warningWords(ws []checklist.Warning, ja bool) string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		switch {
		case w.Code == checklist.WarningObjectiveConformsBShort && ja:
			out = append(out, "警告: 統制目標 "+w.Ref+" は適合と回答（回答の不整合）")
		case w.Code == checklist.WarningObjectiveConformsBShort:
			out = append(out, "warning: objective "+w.Ref+" answered conforming (inconsistent answers)")
		case ja:
			out = append(out, "警告: "+w.TextJA)
		default:
			out = append(out, "warning: "+w.TextEN)
		}
	}
	return strings.Join(out, "; ")
}

func rate(c checklist.Counts) string {
	if c.RateBase == 0 {
		return "-"
	}
	return strconv.FormatFloat(100*c.ConformanceRate, 'f', 1, 64) + "%"
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80]) + "…"
	}
	return s
}

// csvSafe keeps a spreadsheet from reading CSP text in a CSV file as a
// formula: a value starting with = + - @ or a control character gets a
// leading apostrophe.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeFindingsCSV writes the findings as CSV for Excel: UTF-8 with a
// byte-order mark (without it Japanese Excel reads the file as Shift_JIS)
// and CRLF line ends; title and reason_text are in the message language.
func writeFindingsCSV(w io.Writer, rep findingsReport, ja bool) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := []string{"id", "title", "level", "chapter", "status", "reasons", "reason_text", "csp_reason", "planned_date", "evidence", "answer_sha256"}
	if rep.Risk != nil {
		head = append(head, "state", "risk_level", "treatment")
	}
	// Added last so that the columns before keep their positions.
	head = append(head, "warnings", "warning_text")
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, f := range rep.Findings {
		codes := make([]string, len(f.Reasons))
		for i, r := range f.Reasons {
			codes[i] = string(r)
		}
		title := f.TitleEN
		if ja {
			title = f.TitleJA
		}
		rec := []string{f.ID, csvSafe(title), string(f.Level), strconv.Itoa(f.Chapter), string(f.Status), strings.Join(codes, ";"),
			reasonWords(f.Reasons, ja), csvSafe(f.CSPReason), f.PlannedDate.String(), csvSafe(f.Evidence), f.AnswerHash}
		if rep.Risk != nil {
			rec = append(rec, string(f.State), string(f.RiskLevel), string(f.Treatment))
		}
		wcodes := make([]string, len(f.Warnings))
		for i, x := range f.Warnings {
			wcodes[i] = string(x.Code)
		}
		rec = append(rec, strings.Join(wcodes, ";"), csvSafe(warningWords(f.Warnings, ja)))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
