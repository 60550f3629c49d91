package checklist_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
)

func TestBuildPortfolio(t *testing.T) {
	cat := syntheticEdition(t, "2090-01-01")
	var ids []string
	for _, it := range cat.Requirements() {
		ids = append(ids, it.ID)
	}
	asOf := checklist.NewDate(2090, 3, 1)
	d := func(m, day int) checklist.Date { return checklist.NewDate(2090, timeMonth(m), day) }
	round := func(ref, file string, answered checklist.Date, edit func(a *checklist.Answer)) (*checklist.Assessment, checklist.RoundSummary) {
		as := conformingRound(cat, file, edit)
		as.Source.SHA256 = "sha-" + file
		as.Cover.Request = checklist.Request{Reference: ref, System: "sys " + ref, Date: d(1, 1)}
		as.Cover.CSP.AnswerDate = answered
		return as, checklist.SummarizeRound(cat, as, ids)
	}
	decide := func(as *checklist.Assessment, id string, review checklist.Date) checklist.Decision {
		a, _ := as.Answer(id)
		return checklist.Decision{ID: id, AnswerHash: checklist.AnswerHash(a), SourceSHA256: as.Source.SHA256, Impact: checklist.RatingLow,
			Likelihood: checklist.RatingLow, Treatment: checklist.TreatmentMitigate, Owner: "team", ReviewBy: review}
	}
	// Case A: two rounds; the newer one has 9.2.4 partial, planned in 9
	// days, decided, review due in 19 days.
	_, a1 := round("A", "a1.xlsx", d(1, 10), nil)
	a2as, a2 := round("A", "a2.xlsx", d(2, 10), shortfall("9.2.4", "late", d(3, 10)))
	// Case B: a finding, no risk sheet.
	_, b1 := round("B", "b1.xlsx", d(2, 1), shortfall("3.1.2.1", "soon", d(1, 15)))
	// Case C: an expired decision, certificates, interim category 2.
	c1as, c1 := round("C", "c1.xlsx", d(2, 1), shortfall("4.4.1.1", "later", d(9, 30)))
	c1.Certs = []checklist.Certification{{Name: "ISO/IEC 27001", Expiry: d(11, 30)}, {Name: "SOC 2", Expiry: d(6, 30)}}
	c1.Request.InterimCategory = "2"
	sheets := []checklist.RiskSheetSummary{
		{File: "risk-a.xlsx", Decisions: []checklist.Decision{decide(a2as, "9.2.4", d(3, 20))}},
		{File: "risk-c.xlsx", Decisions: []checklist.Decision{decide(c1as, "4.4.1.1", d(2, 1))}},
		{File: "risk-x.xlsx", Decisions: []checklist.Decision{{ID: "9.9.9", SourceSHA256: "elsewhere", Treatment: checklist.TreatmentAvoid}}},
	}
	p := checklist.BuildPortfolio([]checklist.RoundSummary{c1, b1, a2, a1}, sheets, asOf, 30)

	type row struct {
		ref, file, risk            string
		rounds, partial, findings  int
		open, current, expired     int
		nextReview, certExpiry     checklist.Date
		plannedDue, plannedOverdue int
	}
	var got []row
	for _, c := range p.Cases {
		got = append(got, row{c.Reference, c.File, c.RiskSheet, c.Rounds, c.Counts.Partial, c.Findings,
			c.Decisions[checklist.StateOpen], c.Decisions[checklist.StateCurrent], c.Decisions[checklist.StateExpired],
			c.NextReview, c.CertExpiry, c.PlannedDue, c.PlannedOverdue})
	}
	want := []row{
		{"A", "a2.xlsx", "risk-a.xlsx", 2, 1, 1, 0, 1, 0, d(3, 20), checklist.Date{}, 1, 0},
		{"B", "b1.xlsx", "", 1, 1, 1, 1, 0, 0, checklist.Date{}, checklist.Date{}, 0, 1},
		{"C", "c1.xlsx", "risk-c.xlsx", 1, 1, 1, 0, 0, 1, checklist.Date{}, d(6, 30), 0, 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cases\n got %+v\nwant %+v", got, want)
	}
	if p.NoRisk != 1 {
		t.Errorf("cases without a risk sheet: %d", p.NoRisk)
	}
	if !reflect.DeepEqual(p.Unpaired, []string{"risk-x.xlsx"}) {
		t.Errorf("unpaired %v", p.Unpaired)
	}
	var due []string
	for _, x := range p.Due {
		due = append(due, x.Reference+" "+x.ID+" "+x.What+" "+x.Date.String())
	}
	if !reflect.DeepEqual(due, []string{"C 4.4.1.1 review_by 2090-02-01", "A 9.2.4 review_by 2090-03-20"}) {
		t.Errorf("due decisions %v", due)
	}
	if !p.Due[0].Overdue || p.Due[1].Overdue {
		t.Errorf("overdue flags %+v", p.Due)
	}
	if p.Cases[2].InterimCategory != "2" {
		t.Errorf("interim category %q", p.Cases[2].InterimCategory)
	}
	if p.Totals.Partial != 3 || p.Totals.Items != 3*len(ids) {
		t.Errorf("totals %+v", p.Totals)
	}
	if st, ok := p.Cases[1].StatusOf("3.1.2.1"); !ok || st != checklist.StatusPartial {
		t.Errorf("matrix cell B × 3.1.2.1 = %q", st)
	}
	if !reflect.DeepEqual(p.Requirements, ids) {
		t.Errorf("matrix columns %v", p.Requirements)
	}
	// The order of the inputs does not matter.
	q := checklist.BuildPortfolio([]checklist.RoundSummary{a1, b1, c1, a2}, []checklist.RiskSheetSummary{sheets[2], sheets[1], sheets[0]}, asOf, 30)
	if !reflect.DeepEqual(p, q) {
		t.Error("the portfolio depends on the input order")
	}
}

func timeMonth(m int) time.Month { return time.Month(m) }
