package risksheet

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/xuri/excelize/v2"
)

// WriteOptions are the inputs of Write besides the data.
type WriteOptions struct {
	// Date is the generation date: shown in the sheet, used as "as of"
	// for the states of carried decisions, and stamped into the zip
	// entries and document properties so the bytes depend only on inputs.
	Date        checklist.Date
	ToolVersion string
	// Catalog, when set, supplies titles for carried decisions whose item
	// is no longer a finding.
	Catalog *checklist.Catalog
	// PreviousExclusions are the exclusion decisions of a previous sheet,
	// carried forward (checklist.CarryForwardExclusions) to the exclusions
	// sheet. Pass res as checklist.FindingsWithExclusions computed it, so
	// a rejected exclusion's findings get rows.
	PreviousExclusions []checklist.ExclusionDecision
}

// Write writes the risk-assessment workbook for res to w: one row per
// finding, in finding order, with the decisions of a previous sheet
// (prev, may be nil) carried forward by checklist.CarryForward. Rows whose
// decision judged another answer are marked stale (要再評価); decisions for
// items that are no longer findings follow the findings, marked orphaned,
// so nothing the agency wrote is lost. a is the assessment res was found
// in (for the source workbook's name and hash and the current answers).
// The same inputs and Date give the same bytes.
func Write(w io.Writer, res checklist.Result, a *checklist.Assessment, prev []checklist.Decision, opt WriteOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	b := &builder{f: f, res: res, a: a, opt: opt}
	if a == nil {
		b.a = &checklist.Assessment{Source: res.Source, Edition: res.Edition}
	}
	carried := checklist.CarryForward(prev, res)
	b.states = checklist.ApplyDecisions(res, carried, opt.Date)
	b.exStates = checklist.ApplyExclusionDecisions(res, checklist.CarryForwardExclusions(opt.PreviousExclusions))
	if err := b.build(); err != nil {
		return fmt.Errorf("building the risk sheet: %w", err)
	}
	return xlsx.WriteDeterministic(f, w, opt.Date)
}

type builder struct {
	f      *excelize.File
	res    checklist.Result
	a      *checklist.Assessment
	opt    WriteOptions
	states []checklist.DecisionState
	// exStates are the exclusion rows (exclusions.go).
	exStates []checklist.ExclusionState

	sHeader, sText, sWrapLocked, sDateLocked, sAgency, sAgencyDate, sTitle, sStale int
}

func (b *builder) build() error {
	f := b.f
	if err := f.SetSheetName("Sheet1", SheetRisk); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetMeta); err != nil {
		return err
	}
	if err := b.styles(); err != nil {
		return err
	}
	if err := b.writeHead(); err != nil {
		return err
	}
	last := HeaderRow
	var bindings [][]string
	for i, st := range b.states {
		row := HeaderRow + 1 + i
		last = row
		bind, err := b.writeRow(row, st)
		if err != nil {
			return err
		}
		bindings = append(bindings, bind)
	}
	if err := b.validations(last); err != nil {
		return err
	}
	if err := b.writeMeta(bindings); err != nil {
		return err
	}
	if err := f.SetPanes(SheetRisk, &excelize.Panes{Freeze: true, Split: false, XSplit: 1, YSplit: HeaderRow, TopLeftCell: "B" + strconv.Itoa(HeaderRow+1), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := f.SetSheetVisible(SheetMeta, false, true); err != nil {
		return err
	}
	if err := b.writeExclusions(); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	for _, s := range []string{SheetRisk, SheetMeta} {
		if err := f.ProtectSheet(s, &excelize.SheetProtectionOptions{
			SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
		}); err != nil {
			return err
		}
	}
	// Last, so that every row written above is sized and printed.
	if err := setPrint(f); err != nil {
		return err
	}
	stamp := b.opt.Date.Time().Format(time.RFC3339)
	if b.opt.Date.IsZero() {
		stamp = "1980-01-01T00:00:00Z"
	}
	return f.SetDocProps(&excelize.DocProperties{
		Title: "リスク評価シート / Risk assessment sheet", Creator: "ismapcheck", LastModifiedBy: "ismapcheck",
		Keywords: "ISMAP; " + b.res.Edition, Created: stamp, Modified: stamp, Language: "ja-JP",
	})
}

func (b *builder) styles() error {
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	dateFmt := "yyyy-mm-dd"
	specs := []struct {
		dst *int
		s   excelize.Style
	}{
		{&b.sTitle, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&b.sHeader, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}, Protection: &excelize.Protection{Locked: true}}},
		{&b.sText, excelize.Style{Alignment: &excelize.Alignment{WrapText: true}}},
		{&b.sWrapLocked, excelize.Style{Border: border, Alignment: top, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, Protection: &excelize.Protection{Locked: true}}},
		{&b.sDateLocked, excelize.Style{Border: border, Alignment: top, CustomNumFmt: &dateFmt, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, Protection: &excelize.Protection{Locked: true}}},
		{&b.sStale, excelize.Style{Border: border, Alignment: top, Font: &excelize.Font{Bold: true, Color: "C00000"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}}, Protection: &excelize.Protection{Locked: true}}},
		{&b.sAgency, excelize.Style{Border: border, Alignment: top, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}, Protection: &excelize.Protection{Locked: false}}},
		{&b.sAgencyDate, excelize.Style{Border: border, Alignment: top, CustomNumFmt: &dateFmt, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}, Protection: &excelize.Protection{Locked: false}}},
	}
	for _, sp := range specs {
		s := sp.s
		id, err := b.f.NewStyle(&s)
		if err != nil {
			return err
		}
		*sp.dst = id
	}
	return nil
}

