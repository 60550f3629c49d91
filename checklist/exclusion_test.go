package checklist

import (
	"errors"
	"slices"
	"testing"
)

// excludedAssessment excludes objective 9.5.1.P with a reason; its B
// controls are 対象外 (one) and 適合 (the other).
func excludedAssessment(t *testing.T, c *Catalog) *Assessment {
	a := conformingAssessment(c)
	set(t, a, "9.5.1.P", status(StatusNotApplicable, "単一テナントのため分離は不要"))
	set(t, a, "9.5.1.1.PB", status(StatusNotApplicable, "同上"))
	return a
}

func exDecision(id, hash string, v ExclusionVerdict) ExclusionDecision {
	return ExclusionDecision{ID: id, AnswerHash: hash, Verdict: v, Reason: "根拠が不十分", Approver: "CISO 山田", DecidedOn: NewDate(2026, 3, 20),
		Cells: map[string]string{"verdict": "F6", "reason": "G6", "approver": "H6", "decided_on": "I6"}}
}

func TestExclusionDecisionValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*ExclusionDecision)
		cells []string
	}{
		{"complete accept", func(d *ExclusionDecision) { d.Verdict, d.Reason = ExclusionAccept, "" }, nil},
		{"complete reject", func(d *ExclusionDecision) {}, nil},
		{"empty is not validated", func(d *ExclusionDecision) { *d = ExclusionDecision{Cells: d.Cells} }, nil},
		{"no verdict", func(d *ExclusionDecision) { d.Verdict = "" }, []string{"F6"}},
		{"reject without reason", func(d *ExclusionDecision) { d.Reason = " " }, []string{"G6"}},
		{"no approver, no date", func(d *ExclusionDecision) { d.Approver, d.DecidedOn = "", Date{} }, []string{"H6", "I6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := exDecision("9.5.1.P", "h", ExclusionReject)
			tt.edit(&d)
			var cells []string
			for _, e := range d.Validate() {
				cells = append(cells, e.Cell)
				if !errors.Is(e, ErrExclusionIncomplete) || e.JA == "" || e.EN == "" {
					t.Errorf("error %+v", e)
				}
			}
			if !slices.Equal(cells, tt.cells) {
				t.Errorf("errors at %v, want %v", cells, tt.cells)
			}
		})
	}
}

func TestParseExclusionVerdict(t *testing.T) {
	for in, want := range map[string]ExclusionVerdict{"受入": ExclusionAccept, " 不受入 ": ExclusionReject, "Accept": ExclusionAccept, "REJECT": ExclusionReject, "受け入れ": ExclusionAccept} {
		if got, ok := ParseExclusionVerdict(in); !ok || got != want {
			t.Errorf("ParseExclusionVerdict(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "保留", "=1"} {
		if _, ok := ParseExclusionVerdict(bad); ok {
			t.Errorf("ParseExclusionVerdict(%q) ok", bad)
		}
	}
}

func TestFindingsWithExclusions(t *testing.T) {
	c := testCatalog(t)
	a := excludedAssessment(t, c)
	base := Findings(c, a)
	if len(base.Exclusions) != 1 || base.Exclusions[0].ID != "9.5.1.P" || len(base.Findings) != 0 {
		t.Fatalf("fixture: %d findings, exclusions %+v", len(base.Findings), base.Exclusions)
	}
	hash := base.Exclusions[0].AnswerHash
	invalid := exDecision("9.5.1.P", hash, ExclusionReject)
	invalid.Approver = ""
	tests := []struct {
		name     string
		ds       []ExclusionDecision
		state    State
		findings []string
		reason   string
	}{
		{name: "no decision", state: StateOpen},
		{name: "accepted", ds: []ExclusionDecision{exDecision("9.5.1.P", hash, ExclusionAccept)}, state: StateCurrent},
		{name: "rejected", ds: []ExclusionDecision{exDecision("9.5.1.P", hash, ExclusionReject)}, state: StateCurrent,
			findings: []string{"9.5.1.P", "9.5.1.1.PB"},
			reason:   "the objective applies again, so its B control answered 対象外 is a finding; the one answered 適合 is not"},
		{name: "rejection of another answer is stale and changes nothing", ds: []ExclusionDecision{exDecision("9.5.1.P", "old", ExclusionReject)}, state: StateStale},
		{name: "invalid rejection changes nothing", ds: []ExclusionDecision{invalid}, state: StateInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, states := FindingsWithExclusions(c, a, tt.ds)
			if len(states) != 1 || states[0].State != tt.state || states[0].Exclusion == nil {
				t.Fatalf("states %+v, want one %s", states, tt.state)
			}
			var ids []string
			for _, f := range res.Findings {
				ids = append(ids, f.ID)
			}
			if !slices.Equal(ids, tt.findings) {
				t.Errorf("findings %v, want %v (%s)", ids, tt.findings, tt.reason)
			}
			if len(res.Exclusions) != 1 || res.Exclusions[0].Rejected != (tt.findings != nil) {
				t.Errorf("exclusions %+v: still listed, Rejected only when rejected", res.Exclusions)
			}
			if states[0].Exclusion != &res.Exclusions[0] {
				t.Error("the state does not point at the returned exclusion")
			}
			if tt.findings != nil {
				f, _ := res.Finding("9.5.1.P")
				b, _ := res.Finding("9.5.1.1.PB")
				if !slices.Equal(f.Reasons, []ReasonCode{ReasonObjectiveExclusionRejected}) || !slices.Equal(b.Reasons, []ReasonCode{ReasonBControlExcluded}) {
					t.Errorf("reasons %v and %v", f.Reasons, b.Reasons)
				}
				// The rejected 対象外 counts against the rate (RejectedExclusions).
				if res.Summary.Total.RejectedExclusions != base.Summary.Total.RejectedExclusions+2 {
					t.Errorf("rejected exclusions %d, was %d", res.Summary.Total.RejectedExclusions, base.Summary.Total.RejectedExclusions)
				}
			}
		})
	}
}

func TestApplyExclusionDecisionsKeepsEveryDecision(t *testing.T) {
	c := testCatalog(t)
	res := Findings(c, excludedAssessment(t, c))
	hash := res.Exclusions[0].AnswerHash
	ds := []ExclusionDecision{
		exDecision("9.5.1.P", hash, ExclusionAccept),
		exDecision("9.4.1", "h", ExclusionAccept),
		exDecision("9.5.1.P", hash, ExclusionReject),
		{ID: "9.4.2"}, // empty: dropped
	}
	var got []State
	for _, s := range ApplyExclusionDecisions(res, ds) {
		got = append(got, s.State)
	}
	if want := []State{StateCurrent, StateOrphaned, StateDuplicate}; !slices.Equal(got, want) {
		t.Errorf("states %v, want %v", got, want)
	}
	if n := len(CarryForwardExclusions(ds)); n != 3 {
		t.Errorf("carried %d decisions, want the 3 non-empty ones", n)
	}
}
