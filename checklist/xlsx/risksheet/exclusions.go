package risksheet

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/xuri/excelize/v2"
)

// The exclusions sheet: one row per exclusion (a control objective the
// CSP declared 対象外 with a reason) where the CISO records 受入 / 不受入,
// the reason, the approver and the date. A second very hidden sheet binds
// its rows like SheetMeta binds the risk rows. A risk sheet without these
// two sheets (written before they existed) reads as one without
// exclusion decisions.
const (
	SheetExclusions    = "対象外の受入 Exclusions"
	SheetExclusionMeta = "_ismapcheck_exclusions" // very hidden
	// ExclusionHeaderRow is the row of the exclusion sheet's headers.
	ExclusionHeaderRow = 4
)

// ExclusionColumns are the columns of the exclusions sheet, in order.
var ExclusionColumns = []Column{
	// Widths sum to 138 units, so one A4 landscape page wide prints
	// 11 pt type at 8 pt or more (LibreOffice's metrics; see print.go).
	{"id", "A", "ID", "ID", 12, false, false},
	{"title", "B", "項目名", "Title", 18, false, false},
	{"csp_reason", "C", "CSPが示した対象外の理由", "CSP's reason for the exclusion", 22, false, false},
	{"exempted", "D", "併せて対象外となるB管理策", "B controls exempted with it", 16, false, false},
	{"state", "E", "状態", "State", 13, false, false},
	{"verdict", "F", "受入／不受入", "Accept / reject", 10, true, false},
	{"reason", "G", "判断の理由", "Reason for the decision", 22, true, false},
	{"approver", "H", "承認者", "Approver", 14, true, false},
	{"decided_on", "I", "判断日", "Decided on", 11, true, true},
}

func exColumn(k string) Column {
	for _, c := range ExclusionColumns {
		if c.Key == k {
			return c
		}
	}
	panic("risksheet: unknown exclusion column " + k)
}

// exBindingColumns head the exclusion bindings: sheet row, objective ID,
// the AnswerHash of the exclusion shown, the source workbook's hash, and
// for a carried decision the AnswerHash and source it judged and the
// Digest of its fields as written; then the answer snapshots (see
// snapshotColumns).
var exBindingColumns = append([]string{"row", "id", "answer_sha256", "source_sha256", "judged_answer_sha256", "judged_source_sha256", "carried_digest"}, snapshotColumns...)

// exSnapShown is where the snapshots start in an exclusion binding row.
const exSnapShown = 7

// Sheet is a risk sheet as read: the decisions on findings, the decisions
// on exclusions, and every message about both.
type Sheet struct {
	Decisions  []checklist.Decision
	Exclusions []checklist.ExclusionDecision
	Messages   []checklist.Message
	// SourceSHA256 is the SHA-256 of the workbook the sheet was generated
	// from, as its metadata records it ("" when it does not).
	SourceSHA256 string
}

