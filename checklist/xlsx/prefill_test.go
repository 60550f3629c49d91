package xlsx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

func TestPrefill(t *testing.T) {
	cat := testCatalog(t)
	reqs := cat.Requirements()
	past := checklist.NewDate(2026, 1, 31)
	p := checklist.Prefill{
		Previous:        checklist.Source{Name: "round1.xlsx", SHA256: "abc123"},
		PreviousEdition: cat.Edition.ID,
		Answers: []checklist.Answer{
			{ID: reqs[0].ID, Status: checklist.StatusConforms, Implementation: "=1+1", Evidence: "規程", Responsibility: checklist.RespCSP},
			{ID: reqs[2].ID, Status: checklist.StatusPartial, Reason: "late", PlannedDate: past, Responsibility: checklist.RespShared},
		},
		Fresh:       []string{reqs[1].ID},
		PastPlanned: []string{reqs[2].ID},
		Cover:       checklist.CSPCover{RespondentName: "山田 太郎"},
	}
	for _, labels := range []string{LabelsJA, LabelsBoth} {
		t.Run(labels, func(t *testing.T) {
			req := testRequest()
			blank := writeBytes(t, cat, req, WriteOptions{Labels: labels})
			var out, again bytes.Buffer
			if err := Prefill(bytes.NewReader(blank), &out, p); err != nil {
				t.Fatal(err)
			}
			if err := Prefill(bytes.NewReader(blank), &again, p); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), again.Bytes()) {
				t.Error("two prefills of the same input differ")
			}
			f, err := excelize.OpenReader(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows := rowMapOf(t, f)
			fillOf := func(sheet, ref string) string {
				t.Helper()
				id, err := f.GetCellStyle(sheet, ref)
				if err != nil {
					t.Fatal(err)
				}
				st, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				if len(st.Fill.Color) == 0 {
					return ""
				}
				return strings.TrimPrefix(strings.ToUpper(st.Fill.Color[0]), "#")
			}
			r0, r1, r2 := rows[reqs[0].ID], rows[reqs[1].ID], rows[reqs[2].ID]
			cases := []struct {
				name, sheet, ref, want string
			}{
				{"carried status", SheetChecklist, cell("E", r0), FillCarried},
				{"carried remarks", SheetChecklist, cell("K", r0), FillCarried},
				{"title is not an answer", SheetChecklist, cell("C", r0), "F2F2F2"},
				{"fresh ID", SheetChecklist, cell("A", r1), FillFresh},
				{"fresh status left white", SheetChecklist, cell("E", r1), "FFFFFF"},
				{"past planned date", SheetChecklist, cell("I", r2), FillPastPlanned},
				{"carried cover", SheetCover, coverCell("respondent_name"), FillCarried},
			}
			for _, c := range cases {
				if got := strings.TrimPrefix(fillOf(c.sheet, c.ref), "#"); got != c.want {
					t.Errorf("%s (%s): fill %q, want %q", c.name, c.ref, got, c.want)
				}
			}
			if v, _ := f.GetCellValue(SheetChecklist, cell("F", r0)); v != "=1+1" {
				t.Errorf("text became %q", v)
			}
			if fo, _ := f.GetCellFormula(SheetChecklist, cell("F", r0)); fo != "" {
				t.Errorf("carried text became a formula %q", fo)
			}
			if id, _ := f.GetCellStyle(SheetChecklist, cell("E", r0)); id != 0 {
				if st, _ := f.GetStyle(id); st.Protection == nil || st.Protection.Locked {
					t.Error("a carried answer cell is locked")
				}
			}
			// The instructions ask the CSP to confirm or update every row.
			instr, _ := f.GetRows(SheetInstructions)
			joined := ""
			for _, r := range instr {
				joined += strings.Join(r, " ")
			}
			if !strings.Contains(joined, "round1.xlsx") || !strings.Contains(joined, "確認し、必要なら更新") {
				t.Error("instructions lack the carried-answers section")
			}
			// The workbook still reads back, with the carried answers.
			as, err := Read(out.Bytes(), "next.xlsx", cat, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range p.Answers {
				got, _ := as.Answer(want.ID)
				if got.Status != want.Status || got.Implementation != want.Implementation || got.PlannedDate != want.PlannedDate || got.Responsibility != want.Responsibility {
					t.Errorf("%s read back as %+v, want %+v", want.ID, got, want)
				}
			}
			for _, m := range as.Messages {
				if m.Code == CodeMetadataMissing || m.Severity == checklist.SeverityError && m.ID == "" {
					t.Errorf("message on a prefilled workbook: %+v", m)
				}
			}
			meta, _ := f.GetRows(SheetMeta)
			found := false
			for _, r := range meta {
				if len(r) > 1 && r[0] == MetaPrevious && r[1] == "round1.xlsx" {
					found = true
				}
				if len(r) > 0 && r[0] == MetaRowMap && !found {
					t.Fatal("previous_round is not before the row map")
				}
			}
			if !found {
				t.Error("metadata does not record the previous round")
			}
		})
	}
}
