package risksheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/xuri/excelize/v2"
)

// Sentinels of the reader. ErrNotRiskSheet and ErrUnsafe wrap
// checklist.ErrInvalidInput (the file cannot be used at all); the others
// classify messages about single cells.
var (
	ErrNotRiskSheet = fmt.Errorf("%w: not a risk sheet written by ismapcheck", checklist.ErrInvalidInput)
	ErrUnsafe       = fmt.Errorf("%w: workbook refused by the safety checks", checklist.ErrInvalidInput)
	ErrVocabulary   = errors.New("value not in the drop-down list")
	ErrDate         = errors.New("bad date")
	ErrFormula      = errors.New("formula in an agency cell")
	ErrBinding      = errors.New("row does not match its binding")
)

// Limits for reading a risk sheet. A generated sheet has a few hundred rows
// and 20 columns; these leave room for hand edits and refuse the rest.
const (
	DefaultMaxFileSize = 20 << 20
	maxEntries         = 1000
	maxEntrySize       = 64 << 20
	maxTotalSize       = 256 << 20
	maxRatio           = 200
	ratioFloor         = 4 << 20
	maxRows            = 10000
	maxCols            = 50
)

// ReadOptions tune Read.
type ReadOptions struct {
	MaxFileSize int64 // 0 means DefaultMaxFileSize
}

// Read reads a risk sheet written by Write and filled by the agency. It
// returns every non-empty decision (decisions with errors too, flagged
// Invalid, so nothing the agency wrote is dropped) and the validation
// messages, located by file, sheet, cell and ID in Japanese and English.
// The error is non-nil only when the file cannot be used at all; it then
// is a *checklist.CellError wrapping checklist.ErrInvalidInput.
//
// A decision carried forward from an earlier sheet keeps the answer hash
// it judged as long as the agency leaves its fields as written; once any
// field changes, the decision is taken to judge the answer now shown.
func Read(r io.Reader, name string, opt ReadOptions) ([]checklist.Decision, []checklist.Message, error) {
	max := opt.MaxFileSize
	if max <= 0 {
		max = DefaultMaxFileSize
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, nil, fatal(name, "", "", ErrUnsafe, "ファイルを読めません: "+err.Error(), "cannot read the file: "+err.Error())
	}
	if int64(len(data)) > max {
		return nil, nil, fatal(name, "", "", ErrUnsafe,
			fmt.Sprintf("ファイルが大きすぎます（上限%dバイト）", max), fmt.Sprintf("the file is too large (limit %d bytes)", max))
	}
	if err := checkZip(data, name); err != nil {
		return nil, nil, err
	}
	f, err := openWorkbook(data)
	if err != nil {
		return nil, nil, fatal(name, "", "", ErrUnsafe, "ブックを開けません: "+err.Error(), "cannot open the workbook: "+err.Error())
	}
	defer f.Close()
	rd := &reader{f: f, name: name}
	return rd.read()
}

func openWorkbook(data []byte) (f *excelize.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("excelize: %v", r)
		}
	}()
	return excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxTotalSize, UnzipXMLSizeLimit: maxEntrySize})
}

func fatal(file, sheet, cell string, sentinel error, ja, en string) *checklist.CellError {
	return &checklist.CellError{File: file, Sheet: sheet, Cell: cell, JA: ja, EN: en, Err: sentinel}
}

// checkZip reads every entry of the archive to its end with limits on
// count, size and compression ratio before excelize sees it, so a zip
// bomb or a damaged archive is refused quickly and with a clear message.
func checkZip(data []byte, name string) error {
	refuse := func(ja, en string) error { return fatal(name, "", "", ErrUnsafe, ja, en) }
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return refuse("Excel ブック（.xlsx）ではありません", "not an Excel workbook (.xlsx)")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return refuse("ZIP構造が壊れています: "+err.Error(), "the zip structure is damaged: "+err.Error())
	}
	if len(zr.File) > maxEntries {
		return refuse(fmt.Sprintf("ZIP内のファイル数が多すぎます（%d）", len(zr.File)), fmt.Sprintf("too many zip entries (%d)", len(zr.File)))
	}
	var total int64
	buf := make([]byte, 32<<10)
	for _, zf := range zr.File {
		if zf.UncompressedSize64 > maxEntrySize {
			return refuse(fmt.Sprintf("ZIP内の %q が大きすぎます", zf.Name), fmt.Sprintf("zip entry %q is too large", zf.Name))
		}
		rc, err := zf.Open()
		if err != nil {
			return refuse(fmt.Sprintf("ZIP内の %q を読めません: %v", zf.Name, err), fmt.Sprintf("zip entry %q cannot be read: %v", zf.Name, err))
		}
		if isWorksheet(zf.Name) {
			err := scanSheet(&limitedReader{r: rc, n: maxEntrySize})
			rc.Close()
			if err != nil {
				return refuse(fmt.Sprintf("ワークシート %q を読めません: %v", zf.Name, err), fmt.Sprintf("worksheet %q refused: %v", zf.Name, err))
			}
			continue
		}
		var n int64
		for {
			k, rerr := rc.Read(buf)
			n += int64(k)
			total += int64(k)
			if n > maxEntrySize || total > maxTotalSize || (n > ratioFloor && n > maxRatio*int64(max(zf.CompressedSize64, 1))) {
				rc.Close()
				return refuse(fmt.Sprintf("ZIP内の %q の展開後サイズが上限を超えます（圧縮爆弾の疑い）", zf.Name),
					fmt.Sprintf("zip entry %q expands beyond the limits (possibly a zip bomb)", zf.Name))
			}
			if rerr == io.EOF {
				break
			}
			if rerr != nil {
				rc.Close()
				return refuse(fmt.Sprintf("ZIP内の %q が壊れています: %v", zf.Name, rerr), fmt.Sprintf("zip entry %q is damaged: %v", zf.Name, rerr))
			}
		}
		rc.Close()
	}
	return nil
}

