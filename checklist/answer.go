package checklist

// Status is a CSP's answer to one requirement (適合状況).
type Status string

// The answers a CSP can give, and "unanswered" for an empty cell.
const (
	StatusConforms      Status = "conforms"       // 適合
	StatusPartial       Status = "partial"        // 一部適合
	StatusNonconforming Status = "nonconforming"  // 不適合
	StatusNotApplicable Status = "not_applicable" // 対象外
	StatusUnanswered    Status = "unanswered"     // 未回答
)

// Statuses lists the answerable statuses in drop-down order.
var Statuses = []Status{StatusConforms, StatusPartial, StatusNonconforming, StatusNotApplicable}

// LabelJA is the Japanese label shown in the workbook's drop-down.
func (s Status) LabelJA() string {
	switch s {
	case StatusConforms:
		return "適合"
	case StatusPartial:
		return "一部適合"
	case StatusNonconforming:
		return "不適合"
	case StatusNotApplicable:
		return "対象外"
	case StatusUnanswered:
		return "未回答"
	}
	return string(s)
}

// LabelEN is the English label shown in the workbook's drop-down.
func (s Status) LabelEN() string {
	switch s {
	case StatusConforms:
		return "Conforms"
	case StatusPartial:
		return "Partially conforms"
	case StatusNonconforming:
		return "Does not conform"
	case StatusNotApplicable:
		return "Not applicable"
	case StatusUnanswered:
		return "Unanswered"
	}
	return string(s)
}

// IsShortfall reports whether s is 一部適合 or 不適合.
func (s Status) IsShortfall() bool { return s == StatusPartial || s == StatusNonconforming }

// Responsibility says who carries out a control (責任分界).
type Responsibility string

// The parties a control can rest with.
const (
	RespCSP       Responsibility = "csp"       // CSP
	RespCustomer  Responsibility = "customer"  // 利用者
	RespShared    Responsibility = "shared"    // 共同
	RespInherited Responsibility = "inherited" // 継承: from an underlying ISMAP-registered service
)

// Responsibilities lists them in drop-down order.
var Responsibilities = []Responsibility{RespCSP, RespCustomer, RespShared, RespInherited}

// LabelJA is the Japanese drop-down label.
func (r Responsibility) LabelJA() string {
	switch r {
	case RespCSP:
		return "CSP"
	case RespCustomer:
		return "利用者"
	case RespShared:
		return "共同"
	case RespInherited:
		return "継承"
	}
	return string(r)
}

// LabelEN is the English drop-down label.
func (r Responsibility) LabelEN() string {
	switch r {
	case RespCSP:
		return "CSP"
	case RespCustomer:
		return "Customer"
	case RespShared:
		return "Shared"
	case RespInherited:
		return "Inherited"
	}
	return string(r)
}

// Answer is what a CSP stated for one requirement. Cells maps each field
// name (status, implementation, evidence, reason, planned_date,
// responsibility, remarks) to the cell it came from, e.g. "E12".
type Answer struct {
	ID             string            `json:"id"`
	Status         Status            `json:"status"`
	Implementation string            `json:"implementation,omitempty"`
	Evidence       string            `json:"evidence,omitempty"`
	Reason         string            `json:"reason,omitempty"`
	PlannedDate    Date              `json:"planned_date,omitzero"`
	Responsibility Responsibility    `json:"responsibility,omitempty"`
	Remarks        string            `json:"remarks,omitempty"`
	Sheet          string            `json:"sheet,omitempty"`
	Row            int               `json:"row,omitempty"`
	Cells          map[string]string `json:"cells,omitempty"`
	// Unknown is set when validation errors leave the answer in doubt
	// (a formula, an unreadable value, a duplicated row).
	Unknown bool `json:"unknown,omitempty"`
}

// Severity of a validation message.
type Severity string

// Severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Message is one validation result, located and bilingual.
type Message struct {
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	File     string   `json:"file,omitempty"`
	Sheet    string   `json:"sheet,omitempty"`
	Cell     string   `json:"cell,omitempty"`
	ID       string   `json:"id,omitempty"`
	TextJA   string   `json:"text_ja"`
	TextEN   string   `json:"text_en"`
}

// Certification is a third-party certification a CSP holds.
type Certification struct {
	Name   string `json:"name"`
	Held   string `json:"held,omitempty"` // yes / no / in progress, as answered
	Number string `json:"number,omitempty"`
	Expiry Date   `json:"expiry,omitzero"`
}

