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

// InterimCategory is an interim-measure case of the 2021-07-06 decision.
type InterimCategory string

// The categories: the two cases of the former interim period (2-i) and the
// four new categories (2-ii).
const (
	InterimLegacy1 InterimCategory = "legacy-1" // 2-i ①: in use on 2020-10-01
	InterimLegacy2 InterimCategory = "legacy-2" // 2-i ②: use started on or after 2020-10-01
	Interim1i      InterimCategory = "1-i"      // 2-ii 類型①-i: multi-year contract signed
	Interim1ii     InterimCategory = "1-ii"     // 2-ii 類型①-ii: migration has a large impact
	Interim1iii    InterimCategory = "1-iii"    // 2-ii 類型①-iii: system under construction
	Interim2       InterimCategory = "2"        // 2-ii 類型②: SaaS that must wait, e.g. for its IaaS
)

// InterimCategories lists every category in the decision's order.
var InterimCategories = []InterimCategory{InterimLegacy1, InterimLegacy2, Interim1i, Interim1ii, Interim1iii, Interim2}

// ParseInterimCategory reads a category written as its ID ("1-ii"), in the
// decision's notation ("類型①-ii", "①-ii", "①ⅱ") or compactly ("1ii"); the
// former cases as "legacy-1", "2-i-①", "従来①". Case, width and spaces do
// not matter. It returns an error wrapping ErrInvalidInput otherwise,
// including for "none".
func ParseInterimCategory(s string) (InterimCategory, error) {
	k := compactCategory(s)
	switch k {
	case "legacy1", "2i1", "従来1", "従来の暫定措置1", "former1":
		return InterimLegacy1, nil
	case "legacy2", "2i2", "従来2", "従来の暫定措置2", "former2":
		return InterimLegacy2, nil
	case "1i", "2ii1i":
		return Interim1i, nil
	case "1ii", "2ii1ii":
		return Interim1ii, nil
	case "1iii", "2ii1iii":
		return Interim1iii, nil
	case "2", "2ii2":
		return Interim2, nil
	}
	return "", fmt.Errorf("%w: interim category %q: use one of %s", ErrInvalidInput, s, categoryList())
}

func categoryList() string {
	s := make([]string, len(InterimCategories))
	for i, c := range InterimCategories {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// compactCategory lower-cases s, folds full-width forms, circled digits
// and Roman numerals, and drops separators and the words 類型/type/case.
func compactCategory(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		case r >= 'ａ' && r <= 'ｚ':
			b.WriteRune('a' + (r - 'ａ'))
		case r >= 'Ａ' && r <= 'Ｚ':
			b.WriteRune('a' + (r - 'Ａ'))
		case r == '①':
			b.WriteRune('1')
		case r == '②':
			b.WriteRune('2')
		case r == 'ⅰ' || r == 'Ⅰ':
			b.WriteString("i")
		case r == 'ⅱ' || r == 'Ⅱ':
			b.WriteString("ii")
		case r == 'ⅲ' || r == 'Ⅲ':
			b.WriteString("iii")
		case strings.ContainsRune(" \u3000\t-_.－‐−–—・/()（）", r):
		default:
			b.WriteRune(r)
		}
	}
	k := b.String()
	for _, w := range []string{"類型", "type", "case", "category"} {
		k = strings.ReplaceAll(k, w, "")
	}
	return k
}

// Section is the section of the 2021-07-06 decision that defines c.
func (c InterimCategory) Section() string {
	switch c {
	case InterimLegacy1:
		return "2-i ①"
	case InterimLegacy2:
		return "2-i ②"
	case Interim1i:
		return "2-ii 類型①-i"
	case Interim1ii:
		return "2-ii 類型①-ii"
	case Interim1iii:
		return "2-ii 類型①-iii"
	case Interim2:
		return "2-ii 類型②"
	}
	return ""
}

// IsNew reports whether c is one of the new categories of section 2-ii.
func (c InterimCategory) IsNew() bool {
	return c == Interim1i || c == Interim1ii || c == Interim1iii || c == Interim2
}

