package checklist

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

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

// ObjectiveConformsBShort checks a B control's answer b against the answer
// obj to its control objective. It returns the warning when the CSP
// answered the objective 適合 and the B control 一部適合, 不適合 or 対象外.
// An unanswered B control, or an answer in doubt on either side, states
// nothing to compare and gives no warning.
//
// ISMAP管理基準 2.2.4: each B control is a requirement of its own; the
// objective is not made to fall short by it, so this is a warning, not a
// finding of the objective (the B control is a finding by itself).
func ObjectiveConformsBShort(b, obj Answer) (Warning, bool) {
	if obj.Status != StatusConforms || obj.Unknown || b.Unknown {
		return Warning{}, false
	}
	if !b.Status.IsShortfall() && b.Status != StatusNotApplicable {
		return Warning{}, false
	}
	return Warning{
		Code: WarningObjectiveConformsBShort, Ref: obj.ID,
		TextJA: fmt.Sprintf("回答の不整合: 統制目標 %s は「適合」と回答されていますが、その下のB管理策 %s は「%s」です", obj.ID, b.ID, b.Status.LabelJA()),
		TextEN: fmt.Sprintf("inconsistent answers: control objective %s is answered %q while its B control %s is %q", obj.ID, StatusConforms.LabelEN(), b.ID, b.Status.LabelEN()),
	}, true
}

// legacyNANotAllowed is the ingest error code earlier versions wrote for a
// 対象外 on a governance or management item (now the warning
// na_on_governance_management).
const legacyNANotAllowed = "na_not_allowed"

// Finding is one requirement that needs the agency's risk assessment: one
// Finding per item, carrying every reason that applies (sorted by code).
type Finding struct {
	ID             string         `json:"id"`
	Level          Level          `json:"level"`
	Chapter        int            `json:"chapter"`
	Part           string         `json:"part"`
	Parent         string         `json:"parent,omitempty"`
	TitleJA        string         `json:"title_ja"`
	TitleEN        string         `json:"title_en"`
	Status         Status         `json:"status"`
	Reasons        []ReasonCode   `json:"reasons"`
	CSPReason      string         `json:"csp_reason,omitempty"` // the CSP's 理由 text
	PlannedDate    Date           `json:"planned_date,omitzero"`
	Evidence       string         `json:"evidence,omitempty"`
	Implementation string         `json:"implementation,omitempty"`
	Responsibility Responsibility `json:"responsibility,omitempty"`
	Unknown        bool           `json:"unknown,omitempty"`
	AnswerHash     string         `json:"answer_sha256"`
	Sheet          string         `json:"sheet,omitempty"`
	Row            int            `json:"row,omitempty"`
	// Warnings are inconsistencies in the CSP's answers that 2.2.4 does
	// not make a finding of but the agency should see (sorted by code).
	Warnings []Warning `json:"warnings,omitempty"`
}

// Has reports whether f carries reason r.
func (f Finding) Has(r ReasonCode) bool { return slices.Contains(f.Reasons, r) }

// Exclusion is a control objective the CSP declared 対象外 with a reason,
// with the B controls exempted along with it: not a finding, but an
// exclusion the agency's CISO should accept knowingly.
type Exclusion struct {
	ID         string           `json:"id"`
	Chapter    int              `json:"chapter"`
	TitleJA    string           `json:"title_ja"`
	TitleEN    string           `json:"title_en"`
	CSPReason  string           `json:"csp_reason"`
	AnswerHash string           `json:"answer_sha256"`
	Exempted   []ExemptBControl `json:"exempted_b_controls,omitempty"`
	// Rejected is set when the agency rejected the exclusion: the
	// objective and its B controls then apply (FindingsWithExclusions).
	Rejected bool `json:"rejected,omitempty"`
}

// ExemptBControl is a B control exempted by its objective's exclusion.
type ExemptBControl struct {
	ID      string `json:"id"`
	TitleJA string `json:"title_ja"`
	TitleEN string `json:"title_en"`
	Status  Status `json:"status"`
}

