package checklist

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// want is one expected problem: severity, rule and field.
type want struct {
	sev   Severity
	code  RuleCode
	field string
}

func (w want) String() string { return fmt.Sprintf("%s %s @%s", w.sev, w.code, w.field) }

func gotOf(ps []Problem) []want {
	out := []want{}
	for _, p := range ps {
		out = append(out, want{p.Severity, p.Code, p.Field})
	}
	return out
}

// The items of each level the rules tell apart (IDs of testCatalog, plus a
// detail control without B).
var (
	ruleGov    = Item{ID: "3.1.2.1", Level: LevelGovernance, Chapter: 3, Parent: "3.1.2"}
	ruleMgmt   = Item{ID: "4.4.1.1", Level: LevelManagement, Chapter: 4, Parent: "4.4.1"}
	ruleObj    = Item{ID: "9.4.2", Level: LevelObjective, Chapter: 9, Parent: "9.4"}
	ruleB      = Item{ID: "9.4.2.2.B", Level: LevelDetail, Chapter: 9, Parent: "9.4.2", B: true}
	ruleDetail = Item{ID: "9.4.2.1", Level: LevelDetail, Chapter: 9, Parent: "9.4.2"}
)

// ISMAP管理基準 2.2.4 and the answer form: what one answer must carry, by
// level, B or not, status, reason, planned date and evidence, and the
// planned date against the reading date.
func TestCheckAnswer(t *testing.T) {
	today := NewDate(2026, 11, 26)
	var (
		past   = NewDate(2026, 11, 25) // one day before the reading date
		future = NewDate(2026, 11, 27)
	)
	const reasonText, evidenceText = "理由", "規程"
	planned := map[string]bool{FieldPlannedDate: true}
	var (
		naGov      = want{SeverityWarning, RuleNAOnGovMgmt, FieldStatus}
		naReasonE  = want{SeverityError, RuleNAWithoutReason, FieldReason}
		naReasonW  = want{SeverityWarning, RuleNAWithoutReason, FieldReason}
		noReason   = want{SeverityWarning, RuleShortfallWithoutReason, FieldReason}
		noDate     = want{SeverityWarning, RuleShortfallWithoutDate, FieldPlannedDate}
		noEvidence = want{SeverityWarning, RuleBWithoutEvidence, FieldEvidence}
		pastDate   = want{SeverityWarning, RulePlannedDatePast, FieldPlannedDate}
	)
	tests := []struct {
		name    string
		it      Item
		a       Answer
		today   Date
		formula map[string]bool
		want    []want
		textJA  string // a fragment the first problem's Japanese text holds
		textEN  string
		reason  string // why, where the case is not obvious
	}{
		// 対象外, by level.
		{name: "governance 対象外 without reason", it: ruleGov, a: Answer{Status: StatusNotApplicable}, want: []want{naGov, naReasonW},
			textJA: "3.1.2.1 はガバナンス基準の項目です", textEN: "3.1.2.1 is a governance item"},
		{name: "governance 対象外 with reason", it: ruleGov, a: Answer{Status: StatusNotApplicable, Reason: reasonText}, want: []want{naGov}},
		{name: "management 対象外 without reason", it: ruleMgmt, a: Answer{Status: StatusNotApplicable}, want: []want{naGov, naReasonW},
			textJA: "マネジメント基準の項目です", textEN: "is a management item"},
		{name: "management 対象外 with reason", it: ruleMgmt, a: Answer{Status: StatusNotApplicable, Reason: reasonText}, want: []want{naGov}},
		{name: "objective 対象外 without reason", it: ruleObj, a: Answer{Status: StatusNotApplicable}, want: []want{naReasonE},
			textJA: "「対象外」には理由の記入が必要です", textEN: `"not applicable" needs a reason`},
		{name: "objective 対象外 with reason", it: ruleObj, a: Answer{Status: StatusNotApplicable, Reason: reasonText}, want: nil},
		{name: "B control 対象外 without reason", it: ruleB, a: Answer{Status: StatusNotApplicable}, want: []want{naReasonE}},
		{name: "B control 対象外 with reason", it: ruleB, a: Answer{Status: StatusNotApplicable, Reason: reasonText}, want: nil,
			reason: "a B control under an applicable objective is a finding (Findings), not a form problem"},
		{name: "detail control 対象外 without reason", it: ruleDetail, a: Answer{Status: StatusNotApplicable}, want: []want{naReasonE}},
		{name: "対象外 with evidence but no reason", it: ruleObj, a: Answer{Status: StatusNotApplicable, Evidence: evidenceText, PlannedDate: future}, want: []want{naReasonE}},

		// 一部適合 and 不適合: reason and planned date.
		{name: "objective 一部適合 without reason or date", it: ruleObj, a: Answer{Status: StatusPartial}, want: []want{noReason, noDate},
			textJA: "「一部適合」ですが理由が記入されていません", textEN: `"Partially conforms" without a reason`},
		{name: "objective 一部適合 with reason, no date", it: ruleObj, a: Answer{Status: StatusPartial, Reason: reasonText}, want: []want{noDate},
			textJA: "「一部適合」ですが対応予定日が記入されていません", textEN: `"Partially conforms" without a planned date`},
		{name: "objective 一部適合 with date, no reason", it: ruleObj, a: Answer{Status: StatusPartial, PlannedDate: future}, want: []want{noReason}},
		{name: "objective 一部適合 with reason and date", it: ruleObj, a: Answer{Status: StatusPartial, Reason: reasonText, PlannedDate: future}, want: nil},
		{name: "governance 不適合 without reason or date", it: ruleGov, a: Answer{Status: StatusNonconforming}, want: []want{noReason, noDate},
			textJA: "「不適合」ですが理由", textEN: `"Does not conform" without a reason`},
		{name: "management 不適合 with reason and date", it: ruleMgmt, a: Answer{Status: StatusNonconforming, Reason: reasonText, PlannedDate: future}, want: nil},
		{name: "B control 不適合 without reason or date", it: ruleB, a: Answer{Status: StatusNonconforming}, want: []want{noReason, noDate}},
		{name: "detail control 一部適合 with reason and date", it: ruleDetail, a: Answer{Status: StatusPartial, Reason: reasonText, PlannedDate: future}, want: nil},
		{name: "不適合 with a formula for the planned date", it: ruleObj, a: Answer{Status: StatusNonconforming, Reason: reasonText}, formula: planned, want: nil,
			reason: "the formula is reported on its own; the date is unknown, not missing"},
		{name: "不適合 with a formula elsewhere", it: ruleObj, a: Answer{Status: StatusNonconforming}, formula: map[string]bool{FieldReason: true}, want: []want{noReason, noDate},
			reason: "only a formula in the planned-date cell stands for the date"},

		// 適合: evidence on a B control.
		{name: "B control 適合 without evidence", it: ruleB, a: Answer{Status: StatusConforms}, want: []want{noEvidence},
			textJA: "9.4.2.2.B は B の詳細管理策です", textEN: `9.4.2.2.B is a B detailed control answered "conforms" without evidence`},
		{name: "B control 適合 with evidence", it: ruleB, a: Answer{Status: StatusConforms, Evidence: evidenceText}, want: nil},
		{name: "detail control 適合 without evidence", it: ruleDetail, a: Answer{Status: StatusConforms}, want: nil},
		{name: "objective 適合 without evidence", it: ruleObj, a: Answer{Status: StatusConforms}, want: nil},
		{name: "governance 適合 without evidence", it: ruleGov, a: Answer{Status: StatusConforms}, want: nil},
		{name: "management 適合 without evidence", it: ruleMgmt, a: Answer{Status: StatusConforms}, want: nil},

		// Unanswered: nothing to check (Findings and Corrections see to it).
		{name: "governance unanswered", it: ruleGov, a: Answer{Status: StatusUnanswered}, want: nil},
		{name: "B control unanswered", it: ruleB, a: Answer{Status: StatusUnanswered}, want: nil},
		{name: "objective empty status", it: ruleObj, a: Answer{}, want: nil},

		// The planned date against the reading date.
		{name: "planned date before the reading date", it: ruleObj, a: Answer{Status: StatusPartial, Reason: reasonText, PlannedDate: past}, today: today, want: []want{pastDate},
			textJA: "対応予定日 2026-11-25 は読み取り日 2026-11-26 より前です", textEN: "planned date 2026-11-25 is before the reading date 2026-11-26"},
		{name: "planned date on the reading date", it: ruleObj, a: Answer{Status: StatusPartial, Reason: reasonText, PlannedDate: today}, today: today, want: nil},
		{name: "planned date after the reading date", it: ruleObj, a: Answer{Status: StatusPartial, Reason: reasonText, PlannedDate: future}, today: today, want: nil},
		{name: "planned date without a reading date", it: ruleObj, a: Answer{Status: StatusPartial, Reason: reasonText, PlannedDate: past}, want: nil},
		{name: "past planned date on 適合", it: ruleObj, a: Answer{Status: StatusConforms, PlannedDate: past}, today: today, want: []want{pastDate},
			reason: "the rule holds whatever the status"},
		{name: "past planned date on unanswered", it: ruleGov, a: Answer{Status: StatusUnanswered, PlannedDate: past}, today: today, want: []want{pastDate}},
		{name: "no planned date, reading date set", it: ruleObj, a: Answer{Status: StatusPartial, Reason: reasonText}, today: today, want: []want{noDate}},

		// Order: the status rules first, then the planned date.
		{name: "governance 対象外 without reason, past date", it: ruleGov, a: Answer{Status: StatusNotApplicable, PlannedDate: past}, today: today, want: []want{naGov, naReasonW, pastDate}},
		{name: "一部適合 without reason, past date", it: ruleB, a: Answer{Status: StatusPartial, PlannedDate: past}, today: today, want: []want{noReason, pastDate}},
		{name: "B control 適合 without evidence, past date", it: ruleB, a: Answer{Status: StatusConforms, PlannedDate: past}, today: today, want: []want{noEvidence, pastDate}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.a.ID = tt.it.ID
			ps := CheckAnswer(tt.it, tt.a, AnswerCheckOptions{Today: tt.today, Formula: tt.formula})
			if got := gotOf(ps); !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Fatalf("got %v, want %v %s", got, tt.want, tt.reason)
			}
			for _, p := range ps {
				if p.ID != tt.it.ID || p.TextJA == "" || p.TextEN == "" {
					t.Errorf("problem %+v: want ID %s and both texts", p, tt.it.ID)
				}
			}
			if tt.textJA != "" && (!strings.Contains(ps[0].TextJA, tt.textJA) || !strings.Contains(ps[0].TextEN, tt.textEN)) {
				t.Errorf("texts %q / %q, want %q / %q", ps[0].TextJA, ps[0].TextEN, tt.textJA, tt.textEN)
			}
		})
	}
}

