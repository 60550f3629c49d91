package report_test

import (
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/checklist/report/reporttest"
)

// allText gathers every string of the sections with the given keys.
func allText(rep report.Report, keys ...string) string {
	var b strings.Builder
	for _, s := range rep.Sections {
		if len(keys) > 0 && !containsStr(keys, s.Key) {
			continue
		}
		b.WriteString(s.Title + "\n")
		for _, bl := range s.Blocks {
			switch x := bl.(type) {
			case *report.Paragraph:
				b.WriteString(x.Text + "\n")
			case *report.Table:
				b.WriteString(x.Caption + "\n")
				for _, c := range x.Columns {
					b.WriteString(c.Title + "\t")
				}
				for _, r := range x.Rows {
					b.WriteString(strings.Join(r.Cells, "\t") + "\n")
				}
			case *report.SignOff:
				b.WriteString(x.Title + "\n" + x.Note + "\n")
			}
		}
	}
	return b.String()
}

func containsStr(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func TestBuildDraftMark(t *testing.T) {
	ready := reporttest.ReadyInput(t)
	if s := ready.SignOff(); !s.Ready {
		t.Fatalf("readyInput is not ready: %+v", s.Blockers)
	}
	noExclusionDecisions := reporttest.ReadyInput(t)
	noExclusionDecisions.Exclusions = nil
	withIngestError := reporttest.ReadyInput(t)
	withIngestError.Assessment.Messages = append(withIngestError.Assessment.Messages, checklist.Message{Severity: checklist.SeverityError, ID: "5.1.1", TextJA: "読めない値", TextEN: "unreadable"})
	tests := []struct {
		name  string
		in    report.Input
		ready bool
		lists string // a blocker text the summary must list
	}{
		{"ready", ready, true, ""},
		{"demo: open, stale, expired decisions", reporttest.DemoInput(t), false, checklist.BlockDecisionStale.LabelJA()},
		{"exclusions undecided", noExclusionDecisions, false, checklist.BlockExclusionUndecided.LabelJA()},
		{"ingest error", withIngestError, false, "読めない値"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := report.Build(tt.in)
			if got := rep.Watermark == report.DraftMark; got == tt.ready {
				t.Errorf("watermark %q with ready=%v", rep.Watermark, tt.ready)
			}
			cover, summary := allText(rep, report.KeyCover), allText(rep, report.KeySummary)
			wantCover := "署名準備：未完了"
			if tt.ready {
				wantCover = "署名準備：完了"
			}
			if !strings.Contains(cover, wantCover) || !strings.Contains(summary, "署名準備") {
				t.Errorf("cover or summary lacks the readiness (%q):\n%s", wantCover, cover)
			}
			if strings.Contains(summary, "署名を妨げている事項") == tt.ready {
				t.Errorf("blocker table present=%v with ready=%v", !tt.ready, tt.ready)
			}
			if tt.lists != "" && !strings.Contains(summary, tt.lists) {
				t.Errorf("summary does not list %q", tt.lists)
			}
		})
	}
}

func TestBuildInvalidRowNamesProblem(t *testing.T) {
	in := reporttest.ReadyInput(t)
	f := in.Result.Findings[0]
	ds := []checklist.Decision{{ID: f.ID, AnswerHash: f.AnswerHash, Impact: checklist.RatingLow, Treatment: checklist.TreatmentMitigate, Invalid: true}}
	in.Decisions = checklist.ApplyDecisions(in.Result, ds, in.ReportDate)
	in.RiskMessages = []checklist.Message{{Severity: checklist.SeverityError, Code: "vocabulary", Cell: "M6", ID: f.ID, TextJA: "発生可能性（" + f.ID + "）: \"大\" は選択肢にありません", TextEN: "x"}}
	text := allText(report.Build(in), report.KeyFindings)
	if !strings.Contains(text, "【入力不備】セル M6：発生可能性") {
		t.Errorf("the invalid row does not name its problem:\n%.600s", text)
	}
	summary := allText(report.Build(in), report.KeySummary)
	if strings.Contains(summary, "（第4章）") || !strings.Contains(summary, "本書「4. 入力の検証結果」") {
		t.Errorf("the summary's reference to section 4 can be read as an ISMAP chapter:\n%.400s", summary)
	}
}

func TestBuildExclusionDecisions(t *testing.T) {
	in := reporttest.DemoInput(t)
	if len(in.Result.Exclusions) < 2 {
		t.Fatalf("fixture has %d exclusions; want two", len(in.Result.Exclusions))
	}
	e0, e1 := in.Result.Exclusions[0], in.Result.Exclusions[1]
	xs := []checklist.ExclusionDecision{
		{ID: e0.ID, AnswerHash: e0.AnswerHash, Verdict: checklist.ExclusionReject, Reason: "代替の証跡が示されていない", Approver: "CISO 山田", DecidedOn: checklist.NewDate(2026, 3, 20)},
		{ID: e1.ID, AnswerHash: "stale", Verdict: checklist.ExclusionAccept, Approver: "CISO 山田", DecidedOn: checklist.NewDate(2026, 3, 20)},
	}
	in.Result, in.Exclusions = checklist.FindingsWithExclusions(in.Catalog, in.Assessment, xs)
	in.Decisions = checklist.ApplyDecisions(in.Result, nil, in.ReportDate)
	rep := report.Build(in)
	ex := allText(rep, report.KeyExclusions)
	for _, want := range []string{"判断：不受入（指摘事項として第2章に掲載）", "理由：代替の証跡が示されていない", "■ 要再判断", "CISOの判断"} {
		if !strings.Contains(ex, want) {
			t.Errorf("exclusions section lacks %q:\n%.800s", want, ex)
		}
	}
	if !strings.Contains(allText(rep, report.KeyFindings), checklist.ReasonObjectiveExclusionRejected.LabelJA()) {
		t.Error("the rejected exclusion is not a finding in section 2")
	}
}

func TestBuildStaleRowShowsWhatChanged(t *testing.T) {
	in := reporttest.ReadyInput(t)
	f := in.Result.Findings[0]
	cur, _ := in.Assessment.Answer(f.ID)
	judged := cur
	judged.Reason, judged.PlannedDate = "旧い理由", checklist.NewDate(2025, 12, 31)
	unknown := in.Result.Findings[1]
	ds := []checklist.Decision{
		{ID: f.ID, AnswerHash: checklist.AnswerHash(judged), JudgedAnswer: &judged, Impact: checklist.RatingLow, Likelihood: checklist.RatingLow, Treatment: checklist.TreatmentMitigate},
		{ID: unknown.ID, AnswerHash: "old", Impact: checklist.RatingLow, Likelihood: checklist.RatingLow, Treatment: checklist.TreatmentMitigate},
	}
	in.Decisions = checklist.ApplyDecisions(in.Result, ds, in.ReportDate)
	text := allText(report.Build(in), report.KeyFindings)
	for _, want := range []string{
		"【回答の変更】理由：旧い理由 → " + cur.Reason,
		"【回答の変更】対応予定日：2025-12-31 → " + cur.PlannedDate.String(),
		"【回答の変更】判断時の回答が記録されていないため",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("findings lack %q", want)
		}
	}
}
