package checklist

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// withCells gives every answer of a the status cell E<row>, as ingest does.
func withCells(a *Assessment) *Assessment {
	for i := range a.Answers {
		a.Answers[i].Cells = map[string]string{"status": fmt.Sprintf("E%d", a.Answers[i].Row)}
	}
	return a
}

func cellOf(t *testing.T, a *Assessment, id string) string {
	t.Helper()
	x, ok := a.Answer(id)
	if !ok {
		t.Fatalf("no answer %s", id)
	}
	return x.Cells["status"]
}

func TestCorrections(t *testing.T) {
	msg := func(sev Severity, code, cell, id, en string) Message {
		return Message{Severity: sev, Code: code, Sheet: "基本言明要件 Checklist", Cell: cell, ID: id, TextJA: en + "（日本語）", TextEN: en}
	}
	cases := []struct {
		name     string
		mutate   map[string]func(*Answer)
		messages []Message
		want     []string // code@cell#id, in order
		reason   string
	}{
		{name: "clean workbook", want: nil},
		{
			name:     "every ingest message for the CSP is kept, in order",
			messages: []Message{msg(SeverityError, "invalid_responsibility", "J7", "3.1.2.1", "bad"), msg(SeverityWarning, "b_without_evidence", "G13", "9.4.2.2.B", "no evidence")},
			want:     []string{"invalid_responsibility@J7#3.1.2.1", "b_without_evidence@G13#9.4.2.2.B"},
		},
		{
			name:     "agency-side edition messages are left out",
			messages: []Message{msg(SeverityError, "edition_mismatch", "", "", "edition"), msg(SeverityWarning, "edition_fingerprint", "", "", "fp"), msg(SeverityError, "missing_id", "", "9.4.1", "deleted")},
			want:     []string{"missing_id@#9.4.1"},
			reason:   "the CSP cannot change which catalogue the agency reads with",
		},
		{
			name:   "unanswered governance item and objective",
			mutate: map[string]func(*Answer){"3.1.2.1": status(StatusUnanswered, ""), "9.4.1": status(StatusUnanswered, "")},
			want:   []string{"unanswered@E5#3.1.2.1", "unanswered@E8#9.4.1"},
		},
		{
			name:   "unanswered B control under an excluded objective needs nothing",
			mutate: map[string]func(*Answer){"9.4.2": status(StatusNotApplicable, "ログオンなし"), "9.4.2.2.B": status(StatusUnanswered, "")},
			want:   nil,
			reason: "2.2.4: the B controls are exempt with their objective",
		},
		{
			name:   "B control excluded under an applicable objective",
			mutate: map[string]func(*Answer){"9.5.1.2.PB": status(StatusNotApplicable, "使わない")},
			want:   []string{"b_control_excluded@E13#9.5.1.2.PB"},
		},
		{
			name:     "an answer in doubt is not reported twice",
			mutate:   map[string]func(*Answer){"9.4.1": func(x *Answer) { x.Status, x.Unknown = StatusUnanswered, true }},
			messages: []Message{msg(SeverityError, "invalid_status", "E8", "9.4.1", "bad status")},
			want:     []string{"invalid_status@E8#9.4.1"},
		},
		{
			name:     "an error elsewhere on the row does not hide an excluded B control",
			mutate:   map[string]func(*Answer){"9.5.1.2.PB": status(StatusNotApplicable, "使わない")},
			messages: []Message{msg(SeverityError, "invalid_responsibility", "J13", "9.5.1.2.PB", "bad")},
			want:     []string{"invalid_responsibility@J13#9.5.1.2.PB", "b_control_excluded@E13#9.5.1.2.PB"},
			reason:   "the error leaves the answer in doubt, but its status was read and needs fixing too",
		},
		{
			name:   "a shortfall is the agency's risk decision, not a correction",
			mutate: map[string]func(*Answer){"9.4.1": status(StatusNonconforming, "未対応"), "4.4.1.1": status(StatusPartial, "一部")},
			want:   nil,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := testCatalog(t)
			a := withCells(conformingAssessment(c))
			for id, f := range tc.mutate {
				set(t, a, id, f)
			}
			a.Messages = tc.messages
			var got []string
			for _, x := range Corrections(c, a) {
				got = append(got, x.Code+"@"+x.Cell+"#"+x.ID)
				if x.FixJA == "" || x.FixEN == "" || x.TextJA == "" || x.TextEN == "" {
					t.Errorf("%s: a text is empty: %+v", x.Code, x)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q (%s)", got, tc.want, tc.reason)
			}
		})
	}
	// The cells the cases name are where withCells put the answers.
	c := testCatalog(t)
	a := withCells(conformingAssessment(c))
	for id, cell := range map[string]string{"3.1.2.1": "E5", "9.4.1": "E8", "9.5.1.2.PB": "E13"} {
		if got := cellOf(t, a, id); got != cell {
			t.Errorf("fixture: %s at %s, want %s", id, got, cell)
		}
	}
}

