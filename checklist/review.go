package checklist

// Review is the agency's decisions applied to one result: the state of
// the decision on every finding (ApplyDecisions) and on every exclusion
// (ApplyExclusionDecisions), and how many of each are in each State. It
// is the one place those states are counted, so the findings report, the
// risk sheet's summary, the report and the portfolio agree.
// ISMAP管理基準 2.2.4: every finding needs the agency's risk decision and
// every exclusion its acceptance; Review says where each one stands.
type Review struct {
	Decisions  []DecisionState
	Exclusions []ExclusionState
	// Counts is the number of finding decisions per State; never nil.
	Counts map[State]int
	// ExclusionCounts is the number of exclusion decisions per State;
	// never nil.
	ExclusionCounts map[State]int
}

// NewReview applies decisions to the findings of res as of date and pairs
// them with the exclusion states. The exclusion states are taken as given
// because they are judged against the exclusions as the CSP claimed them
// (FindingsWithExclusions), which res, once a rejection is applied, no
// longer shows.
func NewReview(res Result, decisions []Decision, exclusions []ExclusionState, date Date) Review {
	return ReviewOf(ApplyDecisions(res, decisions, date), exclusions)
}

// ReviewOf counts states already applied.
func ReviewOf(decisions []DecisionState, exclusions []ExclusionState) Review {
	r := Review{Decisions: decisions, Exclusions: exclusions, Counts: map[State]int{}, ExclusionCounts: map[State]int{}}
	for _, s := range decisions {
		r.Counts[s.State]++
	}
	for _, s := range exclusions {
		r.ExclusionCounts[s.State]++
	}
	return r
}

// RejectedExclusions is the number of exclusions the CISO rejected by a
// current decision (ExclusionState.Rejected).
func (r Review) RejectedExclusions() int {
	n := 0
	for _, s := range r.Exclusions {
		if s.Rejected() {
			n++
		}
	}
	return n
}

// UndecidedExclusions is the number of exclusions with no usable decision
// yet: open or invalid.
func (r Review) UndecidedExclusions() int {
	return r.ExclusionCounts[StateOpen] + r.ExclusionCounts[StateInvalid]
}
