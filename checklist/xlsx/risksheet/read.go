package risksheet

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/xuri/excelize/v2"
)

// Sentinels of the reader. ErrNotRiskSheet and ErrUnsafe wrap
// checklist.ErrInvalidInput (the file cannot be used at all); the others
// classify messages about single cells. A file refused by the safety
// checks (xlsx.Open, the same as ingest's) gives an error wrapping both
// ErrUnsafe and the xlsx sentinel that says why (xlsx.ErrXLS,
// xlsx.ErrZipBomb, xlsx.ErrTruncated…).
var (
	ErrNotRiskSheet = fmt.Errorf("%w: not a risk sheet written by ismapcheck", checklist.ErrInvalidInput)
	ErrUnsafe       = fmt.Errorf("%w: workbook refused by the safety checks", checklist.ErrInvalidInput)
	ErrVocabulary   = errors.New("value not in the drop-down list")
	ErrDate         = errors.New("bad date")
	ErrFormula      = errors.New("formula in an agency cell")
	ErrBinding      = errors.New("row does not match its binding")
	ErrCaseMismatch = fmt.Errorf("%w: the risk sheet belongs to another case", checklist.ErrInvalidInput)
)

// Limits for reading a risk sheet. A generated sheet has a few hundred rows
// and 20 columns; these leave room for hand edits and refuse the rest. The
// archive's limits (entries, expansion, ratio) are xlsx.Open's defaults.
const (
	DefaultMaxFileSize = xlsx.DefaultMaxFileSize
	maxRows            = 10000
	maxCols            = 50
)

// ReadOptions tune Read.
type ReadOptions struct {
	MaxFileSize int64 // 0 means DefaultMaxFileSize
	// Case, when set, is the case of the assessment the sheet is read
	// with: a sheet recording another case (agency reference, agency,
	// system, CSP, service, edition) is refused with ErrCaseMismatch,
	// naming both values. A sheet written before the case was recorded is
	// compared on its edition only, with the warning case_unrecorded.
	Case *checklist.Case
}

// Read reads a risk sheet written by Write and filled by the agency. It
// returns every non-empty decision (decisions with errors too, flagged
// Invalid, so nothing the agency wrote is dropped) and the validation
// messages, located by file, sheet, cell and ID in Japanese and English.
// Decisions and messages carry the base name of name (no directory, so
// the same sheet read through another path gives the same result); the
// error names the file as given.
// The error is non-nil only when the file cannot be used at all; it then
// is a *checklist.CellError wrapping checklist.ErrInvalidInput.
//
// A decision carried forward from an earlier sheet keeps the answer hash
// it judged as long as the agency leaves its fields as written; once any
// field changes, the decision is taken to judge the answer now shown.
func Read(r io.Reader, name string, opt ReadOptions) ([]checklist.Decision, []checklist.Message, error) {
	s, err := ReadAll(r, name, opt)
	if err != nil {
		return nil, nil, err
	}
	return s.Decisions, s.Messages, nil
}

// ReadAll is Read that also returns the decisions on exclusions (the
// exclusions sheet), checked the same way.
func ReadAll(r io.Reader, name string, opt ReadOptions) (Sheet, error) {
	max := opt.MaxFileSize
	if max <= 0 {
		max = DefaultMaxFileSize
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return Sheet{}, fatal(name, "", "", ErrUnsafe, "ファイルを読めません: "+err.Error(), "cannot read the file: "+err.Error())
	}
	if int64(len(data)) > max {
		return Sheet{}, fatal(name, "", "", ErrUnsafe,
			fmt.Sprintf("ファイルが大きすぎます（上限%dバイト）", max), fmt.Sprintf("the file is too large (limit %d bytes)", max))
	}
	sc, err := xlsx.Open(data, name, xlsx.OpenOptions{Limits: xlsx.Limits{FileSize: max, Rows: maxRows, Cols: maxCols}})
	if err != nil {
		return Sheet{}, refused(err, name)
	}
	rd := &reader{src: sc, name: name, base: filepath.Base(name), sc: sc, d1904: sc.Date1904, want: opt.Case}
	ds, err := rd.read()
	if err != nil {
		return Sheet{}, err
	}
	xs, err := rd.readExclusions()
	if err != nil {
		return Sheet{}, err
	}
	return Sheet{Decisions: ds, Exclusions: xs, Messages: rd.msgs, SourceSHA256: strings.TrimSpace(rd.meta[MetaSourceSHA256])}, nil
}

