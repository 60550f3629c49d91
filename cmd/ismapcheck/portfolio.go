package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/spf13/cobra"
)

const portfolioLong = `One view over every case found under the directories given: completed
workbooks, assessment JSON files (from ingest) and risk sheets, searched
recursively. Other files (blank risk sheets, which hold no decision, other
JSON files and workbooks without a checklist sheet, such as this command's
own output) are ignored.

Rounds are grouped into cases by the agency's reference (整理番号), or by
agency, system, CSP and service when there is none; each case is shown as of
its newest round (latest answer date, then issue date, then file name). A risk
sheet belongs to the case of the workbook it was generated from (or whose
workbook its decisions judged).

Per case: reference, system, CSP, service, edition, answer date, counts per
status, findings (ISMAP管理基準 2.2.4), decisions open / current / stale /
expired, the next review date, planned dates due within --due-within days
and those already past, the earliest certificate expiry on the cover, the
interim-measure category and the end of its period (2021-07-06 decision).

-o FILE.xlsx writes three sheets: the cases, a matrix of case × requirement
(status per cell, coloured, with filters), and every decision whose review
date or due date falls within --due-within days or has passed.
--format json writes the same as JSON to standard output.

Files are read on all cores (--jobs), each through the input layer (kind
sniffed from the content, at most --max-size bytes); a progress bar shows on
a terminal. A FIFO, device or socket named like an input is refused without
being opened. Exit 0 when every file was read, 1 when some were skipped
(listed on standard error), 3 when no case was found.

複数の案件（確認票・JSON・リスク評価シート）を一覧にまとめます。`

type portfolioOptions struct {
	out       string
	force     bool
	format    string
	asOf      string
	dueWithin int
	jobs      int
	in        inputFlags
}