func TestGroupCorrections(t *testing.T) {
	corr := func(sev Severity, code, cell, id, text string) Correction {
		ja, en := FixFor(code)
		return Correction{Severity: sev, Code: code, Sheet: "S", Cell: cell, ID: id, TextJA: text + "JA", TextEN: text, FixJA: ja, FixEN: en}
	}
	var cs []Correction
	// The same bad responsibility on 58 rows: one entry, 58 places.
	for i := range 58 {
		cs = append(cs, corr(SeverityError, "invalid_responsibility", fmt.Sprintf("J%d", 10+i), fmt.Sprintf("5.1.%d", i+1), `responsibility "Vendor" is not one of the choices`))
	}
	cs = append(cs,
		corr(SeverityError, "invalid_responsibility", "J80", "6.1.1", `responsibility "Both" is not one of the choices`),
		corr(SeverityWarning, "b_without_evidence", "G20", "9.4.2.2.B", "9.4.2.2.B is a B control without evidence"),
		corr(SeverityWarning, "b_without_evidence", "G21", "9.4.3.1.B", "9.4.3.1.B is a B control without evidence"),
		corr(SeverityError, "missing_id", "", "9.4.1", "requirement 9.4.1 has no row"),
	)
	gs := GroupCorrections(cs)
	type entry struct {
		text   string
		places int
	}
	type group struct {
		code    string
		count   int
		entries []entry
	}
	var got []group
	for _, g := range gs {
		gg := group{code: g.Code, count: g.Count}
		for _, e := range g.Entries {
			gg.entries = append(gg.entries, entry{e.TextEN, len(e.Places)})
		}
		got = append(got, gg)
	}
	want := []group{
		{"invalid_responsibility", 59, []entry{{`responsibility "Vendor" is not one of the choices`, 58}, {`responsibility "Both" is not one of the choices`, 1}}},
		{"missing_id", 1, []entry{{"requirement 9.4.1 has no row", 1}}},
		{"b_without_evidence", 2, []entry{{"[ID] is a B control without evidence", 2}}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("groups\n got %v\nwant %v", got, want)
	}
	if gs[2].Severity != SeverityWarning || gs[0].Severity != SeverityError {
		t.Errorf("severities %s %s", gs[0].Severity, gs[2].Severity)
	}
	if gs[2].Entries[0].Places[1].ID != "9.4.3.1.B" {
		t.Errorf("the masked entry lost its IDs: %+v", gs[2].Entries[0].Places)
	}
}

func TestCellNotes(t *testing.T) {
	cs := []Correction{
		{Severity: SeverityWarning, Code: "shortfall_without_date", Sheet: "S", Cell: "E5", TextJA: "日付なし", TextEN: "no date", FixJA: "日付を", FixEN: "enter a date"},
		{Severity: SeverityError, Code: "missing_id", ID: "9.4.1", TextJA: "行なし", TextEN: "no row"},
		{Severity: SeverityError, Code: "na_without_reason", Sheet: "S", Cell: "E5", TextJA: "理由なし", TextEN: "no reason", FixJA: "理由を", FixEN: "enter a reason"},
		{Severity: SeverityWarning, Code: "cover_orphan", Sheet: "Cover", Cell: "E5", TextJA: "表紙", TextEN: "cover", FixJA: "C列へ", FixEN: "column C"},
	}
	ns := CellNotes(cs)
	if len(ns) != 2 {
		t.Fatalf("want 2 notes (E5 on two sheets), got %+v", ns)
	}
	n := ns[0]
	if n.Sheet != "S" || n.Severity != SeverityError {
		t.Errorf("note %+v: want sheet S, severity error (worst of both)", n)
	}
	for _, want := range []string{"【要確認】日付なし", "→ 日付を", "【要修正】理由なし", "→ 理由を", "[Check] no date", "[Fix] no reason", "-> enter a reason"} {
		if !strings.Contains(n.Text(), want) {
			t.Errorf("note lacks %q:\n%s", want, n.Text())
		}
	}
	if strings.Index(n.Text(), "理由なし") > strings.Index(n.Text(), "no date") {
		t.Errorf("Japanese must come before English:\n%s", n.Text())
	}
}

func TestFixForEveryCorrectionCode(t *testing.T) {
	for _, code := range []string{CodeUnanswered, CodeBControlExcluded} {
		ja, en := FixFor(code)
		if ja == "" || en == "" || strings.Contains(en, "look at the cell") {
			t.Errorf("%s has no specific fix: %q / %q", code, ja, en)
		}
	}
	if ja, en := FixFor("no_such_code"); ja == "" || en == "" {
		t.Error("an unknown code must still get a general fix")
	}
}
