// Command fill answers every requirement of a blank workbook generated
// from CATALOG.csv, the way the demo's CSP does (mostly 適合 with text,
// every seventh 一部適合 with a reason and a date), so the benchmark can
// ingest a filled workbook of any size. Bench only; see testdata/bench/README.md.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: fill CATALOG.csv BLANK.xlsx OUT.xlsx")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(catPath, in, out string) error {
	cat, err := checklist.LoadCatalog(os.DirFS(filepath.Dir(catPath)), filepath.Base(catPath))
	if err != nil {
		return err
	}
	var answers []checklist.Answer
	for i, it := range cat.Requirements() {
		a := checklist.Answer{ID: it.ID, Status: checklist.StatusConforms,
			Implementation: "手順書に定め、年次で見直している。 Documented and reviewed yearly.",
			Evidence:       "規程集 第" + fmt.Sprint(i%40+1) + "章"}
		if i%7 == 3 {
			a.Status, a.Reason, a.PlannedDate = checklist.StatusPartial, "一部の拠点で導入中", checklist.NewDate(2027, 3, 31)
		}
		answers = append(answers, a)
	}
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := os.Create(out)
	if err != nil {
		return err
	}
	cover := checklist.CSPCover{RespondentName: "Bench", RespondentEmail: "bench@example.com", AnswerDate: checklist.NewDate(2023, 1, 20)}
	if err := xlsx.Fill(f, w, answers, cover, checklist.InterimFacts{}, nil); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
