package risksheet

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/xuri/excelize/v2"
)

// writeExclusions writes the exclusions sheet and its very hidden
// binding sheet: the head, one row per exclusion state, the bindings, the
// drop-downs, the print setup and the protection.
func (b *builder) writeExclusions() error {
	if err := b.writeExclusionsHead(); err != nil {
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
		bind, err := b.writeExclusionRow(row, st, src)
		if err != nil {
			return err
		}
		bindings = append(bindings, bind)
	}
	for i, bind := range bindings {
		for j, v := range bind {
			if err := b.f.SetCellStr(SheetExclusionMeta, cellRef(j, i+1), xlsx.SanitizeText(v)); err != nil {
				return err
			}
		}
	}
	if last > ExclusionHeaderRow {
		if err := b.exclusionValidations(last); err != nil {
			return err
		}
	}
	return b.finishExclusions()
}

// writeExclusionsHead adds the two sheets and writes the title, the
// instructions and the column headers.
func (b *builder) writeExclusionsHead() error {
	f := b.f
	if _, err := f.NewSheet(SheetExclusions); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetExclusionMeta); err != nil {
		return err
	}
	head := [][2]string{
		{"A1", "対象外（除外）の受入れ / Exclusions to accept or reject"},
		{"A2", "CSPが理由を示して対象外とした統制目標です。CISOが受入・不受入を選び、理由・承認者・判断日を記入してください。不受入とした統制目標は指摘事項になり、リスク評価シートの次の版に行が加わります。 / " +
			"Control objectives the CSP declared not applicable with a reason. The CISO chooses accept or reject and enters the reason, approver and date. A rejected objective becomes a finding and gets a row in the next risk sheet."},
	}
	return b.sheetHead(SheetExclusions, head, ExclusionColumns, ExclusionHeaderRow)
}

// exStr writes text into a cell of the exclusions sheet, never as a formula.
func (b *builder) exStr(ref, s string) error {
	return b.f.SetCellStr(SheetExclusions, ref, xlsx.SanitizeText(s))
}

// exclusionTexts are the texts the tool writes in the row of st.
func exclusionTexts(st checklist.ExclusionState) (texts map[string]string, hash string) {
	texts = map[string]string{"id": st.ID, "state": exStateLabel(st)}
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
	return texts, hash
}

// writeExclusionRow writes the row of st and returns its binding.
func (b *builder) writeExclusionRow(row int, st checklist.ExclusionState, src string) ([]string, error) {
	f, sh := b.f, SheetExclusions
	r := strconv.Itoa(row)
	ref := func(k string) string { return exColumn(k).Letter + r }
	if err := f.SetCellStyle(sh, "A"+r, "E"+r, b.sWrapLocked); err != nil {
		return nil, err
	}
	if err := f.SetCellStyle(sh, "F"+r, "H"+r, b.sAgency); err != nil {
		return nil, err
	}
	if err := f.SetCellStyle(sh, ref("decided_on"), ref("decided_on"), b.sAgencyDate); err != nil {
		return nil, err
	}
	texts, hash := exclusionTexts(st)
	for _, c := range ExclusionColumns {
		if v := texts[c.Key]; v != "" {
			if err := b.exStr(ref(c.Key), v); err != nil {
				return nil, err
			}
		}
	}
	if st.State == checklist.StateStale || st.State == checklist.StateInvalid {
		if err := f.SetCellStyle(sh, ref("state"), ref("state"), b.sStale); err != nil {
			return nil, err
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
		texts["reason"] = d.Reason
	}
	bind = append(append(bind, snapshotCells(shown)...), snapshotCells(judged)...)
	if st.State == checklist.StateStale && st.Decision != nil {
		texts["state"] += "\n" + staleNote(st.Decision.JudgedAnswer, shown)
		if err := b.exStr(ref("state"), texts["state"]); err != nil {
			return nil, err
		}
	}
	if d := st.Decision; d != nil {
		if err := writeExclusionDecision(f, row, *d); err != nil {
			return nil, err
		}
		bind[4], bind[5], bind[6] = d.AnswerHash, d.SourceSHA256, d.Digest()
		if st.Exclusion == nil {
			bind[2], bind[3] = d.AnswerHash, d.SourceSHA256
		}
	}
	height := 0.0
	for _, c := range ExclusionColumns {
		height = max(height, textHeight(texts[c.Key], c.Width))
	}
	if err := f.SetRowHeight(sh, row, height); err != nil {
		return nil, err
	}
	if bind[2] == "" {
		bind[2] = strings.Repeat("0", 64) // an orphan without a hash cannot match anything
	}
	return bind, nil
}

// exclusionValidations adds the drop-down of verdicts and the date check
// to the rows down to last.
func (b *builder) exclusionValidations(last int) error {
	f, sh := b.f, SheetExclusions
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
	return f.AddDataValidation(sh, dd)
}

// finishExclusions sets up printing (A4 landscape, one page wide, the
// header row repeated), hides the binding sheet and protects both.
func (b *builder) finishExclusions() error {
	f, sh := b.f, SheetExclusions
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
