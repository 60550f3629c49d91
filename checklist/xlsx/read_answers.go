package xlsx

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/ismapcheck/ismapcheck/checklist"
)

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
	r.reportExtraCells(extra)
	r.collectAnswers()
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
	fi := r.folded[it.ID]
	for _, f := range []struct{ key, ja, en, both, foldJA, foldEN, labelJA, labelEN string }{
		{"title", it.TitleJA, it.TitleEN, fi.title, fi.titleJA, fi.titleEN, "項目名", "title"},
		{"summary", it.SummaryJA, it.SummaryEN, fi.summary, fi.summaryJA, fi.summaryEN, "概要", "summary"},
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
		// The text as written (one side or both) matches without folding:
		// folding works rune by rune, so it would match folded too.
		if v == f.ja || v == f.en || v == f.both || lockedMatches(v, f.foldJA, f.foldEN) {
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

// lockedMatches compares cell value v with the catalogue's texts j and e,
// already folded (foldTight).
func lockedMatches(v, j, e string) bool {
	got := foldTight(v)
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

// reportExtraCells warns about the values in columns that are not part of
// the checklist (column → cells).
func (r *reader) reportExtraCells(extra map[int][]string) {
	for _, c := range slices.Sorted(maps.Keys(extra)) {
		cells := extra[c]
		list := strings.Join(cells[:min(len(cells), 10)], ", ")
		if len(cells) > 10 {
			list += ", …"
		}
		r.add(checklist.SeverityWarning, CodeExtraCell, r.sheet, cells[0], "",
			fmt.Sprintf("チェックリストの列ではない%s列に値が%d件あります（%s）。読み取っていません", colName(c), len(cells), list),
			fmt.Sprintf("column %s is not a checklist column but holds %d value(s) (%s); they were not read", colName(c), len(cells), list))
	}
}

// collectAnswers lists an answer for every requirement of the catalogue, in
// catalogue order; a requirement without a row is unanswered and reported.
func (r *reader) collectAnswers() {
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

// foldedItem holds an item's locked texts folded with foldTight, and as
// the writer puts both languages in a cell.
type foldedItem struct{ titleJA, titleEN, summaryJA, summaryEN, title, summary string }

// foldedCatalogs caches, per catalogue, its items' folded texts: a batch
// reads every workbook against one catalogue, and folding its ~1,000
// titles and summaries once per read was half the validation time. A
// catalogue is never changed once loaded (Read only reads it).
var foldedCatalogs sync.Map // *checklist.Catalog → map[string]foldedItem

// foldCatalog returns cat's folded texts by item ID (the first item of an
// ID, as useCatalog keeps), folding them on the catalogue's first read.
func foldCatalog(cat *checklist.Catalog) map[string]foldedItem {
	if m, ok := foldedCatalogs.Load(cat); ok {
		return m.(map[string]foldedItem)
	}
	m := make(map[string]foldedItem, len(cat.Items))
	for _, it := range cat.Items {
		if _, dup := m[it.ID]; !dup {
			m[it.ID] = foldedItem{foldTight(it.TitleJA), foldTight(it.TitleEN), foldTight(it.SummaryJA), foldTight(it.SummaryEN),
				text(it.TitleJA, it.TitleEN, LabelsBoth), text(it.SummaryJA, it.SummaryEN, LabelsBoth)}
		}
	}
	v, _ := foldedCatalogs.LoadOrStore(cat, m)
	return v.(map[string]foldedItem)
}
