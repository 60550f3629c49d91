package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/checklist/pdf"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/templates"
	"github.com/spf13/cobra"
)

const reportLong = `Write the finding report for the CISO as an A4 PDF, in Japanese or, with
--lang en, in English (texts the catalogue and the messages have in both
languages appear in both, so the CSP and the agency read the same report;
answers and decisions are shown as written): cover, summary
(counts per part and chapter, conformance rate, decision states, chart), the
items that need a risk assessment with the agency's decisions (from --risk),
exclusions, validation messages, the interim-measure verdict when the cover
names a category, a sign-off box, Appendix A (every answer) and Appendix B
(evidence: input files with SHA-256, edition fingerprint, tool, parameters,
characters that could not be shown).

FILE is a completed workbook or an assessment JSON written by "ingest" ("-"
reads standard input; -o - writes the PDF to standard output). The
input files (and, for a workbook, the assessment read from it) are embedded
in the PDF as attachments, so the report is self-contained: "pdfdetach
-saveall report.pdf" gives byte-identical copies. So is what the report
concluded (NAME.findings.json), which "ismapcheck verify" re-checks. The PDF
is PDF/A-3b (ISO 19005-3), for archiving.

The report says on its cover and summary whether it is ready for the CISO's
sign-off: no error reading the workbook or the risk sheet, no finding whose
decision is open, invalid (入力不備), stale or expired, and every exclusion
accepted or rejected. Until then every page carries the mark "案 DRAFT" and
the summary lists what blocks it. --final refuses to write a report that is
not ready (exit 1, the blockers on stderr, nothing written).

The same inputs and --date give a byte-identical PDF. --date (default today)
is the report date, also used to tell expired reviews. --font replaces the
embedded IPAex Gothic with another TrueType font with Japanese glyphs.

CISO向けの適合状況確認報告書（PDF）を作成します。入力ファイルはPDFに添付されます。`

type reportOptions struct {
	cf       catalogFlags
	in       inputFlags
	risk     string
	previous string
	out      string
	date     string
	font     string
	force    bool
	final    bool
}

func newReportCmd(a *app) *cobra.Command {
	var o reportOptions
	cmd := &cobra.Command{
		Use:   "report FILE",
		Short: "Write the PDF finding report for the CISO / CISO向け報告書（PDF）を作成",
		Long:  reportLong,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runReport(cmd, args[0], o)
		},
	}
	o.cf.register(cmd)
	o.in.register(cmd)
	f := cmd.Flags()
	f.StringVar(&o.risk, "risk", "", "filled risk sheet with the agency's decisions / 記入済みリスク評価シート")
	f.StringVar(&o.previous, "previous", "", "previous round of the case (workbook or assessment JSON): adds a section on what changed / 前回の回答（変更点の章を追加）")
	f.StringVarP(&o.out, "output", "o", "", "PDF file to write / 出力するPDF")
	f.StringVar(&o.date, "date", "", "report date, e.g. 2026-03-31 or 令和8年3月31日 (default today) / 報告日（既定: 今日）")
	f.StringVar(&o.font, "font", "", "TrueType font to use instead of the embedded IPAex Gothic / 組込みフォントの代わりに使うTrueTypeフォント")
	f.BoolVar(&o.force, "force", false, "overwrite an existing output file / 既存の出力を上書き")
	f.BoolVar(&o.final, "final", false, "refuse (exit 1, nothing written) unless the report is ready for sign-off / 署名準備が完了していなければ作成しない")
	return cmd
}

