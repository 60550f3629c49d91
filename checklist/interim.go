package checklist

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// This file holds the interim-measure (暫定措置) rules of the decision of
// 2021-07-06 that revised the ISMAP interim measures (令和3年7月6日
// サイバーセキュリティ対策推進会議・各府省CIO連絡会議決定). Every rule cites
// the section of that decision it comes from, so a reviewer can check the
// rules line by line against the source. Section names used here:
//
//	1             the former interim period as first set up
//	2-i ①, 2-i ②  how the former interim period ends (cases ① and ②)
//	2-ii 類型①-i … 類型②  the new, narrower interim categories
//	2-ii (留意事項)  the notes after 類型①-i on pursuing principle use
//	2-ii (参考)     what never qualifies: principle use applies
//	3             other matters (application prospects, surveys, scope)

// InterimDecision identifies the decision the rules in this file follow.
const InterimDecision = "2021-07-06"

// Dates fixed by the decision.
var (
	// ISMAPApplicationStart is the day ISMAP began accepting applications
	// (2021-07-06 decision, 2-i ① and ②).
	ISMAPApplicationStart = Date{2020, time.October, 1}
	// InterimDecisionDate is the day of the decision. The new categories
	// exist from this day on (2-ii sets them up), and 「本決定以降」 counts
	// this day itself: a multi-year contract signed, or construction begun,
	// on 2021-07-06 is excluded (2021-07-06 decision, 2-ii 類型①-i and
	// 類型①-iii).
	InterimDecisionDate = Date{2021, time.July, 6}
	// LastDayBeforeDecision is the last day on which a 類型①-i contract
	// could be signed or 類型①-iii construction begun: the day before the
	// decision (2021-07-06 decision, 2-ii 類型①-i and 類型①-iii).
	LastDayBeforeDecision = Date{2021, time.July, 5}
	// LegacyCase1End ends the former period for case ① (2-i ①).
	LegacyCase1End = Date{2021, time.September, 30}
	// LegacyCase2Cap is the latest end of the former period for case ② (2-i ②).
	LegacyCase2Cap = Date{2022, time.March, 31}
	// MigrationPlanDeadline is the last day of fiscal 令和3 (the year of the
	// decision), by which a 類型①-ii migration plan must be fixed (2-ii 類型①-ii).
	MigrationPlanDeadline = Date{2022, time.March, 31}
	// SaaSInterimEnd ends category 類型② (2-ii 類型②).
	SaaSInterimEnd = Date{2023, time.March, 31}
	// AgencyScopeStart is the day ISMAP starts to cover the procurement of
	// 独立行政法人 and 指定法人 (2021-07-06 decision, 3).
	AgencyScopeStart = Date{2022, time.April, 1}
)

// InterimCondition is one condition of a category, evaluated on the facts.
// Met is nil when a fact it needs is missing (or unreadable); Missing then
// names those facts as the command-line flags that carry them.
type InterimCondition struct {
	ID      string   `json:"id"`
	Met     *bool    `json:"met"`
	Source  string   `json:"source"`
	TextJA  string   `json:"text_ja"`
	TextEN  string   `json:"text_en"`
	Missing []string `json:"missing,omitempty"`
}

// InterimObligation is something the agency must do under the verdict.
type InterimObligation struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	TextJA string `json:"text_ja"`
	TextEN string `json:"text_en"`
}

// InterimVerdict is the answer to "does this case qualify, until when, and
// what must we do". Eligible is true when every condition is met; End is
// the last day of the interim period (zero unless Eligible); Active is
// Eligible, AsOf on or before End and the period already set up.
// PeriodNotYetSet is true for a new category (2-ii) judged as of a day
// before the decision created it: such a case is never active. FallsUnder
// names the categories 類型①-i..①-iii a 類型② case meets instead (which
// rules 類型② out). Missing lists every missing fact; Decided is false when
// missing facts leave eligibility open (no condition has failed but some
// cannot be evaluated).
type InterimVerdict struct {
	Category        InterimCategory     `json:"category"`
	Section         string              `json:"section"`
	Decision        string              `json:"decision"`
	AsOf            Date                `json:"as_of"`
	Decided         bool                `json:"decided"`
	Eligible        bool                `json:"eligible"`
	End             Date                `json:"end"`
	Active          bool                `json:"active"`
	PeriodNotYetSet bool                `json:"period_not_yet_set,omitempty"`
	FallsUnder      []InterimCategory   `json:"falls_under,omitempty"`
	Conditions      []InterimCondition  `json:"conditions"`
	Missing         []string            `json:"missing"`
	Obligations     []InterimObligation `json:"obligations"`
	NotesJA         []string            `json:"notes_ja"`
	NotesEN         []string            `json:"notes_en"`
}

