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

// coverValues gives the stated cover values by key, through each
// CoverField's getter: the CSP's fields, the interim facts, and the
// agency's contract end, which the interim facts carry (the reader copies
// it back).
func coverValues(c checklist.CSPCover, in checklist.InterimFacts) map[string]coverValue {
	cv := &checklist.Cover{CSP: c, Interim: in}
	cv.Request.ContractEnd = in.ContractEnd
	out := map[string]coverValue{}
	for _, f := range CoverFields {
		if t, d := f.Get(cv); t != "" || !d.IsZero() {
			out[f.Key] = coverValue{text: t, date: d}
		}
	}
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

// choiceEntry returns the drop-down entry of cf matching v (its stored
// value, the whole entry, its Japanese or its English part,
// case-insensitive), or v.
func choiceEntry(cf CoverField, v string) string {
	want := strings.TrimSpace(v)
	for _, c := range cf.Choices {
		if strings.EqualFold(c.Value, want) {
			return c.Entry
		}
	}
	for _, c := range cf.Choices {
		if strings.EqualFold(c.Entry, want) {
			return c.Entry
		}
		for _, part := range strings.Split(c.Entry, LabelSep) {
			if strings.EqualFold(strings.TrimSpace(part), want) {
				return c.Entry
			}
		}
	}
	return v
}
