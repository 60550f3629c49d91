package checklist

import (
	"maps"
	"testing"
	"time"
)

func TestReview(t *testing.T) {
	_, _, r := riskFixture(t)
	asOf := NewDate(2026, time.April, 1)
	h := func(id string) string { f, _ := r.Finding(id); return f.AnswerHash }
	current := validDecision("3.1.2.1", h("3.1.2.1"))
	expired := validDecision("4.4.1.1", h("4.4.1.1"))
	expired.ReviewBy = asOf.AddDate(0, 0, -1)
	orphan := validDecision("9.4.2", AnswerHash(Answer{ID: "9.4.2", Status: StatusPartial}))
	accept := ExclusionDecision{Verdict: ExclusionAccept}
	reject := ExclusionDecision{Verdict: ExclusionReject}
	ex := func(id string, s State, d *ExclusionDecision) ExclusionState {
		return ExclusionState{ID: id, State: s, Decision: d}
	}
	tests := []struct {
		name        string
		decisions   []Decision
		exclusions  []ExclusionState
		counts      map[State]int
		exCounts    map[State]int
		rejected    int
		undecided   int
		nDecisions  int
		nExclusions int
	}{
		{
			name:       "no risk sheet: every finding open, no exclusion",
			counts:     map[State]int{StateOpen: 3},
			exCounts:   map[State]int{},
			nDecisions: 3,
		},
		{
			name:       "decisions counted per state, orphan kept",
			decisions:  []Decision{current, expired, orphan},
			counts:     map[State]int{StateCurrent: 1, StateExpired: 1, StateOpen: 1, StateOrphaned: 1},
			exCounts:   map[State]int{},
			nDecisions: 4,
		},
		{
			// Only a current rejection counts as rejected; a stale one
			// does not (ExclusionState.Rejected).
			name:      "exclusions: rejected and undecided",
			decisions: []Decision{current},
			exclusions: []ExclusionState{
				ex("5.1.1", StateCurrent, &reject), ex("5.1.2", StateCurrent, &accept), ex("6.1.1", StateStale, &reject),
				ex("6.2.1", StateOpen, nil), ex("7.1.1", StateInvalid, &accept), ex("8.1.1", StateOrphaned, &reject),
			},
			counts:      map[State]int{StateCurrent: 1, StateOpen: 2},
			exCounts:    map[State]int{StateCurrent: 2, StateStale: 1, StateOpen: 1, StateInvalid: 1, StateOrphaned: 1},
			rejected:    1,
			undecided:   2,
			nDecisions:  3,
			nExclusions: 6,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rv := NewReview(r, tt.decisions, tt.exclusions, asOf)
			if !maps.Equal(rv.Counts, tt.counts) {
				t.Errorf("counts %v, want %v", rv.Counts, tt.counts)
			}
			if !maps.Equal(rv.ExclusionCounts, tt.exCounts) {
				t.Errorf("exclusion counts %v, want %v", rv.ExclusionCounts, tt.exCounts)
			}
			if got := rv.RejectedExclusions(); got != tt.rejected {
				t.Errorf("rejected %d, want %d", got, tt.rejected)
			}
			if got := rv.UndecidedExclusions(); got != tt.undecided {
				t.Errorf("undecided %d, want %d", got, tt.undecided)
			}
			if len(rv.Decisions) != tt.nDecisions || len(rv.Exclusions) != tt.nExclusions {
				t.Errorf("%d decisions, %d exclusions; want %d, %d", len(rv.Decisions), len(rv.Exclusions), tt.nDecisions, tt.nExclusions)
			}
			// ReviewOf on the applied states counts the same.
			again := ReviewOf(rv.Decisions, rv.Exclusions)
			if !maps.Equal(again.Counts, rv.Counts) || !maps.Equal(again.ExclusionCounts, rv.ExclusionCounts) {
				t.Errorf("ReviewOf counts %v/%v, NewReview %v/%v", again.Counts, again.ExclusionCounts, rv.Counts, rv.ExclusionCounts)
			}
		})
	}
}