// MarshalJSON writes the verdict with End (and AsOf) as null when there is
// none and the lists as [] rather than null, in a fixed key order.
func (v InterimVerdict) MarshalJSON() ([]byte, error) {
	orNull := func(d Date) *Date {
		if d.IsZero() {
			return nil
		}
		return &d
	}
	orEmpty := func(l []string) []string {
		if l == nil {
			return []string{}
		}
		return l
	}
	out := struct {
		Category        InterimCategory     `json:"category"`
		Section         string              `json:"section"`
		Decision        string              `json:"decision"`
		AsOf            *Date               `json:"as_of"`
		Decided         bool                `json:"decided"`
		Eligible        bool                `json:"eligible"`
		End             *Date               `json:"end"`
		Active          bool                `json:"active"`
		PeriodNotYetSet bool                `json:"period_not_yet_set,omitempty"`
		FallsUnder      []InterimCategory   `json:"falls_under,omitempty"`
		Conditions      []InterimCondition  `json:"conditions"`
		Missing         []string            `json:"missing"`
		Obligations     []InterimObligation `json:"obligations"`
		NotesJA         []string            `json:"notes_ja"`
		NotesEN         []string            `json:"notes_en"`
	}{v.Category, v.Section, v.Decision, orNull(v.AsOf), v.Decided, v.Eligible, orNull(v.End), v.Active,
		v.PeriodNotYetSet, v.FallsUnder, v.Conditions, orEmpty(v.Missing), v.Obligations, orEmpty(v.NotesJA), orEmpty(v.NotesEN)}
	if out.Conditions == nil {
		out.Conditions = []InterimCondition{}
	}
	if out.Obligations == nil {
		out.Obligations = []InterimObligation{}
	}
	return json.Marshal(out)
}

// InterimFactsFromCover returns the interim facts a completed workbook's
// cover states: the interim block as written, with the contract end filled
// from the agency's request when the interim block leaves it empty, and the
// application prospect filled from the CSP's own ISMAP status when the
// interim block leaves it empty (not for 類型①-ii, where the application
// that counts is the alternative service's, which the CSP's status does not
// describe).
func InterimFactsFromCover(c Cover) InterimFacts {
	f := c.Interim
	if f.ContractEnd.IsZero() {
		f.ContractEnd = c.Request.ContractEnd
	}
	if strings.TrimSpace(f.Application) == "" {
		if cat, err := ParseInterimCategory(c.Request.InterimCategory); err != nil || cat != Interim1ii {
			switch foldAnswer(c.CSP.ISMAPStatus) {
			case "registered", "applied":
				f.Application = ApplicationApplied
			case "planned":
				f.Application = ApplicationExpected
			case "none":
				f.Application = ApplicationNone
			}
		}
	}
	return f
}

// EvaluateInterim checks whether a case qualifies for cat under the
// 2021-07-06 decision as of asOf, computes the end of its interim period
// and lists the agency's obligations. It never guesses a missing fact: a
// condition that needs one has Met nil and names it, and the case is then
// not eligible.
func EvaluateInterim(cat InterimCategory, facts InterimFacts, asOf Date) InterimVerdict {
	e, end, ok := evaluateConditions(cat, facts, asOf)
	if !ok {
		e.note("区分が不明です: "+string(cat), "unknown category "+fmt.Sprintf("%q", string(cat)))
		return e.v
	}
	e.finish(end)
	return e.v
}

// evaluateConditions evaluates the conditions of cat on facts and returns
// the end of its period; ok is false for an unknown category.
func evaluateConditions(cat InterimCategory, facts InterimFacts, asOf Date) (e *evaluation, end Date, ok bool) {
	e = &evaluation{f: facts, v: InterimVerdict{Category: cat, Section: cat.Section(), Decision: InterimDecision, AsOf: asOf}}
	switch cat {
	case InterimLegacy1:
		end = e.legacy1()
	case InterimLegacy2:
		end = e.legacy2()
	case Interim1i:
		end = e.category1i()
	case Interim1ii:
		end = e.category1ii()
	case Interim1iii:
		end = e.category1iii()
	case Interim2:
		end = e.category2()
	default:
		return e, Date{}, false
	}
	return e, end, true
}

