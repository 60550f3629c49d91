package checklist

import (
	"slices"
	"strings"
	"testing"
)

// place is one expected problem of CheckAnswers: requirement, rule, field.
type place struct {
	id    string
	code  RuleCode
	field string
}

func placesOf(ps []Problem) []place {
	out := []place{}
	for _, p := range ps {
		out = append(out, place{p.ID, p.Code, p.Field})
	}
	return out
}

// errorOn is an ingest error naming id (it leaves the answer in doubt).
func errorOn(id, code string) func(*Assessment) {
	return func(a *Assessment) {
		a.Messages = append(a.Messages, Message{Severity: SeverityError, Code: code, ID: id})
	}
}

// ISMAP管理基準 2.2.4: an objective answered 適合 over a B control that is
// not met is an inconsistency shown on the B control; an answer in doubt
// states nothing to compare.
func TestCheckAnswers_ObjectiveConformsBShort(t *testing.T) {
	cat := testCatalog(t)
	const obj, b = "9.4.2", "9.4.2.2.B"
	short := []place{{b, RuleObjectiveConformsBShort, FieldStatus}}
	tests := []struct {
		name      string
		objStatus Status
		bStatus   Status
		setup     func(*Assessment)
		want      []place
		reason    string
	}{
		{name: "B 一部適合 under 適合", objStatus: StatusConforms, bStatus: StatusPartial, want: short},
		{name: "B 不適合 under 適合", objStatus: StatusConforms, bStatus: StatusNonconforming, want: short},
		{name: "B 対象外 under 適合", objStatus: StatusConforms, bStatus: StatusNotApplicable, want: short},
		{name: "B 適合 under 適合", objStatus: StatusConforms, bStatus: StatusConforms},
		{name: "B unanswered under 適合", objStatus: StatusConforms, bStatus: StatusUnanswered},
		{name: "B 不適合 under 一部適合", objStatus: StatusPartial, bStatus: StatusNonconforming},
		{name: "B 不適合 under 不適合", objStatus: StatusNonconforming, bStatus: StatusNonconforming},
		{name: "B 不適合 under 対象外", objStatus: StatusNotApplicable, bStatus: StatusNonconforming},
		{name: "B 不適合 under unanswered", objStatus: StatusUnanswered, bStatus: StatusNonconforming},
		{name: "objective in doubt", objStatus: StatusConforms, bStatus: StatusNonconforming, setup: errorOn(obj, "formula"),
			reason: "an ingest error naming the objective leaves its 適合 in doubt"},
		{name: "B control in doubt", objStatus: StatusConforms, bStatus: StatusNonconforming, setup: errorOn(b, "duplicate_id")},
		{name: "B control flagged unknown", objStatus: StatusConforms, bStatus: StatusNonconforming,
			setup: func(a *Assessment) { a.Answers[5].Unknown = true }},
		{name: "a warning leaves nothing in doubt", objStatus: StatusConforms, bStatus: StatusNonconforming, want: short,
			setup: func(a *Assessment) {
				a.Messages = append(a.Messages, Message{Severity: SeverityWarning, Code: "text_too_long", ID: obj})
			}},
		{name: "the legacy na_not_allowed error leaves nothing in doubt", objStatus: StatusConforms, bStatus: StatusNonconforming, want: short,
			setup: errorOn(obj, legacyNANotAllowed)},
		{name: "the first answer of an ID counts", objStatus: StatusConforms, bStatus: StatusNonconforming, want: short,
			setup: func(a *Assessment) { a.Answers = append(a.Answers, Answer{ID: obj, Status: StatusNonconforming}) }},
		{name: "objective without an answer", objStatus: StatusConforms, bStatus: StatusNonconforming,
			setup: func(a *Assessment) {
				a.Answers = slices.DeleteFunc(a.Answers, func(x Answer) bool { return x.ID == obj })
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := conformingAssessment(cat)
			if a.Answers[5].ID != b {
				t.Fatalf("fixture: answer 5 is %s, want %s", a.Answers[5].ID, b)
			}
			set(t, a, obj, status(tt.objStatus, "理由"))
			set(t, a, b, status(tt.bStatus, "理由"))
			if tt.setup != nil {
				tt.setup(a)
			}
			ps := CheckAnswers(cat, a, AnswersCheckOptions{})
			if got := placesOf(ps); !slices.Equal(got, tt.want) && len(got)+len(tt.want) > 0 {
				t.Fatalf("got %v, want %v %s", got, tt.want, tt.reason)
			}
			if len(ps) > 0 && (ps[0].Severity != SeverityWarning || !strings.Contains(ps[0].TextJA, "統制目標 "+obj+" は「適合」") ||
				!strings.Contains(ps[0].TextEN, "its B control "+b+" is "+`"`+tt.bStatus.LabelEN()+`"`)) {
				t.Errorf("problem %+v", ps[0])
			}
		})
	}
}

