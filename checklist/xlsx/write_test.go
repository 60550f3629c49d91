package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/templates"
	"github.com/xuri/excelize/v2"
)

// testCatalog returns the default embedded edition, loaded once for all
// the package's tests.
func testCatalog(t testing.TB) *checklist.Catalog {
	t.Helper()
	c, err := embeddedCatalog()
	if err != nil {
		t.Fatalf("loading the catalogue: %v", err)
	}
	return c
}

var embeddedCatalog = sync.OnceValues(func() (*checklist.Catalog, error) {
	p, err := templates.CatalogPath(templates.DefaultEdition)
	if err != nil {
		return nil, err
	}
	return checklist.LoadCatalog(templates.CatalogFS(), p)
})

func testRequest() checklist.Request {
	return checklist.Request{
		Agency: "デジタル庁（架空）", Division: "情報システム課", Contact: "ismap@example.go.jp",
		System: "電子申請システム", CSP: "Example Cloud株式会社", Service: "Example SaaS",
		ServiceModel: "SaaS", InterimCategory: "1-i",
		ContractStart: checklist.Date{Year: 2026, Month: time.April, Day: 1},
		ContractEnd:   checklist.Date{Year: 2029, Month: time.March, Day: 31},
		Due:           checklist.Date{Year: 2026, Month: time.April, Day: 30},
		Reference:     "デ庁-2026-001",
		Date:          checklist.Date{Year: 2026, Month: time.March, Day: 31},
	}
}

func writeBytes(t testing.TB, c *checklist.Catalog, req checklist.Request, opt WriteOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, c, req, opt); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func openBytes(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("opening the written workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// metaOf returns the key/value block of the metadata sheet.
func metaOf(t *testing.T, f *excelize.File) map[string]string {
	t.Helper()
	rows, err := f.GetRows(SheetMeta)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		if r[0] == MetaRowMap {
			break
		}
		m[r[0]] = r[1]
	}
	return m
}

// rowMapOf returns the metadata row map, ID → row, and checks the rows
// are listed in ascending order.
func rowMapOf(t *testing.T, f *excelize.File) map[string]int {
	t.Helper()
	ids, rowNums := rowListOf(t, f)
	m := map[string]int{}
	for i, id := range ids {
		m[id] = rowNums[i]
	}
	return m
}

func rowListOf(t *testing.T, f *excelize.File) (ids []string, rowNums []int) {
	t.Helper()
	rows, err := f.GetRows(SheetMeta)
	if err != nil {
		t.Fatal(err)
	}
	in := false
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		if !in {
			if r[0] == MetaRowMap {
				in = true
				if n, err := strconv.Atoi(r[1]); err != nil || n <= 0 {
					t.Errorf("row map count %q", r[1])
				}
			}
			continue
		}
		n, err := strconv.Atoi(r[0])
		if err != nil {
			t.Fatalf("row map entry %q: %v", r[0], err)
		}
		if len(rowNums) > 0 && n <= rowNums[len(rowNums)-1] {
			t.Errorf("row map not ascending at row %d", n)
		}
		ids = append(ids, r[1])
		rowNums = append(rowNums, n)
	}
	return ids, rowNums
}

func coverCell(key string) string {
	for i, cf := range CoverFields {
		if cf.Key == key {
			return cell(CoverValueCol, CoverFirstRow+i)
		}
	}
	panic("no cover field " + key)
}

// entryData returns the decompressed content of a zip entry, failing the
// test on a read error (a CRC error included).
func entryData(t testing.TB, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("reading %s: %v", f.Name, err)
	}
	return data
}

// zipEntries returns the entries of an xlsx by name.
func zipEntries(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		out[zf.Name] = string(entryData(t, zf))
	}
	return out
}

var formulaElem = regexp.MustCompile(`<f[ >/]`)

// assertNoFormulas fails if any worksheet of the xlsx holds a formula.
func assertNoFormulas(t *testing.T, b []byte) {
	t.Helper()
	for name, data := range zipEntries(t, b) {
		if strings.HasPrefix(name, "xl/worksheets/") && formulaElem.MatchString(data) {
			t.Errorf("%s holds a formula element", name)
		}
	}
}

func isLocked(t *testing.T, f *excelize.File, sheet, ref string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Protection == nil || st.Protection.Locked
}

