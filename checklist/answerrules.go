package checklist

import (
	"fmt"
	"strings"
)

// This file holds the answer rules: what a CSP's answer to one item must
// carry (a reason, a planned date, evidence) and where it must agree with
// another answer or with the cover. They check the form and consistency of
// the answers, not their merit (that is Findings): every rule gives a
// Problem, none changes an answer. The workbook reader applies them and
// turns each Problem into a message on the cell of its field.
//
// What is no rule here is reading a cell: a status, responsibility or date
// that is none of the allowed values (invalid_status,
// invalid_responsibility, invalid_date) is refused by the reader whatever
// the item, because the value says nothing.

// RuleCode names an answer rule. The codes are stable: they are the codes
// of the ingest messages the rules give, and scripts may match on them.
type RuleCode string

// The answer rules.
const (
	// RuleNAOnGovMgmt: 対象外 on a governance or management item.
	RuleNAOnGovMgmt RuleCode = "na_on_governance_management"
	// RuleNAWithoutReason: 対象外 without a reason.
	RuleNAWithoutReason RuleCode = "na_without_reason"
	// RuleShortfallWithoutReason: 一部適合 or 不適合 without a reason.
	RuleShortfallWithoutReason RuleCode = "shortfall_without_reason"
	// RuleShortfallWithoutDate: 一部適合 or 不適合 without a planned date.
	RuleShortfallWithoutDate RuleCode = "shortfall_without_date"
	// RulePlannedDatePast: the planned date lies before the reading date.
	RulePlannedDatePast RuleCode = "planned_date_past"
	// RuleBWithoutEvidence: 適合 on a B detailed control without evidence.
	RuleBWithoutEvidence RuleCode = "b_without_evidence"
	// RuleObjectiveConformsBShort: a B control that is not met under an
	// objective answered 適合 (the warning of ObjectiveConformsBShort).
	RuleObjectiveConformsBShort RuleCode = RuleCode(WarningObjectiveConformsBShort)
	// RuleInheritedUnregistered: responsibility 継承 while the cover does
	// not say the underlying service is ISMAP-registered.
	RuleInheritedUnregistered RuleCode = "inherited_unregistered"
)

// RuleCodes lists every answer rule in the order the rules run.
var RuleCodes = []RuleCode{
	RuleNAOnGovMgmt, RuleNAWithoutReason, RuleShortfallWithoutReason, RuleShortfallWithoutDate,
	RuleBWithoutEvidence, RulePlannedDatePast, RuleObjectiveConformsBShort, RuleInheritedUnregistered,
}

// The fields of an answer a Problem can be about: the keys of Answer.Cells.
const (
	FieldStatus         = "status"
	FieldReason         = "reason"
	FieldPlannedDate    = "planned_date"
	FieldEvidence       = "evidence"
	FieldResponsibility = "responsibility"
)

// Problem is one answer rule an answer breaks: how bad it is, which rule,
// which requirement, the field of the answer it is about (a key of
// Answer.Cells) and the text in Japanese and English.
type Problem struct {
	Severity Severity `json:"severity"`
	Code     RuleCode `json:"code"`
	ID       string   `json:"id"`
	Field    string   `json:"field"`
	TextJA   string   `json:"text_ja"`
	TextEN   string   `json:"text_en"`
}

// AnswerCheckOptions is what CheckAnswer needs beyond the item and the
// answer.
type AnswerCheckOptions struct {
	// Today is the reading date for planned_date_past; zero skips the rule.
	Today Date
	// Formula holds the fields whose cell holds a formula. The reader
	// reports such a cell on its own and leaves the field empty, so an
	// empty planned date there is unknown, not missing, and gets no
	// shortfall_without_date.
	Formula map[string]bool
}