func newPortfolioCmd(a *app) *cobra.Command {
	var o portfolioOptions
	cmd := &cobra.Command{
		Use:   "portfolio DIR...",
		Short: "One view over every case / 全案件の一覧",
		Long:  portfolioLong,
		Example: `  ismapcheck portfolio cases/ -o portfolio.xlsx --due-within 60
  ismapcheck portfolio cases/ --format json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runPortfolio(args, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "output", "o", "", "workbook to write (.xlsx) / 出力ファイル")
	f.BoolVar(&o.force, "force", false, "overwrite an existing output file / 既存の出力先を上書き")
	f.StringVar(&o.format, "format", "table", "standard output: table or json / 標準出力の形式")
	f.StringVar(&o.asOf, "as-of", "", "date the states and windows are computed for (default today) / 基準日（既定: 今日）")
	f.IntVar(&o.dueWithin, "due-within", 30, "days ahead for planned dates and decisions due / 期限が近いとみなす日数")
	f.IntVar(&o.jobs, "jobs", 0, "files read at once (default: all cores) / 同時に読むファイル数（既定: CPU数）")
	o.in.register(cmd)
	return cmd
}

// portfolioFile is one file found and what became of it.
type portfolioFile struct {
	path  string
	round *checklist.RoundSummary
	sheet *checklist.RiskSheetSummary
	err   error
	skip  bool // not an input of the portfolio (blank risk sheet, other JSON)
}

func (a *app) runPortfolio(dirs []string, o portfolioOptions) error {
	if o.format != "table" && o.format != "json" {
		return usagef("--format must be table or json, not %q", o.format)
	}
	if o.dueWithin < 0 {
		return usagef("--due-within must not be negative")
	}
	asOf, err := a.dateFlag("as-of", o.asOf)
	if err != nil {
		return err
	}
	opt, pw, err := o.in.options(a)
	if err != nil {
		return err
	}
	files, err := portfolioInputs(dirs)
	if err != nil {
		return err
	}
	jobs := o.jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	results := a.readPortfolio(files, jobs, asOf, opt, pw)
	var rounds []checklist.RoundSummary
	var sheets []checklist.RiskSheetSummary
	var skipped []portfolioFile
	for _, r := range results {
		switch {
		case r.err != nil:
			skipped = append(skipped, r)
		case r.round != nil:
			rounds = append(rounds, *r.round)
		case r.sheet != nil:
			sheets = append(sheets, *r.sheet)
		}
	}
	for _, s := range skipped {
		ja, en := bilingual(s.err)
		fmt.Fprintf(a.stderr, "%s: %s\n", a.msg("読み飛ばし", "skipped"), a.msg(ja, en))
	}
	if len(rounds) == 0 {
		return fmt.Errorf("%w: no workbook or assessment found under %s", checklist.ErrInvalidInput, strings.Join(dirs, ", "))
	}
	p := checklist.BuildPortfolio(rounds, sheets, asOf, o.dueWithin)
	for _, u := range p.Unpaired {
		fmt.Fprintf(a.stderr, a.msg("警告: リスク評価シート %s はどの案件の確認票にも対応しません\n", "warning: risk sheet %s matches no case's workbook\n"), u)
	}
	if o.out != "" {
		if err := a.writeOutput(o.out, o.force, files, func(w io.Writer) error {
			return xlsx.WriteTables(w, a.msg("案件一覧", "Portfolio"), asOf, a.portfolioTables(p))
		}); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if o.format == "json" {
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(portfolioJSON(p))
	} else {
		err = a.writePortfolioTable(&buf, p, len(files), len(skipped))
	}
	if err != nil {
		return fmt.Errorf("rendering the portfolio: %w", err)
	}
	if err := a.writeReport(o.format, buf.Bytes()); err != nil {
		return err
	}
	if len(skipped) > 0 {
		return errFindings
	}
	return nil
}

// portfolioInputs lists the candidate files under dirs (a file argument is
// taken as is), sorted, each once. Office lock files and hidden files are
// left out. An entry with a workbook or JSON name that is not a regular
// file (a FIFO, a device, a symbolic link) is listed too: the input layer
// refuses a special file without opening it, so it is reported as skipped
// instead of vanishing, and a link to a regular file is read.
func portfolioInputs(dirs []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, d := range dirs {
		st, err := os.Stat(d)
		if err != nil {
			return nil, fmt.Errorf("%w: %q: %v", checklist.ErrInvalidInput, d, err)
		}
		if !st.IsDir() {
			add(d)
			continue
		}
		err = filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := e.Name()
			if e.IsDir() {
				if p != d && strings.HasPrefix(name, ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
				return nil
			}
			switch strings.ToLower(filepath.Ext(name)) {
			case ".xlsx", ".xlsm", ".json":
				add(p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%w: walking %q: %v", checklist.ErrInvalidInput, d, err)
		}
	}
	sort.Strings(out)
	return out, nil
}

// readPortfolio reads every file on jobs goroutines and returns the
// results in the order of files. Each worker holds one file at a time (at
// most --max-size bytes); what is kept of it is a small summary.
func (a *app) readPortfolio(files []string, jobs int, asOf checklist.Date, opt input.Options, pw string) []portfolioFile {
	var idsMu sync.Mutex
	idsOf := map[*checklist.Catalog][]string{}
	ids := func(c *checklist.Catalog) []string {
		idsMu.Lock()
		defer idsMu.Unlock()
		if v, ok := idsOf[c]; ok {
			return v
		}
		var v []string
		for _, it := range c.Requirements() {
			v = append(v, it.ID)
		}
		idsOf[c] = v
		return v
	}
	ropt := input.ReadOptions{Password: pw, Today: asOf, Tool: "ismapcheck " + toolVersion()}
	out := make([]portfolioFile, len(files))
	// The bar writes to the raw stderr (the escaping writer is no
	// terminal); it escapes the file names itself.
	raw := a.rawStderr
	if raw == nil {
		raw = a.stderr
	}
	prog := newProgress(raw, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = readPortfolioFile(files[i], opt, ropt, ids)
				prog.done(files[i])
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	prog.finish()
	var kept []portfolioFile
	for _, r := range out {
		if !r.skip {
			kept = append(kept, r)
		}
	}
	return kept
}

// readPortfolioFile reads one file through the input layer (a special
// file is refused there, before it is opened) and keeps its summary. The
// kind is sniffed by the input layer: findings, interim and other JSON,
// blank risk sheets and this tool's own report workbooks are not inputs.
func readPortfolioFile(path string, opt input.Options, ropt input.ReadOptions, ids func(*checklist.Catalog) []string) portfolioFile {
	r := portfolioFile{path: path}
	src, err := input.Open(path, opt)
	if err != nil {
		r.err = err
		return r
	}
	switch src.Kind {
	case input.KindFindings, input.KindJSON:
		r.skip = true
		return r
	case input.KindRiskSheet:
		// Not checked against a case here: a risk sheet is paired with
		// its case by the hash of the workbook it was generated from.
		sh, err := src.RiskSheet(nil)
		if err != nil {
			r.err = err
			return r
		}
		if len(sh.Decisions) == 0 && len(sh.Exclusions) == 0 {
			r.skip = true
			return r
		}
		r.sheet = &checklist.RiskSheetSummary{File: src.Name, Source: sh.SourceSHA256, Decisions: sh.Decisions}
		return r
	case input.KindWorkbook:
		if isReportWorkbook(src.Bytes) {
			r.skip = true
			return r
		}
	}
	cat, as, err := src.Assessment(ropt)
	if errors.Is(err, xlsx.ErrMissingSheet) {
		// A workbook that is neither a checklist nor a risk sheet is not
		// an input.
		r.skip = true
		return r
	}
	if err != nil {
		r.err = err
		return r
	}
	if as.Edition != "" && as.Edition != cat.Edition.ID {
		r.err = &checklist.CellError{File: path, Err: checklist.ErrInvalidInput,
			JA: fmt.Sprintf("版 %s の回答ですが、この版は組み込まれていません", as.Edition),
			EN: fmt.Sprintf("answers edition %s, which is not embedded", as.Edition)}
		return r
	}
	s := checklist.SummarizeRound(cat, as, ids(cat))
	r.round = &s
	return r
}

// isReportWorkbook tells a table workbook written by this tool (diff or
// portfolio output: its custom properties name the report kind) from
// other workbooks, reading only that small part.
func isReportWorkbook(data []byte) bool {
	custom := input.ZipPart(data, "docProps/custom.xml", 1<<20)
	return bytes.Contains(custom, []byte(`"`+xlsx.MetaKindProperty+`"`)) && bytes.Contains(custom, []byte(">"+xlsx.KindReport+"<"))
}

// portfolioOut is the JSON output: the portfolio with each case's status
// per requirement (aligned with requirements; "" where the case's edition
// has no such requirement).
type portfolioOut struct {
	checklist.Portfolio
	Cases []caseOut `json:"cases"`
}

type caseOut struct {
	checklist.CaseRow
	Statuses []checklist.Status `json:"statuses"`
}

func portfolioJSON(p checklist.Portfolio) portfolioOut {
	out := portfolioOut{Portfolio: p, Cases: make([]caseOut, len(p.Cases))}
	for i, c := range p.Cases {
		out.Cases[i] = caseOut{CaseRow: c, Statuses: matrixRow(p.Requirements, c)}
	}
	return out
}

// matrixRow returns the case's status per portfolio requirement.
func matrixRow(reqs []string, c checklist.CaseRow) []checklist.Status {
	idx := make(map[string]int, len(c.IDs))
	for i, id := range c.IDs {
		idx[id] = i
	}
	out := make([]checklist.Status, len(reqs))
	for i, id := range reqs {
		if j, ok := idx[id]; ok {
			out[i] = c.Statuses[j]
		}
	}
	return out
}

func dateText(d checklist.Date) string {
	if d.IsZero() {
		return "-"
	}
	return d.String()
}

func (a *app) writePortfolioTable(w io.Writer, p checklist.Portfolio, files, skipped int) error {
	fmt.Fprintf(w, a.msg("基準日 %s、案件 %d（ファイル %d、読み飛ばし %d）、リスク評価シートのない案件 %d、期限の近い判断 %d\n\n",
		"as of %s: %d cases (%d files, %d skipped), %d without a risk sheet, %d decisions due\n\n"),
		p.AsOf, len(p.Cases), files, skipped, p.NoRisk, len(p.Due))
	rows := [][]string{strings.Split(a.msg("整理番号\tシステム\t事業者\t回答日\t適合\t一部\t不適合\t対象外\t未回答\t指摘\t未評価\t要再評価\t期限切れ\t次回再評価\tリスク評価シート",
		"REFERENCE\tSYSTEM\tCSP\tANSWERED\tOK\tPART\tNOT\tN/A\tNONE\tFINDINGS\tOPEN\tSTALE\tEXPIRED\tNEXT REVIEW\tRISK SHEET"), "\t")}
	n := strconv.Itoa
	for _, c := range p.Cases {
		risk := c.RiskSheet
		if risk == "" {
			risk = a.msg("なし", "none")
		}
		rows = append(rows, []string{dashUnless(c.Reference, c.Reference), dashUnless(c.System, c.System), dashUnless(c.CSP, c.CSP), dateText(c.AnswerDate),
			n(c.Counts.Conforms), n(c.Counts.Partial), n(c.Counts.Nonconforming), n(c.Counts.NotApplicable), n(c.Counts.Unanswered), n(c.Findings),
			n(c.Decisions[checklist.StateOpen]), n(c.Decisions[checklist.StateStale]), n(c.Decisions[checklist.StateExpired]), dateText(c.NextReview), risk})
	}
	return writeColumns(w, rows, 4, 5, 6, 7, 8, 9, 10, 11, 12)
}

// statusFill colours a status in the matrix.
var statusFill = map[checklist.Status]string{
	checklist.StatusConforms:      "C6EFCE",
	checklist.StatusPartial:       "FFEB9C",
	checklist.StatusNonconforming: "FFC7CE",
	checklist.StatusNotApplicable: "D9D9D9",
	checklist.StatusUnanswered:    "FFFFFF",
}

// portfolioTables lays the portfolio out as the three sheets of -o.
func (a *app) portfolioTables(p checklist.Portfolio) []xlsx.Table {
	t := xlsx.TextCell
	n := xlsx.IntCell
	d := xlsx.DateCell
	cases := xlsx.Table{
		Sheet: a.msg("案件", "Cases"),
		Header: strings.Split(a.msg("整理番号\t府省庁等\tシステム\t事業者\tサービス\t版\t回答日\t回数\t適合\t一部適合\t不適合\t対象外\t未回答\t読取エラー\t指摘\t未評価\t評価済\t要再評価\t期限切れ\t入力不備\t次回再評価\t予定日（期間内）\t予定日（経過）\t認証の最短有効期限\t認証\t暫定措置の類型\t暫定措置の終了\tリスク評価シート\tファイル",
			"Reference\tAgency\tSystem\tCSP\tService\tEdition\tAnswered\tRounds\tConforms\tPartial\tNonconforming\tN/A\tUnanswered\tRead errors\tFindings\tOpen\tCurrent\tStale\tExpired\tInvalid\tNext review\tPlanned due\tPlanned past\tFirst cert expiry\tCertificates\tInterim category\tInterim end\tRisk sheet\tFile"), "\t"),
		Widths: []float64{18, 14, 20, 20, 20, 11, 11, 7, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 11, 9, 9, 11, 30, 9, 11, 26, 26},
		Rows: func(emit func([]xlsx.Cell) error) error {
			for _, c := range p.Cases {
				risk := xlsx.TextCell(c.RiskSheet)
				if c.RiskSheet == "" {
					risk = xlsx.FilledCell(a.msg("なし", "none"), "FFC7CE")
				}
				expired := n(c.Decisions[checklist.StateExpired])
				if c.Decisions[checklist.StateExpired] > 0 {
					expired = expired.WithFill("FFC7CE")
				}
				if err := emit([]xlsx.Cell{t(c.Reference), t(c.Agency), t(c.System), t(c.CSP), t(c.Service), t(c.Edition), d(c.AnswerDate), n(c.Rounds),
					n(c.Counts.Conforms), n(c.Counts.Partial), n(c.Counts.Nonconforming), n(c.Counts.NotApplicable), n(c.Counts.Unanswered), n(c.Errors), n(c.Findings),
					n(c.Decisions[checklist.StateOpen]), n(c.Decisions[checklist.StateCurrent]), n(c.Decisions[checklist.StateStale]), expired, n(c.Decisions[checklist.StateInvalid]),
					d(c.NextReview), n(c.PlannedDue), n(c.PlannedOverdue), d(c.CertExpiry), t(c.Certs), t(c.InterimCategory), d(c.InterimEnd), risk, t(c.File)}); err != nil {
					return err
				}
			}
			return nil
		},
	}
	head := []string{a.msg("整理番号", "Reference"), a.msg("システム", "System"), a.msg("事業者", "CSP")}
	widths := []float64{18, 20, 20}
	for _, id := range p.Requirements {
		head = append(head, id)
		widths = append(widths, 9)
	}
	matrix := xlsx.Table{
		Sheet: a.msg("マトリクス", "Matrix"), Header: head, Widths: widths,
		Rows: func(emit func([]xlsx.Cell) error) error {
			for _, c := range p.Cases {
				row := []xlsx.Cell{t(c.Reference), t(c.System), t(c.CSP)}
				for _, st := range matrixRow(p.Requirements, c) {
					if st == "" {
						row = append(row, t("-"))
						continue
					}
					row = append(row, xlsx.FilledCell(a.msg(st.LabelJA(), st.LabelEN()), statusFill[st]))
				}
				if err := emit(row); err != nil {
					return err
				}
			}
			return nil
		},
	}
	due := xlsx.Table{
		Sheet:  a.msg("期限", "Due"),
		Header: strings.Split(a.msg("期日\t種類\t期限切れ\t整理番号\tシステム\tID\t状態\t対応方針\t担当", "Date\tWhat\tOverdue\tReference\tSystem\tID\tState\tTreatment\tOwner"), "\t"),
		Widths: []float64{11, 14, 9, 18, 20, 13, 18, 16, 14},
		Rows: func(emit func([]xlsx.Cell) error) error {
			for _, x := range p.Due {
				what := a.msg("再評価期限", "review by")
				if x.What == "due" {
					what = a.msg("対応期限", "treatment due")
				}
				over := t("")
				if x.Overdue {
					over = xlsx.FilledCell(a.msg("期限切れ", "overdue"), "FFC7CE")
				}
				if err := emit([]xlsx.Cell{d(x.Date), t(what), over, t(x.Reference), t(x.System), t(x.ID), t(a.msg(x.State.LabelJA(), x.State.LabelEN())),
					t(a.msg(x.Treatment.LabelJA(), x.Treatment.LabelEN())), t(x.Owner)}); err != nil {
					return err
				}
			}
			return nil
		},
	}
	return []xlsx.Table{cases, matrix, due}
}
