package checklist

import (
	"slices"
	"strings"
	"testing"
)

func TestReadiness(t *testing.T) {
	f1, f2 := &Finding{ID: "5.1.1"}, &Finding{ID: "9.4.2"}
	ex := &Exclusion{ID: "11.2.7"}
	cur := func(f *Finding) DecisionState {
		return DecisionState{ID: f.ID, Finding: f, State: StateCurrent, Decision: &Decision{ID: f.ID}}
	}
	with := func(f *Finding, s State) DecisionState { d := cur(f); d.State = s; return d }
	exState := func(s State) ExclusionState {
		return ExclusionState{ID: ex.ID, Exclusion: ex, State: s, Decision: &ExclusionDecision{ID: ex.ID, Verdict: ExclusionAccept}}
	}
	ingestErr := Message{Severity: SeverityError, Code: "vocabulary", ID: "5.1.1", Cell: "E12", TextJA: "値が不正", TextEN: "bad value"}
	warning := Message{Severity: SeverityWarning, Code: "planned_date_past", ID: "5.1.1"}
	tests := []struct {
		name   string
		in     SignOffInput
		want   []BlockerKind
		reason string
	}{
		{name: "everything decided", in: SignOffInput{Decisions: []DecisionState{cur(f1), cur(f2)}, Exclusions: []ExclusionState{exState(StateCurrent)}}},
		{name: "no findings, no exclusions", in: SignOffInput{}},
		{name: "warnings do not block", in: SignOffInput{IngestMessages: []Message{warning}, RiskMessages: []Message{warning}, Decisions: []DecisionState{cur(f1)}}},
		{name: "ingest error", in: SignOffInput{IngestMessages: []Message{ingestErr}, Decisions: []DecisionState{cur(f1)}}, want: []BlockerKind{BlockIngestError}},
		{name: "open decision", in: SignOffInput{Decisions: []DecisionState{cur(f1), with(f2, StateOpen)}}, want: []BlockerKind{BlockDecisionOpen}},
		{name: "invalid decision, its message counted once", in: SignOffInput{
			RiskMessages: []Message{{Severity: SeverityError, ID: "9.4.2", Code: "vocabulary"}},
			Decisions:    []DecisionState{cur(f1), with(f2, StateInvalid)}}, want: []BlockerKind{BlockDecisionInvalid},
			reason: "a risk-sheet error about a decision is the decision's invalid state, not a second blocker"},
		{name: "risk-sheet error outside a decision", in: SignOffInput{
			RiskMessages: []Message{{Severity: SeverityError, Code: "unbound_row", Cell: "A40", TextJA: "行の追加", TextEN: "row added"}},
			Decisions:    []DecisionState{cur(f1)}}, want: []BlockerKind{BlockRiskSheetError}},
		{name: "stale decision", in: SignOffInput{Decisions: []DecisionState{with(f1, StateStale)}}, want: []BlockerKind{BlockDecisionStale}},
		{name: "expired decision", in: SignOffInput{Decisions: []DecisionState{with(f1, StateExpired)}}, want: []BlockerKind{BlockDecisionExpired}},
		{name: "orphaned and duplicate decisions do not block", in: SignOffInput{Decisions: []DecisionState{
			cur(f1), {ID: "1.1", State: StateOrphaned, Decision: &Decision{}}, {ID: "5.1.1", State: StateDuplicate, Decision: &Decision{}}}}},
		{name: "undecided exclusion", in: SignOffInput{Exclusions: []ExclusionState{{ID: ex.ID, Exclusion: ex, State: StateOpen}}}, want: []BlockerKind{BlockExclusionUndecided}},
		{name: "stale exclusion decision", in: SignOffInput{Exclusions: []ExclusionState{exState(StateStale)}}, want: []BlockerKind{BlockExclusionUndecided}},
		{name: "invalid exclusion decision", in: SignOffInput{Exclusions: []ExclusionState{exState(StateInvalid)}}, want: []BlockerKind{BlockExclusionUndecided}},
		{name: "rejected exclusion is decided", in: SignOffInput{Exclusions: []ExclusionState{{ID: ex.ID, Exclusion: ex, State: StateCurrent,
			Decision: &ExclusionDecision{Verdict: ExclusionReject}}}}},
		{name: "blockers come in kind order", in: SignOffInput{
			IngestMessages: []Message{ingestErr},
			Decisions:      []DecisionState{with(f1, StateExpired), with(f2, StateOpen)},
			Exclusions:     []ExclusionState{{ID: ex.ID, Exclusion: ex, State: StateOpen}}},
			want: []BlockerKind{BlockIngestError, BlockDecisionOpen, BlockDecisionExpired, BlockExclusionUndecided}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Readiness(tt.in)
			var kinds []BlockerKind
			for _, b := range got.Blockers {
				kinds = append(kinds, b.Kind)
				if b.TextJA == "" || b.TextEN == "" {
					t.Errorf("blocker %+v lacks a text", b)
				}
			}
			if !slices.Equal(kinds, tt.want) {
				t.Errorf("blockers %v, want %v (%s)", kinds, tt.want, tt.reason)
			}
			if got.Ready != (len(tt.want) == 0) {
				t.Errorf("Ready = %v with blockers %v", got.Ready, kinds)
			}
		})
	}
}

