package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/spf13/cobra"
)

const feedbackLong = `Write a correction pack for the CSP: a copy of its own workbook with every
answer untouched, each problem cell coloured (red: to fix, yellow: to check)
and commented in Japanese and English with what is wrong and what to enter,
and a first sheet "修正依頼 Corrections" listing every problem grouped by
code with counts (the same problem in many cells is one line).

The problems are ingest's messages (except the edition checks, which are
the agency's) and the findings that need the CSP's answer rather than a
risk decision: a requirement left unanswered, a B control marked 対象外
while its objective applies. The CSP corrects the cells and sends the pack
back; it reads as the same workbook (the corrections sheet is skipped), and
feedback on a returned pack replaces the earlier marks.

The workbook is read exactly as ingest reads it (size cap, zip and XML
checks first); an encrypted workbook needs --password and the pack is
written without the password.

Exit codes: 0 nothing to correct (the pack is still written); 1 the pack
lists problems; 3 the workbook cannot be read.

CSP向けの修正依頼ブックを作成します（回答はそのまま、問題のセルに色とコメント、
先頭に問題一覧シート）。`

type feedbackOptions struct {
	cf    catalogFlags
	in    inputFlags
	out   string
	date  string
	force bool
}

func newFeedbackCmd(a *app) *cobra.Command {
	var o feedbackOptions
	cmd := &cobra.Command{
		Use:   "feedback WORKBOOK -o corrections.xlsx",
		Short: "Write a correction pack for the CSP / CSP向け修正依頼ブックを作成",
		Long:  feedbackLong,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runFeedback(cmd, args[0], o)
		},
	}
	o.cf.register(cmd)
	o.in.register(cmd)
	f := cmd.Flags()
	f.StringVarP(&o.out, "output", "o", "", "correction pack to write (.xlsx) / 出力する修正依頼ブック")
	f.StringVar(&o.date, "date", "", "date of the check: planned dates before it are flagged (default today) / 確認日（既定: 今日）")
	f.BoolVar(&o.force, "force", false, "overwrite the output file / 出力先を上書き")
	return cmd
}

func (a *app) runFeedback(cmd *cobra.Command, file string, o feedbackOptions) error {
	if o.out == "" {
		return usageBoth("no output file given (-o corrections.xlsx)", "出力先(-o)を指定してください")
	}
	// The pack keeps the workbook's package as it is: a macro workbook
	// (.xlsm) stays one, and Excel refuses one named .xlsx.
	if in, out := strings.ToLower(filepath.Ext(file)), strings.ToLower(filepath.Ext(o.out)); (in == ".xlsm") != (out == ".xlsm") {
		return usageBoth("the correction pack of %q must have the same extension (%s), not %q", "修正依頼ブックの拡張子は %[1]q と同じ %[2]s にしてください（%[3]q は不可）", file, filepath.Ext(file), o.out)
	}
	date, err := a.dateFlag("date", o.date)
	if err != nil {
		return err
	}
	cat, err := o.cf.load()
	if err != nil {
		return err
	}
	iopt, pw, err := o.in.options(a)
	if err != nil {
		return err
	}
	src, err := input.Open(file, iopt)
	if err != nil {
		return err
	}
	switch src.Kind {
	case input.KindAssessment, input.KindFindings, input.KindJSON:
		return usageBoth("%q is a JSON file; feedback needs the CSP's workbook (.xlsx)", "%q は JSON ファイルです。feedback には CSP のブック（.xlsx）を指定してください", file)
	case input.KindRiskSheet:
		return usageBoth("%q is a risk sheet; feedback needs the CSP's workbook (.xlsx)", "%q はリスク評価シートです。feedback には CSP のブック（.xlsx）を指定してください", file)
	}
	opt := xlsx.FeedbackOptions{
		ReadOptions: xlsx.ReadOptions{MaxFileSize: iopt.MaxSize, Password: pw, Today: date, Tool: "ismapcheck " + toolVersion()},
		Date:        date,
	}
	if !(cmd.Flags().Changed("edition") || o.cf.file != "") {
		// Read against the edition the workbook names, as ingest does.
		if opt.Editions, err = input.EmbeddedEditions(); err != nil {
			return err
		}
	}
	var res *xlsx.FeedbackResult
	err = a.writeOutput(o.out, o.force, []string{file, o.cf.file}, func(w io.Writer) error {
		var err error
		res, err = xlsx.Feedback(w, src.Bytes, file, cat, opt)
		return err
	})
	if err != nil {
		return err
	}
	fix, check := 0, 0
	for _, c := range res.Corrections {
		if c.Severity == checklist.SeverityError {
			fix++
		} else {
			check++
		}
	}
	if len(res.Corrections) == 0 {
		fmt.Fprintf(a.summaryTo(o.out), a.msg("%s を作成しました: 修正が必要な箇所はありません\n", "wrote %s: nothing to correct\n"), o.out)
		return nil
	}
	sum := a.summaryTo(o.out)
	fmt.Fprintf(sum, a.msg("%s を作成しました: 要修正 %d件、要確認 %d件（%d種類、コメント %dセル）\n",
		"wrote %s: %d to fix, %d to check (%d kinds, %d cells commented)\n"), o.out, fix, check, len(res.Groups), res.Cells)
	// The counts line up even after a code longer than the usual width
	// (na_on_governance_management).
	width := 26
	for _, g := range res.Groups {
		width = max(width, len(g.Code))
	}
	for _, g := range res.Groups {
		fmt.Fprintf(sum, "  %-*s %4d\n", width, g.Code, g.Count)
	}
	return errFindings
}

// readWorkbookBytes reads a workbook whole, refusing one larger than
// limit before reading it.
func readWorkbookBytes(path string, limit int64) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: opening %q: %v", checklist.ErrInvalidInput, path, err)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, fmt.Errorf("%w: reading %q: %v", checklist.ErrInvalidInput, path, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%w: %q is a directory", checklist.ErrInvalidInput, path)
	}
	if st.Size() > limit {
		return nil, &checklist.CellError{File: path, Err: xlsx.ErrTooLarge,
			JA: fmt.Sprintf("ファイルが大きすぎます（%dバイト、上限%dバイト。--max-size で変更できます）", st.Size(), limit),
			EN: fmt.Sprintf("the file is too large (%d bytes, limit %d; see --max-size)", st.Size(), limit)}
	}
	data, err := io.ReadAll(io.LimitReader(fh, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: reading %q: %v", checklist.ErrInvalidInput, path, err)
	}
	if int64(len(data)) > limit {
		return nil, &checklist.CellError{File: path, Err: xlsx.ErrTooLarge,
			JA: fmt.Sprintf("ファイルが大きすぎます（上限%dバイト。--max-size で変更できます）", limit),
			EN: fmt.Sprintf("the file is too large (limit %d bytes; see --max-size)", limit)}
	}
	return data, nil
}
