// Package reporttest holds the report input the tests of checklist/report
// and checklist/pdf share: a demo-like case built from the embedded
// catalogue, so the model and its rendering are tested on the same input.
package reporttest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/templates"
)

// KnownFindingReason is the reason of the partial answers of DemoInput.
const KnownFindingReason = "管理者アカウントに限り多要素認証を導入済み。一般利用者への展開は予算措置後に行う。"

// LoadCatalog loads the default edition's embedded catalogue.
func LoadCatalog(t testing.TB) *checklist.Catalog {
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

// DemoInput builds a report input like the demo's: every requirement
// answered in a fixed pattern, one 5,000-character answer, one answer
// with runes the font lacks, messages, decisions in every state and an
// interim-measure verdict.
func DemoInput(t testing.TB) report.Input {
	t.Helper()
	cat := LoadCatalog(t)
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
			a.Status, a.Reason, a.PlannedDate = checklist.StatusPartial, KnownFindingReason, checklist.NewDate(2026, time.September, 30)
		case i%23 == 7:
			a.Status, a.Reason = checklist.StatusNonconforming, "未対応。"
		case i%29 == 3 && it.Level == checklist.LevelObjective:
			a.Status, a.Reason = checklist.StatusNotApplicable, "当サービスは物理媒体を扱わないため対象外。"
		case i == 60:
			a.Status = checklist.StatusUnanswered
			a.Implementation, a.Evidence = "", ""
		}
		if i == 100 {
			a.Implementation = LongAnswer()
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
	decisions := DemoDecisions(res)
	states := checklist.ApplyDecisions(res, decisions, date)
	v := checklist.EvaluateInterimCase(checklist.Interim2, checklist.InterimFacts{UseStart: checklist.NewDate(2022, 4, 1), Application: "expected", SaaSAwaitingIaaS: "yes"}, as.Cover.OrganizationKind(), date)
	asJSON, _ := json.Marshal(as)
	return report.Input{
		Catalog: cat, Assessment: as, Result: res, Decisions: states, Interim: &v,
		ReportDate: date, Tool: "ismapcheck test",
		Files: []report.InputFile{
			{Name: "answer.xlsx", Role: "回答ワークブック", MIME: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data: []byte("PK\x03\x04 synthetic workbook bytes")},
			{Name: "assessment.json", Role: "取込結果（assessment JSON）", MIME: "application/json", Data: asJSON},
			{Name: "risk.xlsx", Role: "リスク評価シート", Data: []byte("PK\x03\x04 synthetic risk sheet")},
		},
		Params: [][2]string{{"--date", "2026-03-31"}, {"--edition", cat.Edition.ID}, {"--risk", "risk.xlsx"}},
	}
}

// DemoDecisions are the risk decisions of DemoInput for the findings of
// res: every fourth finding open, stale, expired or current, and one
// decision that matches no finding.
func DemoDecisions(res checklist.Result) []checklist.Decision {
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
	return decisions
}

// DemoRun is DemoInput as report.Assemble takes it: the workbook (its
// assessment JSON beside it), a risk sheet with DemoDecisions, the report
// date and lang, and no previous round.
func DemoRun(t testing.TB, lang string) report.Run {
	t.Helper()
	in := DemoInput(t)
	asJSON, err := json.Marshal(in.Assessment)
	if err != nil {
		t.Fatal(err)
	}
	return report.Run{
		Source:         report.Source{Name: "answer.xlsx", Bytes: []byte("PK\x03\x04 synthetic workbook bytes"), Workbook: true},
		AssessmentJSON: asJSON, Catalog: in.Catalog, Assessment: in.Assessment,
		Risk: &report.RiskSheet{Name: "risk.xlsx", Bytes: []byte("PK\x03\x04 synthetic risk sheet"), Decisions: DemoDecisions(in.Result),
			Messages: []checklist.Message{{Severity: checklist.SeverityWarning, Code: "sample", File: "risk.xlsx", TextJA: "例", TextEN: "sample"}}},
		Date: in.ReportDate, Lang: lang, Tool: in.Tool, FontParam: report.FontParam(lang, "IPAex Gothic", "", ""),
	}
}

// ReadyInput is DemoInput with every finding decided and every exclusion
// accepted, and no ingest error.
func ReadyInput(t testing.TB) report.Input {
	t.Helper()
	in := DemoInput(t)
	var ds []checklist.Decision
	for _, f := range in.Result.Findings {
		ds = append(ds, checklist.Decision{ID: f.ID, AnswerHash: f.AnswerHash, Impact: checklist.RatingLow, Likelihood: checklist.RatingLow,
			Treatment: checklist.TreatmentMitigate, ReviewBy: checklist.NewDate(2027, 3, 31)})
	}
	in.Decisions = checklist.ApplyDecisions(in.Result, ds, in.ReportDate)
	var xs []checklist.ExclusionDecision
	for _, e := range in.Result.Exclusions {
		xs = append(xs, checklist.ExclusionDecision{ID: e.ID, AnswerHash: e.AnswerHash, Verdict: checklist.ExclusionAccept,
			Approver: "CISO 山田", DecidedOn: checklist.NewDate(2026, 3, 20)})
	}
	in.Exclusions = checklist.ApplyExclusionDecisions(in.Result, xs)
	return in
}

// LongAnswer is a 5,000-character answer, long enough to split over pages.
func LongAnswer() string {
	var b strings.Builder
	for i := 1; b.Len() < 15000; i++ {
		fmt.Fprintf(&b, "第%d項：当社は、アクセス権の付与と削除を申請・承認・記録の手順で管理し（「権限管理規程」）、四半期ごとに棚卸しを行っている。", i)
	}
	r := []rune(b.String())
	return string(r[:5000])
}
