package main

import (
	"fmt"
	"io"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx/risksheet"
	"github.com/spf13/cobra"
)

type riskSheetOptions struct {
	cf       catalogFlags
	in       inputFlags
	out      string
	previous string
	date     string
	force    bool
}

const riskSheetLong = `Write the agency's risk-assessment workbook for the findings of FILE (a
completed workbook or an assessment JSON): one row per finding with the
finding's data locked, and unlocked columns with drop-downs for 影響度,
発生可能性, 対応方針, 補完的対策, 担当, 期限, 承認者, 承認日 and 再評価期限.
A very hidden sheet binds each row to the SHA-256 of the CSP answer it
judges and to the source workbook's SHA-256.

With --previous, the decisions of an earlier risk sheet are carried forward:
unchanged answers keep their decision; changed answers keep it too but are
marked 要再評価 (stale) until the agency reviews and edits the row; decisions
for items that are no longer findings are kept at the end (orphaned).

The risk level is computed from impact × likelihood when the sheet is read:
  impact\likelihood  高  中  低
  高                 高  高  中
  中                 高  中  低
  低                 中  低  低`

func newRiskSheetCmd(a *app) *cobra.Command {
	var o riskSheetOptions
	cmd := &cobra.Command{
		Use:   "risk-sheet FILE -o risk.xlsx",
		Short: "Write the risk-assessment workbook for the findings / リスク評価シートを作成",
		Long:  riskSheetLong,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runRiskSheet(cmd, args[0], o)
		},
	}
	o.cf.register(cmd)
	o.in.register(cmd)
	cmd.Flags().StringVarP(&o.out, "output", "o", "", "risk sheet to write (.xlsx) / 出力するリスク評価シート")
	cmd.Flags().StringVar(&o.previous, "previous", "", "earlier risk sheet whose decisions to carry forward / 前回のリスク評価シート")
	cmd.Flags().StringVar(&o.date, "date", "", "generation date (default today) / 作成日（既定: 今日）")
	cmd.Flags().BoolVar(&o.force, "force", false, "overwrite the output file / 出力先を上書き")
	return cmd
}

func (a *app) runRiskSheet(cmd *cobra.Command, file string, o riskSheetOptions) error {
	if o.out == "" {
		return usageBoth("no output file given (-o risk.xlsx)", "出力先(-o)を指定してください")
	}
	date, err := a.dateFlag("date", o.date)
	if err != nil {
		return err
	}
	if file == "-" && o.previous == "-" {
		return usageBoth("FILE and --previous cannot both be standard input (-)", "FILE と --previous の両方を標準入力（-）にはできません")
	}
	_, cat, as, err := a.loadFindingsInput(cmd, &o.cf, &o.in, file, date)
	if err != nil {
		return err
	}
	var prev []checklist.Decision
	var prevEx []checklist.ExclusionDecision
	if o.previous != "" {
		_, sheet, err := a.readRiskFile(o.previous, &o.in, as)
		if err != nil {
			return err
		}
		// Problems in the previous sheet are reported; its decisions are
		// carried anyway (flagged invalid) so nothing is lost.
		a.printMessages(atPath(o.previous, sheet.Messages))
		prev, prevEx = sheet.Decisions, sheet.Exclusions
	}
	// A rejected exclusion makes findings, which get rows here.
	res, exStates := checklist.FindingsWithExclusions(cat, as, checklist.CarryForwardExclusions(prevEx))
	carried := checklist.CarryForward(prev, res)
	rv := checklist.NewReview(res, carried, exStates, date)
	err = a.writeOutput(o.out, o.force, []string{file, o.previous, o.cf.file}, func(w io.Writer) error {
		return risksheet.Write(w, res, as, prev, risksheet.WriteOptions{Date: date, ToolVersion: toolVersion(), Catalog: cat, PreviousExclusions: prevEx})
	})
	if err != nil {
		return err
	}
	counts, exCounts := rv.Counts, rv.ExclusionCounts
	fmt.Fprintf(a.summaryTo(o.out), a.msg("%s を作成しました: 指摘 %d件、引継ぎ判断 %d件（要再評価 %d、期限切れ %d、指摘解消 %d）、未評価 %d件\n",
		"wrote %s: %d findings, %d decisions carried forward (%d stale, %d expired, %d orphaned), %d open\n"),
		o.out, res.NeedsRiskAssessment, len(carried), counts[checklist.StateStale], counts[checklist.StateExpired], counts[checklist.StateOrphaned], counts[checklist.StateOpen])
	if len(res.Exclusions) > 0 {
		fmt.Fprintf(a.summaryTo(o.out), a.msg("対象外（除外） %d件: 判断済 %d件（うち不受入 %d件）、要再判断 %d件、未判断 %d件\n",
			"exclusions: %d, %d decided (%d rejected), %d stale, %d undecided\n"),
			len(res.Exclusions), exCounts[checklist.StateCurrent], rv.RejectedExclusions(), exCounts[checklist.StateStale], rv.UndecidedExclusions())
	}
	return nil
}