// LabelJA is a short Japanese name of c.
func (c InterimCategory) LabelJA() string {
	switch c {
	case InterimLegacy1:
		return "従来の暫定措置 ①（令和2年10月1日時点で利用中）"
	case InterimLegacy2:
		return "従来の暫定措置 ②（令和2年10月1日以降に利用開始）"
	case Interim1i:
		return "類型①-i（代替サービスあり・複数年契約を締結済み）"
	case Interim1ii:
		return "類型①-ii（代替サービスあり・移行の影響が大きい）"
	case Interim1iii:
		return "類型①-iii（代替サービスあり・情報システムを構築中）"
	case Interim2:
		return "類型②（基盤IaaSの登録待ち等で間に合わないSaaS）"
	}
	return string(c)
}

// LabelEN is a short English name of c.
func (c InterimCategory) LabelEN() string {
	switch c {
	case InterimLegacy1:
		return "former interim period, case 1 (in use on 2020-10-01)"
	case InterimLegacy2:
		return "former interim period, case 2 (use started on or after 2020-10-01)"
	case Interim1i:
		return "category 1-i (alternative exists; multi-year contract already signed)"
	case Interim1ii:
		return "category 1-ii (alternative exists; migration has a large impact)"
	case Interim1iii:
		return "category 1-iii (alternative exists; system already under construction)"
	case Interim2:
		return "category 2 (SaaS that cannot apply in time, e.g. waiting for its IaaS)"
	}
	return string(c)
}

// EndRuleJA says in Japanese until when c lasts.
func (c InterimCategory) EndRuleJA() string {
	switch c {
	case InterimLegacy1:
		return "令和3年9月30日（2021-09-30）まで"
	case InterimLegacy2:
		return "利用開始から1年以内（利用開始日の1年後の前日）まで。ただし令和4年3月31日（2022-03-31）が上限"
	case Interim1i, Interim1iii:
		return "契約期間の終了日まで（やむを得ず延長された場合は延長後の終了日まで）"
	case Interim1ii:
		return "移行期間の終了日まで（やむを得ず延長された場合は延長後の終了日まで）"
	case Interim2:
		return "令和5年3月31日（2023-03-31）まで"
	}
	return ""
}

// EndRuleEN says in English until when c lasts.
func (c InterimCategory) EndRuleEN() string {
	switch c {
	case InterimLegacy1:
		return "until 2021-09-30"
	case InterimLegacy2:
		return "within one year of the start of use (the day before its first anniversary), no later than 2022-03-31"
	case Interim1i, Interim1iii:
		return "until the contract ends (or its unavoidable extension ends)"
	case Interim1ii:
		return "until the migration period ends (or its unavoidable extension ends)"
	case Interim2:
		return "until 2023-03-31"
	}
	return ""
}

// Fact names, spelled as the command-line flags that carry them, used in
// InterimCondition.Missing.
const (
	FactUseStart           = "use-start"
	FactContractSigned     = "contract-signed"
	FactContractEnd        = "contract-end"
	FactContractExtendedTo = "contract-extended-to"
	FactConstructionStart  = "construction-start"
	FactMigrationPlan      = "migration-plan"
	FactMigrationEnd       = "migration-end"
	FactApplication        = "application"
	FactApplicationDate    = "application-date"
	FactAlternative        = "alternative"
	FactSaaSAwaitingIaaS   = "saas-awaiting-iaas"
)

// The values of InterimFacts.Application.
const (
	ApplicationExpected = "expected" // the CSP is expected to apply (申請見込み)
	ApplicationApplied  = "applied"  // the CSP has applied (申請済み)
	ApplicationNone     = "none"     // no prospect of application (申請見込みなし)
)

// NormalizeApplication maps an answer about the CSP's ISMAP application to
// ApplicationExpected, ApplicationApplied or ApplicationNone. It accepts the
// English values and common Japanese answers (申請見込み, 申請済み, 見込みなし);
// ok is false for anything else, including "".
func NormalizeApplication(s string) (v string, ok bool) {
	switch foldAnswer(s) {
	case "expected", "planned", "見込み", "見込みあり", "申請見込み", "申請見込みあり", "申請予定", "予定", "予定あり":
		return ApplicationExpected, true
	case "applied", "registered", "申請済み", "申請済", "申請中", "登録済み", "登録済":
		return ApplicationApplied, true
	case "none", "no", "見込みなし", "申請見込みなし", "予定なし", "申請予定なし", "なし", "無し", "無":
		return ApplicationNone, true
	}
	return "", false
}

