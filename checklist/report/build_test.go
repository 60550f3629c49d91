package report_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/checklist/report/reporttest"
)

func TestDocumentIDFollowsInputs(t *testing.T) {
	in := reporttest.DemoInput(t)
	id := report.DocumentID(in)
	if id != report.DocumentID(reporttest.DemoInput(t)) {
		t.Error("same inputs, different document IDs")
	}
	in.Files[0].Data = append([]byte(nil), in.Files[0].Data...)
	in.Files[0].Data[5] ^= 1
	if report.DocumentID(in) == id {
		t.Error("a changed input file kept the document ID")
	}
	in = reporttest.DemoInput(t)
	in.ReportDate = in.ReportDate.AddDate(0, 0, 1)
	if report.DocumentID(in) == id {
		t.Error("a changed report date kept the document ID")
	}
}

// ISMAP管理基準 2.2.4 and README section 3: the summary prints the formula
// of the conformance rate with the numbers it was computed from (a B
// control exempted with its excluded objective is out of both, whatever it
// was answered), and a B control that falls short under an objective
// answered 適合 carries the inconsistency as a warning, not a finding of
// the objective.
func TestBuild_2_2_4_RateFormulaAndBControlWarning(t *testing.T) {
	in := reporttest.DemoInput(t)
	cat := in.Catalog
	var excluded, short checklist.Item
	for _, it := range cat.Requirements() {
		if !it.B {
			continue
		}
		switch {
		case excluded.ID == "":
			excluded = it
		case short.ID == "" && it.Parent != excluded.Parent:
			short = it
		}
	}
	for i := range in.Assessment.Answers {
		x := &in.Assessment.Answers[i]
		switch x.ID {
		case excluded.Parent:
			x.Status, x.Reason = checklist.StatusNotApplicable, "対象外の理由"
		case excluded.ID:
			x.Status = checklist.StatusConforms // exempt, answered 適合
		case short.Parent:
			x.Status = checklist.StatusConforms
		case short.ID:
			x.Status, x.Reason = checklist.StatusNonconforming, "未対応"
		}
	}
	in.Result = checklist.Findings(cat, in.Assessment)
	in.Decisions = nil
	tot := in.Result.Summary.Total
	if tot.Exempt == 0 || tot.RateConforms >= tot.Conforms {
		t.Fatalf("fixture: total %+v, want an exempt B control answered 適合 left out of the rate", tot)
	}
	rep := report.Build(in)
	var summary, findings strings.Builder
	for _, s := range rep.Sections {
		for _, b := range s.Blocks {
			var w *strings.Builder
			switch s.Key {
			case report.KeySummary:
				w = &summary
			case report.KeyFindings:
				w = &findings
			default:
				continue
			}
			switch b := b.(type) {
			case *report.Paragraph:
				w.WriteString(b.Text + "\n")
			case *report.Table:
				for _, r := range b.Rows {
					w.WriteString(strings.ReplaceAll(strings.Join(r.Cells, "|"), "\n", " ") + "\n")
				}
			}
		}
	}
	want := fmt.Sprintf("適合 ÷（適合 ＋ 一部適合 ＋ 不適合 ＋ 認められない対象外）＝ %d ÷ %d ＝ %.1f%%", tot.RateConforms, tot.RateBase, 100*float64(tot.RateConforms)/float64(tot.RateBase))
	if !strings.Contains(summary.String(), want) {
		t.Errorf("summary lacks %q:\n%s", want, summary.String())
	}
	if strings.Contains(summary.String(), "回答済み − 対象外") {
		t.Error("summary still prints the old formula")
	}
	if _, ok := in.Result.Finding(short.Parent); ok {
		t.Errorf("objective %s is a finding", short.Parent)
	}
	wantWarn := "【警告】回答の不整合: 統制目標 " + short.Parent
	found := false
	for _, line := range strings.Split(findings.String(), "\n") {
		if strings.HasPrefix(line, short.ID+"|") && strings.Contains(line, wantWarn) {
			found = true
		}
	}
	if !found {
		t.Errorf("finding %s lacks %q", short.ID, wantWarn)
	}
}
