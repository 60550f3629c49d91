package checklist

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/templates"
)

// testCatalogCSV is a small edition with every level the rules look at:
// governance, management, two objectives with B controls (one of them a
// P objective) and an objective without B.
const testCatalogCSV = `# edition: test-1
# title_ja: テスト版
# title_en: test edition
# revised: 2022-04-01
# source: test
# note_ja: テスト
# note_en: test
id,level,chapter,parent,suffix,title_ja,title_en,summary_ja,summary_en,ref
governance,part,,,,ガバナンス,Governance,,,
3,chapter,3,governance,,ガバナンス基準,Governance criteria,,,
3.1,section,3,3,,統制,Governance,,,
3.1.2,clause,3,3.1,,評価,Evaluate,,,
3.1.2.1,governance,3,3.1.2,,評価する,Evaluate security,評価の概要,evaluate summary,
3.1.2.2,governance,3,3.1.2,,評価を続ける,Keep evaluating,評価の概要,evaluate summary,
management,part,,,,マネジメント,Management,,,
4,chapter,4,management,,マネジメント基準,Management criteria,,,
4.4,section,4,4,,ISMS,ISMS,,,
4.4.1,clause,4,4.4,,確立,Establish,,,
4.4.1.1,management,4,4.4.1,,確立する,Establish ISMS,確立の概要,establish summary,
controls,part,,,,管理策,Controls,,,
9,chapter,9,controls,,アクセス制御,Access control,,,
9.4,category,9,9,,システムのアクセス制御,System access control,,,
9.4.1,objective,9,9.4,,情報へのアクセス制限,Restrict access,制限の概要,restrict summary,
9.4.2,objective,9,9.4,,ログオン手順,Secure log-on,ログオンの概要,log-on summary,
9.4.2.2.B,detail,9,9.4.2,B,多要素認証,Multi-factor,多要素の概要,MFA summary,
9.5.P,category,9,9,P,クラウド,Cloud,,,
9.5.1.P,objective,9,9.5.P,P,分離,Segregation,分離の概要,segregation summary,
9.5.1.1.PB,detail,9,9.5.1.P,PB,仮想分離,Virtual segregation,仮想の概要,virtual summary,
9.5.1.2.PB,detail,9,9.5.1.P,PB,管理分離,Admin segregation,管理の概要,admin summary,
`

func testCatalog(t testing.TB) *Catalog {
	t.Helper()
	c, err := ParseCatalog(strings.NewReader(testCatalogCSV), "test.csv")
	if err != nil {
		t.Fatalf("test catalogue: %v", err)
	}
	return c
}

// conformingAssessment answers every requirement 適合 with text in every field.
func conformingAssessment(c *Catalog) *Assessment {
	a := &Assessment{SchemaVersion: AssessmentSchemaVersion, Edition: c.Edition.ID, Source: Source{Name: "csp.xlsx", SHA256: strings.Repeat("ab", 32)}}
	for i, it := range c.Requirements() {
		a.Answers = append(a.Answers, Answer{
			ID: it.ID, Status: StatusConforms, Implementation: "実施 " + it.ID, Evidence: "規程 " + it.ID,
			Responsibility: RespCSP, Sheet: "基本言明要件 Checklist", Row: 5 + i,
		})
	}
	return a
}

// set changes the answer for id in place.
func set(t testing.TB, a *Assessment, id string, f func(*Answer)) {
	t.Helper()
	for i := range a.Answers {
		if a.Answers[i].ID == id {
			f(&a.Answers[i])
			return
		}
	}
	t.Fatalf("no answer %s", id)
}

func status(s Status, reason string) func(*Answer) {
	return func(x *Answer) { x.Status, x.Reason = s, reason }
}

// findingMap flattens a result to ID → sorted reason codes.
func findingMap(r Result) map[string][]ReasonCode {
	m := map[string][]ReasonCode{}
	for _, f := range r.Findings {
		m[f.ID] = f.Reasons
	}
	return m
}

