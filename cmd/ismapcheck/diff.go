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
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/spf13/cobra"
)

const diffLong = `Compare two rounds of the same case: OLD and NEW are each a completed workbook
or an assessment JSON written by ingest ("-" reads one of them from standard
input); they are read like every input (see README, Inputs).

It lists, per requirement, the answer fields that changed (old → new), the
CSP's cover fields that changed, the findings (ISMAP管理基準 2.2.4) that are
new in NEW and those NEW resolved, and the planned dates (対応予定日) that
moved. With --risk, the decisions of the risk sheet of OLD are matched to
both rounds: those current on OLD and stale on NEW (the CSP changed the
answer they judged) are listed.

When the rounds answer different editions, requirements are matched through
"catalog diff" (see --crosswalk), and requirements added, removed, moved or
reworded by the newer edition are listed too. --old-catalog and
--new-catalog give catalogue files for editions that are not embedded.

The rounds must belong to one case (the same 整理番号, or the same agency,
system, CSP and service); --any-case compares other pairs too.

-o FILE.xlsx writes the same content as a workbook for people.

Exit 0 when nothing changed, 1 when something did.

2回分の回答（確認票または ingest のJSON）を比較し、変更点を一覧表示します。`

type diffOptions struct {
	format     string
	out        string
	force      bool
	risk       string
	date       string
	crosswalk  string
	oldCatalog string
	newCatalog string
	anyCase    bool
	in         inputFlags
}

func newDiffCmd(a *app) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare two rounds of a case / 2回分の回答を比較",
		Long:  diffLong,
		Example: `  ismapcheck diff round1.xlsx round2.xlsx --risk risk-round1.xlsx
  ismapcheck diff 03-assessment-round1.json 08-assessment-round2.json --format json
  ismapcheck diff round1.xlsx round2.xlsx -o changes.xlsx`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDiff(args[0], args[1], o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "table", "table, csv or json / 出力形式")
	f.StringVarP(&o.out, "output", "o", "", "also write the changes as a workbook (.xlsx) / 変更点をブックにも出力")
	f.BoolVar(&o.force, "force", false, "overwrite an existing output file / 既存の出力先を上書き")
	f.StringVar(&o.risk, "risk", "", "risk sheet of the older round / 前回のリスク評価シート")
	f.StringVar(&o.date, "date", "", "date for reading the rounds and the decisions (default today) / 基準日（既定: 今日）")
	f.StringVar(&o.crosswalk, "crosswalk", "", "CSV file old_id,new_id when the editions differ / 番号対応表（CSV）")
	f.StringVar(&o.oldCatalog, "old-catalog", "", "catalogue file of OLD's edition / OLDの版のカタログファイル")
	f.StringVar(&o.newCatalog, "new-catalog", "", "catalogue file of NEW's edition / NEWの版のカタログファイル")
	f.BoolVar(&o.anyCase, "any-case", false, "compare rounds of different cases / 別案件どうしでも比較")
	o.in.register(cmd)
	return cmd
}

func (a *app) runDiff(oldPath, newPath string, o diffOptions) error {
	switch o.format {
	case "table", "csv", "json":
	default:
		return usagef("--format must be table, csv or json, not %q", o.format)
	}
	asOf, err := a.dateFlag("date", o.date)
	if err != nil {
		return err
	}
	if oldPath == "-" && newPath == "-" {
		return usageBoth("only one of OLD and NEW can be read from standard input", "標準入力（-）から読めるのは OLD と NEW のどちらか一方です")
	}
	_, oldCat, older, err := a.loadRound(oldPath, "--old-catalog", o.oldCatalog, &o.in, asOf)
	if err != nil {
		return err
	}
	_, newCat, newer, err := a.loadRound(newPath, "--new-catalog", o.newCatalog, &o.in, asOf)
	if err != nil {
		return err
	}
	if err := sameCase(oldPath, newPath, older, newer, o.anyCase); err != nil {
		return err
	}
	ed, err := roundsEditionDiff(oldCat, newCat, o.crosswalk)
	if err != nil {
		return err
	}
	var decisions []checklist.Decision
	if o.risk != "" {
		// The risk sheet of OLD: one of another case is refused.
		_, sheet, err := a.readRiskFile(o.risk, &o.in, older)
		if err != nil {
			return err
		}
		a.printMessages(atPath(o.risk, sheet.Messages))
		decisions = append([]checklist.Decision{}, sheet.Decisions...)
	}
	d := checklist.DiffRounds(oldCat, newCat, older, newer, ed, decisions, asOf)

	if o.out != "" {
		inputs := []string{oldPath, newPath, o.risk, o.crosswalk, o.oldCatalog, o.newCatalog}
		if err := a.writeOutput(o.out, o.force, inputs, func(w io.Writer) error {
			return xlsx.WriteTables(w, a.msg("回答の変更点", "Changes between rounds"), asOf, a.diffTables(d))
		}); err != nil {
			return err
		}
	}
	return a.writeDiff(o.format, "the diff", d, d.Empty(),
		func(cw *csv.Writer) error {
			cw.Write([]string{"section", "id", "old_id", "field", "old", "new"})
			for _, r := range diffRecords(d) {
				cw.Write([]string{r.section, r.id, r.oldID, r.field, csvSafe(r.old), csvSafe(r.new)})
			}
			cw.Flush()
			return cw.Error()
		},
		func(w io.Writer) error { return a.writeDiffTable(w, d) })
}

