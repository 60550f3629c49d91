package checklist

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// interimBase returns facts under which cat qualifies; cases mutate them.
func interimBase(cat InterimCategory) InterimFacts {
	switch cat {
	case InterimLegacy1:
		return InterimFacts{UseStart: Date{2019, 4, 1}, Application: ApplicationExpected}
	case InterimLegacy2:
		return InterimFacts{UseStart: Date{2021, 1, 15}, Application: ApplicationExpected}
	case Interim1i:
		return InterimFacts{Alternative: "yes", ContractSigned: Date{2021, 3, 1}, ContractEnd: Date{2024, 3, 31}, Application: ApplicationExpected}
	case Interim1ii:
		return InterimFacts{Alternative: "yes", Application: ApplicationApplied, MigrationPlan: Date{2021, 12, 1}, MigrationEnd: Date{2024, 9, 30}}
	case Interim1iii:
		return InterimFacts{Alternative: "yes", ConstructionStart: Date{2021, 5, 10}, ContractEnd: Date{2025, 3, 31}, Application: ApplicationExpected}
	case Interim2:
		return InterimFacts{Alternative: "no", SaaSAwaitingIaaS: "yes", Application: ApplicationExpected}
	}
	panic("no base for " + cat)
}

// metOf returns the Met of the condition id: "true", "false", "nil", or
// "absent".
func metOf(v InterimVerdict, id string) string {
	for _, c := range v.Conditions {
		if c.ID == id {
			if c.Met == nil {
				return "nil"
			}
			return fmt.Sprint(*c.Met)
		}
	}
	return "absent"
}

