// Package xlsx is the spreadsheet adapter of ismapcheck: it writes the
// basic statement requirements workbook an agency sends to a CSP and reads
// a completed one back, treating it as hostile input.
package xlsx

import (
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

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

// CoverField is one field of the cover sheet, and the one place its
// schema is written down: write, fill and read all go through CoverFields.
// The writer puts LabelJA in column A, LabelEN in column B and the value in
// column C of the row given by its position (CoverFirstRow + index in
// CoverFields, skipping nothing); the reader finds fields by Key through
// the metadata (cover_<key> → cell) and, when the metadata is gone, by the
// Japanese or English label in column A or B.
type CoverField struct {
	Key     string // JSON key in checklist.Request / CSPCover / InterimFacts
	Group   string // "agency" (pre-filled, locked), "csp" or "interim" (unlocked)
	Kind    string // "text", "date", "email" or "choice"
	Choices []Choice
	LabelJA string
	LabelEN string
	// Get returns the field's value in a cover: the text, or the date of
	// a date field ("" and the zero date when it is not stated).
	Get func(c *checklist.Cover) (string, checklist.Date)
	// Set records a value read from the workbook: the text (a choice's
	// stored Value), or the date of a date field.
	Set func(c *checklist.Cover, v string, d checklist.Date)
	// Later is set on a field added after workbooks were already sent
	// out: a workbook whose metadata does not know the field was written
	// before it existed, so its absence is not reported (the value is
	// simply not stated).
	Later bool
}

// Choice is one entry of a cover drop-down: the entry as the workbook
// shows it and the value the assessment stores for it. The values follow
// the comments on checklist.Request, CSPCover and InterimFacts.
type Choice struct {
	Entry string // "JA / EN", or one word for IaaS, 1-i…
	Value string
}

// Entries returns the drop-down entries of f, in order.
func (f CoverField) Entries() []string {
	out := make([]string, len(f.Choices))
	for i, c := range f.Choices {
		out[i] = c.Entry
	}
	return out
}

// CoverFirstRow is the row of the first cover field; column C holds values.
const (
	CoverFirstRow   = 6
	CoverValueCol   = "C"
	MetaCoverPrefix = "cover_"
)

// Cover field groups.
const (
	groupAgency  = "agency"
	groupCSP     = "csp"
	groupInterim = "interim"
)

// CoverFields lists the cover sheet, agency fields first.
var CoverFields = []CoverField{
	textField("agency", groupAgency, "府省庁等名", "Agency", func(c *checklist.Cover) *string { return &c.Request.Agency }),
	// 2021-07-06 decision, 3: whether ISMAP covers the procurement depends
	// on the organisation's kind; the values are checklist.OrganizationKind.
	choiceField("agency_type", groupAgency, "調達する機関の種別", "Kind of procuring organisation",
		[]Choice{{"府省庁 / ministry", string(checklist.OrgMinistry)}, {"独立行政法人 / independent agency", string(checklist.OrgIndependentAgency)},
			{"指定法人 / designated corporation", string(checklist.OrgDesignatedCorporation)}},
		func(c *checklist.Cover) *string { return (*string)(&c.Request.AgencyType) }, later),
	textField("division", groupAgency, "担当部署", "Division", func(c *checklist.Cover) *string { return &c.Request.Division }),
	textField("contact", groupAgency, "担当者連絡先", "Agency contact", func(c *checklist.Cover) *string { return &c.Request.Contact }),
	textField("system", groupAgency, "情報システム名", "Information system", func(c *checklist.Cover) *string { return &c.Request.System }),
	textField("csp", groupAgency, "クラウドサービス事業者", "Cloud service provider", func(c *checklist.Cover) *string { return &c.Request.CSP }),
	textField("service", groupAgency, "クラウドサービス名", "Cloud service", func(c *checklist.Cover) *string { return &c.Request.Service }),
	choiceField("service_model", groupAgency, "サービス形態", "Service model", plain("IaaS", "PaaS", "SaaS"),
		func(c *checklist.Cover) *string { return &c.Request.ServiceModel }),
	choiceField("interim_category", groupAgency, "暫定措置の類型", "Interim-measure category", []Choice{{"類型①-i / 1-i", "1-i"}, {"類型①-ii / 1-ii", "1-ii"}, {"類型①-iii / 1-iii", "1-iii"}, {"類型② / 2", "2"}, {"なし / none", "none"}},
		func(c *checklist.Cover) *string { return &c.Request.InterimCategory }),
	dateField("contract_start", groupAgency, "契約開始日", "Contract start", func(c *checklist.Cover) *checklist.Date { return &c.Request.ContractStart }),
	dateField("contract_end", groupAgency, "契約終了日", "Contract end", func(c *checklist.Cover) *checklist.Date { return &c.Request.ContractEnd }),
	dateField("due", groupAgency, "回答期限", "Answer due", func(c *checklist.Cover) *checklist.Date { return &c.Request.Due }),
	textField("reference", groupAgency, "整理番号", "Agency reference", func(c *checklist.Cover) *string { return &c.Request.Reference }),
	dateField("date", groupAgency, "作成日", "Issued on", func(c *checklist.Cover) *checklist.Date { return &c.Request.Date }),

	textField("respondent_name", groupCSP, "回答者氏名", "Respondent name", func(c *checklist.Cover) *string { return &c.CSP.RespondentName }),
	textField("respondent_title", groupCSP, "回答者役職", "Respondent title", func(c *checklist.Cover) *string { return &c.CSP.RespondentTitle }),
	emailField("respondent_email", groupCSP, "回答者メールアドレス", "Respondent e-mail", func(c *checklist.Cover) *string { return &c.CSP.RespondentEmail }),
	dateField("answer_date", groupCSP, "回答日", "Answer date", func(c *checklist.Cover) *checklist.Date { return &c.CSP.AnswerDate }),
	textField("service_scope", groupCSP, "対象サービスの範囲", "Service scope", func(c *checklist.Cover) *string { return &c.CSP.ServiceScope }),
	textField("data_locations", groupCSP, "データ保管場所（国・リージョン）", "Data locations (countries, regions)", func(c *checklist.Cover) *string { return &c.CSP.DataLocations }),
	textField("governing_law", groupCSP, "契約の準拠法", "Governing law of the contract", func(c *checklist.Cover) *string { return &c.CSP.GoverningLaw }),
	textField("jurisdiction", groupCSP, "裁判管轄", "Jurisdiction", func(c *checklist.Cover) *string { return &c.CSP.Jurisdiction }),
	choiceField("ismap_status", groupCSP, "ISMAP登録状況", "ISMAP status",
		[]Choice{{"登録済 / registered", "registered"}, {"申請中 / applied", "applied"}, {"申請予定 / planned", "planned"}, {"予定なし / no plan", "none"}},
		func(c *checklist.Cover) *string { return &c.CSP.ISMAPStatus }),
	dateField("ismap_planned_date", groupCSP, "ISMAP申請予定日", "Planned ISMAP application date", func(c *checklist.Cover) *checklist.Date { return &c.CSP.ISMAPPlannedDate }),
	textField("underlying_iaas", groupCSP, "基盤となるIaaS等", "Underlying IaaS/PaaS", func(c *checklist.Cover) *string { return &c.CSP.UnderlyingIaaS }),
	choiceField("underlying_iaas_registered", groupCSP, "基盤サービスのISMAP登録", "Underlying service ISMAP-registered",
		[]Choice{{"登録済 / registered", "yes"}, {"申請中 / applied", "applied"}, {"未登録 / not registered", "no"}, {"該当なし / none", "none"}},
		func(c *checklist.Cover) *string { return &c.CSP.UnderlyingIaaSISMAP }),
	certField("cert_iso27001", "ISO/IEC 27001", "ISO/IEC 27001 認証（番号・有効期限）", "ISO/IEC 27001 certificate (number, expiry)"),
	certField("cert_iso27017", "ISO/IEC 27017", "ISO/IEC 27017 認証（番号・有効期限）", "ISO/IEC 27017 certificate (number, expiry)"),
	certField("cert_iso27018", "ISO/IEC 27018", "ISO/IEC 27018 認証（番号・有効期限）", "ISO/IEC 27018 certificate (number, expiry)"),
	certField("cert_soc2", "SOC 2 Type 2", "SOC 2 Type 2 報告書（対象期間）", "SOC 2 Type 2 report (period)"),
	certField("cert_other", "other", "その他の第三者認証", "Other third-party certifications"),

	dateField("use_start", groupInterim, "利用開始日（開発環境構築・結合テスト・運用開始のいずれか早い日）", "Use start (first of dev environment, integration test, operation)",
		func(c *checklist.Cover) *checklist.Date { return &c.Interim.UseStart }),
	dateField("contract_signed", groupInterim, "複数年契約の締結日", "Multi-year contract signed on", func(c *checklist.Cover) *checklist.Date { return &c.Interim.ContractSigned }),
	dateField("contract_extended_to", groupInterim, "やむを得ない契約延長後の終了日", "Contract end after an unavoidable extension",
		func(c *checklist.Cover) *checklist.Date { return &c.Interim.ContractExtendedTo }),
	dateField("construction_start", groupInterim, "情報システム構築の着手日", "System construction started on", func(c *checklist.Cover) *checklist.Date { return &c.Interim.ConstructionStart }),
	dateField("migration_plan", groupInterim, "移行計画の策定日", "Migration plan fixed on", func(c *checklist.Cover) *checklist.Date { return &c.Interim.MigrationPlan }),
	dateField("migration_end", groupInterim, "移行期間の終了日（延長を含む）", "Migration period ends (incl. extension)", func(c *checklist.Cover) *checklist.Date { return &c.Interim.MigrationEnd }),
	choiceField("application", groupInterim, "ISMAP申請の見込み", "ISMAP application prospect",
		[]Choice{{"申請見込み / expected", "expected"}, {"申請済 / applied", "applied"}, {"見込みなし / none", "none"}},
		func(c *checklist.Cover) *string { return &c.Interim.Application }),
	dateField("application_date", groupInterim, "ISMAP申請日", "ISMAP application date", func(c *checklist.Cover) *checklist.Date { return &c.Interim.ApplicationDate }),
	choiceField("alternative_application", groupInterim, "移行先代替サービスのISMAP申請状況（類型①-ii）", "Alternative service's ISMAP application (1-ii)",
		[]Choice{{"申請済・登録済 / applied", "applied"}, {"申請見込み / expected", "expected"}, {"見込みなし / none", "none"}},
		func(c *checklist.Cover) *string { return &c.Interim.AlternativeApplication }),
	choiceField("alternative", groupInterim, "代替サービスの有無", "Alternative service exists",
		[]Choice{{"あり / yes", "yes"}, {"なし / no", "no"}},
		func(c *checklist.Cover) *string { return &c.Interim.Alternative }),
	choiceField("saas_awaiting_iaas", groupInterim, "基盤IaaSの登録待ちのSaaSか", "SaaS waiting for its IaaS registration",
		[]Choice{{"はい / yes", "yes"}, {"いいえ / no", "no"}},
		func(c *checklist.Cover) *string { return &c.Interim.SaaSAwaitingIaaS }),
}

// coverField returns the field with key k; it panics on a key that is not
// in CoverFields, which is a programming error.
func coverField(k string) CoverField {
	for _, f := range CoverFields {
		if f.Key == k {
			return f
		}
	}
	panic("xlsx: no cover field " + k)
}

// plain gives choices whose stored value is the entry itself.
func plain(entries ...string) []Choice {
	out := make([]Choice, len(entries))
	for i, e := range entries {
		out[i] = Choice{e, e}
	}
	return out
}

// textField is a free-text field stored in the string at field(c).
func textField(key, group, ja, en string, field func(*checklist.Cover) *string) CoverField {
	return CoverField{
		Key: key, Group: group, Kind: "text", LabelJA: ja, LabelEN: en,
		Get: func(c *checklist.Cover) (string, checklist.Date) { return *field(c), checklist.Date{} },
		Set: func(c *checklist.Cover, v string, _ checklist.Date) { *field(c) = v },
	}
}

// emailField is a text field the workbook checks for an "@".
func emailField(key, group, ja, en string, field func(*checklist.Cover) *string) CoverField {
	f := textField(key, group, ja, en, field)
	f.Kind = "email"
	return f
}

// choiceField is a drop-down whose stored Value goes to field(c).
func choiceField(key, group, ja, en string, choices []Choice, field func(*checklist.Cover) *string, opts ...func(*CoverField)) CoverField {
	f := textField(key, group, ja, en, field)
	f.Kind, f.Choices = "choice", choices
	for _, o := range opts {
		o(&f)
	}
	return f
}

// later marks a field added after workbooks were sent out (CoverField.Later).
func later(f *CoverField) { f.Later = true }

// dateField is a date stored in the date at field(c).
func dateField(key, group, ja, en string, field func(*checklist.Cover) *checklist.Date) CoverField {
	return CoverField{
		Key: key, Group: group, Kind: "date", LabelJA: ja, LabelEN: en,
		Get: func(c *checklist.Cover) (string, checklist.Date) { return "", *field(c) },
		Set: func(c *checklist.Cover, _ string, d checklist.Date) { *field(c) = d },
	}
}

// certField is a CSP's certification of the given name, one text cell per
// name. Get writes every certification CertificationKey files under key,
// joined by "; "; Set adds the certification the cell describes (certOf).
func certField(key, name, ja, en string) CoverField {
	return CoverField{
		Key: key, Group: groupCSP, Kind: "text", LabelJA: ja, LabelEN: en,
		Get: func(c *checklist.Cover) (string, checklist.Date) {
			var texts []string
			for _, cert := range c.CSP.Certifications {
				if k, t := certificationText(cert); k == key && t != "" {
					texts = append(texts, t)
				}
			}
			return strings.Join(texts, "; "), checklist.Date{}
		},
		Set: func(c *checklist.Cover, v string, _ checklist.Date) {
			c.CSP.Certifications = append(c.CSP.Certifications, certOf(key, name, v))
		},
	}
}
