package xlsx

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

func TestFillWritesAnswersAndCover(t *testing.T) {
	cat := testCatalog(t)
	reqs := cat.Requirements()
	planned := checklist.Date{Year: 2026, Month: time.September, Day: 30}
	answers := []checklist.Answer{
		{ID: reqs[0].ID, Status: checklist.StatusConforms, Implementation: "=1+1", Evidence: "規程 第3版 第5章", Responsibility: checklist.RespCSP},
		{ID: reqs[len(reqs)-1].ID, Status: checklist.StatusPartial, Reason: "+A1", PlannedDate: planned, Responsibility: checklist.RespShared, Remarks: "@SUM(A1)"},
	}
	cover := checklist.CSPCover{
		RespondentName: "山田 太郎", AnswerDate: checklist.Date{Year: 2026, Month: time.April, Day: 20},
		ISMAPStatus: "none", UnderlyingIaaSISMAP: "yes",
		Certifications: []checklist.Certification{{Name: "ISO/IEC 27001", Number: "IS 123456", Expiry: planned}},
	}
	interim := checklist.InterimFacts{Application: "expected", UseStart: checklist.Date{Year: 2026, Month: time.May, Day: 1}}
	for _, labels := range []string{LabelsJA, LabelsEN, LabelsBoth} {
		t.Run(labels, func(t *testing.T) {
			blank := writeBytes(t, cat, testRequest(), WriteOptions{Labels: labels})
			var out bytes.Buffer
			if err := Fill(bytes.NewReader(blank), &out, answers, cover, interim, map[string]string{"jurisdiction": "-2"}); err != nil {
				t.Fatalf("Fill: %v", err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows := rowMapOf(t, f)
			get := func(sheet, ref string) string {
				t.Helper()
				v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			r0, r1 := rows[answers[0].ID], rows[answers[1].ID]
			want := []struct{ sheet, ref, want string }{
				{SheetChecklist, cell("E", r0), StatusLabel(checklist.StatusConforms, labels)},
				{SheetChecklist, cell("F", r0), "=1+1"},
				{SheetChecklist, cell("G", r0), "規程 第3版 第5章"},
				{SheetChecklist, cell("J", r0), ResponsibilityLabel(checklist.RespCSP, labels)},
				{SheetChecklist, cell("E", r1), StatusLabel(checklist.StatusPartial, labels)},
				{SheetChecklist, cell("H", r1), "+A1"},
				{SheetChecklist, cell("I", r1), "46295"},
				{SheetChecklist, cell("J", r1), ResponsibilityLabel(checklist.RespShared, labels)},
				{SheetChecklist, cell("K", r1), "@SUM(A1)"},
				{SheetCover, coverCell("respondent_name"), "山田 太郎"},
				{SheetCover, coverCell("answer_date"), "46132"},
				{SheetCover, coverCell("ismap_status"), "予定なし / no plan"},
				{SheetCover, coverCell("underlying_iaas_registered"), "登録済 / registered"},
				{SheetCover, coverCell("cert_iso27001"), "IS 123456, 2026-09-30"},
				{SheetCover, coverCell("application"), "申請見込み / expected"},
				{SheetCover, coverCell("use_start"), "46143"},
				{SheetCover, coverCell("jurisdiction"), "-2"},
				{SheetCover, coverCell("agency"), testRequest().Agency},
			}
			for _, w := range want {
				if got := get(w.sheet, w.ref); got != w.want {
					t.Errorf("%s!%s = %q, want %q", w.sheet, w.ref, got, w.want)
				}
			}
			if got, _ := f.GetCellValue(SheetChecklist, cell("I", r1)); got != "2026-09-30" {
				t.Errorf("planned date shows as %q, want 2026-09-30", got)
			}
			assertNoFormulas(t, out.Bytes())
			checkProtected(t, f)
			// What Write set up survives: validations, metadata, properties.
			if dvs, err := f.GetDataValidations(SheetChecklist); err != nil || len(dvs) != 3 {
				t.Errorf("after Fill: %d checklist validations (%v), want 3", len(dvs), err)
			}
			if m := metaOf(t, f); m[MetaEdition] != cat.Edition.ID || m[MetaLabels] != labels {
				t.Errorf("after Fill: metadata %v", m)
			}
			if props, err := f.GetCustomProps(); err != nil || len(props) < 6 {
				t.Errorf("after Fill: custom properties %v (%v)", props, err)
			}
			if !isLocked(t, f, SheetChecklist, cell("A", r0)) || isLocked(t, f, SheetChecklist, cell("E", r0)) {
				t.Error("after Fill: locking changed")
			}
			if !strings.Contains(zipEntries(t, out.Bytes())["xl/workbook.xml"], `state="veryHidden"`) {
				t.Error("after Fill: metadata sheet no longer very hidden")
			}
		})
	}
}

func TestFillRejectsUnknownID(t *testing.T) {
	blank := writeBytes(t, testCatalog(t), testRequest(), WriteOptions{})
	err := Fill(bytes.NewReader(blank), &bytes.Buffer{}, []checklist.Answer{{ID: "99.9.9", Status: checklist.StatusConforms}}, checklist.CSPCover{}, checklist.InterimFacts{}, nil)
	if err == nil {
		t.Fatal("Fill accepted an ID that is not in the workbook")
	}
}

func TestFillIsDeterministic(t *testing.T) {
	blank := writeBytes(t, testCatalog(t), testRequest(), WriteOptions{})
	ans := []checklist.Answer{{ID: testCatalog(t).Requirements()[3].ID, Status: checklist.StatusNotApplicable, Reason: "no such function"}}
	var a, b bytes.Buffer
	if err := Fill(bytes.NewReader(blank), &a, ans, checklist.CSPCover{}, checklist.InterimFacts{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := Fill(bytes.NewReader(blank), &b, ans, checklist.CSPCover{}, checklist.InterimFacts{}, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two Fill runs with the same inputs differ")
	}
}