func TestReadinessLocatesBlockers(t *testing.T) {
	f := &Finding{ID: "12.4.1"}
	d := &Decision{ID: "12.4.1", File: "risk.xlsx", Sheet: "s", ReviewBy: NewDate(2023, 1, 31), Cells: map[string]string{"review_by": "T9"}}
	got := Readiness(SignOffInput{
		IngestMessages: []Message{{Severity: SeverityError, File: "a.xlsx", Sheet: "チェックリスト", Cell: "E12", ID: "5.1.1", TextJA: "ja", TextEN: "en"}},
		Decisions:      []DecisionState{{ID: f.ID, Finding: f, State: StateExpired, Decision: d}},
	})
	want := []Blocker{
		{Kind: BlockIngestError, ID: "5.1.1", File: "a.xlsx", Sheet: "チェックリスト", Cell: "E12", TextJA: "ja", TextEN: "en"},
		{Kind: BlockDecisionExpired, ID: "12.4.1", File: "risk.xlsx", Sheet: "s", Cell: "T9", TextJA: "再評価期限 2023-01-31 を過ぎている", TextEN: "the review date 2023-01-31 has passed"},
	}
	if !slices.Equal(got.Blockers, want) {
		t.Errorf("blockers\n got %+v\nwant %+v", got.Blockers, want)
	}
	if got.Count(BlockIngestError) != 1 || got.Count(BlockDecisionOpen) != 0 {
		t.Errorf("Count: %d ingest, %d open", got.Count(BlockIngestError), got.Count(BlockDecisionOpen))
	}
}

func TestReadinessNamesWhatChanged(t *testing.T) {
	judged := Answer{ID: "12.4.1", Status: StatusPartial, Reason: "構築中", PlannedDate: NewDate(2023, 9, 30), Remarks: "備考"}
	tests := []struct {
		name   string
		f      Finding
		ja, en string
	}{
		{"reason and date", Finding{ID: "12.4.1", Status: StatusPartial, CSPReason: "遅延", PlannedDate: NewDate(2023, 12, 31)}, "理由、対応予定日", "reason, planned date"},
		{"only the remarks, which a finding does not carry", Finding{ID: "12.4.1", Status: StatusPartial, CSPReason: "構築中", PlannedDate: NewDate(2023, 9, 30)}, "備考", "remarks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.f
			got := Readiness(SignOffInput{Decisions: []DecisionState{{ID: f.ID, Finding: &f, State: StateStale, Decision: &Decision{JudgedAnswer: &judged}}}})
			b := got.Blockers[0]
			if !strings.Contains(b.TextJA, "（変更: "+tt.ja+"）") || !strings.Contains(b.TextEN, "(changed: "+tt.en+")") {
				t.Errorf("blocker %q / %q", b.TextJA, b.TextEN)
			}
		})
	}
}
