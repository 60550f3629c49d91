package checklist

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Rating is a three-step scale used for impact, likelihood and the risk
// level derived from them.
type Rating string

// The ratings, in the workbook as 高 / 中 / 低.
const (
	RatingHigh   Rating = "high"
	RatingMedium Rating = "medium"
	RatingLow    Rating = "low"
)

// Ratings lists the ratings in drop-down order.
var Ratings = []Rating{RatingHigh, RatingMedium, RatingLow}

// LabelJA is 高, 中 or 低.
func (r Rating) LabelJA() string {
	switch r {
	case RatingHigh:
		return "高"
	case RatingMedium:
		return "中"
	case RatingLow:
		return "低"
	}
	return string(r)
}

// LabelEN is High, Medium or Low.
func (r Rating) LabelEN() string {
	switch r {
	case RatingHigh:
		return "High"
	case RatingMedium:
		return "Medium"
	case RatingLow:
		return "Low"
	}
	return string(r)
}

// ParseRating reads 高/中/低, high/medium/low (any case) or H/M/L, with
// surrounding spaces ignored. ok is false for anything else.
func ParseRating(s string) (Rating, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "高", "high", "h":
		return RatingHigh, true
	case "中", "medium", "m":
		return RatingMedium, true
	case "低", "low", "l":
		return RatingLow, true
	}
	return "", false
}

// riskMatrix is the risk level for impact × likelihood:
//
//	impact \ likelihood | 高 high | 中 medium | 低 low
//	--------------------+---------+-----------+--------
//	高 high             | 高      | 高        | 中
//	中 medium           | 高      | 中        | 低
//	低 low              | 中      | 低        | 低
//
// The matrix is symmetric: a rating counts the same on either axis. A
// high rating on one axis lifts a medium on the other to high; a low on
// one axis pulls a medium down to low.
var riskMatrix = map[Rating]map[Rating]Rating{
	RatingHigh:   {RatingHigh: RatingHigh, RatingMedium: RatingHigh, RatingLow: RatingMedium},
	RatingMedium: {RatingHigh: RatingHigh, RatingMedium: RatingMedium, RatingLow: RatingLow},
	RatingLow:    {RatingHigh: RatingMedium, RatingMedium: RatingLow, RatingLow: RatingLow},
}

// RiskLevel returns the risk level for an impact and a likelihood by the
// matrix above; ok is false when either is not a Rating.
func RiskLevel(impact, likelihood Rating) (Rating, bool) {
	r, ok := riskMatrix[impact][likelihood]
	return r, ok
}

// Treatment is the agency's decision on a risk (対応方針).
type Treatment string

// The treatments, in drop-down order.
const (
	TreatmentAccept        Treatment = "accept"          // 受容
	TreatmentMitigate      Treatment = "mitigate"        // 低減
	TreatmentAvoid         Treatment = "avoid"           // 回避
	TreatmentTransfer      Treatment = "transfer"        // 移転
	TreatmentRequireCSPFix Treatment = "require_csp_fix" // CSPに是正を要求
)

// Treatments lists the treatments in drop-down order.
var Treatments = []Treatment{TreatmentAccept, TreatmentMitigate, TreatmentAvoid, TreatmentTransfer, TreatmentRequireCSPFix}

// LabelJA is the Japanese drop-down label.
func (t Treatment) LabelJA() string {
	switch t {
	case TreatmentAccept:
		return "受容"
	case TreatmentMitigate:
		return "低減"
	case TreatmentAvoid:
		return "回避"
	case TreatmentTransfer:
		return "移転"
	case TreatmentRequireCSPFix:
		return "CSPに是正を要求"
	}
	return string(t)
}

// LabelEN is the English label.
func (t Treatment) LabelEN() string {
	switch t {
	case TreatmentAccept:
		return "Accept"
	case TreatmentMitigate:
		return "Mitigate"
	case TreatmentAvoid:
		return "Avoid"
	case TreatmentTransfer:
		return "Transfer"
	case TreatmentRequireCSPFix:
		return "Require the CSP to fix"
	}
	return string(t)
}