func TestEvaluateInterim(t *testing.T) {
	tests := []struct {
		name     string
		cat      InterimCategory
		mutate   func(f *InterimFacts)
		asOf     Date
		eligible bool
		end      Date // zero: none
		active   bool
		cond     string // a condition to check ...
		met      string // ... and its Met: true, false, nil
		missing  []string
		reason   string
	}{
		// 2-i ①
		{name: "2-i ① in use before 2020-10-01, as of 2021-09-30 active", cat: InterimLegacy1, asOf: Date{2021, 9, 30},
			eligible: true, end: Date{2021, 9, 30}, active: true, cond: "2-i-1.in-use-on-2020-10-01", met: "true"},
		{name: "2-i ① as of 2021-10-01 ended", cat: InterimLegacy1, asOf: Date{2021, 10, 1},
			eligible: true, end: Date{2021, 9, 30}, active: false},
		{name: "2-i ① use started 2020-10-01 counts as in use", cat: InterimLegacy1, asOf: Date{2021, 7, 1},
			mutate: func(f *InterimFacts) { f.UseStart = Date{2020, 10, 1} }, eligible: true, end: Date{2021, 9, 30}, active: true,
			cond: "2-i-1.in-use-on-2020-10-01", met: "true"},
		{name: "2-i ① use started 2020-10-02 is not case ①", cat: InterimLegacy1, asOf: Date{2021, 7, 1},
			mutate: func(f *InterimFacts) { f.UseStart = Date{2020, 10, 2} }, cond: "2-i-1.in-use-on-2020-10-01", met: "false"},
		{name: "2-i ① missing use start is named", cat: InterimLegacy1, asOf: Date{2021, 7, 1},
			mutate: func(f *InterimFacts) { f.UseStart = Date{} }, cond: "2-i-1.in-use-on-2020-10-01", met: "nil", missing: []string{"use-start"}},
		{name: "2-i ① application none", cat: InterimLegacy1, asOf: Date{2021, 7, 1},
			mutate: func(f *InterimFacts) { f.Application = ApplicationNone }, cond: "2-i-1.application-expected", met: "false"},

		// 2-i ②
		{name: "2-i ② ends the day before the first anniversary", cat: InterimLegacy2, asOf: Date{2022, 1, 14},
			eligible: true, end: Date{2022, 1, 14}, active: true, cond: "2-i-2.use-started-from-2020-10-01", met: "true"},
		{name: "2-i ② as of the anniversary ended", cat: InterimLegacy2, asOf: Date{2022, 1, 15},
			eligible: true, end: Date{2022, 1, 14}, active: false},
		{name: "2-i ② capped at 2022-03-31", cat: InterimLegacy2, asOf: Date{2022, 3, 31},
			mutate: func(f *InterimFacts) { f.UseStart = Date{2021, 9, 1} }, eligible: true, end: Date{2022, 3, 31}, active: true,
			reason: "one year would run to 2022-08-31"},
		{name: "2-i ② capped, as of 2022-04-01 ended", cat: InterimLegacy2, asOf: Date{2022, 4, 1},
			mutate: func(f *InterimFacts) { f.UseStart = Date{2021, 9, 1} }, eligible: true, end: Date{2022, 3, 31}, active: false},
		{name: "2-i ② start 2021-04-01 ends exactly at the cap", cat: InterimLegacy2, asOf: Date{2021, 5, 1},
			mutate: func(f *InterimFacts) { f.UseStart = Date{2021, 4, 1} }, eligible: true, end: Date{2022, 3, 31}, active: true},
		{name: "2-i ② use starting after the cap leaves no period", cat: InterimLegacy2, asOf: Date{2022, 5, 1},
			mutate: func(f *InterimFacts) { f.UseStart = Date{2022, 4, 1} }, cond: "2-i-2.use-started-by-2022-03-31", met: "false"},
		{name: "2-i ② missing use start is named and no end", cat: InterimLegacy2, asOf: Date{2021, 5, 1},
			mutate: func(f *InterimFacts) { f.UseStart = Date{} }, cond: "2-i-2.use-started-from-2020-10-01", met: "nil", missing: []string{"use-start"}},

		// 2-ii 類型①-i
		{name: "2-ii 類型①-i contract end is the last active day", cat: Interim1i, asOf: Date{2024, 3, 31},
			eligible: true, end: Date{2024, 3, 31}, active: true},
		{name: "2-ii 類型①-i as of the day after the contract end", cat: Interim1i, asOf: Date{2024, 4, 1},
			eligible: true, end: Date{2024, 3, 31}, active: false},
		{name: "2-ii 類型①-i unavoidable extension honoured", cat: Interim1i, asOf: Date{2024, 6, 1},
			mutate: func(f *InterimFacts) { f.ContractExtendedTo = Date{2024, 9, 30} }, eligible: true, end: Date{2024, 9, 30}, active: true,
			cond: "2-ii-1-i.extension-after-contract-end", met: "true"},
		{name: "2-ii 類型①-i extension before the contract end is inconsistent", cat: Interim1i, asOf: Date{2023, 6, 1},
			mutate: func(f *InterimFacts) { f.ContractExtendedTo = Date{2023, 9, 30} }, cond: "2-ii-1-i.extension-after-contract-end", met: "false"},
		{name: "2-ii 類型①-i contract within one fiscal year is not multi-year", cat: Interim1i, asOf: Date{2021, 8, 1},
			mutate: func(f *InterimFacts) { f.ContractSigned = Date{2021, 4, 1}; f.ContractEnd = Date{2022, 3, 31} },
			cond:   "2-ii-1-i.contract-spans-fiscal-years", met: "false"},
		{name: "2-ii 類型①-i contract signed in March runs into the next fiscal year", cat: Interim1i, asOf: Date{2021, 8, 1},
			mutate:   func(f *InterimFacts) { f.ContractSigned = Date{2021, 3, 31}; f.ContractEnd = Date{2021, 4, 1} },
			eligible: true, end: Date{2021, 4, 1}, active: false, cond: "2-ii-1-i.contract-spans-fiscal-years", met: "true"},
		{name: "2-ii 類型①-i no alternative", cat: Interim1i, asOf: Date{2023, 1, 1},
			mutate: func(f *InterimFacts) { f.Alternative = "no" }, cond: "2-ii-1-i.alternative-exists", met: "false"},
		{name: "2-ii 類型①-i alternative in Japanese", cat: Interim1i, asOf: Date{2023, 1, 1},
			mutate: func(f *InterimFacts) { f.Alternative = "あり"; f.Application = "申請見込み" }, eligible: true, end: Date{2024, 3, 31}, active: true},
		{name: "2-ii 類型①-i missing contract signed and end named", cat: Interim1i, asOf: Date{2023, 1, 1},
			mutate: func(f *InterimFacts) { f.ContractSigned = Date{}; f.ContractEnd = Date{} },
			cond:   "2-ii-1-i.multi-year-contract", met: "nil", missing: []string{"contract-signed", "contract-end"}},
		{name: "2-ii 類型①-i missing alternative named", cat: Interim1i, asOf: Date{2023, 1, 1},
			mutate: func(f *InterimFacts) { f.Alternative = "" }, cond: "2-ii-1-i.alternative-exists", met: "nil", missing: []string{"alternative"}},
		{name: "2-ii 類型①-i unreadable application is missing, not guessed", cat: Interim1i, asOf: Date{2023, 1, 1},
			mutate: func(f *InterimFacts) { f.Application = "maybe" }, cond: "2-ii-1-i.application-expected", met: "nil", missing: []string{"application"}},
		{name: "2-ii (参考) 類型①-i application none means principle use", cat: Interim1i, asOf: Date{2023, 1, 1},
			mutate: func(f *InterimFacts) { f.Application = ApplicationNone }, cond: "2-ii-1-i.application-expected", met: "false"},

		// 2-ii 類型①-ii
		{name: "2-ii 類型①-ii migration plan fixed 2022-03-31 qualifies", cat: Interim1ii, asOf: Date{2023, 1, 1},
			mutate: func(f *InterimFacts) { f.MigrationPlan = Date{2022, 3, 31} }, eligible: true, end: Date{2024, 9, 30}, active: true,
			cond: "2-ii-1-ii.migration-plan-by-2022-03-31", met: "true"},
		{name: "2-ii 類型①-ii migration plan fixed 2022-04-01 fails", cat: Interim1ii, asOf: Date{2023, 1, 1},
			mutate: func(f *InterimFacts) { f.MigrationPlan = Date{2022, 4, 1} }, cond: "2-ii-1-ii.migration-plan-by-2022-03-31", met: "false"},
		{name: "2-ii 類型①-ii migration end is the last active day", cat: Interim1ii, asOf: Date{2024, 9, 30},
			eligible: true, end: Date{2024, 9, 30}, active: true},
		{name: "2-ii 類型①-ii extended migration end honoured", cat: Interim1ii, asOf: Date{2025, 2, 1},
			mutate: func(f *InterimFacts) { f.MigrationEnd = Date{2025, 3, 31} }, eligible: true, end: Date{2025, 3, 31}, active: true},
		{name: "2-ii 類型①-ii as of after the migration end", cat: Interim1ii, asOf: Date{2024, 10, 1},
			eligible: true, end: Date{2024, 9, 30}, active: false},
		{name: "2-ii 類型①-ii alternative not applying", cat: Interim1ii, asOf: Date{2023, 1, 1},
			mutate: func(f *InterimFacts) { f.Application = ApplicationNone }, cond: "2-ii-1-ii.alternative-applied", met: "false"},
		{name: "2-ii 類型①-ii missing migration plan and end named", cat: Interim1ii, asOf: Date{2022, 1, 1},
			mutate: func(f *InterimFacts) { f.MigrationPlan = Date{}; f.MigrationEnd = Date{} },
			cond:   "2-ii-1-ii.migration-plan-by-2022-03-31", met: "nil", missing: []string{"migration-plan", "migration-end"}},

		// 2-ii 類型①-iii
		{name: "2-ii 類型①-iii extension honoured", cat: Interim1iii, asOf: Date{2025, 6, 30},
			mutate: func(f *InterimFacts) { f.ContractExtendedTo = Date{2025, 6, 30} }, eligible: true, end: Date{2025, 6, 30}, active: true},
		{name: "2-ii 類型①-iii as of after the extension", cat: Interim1iii, asOf: Date{2025, 7, 1},
			mutate: func(f *InterimFacts) { f.ContractExtendedTo = Date{2025, 6, 30} }, eligible: true, end: Date{2025, 6, 30}, active: false},
		{name: "2-ii 類型①-iii missing construction start named", cat: Interim1iii, asOf: Date{2024, 1, 1},
			mutate: func(f *InterimFacts) { f.ConstructionStart = Date{} }, cond: "2-ii-1-iii.construction-started-before-decision", met: "nil", missing: []string{"construction-start"}},
		{name: "2-ii 類型①-iii missing contract end named", cat: Interim1iii, asOf: Date{2024, 1, 1},
			mutate: func(f *InterimFacts) { f.ContractEnd = Date{} }, cond: "2-ii-1-iii.contract-end", met: "nil", missing: []string{"contract-end"}},

		// 2-ii 類型②
		{name: "2-ii 類型② as of 2023-03-31 active", cat: Interim2, asOf: Date{2023, 3, 31},
			eligible: true, end: Date{2023, 3, 31}, active: true, cond: "2-ii-2.outside-category-1", met: "true"},
		{name: "2-ii 類型② as of 2023-04-01 ended", cat: Interim2, asOf: Date{2023, 4, 1},
			eligible: true, end: Date{2023, 3, 31}, active: false},
		{name: "2-ii 類型② not waiting for its IaaS", cat: Interim2, asOf: Date{2022, 6, 1},
			mutate: func(f *InterimFacts) { f.SaaSAwaitingIaaS = "no" }, cond: "2-ii-2.saas-awaiting-iaas", met: "false"},
		{name: "2-ii 類型② missing SaaS fact named", cat: Interim2, asOf: Date{2022, 6, 1},
			mutate: func(f *InterimFacts) { f.SaaSAwaitingIaaS = "" }, cond: "2-ii-2.saas-awaiting-iaas", met: "nil", missing: []string{"saas-awaiting-iaas"}},
		{name: "2-ii 類型② missing both named", cat: Interim2, asOf: Date{2022, 6, 1},
			mutate: func(f *InterimFacts) { f.SaaSAwaitingIaaS = ""; f.Alternative = "" }, cond: "2-ii-2.outside-category-1", met: "nil",
			missing: []string{"alternative", "contract-signed", "contract-end", "alternative-application", "migration-plan", "migration-end", "construction-start", "saas-awaiting-iaas"},
			reason:  "without --alternative, 類型①-i, ①-ii and ①-iii all stay open; the SaaS's own application says nothing of an alternative's"},
		{name: "2-ii (参考) 類型② application none", cat: Interim2, asOf: Date{2022, 6, 1},
			mutate: func(f *InterimFacts) { f.Application = ApplicationNone }, cond: "2-ii-2.application-expected", met: "false"},
		{name: "2-ii 類型② missing application named", cat: Interim2, asOf: Date{2022, 6, 1},
			mutate: func(f *InterimFacts) { f.Application = "" }, cond: "2-ii-2.application-expected", met: "nil", missing: []string{"application"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := interimBase(tt.cat)
			if tt.mutate != nil {
				tt.mutate(&f)
			}
			v := EvaluateInterim(tt.cat, f, tt.asOf)
			if v.Eligible != tt.eligible || v.End != tt.end || v.Active != tt.active {
				t.Errorf("eligible %v end %v active %v, want %v %v %v %s\nconditions: %s\nnotes: %v",
					v.Eligible, v.End, v.Active, tt.eligible, tt.end, tt.active, tt.reason, condSummary(v), v.NotesEN)
			}
			if tt.cond != "" {
				if got := metOf(v, tt.cond); got != tt.met {
					t.Errorf("condition %s met = %s, want %s\nconditions: %s", tt.cond, got, tt.met, condSummary(v))
				}
			}
			if !slices.Equal(v.Missing, tt.missing) {
				t.Errorf("missing = %v, want %v", v.Missing, tt.missing)
			}
			checkVerdictInvariants(t, v)
		})
	}
}