// Counts summarises the answers of a group of requirements.
//
// The status counts (Conforms … Unanswered) count every answer as given.
// The conformance rate counts only the items that apply: an item applies
// unless it is a control objective excluded with a reason or a B control
// exempted with it (ISMAP管理基準 2.2.4); such a B control leaves the rate
// whatever it was answered (Exempt counts them). Of the items that apply,
// RateConforms are 適合 and RateBase are 適合, 一部適合, 不適合 or a 対象外
// that 2.2.4 does not accept (RejectedExclusions: on a governance or
// management item, on an objective without a reason, on a B control whose
// objective applies). Unanswered items are not in the base (they show in
// Unanswered and as findings). ConformanceRate = RateConforms / RateBase;
// RateBase 0 means the rate is undefined and ConformanceRate is 0.
type Counts struct {
	Items               int     `json:"items"`
	Conforms            int     `json:"conforms"`
	Partial             int     `json:"partial"`
	Nonconforming       int     `json:"nonconforming"`
	NotApplicable       int     `json:"not_applicable"`
	Unanswered          int     `json:"unanswered"`
	Unknown             int     `json:"unknown"`
	Exempt              int     `json:"exempt"` // B controls exempted with their objective
	NeedsRiskAssessment int     `json:"needs_risk_assessment"`
	RejectedExclusions  int     `json:"rejected_exclusions"` // 対象外 that 2.2.4 does not accept
	RateConforms        int     `json:"rate_conforms"`       // 適合 among the items that apply
	RateBase            int     `json:"rate_base"`
	ConformanceRate     float64 `json:"conformance_rate"`
}

func (c *Counts) add(s Status) {
	c.Items++
	switch s {
	case StatusConforms:
		c.Conforms++
	case StatusPartial:
		c.Partial++
	case StatusNonconforming:
		c.Nonconforming++
	case StatusNotApplicable:
		c.NotApplicable++
	default:
		c.Unanswered++
	}
}

// addRate counts an item that applies (not excluded, not exempt) into the
// rate: 適合 in numerator and base, 一部適合, 不適合 and a rejected 対象外
// in the base only.
func (c *Counts) addRate(s Status) {
	switch s {
	case StatusConforms:
		c.RateConforms++
		c.RateBase++
	case StatusPartial, StatusNonconforming:
		c.RateBase++
	case StatusNotApplicable:
		c.RejectedExclusions++
		c.RateBase++
	}
}

func (c *Counts) finish() {
	c.ConformanceRate = 0
	if c.RateBase > 0 {
		c.ConformanceRate = float64(c.RateConforms) / float64(c.RateBase)
	}
}

// PartSummary counts one part (governance, management, controls).
type PartSummary struct {
	Part string `json:"part"`
	Counts
}

// ChapterSummary counts one chapter.
type ChapterSummary struct {
	Chapter int    `json:"chapter"`
	Part    string `json:"part"`
	TitleJA string `json:"title_ja"`
	TitleEN string `json:"title_en"`
	Counts
}

// Summary counts answers and findings overall, per part and per chapter.
type Summary struct {
	Total    Counts           `json:"total"`
	Parts    []PartSummary    `json:"parts"`
	Chapters []ChapterSummary `json:"chapters"`
}

// Result is what Findings returns: every finding and exclusion in
// catalogue order, the summary and the number of findings.
type Result struct {
	Edition             string      `json:"edition"`
	Source              Source      `json:"source"`
	Findings            []Finding   `json:"findings"`
	Exclusions          []Exclusion `json:"exclusions"`
	Summary             Summary     `json:"summary"`
	NeedsRiskAssessment int         `json:"needs_risk_assessment"`
}

// Finding returns the finding for id.
func (r Result) Finding(id string) (Finding, bool) {
	for _, f := range r.Findings {
		if f.ID == id {
			return f, true
		}
	}
	return Finding{}, false
}

// Findings applies the rules of ISMAP管理基準 2.2.4 (基本言明要件) to an
// assessment and returns every requirement that needs the agency's risk
// assessment. Requirements without an answer in a count as unanswered.
// Findings is pure and deterministic: findings, exclusions and chapters
// come in catalogue order.
func Findings(cat *Catalog, a *Assessment) Result { return findings(cat, a, nil) }