// ParseTreatment reads the Japanese label, the English label or the code
// (any case, surrounding spaces ignored).
func ParseTreatment(s string) (Treatment, bool) {
	n := strings.ToLower(strings.TrimSpace(s))
	for _, t := range Treatments {
		if n == strings.ToLower(t.LabelJA()) || n == strings.ToLower(t.LabelEN()) || n == string(t) {
			return t, true
		}
	}
	return "", false
}

// Decision is the agency's risk assessment of one finding, as written in
// the risk-assessment workbook. AnswerHash is the AnswerHash of the CSP
// answer the decision judged; SourceSHA256 the hash of the workbook that
// answer came from. File, Sheet, Row and Cells (field → cell, e.g.
// "impact" → "J7") locate it for messages.
type Decision struct {
	ID           string    `json:"id"`
	AnswerHash   string    `json:"answer_sha256"`
	SourceSHA256 string    `json:"source_sha256,omitempty"`
	Impact       Rating    `json:"impact,omitempty"`
	Likelihood   Rating    `json:"likelihood,omitempty"`
	Treatment    Treatment `json:"treatment,omitempty"`
	Compensating string    `json:"compensating,omitempty"`
	Owner        string    `json:"owner,omitempty"`
	Due          Date      `json:"due,omitzero"`
	Approver     string    `json:"approver,omitempty"`
	ApprovedOn   Date      `json:"approved_on,omitzero"`
	ReviewBy     Date      `json:"review_by,omitzero"`

	File  string            `json:"file,omitempty"`
	Sheet string            `json:"sheet,omitempty"`
	Row   int               `json:"row,omitempty"`
	Cells map[string]string `json:"cells,omitempty"`
	// Invalid is set by a reader that found errors in this decision; the
	// decision is kept (nothing the agency wrote is dropped) but never
	// counts as current.
	Invalid bool `json:"invalid,omitempty"`
	// JudgedAnswer is the answer the decision judged, when the risk sheet
	// recorded it and it hashes to AnswerHash (AnswerFromValues); with the
	// current answer it tells what changed (AnswerChanges).
	JudgedAnswer *Answer `json:"judged_answer,omitempty"`
}

// Level is the risk level of the decision by the documented matrix
// (RiskLevel); ok is false while impact or likelihood is missing.
func (d Decision) Level() (Rating, bool) { return RiskLevel(d.Impact, d.Likelihood) }

// IsEmpty reports whether the agency wrote nothing in the decision.
func (d Decision) IsEmpty() bool {
	return d.Impact == "" && d.Likelihood == "" && d.Treatment == "" && d.Compensating == "" &&
		d.Owner == "" && d.Due.IsZero() && d.Approver == "" && d.ApprovedOn.IsZero() && d.ReviewBy.IsZero()
}