func (b *builder) writeExclusions() error {
	f := b.f
	if _, err := f.NewSheet(SheetExclusions); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetExclusionMeta); err != nil {
		return err
	}
	sh := SheetExclusions
	str := func(ref, s string) error { return f.SetCellStr(sh, ref, xlsx.SanitizeText(s)) }
	head := [][2]string{
		{"A1", "対象外（除外）の受入れ / Exclusions to accept or reject"},
		{"A2", "CSPが理由を示して対象外とした統制目標です。CISOが受入・不受入を選び、理由・承認者・判断日を記入してください。不受入とした統制目標は指摘事項になり、リスク評価シートの次の版に行が加わります。 / " +
			"Control objectives the CSP declared not applicable with a reason. The CISO chooses accept or reject and enters the reason, approver and date. A rejected objective becomes a finding and gets a row in the next risk sheet."},
	}
	for _, h := range head {
		if err := str(h[0], h[1]); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, "A1", "A1", b.sTitle); err != nil {
		return err
	}
	if err := f.MergeCell(sh, "A2", "I2"); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A2", "A2", b.sText); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, 2, 45); err != nil {
		return err
	}
	hr := strconv.Itoa(ExclusionHeaderRow)
	for _, c := range ExclusionColumns {
		if err := str(c.Letter+hr, c.LabelJA+"\n"+c.LabelEN); err != nil {
			return err
		}
		if err := f.SetColWidth(sh, c.Letter, c.Letter, c.Width); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, "A"+hr, "I"+hr, b.sHeader); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, ExclusionHeaderRow, 32); err != nil {
		return err
	}
	src := b.a.Source.SHA256
	if src == "" {
		src = b.res.Source.SHA256
	}
	bindings := [][]string{exBindingColumns}
	last := ExclusionHeaderRow
	for i, st := range b.exStates {
		row := ExclusionHeaderRow + 1 + i
		last = row
		r := strconv.Itoa(row)
		ref := func(k string) string { return exColumn(k).Letter + r }
		if err := f.SetCellStyle(sh, "A"+r, "E"+r, b.sWrapLocked); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, "F"+r, "H"+r, b.sAgency); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, ref("decided_on"), ref("decided_on"), b.sAgencyDate); err != nil {
			return err
		}
		texts := map[string]string{"id": st.ID, "state": exStateLabel(st)}
		hash := ""
		if e := st.Exclusion; e != nil {
			var ex []string
			for _, x := range e.Exempted {
				ex = append(ex, x.ID+" "+x.TitleJA)
			}
			texts["title"] = joinNonEmpty(e.TitleJA, e.TitleEN)
			texts["csp_reason"] = e.CSPReason
			texts["exempted"] = strings.Join(ex, "\n")
			hash = e.AnswerHash
		} else {
			texts["csp_reason"] = "現在は対象外とされていません（前回の判断を保持） / no longer excluded (previous decision kept)"
		}
		height := 0.0
		for _, c := range ExclusionColumns {
			if v := texts[c.Key]; v != "" {
				if err := str(ref(c.Key), v); err != nil {
					return err
				}
			}
		}
		if st.State == checklist.StateStale || st.State == checklist.StateInvalid {
			if err := f.SetCellStyle(sh, ref("state"), ref("state"), b.sStale); err != nil {
				return err
			}
		}
		bind := []string{r, st.ID, hash, src, "", "", ""}
		var shown, judged *checklist.Answer
		if hash != "" {
			shown = currentAnswer(b.a, st.ID, hash)
		}
		if d := st.Decision; d != nil {
			judged = d.JudgedAnswer
			if st.Exclusion == nil {
				shown = d.JudgedAnswer
			}
		}
		bind = append(append(bind, snapshotCells(shown)...), snapshotCells(judged)...)
		if d := st.Decision; d != nil {
			texts["reason"] = d.Reason
		}
		if st.State == checklist.StateStale && st.Decision != nil {
			texts["state"] += "\n" + staleNote(st.Decision.JudgedAnswer, shown)
			if err := str(ref("state"), texts["state"]); err != nil {
				return err
			}
		}
		if d := st.Decision; d != nil {
			if err := writeExclusionDecision(f, row, *d); err != nil {
				return err
			}
			bind[4], bind[5], bind[6] = d.AnswerHash, d.SourceSHA256, d.Digest()
			if st.Exclusion == nil {
				bind[2], bind[3] = d.AnswerHash, d.SourceSHA256
			}
		}
		for _, c := range ExclusionColumns {
			height = max(height, textHeight(texts[c.Key], c.Width))
		}
		if err := f.SetRowHeight(sh, row, height); err != nil {
			return err
		}
		if bind[2] == "" {
			bind[2] = strings.Repeat("0", 64) // an orphan without a hash cannot match anything
		}
		bindings = append(bindings, bind)
	}
	for i, bind := range bindings {
		for j, v := range bind {
			if err := f.SetCellStr(SheetExclusionMeta, cellRef(j, i+1), xlsx.SanitizeText(v)); err != nil {
				return err
			}
		}
	}
	if last > ExclusionHeaderRow {
		rng := func(k string) string {
			l := exColumn(k).Letter
			return fmt.Sprintf("%s%d:%s%d", l, ExclusionHeaderRow+1, l, last)
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = rng("verdict")
		if err := dv.SetDropList(labelsOf(checklist.ExclusionVerdicts, checklist.ExclusionVerdict.LabelJA)); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "選択肢 / Choice", "受入 または 不受入 を選んでください。 / Choose 受入 (accept) or 不受入 (reject).")
		if err := f.AddDataValidation(sh, dv); err != nil {
			return err
		}
		dd := excelize.NewDataValidation(true)
		dd.Sqref = rng("decided_on")
		if err := dd.SetRange(int(xlsx.DateSerial(checklist.NewDate(2000, 1, 1))), int(xlsx.DateSerial(checklist.NewDate(2099, 12, 31))),
			excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dd.SetError(excelize.DataValidationErrorStyleWarning, "日付 / Date", "2026-03-31 の形式で入力してください。 / Enter a date such as 2026-03-31.")
		if err := f.AddDataValidation(sh, dd); err != nil {
			return err
		}
	}
	// Print on A4 landscape, one page wide, the header row repeated.
	size, orient, one, zero, fit := 9, "landscape", 1, 0, true
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sh, ExclusionHeaderRow, ExclusionHeaderRow), Scope: sh}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{OddFooter: "&C&P / &N"}); err != nil {
		return err
	}
	if err := f.SetSheetVisible(SheetExclusionMeta, false, true); err != nil {
		return err
	}
	for _, s := range []string{SheetExclusions, SheetExclusionMeta} {
		if err := f.ProtectSheet(s, &excelize.SheetProtectionOptions{
			SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
		}); err != nil {
			return err
		}
	}
	return nil
}

