package risksheet

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// excludeFixture is fixture with objective 11.2.7 excluded with a reason
// (its B control 11.2.7.4.PB 対象外 too) and 8.3.2 excluded as well.
func excludeFixture(t *testing.T, c *checklist.Catalog) *checklist.Assessment {
	a := fixture(t, c)
	for i := range a.Answers {
		switch a.Answers[i].ID {
		case "11.2.7", "8.3.2":
			a.Answers[i].Status, a.Answers[i].Reason = checklist.StatusNotApplicable, "=物理媒体を扱わない "+a.Answers[i].ID
		case "11.2.7.4.PB":
			a.Answers[i].Status, a.Answers[i].Reason = checklist.StatusNotApplicable, "同上"
		}
	}
	return a
}

func fillEx(t *testing.T, sheet []byte, xs []checklist.ExclusionDecision) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := FillExclusionDecisions(bytes.NewReader(sheet), &buf, xs); err != nil {
		t.Fatalf("FillExclusionDecisions: %v", err)
	}
	return buf.Bytes()
}

func readAll(t *testing.T, sheet []byte) Sheet {
	t.Helper()
	s, err := ReadAll(bytes.NewReader(sheet), "risk.xlsx", ReadOptions{})
	if err != nil {
		t.Fatalf("ReadAll: %v", err)
	}
	return s
}

func TestExclusionsRoundTrip(t *testing.T) {
	c := loadCatalog(t)
	a := excludeFixture(t, c)
	res := checklist.Findings(c, a)
	if len(res.Exclusions) != 2 {
		t.Fatalf("fixture has exclusions %+v", res.Exclusions)
	}
	blank := write(t, res, a, nil, c)
	if s := readAll(t, blank); len(s.Exclusions) != 0 || len(errorsOf(s.Messages)) != 0 {
		t.Fatalf("blank sheet read %d exclusion decisions, messages %+v", len(s.Exclusions), s.Messages)
	}
	xs := []checklist.ExclusionDecision{ // in catalogue order, as read back
		{ID: "8.3.2", Verdict: checklist.ExclusionAccept, Approver: "CISO 佐藤", DecidedOn: checklist.NewDate(2026, 4, 10)},
		{ID: "11.2.7", Verdict: checklist.ExclusionReject, Reason: "=廃棄証明の提出を求める", Approver: "CISO 佐藤", DecidedOn: checklist.NewDate(2026, 4, 10)},
	}
	filled := fillEx(t, blank, xs)
	s := readAll(t, filled)
	if len(errorsOf(s.Messages)) != 0 {
		t.Fatalf("messages %+v", s.Messages)
	}
	if len(s.Exclusions) != 2 {
		t.Fatalf("read %+v", s.Exclusions)
	}
	for i, d := range s.Exclusions {
		w := xs[i]
		if d.ID != w.ID || d.Verdict != w.Verdict || d.Reason != w.Reason || d.Approver != w.Approver || d.DecidedOn != w.DecidedOn || d.Sheet != SheetExclusions || d.Cells["verdict"] == "" {
			t.Errorf("decision %d read as %+v, want %+v", i, d, w)
		}
	}
	got, states := checklist.FindingsWithExclusions(c, a, s.Exclusions)
	if states[1].State != checklist.StateCurrent || !states[1].Rejected() || states[0].State != checklist.StateCurrent {
		t.Fatalf("states %+v", states)
	}
	if f, ok := got.Finding("11.2.7"); !ok || !f.Has(checklist.ReasonObjectiveExclusionRejected) {
		t.Errorf("the rejected objective is not a finding")
	}
	// The next round: the rejection is carried, its findings get rows, and
	// the decisions stay current.
	var buf bytes.Buffer
	if err := Write(&buf, got, a, s.Decisions, WriteOptions{Date: genDate, ToolVersion: "test", Catalog: c, PreviousExclusions: s.Exclusions}); err != nil {
		t.Fatal(err)
	}
	next := buf.Bytes()
	s2 := readAll(t, next)
	_, states2 := checklist.FindingsWithExclusions(c, a, s2.Exclusions)
	if len(states2) != 2 || states2[1].State != checklist.StateCurrent || !states2[1].Rejected() {
		t.Errorf("carried states %+v", states2)
	}
	f, err := excelize.OpenReader(bytes.NewReader(next))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(SheetRisk)
	var ids []string
	for _, r := range rows[HeaderRow:] {
		ids = append(ids, r[0])
	}
	if !slices.Contains(ids, "11.2.7") || !slices.Contains(ids, "11.2.7.4.PB") {
		t.Errorf("risk rows %v lack the rejected objective and its B control", ids)
	}
	// The CSP changes its reason: the decision is stale.
	for i := range a.Answers {
		if a.Answers[i].ID == "8.3.2" {
			a.Answers[i].Reason = "別の理由"
		}
	}
	_, states3 := checklist.FindingsWithExclusions(c, a, s2.Exclusions)
	if states3[0].State != checklist.StateStale {
		t.Errorf("after the CSP changed its reason: %s, want stale", states3[0].State)
	}
	if s2.Exclusions[0].JudgedAnswer == nil {
		t.Fatal("the carried exclusion decision lost the answer it judged")
	}
	res3, _ := checklist.FindingsWithExclusions(c, a, s2.Exclusions)
	buf.Reset()
	if err := Write(&buf, res3, a, s2.Decisions, WriteOptions{Date: genDate, ToolVersion: "test", Catalog: c, PreviousExclusions: s2.Exclusions}); err != nil {
		t.Fatal(err)
	}
	f3, _ := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	rows3, _ := f3.GetRows(SheetExclusions)
	want := "理由 / Reason: =物理媒体を扱わない 8.3.2 → 別の理由"
	found := false
	for _, r := range rows3 {
		if len(r) > 4 && r[0] == "8.3.2" {
			found = strings.Contains(r[4], want)
			if !found {
				t.Errorf("stale exclusion's state cell %q lacks %q", r[4], want)
			}
		}
	}
	if !found {
		t.Error("no row for 8.3.2")
	}
}