func (b *builder) str(ref, s string) error {
	return b.f.SetCellStr(SheetRisk, ref, xlsx.SanitizeText(s))
}

func (b *builder) writeHead() error {
	src := b.a.Source
	if src.SHA256 == "" {
		src = b.res.Source
	}
	lines := [][2]string{
		{"A1", "リスク評価シート / Risk assessment sheet"},
		{"A2", fmt.Sprintf("評価対象 / Source: %s  (SHA-256 %s)", src.Name, src.SHA256)},
		{"A3", fmt.Sprintf("版 / Edition: %s   作成日 / Generated: %s   指摘 / Findings: %d", b.res.Edition, b.opt.Date, b.res.NeedsRiskAssessment)},
		{"A4", "黄色の列に記入してください。リスクレベルは影響度×発生可能性から読込み時に算出します。「要再評価」の行はCSPの回答が変わっています。内容を見直し、承認日などを更新すると再評価済みになります。 / " +
			"Fill in the yellow columns. The risk level is computed from impact × likelihood when the sheet is read. Rows marked stale judged an answer the CSP has since changed: review them and update a field (e.g. the approval date) to confirm."},
	}
	return b.sheetHead(SheetRisk, lines, Columns, HeaderRow)
}

// sheetHead writes the head of an agency sheet: the lines of text (the
// first a title, the last the instructions, merged across the columns),
// then the column headers in both languages and the column widths.
func (b *builder) sheetHead(sh string, lines [][2]string, cols []Column, headerRow int) error {
	f := b.f
	for _, l := range lines {
		if err := f.SetCellStr(sh, l[0], xlsx.SanitizeText(l[1])); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, "A1", "A1", b.sTitle); err != nil {
		return err
	}
	note, last := lines[len(lines)-1][0], cols[len(cols)-1].Letter
	if err := f.MergeCell(sh, note, last+note[1:]); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, note, note, b.sText); err != nil {
		return err
	}
	noteRow, err := strconv.Atoi(note[1:])
	if err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, noteRow, 45); err != nil {
		return err
	}
	hr := strconv.Itoa(headerRow)
	for _, c := range cols {
		if err := f.SetCellStr(sh, c.Letter+hr, xlsx.SanitizeText(c.LabelJA+"\n"+c.LabelEN)); err != nil {
			return err
		}
		if err := f.SetColWidth(sh, c.Letter, c.Letter, c.Width); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, "A"+hr, last+hr, b.sHeader); err != nil {
		return err
	}
	return f.SetRowHeight(sh, headerRow, 32)
}

// writeRow writes one row and returns its binding.
func (b *builder) writeRow(row int, st checklist.DecisionState) ([]string, error) {
	f := b.f
	ref := func(key string) string { return column(key).Letter + strconv.Itoa(row) }
	rowRef := strconv.Itoa(row)
	if err := b.styleRow(row); err != nil {
		return nil, err
	}
	src := b.a.Source.SHA256
	if src == "" {
		src = b.res.Source.SHA256
	}
	kind := rowFinding
	var fnd checklist.Finding
	if st.Finding != nil {
		fnd = *st.Finding
	} else {
		kind = rowOther
		fnd = b.otherItem(st.ID)
	}
	texts := b.rowTexts(fnd, st, kind)
	for _, c := range Columns { // column order: shared strings are numbered in write order
		if v := texts[c.Key]; v != "" {
			if err := b.str(ref(c.Key), v); err != nil {
				return nil, err
			}
		}
	}
	if err := setDate(f, ref("planned_date"), fnd.PlannedDate); err != nil {
		return nil, err
	}
	if st.State == checklist.StateStale || st.State == checklist.StateExpired || st.State == checklist.StateInvalid {
		if err := f.SetCellStyle(SheetRisk, ref("state"), ref("state"), b.sStale); err != nil {
			return nil, err
		}
	}
	bind := []string{"row", rowRef, fnd.ID, fnd.AnswerHash, src, "", "", "", kind}
	shown, judged := currentAnswer(b.a, fnd.ID, fnd.AnswerHash), (*checklist.Answer)(nil)
	if d := st.Decision; d != nil {
		judged = d.JudgedAnswer
		if kind == rowOther {
			shown = d.JudgedAnswer
		}
	}
	bind = append(append(bind, snapshotCells(shown)...), snapshotCells(judged)...)
	if d := st.Decision; d != nil {
		if err := writeDecision(f, SheetRisk, row, *d); err != nil {
			return nil, err
		}
		bind[5], bind[6], bind[7] = d.AnswerHash, d.SourceSHA256, d.Digest()
		if kind == rowOther {
			bind[3], bind[4] = d.AnswerHash, d.SourceSHA256
		}
	}
	return bind, nil
}