// checkProtected checks every visible sheet is protected without a password.
func checkProtected(t *testing.T, f *excelize.File) {
	t.Helper()
	for _, s := range []string{SheetCover, SheetInstructions, SheetChecklist} {
		p, err := f.GetSheetProtection(s)
		if err != nil {
			t.Fatal(err)
		}
		if !p.SelectUnlockedCells || p.InsertRows || p.DeleteRows || p.InsertColumns || p.DeleteColumns || p.FormatCells {
			t.Errorf("sheet %q protection = %+v", s, p)
		}
	}
}

func TestWriteSheets(t *testing.T) {
	b := writeBytes(t, testCatalog(t), testRequest(), WriteOptions{ToolVersion: "test"})
	f := openBytes(t, b)
	want := []string{SheetCover, SheetInstructions, SheetChecklist, SheetLists, SheetMeta}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	for _, s := range want {
		vis, err := f.GetSheetVisible(s)
		if err != nil {
			t.Fatal(err)
		}
		if hidden := strings.HasPrefix(s, "_"); vis == hidden {
			t.Errorf("sheet %q visible = %v", s, vis)
		}
	}
	wb := zipEntries(t, b)["xl/workbook.xml"]
	if !regexp.MustCompile(`name="_ismapcheck"[^>]*state="veryHidden"|state="veryHidden"[^>]*name="_ismapcheck"`).MatchString(wb) {
		t.Errorf("metadata sheet is not very hidden:\n%s", wb)
	}
	for name := range zipEntries(t, b) {
		if strings.Contains(strings.ToLower(name), "vba") {
			t.Errorf("workbook holds %s", name)
		}
	}
	checkProtected(t, f)
}

func TestWriteChecklistRows(t *testing.T) {
	cat := testCatalog(t)
	f := openBytes(t, writeBytes(t, cat, testRequest(), WriteOptions{}))
	ids, rowNums := rowListOf(t, f)
	var want []string
	for _, it := range cat.Requirements() {
		want = append(want, it.ID)
	}
	if len(want) != 234 {
		t.Fatalf("catalogue has %d requirements, want 234", len(want))
	}
	if !slices.Equal(ids, want) {
		t.Fatalf("row map IDs differ from the catalogue order")
	}
	rows, err := f.GetRows(SheetChecklist)
	if err != nil {
		t.Fatal(err)
	}
	if h := rows[ChecklistHeaderRow-1]; h[0] != "ID" || h[4] != "適合状況\nStatus" {
		t.Errorf("header row %q", h)
	}
	// Every catalogue row has its row, headings included, in order.
	for i, it := range cat.Items {
		r := ChecklistFirstRow + i
		got := ""
		if len(rows) >= r && len(rows[r-1]) > 0 {
			got = rows[r-1][0]
		}
		wantID := it.ID
		if it.Level == checklist.LevelPart {
			wantID = ""
		}
		if got != wantID {
			t.Fatalf("row %d: ID %q, want %q", r, got, wantID)
		}
	}
	for i, id := range ids {
		if got := rows[rowNums[i]-1][0]; got != id {
			t.Errorf("row map says %s is on row %d, which holds %q", id, rowNums[i], got)
		}
	}
	if len(rows) != ChecklistFirstRow-1+len(cat.Items) {
		t.Errorf("%d rows, want %d", len(rows), ChecklistFirstRow-1+len(cat.Items))
	}
}

func TestWriteLockedCells(t *testing.T) {
	cat := testCatalog(t)
	f := openBytes(t, writeBytes(t, cat, testRequest(), WriteOptions{}))
	for i, it := range cat.Items {
		r := ChecklistFirstRow + i
		for _, c := range Columns {
			want := !(it.Level.IsRequirement() && c.Answer)
			if got := isLocked(t, f, SheetChecklist, cell(c.Letter, r)); got != want {
				t.Fatalf("%s row %d (%s) column %s: locked = %v, want %v", SheetChecklist, r, it.ID, c.Key, got, want)
			}
		}
	}
	for i, cf := range CoverFields {
		r := CoverFirstRow + i
		if !isLocked(t, f, SheetCover, cell("A", r)) || !isLocked(t, f, SheetCover, cell("B", r)) {
			t.Errorf("cover label of %s is not locked", cf.Key)
		}
		if got, want := isLocked(t, f, SheetCover, cell(CoverValueCol, r)), cf.Group == "agency"; got != want {
			t.Errorf("cover field %s: locked = %v, want %v", cf.Key, got, want)
		}
	}
	if !isLocked(t, f, SheetChecklist, cell("A", ChecklistHeaderRow)) || !isLocked(t, f, SheetChecklist, "L10") {
		t.Error("header or cells outside the table are not locked")
	}
}