func TestFindings_AllConforming(t *testing.T) {
	c := testCatalog(t)
	r := Findings(c, conformingAssessment(c))
	if len(r.Findings) != 0 || r.NeedsRiskAssessment != 0 || len(r.Exclusions) != 0 {
		t.Fatalf("all 適合: got findings %v, exclusions %v", findingMap(r), r.Exclusions)
	}
	if r.Summary.Total.ConformanceRate != 1 || r.Summary.Total.Items != 9 {
		t.Errorf("total %+v, want 9 items at rate 1", r.Summary.Total)
	}
}

// runRuleCases runs table cases: mutate a conforming assessment, expect the
// exact set of findings.
type ruleCase struct {
	name   string
	mutate map[string]func(*Answer)
	want   map[string][]ReasonCode
	reason string
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	c := testCatalog(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := conformingAssessment(c)
			for id, f := range tc.mutate {
				set(t, a, id, f)
			}
			got := findingMap(Findings(c, a))
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%s\n got %v\nwant %v", tc.reason, got, tc.want)
			}
		})
	}
}

func TestFindings_2_2_4_GovernanceMustConform(t *testing.T) {
	g := []ReasonCode{ReasonGovernanceNotConforming}
	runRuleCases(t, []ruleCase{
		{name: "partial", mutate: map[string]func(*Answer){"3.1.2.1": status(StatusPartial, "")}, want: map[string][]ReasonCode{"3.1.2.1": g}},
		{name: "nonconforming", mutate: map[string]func(*Answer){"3.1.2.1": status(StatusNonconforming, "")}, want: map[string][]ReasonCode{"3.1.2.1": g}},
		{name: "unanswered", mutate: map[string]func(*Answer){"3.1.2.2": status(StatusUnanswered, "")}, want: map[string][]ReasonCode{"3.1.2.2": g}},
		{name: "not applicable even with a reason", mutate: map[string]func(*Answer){"3.1.2.2": status(StatusNotApplicable, "使っていない")}, want: map[string][]ReasonCode{"3.1.2.2": g},
			reason: "対象外 is not an accepted answer for governance items"},
	})
}

// ISMAP管理基準 2.2.4: governance and management items apply in principle,
// all of them; a 対象外 there is a known answer that falls short. Neither
// the ingest warning nor the error earlier versions wrote for it
// (na_not_allowed, in an old assessment JSON) makes it answer_unknown.
func TestFindings_2_2_4_NotApplicableOnGovernanceIsKnown(t *testing.T) {
	c := testCatalog(t)
	for _, m := range []Message{
		{Severity: SeverityWarning, Code: "na_on_governance_management", ID: "4.4.1.1", Cell: "E9"},
		{Severity: SeverityError, Code: "na_not_allowed", ID: "4.4.1.1", Cell: "E9"},
	} {
		t.Run(m.Code, func(t *testing.T) {
			a := conformingAssessment(c)
			set(t, a, "4.4.1.1", status(StatusNotApplicable, "親会社が実施"))
			a.Messages = []Message{m}
			r := Findings(c, a)
			f, ok := r.Finding("4.4.1.1")
			if !ok || !slices.Equal(f.Reasons, []ReasonCode{ReasonManagementNotConforming}) || f.Unknown {
				t.Errorf("finding %+v, want only management_not_conforming and a known answer", f)
			}
			if r.Summary.Total.Unknown != 0 || r.Summary.Total.RejectedExclusions != 1 {
				t.Errorf("total %+v: want no unknown answer, one rejected exclusion", r.Summary.Total)
			}
		})
	}
}

func TestFindings_2_2_4_ManagementMustConform(t *testing.T) {
	m := []ReasonCode{ReasonManagementNotConforming}
	runRuleCases(t, []ruleCase{
		{name: "partial", mutate: map[string]func(*Answer){"4.4.1.1": status(StatusPartial, "来年度")}, want: map[string][]ReasonCode{"4.4.1.1": m}},
		{name: "not applicable with a reason", mutate: map[string]func(*Answer){"4.4.1.1": status(StatusNotApplicable, "理由")}, want: map[string][]ReasonCode{"4.4.1.1": m}},
		{name: "unanswered", mutate: map[string]func(*Answer){"4.4.1.1": status(StatusUnanswered, "")}, want: map[string][]ReasonCode{"4.4.1.1": m}},
	})
}

