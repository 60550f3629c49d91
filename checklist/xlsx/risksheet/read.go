package risksheet

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
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
	ds, _, err := rd.read()
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

type binding struct {
	row                       int
	id, answer, source        string
	judged, judgedSrc, digest string
	kind                      string
	metaRow                   int
	raw                       []string // the binding row as stored, for the answer snapshots
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

func (rd *reader) read() ([]checklist.Decision, []checklist.Message, error) {
	has := map[string]bool{}
	for _, s := range rd.src.SheetNames() {
		has[s] = true
	}
	if !has[SheetRisk] || !has[SheetMeta] {
		return nil, nil, fatal(rd.name, "", "", ErrNotRiskSheet,
			fmt.Sprintf("ismapcheck が作成したリスク評価シートではありません（シート「%s」と非表示シート「%s」が必要です）", SheetRisk, SheetMeta),
			fmt.Sprintf("not a risk sheet written by ismapcheck (sheet %q and hidden sheet %q are required)", SheetRisk, SheetMeta))
	}
	bindings, err := rd.readMeta()
	if err != nil {
		return nil, nil, err
	}
	if err := rd.checkCase(); err != nil {
		return nil, nil, err
	}
	rows, err := rd.src.Rows(SheetRisk, maxRows+1)
	if err != nil {
		return nil, nil, refused(err, rd.name)
	}
	if len(rows) > maxRows {
		return nil, nil, fatal(rd.name, SheetRisk, "", ErrUnsafe, fmt.Sprintf("行数が多すぎます（%d行）", len(rows)), fmt.Sprintf("too many rows (%d)", len(rows)))
	}
	byRow := map[int]binding{}
	for _, b := range bindings {
		byRow[b.row] = b
	}
	seen := map[int]bool{}
	var out []checklist.Decision
	for i := HeaderRow; i < len(rows); i++ {
		row := i + 1
		cells := rows[i]
		get := func(key string) string {
			c := column(key)
			idx := int(c.Letter[0] - 'A')
			if idx < len(cells) {
				return cells[idx]
			}
			return ""
		}
		id := strings.TrimSpace(get("id"))
		b, bound := byRow[row]
		if id == "" && !bound {
			if rd.anyAgency(get) {
				rd.msg(checklist.SeverityError, "unbound_row", SheetRisk, "A"+strconv.Itoa(row), "",
					fmt.Sprintf("%d行目に記入がありますが、ツールが作成した行ではありません（判断は読み込まれません）", row),
					fmt.Sprintf("row %d holds entries but was not written by the tool (not read as a decision)", row))
			}
			continue
		}
		if !bound {
			rd.msg(checklist.SeverityError, "unbound_row", SheetRisk, "A"+strconv.Itoa(row), id,
				fmt.Sprintf("%d行目（ID %s）はツールが作成した行ではありません。行を追加・移動しないでください", row, id),
				fmt.Sprintf("row %d (ID %s) was not written by the tool; do not add or move rows", row, id))
			continue
		}
		seen[row] = true
		if id != b.id {
			rd.msg(checklist.SeverityError, "binding_mismatch", SheetRisk, "A"+strconv.Itoa(row), b.id,
				fmt.Sprintf("%d行目のIDが %q ですが、この行は %s の行として作成されました。行を並べ替え・編集しないでください", row, id, b.id),
				fmt.Sprintf("row %d shows ID %q but was written for %s; do not sort or edit rows", row, id, b.id))
			continue
		}
		d, ok := rd.decision(row, b, get)
		if ok {
			out = append(out, d)
		}
	}
	for _, b := range bindings {
		if seen[b.row] {
			continue
		}
		sev := checklist.SeverityWarning
		ja, en := fmt.Sprintf("%s の行（%d行目）が見つかりません", b.id, b.row), fmt.Sprintf("the row of %s (row %d) is missing", b.id, b.row)
		if b.digest != "" {
			sev = checklist.SeverityError
			ja += "。前回の判断が記載されていた行です"
			en += "; it held a carried-forward decision"
		}
		rd.msg(sev, "row_missing", SheetRisk, "A"+strconv.Itoa(b.row), b.id, ja, en)
	}
	return out, rd.msgs, nil
}

func (rd *reader) anyAgency(get func(string) string) bool {
	for _, c := range Columns {
		if c.Agency && strings.TrimSpace(get(c.Key)) != "" {
			return true
		}
	}
	return false
}

var reHex64 = regexp.MustCompile(`^[0-9a-f]{64}$`)

func (rd *reader) readMeta() ([]binding, error) {
	rows, err := rd.src.Rows(SheetMeta, maxRows+21)
	if err != nil {
		return nil, refused(err, rd.name)
	}
	if len(rows) > maxRows+20 {
		return nil, fatal(rd.name, SheetMeta, "", ErrUnsafe, "非表示シートの行数が多すぎます", "too many rows in the hidden sheet")
	}
	rd.meta = map[string]string{}
	bad := func(r int, ja, en string) error {
		return fatal(rd.name, SheetMeta, "A"+strconv.Itoa(r), ErrNotRiskSheet,
			"非表示シートの対応表が壊れています: "+ja+"。ツールで作り直してください", "the hidden binding sheet is damaged: "+en+"; generate the sheet again")
	}
	var out []binding
	inRows := false
	ids := map[int]bool{}
	for i, r := range rows {
		col := func(j int) string {
			if j < len(r) {
				return strings.TrimSpace(r[j])
			}
			return ""
		}
		switch {
		case !inRows && col(0) == MetaRows:
			inRows = true
		case !inRows && col(0) != "":
			rd.meta[col(0)] = col(1)
		case inRows && col(0) == "row":
			n, err := strconv.Atoi(col(1))
			if err != nil || n <= HeaderRow || n > maxRows {
				return nil, bad(i+1, fmt.Sprintf("行番号 %q", col(1)), fmt.Sprintf("row number %q", col(1)))
			}
			if ids[n] {
				return nil, bad(i+1, fmt.Sprintf("行 %d が重複", n), fmt.Sprintf("row %d bound twice", n))
			}
			ids[n] = true
			b := binding{row: n, id: col(2), answer: col(3), source: col(4), judged: col(5), judgedSrc: col(6), digest: col(7), kind: col(8), metaRow: i + 1, raw: r}
			if b.id == "" || !reHex64.MatchString(b.answer) || (b.judged != "" && !reHex64.MatchString(b.judged)) {
				return nil, bad(i+1, "IDまたはハッシュ値", "ID or hash")
			}
			out = append(out, b)
		}
	}
	if rd.meta[MetaKind] != Kind || !inRows {
		return nil, fatal(rd.name, SheetMeta, "", ErrNotRiskSheet, "リスク評価シートの識別情報がありません", "the risk-sheet metadata is missing")
	}
	if v := rd.meta[MetaFormat]; v != FormatVersion {
		return nil, fatal(rd.name, SheetMeta, "", ErrNotRiskSheet,
			fmt.Sprintf("このリスク評価シートの形式（%q）は読めません（対応: %s）", v, FormatVersion),
			fmt.Sprintf("risk-sheet format %q is not supported (supported: %s)", v, FormatVersion))
	}
	return out, nil
}

// decision reads the agency's cells of one row. ok is false when the
// agency wrote nothing there.
func (rd *reader) decision(row int, b binding, get func(string) string) (checklist.Decision, bool) {
	d := checklist.Decision{ID: b.id, File: rd.base, Sheet: SheetRisk, Row: row, Cells: map[string]string{}}
	for _, c := range Columns {
		if c.Agency {
			d.Cells[c.Key] = c.Letter + strconv.Itoa(row)
		}
	}
	problem := func(code, key, ja, en string) {
		d.Invalid = true
		c := column(key)
		rd.msg(checklist.SeverityError, code, SheetRisk, d.Cells[key], b.id,
			fmt.Sprintf("%s（%s）: %s", c.LabelJA, b.id, ja), fmt.Sprintf("%s (%s): %s", strings.ToLower(c.LabelEN), b.id, en))
	}
	wrote := false
	for _, c := range Columns {
		if !c.Agency {
			continue
		}
		raw := get(c.Key)
		if rd.sc.HasFormula(SheetRisk, d.Cells[c.Key]) {
			wrote = true
			problem("formula", c.Key, "数式は使えません。値を入力してください", "formulas are not accepted; enter a value")
			continue
		}
		// Only invisible characters (U+200B…) look blank and are blank.
		v := checklist.TrimInvisible(raw)
		if v == "" {
			continue
		}
		wrote = true
		switch c.Key {
		case "impact", "likelihood":
			r, ok := checklist.ParseRating(v)
			if !ok {
				problem("vocabulary", c.Key, fmt.Sprintf("%q は選択肢にありません（高・中・低）", v), fmt.Sprintf("%q is not one of high, medium, low (高/中/低)", v))
				continue
			}
			if c.Key == "impact" {
				d.Impact = r
			} else {
				d.Likelihood = r
			}
		case "treatment":
			t, ok := checklist.ParseTreatment(v)
			if !ok {
				problem("vocabulary", c.Key, fmt.Sprintf("%q は選択肢にありません（受容・低減・回避・移転・CSPに是正を要求）", v),
					fmt.Sprintf("%q is not one of accept, mitigate, avoid, transfer, require the CSP to fix", v))
				continue
			}
			d.Treatment = t
		case "due", "approved_on", "review_by":
			dt, err := xlsx.ParseDateCell(v, rd.d1904)
			if err != nil {
				problem("date", c.Key, fmt.Sprintf("%q は日付として読めません（2026-03-31、令和8年3月31日など）", v),
					fmt.Sprintf("%q is not a date (use 2026-03-31 or 令和8年3月31日)", v))
				continue
			}
			switch c.Key {
			case "due":
				d.Due = dt
			case "approved_on":
				d.ApprovedOn = dt
			default:
				d.ReviewBy = dt
			}
		case "compensating":
			d.Compensating = v
		case "owner":
			d.Owner = v
		case "approver":
			d.Approver = v
		}
	}
	if !wrote {
		return d, false
	}
	for _, e := range d.Validate() {
		d.Invalid = true
		rd.msg(checklist.SeverityError, "decision", SheetRisk, e.Cell, b.id, e.JA, e.EN)
	}
	// The binding: a carried decision keeps the answer it judged until
	// the agency changes one of its fields.
	d.AnswerHash, d.SourceSHA256 = b.answer, b.source
	if b.judged != "" && b.digest != "" && d.Digest() == b.digest {
		d.AnswerHash, d.SourceSHA256 = b.judged, b.judgedSrc
	}
	d.JudgedAnswer = snapshotFor(b.raw, b.id, d.AnswerHash)
	return d, true
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
