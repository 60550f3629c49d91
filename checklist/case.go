package checklist

import (
	"fmt"
	"strings"
	"unicode"
)

// Case identifies the procurement case an assessment and a risk sheet
// belong to: the agency's reference, the agency, the system, the CSP, the
// service and the catalogue edition. A risk sheet judges the findings of
// one case; read with the assessment of another, its decisions would show
// as current in the wrong report.
type Case struct {
	Reference string
	Agency    string
	System    string
	CSP       string
	Service   string
	Edition   string
}

// CaseOf returns the case an assessment records on its cover.
func CaseOf(a *Assessment) Case {
	r := a.Cover.Request
	return Case{Reference: r.Reference, Agency: r.Agency, System: r.System, CSP: r.CSP, Service: r.Service, Edition: a.Edition}
}

// CaseField is one field of a Case, with its labels.
type CaseField struct {
	Key     string // stable key, e.g. "agency"
	LabelJA string
	LabelEN string
	Value   string
}

// Fields lists the fields of c in a fixed order.
func (c Case) Fields() []CaseField {
	return []CaseField{
		{"reference", "整理番号", "agency reference", c.Reference},
		{"agency", "府省庁等", "agency", c.Agency},
		{"system", "情報システム", "system", c.System},
		{"csp", "CSP", "CSP", c.CSP},
		{"service", "サービス", "service", c.Service},
		{"edition", "管理基準の版", "edition", c.Edition},
	}
}

// CaseMismatch is a field in which two cases differ.
type CaseMismatch struct {
	Field     CaseField
	Got, Want string // the risk sheet's value, the assessment's value
}

// Differences compares the fields recorded in got (a risk sheet) with want
// (the assessment). A field got does not record (recorded false) is not
// compared. Values are compared after trimming white space and invisible
// characters at both ends.
func (c Case) Differences(want Case, recorded func(key string) bool) []CaseMismatch {
	var out []CaseMismatch
	wf := want.Fields()
	for i, f := range c.Fields() {
		if recorded != nil && !recorded(f.Key) {
			continue
		}
		if TrimInvisible(f.Value) != TrimInvisible(wf[i].Value) {
			out = append(out, CaseMismatch{Field: f, Got: f.Value, Want: wf[i].Value})
		}
	}
	return out
}

// TrimInvisible trims white space and invisible format characters
// (U+200B zero-width space, U+200C/U+200D joiners, U+2060 word joiner,
// U+FEFF, the soft hyphen U+00AD, directional marks…: Unicode category Cf)
// at both ends. A cell holding only such characters looks blank and is
// blank.
func TrimInvisible(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) })
}

// CodeApprovedAfterDate is the warning for a decision approved after the
// date of the report (or of the findings run).
const CodeApprovedAfterDate = "approved_after_date"

// ApprovalsAfter warns about every decision whose approval date lies after
// date: a report dated before the approval cannot rest on it.
func ApprovalsAfter(ds []Decision, date Date) []Message {
	var out []Message
	for _, d := range ds {
		if d.ApprovedOn.IsZero() || !d.ApprovedOn.After(date) {
			continue
		}
		out = append(out, Message{Severity: SeverityWarning, Code: CodeApprovedAfterDate, File: d.File, Sheet: d.Sheet,
			Cell: d.Cells["approved_on"], ID: d.ID,
			TextJA: fmt.Sprintf("承認日 %s が報告日 %s より後です", d.ApprovedOn, date),
			TextEN: fmt.Sprintf("the approval date %s is after the report date %s", d.ApprovedOn, date)})
	}
	return out
}