func exStateLabel(st checklist.ExclusionState) string {
	ja, en := st.State.LabelJA(), st.State.LabelEN()
	switch st.State {
	case checklist.StateOpen:
		ja, en = "未判断", "undecided"
	case checklist.StateCurrent:
		if st.Decision != nil {
			ja, en = "判断済（"+st.Decision.Verdict.LabelJA()+"）", "decided ("+strings.ToLower(st.Decision.Verdict.LabelEN())+")"
		}
	case checklist.StateStale:
		ja, en = "要再判断（回答変更）", "stale (answer changed)"
	case checklist.StateOrphaned:
		ja, en = "対象外ではなくなった", "no longer excluded"
	}
	return ja + "\n" + en
}

// writeExclusionDecision puts the agency's fields of d into row.
func writeExclusionDecision(f *excelize.File, row int, d checklist.ExclusionDecision) error {
	r := strconv.Itoa(row)
	verdict := ""
	if d.Verdict != "" {
		verdict = d.Verdict.LabelJA()
	}
	// Column order: shared strings are numbered in write order.
	for _, kv := range [][2]string{{"verdict", verdict}, {"reason", d.Reason}, {"approver", d.Approver}} {
		if kv[1] != "" {
			if err := f.SetCellStr(SheetExclusions, exColumn(kv[0]).Letter+r, xlsx.SanitizeText(kv[1])); err != nil {
				return err
			}
		}
	}
	return setDateIn(f, SheetExclusions, exColumn("decided_on").Letter+r, d.DecidedOn)
}

type exBinding struct {
	row                                    int
	id, answer, source, judged, jsrc, dgst string
	cols                                   []string
}

// readExclusions reads the exclusions sheet and its bindings. A sheet
// written before exclusions were recorded has neither and gives nothing.
func (rd *reader) readExclusions() ([]checklist.ExclusionDecision, error) {
	has := map[string]bool{}
	for _, s := range rd.src.SheetNames() {
		has[s] = true
	}
	if !has[SheetExclusions] && !has[SheetExclusionMeta] {
		return nil, nil
	}
	if !has[SheetExclusions] || !has[SheetExclusionMeta] {
		return nil, rd.exDamaged("", "", "シートが欠けています", "a sheet is missing")
	}
	byRow, order, err := rd.readExclusionBindings()
	if err != nil {
		return nil, err
	}
	rows, err := rd.src.Rows(SheetExclusions, maxRows+1)
	if err != nil {
		return nil, refused(err, rd.name)
	}
	if len(rows) > maxRows {
		return nil, fatal(rd.name, SheetExclusions, "", ErrUnsafe, fmt.Sprintf("行数が多すぎます（%d行）", len(rows)), fmt.Sprintf("too many rows (%d)", len(rows)))
	}
	seen := map[int]bool{}
	var out []checklist.ExclusionDecision
	for i := ExclusionHeaderRow; i < len(rows); i++ {
		row := i + 1
		cells := rows[i]
		get := func(key string) string {
			idx := int(exColumn(key).Letter[0] - 'A')
			if idx < len(cells) {
				return cells[idx]
			}
			return ""
		}
		id := strings.TrimSpace(get("id"))
		b, bound := byRow[row]
		a1 := "A" + strconv.Itoa(row)
		if !bound {
			if id != "" || anyExAgency(get) {
				rd.msg(checklist.SeverityError, "unbound_row", SheetExclusions, a1, id,
					fmt.Sprintf("%d行目はツールが作成した行ではありません（判断は読み込まれません）。行を追加・移動しないでください", row),
					fmt.Sprintf("row %d was not written by the tool (not read as a decision); do not add or move rows", row))
			}
			continue
		}
		seen[row] = true
		if id != b.id {
			rd.msg(checklist.SeverityError, "binding_mismatch", SheetExclusions, a1, b.id,
				fmt.Sprintf("%d行目のIDが %q ですが、この行は %s の行として作成されました。行を並べ替え・編集しないでください", row, id, b.id),
				fmt.Sprintf("row %d shows ID %q but was written for %s; do not sort or edit rows", row, id, b.id))
			continue
		}
		if d, ok := rd.exclusionDecision(row, b, get); ok {
			out = append(out, d)
		}
	}
	for _, b := range order {
		if !seen[b.row] {
			rd.msg(checklist.SeverityError, "row_missing", SheetExclusions, "A"+strconv.Itoa(b.row), b.id,
				fmt.Sprintf("%s の行（%d行目）が見つかりません", b.id, b.row), fmt.Sprintf("the row of %s (row %d) is missing", b.id, b.row))
		}
	}
	return out, nil
}

