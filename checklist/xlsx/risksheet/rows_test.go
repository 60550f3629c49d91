package risksheet

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/xuri/excelize/v2"
)

// rowReader is a reader over a small workbook whose only content is a
// formula in L7 of the risk sheet and in F6 of the exclusions sheet, for
// feeding readRow cells directly.
func rowReader(t *testing.T) *reader {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetRisk); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet(SheetExclusions); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula(SheetRisk, "L7", `"高"`); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula(SheetExclusions, "F6", `"受"&"入"`); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	wb, err := xlsx.Open(buf.Bytes(), "risk.xlsx", xlsx.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return &reader{src: wb, sc: wb, name: "dir/risk.xlsx", base: "risk.xlsx"}
}

// rowCells lays out values by column letter as a row of cells.
func rowCells(byLetter map[string]string) []string {
	var out []string
	for l, v := range byLetter {
		i := int(l[0] - 'A')
		for len(out) <= i {
			out = append(out, "")
		}
		out[i] = v
	}
	return out
}

// TestReadRow drives the row reader with each column kind of both
// sheets: what it takes, what it refuses, and the exact message.
func TestReadRow(t *testing.T) {
	long := strings.Repeat("長", xlsx.MaxCellChars) + "𠮷" // one past the limit in UTF-16 units
	type msg struct{ sev, code, cell, ja, en string }
	tests := []struct {
		name      string
		tbl       *table
		row       int
		cells     map[string]string
		wantText  map[string]string
		wantDates map[string]checklist.Date
		wrote     bool
		invalid   bool
		msgs      []msg
	}{
		{name: "text trimmed and kept", tbl: decisionRows, row: 6, cells: map[string]string{"O": "  監視を強化 ", "P": "情報政策課"},
			wantText: map[string]string{"compensating": "監視を強化", "owner": "情報政策課"}, wrote: true},
		{name: "invisible characters only are blank in the risk sheet", tbl: decisionRows, row: 6, cells: map[string]string{"R": "\u200b\ufeff "}},
		{name: "choice in Japanese", tbl: decisionRows, row: 6, cells: map[string]string{"L": "高", "M": "低", "N": "低減"},
			wantText: map[string]string{"impact": "high", "likelihood": "low", "treatment": "mitigate"}, wrote: true},
		{name: "choice in English, any case", tbl: decisionRows, row: 6, cells: map[string]string{"N": "Require the CSP to fix", "M": "MEDIUM"},
			wantText: map[string]string{"treatment": "require_csp_fix", "likelihood": "medium"}, wrote: true},
		{name: "choice not in the list", tbl: decisionRows, row: 6, cells: map[string]string{"L": "大"}, wrote: true, invalid: true,
			msgs: []msg{{"error", "vocabulary", "L6", `影響度（1.1）: "大" は選択肢にありません（高・中・低）`, `impact (1.1): "大" is not one of high, medium, low (高/中/低)`}}},
		{name: "date as a serial, ISO text and wareki", tbl: decisionRows, row: 6, cells: map[string]string{"Q": "46112", "S": "2026-04-10", "T": "令和9年3月31日"},
			wantDates: map[string]checklist.Date{"due": checklist.NewDate(2026, time.March, 31), "approved_on": checklist.NewDate(2026, time.April, 10), "review_by": checklist.NewDate(2027, time.March, 31)}, wrote: true},
		{name: "bad date", tbl: decisionRows, row: 6, cells: map[string]string{"Q": "来年"}, wrote: true, invalid: true,
			msgs: []msg{{"error", "date", "Q6", `期限（1.1）: "来年" は日付として読めません（2026-03-31、令和8年3月31日など）`, `due (1.1): "来年" is not a date (use 2026-03-31 or 令和8年3月31日)`}}},
		{name: "impossible wareki", tbl: decisionRows, row: 6, cells: map[string]string{"S": "平成32年1月1日"}, wrote: true, invalid: true,
			msgs: []msg{{"error", "date", "S6", `承認日（1.1）: "平成32年1月1日" は日付として読めません（2026-03-31、令和8年3月31日など）`, `approved on (1.1): "平成32年1月1日" is not a date (use 2026-03-31 or 令和8年3月31日)`}}},
		{name: "formula, its cached value not taken", tbl: decisionRows, row: 7, cells: map[string]string{"L": "高", "M": "中"},
			wantText: map[string]string{"likelihood": "medium"}, wrote: true, invalid: true,
			msgs: []msg{{"error", "formula", "L7", "影響度（1.1）: 数式は使えません。値を入力してください", "impact (1.1): formulas are not accepted; enter a value"}}},
		{name: "formula in an otherwise empty row counts as written", tbl: decisionRows, row: 7, wrote: true, invalid: true,
			msgs: []msg{{"error", "formula", "L7", "影響度（1.1）: 数式は使えません。値を入力してください", "impact (1.1): formulas are not accepted; enter a value"}}},
		{name: "over-long text kept whole with a warning", tbl: decisionRows, row: 6, cells: map[string]string{"O": long},
			wantText: map[string]string{"compensating": long}, wrote: true,
			msgs: []msg{{"warning", "text_too_long", "O6", "補完的対策（1.1）: セルの文字数（32769）が Excel の上限 32767 を超えています。全文を読み取りました",
				"compensating measures (1.1): the cell holds 32769 characters, more than Excel's limit of 32767; the whole text was kept"}}},
		{name: "locked columns are not read", tbl: decisionRows, row: 6, cells: map[string]string{"A": "9.9.9", "C": "=1+1", "I": "来年", "J": "x"}},
		{name: "exclusion: every kind", tbl: exclusionRows, row: 5, cells: map[string]string{"F": "受入", "G": " 理由 ", "H": "CISO", "I": "2026-04-10"},
			wantText:  map[string]string{"verdict": "accept", "reason": "理由", "approver": "CISO"},
			wantDates: map[string]checklist.Date{"decided_on": checklist.NewDate(2026, time.April, 10)}, wrote: true},
		{name: "exclusion: choice not in the list", tbl: exclusionRows, row: 5, cells: map[string]string{"F": "保留"}, wrote: true, invalid: true,
			msgs: []msg{{"error", "vocabulary", "F5", `受入／不受入（1.1）: "保留" は選択肢にありません（受入・不受入）`, `accept / reject (1.1): "保留" is not one of accept, reject (受入/不受入)`}}},
		{name: "exclusion: bad date", tbl: exclusionRows, row: 5, cells: map[string]string{"I": "来月"}, wrote: true, invalid: true,
			msgs: []msg{{"error", "date", "I5", `判断日（1.1）: "来月" は日付として読めません（2026-03-31、令和8年3月31日など）`, `decided on (1.1): "来月" is not a date (use 2026-03-31 or 令和8年3月31日)`}}},
		{name: "exclusion: formula", tbl: exclusionRows, row: 6, cells: map[string]string{"F": "受入"}, wrote: true, invalid: true,
			msgs: []msg{{"error", "formula", "F6", "受入／不受入（1.1）: 数式は使えません。値を入力してください", "accept / reject (1.1): formulas are not accepted; enter a value"}}},
		{name: "exclusion: over-long reason", tbl: exclusionRows, row: 5, cells: map[string]string{"G": long},
			wantText: map[string]string{"reason": long}, wrote: true,
			msgs: []msg{{"warning", "text_too_long", "G5", "判断の理由（1.1）: セルの文字数（32769）が Excel の上限 32767 を超えています。全文を読み取りました",
				"reason for the decision (1.1): the cell holds 32769 characters, more than Excel's limit of 32767; the whole text was kept"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd := rowReader(t)
			v := rd.readRow(tt.tbl, tt.row, "1.1", rowCells(tt.cells))
			if v.wrote != tt.wrote || v.invalid != tt.invalid {
				t.Errorf("wrote %v invalid %v, want %v %v", v.wrote, v.invalid, tt.wrote, tt.invalid)
			}
			if want := orEmpty(tt.wantText); !reflect.DeepEqual(v.text, want) {
				t.Errorf("text %q, want %q", v.text, want)
			}
			if want := orEmpty(tt.wantDates); !reflect.DeepEqual(v.dates, want) {
				t.Errorf("dates %v, want %v", v.dates, want)
			}
			var got []msg
			for _, m := range rd.msgs {
				if m.File != "risk.xlsx" || m.Sheet != tt.tbl.sheet || m.ID != "1.1" {
					t.Errorf("message not located: %+v", m)
				}
				got = append(got, msg{string(m.Severity), m.Code, m.Cell, m.TextJA, m.TextEN})
			}
			if !reflect.DeepEqual(got, tt.msgs) {
				t.Errorf("messages\n%q\nwant\n%q", got, tt.msgs)
			}
			for _, c := range tt.tbl.columns {
				if c.Agency && v.cells[c.Key] != c.Letter+strconv.Itoa(tt.row) {
					t.Errorf("cell of %s is %q", c.Key, v.cells[c.Key])
				}
			}
		})
	}
}

func orEmpty[V any](m map[string]V) map[string]V {
	if m == nil {
		return map[string]V{}
	}
	return m
}

// TestRowsToDecisions reads a decision row and an exclusion row through
// the same row reader and maps them to the domain's types; then blanks each agency cell of the
// complete row in turn: the domain's check reports the cell exactly when
// the column table marks it required.
func TestRowsToDecisions(t *testing.T) {
	hash := strings.Repeat("a", 64)
	b := binding{row: 6, id: "1.1", answer: hash, source: strings.Repeat("b", 64)}
	full := map[*table]map[string]string{
		decisionRows:  {"A": "1.1", "L": "高", "M": "中", "N": "低減", "O": "監視", "P": "情報政策課", "Q": "2026-09-30", "R": "CISO", "S": "2026-04-10", "T": "2027-03-31"},
		exclusionRows: {"A": "1.1", "F": "受入", "G": "理由", "H": "CISO", "I": "2026-04-10"},
	}
	t.Run("decision row", func(t *testing.T) {
		rd := rowReader(t)
		d := rd.decision(b, rd.readRow(decisionRows, 6, b.id, rowCells(full[decisionRows])))
		want := checklist.Decision{ID: "1.1", AnswerHash: hash, SourceSHA256: b.source, Impact: checklist.RatingHigh, Likelihood: checklist.RatingMedium,
			Treatment: checklist.TreatmentMitigate, Compensating: "監視", Owner: "情報政策課", Due: checklist.NewDate(2026, time.September, 30),
			Approver: "CISO", ApprovedOn: checklist.NewDate(2026, time.April, 10), ReviewBy: checklist.NewDate(2027, time.March, 31),
			File: "risk.xlsx", Sheet: SheetRisk, Row: 6,
			Cells: map[string]string{"impact": "L6", "likelihood": "M6", "treatment": "N6", "compensating": "O6", "owner": "P6", "due": "Q6", "approver": "R6", "approved_on": "S6", "review_by": "T6"}}
		if !reflect.DeepEqual(d, want) || len(rd.msgs) != 0 {
			t.Errorf("got %+v (messages %v)\nwant %+v", d, rd.msgs, want)
		}
	})
	t.Run("exclusion row", func(t *testing.T) {
		rd := rowReader(t)
		b := b
		b.row = 5
		d := rd.exclusionDecision(b, rd.readRow(exclusionRows, 5, b.id, rowCells(full[exclusionRows])))
		want := checklist.ExclusionDecision{ID: "1.1", AnswerHash: hash, SourceSHA256: b.source, Verdict: checklist.ExclusionAccept, Reason: "理由",
			Approver: "CISO", DecidedOn: checklist.NewDate(2026, time.April, 10), File: "risk.xlsx", Sheet: SheetExclusions, Row: 5,
			Cells: map[string]string{"verdict": "F5", "reason": "G5", "approver": "H5", "decided_on": "I5"}}
		if !reflect.DeepEqual(d, want) || len(rd.msgs) != 0 {
			t.Errorf("got %+v (messages %v)\nwant %+v", d, rd.msgs, want)
		}
	})
	for _, tbl := range []*table{decisionRows, exclusionRows} {
		for _, c := range tbl.columns {
			if !c.Agency {
				continue
			}
			t.Run("missing "+tbl.sheet+" "+c.Key, func(t *testing.T) {
				cells := map[string]string{}
				for k, v := range full[tbl] {
					cells[k] = v
				}
				delete(cells, c.Letter)
				rd := rowReader(t)
				row := 5 // no formula there
				v := rd.readRow(tbl, row, b.id, rowCells(cells))
				var invalid bool
				if tbl == decisionRows {
					invalid = rd.decision(b, v).Invalid
				} else {
					invalid = rd.exclusionDecision(b, v).Invalid
				}
				reported := false
				for _, m := range rd.msgs {
					if m.Cell == c.Letter+strconv.Itoa(row) && m.Severity == checklist.SeverityError && m.TextJA != "" && m.TextEN != "" {
						reported = true
					}
				}
				if reported != c.Required || invalid != c.Required {
					t.Errorf("blank %s: reported %v, invalid %v; the table says required=%v (messages %+v)", c.Key, reported, invalid, c.Required, rd.msgs)
				}
			})
		}
	}
}

// TestColumnTables holds the column tables together: an agency column has
// a kind the row reader takes, a choice column its list, the date flag
// the writer formats by matches the kind, and one key column per table.
func TestColumnTables(t *testing.T) {
	for _, tbl := range []*table{decisionRows, exclusionRows} {
		keys := 0
		for _, c := range tbl.columns {
			agencyKind := c.Kind == KindText || c.Kind == KindChoice || c.Kind == KindDate
			if c.Agency != agencyKind {
				t.Errorf("%s %s: agency %v but kind %d", tbl.sheet, c.Key, c.Agency, c.Kind)
			}
			if (c.Kind == KindChoice) != (c.Choices != nil) {
				t.Errorf("%s %s: kind %d with choices %v", tbl.sheet, c.Key, c.Kind, c.Choices)
			}
			if c.Agency && c.Date != (c.Kind == KindDate) {
				t.Errorf("%s %s: date flag %v, kind %d", tbl.sheet, c.Key, c.Date, c.Kind)
			}
			if c.Required && !c.Agency {
				t.Errorf("%s %s: required but not the agency's", tbl.sheet, c.Key)
			}
			if c.Kind == KindKey {
				keys++
				if c.Letter != "A" {
					t.Errorf("%s: the key is in column %s; messages about rows name column A", tbl.sheet, c.Letter)
				}
			}
		}
		if keys != 1 {
			t.Errorf("%s: %d key columns", tbl.sheet, keys)
		}
	}
}

// sheetRows is a rowSource holding rows as read, by sheet.
type sheetRows map[string][][]string

func (s sheetRows) SheetNames() []string { return nil }

func (s sheetRows) Rows(sheet string, limit int) ([][]string, error) { return s[sheet], nil }

// TestReadRows walks both sheets' rows against their bindings: a written
// row is read, an empty one passed over, and rows added, moved or missing
// are reported in each sheet's words.
func TestReadRows(t *testing.T) {
	hash := strings.Repeat("a", 64)
	bind := func(row int, id, digest string) binding {
		return binding{row: row, id: id, answer: hash, digest: digest}
	}
	type msg struct{ sev, code, cell, id, en string }
	tests := []struct {
		name     string
		tbl      *table
		rows     map[int]map[string]string // sheet row → cells by letter
		bindings []binding
		read     []string // IDs given to each, in order
		msgs     []msg
	}{
		{name: "risk sheet", tbl: decisionRows,
			rows: map[int]map[string]string{
				6:  {"A": "1.1", "L": "高"}, // read
				7:  {"A": "1.2"},           // bound, empty: passed over
				8:  {"A": "9.9"},           // bound to 1.3: moved
				9:  {"A": "", "P": "課"},    // not bound, entries without an ID
				10: {"A": "2.1"},           // not bound, an ID
				11: {"A": "", "C": "x"},    // not bound, nothing of the agency's: silent
			},
			bindings: []binding{bind(6, "1.1", ""), bind(7, "1.2", ""), bind(8, "1.3", ""), bind(12, "1.4", ""), bind(13, "1.5", strings.Repeat("c", 64))},
			read:     []string{"1.1"},
			msgs: []msg{
				{"error", "binding_mismatch", "A8", "1.3", `row 8 shows ID "9.9" but was written for 1.3; do not sort or edit rows`},
				{"error", "unbound_row", "A9", "", "row 9 holds entries but was not written by the tool (not read as a decision)"},
				{"error", "unbound_row", "A10", "2.1", "row 10 (ID 2.1) was not written by the tool; do not add or move rows"},
				{"warning", "row_missing", "A12", "1.4", "the row of 1.4 (row 12) is missing"},
				{"error", "row_missing", "A13", "1.5", "the row of 1.5 (row 13) is missing; it held a carried-forward decision"},
			}},
		{name: "exclusions sheet", tbl: exclusionRows,
			rows: map[int]map[string]string{
				5:  {"A": "1.1", "F": "受入"},
				6:  {"A": "1.2"},
				7:  {"A": "9.9", "F": "受入"},
				8:  {"A": "", "G": "理由"},
				9:  {"A": "2.1"},
				10: {"A": "", "B": "x"},
			},
			bindings: []binding{bind(5, "1.1", ""), bind(6, "1.2", ""), bind(7, "1.3", ""), bind(12, "1.4", strings.Repeat("c", 64))},
			read:     []string{"1.1"},
			msgs: []msg{
				{"error", "binding_mismatch", "A7", "1.3", `row 7 shows ID "9.9" but was written for 1.3; do not sort or edit rows`},
				{"error", "unbound_row", "A8", "", "row 8 was not written by the tool (not read as a decision); do not add or move rows"},
				{"error", "unbound_row", "A9", "2.1", "row 9 was not written by the tool (not read as a decision); do not add or move rows"},
				{"error", "row_missing", "A12", "1.4", "the row of 1.4 (row 12) is missing"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rows [][]string // down to the last row given: the bindings past it are missing
			for r := 1; r <= len(tt.rows)+tt.tbl.headerRow; r++ {
				rows = append(rows, rowCells(tt.rows[r]))
			}
			rd := &reader{src: sheetRows{tt.tbl.sheet: rows}, name: "risk.xlsx", base: "risk.xlsx"}
			var read []string
			if err := rd.readRows(tt.tbl, tt.bindings, func(b binding, v rowValues) {
				if !v.wrote || v.row != b.row {
					t.Errorf("row %d given as %+v", b.row, v)
				}
				read = append(read, b.id)
			}); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(read, tt.read) {
				t.Errorf("rows read %v, want %v", read, tt.read)
			}
			var got []msg
			for _, m := range rd.msgs {
				if m.Sheet != tt.tbl.sheet || m.TextJA == "" {
					t.Errorf("message not located or not bilingual: %+v", m)
				}
				got = append(got, msg{string(m.Severity), m.Code, m.Cell, m.ID, m.TextEN})
			}
			if !reflect.DeepEqual(got, tt.msgs) {
				t.Errorf("messages\n%q\nwant\n%q", got, tt.msgs)
			}
		})
	}
}
