package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// ErrFill marks a workbook or an answer Fill cannot use.
var ErrFill = errors.New("cannot fill the workbook")

// Fill plays the CSP: it reads a workbook written by Write from in, enters
// answers, the cover fields and the interim-measure facts, and writes the
// result to out. It is used by tests and the demo, not by agencies.
//
// Rows are found through the metadata row map. Statuses and
// responsibilities are written in the workbook's own drop-down form (its
// --labels); a Status or Responsibility that is not one of the known
// values is written as is, so tests can enter bad answers. Text is always
// a string cell, dates are date serials. coverExtra sets cover fields by
// key (any CoverFields key, agency fields included) to the given text and
// wins over cover and interim. Cell styles, validations and protection are
// left as Write made them.
func Fill(in io.Reader, out io.Writer, answers []checklist.Answer, cover checklist.CSPCover, interim checklist.InterimFacts, coverExtra map[string]string) error {
	f, err := excelize.OpenReader(in)
	if err != nil {
		return fmt.Errorf("%w: opening: %v", ErrFill, err)
	}
	defer f.Close()
	m, err := readFillMeta(f)
	if err != nil {
		return err
	}
	for _, a := range answers {
		if err := fillAnswer(f, m, a); err != nil {
			return err
		}
	}
	vals := coverValues(cover, interim)
	for k, v := range coverExtra {
		vals[k] = coverValue{text: v}
	}
	if err := fillCover(f, m, vals); err != nil {
		return err
	}
	if err := fitAnswerRows(f, m, answers); err != nil {
		return err
	}
	return WriteDeterministic(f, out, m.generated)
}

// fitAnswerRows grows the rows of the answers filled in to their text, so
// long answers print whole.
func fitAnswerRows(f *excelize.File, m *fillMeta, answers []checklist.Answer) error {
	var rows []int
	for _, a := range answers {
		rows = append(rows, m.rows[a.ID])
	}
	if err := FitRowHeights(f, SheetChecklist, rows); err != nil {
		return fmt.Errorf("%w: row heights: %v", ErrFill, err)
	}
	return nil
}

// fillCover writes cover values by key into the cells the metadata names.
func fillCover(f *excelize.File, m *fillMeta, vals map[string]coverValue) error {
	var err error
	for i, cf := range CoverFields {
		v, ok := vals[cf.Key]
		if !ok {
			continue
		}
		ref := m.cover[cf.Key]
		if ref == "" {
			ref = cell(CoverValueCol, CoverFirstRow+i)
		}
		switch {
		case !v.date.IsZero():
			err = f.SetCellInt(SheetCover, ref, DateSerial(v.date))
		case cf.Kind == "choice":
			err = f.SetCellStr(SheetCover, ref, SanitizeText(choiceEntry(cf, v.text)))
		default:
			err = f.SetCellStr(SheetCover, ref, SanitizeText(v.text))
		}
		if err != nil {
			return fmt.Errorf("%w: cover field %s: %v", ErrFill, cf.Key, err)
		}
	}
	return nil
}

type fillMeta struct {
	labels    string
	generated checklist.Date
	rows      map[string]int    // requirement ID → row
	cover     map[string]string // cover key → cell
}

func readFillMeta(f *excelize.File) (*fillMeta, error) {
	rows, err := f.GetRows(SheetMeta)
	if err != nil {
		return nil, fmt.Errorf("%w: no metadata sheet %q: %v", ErrFill, SheetMeta, err)
	}
	m := &fillMeta{labels: LabelsBoth, rows: map[string]int{}, cover: map[string]string{}}
	inMap := false
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		k, v := strings.TrimSpace(r[0]), strings.TrimSpace(r[1])
		if inMap {
			n, err := strconv.Atoi(k)
			if err != nil {
				return nil, fmt.Errorf("%w: row map entry %q", ErrFill, k)
			}
			m.rows[v] = n
			continue
		}
		switch {
		case k == MetaRowMap:
			inMap = true
		case k == MetaLabels && ValidLabels(v):
			m.labels = v
		case k == MetaGenerated:
			m.generated, _ = checklist.ParseDate(v)
		case strings.HasPrefix(k, MetaCoverPrefix):
			m.cover[strings.TrimPrefix(k, MetaCoverPrefix)] = v
		}
	}
	if len(m.rows) == 0 {
		return nil, fmt.Errorf("%w: the metadata has no row map", ErrFill)
	}
	return m, nil
}

func fillAnswer(f *excelize.File, m *fillMeta, a checklist.Answer) error {
	row, ok := m.rows[a.ID]
	if !ok {
		return fmt.Errorf("%w: requirement %q is not in the workbook", ErrFill, a.ID)
	}
	for _, c := range Columns {
		ref := cell(c.Letter, row)
		var err error
		switch c.Key {
		case "status":
			if a.Status != "" && a.Status != checklist.StatusUnanswered {
				err = f.SetCellStr(SheetChecklist, ref, SanitizeText(StatusLabel(a.Status, m.labels)))
			}
		case "responsibility":
			if a.Responsibility != "" {
				err = f.SetCellStr(SheetChecklist, ref, SanitizeText(ResponsibilityLabel(a.Responsibility, m.labels)))
			}
		case "planned_date":
			if !a.PlannedDate.IsZero() {
				err = f.SetCellInt(SheetChecklist, ref, DateSerial(a.PlannedDate))
			}
		case "implementation", "evidence", "reason", "remarks":
			v := map[string]string{"implementation": a.Implementation, "evidence": a.Evidence, "reason": a.Reason, "remarks": a.Remarks}[c.Key]
			if v != "" {
				err = f.SetCellStr(SheetChecklist, ref, SanitizeText(v))
			}
		}
		if err != nil {
			return fmt.Errorf("%w: %s %s: %v", ErrFill, a.ID, c.Key, err)
		}
	}
	return nil
}