type binding struct {
	row                       int
	id, answer, source        string
	judged, judgedSrc, digest string
	kind                      string
	metaRow                   int
}

type reader struct {
	f     *excelize.File
	name  string
	msgs  []checklist.Message
	meta  map[string]string
	d1904 bool
}

func (rd *reader) msg(sev checklist.Severity, code, sheet, cell, id, ja, en string) {
	rd.msgs = append(rd.msgs, checklist.Message{Severity: sev, Code: code, File: rd.name, Sheet: sheet, Cell: cell, ID: id, TextJA: ja, TextEN: en})
}

func (rd *reader) read() ([]checklist.Decision, []checklist.Message, error) {
	f := rd.f
	has := map[string]bool{}
	for _, s := range f.GetSheetList() {
		has[s] = true
	}
	if !has[SheetRisk] || !has[SheetMeta] {
		return nil, nil, fatal(rd.name, "", "", ErrNotRiskSheet,
			fmt.Sprintf("ismapcheck が作成したリスク評価シートではありません（シート「%s」と非表示シート「%s」が必要です）", SheetRisk, SheetMeta),
			fmt.Sprintf("not a risk sheet written by ismapcheck (sheet %q and hidden sheet %q are required)", SheetRisk, SheetMeta))
	}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		rd.d1904 = *p.Date1904
	}
	bindings, err := rd.readMeta()
	if err != nil {
		return nil, nil, err
	}
	rows, err := f.GetRows(SheetRisk, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, fatal(rd.name, SheetRisk, "", ErrUnsafe, "シートを読めません: "+err.Error(), "cannot read the sheet: "+err.Error())
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
	rows, err := rd.f.GetRows(SheetMeta, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fatal(rd.name, SheetMeta, "", ErrNotRiskSheet, "非表示シートを読めません: "+err.Error(), "cannot read the hidden sheet: "+err.Error())
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
			b := binding{row: n, id: col(2), answer: col(3), source: col(4), judged: col(5), judgedSrc: col(6), digest: col(7), kind: col(8), metaRow: i + 1}
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
	d := checklist.Decision{ID: b.id, File: rd.name, Sheet: SheetRisk, Row: row, Cells: map[string]string{}}
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
		if fm, _ := rd.f.GetCellFormula(SheetRisk, d.Cells[c.Key]); fm != "" {
			wrote = true
			problem("formula", c.Key, "数式は使えません。値を入力してください", "formulas are not accepted; enter a value")
			continue
		}
		v := strings.TrimSpace(raw)
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
	return d, true
}

func isWorksheet(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, "\\", "/"))
	return strings.HasPrefix(n, "xl/worksheets/") && strings.HasSuffix(n, ".xml") && !strings.Contains(n, "_rels")
}

// limitedReader fails once more than n bytes were read.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	k, err := l.r.Read(p)
	l.n -= int64(k)
	if l.n < 0 {
		return k, errors.New("worksheet too large")
	}
	return k, err
}

// scanSheet streams a worksheet and refuses rows beyond maxRows and
// columns beyond maxCols, which would make excelize allocate without
// bound (a stray cell at XFD1048576).
func scanSheet(r io.Reader) error {
	d := xml.NewDecoder(r)
	d.Strict = true
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range se.Attr {
			if a.Name.Local != "r" || a.Name.Space != "" {
				continue
			}
			switch se.Name.Local {
			case "row":
				n, err := strconv.Atoi(a.Value)
				if err != nil || n < 1 || n > maxRows {
					return fmt.Errorf("row %q outside rows 1-%d", a.Value, maxRows)
				}
			case "c":
				col, row, err := excelize.CellNameToCoordinates(a.Value)
				if err != nil || row > maxRows || col > maxCols {
					return fmt.Errorf("cell %q outside the readable area", a.Value)
				}
			}
		}
	}
}