// ISMAP管理基準 2.2.4: a control may be inherited only from an underlying
// service on the ISMAP cloud service list; every registration value but
// 登録済 (yes) leaves 継承 unsupported, and the text says what the cover
// says and where.
func TestCheckAnswers_InheritedNeedsRegisteredService(t *testing.T) {
	cat := testCatalog(t)
	inherit := func(a *Assessment) {
		for _, id := range []string{"3.1.2.1", "9.4.1"} {
			set(t, a, id, func(x *Answer) { x.Responsibility = RespInherited })
		}
	}
	both := []place{{"3.1.2.1", RuleInheritedUnregistered, FieldResponsibility}, {"9.4.1", RuleInheritedUnregistered, FieldResponsibility}}
	onCover := AnswersCheckOptions{CoverSheet: "表紙 Cover"}
	tests := []struct {
		name           string
		reg, cell      string
		opt            AnswersCheckOptions
		setup          func(*Assessment)
		want           []place
		textJA, textEN string
	}{
		{name: "registered", reg: "yes", cell: "C30", opt: onCover, setup: inherit},
		{name: "applied", reg: "applied", cell: "C30", opt: AnswersCheckOptions{CoverSheet: "表紙 Cover", RegistrationJA: "申請中", RegistrationEN: "applied"}, setup: inherit, want: both,
			textJA: "責任分界が「継承」ですが、表紙（シート「表紙 Cover」セル C30）では基盤サービスのISMAP登録状況が「申請中」です。継承できるのは",
			textEN: `responsibility is "inherited" but the cover (sheet "表紙 Cover", cell C30) gives the underlying service's ISMAP registration as "applied"; a control can be inherited only`},
		{name: "not registered", reg: "no", cell: "C30", opt: AnswersCheckOptions{CoverSheet: "表紙 Cover", RegistrationJA: "未登録", RegistrationEN: "not registered"}, setup: inherit, want: both,
			textJA: "登録状況が「未登録」です", textEN: `registration as "not registered"`},
		{name: "no underlying service", reg: "none", cell: "C30", opt: AnswersCheckOptions{CoverSheet: "表紙 Cover", RegistrationJA: "該当なし", RegistrationEN: "none"}, setup: inherit, want: both,
			textJA: "登録状況が「該当なし」です", textEN: `registration as "none"`},
		{name: "cover does not say", reg: "", cell: "C30", opt: onCover, setup: inherit, want: both,
			textJA: "表紙（シート「表紙 Cover」セル C30）に基盤サービスのISMAP登録状況が記入されていません",
			textEN: `the cover (sheet "表紙 Cover", cell C30) does not say whether the underlying service is ISMAP-registered`},
		{name: "value without labels is quoted", reg: "applied", cell: "C30", opt: onCover, setup: inherit, want: both,
			textJA: "登録状況が「applied」です", textEN: `registration as "applied"`},
		{name: "English label falls back to Japanese", reg: "no", cell: "C30", opt: AnswersCheckOptions{CoverSheet: "表紙 Cover", RegistrationJA: "未登録"}, setup: inherit, want: both,
			textJA: "「未登録」", textEN: `registration as "未登録"`},
		{name: "no cover sheet", reg: "no", cell: "C30", setup: inherit, want: both,
			textJA: "ですが、表紙では基盤サービス", textEN: "but the cover gives"},
		{name: "no cover cell", reg: "", opt: onCover, setup: inherit, want: both,
			textJA: "ですが、表紙に基盤サービス", textEN: "but the cover does not say"},
		{name: "no 継承 answer", reg: "", cell: "C30", opt: onCover},
		{name: "継承 in doubt still warns", reg: "no", cell: "C30", opt: onCover, want: both[1:],
			setup: func(a *Assessment) {
				set(t, a, "9.4.1", func(x *Answer) { x.Responsibility = RespInherited })
				errorOn("9.4.1", "invalid_status")(a)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := conformingAssessment(cat)
			a.Cover.CSP.UnderlyingIaaSISMAP = tt.reg
			if tt.cell != "" {
				a.Cover.Cells = map[string]string{"underlying_iaas_registered": tt.cell}
			}
			if tt.setup != nil {
				tt.setup(a)
			}
			ps := CheckAnswers(cat, a, tt.opt)
			if got := placesOf(ps); !slices.Equal(got, tt.want) && len(got)+len(tt.want) > 0 {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for _, p := range ps {
				if p.Severity != SeverityWarning || !strings.Contains(p.TextJA, tt.textJA) || !strings.Contains(p.TextEN, tt.textEN) {
					t.Errorf("problem %+v, want texts with %q / %q", p, tt.textJA, tt.textEN)
				}
			}
		})
	}
}

// Problems come in catalogue order, and for one B control the objective
// rule before the inheritance rule.
func TestCheckAnswers_Order(t *testing.T) {
	cat := testCatalog(t)
	a := conformingAssessment(cat)
	set(t, a, "9.4.2.2.B", func(x *Answer) { x.Status, x.Responsibility = StatusNonconforming, RespInherited })
	set(t, a, "9.5.1.1.PB", status(StatusNotApplicable, ""))
	set(t, a, "3.1.2.2", func(x *Answer) { x.Responsibility = RespInherited })
	got := placesOf(CheckAnswers(cat, a, AnswersCheckOptions{}))
	want := []place{
		{"3.1.2.2", RuleInheritedUnregistered, FieldResponsibility},
		{"9.4.2.2.B", RuleObjectiveConformsBShort, FieldStatus},
		{"9.4.2.2.B", RuleInheritedUnregistered, FieldResponsibility},
		{"9.5.1.1.PB", RuleObjectiveConformsBShort, FieldStatus},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}