// writeDiff renders a comparison (diff, catalog diff) in format: v as
// JSON, csvOf as CSV for Excel, tableOf as the table; it exits with
// errFindings when the comparison found differences (empty false).
func (a *app) writeDiff(format, what string, v any, empty bool, csvOf func(*csv.Writer) error, tableOf func(io.Writer) error) error {
	var buf bytes.Buffer
	var err error
	switch format {
	case "json":
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(v)
	case "csv":
		err = csvOf(excelCSV(&buf))
	default:
		err = tableOf(&buf)
	}
	if err != nil {
		return fmt.Errorf("rendering %s: %w", what, err)
	}
	if err := a.writeReport(format, buf.Bytes()); err != nil {
		return err
	}
	if !empty {
		return errFindings
	}
	return nil
}

// excelCSV starts CSV for Excel, as findings writes it: UTF-8 with a
// byte-order mark (without it Japanese Excel reads Shift_JIS) and CRLF
// line ends.
func excelCSV(buf *bytes.Buffer) *csv.Writer {
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(buf)
	cw.UseCRLF = true
	return cw
}

// writeReport writes a command's report to standard output, terminal-safe:
// a table through a.text(), JSON through jsonSafe; CSV as it is (csvSafe
// guards it against formulas).
func (a *app) writeReport(format string, data []byte) error {
	out := a.stdout
	switch format {
	case "json":
		data = jsonSafe(data)
	case "table":
		out = a.text()
	}
	_, err := out.Write(data)
	return err
}

// sameCase refuses to compare rounds of two different cases unless the
// user asked for it (diff's --any-case, which the message names).
func sameCase(oldPath, newPath string, older, newer *checklist.Assessment, anyCase bool) error {
	if err := sameCaseOnly(oldPath, newPath, older, newer); err == nil || anyCase {
		return nil
	}
	return &checklist.CellError{File: newPath, Err: checklist.ErrInvalidInput,
		JA: fmt.Sprintf("%s と %s は別の案件です（整理番号またはシステム・事業者・サービスが異なります。比較するには --any-case）", oldPath, newPath),
		EN: fmt.Sprintf("%s and %s belong to different cases (reference, or system, CSP and service differ; use --any-case to compare them anyway)", oldPath, newPath)}
}

// sameCaseOnly refuses two rounds of different cases with the message
// report --previous and verify give (report.SameCase), which offers no
// --any-case: they do not take it.
func sameCaseOnly(oldPath, newPath string, older, newer *checklist.Assessment) error {
	return report.SameCase(oldPath, newPath, older, newer)
}

// diffRecord is one line of the CSV output and of the workbook's change
// sheet. Values are codes (statuses, responsibilities) as in the JSON.
type diffRecord struct {
	section, id, oldID, field, old, new string
}

// Sections of the CSV output.
const (
	sectionCover    = "cover"
	sectionAnswer   = "answer"
	sectionEdition  = "edition"
	sectionNew      = "new_finding"
	sectionResolved = "resolved_finding"
	sectionStale    = "stale_decision"
	sectionPlanned  = "planned_date"
)