// NormalizeYesNo maps yes/no answers (yes, no, はい, いいえ, あり, なし, 有, 無)
// to "yes" or "no"; ok is false for anything else, including "".
func NormalizeYesNo(s string) (v string, ok bool) {
	switch foldAnswer(s) {
	case "yes", "y", "true", "はい", "あり", "有り", "有", "該当":
		return "yes", true
	case "no", "n", "false", "いいえ", "なし", "無し", "無", "非該当":
		return "no", true
	}
	return "", false
}

func foldAnswer(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r >= 'ａ' && r <= 'ｚ':
			r = 'a' + (r - 'ａ')
		case r >= 'Ａ' && r <= 'Ｚ':
			r = 'a' + (r - 'Ａ')
		case r == ' ' || r == '\u3000':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

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
	if strings.TrimSpace(e.f.Application) == "" {
		return nil
	}
	v, ok := NormalizeApplication(e.f.Application)
	if !ok {
		e.noteUnreadable(fmt.Sprintf("--application の値 %q を読み取れません（expected / applied / none のいずれか）。", e.f.Application),
			fmt.Sprintf("cannot read application %q (use expected, applied or none)", e.f.Application))
		return nil
	}
	return boolp(v != ApplicationNone)
}

// applicationMade evaluates "an application has been made": met by an
// application made (or a registration), not by an expected one.
func (e *evaluation) applicationMade() *bool {
	if e.application() == nil {
		return nil
	}
	v, _ := NormalizeApplication(e.f.Application)
	return boolp(v == ApplicationApplied)
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

// legacy1 is 2-i ①.
func (e *evaluation) legacy1() Date {
	const src = "2-i ①"
	// 2021-07-06 decision, 2-i ①: the service was already in use on
	// 2020-10-01, the day ISMAP began accepting applications. A use that
	// began on 2020-10-01 itself counts as in use on that day (it is case
	// ② as well: see legacy2).
	e.cond("2-i-1.in-use-on-2020-10-01", src, onOrBefore(e.f.UseStart, ISMAPApplicationStart),
		"令和2年10月1日（ISMAPの申請受付開始日）の時点で既に利用していた（利用開始日がその日以前）。",
		"the service was already in use on 2020-10-01, when ISMAP began accepting applications (use started on or before that day)",
		FactUseStart)
	// 2021-07-06 decision, 2-i ①: the CSP's application is expected within
	// the former period.
	e.cond("2-i-1.application-expected", src, e.application(),
		"CSPがこのサービスについてISMAPへ申請する見込みがある（または申請済み）。",
		"the CSP is expected to apply to ISMAP for this service (or has applied)",
		FactApplication)
	e.noteStartOnApplicationDay()
	// 2021-07-06 decision, 2-i ①: the former period ends on 2021-09-30.
	return LegacyCase1End
}

// noteStartOnApplicationDay says that a use that started on 2020-10-01
// is case ① and case ② alike (2021-07-06 decision, 2-i ① 「令和2年10月1日
// 時点で…利用中」 and 2-i ② 「令和2年10月1日以降に利用予定」).
func (e *evaluation) noteStartOnApplicationDay() {
	if e.f.UseStart == ISMAPApplicationStart {
		e.note("令和2年10月1日に利用を始めたケースは従来①にも従来②にも当たります。どちらでも期間は令和3年9月30日までです（2-i ①・②）。",
			"a use that started on 2020-10-01 is both case 1 and case 2 of the former period; either way the period ends on 2021-09-30 (2-i ① and ②)")
	}
}

// legacy2 is 2-i ②.
func (e *evaluation) legacy2() Date {
	const src = "2-i ②"
	// 2021-07-06 decision, 2-i ②: 「令和2年10月1日以降に利用予定」: use
	// actually started (development environment, integration test or
	// operation) on or after 2020-10-01. 以降 counts the day itself, so a
	// use that began on 2020-10-01 is case ② as well as case ① (in use on
	// that day); either way the period ends on 2021-09-30.
	var from *bool
	if !e.f.UseStart.IsZero() {
		from = boolp(!e.f.UseStart.Before(ISMAPApplicationStart))
	}
	e.cond("2-i-2.use-started-from-2020-10-01", src, from,
		"令和2年10月1日以降（当日を含む）に実際の利用が始まった（開発環境を作った、結合テストを行った、運用を始めた等）。",
		"actual use (development environment, integration test or operation) started on or after 2020-10-01 (the day itself included)",
		FactUseStart)
	// 2021-07-06 decision, 2-i ② (note on the last day): no period is left
	// for a use that starts after the cap of 2022-03-31.
	e.cond("2-i-2.use-started-by-2022-03-31", src, onOrBefore(e.f.UseStart, LegacyCase2Cap),
		"利用開始日が上限の令和4年3月31日以前である（それより後では期間が残らない）。",
		"use started no later than the cap of 2022-03-31 (after it no period is left)",
		FactUseStart)
	// 2021-07-06 decision, 2-i ②: the CSP's application is expected within
	// one year of the start of use.
	e.cond("2-i-2.application-expected", src, e.application(),
		"CSPが利用開始から1年以内にこのサービスについてISMAPへ申請する見込みがある（または申請済み）。",
		"the CSP is expected to apply to ISMAP for this service within one year of the start of use (or has applied)",
		FactApplication)
	if e.f.UseStart.IsZero() {
		return Date{}
	}
	e.noteStartOnApplicationDay()
	// 2021-07-06 decision, 2-i ②: the period ends within one year of the
	// start of use, read as the day before the first anniversary, and
	// never later than 2022-03-31.
	end := e.f.UseStart.AddDate(1, 0, -1)
	if end.After(LegacyCase2Cap) {
		end = LegacyCase2Cap
		e.note("利用開始から1年後が令和4年3月31日より後になるため、終了日は上限の令和4年3月31日です（2-i ②）。",
			"one year from the start of use would pass 2022-03-31, so the period ends on that cap (2-i ②)")
	}
	return end
}

// contractEnd is the end of a 類型①-i or ①-iii period: the contract end, or
// its unavoidable extension.
func (e *evaluation) contractEnd(prefix, src string) Date {
	// 2021-07-06 decision, 2-ii 類型①-i / ①-iii: the period lasts until the
	// contract with the service ends.
	e.cond(prefix+".contract-end", src, stated(e.f.ContractEnd),
		"利用中（予定）のサービスとの契約期間の終了日が示されている。",
		"the end of the contract with the service is stated",
		FactContractEnd)
	if e.f.ContractExtendedTo.IsZero() || e.f.ContractEnd.IsZero() {
		return e.f.ContractEnd
	}
	// 2021-07-06 decision, 2-ii 類型①-i / ①-iii: an unavoidable extension
	// of the contract period counts; it must end after the original end.
	e.cond(prefix+".extension-after-contract-end", src, boolp(!e.f.ContractExtendedTo.Before(e.f.ContractEnd)),
		"やむを得ない理由による延長後の契約終了日が、元の終了日以後である。",
		"the unavoidably extended contract ends no earlier than the original contract",
		FactContractExtendedTo)
	e.note("やむを得ない理由による契約期間の延長を終了日に反映しました。",
		"the unavoidable extension of the contract is taken as the end")
	return e.f.ContractExtendedTo
}

// category1i is 2-ii 類型①-i.
func (e *evaluation) category1i() Date {
	const src, p = "2-ii 類型①-i", "2-ii-1-i"
	// 2021-07-06 decision, 2-ii 類型①-i: an alternative service exists.
	e.alternativeExists(p+".alternative-exists", src)
	// 2021-07-06 decision, 2-ii 類型①-i: a multi-year contract is already
	// signed, and one signed 「本決定以降」 is excluded. 以降 counts the day of
	// the decision itself: only a contract signed by 2021-07-05 qualifies.
	e.cond(p+".multi-year-contract", src, onOrBefore(e.f.ContractSigned, LastDayBeforeDecision),
		"複数年の契約を令和3年7月5日（本決定の前日）までに締結している（本決定の日である同年7月6日以降の締結は対象外）。",
		"the multi-year contract was signed by 2021-07-05, the day before the decision (signed on or after 2021-07-06, the day of the decision, is excluded)",
		FactContractSigned)
	// 2021-07-06 decision, 2-ii 類型①-i: the contract is multi-year, i.e.
	// it runs past the end of the fiscal year (March 31) in which it was
	// signed.
	var multi *bool
	var miss []string
	if e.f.ContractSigned.IsZero() {
		miss = append(miss, FactContractSigned)
	}
	if e.f.ContractEnd.IsZero() {
		miss = append(miss, FactContractEnd)
	}
	if miss == nil {
		multi = boolp(e.f.ContractEnd.After(fiscalYearEnd(e.f.ContractSigned)))
	}
	e.cond(p+".contract-spans-fiscal-years", src, multi,
		"契約が締結した年度の末日（3月31日）を越えて続く複数年契約である。",
		"the contract runs past the end of the fiscal year (March 31) in which it was signed, so it is multi-year",
		miss...)
	// 2021-07-06 decision, 2-ii 類型①-i: the CSP is expected to apply for
	// the service in use or for the alternative it will move to.
	e.cond(p+".application-expected", src, e.application(),
		"CSPが利用中（予定）のサービス、または移行先の代替サービスについてISMAPへ申請する見込みがある（または申請済み）。",
		"the CSP is expected to apply to ISMAP for the service in use or for the alternative service (or has applied)",
		FactApplication)
	return e.contractEnd(p, src)
}

// fiscalYearEnd is March 31 of the Japanese fiscal year that holds d.
func fiscalYearEnd(d Date) Date {
	if d.Month >= time.April {
		return Date{d.Year + 1, time.March, 31}
	}
	return Date{d.Year, time.March, 31}
}

// category1ii is 2-ii 類型①-ii.
func (e *evaluation) category1ii() Date {
	const src, p = "2-ii 類型①-ii", "2-ii-1-ii"
	// 2021-07-06 decision, 2-ii 類型①-ii: an alternative service exists
	// (migration to it has a large impact: the agency's own judgement, not
	// checked here).
	e.alternativeExists(p+".alternative-exists", src)
	// 2021-07-06 decision, 2-ii 類型①-ii: 「移行後の代替サービスにおいて
	// 申請がなされ」: the alternative service, the one migrated to, has
	// applied. Unlike ①-i, ①-iii and ② this asks for an application made,
	// not an expected one (見込み); a registered alternative has applied.
	made := e.applicationMade()
	e.cond(p+".alternative-applied", src, made,
		"移行先の代替サービスについてISMAPへの申請が既になされている（登録済みを含む。申請の見込みだけでは満たさない）。",
		"the alternative service being migrated to has already applied to ISMAP (or is registered); an expected application does not meet this",
		FactApplication)
	if v, _ := NormalizeApplication(e.f.Application); v == ApplicationExpected {
		e.note("類型①-ii は、移行先の代替サービスについて申請が既になされていることが要件です。申請の見込み（--application expected）では満たしません。",
			"category 1-ii needs an application already made for the alternative service; an expected application (--application expected) does not meet it")
	}
	// 2021-07-06 decision, 2-ii 類型①-ii: the migration plan is fixed
	// within the fiscal year of the decision (令和3年度), by 2022-03-31.
	e.cond(p+".migration-plan-by-2022-03-31", src, onOrBefore(e.f.MigrationPlan, MigrationPlanDeadline),
		"移行計画を令和3年度中（令和4年3月31日まで）に定めた。",
		"the migration plan was fixed within fiscal 2021 (令和3年度), by 2022-03-31",
		FactMigrationPlan)
	if e.f.MigrationPlan.IsZero() && !e.v.AsOf.IsZero() && !e.v.AsOf.After(MigrationPlanDeadline) {
		e.note("移行計画は令和4年3月31日までに定めれば要件を満たします。定めた日を --migration-plan で示してください。",
			"a migration plan fixed by 2022-03-31 meets the condition; give the day it was fixed with --migration-plan")
	}
	// 2021-07-06 decision, 2-ii 類型①-ii: the period lasts until the
	// migration period ends, including an unavoidable extension; the
	// migration end given is taken to include any such extension.
	e.cond(p+".migration-end", src, stated(e.f.MigrationEnd),
		"移行期間の終了日（やむを得ない延長があれば延長後の日）が示されている。",
		"the end of the migration period (after any unavoidable extension) is stated",
		FactMigrationEnd)
	if !e.f.ContractExtendedTo.IsZero() {
		e.note("類型①-ii の期間は移行期間で決まります。延長された場合は延長後の移行終了日を --migration-end に指定してください（--contract-extended-to は使いません）。",
			"a 1-ii period follows the migration period; give an extended migration end as --migration-end (--contract-extended-to is not used)")
	}
	return e.f.MigrationEnd
}

// category1iii is 2-ii 類型①-iii.
func (e *evaluation) category1iii() Date {
	const src, p = "2-ii 類型①-iii", "2-ii-1-iii"
	// 2021-07-06 decision, 2-ii 類型①-iii: an alternative service exists.
	e.alternativeExists(p+".alternative-exists", src)
	// 2021-07-06 decision, 2-ii 類型①-iii: the information system is
	// already under construction, and construction begun 「本決定以降」 is
	// excluded. 以降 counts the day of the decision itself: only
	// construction begun by 2021-07-05 qualifies.
	e.cond(p+".construction-started-before-decision", src, onOrBefore(e.f.ConstructionStart, LastDayBeforeDecision),
		"情報システムの構築に令和3年7月5日（本決定の前日）までに着手している（本決定の日である同年7月6日以降の着手は対象外）。",
		"construction of the information system began by 2021-07-05, the day before the decision (begun on or after 2021-07-06, the day of the decision, is excluded)",
		FactConstructionStart)
	// 2021-07-06 decision, 2-ii 類型①-iii: the CSP is expected to apply
	// for the service in use or for the alternative.
	e.cond(p+".application-expected", src, e.application(),
		"CSPが利用中（予定）のサービス、または移行先の代替サービスについてISMAPへ申請する見込みがある（または申請済み）。",
		"the CSP is expected to apply to ISMAP for the service in use or for the alternative service (or has applied)",
		FactApplication)
	return e.contractEnd(p, src)
}

// category2 is 2-ii 類型②.
func (e *evaluation) category2() Date {
	const src, p = "2-ii 類型②", "2-ii-2"
	// 2021-07-06 decision, 2-ii 類型②: 「類型①-i ~ iii 以外で」: the case is
	// 類型② only when none of 類型①-i, ①-ii and ①-iii is met on the same
	// facts. One met settles it (the case falls under that category
	// instead); all three failing settles it the other way; otherwise the
	// facts those categories still need are named.
	outside, miss := e.outsideCategory1()
	e.cond(p+".outside-category-1", src, outside,
		"類型①-i・①-ii・①-iii のいずれにも当たらない（同じ事実でそれぞれを判定し、どれも満たさない）。",
		"none of categories 1-i, 1-ii and 1-iii applies (each is checked on the same facts and none is met)",
		miss...)
	saas, saasOK := e.yesNo(e.f.SaaSAwaitingIaaS, FactSaaSAwaitingIaaS)
	// 2021-07-06 decision, 2-ii 類型②: the service is a SaaS that cannot
	// apply in time, e.g. because its underlying IaaS must be registered
	// first.
	var waiting *bool
	if saasOK {
		waiting = boolp(saas == "yes")
	}
	e.cond(p+".saas-awaiting-iaas", src, waiting,
		"SaaSであって、土台のIaaSが先にリストに載る必要がある等の事情から、期間内に申請できない。",
		"the service is a SaaS that cannot apply in time, e.g. because its underlying IaaS must be registered first",
		FactSaaSAwaitingIaaS)
	// 2021-07-06 decision, 2-ii 類型②: the CSP is expected to apply.
	e.cond(p+".application-expected", src, e.application(),
		"CSPがISMAPへ申請する予定がある（または申請済み）。",
		"the CSP plans to apply to ISMAP (or has applied)",
		FactApplication)
	// 2021-07-06 decision, 2-ii 類型②: the period lasts until 2023-03-31.
	return SaaSInterimEnd
}

// outsideCategory1 evaluates 類型①-i, ①-ii and ①-iii on the facts of this
// 類型② case: false (with FallsUnder set) when one of them is met, true
// when each has failed, nil with the facts they need otherwise.
func (e *evaluation) outsideCategory1() (*bool, []string) {
	var missing []string
	open := false
	for _, c := range []InterimCategory{Interim1i, Interim1ii, Interim1iii} {
		sub, _, _ := evaluateConditions(c, e.f, e.v.AsOf)
		for _, n := range sub.unreadable {
			e.noteUnreadable(n[0], n[1])
		}
		eligible, decided, miss := outcome(sub.v.Conditions)
		switch {
		case eligible:
			e.v.FallsUnder = append(e.v.FallsUnder, c)
		case !decided:
			open = true
			for _, m := range miss {
				if !slices.Contains(missing, m) {
					missing = append(missing, m)
				}
			}
		}
	}
	if len(e.v.FallsUnder) > 0 {
		var ja, en, flags []string
		for _, c := range e.v.FallsUnder {
			ja = append(ja, "類型①-"+strings.TrimPrefix(string(c), "1-"))
			en = append(en, "category "+string(c))
			flags = append(flags, "--category "+string(c))
		}
		e.note("この事実では"+strings.Join(ja, "・")+"に当たるため、類型②ではありません（類型②は類型①-i〜iii 以外のケースです）。"+strings.Join(flags, " / ")+" で確認してください。",
			"on these facts the case falls under "+strings.Join(en, " and ")+", so it is not category 2 (which is for cases outside 1-i to 1-iii); check it with "+strings.Join(flags, " / "))
		return boolp(false), nil
	}
	if open {
		return nil, missing
	}
	return boolp(true), nil
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

// newCategoryObligations are the duties of every 2-ii category.
func (e *evaluation) newCategoryObligations() {
	src := "2-ii 類型①-i"
	if e.v.Category != Interim1i {
		// 2021-07-06 decision, 2-ii 類型①-ii, ①-iii and ②: the security
		// requirements and reporting are as for 類型①-i.
		src = e.v.Category.Section() + " → 2-ii 類型①-i"
	}
	// 2021-07-06 decision, 2-ii 類型①-i: under the CISO's responsibility,
	// check conformance to the 基本言明要件 and assess the risk of every
	// shortfall.
	e.oblige("basic-statement-check", src,
		"最高情報セキュリティ責任者（CISO）の責任で、基本言明要件（ガバナンス基準・マネジメント基準の全項目、管理策基準の統制目標と末尾Bの詳細管理策）に照らして適合の程度を確かめ、足りない項目それぞれのリスクを評価する（ismapcheck findings / risk-sheet で管理）。",
		"under the CISO's responsibility, check the service against the basic statement requirements (all governance and management items, the control objectives and the detailed controls ending in B) and assess the risk of every shortfall (track them with ismapcheck findings / risk-sheet)")
	// 2021-07-06 decision, 2-ii 類型①-i: report the category, contract
	// period, migration plan and application prospects to the secretariat.
	e.oblige("report-to-secretariat", src,
		"ISMAP運営委員会事務局に、どの類型を使うか、契約期間、移行計画、ISMAP申請の見込みなどを報告する（様式と期限は事務局が指定）。",
		"report the category used, the contract period, the migration plan and the application prospects to the ISMAP secretariat, in the form and by the deadline it sets")
	// 2021-07-06 decision, 2-ii 類型①-i: report again on every change.
	e.oblige("report-changes", src,
		"報告した内容が変わったとき（期間を前倒しで終える場合など）は、その都度報告する。",
		"report again whenever what was reported changes (for example, ending the period early)")
	// 2021-07-06 decision, 3: confirm the application prospects with the
	// CSP and cooperate with the secretariat's surveys.
	e.oblige("confirm-application-prospects", "3",
		"CSPにISMAP申請の見込みを確認し、事務局の調査に必要に応じて協力する。",
		"confirm the CSP's application prospects with it, and cooperate with the secretariat's surveys when asked")
	// 2021-07-06 decision, 2-ii (留意事項): inform the CSP about ISMAP and
	// work towards principle use as soon as possible.
	e.oblige("promote-principle-use", "2-ii (留意事項)",
		"第三者監査と要求事項の確認を経ていないことを踏まえ、CSPにISMAPを案内し、速やかに原則利用へ移れるよう努める。",
		"bearing in mind that no third-party audit or check of the ISMAP requirements has taken place, inform the CSP about ISMAP and work towards principle use as soon as possible")
}

// legacyObligations are the duties of the former interim period.
func (e *evaluation) legacyObligations() {
	// 2021-07-06 decision, 1: tell the secretariat the service name and
	// its status.
	e.oblige("legacy.report-service", "1",
		"サービス名と現在の状況をISMAP運営委員会事務局に伝える。",
		"tell the ISMAP secretariat the name of the cloud service and its current status")
	// 2021-07-06 decision, 1: inform the CSP about ISMAP and hear how it
	// conforms to the requirements and criteria.
	e.oblige("legacy.hear-csp-conformance", "1",
		"CSPにISMAPを案内し、その時点の要求事項・管理基準への適合状況を聴取する。",
		"inform the CSP about ISMAP and hear how far it conforms to the ISMAP requirements and criteria at that time")
	// 2021-07-06 decision, 1: report promptly when it becomes clear that no
	// application will come, and cooperate with the secretariat's survey.
	e.oblige("legacy.report-no-prospect", "1",
		"申請の見込みがないと分かったときは速やかに事務局へ報告し、必要に応じて調査に協力する。",
		"report promptly to the secretariat once it is clear that no application will come, and cooperate with its survey when asked")
	// 2021-07-06 decision, 1: 「報告後、当該情報システムの対応について検討」:
	// once reported, work out the system's way forward and start the
	// migration work and the budget it needs.
	e.oblige("legacy.follow-up-after-report", "1",
		"その報告をした後は、情報システムを今後どう扱うかを検討し、移行に向けた準備や必要な予算の要求などを進める。",
		"after that report, work out how the information system is to be handled and move ahead with preparing the migration and requesting the budget for it")
}

// principleUse are the duties when no interim period applies.
func (e *evaluation) principleUse(noProspect bool) {
	if noProspect {
		e.note("ISMAP申請の見込みがないため暫定措置は適用されず、原則利用により対応します（2-ii（参考））。",
			"with no prospect of an ISMAP application no interim measure applies; principle use applies (2-ii, reference)")
	} else {
		e.note("暫定措置は適用されないため、原則利用により対応します（2-ii（参考））。",
			"no interim measure applies; principle use applies (2-ii, reference)")
	}
	// 2021-07-06 decision, 2-ii (参考): move to a listed service as soon as
	// possible (examine the system, prepare the migration, request budget).
	e.oblige("principle-use.migrate", "2-ii (参考)",
		"ISMAPクラウドサービスリストに載ったサービスへ早期に切り替えられるよう、システムの扱いを検討し、移行の準備と必要な予算の要求に着手する。",
		"move to a service on the ISMAP cloud service list as soon as possible: examine the system, prepare the migration and request the budget")
	// 2021-07-06 decision, 2-ii (参考): until the migration, the CISO
	// confirms the service meets the ISMAP requirements and criteria.
	e.oblige("principle-use.ciso-confirms", "2-ii (参考)",
		"切り替えが済むまでは、ISMAPの要求事項と管理基準に照らしてサービスが十分かを、CISOの責任で府省庁等自身が確かめる。",
		"until the migration, the CISO confirms under their own responsibility that the service meets the ISMAP requirements and criteria")
}

// OrganizationKind is the kind of organisation that procures a cloud service.
type OrganizationKind string

// The organisation kinds ISMAP distinguishes.
const (
	OrgMinistry              OrganizationKind = "ministry"               // 府省庁 (政府機関)
	OrgIndependentAgency     OrganizationKind = "independent-agency"     // 独立行政法人
	OrgDesignatedCorporation OrganizationKind = "designated-corporation" // 指定法人
)

// ParseOrganizationKind reads an organisation kind in English or Japanese
// (府省庁, 独立行政法人, 指定法人).
func ParseOrganizationKind(s string) (OrganizationKind, error) {
	switch foldAnswer(s) {
	case "ministry", "government", "府省庁", "政府機関", "省庁":
		return OrgMinistry, nil
	case "independent-agency", "iaa", "独立行政法人", "独法":
		return OrgIndependentAgency, nil
	case "designated-corporation", "designated", "指定法人":
		return OrgDesignatedCorporation, nil
	}
	return "", fmt.Errorf("%w: organisation kind %q: use ministry, independent-agency or designated-corporation", ErrInvalidInput, s)
}

// ISMAPAppliesTo reports whether ISMAP covers the procurement of an
// organisation of kind k on asOf. Ministries are covered throughout;
// 独立行政法人 and 指定法人 from 2022-04-01 (2021-07-06 decision, 3).
// Unknown kinds are not covered.
func ISMAPAppliesTo(k OrganizationKind, asOf Date) bool {
	switch k {
	case OrgMinistry:
		return true
	case OrgIndependentAgency, OrgDesignatedCorporation:
		// 2021-07-06 decision, 3: in scope from 2022-04-01.
		return !asOf.Before(AgencyScopeStart)
	}
	return false
}