// runReport writes the report. Without --edition or --catalog, FILE is
// read against the edition it answers (see loadFindingsInput).
func (a *app) runReport(cmd *cobra.Command, file string, o reportOptions) error {
	if o.out == "" {
		return usageBoth("no output file given (-o report.pdf)", "出力先(-o)を指定してください")
	}
	date, err := a.dateFlag("date", o.date)
	if err != nil {
		return err
	}
	font, fontSum, err := loadReportFont(o.font)
	if err != nil {
		return err
	}
	if (file == "-" && (o.risk == "-" || o.previous == "-")) || (o.risk == "-" && o.previous == "-") {
		return usageBoth("only one of FILE, --risk and --previous can be standard input (-)", "FILE・--risk・--previous のうち標準入力（-）にできるのは1つだけです")
	}
	r, err := a.readReportInputs(cmd, file, o, date, fontSum)
	if err != nil {
		return err
	}
	// report and verify compute the report from the sources alike.
	in, err := report.Assemble(r)
	if err != nil {
		return err
	}
	// Sign-off readiness: --final refuses a draft before anything is written.
	ready := in.SignOff()
	if o.final && !ready.Ready {
		return a.refuseDraft(ready)
	}
	rep := report.Build(in)
	if err := report.AttachRecord(&rep, report.NewRecord(in, r.RecordParams())); err != nil { // issue 17
		return err
	}
	lay, err := a.writeReportPDF(file, o, rep, font)
	if err != nil {
		return err
	}
	a.printReportSummary(o.out, in, lay, ready)
	return nil
}

// readReportInputs reads FILE, --risk and --previous into the run the
// report is assembled from.
func (a *app) readReportInputs(cmd *cobra.Command, file string, o reportOptions, date checklist.Date, fontSum string) (report.Run, error) {
	// The input is read once: the assessment is decoded from src.Bytes and
	// the same slice is embedded, so the report cannot analyse one file
	// and attach another.
	r := report.Run{Date: date, Lang: a.lang, Tool: "ismapcheck " + toolVersion(), CatalogFile: o.cf.file,
		EditionChosen: cmd.Flags().Changed("edition"), FontParam: report.FontParam(a.lang, templates.FontName, o.font, fontSum)}
	src, cat, as, err := a.loadFindingsInput(cmd, &o.cf, &o.in, file, date)
	if err != nil {
		return report.Run{}, err
	}
	r.Catalog, r.Assessment = cat, as
	if r.Source, r.AssessmentJSON, err = reportSource(src, as); err != nil {
		return report.Run{}, err
	}
	if o.risk != "" {
		rsrc, sheet, err := a.readRiskFile(o.risk, &o.in, as)
		if err != nil {
			return report.Run{}, err
		}
		r.Risk = reportRisk(rsrc, sheet)
	}
	if o.previous != "" {
		psrc, pcat, pas, err := a.loadFindingsInput(cmd, &o.cf, &o.in, o.previous, date)
		if err != nil {
			return report.Run{}, err
		}
		r.Previous = reportRound(psrc, pcat, pas)
	}
	return r, nil
}

// refuseDraft is --final's answer to a report not ready for sign-off: the
// blockers on stderr and an error with exit code 1.
func (a *app) refuseDraft(ready checklist.SignOff) error {
	a.printBlockers(ready)
	return &exitCodeError{code: exitFindings, err: &bilingualError{
		en: fmt.Sprintf("--final: the report is not ready for sign-off (%s above); nothing written", plural(len(ready.Blockers), "blocker")),
		ja: fmt.Sprintf("--final: 署名準備が完了していないため報告書を作成しません（署名を妨げる事項 %d 件、上記）", len(ready.Blockers)),
	}}
}

// writeReportPDF renders rep with font into -o; a font the renderer
// cannot use is the user's input error, named by its file.
func (a *app) writeReportPDF(file string, o reportOptions, rep report.Report, font []byte) (pdf.Layout, error) {
	var lay pdf.Layout
	err := a.writeOutput(o.out, o.force, []string{file, o.risk, o.font, o.cf.file}, func(w io.Writer) error {
		var err error
		lay, err = pdf.Render(w, rep, pdf.Options{FontTTF: font, ICCProfile: templates.SRGBProfile()})
		return err
	})
	if errors.Is(err, pdf.ErrFont) {
		return lay, &checklist.CellError{File: o.font, Err: checklist.ErrInvalidInput,
			JA: "フォントを使用できません: " + err.Error(), EN: err.Error()}
	}
	return lay, err
}