func diffRecords(d checklist.RoundDiff) []diffRecord {
	var out []diffRecord
	for _, c := range d.Cover {
		out = append(out, diffRecord{sectionCover, "", "", c.Field, c.Old, c.New})
	}
	for _, it := range d.Items {
		if it.Edition != "" {
			out = append(out, diffRecord{sectionEdition, it.ID, it.OldID, "requirement", "", string(it.Edition)})
		}
		for _, f := range it.Fields {
			out = append(out, diffRecord{sectionAnswer, it.ID, it.OldID, f.Field, f.Old, f.New})
		}
	}
	reasons := func(rs []checklist.ReasonCode) string {
		s := make([]string, len(rs))
		for i, r := range rs {
			s[i] = string(r)
		}
		return strings.Join(s, ";")
	}
	for _, f := range d.Added {
		out = append(out, diffRecord{sectionNew, f.ID, "", "status", "", string(f.Status) + " " + reasons(f.Reasons)})
	}
	for _, f := range d.Resolved {
		out = append(out, diffRecord{sectionResolved, "", f.ID, "status", string(f.Status) + " " + reasons(f.Reasons), ""})
	}
	for _, s := range d.Stale {
		out = append(out, diffRecord{sectionStale, s.ID, "", "treatment", string(s.Treatment), string(checklist.StateStale)})
	}
	for _, m := range d.Moved {
		out = append(out, diffRecord{sectionPlanned, m.ID, "", "planned_date", m.Old.String(), m.New.String()})
	}
	return out
}

// fieldLabel names an answer or cover field in the message language.
func (a *app) fieldLabel(field string) string {
	for _, c := range xlsx.Columns {
		if c.Key == field {
			return a.msg(c.LabelJA, c.LabelEN)
		}
	}
	for _, c := range xlsx.CoverFields {
		if c.Key == field {
			return a.msg(c.LabelJA, c.LabelEN)
		}
	}
	if name, ok := strings.CutPrefix(field, "certification "); ok {
		return a.msg("認証 ", "certification ") + name
	}
	return field
}

// fieldValue shows a field's value in the message language.
func (a *app) fieldValue(field, v string) string {
	switch field {
	case "status":
		s := checklist.Status(v)
		return a.msg(s.LabelJA(), s.LabelEN())
	case "responsibility":
		r := checklist.Responsibility(v)
		return a.msg(r.LabelJA(), r.LabelEN())
	}
	if v == "" {
		return "-"
	}
	return oneLine(v)
}

func (a *app) writeDiffTable(w io.Writer, d checklist.RoundDiff) error {
	fmt.Fprintf(w, a.msg("前回 %s（版 %s）→ 今回 %s（版 %s）\n", "old %s (edition %s) → new %s (edition %s)\n"), d.Old.Name, d.OldEdition, d.New.Name, d.NewEdition)
	answered := 0
	for _, it := range d.Items {
		if len(it.Fields) > 0 {
			answered++
		}
	}
	fmt.Fprintf(w, a.msg("回答が変わった項目 %d、新たな指摘 %d、解消した指摘 %d、要再評価となった判断 %s、対応予定日の変更 %d、表紙の変更 %d\n",
		"answers changed %d, new findings %d, resolved findings %d, decisions now stale %s, planned dates moved %d, cover fields changed %d\n"),
		answered, len(d.Added), len(d.Resolved), staleCount(a, d), len(d.Moved), len(d.Cover))
	if len(d.Items) > 0 {
		fmt.Fprintln(w, a.msg("\n回答の変更:", "\nChanged answers:"))
		rows := [][]string{strings.Split(a.msg("ID\t版の変更\t欄\t前回\t今回", "ID\tEDITION\tFIELD\tOLD\tNEW"), "\t")}
		for _, it := range d.Items {
			id := it.ID
			if id == "" || (it.OldID != "" && it.OldID != it.ID) {
				id = strings.TrimPrefix(it.OldID+"→"+it.ID, "→")
			}
			ek := "-"
			if it.Edition != "" {
				ek = a.msg(it.Edition.LabelJA(), it.Edition.LabelEN())
			}
			if len(it.Fields) == 0 {
				rows = append(rows, []string{id, ek, "-", "-", "-"})
			}
			for _, f := range it.Fields {
				rows = append(rows, []string{id, ek, a.fieldLabel(f.Field), a.fieldValue(f.Field, f.Old), a.fieldValue(f.Field, f.New)})
				id, ek = "", ""
			}
		}
		if err := writeColumns(w, rows); err != nil {
			return err
		}
	}
	list := func(title string, fs []checklist.FindingRef) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintln(w, title)
		for _, f := range fs {
			fmt.Fprintf(w, "  %s  %s  %s\n", f.ID, a.msg(f.Status.LabelJA(), f.Status.LabelEN()), reasonWords(f.Reasons, a.ja()))
		}
	}
	list(a.msg("\n新たな指摘:", "\nNew findings:"), d.Added)
	list(a.msg("\n解消した指摘:", "\nResolved findings:"), d.Resolved)
	if len(d.Stale) > 0 {
		fmt.Fprintln(w, a.msg("\n要再評価となった判断（CSPが判断の対象の回答を変更）:", "\nDecisions now stale (the CSP changed the answer they judged):"))
		for _, s := range d.Stale {
			fmt.Fprintf(w, "  %s  %s\n", s.ID, a.msg(s.Treatment.LabelJA(), s.Treatment.LabelEN()))
		}
	}
	if len(d.Moved) > 0 {
		fmt.Fprintln(w, a.msg("\n対応予定日の変更:", "\nPlanned dates moved:"))
		for _, m := range d.Moved {
			fmt.Fprintf(w, a.msg("  %s  %s → %s（%+d日）\n", "  %s  %s → %s (%+d days)\n"), m.ID, m.Old, m.New, m.Days)
		}
	}
	if len(d.Cover) > 0 {
		fmt.Fprintln(w, a.msg("\n表紙の変更:", "\nCover changes:"))
		rows := [][]string{}
		for _, c := range d.Cover {
			rows = append(rows, []string{"  " + a.fieldLabel(c.Field), a.fieldValue(c.Field, c.Old), "→", a.fieldValue(c.Field, c.New)})
		}
		return writeColumns(w, rows)
	}
	return nil
}