// Request is what the agency fills in before sending the workbook.
type Request struct {
	Agency string `json:"agency,omitempty"`
	// AgencyType is the kind of the procuring organisation (府省庁,
	// 独立行政法人 or 指定法人), on which the section-3 scope rule of the
	// 2021-07-06 decision depends; "" when not stated (a workbook written
	// before the field existed).
	AgencyType      OrganizationKind `json:"agency_type,omitempty"`
	Division        string           `json:"division,omitempty"`
	Contact         string           `json:"contact,omitempty"`
	System          string           `json:"system,omitempty"`
	CSP             string           `json:"csp,omitempty"`
	Service         string           `json:"service,omitempty"`
	ServiceModel    string           `json:"service_model,omitempty"`    // IaaS, PaaS, SaaS
	InterimCategory string           `json:"interim_category,omitempty"` // 1-i, 1-ii, 1-iii, 2, none
	ContractStart   Date             `json:"contract_start,omitzero"`
	ContractEnd     Date             `json:"contract_end,omitzero"`
	Due             Date             `json:"due,omitzero"`
	Reference       string           `json:"reference,omitempty"`
	Date            Date             `json:"date,omitzero"` // generation date
}

// InterimFacts are the facts an interim-measure category depends on
// (2021-07-06 decision, section 2). Empty means "not stated".
type InterimFacts struct {
	UseStart           Date   `json:"use_start,omitzero"`
	ContractSigned     Date   `json:"contract_signed,omitzero"`
	ContractEnd        Date   `json:"contract_end,omitzero"`
	ContractExtendedTo Date   `json:"contract_extended_to,omitzero"`
	ConstructionStart  Date   `json:"construction_start,omitzero"`
	MigrationPlan      Date   `json:"migration_plan,omitzero"` // the day the migration plan was fixed
	MigrationEnd       Date   `json:"migration_end,omitzero"`
	Application        string `json:"application,omitempty"` // expected, applied, none
	// AlternativeApplication is the alternative service's application
	// (expected, applied, none), which decides 類型①-ii.
	AlternativeApplication string `json:"alternative_application,omitempty"`
	ApplicationDate        Date   `json:"application_date,omitzero"`
	Alternative            string `json:"alternative,omitempty"`        // yes, no
	SaaSAwaitingIaaS       string `json:"saas_awaiting_iaas,omitempty"` // yes, no
}

// CSPCover is what the CSP fills in on the cover sheet.
type CSPCover struct {
	RespondentName      string          `json:"respondent_name,omitempty"`
	RespondentTitle     string          `json:"respondent_title,omitempty"`
	RespondentEmail     string          `json:"respondent_email,omitempty"`
	AnswerDate          Date            `json:"answer_date,omitzero"`
	ServiceScope        string          `json:"service_scope,omitempty"`
	DataLocations       string          `json:"data_locations,omitempty"`
	GoverningLaw        string          `json:"governing_law,omitempty"`
	Jurisdiction        string          `json:"jurisdiction,omitempty"`
	ISMAPStatus         string          `json:"ismap_status,omitempty"` // registered, applied, planned, none
	ISMAPPlannedDate    Date            `json:"ismap_planned_date,omitzero"`
	UnderlyingIaaS      string          `json:"underlying_iaas,omitempty"`
	UnderlyingIaaSISMAP string          `json:"underlying_iaas_registered,omitempty"` // yes, no, applied
	Certifications      []Certification `json:"certifications,omitempty"`
}

// Cover is the cover sheet as read back: the agency's request, the CSP's
// fields and the interim-measure facts, with the cell each value came from.
type Cover struct {
	Request Request           `json:"request"`
	CSP     CSPCover          `json:"csp"`
	Interim InterimFacts      `json:"interim"`
	Cells   map[string]string `json:"cells,omitempty"`
}

// Source identifies an input file by name, size and SHA-256.
type Source struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// AssessmentSchemaVersion is the version of the assessment JSON format.
const AssessmentSchemaVersion = 1

// Kinds name what a JSON file written by the tool is, in its "kind" field,
// so that one kind of output is never read as another.
const (
	AssessmentKind = "ismapcheck.assessment" // an assessment (ingest --json)
	FindingsKind   = "ismapcheck.findings"   // the findings (findings --format json)
)

// Assessment is a completed workbook as read: where it came from, which
// edition it answers, the cover, one Answer per requirement of the edition
// in catalogue order, and every validation message.
type Assessment struct {
	Kind               string    `json:"kind"` // AssessmentKind
	SchemaVersion      int       `json:"schema_version"`
	Tool               string    `json:"tool,omitempty"`
	Source             Source    `json:"source"`
	Edition            string    `json:"edition"`
	EditionFingerprint string    `json:"edition_sha256,omitempty"`
	Cover              Cover     `json:"cover"`
	Answers            []Answer  `json:"answers"`
	Messages           []Message `json:"messages"`
}

// Answer returns the answer for a canonical ID.
func (a *Assessment) Answer(id string) (Answer, bool) {
	for _, x := range a.Answers {
		if x.ID == id {
			return x, true
		}
	}
	return Answer{}, false
}

// HasErrors reports whether any message is an error.
func (a *Assessment) HasErrors() bool {
	for _, m := range a.Messages {
		if m.Severity == SeverityError {
			return true
		}
	}
	return false
}
