package checklist

import (
	"fmt"
	"strings"
)

// The interim-measure categories of the 2021-07-06 decision and the
// normalisation of the facts a user gives about a case.

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
	// FactAlternativeApplication is the ISMAP application status of the
	// alternative service a 類型①-ii case migrates to.
	FactAlternativeApplication = "alternative-application"
	FactAlternative            = "alternative"
	FactSaaSAwaitingIaaS       = "saas-awaiting-iaas"
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