func TestFindings_2_2_4_ObjectiveShortfallOrExclusionWithoutReason(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "partial", mutate: map[string]func(*Answer){"9.4.1": status(StatusPartial, "")}, want: map[string][]ReasonCode{"9.4.1": {ReasonObjectiveShortfall}}},
		{name: "nonconforming", mutate: map[string]func(*Answer){"9.4.1": status(StatusNonconforming, "")}, want: map[string][]ReasonCode{"9.4.1": {ReasonObjectiveShortfall}}},
		{name: "unanswered", mutate: map[string]func(*Answer){"9.4.1": status(StatusUnanswered, "")}, want: map[string][]ReasonCode{"9.4.1": {ReasonObjectiveUnanswered}}},
		{name: "not applicable without reason", mutate: map[string]func(*Answer){"9.4.1": status(StatusNotApplicable, "")},
			want: map[string][]ReasonCode{"9.4.1": {ReasonObjectiveExcludedNoReason}}},
		{name: "not applicable with blank reason", mutate: map[string]func(*Answer){"9.4.1": status(StatusNotApplicable, " \u3000\n")},
			want: map[string][]ReasonCode{"9.4.1": {ReasonObjectiveExcludedNoReason}}, reason: "white space is no reason"},
		{name: "not applicable with reason is an exclusion", mutate: map[string]func(*Answer){"9.4.1": status(StatusNotApplicable, "アクセス制御の機能を提供しない")},
			want: map[string][]ReasonCode{}},
	})
}

func TestFindings_2_2_4_BControlMustConformUnderApplicableObjective(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "B partial", mutate: map[string]func(*Answer){"9.4.2.2.B": status(StatusPartial, "来期")},
			want: map[string][]ReasonCode{"9.4.2.2.B": {ReasonBControlShortfall}}},
		{name: "B unanswered", mutate: map[string]func(*Answer){"9.5.1.2.PB": status(StatusUnanswered, "")},
			want: map[string][]ReasonCode{"9.5.1.2.PB": {ReasonBControlUnanswered}}},
		{name: "B not applicable under an applicable objective", mutate: map[string]func(*Answer){"9.4.2.2.B": status(StatusNotApplicable, "不要")},
			want: map[string][]ReasonCode{"9.4.2.2.B": {ReasonBControlExcluded}}, reason: "boundary: 対象外 on a B control is accepted only with its objective"},
		{name: "B not applicable under an objective excluded without reason", mutate: map[string]func(*Answer){
			"9.4.2": status(StatusNotApplicable, ""), "9.4.2.2.B": status(StatusNotApplicable, "")},
			want:   map[string][]ReasonCode{"9.4.2": {ReasonObjectiveExcludedNoReason}, "9.4.2.2.B": {ReasonBControlExcluded}},
			reason: "an exclusion without reason is not accepted, so the objective still applies"},
		{name: "B not applicable under a shortfall objective", mutate: map[string]func(*Answer){
			"9.4.2": status(StatusPartial, ""), "9.4.2.2.B": status(StatusNotApplicable, "x")},
			want: map[string][]ReasonCode{"9.4.2": {ReasonObjectiveShortfall}, "9.4.2.2.B": {ReasonBControlExcluded}}},
	})
}