func condSummary(v InterimVerdict) string {
	var b strings.Builder
	for _, c := range v.Conditions {
		m := "nil"
		if c.Met != nil {
			m = fmt.Sprint(*c.Met)
		}
		fmt.Fprintf(&b, "\n  %s=%s %v", c.ID, m, c.Missing)
	}
	return b.String()
}

// checkVerdictInvariants asserts what holds for every verdict.
func checkVerdictInvariants(t *testing.T, v InterimVerdict) {
	t.Helper()
	all, failed, open := true, false, false
	for _, c := range v.Conditions {
		if c.ID == "" || c.Source == "" || c.TextJA == "" || c.TextEN == "" {
			t.Errorf("condition %+v lacks an ID, source or text", c)
		}
		if !strings.HasPrefix(c.Source, "2-") {
			t.Errorf("condition %s cites %q, not a section of 2", c.ID, c.Source)
		}
		if (c.Met == nil) != (len(c.Missing) > 0) {
			t.Errorf("condition %s: Met nil must go with named missing facts, got met=%v missing=%v", c.ID, c.Met, c.Missing)
		}
		if c.Met == nil || !*c.Met {
			all = false
		}
		failed = failed || (c.Met != nil && !*c.Met)
		open = open || c.Met == nil
	}
	if v.Decided != (failed || !open) {
		t.Errorf("decided %v with a failed condition %v and an open one %v", v.Decided, failed, open)
	}
	if v.Eligible != (all && len(v.Conditions) > 0) {
		t.Errorf("eligible %v but conditions all met = %v", v.Eligible, all)
	}
	if v.Eligible == v.End.IsZero() {
		t.Errorf("eligible %v with end %v: an end is set exactly when eligible", v.Eligible, v.End)
	}
	if v.Active && !v.Eligible {
		t.Error("active but not eligible")
	}
	if len(v.NotesJA) != len(v.NotesEN) {
		t.Errorf("%d Japanese notes, %d English", len(v.NotesJA), len(v.NotesEN))
	}
	ids := map[string]bool{}
	for _, o := range v.Obligations {
		if ids[o.ID] {
			t.Errorf("obligation %s twice", o.ID)
		}
		ids[o.ID] = true
		if o.Source == "" || o.TextJA == "" || o.TextEN == "" {
			t.Errorf("obligation %+v lacks source or text", o)
		}
	}
	if v.PeriodNotYetSet && (v.Active || !v.Category.IsNew() || !v.AsOf.Before(InterimDecisionDate)) {
		t.Errorf("period not yet set: active %v category %s as of %v", v.Active, v.Category, v.AsOf)
	}
	if v.Active && !v.Category.IsNew() && !ids["legacy.follow-up-after-report"] {
		t.Errorf("active former period lacks the follow-up duty: %v", v.Obligations)
	}
	switch {
	case !v.Decided:
		if len(v.Obligations) != 0 {
			t.Errorf("undecided verdict lists obligations %v", v.Obligations)
		}
	case v.PeriodNotYetSet:
		if len(v.Obligations) != 0 || !hasNote(v, "had not been set yet") {
			t.Errorf("a period not yet set lists obligations %v, notes %v", v.Obligations, v.NotesEN)
		}
	case len(v.FallsUnder) > 0:
		if len(v.Obligations) != 0 || !hasNote(v, "falls under") {
			t.Errorf("a case of another category lists obligations %v, notes %v", v.Obligations, v.NotesEN)
		}
	case v.Active && v.Category.IsNew():
		for _, id := range []string{"basic-statement-check", "report-to-secretariat", "report-changes"} {
			if !ids[id] {
				t.Errorf("active new category lacks obligation %s", id)
			}
		}
	case !v.Active:
		if !ids["principle-use.migrate"] || !ids["principle-use.ciso-confirms"] {
			t.Errorf("inactive verdict lacks the principle-use obligations: %v", v.Obligations)
		}
	}
}

