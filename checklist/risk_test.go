package checklist

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestRiskLevel_Matrix(t *testing.T) {
	H, M, L := RatingHigh, RatingMedium, RatingLow
	tests := []struct{ impact, likelihood, want Rating }{
		{H, H, H}, {H, M, H}, {H, L, M},
		{M, H, H}, {M, M, M}, {M, L, L},
		{L, H, M}, {L, M, L}, {L, L, L},
	}
	for _, tt := range tests {
		t.Run(string(tt.impact)+"x"+string(tt.likelihood), func(t *testing.T) {
			got, ok := RiskLevel(tt.impact, tt.likelihood)
			if !ok || got != tt.want {
				t.Errorf("RiskLevel(%s, %s) = %s, %v; want %s", tt.impact, tt.likelihood, got, ok, tt.want)
			}
		})
	}
	for _, bad := range [][2]Rating{{"", H}, {H, ""}, {"x", L}} {
		if _, ok := RiskLevel(bad[0], bad[1]); ok {
			t.Errorf("RiskLevel(%q, %q) ok, want not ok", bad[0], bad[1])
		}
	}
}

func TestParseRatingAndTreatment(t *testing.T) {
	for in, want := range map[string]Rating{"高": RatingHigh, " 中 ": RatingMedium, "低": RatingLow, "High": RatingHigh, "m": RatingMedium, "LOW": RatingLow} {
		if got, ok := ParseRating(in); !ok || got != want {
			t.Errorf("ParseRating(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "大", "very high", "=1+1"} {
		if _, ok := ParseRating(bad); ok {
			t.Errorf("ParseRating(%q) ok, want not ok", bad)
		}
	}
	for _, tr := range Treatments {
		for _, in := range []string{tr.LabelJA(), tr.LabelEN(), string(tr)} {
			if got, ok := ParseTreatment(in); !ok || got != tr {
				t.Errorf("ParseTreatment(%q) = %q, %v; want %q", in, got, ok, tr)
			}
		}
	}
	if _, ok := ParseTreatment("保留"); ok {
		t.Error("ParseTreatment(保留) ok, want not ok")
	}
}

func validDecision(id, hash string) Decision {
	return Decision{ID: id, AnswerHash: hash, Impact: RatingHigh, Likelihood: RatingLow, Treatment: TreatmentMitigate,
		Compensating: "利用者側で多要素認証を必須にする", Owner: "情報システム課", Due: NewDate(2026, time.September, 30),
		ReviewBy: NewDate(2027, time.March, 31), Cells: map[string]string{"approver": "M5", "approved_on": "N5", "impact": "I5"}, Sheet: "s", File: "f.xlsx"}
}

func TestDecisionValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Decision)
		want   []error
	}{
		{"valid mitigate", func(*Decision) {}, nil},
		{"empty is no decision", func(d *Decision) { *d = Decision{ID: d.ID} }, nil},
		{"accept without approver and date", func(d *Decision) { d.Treatment = TreatmentAccept }, []error{ErrAcceptUnapproved, ErrAcceptUnapproved}},
		{"accept without date", func(d *Decision) { d.Treatment, d.Approver = TreatmentAccept, "CISO 山田" }, []error{ErrAcceptUnapproved}},
		{"accept approved", func(d *Decision) {
			d.Treatment, d.Approver, d.ApprovedOn = TreatmentAccept, "CISO 山田", NewDate(2026, time.April, 1)
		}, nil},
		{"missing impact", func(d *Decision) { d.Impact = "" }, []error{ErrDecisionIncomplete}},
		{"only an owner", func(d *Decision) { *d = Decision{ID: d.ID, File: d.File, Owner: "x"} }, []error{ErrDecisionIncomplete, ErrDecisionIncomplete, ErrDecisionIncomplete}},
		{"review before approval", func(d *Decision) { d.ApprovedOn = d.ReviewBy.AddDate(0, 0, 1) }, []error{ErrDecisionDates}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validDecision("9.4.2.2.B", "h")
			tt.mutate(&d)
			errs := d.Validate()
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d errors %v, want %d", len(errs), errs, len(tt.want))
			}
			for i, e := range errs {
				if !errors.Is(e, tt.want[i]) {
					t.Errorf("error %d = %v, want %v", i, e, tt.want[i])
				}
				if e.ID != "9.4.2.2.B" || e.File != "f.xlsx" || e.JA == "" || e.EN == "" {
					t.Errorf("error %d not located or not bilingual: %+v", i, e)
				}
			}
		})
	}
	t.Run("accept error names the approver cell", func(t *testing.T) {
		d := validDecision("3.1.2.1", "h")
		d.Treatment = TreatmentAccept
		if errs := d.Validate(); len(errs) == 0 || errs[0].Cell != "M5" {
			t.Errorf("errors %v, want the first at M5", errs)
		}
	})
}

// riskFixture returns a result with three findings.
func riskFixture(t *testing.T) (*Catalog, *Assessment, Result) {
	t.Helper()
	c := testCatalog(t)
	a := conformingAssessment(c)
	set(t, a, "3.1.2.1", status(StatusPartial, "監査予定"))
	set(t, a, "4.4.1.1", status(StatusNonconforming, ""))
	set(t, a, "9.4.1", status(StatusUnanswered, ""))
	r := Findings(c, a)
	if r.NeedsRiskAssessment != 3 {
		t.Fatalf("fixture: %v", findingMap(r))
	}
	return c, a, r
}

