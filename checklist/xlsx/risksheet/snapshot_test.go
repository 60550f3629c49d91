package risksheet

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// TestSnapshotShowsWhatChanged: round 1 is judged, the CSP changes an
// answer, the carried-forward sheet marks the decision stale and says
// what changed; reading that sheet gives the judged answer back, unless
// its record in the hidden sheet was tampered with.
func TestSnapshotShowsWhatChanged(t *testing.T) {
	c := loadCatalog(t)
	a1 := fixture(t, c)
	res1 := checklist.Findings(c, a1)
	ds := decisionsFor(res1)
	round1, _ := read(t, fill(t, write(t, res1, a1, nil, c), ds))
	const id = "15.1.1.16.B"
	for _, d := range round1 {
		if d.ID == id && (d.JudgedAnswer == nil || d.JudgedAnswer.Reason != "外国法令リスク評価は来年度実施") {
			t.Fatalf("round 1: judged answer %+v", d.JudgedAnswer)
		}
	}
	a2 := fixture(t, c)
	for i := range a2.Answers {
		if a2.Answers[i].ID == id {
			a2.Answers[i].Reason = "=評価は今年度に前倒し"
			a2.Answers[i].Status = checklist.StatusPartial
		}
	}
	res2 := checklist.Findings(c, a2)
	sheet2 := write(t, res2, a2, round1, c)
	f, err := excelize.OpenReader(bytes.NewReader(sheet2))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(SheetRisk)
	var state string
	row := 0
	for i, r := range rows {
		if len(r) > 9 && r[0] == id {
			state, row = r[9], i+1
		}
	}
	for _, want := range []string{"要再評価", "理由 / Reason: 外国法令リスク評価は来年度実施 → =評価は今年度に前倒し", "適合状況 / Status: 不適合 → 一部適合"} {
		if !strings.Contains(state, want) {
			t.Errorf("state cell lacks %q:\n%s", want, state)
		}
	}
	for _, r := range rows {
		if len(r) > 9 && r[0] != id && strings.Contains(r[9], "変更された項目") {
			t.Errorf("row %s is not stale but shows changes", r[0])
		}
	}
	round2, _ := read(t, sheet2)
	for _, d := range round2 {
		if d.ID == id {
			if d.JudgedAnswer == nil || d.JudgedAnswer.Status != checklist.StatusNonconforming || d.AnswerHash == res2.Findings[0].AnswerHash {
				t.Errorf("round 2 read: judged answer %+v", d.JudgedAnswer)
			}
		}
	}

	// Tamper with the recorded judged reason: the snapshot no longer
	// matches its hash and is not trusted.
	meta, _ := f.GetRows(SheetMeta)
	for i, r := range meta {
		if len(r) > 2 && r[0] == "row" && r[2] == id {
			cell := cellRef(snapJudged+3, i+1) // judged_reason
			if v, _ := f.GetCellValue(SheetMeta, cell); v == "" {
				t.Fatalf("no judged snapshot at %s (row %d)", cell, row)
			}
			f.SetCellStr(SheetMeta, cell, "書き換えた理由")
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tampered, _ := read(t, buf.Bytes())
	for _, d := range tampered {
		if d.ID == id && d.JudgedAnswer != nil {
			t.Errorf("a tampered snapshot was trusted: %+v", d.JudgedAnswer)
		}
	}
	// Carried once more, the row says the judged answer is not recorded.
	sheet3 := write(t, res2, a2, tampered, c)
	f3, _ := excelize.OpenReader(bytes.NewReader(sheet3))
	rows3, _ := f3.GetRows(SheetRisk)
	for _, r := range rows3 {
		if len(r) > 9 && r[0] == id && !strings.Contains(r[9], "判断時の回答は記録されていません") {
			t.Errorf("state cell after tampering: %q", r[9])
		}
	}
}