// outcome reads the conditions: eligible when every one is met, decided
// when one has failed or none is open, and the missing facts in order.
func outcome(conds []InterimCondition) (eligible, decided bool, missing []string) {
	eligible = len(conds) > 0
	failed := false
	seen := map[string]bool{}
	for _, c := range conds {
		switch {
		case c.Met == nil:
			eligible = false
		case !*c.Met:
			eligible = false
			failed = true
		}
		for _, m := range c.Missing {
			if !seen[m] {
				seen[m] = true
				missing = append(missing, m)
			}
		}
	}
	// A failed condition settles the case whatever the missing facts say.
	decided = len(conds) > 0 && (failed || len(missing) == 0)
	return eligible, decided, missing
}

type evaluation struct {
	f InterimFacts
	v InterimVerdict
	// unreadable holds the notes on values that could not be read, the
	// only notes a nested evaluation (類型② checking ①-i..iii) passes on.
	unreadable [][2]string
}

func boolp(b bool) *bool { return &b }

func (e *evaluation) cond(id, src string, met *bool, ja, en string, missing ...string) {
	if met != nil {
		missing = nil
	}
	e.v.Conditions = append(e.v.Conditions, InterimCondition{ID: id, Met: met, Source: src, TextJA: ja, TextEN: en, Missing: missing})
}

func (e *evaluation) note(ja, en string) {
	e.v.NotesJA = append(e.v.NotesJA, ja)
	e.v.NotesEN = append(e.v.NotesEN, en)
}

// noteUnreadable notes a value that could not be read.
func (e *evaluation) noteUnreadable(ja, en string) {
	e.unreadable = append(e.unreadable, [2]string{ja, en})
	if !slices.Contains(e.v.NotesEN, en) {
		e.note(ja, en)
	}
}

func (e *evaluation) oblige(id, src, ja, en string) {
	e.v.Obligations = append(e.v.Obligations, InterimObligation{ID: id, Source: src, TextJA: ja, TextEN: en})
}

// onOrBefore is nil for a missing date, else whether d is on or before limit.
func onOrBefore(d, limit Date) *bool {
	if d.IsZero() {
		return nil
	}
	return boolp(!d.After(limit))
}

// stated is nil for a missing date, else true.
func stated(d Date) *bool {
	if d.IsZero() {
		return nil
	}
	return boolp(true)
}

// application evaluates "the CSP is expected to apply or has applied".
func (e *evaluation) application() *bool {
	return e.applicationOf(e.f.Application, FactApplication)
}

// applicationOf evaluates an application fact given as flag: nil when
// missing or unreadable, else whether an application is made or expected.
func (e *evaluation) applicationOf(value, flag string) *bool {
	if strings.TrimSpace(value) == "" {
		return nil
	}
	v, ok := NormalizeApplication(value)
	if !ok {
		e.noteUnreadable(fmt.Sprintf("--%s の値 %q を読み取れません（expected / applied / none のいずれか）。", flag, value),
			fmt.Sprintf("cannot read --%s %q (use expected, applied or none)", flag, value))
		return nil
	}
	return boolp(v != ApplicationNone)
}

// alternativeApplication is the application status of the alternative
// service a 類型①-ii case migrates to, and the flag that gave it:
// --alternative-application, or for a case checked as 類型①-ii itself
// --application (which for that category has always meant the
// alternative's; the service in use's own application plays no part in
// ①-ii).
func (e *evaluation) alternativeApplication() (value, flag string) {
	if strings.TrimSpace(e.f.AlternativeApplication) != "" {
		return e.f.AlternativeApplication, FactAlternativeApplication
	}
	if strings.TrimSpace(e.f.Application) != "" {
		return e.f.Application, FactApplication
	}
	return "", FactAlternativeApplication
}

// alternativeApplied evaluates "the alternative service has applied": met
// by an application made (or a registration), not by an expected one.
func (e *evaluation) alternativeApplied() (*bool, string) {
	value, flag := e.alternativeApplication()
	if e.applicationOf(value, flag) == nil {
		return nil, flag
	}
	v, _ := NormalizeApplication(value)
	return boolp(v == ApplicationApplied), flag
}

// yesNo evaluates a yes/no fact: nil when missing or unreadable.
func (e *evaluation) yesNo(value, fact string) (string, bool) {
	if strings.TrimSpace(value) == "" {
		return "", false
	}
	v, ok := NormalizeYesNo(value)
	if !ok {
		e.noteUnreadable(fmt.Sprintf("--%s の値 %q を読み取れません（yes / no のいずれか）。", fact, value),
			fmt.Sprintf("cannot read %s %q (use yes or no)", fact, value))
		return "", false
	}
	return v, true
}

