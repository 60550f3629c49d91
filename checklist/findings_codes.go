package checklist

// ReasonCode says why an item needs the agency's risk assessment. The
// codes are stable: they appear in JSON, CSV and the risk-assessment
// workbook, and scripts may match on them.
type ReasonCode string

// The reason codes. A governance or management item has one code for every
// status other than 適合 (the Status field of the Finding tells 一部適合,
// 不適合, 対象外 and 未回答 apart); objectives and B controls have one code
// per kind of shortfall, because the criteria treat 対象外 differently there.
const (
	// ReasonGovernanceNotConforming: a governance item (chapter 3) is not
	// 適合: 一部適合, 不適合, 対象外 or unanswered.
	ReasonGovernanceNotConforming ReasonCode = "governance_not_conforming"
	// ReasonManagementNotConforming: a management item (chapter 4) is not
	// 適合: 一部適合, 不適合, 対象外 or unanswered.
	ReasonManagementNotConforming ReasonCode = "management_not_conforming"
	// ReasonObjectiveShortfall: a control objective is 一部適合 or 不適合.
	ReasonObjectiveShortfall ReasonCode = "objective_shortfall"
	// ReasonObjectiveUnanswered: a control objective has no answer.
	ReasonObjectiveUnanswered ReasonCode = "objective_unanswered"
	// ReasonObjectiveExcludedNoReason: a control objective is 対象外 but
	// the CSP gave no reason, so the exclusion cannot be accepted.
	ReasonObjectiveExcludedNoReason ReasonCode = "objective_excluded_without_reason"
	// ReasonBControlShortfall: a B control under an applicable objective
	// is 一部適合 or 不適合.
	ReasonBControlShortfall ReasonCode = "b_control_shortfall"
	// ReasonBControlUnanswered: a B control under an applicable objective
	// has no answer.
	ReasonBControlUnanswered ReasonCode = "b_control_unanswered"
	// ReasonBControlExcluded: a B control is 対象外 while its objective
	// applies (the objective is not 対象外 with a reason).
	ReasonBControlExcluded ReasonCode = "b_control_excluded"
	// ReasonAnswerUnknown: validation errors at ingest leave the answer in
	// doubt (Answer.Unknown, or an error message naming the item).
	ReasonAnswerUnknown ReasonCode = "answer_unknown"
	// ReasonObjectiveExclusionRejected: a control objective is 対象外 with a
	// reason, but the agency's CISO rejected the exclusion in the risk
	// sheet (see FindingsWithExclusions).
	ReasonObjectiveExclusionRejected ReasonCode = "objective_exclusion_rejected"
)

// ReasonCodes lists every reason code in documentation order.
var ReasonCodes = []ReasonCode{
	ReasonGovernanceNotConforming, ReasonManagementNotConforming,
	ReasonObjectiveShortfall, ReasonObjectiveUnanswered, ReasonObjectiveExcludedNoReason,
	ReasonBControlShortfall, ReasonBControlUnanswered, ReasonBControlExcluded,
	ReasonAnswerUnknown,
	ReasonObjectiveExclusionRejected,
}

// LabelJA describes the reason in Japanese.
func (r ReasonCode) LabelJA() string {
	switch r {
	case ReasonGovernanceNotConforming:
		return "ガバナンス基準が適合でない（原則として全項目が適用）"
	case ReasonManagementNotConforming:
		return "マネジメント基準が適合でない（原則として全項目が適用）"
	case ReasonObjectiveShortfall:
		return "統制目標が一部適合または不適合"
	case ReasonObjectiveUnanswered:
		return "統制目標が未回答"
	case ReasonObjectiveExcludedNoReason:
		return "統制目標が対象外だが理由の記載がない"
	case ReasonBControlShortfall:
		return "B管理策が一部適合または不適合"
	case ReasonBControlUnanswered:
		return "B管理策が未回答"
	case ReasonBControlExcluded:
		return "統制目標が適用されるのにB管理策が対象外"
	case ReasonAnswerUnknown:
		return "回答の読取りでエラーがあり内容が確定しない"
	case ReasonObjectiveExclusionRejected:
		return "統制目標の対象外（除外）を府省庁が受け入れなかった"
	}
	return string(r)
}

// LabelEN describes the reason in English.
func (r ReasonCode) LabelEN() string {
	switch r {
	case ReasonGovernanceNotConforming:
		return "governance item not conforming (all items apply in principle)"
	case ReasonManagementNotConforming:
		return "management item not conforming (all items apply in principle)"
	case ReasonObjectiveShortfall:
		return "control objective partially or not conforming"
	case ReasonObjectiveUnanswered:
		return "control objective unanswered"
	case ReasonObjectiveExcludedNoReason:
		return "control objective not applicable without a reason"
	case ReasonBControlShortfall:
		return "B control partially or not conforming"
	case ReasonBControlUnanswered:
		return "B control unanswered"
	case ReasonBControlExcluded:
		return "B control not applicable while its objective applies"
	case ReasonAnswerUnknown:
		return "answer unknown because of read errors"
	case ReasonObjectiveExclusionRejected:
		return "control objective's exclusion rejected by the agency"
	}
	return string(r)
}

// WarningCode names an inconsistency in a CSP's answers that is no finding
// by itself. Like the reason codes, the codes are stable.
type WarningCode string

// The warning codes.
const (
	// WarningObjectiveConformsBShort: a B control is 一部適合, 不適合 or
	// 対象外 while the CSP answered its control objective 適合. The CSP
	// says the objective is met while a mandatory control under it is not.
	WarningObjectiveConformsBShort WarningCode = "objective_conforms_b_short"
)

// Warning is one inconsistency attached to a finding: its code, the other
// requirement involved and the text in both languages.
type Warning struct {
	Code   WarningCode `json:"code"`
	Ref    string      `json:"ref,omitempty"`
	TextJA string      `json:"text_ja"`
	TextEN string      `json:"text_en"`
}

// legacyNANotAllowed is the ingest error code earlier versions wrote for a
// 対象外 on a governance or management item (now the warning
// na_on_governance_management).
const legacyNANotAllowed = "na_not_allowed"