// listValues resolves a list validation's source range on the lists sheet.
func listValues(t *testing.T, f *excelize.File, formula string) []string {
	t.Helper()
	m := regexp.MustCompile(`^'` + regexp.QuoteMeta(SheetLists) + `'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$`).FindStringSubmatch(formula)
	if m == nil {
		t.Fatalf("list source %q is not a range on %s", formula, SheetLists)
	}
	from, _ := strconv.Atoi(m[2])
	to, _ := strconv.Atoi(m[4])
	var out []string
	for r := from; r <= to; r++ {
		v, err := f.GetCellValue(SheetLists, m[1]+strconv.Itoa(r))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// sqrefRows expands "E5:E9 E11" into the set of rows for column col.
func sqrefRows(t *testing.T, sqref, col string) map[int]bool {
	t.Helper()
	rows := map[int]bool{}
	for _, part := range strings.Fields(sqref) {
		a, b, _ := strings.Cut(part, ":")
		if b == "" {
			b = a
		}
		ca, ra, err := excelize.SplitCellName(a)
		if err != nil {
			t.Fatal(err)
		}
		cb, rb, err := excelize.SplitCellName(b)
		if err != nil {
			t.Fatal(err)
		}
		if ca != col || cb != col {
			t.Errorf("sqref %q reaches beyond column %s", sqref, col)
		}
		for r := ra; r <= rb; r++ {
			rows[r] = true
		}
	}
	return rows
}

func TestWriteValidations(t *testing.T) {
	cat := testCatalog(t)
	wantStatus := map[string][]string{
		LabelsJA:   {"適合", "一部適合", "不適合", "対象外"},
		LabelsEN:   {"Conforms", "Partially conforms", "Does not conform", "Not applicable"},
		LabelsBoth: {"適合 / Conforms", "一部適合 / Partially conforms", "不適合 / Does not conform", "対象外 / Not applicable"},
	}
	wantResp := map[string][]string{
		LabelsJA:   {"CSP", "利用者", "共同", "継承"},
		LabelsEN:   {"CSP", "Customer", "Shared", "Inherited"},
		LabelsBoth: {"CSP", "利用者 / Customer", "共同 / Shared", "継承 / Inherited"},
	}
	for _, labels := range []string{LabelsJA, LabelsEN, LabelsBoth} {
		t.Run(labels, func(t *testing.T) {
			f := openBytes(t, writeBytes(t, cat, testRequest(), WriteOptions{Labels: labels}))
			reqRows := map[int]bool{}
			for _, r := range rowMapOf(t, f) {
				reqRows[r] = true
			}
			dvs, err := f.GetDataValidations(SheetChecklist)
			if err != nil {
				t.Fatal(err)
			}
			byCol := map[string]*excelize.DataValidation{}
			for _, dv := range dvs {
				col, _, err := excelize.SplitCellName(strings.Split(strings.Fields(dv.Sqref)[0], ":")[0])
				if err != nil {
					t.Fatal(err)
				}
				if byCol[col] != nil {
					t.Errorf("two validations on column %s", col)
				}
				byCol[col] = dv
			}
			for col, want := range map[string][]string{"E": wantStatus[labels], "J": wantResp[labels]} {
				dv := byCol[col]
				if dv == nil || dv.Type != "list" {
					t.Fatalf("column %s: no list validation (%+v)", col, dv)
				}
				if got := listValues(t, f, dv.Formula1); !slices.Equal(got, want) {
					t.Errorf("column %s list %q, want %q", col, got, want)
				}
				if got := sqrefRows(t, dv.Sqref, col); !mapsEqual(got, reqRows) {
					t.Errorf("column %s validation covers %d rows, want the %d requirement rows", col, len(got), len(reqRows))
				}
				if dv.ErrorStyle == nil || *dv.ErrorStyle != "stop" {
					t.Errorf("column %s: error style %v, want stop", col, dv.ErrorStyle)
				}
			}
			if dv := byCol["I"]; dv == nil || dv.Type != "date" || !mapsEqual(sqrefRows(t, dv.Sqref, "I"), reqRows) {
				t.Errorf("planned date column: validation %+v", dv)
			}
			if len(byCol) != 3 {
				t.Errorf("validations on columns %v, want E, I, J", slices.Sorted(mapsKeys(byCol)))
			}

			cdvs, err := f.GetDataValidations(SheetCover)
			if err != nil {
				t.Fatal(err)
			}
			byCell := map[string]*excelize.DataValidation{}
			for _, dv := range cdvs {
				byCell[dv.Sqref] = dv
			}
			for _, cf := range CoverFields {
				dv := byCell[coverCell(cf.Key)]
				switch {
				case cf.Group == "agency" || cf.Kind == "text":
					if dv != nil {
						t.Errorf("cover %s: unexpected validation %+v", cf.Key, dv)
					}
				case cf.Kind == "email":
					if dv == nil || dv.Type != "custom" || !strings.Contains(dv.Formula1, coverCell(cf.Key)) || *dv.ErrorStyle != "warning" {
						t.Errorf("cover %s: validation %+v, want a warning that checks for @", cf.Key, dv)
					}
				case cf.Kind == "choice":
					if dv == nil || dv.Type != "list" {
						t.Fatalf("cover %s: no list validation", cf.Key)
					}
					if got := listValues(t, f, dv.Formula1); !slices.Equal(got, cf.Entries()) {
						t.Errorf("cover %s list %q, want %q", cf.Key, got, cf.Entries())
					}
				case cf.Kind == "date":
					if dv == nil || dv.Type != "date" {
						t.Errorf("cover %s: validation %+v, want a date", cf.Key, dv)
					}
				}
			}
		})
	}
}

func mapsEqual(a, b map[int]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestWriteMetadata(t *testing.T) {
	cat := testCatalog(t)
	req := testRequest()
	f := openBytes(t, writeBytes(t, cat, req, WriteOptions{ToolVersion: "v9.9.9", Labels: LabelsJA}))
	want := map[string]string{
		MetaFormat:        FormatVersion,
		MetaTool:          "v9.9.9",
		MetaEdition:       cat.Edition.ID,
		MetaEditionSHA256: cat.Edition.SHA256,
		MetaReference:     req.Reference,
		MetaGenerated:     "2026-03-31",
		MetaLabels:        LabelsJA,
		MetaHeaderRow:     strconv.Itoa(ChecklistHeaderRow),
	}
	for _, cf := range CoverFields {
		want[MetaCoverPrefix+cf.Key] = coverCell(cf.Key)
	}
	got := metaOf(t, f)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("metadata %s = %q, want %q", k, got[k], v)
		}
	}
	if len(cat.Edition.SHA256) != 64 {
		t.Errorf("edition fingerprint %q", cat.Edition.SHA256)
	}
	props, err := f.GetCustomProps()
	if err != nil {
		t.Fatal(err)
	}
	gotProps := map[string]string{}
	for _, p := range props {
		s, _ := p.Value.(string)
		gotProps[p.Name] = s
	}
	for _, k := range []string{MetaFormat, MetaTool, MetaEdition, MetaEditionSHA256, MetaReference, MetaGenerated} {
		if gotProps["ismapcheck."+k] != want[k] {
			t.Errorf("document property ismapcheck.%s = %q, want %q", k, gotProps["ismapcheck."+k], want[k])
		}
	}
	dp, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if dp.Created != "2026-03-31T00:00:00Z" || dp.Modified != dp.Created || dp.Creator != "ismapcheck" {
		t.Errorf("core properties %+v", dp)
	}
	// Cover: agency values pre-filled, dates as dates.
	for key, wantV := range map[string]string{"agency": req.Agency, "reference": req.Reference, "service_model": "SaaS", "due": "2026-04-30", "date": "2026-03-31"} {
		if v, _ := f.GetCellValue(SheetCover, coverCell(key)); v != wantV {
			t.Errorf("cover %s = %q, want %q", key, v, wantV)
		}
	}
}

func TestWriteSheetSetup(t *testing.T) {
	f := openBytes(t, writeBytes(t, testCatalog(t), testRequest(), WriteOptions{}))
	p, err := f.GetPanes(SheetChecklist)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Freeze || p.XSplit != 1 || p.YSplit != ChecklistHeaderRow {
		t.Errorf("panes %+v, want frozen header and ID column", p)
	}
	pl, err := f.GetPageLayout(SheetChecklist)
	if err != nil {
		t.Fatal(err)
	}
	if *pl.Size != 9 || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 {
		t.Errorf("page layout size %v orientation %v fit %v", *pl.Size, *pl.Orientation, *pl.FitToWidth)
	}
	var titles, filter bool
	for _, dn := range f.GetDefinedName() {
		switch {
		case dn.Name == "_xlnm.Print_Titles" && dn.Scope == SheetChecklist:
			titles = strings.HasSuffix(dn.RefersTo, "!$4:$4")
		case dn.Name == "_xlnm._FilterDatabase" && dn.Scope == SheetChecklist:
			filter = strings.HasSuffix(dn.RefersTo, "!$A$4:$K$"+strconv.Itoa(ChecklistFirstRow-1+len(testCatalog(t).Items)))
		}
	}
	if !titles || !filter {
		t.Errorf("print titles %v, autofilter %v", titles, filter)
	}
	cfs, err := f.GetConditionalFormats(SheetChecklist)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfs) != 3 {
		t.Errorf("%d conditional formats, want 3 (unanswered, missing reason, missing date)", len(cfs))
	}
}