// CheckAnswer reads the answer and nothing else: it changes neither the
// answer nor the options.
func TestCheckAnswerChangesNothing(t *testing.T) {
	a := Answer{ID: ruleB.ID, Status: StatusNotApplicable, Cells: map[string]string{FieldStatus: "E9"}}
	formula := map[string]bool{FieldPlannedDate: true}
	CheckAnswer(ruleB, a, AnswerCheckOptions{Today: NewDate(2026, 1, 1), Formula: formula})
	if a.Status != StatusNotApplicable || len(a.Cells) != 1 || a.Reason != "" || len(formula) != 1 {
		t.Errorf("answer or options changed: %+v %v", a, formula)
	}
}

func TestPlannedDatePast(t *testing.T) {
	today := NewDate(2026, 11, 26)
	tests := []struct {
		name    string
		planned Date
		today   Date
		want    bool
	}{
		{"a day before", NewDate(2026, 11, 25), today, true},
		{"a year before", NewDate(2025, 11, 26), today, true},
		{"on the day", today, today, false},
		{"a day after", NewDate(2026, 11, 27), today, false},
		{"no planned date", Date{}, today, false},
		{"no reading date", NewDate(2020, 1, 1), Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlannedDatePast(Answer{PlannedDate: tt.planned}, tt.today); got != tt.want {
				t.Errorf("PlannedDatePast(%s, %s) = %v, want %v", tt.planned, tt.today, got, tt.want)
			}
		})
	}
}

// TestRuleCodes keeps the codes stable: they are ingest message codes that
// scripts match on.
func TestRuleCodes(t *testing.T) {
	want := []string{"na_on_governance_management", "na_without_reason", "shortfall_without_reason", "shortfall_without_date",
		"b_without_evidence", "planned_date_past", "objective_conforms_b_short", "inherited_unregistered"}
	var got []string
	for _, c := range RuleCodes {
		got = append(got, string(c))
		if _, ok := fixes[string(c)]; !ok {
			t.Errorf("%s: the correction pack has no fix for it", c)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("rule codes %v, want %v", got, want)
	}
}