func staleCount(a *app, d checklist.RoundDiff) string {
	if !d.Decisions {
		return a.msg("-（--risk なし）", "- (no --risk)")
	}
	return strconv.Itoa(len(d.Stale))
}

// diffTables lays the diff out as the sheets of -o FILE.xlsx.
func (a *app) diffTables(d checklist.RoundDiff) []xlsx.Table {
	sectionLabel := map[string][2]string{
		sectionCover: {"表紙", "cover"}, sectionAnswer: {"回答", "answer"}, sectionEdition: {"版の変更", "edition"},
		sectionNew: {"新たな指摘", "new finding"}, sectionResolved: {"解消した指摘", "resolved finding"},
		sectionStale: {"要再評価の判断", "stale decision"}, sectionPlanned: {"対応予定日の変更", "planned date moved"},
	}
	fills := map[string]string{sectionNew: "FFC7CE", sectionResolved: "C6EFCE", sectionStale: "FFEB9C", sectionEdition: "DDEBF7"}
	recs := diffRecords(d)
	sheet := func(name string, keep func(string) bool) xlsx.Table {
		return xlsx.Table{
			Sheet:  name,
			Header: []string{a.msg("区分", "Kind"), "ID", a.msg("前回のID", "Old ID"), a.msg("欄", "Field"), a.msg("前回", "Old"), a.msg("今回", "New")},
			Widths: []float64{18, 14, 14, 22, 50, 50},
			Rows: func(emit func([]xlsx.Cell) error) error {
				for _, r := range recs {
					if !keep(r.section) {
						continue
					}
					l := sectionLabel[r.section]
					old, nw := r.old, r.new
					if r.section == sectionAnswer || r.section == sectionCover {
						old, nw = a.fieldValue(r.field, r.old), a.fieldValue(r.field, r.new)
						old, nw = strings.TrimPrefix(old, "-"), strings.TrimPrefix(nw, "-")
					}
					if err := emit([]xlsx.Cell{xlsx.FilledCell(a.msg(l[0], l[1]), fills[r.section]), xlsx.TextCell(r.id), xlsx.TextCell(r.oldID),
						xlsx.TextCell(a.fieldLabel(r.field)), xlsx.TextCell(old), xlsx.TextCell(nw)}); err != nil {
						return err
					}
				}
				return nil
			},
		}
	}
	return []xlsx.Table{
		sheet(a.msg("変更", "Changes"), func(s string) bool { return s == sectionCover || s == sectionAnswer || s == sectionEdition }),
		sheet(a.msg("指摘と判断", "Findings"), func(s string) bool { return s == sectionNew || s == sectionResolved || s == sectionStale }),
		sheet(a.msg("対応予定日", "Planned dates"), func(s string) bool { return s == sectionPlanned }),
	}
}