func TestApplyDecisions(t *testing.T) {
	c, a, r := riskFixture(t)
	asOf := NewDate(2026, time.April, 1)
	h := func(id string) string { f, _ := r.Finding(id); return f.AnswerHash }

	current := validDecision("3.1.2.1", h("3.1.2.1"))
	expired := validDecision("4.4.1.1", h("4.4.1.1"))
	expired.ReviewBy = asOf.AddDate(0, 0, -1)
	orphan := validDecision("9.4.2", AnswerHash(Answer{ID: "9.4.2", Status: StatusPartial}))
	dup := validDecision("3.1.2.1", h("3.1.2.1"))
	dup.Owner = "別の課"

	states := ApplyDecisions(r, []Decision{orphan, expired, current, dup}, asOf)
	var got []string
	for _, s := range states {
		got = append(got, s.ID+"="+string(s.State))
	}
	want := []string{"3.1.2.1=current", "4.4.1.1=expired", "9.4.1=open", "9.4.2=orphaned", "3.1.2.1=duplicate"}
	if !slices.Equal(got, want) {
		t.Fatalf("states %v, want %v", got, want)
	}
	if states[0].Level != RatingMedium || states[0].Finding == nil || states[3].Finding != nil || states[3].Decision.Owner != orphan.Owner {
		t.Errorf("state details wrong: %+v / %+v", states[0], states[3])
	}
	t.Run("review date equal to as-of is not expired", func(t *testing.T) {
		d := current
		d.ReviewBy = asOf
		if s := ApplyDecisions(r, []Decision{d}, asOf)[0].State; s != StateCurrent {
			t.Errorf("state %s, want current", s)
		}
	})
	t.Run("stale when the answer changed", func(t *testing.T) {
		a2 := *a
		a2.Answers = slices.Clone(a.Answers)
		set(t, &a2, "3.1.2.1", func(x *Answer) { x.PlannedDate = NewDate(2026, time.December, 1) })
		r2 := Findings(c, &a2)
		expiredAndStale := current
		expiredAndStale.ReviewBy = asOf.AddDate(0, 0, -10)
		if s := ApplyDecisions(r2, []Decision{expiredAndStale}, asOf)[0].State; s != StateStale {
			t.Errorf("state %s, want stale (stale beats expired)", s)
		}
	})
	t.Run("invalid", func(t *testing.T) {
		d := current
		d.Treatment = TreatmentAccept
		if s := ApplyDecisions(r, []Decision{d}, asOf)[0].State; s != StateInvalid {
			t.Errorf("受容 without approver: state %s, want invalid", s)
		}
		d = current
		d.Invalid = true
		if s := ApplyDecisions(r, []Decision{d}, asOf)[0].State; s != StateInvalid {
			t.Errorf("reader-flagged decision: state %s, want invalid", s)
		}
	})
}

func TestCarryForward(t *testing.T) {
	c, a, r := riskFixture(t)
	h := func(r Result, id string) string { f, _ := r.Finding(id); return f.AnswerHash }
	prev := []Decision{
		validDecision("9.4.1", h(r, "9.4.1")),
		validDecision("3.1.2.1", h(r, "3.1.2.1")),
		validDecision("4.4.1.1", h(r, "4.4.1.1")),
		{ID: "9.4.2"}, // empty: nothing to carry
	}
	prev[1].Row = 7

	// New round: the CSP fixed 9.4.1 (no longer a finding) and changed its
	// answer on 4.4.1.1.
	a2 := *a
	a2.Answers = slices.Clone(a.Answers)
	set(t, &a2, "9.4.1", status(StatusConforms, ""))
	set(t, &a2, "4.4.1.1", func(x *Answer) { x.Implementation = "新しい説明" })
	r2 := Findings(c, &a2)

	carried := CarryForward(prev, r2)
	var ids []string
	for _, d := range carried {
		ids = append(ids, d.ID)
	}
	if want := []string{"3.1.2.1", "4.4.1.1", "9.4.1"}; !slices.Equal(ids, want) {
		t.Fatalf("carried %v, want %v (findings first, orphan kept)", ids, want)
	}
	if carried[0].Row != 0 || carried[1].AnswerHash != prev[2].AnswerHash || carried[0].Compensating != prev[1].Compensating {
		t.Errorf("carried decision changed: %+v", carried[1])
	}
	var states []string
	for _, s := range ApplyDecisions(r2, carried, NewDate(2026, time.April, 1)) {
		states = append(states, s.ID+"="+string(s.State))
	}
	if want := []string{"3.1.2.1=current", "4.4.1.1=stale", "9.4.1=orphaned"}; !slices.Equal(states, want) {
		t.Errorf("states %v, want %v", states, want)
	}
}

func TestDecisionDigest(t *testing.T) {
	d := validDecision("x", "h")
	e := d
	e.Row, e.Cells, e.File, e.AnswerHash = 99, nil, "", "other"
	if d.Digest() != e.Digest() {
		t.Error("location or binding changed the digest; only the agency's fields may")
	}
	e.Owner += "."
	if d.Digest() == e.Digest() {
		t.Error("changing the owner kept the digest")
	}
}
