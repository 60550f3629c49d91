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
	"strings"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx/risksheet"
	"github.com/ismapcheck/ismapcheck/templates"
	"github.com/spf13/cobra"
)

// scenario is templates/demo/scenario.json: a fictional agency and CSP.
type scenario struct {
	Date       checklist.Date              `json:"date"`
	Request    checklist.Request           `json:"request"`
	CSPCover   checklist.CSPCover          `json:"csp_cover"`
	CoverExtra map[string]string           `json:"cover_extra"`
	Interim    checklist.InterimFacts      `json:"interim"`
	Defaults   map[string]checklist.Answer `json:"defaults"`
	Round1     []checklist.Answer          `json:"round1"`
	Round2     []checklist.Answer          `json:"round2"`
	Decisions  []checklist.Decision        `json:"decisions"`
	// ExclusionDecisions are the CISO's decisions on the exclusions.
	ExclusionDecisions []checklist.ExclusionDecision `json:"exclusion_decisions"`
}

func loadScenario() (*scenario, error) {
	var s scenario
	dec := json.NewDecoder(bytes.NewReader(templates.DemoScenario))
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("embedded demo scenario is broken (internal error): %w", err)
	}
	return &s, nil
}

// answers expands the scenario into one answer per requirement: the
// level's default, then the overrides of each round given, in order.
func (s *scenario) answers(cat *checklist.Catalog, rounds ...[]checklist.Answer) []checklist.Answer {
	over := map[string]checklist.Answer{}
	for _, r := range rounds {
		for _, a := range r {
			over[a.ID] = a
		}
	}
	var out []checklist.Answer
	for _, it := range cat.Requirements() {
		a, ok := over[it.ID]
		if !ok {
			a = s.Defaults[string(it.Level)]
			a.ID = it.ID
		}
		if a.Status == checklist.StatusUnanswered {
			a = checklist.Answer{ID: it.ID, Status: checklist.StatusUnanswered}
		}
		out = append(out, a)
	}
	return out
}

type demoOptions struct {
	out   string
	date  string
	force bool
}