// findings is Findings with the objectives whose exclusion the agency
// rejected (nil for none).
func findings(cat *Catalog, a *Assessment, rejected map[string]bool) Result {
	// Answers as the rules read them: an ingest error naming an item
	// leaves its answer in doubt (see answerLookup, shared with
	// CheckAnswers).
	answerOf := answerLookup(a)
	hasReason := func(x Answer) bool { return strings.TrimSpace(x.Reason) != "" }

	// excluded reports whether an objective's exclusion is accepted.
	// ISMAP管理基準 2.2.4: an objective may be left out only when the CSP
	// states a reason for it; an answer in doubt cannot exclude anything.
	claimed := func(x Answer) bool {
		return x.Status == StatusNotApplicable && hasReason(x) && !x.Unknown
	}
	// The agency may reject a stated reason: the objective then applies
	// (ISMAP管理基準 2.2.4 leaves the acceptance of an exclusion to the
	// agency's risk assessment).
	excluded := func(x Answer) bool { return claimed(x) && !rejected[x.ID] }

	reqs := cat.Requirements()
	// The B controls of each objective, in catalogue order (one pass
	// instead of Catalog.BControls per objective).
	bOf := map[string][]Item{}
	for _, it := range reqs {
		if it.Level == LevelDetail && it.B {
			bOf[it.Parent] = append(bOf[it.Parent], it)
		}
	}
	reasons := make(map[string][]ReasonCode, len(reqs))
	exempt := map[string]bool{}
	for _, it := range reqs {
		x := answerOf(it.ID)
		var rs []ReasonCode
		switch it.Level {
		case LevelGovernance:
			// ISMAP管理基準 2.2.4: every governance item belongs to the
			// basic statement requirements and applies in principle, all
			// of them, so anything but 適合 needs a risk assessment. A
			// 対象外 here is a known answer that falls short (ingest warns,
			// it does not make the answer unknown); no answer is a
			// shortfall too.
			if x.Status != StatusConforms {
				rs = append(rs, ReasonGovernanceNotConforming)
			}
		case LevelManagement:
			// ISMAP管理基準 2.2.4: the same holds for every management item.
			if x.Status != StatusConforms {
				rs = append(rs, ReasonManagementNotConforming)
			}
		case LevelObjective:
			// ISMAP管理基準 2.2.4: every control objective is a basic
			// statement requirement; a shortfall or a missing answer
			// needs a risk assessment, and an exclusion counts only with
			// a stated reason.
			switch {
			case x.Status.IsShortfall():
				rs = append(rs, ReasonObjectiveShortfall)
			case x.Status == StatusUnanswered:
				rs = append(rs, ReasonObjectiveUnanswered)
			case x.Status == StatusNotApplicable && !hasReason(x):
				rs = append(rs, ReasonObjectiveExcludedNoReason)
			case claimed(x) && rejected[it.ID]:
				rs = append(rs, ReasonObjectiveExclusionRejected)
			}
		case LevelDetail:
			if !it.B {
				continue
			}
			parent := answerOf(it.Parent)
			if excluded(parent) {
				// ISMAP管理基準 2.2.4: when an objective is excluded with a
				// reason, the B controls under it are exempt with it.
				exempt[it.ID] = true
				break
			}
			// ISMAP管理基準 2.2.4: a B control under an objective that
			// applies must be implemented; 対象外 is not accepted there.
			switch {
			case x.Status.IsShortfall():
				rs = append(rs, ReasonBControlShortfall)
			case x.Status == StatusUnanswered:
				rs = append(rs, ReasonBControlUnanswered)
			case x.Status == StatusNotApplicable:
				rs = append(rs, ReasonBControlExcluded)
			}
		}
		// Ingest: an answer left in doubt by validation errors cannot be
		// relied on whatever it says.
		if x.Unknown {
			rs = append(rs, ReasonAnswerUnknown)
		}
		if len(rs) > 0 {
			reasons[it.ID] = rs
		}
	}

	// ISMAP管理基準 2.2.4 makes each B control a requirement of its own and
	// does not make its objective fall short because of it: an objective
	// answered 適合 over a B control that falls short is no finding, but the
	// inconsistency is shown as a warning on the B control's finding.
	warnings := map[string][]Warning{}
	for _, it := range reqs {
		if it.Level != LevelDetail || !it.B || len(reasons[it.ID]) == 0 {
			continue
		}
		if w, ok := ObjectiveConformsBShort(answerOf(it.ID), answerOf(it.Parent)); ok {
			warnings[it.ID] = append(warnings[it.ID], w)
		}
	}

	res := Result{Edition: cat.Edition.ID, Source: a.Source, Findings: []Finding{}, Exclusions: []Exclusion{}}
	if res.Edition == "" {
		res.Edition = a.Edition
	}
	for _, it := range reqs {
		rs := reasons[it.ID]
		if len(rs) == 0 {
			continue
		}
		rs = slices.Clone(rs)
		slices.Sort(rs)
		rs = slices.Compact(rs)
		x := answerOf(it.ID)
		res.Findings = append(res.Findings, Finding{
			ID: it.ID, Level: it.Level, Chapter: it.Chapter, Part: PartOf(it.Chapter), Parent: parentObjective(it),
			TitleJA: it.TitleJA, TitleEN: it.TitleEN,
			Status: x.Status, Reasons: rs,
			CSPReason: x.Reason, PlannedDate: x.PlannedDate, Evidence: x.Evidence,
			Implementation: x.Implementation, Responsibility: x.Responsibility,
			Unknown: x.Unknown, AnswerHash: AnswerHash(x), Sheet: x.Sheet, Row: x.Row,
			Warnings: warnings[it.ID],
		})
	}
	for _, it := range reqs {
		if it.Level != LevelObjective {
			continue
		}
		x := answerOf(it.ID)
		if !claimed(x) {
			continue
		}
		ex := Exclusion{ID: it.ID, Chapter: it.Chapter, TitleJA: it.TitleJA, TitleEN: it.TitleEN, CSPReason: x.Reason, AnswerHash: AnswerHash(x), Rejected: rejected[it.ID]}
		for _, b := range bOf[it.ID] {
			ex.Exempted = append(ex.Exempted, ExemptBControl{ID: b.ID, TitleJA: b.TitleJA, TitleEN: b.TitleEN, Status: answerOf(b.ID).Status})
		}
		res.Exclusions = append(res.Exclusions, ex)
	}
	accepted := maps.Clone(exempt)
	for _, e := range res.Exclusions {
		if !e.Rejected {
			accepted[e.ID] = true
		}
	}
	res.Summary = summarize(cat, reqs, answerOf, reasons, accepted)
	res.NeedsRiskAssessment = len(res.Findings)
	return res
}

