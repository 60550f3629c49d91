package report

import (
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// TestInterimVerdictJA checks the Japanese report's one-line verdict for the states
// the 2021-07-06 decision gives a case (issue 12).
func TestInterimVerdictJA(t *testing.T) {
	fallsUnder1i := checklist.InterimFacts{Alternative: "yes", SaaSAwaitingIaaS: "yes", Application: "expected",
		ContractSigned: checklist.NewDate(2021, 7, 5), ContractEnd: checklist.NewDate(2024, 3, 31)}
	saas := checklist.InterimFacts{Alternative: "no", SaaSAwaitingIaaS: "yes", Application: "expected"}
	tests := []struct {
		name  string
		cat   checklist.InterimCategory
		facts checklist.InterimFacts
		asOf  checklist.Date
		want  string
	}{
		{"2-ii 類型② running", checklist.Interim2, saas, checklist.NewDate(2021, 7, 6), "令和5年3月31日（2023-03-31） まで適用"},
		{"2 not yet set before 2021-07-06", checklist.Interim2, saas, checklist.NewDate(2021, 7, 5), "まだ設けられていない"},
		{"2-ii 類型② ended", checklist.Interim2, saas, checklist.NewDate(2023, 4, 1), "期限（令和5年3月31日（2023-03-31））を過ぎている"},
		{"2-ii 類型② that falls under 類型①-i", checklist.Interim2, fallsUnder1i, checklist.NewDate(2022, 6, 1), "類型②には当たらない（類型①-i"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := builder{}.interimVerdict(checklist.EvaluateInterim(tt.cat, tt.facts, tt.asOf))
			if !strings.Contains(got, tt.want) {
				t.Fatalf("verdict %q lacks %q", got, tt.want)
			}
		})
	}
}
