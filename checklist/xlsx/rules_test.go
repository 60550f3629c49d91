package xlsx

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// rulesFixture reads the clean workbook once mutated by fn and returns the
// assessment and the row of each requirement.
func rulesFixture(t *testing.T, fn func(f *excelize.File, row func(id string) int) error) *checklist.Assessment {
	t.Helper()
	good := rdGood(t)
	ga, err := rdRead(t, good, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	row := func(id string) int {
		x, ok := ga.Answer(id)
		if !ok || x.Row == 0 {
			t.Fatalf("no row for %s", id)
		}
		return x.Row
	}
	a, err := rdRead(t, rdMutate(t, good, func(f *excelize.File) error { return fn(f, row) }), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func messagesFor(a *checklist.Assessment, code, id string) []checklist.Message {
	var out []checklist.Message
	for _, m := range a.Messages {
		if m.Code == code && (id == "" || m.ID == id) {
			out = append(out, m)
		}
	}
	return out
}

// ISMAP管理基準 2.2.4: each B control is a requirement of its own; the
// criteria do not make an objective answered 適合 fall short because a B
// control under it does. Ingest warns about the inconsistency on the B
// control's status cell; the findings keep the B control, attach the
// warning to it and make no finding of the objective.
func TestRead_2_2_4_ObjectiveConformsOverShortBControlIsAWarning(t *testing.T) {
	cat := testCatalog(t)
	var b checklist.Item
	for _, it := range cat.Requirements() {
		if it.B {
			b = it
			break
		}
	}
	tests := []struct {
		name          string
		obj, bStatus  string
		warn          bool
		objIsFinding  bool
		bReasonWanted checklist.ReasonCode
	}{
		{name: "B nonconforming under 適合", obj: "適合", bStatus: "不適合", warn: true, bReasonWanted: checklist.ReasonBControlShortfall},
		{name: "B not applicable under 適合", obj: "適合", bStatus: "対象外", warn: true, bReasonWanted: checklist.ReasonBControlExcluded},
		{name: "B conforms under 適合", obj: "適合", bStatus: "適合"},
		{name: "B partial under 一部適合", obj: "一部適合", bStatus: "一部適合", objIsFinding: true, bReasonWanted: checklist.ReasonBControlShortfall},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := rulesFixture(t, func(f *excelize.File, row func(string) int) error {
				for id, st := range map[string]string{b.Parent: tt.obj, b.ID: tt.bStatus} {
					n := row(id)
					f.SetCellStr(SheetChecklist, fmt.Sprintf("%s%d", rdCol("reason"), n), "理由あり")
					f.SetCellStr(SheetChecklist, fmt.Sprintf("%s%d", rdCol("planned_date"), n), "2027-03-31")
					f.SetCellStr(SheetChecklist, fmt.Sprintf("%s%d", rdCol("evidence"), n), "規程")
					if err := f.SetCellStr(SheetChecklist, fmt.Sprintf("%s%d", rdCol("status"), n), st); err != nil {
						return err
					}
				}
				return nil
			})
			ms := messagesFor(a, CodeObjectiveConformsBShort, "")
			x, _ := a.Answer(b.ID)
			if tt.warn {
				if len(ms) != 1 || ms[0].ID != b.ID || ms[0].Cell != x.Cells["status"] || ms[0].Severity != checklist.SeverityWarning ||
					!strings.Contains(ms[0].TextJA, b.Parent) || !strings.Contains(ms[0].TextEN, b.Parent) {
					t.Fatalf("want one warning on %s (%s) naming %s, got %+v\n%s", b.ID, x.Cells["status"], b.Parent, ms, rdDump(a))
				}
			} else if len(ms) != 0 {
				t.Fatalf("unexpected warning %+v", ms)
			}
			if a.HasErrors() {
				t.Errorf("errors:\n%s", rdDump(a))
			}
			res := checklist.Findings(cat, a)
			if _, ok := res.Finding(b.Parent); ok != tt.objIsFinding {
				t.Errorf("objective %s is a finding: %v, want %v", b.Parent, ok, tt.objIsFinding)
			}
			f, ok := res.Finding(b.ID)
			if tt.bReasonWanted == "" {
				if ok {
					t.Errorf("B control %s is a finding: %+v", b.ID, f)
				}
				return
			}
			if !ok || !f.Has(tt.bReasonWanted) {
				t.Fatalf("B control %s: %+v, want %s", b.ID, f, tt.bReasonWanted)
			}
			if got := len(f.Warnings); (got == 1) != tt.warn || got > 1 {
				t.Errorf("B control warnings %+v, want warning %v", f.Warnings, tt.warn)
			}
		})
	}
}

// ISMAP管理基準 2.2.4: governance and management items apply in principle,
// all of them. A 対象外 there is a known answer that falls short: a warning
// at ingest (na_on_governance_management, formerly the error
// na_not_allowed), a governance_not_conforming / management_not_conforming
// finding, and never answer_unknown. The workbook words it the same way.
func TestRead_2_2_4_NotApplicableOnGovernanceIsAKnownShortfall(t *testing.T) {
	cat := testCatalog(t)
	var gov, mgmt string
	for _, it := range cat.Requirements() {
		switch {
		case it.Level == checklist.LevelGovernance && gov == "":
			gov = it.ID
		case it.Level == checklist.LevelManagement && mgmt == "":
			mgmt = it.ID
		}
	}
	tests := []struct {
		name, id, reason string
		want             checklist.ReasonCode
	}{
		{name: "governance with a reason", id: gov, reason: "親会社が実施", want: checklist.ReasonGovernanceNotConforming},
		{name: "management without a reason", id: mgmt, want: checklist.ReasonManagementNotConforming},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := rulesFixture(t, func(f *excelize.File, row func(string) int) error {
				f.SetCellStr(SheetChecklist, fmt.Sprintf("%s%d", rdCol("reason"), row(tt.id)), tt.reason)
				return f.SetCellStr(SheetChecklist, fmt.Sprintf("%s%d", rdCol("status"), row(tt.id)), "対象外")
			})
			ms := messagesFor(a, CodeNAOnGovMgmt, tt.id)
			if len(ms) != 1 || ms[0].Severity != checklist.SeverityWarning || !strings.Contains(ms[0].TextJA, "原則として") {
				t.Errorf("want one na_on_governance_management warning, got %+v", ms)
			}
			if len(messagesFor(a, "na_not_allowed", "")) != 0 {
				t.Error("the old code na_not_allowed is still written")
			}
			if a.HasErrors() {
				t.Errorf("a 対象外 on %s gave errors:\n%s", tt.id, rdDump(a))
			}
			if x, _ := a.Answer(tt.id); x.Unknown || x.Status != checklist.StatusNotApplicable {
				t.Errorf("answer %+v, want a known 対象外", x)
			}
			f, ok := checklist.Findings(cat, a).Finding(tt.id)
			if !ok || len(f.Reasons) != 1 || f.Reasons[0] != tt.want || f.Unknown {
				t.Errorf("finding %+v, want only %s", f, tt.want)
			}
		})
	}

	t.Run("workbook says in principle", func(t *testing.T) {
		for _, labels := range []string{LabelsJA, LabelsEN, LabelsBoth} {
			f := openBytes(t, writeBytes(t, cat, testRequest(), WriteOptions{Labels: labels}))
			rows, err := f.GetRows(SheetInstructions)
			if err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			for _, r := range rows {
				all.WriteString(strings.Join(r, " "))
			}
			text := all.String()
			if labels != LabelsEN && (!strings.Contains(text, "原則としてすべて適用") || strings.Contains(text, "「対象外」とはできません")) {
				t.Errorf("%s: instructions do not say 'in principle'", labels)
			}
			if labels != LabelsJA && (!strings.Contains(text, "apply in principle") || strings.Contains(text, "cannot be answered Not applicable")) {
				t.Errorf("%s: instructions do not say 'in principle'", labels)
			}
			dvs, err := f.GetDataValidations(SheetChecklist)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, dv := range dvs {
				if !strings.HasPrefix(dv.Sqref, rdCol("status")) {
					continue
				}
				found = true
				if dv.Prompt == nil || dv.PromptTitle == nil || !dv.ShowInputMessage {
					t.Fatalf("%s: status drop-down has no help", labels)
				}
				p := *dv.Prompt
				if (labels != LabelsEN && !strings.Contains(p, "原則として")) || (labels != LabelsJA && !strings.Contains(p, "in principle")) {
					t.Errorf("%s: status help %q does not say 'in principle'", labels, p)
				}
				if n := len(utf16.Encode([]rune(p))); n > maxValidationText {
					t.Errorf("%s: status help is %d UTF-16 units (Excel allows %d)", labels, n, maxValidationText)
				}
				if n := len(utf16.Encode([]rune(*dv.PromptTitle))); n > maxValidationTitle {
					t.Errorf("%s: status help title is %d UTF-16 units", labels, n)
				}
			}
			if !found {
				t.Errorf("%s: no status drop-down", labels)
			}
		}
	})
}

