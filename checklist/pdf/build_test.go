package pdf

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/templates"
)

var keepDemo = flag.String("keep-demo", "", "write the demo-like report to this file, to look at it")

const knownFindingReason = "管理者アカウントに限り多要素認証を導入済み。一般利用者への展開は予算措置後に行う。"

func loadCatalog(t testing.TB) *checklist.Catalog {
	t.Helper()
	p, err := templates.CatalogPath(templates.DefaultEdition)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := checklist.LoadCatalog(templates.CatalogFS(), p)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// demoInput builds a report input like the demo's: every requirement
// answered in a fixed pattern, one 5,000-character answer, one answer
// with runes the font lacks, messages, decisions in every state and an
// interim-measure verdict.
func demoInput(t testing.TB) Input {
	t.Helper()
	cat := loadCatalog(t)
	date := checklist.NewDate(2026, time.March, 31)
	as := &checklist.Assessment{
		SchemaVersion: checklist.AssessmentSchemaVersion, Tool: "ismapcheck test",
		Source:  checklist.Source{Name: "answer.xlsx", Size: 12345, SHA256: strings.Repeat("ab", 32)},
		Edition: cat.Edition.ID, EditionFingerprint: cat.Edition.SHA256,
		Cover: checklist.Cover{
			Request: checklist.Request{Agency: "架空省", Division: "大臣官房 デジタル推進室", System: "電子申請受付システム",
				CSP: "Example Cloud Services Inc.", Service: "Example Forms", ServiceModel: "SaaS", InterimCategory: "2"},
			CSP: checklist.CSPCover{RespondentName: "Jane Smith", RespondentTitle: "Head of Security", AnswerDate: checklist.NewDate(2026, time.March, 2)},
		},
	}
	for i, it := range cat.Requirements() {
		a := checklist.Answer{ID: it.ID, Status: checklist.StatusConforms, Responsibility: checklist.RespCSP,
			Implementation: "社内規程に基づき実施し、年次で見直している。", Evidence: "情報セキュリティ規程 第5版"}
		switch {
		case i%17 == 5:
			a.Status, a.Reason, a.PlannedDate = checklist.StatusPartial, knownFindingReason, checklist.NewDate(2026, time.September, 30)
		case i%23 == 7:
			a.Status, a.Reason = checklist.StatusNonconforming, "未対応。"
		case i%29 == 3 && it.Level == checklist.LevelObjective:
			a.Status, a.Reason = checklist.StatusNotApplicable, "当サービスは物理媒体を扱わないため対象外。"
		case i == 60:
			a.Status = checklist.StatusUnanswered
			a.Implementation, a.Evidence = "", ""
		}
		if i == 100 {
			a.Implementation = longAnswer()
		}
		if i == 8 {
			a.Remarks = "担当：𠮷田（🍣チーム）"
		}
		as.Answers = append(as.Answers, a)
	}
	as.Messages = []checklist.Message{
		{Severity: checklist.SeverityWarning, Code: "planned_date_past", File: "answer.xlsx", Sheet: "チェックリスト", Cell: "H20", ID: "3.1.1.1", TextJA: "対応予定日が回答日より前です。", TextEN: "planned date is before the answer date"},
	}
	res := checklist.Findings(cat, as)
	var decisions []checklist.Decision
	for i, f := range res.Findings {
		d := checklist.Decision{ID: f.ID, AnswerHash: f.AnswerHash, Impact: checklist.RatingMedium, Likelihood: checklist.RatingLow,
			Treatment: checklist.TreatmentAccept, Compensating: "利用者側でアクセスログを週次確認する。", Approver: "CISO 山田",
			ApprovedOn: checklist.NewDate(2026, time.March, 20), ReviewBy: checklist.NewDate(2027, time.March, 31)}
		switch i % 4 {
		case 1:
			continue // open
		case 2:
			d.AnswerHash = "0000" // stale
		case 3:
			d.ApprovedOn, d.ReviewBy = checklist.NewDate(2025, time.January, 10), checklist.NewDate(2026, time.January, 31) // expired
		}
		decisions = append(decisions, d)
	}
	decisions = append(decisions, checklist.Decision{ID: "9.9.9.9.B", AnswerHash: "x", Impact: checklist.RatingLow, Likelihood: checklist.RatingLow, Treatment: checklist.TreatmentAccept, Approver: "前任CISO", ApprovedOn: checklist.NewDate(2025, 3, 1)})
	states := checklist.ApplyDecisions(res, decisions, date)
	v := checklist.EvaluateInterim(checklist.Interim2, checklist.InterimFacts{UseStart: checklist.NewDate(2022, 4, 1), Application: "expected", SaaSAwaitingIaaS: "yes"}, date)
	asJSON, _ := json.Marshal(as)
	return Input{
		Catalog: cat, Assessment: as, Result: res, Decisions: states, Interim: &v,
		ReportDate: date, Tool: "ismapcheck test",
		Files: []InputFile{
			{Name: "answer.xlsx", Role: "回答ワークブック", MIME: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data: []byte("PK\x03\x04 synthetic workbook bytes")},
			{Name: "assessment.json", Role: "取込結果（assessment JSON）", MIME: "application/json", Data: asJSON},
			{Name: "risk.xlsx", Role: "リスク評価シート", Data: []byte("PK\x03\x04 synthetic risk sheet")},
		},
		Params: [][2]string{{"--date", "2026-03-31"}, {"--edition", cat.Edition.ID}, {"--risk", "risk.xlsx"}},
	}
}

func renderDemo(t testing.TB) (Input, Report, []byte, Layout) {
	t.Helper()
	in := demoInput(t)
	rep := Build(in)
	var buf bytes.Buffer
	lay, err := Render(&buf, rep, Options{FontTTF: templates.Font()})
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	if *keepDemo != "" {
		if err := os.WriteFile(*keepDemo, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return in, rep, buf.Bytes(), lay
}

func TestBuildDemoReport(t *testing.T) {
	in, rep, data, lay := renderDemo(t)
	keys := map[string]int{}
	for _, s := range lay.Sections {
		keys[s.Key] = s.Page
	}
	for _, k := range []string{KeyCover, KeySummary, KeyFindings, KeyExclusions, KeyMessages, KeyInterim, KeySignOff, KeyAppendixA, KeyAppendixB} {
		if _, ok := keys[k]; !ok {
			t.Errorf("section %q missing", k)
		}
	}
	if keys[KeyCover] != 1 || keys[KeySummary] != 2 {
		t.Errorf("cover on page %d, summary on %d", keys[KeyCover], keys[KeySummary])
	}
	if len(lay.Replacements) != 2 {
		t.Errorf("replacements %+v, want 𠮷 and 🍣", lay.Replacements)
	}
	if in.Result.NeedsRiskAssessment == 0 || len(in.Result.Exclusions) == 0 {
		t.Fatalf("fixture has %d findings and %d exclusions; want some of each", in.Result.NeedsRiskAssessment, len(in.Result.Exclusions))
	}
	text := extractText(t, data, rep, "ID要件状況・責任回答内容", in.Catalog.Requirements()[100].ID+ContinuedMark)
	for _, want := range []string{knownFindingReason, longAnswer(), "【備考】担当：〓田（〓チーム）", "令和8年3月31日（2026-03-31）", "U+20BB7", "U+1F363"} {
		if !strings.Contains(text, stripSpace(want)) {
			t.Errorf("extracted text lacks %.50q…", want)
		}
	}
	t.Logf("%d pages, %d bytes", lay.Pages, len(data))
}

func TestDocumentIDFollowsInputs(t *testing.T) {
	in := demoInput(t)
	id := DocumentID(in)
	if id != DocumentID(demoInput(t)) {
		t.Error("same inputs, different document IDs")
	}
	in.Files[0].Data = append([]byte(nil), in.Files[0].Data...)
	in.Files[0].Data[5] ^= 1
	if DocumentID(in) == id {
		t.Error("a changed input file kept the document ID")
	}
	in = demoInput(t)
	in.ReportDate = in.ReportDate.AddDate(0, 0, 1)
	if DocumentID(in) == id {
		t.Error("a changed report date kept the document ID")
	}
}

func BenchmarkRenderDemo(b *testing.B) {
	in := demoInput(b)
	font := templates.Font()
	for b.Loop() {
		if _, err := Render(io.Discard, Build(in), Options{FontTTF: font}); err != nil {
			b.Fatal(err)
		}
	}
}

// ISMAP管理基準 2.2.4 and README section 3: the summary prints the formula
// of the conformance rate with the numbers it was computed from (a B
// control exempted with its excluded objective is out of both, whatever it
// was answered), and a B control that falls short under an objective
// answered 適合 carries the inconsistency as a warning, not a finding of
// the objective.
func TestBuild_2_2_4_RateFormulaAndBControlWarning(t *testing.T) {
	in := demoInput(t)
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
	rep := Build(in)
	var summary, findings strings.Builder
	for _, s := range rep.Sections {
		for _, b := range s.Blocks {
			var w *strings.Builder
			switch s.Key {
			case KeySummary:
				w = &summary
			case KeyFindings:
				w = &findings
			default:
				continue
			}
			switch b := b.(type) {
			case *Paragraph:
				w.WriteString(b.Text + "\n")
			case *Table:
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
