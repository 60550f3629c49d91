package xlsx

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// Message codes of an assessment. They are stable: scripts may match on
// them. Severity E = error (the CLI exits 1), W = warning.
//
//	code                      sev  meaning
//	macros_ignored            W    the workbook carries VBA macros (.xlsm); they were not run
//	metadata_missing          W    the hidden metadata sheet is gone; the checklist was found by its labels
//	edition_unknown           W    the workbook does not say which edition it was generated from
//	edition_mismatch          E    the workbook's edition differs from the catalogue used (both named)
//	edition_fingerprint       W    same edition ID, but the catalogue file differs from the one generated from
//	sheet_renamed             W    the checklist was found on another sheet than the generated one
//	header_moved              W    the header row is not where the workbook was generated with it
//	column_moved              W    a checklist column is not in its generated column
//	column_missing            E/W  an answer column (E) or the title/summary column (W) is missing
//	missing_id                E    a requirement of the catalogue has no row (deleted row)
//	duplicate_id              E    two rows carry the same requirement ID (both cells named)
//	unknown_id                E/W  a row's ID is not a requirement of the catalogue (E when it holds answers)
//	answer_on_heading         W    an answer cell filled on a heading row
//	orphan_cell               W    a value in an answer column of a row without an ID (below the table, …)
//	extra_cell                W    values in a column that is not part of the checklist
//	text_changed              E    a locked title or summary cell differs from the catalogue
//	formula                   E    a formula in a cell the reader uses; its cached value is not trusted
//	formula_ignored           W    a formula elsewhere in the workbook (not used)
//	invalid_status            E    the status is none of the allowed values (listed in the message)
//	invalid_responsibility    E    the responsibility is none of the allowed values
//	invalid_date              E    a date cell holds no date this tool reads
//	text_too_long             W    a cell holds more than 32,767 characters (Excel's limit); kept whole
//	na_on_governance_management
//	                          W    対象外 on a governance or management item: they apply in principle, all of
//	                               them, so it is a known answer that falls short (was na_not_allowed, E)
//	na_without_reason         E/W  対象外 without a reason (W on a governance or management item)
//	objective_conforms_b_short
//	                          W    a B control 一部適合 / 不適合 / 対象外 under an objective answered 適合
//	inherited_unregistered    W    responsibility 継承 while the cover does not say the underlying service is registered
//	shortfall_without_reason  W    一部適合 / 不適合 without a reason
//	shortfall_without_date    W    一部適合 / 不適合 without a planned date
//	planned_date_past         W    the planned date lies before the reading date
//	b_without_evidence        W    適合 on a B detailed control without evidence
//	cover_missing             E    the cover sheet cannot be found
//	cover_field_missing       W    a cover field cannot be found (label changed, row deleted)
//	cover_orphan              W    a value on the cover outside the fields
//	invalid_choice            E    a cover choice is none of the allowed values (listed)
//	invalid_email             W    the respondent e-mail has no "@"
//	extra_sheet               W    a sheet the workbook was not generated with holds values (not read)
//
// A hash stored in the workbook (edition_sha256 in the metadata) only says
// which catalogue the workbook was generated from; it is no proof that the
// locked cells are unchanged, since the respondent can recompute it. The
// reader therefore compares every locked title and summary with the
// catalogue itself.
const (
	CodeMacros             = "macros_ignored"
	CodeMetadataMissing    = "metadata_missing"
	CodeEditionUnknown     = "edition_unknown"
	CodeEditionMismatch    = "edition_mismatch"
	CodeEditionFingerprint = "edition_fingerprint"
	CodeSheetRenamed       = "sheet_renamed"
	CodeHeaderMoved        = "header_moved"
	CodeColumnMoved        = "column_moved"
	CodeColumnMissing      = "column_missing"
	CodeMissingID          = "missing_id"
	CodeDuplicateID        = "duplicate_id"
	CodeUnknownID          = "unknown_id"
	CodeAnswerOnHeading    = "answer_on_heading"
	CodeOrphanCell         = "orphan_cell"
	CodeExtraCell          = "extra_cell"
	CodeTextChanged        = "text_changed"
	CodeFormula            = "formula"
	CodeFormulaIgnored     = "formula_ignored"
	CodeInvalidStatus      = "invalid_status"
	CodeInvalidResp        = "invalid_responsibility"
	CodeInvalidDate        = "invalid_date"
	CodeTextTooLong        = "text_too_long"
	CodeNAOnGovMgmt        = "na_on_governance_management"
	CodeNAWithoutReason    = "na_without_reason"
	CodeShortfallNoReason  = "shortfall_without_reason"
	CodeShortfallNoDate    = "shortfall_without_date"
	CodePlannedDatePast    = "planned_date_past"
	CodeBWithoutEvidence   = "b_without_evidence"
	CodeCoverMissing       = "cover_missing"
	CodeCoverFieldMissing  = "cover_field_missing"
	CodeCoverOrphan        = "cover_orphan"
	CodeInvalidChoice      = "invalid_choice"
	CodeInvalidEmail       = "invalid_email"
	CodeExtraSheet         = "extra_sheet"

	CodeObjectiveConformsBShort = string(checklist.WarningObjectiveConformsBShort)
	CodeInheritedUnregistered   = "inherited_unregistered"
)

// MaxCellChars is Excel's limit on the characters (UTF-16 code units) of
// one cell. Longer text can only come from a tool writing the XML directly;
// it is kept whole and reported (text_too_long).
const MaxCellChars = 32767

// MaxSheetText bounds the text of all cells of one sheet as read, a
// shared string counted once per cell that uses it.
const MaxSheetText = 64 << 20

// headerSearchRows is how far down a sheet the header row is looked for.
const headerSearchRows = 200

// ReadOptions tunes Read. The zero value reads with the defaults.
type ReadOptions struct {
	// MaxFileSize caps the file (and, for an encrypted file, the
	// decrypted package) in bytes; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Password opens a password-protected (encrypted OOXML) workbook.
	Password string
	// Today is the reading date for planned_date_past; zero skips the rule.
	Today checklist.Date
	// Tool is recorded in Assessment.Tool.
	Tool string
	// Editions, when set, holds the catalogues a workbook may be read
	// against, by edition ID: when the workbook's metadata names another
	// edition than the catalogue passed to Read and Editions holds it, the
	// workbook is read against its own edition (picked once, before the
	// checklist is read). Leave it nil when the user chose the edition: a
	// difference is then an edition_mismatch error. Read only reads it.
	Editions map[string]*checklist.Catalog
}

