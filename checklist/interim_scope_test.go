package checklist

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// 2021-07-06 decision, 3: 独立行政法人 and 指定法人 come under ISMAP
// 「令和4年4月1日より」 (より includes the day); ministries throughout. Each kind,
// and a kind not stated, the day before, on and after AgencyScopeStart.
func TestAddScopeNote(t *testing.T) {
	before := Date{2022, time.March, 31}
	start := AgencyScopeStart
	after := Date{2026, time.March, 31}
	const (
		covered    = "からISMAPの対象です（3）"
		notYet     = "まだISMAPの対象ではありません"
		unknown    = "判断できません"
		anyKind    = "いずれの種別でも対象です（3）"
		coveredEN  = "is covered by ISMAP from 2022-04-01 (3)"
		notYetEN   = "does not yet cover"
		unknownEN  = "cannot be judged"
		anyKindEN  = "so it applies whichever kind it is (3)"
		noNoteSent = ""
	)
	tests := []struct {
		name   string
		kind   OrganizationKind
		asOf   Date
		wantJA string // substring of the one note added; "" for none
		wantEN string
	}{
		{"ministry the day before", OrgMinistry, before, noNoteSent, ""},
		{"ministry on the first day", OrgMinistry, start, noNoteSent, ""},
		{"ministry later", OrgMinistry, after, noNoteSent, ""},
		{"independent agency the day before", OrgIndependentAgency, before,
			"令和4年3月31日（2022-03-31）の時点では、独立行政法人・指定法人の調達はまだISMAPの対象ではありません（令和4年4月1日（2022-04-01）から対象。3）。",
			"on 2022-03-31 ISMAP does not yet cover procurement by incorporated administrative agencies and designated corporations; it does from 2022-04-01 (3)"},
		{"independent agency on the first day", OrgIndependentAgency, start,
			"独立行政法人・指定法人の調達は令和4年4月1日（2022-04-01）からISMAPの対象です（3）。",
			"procurement by incorporated administrative agencies and designated corporations is covered by ISMAP from 2022-04-01 (3)"},
		{"independent agency later", OrgIndependentAgency, after, covered, coveredEN},
		{"designated corporation the day before", OrgDesignatedCorporation, before, notYet, notYetEN},
		{"designated corporation on the first day", OrgDesignatedCorporation, start, covered, coveredEN},
		{"designated corporation later", OrgDesignatedCorporation, after, covered, coveredEN},
		{"kind not stated the day before", "", before,
			"調達する機関の種別（府省庁・独立行政法人・指定法人）が記載されていないため、ISMAPの対象かどうかは判断できません。令和4年3月31日（2022-03-31）の時点では府省庁の調達は対象、独立行政法人・指定法人の調達はまだ対象外です（令和4年4月1日（2022-04-01）から対象。3）。",
			unknownEN},
		{"kind not stated on the first day", "", start, anyKind, anyKindEN},
		{"kind not stated later", "", after, anyKind, anyKindEN},
		{"unknown kind is not stated", OrganizationKind("city"), before, unknown, unknownEN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := InterimVerdict{NotesJA: []string{"先"}, NotesEN: []string{"first"}}
			v.AddScopeNote(tt.kind, tt.asOf)
			if tt.wantJA == "" {
				if len(v.NotesJA) != 1 || len(v.NotesEN) != 1 {
					t.Fatalf("notes %q / %q, want none added", v.NotesJA, v.NotesEN)
				}
				return
			}
			if len(v.NotesJA) != 2 || len(v.NotesEN) != 2 {
				t.Fatalf("notes %q / %q, want one added after the existing one", v.NotesJA, v.NotesEN)
			}
			if !strings.Contains(v.NotesJA[1], tt.wantJA) || !strings.Contains(v.NotesEN[1], tt.wantEN) {
				t.Errorf("note %q / %q, want %q / %q", v.NotesJA[1], v.NotesEN[1], tt.wantJA, tt.wantEN)
			}
		})
	}
}

// EvaluateInterimCase is EvaluateInterim with the section-3 note for the
// kind, and nothing else: interim check and report both call it.
func TestEvaluateInterimCase(t *testing.T) {
	facts := InterimFacts{UseStart: Date{2022, time.April, 1}, Alternative: "no", SaaSAwaitingIaaS: "yes", Application: "expected"}
	for _, kind := range []OrganizationKind{"", OrgMinistry, OrgIndependentAgency, OrgDesignatedCorporation} {
		for _, asOf := range []Date{{2022, time.March, 31}, AgencyScopeStart, {2023, time.April, 1}} {
			t.Run(string(kind)+" "+asOf.String(), func(t *testing.T) {
				got := EvaluateInterimCase(Interim2, facts, kind, asOf)
				want := EvaluateInterim(Interim2, facts, asOf)
				want.AddScopeNote(kind, asOf)
				if !slices.Equal(got.NotesJA, want.NotesJA) || !slices.Equal(got.NotesEN, want.NotesEN) ||
					got.Active != want.Active || got.Eligible != want.Eligible || got.End != want.End || got.Decided != want.Decided {
					t.Errorf("got %+v\nwant %+v", got, want)
				}
			})
		}
	}
}

// Cover.OrganizationKind reads the cover's kind leniently; anything else
// is not stated.
func TestCoverOrganizationKind(t *testing.T) {
	tests := []struct {
		stored OrganizationKind
		want   OrganizationKind
	}{
		{"", ""},
		{"ministry", OrgMinistry},
		{"independent-agency", OrgIndependentAgency},
		{"独立行政法人", OrgIndependentAgency},
		{"designated-corporation", OrgDesignatedCorporation},
		{"city", ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.stored), func(t *testing.T) {
			c := Cover{Request: Request{AgencyType: tt.stored}}
			if got := c.OrganizationKind(); got != tt.want {
				t.Errorf("kind %q, want %q", got, tt.want)
			}
		})
	}
}