// ISMAP管理基準 2.2.4: each B control is a requirement of its own; 2.2.4 does
// not make an objective answered 適合 fall short because a B control under
// it does. The objective is no finding; the inconsistency is a warning on
// the B control's finding.
func TestFindings_2_2_4_ObjectiveConformingWithShortBControlIsWarningNotFinding(t *testing.T) {
	c := testCatalog(t)
	tests := []struct {
		name   string
		mutate map[string]func(*Answer)
		want   map[string][]ReasonCode
		warned map[string]string // B control → objective named in its warning
		reason string
	}{
		{name: "B nonconforming and partial under a conforming objective",
			mutate: map[string]func(*Answer){"9.5.1.1.PB": status(StatusNonconforming, "未対応"), "9.5.1.2.PB": status(StatusPartial, "")},
			want:   map[string][]ReasonCode{"9.5.1.1.PB": {ReasonBControlShortfall}, "9.5.1.2.PB": {ReasonBControlShortfall}},
			warned: map[string]string{"9.5.1.1.PB": "9.5.1.P", "9.5.1.2.PB": "9.5.1.P"}},
		{name: "B not applicable under a conforming objective",
			mutate: map[string]func(*Answer){"9.4.2.2.B": status(StatusNotApplicable, "不要")},
			want:   map[string][]ReasonCode{"9.4.2.2.B": {ReasonBControlExcluded}},
			warned: map[string]string{"9.4.2.2.B": "9.4.2"}},
		{name: "B unanswered states nothing to compare",
			mutate: map[string]func(*Answer){"9.4.2.2.B": status(StatusUnanswered, "")},
			want:   map[string][]ReasonCode{"9.4.2.2.B": {ReasonBControlUnanswered}},
			warned: map[string]string{}, reason: "an empty answer is no statement that contradicts the objective"},
		{name: "objective partial is consistent",
			mutate: map[string]func(*Answer){"9.4.2": status(StatusPartial, "x"), "9.4.2.2.B": status(StatusPartial, "x")},
			want:   map[string][]ReasonCode{"9.4.2": {ReasonObjectiveShortfall}, "9.4.2.2.B": {ReasonBControlShortfall}},
			warned: map[string]string{}},
		{name: "B answer in doubt",
			mutate: map[string]func(*Answer){"9.4.2.2.B": func(x *Answer) { x.Status, x.Unknown = StatusNonconforming, true }},
			want:   map[string][]ReasonCode{"9.4.2.2.B": {ReasonAnswerUnknown, ReasonBControlShortfall}},
			warned: map[string]string{}, reason: "an answer in doubt states nothing reliable"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := conformingAssessment(c)
			for id, f := range tc.mutate {
				set(t, a, id, f)
			}
			r := Findings(c, a)
			if got := findingMap(r); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%s\n got %v\nwant %v", tc.reason, got, tc.want)
			}
			warned := map[string]string{}
			for _, f := range r.Findings {
				for _, w := range f.Warnings {
					if w.Code != WarningObjectiveConformsBShort || w.TextJA == "" || w.TextEN == "" {
						t.Errorf("%s: warning %+v", f.ID, w)
					}
					if !strings.Contains(w.TextJA, w.Ref) || !strings.Contains(w.TextEN, f.ID) {
						t.Errorf("%s: warning text does not name both requirements: %+v", f.ID, w)
					}
					warned[f.ID] = w.Ref
				}
			}
			if fmt.Sprint(warned) != fmt.Sprint(tc.warned) {
				t.Errorf("%s\nwarnings %v, want %v", tc.reason, warned, tc.warned)
			}
			if r.NeedsRiskAssessment != len(tc.want) {
				t.Errorf("needs risk assessment %d, want %d", r.NeedsRiskAssessment, len(tc.want))
			}
		})
	}
	if slices.Contains(ReasonCodes, ReasonCode("objective_b_control_short")) {
		t.Error("objective_b_control_short is still a reason code")
	}
}

func TestFindings_2_2_4_ExcludedObjectiveExemptsBControls(t *testing.T) {
	c := testCatalog(t)
	a := conformingAssessment(c)
	set(t, a, "9.5.1.P", status(StatusNotApplicable, "マルチテナントではない"))
	set(t, a, "9.5.1.1.PB", status(StatusNotApplicable, ""))
	set(t, a, "9.5.1.2.PB", status(StatusUnanswered, ""))
	r := Findings(c, a)
	if len(r.Findings) != 0 {
		t.Fatalf("B controls under an objective excluded with a reason: got findings %v, want none", findingMap(r))
	}
	if len(r.Exclusions) != 1 || r.Exclusions[0].ID != "9.5.1.P" || r.Exclusions[0].CSPReason != "マルチテナントではない" {
		t.Fatalf("exclusions %+v, want 9.5.1.P with its reason", r.Exclusions)
	}
	var ex []string
	for _, b := range r.Exclusions[0].Exempted {
		ex = append(ex, b.ID+"="+string(b.Status))
	}
	if want := []string{"9.5.1.1.PB=not_applicable", "9.5.1.2.PB=unanswered"}; !slices.Equal(ex, want) {
		t.Errorf("exempted %v, want %v", ex, want)
	}
	if got := r.Summary.Total.Exempt; got != 2 {
		t.Errorf("summary exempt = %d, want 2", got)
	}
}