// CheckAnswer applies the rules on one answer a to item it and returns the
// problems in a fixed order: the status rules first (by status), then the
// planned date against the reading date. It is pure and changes nothing.
func CheckAnswer(it Item, a Answer, opt AnswerCheckOptions) []Problem {
	var ps []Problem
	add := func(sev Severity, code RuleCode, field, ja, en string) {
		ps = append(ps, Problem{Severity: sev, Code: code, ID: it.ID, Field: field, TextJA: ja, TextEN: en})
	}
	switch a.Status {
	case StatusNotApplicable:
		// ISMAP管理基準 2.2.4: governance and management items apply in
		// principle, all of them. A 対象外 there is a known answer that
		// falls short of the requirement (a finding that needs the
		// agency's risk assessment), not an unreadable one: a warning, so
		// the answer is not left in doubt.
		naSev := SeverityError
		if it.Level == LevelGovernance || it.Level == LevelManagement {
			naSev = SeverityWarning
			add(SeverityWarning, RuleNAOnGovMgmt, FieldStatus,
				fmt.Sprintf("%s は%sの項目です。ガバナンス基準・マネジメント基準の項目は原則としてすべて適用されるため、「対象外」は基準を満たさない回答として扱い、府省庁のリスク評価の対象になります", it.ID, it.Level.LabelJA()),
				fmt.Sprintf("%s is a %s item; governance and management items apply in principle, all of them, so \"not applicable\" is read as falling short and needs the agency's risk assessment", it.ID, strings.ToLower(it.Level.LabelEN())))
		}
		// ISMAP管理基準 2.2.4: a control objective may be excluded only
		// with a stated reason; the answer form asks a reason for every
		// 対象外. Without one the exclusion cannot be judged: an error,
		// except on a governance or management item, where the 対象外 is
		// read as a shortfall anyway.
		if a.Reason == "" {
			add(naSev, RuleNAWithoutReason, FieldReason,
				"「対象外」には理由の記入が必要です",
				"\"not applicable\" needs a reason")
		}
	case StatusPartial, StatusNonconforming:
		// ISMAP管理基準 2.2.4: a requirement not (fully) met goes to the
		// agency's risk assessment. The answer form (common practice, not
		// the criteria's wording) asks why it is not met and when it will
		// be: a warning when either is missing.
		if a.Reason == "" {
			add(SeverityWarning, RuleShortfallWithoutReason, FieldReason,
				fmt.Sprintf("「%s」ですが理由が記入されていません", a.Status.LabelJA()),
				fmt.Sprintf("%q without a reason", a.Status.LabelEN()))
		}
		if a.PlannedDate.IsZero() && !opt.Formula[FieldPlannedDate] {
			add(SeverityWarning, RuleShortfallWithoutDate, FieldPlannedDate,
				fmt.Sprintf("「%s」ですが対応予定日が記入されていません", a.Status.LabelJA()),
				fmt.Sprintf("%q without a planned date", a.Status.LabelEN()))
		}
	case StatusConforms:
		// ISMAP管理基準 2.2.4: a B control under an objective that applies
		// must be implemented; the answer form asks for the evidence that
		// it is, so 適合 on a B control without evidence is a warning.
		if it.B && a.Evidence == "" {
			add(SeverityWarning, RuleBWithoutEvidence, FieldEvidence,
				fmt.Sprintf("%s は B の詳細管理策です。「適合」の根拠資料が記入されていません", it.ID),
				fmt.Sprintf("%s is a B detailed control answered \"conforms\" without evidence", it.ID))
		}
	}
	// The answer form's planned date closes a shortfall; one already past
	// on the reading date promises nothing the agency can rely on
	// (whatever the status).
	if PlannedDatePast(a, opt.Today) {
		add(SeverityWarning, RulePlannedDatePast, FieldPlannedDate,
			fmt.Sprintf("対応予定日 %s は読み取り日 %s より前です", a.PlannedDate, opt.Today),
			fmt.Sprintf("planned date %s is before the reading date %s", a.PlannedDate, opt.Today))
	}
	return ps
}

// PlannedDatePast reports whether a carries a planned date before today.
// A zero today (no reading date) or no planned date is never past; a date
// on today is not past.
func PlannedDatePast(a Answer, today Date) bool {
	return !a.PlannedDate.IsZero() && !today.IsZero() && a.PlannedDate.Before(today)
}

// AnswersCheckOptions is what CheckAnswers needs beyond the assessment:
// how the workbook shows the cover, so that a problem about it can say
// where to look.
type AnswersCheckOptions struct {
	// CoverSheet is the sheet the cover was read from ("" when unknown);
	// with the cell in Cover.Cells it places the cover's values in texts.
	CoverSheet string
	// RegistrationJA and RegistrationEN are the labels under which the
	// workbook shows the cover's underlying_iaas_registered value. Empty
	// quotes the value itself (RegistrationEN falls back to JA).
	RegistrationJA, RegistrationEN string
}