func parentObjective(it Item) string {
	if it.Level == LevelDetail {
		return it.Parent
	}
	return ""
}

// summarize counts the answers. accepted holds the IDs whose 対象外 is
// accepted by 2.2.4: objectives excluded with a reason and the B controls
// exempted with them.
func summarize(cat *Catalog, reqs []Item, answerOf func(string) Answer, reasons map[string][]ReasonCode, accepted map[string]bool) Summary {
	var s Summary
	parts := map[string]*Counts{}
	partOrder := []string{PartGovernance, PartManagement, PartControls}
	for _, p := range partOrder {
		parts[p] = &Counts{}
	}
	chapters := map[int]*ChapterSummary{}
	var chOrder []int
	for _, it := range cat.Items {
		if it.Level == LevelChapter {
			if _, ok := chapters[it.Chapter]; !ok {
				chapters[it.Chapter] = &ChapterSummary{Chapter: it.Chapter, Part: PartOf(it.Chapter), TitleJA: it.TitleJA, TitleEN: it.TitleEN}
				chOrder = append(chOrder, it.Chapter)
			}
		}
	}
	for _, it := range reqs {
		ch, ok := chapters[it.Chapter]
		if !ok {
			ch = &ChapterSummary{Chapter: it.Chapter, Part: PartOf(it.Chapter)}
			chapters[it.Chapter] = ch
			chOrder = append(chOrder, it.Chapter)
		}
		x := answerOf(it.ID)
		for _, c := range []*Counts{&s.Total, parts[PartOf(it.Chapter)], &ch.Counts} {
			c.add(x.Status)
			if x.Unknown {
				c.Unknown++
			}
			if it.Level == LevelDetail && accepted[it.ID] {
				c.Exempt++
			}
			// ISMAP管理基準 2.2.4: an objective excluded with a reason, and
			// the B controls exempted with it, do not apply, so they leave
			// the rate whatever they were answered. Every other item
			// applies: its 対象外 (governance or management item, objective
			// without a reason, B control whose objective applies) is a
			// rejected exclusion and stays in the base as not conforming.
			if !accepted[it.ID] {
				c.addRate(x.Status)
			}
			if len(reasons[it.ID]) > 0 {
				c.NeedsRiskAssessment++
			}
		}
	}
	s.Total.finish()
	for _, p := range partOrder {
		c := parts[p]
		c.finish()
		s.Parts = append(s.Parts, PartSummary{Part: p, Counts: *c})
	}
	slices.Sort(chOrder)
	for _, n := range chOrder {
		ch := chapters[n]
		if ch.Items == 0 {
			continue
		}
		ch.finish()
		s.Chapters = append(s.Chapters, *ch)
	}
	return s
}

// AnswerHash returns the SHA-256 (lower-case hex) of the content of an
// answer, so that a risk decision is bound to the exact answer it judged.
//
// The encoding is the line "ismapcheck-answer-v1" followed by one record
// per field in this fixed order: id, status, implementation, evidence,
// reason, planned_date, responsibility, remarks. A record is
// "<name>:<length in bytes>:<value>\n". Status "" counts as "unanswered";
// planned_date is YYYY-MM-DD or empty. Where the answer came from (sheet,
// row, cells) and the Unknown flag are not part of the content.
func AnswerHash(a Answer) string {
	st := a.Status
	if st == "" {
		st = StatusUnanswered
	}
	var b strings.Builder
	b.WriteString("ismapcheck-answer-v1\n")
	for _, f := range [][2]string{
		{"id", a.ID},
		{"status", string(st)},
		{"implementation", a.Implementation},
		{"evidence", a.Evidence},
		{"reason", a.Reason},
		{"planned_date", a.PlannedDate.String()},
		{"responsibility", string(a.Responsibility)},
		{"remarks", a.Remarks},
	} {
		b.WriteString(f[0])
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(len(f[1])))
		b.WriteByte(':')
		b.WriteString(f[1])
		b.WriteByte('\n')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}