// refused turns an error of xlsx.Open or Workbook.Rows into the
// reader's: the same
// place and words, its sentinel wrapped in ErrUnsafe too. Open's
// advice to give --password does not apply to a risk sheet.
func refused(err error, name string) error {
	var ce *checklist.CellError
	if !errors.As(err, &ce) {
		return fatal(name, "", "", ErrUnsafe, "ブックを読めません: "+err.Error(), "cannot read the workbook: "+err.Error())
	}
	out := *ce
	out.Err = fmt.Errorf("%w: %w", ErrUnsafe, ce.Err)
	if errors.Is(ce.Err, xlsx.ErrEncrypted) {
		out.JA = "パスワードで保護されたリスク評価シートは読めません。パスワードを外して保存してください"
		out.EN = "the risk sheet is password-protected, which is not supported; save it without a password"
	}
	return &out
}

// rowSource is what the reader reads a workbook through: the
// xlsx.Workbook that opened an untrusted sheet in one pass, or excelize
// when the tool fills in a sheet it wrote itself.
type rowSource interface {
	SheetNames() []string
	Rows(sheet string, limit int) ([][]string, error)
}

// excelRows reads a workbook opened with excelize (see rowSource).
type excelRows struct {
	f    *excelize.File
	name string
}

func (e excelRows) SheetNames() []string { return e.f.GetSheetList() }

func (e excelRows) Rows(sheet string, limit int) ([][]string, error) {
	return xlsx.ReadRows(e.f, e.name, sheet, limit)
}

func fatal(file, sheet, cell string, sentinel error, ja, en string) *checklist.CellError {
	return &checklist.CellError{File: file, Sheet: sheet, Cell: cell, JA: ja, EN: en, Err: sentinel}
}

type reader struct {
	src   rowSource
	sc    *xlsx.Workbook // nil when filling, not reading
	name  string         // as given, for errors
	base  string         // filepath.Base(name), for decisions and messages
	msgs  []checklist.Message
	meta  map[string]string
	d1904 bool
	want  *checklist.Case // the assessment's case, when checked
}

func (rd *reader) msg(sev checklist.Severity, code, sheet, cell, id, ja, en string) {
	rd.msgs = append(rd.msgs, checklist.Message{Severity: sev, Code: code, File: rd.base, Sheet: sheet, Cell: cell, ID: id, TextJA: ja, TextEN: en})
}

// decisionRows is the risk sheet as the row reader reads it.
var decisionRows = &table{
	sheet: SheetRisk, headerRow: HeaderRow, columns: Columns,
	unbound: func(row int, id string, entries bool) (string, string, bool) {
		if id == "" {
			return fmt.Sprintf("%d行目に記入がありますが、ツールが作成した行ではありません（判断は読み込まれません）", row),
				fmt.Sprintf("row %d holds entries but was not written by the tool (not read as a decision)", row), entries
		}
		return fmt.Sprintf("%d行目（ID %s）はツールが作成した行ではありません。行を追加・移動しないでください", row, id),
			fmt.Sprintf("row %d (ID %s) was not written by the tool; do not add or move rows", row, id), true
	},
	missing: func(b binding) (checklist.Severity, string, string) {
		if b.digest != "" {
			return checklist.SeverityError, "。前回の判断が記載されていた行です", "; it held a carried-forward decision"
		}
		return checklist.SeverityWarning, "", ""
	},
}

