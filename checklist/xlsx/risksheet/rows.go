package risksheet

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
)

// The row reader: one reader for the rows of both agency sheets (the risk
// sheet's decisions and the exclusions sheet's). A table lists a sheet's
// columns with their kind; readRows walks the sheet against the row
// bindings of its hidden sheet, and readRow reads the agency's cells of
// one row into typed values with the same checks for every sheet: a
// formula, a value not in the drop-down list, a date that is not one, a
// text longer than a cell holds. What a decision must contain is the
// domain's rule (checklist's Validate), applied by the thin mappings
// decision and exclusionDecision.

// ColumnKind says what a column holds and how the row reader takes it.
type ColumnKind int

// The column kinds.
const (
	KindShown  ColumnKind = iota // written by the tool and locked; not read back
	KindKey                      // the row's ID, compared with the row's binding
	KindText                     // free text typed by the agency
	KindChoice                   // one value of the column's drop-down list
	KindDate                     // a date: an Excel serial, 2026-03-31 or 令和8年3月31日
)

// Choices is the drop-down list of a KindChoice column. Parse takes a
// value as typed to its code; ListJA and ListEN name the choices in the
// message for a value not in the list.
type Choices struct {
	Parse  func(string) (string, bool)
	ListJA string
	ListEN string
}

// The drop-down lists of the two sheets.
var (
	ratingChoices = &Choices{
		Parse:  func(s string) (string, bool) { r, ok := checklist.ParseRating(s); return string(r), ok },
		ListJA: "高・中・低", ListEN: "high, medium, low (高/中/低)",
	}
	treatmentChoices = &Choices{
		Parse:  func(s string) (string, bool) { t, ok := checklist.ParseTreatment(s); return string(t), ok },
		ListJA: "受容・低減・回避・移転・CSPに是正を要求", ListEN: "accept, mitigate, avoid, transfer, require the CSP to fix",
	}
	verdictChoices = &Choices{
		Parse:  func(s string) (string, bool) { v, ok := checklist.ParseExclusionVerdict(s); return string(v), ok },
		ListJA: "受入・不受入", ListEN: "accept, reject (受入/不受入)",
	}
)

// table is one sheet of bound rows as the row reader sees it.
type table struct {
	sheet     string
	headerRow int // data starts beneath it
	columns   []Column
	// unbound words the message for a row without a binding (id is its
	// ID cell; entries whether a row without an ID holds any of the
	// agency's entries); report is false when the row is passed over in
	// silence.
	unbound func(row int, id string, entries bool) (ja, en string, report bool)
	// missing is the severity of the message for a bound row that is not
	// in the sheet, and what it adds to the message.
	missing func(b binding) (sev checklist.Severity, ja, en string)
}

// column returns the column of t with key k.
func (t *table) column(k string) Column {
	for _, c := range t.columns {
		if c.Key == k {
			return c
		}
	}
	panic("risksheet: unknown column " + k + " in " + t.sheet)
}

// value is the cell of column k in a row's cells as read ("" past its end).
func (t *table) value(cells []string, k string) string {
	idx := int(t.column(k).Letter[0] - 'A')
	if idx < len(cells) {
		return cells[idx]
	}
	return ""
}

// key is the row's ID as written (white space trimmed).
func (t *table) key(cells []string) string {
	for _, c := range t.columns {
		if c.Kind == KindKey {
			return strings.TrimSpace(t.value(cells, c.Key))
		}
	}
	return ""
}

// entries reports whether the agency wrote in any of its cells of a row.
func (t *table) entries(cells []string) bool {
	for _, c := range t.columns {
		if c.Agency && strings.TrimSpace(t.value(cells, c.Key)) != "" {
			return true
		}
	}
	return false
}

// rowValues is one row's agency cells as the row reader read them.
type rowValues struct {
	row   int
	cells map[string]string         // agency field → cell ("L6")
	text  map[string]string         // text as written (trimmed), a choice as its code
	dates map[string]checklist.Date // the date fields that hold a date
	// wrote is true when the agency wrote in the row (a formula counts);
	// invalid when a cell was refused (and reported).
	wrote, invalid bool
}

