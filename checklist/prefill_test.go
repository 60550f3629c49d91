package checklist_test

import (
	"reflect"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
)

func TestPlanPrefill(t *testing.T) {
	a, b := syntheticEdition(t, "2090-01-01"), syntheticEdition(t, "2099-01-01")
	ed, err := checklist.DiffEditions(a, b, syntheticCrosswalk(t))
	if err != nil {
		t.Fatal(err)
	}
	today := checklist.NewDate(2099, 4, 1)
	prev := conformingRound(a, "r1.xlsx", func(x *checklist.Answer) {
		switch x.ID {
		case "9.2.4":
			x.Status, x.Reason, x.PlannedDate = checklist.StatusPartial, "rollout", checklist.NewDate(2099, 3, 31)
		case "3.1.2.1":
			x.Unknown = true
		}
	})
	prev.Cover.Request = checklist.Request{Reference: "REF-1", Agency: "省", Date: checklist.NewDate(2098, 4, 1), Due: checklist.NewDate(2098, 5, 1)}
	prev.Cover.CSP = checklist.CSPCover{RespondentName: "Jane", AnswerDate: checklist.NewDate(2098, 4, 20)}

	tests := []struct {
		name                                 string
		newCat                               *checklist.Catalog
		ed                                   checklist.EditionDiff
		carried, fresh, added, dropped, past []string
	}{
		{
			name: "same edition", newCat: a, ed: checklist.SameEditionDiff(a),
			carried: []string{"3.1.2.2", "3.1.2.3", "4.4.1.1", "9.2.3", "9.2.3.11.PB", "9.2.4"},
			fresh:   []string{"3.1.2.1"}, // unknown answers are not carried
			past:    []string{"9.2.4"},
		},
		{
			name: "next edition", newCat: b, ed: ed,
			// 3.1.2.2 and 9.2.3.11.PB were reworded; 4.4.1.1 became 4.4.1.2.
			carried: []string{"4.4.1.2", "9.2.3", "9.2.4"},
			fresh:   []string{"3.1.2.1", "3.1.2.2", "9.2.3.11.PB"},
			added:   []string{"4.4.1.1", "9.2.5"},
			dropped: []string{"3.1.2.3"},
			past:    []string{"9.2.4"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := checklist.PlanPrefill(prev, a, tt.newCat, tt.ed, today)
			var carried []string
			for _, x := range p.Answers {
				carried = append(carried, x.ID)
				if x.Sheet != "" || x.Row != 0 || x.Cells != nil {
					t.Errorf("%s keeps its old location", x.ID)
				}
			}
			norm := func(s []string) []string {
				if len(s) == 0 {
					return nil
				}
				return s
			}
			for _, c := range []struct {
				what      string
				got, want []string
			}{
				{"carried", carried, tt.carried}, {"fresh", p.Fresh, tt.fresh}, {"new", p.New, tt.added},
				{"dropped", p.Dropped, tt.dropped}, {"past planned", p.PastPlanned, tt.past},
			} {
				if !reflect.DeepEqual(norm(c.got), norm(c.want)) {
					t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
				}
			}
			if moved, ok := findAnswer(p.Answers, "4.4.1.2"); ok && moved.Implementation != "done" {
				t.Errorf("renumbered answer lost its text: %+v", moved)
			}
			if !p.Request.Date.IsZero() || !p.Request.Due.IsZero() || p.Request.Reference != "REF-1" {
				t.Errorf("request %+v: the reference is carried, the dates are not", p.Request)
			}
			if !p.Cover.AnswerDate.IsZero() || p.Cover.RespondentName != "Jane" {
				t.Errorf("cover %+v", p.Cover)
			}
		})
	}
}

func findAnswer(as []checklist.Answer, id string) (checklist.Answer, bool) {
	for _, a := range as {
		if a.ID == id {
			return a, true
		}
	}
	return checklist.Answer{}, false
}