// read reads the risk sheet's metadata, checks its case and reads its
// decisions.
func (rd *reader) read() ([]checklist.Decision, error) {
	if err := rd.checkSheets(); err != nil {
		return nil, err
	}
	bindings, err := rd.readMeta()
	if err != nil {
		return nil, err
	}
	if err := rd.checkCase(); err != nil {
		return nil, err
	}
	var out []checklist.Decision
	err = rd.readRows(decisionRows, bindings, func(b binding, v rowValues) { out = append(out, rd.decision(b, v)) })
	return out, err
}

// checkSheets refuses a workbook without the risk sheet and its hidden
// binding sheet.
func (rd *reader) checkSheets() error {
	has := map[string]bool{}
	for _, s := range rd.src.SheetNames() {
		has[s] = true
	}
	if !has[SheetRisk] || !has[SheetMeta] {
		return fatal(rd.name, "", "", ErrNotRiskSheet,
			fmt.Sprintf("ismapcheck が作成したリスク評価シートではありません（シート「%s」と非表示シート「%s」が必要です）", SheetRisk, SheetMeta),
			fmt.Sprintf("not a risk sheet written by ismapcheck (sheet %q and hidden sheet %q are required)", SheetRisk, SheetMeta))
	}
	return nil
}

// decision maps a row the agency wrote in to its decision, checks it by
// the domain's rules and binds it to the answer it judges.
func (rd *reader) decision(b binding, v rowValues) checklist.Decision {
	d := checklist.Decision{ID: b.id, File: rd.base, Sheet: SheetRisk, Row: v.row, Cells: v.cells, Invalid: v.invalid,
		Impact: checklist.Rating(v.text["impact"]), Likelihood: checklist.Rating(v.text["likelihood"]),
		Treatment: checklist.Treatment(v.text["treatment"]), Compensating: v.text["compensating"], Owner: v.text["owner"],
		Due: v.dates["due"], Approver: v.text["approver"], ApprovedOn: v.dates["approved_on"], ReviewBy: v.dates["review_by"]}
	var bad bool
	bad, d.AnswerHash, d.SourceSHA256, d.JudgedAnswer = rd.settle(decisionRows, b, "decision", d.Validate(), d.Digest())
	d.Invalid = d.Invalid || bad
	return d
}

// CodeCaseUnrecorded is the warning for a risk sheet that does not record
// its case (written before it was recorded): only the edition is compared.
const CodeCaseUnrecorded = "case_unrecorded"

// checkCase compares the case the sheet records with the assessment's.
func (rd *reader) checkCase() error {
	if rd.want == nil {
		return nil
	}
	got := checklist.Case{Edition: rd.meta[MetaEdition]}
	dst := map[string]*string{"reference": &got.Reference, "agency": &got.Agency, "system": &got.System, "csp": &got.CSP, "service": &got.Service}
	recorded := map[string]bool{"edition": true}
	for k, p := range dst {
		if v, ok := rd.meta[MetaCasePrefix+k]; ok {
			*p, recorded[k] = v, true
		}
	}
	diffs := got.Differences(*rd.want, func(k string) bool { return recorded[k] })
	if len(recorded) == 1 {
		rd.msg(checklist.SeverityWarning, CodeCaseUnrecorded, SheetMeta, "", "",
			"このリスク評価シートには案件（府省庁等・システム・CSP・サービス）が記録されていません（以前の版で作成）。管理基準の版のみ照合しました",
			"the risk sheet does not record its case (agency, system, CSP, service; written by an earlier version); only the edition was compared")
	}
	if len(diffs) == 0 {
		return nil
	}
	var ja, en []string
	for _, d := range diffs {
		ja = append(ja, fmt.Sprintf("%s: シート %q、評価結果 %q", d.Field.LabelJA, d.Got, d.Want))
		en = append(en, fmt.Sprintf("%s: sheet %q, assessment %q", d.Field.LabelEN, d.Got, d.Want))
	}
	return fatal(rd.name, "", "", ErrCaseMismatch,
		"別の案件のリスク評価シートです（"+strings.Join(ja, "、")+"）。この評価結果から作成したシートを指定してください",
		"the risk sheet belongs to another case ("+strings.Join(en, "; ")+"); give the sheet made from this assessment")
}
