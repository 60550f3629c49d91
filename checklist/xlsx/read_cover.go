package xlsx

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"golang.org/x/text/width"
)

// readCover reads the cover fields: through the metadata addresses
// (cover_<key>) when they still point at the field's label, else by the
// label in column A or B.
func (r *reader) readCover() error {
	sheet, rows, err := r.findCover()
	if err != nil || sheet == "" {
		return err
	}
	r.coverSheet = sheet
	cv := &r.a.Cover
	cv.Cells = map[string]string{}
	valueCol, _, _ := splitRef(CoverValueCol + "1")
	fieldRows := map[int]bool{}
	labels := labelCols(rows)
	for _, fd := range CoverFields {
		row := coverRow(labels, r.meta[MetaCoverPrefix+fd.Key], fd, &valueCol)
		if row == 0 {
			if fd.Later && r.meta[MetaCoverPrefix+fd.Key] == "" {
				continue // a workbook written before the field existed
			}
			r.add(checklist.SeverityWarning, CodeCoverFieldMissing, sheet, "", "",
				fmt.Sprintf("表紙の項目「%s」が見つかりません", fd.LabelJA),
				fmt.Sprintf("cover field %q not found", fd.LabelEN))
			continue
		}
		fieldRows[row] = true
		cell := cellName(valueCol, row)
		cv.Cells[fd.Key] = cell
		r.markUsed(sheet, cell)
		v, d, ok := r.coverValue(sheet, cell, strings.TrimSpace(at(rows, row, valueCol)), fd)
		if !ok {
			continue
		}
		fd.Set(cv, v, d)
	}
	// The interim facts' contract end is the agency's (Fill writes it
	// there).
	cv.Interim.ContractEnd = cv.Request.ContractEnd
	r.coverOrphans(sheet, rows, fieldRows, valueCol)
	return nil
}

// findCover returns the cover sheet and its rows: the generated sheet, or
// the first other sheet holding at least three cover labels. When there is
// none it reports cover_missing and returns no sheet.
func (r *reader) findCover() (string, [][]string, error) {
	if r.hasSheet(SheetCover) {
		rows, err := r.sheetRows(SheetCover, MaxRows)
		return SheetCover, rows, err
	}
	for _, s := range r.sc.Sheets {
		if s.Name == r.sheet || s.Name == SheetMeta || s.Name == SheetLists || s.Name == SheetCorrections {
			continue
		}
		rs, err := r.sheetRows(s.Name, MaxRows)
		if err != nil {
			return "", nil, err
		}
		if coverLabels(rs) >= 3 {
			return s.Name, rs, nil
		}
	}
	r.add(checklist.SeverityError, CodeCoverMissing, "", "", "",
		fmt.Sprintf("表紙シート「%s」が見つかりません。回答者・暫定措置の記入内容を読み取れません", SheetCover),
		fmt.Sprintf("the cover sheet %q is missing; the respondent and interim-measure fields cannot be read", SheetCover))
	return "", nil, nil
}

// coverRow finds the row of field fd: at the metadata address addr when it
// still points at the label (which then also sets *valueCol), else the
// first row holding the label; 0 when there is none.
func coverRow(labels [][2]string, addr string, fd CoverField, valueCol *int) int {
	if addr != "" {
		if c, n, ok := splitRef(addr); ok && labelAt(labels, n, fd) {
			*valueCol = c
			return n
		}
	}
	for n := 1; n <= len(labels); n++ {
		if labelAt(labels, n, fd) {
			return n
		}
	}
	return 0
}