// styleRow styles a data row: the finding's cells locked, the agency's
// unlocked, the date cells as dates.
func (b *builder) styleRow(row int) error {
	f := b.f
	rowRef := strconv.Itoa(row)
	if err := f.SetCellStyle(SheetRisk, "A"+rowRef, "K"+rowRef, b.sWrapLocked); err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetRisk, "L"+rowRef, "T"+rowRef, b.sAgency); err != nil {
		return err
	}
	for _, c := range Columns {
		if c.Date {
			s := b.sDateLocked
			if c.Agency {
				s = b.sAgencyDate
			}
			ref := c.Letter + rowRef
			if err := f.SetCellStyle(SheetRisk, ref, ref, s); err != nil {
				return err
			}
		}
	}
	return nil
}

// rowTexts are the texts the tool writes in the row of fnd (kind says
// whether it is still a finding), by column key.
func (b *builder) rowTexts(fnd checklist.Finding, st checklist.DecisionState, kind string) map[string]string {
	reasons := make([]string, 0, len(fnd.Reasons))
	for _, r := range fnd.Reasons {
		reasons = append(reasons, r.LabelJA()+" / "+r.LabelEN()+" ("+string(r)+")")
	}
	for _, w := range fnd.Warnings {
		// Not a reason: an inconsistency in the answers (2.2.4 makes no
		// finding of it) the agency should see while it decides.
		reasons = append(reasons, "【警告 / warning】"+w.TextJA+" / "+w.TextEN+" ("+string(w.Code)+")")
	}
	if kind == rowOther {
		reasons = append(reasons, "現在は指摘事項ではありません（前回の判断を保持） / no longer a finding (previous decision kept)")
	}
	texts := map[string]string{
		"id":             fnd.ID,
		"level":          fnd.Level.LabelJA(),
		"title":          joinNonEmpty(fnd.TitleJA, fnd.TitleEN),
		"status":         fnd.Status.LabelJA() + "\n" + fnd.Status.LabelEN(),
		"reasons":        strings.Join(reasons, "\n"),
		"csp_reason":     fnd.CSPReason,
		"implementation": fnd.Implementation,
		"evidence":       fnd.Evidence,
		"state":          st.State.LabelJA() + "\n" + st.State.LabelEN(),
	}
	if fnd.Status == "" {
		texts["status"] = ""
	}
	if st.State == checklist.StateStale && st.Decision != nil {
		texts["state"] += "\n" + staleNote(st.Decision.JudgedAnswer, currentAnswer(b.a, fnd.ID, fnd.AnswerHash))
	}
	if st.Decision != nil {
		if lv, ok := st.Decision.Level(); ok {
			texts["prev_level"] = lv.LabelJA() + " / " + lv.LabelEN()
		}
	}
	return texts
}

// otherItem describes an item that is no longer a finding, from the
// catalogue and the current answers when available.
func (b *builder) otherItem(id string) checklist.Finding {
	fnd := checklist.Finding{ID: id}
	if b.opt.Catalog != nil {
		if it, ok := b.opt.Catalog.Lookup(id); ok {
			fnd.Level, fnd.TitleJA, fnd.TitleEN = it.Level, it.TitleJA, it.TitleEN
		}
	}
	if x, ok := b.a.Answer(id); ok {
		fnd.Status, fnd.CSPReason, fnd.Implementation, fnd.Evidence, fnd.PlannedDate = x.Status, x.Reason, x.Implementation, x.Evidence, x.PlannedDate
		if fnd.Status == "" {
			fnd.Status = checklist.StatusUnanswered
		}
	}
	return fnd
}

