// Package risksheet writes and reads the agency's risk-assessment workbook:
// one row per finding, the finding's data locked, the agency's columns
// (impact, likelihood, treatment, compensating measures, owner, due date,
// approver, approval date, review date) unlocked with drop-downs, and a
// very hidden sheet that binds every row to the finding's ID, the SHA-256
// of the exact CSP answer it judges (checklist.AnswerHash) and the source
// workbook's SHA-256.
//
// The risk level is not an Excel formula: the tool computes it from
// impact and likelihood when the sheet is read (checklist.RiskLevel).
// A completed sheet is read as hostile input, like a CSP's workbook.
package risksheet

// Sheet names.
const (
	SheetRisk = "リスク評価 Risk assessment"
	SheetMeta = "_ismapcheck_risk" // very hidden: metadata and the row bindings
)

// FormatVersion is the version of the risk-sheet layout.
const FormatVersion = "1"

// Kind is the value of the "kind" metadata key, telling a risk sheet from
// other workbooks the tool writes.
const Kind = "risk-sheet"

// Column is one column of the risk sheet or of the exclusions sheet. The
// tables Columns and ExclusionColumns drive the writer and the row reader
// (rows.go) alike.
type Column struct {
	Key     string // field key, used in Decision.Cells
	Letter  string
	LabelJA string
	LabelEN string
	Width   float64
	Agency  bool // unlocked, filled by the agency
	Date    bool
	// Kind says how the row reader takes the cell (an agency column is
	// KindText, KindChoice or KindDate); Choices is the drop-down list of a
	// KindChoice column.
	Kind    ColumnKind
	Choices *Choices
	// Required marks the agency fields that every decision written in the
	// row must hold. The rule and its messages are the domain's
	// (checklist.Decision.Validate, checklist.ExclusionDecision.Validate);
	// the flag says it where the columns are listed, and a test holds the
	// two together.
	Required bool
}

// Columns of the risk sheet, in order. The widths keep each printed page
// (the finding's columns, then the agency's) at 8 pt or more: see print.go.
var Columns = []Column{
	// Key, letter, labels, width, agency, date, kind, choices, required.
	{"id", "A", "ID", "ID", 10, false, false, KindKey, nil, false},
	{"level", "B", "区分", "Level", 9, false, false, KindShown, nil, false},
	{"title", "C", "項目名", "Title", 17, false, false, KindShown, nil, false},
	{"status", "D", "CSPの回答", "CSP's answer", 9, false, false, KindShown, nil, false},
	{"reasons", "E", "指摘理由", "Why it is a finding", 21, false, false, KindShown, nil, false},
	{"csp_reason", "F", "CSPの理由", "CSP's reason", 18, false, false, KindShown, nil, false},
	{"implementation", "G", "実施内容", "Implementation", 20, false, false, KindShown, nil, false},
	{"evidence", "H", "根拠資料", "Evidence", 14, false, false, KindShown, nil, false},
	{"planned_date", "I", "対応予定日", "Planned date", 10, false, true, KindShown, nil, false},
	{"state", "J", "状態", "State", 11, false, false, KindShown, nil, false},
	{"prev_level", "K", "作成時リスクレベル", "Risk level when generated", 10, false, false, KindShown, nil, false},
	{"impact", "L", "影響度", "Impact", 8, true, false, KindChoice, ratingChoices, true},
	{"likelihood", "M", "発生可能性", "Likelihood", 8, true, false, KindChoice, ratingChoices, true},
	{"treatment", "N", "対応方針", "Treatment", 12, true, false, KindChoice, treatmentChoices, true},
	{"compensating", "O", "補完的対策", "Compensating measures", 28, true, false, KindText, nil, false},
	{"owner", "P", "担当", "Owner", 12, true, false, KindText, nil, false},
	{"due", "Q", "期限", "Due", 10, true, true, KindDate, nil, false},
	{"approver", "R", "承認者", "Approver", 12, true, false, KindText, nil, false},
	{"approved_on", "S", "承認日", "Approved on", 10, true, true, KindDate, nil, false},
	{"review_by", "T", "再評価期限", "Review by", 10, true, true, KindDate, nil, false},
}

// column returns the column with key k.
func column(k string) Column {
	for _, c := range Columns {
		if c.Key == k {
			return c
		}
	}
	panic("risksheet: unknown column " + k)
}

// HeaderRow is the row of the column headers; data starts beneath it.
const HeaderRow = 5

// Metadata keys (column A key, column B value) of SheetMeta. After them
// comes a row "row" / "id" / … naming the binding columns, then one
// binding per data row.
const (
	MetaFormat       = "format_version"
	MetaKind         = "kind"
	MetaTool         = "tool_version"
	MetaEdition      = "edition"
	MetaSourceName   = "source_name"
	MetaSourceSHA256 = "source_sha256"
	MetaGenerated    = "generated"
	MetaHeaderRow    = "header_row"
	MetaRows         = "rows"
	// MetaCasePrefix + a checklist.CaseField key ("case_agency"…) records
	// the case the sheet belongs to; the edition is MetaEdition.
	MetaCasePrefix = "case_"
)

// Binding columns of SheetMeta after the MetaRows line: sheet row, ID,
// the AnswerHash of the finding shown, the hash of the source workbook,
// and for a decision carried from a previous sheet the AnswerHash and
// source it judged and the Digest of its fields as written.
//
// Then come the answer snapshots (snapshot.go): the fields of the answer
// shown, and of the answer a carried decision judged, so a stale
// decision can show what changed. A reader trusts a snapshot only when it
// hashes to the binding's hash.
var bindingColumns = append([]string{"row", "id", "answer_sha256", "source_sha256", "judged_answer_sha256", "judged_source_sha256", "carried_digest", "kind"}, snapshotColumns...)

// Row kinds in the binding.
const (
	rowFinding = "finding"
	rowOther   = "carried" // an orphaned or duplicate decision kept from the previous sheet
)