func TestWriteDeterministic(t *testing.T) {
	cat := testCatalog(t)
	a := writeBytes(t, cat, testRequest(), WriteOptions{ToolVersion: "x"})
	b := writeBytes(t, cat, testRequest(), WriteOptions{ToolVersion: "x"})
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same inputs differ")
	}
	req := testRequest()
	req.Date = req.Date.AddDate(0, 0, 1)
	if bytes.Equal(a, writeBytes(t, cat, req, WriteOptions{ToolVersion: "x"})) {
		t.Error("a different generation date gave the same bytes")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !zf.Modified.Equal(time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s modified %v", zf.Name, zf.Modified)
		}
	}
}

func TestWriteStoresAgencyTextAsText(t *testing.T) {
	hostile := []string{"=1+1", "+A1", "-2", "@SUM(A1)", `=HYPERLINK("http://x")`, "=cmd|' /C calc'!A0", "\tline\x00with\x1bcontrol"}
	req := testRequest()
	req.Agency, req.Division, req.Contact, req.System = hostile[0], hostile[1], hostile[2], hostile[3]
	req.CSP, req.Service, req.Reference = hostile[4], hostile[5], hostile[6]
	b := writeBytes(t, testCatalog(t), req, WriteOptions{})
	assertNoFormulas(t, b)
	f := openBytes(t, b)
	for key, want := range map[string]string{"agency": hostile[0], "division": hostile[1], "contact": hostile[2], "system": hostile[3],
		"csp": hostile[4], "service": hostile[5], "reference": "\tlinewithcontrol"} {
		got, err := f.GetCellValue(SheetCover, coverCell(key), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("cover %s = %q, want %q", key, got, want)
		}
		if typ, _ := f.GetCellType(SheetCover, coverCell(key)); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("cover %s stored as cell type %v, want a string", key, typ)
		}
	}
	if m := metaOf(t, f); m[MetaReference] != "\tlinewithcontrol" {
		t.Errorf("metadata reference %q", m[MetaReference])
	}
}