// exDamaged is the error for an exclusions sheet the tool did not write
// as it is.
func (rd *reader) exDamaged(sheet, cell, ja, en string) error {
	return fatal(rd.name, sheet, cell, ErrNotRiskSheet, "対象外の受入れシートが壊れています: "+ja+"。ツールで作り直してください",
		"the exclusions sheet is damaged: "+en+"; generate the sheet again")
}

// readExclusionBindings reads the hidden binding sheet of the exclusions:
// the bindings by row and in sheet order.
func (rd *reader) readExclusionBindings() (map[int]exBinding, []exBinding, error) {
	meta, err := rd.src.Rows(SheetExclusionMeta, maxRows+2)
	if err != nil {
		return nil, nil, refused(err, rd.name)
	}
	if len(meta) > maxRows+1 {
		return nil, nil, fatal(rd.name, SheetExclusionMeta, "", ErrUnsafe, "非表示シートの行数が多すぎます", "too many rows in the hidden sheet")
	}
	byRow := map[int]exBinding{}
	var order []exBinding
	for i, r := range meta {
		col := func(j int) string {
			if j < len(r) {
				return strings.TrimSpace(r[j])
			}
			return ""
		}
		if i == 0 {
			if col(0) != "row" || col(1) != "id" {
				return nil, nil, rd.exDamaged(SheetExclusionMeta, "A1", "見出し", "header")
			}
			continue
		}
		if col(0) == "" {
			continue
		}
		n, err := strconv.Atoi(col(0))
		cell := "A" + strconv.Itoa(i+1)
		if err != nil || n <= ExclusionHeaderRow || n > maxRows {
			return nil, nil, rd.exDamaged(SheetExclusionMeta, cell, fmt.Sprintf("行番号 %q", col(0)), fmt.Sprintf("row number %q", col(0)))
		}
		if _, dup := byRow[n]; dup {
			return nil, nil, rd.exDamaged(SheetExclusionMeta, cell, fmt.Sprintf("行 %d が重複", n), fmt.Sprintf("row %d bound twice", n))
		}
		b := exBinding{row: n, id: col(1), answer: col(2), source: col(3), judged: col(4), jsrc: col(5), dgst: col(6), cols: r}
		if b.id == "" || !reHex64.MatchString(b.answer) || (b.judged != "" && !reHex64.MatchString(b.judged)) {
			return nil, nil, rd.exDamaged(SheetExclusionMeta, cell, "IDまたはハッシュ値", "ID or hash")
		}
		byRow[n] = b
		order = append(order, b)
	}
	return byRow, order, nil
}

func anyExAgency(get func(string) string) bool {
	for _, c := range ExclusionColumns {
		if c.Agency && strings.TrimSpace(get(c.Key)) != "" {
			return true
		}
	}
	return false
}