// ISMAP管理基準 2.2.4: a control may be inherited only from an underlying
// service registered on the ISMAP cloud service list. An answer with 責任分界
// 継承 gets a warning on its responsibility cell unless the cover says the
// underlying service is registered (登録済).
func TestRead_2_2_4_InheritedNeedsRegisteredUnderlyingService(t *testing.T) {
	regCell := coverRef("underlying_iaas_registered")
	tests := []struct {
		name, cover string
		warn        bool
		wantJA      string
	}{
		{name: "registered", cover: "登録済 / registered"},
		{name: "applied", cover: "申請中 / applied", warn: true, wantJA: "「申請中」"},
		{name: "not registered", cover: "未登録", warn: true, wantJA: "「未登録」"},
		{name: "no underlying service", cover: "none", warn: true, wantJA: "「該当なし」"},
		{name: "cover does not say", cover: "", warn: true, wantJA: "記入されていません"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := rulesFixture(t, func(f *excelize.File, _ func(string) int) error {
				return f.SetCellStr(SheetCover, regCell, tt.cover)
			})
			var inherited []checklist.Answer
			for _, x := range a.Answers {
				if x.Responsibility == checklist.RespInherited {
					inherited = append(inherited, x)
				}
			}
			if len(inherited) == 0 {
				t.Fatal("the fixture has no 継承 answer")
			}
			ms := messagesFor(a, CodeInheritedUnregistered, "")
			if !tt.warn {
				if len(ms) != 0 {
					t.Errorf("registered underlying service: %d warnings", len(ms))
				}
				return
			}
			if len(ms) != len(inherited) {
				t.Fatalf("%d warnings for %d 継承 answers", len(ms), len(inherited))
			}
			byID := map[string]checklist.Message{}
			for _, m := range ms {
				byID[m.ID] = m
			}
			for _, x := range inherited {
				m, ok := byID[x.ID]
				if !ok || m.Cell != x.Cells["responsibility"] || m.Sheet != SheetChecklist || m.Severity != checklist.SeverityWarning {
					t.Fatalf("%s: warning %+v, want one on %s", x.ID, m, x.Cells["responsibility"])
				}
				if !strings.Contains(m.TextJA, tt.wantJA) || !strings.Contains(m.TextJA, regCell) || !strings.Contains(m.TextEN, regCell) {
					t.Errorf("%s: text does not say what the cover (%s) says: %s / %s", x.ID, regCell, m.TextJA, m.TextEN)
				}
			}
		})
	}
}

