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

// CoverField is one field of the cover sheet. The writer puts LabelJA in
// column A, LabelEN in column B and the value in column C of the row given
// by its position (CoverFirstRow + index in CoverFields, skipping nothing);
// the reader finds fields by Key through the metadata (cover_<key> → cell)
// and, when the metadata is gone, by the Japanese or English label in
// column A or B.
type CoverField struct {
	Key     string // JSON key in checklist.Request / CSPCover / InterimFacts
	Group   string // "agency" (pre-filled, locked), "csp" or "interim" (unlocked)
	Kind    string // "text", "date", "email" or "choice"
	Choices []string
	LabelJA string
	LabelEN string
}

// CoverFirstRow is the row of the first cover field; column C holds values.
const (
	CoverFirstRow   = 6
	CoverValueCol   = "C"
	MetaCoverPrefix = "cover_"
)

// CoverFields lists the cover sheet, agency fields first.
var CoverFields = []CoverField{
	{"agency", "agency", "text", nil, "府省庁等名", "Agency"},
	{"division", "agency", "text", nil, "担当部署", "Division"},
	{"contact", "agency", "text", nil, "担当者連絡先", "Agency contact"},
	{"system", "agency", "text", nil, "情報システム名", "Information system"},
	{"csp", "agency", "text", nil, "クラウドサービス事業者", "Cloud service provider"},
	{"service", "agency", "text", nil, "クラウドサービス名", "Cloud service"},
	{"service_model", "agency", "choice", []string{"IaaS", "PaaS", "SaaS"}, "サービス形態", "Service model"},
	{"interim_category", "agency", "choice", []string{"1-i", "1-ii", "1-iii", "2", "none"}, "暫定措置の類型", "Interim-measure category"},
	{"contract_start", "agency", "date", nil, "契約開始日", "Contract start"},
	{"contract_end", "agency", "date", nil, "契約終了日", "Contract end"},
	{"due", "agency", "date", nil, "回答期限", "Answer due"},
	{"reference", "agency", "text", nil, "整理番号", "Agency reference"},
	{"date", "agency", "date", nil, "作成日", "Issued on"},

	{"respondent_name", "csp", "text", nil, "回答者氏名", "Respondent name"},
	{"respondent_title", "csp", "text", nil, "回答者役職", "Respondent title"},
	{"respondent_email", "csp", "email", nil, "回答者メールアドレス", "Respondent e-mail"},
	{"answer_date", "csp", "date", nil, "回答日", "Answer date"},
	{"service_scope", "csp", "text", nil, "対象サービスの範囲", "Service scope"},
	{"data_locations", "csp", "text", nil, "データ保管場所（国・リージョン）", "Data locations (countries, regions)"},
	{"governing_law", "csp", "text", nil, "契約の準拠法", "Governing law of the contract"},
	{"jurisdiction", "csp", "text", nil, "裁判管轄", "Jurisdiction"},
	{"ismap_status", "csp", "choice", []string{"登録済 / registered", "申請中 / applied", "申請予定 / planned", "予定なし / no plan"}, "ISMAP登録状況", "ISMAP status"},
	{"ismap_planned_date", "csp", "date", nil, "ISMAP申請予定日", "Planned ISMAP application date"},
	{"underlying_iaas", "csp", "text", nil, "基盤となるIaaS等", "Underlying IaaS/PaaS"},
	{"underlying_iaas_registered", "csp", "choice", []string{"登録済 / registered", "申請中 / applied", "未登録 / not registered", "該当なし / none"}, "基盤サービスのISMAP登録", "Underlying service ISMAP-registered"},
	{"cert_iso27001", "csp", "text", nil, "ISO/IEC 27001 認証（番号・有効期限）", "ISO/IEC 27001 certificate (number, expiry)"},
	{"cert_iso27017", "csp", "text", nil, "ISO/IEC 27017 認証（番号・有効期限）", "ISO/IEC 27017 certificate (number, expiry)"},
	{"cert_iso27018", "csp", "text", nil, "ISO/IEC 27018 認証（番号・有効期限）", "ISO/IEC 27018 certificate (number, expiry)"},
	{"cert_soc2", "csp", "text", nil, "SOC 2 Type 2 報告書（対象期間）", "SOC 2 Type 2 report (period)"},
	{"cert_other", "csp", "text", nil, "その他の第三者認証", "Other third-party certifications"},

	{"use_start", "interim", "date", nil, "利用開始日（開発環境構築・結合テスト・運用開始のいずれか早い日）", "Use start (first of dev environment, integration test, operation)"},
	{"contract_signed", "interim", "date", nil, "複数年契約の締結日", "Multi-year contract signed on"},
	{"contract_extended_to", "interim", "date", nil, "やむを得ない契約延長後の終了日", "Contract end after an unavoidable extension"},
	{"construction_start", "interim", "date", nil, "情報システム構築の着手日", "System construction started on"},
	{"migration_plan", "interim", "date", nil, "移行計画の策定日", "Migration plan fixed on"},
	{"migration_end", "interim", "date", nil, "移行期間の終了日（延長を含む）", "Migration period ends (incl. extension)"},
	{"application", "interim", "choice", []string{"申請見込み / expected", "申請済 / applied", "見込みなし / none"}, "ISMAP申請の見込み", "ISMAP application prospect"},
	{"application_date", "interim", "date", nil, "ISMAP申請日", "ISMAP application date"},
	{"alternative_application", "interim", "choice", []string{"申請済・登録済 / applied", "申請見込み / expected", "見込みなし / none"}, "移行先代替サービスのISMAP申請状況（類型①-ii）", "Alternative service's ISMAP application (1-ii)"},
	{"alternative", "interim", "choice", []string{"あり / yes", "なし / no"}, "代替サービスの有無", "Alternative service exists"},
	{"saas_awaiting_iaas", "interim", "choice", []string{"はい / yes", "いいえ / no"}, "基盤IaaSの登録待ちのSaaSか", "SaaS waiting for its IaaS registration"},
}
