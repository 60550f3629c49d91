package xlsx

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

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
	f, err := r.excel()
	if err != nil {
		return err
	}
	props, err := f.GetCustomProps()
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