func TestEvaluateInterimNotes(t *testing.T) {
	t.Run("2-ii (参考) no extension for a CSP that did not apply by the end", func(t *testing.T) {
		v := EvaluateInterim(Interim2, interimBase(Interim2), Date{2023, 4, 1})
		if v.Active || !hasNote(v, "no extension") {
			t.Fatalf("active %v notes %v", v.Active, v.NotesEN)
		}
	})
	t.Run("2-ii (参考) applied in time: no such note", func(t *testing.T) {
		f := interimBase(Interim2)
		f.Application, f.ApplicationDate = ApplicationApplied, Date{2023, 2, 1}
		v := EvaluateInterim(Interim2, f, Date{2023, 4, 1})
		if hasNote(v, "no extension") {
			t.Fatalf("notes %v", v.NotesEN)
		}
	})
	t.Run("2-ii (参考) applied after the end: no extension", func(t *testing.T) {
		f := interimBase(Interim2)
		f.Application, f.ApplicationDate = ApplicationApplied, Date{2023, 5, 1}
		v := EvaluateInterim(Interim2, f, Date{2023, 6, 1})
		if v.Active || !hasNote(v, "no extension") {
			t.Fatalf("active %v notes %v", v.Active, v.NotesEN)
		}
	})
	t.Run("2-ii (参考) application none names principle use", func(t *testing.T) {
		f := interimBase(Interim1i)
		f.Application = "見込みなし"
		v := EvaluateInterim(Interim1i, f, Date{2022, 1, 1})
		if v.Eligible || !hasNote(v, "no prospect") {
			t.Fatalf("eligible %v notes %v", v.Eligible, v.NotesEN)
		}
	})
	t.Run("2-i ② cap is explained", func(t *testing.T) {
		f := interimBase(InterimLegacy2)
		f.UseStart = Date{2021, 10, 1}
		v := EvaluateInterim(InterimLegacy2, f, Date{2022, 1, 1})
		if !hasNote(v, "2022-03-31") {
			t.Fatalf("notes %v", v.NotesEN)
		}
	})
	t.Run("2-ii 類型①-ii plan still possible before 2022-03-31", func(t *testing.T) {
		f := interimBase(Interim1ii)
		f.MigrationPlan = Date{}
		v := EvaluateInterim(Interim1ii, f, Date{2022, 3, 31})
		if !hasNote(v, "by 2022-03-31") {
			t.Fatalf("notes %v", v.NotesEN)
		}
		v = EvaluateInterim(Interim1ii, f, Date{2022, 4, 1})
		if hasNote(v, "by 2022-03-31 meets") {
			t.Fatalf("note after the deadline: %v", v.NotesEN)
		}
	})
	t.Run("missing facts listed in a note", func(t *testing.T) {
		v := EvaluateInterim(Interim1i, InterimFacts{}, Date{2022, 1, 1})
		want := []string{"alternative", "contract-signed", "contract-end", "application"}
		if !slices.Equal(v.Missing, want) || !hasNote(v, "--alternative, --contract-signed") {
			t.Fatalf("missing %v notes %v", v.Missing, v.NotesEN)
		}
	})
	t.Run("2-ii 類型①-i a failed condition decides despite a missing fact", func(t *testing.T) {
		f := interimBase(Interim1i)
		f.ContractSigned, f.Application = Date{2021, 8, 1}, ""
		v := EvaluateInterim(Interim1i, f, Date{2022, 1, 1})
		if !v.Decided || v.Eligible || !slices.Equal(v.Missing, []string{"application"}) || !hasNote(v, "does not qualify") {
			t.Fatalf("decided %v eligible %v missing %v notes %v", v.Decided, v.Eligible, v.Missing, v.NotesEN)
		}
		checkVerdictInvariants(t, v)
	})
	t.Run("unknown category", func(t *testing.T) {
		v := EvaluateInterim("9", InterimFacts{}, Date{2022, 1, 1})
		if v.Eligible || len(v.Conditions) != 0 || !hasNote(v, "unknown category") {
			t.Fatalf("%+v", v)
		}
	})
}