type coverValue struct {
	text string
	date checklist.Date
}

// coverValues maps the CSP's cover and the interim facts to cover keys.
func coverValues(c checklist.CSPCover, in checklist.InterimFacts) map[string]coverValue {
	out := map[string]coverValue{}
	str := func(k, v string) {
		if v != "" {
			out[k] = coverValue{text: v}
		}
	}
	date := func(k string, d checklist.Date) {
		if !d.IsZero() {
			out[k] = coverValue{date: d}
		}
	}
	str("respondent_name", c.RespondentName)
	str("respondent_title", c.RespondentTitle)
	str("respondent_email", c.RespondentEmail)
	date("answer_date", c.AnswerDate)
	str("service_scope", c.ServiceScope)
	str("data_locations", c.DataLocations)
	str("governing_law", c.GoverningLaw)
	str("jurisdiction", c.Jurisdiction)
	str("ismap_status", c.ISMAPStatus)
	date("ismap_planned_date", c.ISMAPPlannedDate)
	str("underlying_iaas", c.UnderlyingIaaS)
	str("underlying_iaas_registered", c.UnderlyingIaaSISMAP)
	for _, cert := range c.Certifications {
		k, t := certificationText(cert)
		if t == "" {
			continue
		}
		if prev, ok := out[k]; ok {
			t = prev.text + "; " + t
		}
		out[k] = coverValue{text: t}
	}
	date("use_start", in.UseStart)
	date("contract_signed", in.ContractSigned)
	date("contract_end", in.ContractEnd)
	date("contract_extended_to", in.ContractExtendedTo)
	date("construction_start", in.ConstructionStart)
	date("migration_plan", in.MigrationPlan)
	date("migration_end", in.MigrationEnd)
	str("application", in.Application)
	date("application_date", in.ApplicationDate)
	str("alternative_application", in.AlternativeApplication)
	str("alternative", in.Alternative)
	str("saas_awaiting_iaas", in.SaaSAwaitingIaaS)
	return out
}

// CertificationKey returns the cover key holding a certification by its
// name: cert_iso27001, cert_iso27017, cert_iso27018, cert_soc2 or
// cert_other.
func CertificationKey(name string) string {
	n := strings.ToUpper(strings.ReplaceAll(name, " ", ""))
	switch {
	case strings.Contains(n, "27001"):
		return "cert_iso27001"
	case strings.Contains(n, "27017"):
		return "cert_iso27017"
	case strings.Contains(n, "27018"):
		return "cert_iso27018"
	case strings.Contains(n, "SOC2"):
		return "cert_soc2"
	}
	return "cert_other"
}

// certificationText renders a certification the way a CSP would type it in
// its cover cell: "number, expiry YYYY-MM-DD" ("name: …" for cert_other),
// or the Held answer alone when there is no number.
func certificationText(c checklist.Certification) (key, text string) {
	key = CertificationKey(c.Name)
	var parts []string
	if c.Number != "" {
		parts = append(parts, c.Number)
	}
	// The expiry is added unless the number already states it (as a CSP
	// types "IS 000000 (valid until 2024-11-30)"), so a certification read
	// back and written again keeps its text.
	if !c.Expiry.IsZero() && !strings.Contains(c.Number, c.Expiry.String()) {
		parts = append(parts, c.Expiry.String())
	}
	if len(parts) == 0 && c.Held != "" {
		parts = append(parts, c.Held)
	}
	text = strings.Join(parts, ", ")
	if key == "cert_other" && text != "" && c.Name != "" {
		text = c.Name + ": " + text
	}
	return key, text
}

// choiceSynonyms maps the domain's short values to drop-down entries where
// the English part of the entry differs from the value.
var choiceSynonyms = map[string]map[string]string{
	"ismap_status":               {"none": "no plan"},
	"underlying_iaas_registered": {"yes": "registered", "no": "not registered"},
}

// choiceEntry returns the drop-down entry of cf matching v (the whole
// entry, its Japanese or its English part, case-insensitive), or v.
func choiceEntry(cf CoverField, v string) string {
	want := strings.TrimSpace(v)
	if s, ok := choiceSynonyms[cf.Key][strings.ToLower(want)]; ok {
		want = s
	}
	for _, c := range cf.Choices {
		if strings.EqualFold(c, want) {
			return c
		}
		for _, part := range strings.Split(c, LabelSep) {
			if strings.EqualFold(strings.TrimSpace(part), want) {
				return c
			}
		}
	}
	return v
}