// writeDecision puts the agency's fields of d into row of sheet: ratings
// and treatments as their Japanese drop-down labels, text as strings,
// dates as date serials.
func writeDecision(f *excelize.File, sheet string, row int, d checklist.Decision) error {
	ref := func(key string) string { return column(key).Letter + strconv.Itoa(row) }
	strs := map[string]string{
		"compensating": d.Compensating, "owner": d.Owner, "approver": d.Approver,
	}
	if d.Impact != "" {
		strs["impact"] = d.Impact.LabelJA()
	}
	if d.Likelihood != "" {
		strs["likelihood"] = d.Likelihood.LabelJA()
	}
	if d.Treatment != "" {
		strs["treatment"] = d.Treatment.LabelJA()
	}
	for _, c := range Columns {
		if !c.Agency {
			continue
		}
		if v := strs[c.Key]; v != "" {
			if err := f.SetCellStr(sheet, ref(c.Key), xlsx.SanitizeText(v)); err != nil {
				return err
			}
		}
	}
	for _, x := range []struct {
		key string
		d   checklist.Date
	}{{"due", d.Due}, {"approved_on", d.ApprovedOn}, {"review_by", d.ReviewBy}} {
		if err := setDateIn(f, sheet, ref(x.key), x.d); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) validations(last int) error {
	if last <= HeaderRow {
		return nil
	}
	rng := func(key string) string {
		l := column(key).Letter
		return fmt.Sprintf("%s%d:%s%d", l, HeaderRow+1, l, last)
	}
	ratings := labelsOf(checklist.Ratings, checklist.Rating.LabelJA)
	treatments := labelsOf(checklist.Treatments, checklist.Treatment.LabelJA)
	lists := []struct {
		key   string
		items []string
	}{{"impact", ratings}, {"likelihood", ratings}, {"treatment", treatments}}
	for _, l := range lists {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = rng(l.key)
		if err := dv.SetDropList(l.items); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "選択肢 / Choice", "一覧から選んでください。 / Choose from the list.")
		if err := b.f.AddDataValidation(SheetRisk, dv); err != nil {
			return err
		}
	}
	for _, c := range Columns {
		if !c.Agency || !c.Date {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = rng(c.Key)
		if err := dv.SetRange(int(xlsx.DateSerial(checklist.NewDate(2000, 1, 1))), int(xlsx.DateSerial(checklist.NewDate(2099, 12, 31))),
			excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, "日付 / Date", "2026-03-31 の形式で入力してください。 / Enter a date such as 2026-03-31.")
		if err := b.f.AddDataValidation(SheetRisk, dv); err != nil {
			return err
		}
	}
	return nil
}

func labelsOf[T any](xs []T, label func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = label(x)
	}
	return out
}

func (b *builder) writeMeta(bindings [][]string) error {
	src := b.a.Source
	if src.SHA256 == "" {
		src = b.res.Source
	}
	pairs := [][2]string{
		{MetaFormat, FormatVersion},
		{MetaKind, Kind},
		{MetaTool, b.opt.ToolVersion},
		{MetaEdition, b.res.Edition},
		{MetaSourceName, src.Name},
		{MetaSourceSHA256, src.SHA256},
		{MetaGenerated, b.opt.Date.String()},
		{MetaHeaderRow, strconv.Itoa(HeaderRow)},
	}
	// The case the sheet judges: read back with an assessment, a sheet of
	// another case is refused.
	for _, f := range checklist.CaseOf(b.a).Fields() {
		if f.Key != "edition" {
			pairs = append(pairs, [2]string{MetaCasePrefix + f.Key, f.Value})
		}
	}
	r := 1
	for _, p := range pairs {
		for i, v := range p {
			if err := b.f.SetCellStr(SheetMeta, cellRef(i, r), xlsx.SanitizeText(v)); err != nil {
				return err
			}
		}
		r++
	}
	head := append([]string{MetaRows}, bindingColumns...)
	for i, v := range head {
		if err := b.f.SetCellStr(SheetMeta, cellRef(i, r), v); err != nil {
			return err
		}
	}
	r++
	for _, bind := range bindings {
		for i, v := range bind {
			if err := b.f.SetCellStr(SheetMeta, cellRef(i, r), xlsx.SanitizeText(v)); err != nil {
				return err
			}
		}
		r++
	}
	return nil
}

func cellRef(col0, row int) string {
	name, _ := excelize.CoordinatesToCellName(col0+1, row)
	return name
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

func setDate(f *excelize.File, ref string, d checklist.Date) error {
	return setDateIn(f, SheetRisk, ref, d)
}

func setDateIn(f *excelize.File, sheet, ref string, d checklist.Date) error {
	if d.IsZero() {
		return nil
	}
	return f.SetCellInt(sheet, ref, xlsx.DateSerial(d))
}