func newDemoCmd(a *app) *cobra.Command {
	var o demoOptions
	cmd := &cobra.Command{
		Use:   "demo -o DIR",
		Short: "Run the whole loop on bundled sample data / サンプルデータで一連の流れを実行",
		Long: `demo runs generate → (a fictional CSP fills the workbook) → ingest → findings →
risk-sheet → (the fictional agency decides) → a second CSP round → carried-forward
risk sheet → report → interim check → diff of the two rounds → next year's
prefilled workbook → a portfolio of three cases, and writes every file into DIR.
All names and answers are synthetic. The scenario date is fixed (2023-02-15) so the
output is the same on every run; --date changes it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDemo(o)
		},
	}
	cmd.Flags().StringVarP(&o.out, "output", "o", "", "directory to write into / 出力先ディレクトリ")
	cmd.Flags().StringVar(&o.date, "date", "", "scenario date (default 2023-02-15) / シナリオの基準日")
	cmd.Flags().BoolVar(&o.force, "force", false, "write into a non-empty directory, replacing files / 既存ファイルを上書き")
	return cmd
}

// demoStep is one line of the demo's account of what it did.
type demoStep struct {
	file, what string
}

func (a *app) runDemo(o demoOptions) error {
	r, err := a.newDemoRun(o)
	if err != nil {
		return err
	}
	for _, step := range []func() error{
		r.request, r.round1, r.ingestRound1, r.findingsRound1, r.riskSheetRound1, r.round2,
		r.report, r.interimCheck, r.diffRounds, r.nextRound, r.portfolio, r.writeLog,
	} {
		if err := step(); err != nil {
			return err
		}
	}
	r.printSummary()
	return nil
}

// demoRun is one run of the demo: the scenario, its date, the directory
// written into, the log of every command run and the account of every
// file written.
type demoRun struct {
	a     *app
	o     demoOptions
	s     *scenario
	cat   *checklist.Catalog
	date  checklist.Date
	noon  time.Time
	log   bytes.Buffer
	steps []demoStep
}

// newDemoRun checks the options, reads the scenario and prepares the
// output directory.
func (a *app) newDemoRun(o demoOptions) (*demoRun, error) {
	if o.out == "" {
		return nil, usageBoth("demo needs -o DIR", "出力先ディレクトリ -o を指定してください")
	}
	s, err := loadScenario()
	if err != nil {
		return nil, err
	}
	date := s.Date
	if o.date != "" {
		if date, err = checklist.ParseDate(o.date); err != nil {
			return nil, usagef("--date: %v", err)
		}
	}
	if err := prepareDemoDir(o.out, o.force); err != nil {
		return nil, err
	}
	cat, err := loadEdition(templates.DefaultEdition)
	if err != nil {
		return nil, err
	}
	// Every step runs the real command in-process, on a clock set to the
	// scenario date, so the demo shows exactly what a user would get.
	noon := time.Date(date.Year, date.Month, date.Day, 12, 0, 0, 0, jst)
	return &demoRun{a: a, o: o, s: s, cat: cat, date: date, noon: noon}, nil
}

// sub runs ismapcheck with args in-process, logging the command and its
// stderr, and returns its stdout; an exit code not in want is an error.
func (r *demoRun) sub(want []int, args ...string) ([]byte, error) {
	var out bytes.Buffer
	child := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &r.log, lang: r.a.lang, now: func() time.Time { return r.noon }}
	fmt.Fprintf(&r.log, "\n$ ismapcheck %s\n", strings.Join(args, " "))
	code := child.run(append(args, "--lang", r.a.lang))
	for _, w := range want {
		if code == w {
			return out.Bytes(), nil
		}
	}
	r.a.stderr.Write(r.log.Bytes())
	return nil, fmt.Errorf("demo step %q ended with exit code %d (internal error)", strings.Join(args, " "), code)
}

// subTo runs sub and writes what the command printed to the file name.
func (r *demoRun) subTo(name string, want []int, args ...string) error {
	out, err := r.sub(want, args...)
	if err != nil {
		return err
	}
	return writeBytes(r.p(name), r.o.force, out)
}

// p is the path of name in the output directory.
func (r *demoRun) p(name string) string { return filepath.Join(r.o.out, name) }

// forced is args with --force when the demo runs with --force.
func (r *demoRun) forced(args ...string) []string {
	if r.o.force {
		return append(args, "--force")
	}
	return args
}

// add records a file written, with what it is in the user's language.
func (r *demoRun) add(file, ja, en string) {
	r.steps = append(r.steps, demoStep{file, r.a.msg(ja, en)})
}

// request writes the agency's request and generates the blank workbook
// from it (step 1).
func (r *demoRun) request() error {
	reqJSON, err := json.MarshalIndent(r.s.Request, "", "  ")
	if err != nil {
		return err
	}
	if err := writeBytes(r.p("00-request.json"), r.o.force, append(reqJSON, '\n')); err != nil {
		return err
	}
	r.add("00-request.json", "府省庁側の入力（generate --request の例）", "the agency's request (an example for generate --request)")
	if _, err := r.sub([]int{exitOK}, r.forced("generate", "--request", r.p("00-request.json"), "--date", r.date.String(), "-o", r.p("01-checklist-blank.xlsx"))...); err != nil {
		return err
	}
	r.add("01-checklist-blank.xlsx", "CSPへ送付する基本言明要件ブック（未記入）", "the blank workbook the agency sends to the CSP")
	return nil
}

// round1 has the CSP fill the blank workbook (step 2).
func (r *demoRun) round1() error {
	if err := fillDemoWorkbook(r.p("01-checklist-blank.xlsx"), r.p("02-checklist-csp-round1.xlsx"), r.o.force, r.s.answers(r.cat, r.s.Round1), r.s); err != nil {
		return err
	}
	r.add("02-checklist-csp-round1.xlsx", "CSPが記入したブック（1回目）", "the workbook as the CSP returned it (round 1)")
	return nil
}

// ingestRound1 reads the CSP's workbook and writes the correction pack
// (step 3).
func (r *demoRun) ingestRound1() error {
	// Warnings only (対象外 on a management item, a B control short under an
	// objective answered 適合, 継承 from an IaaS not yet registered).
	if _, err := r.sub([]int{exitOK, exitFindings}, r.forced("ingest", r.p("02-checklist-csp-round1.xlsx"), "--json", r.p("03-assessment-round1.json"))...); err != nil {
		return err
	}
	r.add("03-assessment-round1.json", "読み取り結果（検証メッセージ付き）", "the assessment read from it, with validation messages")
	// The correction pack the agency sends back: the CSP's own workbook with
	// each problem cell marked and explained (exit 1: there are problems).
	if _, err := r.sub([]int{exitFindings, exitOK}, r.forced("feedback", r.p("02-checklist-csp-round1.xlsx"), "--date", r.date.String(), "-o", r.p("03a-corrections-round1.xlsx"))...); err != nil {
		return err
	}
	r.add("03a-corrections-round1.xlsx", "CSPへ返す修正依頼ブック（問題のセルに日英のコメント）", "the correction pack for the CSP (problem cells marked, notes in both languages)")
	return nil
}

// findingsRound1 writes the findings of round 1 (step 4; exit 1: there
// are findings).
func (r *demoRun) findingsRound1() error {
	if err := r.subTo("04-findings-round1.json", []int{exitFindings, exitOK}, "findings", r.p("03-assessment-round1.json"), "--format", "json"); err != nil {
		return err
	}
	r.add("04-findings-round1.json", "リスク評価が必要な項目と対象外の一覧", "items needing a risk assessment, and the exclusions")
	return nil
}

// riskSheetRound1 writes the risk sheet and has the agency fill it
// (step 5).
func (r *demoRun) riskSheetRound1() error {
	if _, err := r.sub([]int{exitOK}, r.forced("risk-sheet", r.p("03-assessment-round1.json"), "-o", r.p("05-risk-sheet-blank.xlsx"), "--date", r.date.String())...); err != nil {
		return err
	}
	r.add("05-risk-sheet-blank.xlsx", "府省庁が記入するリスク評価シート", "the risk-assessment sheet for the agency")
	if err := fillDemoRiskSheet(r.p("05-risk-sheet-blank.xlsx"), r.p("06-risk-sheet-agency.xlsx"), r.o.force, r.s.Decisions, r.s.ExclusionDecisions); err != nil {
		return err
	}
	r.add("06-risk-sheet-agency.xlsx", "府省庁が判断を記入したリスク評価シート", "the risk sheet with the agency's decisions")
	return nil
}

// round2 has the CSP change two answers, reads them and carries the
// decisions forward (step 6).
func (r *demoRun) round2() error {
	round2 := r.s.answers(r.cat, r.s.Round1, r.s.Round2)
	if err := fillDemoWorkbook(r.p("01-checklist-blank.xlsx"), r.p("07-checklist-csp-round2.xlsx"), r.o.force, round2, r.s); err != nil {
		return err
	}
	r.add("07-checklist-csp-round2.xlsx", "CSPが再提出したブック（2回目、2項目変更）", "the CSP's second round (two answers changed)")
	if _, err := r.sub([]int{exitOK, exitFindings}, r.forced("ingest", r.p("07-checklist-csp-round2.xlsx"), "--json", r.p("08-assessment-round2.json"))...); err != nil {
		return err
	}
	r.add("08-assessment-round2.json", "2回目の読み取り結果", "the assessment of round 2")
	if _, err := r.sub([]int{exitOK}, r.forced("risk-sheet", r.p("08-assessment-round2.json"), "--previous", r.p("06-risk-sheet-agency.xlsx"), "-o", r.p("09-risk-sheet-round2.xlsx"), "--date", r.date.String())...); err != nil {
		return err
	}
	r.add("09-risk-sheet-round2.xlsx", "判断を引き継いだリスク評価シート（変更された回答は要再評価）", "the risk sheet with decisions carried forward (the changed answer marked for review)")
	return nil
}

// report writes the report for the CISO from the returned workbook and
// the decisions (step 7).
func (r *demoRun) report() error {
	if _, err := r.sub([]int{exitOK, exitFindings}, r.forced("report", r.p("07-checklist-csp-round2.xlsx"), "--risk", r.p("09-risk-sheet-round2.xlsx"), "--previous", r.p("02-checklist-csp-round1.xlsx"), "--date", r.date.String(), "-o", r.p("10-report.pdf"))...); err != nil {
		return err
	}
	r.add("10-report.pdf", "CISO向け 基本言明要件 適合状況確認報告書（PDF）", "the finding report for the CISO (PDF, in English with --lang en)")
	return nil
}

// interimCheck writes the interim-measure verdict (step 8; 類型②: a
// SaaS waiting for its IaaS).
func (r *demoRun) interimCheck() error {
	if err := r.subTo("11-interim-check.json", []int{exitOK, exitFindings}, "interim", "check", "--from", r.p("08-assessment-round2.json"), "--category", "2", "--as-of", r.date.String(), "--format", "json"); err != nil {
		return err
	}
	r.add("11-interim-check.json", "暫定措置（類型②）の判定", "the interim-measure verdict (category 2)")
	return nil
}

// diffRounds writes what changed between the two rounds, with the
// decision it made stale (step 9).
func (r *demoRun) diffRounds() error {
	if err := r.subTo("12-diff-round1-round2.txt", []int{exitOK, exitFindings}, r.forced("diff", r.p("02-checklist-csp-round1.xlsx"), r.p("07-checklist-csp-round2.xlsx"),
		"--risk", r.p("06-risk-sheet-agency.xlsx"), "--date", r.date.String(), "-o", r.p("12-diff-round1-round2.xlsx"))...); err != nil {
		return err
	}
	r.add("12-diff-round1-round2.xlsx", "1回目と2回目の差分（変更2項目、要再評価の判断1件）", "what changed between the rounds (two answers, one decision now stale)")
	r.add("12-diff-round1-round2.txt", "同じ差分の表（diff の標準出力）", "the same changes as a table (what diff printed)")
	return nil
}

// nextRound generates next year's workbook from the answers of round 2
// (step 10).
func (r *demoRun) nextRound() error {
	next := r.date.AddDate(1, 0, 0)
	if _, err := r.sub([]int{exitOK}, r.forced("generate", "--from", r.p("07-checklist-csp-round2.xlsx"), "--date", next.String(),
		"--due", next.AddDate(0, 1, 0).String(), "-o", r.p("13-next-round-prefilled.xlsx"))...); err != nil {
		return err
	}
	r.add("13-next-round-prefilled.xlsx", "翌年度の確認票（前回の回答を引継ぎ、過ぎた予定日を強調）", "next year's workbook, prefilled from round 2 (past planned dates highlighted)")
	return nil
}

// writeLog writes every command the demo ran and what it printed.
func (r *demoRun) writeLog() error {
	if err := writeBytes(r.p("demo.log"), r.o.force, r.log.Bytes()); err != nil {
		return err
	}
	r.add("demo.log", "実行したコマンドとその出力", "the commands the demo ran and what they printed")
	return nil
}

// printSummary tells the user what was written where.
func (r *demoRun) printSummary() {
	a := r.a
	fmt.Fprintf(a.stdout, a.msg("デモを %s に出力しました（基準日 %s）:\n", "Demo written to %s (scenario date %s):\n"), r.o.out, checklist.FormatJapanese(r.date))
	for _, st := range r.steps {
		fmt.Fprintf(a.stdout, "  %-30s %s\n", st.file, st.what)
	}
	fmt.Fprintf(a.stdout, a.msg("\nまず %s を開いてください。CSPへ送るブックは %s です。\n", "\nOpen %s first. The workbook an agency sends is %s.\n"),
		r.p("10-report.pdf"), r.p("01-checklist-blank.xlsx"))
}

// prepareDemoDir creates dir, refusing a non-empty one without --force.
func prepareDemoDir(dir string, force bool) error {
	ents, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return usagef("-o %q is not a directory I can use: %v", dir, err)
	case len(ents) > 0 && !force:
		return usageBoth("%q is not empty; use --force to replace the demo files in it", "%q は空ではありません（上書きするには --force）", dir)
	}
	return nil
}

func writeBytes(path string, force bool, b []byte) error {
	return writeFileAtomic(path, force, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

func fillDemoWorkbook(blank, out string, force bool, answers []checklist.Answer, s *scenario) error {
	in, err := os.ReadFile(blank)
	if err != nil {
		return err
	}
	return writeFileAtomic(out, force, func(w io.Writer) error {
		return xlsx.Fill(bytes.NewReader(in), w, answers, s.CSPCover, s.Interim, s.CoverExtra)
	})
}

func fillDemoRiskSheet(blank, out string, force bool, decisions []checklist.Decision, exclusions []checklist.ExclusionDecision) error {
	in, err := os.ReadFile(blank)
	if err != nil {
		return err
	}
	return writeFileAtomic(out, force, func(w io.Writer) error {
		var mid bytes.Buffer
		if err := risksheet.FillDecisions(bytes.NewReader(in), &mid, decisions); err != nil {
			return err
		}
		return risksheet.FillExclusionDecisions(bytes.NewReader(mid.Bytes()), w, exclusions)
	})
}

// demoCase is a fictional case of the demo's portfolio besides the demo's
// own: its request fields, its answers and, when it has a risk sheet, the
// review date of its decision on 9.4.2.
type demoCase struct {
	name, ref, system, service string
	answers                    []checklist.Answer
	review                     checklist.Date
}

// portfolio writes portfolio/ with the demo case (round 2 and its risk
// sheet) and two more fictional cases: one without a risk sheet, one
// whose decision on 9.4.2 was due for review a month before the scenario
// date; then the portfolio of the three (step 11).
func (r *demoRun) portfolio() error {
	dir := r.p("portfolio")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, c := range [][2]string{{"07-checklist-csp-round2.xlsx", "case-a-round2.xlsx"}, {"09-risk-sheet-round2.xlsx", "case-a-risk.xlsx"}} {
		src, err := input.Open(r.p(c[0]), input.Options{})
		if err != nil {
			return err
		}
		if err := writeBytes(filepath.Join(dir, c[1]), r.o.force, src.Bytes); err != nil {
			return err
		}
	}
	s := r.s
	for _, c := range []demoCase{
		{"case-b", "架空-DX-2022-0051", "職員ポータル", "Example Portal (SaaS)", s.answers(r.cat, s.Round1), checklist.Date{}},
		{"case-c", "架空-DX-2022-0063", "統計公開システム", "Example Forms (SaaS)", s.answers(r.cat, s.Round1, s.Round2), r.date.AddDate(0, -1, 0)},
	} {
		if err := r.portfolioCase(dir, c); err != nil {
			return err
		}
	}
	if err := r.subTo("14-portfolio.txt", []int{exitOK}, r.forced("portfolio", dir, "--as-of", r.date.String(), "--due-within", "120", "-o", r.p("14-portfolio.xlsx"))...); err != nil {
		return err
	}
	r.add("portfolio/", "ポートフォリオの入力（架空の3案件、1件はリスク評価シートなし）", "the portfolio's input: three fictional cases, one without a risk sheet")
	r.add("14-portfolio.xlsx", "3案件の一覧（案件・要件マトリクス・期限）", "a portfolio of three cases (cases, requirement matrix, decisions due)")
	r.add("14-portfolio.txt", "同じ一覧の表（portfolio の標準出力）", "the same cases as a table (what portfolio printed)")
	return nil
}

// portfolioCase writes the filled workbook of c into dir and, when c has
// a review date, its filled risk sheet; the intermediate files are
// removed.
func (r *demoRun) portfolioCase(dir string, c demoCase) error {
	q := func(name string) string { return filepath.Join(dir, name) }
	req := r.s.Request
	req.Reference, req.System, req.Service, req.Date = c.ref, c.system, c.service, r.date
	reqJSON, err := json.Marshal(req)
	if err != nil {
		return err
	}
	if err := writeBytes(q(c.name+"-request.tmp"), true, reqJSON); err != nil {
		return err
	}
	_, err = r.sub([]int{exitOK}, "generate", "--request", q(c.name+"-request.tmp"), "-o", q(c.name+"-blank.tmp.xlsx"), "--force")
	os.Remove(q(c.name + "-request.tmp"))
	if err != nil {
		return err
	}
	err = fillDemoWorkbook(q(c.name+"-blank.tmp.xlsx"), q(c.name+".xlsx"), r.o.force, c.answers, r.s)
	os.Remove(q(c.name + "-blank.tmp.xlsx"))
	if err != nil || c.review.IsZero() {
		return err // without a review date the case has no risk sheet yet
	}
	if _, err := r.sub([]int{exitOK}, "risk-sheet", q(c.name+".xlsx"), "-o", q(c.name+"-risk-blank.tmp.xlsx"), "--date", r.date.String(), "--force"); err != nil {
		return err
	}
	ds := append([]checklist.Decision(nil), r.s.Decisions...)
	for i := range ds {
		if ds[i].ID == "9.4.2" {
			ds[i].ReviewBy = c.review
		}
	}
	err = fillDemoRiskSheet(q(c.name+"-risk-blank.tmp.xlsx"), q(c.name+"-risk.xlsx"), r.o.force, ds, r.s.ExclusionDecisions)
	os.Remove(q(c.name + "-risk-blank.tmp.xlsx"))
	return err
}