func TestWriteLabels(t *testing.T) {
	cat := testCatalog(t)
	tests := []struct {
		labels, header, instr string
	}{
		{LabelsJA, "適合状況", "記入要領"},
		{LabelsEN, "Status", "Instructions"},
		{LabelsBoth, "適合状況\nStatus", "記入要領 / Instructions"},
	}
	for _, tt := range tests {
		t.Run(tt.labels, func(t *testing.T) {
			f := openBytes(t, writeBytes(t, cat, testRequest(), WriteOptions{Labels: tt.labels}))
			if v, _ := f.GetCellValue(SheetChecklist, cell("E", ChecklistHeaderRow)); v != tt.header {
				t.Errorf("status header %q, want %q", v, tt.header)
			}
			if v, _ := f.GetCellValue(SheetInstructions, "A1"); v != tt.instr {
				t.Errorf("instructions title %q, want %q", v, tt.instr)
			}
			if m := metaOf(t, f); m[MetaLabels] != tt.labels {
				t.Errorf("metadata labels %q", m[MetaLabels])
			}
		})
	}
}

func TestWriteRejectsBadOptions(t *testing.T) {
	cat := testCatalog(t)
	noDate := testRequest()
	noDate.Date = checklist.Date{}
	tests := []struct {
		name string
		cat  *checklist.Catalog
		req  checklist.Request
		opt  WriteOptions
	}{
		{"no catalogue", nil, testRequest(), WriteOptions{}},
		{"no date", cat, noDate, WriteOptions{}},
		{"bad labels", cat, testRequest(), WriteOptions{Labels: "fr"}},
		{"no requirements", &checklist.Catalog{Edition: cat.Edition}, testRequest(), WriteOptions{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(io.Discard, tt.cat, tt.req, tt.opt)
			if !errors.Is(err, ErrWrite) {
				t.Errorf("Write: %v, want ErrWrite", err)
			}
		})
	}
}

