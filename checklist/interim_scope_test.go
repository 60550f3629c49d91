package checklist

import (
	"strings"
	"testing"
	"time"
)

// 2021-07-06 decision, 3: 独立行政法人 and 指定法人 come under ISMAP from
// 2022-04-01; ministries throughout.
func TestAddScopeNote(t *testing.T) {
	before := Date{2022, time.March, 31}
	start := Date{2022, time.April, 1}
	later := Date{2026, time.March, 31}
	tests := []struct {
		name   string
		kind   OrganizationKind
		asOf   Date
		wantJA string // substring of the one note; "" for none
		wantEN string
	}{
		{"ministry gets no note", OrgMinistry, before, "", ""},
		{"no kind gets no note", "", later, "", ""},
		{"unknown kind gets no note", OrganizationKind("city"), later, "", ""},
		{"independent agency the day before", OrgIndependentAgency, before,
			"令和4年3月31日（2022-03-31）の時点では、独立行政法人・指定法人の調達はまだISMAPの対象ではありません（令和4年4月1日（2022-04-01）から対象。3）。",
			"on 2022-03-31 ISMAP does not yet cover procurement by incorporated administrative agencies and designated corporations; it does from 2022-04-01 (3)"},
		{"independent agency on the first day", OrgIndependentAgency, start,
			"独立行政法人・指定法人の調達は令和4年4月1日（2022-04-01）からISMAPの対象です（3）。",
			"procurement by incorporated administrative agencies and designated corporations is covered by ISMAP from 2022-04-01 (3)"},
		{"designated corporation the day before", OrgDesignatedCorporation, before, "まだISMAPの対象ではありません", "does not yet cover"},
		{"designated corporation later", OrgDesignatedCorporation, later, "からISMAPの対象です（3）", "is covered by ISMAP from 2022-04-01 (3)"},
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