func (o ReadOptions) maxFileSize() int64 {
	if o.MaxFileSize > 0 {
		return o.MaxFileSize
	}
	return DefaultMaxFileSize
}

// ReadFrom reads at most opt's MaxFileSize bytes from r and calls Read.
func ReadFrom(r io.Reader, name string, cat *checklist.Catalog, opt ReadOptions) (*checklist.Assessment, error) {
	limit := opt.maxFileSize()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading %q: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fatal(name, "", "", ErrTooLarge,
			fmt.Sprintf("ファイルが大きすぎます（上限%dバイト。--max-size で変更できます）", limit),
			fmt.Sprintf("the file is too large (limit %d bytes; see --max-size)", limit))
	}
	return Read(data, name, cat, opt)
}

// Read reads a completed checklist workbook. name is used as given in the
// error, and as its base name in Assessment.Source and every
// Message.File: the assessment records no directory, so the same
// workbook read through another path gives the same assessment (and the
// same report). The error is non-nil only
// when the file cannot be used at all: it is then a *checklist.CellError
// whose Err wraps one of the sentinels above and checklist.ErrInvalidInput.
// Everything else (wrong answers, changed text, deleted rows…) becomes a
// Message of the assessment. Read never modifies data and is safe for
// concurrent use with the same catalogue.
func Read(data []byte, name string, cat *checklist.Catalog, opt ReadOptions) (a *checklist.Assessment, err error) {
	if cat == nil {
		return nil, errors.New("xlsx.Read: no catalogue (internal error)")
	}
	sc, err := Prescan(data, name, ScanOptions{Limits: Limits{FileSize: opt.maxFileSize()}, Password: opt.Password})
	if err != nil {
		return nil, err
	}
	defer func() {
		// excelize on input the pre-scan let through must not take the
		// process down; such a file is reported as damaged.
		if r := recover(); r != nil {
			a, err = nil, fatal(name, "", "", ErrCorrupt,
				fmt.Sprintf("ブックを読み取れません（%v）", r), fmt.Sprintf("the workbook cannot be read (%v)", r))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(sc.Zip), excelize.Options{
		UnzipSizeLimit:    MaxTotalSize,
		UnzipXMLSizeLimit: MaxTotalSize, // never spill parts to temporary files
	})
	if err != nil {
		return nil, fatal(name, "", "", ErrCorrupt,
			"ブックを読み取れません: "+err.Error(), "the workbook cannot be read: "+err.Error())
	}
	defer f.Close()
	sum := sha256.Sum256(data)
	r := &reader{
		name: name, base: filepath.Base(name), opt: opt, sc: sc, f: f,
		a: &checklist.Assessment{
			Kind:          checklist.AssessmentKind,
			SchemaVersion: checklist.AssessmentSchemaVersion,
			Tool:          opt.Tool,
			Source:        checklist.Source{Name: filepath.Base(name), Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])},
		},
		used:     map[string]map[string]bool{},
		meta:     map[string]string{},
		rowmap:   map[int]string{},
		answers:  map[string]*checklist.Answer{},
		firstRow: map[string]int{},
	}
	r.useCatalog(cat)
	if err := r.run(); err != nil {
		return nil, err
	}
	return r.a, nil
}

// useCatalog makes cat the catalogue the workbook is read against.
func (r *reader) useCatalog(cat *checklist.Catalog) {
	r.cat = cat
	r.a.Edition, r.a.EditionFingerprint = cat.Edition.ID, cat.Edition.SHA256
	r.items = make(map[string]checklist.Item, len(cat.Items))
	for _, it := range cat.Items {
		if _, dup := r.items[it.ID]; !dup {
			r.items[it.ID] = it
		}
	}
}

type reader struct {
	name string // as given, for errors
	base string // filepath.Base(name), for messages
	cat  *checklist.Catalog
	opt  ReadOptions
	sc   *ScanResult
	f    *excelize.File
	a    *checklist.Assessment

	items   map[string]checklist.Item
	used    map[string]map[string]bool // sheet → cells already reported or used
	meta    map[string]string
	rowmap  map[int]string // generated row → requirement ID
	hasMeta bool

	coverSheet string     // cover sheet as found
	sheet      string     // checklist sheet
	rows       [][]string // checklist sheet, rows[0] is row 1
	header     int        // header row number
	col        map[string]int
	answers    map[string]*checklist.Answer
	firstRow   map[string]int
}

func (r *reader) add(sev checklist.Severity, code, sheet, cell, id, ja, en string) {
	r.a.Messages = append(r.a.Messages, checklist.Message{
		Severity: sev, Code: code, File: r.base, Sheet: sheet, Cell: cell, ID: id, TextJA: ja, TextEN: en,
	})
}

func (r *reader) markUsed(sheet, cell string) {
	m := r.used[sheet]
	if m == nil {
		m = map[string]bool{}
		r.used[sheet] = m
	}
	m[cell] = true
}

func (r *reader) run() error {
	if r.sc.Macros {
		r.add(checklist.SeverityWarning, CodeMacros, "", "", "",
			"マクロ（VBA）を含むブック（.xlsm）です。マクロは実行せず無視しました",
			"the workbook contains VBA macros (.xlsm); they were ignored, not run")
	}
	if err := r.readMeta(); err != nil {
		return err
	}
	if ed := r.meta[MetaEdition]; ed != "" && ed != r.cat.Edition.ID {
		if c := r.opt.Editions[ed]; c != nil && c.Edition.ID == ed {
			r.useCatalog(c)
		}
	}
	r.checkEdition()
	if err := r.findChecklist(); err != nil {
		return err
	}
	r.readChecklist()
	if err := r.readCover(); err != nil {
		return err
	}
	if err := r.readAnnotations(); err != nil {
		return err
	}
	r.checkAcrossAnswers()
	if err := r.reportExtraSheets(); err != nil {
		return err
	}
	r.reportFormulas()
	sortMessages(r.a.Messages)
	if r.a.Messages == nil {
		r.a.Messages = []checklist.Message{}
	}
	return nil
}