// printReportSummary says what was written and whether it is ready for
// sign-off, and warns of every character the font could not show.
func (a *app) printReportSummary(out string, in report.Input, lay pdf.Layout, ready checklist.SignOff) {
	fmt.Fprintf(a.summaryTo(out), a.msg("%s: %d ページ、リスク評価が必要な項目 %d 件、文書ID %s\n", "%s: %d pages, %d items need a risk assessment, document ID %s\n"),
		out, lay.Pages, in.Result.NeedsRiskAssessment, report.DocumentID(in))
	if ready.Ready {
		fmt.Fprint(a.summaryTo(out), a.msg("署名準備: 完了\n", "sign-off: ready\n"))
	} else {
		if a.ja() {
			fmt.Fprintf(a.summaryTo(out), "署名準備: 未完了（案）、署名を妨げる事項 %d 件: %s\n", len(ready.Blockers), a.blockerCounts(ready))
		} else {
			fmt.Fprintf(a.summaryTo(out), "sign-off: not ready (draft), %s: %s\n", plural(len(ready.Blockers), "blocker"), a.blockerCounts(ready))
		}
	}
	for _, r := range lay.Replacements {
		fmt.Fprintf(a.stderr, a.msg("警告: U+%04X は表示できないため 〓 に置き換えた（%s）\n", "warning: U+%04X cannot be shown and became 〓 (%s)\n"), r.Rune, r.Where)
	}
}

func dashUnless(s, cond string) string {
	if cond == "" {
		return "—"
	}
	return s
}

// maxFontSize bounds a --font file.
const maxFontSize = 64 << 20

// loadReportFont returns the font to embed and, for a --font file, its
// SHA-256 (Appendix B names it: report.FontParam).
func loadReportFont(path string) ([]byte, string, error) {
	if path == "" {
		return templates.Font(), "", nil
	}
	// A regular file of at most maxFontSize bytes, refused before it is
	// read (a large CJK TrueType font is 10–30 MiB).
	src, err := input.Open(path, input.Options{MaxSize: maxFontSize, FixedSize: true})
	if err != nil {
		return nil, "", err
	}
	data := src.Bytes
	if err := pdf.CheckFont(data); err != nil {
		return nil, "", &checklist.CellError{File: path, Err: checklist.ErrInvalidInput,
			JA: "フォントを使用できません（日本語の字形を持つTrueTypeフォントが必要）: " + err.Error(),
			EN: "unusable font (a TrueType font with Japanese glyphs is needed): " + err.Error()}
	}
	return data, report.InputFile{Data: data}.SHA256(), nil
}

// blockerCounts is "kind n, kind n" in BlockerKinds order.
func (a *app) blockerCounts(s checklist.SignOff) string {
	var parts []string
	for _, k := range checklist.BlockerKinds {
		if n := s.Count(k); n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", a.msg(k.LabelJA(), string(k)), n))
		}
	}
	return strings.Join(parts, a.msg("、", ", "))
}

// printBlockers lists what keeps a report from sign-off on stderr, one
// line each, located, in the message language.
func (a *app) printBlockers(s checklist.SignOff) {
	for _, b := range s.Blockers {
		where := strings.TrimSpace(strings.Join([]string{b.File, b.Sheet, b.Cell}, " "))
		if where != "" {
			where = " [" + where + "]"
		}
		id := ""
		if b.ID != "" {
			id = " " + b.ID
		}
		fmt.Fprintf(a.stderr, "%s%s%s: %s\n", string(b.Kind), id, where, a.msg(b.TextJA, b.TextEN))
	}
}

// plural is "1 blocker", "2 blockers": English counts for messages.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
