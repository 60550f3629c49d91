// Package xlsx is the spreadsheet adapter of ismapcheck: it writes the
// basic statement requirements workbook an agency sends to a CSP and reads
// a completed one back, treating it as hostile input.
package xlsx

import "github.com/xuri/excelize/v2"

// Sheet names. They are the same whatever --labels says, so a workbook
// can always be read back; the reader also finds a renamed checklist sheet
// by its header labels.
const (
	SheetCover        = "表紙 Cover"
	SheetInstructions = "記入要領 Instructions"
	SheetChecklist    = "基本言明要件 Checklist"
	SheetLists        = "_lists"      // hidden: drop-down sources
	SheetMeta         = "_ismapcheck" // very hidden: metadata, row → ID map
)

// FormatVersion is the version of the workbook layout written in the
// metadata sheet and document properties.
const FormatVersion = "1"

// Column is one column of the checklist sheet.
type Column struct {
	Key     string // stable key used in Answer.Cells and metadata
	Letter  string // column letter in the generated workbook
	LabelJA string // header label (Japanese)
	LabelEN string // header label (English)
	Answer  bool   // unlocked, filled by the CSP
}

// Columns of the checklist sheet, in order. The header row holds
// "LabelJA\nLabelEN" (or one of them with --labels ja|en); the reader
// matches either label, so a header in either language is found.
var Columns = []Column{
	{"id", "A", "ID", "ID", false},
	{"level", "B", "区分", "Level", false},
	{"title", "C", "項目名", "Title", false},
	{"summary", "D", "概要（参考訳）", "Summary (paraphrase)", false},
	{"status", "E", "適合状況", "Status", true},
	{"implementation", "F", "実施内容", "Implementation", true},
	{"evidence", "G", "根拠資料", "Evidence", true},
	{"reason", "H", "理由", "Reason", true},
	{"planned_date", "I", "対応予定日", "Planned date", true},
	{"responsibility", "J", "責任分界", "Responsibility", true},
	{"remarks", "K", "備考", "Remarks", true},
}

// Metadata keys of the very hidden metadata sheet (column A key, column B
// value) and of the custom document properties ("ismapcheck.<key>").
const (
	MetaFormat        = "format_version"
	MetaTool          = "tool_version"
	MetaEdition       = "edition"
	MetaEditionSHA256 = "edition_sha256"
	MetaReference     = "reference"
	MetaGenerated     = "generated"
	MetaLabels        = "labels"
	MetaHeaderRow     = "header_row"
	// Rows after the key/value block: "row" in column A, the requirement
	// ID in column B, one per requirement row of the checklist sheet.
	MetaRowMap = "rowmap"
)

// Limits applied to every workbook read (see the reader).
var _ = excelize.Options{}