func TestFindings_IngestAnswerUnknown(t *testing.T) {
	c := testCatalog(t)
	t.Run("unknown flag", func(t *testing.T) {
		a := conformingAssessment(c)
		set(t, a, "4.4.1.1", func(x *Answer) { x.Unknown = true })
		got := findingMap(Findings(c, a))
		if want := map[string][]ReasonCode{"4.4.1.1": {ReasonAnswerUnknown}}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("error message naming the item", func(t *testing.T) {
		a := conformingAssessment(c)
		a.Messages = []Message{
			{Severity: SeverityError, Code: "formula", ID: "9.4.2.2.B", Cell: "E12"},
			{Severity: SeverityWarning, Code: "long_text", ID: "9.4.1"},
		}
		got := findingMap(Findings(c, a))
		want := map[string][]ReasonCode{"9.4.2.2.B": {ReasonAnswerUnknown}}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("got %v, want %v (a warning leaves the answer known)", got, want)
		}
	})
	t.Run("unknown objective cannot exempt", func(t *testing.T) {
		a := conformingAssessment(c)
		set(t, a, "9.4.2", func(x *Answer) { x.Status, x.Reason, x.Unknown = StatusNotApplicable, "理由", true })
		set(t, a, "9.4.2.2.B", status(StatusNotApplicable, ""))
		got := findingMap(Findings(c, a))
		want := map[string][]ReasonCode{"9.4.2": {ReasonAnswerUnknown}, "9.4.2.2.B": {ReasonBControlExcluded}}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("several reasons sorted", func(t *testing.T) {
		a := conformingAssessment(c)
		set(t, a, "9.4.1", func(x *Answer) { x.Status, x.Unknown = StatusPartial, true })
		got := findingMap(Findings(c, a))["9.4.1"]
		if want := []ReasonCode{ReasonAnswerUnknown, ReasonObjectiveShortfall}; !slices.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
}

func TestFindings_MissingAnswersCountAsUnanswered(t *testing.T) {
	c := testCatalog(t)
	r := Findings(c, &Assessment{})
	if r.NeedsRiskAssessment != 9 {
		t.Errorf("empty assessment: %d findings, want 9 (every requirement)\n%v", r.NeedsRiskAssessment, findingMap(r))
	}
	if r.Summary.Total.Unanswered != 9 || r.Summary.Total.RateBase != 0 || r.Summary.Total.ConformanceRate != 0 {
		t.Errorf("total %+v, want 9 unanswered and an undefined rate", r.Summary.Total)
	}
}

func TestFindings_Summary(t *testing.T) {
	c := testCatalog(t)
	a := conformingAssessment(c)
	set(t, a, "3.1.2.1", status(StatusPartial, ""))
	set(t, a, "9.4.1", status(StatusNotApplicable, "理由"))
	set(t, a, "9.4.2.2.B", status(StatusNonconforming, ""))
	set(t, a, "9.5.1.P", status(StatusUnanswered, ""))
	r := Findings(c, a)
	s := r.Summary
	if len(s.Parts) != 3 || len(s.Chapters) != 3 {
		t.Fatalf("parts %d chapters %d, want 3 and 3", len(s.Parts), len(s.Chapters))
	}
	gov := s.Parts[0]
	if gov.Part != PartGovernance || gov.Items != 2 || gov.Conforms != 1 || gov.Partial != 1 || gov.NeedsRiskAssessment != 1 || gov.ConformanceRate != 0.5 {
		t.Errorf("governance %+v", gov)
	}
	ctl := s.Parts[2]
	// controls: 9.4.1 対象外, 9.4.2 適合, 9.4.2.2.B 不適合, 9.5.1.P unanswered, two PB 適合.
	// 9.4.1 is an accepted exclusion: rate = 3 適合 / (3 適合 + 1 不適合).
	if ctl.Items != 6 || ctl.Conforms != 3 || ctl.NotApplicable != 1 || ctl.Unanswered != 1 || ctl.RateConforms != 3 || ctl.RateBase != 4 || ctl.ConformanceRate != 0.75 {
		t.Errorf("controls %+v", ctl)
	}
	// 9.4.2.2.B and 9.5.1.P (unanswered); 9.4.2 is 適合 and no finding (a
	// B control short under it is a warning), the PBs are 適合 under an
	// objective that applies (unanswered is not an exclusion).
	if ctl.NeedsRiskAssessment != 2 || r.NeedsRiskAssessment != 3 || s.Total.NeedsRiskAssessment != 3 {
		t.Errorf("needs risk assessment: controls %d, result %d, total %d; want 2, 3, 3", ctl.NeedsRiskAssessment, r.NeedsRiskAssessment, s.Total.NeedsRiskAssessment)
	}
	if ch := s.Chapters[2]; ch.Chapter != 9 || ch.TitleEN != "Access control" || ch.Items != 6 {
		t.Errorf("chapter 9 %+v", ch)
	}
}

// ISMAP管理基準 2.2.4: a 対象外 the rules do not accept (on a governance
// item, or on an objective without a reason) counts against the rate, while
// an accepted exclusion and the B controls exempted with it leave the base.
func TestFindings_2_2_4_RejectedExclusionCountsAgainstRate(t *testing.T) {
	c := testCatalog(t)
	a := conformingAssessment(c)
	set(t, a, "3.1.2.1", status(StatusNotApplicable, "理由"))
	set(t, a, "9.4.1", status(StatusNotApplicable, ""))
	s := Findings(c, a).Summary
	gov := s.Parts[0]
	if gov.RejectedExclusions != 1 || gov.RateBase != 2 || gov.ConformanceRate != 0.5 {
		t.Errorf("governance %+v: want 1 rejected exclusion, base 2, rate 0.5", gov)
	}
	ctl := s.Parts[2]
	if ctl.RejectedExclusions != 1 || ctl.RateBase != 6 || ctl.Exempt != 0 {
		t.Errorf("controls %+v: want 1 rejected exclusion, base 6, nothing exempt", ctl)
	}

	a = conformingAssessment(c)
	set(t, a, "9.4.2", status(StatusNotApplicable, "理由"))
	set(t, a, "9.4.2.2.B", status(StatusNotApplicable, ""))
	ctl = Findings(c, a).Summary.Parts[2]
	if ctl.RejectedExclusions != 0 || ctl.Exempt != 1 || ctl.RateBase != 4 || ctl.ConformanceRate != 1 {
		t.Errorf("accepted exclusion %+v: want base 4 (objective and exempt B out), 1 exempt, rate 1", ctl)
	}
}

// ISMAP管理基準 2.2.4: when an objective is excluded with a reason, the B
// controls under it are exempt with it. README section 3: such a B control
// leaves the rate's base whatever it was answered, and the rate is the one
// the formula gives on the counts the output prints (RateConforms ÷
// RateBase).
func TestFindings_2_2_4_ExemptBControlLeavesRateWhateverAnswered(t *testing.T) {
	c := testCatalog(t)
	for _, st := range []Status{StatusConforms, StatusPartial, StatusNonconforming, StatusNotApplicable, StatusUnanswered} {
		t.Run(string(st), func(t *testing.T) {
			a := conformingAssessment(c)
			set(t, a, "9.5.1.P", status(StatusNotApplicable, "マルチテナントではない"))
			set(t, a, "9.5.1.1.PB", status(st, ""))
			set(t, a, "9.4.2.2.B", status(StatusNonconforming, "未対応"))
			r := Findings(c, a)
			ctl := r.Summary.Parts[2]
			// Apply: 9.4.1 適合, 9.4.2 適合, 9.4.2.2.B 不適合. Out: 9.5.1.P
			// (excluded) and both PBs (exempt), whatever 9.5.1.1.PB says.
			if ctl.Exempt != 2 || ctl.RateConforms != 2 || ctl.RateBase != 3 || ctl.RejectedExclusions != 0 {
				t.Errorf("controls %+v: want 2 exempt, rate 2 / 3, no rejected exclusion", ctl)
			}
			if want := float64(ctl.RateConforms) / float64(ctl.RateBase); ctl.ConformanceRate != want {
				t.Errorf("rate %v, want RateConforms/RateBase = %v", ctl.ConformanceRate, want)
			}
			tot := r.Summary.Total
			// Governance 2 + management 1 適合 come on top.
			if tot.RateConforms != 5 || tot.RateBase != 6 {
				t.Errorf("total rate %d / %d, want 5 / 6", tot.RateConforms, tot.RateBase)
			}
			if _, ok := r.Finding("9.5.1.1.PB"); ok {
				t.Errorf("exempt B control %s is a finding", st)
			}
		})
	}
}

func TestFindings_Deterministic(t *testing.T) {
	c := testCatalog(t)
	a := conformingAssessment(c)
	set(t, a, "3.1.2.1", status(StatusPartial, ""))
	set(t, a, "9.4.2.2.B", status(StatusNotApplicable, ""))
	first := fmt.Sprintf("%+v", Findings(c, a))
	for range 5 {
		// Reverse the answers: order of input must not leak.
		slices.Reverse(a.Answers)
		if got := fmt.Sprintf("%+v", Findings(c, a)); got != first {
			t.Fatalf("result depends on answer order")
		}
	}
}

func TestAnswerHash(t *testing.T) {
	base := Answer{ID: "9.4.2.2.B", Status: StatusPartial, Implementation: "a", Evidence: "b", Reason: "c",
		PlannedDate: NewDate(2026, time.March, 31), Responsibility: RespShared, Remarks: "d"}
	h := AnswerHash(base)
	if len(h) != 64 {
		t.Fatalf("hash %q is not hex SHA-256", h)
	}
	same := base
	same.Sheet, same.Row, same.Cells, same.Unknown = "x", 99, map[string]string{"status": "E9"}, true
	if AnswerHash(same) != h {
		t.Error("location or Unknown changed the hash; only content may")
	}
	changes := map[string]func(*Answer){
		"id":             func(x *Answer) { x.ID = "9.4.2" },
		"status":         func(x *Answer) { x.Status = StatusConforms },
		"implementation": func(x *Answer) { x.Implementation += " " },
		"evidence":       func(x *Answer) { x.Evidence = "B" },
		"reason":         func(x *Answer) { x.Reason = "" },
		"planned date":   func(x *Answer) { x.PlannedDate = x.PlannedDate.AddDate(0, 0, 1) },
		"responsibility": func(x *Answer) { x.Responsibility = RespCSP },
		"remarks":        func(x *Answer) { x.Remarks = "e" },
		"field boundary": func(x *Answer) { x.Implementation, x.Evidence = "ab", "" },
	}
	for name, f := range changes {
		t.Run(name, func(t *testing.T) {
			x := base
			f(&x)
			if AnswerHash(x) == h {
				t.Errorf("changing %s kept the hash", name)
			}
		})
	}
	if AnswerHash(Answer{ID: "1"}) != AnswerHash(Answer{ID: "1", Status: StatusUnanswered}) {
		t.Error("empty status and unanswered hash differently")
	}
}

// BenchmarkFindings runs the rules on the embedded 2022-04-01 edition
// (234 requirements) with a shortfall in every fourth answer.
func BenchmarkFindings(b *testing.B) {
	p, err := templates.CatalogPath(templates.DefaultEdition)
	if err != nil {
		b.Fatal(err)
	}
	c, err := LoadCatalog(templates.CatalogFS(), p)
	if err != nil {
		b.Fatal(err)
	}
	a := conformingAssessment(c)
	for i := range a.Answers {
		if i%4 == 0 {
			a.Answers[i].Status = StatusPartial
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Findings(c, a)
	}
}