func TestExclusionsHostile(t *testing.T) {
	c := loadCatalog(t)
	a := excludeFixture(t, c)
	res := checklist.Findings(c, a)
	blank := write(t, res, a, nil, c)
	edit := func(f func(*excelize.File)) []byte {
		x, err := excelize.OpenReader(bytes.NewReader(blank))
		if err != nil {
			t.Fatal(err)
		}
		f(x)
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	row := func(id string) string {
		x, _ := excelize.OpenReader(bytes.NewReader(blank))
		rows, _ := x.GetRows(SheetExclusions)
		for i, r := range rows {
			if len(r) > 0 && r[0] == id {
				return strconv.Itoa(i + 1)
			}
		}
		t.Fatalf("no row for %s", id)
		return ""
	}
	r := row("11.2.7")
	tests := []struct {
		name  string
		edit  func(*excelize.File)
		code  string
		cell  string
		fatal bool
	}{
		{"verdict not in the list", func(f *excelize.File) {
			f.SetCellStr(SheetExclusions, "F"+r, "保留")
			f.SetCellStr(SheetExclusions, "H"+r, "CISO")
			f.SetCellValue(SheetExclusions, "I"+r, "2026-04-10")
		}, "vocabulary", "F" + r, false},
		{"bad date", func(f *excelize.File) {
			f.SetCellStr(SheetExclusions, "F"+r, "受入")
			f.SetCellStr(SheetExclusions, "H"+r, "CISO")
			f.SetCellStr(SheetExclusions, "I"+r, "来月")
		}, "date", "I" + r, false},
		{"rejected without a reason", func(f *excelize.File) {
			f.SetCellStr(SheetExclusions, "F"+r, "不受入")
			f.SetCellStr(SheetExclusions, "H"+r, "CISO")
			f.SetCellStr(SheetExclusions, "I"+r, "2026-04-10")
		}, "exclusion_decision", "G" + r, false},
		{"formula", func(f *excelize.File) { f.SetCellFormula(SheetExclusions, "F"+r, `"受"&"入"`) }, "formula", "F" + r, false},
		{"row added", func(f *excelize.File) { f.SetCellStr(SheetExclusions, "F40", "受入") }, "unbound_row", "A40", false},
		{"ID edited", func(f *excelize.File) { f.SetCellStr(SheetExclusions, "A"+r, "11.2.8") }, "binding_mismatch", "A" + r, false},
		{"binding broken", func(f *excelize.File) { f.SetCellStr(SheetExclusionMeta, "C2", "not a hash") }, "", "", true},
		{"hidden sheet deleted", func(f *excelize.File) { f.DeleteSheet(SheetExclusionMeta) }, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ReadAll(bytes.NewReader(edit(tt.edit)), "risk.xlsx", ReadOptions{})
			if tt.fatal {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatalf("ReadAll: %v", err)
			}
			var found bool
			for _, m := range errorsOf(s.Messages) {
				if m.Code == tt.code && m.Cell == tt.cell && m.Sheet == SheetExclusions && m.TextJA != "" && m.TextEN != "" {
					found = true
				}
			}
			if !found {
				t.Errorf("no %s error at %s; messages %+v", tt.code, tt.cell, s.Messages)
			}
			for _, d := range s.Exclusions {
				if d.ID == "11.2.7" && tt.code != "unbound_row" && tt.code != "binding_mismatch" && !d.Invalid {
					t.Errorf("decision %+v not flagged invalid", d)
				}
			}
		})
	}
}

