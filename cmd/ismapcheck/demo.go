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
	if o.out == "" {
		return usageBoth("demo needs -o DIR", "出力先ディレクトリ -o を指定してください")
	}
	s, err := loadScenario()
	if err != nil {
		return err
	}
	date := s.Date
	if o.date != "" {
		if date, err = checklist.ParseDate(o.date); err != nil {
			return usagef("--date: %v", err)
		}
	}
	if err := prepareDemoDir(o.out, o.force); err != nil {
		return err
	}
	cat, err := loadEdition(templates.DefaultEdition)
	if err != nil {
		return err
	}
	// Every step runs the real command in-process, on a clock set to the
	// scenario date, so the demo shows exactly what a user would get.
	noon := time.Date(date.Year, date.Month, date.Day, 12, 0, 0, 0, jst)
	var log bytes.Buffer
	sub := func(want []int, args ...string) ([]byte, error) {
		var out bytes.Buffer
		child := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &log, lang: a.lang, now: func() time.Time { return noon }}
		fmt.Fprintf(&log, "\n$ ismapcheck %s\n", strings.Join(args, " "))
		code := child.run(append(args, "--lang", a.lang))
		for _, w := range want {
			if code == w {
				return out.Bytes(), nil
			}
		}
		a.stderr.Write(log.Bytes())
		return nil, fmt.Errorf("demo step %q ended with exit code %d (internal error)", strings.Join(args, " "), code)
	}
	p := func(name string) string { return filepath.Join(o.out, name) }
	force := []string{}
	if o.force {
		force = []string{"--force"}
	}
	var steps []demoStep
	add := func(file, ja, en string) { steps = append(steps, demoStep{file, a.msg(ja, en)}) }

	// 1. The agency's request and the blank workbook.
	req := s.Request
	reqJSON, err := json.MarshalIndent(req, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFileAtomic(p("00-request.json"), o.force, func(w io.Writer) error {
		_, err := w.Write(append(reqJSON, '\n'))
		return err
	}); err != nil {
		return err
	}
	add("00-request.json", "府省庁側の入力（generate --request の例）", "the agency's request (an example for generate --request)")
	if _, err := sub([]int{exitOK}, append([]string{"generate", "--request", p("00-request.json"), "--date", date.String(), "-o", p("01-checklist-blank.xlsx")}, force...)...); err != nil {
		return err
	}
	add("01-checklist-blank.xlsx", "CSPへ送付する基本言明要件ブック（未記入）", "the blank workbook the agency sends to the CSP")

	// 2. The CSP fills it in (round 1).
	round1 := s.answers(cat, s.Round1)
	if err := fillDemoWorkbook(p("01-checklist-blank.xlsx"), p("02-checklist-csp-round1.xlsx"), o.force, round1, s); err != nil {
		return err
	}
	add("02-checklist-csp-round1.xlsx", "CSPが記入したブック（1回目）", "the workbook as the CSP returned it (round 1)")

	// 3. Ingest: warnings only (対象外 on a management item, a B control short
	// under an objective answered 適合, 継承 from an IaaS not yet registered).
	if _, err := sub([]int{exitOK, exitFindings}, append([]string{"ingest", p("02-checklist-csp-round1.xlsx"), "--json", p("03-assessment-round1.json")}, force...)...); err != nil {
		return err
	}
	add("03-assessment-round1.json", "読み取り結果（検証メッセージ付き）", "the assessment read from it, with validation messages")
	// The correction pack the agency sends back: the CSP's own workbook with
	// each problem cell marked and explained (exit 1: there are problems).
	if _, err := sub([]int{exitFindings, exitOK}, append([]string{"feedback", p("02-checklist-csp-round1.xlsx"), "--date", date.String(), "-o", p("03a-corrections-round1.xlsx")}, force...)...); err != nil {
		return err
	}
	add("03a-corrections-round1.xlsx", "CSPへ返す修正依頼ブック（問題のセルに日英のコメント）", "the correction pack for the CSP (problem cells marked, notes in both languages)")

	// 4. Findings (exit 1: there are findings).
	out, err := sub([]int{exitFindings, exitOK}, "findings", p("03-assessment-round1.json"), "--format", "json")
	if err != nil {
		return err
	}
	if err := writeBytes(p("04-findings-round1.json"), o.force, out); err != nil {
		return err
	}
	add("04-findings-round1.json", "リスク評価が必要な項目と対象外の一覧", "items needing a risk assessment, and the exclusions")

	// 5. The risk sheet, filled by the agency.
	if _, err := sub([]int{exitOK}, append([]string{"risk-sheet", p("03-assessment-round1.json"), "-o", p("05-risk-sheet-blank.xlsx"), "--date", date.String()}, force...)...); err != nil {
		return err
	}
	add("05-risk-sheet-blank.xlsx", "府省庁が記入するリスク評価シート", "the risk-assessment sheet for the agency")
	if err := fillDemoRiskSheet(p("05-risk-sheet-blank.xlsx"), p("06-risk-sheet-agency.xlsx"), o.force, s.Decisions, s.ExclusionDecisions); err != nil {
		return err
	}
	add("06-risk-sheet-agency.xlsx", "府省庁が判断を記入したリスク評価シート", "the risk sheet with the agency's decisions")

	// 6. Round 2: the CSP changes two answers; decisions carry forward.
	round2 := s.answers(cat, s.Round1, s.Round2)
	if err := fillDemoWorkbook(p("01-checklist-blank.xlsx"), p("07-checklist-csp-round2.xlsx"), o.force, round2, s); err != nil {
		return err
	}
	add("07-checklist-csp-round2.xlsx", "CSPが再提出したブック（2回目、2項目変更）", "the CSP's second round (two answers changed)")
	if _, err := sub([]int{exitOK, exitFindings}, append([]string{"ingest", p("07-checklist-csp-round2.xlsx"), "--json", p("08-assessment-round2.json")}, force...)...); err != nil {
		return err
	}
	add("08-assessment-round2.json", "2回目の読み取り結果", "the assessment of round 2")
	if _, err := sub([]int{exitOK}, append([]string{"risk-sheet", p("08-assessment-round2.json"), "--previous", p("06-risk-sheet-agency.xlsx"), "-o", p("09-risk-sheet-round2.xlsx"), "--date", date.String()}, force...)...); err != nil {
		return err
	}
	add("09-risk-sheet-round2.xlsx", "判断を引き継いだリスク評価シート（変更された回答は要再評価）", "the risk sheet with decisions carried forward (the changed answer marked for review)")

	// 7. The report for the CISO, from the returned workbook and the decisions.
	if _, err := sub([]int{exitOK, exitFindings}, append([]string{"report", p("07-checklist-csp-round2.xlsx"), "--risk", p("09-risk-sheet-round2.xlsx"), "--previous", p("02-checklist-csp-round1.xlsx"), "--date", date.String(), "-o", p("10-report.pdf")}, force...)...); err != nil {
		return err
	}
	add("10-report.pdf", "CISO向け 基本言明要件 適合状況確認報告書（PDF）", "the finding report for the CISO (PDF, in English with --lang en)")

	// 8. The interim-measure check (類型②: a SaaS waiting for its IaaS).
	out, err = sub([]int{exitOK, exitFindings}, "interim", "check", "--from", p("08-assessment-round2.json"), "--category", "2", "--as-of", date.String(), "--format", "json")
	if err != nil {
		return err
	}
	if err := writeBytes(p("11-interim-check.json"), o.force, out); err != nil {
		return err
	}
	add("11-interim-check.json", "暫定措置（類型②）の判定", "the interim-measure verdict (category 2)")
	// 9. What changed between the two rounds, with the decision it made stale.
	out, err = sub([]int{exitOK, exitFindings}, append([]string{"diff", p("02-checklist-csp-round1.xlsx"), p("07-checklist-csp-round2.xlsx"),
		"--risk", p("06-risk-sheet-agency.xlsx"), "--date", date.String(), "-o", p("12-diff-round1-round2.xlsx")}, force...)...)
	if err != nil {
		return err
	}
	if err := writeBytes(p("12-diff-round1-round2.txt"), o.force, out); err != nil {
		return err
	}
	add("12-diff-round1-round2.xlsx", "1回目と2回目の差分（変更2項目、要再評価の判断1件）", "what changed between the rounds (two answers, one decision now stale)")
	add("12-diff-round1-round2.txt", "同じ差分の表（diff の標準出力）", "the same changes as a table (what diff printed)")

	// 10. A year later: the next round starts from the answers of round 2.
	next := date.AddDate(1, 0, 0)
	if _, err := sub([]int{exitOK}, append([]string{"generate", "--from", p("07-checklist-csp-round2.xlsx"), "--date", next.String(),
		"--due", next.AddDate(0, 1, 0).String(), "-o", p("13-next-round-prefilled.xlsx")}, force...)...); err != nil {
		return err
	}
	add("13-next-round-prefilled.xlsx", "翌年度の確認票（前回の回答を引継ぎ、過ぎた予定日を強調）", "next year's workbook, prefilled from round 2 (past planned dates highlighted)")

	// 11. A small portfolio: this case and two more fictional ones.
	if err := a.demoPortfolio(o, s, cat, date, p, sub); err != nil {
		return err
	}
	add("portfolio/", "ポートフォリオの入力（架空の3案件、1件はリスク評価シートなし）", "the portfolio's input: three fictional cases, one without a risk sheet")
	add("14-portfolio.xlsx", "3案件の一覧（案件・要件マトリクス・期限）", "a portfolio of three cases (cases, requirement matrix, decisions due)")
	add("14-portfolio.txt", "同じ一覧の表（portfolio の標準出力）", "the same cases as a table (what portfolio printed)")

	if err := writeBytes(p("demo.log"), o.force, log.Bytes()); err != nil {
		return err
	}
	add("demo.log", "実行したコマンドとその出力", "the commands the demo ran and what they printed")

	fmt.Fprintf(a.stdout, a.msg("デモを %s に出力しました（基準日 %s）:\n", "Demo written to %s (scenario date %s):\n"), o.out, checklist.FormatJapanese(date))
	for _, st := range steps {
		fmt.Fprintf(a.stdout, "  %-30s %s\n", st.file, st.what)
	}
	fmt.Fprintf(a.stdout, a.msg("\nまず %s を開いてください。CSPへ送るブックは %s です。\n", "\nOpen %s first. The workbook an agency sends is %s.\n"),
		p("10-report.pdf"), p("01-checklist-blank.xlsx"))
	return nil
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

// demoPortfolio writes portfolio/ with the demo case (round 2 and its
// risk sheet) and two more fictional cases: one without a risk sheet, one
// whose decision on 9.4.2 was due for review a month before the scenario
// date; then the portfolio of the three.
func (a *app) demoPortfolio(o demoOptions, s *scenario, cat *checklist.Catalog, date checklist.Date, p func(string) string,
	sub func(want []int, args ...string) ([]byte, error)) error {
	dir := p("portfolio")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	q := func(name string) string { return filepath.Join(dir, name) }
	force := []string{}
	if o.force {
		force = []string{"--force"}
	}
	for _, c := range [][2]string{{"07-checklist-csp-round2.xlsx", "case-a-round2.xlsx"}, {"09-risk-sheet-round2.xlsx", "case-a-risk.xlsx"}} {
		src, err := input.Open(p(c[0]), input.Options{})
		if err != nil {
			return err
		}
		if err := writeBytes(q(c[1]), o.force, src.Bytes); err != nil {
			return err
		}
	}
	others := []struct {
		name, ref, system, service string
		answers                    []checklist.Answer
		review                     checklist.Date
	}{
		{"case-b", "架空-DX-2022-0051", "職員ポータル", "Example Portal (SaaS)", s.answers(cat, s.Round1), checklist.Date{}},
		{"case-c", "架空-DX-2022-0063", "統計公開システム", "Example Forms (SaaS)", s.answers(cat, s.Round1, s.Round2), date.AddDate(0, -1, 0)},
	}
	for _, c := range others {
		req := s.Request
		req.Reference, req.System, req.Service, req.Date = c.ref, c.system, c.service, date
		reqJSON, err := json.Marshal(req)
		if err != nil {
			return err
		}
		if err := writeBytes(q(c.name+"-request.tmp"), true, reqJSON); err != nil {
			return err
		}
		_, err = sub([]int{exitOK}, append([]string{"generate", "--request", q(c.name + "-request.tmp"), "-o", q(c.name + "-blank.tmp.xlsx")}, "--force")...)
		os.Remove(q(c.name + "-request.tmp"))
		if err != nil {
			return err
		}
		err = fillDemoWorkbook(q(c.name+"-blank.tmp.xlsx"), q(c.name+".xlsx"), o.force, c.answers, s)
		os.Remove(q(c.name + "-blank.tmp.xlsx"))
		if err != nil {
			return err
		}
		if c.review.IsZero() {
			continue // this case has no risk sheet yet
		}
		if _, err := sub([]int{exitOK}, "risk-sheet", q(c.name+".xlsx"), "-o", q(c.name+"-risk-blank.tmp.xlsx"), "--date", date.String(), "--force"); err != nil {
			return err
		}
		ds := append([]checklist.Decision(nil), s.Decisions...)
		for i := range ds {
			if ds[i].ID == "9.4.2" {
				ds[i].ReviewBy = c.review
			}
		}
		err = fillDemoRiskSheet(q(c.name+"-risk-blank.tmp.xlsx"), q(c.name+"-risk.xlsx"), o.force, ds, s.ExclusionDecisions)
		os.Remove(q(c.name + "-risk-blank.tmp.xlsx"))
		if err != nil {
			return err
		}
	}
	out, err := sub([]int{exitOK}, append([]string{"portfolio", dir, "--as-of", date.String(), "--due-within", "120", "-o", p("14-portfolio.xlsx")}, force...)...)
	if err != nil {
		return err
	}
	return writeBytes(p("14-portfolio.txt"), o.force, out)
}