// CheckAnswers applies the rules that compare an answer with another
// answer or with the cover, over every requirement of cat in catalogue
// order. It reads the answers of a as Findings does: the first answer of
// an ID, in doubt (Unknown) when an ingest error names the ID. It is pure
// and changes nothing.
func CheckAnswers(cat *Catalog, a *Assessment, opt AnswersCheckOptions) []Problem {
	var ps []Problem
	answerOf := answerLookup(a)
	reg := a.Cover.CSP.UnderlyingIaaSISMAP
	for _, it := range cat.Requirements() {
		x := answerOf(it.ID)
		if it.Level == LevelDetail && it.B {
			// ISMAP管理基準 2.2.4: each B control is a requirement of its
			// own and does not make its objective fall short; an objective
			// answered 適合 over a B control that is not met is only an
			// inconsistency in the CSP's answers, shown on the B control.
			if w, ok := ObjectiveConformsBShort(x, answerOf(it.Parent)); ok {
				ps = append(ps, Problem{Severity: SeverityWarning, Code: RuleObjectiveConformsBShort, ID: it.ID, Field: FieldStatus, TextJA: w.TextJA, TextEN: w.TextEN})
			}
		}
		// ISMAP管理基準 2.2.4: a control may be inherited only from an
		// underlying service registered on the ISMAP cloud service list.
		// The cover says whether it is; anything but 登録済 (applied, not
		// registered, none, or not said) leaves 継承 unsupported.
		if x.Responsibility == RespInherited && reg != "yes" {
			ja, en := inheritedWithout(reg, a.Cover.Cells["underlying_iaas_registered"], opt)
			ps = append(ps, Problem{Severity: SeverityWarning, Code: RuleInheritedUnregistered, ID: it.ID, Field: FieldResponsibility, TextJA: ja, TextEN: en})
		}
	}
	return ps
}

// inheritedWithout words the inherited_unregistered problem for what the
// cover says about the underlying service (reg "" when it says nothing)
// in cell.
func inheritedWithout(reg, cell string, opt AnswersCheckOptions) (ja, en string) {
	whereJA, whereEN := "表紙", "the cover"
	if opt.CoverSheet != "" && cell != "" {
		whereJA = fmt.Sprintf("表紙（シート「%s」セル %s）", opt.CoverSheet, cell)
		whereEN = fmt.Sprintf("the cover (sheet %q, cell %s)", opt.CoverSheet, cell)
	}
	const ruleJA = "継承できるのは、ISMAPクラウドサービスリストに登録された基盤サービスから実施を引き継ぐ場合に限られます"
	const ruleEN = "a control can be inherited only from an underlying service on the ISMAP cloud service list"
	if reg == "" {
		return fmt.Sprintf("責任分界が「継承」ですが、%sに基盤サービスのISMAP登録状況が記入されていません。%s", whereJA, ruleJA),
			fmt.Sprintf("responsibility is \"inherited\" but %s does not say whether the underlying service is ISMAP-registered; %s", whereEN, ruleEN)
	}
	labelJA, labelEN := opt.RegistrationJA, opt.RegistrationEN
	if labelJA == "" {
		labelJA = reg
	}
	if labelEN == "" {
		labelEN = labelJA
	}
	return fmt.Sprintf("責任分界が「継承」ですが、%sでは基盤サービスのISMAP登録状況が「%s」です。%s", whereJA, labelJA, ruleJA),
		fmt.Sprintf("responsibility is \"inherited\" but %s gives the underlying service's ISMAP registration as %q; %s", whereEN, labelEN, ruleEN)
}

// answerLookup returns the answers of a by ID as the rules read them: the
// first answer of an ID, an empty status as unanswered, an ID without an
// answer unanswered, and an answer in doubt (Unknown) when an ingest error
// names its ID.
//
// An assessment read by an earlier version may carry the error
// na_not_allowed for a 対象外 on a governance or management item;
// ISMAP管理基準 2.2.4 applies those items in principle, so that 対象外 is a
// known answer that falls short, and the old error leaves nothing in doubt.
func answerLookup(a *Assessment) func(id string) Answer {
	answers := make(map[string]Answer, len(a.Answers))
	for _, x := range a.Answers {
		if _, dup := answers[x.ID]; !dup {
			answers[x.ID] = x
		}
	}
	inDoubt := map[string]bool{}
	for _, m := range a.Messages {
		if m.Severity == SeverityError && m.ID != "" && m.Code != legacyNANotAllowed {
			inDoubt[m.ID] = true
		}
	}
	return func(id string) Answer {
		x, ok := answers[id]
		if !ok {
			x = Answer{ID: id, Status: StatusUnanswered}
		}
		if x.Status == "" {
			x.Status = StatusUnanswered
		}
		if inDoubt[id] {
			x.Unknown = true
		}
		return x
	}
}
