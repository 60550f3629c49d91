package report

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// Source is one input file of a report, read and sniffed by the caller:
// its base name, its exact bytes (embedded in the PDF as they are) and
// whether it is a completed workbook (else an assessment JSON).
type Source struct {
	Name     string
	Bytes    []byte
	Workbook bool
}

// RiskSheet is a filled risk sheet as the caller decoded it: its name and
// bytes (attached) and the decisions, exclusion decisions and messages
// read from it.
type RiskSheet struct {
	Name       string
	Bytes      []byte
	Decisions  []checklist.Decision
	Exclusions []checklist.ExclusionDecision
	Messages   []checklist.Message
}

// Round is the previous round of the case (report --previous): the file
// and what it was read as.
type Round struct {
	Source     Source
	Catalog    *checklist.Catalog
	Assessment *checklist.Assessment
}

// Run is what a report is computed from: the sources already read and
// decoded, and the parameters of the run. "report" fills it from its
// command line and files, "verify" from the attachments of a report and
// the parameters its findings record gives; both call Assemble, so verify
// cannot compute differently from report.
type Run struct {
	Source Source
	// AssessmentJSON is the assessment read from a workbook Source, encoded
	// as ingest writes it; it is attached beside the workbook. Unused when
	// Source is an assessment JSON (its own bytes are attached).
	AssessmentJSON []byte
	Catalog        *checklist.Catalog
	Assessment     *checklist.Assessment
	Risk           *RiskSheet // nil without --risk
	Previous       *Round     // nil without --previous
	Date           checklist.Date
	Lang           string // --lang: "ja" or "en" (anything else is Japanese)
	Tool           string // "ismapcheck vX" (verify: the recorded tool)
	// CatalogFile is the --catalog file as given ("" for an embedded
	// edition), for Appendix B; EditionChosen is true when --edition was
	// given (recorded so that verify reads the input the same way).
	CatalogFile   string
	EditionChosen bool
	// FontParam is how Appendix B names the font (FontParam).
	FontParam string
}

// XLSXMIME is the media type of an attached workbook.
const XLSXMIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// NormalizeLang is the report language of a --lang value or of a record:
// English for "en", Japanese for anything else ("" in a record of a
// version without the field).
func NormalizeLang(lang string) string {
	if lang == LangEN {
		return LangEN
	}
	return LangJA
}

// inLang picks the text of the report language lang.
func inLang(lang, ja, en string) string {
	if NormalizeLang(lang) == LangEN {
		return en
	}
	return ja
}

// FontParam is how Appendix B names the font: the embedded font by its
// name, a --font file by its base name and SHA-256 (file "" means the
// embedded font).
func FontParam(lang, embeddedName, file, sha256 string) string {
	if file == "" {
		return inLang(lang, "組込み ", "embedded ") + embeddedName
	}
	return fmt.Sprintf("%s（SHA-256 %s）", filepath.Base(file), sha256)
}

// Assemble computes everything the report concludes from r: the findings
// with the CISO's exclusion decisions applied
// (checklist.FindingsWithExclusions: a rejected exclusion makes findings),
// the decision state of every finding (checklist.ApplyDecisions), the risk
// sheet's messages with the approvals dated after the report
// (checklist.ApprovalsAfter), what changed since the previous round, the
// interim-measure verdict, the input files to attach with their roles and
// the parameters Appendix B lists. Sign-off readiness is Input.SignOff of
// the result. The error is invalid input: a previous round of another
// case, or editions that cannot be compared.
func Assemble(r Run) (Input, error) {
	lang := NormalizeLang(r.Lang)
	in := Input{Catalog: r.Catalog, Assessment: r.Assessment, Result: checklist.Findings(r.Catalog, r.Assessment),
		ReportDate: r.Date, Tool: r.Tool, Lang: lang}
	in.Files = sourceFiles(r.Source, r.AssessmentJSON, lang)
	riskName := ""
	if r.Risk != nil {
		riskName = r.Risk.Name
		// ISMAP管理基準 2.2.4: a rejected exclusion makes findings, so the
		// CISO's exclusion decisions are applied before the risk decisions
		// are matched to the findings.
		in.Result, in.Exclusions = checklist.FindingsWithExclusions(r.Catalog, r.Assessment, r.Risk.Exclusions)
		in.Decisions = checklist.ApplyDecisions(in.Result, r.Risk.Decisions, r.Date)
		msgs := append([]checklist.Message(nil), r.Risk.Messages...)
		in.RiskMessages = append(msgs, checklist.ApprovalsAfter(r.Risk.Decisions, r.Date)...)
		in.Files = append(in.Files, InputFile{Name: r.Risk.Name, Role: inLang(lang, "リスク評価シート", "risk sheet"), MIME: XLSXMIME, Data: r.Risk.Bytes})
	}
	prevName := ""
	if p := r.Previous; p != nil {
		// What changed since the previous round (issue 16); the decisions
		// of the risk sheet say which became stale.
		prevName = p.Source.Name
		if err := SameCase(p.Source.Name, r.Source.Name, p.Assessment, r.Assessment); err != nil {
			return Input{}, err
		}
		ed, err := editionDiff(p.Catalog, r.Catalog)
		if err != nil {
			return Input{}, err
		}
		var decisions []checklist.Decision
		if r.Risk != nil {
			decisions = append([]checklist.Decision{}, r.Risk.Decisions...)
		}
		d := checklist.DiffRounds(p.Catalog, r.Catalog, p.Assessment, r.Assessment, ed, decisions, r.Date)
		in.Changes = &d
		mime := XLSXMIME
		if !p.Source.Workbook {
			mime = "application/json"
		}
		in.Files = append(in.Files, InputFile{Name: p.Source.Name, Role: inLang(lang, "前回の回答（--previous）", "previous round (--previous)"), MIME: mime, Data: p.Source.Bytes})
	}
	// 2021-07-06 decision: the interim-measure verdict of the category the
	// cover names, judged on the report date, with the scope rule of
	// section 3 for the organisation kind the cover states; the same
	// function as "interim check --from".
	cover := r.Assessment.Cover
	if c, err := checklist.ParseInterimCategory(cover.Request.InterimCategory); err == nil {
		v := checklist.EvaluateInterimCase(c, checklist.InterimFactsFromCover(cover), cover.OrganizationKind(), r.Date)
		in.Interim = &v
	}
	edition := r.Catalog.Edition.ID
	if r.CatalogFile != "" {
		edition = r.CatalogFile + "（" + r.Catalog.Edition.ID + "）"
	}
	in.Params = [][2]string{
		{inLang(lang, "入力", "input"), r.Source.Name},
		{"--risk", orDash(riskName)},
		{"--previous", orDash(prevName)},
		{"--date", r.Date.String()},
		{inLang(lang, "管理基準（--edition / --catalog）", "criteria (--edition / --catalog)"), edition},
		{inLang(lang, "フォント（--font）", "font (--font)"), r.FontParam},
		{"--lang", lang},
	}
	return in, nil
}