// readRows reads the rows of t against their bindings, reporting rows
// added, moved or missing; each bound row whose ID is the one it was
// written for is read by readRow, and given to each when the agency wrote
// in it.
func (rd *reader) readRows(t *table, bindings []binding, each func(binding, rowValues)) error {
	rows, err := rd.src.Rows(t.sheet, maxRows+1)
	if err != nil {
		return refused(err, rd.name)
	}
	if len(rows) > maxRows {
		return fatal(rd.name, t.sheet, "", ErrUnsafe, fmt.Sprintf("行数が多すぎます（%d行）", len(rows)), fmt.Sprintf("too many rows (%d)", len(rows)))
	}
	byRow := map[int]binding{}
	for _, b := range bindings {
		byRow[b.row] = b
	}
	seen := map[int]bool{}
	for i := t.headerRow; i < len(rows); i++ {
		row, cells := i+1, rows[i]
		id := t.key(cells)
		a1 := "A" + strconv.Itoa(row)
		b, bound := byRow[row]
		if !bound {
			if ja, en, report := t.unbound(row, id, id == "" && t.entries(cells)); report {
				rd.msg(checklist.SeverityError, "unbound_row", t.sheet, a1, id, ja, en)
			}
			continue
		}
		seen[row] = true
		if id != b.id {
			rd.msg(checklist.SeverityError, "binding_mismatch", t.sheet, a1, b.id,
				fmt.Sprintf("%d行目のIDが %q ですが、この行は %s の行として作成されました。行を並べ替え・編集しないでください", row, id, b.id),
				fmt.Sprintf("row %d shows ID %q but was written for %s; do not sort or edit rows", row, id, b.id))
			continue
		}
		if v := rd.readRow(t, row, b.id, cells); v.wrote {
			each(b, v)
		}
	}
	for _, b := range bindings {
		if seen[b.row] {
			continue
		}
		sev, ja, en := t.missing(b)
		rd.msg(sev, "row_missing", t.sheet, "A"+strconv.Itoa(b.row), b.id,
			fmt.Sprintf("%s の行（%d行目）が見つかりません", b.id, b.row)+ja, fmt.Sprintf("the row of %s (row %d) is missing", b.id, b.row)+en)
	}
	return nil
}

// readRow reads the agency's cells of one row of t, the row of id. Each
// refused cell is reported (naming the column, the ID and the cell) and
// left out of the values.
func (rd *reader) readRow(t *table, row int, id string, cells []string) rowValues {
	v := rowValues{row: row, cells: map[string]string{}, text: map[string]string{}, dates: map[string]checklist.Date{}}
	for _, c := range t.columns {
		if c.Agency {
			v.cells[c.Key] = c.Letter + strconv.Itoa(row)
		}
	}
	problem := func(sev checklist.Severity, code string, c Column, ja, en string) {
		if sev == checklist.SeverityError {
			v.invalid = true
		}
		rd.msg(sev, code, t.sheet, v.cells[c.Key], id,
			fmt.Sprintf("%s（%s）: %s", c.LabelJA, id, ja), fmt.Sprintf("%s (%s): %s", strings.ToLower(c.LabelEN), id, en))
	}
	for _, c := range t.columns {
		if !c.Agency {
			continue
		}
		if rd.sc != nil && rd.sc.HasFormula(t.sheet, v.cells[c.Key]) {
			v.wrote = true
			problem(checklist.SeverityError, "formula", c, "数式は使えません。値を入力してください", "formulas are not accepted; enter a value")
			continue
		}
		// Both sheets take a cell holding only invisible characters
		// (U+200B…) as blank: a zero-width approver approves nothing.
		s := checklist.TrimInvisible(t.value(cells, c.Key))
		if s == "" {
			continue
		}
		v.wrote = true
		switch c.Kind {
		case KindChoice:
			code, ok := c.Choices.Parse(s)
			if !ok {
				problem(checklist.SeverityError, "vocabulary", c, fmt.Sprintf("%q は選択肢にありません（%s）", s, c.Choices.ListJA), fmt.Sprintf("%q is not one of %s", s, c.Choices.ListEN))
				continue
			}
			v.text[c.Key] = code
		case KindDate:
			dt, err := xlsx.ParseDateCell(s, rd.d1904)
			if err != nil {
				problem(checklist.SeverityError, "date", c, fmt.Sprintf("%q は日付として読めません（2026-03-31、令和8年3月31日など）", s),
					fmt.Sprintf("%q is not a date (use 2026-03-31 or 令和8年3月31日)", s))
				continue
			}
			v.dates[c.Key] = dt
		default:
			// Excel cannot hold more in a cell; longer text comes from a tool
			// writing the XML. It is kept whole, as ingest keeps it.
			if n := utf16Len(s); n > xlsx.MaxCellChars {
				problem(checklist.SeverityWarning, xlsx.CodeTextTooLong, c,
					fmt.Sprintf("セルの文字数（%d）が Excel の上限 %d を超えています。全文を読み取りました", n, xlsx.MaxCellChars),
					fmt.Sprintf("the cell holds %d characters, more than Excel's limit of %d; the whole text was kept", n, xlsx.MaxCellChars))
			}
			v.text[c.Key] = s
		}
	}
	return v
}

// settle finishes the decision of a written row: it reports the
// domain's checks on it (errs) under code, and binds it to the answer it
// judges by its digest (see binding.judgedBy). bad is whether the domain
// found any problem.
func (rd *reader) settle(t *table, b binding, code string, errs []*checklist.CellError, digest string) (bad bool, answer, source string, judged *checklist.Answer) {
	for _, e := range errs {
		rd.msg(checklist.SeverityError, code, t.sheet, e.Cell, b.id, e.JA, e.EN)
	}
	answer, source = b.judgedBy(digest)
	return len(errs) > 0, answer, source, b.snapshot(answer)
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