// sheetRows reads a whole sheet (see ReadRows).
func (r *reader) sheetRows(sheet string, limit int) ([][]string, error) {
	return ReadRows(r.f, r.name, sheet, limit)
}

// ReadRows reads sheet of f, a workbook Prescan accepted, with Rows()
// (never the cell getters) and raw values: numbers as stored, strings
// resolved. It returns at most limit rows of at most MaxCols cells
// (rows[0] is row 1), without the trailing empty rows. A sheet whose cells
// hold more than MaxSheetText bytes of text as read is refused with
// ErrZipBomb: one shared string used by every cell must not expand a small
// file into gigabytes. Errors are *checklist.CellError naming file and
// sheet.
func ReadRows(f *excelize.File, file, sheet string, limit int) ([][]string, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fatal(file, sheet, "", ErrCorrupt,
			"シートを読み取れません: "+err.Error(), "the sheet cannot be read: "+err.Error())
	}
	defer rows.Close()
	var out [][]string
	var text int64
	for rows.Next() {
		if len(out) >= limit {
			break
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fatal(file, sheet, cellName(1, len(out)+1), ErrCorrupt,
				"行を読み取れません: "+err.Error(), "a row cannot be read: "+err.Error())
		}
		if len(cols) > MaxCols {
			cols = cols[:MaxCols]
		}
		// Count the text as the cells see it, a shared string once per
		// cell that uses it.
		for _, c := range cols {
			text += int64(len(c))
		}
		if text > MaxSheetText {
			return nil, fatal(file, sheet, cellName(1, len(out)+1), ErrZipBomb,
				fmt.Sprintf("シートのセルの文字量が上限（%dバイト）を超えます", MaxSheetText),
				fmt.Sprintf("the cells of the sheet hold more than %d bytes of text", MaxSheetText))
		}
		out = append(out, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, fatal(file, sheet, "", ErrCorrupt,
			"シートを読み取れません: "+err.Error(), "the sheet cannot be read: "+err.Error())
	}
	// Trailing empty rows carry nothing.
	for len(out) > 0 && rowEmpty(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	return out, nil
}

func rowEmpty(cols []string) bool {
	for _, c := range cols {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// at returns the cell at column col (1-based) of row (1-based).
func at(rows [][]string, row, col int) string {
	if row < 1 || row > len(rows) || col < 1 || col > len(rows[row-1]) {
		return ""
	}
	return rows[row-1][col-1]
}

func (r *reader) hasSheet(name string) bool {
	for _, s := range r.sc.Sheets {
		if s.Name == name {
			return true
		}
	}
	return false
}

// readMeta reads the metadata sheet (key in A, value in B; then the row
// map: a generated row number in A, its requirement ID in B), or, when the
// sheet is gone, the custom document properties "ismapcheck.<key>".
func (r *reader) readMeta() error {
	if r.hasSheet(SheetMeta) {
		rows, err := r.sheetRows(SheetMeta, MaxRows)
		if err != nil {
			return err
		}
		r.hasMeta = true
		for _, row := range rows {
			k := strings.TrimSpace(at([][]string{row}, 1, 1))
			v := strings.TrimSpace(at([][]string{row}, 1, 2))
			if k == "" {
				continue
			}
			if n, err := strconv.Atoi(k); err == nil && n > 0 {
				if id, err := checklist.CanonicalID(v); err == nil {
					r.rowmap[n] = id
				}
				continue
			}
			if k == MetaRowMap || k == "row" {
				// "row" rows: the generated row in B or C, the ID in the other.
				c := strings.TrimSpace(at([][]string{row}, 1, 3))
				if n, err := strconv.Atoi(v); err == nil && n > 0 {
					if id, err := checklist.CanonicalID(c); err == nil {
						r.rowmap[n] = id
					}
				} else if n, err := strconv.Atoi(c); err == nil && n > 0 {
					if id, err := checklist.CanonicalID(v); err == nil {
						r.rowmap[n] = id
					}
				}
				continue
			}
			if _, seen := r.meta[k]; !seen {
				r.meta[k] = v
			}
		}
		return nil
	}
	props, err := r.f.GetCustomProps()
	if err == nil {
		for _, p := range props {
			if k, ok := strings.CutPrefix(p.Name, "ismapcheck."); ok {
				r.meta[k] = strings.TrimSpace(fmt.Sprint(p.Value))
			}
		}
	}
	r.add(checklist.SeverityWarning, CodeMetadataMissing, "", "", "",
		fmt.Sprintf("非表示の管理シート「%s」がありません。チェックリストを見出しの文言とIDで探して読み取りました", SheetMeta),
		fmt.Sprintf("the hidden metadata sheet %q is missing; the checklist was found by its header labels and IDs", SheetMeta))
	return nil
}

func (r *reader) checkEdition() {
	ed := r.meta[MetaEdition]
	switch {
	case ed == "":
		r.add(checklist.SeverityWarning, CodeEditionUnknown, "", "", "",
			fmt.Sprintf("ブックに管理基準の版が記録されていません。版 %s として読み取りました", r.cat.Edition.ID),
			fmt.Sprintf("the workbook does not record its edition of the criteria; read as edition %s", r.cat.Edition.ID))
	case ed != r.cat.Edition.ID:
		r.add(checklist.SeverityError, CodeEditionMismatch, "", "", "",
			fmt.Sprintf("ブックは版 %s で作成されていますが、版 %s のカタログで読み取りました（--edition で版を指定できます）", ed, r.cat.Edition.ID),
			fmt.Sprintf("the workbook was generated for edition %s but was read with the catalogue of edition %s (choose with --edition)", ed, r.cat.Edition.ID))
	case r.meta[MetaEditionSHA256] != "" && r.cat.Edition.SHA256 != "" && !strings.EqualFold(r.meta[MetaEditionSHA256], r.cat.Edition.SHA256):
		r.add(checklist.SeverityWarning, CodeEditionFingerprint, "", "", "",
			fmt.Sprintf("版 %s ですが、作成時のカタログファイル（SHA-256 %s）と読み取りに使ったもの（%s）が異なります", ed, short(r.meta[MetaEditionSHA256]), short(r.cat.Edition.SHA256)),
			fmt.Sprintf("edition %s, but the catalogue file differs from the one the workbook was generated with (SHA-256 %s, now %s)", ed, short(r.meta[MetaEditionSHA256]), short(r.cat.Edition.SHA256)))
	}
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// findHeader looks for the header row in the first rows: the row where the
// ID and status columns and at least one more are named. It returns the
// row number and the column (1-based) of each key found.
func findHeader(rows [][]string, prefer int) (int, map[string]int) {
	try := func(n int) map[string]int {
		if n < 1 || n > len(rows) {
			return nil
		}
		cols := map[string]int{}
		for ci, cell := range rows[n-1] {
			if strings.TrimSpace(cell) == "" {
				continue
			}
			for _, c := range Columns {
				if _, done := cols[c.Key]; done {
					continue
				}
				if headerMatches(cell, c) {
					cols[c.Key] = ci + 1
					break
				}
			}
		}
		if cols["id"] == 0 || cols["status"] == 0 || len(cols) < 3 {
			return nil
		}
		return cols
	}
	if m := try(prefer); m != nil {
		return prefer, m
	}
	for n := 1; n <= len(rows) && n <= headerSearchRows; n++ {
		if m := try(n); m != nil {
			return n, m
		}
	}
	return 0, nil
}

// findChecklist locates the checklist: the generated sheet first, then
// every other sheet in tab order, by its header labels.
func (r *reader) findChecklist() error {
	prefer, _ := strconv.Atoi(r.meta[MetaHeaderRow])
	var order []string
	if r.hasSheet(SheetChecklist) {
		order = append(order, SheetChecklist)
	}
	for _, s := range r.sc.Sheets {
		if s.Name != SheetChecklist && s.Name != SheetMeta && s.Name != SheetLists && s.Name != SheetCover && s.Name != SheetCorrections {
			order = append(order, s.Name)
		}
	}
	for _, s := range order {
		rows, err := r.sheetRows(s, MaxRows)
		if err != nil {
			return err
		}
		h, cols := findHeader(rows, prefer)
		if h == 0 {
			continue
		}
		r.sheet, r.rows, r.header, r.col = s, rows, h, cols
		if s != SheetChecklist {
			r.add(checklist.SeverityWarning, CodeSheetRenamed, s, cellName(cols["id"], h), "",
				fmt.Sprintf("シート「%s」が見つからないため、見出しからシート「%s」をチェックリストとして読み取りました", SheetChecklist, s),
				fmt.Sprintf("sheet %q was not found; read sheet %q as the checklist, found by its header", SheetChecklist, s))
		}
		if prefer > 0 && h != prefer {
			r.add(checklist.SeverityWarning, CodeHeaderMoved, s, cellName(cols["id"], h), "",
				fmt.Sprintf("見出し行が%d行目から%d行目に移動しています（行の挿入・削除）。IDで照合しました", prefer, h),
				fmt.Sprintf("the header row moved from row %d to row %d (rows inserted or deleted); rows were matched by ID", prefer, h))
		}
		r.checkColumns()
		return nil
	}
	ja := fmt.Sprintf("チェックリストのシートが見つかりません（シート「%s」も、「ID」「適合状況」の見出しを持つシートもありません）", SheetChecklist)
	en := fmt.Sprintf("the checklist sheet is missing: no sheet %q and no sheet with an \"ID\" and a \"Status\" header", SheetChecklist)
	return fatal(r.name, "", "", ErrMissingSheet, ja, en)
}

func (r *reader) checkColumns() {
	for _, c := range Columns {
		got := r.col[c.Key]
		switch {
		case got == 0 && (c.Answer || c.Key == "title" || c.Key == "summary"):
			sev := checklist.SeverityWarning
			if c.Answer {
				sev = checklist.SeverityError
			}
			r.add(sev, CodeColumnMissing, r.sheet, cellName(1, r.header), "",
				fmt.Sprintf("見出し行に列「%s」がありません。この列の回答は読み取れません", c.LabelJA),
				fmt.Sprintf("the header row has no %q column; its values cannot be read", c.LabelEN))
		case got != 0 && r.hasMeta && colName(got) != c.Letter:
			r.add(checklist.SeverityWarning, CodeColumnMoved, r.sheet, cellName(got, r.header), "",
				fmt.Sprintf("列「%s」が%s列から%s列に移動しています。見出しで読み取りました", c.LabelJA, c.Letter, colName(got)),
				fmt.Sprintf("column %q moved from %s to %s; read by its header", c.LabelEN, c.Letter, colName(got)))
		}
	}
}

// cellAt returns the value and address of column key in row n.
func (r *reader) cellAt(n int, key string) (string, string) {
	c := r.col[key]
	if c == 0 {
		return "", ""
	}
	return at(r.rows, n, c), cellName(c, n)
}

func (r *reader) readChecklist() {
	mapped := map[int]bool{}
	for _, c := range r.col {
		mapped[c] = true
	}
	extra := map[int][]string{} // column → cells
	for n := r.header + 1; n <= len(r.rows); n++ {
		row := r.rows[n-1]
		for ci, v := range row {
			if !mapped[ci+1] && strings.TrimSpace(v) != "" {
				extra[ci+1] = append(extra[ci+1], cellName(ci+1, n))
			}
		}
		raw, idCell := r.cellAt(n, "id")
		r.markUsed(r.sheet, idCell)
		if r.sc.HasFormula(r.sheet, idCell) {
			r.formulaError(r.sheet, idCell, "", raw)
		}
		rawID := strings.TrimSpace(raw)
		if rawID == "" {
			r.orphans(n, CodeOrphanCell, "", "IDのない行",
				"a row without an ID")
			continue
		}
		it, ok := r.items[strings.ToLower(rawID)]
		if !ok {
			if id, err := checklist.CanonicalID(rawID); err == nil {
				it, ok = r.items[id]
			}
		}
		switch {
		case !ok:
			sev := checklist.SeverityWarning
			if r.rowHasAnswers(n) {
				sev = checklist.SeverityError
			}
			r.add(sev, CodeUnknownID, r.sheet, idCell, clip(rawID, 40),
				fmt.Sprintf("ID %q は版 %s の基本言明要件にありません。この行の回答はどの要件にも結び付けられません", clip(rawID, 40), r.cat.Edition.ID),
				fmt.Sprintf("ID %q is not a basic statement requirement of edition %s; the answers on this row belong to no requirement", clip(rawID, 40), r.cat.Edition.ID))
			r.orphans(n, "", it.ID, "", "")
		case !it.Level.IsRequirement():
			r.orphans(n, CodeAnswerOnHeading, it.ID, "見出し行（回答欄ではありません）", "a heading row (not an answer row)")
		default:
			if first, dup := r.firstRow[it.ID]; dup {
				fc := cellName(r.col["id"], first)
				r.add(checklist.SeverityError, CodeDuplicateID, r.sheet, idCell, it.ID,
					fmt.Sprintf("ID %s の行が2つあります（%s と %s）。先の行の回答を採り、回答を不確定としました", it.ID, fc, idCell),
					fmt.Sprintf("ID %s appears on two rows (%s and %s); the first row was used and the answer marked unknown", it.ID, fc, idCell))
				r.answers[it.ID].Unknown = true
				r.orphans(n, "", it.ID, "", "")
				continue
			}
			r.firstRow[it.ID] = n
			r.answers[it.ID] = r.readAnswer(n, it)
		}
	}
	cols := make([]int, 0, len(extra))
	for c := range extra {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	for _, c := range cols {
		cells := extra[c]
		list := strings.Join(cells[:min(len(cells), 10)], ", ")
		if len(cells) > 10 {
			list += ", …"
		}
		r.add(checklist.SeverityWarning, CodeExtraCell, r.sheet, cells[0], "",
			fmt.Sprintf("チェックリストの列ではない%s列に値が%d件あります（%s）。読み取っていません", colName(c), len(cells), list),
			fmt.Sprintf("column %s is not a checklist column but holds %d value(s) (%s); they were not read", colName(c), len(cells), list))
	}
	for _, it := range r.cat.Requirements() {
		ans := r.answers[it.ID]
		if ans == nil {
			ans = &checklist.Answer{ID: it.ID, Status: checklist.StatusUnanswered, Unknown: true}
			ja := fmt.Sprintf("要件 %s の行がありません（行の削除）。未回答として扱います", it.ID)
			en := fmt.Sprintf("requirement %s has no row (deleted?); treated as unanswered", it.ID)
			for row, id := range r.rowmap {
				if id == it.ID {
					ja = fmt.Sprintf("要件 %s の行がありません（作成時は%d行目）。未回答として扱います", it.ID, row)
					en = fmt.Sprintf("requirement %s has no row (row %d when generated); treated as unanswered", it.ID, row)
				}
			}
			r.add(checklist.SeverityError, CodeMissingID, r.sheet, "", it.ID, ja, en)
		}
		r.a.Answers = append(r.a.Answers, *ans)
	}
}

func (r *reader) rowHasAnswers(n int) bool {
	for _, c := range Columns {
		if v, _ := r.cellAt(n, c.Key); c.Answer && strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

// orphans reports every non-empty answer cell of row n that belongs to no
// requirement. With code "" the cells are only marked as used: the row's
// message already names them.
func (r *reader) orphans(n int, code, id, whatJA, whatEN string) {
	for _, c := range Columns {
		if !c.Answer {
			continue
		}
		v, cell := r.cellAt(n, c.Key)
		if strings.TrimSpace(v) == "" {
			continue
		}
		if code == "" {
			// Quote the value so nothing is lost.
			r.add(checklist.SeverityWarning, CodeOrphanCell, r.sheet, cell, id,
				fmt.Sprintf("どの要件にも結び付かない%sの値: %q", c.LabelJA, clip(v, 200)),
				fmt.Sprintf("%s value belonging to no requirement: %q", c.LabelEN, clip(v, 200)))
			continue
		}
		r.add(checklist.SeverityWarning, code, r.sheet, cell, id,
			fmt.Sprintf("%sに%sの値があります。読み取っていません: %q", whatJA, c.LabelJA, clip(v, 200)),
			fmt.Sprintf("%s has a %s value that was not read: %q", whatEN, c.LabelEN, clip(v, 200)))
	}
}

func (r *reader) formulaError(sheet, cell, id, cached string) {
	r.markUsed(sheet, cell)
	r.add(checklist.SeverityError, CodeFormula, sheet, cell, id,
		fmt.Sprintf("セルに数式があります。数式の計算結果（%q）は信用できないため読み取っていません。値を直接入力してください", clip(cached, 80)),
		fmt.Sprintf("the cell holds a formula; its cached result (%q) cannot be trusted and was not read; type the value instead", clip(cached, 80)))
}

// readAnswer reads requirement row n.
func (r *reader) readAnswer(n int, it checklist.Item) *checklist.Answer {
	ans := &checklist.Answer{ID: it.ID, Status: checklist.StatusUnanswered, Sheet: r.sheet, Row: n, Cells: map[string]string{}}
	r.checkLocked(n, it)
	get := func(key string) (string, string, bool) {
		v, cell := r.cellAt(n, key)
		if cell == "" {
			return "", "", false
		}
		ans.Cells[key] = cell
		r.markUsed(r.sheet, cell)
		if r.sc.HasFormula(r.sheet, cell) {
			r.formulaError(r.sheet, cell, it.ID, v)
			ans.Unknown = true
			return "", cell, false
		}
		return v, cell, true
	}
	text := func(key string) string {
		v, cell, ok := get(key)
		if !ok {
			return ""
		}
		v = strings.TrimSpace(v)
		r.checkLength(cell, it.ID, v)
		return v
	}
	if v, cell, ok := get("status"); ok {
		st, good := parseStatus(v)
		if !good {
			ja, en := allowedStatuses()
			r.add(checklist.SeverityError, CodeInvalidStatus, r.sheet, cell, it.ID,
				fmt.Sprintf("適合状況 %q は選択肢にありません。%s のいずれかを選んでください", clip(v, 80), ja),
				fmt.Sprintf("status %q is not one of the choices: %s (or the Japanese labels)", clip(v, 80), en))
			ans.Unknown = true
		} else {
			ans.Status = st
		}
	}
	ans.Implementation = text("implementation")
	ans.Evidence = text("evidence")
	ans.Reason = text("reason")
	ans.Remarks = text("remarks")
	if v, cell, ok := get("planned_date"); ok && strings.TrimSpace(v) != "" {
		d, err := r.parseDateCell(v)
		if err != nil {
			r.add(checklist.SeverityError, CodeInvalidDate, r.sheet, cell, it.ID,
				fmt.Sprintf("対応予定日 %q を日付として読めません（2026-03-31、令和8年3月31日 などで入力してください）", clip(v, 80)),
				fmt.Sprintf("planned date %q is not a date this tool reads (write 2026-03-31 or 令和8年3月31日)", clip(v, 80)))
		} else {
			ans.PlannedDate = d
		}
	}
	if v, cell, ok := get("responsibility"); ok && strings.TrimSpace(v) != "" {
		resp, good := parseResponsibility(v)
		if !good {
			ja, en := allowedResponsibilities()
			r.add(checklist.SeverityError, CodeInvalidResp, r.sheet, cell, it.ID,
				fmt.Sprintf("責任分界 %q は選択肢にありません。%s のいずれかを選んでください", clip(v, 80), ja),
				fmt.Sprintf("responsibility %q is not one of the choices: %s", clip(v, 80), en))
		} else {
			ans.Responsibility = resp
		}
	}
	r.checkRules(ans, it)
	return ans
}

// checkLocked compares the locked title and summary cells with the
// catalogue. The writer puts the Japanese text, the English one or both
// ("ja\nen"); any of them is accepted, white space and width folded.
func (r *reader) checkLocked(n int, it checklist.Item) {
	for _, f := range []struct{ key, ja, en, labelJA, labelEN string }{
		{"title", it.TitleJA, it.TitleEN, "項目名", "title"},
		{"summary", it.SummaryJA, it.SummaryEN, "概要", "summary"},
	} {
		v, cell := r.cellAt(n, f.key)
		if cell == "" {
			continue
		}
		r.markUsed(r.sheet, cell)
		if r.sc.HasFormula(r.sheet, cell) {
			r.formulaError(r.sheet, cell, it.ID, v)
			continue
		}
		if lockedMatches(v, f.ja, f.en) {
			continue
		}
		want := f.ja
		if isASCII(v) {
			want = f.en
		}
		r.add(checklist.SeverityError, CodeTextChanged, r.sheet, cell, it.ID,
			fmt.Sprintf("%s の%sが版 %s のカタログと異なります（変更禁止のセル）。セルの値: %q、カタログ: %q", it.ID, f.labelJA, r.cat.Edition.ID, clip(v, 120), clip(want, 120)),
			fmt.Sprintf("the %s of %s differs from the catalogue of edition %s (a locked cell): cell %q, catalogue %q", f.labelEN, it.ID, r.cat.Edition.ID, clip(v, 120), clip(want, 120)))
	}
}

func lockedMatches(v, ja, en string) bool {
	got := foldTight(v)
	j, e := foldTight(ja), foldTight(en)
	switch got {
	case j, e, j + e, e + j:
		return true
	}
	// "ja / en", "ja（en）": both texts and at most a few separators.
	return j != "" && e != "" && strings.Contains(got, j) && strings.Contains(got, e) && len(got) <= len(j)+len(e)+8
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func (r *reader) checkLength(cell, id, v string) {
	if n := utf16Len(v); n > MaxCellChars {
		r.add(checklist.SeverityWarning, CodeTextTooLong, r.sheet, cell, id,
			fmt.Sprintf("セルの文字数（%d）が Excel の上限 %d を超えています。全文を読み取りましたが、Excel では途中までしか表示・保存できません", n, MaxCellChars),
			fmt.Sprintf("the cell holds %d characters, more than Excel's limit of %d; the whole text was kept, but Excel cannot show or save it all", n, MaxCellChars))
	}
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// parseDateCell reads a date cell in the workbook's date system.
func (r *reader) parseDateCell(v string) (checklist.Date, error) {
	return ParseDateCell(v, r.sc.Date1904)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// readCover reads the cover fields: through the metadata addresses
// (cover_<key>) when they still point at the field's label, else by the
// label in column A or B.
func (r *reader) readCover() error {
	sheet := ""
	if r.hasSheet(SheetCover) {
		sheet = SheetCover
	}
	var rows [][]string
	if sheet == "" {
		for _, s := range r.sc.Sheets {
			if s.Name == r.sheet || s.Name == SheetMeta || s.Name == SheetLists || s.Name == SheetCorrections {
				continue
			}
			rs, err := r.sheetRows(s.Name, MaxRows)
			if err != nil {
				return err
			}
			if coverLabels(rs) >= 3 {
				sheet, rows = s.Name, rs
				break
			}
		}
		if sheet == "" {
			r.add(checklist.SeverityError, CodeCoverMissing, "", "", "",
				fmt.Sprintf("表紙シート「%s」が見つかりません。回答者・暫定措置の記入内容を読み取れません", SheetCover),
				fmt.Sprintf("the cover sheet %q is missing; the respondent and interim-measure fields cannot be read", SheetCover))
			return nil
		}
	} else {
		var err error
		if rows, err = r.sheetRows(sheet, MaxRows); err != nil {
			return err
		}
	}
	r.coverSheet = sheet
	cv := &r.a.Cover
	cv.Cells = map[string]string{}
	valueCol, _, _ := splitRef(CoverValueCol + "1")
	fieldRows := map[int]bool{}
	var certs []checklist.Certification
	for _, fd := range CoverFields {
		row := 0
		if addr := r.meta[MetaCoverPrefix+fd.Key]; addr != "" {
			if c, n, ok := splitRef(addr); ok && labelAt(rows, n, fd) {
				row, valueCol = n, c
			}
		}
		if row == 0 {
			for n := 1; n <= len(rows); n++ {
				if labelAt(rows, n, fd) {
					row = n
					break
				}
			}
		}
		if row == 0 {
			r.add(checklist.SeverityWarning, CodeCoverFieldMissing, sheet, "", "",
				fmt.Sprintf("表紙の項目「%s」が見つかりません", fd.LabelJA),
				fmt.Sprintf("cover field %q not found", fd.LabelEN))
			continue
		}
		fieldRows[row] = true
		cell := cellName(valueCol, row)
		cv.Cells[fd.Key] = cell
		r.markUsed(sheet, cell)
		v := strings.TrimSpace(at(rows, row, valueCol))
		if r.sc.HasFormula(sheet, cell) {
			r.formulaError(sheet, cell, "", v)
			continue
		}
		if v == "" {
			continue
		}
		if utf16Len(v) > MaxCellChars {
			r.add(checklist.SeverityWarning, CodeTextTooLong, sheet, cell, "",
				fmt.Sprintf("セルの文字数が Excel の上限 %d を超えています（全文を読み取りました）", MaxCellChars),
				fmt.Sprintf("the cell holds more than Excel's limit of %d characters (the whole text was kept)", MaxCellChars))
		}
		var d checklist.Date
		switch fd.Kind {
		case "date":
			var err error
			if d, err = r.parseDateCell(v); err != nil {
				r.add(checklist.SeverityError, CodeInvalidDate, sheet, cell, "",
					fmt.Sprintf("「%s」の %q を日付として読めません（2026-03-31、令和8年3月31日 などで入力してください）", fd.LabelJA, clip(v, 80)),
					fmt.Sprintf("%s %q is not a date this tool reads (write 2026-03-31 or 令和8年3月31日)", fd.LabelEN, clip(v, 80)))
				continue
			}
		case "choice":
			c, ok := parseChoice(fd, v)
			if !ok {
				r.add(checklist.SeverityError, CodeInvalidChoice, sheet, cell, "",
					fmt.Sprintf("「%s」の %q は選択肢にありません。選択肢: %s", fd.LabelJA, clip(v, 80), strings.Join(fd.Choices, "、")),
					fmt.Sprintf("%s %q is not one of the choices: %s", fd.LabelEN, clip(v, 80), strings.Join(fd.Choices, ", ")))
				continue
			}
			v = c
		case "email":
			if !strings.Contains(v, "@") {
				r.add(checklist.SeverityWarning, CodeInvalidEmail, sheet, cell, "",
					fmt.Sprintf("「%s」の %q はメールアドレスに見えません", fd.LabelJA, clip(v, 80)),
					fmt.Sprintf("%s %q does not look like an e-mail address", fd.LabelEN, clip(v, 80)))
			}
		}
		if c, ok := certOf(fd.Key, v); ok {
			certs = append(certs, c)
			continue
		}
		setCover(cv, fd.Key, v, d)
	}
	cv.CSP.Certifications = certs
	cv.Interim.ContractEnd = cv.Request.ContractEnd
	// Nothing lost: any other value below the title rows is reported.
	for n := CoverFirstRow; n <= len(rows); n++ {
		for ci, v := range rows[n-1] {
			col := ci + 1
			if strings.TrimSpace(v) == "" || (fieldRows[n] && (col <= valueCol || isGroupLabel(v))) {
				continue
			}
			cell := cellName(col, n)
			r.markUsed(sheet, cell)
			r.add(checklist.SeverityWarning, CodeCoverOrphan, sheet, cell, "",
				fmt.Sprintf("表紙の項目外の値です。読み取っていません: %q", clip(v, 200)),
				fmt.Sprintf("a value outside the cover fields was not read: %q", clip(v, 200)))
		}
	}
	return nil
}

func coverLabels(rows [][]string) int {
	n := 0
	for _, fd := range CoverFields {
		for i := 1; i <= len(rows) && i <= 200; i++ {
			if labelAt(rows, i, fd) {
				n++
				break
			}
		}
	}
	return n
}

// labelAt reports whether row n holds fd's label in column A or B.
func labelAt(rows [][]string, n int, fd CoverField) bool {
	ja, en := foldTight(fd.LabelJA), foldTight(fd.LabelEN)
	for c := 1; c <= 2; c++ {
		v := foldTight(at(rows, n, c))
		if v != "" && (v == ja || v == en || v == ja+en) {
			return true
		}
	}
	return false
}

var certNames = map[string]string{
	"cert_iso27001": "ISO/IEC 27001",
	"cert_iso27017": "ISO/IEC 27017",
	"cert_iso27018": "ISO/IEC 27018",
	"cert_soc2":     "SOC 2 Type 2",
	"cert_other":    "other",
}

// heldWords are certificate answers that only say whether it is held.
var heldWords = map[string]string{
	"なし": "no", "無し": "no", "-": "no", "ー": "no", "n/a": "no", "none": "no", "no": "no",
	"該当なし": "no", "未取得": "no", "いいえ": "no",
	"yes": "yes", "あり": "yes", "有り": "yes", "はい": "yes", "取得済": "yes", "取得済み": "yes",
	"in progress": "in progress", "取得中": "in progress", "申請中": "in progress",
}

var reDateIn = regexp.MustCompile(`(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|(令和|平成)(元|\d{1,2})年\d{1,2}月\d{1,2}日)`)

// certOf turns a certificate field into a Certification. A cell holding
// only "なし", "yes", "取得中"… sets Held; otherwise Held is "yes", the
// last date in the text is the Expiry and the text the Number ("number,
// YYYY-MM-DD" splits into both). In cert_other a "name: …" prefix gives
// the Name.
func certOf(key, v string) (checklist.Certification, bool) {
	name, ok := certNames[key]
	if !ok {
		return checklist.Certification{}, false
	}
	c := checklist.Certification{Name: name}
	if key == "cert_other" {
		if n, rest, ok := strings.Cut(strings.Replace(v, "：", ":", 1), ":"); ok && strings.TrimSpace(n) != "" && strings.TrimSpace(rest) != "" {
			c.Name, v = strings.TrimSpace(n), strings.TrimSpace(rest)
		}
	}
	if h, ok := heldWords[fold(v)]; ok {
		c.Held = h
		return c, true
	}
	c.Held, c.Number = "yes", v
	folded := width.Fold.String(v)
	loc := reDateIn.FindAllStringIndex(folded, -1)
	if len(loc) == 0 {
		return c, true
	}
	last := loc[len(loc)-1]
	if d, err := checklist.ParseDate(folded[last[0]:last[1]]); err == nil {
		c.Expiry = d
		// "number, 2027-03-31" (one date, at the end) splits into number
		// and expiry; any other text stays whole in Number.
		rest := strings.TrimRight(folded[:last[0]], " ")
		if len(loc) == 1 && last[1] == len(folded) && strings.HasSuffix(rest, ",") {
			c.Number = strings.TrimSpace(strings.TrimSuffix(rest, ","))
		}
	}
	return c, true
}

// isGroupLabel reports whether v is the "filled in by" note the writer
// puts beside each cover field.
func isGroupLabel(v string) bool {
	for _, g := range coverGroupLabel {
		for _, form := range []string{g[0], g[1], g[0] + "\n" + g[1]} {
			if foldTight(v) == foldTight(form) {
				return true
			}
		}
	}
	return false
}

func setCover(cv *checklist.Cover, key, v string, d checklist.Date) {
	q, c, in := &cv.Request, &cv.CSP, &cv.Interim
	switch key {
	case "agency":
		q.Agency = v
	case "division":
		q.Division = v
	case "contact":
		q.Contact = v
	case "system":
		q.System = v
	case "csp":
		q.CSP = v
	case "service":
		q.Service = v
	case "service_model":
		q.ServiceModel = v
	case "interim_category":
		q.InterimCategory = v
	case "contract_start":
		q.ContractStart = d
	case "contract_end":
		q.ContractEnd = d
	case "due":
		q.Due = d
	case "reference":
		q.Reference = v
	case "date":
		q.Date = d
	case "respondent_name":
		c.RespondentName = v
	case "respondent_title":
		c.RespondentTitle = v
	case "respondent_email":
		c.RespondentEmail = v
	case "answer_date":
		c.AnswerDate = d
	case "service_scope":
		c.ServiceScope = v
	case "data_locations":
		c.DataLocations = v
	case "governing_law":
		c.GoverningLaw = v
	case "jurisdiction":
		c.Jurisdiction = v
	case "ismap_status":
		c.ISMAPStatus = v
	case "ismap_planned_date":
		c.ISMAPPlannedDate = d
	case "underlying_iaas":
		c.UnderlyingIaaS = v
	case "underlying_iaas_registered":
		c.UnderlyingIaaSISMAP = v
	case "use_start":
		in.UseStart = d
	case "contract_signed":
		in.ContractSigned = d
	case "contract_extended_to":
		in.ContractExtendedTo = d
	case "construction_start":
		in.ConstructionStart = d
	case "migration_plan":
		in.MigrationPlan = d
	case "migration_end":
		in.MigrationEnd = d
	case "application":
		in.Application = v
	case "application_date":
		in.ApplicationDate = d
	case "alternative_application":
		in.AlternativeApplication = v
	case "alternative":
		in.Alternative = v
	case "saas_awaiting_iaas":
		in.SaaSAwaitingIaaS = v
	}
}

// reportExtraSheets warns about sheets a CSP added (notes, own tables):
// they are not read, so their first value is named for a human to look at.
func (r *reader) reportExtraSheets() error {
	for _, s := range r.sc.Sheets {
		switch s.Name {
		case SheetCover, SheetInstructions, SheetChecklist, SheetLists, SheetMeta, SheetCorrections, r.sheet, r.coverSheet:
			continue
		}
		rows, err := r.sheetRows(s.Name, MaxRows)
		if err != nil {
			return err
		}
		n, first := 0, ""
		for i, row := range rows {
			for j, v := range row {
				if strings.TrimSpace(v) != "" {
					if n == 0 {
						first = cellName(j+1, i+1)
					}
					n++
				}
			}
		}
		if n > 0 {
			r.add(checklist.SeverityWarning, CodeExtraSheet, s.Name, first, "",
				fmt.Sprintf("作成時になかったシートに値が%d件あります（読み取っていません）。内容を確認してください", n),
				fmt.Sprintf("a sheet the workbook was not generated with holds %d value(s), which were not read; look at it", n))
		}
	}
	return nil
}

// reportFormulas warns about formulas the reader did not use (it already
// reported those in cells it read).
func (r *reader) reportFormulas() {
	sheets := make([]string, 0, len(r.sc.Formulas))
	for s := range r.sc.Formulas {
		sheets = append(sheets, s)
	}
	sort.Strings(sheets)
	n, more := 0, 0
	for _, s := range sheets {
		if s == SheetMeta || s == SheetLists || s == SheetCorrections {
			continue
		}
		for _, cell := range r.sc.Formulas[s] {
			if r.used[s][cell] {
				continue
			}
			if n >= maxFormulaReports {
				more++
				continue
			}
			n++
			r.add(checklist.SeverityWarning, CodeFormulaIgnored, s, cell, "",
				"数式を含むセルです（読み取り対象外のため無視しました）",
				"a cell with a formula (not a cell the reader uses; ignored)")
		}
	}
	if more > 0 {
		r.add(checklist.SeverityWarning, CodeFormulaIgnored, "", "", "",
			fmt.Sprintf("ほかにも数式を含むセルが%d個あります（無視しました）", more),
			fmt.Sprintf("%d more cells with formulas were ignored", more))
	}
}

// sortMessages orders messages by sheet, row, column, code, ID and text,
// so the same workbook always gives the same list.
func sortMessages(ms []checklist.Message) {
	type key struct{ row, col int }
	pos := func(m checklist.Message) key {
		c, n, _ := splitRef(m.Cell)
		return key{n, c}
	}
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		pa, pb := pos(a), pos(b)
		if pa.row != pb.row {
			return pa.row < pb.row
		}
		if pa.col != pb.col {
			return pa.col < pb.col
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.TextEN < b.TextEN
	})
}