// TestWriteOpensInLibreOffice converts the workbook to PDF with soffice;
// a file LibreOffice has to repair fails to convert or converts empty.
func TestWriteOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	if testing.Short() {
		t.Skip("slow: -short")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "checklist.xlsx")
	if err := os.WriteFile(in, writeBytes(t, testCatalog(t), testRequest(), WriteOptions{}), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir, in)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	st, err := os.Stat(filepath.Join(dir, "checklist.pdf"))
	if err != nil || st.Size() < 10000 {
		t.Fatalf("no PDF from soffice (%v)\n%s", err, out)
	}
}

// TestWriteOpensInOpenpyxl loads the workbook with python3-openpyxl.
func TestWriteOpensInOpenpyxl(t *testing.T) {
	py := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import openpyxl").Run() == nil {
			py = path
			break
		}
	}
	if py == "" {
		t.Skip("python3 with openpyxl not installed")
	}
	in := filepath.Join(t.TempDir(), "checklist.xlsx")
	if err := os.WriteFile(in, writeBytes(t, testCatalog(t), testRequest(), WriteOptions{}), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[sys.argv[2]]
print(len(wb.sheetnames), wb[sys.argv[3]].sheet_state, ws.protection.sheet, ws.freeze_panes, ws["E4"].value.split("\n")[0])
`
	out, err := exec.Command(py, "-c", script, in, SheetChecklist, SheetMeta).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	if got, want := strings.TrimSpace(string(out)), "5 veryHidden True B5 適合状況"; got != want {
		t.Errorf("openpyxl saw %q, want %q", got, want)
	}
}

func BenchmarkWrite(b *testing.B) {
	cat := testCatalog(b)
	req := testRequest()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, cat, req, WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWriteValidationMessagesFitExcel: Excel repairs a workbook whose
// validation title exceeds 32 or whose message exceeds 255 UTF-16 units.
func TestWriteValidationMessagesFitExcel(t *testing.T) {
	for _, labels := range []string{LabelsJA, LabelsEN, LabelsBoth} {
		f := openBytes(t, writeBytes(t, testCatalog(t), testRequest(), WriteOptions{Labels: labels}))
		for _, s := range []string{SheetCover, SheetChecklist} {
			dvs, err := f.GetDataValidations(s)
			if err != nil {
				t.Fatal(err)
			}
			for _, dv := range dvs {
				if dv.ErrorTitle == nil || dv.Error == nil {
					t.Errorf("%s %s %s: no error message", labels, s, dv.Sqref)
					continue
				}
				if n := len(utf16.Encode([]rune(*dv.ErrorTitle))); n > 32 || n == 0 {
					t.Errorf("%s %s %s: title %q is %d units", labels, s, dv.Sqref, *dv.ErrorTitle, n)
				}
				if n := len(utf16.Encode([]rune(*dv.Error))); n > 255 {
					t.Errorf("%s %s %s: message is %d units", labels, s, dv.Sqref, n)
				}
			}
		}
	}
}

// FuzzWriteAgencyText: whatever the agency types comes back from the cover
// as the same string (less the characters XML cannot carry), never as a
// formula.
func FuzzWriteAgencyText(f *testing.F) {
	for _, s := range []string{"=1+1", "+A1", "-2", "@SUM(A1)", `=HYPERLINK("http://x")`, " lead and trail ", "a\r\nb", "<&>\"'", "\x00\x01", "𠮷野家", strings.Repeat("長", 300)} {
		f.Add(s)
	}
	cat := testCatalog(f)
	f.Fuzz(func(t *testing.T, s string) {
		req := testRequest()
		req.Agency = s
		var buf bytes.Buffer
		if err := Write(&buf, cat, req, WriteOptions{}); err != nil {
			t.Fatalf("Write: %v", err)
		}
		assertNoFormulas(t, buf.Bytes())
		x := openBytes(t, buf.Bytes())
		got, err := x.GetCellValue(SheetCover, coverCell("agency"), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		want := SanitizeText(strings.ToValidUTF8(s, "\uFFFD"))
		if got != want {
			t.Errorf("agency %q came back as %q, want %q", s, got, want)
		}
	})
}