func (e *evaluation) alternativeExists(id, src string) {
	var met *bool
	if v, ok := e.yesNo(e.f.Alternative, FactAlternative); ok {
		met = boolp(v == "yes")
	}
	e.cond(id, src, met,
		"代替となるクラウドサービスがある。",
		"an alternative cloud service exists",
		FactAlternative)
}

// finish sets eligibility, the end, activity, missing facts, obligations
// and notes.
func (e *evaluation) finish(end Date) {
	v := &e.v
	v.Eligible, v.Decided, v.Missing = outcome(v.Conditions)
	// 2021-07-06 decision, 2-ii: this decision sets up the new categories
	// (「新規の暫定措置期間…を設定する」, 2), so before 2021-07-06 none of
	// them exists yet and none can be running, whatever the facts.
	v.PeriodNotYetSet = v.Category.IsNew() && !v.AsOf.IsZero() && v.AsOf.Before(InterimDecisionDate)
	if v.Eligible {
		v.End = end
		v.Active = !v.AsOf.IsZero() && !v.AsOf.After(end) && !v.PeriodNotYetSet
	}
	appl, _ := NormalizeApplication(e.f.Application)

	switch {
	case len(v.Missing) > 0 && !v.Decided:
		e.note("不足している事実があるため判定できません。次を示してください: --"+strings.Join(v.Missing, ", --"),
			"cannot decide: state the missing facts --"+strings.Join(v.Missing, ", --"))
	case len(v.Missing) > 0:
		e.note("満たさない要件があるため対象外です（次の事実も示されていません: --"+strings.Join(v.Missing, ", --")+"）。",
			"does not qualify: a condition is not met (these facts are also missing: --"+strings.Join(v.Missing, ", --")+")")
	case v.PeriodNotYetSet:
		// Reported below: the period had not begun, so it has not ended.
	case v.Active:
		e.note(fmt.Sprintf("基準日%sの時点で暫定措置期間中です。期間は%sまでです。", FormatWareki(v.AsOf), FormatJapanese(v.End)),
			fmt.Sprintf("as of %s the interim period applies, until %s", v.AsOf, v.End))
	case v.Eligible && !v.Category.IsNew():
		// 2021-07-06 decision, 2-i: the former period ends on its date.
		e.note(fmt.Sprintf("従来の暫定措置期間は%sに終了しています（2-i）。", FormatJapanese(v.End)),
			fmt.Sprintf("the former interim period ended on %s (2-i)", v.End))
	case v.Eligible:
		e.note(fmt.Sprintf("暫定措置期間は%sに終了しています。", FormatJapanese(v.End)),
			fmt.Sprintf("the interim period ended on %s", v.End))
		// 2021-07-06 decision, 2-ii (参考): a CSP that stated it would apply
		// but did not apply within the period gets no extension.
		late := !e.f.ApplicationDate.IsZero() && e.f.ApplicationDate.After(v.End)
		if appl != ApplicationApplied || late {
			e.note("CSPが申請の意向を示していても、期限内に申請しなかった場合、暫定措置期間は延長されません（2-ii（参考））。",
				"a CSP that stated its intention but did not apply within the period gets no extension (2-ii, reference)")
		}
	}
	if v.PeriodNotYetSet {
		e.note(fmt.Sprintf("基準日%sの時点では、この新規の暫定措置期間はまだ設けられていません（令和3年7月6日の決定で新設。2）。その時点の扱いは従来の暫定措置期間（--category legacy-1 / legacy-2）で確認してください。", FormatWareki(v.AsOf)),
			fmt.Sprintf("as of %s this new interim period had not been set yet (the decision of 2021-07-06 created it, 2); check that date against the former period (--category legacy-1 / legacy-2)", v.AsOf))
	}
	if v.Active && v.Category.IsNew() && !e.f.ApplicationDate.IsZero() && e.f.ApplicationDate.After(v.End) {
		// 2021-07-06 decision, 2-ii (参考): no extension without an
		// application in time.
		e.note("申請日が暫定措置期間の終了日より後です。期限内に申請がなければ延長はありません（2-ii（参考））。",
			"the application date is after the end of the interim period; without an application in time there is no extension (2-ii, reference)")
	}

	switch {
	case v.PeriodNotYetSet:
		// No duty of a period that did not exist yet, nor of the principle
		// use that 2-ii (参考) sets out with it.
	case v.Active && v.Category.IsNew():
		e.newCategoryObligations()
	case v.Active:
		e.legacyObligations()
	case v.Decided && len(v.FallsUnder) > 0:
		// The case belongs to another category: its verdict there, not
		// principle use, says what to do (see the note).
	case v.Decided:
		e.principleUse(appl == ApplicationNone)
	}
}