func hasNote(v InterimVerdict, s string) bool {
	for _, n := range v.NotesEN {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

func TestEvaluateInterimObligations(t *testing.T) {
	for _, cat := range []InterimCategory{Interim1i, Interim1ii, Interim1iii, Interim2} {
		t.Run(cat.Section()+" active lists the CISO check and reports", func(t *testing.T) {
			v := EvaluateInterim(cat, interimBase(cat), Date{2022, 6, 1})
			if !v.Active {
				t.Fatalf("not active: %s", condSummary(v))
			}
			var got []string
			for _, o := range v.Obligations {
				got = append(got, o.ID)
			}
			want := []string{"basic-statement-check", "report-to-secretariat", "report-changes", "confirm-application-prospects", "promote-principle-use"}
			if !slices.Equal(got, want) {
				t.Fatalf("obligations %v, want %v", got, want)
			}
			if !strings.Contains(v.Obligations[0].Source, "類型①-i") {
				t.Errorf("basic-statement-check cites %q", v.Obligations[0].Source)
			}
		})
	}
	t.Run("2-i ① active lists the former duties", func(t *testing.T) {
		v := EvaluateInterim(InterimLegacy1, interimBase(InterimLegacy1), Date{2021, 9, 1})
		if len(v.Obligations) != 4 || v.Obligations[0].ID != "legacy.report-service" {
			t.Fatalf("obligations %+v", v.Obligations)
		}
	})
}

func TestEvaluateInterimDeterministic(t *testing.T) {
	f := interimBase(Interim1i)
	f.ContractExtendedTo = Date{2024, 6, 30}
	a, _ := json.Marshal(EvaluateInterim(Interim1i, f, Date{2024, 5, 1}))
	for range 20 {
		b, _ := json.Marshal(EvaluateInterim(Interim1i, f, Date{2024, 5, 1}))
		if string(a) != string(b) {
			t.Fatalf("outputs differ:\n%s\n%s", a, b)
		}
	}
}

func TestInterimVerdictJSON(t *testing.T) {
	t.Run("eligible", func(t *testing.T) {
		b, err := json.Marshal(EvaluateInterim(Interim2, interimBase(Interim2), Date{2023, 3, 31}))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if m["category"] != "2" || m["eligible"] != true || m["end"] != "2023-03-31" || m["active"] != true || m["as_of"] != "2023-03-31" {
			t.Fatalf("json %s", b)
		}
		conds := m["conditions"].([]any)
		c0 := conds[0].(map[string]any)
		if c0["id"] != "2-ii-2.outside-category-1" || c0["met"] != true || c0["source"] != "2-ii 類型②" {
			t.Fatalf("condition %v", c0)
		}
		if len(m["obligations"].([]any)) == 0 {
			t.Fatal("no obligations")
		}
	})
	t.Run("missing: end null, met null", func(t *testing.T) {
		f := interimBase(Interim2)
		f.Application = ""
		b, _ := json.Marshal(EvaluateInterim(Interim2, f, Date{2023, 3, 31}))
		s := string(b)
		for _, want := range []string{`"end":null`, `"met":null`, `"missing":["application"]`, `"eligible":false`, `"obligations":[]`} {
			if !strings.Contains(s, want) {
				t.Errorf("json lacks %s:\n%s", want, s)
			}
		}
	})
}

func TestParseInterimCategory(t *testing.T) {
	tests := []struct {
		in   string
		want InterimCategory
	}{
		{"legacy-1", InterimLegacy1}, {"LEGACY1", InterimLegacy1}, {"2-i-①", InterimLegacy1}, {"従来①", InterimLegacy1},
		{"legacy-2", InterimLegacy2}, {"従来の暫定措置②", InterimLegacy2},
		{"1-i", Interim1i}, {"1i", Interim1i}, {"①-i", Interim1i}, {"類型①-i", Interim1i}, {"類型①ⅰ", Interim1i},
		{"2-ii 類型①-i", Interim1i}, {"１－ｉ", Interim1i}, {"Type 1-i", Interim1i},
		{"1-ii", Interim1ii}, {"①-ii", Interim1ii}, {"類型①-Ⅱ", Interim1ii}, {"1ii", Interim1ii},
		{"1-iii", Interim1iii}, {"類型①-iii", Interim1iii}, {"①ⅲ", Interim1iii},
		{"2", Interim2}, {"②", Interim2}, {"類型②", Interim2}, {"２", Interim2}, {" 2-ii 類型② ", Interim2},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseInterimCategory(tt.in)
			if err != nil || got != tt.want {
				t.Fatalf("ParseInterimCategory(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "none", "①", "1", "3", "1-iv", "legacy-3", "類型"} {
		t.Run("rejects "+bad, func(t *testing.T) {
			if got, err := ParseInterimCategory(bad); !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("ParseInterimCategory(%q) = %q, %v; want ErrInvalidInput", bad, got, err)
			}
		})
	}
	for _, c := range InterimCategories {
		t.Run("round trip "+string(c), func(t *testing.T) {
			if got, err := ParseInterimCategory(string(c)); err != nil || got != c {
				t.Fatalf("%q, %v", got, err)
			}
			if c.Section() == "" || c.LabelJA() == string(c) || c.LabelEN() == string(c) || c.EndRuleJA() == "" || c.EndRuleEN() == "" {
				t.Fatalf("%s lacks a section, label or end rule", c)
			}
		})
	}
}

func TestNormalizeAnswers(t *testing.T) {
	app := map[string]string{
		"expected": ApplicationExpected, "申請見込み": ApplicationExpected, "予定": ApplicationExpected,
		"Applied": ApplicationApplied, "申請済み": ApplicationApplied, "registered": ApplicationApplied,
		"none": ApplicationNone, "見込みなし": ApplicationNone, "ＮＯＮＥ": ApplicationNone,
	}
	for in, want := range app {
		if got, ok := NormalizeApplication(in); !ok || got != want {
			t.Errorf("NormalizeApplication(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	yn := map[string]string{"yes": "yes", "Y": "yes", "はい": "yes", "あり": "yes", "no": "no", "いいえ": "no", "無": "no"}
	for in, want := range yn {
		if got, ok := NormalizeYesNo(in); !ok || got != want {
			t.Errorf("NormalizeYesNo(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "maybe", "2"} {
		if _, ok := NormalizeApplication(bad); ok {
			t.Errorf("NormalizeApplication(%q) accepted", bad)
		}
		if _, ok := NormalizeYesNo(bad); ok {
			t.Errorf("NormalizeYesNo(%q) accepted", bad)
		}
	}
}

func TestInterimFactsFromCover(t *testing.T) {
	tests := []struct {
		name  string
		cover Cover
		want  InterimFacts
	}{
		{"request fills an empty contract end",
			Cover{Request: Request{ContractEnd: Date{2025, 3, 31}}, Interim: InterimFacts{Alternative: "yes"}},
			InterimFacts{Alternative: "yes", ContractEnd: Date{2025, 3, 31}}},
		{"the interim block wins over the request",
			Cover{Request: Request{ContractEnd: Date{2025, 3, 31}}, Interim: InterimFacts{ContractEnd: Date{2026, 3, 31}}},
			InterimFacts{ContractEnd: Date{2026, 3, 31}}},
		{"the CSP's planned ISMAP status fills the application",
			Cover{Request: Request{InterimCategory: "1-i"}, CSP: CSPCover{ISMAPStatus: "planned"}},
			InterimFacts{Application: ApplicationExpected}},
		{"the CSP's status does not speak for a 1-ii alternative",
			Cover{Request: Request{InterimCategory: "類型①-ii"}, CSP: CSPCover{ISMAPStatus: "applied"}},
			InterimFacts{}},
		{"the interim block's application wins over the CSP status",
			Cover{CSP: CSPCover{ISMAPStatus: "none"}, Interim: InterimFacts{Application: "applied"}},
			InterimFacts{Application: "applied"}},
		{"an empty cover states nothing", Cover{}, InterimFacts{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := InterimFactsFromCover(tt.cover); got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestISMAPAppliesTo(t *testing.T) {
	tests := []struct {
		name string
		kind string
		asOf Date
		want bool
	}{
		{"3 独立行政法人 on 2022-03-31 not yet", "独立行政法人", Date{2022, 3, 31}, false},
		{"3 独立行政法人 from 2022-04-01", "独立行政法人", Date{2022, 4, 1}, true},
		{"3 指定法人 on 2022-03-31 not yet", "指定法人", Date{2022, 3, 31}, false},
		{"3 指定法人 from 2022-04-01", "designated-corporation", Date{2022, 4, 1}, true},
		{"府省庁 always", "府省庁", Date{2021, 1, 1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := ParseOrganizationKind(tt.kind)
			if err != nil {
				t.Fatal(err)
			}
			if got := ISMAPAppliesTo(k, tt.asOf); got != tt.want {
				t.Fatalf("ISMAPAppliesTo(%s, %v) = %v, want %v", k, tt.asOf, got, tt.want)
			}
		})
	}
	if _, err := ParseOrganizationKind("company"); !errors.Is(err, ErrInvalidInput) {
		t.Fatalf("unknown kind accepted: %v", err)
	}
	if ISMAPAppliesTo("company", Date{2030, 1, 1}) {
		t.Fatal("unknown kind covered")
	}
}

func ExampleEvaluateInterim() {
	facts := InterimFacts{
		Alternative:        "yes",
		ContractSigned:     Date{2021, 7, 5},
		ContractEnd:        Date{2024, 3, 31},
		ContractExtendedTo: Date{2024, 9, 30},
		Application:        ApplicationExpected,
	}
	v := EvaluateInterim(Interim1i, facts, Date{2024, 6, 1})
	fmt.Println(v.Eligible, v.End, v.Active)
	for _, c := range v.Conditions {
		fmt.Println(c.ID, *c.Met, c.Source)
	}
	// Output:
	// true 2024-09-30 true
	// 2-ii-1-i.alternative-exists true 2-ii 類型①-i
	// 2-ii-1-i.multi-year-contract true 2-ii 類型①-i
	// 2-ii-1-i.contract-spans-fiscal-years true 2-ii 類型①-i
	// 2-ii-1-i.application-expected true 2-ii 類型①-i
	// 2-ii-1-i.contract-end true 2-ii 類型①-i
	// 2-ii-1-i.extension-after-contract-end true 2-ii 類型①-i
}

func BenchmarkEvaluateInterim(b *testing.B) {
	f := interimBase(Interim1i)
	f.ContractExtendedTo = Date{2024, 9, 30}
	for b.Loop() {
		EvaluateInterim(Interim1i, f, Date{2024, 6, 1})
	}
}

// The readings of issue 12: one test per point, each citing the sentence
// of the 2021-07-06 decision it follows.

// TestInterimDecisionDayExcluded: 2021-07-06 decision, 2-ii 類型①-i and
// 類型①-iii, 「本決定以降」 (a multi-year contract signed, or construction
// begun, from the day of the decision on is excluded). 以降 counts the day
// itself, so 2021-07-06 is excluded and 2021-07-05 is the last day that
// qualifies.
func TestInterimDecisionDayExcluded(t *testing.T) {
	tests := []struct {
		name     string
		cat      InterimCategory
		day      Date
		eligible bool
	}{
		{"類型①-i contract signed 2021-07-05 qualifies", Interim1i, Date{2021, 7, 5}, true},
		{"類型①-i contract signed 2021-07-06 is excluded", Interim1i, Date{2021, 7, 6}, false},
		{"類型①-i contract signed 2021-07-07 is excluded", Interim1i, Date{2021, 7, 7}, false},
		{"類型①-iii construction begun 2021-07-05 qualifies", Interim1iii, Date{2021, 7, 5}, true},
		{"類型①-iii construction begun 2021-07-06 is excluded", Interim1iii, Date{2021, 7, 6}, false},
		{"類型①-iii construction begun 2021-07-07 is excluded", Interim1iii, Date{2021, 7, 7}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := interimBase(tt.cat)
			cond := "2-ii-1-i.multi-year-contract"
			if tt.cat == Interim1iii {
				f.ConstructionStart = tt.day
				cond = "2-ii-1-iii.construction-started-before-decision"
			} else {
				f.ContractSigned = tt.day
			}
			v := EvaluateInterim(tt.cat, f, Date{2023, 1, 1})
			if got := metOf(v, cond); got != fmt.Sprint(tt.eligible) {
				t.Errorf("condition %s met = %s, want %v", cond, got, tt.eligible)
			}
			if v.Eligible != tt.eligible || v.Active != tt.eligible || !v.Decided {
				t.Errorf("eligible %v active %v decided %v, want eligible and active %v%s", v.Eligible, v.Active, v.Decided, tt.eligible, condSummary(v))
			}
			checkVerdictInvariants(t, v)
		})
	}
}

// TestInterimFormerCase2StartsOn20201001: 2021-07-06 decision, 2-i ②,
// 「令和2年10月1日以降に利用予定」: a use starting on 2020-10-01 is case ② as
// well as case ① (2-i ①, in use on that day), and both end on 2021-09-30.
func TestInterimFormerCase2StartsOn20201001(t *testing.T) {
	tests := []struct {
		name     string
		cat      InterimCategory
		start    Date
		asOf     Date
		eligible bool
		active   bool
	}{
		{"② start 2020-09-30 is before case ②", InterimLegacy2, Date{2020, 9, 30}, Date{2021, 9, 1}, false, false},
		{"② start 2020-10-01 qualifies, active on 2021-09-30", InterimLegacy2, Date{2020, 10, 1}, Date{2021, 9, 30}, true, true},
		{"② start 2020-10-01 ended on 2021-10-01", InterimLegacy2, Date{2020, 10, 1}, Date{2021, 10, 1}, true, false},
		{"① start 2020-09-30 qualifies", InterimLegacy1, Date{2020, 9, 30}, Date{2021, 9, 30}, true, true},
		{"① start 2020-10-01 qualifies, active on 2021-09-30", InterimLegacy1, Date{2020, 10, 1}, Date{2021, 9, 30}, true, true},
		{"① start 2020-10-01 ended on 2021-10-01", InterimLegacy1, Date{2020, 10, 1}, Date{2021, 10, 1}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := interimBase(tt.cat)
			f.UseStart = tt.start
			v := EvaluateInterim(tt.cat, f, tt.asOf)
			if v.Eligible != tt.eligible || v.Active != tt.active {
				t.Fatalf("eligible %v active %v, want %v %v%s", v.Eligible, v.Active, tt.eligible, tt.active, condSummary(v))
			}
			if tt.eligible && v.End != LegacyCase1End && tt.start.Year == 2020 && tt.start.Month == 10 {
				t.Errorf("end %v, want %v under either case", v.End, LegacyCase1End)
			}
			if tt.start == ISMAPApplicationStart && !hasNote(v, "both case 1 and case 2") {
				t.Errorf("no note that 2020-10-01 is both cases: %v", v.NotesEN)
			}
			checkVerdictInvariants(t, v)
		})
	}
}

// TestInterim1iiNeedsApplicationMade: 2021-07-06 decision, 2-ii 類型①-ii,
// 「申請がなされ」 (the alternative service has applied), unlike the 「見込み」
// of 類型①-i and ①-iii: an expected application does not meet it, an
// application made or a registration does.
func TestInterim1iiNeedsApplicationMade(t *testing.T) {
	tests := []struct {
		name        string
		cat         InterimCategory
		application string
		met         string
	}{
		{"①-ii expected does not meet", Interim1ii, "expected", "false"},
		{"①-ii 申請見込み does not meet", Interim1ii, "申請見込み", "false"},
		{"①-ii applied meets", Interim1ii, "applied", "true"},
		{"①-ii 申請済み meets", Interim1ii, "申請済み", "true"},
		{"①-ii registered alternative meets", Interim1ii, "registered", "true"},
		{"①-ii none does not meet", Interim1ii, "none", "false"},
		{"①-ii unstated is named, not guessed", Interim1ii, "", "nil"},
		{"①-i expected still meets (見込み)", Interim1i, "expected", "true"},
		{"①-iii expected still meets (見込み)", Interim1iii, "expected", "true"},
	}
	conds := map[InterimCategory]string{
		Interim1ii:  "2-ii-1-ii.alternative-applied",
		Interim1i:   "2-ii-1-i.application-expected",
		Interim1iii: "2-ii-1-iii.application-expected",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := interimBase(tt.cat)
			f.Application = tt.application
			v := EvaluateInterim(tt.cat, f, Date{2023, 1, 1})
			if got := metOf(v, conds[tt.cat]); got != tt.met {
				t.Fatalf("condition %s met = %s, want %s%s", conds[tt.cat], got, tt.met, condSummary(v))
			}
			if v.Eligible != (tt.met == "true") {
				t.Errorf("eligible %v with the application condition %s", v.Eligible, tt.met)
			}
			if tt.met == "false" && !v.Decided {
				t.Error("a failed application condition leaves the case undecided")
			}
			want := []string{FactApplication}
			if tt.cat == Interim1ii {
				want = []string{FactAlternativeApplication}
			}
			if tt.met == "nil" && !slices.Equal(v.Missing, want) {
				t.Errorf("missing %v, want %v", v.Missing, want)
			}
			if tt.cat == Interim1ii && tt.application == "expected" && !hasNote(v, "expected application") {
				t.Errorf("no note that 見込み is not enough: %v", v.NotesEN)
			}
			checkVerdictInvariants(t, v)
		})
	}
}

// TestInterim2OnlyOutsideCategory1: 2021-07-06 decision, 2-ii 類型②,
// 「類型①-i ~ iii 以外で」: 類型① -i, -ii and -iii are evaluated on the same
// facts; one met rules 類型② out and is named, all failing lets 類型② apply,
// and facts they still need leave the condition open and named.
func TestInterim2OnlyOutsideCategory1(t *testing.T) {
	tests := []struct {
		name       string
		mutate     func(f *InterimFacts)
		met        string
		fallsUnder []InterimCategory
		missing    []string
		eligible   bool
	}{
		{name: "no alternative: outside every ①", mutate: func(f *InterimFacts) {},
			met: "true", eligible: true},
		{name: "multi-year contract signed 2021-07-05 is 類型①-i", mutate: func(f *InterimFacts) {
			f.Alternative, f.ContractSigned, f.ContractEnd, f.ConstructionStart = "yes", Date{2021, 7, 5}, Date{2024, 3, 31}, Date{2021, 8, 1}
		}, met: "false", fallsUnder: []InterimCategory{Interim1i}},
		{name: "construction begun 2021-05-10 is 類型①-iii", mutate: func(f *InterimFacts) {
			f.Alternative, f.ConstructionStart, f.ContractEnd = "yes", Date{2021, 5, 10}, Date{2025, 3, 31}
			f.ContractSigned = Date{2021, 7, 6}
		}, met: "false", fallsUnder: []InterimCategory{Interim1iii}},
		{name: "both 類型①-i and ①-iii met: both named", mutate: func(f *InterimFacts) {
			f.Alternative, f.ContractSigned, f.ContractEnd, f.ConstructionStart = "yes", Date{2021, 4, 1}, Date{2025, 3, 31}, Date{2021, 5, 10}
		}, met: "false", fallsUnder: []InterimCategory{Interim1i, Interim1iii}},
		{name: "類型①-i whose contract ended 2022-03-31 still rules out 類型②", mutate: func(f *InterimFacts) {
			f.Alternative, f.ContractSigned, f.ContractEnd, f.ConstructionStart = "yes", Date{2021, 3, 1}, Date{2022, 3, 31}, Date{2021, 8, 1}
		}, met: "false", fallsUnder: []InterimCategory{Interim1i}},
		// 2-ii 類型①-ii: 「移行後の代替サービスにおいて申請がなされ」: the
		// alternative's application decides ①-ii; the SaaS's own
		// application (given for 類型②) does not stand in for it.
		{name: "alternative with a plan: the SaaS's own application does not decide 類型①-ii", mutate: func(f *InterimFacts) {
			f.Alternative, f.Application, f.MigrationPlan, f.MigrationEnd = "yes", ApplicationApplied, Date{2021, 12, 1}, Date{2024, 9, 30}
			f.ContractSigned, f.ContractEnd, f.ConstructionStart = Date{2021, 7, 6}, Date{2024, 3, 31}, Date{2021, 7, 6}
		}, met: "nil", missing: []string{"alternative-application"}},
		{name: "alternative applied, stated as such, with a plan is 類型①-ii", mutate: func(f *InterimFacts) {
			f.Alternative, f.AlternativeApplication, f.MigrationPlan, f.MigrationEnd = "yes", ApplicationApplied, Date{2021, 12, 1}, Date{2024, 9, 30}
			f.ContractSigned, f.ContractEnd, f.ConstructionStart = Date{2021, 7, 6}, Date{2024, 3, 31}, Date{2021, 7, 6}
		}, met: "false", fallsUnder: []InterimCategory{Interim1ii}},
		{name: "alternative only expected to apply: not 類型①-ii", mutate: func(f *InterimFacts) {
			f.Alternative, f.AlternativeApplication, f.MigrationPlan, f.MigrationEnd = "yes", ApplicationExpected, Date{2021, 12, 1}, Date{2024, 9, 30}
			f.ContractSigned, f.ContractEnd, f.ConstructionStart = Date{2021, 7, 6}, Date{2024, 3, 31}, Date{2021, 7, 6}
		}, met: "true", eligible: true},
		{name: "alternative, migration plan after fiscal 2021: not 類型①-ii whatever was applied", mutate: func(f *InterimFacts) {
			f.Alternative, f.Application, f.MigrationPlan, f.MigrationEnd = "yes", ApplicationApplied, Date{2022, 4, 1}, Date{2024, 9, 30}
			f.ContractSigned, f.ContractEnd, f.ConstructionStart = Date{2021, 7, 6}, Date{2024, 3, 31}, Date{2021, 7, 6}
		}, met: "true", eligible: true},
		{name: "contract and construction from 2021-07-06 on: outside every ①", mutate: func(f *InterimFacts) {
			f.Alternative, f.ContractSigned, f.ContractEnd, f.ConstructionStart = "yes", Date{2021, 7, 6}, Date{2024, 3, 31}, Date{2021, 7, 6}
			f.AlternativeApplication = ApplicationNone
		}, met: "true", eligible: true},
		{name: "single-year contract, construction after the decision: outside every ①", mutate: func(f *InterimFacts) {
			f.Alternative, f.ContractSigned, f.ContractEnd, f.ConstructionStart = "yes", Date{2021, 4, 1}, Date{2022, 3, 31}, Date{2021, 8, 1}
			f.AlternativeApplication = ApplicationExpected
		}, met: "true", eligible: true},
		{name: "alternative but no contract or construction facts: open and named", mutate: func(f *InterimFacts) {
			f.Alternative = "yes"
		}, met: "nil", missing: []string{"contract-signed", "contract-end", "alternative-application", "migration-plan", "migration-end", "construction-start"}},
		{name: "alternative unstated: open and named", mutate: func(f *InterimFacts) {
			f.Alternative = ""
		}, met: "nil", missing: []string{"alternative", "contract-signed", "contract-end", "alternative-application", "migration-plan", "migration-end", "construction-start"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := interimBase(Interim2)
			tt.mutate(&f)
			v := EvaluateInterim(Interim2, f, Date{2022, 6, 1})
			if got := metOf(v, "2-ii-2.outside-category-1"); got != tt.met {
				t.Fatalf("outside-category-1 met = %s, want %s%s", got, tt.met, condSummary(v))
			}
			if !slices.Equal(v.FallsUnder, tt.fallsUnder) || !slices.Equal(v.Missing, tt.missing) || v.Eligible != tt.eligible {
				t.Errorf("falls under %v missing %v eligible %v, want %v %v %v%s",
					v.FallsUnder, v.Missing, v.Eligible, tt.fallsUnder, tt.missing, tt.eligible, condSummary(v))
			}
			if tt.fallsUnder != nil {
				b, _ := json.Marshal(v)
				list, _ := json.Marshal(tt.fallsUnder)
				want := `"falls_under":` + string(list)
				if !strings.Contains(string(b), want) || !hasNote(v, "--category "+string(tt.fallsUnder[len(tt.fallsUnder)-1])) {
					t.Errorf("the category it falls under is not named (%s): %s", want, b)
				}
			}
			checkVerdictInvariants(t, v)
		})
	}
}

// TestInterimNewPeriodNotActiveBeforeDecision: 2021-07-06 decision, 2,
// 「新規の暫定措置期間…を設定する」: the decision creates the new categories,
// so as of a day before 2021-07-06 a case may meet their conditions but
// none is active; the former period is not affected.
func TestInterimNewPeriodNotActiveBeforeDecision(t *testing.T) {
	tests := []struct {
		cat       InterimCategory
		asOf      Date
		active    bool
		notYetSet bool
	}{
		{Interim1i, Date{2021, 7, 5}, false, true},
		{Interim1i, Date{2021, 7, 6}, true, false},
		{Interim1ii, Date{2021, 7, 5}, false, true},
		{Interim1ii, Date{2021, 7, 6}, true, false},
		{Interim1iii, Date{2021, 7, 5}, false, true},
		{Interim1iii, Date{2021, 7, 6}, true, false},
		{Interim2, Date{2021, 7, 5}, false, true},
		{Interim2, Date{2021, 7, 6}, true, false},
		{InterimLegacy1, Date{2021, 7, 5}, true, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s as of %v", tt.cat.Section(), tt.asOf), func(t *testing.T) {
			v := EvaluateInterim(tt.cat, interimBase(tt.cat), tt.asOf)
			if !v.Eligible || v.Active != tt.active || v.PeriodNotYetSet != tt.notYetSet {
				t.Fatalf("eligible %v active %v not yet set %v, want true %v %v%s", v.Eligible, v.Active, v.PeriodNotYetSet, tt.active, tt.notYetSet, condSummary(v))
			}
			b, _ := json.Marshal(v)
			if got := strings.Contains(string(b), `"period_not_yet_set":true`); got != tt.notYetSet {
				t.Errorf("json period_not_yet_set shown %v, want %v: %s", got, tt.notYetSet, b)
			}
			if tt.notYetSet && (!hasNote(v, "had not been set yet") || hasNote(v, "ended on")) {
				t.Errorf("notes %v", v.NotesEN)
			}
			checkVerdictInvariants(t, v)
		})
	}
}

// TestInterimFormerPeriodFollowUpDuty: 2021-07-06 decision, 1,
// 「報告後、当該情報システムの対応について検討」: after reporting, the agency
// works out the system's handling and moves migration and budget forward.
// It is a duty of the former-period categories only.
func TestInterimFormerPeriodFollowUpDuty(t *testing.T) {
	tests := []struct {
		cat  InterimCategory
		asOf Date
		want bool
	}{
		{InterimLegacy1, Date{2021, 9, 30}, true},
		{InterimLegacy2, Date{2022, 1, 14}, true},
		{Interim1i, Date{2022, 1, 14}, false},
		{Interim2, Date{2022, 1, 14}, false},
	}
	for _, tt := range tests {
		t.Run(tt.cat.Section(), func(t *testing.T) {
			v := EvaluateInterim(tt.cat, interimBase(tt.cat), tt.asOf)
			if !v.Active {
				t.Fatalf("not active%s", condSummary(v))
			}
			i := slices.IndexFunc(v.Obligations, func(o InterimObligation) bool { return o.ID == "legacy.follow-up-after-report" })
			if (i >= 0) != tt.want {
				t.Fatalf("follow-up duty listed %v, want %v: %+v", i >= 0, tt.want, v.Obligations)
			}
			if tt.want && (v.Obligations[i].Source != "1" || v.Obligations[i-1].ID != "legacy.report-no-prospect") {
				t.Errorf("follow-up duty %+v should follow the report it comes after, citing section 1", v.Obligations[i])
			}
			checkVerdictInvariants(t, v)
		})
	}
}