// coverValue checks the value v of field fd in cell: a formula, a date, a
// choice or an e-mail address. ok is false when nothing is to be recorded.
func (r *reader) coverValue(sheet, cell, v string, fd CoverField) (string, checklist.Date, bool) {
	var d checklist.Date
	if r.sc.HasFormula(sheet, cell) {
		r.formulaError(sheet, cell, "", v)
		return "", d, false
	}
	if v == "" {
		return "", d, false
	}
	if utf16Len(v) > MaxCellChars {
		r.add(checklist.SeverityWarning, CodeTextTooLong, sheet, cell, "",
			fmt.Sprintf("セルの文字数が Excel の上限 %d を超えています（全文を読み取りました）", MaxCellChars),
			fmt.Sprintf("the cell holds more than Excel's limit of %d characters (the whole text was kept)", MaxCellChars))
	}
	switch fd.Kind {
	case "date":
		var err error
		if d, err = r.parseDateCell(v); err != nil {
			r.add(checklist.SeverityError, CodeInvalidDate, sheet, cell, "",
				fmt.Sprintf("「%s」の %q を日付として読めません（2026-03-31、令和8年3月31日 などで入力してください）", fd.LabelJA, clip(v, 80)),
				fmt.Sprintf("%s %q is not a date this tool reads (write 2026-03-31 or 令和8年3月31日)", fd.LabelEN, clip(v, 80)))
			return "", d, false
		}
	case "choice":
		c, ok := parseChoice(fd, v)
		if !ok {
			r.add(checklist.SeverityError, CodeInvalidChoice, sheet, cell, "",
				fmt.Sprintf("「%s」の %q は選択肢にありません。選択肢: %s", fd.LabelJA, clip(v, 80), strings.Join(fd.Entries(), "、")),
				fmt.Sprintf("%s %q is not one of the choices: %s", fd.LabelEN, clip(v, 80), strings.Join(fd.Entries(), ", ")))
			return "", d, false
		}
		v = c
	case "email":
		if !strings.Contains(v, "@") {
			r.add(checklist.SeverityWarning, CodeInvalidEmail, sheet, cell, "",
				fmt.Sprintf("「%s」の %q はメールアドレスに見えません", fd.LabelJA, clip(v, 80)),
				fmt.Sprintf("%s %q does not look like an e-mail address", fd.LabelEN, clip(v, 80)))
		}
	}
	return v, d, true
}

// coverOrphans reports, so nothing is lost, every other value below the
// title rows.
func (r *reader) coverOrphans(sheet string, rows [][]string, fieldRows map[int]bool, valueCol int) {
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
}

// coverLabels counts the cover fields whose label sits in the first 200
// rows.
func coverLabels(rows [][]string) int {
	labels := labelCols(rows[:min(len(rows), 200)])
	n := 0
	for _, fd := range CoverFields {
		for i := 1; i <= len(rows) && i <= 200; i++ {
			if labelAt(labels, i, fd) {
				n++
				break
			}
		}
	}
	return n
}

// labelCols folds columns A and B of every row once, for labelAt.
func labelCols(rows [][]string) [][2]string {
	out := make([][2]string, len(rows))
	for i := range rows {
		out[i] = [2]string{foldTight(at(rows, i+1, 1)), foldTight(at(rows, i+1, 2))}
	}
	return out
}

// labelAt reports whether row n holds fd's label in column A or B (cols
// from labelCols).
func labelAt(cols [][2]string, n int, fd CoverField) bool {
	if n < 1 || n > len(cols) {
		return false
	}
	ja, en := foldLabel(fd.LabelJA), foldLabel(fd.LabelEN)
	for _, v := range cols[n-1] {
		if v != "" && (v == ja || v == en || v == ja+en) {
			return true
		}
	}
	return false
}

// heldWords are certificate answers that only say whether it is held.
var heldWords = map[string]string{
	"なし": "no", "無し": "no", "-": "no", "ー": "no", "n/a": "no", "none": "no", "no": "no",
	"該当なし": "no", "未取得": "no", "いいえ": "no",
	"yes": "yes", "あり": "yes", "有り": "yes", "はい": "yes", "取得済": "yes", "取得済み": "yes",
	"in progress": "in progress", "取得中": "in progress", "申請中": "in progress",
}

var reDateIn = regexp.MustCompile(`(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|(令和|平成)(元|\d{1,2})年\d{1,2}月\d{1,2}日)`)

// certOf turns the text v of certificate field key (certification name)
// into a Certification. A cell holding
// only "なし", "yes", "取得中"… sets Held; otherwise Held is "yes", the
// last date in the text is the Expiry and the text the Number ("number,
// YYYY-MM-DD" splits into both). In cert_other a "name: …" prefix gives
// the Name.
func certOf(key, name, v string) checklist.Certification {
	c := checklist.Certification{Name: name}
	if key == "cert_other" {
		if n, rest, ok := strings.Cut(strings.Replace(v, "：", ":", 1), ":"); ok && strings.TrimSpace(n) != "" && strings.TrimSpace(rest) != "" {
			c.Name, v = strings.TrimSpace(n), strings.TrimSpace(rest)
		}
	}
	if h, ok := heldWords[fold(v)]; ok {
		c.Held = h
		return c
	}
	c.Held, c.Number = "yes", v
	folded := width.Fold.String(v)
	loc := reDateIn.FindAllStringIndex(folded, -1)
	if len(loc) == 0 {
		return c
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
	return c
}

// isGroupLabel reports whether v is the "filled in by" note the writer
// puts beside each cover field.
func isGroupLabel(v string) bool {
	fv := foldTight(v)
	for _, g := range coverGroupLabel {
		for _, form := range []string{g[0], g[1], g[0] + "\n" + g[1]} {
			if fv == foldLabel(form) {
				return true
			}
		}
	}
	return false
}