// FuzzReadExclusions is FuzzRead seeded with a sheet whose exclusions
// sheet is filled, so mutations reach the exclusion reader.
func FuzzReadExclusions(f *testing.F) {
	c := loadCatalog(f)
	a := fixture(f, c)
	for i := range a.Answers {
		if a.Answers[i].ID == "8.3.2" {
			a.Answers[i].Status, a.Answers[i].Reason = checklist.StatusNotApplicable, "理由"
		}
	}
	res := checklist.Findings(c, a)
	var buf bytes.Buffer
	if err := FillExclusionDecisions(bytes.NewReader(write(f, res, a, nil, c)), &buf, []checklist.ExclusionDecision{
		{ID: "8.3.2", Verdict: checklist.ExclusionReject, Reason: "=不十分", Approver: "CISO", DecidedOn: checklist.NewDate(2026, 4, 1)}}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ReadAll(bytes.NewReader(data), "fuzz.xlsx", ReadOptions{})
		if err != nil {
			if !errors.Is(err, checklist.ErrInvalidInput) {
				t.Fatalf("error %v does not wrap ErrInvalidInput", err)
			}
			return
		}
		for _, m := range s.Messages {
			if m.TextJA == "" || m.TextEN == "" {
				t.Fatalf("message without text: %+v", m)
			}
		}
		for _, d := range s.Exclusions {
			if d.ID == "" || d.AnswerHash == "" {
				t.Fatalf("exclusion decision without binding: %+v", d)
			}
			if d.JudgedAnswer != nil && checklist.AnswerHash(*d.JudgedAnswer) != d.AnswerHash {
				t.Fatalf("trusted a snapshot that does not match: %+v", d)
			}
		}
	})
}

// TestExclusionInvisibleApprover: on the exclusions sheet as on the risk
// sheet, an approver holding only invisible characters is blank, so an
// accepted exclusion without an approver is an error, not approved by a
// zero-width space.
func TestExclusionInvisibleApprover(t *testing.T) {
	c := loadCatalog(t)
	a := excludeFixture(t, c)
	res := checklist.Findings(c, a)
	blank := write(t, res, a, nil, c)
	s := readAll(t, fillEx(t, blank, []checklist.ExclusionDecision{
		{ID: "8.3.2", Verdict: checklist.ExclusionAccept, Approver: "\u200b\ufeff\u3000", DecidedOn: checklist.NewDate(2026, 4, 10)},
	}))
	var d *checklist.ExclusionDecision
	for i := range s.Exclusions {
		if s.Exclusions[i].ID == "8.3.2" {
			d = &s.Exclusions[i]
		}
	}
	if d == nil {
		t.Fatalf("the decision on 8.3.2 was not read: %+v", s.Exclusions)
	}
	if d.Approver != "" {
		t.Errorf("approver read as %q, want blank", d.Approver)
	}
	found := false
	for _, m := range errorsOf(s.Messages) {
		if m.ID == "8.3.2" && m.Sheet == SheetExclusions {
			found = true
		}
	}
	if !found {
		t.Errorf("no error on the exclusion without an approver: %+v", s.Messages)
	}
	_, states := checklist.FindingsWithExclusions(c, a, s.Exclusions)
	for _, st := range states {
		if st.ID == "8.3.2" && st.State == checklist.StateCurrent {
			t.Errorf("the exclusion counts as decided: %+v", st)
		}
	}
}