// The rules are checklist.CheckAnswer; the reader only places each problem
// on the cell of its field, or on the status cell when the workbook has no
// such column, and passes a formula in the planned-date cell to the rules
// as unknown rather than missing.
func TestRead_RuleProblemOnItsFieldsCell(t *testing.T) {
	cat := testCatalog(t)
	var obj, b string
	for _, it := range cat.Requirements() {
		switch {
		case it.Level == checklist.LevelObjective && obj == "":
			obj = it.ID
		case it.B && b == "":
			b = it.ID
		}
	}
	header := func(key string) string { return fmt.Sprintf("%s%d", rdCol(key), ChecklistHeaderRow) }
	tests := []struct {
		name       string
		id, status string
		clear      []string // fields emptied on the row
		formula    string   // field given a formula
		dropColumn string   // field whose header is blanked (column gone)
		code       string
		onField    string // the field whose cell the message is on
		none       bool   // the rule must not fire
	}{
		{name: "na_without_reason on the reason cell", id: obj, status: "対象外", clear: []string{"reason"}, code: CodeNAWithoutReason, onField: "reason"},
		{name: "na_without_reason without a reason column", id: obj, status: "対象外", dropColumn: "reason", code: CodeNAWithoutReason, onField: "status"},
		{name: "shortfall_without_date on the planned-date cell", id: obj, status: "不適合", clear: []string{"planned_date"}, code: CodeShortfallNoDate, onField: "planned_date"},
		{name: "shortfall_without_date without a planned-date column", id: obj, status: "不適合", dropColumn: "planned_date", code: CodeShortfallNoDate, onField: "status"},
		{name: "a formula in the planned-date cell is no missing date", id: obj, status: "不適合", formula: "planned_date", code: CodeShortfallNoDate, none: true},
		{name: "b_without_evidence on the evidence cell", id: b, status: "適合", clear: []string{"evidence"}, code: CodeBWithoutEvidence, onField: "evidence"},
		{name: "b_without_evidence without an evidence column", id: b, status: "適合", dropColumn: "evidence", code: CodeBWithoutEvidence, onField: "status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := rulesFixture(t, func(f *excelize.File, row func(string) int) error {
				n := row(tt.id)
				for _, k := range tt.clear {
					f.SetCellStr(SheetChecklist, fmt.Sprintf("%s%d", rdCol(k), n), "")
				}
				if tt.formula != "" {
					f.SetCellFormula(SheetChecklist, fmt.Sprintf("%s%d", rdCol(tt.formula), n), `"2027"&"-03-31"`)
				}
				if tt.dropColumn != "" {
					for m := ChecklistFirstRow; m < ChecklistFirstRow+len(cat.Items)+5; m++ {
						f.SetCellStr(SheetChecklist, fmt.Sprintf("%s%d", rdCol(tt.dropColumn), m), "")
					}
					f.SetCellStr(SheetChecklist, header(tt.dropColumn), "")
				}
				return f.SetCellStr(SheetChecklist, fmt.Sprintf("%s%d", rdCol("status"), n), tt.status)
			})
			x, _ := a.Answer(tt.id)
			ms := messagesFor(a, tt.code, tt.id)
			if tt.none {
				if len(ms) != 0 {
					t.Fatalf("unexpected %s: %+v", tt.code, ms)
				}
				if c := x.Cells[tt.formula]; !rdHas(a, CodeFormula, c, tt.id) {
					t.Errorf("no formula error on %s\n%s", c, rdDump(a))
				}
				return
			}
			want := x.Cells[tt.onField]
			if len(ms) != 1 || want == "" || ms[0].Cell != want || ms[0].Sheet != SheetChecklist {
				t.Fatalf("want one %s on %s (%s), got %+v\n%s", tt.code, tt.onField, want, ms, rdDump(a))
			}
			if tt.dropColumn != "" && x.Cells[tt.dropColumn] != "" {
				t.Errorf("the %s column was still found at %s", tt.dropColumn, x.Cells[tt.dropColumn])
			}
		})
	}
}