// RecordParams are the parameters of r as the findings record keeps them
// for verify.
func (r Run) RecordParams() RecordParams {
	p := RecordParams{Input: r.Source.Name, Date: r.Date, Edition: r.Catalog.Edition.ID, EditionChosen: r.EditionChosen,
		Font: r.FontParam, Lang: NormalizeLang(r.Lang)}
	if r.CatalogFile != "" {
		p.Catalog = filepath.Base(r.CatalogFile)
	}
	if r.Risk != nil {
		p.Risk = r.Risk.Name
	}
	if r.Previous != nil {
		p.Previous = r.Previous.Source.Name
	}
	return p
}

// AssessmentName is the attachment name of the assessment read from the
// workbook named input.
func AssessmentName(input string) string {
	return strings.TrimSuffix(input, filepath.Ext(input)) + ".assessment.json"
}

// sourceFiles are the attachments for the input: its exact bytes and, for
// a workbook, the assessment read from it.
func sourceFiles(src Source, assessmentJSON []byte, lang string) []InputFile {
	if !src.Workbook {
		return []InputFile{{Name: src.Name, Role: inLang(lang, "取込結果（assessment JSON）", "assessment JSON from ingest"), MIME: "application/json", Data: src.Bytes}}
	}
	return []InputFile{
		{Name: src.Name, Role: inLang(lang, "回答ワークブック", "CSP's workbook"), MIME: XLSXMIME, Data: src.Bytes},
		{Name: AssessmentName(src.Name), Role: inLang(lang, "取込結果（ワークブックから読み取った内容）", "assessment read from the workbook"), MIME: "application/json", Data: assessmentJSON},
	}
}

// SameCase refuses two rounds of different cases (checklist.CaseKey); a
// round whose cover does not identify its case is taken as the same.
func SameCase(oldName, newName string, older, newer *checklist.Assessment) error {
	ko, kn := checklist.CaseKey(older.Cover.Request), checklist.CaseKey(newer.Cover.Request)
	if ko == "" || kn == "" || ko == kn {
		return nil
	}
	return &checklist.CellError{File: newName, Err: checklist.ErrInvalidInput,
		JA: fmt.Sprintf("%s と %s は別の案件です（整理番号またはシステム・事業者・サービスが異なります）", oldName, newName),
		EN: fmt.Sprintf("%s and %s belong to different cases (reference, or system, CSP and service differ)", oldName, newName)}
}

// editionDiff compares the editions of two rounds: the identity when they
// are the same edition, else checklist.DiffEditions without a crosswalk.
func editionDiff(older, newer *checklist.Catalog) (checklist.EditionDiff, error) {
	if older.Edition.ID == newer.Edition.ID && older.Edition.SHA256 == newer.Edition.SHA256 {
		return checklist.SameEditionDiff(newer), nil
	}
	d, err := checklist.DiffEditions(older, newer, nil)
	if err != nil {
		return d, fmt.Errorf("%w: crosswalk %q: %w", checklist.ErrInvalidInput, "", err)
	}
	return d, nil
}
