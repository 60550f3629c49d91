package checklist_test

import (
	"reflect"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// conformingRound is an assessment of cat with every requirement answered
// 適合, then edit applied to each answer.
func conformingRound(cat *checklist.Catalog, name string, edit func(a *checklist.Answer)) *checklist.Assessment {
	as := &checklist.Assessment{SchemaVersion: checklist.AssessmentSchemaVersion, Source: checklist.Source{Name: name}, Edition: cat.Edition.ID}
	for _, it := range cat.Requirements() {
		a := checklist.Answer{ID: it.ID, Status: checklist.StatusConforms, Implementation: "done", Evidence: "policy v1", Responsibility: checklist.RespCSP}
		if edit != nil {
			edit(&a)
		}
		as.Answers = append(as.Answers, a)
	}
	return as
}

func shortfall(id, reason string, planned checklist.Date) func(a *checklist.Answer) {
	return func(a *checklist.Answer) {
		if a.ID == id {
			a.Status, a.Reason, a.PlannedDate = checklist.StatusPartial, reason, planned
		}
	}
}

func TestDiffRounds(t *testing.T) {
	cat := syntheticEdition(t, "2090-01-01")
	same := checklist.SameEditionDiff(cat)
	d1, d2 := checklist.NewDate(2090, 6, 30), checklist.NewDate(2090, 9, 30)
	asOf := checklist.NewDate(2090, 3, 1)
	// decisionOn judges the answer of id in as.
	decisionOn := func(as *checklist.Assessment, id string) checklist.Decision {
		a, _ := as.Answer(id)
		return checklist.Decision{ID: id, AnswerHash: checklist.AnswerHash(a), Impact: checklist.RatingLow, Likelihood: checklist.RatingLow,
			Treatment: checklist.TreatmentMitigate, Owner: "team"}
	}
	base := conformingRound(cat, "r1.xlsx", shortfall("9.2.3.11.PB", "rollout", d1))
	tests := []struct {
		name      string
		older     *checklist.Assessment
		newer     *checklist.Assessment
		decisions []checklist.Decision
		items     map[string][]string // ID → changed fields
		added     []string
		resolved  []string
		stale     []string
		moved     []checklist.DateMove
		cover     []checklist.FieldChange
		empty     bool
	}{
		{name: "unchanged", older: base, newer: conformingRound(cat, "r2.xlsx", shortfall("9.2.3.11.PB", "rollout", d1)), empty: true},
		{
			name:  "a new shortfall",
			older: base,
			newer: conformingRound(cat, "r2.xlsx", func(a *checklist.Answer) {
				shortfall("9.2.3.11.PB", "rollout", d1)(a)
				shortfall("3.1.2.2", "board", d2)(a)
			}),
			items:    map[string][]string{"3.1.2.2": {"status", "reason", "planned_date"}},
			added:    []string{"3.1.2.2"},
			resolved: nil,
		},
		{
			name:  "resolved",
			older: base,
			newer: conformingRound(cat, "r2.xlsx", nil),
			items: map[string][]string{"9.2.3.11.PB": {"status", "reason", "planned_date"}},
			// ISMAP管理基準 2.2.4: each B control is a requirement of its own;
			// the objective answered 適合 over it was no finding, so only the
			// B control is resolved.
			resolved: []string{"9.2.3.11.PB"},
		},
		{
			name:      "planned date put off makes the decision stale",
			older:     base,
			newer:     conformingRound(cat, "r2.xlsx", shortfall("9.2.3.11.PB", "rollout", d2)),
			decisions: []checklist.Decision{decisionOn(base, "9.2.3.11.PB")},
			items:     map[string][]string{"9.2.3.11.PB": {"planned_date"}},
			stale:     []string{"9.2.3.11.PB"},
			moved:     []checklist.DateMove{{ID: "9.2.3.11.PB", Old: d1, New: d2, Days: 92, Later: true}},
		},
		{
			name:      "a decision stale already is not news",
			older:     base,
			newer:     conformingRound(cat, "r2.xlsx", shortfall("9.2.3.11.PB", "rollout", d2)),
			decisions: []checklist.Decision{{ID: "9.2.3.11.PB", AnswerHash: "0000", Impact: checklist.RatingLow, Likelihood: checklist.RatingLow, Treatment: checklist.TreatmentMitigate}},
			items:     map[string][]string{"9.2.3.11.PB": {"planned_date"}},
			moved:     []checklist.DateMove{{ID: "9.2.3.11.PB", Old: d1, New: d2, Days: 92, Later: true}},
		},
		{
			name:  "cover",
			older: base,
			newer: func() *checklist.Assessment {
				as := conformingRound(cat, "r2.xlsx", shortfall("9.2.3.11.PB", "rollout", d1))
				as.Cover.CSP.RespondentName = "New Person"
				as.Cover.CSP.Certifications = []checklist.Certification{{Name: "iso27001", Number: "IS 1"}}
				return as
			}(),
			cover: []checklist.FieldChange{{Field: "respondent_name", Old: "", New: "New Person"}, {Field: "certification iso27001", Old: "", New: "IS 1"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := checklist.DiffRounds(cat, cat, tt.older, tt.newer, same, tt.decisions, asOf)
			if d.Empty() != tt.empty {
				t.Errorf("Empty() = %v, want %v: %+v", d.Empty(), tt.empty, d)
			}
			items := map[string][]string{}
			for _, it := range d.Items {
				for _, f := range it.Fields {
					items[it.ID] = append(items[it.ID], f.Field)
				}
			}
			if len(tt.items) == 0 && len(items) == 0 {
				items = tt.items
			}
			if !reflect.DeepEqual(items, tt.items) {
				t.Errorf("items = %v, want %v", items, tt.items)
			}
			ids := func(fs []checklist.FindingRef) []string {
				var out []string
				for _, f := range fs {
					out = append(out, f.ID)
				}
				return out
			}
			if got := ids(d.Added); !reflect.DeepEqual(got, tt.added) {
				t.Errorf("new findings = %v, want %v", got, tt.added)
			}
			if got := ids(d.Resolved); !reflect.DeepEqual(got, tt.resolved) {
				t.Errorf("resolved = %v, want %v", got, tt.resolved)
			}
			var stale []string
			for _, s := range d.Stale {
				stale = append(stale, s.ID)
			}
			if !reflect.DeepEqual(stale, tt.stale) {
				t.Errorf("stale = %v, want %v", stale, tt.stale)
			}
			if len(d.Moved) != 0 || len(tt.moved) != 0 {
				if !reflect.DeepEqual(d.Moved, tt.moved) {
					t.Errorf("moved = %+v, want %+v", d.Moved, tt.moved)
				}
			}
			if len(d.Cover) != 0 || len(tt.cover) != 0 {
				if !reflect.DeepEqual(d.Cover, tt.cover) {
					t.Errorf("cover = %+v, want %+v", d.Cover, tt.cover)
				}
			}
		})
	}
}

func TestDiffRoundsAcrossEditions(t *testing.T) {
	a, b := syntheticEdition(t, "2090-01-01"), syntheticEdition(t, "2099-01-01")
	ed, err := checklist.DiffEditions(a, b, syntheticCrosswalk(t))
	if err != nil {
		t.Fatal(err)
	}
	older := conformingRound(a, "r1.xlsx", nil)
	newer := conformingRound(b, "r2.xlsx", func(x *checklist.Answer) {
		if x.ID == "4.4.1.1" || x.ID == "9.2.5" { // new requirements, not yet answered
			*x = checklist.Answer{ID: x.ID}
		}
	})
	d := checklist.DiffRounds(a, b, older, newer, ed, nil, checklist.NewDate(2099, 1, 1))
	type row struct {
		id, old string
		ed      checklist.ChangeKind
		fields  int
	}
	var got []row
	for _, it := range d.Items {
		got = append(got, row{it.ID, it.OldID, it.Edition, len(it.Fields)})
	}
	want := []row{
		{"3.1.2.2", "3.1.2.2", checklist.ChangeText, 0},
		{"4.4.1.1", "", checklist.ChangeAdded, 0}, // unanswered: nothing to compare
		{"4.4.1.2", "4.4.1.1", checklist.ChangeMoved, 0},
		{"9.2.3.11.PB", "9.2.3.11.PB", checklist.ChangeText, 0},
		{"9.2.5", "", checklist.ChangeAdded, 0},
		{"", "3.1.2.3", checklist.ChangeRemoved, 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("items\n got %+v\nwant %+v", got, want)
	}
	if len(d.Added) != 2 || d.Added[0].ID != "4.4.1.1" || d.Added[1].ID != "9.2.5" {
		t.Errorf("new findings: %+v", d.Added)
	}
	if len(d.Resolved) != 0 {
		t.Errorf("resolved: %+v", d.Resolved)
	}
}