func (rd *reader) exclusionDecision(row int, b exBinding, get func(string) string) (checklist.ExclusionDecision, bool) {
	d := checklist.ExclusionDecision{ID: b.id, File: rd.base, Sheet: SheetExclusions, Row: row, Cells: map[string]string{}}
	for _, c := range ExclusionColumns {
		if c.Agency {
			d.Cells[c.Key] = c.Letter + strconv.Itoa(row)
		}
	}
	problem := func(code, key, ja, en string) {
		d.Invalid = true
		c := exColumn(key)
		rd.msg(checklist.SeverityError, code, SheetExclusions, d.Cells[key], b.id,
			fmt.Sprintf("%s（%s）: %s", c.LabelJA, b.id, ja), fmt.Sprintf("%s (%s): %s", strings.ToLower(c.LabelEN), b.id, en))
	}
	wrote := false
	for _, c := range ExclusionColumns {
		if !c.Agency {
			continue
		}
		if rd.sc != nil && rd.sc.HasFormula(SheetExclusions, d.Cells[c.Key]) {
			wrote = true
			problem("formula", c.Key, "数式は使えません。値を入力してください", "formulas are not accepted; enter a value")
			continue
		}
		v := strings.TrimSpace(get(c.Key))
		if v == "" {
			continue
		}
		wrote = true
		switch c.Key {
		case "verdict":
			x, ok := checklist.ParseExclusionVerdict(v)
			if !ok {
				problem("vocabulary", c.Key, fmt.Sprintf("%q は選択肢にありません（受入・不受入）", v), fmt.Sprintf("%q is not one of accept, reject (受入/不受入)", v))
				continue
			}
			d.Verdict = x
		case "reason":
			d.Reason = v
		case "approver":
			d.Approver = v
		case "decided_on":
			dt, err := xlsx.ParseDateCell(v, rd.d1904)
			if err != nil {
				problem("date", c.Key, fmt.Sprintf("%q は日付として読めません（2026-03-31、令和8年3月31日など）", v),
					fmt.Sprintf("%q is not a date (use 2026-03-31 or 令和8年3月31日)", v))
				continue
			}
			d.DecidedOn = dt
		}
	}
	if !wrote {
		return d, false
	}
	for _, e := range d.Validate() {
		d.Invalid = true
		rd.msg(checklist.SeverityError, "exclusion_decision", SheetExclusions, e.Cell, b.id, e.JA, e.EN)
	}
	d.AnswerHash, d.SourceSHA256 = b.answer, b.source
	if b.judged != "" && b.dgst != "" && d.Digest() == b.dgst {
		d.AnswerHash, d.SourceSHA256 = b.judged, b.jsrc
	}
	if a := readSnapshot(b.cols, exSnapShown+len(checklist.AnswerFields), b.id, d.AnswerHash); a != nil {
		d.JudgedAnswer = a
	} else {
		d.JudgedAnswer = readSnapshot(b.cols, exSnapShown, b.id, d.AnswerHash)
	}
	return d, true
}

// ErrFillExclusion marks an exclusion decision FillExclusionDecisions
// cannot place.
var ErrFillExclusion = errors.New("cannot fill the exclusions sheet")

// FillExclusionDecisions plays the CISO: it reads a risk sheet written by
// Write from in, enters the exclusion decisions in the rows of their IDs
// and writes the result to out (bytes depend only on the inputs). An ID
// without a row is an error. Used by tests and the demo.
func FillExclusionDecisions(in io.Reader, out io.Writer, decisions []checklist.ExclusionDecision) error {
	f, err := excelize.OpenReader(in, excelize.Options{UnzipSizeLimit: xlsx.MaxTotalSize, UnzipXMLSizeLimit: xlsx.MaxEntrySize})
	if err != nil {
		return fmt.Errorf("%w: opening: %v", ErrFillExclusion, err)
	}
	defer f.Close()
	rd := &reader{src: excelRows{f, "fill"}, name: "fill"}
	if _, err := rd.readMeta(); err != nil {
		return fmt.Errorf("%w: %v", ErrFillExclusion, err)
	}
	meta, err := f.GetRows(SheetExclusionMeta)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFillExclusion, err)
	}
	rowOf := map[string]int{}
	for _, r := range meta[min(1, len(meta)):] {
		if len(r) > 1 {
			if n, err := strconv.Atoi(r[0]); err == nil {
				if _, ok := rowOf[r[1]]; !ok {
					rowOf[r[1]] = n
				}
			}
		}
	}
	for _, d := range decisions {
		row, ok := rowOf[d.ID]
		if !ok {
			return fmt.Errorf("%w: no row for %s", ErrFillExclusion, d.ID)
		}
		for _, c := range ExclusionColumns {
			if c.Agency {
				if err := f.SetCellValue(SheetExclusions, c.Letter+strconv.Itoa(row), nil); err != nil {
					return err
				}
			}
		}
		if err := writeExclusionDecision(f, row, d); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrFillExclusion, d.ID, err)
		}
	}
	date, _ := checklist.ParseDate(rd.meta[MetaGenerated])
	return xlsx.WriteDeterministic(f, out, date)
}

// textHeight estimates the height in points of a wrapped cell holding s
// in a column width characters wide (a wide character counts two), so the
// row shows all of it: Excel does not grow rows whose text is written by
// a program.
func textHeight(s string, width float64) float64 {
	lines := 0
	for _, para := range strings.Split(s, "\n") {
		units := 0.0
		for _, r := range para {
			if r >= 0x1100 {
				units += 2
			} else {
				units++
			}
		}
		lines += max(1, int(math.Ceil(units/(width-1))))
	}
	return min(409, float64(lines)*13.5+3)
}