// Digest returns a SHA-256 (hex) of the agency's fields of d (impact,
// likelihood, treatment, compensating, owner, due, approver, approved_on,
// review_by; encoded like AnswerHash). A writer stores it beside a
// carried-forward decision so a reader can tell whether the agency
// changed anything since.
func (d Decision) Digest() string {
	var b strings.Builder
	b.WriteString("ismapcheck-decision-v1\n")
	for _, f := range [][2]string{
		{"impact", string(d.Impact)},
		{"likelihood", string(d.Likelihood)},
		{"treatment", string(d.Treatment)},
		{"compensating", d.Compensating},
		{"owner", d.Owner},
		{"due", d.Due.String()},
		{"approver", d.Approver},
		{"approved_on", d.ApprovedOn.String()},
		{"review_by", d.ReviewBy.String()},
	} {
		b.WriteString(f[0] + ":" + strconv.Itoa(len(f[1])) + ":" + f[1] + "\n")
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// Sentinel errors of decision validation, wrapped in a CellError.
var (
	ErrDecisionIncomplete = errors.New("incomplete risk decision")
	ErrAcceptUnapproved   = errors.New("risk accepted without approver and approval date")
	ErrDecisionDates      = errors.New("inconsistent decision dates")
)

// Validate checks a decision that is not empty: impact, likelihood and
// treatment are required; 受容 (accept) needs an approver and an approval
// date; the review date may not precede the approval date. It returns one
// CellError per problem, located by d's File, Sheet and Cells.
func (d Decision) Validate() []*CellError {
	if d.IsEmpty() {
		return nil
	}
	var errs []*CellError
	add := func(field string, err error, ja, en string) {
		errs = append(errs, &CellError{File: d.File, Sheet: d.Sheet, Cell: d.Cells[field], ID: d.ID, JA: ja, EN: en, Err: err})
	}
	if d.Impact == "" {
		add("impact", ErrDecisionIncomplete, "影響度（高/中/低）を入力してください", "impact (high/medium/low) is missing")
	}
	if d.Likelihood == "" {
		add("likelihood", ErrDecisionIncomplete, "発生可能性（高/中/低）を入力してください", "likelihood (high/medium/low) is missing")
	}
	if d.Treatment == "" {
		add("treatment", ErrDecisionIncomplete, "対応方針を選択してください", "treatment is missing")
	}
	// Accepting a risk is the CISO's (or a delegate's) call: it needs a
	// named approver and the date of approval.
	if d.Treatment == TreatmentAccept {
		if strings.TrimSpace(d.Approver) == "" {
			add("approver", ErrAcceptUnapproved, "リスク受容には承認者が必要です", "accepting a risk needs an approver")
		}
		if d.ApprovedOn.IsZero() {
			add("approved_on", ErrAcceptUnapproved, "リスク受容には承認日が必要です", "accepting a risk needs an approval date")
		}
	}
	if !d.ReviewBy.IsZero() && !d.ApprovedOn.IsZero() && d.ReviewBy.Before(d.ApprovedOn) {
		add("review_by", ErrDecisionDates,
			fmt.Sprintf("再評価期限 %s が承認日 %s より前です", d.ReviewBy, d.ApprovedOn),
			fmt.Sprintf("review date %s is before the approval date %s", d.ReviewBy, d.ApprovedOn))
	}
	return errs
}

// State is where a finding stands with respect to the agency's decision.
type State string

// The states. Orphaned and duplicate decisions are reported, never dropped.
const (
	StateOpen      State = "open"      // no decision yet
	StateCurrent   State = "current"   // decided on the answer as it is now
	StateStale     State = "stale"     // the CSP's answer changed since the decision
	StateExpired   State = "expired"   // the review date (再評価期限) has passed
	StateInvalid   State = "invalid"   // the decision has errors (see the reader's messages)
	StateOrphaned  State = "orphaned"  // a decision for an item that is no longer a finding
	StateDuplicate State = "duplicate" // a second decision for the same item
)

// LabelJA is the Japanese name of the state.
func (s State) LabelJA() string {
	switch s {
	case StateOpen:
		return "未評価"
	case StateCurrent:
		return "評価済"
	case StateStale:
		return "要再評価（回答変更）"
	case StateExpired:
		return "再評価期限切れ"
	case StateInvalid:
		return "入力不備"
	case StateOrphaned:
		return "指摘解消（前回の判断）"
	case StateDuplicate:
		return "重複"
	}
	return string(s)
}

// LabelEN is the English name of the state.
func (s State) LabelEN() string {
	switch s {
	case StateOpen:
		return "open"
	case StateCurrent:
		return "current"
	case StateStale:
		return "stale (answer changed)"
	case StateExpired:
		return "review overdue"
	case StateInvalid:
		return "invalid"
	case StateOrphaned:
		return "orphaned (no longer a finding)"
	case StateDuplicate:
		return "duplicate"
	}
	return string(s)
}

// DecisionState pairs a finding with the decision that applies to it.
// Finding is nil for orphaned and duplicate decisions; Decision is nil
// for open findings. Level is the risk level by the matrix when the
// decision rates impact and likelihood.
type DecisionState struct {
	ID       string    `json:"id"`
	State    State     `json:"state"`
	Level    Rating    `json:"risk_level,omitempty"`
	Finding  *Finding  `json:"-"`
	Decision *Decision `json:"decision,omitempty"`
}

// ApplyDecisions matches decisions to the findings of res as of asOf:
// one DecisionState per finding in finding order (open, current, stale,
// expired or invalid), then every decision that matched no finding
// (orphaned) or repeated an ID already matched (duplicate), in input
// order. No decision is dropped.
//
// A decision is stale when its AnswerHash differs from the finding's: the
// CSP changed the answer it judged. It is expired when its ReviewBy date
// is before asOf. Invalid beats stale beats expired.
func ApplyDecisions(res Result, decisions []Decision, asOf Date) []DecisionState {
	byID := map[string]int{}
	for i, d := range decisions {
		if _, ok := byID[d.ID]; !ok {
			byID[d.ID] = i
		}
	}
	used := make([]bool, len(decisions))
	out := make([]DecisionState, 0, len(res.Findings))
	for i := range res.Findings {
		f := &res.Findings[i]
		ds := DecisionState{ID: f.ID, Finding: f, State: StateOpen}
		if j, ok := byID[f.ID]; ok {
			used[j] = true
			d := decisions[j]
			ds.Decision = &d
			ds.Level, _ = d.Level()
			switch {
			case d.IsEmpty():
				ds.State = StateOpen
			case d.Invalid || len(d.Validate()) > 0:
				ds.State = StateInvalid
			case d.AnswerHash != f.AnswerHash:
				ds.State = StateStale
			case !d.ReviewBy.IsZero() && d.ReviewBy.Before(asOf):
				ds.State = StateExpired
			default:
				ds.State = StateCurrent
			}
		}
		out = append(out, ds)
	}
	for j, d := range decisions {
		if used[j] || d.IsEmpty() {
			continue
		}
		st := StateOrphaned
		if byID[d.ID] != j {
			st = StateDuplicate
		}
		lv, _ := d.Level()
		out = append(out, DecisionState{ID: d.ID, State: st, Level: lv, Decision: &d})
	}
	return out
}

// CarryForward takes the decisions of a previous risk sheet into a new
// round: every non-empty decision is kept with its fields unchanged,
// including the AnswerHash it judged, so ApplyDecisions reports it current
// when the CSP's answer is unchanged and stale when it changed. The result
// lists decisions for current findings in finding order, then the others
// (orphaned, duplicates) in their previous order: nothing the agency wrote
// is lost. Locations (File, Sheet, Row, Cells) are cleared, as they
// belonged to the old sheet.
func CarryForward(prev []Decision, newResult Result) []Decision {
	pos := make(map[string]int, len(newResult.Findings))
	for i, f := range newResult.Findings {
		pos[f.ID] = i
	}
	type ranked struct {
		d    Decision
		rank int
	}
	var rs []ranked
	seen := map[string]bool{}
	for i, d := range prev {
		if d.IsEmpty() {
			continue
		}
		d.File, d.Sheet, d.Row, d.Cells = "", "", 0, nil
		r := len(newResult.Findings) + i
		if p, ok := pos[d.ID]; ok && !seen[d.ID] {
			r = p
		}
		seen[d.ID] = true
		rs = append(rs, ranked{d, r})
	}
	slices.SortStableFunc(rs, func(a, b ranked) int { return a.rank - b.rank })
	out := make([]Decision, len(rs))
	for i, r := range rs {
		out[i] = r.d
	}
	return out
}

// AnswerFields are the fields of an answer that AnswerHash covers, after
// the ID, in its order. A decision judges exactly these.
var AnswerFields = []string{"status", "implementation", "evidence", "reason", "planned_date", "responsibility", "remarks"}

// AnswerFieldLabelJA names an answer field in Japanese, as the workbook's
// column headers do.
func AnswerFieldLabelJA(field string) string {
	switch field {
	case "status":
		return "適合状況"
	case "implementation":
		return "実施内容"
	case "evidence":
		return "根拠資料"
	case "reason":
		return "理由"
	case "planned_date":
		return "対応予定日"
	case "responsibility":
		return "責任分界"
	case "remarks":
		return "備考"
	}
	return field
}

// AnswerFieldLabelEN names an answer field in English.
func AnswerFieldLabelEN(field string) string {
	switch field {
	case "status":
		return "Status"
	case "implementation":
		return "Implementation"
	case "evidence":
		return "Evidence"
	case "reason":
		return "Reason"
	case "planned_date":
		return "Planned date"
	case "responsibility":
		return "Responsibility"
	case "remarks":
		return "Remarks"
	}
	return field
}

// AnswerValues returns the fields of a in AnswerFields order, as AnswerHash
// encodes them: status as its code ("" counts as unanswered), the planned
// date as YYYY-MM-DD or empty, responsibility as its code.
func AnswerValues(a Answer) []string {
	st := a.Status
	if st == "" {
		st = StatusUnanswered
	}
	return []string{string(st), a.Implementation, a.Evidence, a.Reason, a.PlannedDate.String(), string(a.Responsibility), a.Remarks}
}

// FieldChange is one field that differs between two versions, with both
// values as text: a field of an answer between the answer a decision judged
// (Old) and the answer now (New), as AnswerValues gives them; and, in
// DiffRounds, a field of an answer or of the cover between two rounds
// (dates as YYYY-MM-DD, statuses and responsibilities as their codes).
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// AnswerChanges lists the fields that differ between the judged answer and
// the current one, in AnswerFields order: what made a decision stale
// (its AnswerHash no longer matches). Empty when the two hash the same.
func AnswerChanges(judged, current Answer) []FieldChange {
	o, n := AnswerValues(judged), AnswerValues(current)
	var out []FieldChange
	for i, f := range AnswerFields {
		if o[i] != n[i] {
			out = append(out, FieldChange{Field: f, Old: o[i], New: n[i]})
		}
	}
	return out
}

// AnswerFromValues is the inverse of AnswerValues for the answer with the
// given ID. ok is false when a value cannot be one AnswerValues gives
// (an unknown status or responsibility, a bad date) or when the result
// does not hash to want: a recorded answer is only trusted when it is
// exactly the one a decision's AnswerHash names.
func AnswerFromValues(id string, values []string, want string) (Answer, bool) {
	if len(values) != len(AnswerFields) {
		return Answer{}, false
	}
	a := Answer{ID: id, Status: Status(values[0]), Implementation: values[1], Evidence: values[2], Reason: values[3],
		Responsibility: Responsibility(values[5]), Remarks: values[6]}
	if a.Status != StatusUnanswered && !slices.Contains(Statuses, a.Status) {
		return Answer{}, false
	}
	if a.Responsibility != "" && !slices.Contains(Responsibilities, a.Responsibility) {
		return Answer{}, false
	}
	if values[4] != "" {
		d, err := ParseDate(values[4])
		if err != nil || d.String() != values[4] {
			return Answer{}, false
		}
		a.PlannedDate = d
	}
	if AnswerHash(a) != want {
		return Answer{}, false
	}
	return a, true
}

// ValueLabel shows a value of FieldChange for people: a status or a
// responsibility by its label (Japanese when ja), other values as they
// are; an empty value as "（空欄）" or "(blank)".
func (c FieldChange) ValueLabel(v string, ja bool) string {
	if v == "" {
		if ja {
			return "（空欄）"
		}
		return "(blank)"
	}
	switch c.Field {
	case "status":
		if ja {
			return Status(v).LabelJA()
		}
		return Status(v).LabelEN()
	case "responsibility":
		if ja {
			return Responsibility(v).LabelJA()
		}
		return Responsibility(v).LabelEN()
	}
	return v
}
