package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

// rdToday is the reading date of the tests; every planned date of the
// good fixture lies after it.
var rdToday = checklist.Date{Year: 2026, Month: time.April, Day: 15}

// rdSpecial is an answer text with characters outside the BMP, a formula
// look-alike and a line break: it must come back unchanged, as text.
const rdSpecial = "𠮷野家の😀対応\n=SUM(A1)+1 は数式ではない"

// rdAnswers answers every requirement so that the workbook reads without
// any message: every status, reasons and dates where the rules want them.
func rdAnswers(cat *checklist.Catalog) []checklist.Answer {
	var out []checklist.Answer
	for i, it := range cat.Requirements() {
		a := checklist.Answer{
			ID:             it.ID,
			Implementation: fmt.Sprintf("%s の実施内容: 手順書に従い運用している（%d）", it.ID, i),
			Evidence:       fmt.Sprintf("情報セキュリティ規程 第%d条", i+1),
			Responsibility: checklist.Responsibilities[i%len(checklist.Responsibilities)],
		}
		govMgmt := it.Level == checklist.LevelGovernance || it.Level == checklist.LevelManagement
		switch i % 5 {
		case 0, 1:
			a.Status = checklist.StatusConforms
		case 2:
			a.Status = checklist.StatusPartial
			a.Reason = "一部の拠点で未実施"
			a.PlannedDate = rdToday.AddDate(0, 3, i)
		case 3:
			a.Status = checklist.StatusNonconforming
			a.Reason = "Not yet implemented; planned for next fiscal year."
			a.PlannedDate = rdToday.AddDate(1, 0, i)
		case 4:
			if govMgmt {
				a.Status = checklist.StatusConforms
			} else {
				a.Status = checklist.StatusNotApplicable
				a.Reason = "当サービスは物理媒体を扱わないため"
			}
		}
		if i%7 == 0 {
			a.Remarks = "備考 " + it.ID
		}
		if i == 9 {
			a.Implementation = rdSpecial
		}
		if i == 11 {
			a = checklist.Answer{ID: it.ID, Status: checklist.StatusUnanswered}
		}
		out = append(out, a)
	}
	// Keep the clean workbook free of messages: an objective answered 適合
	// over a B control that falls short is an inconsistency the reader
	// warns about (objective_conforms_b_short), so such an objective is
	// answered 一部適合 here.
	at := map[string]int{}
	for i, x := range out {
		at[x.ID] = i
	}
	for i, it := range cat.Requirements() {
		p, ok := at[it.Parent]
		if !it.B || !ok || out[p].Status != checklist.StatusConforms {
			continue
		}
		if st := out[i].Status; st.IsShortfall() || st == checklist.StatusNotApplicable {
			out[p].Status, out[p].Reason, out[p].PlannedDate = checklist.StatusPartial, "B管理策が未完了", rdToday.AddDate(0, 6, 0)
		}
	}
	return out
}

func rdCover() checklist.CSPCover {
	return checklist.CSPCover{
		RespondentName: "山田 太郎", RespondentTitle: "CISO", RespondentEmail: "security@example.com",
		AnswerDate:   checklist.Date{Year: 2026, Month: time.April, Day: 10},
		ServiceScope: "本番環境（東京リージョン）", DataLocations: "日本 / Japan", GoverningLaw: "日本法", Jurisdiction: "東京地方裁判所",
		ISMAPStatus: "planned", ISMAPPlannedDate: checklist.Date{Year: 2026, Month: time.October, Day: 1},
		UnderlyingIaaS: "Example IaaS", UnderlyingIaaSISMAP: "yes",
		Certifications: []checklist.Certification{
			{Name: "ISO/IEC 27001", Held: "yes", Number: "IS 123456", Expiry: checklist.Date{Year: 2027, Month: time.March, Day: 31}},
			{Name: "SOC 2 Type 2", Held: "no"},
		},
	}
}

func rdInterim() checklist.InterimFacts {
	return checklist.InterimFacts{
		UseStart:        checklist.Date{Year: 2026, Month: time.April, Day: 1},
		ContractSigned:  checklist.Date{Year: 2026, Month: time.March, Day: 1},
		ContractEnd:     testRequest().ContractEnd,
		Application:     "expected",
		ApplicationDate: checklist.Date{Year: 2026, Month: time.September, Day: 30},
		Alternative:     "no",
		// The alternative's status has its own cover row (類型①-ii).
		AlternativeApplication: "none",
	}
}

// rdFilled writes and fills a workbook with labels ("" = both).
func rdFilled(t testing.TB, labels string, answers []checklist.Answer, extra map[string]string) []byte {
	t.Helper()
	cat := testCatalog(t)
	var blank, filled bytes.Buffer
	if err := Write(&blank, cat, testRequest(), WriteOptions{Labels: labels, ToolVersion: "test"}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if err := Fill(&blank, &filled, answers, rdCover(), rdInterim(), extra); err != nil {
		t.Fatalf("Fill: %v", err)
	}
	return filled.Bytes()
}

var rdGoodBytes struct {
	once sync.Once
	b    []byte
}

// rdGood is the good fixture: the default workbook, filled with rdAnswers.
func rdGood(t testing.TB) []byte {
	t.Helper()
	rdGoodBytes.once.Do(func() {
		rdGoodBytes.b = rdFilled(t, "", rdAnswers(testCatalog(t)), nil)
	})
	if rdGoodBytes.b == nil {
		t.Fatal("no good fixture")
	}
	return bytes.Clone(rdGoodBytes.b)
}

func rdRead(t testing.TB, b []byte, opt ReadOptions) (*checklist.Assessment, error) {
	t.Helper()
	if opt.Today.IsZero() {
		opt.Today = rdToday
	}
	return Read(b, "answers.xlsx", testCatalog(t), opt)
}

// rdMutate opens b with excelize, applies fn and saves.
func rdMutate(t testing.TB, b []byte, fn func(f *excelize.File) error) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := fn(f); err != nil {
		t.Fatalf("mutating: %v", err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rdRezip copies the zip b entry by entry through edit (nil keeps the
// entry, a nil result drops it) and appends extra entries.
func rdRezip(t testing.TB, b []byte, edit func(name string, data []byte) []byte, extra map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		data := entryData(t, f)
		if edit != nil {
			data = edit(f.Name, data)
			if data == nil {
				continue
			}
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	for name, data := range extra {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func rdCol(key string) string {
	for _, c := range Columns {
		if c.Key == key {
			return c.Letter
		}
	}
	panic(key)
}

func rdHas(a *checklist.Assessment, code, cell, id string) bool {
	for _, m := range a.Messages {
		if m.Code == code && (cell == "" || m.Cell == cell) && (id == "" || m.ID == id) {
			return true
		}
	}
	return false
}

func rdDump(a *checklist.Assessment) string {
	var b strings.Builder
	for _, m := range a.Messages {
		fmt.Fprintf(&b, "  %s %s %s!%s %s: %s\n", m.Severity, m.Code, m.Sheet, m.Cell, m.ID, m.TextEN)
	}
	return b.String()
}

func TestReadRoundTrip(t *testing.T) {
	cat := testCatalog(t)
	want := rdAnswers(cat)
	for _, labels := range []string{LabelsBoth, LabelsJA, LabelsEN} {
		t.Run(labels, func(t *testing.T) {
			b := rdFilled(t, labels, want, nil)
			sum := sha256.Sum256(b)
			a, err := rdRead(t, b, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if sha256.Sum256(b) != sum {
				t.Fatal("Read modified its input")
			}
			if len(a.Messages) != 0 {
				t.Errorf("want no messages, got:\n%s", rdDump(a))
			}
			rdCompare(t, a, want)
			if a.SchemaVersion != checklist.AssessmentSchemaVersion || a.Edition != cat.Edition.ID ||
				a.EditionFingerprint != cat.Edition.SHA256 || a.Source.Name != "answers.xlsx" ||
				a.Source.Size != int64(len(b)) || len(a.Source.SHA256) != 64 {
				t.Errorf("header: %+v %+v", a.Source, a.Edition)
			}
			if got, want := a.Cover.Request, testRequest(); got != want {
				t.Errorf("request:\n got %+v\nwant %+v", got, want)
			}
			if got, want := a.Cover.Interim, rdInterim(); got != want {
				t.Errorf("interim:\n got %+v\nwant %+v", got, want)
			}
			gc, wc := a.Cover.CSP, rdCover()
			if fmt.Sprint(gc) != fmt.Sprint(wc) {
				t.Errorf("csp cover:\n got %+v\nwant %+v", gc, wc)
			}
			if a.Cover.Cells["respondent_name"] == "" {
				t.Errorf("cover cells: %v", a.Cover.Cells)
			}
		})
	}
}

func rdCompare(t *testing.T, a *checklist.Assessment, want []checklist.Answer) {
	t.Helper()
	if len(a.Answers) != len(want) {
		t.Fatalf("%d answers, want %d", len(a.Answers), len(want))
	}
	for i, w := range want {
		g := a.Answers[i]
		if g.ID != w.ID || g.Status != w.Status || g.Implementation != w.Implementation || g.Evidence != w.Evidence ||
			g.Reason != w.Reason || g.PlannedDate != w.PlannedDate || g.Responsibility != w.Responsibility ||
			g.Remarks != w.Remarks || g.Unknown {
			t.Errorf("answer %d:\n got %+v\nwant %+v", i, g, w)
		}
		if g.Status != checklist.StatusUnanswered && (g.Cells["status"] == "" || g.Sheet == "" || g.Row == 0) {
			t.Errorf("answer %s has no cells: %+v", g.ID, g)
		}
	}
}

// rdFatal asserts a read that fails with sentinel and names the file.
func rdFatal(t *testing.T, b []byte, opt ReadOptions, sentinel error, cell string) {
	t.Helper()
	a, err := rdRead(t, b, opt)
	if err == nil {
		t.Fatalf("want %v, got an assessment with:\n%s", sentinel, rdDump(a))
	}
	var ce *checklist.CellError
	if !errors.As(err, &ce) || !errors.Is(err, sentinel) || !errors.Is(err, checklist.ErrInvalidInput) {
		t.Fatalf("error %v (%T), want a CellError wrapping %v and ErrInvalidInput", err, err, sentinel)
	}
	if ce.File != "answers.xlsx" || ce.JA == "" || ce.EN == "" {
		t.Errorf("error lacks file or text: %+v", ce)
	}
	if cell != "" && ce.Cell != cell {
		t.Errorf("cell %q, want %q (%v)", ce.Cell, cell, err)
	}
}

func TestReadRejectsUnusableFiles(t *testing.T) {
	good := rdGood(t)
	cs := SheetChecklist
	tests := []struct {
		name     string
		data     func(t *testing.T) []byte
		opt      ReadOptions
		sentinel error
		cell     string
	}{
		{"empty file", func(t *testing.T) []byte { return nil }, ReadOptions{}, ErrEmpty, ""},
		{"plain text", func(t *testing.T) []byte { return []byte("ID,Status\n3.1.2.1,適合\n") }, ReadOptions{}, ErrNotXLSX, ""},
		{"xls header", func(t *testing.T) []byte { return append(bytes.Clone(oleMagic), make([]byte, 1024)...) }, ReadOptions{}, ErrXLS, ""},
		{"word document", func(t *testing.T) []byte {
			return rdRezip(t, rdRezip(t, good, func(n string, d []byte) []byte {
				if strings.HasPrefix(n, "xl/") {
					return nil
				}
				return d
			}, nil), nil, map[string][]byte{"word/document.xml": []byte("<w/>")})
		}, ReadOptions{}, ErrNotXLSX, ""},
		{"too large", func(t *testing.T) []byte { return good }, ReadOptions{MaxFileSize: 1000}, ErrTooLarge, ""},
		{"truncated zip", func(t *testing.T) []byte { return good[:len(good)/2] }, ReadOptions{}, ErrTruncated, ""},
		{"truncated sheet xml", func(t *testing.T) []byte {
			return rdRezip(t, good, func(n string, d []byte) []byte {
				if strings.HasPrefix(n, "xl/worksheets/sheet") {
					return d[:len(d)*2/3]
				}
				return d
			}, nil)
		}, ReadOptions{}, ErrTruncated, ""},
		{"crc error", func(t *testing.T) []byte { return rdCorruptCRC(t, good) }, ReadOptions{}, ErrCorrupt, ""},
		{"zip bomb", func(t *testing.T) []byte { return rdBomb(t, good) }, ReadOptions{}, ErrZipBomb, ""},
		{"million rows", func(t *testing.T) []byte { return rdMillionRows(t, good) }, ReadOptions{}, ErrOutOfBounds, "A10001"},
		{"cell at XFD", func(t *testing.T) []byte {
			return rdEditSheet(t, good, cs, func(x []byte) []byte {
				return bytes.Replace(x, []byte("</sheetData>"), []byte(`<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>stray</t></is></c></row></sheetData>`), 1)
			})
		}, ReadOptions{}, ErrOutOfBounds, "XFD1048576"},
		{"one shared string in every cell", func(t *testing.T) []byte { return rdSharedBomb(t, good) }, ReadOptions{}, ErrZipBomb, ""},
		{"checklist gone", func(t *testing.T) []byte {
			return rdMutate(t, good, func(f *excelize.File) error { return f.DeleteSheet(cs) })
		}, ReadOptions{}, ErrMissingSheet, ""},
		{"encrypted without password", func(t *testing.T) []byte { return rdEncrypt(t, good, "secret") }, ReadOptions{}, ErrEncrypted, ""},
		{"encrypted, wrong password", func(t *testing.T) []byte { return rdEncrypt(t, good, "secret") }, ReadOptions{Password: "guess"}, ErrPassword, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdFatal(t, tt.data(t), tt.opt, tt.sentinel, tt.cell)
		})
	}
}

// rdCorruptCRC flips one stored byte of the shared strings, which the
// zip was written with zip.Store so the byte reaches the CRC check.
func rdCorruptCRC(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, _ := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		data := entryData(t, f)
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
		w.Write(data)
	}
	zw.Close()
	res := out.Bytes()
	i := bytes.Index(res, []byte("<sst"))
	if i < 0 {
		t.Fatal("no shared strings")
	}
	res[i+1] = 'x' // <xst: the CRC no longer matches
	return res
}

// rdBomb adds an entry of 64 MiB of zeros, some 64 KiB compressed.
func rdBomb(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, _ := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	w, _ := zw.Create("xl/media/image1.png")
	zero := make([]byte, 1<<20)
	for range 64 {
		w.Write(zero)
	}
	zw.Close()
	return out.Bytes()
}

// rdPart returns the zip entry of sheet.
func rdPart(t *testing.T, b []byte, sheet string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "xl/workbook.xml" {
			wb := entryData(t, f)
			sheets, _, _ := parseWorkbook(wb, rdRels(t, zr))
			for _, s := range sheets {
				if s.Name == sheet {
					return s.Part
				}
			}
		}
	}
	t.Fatalf("no sheet %q", sheet)
	return ""
}

// rdEditSheet rewrites the XML of one sheet.
func rdEditSheet(t *testing.T, b []byte, sheet string, edit func([]byte) []byte) []byte {
	t.Helper()
	part := rdPart(t, b, sheet)
	return rdRezip(t, b, func(name string, d []byte) []byte {
		if name == part {
			return edit(d)
		}
		return d
	}, nil)
}

// rdMillionRows replaces the drop-down list sheet with a million rows,
// written streaming and compressed to a few MiB.
func rdMillionRows(t *testing.T, b []byte) []byte {
	t.Helper()
	part := rdPart(t, b, SheetLists)
	zr, _ := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, f := range zr.File {
		if f.Name != part {
			zw.Copy(f)
			continue
		}
		w, _ := zw.Create(f.Name)
		io.WriteString(w, `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		bw := bufio.NewWriterSize(w, 1<<20)
		var buf []byte
		for r := 1; r <= 1000000; r++ {
			buf = append(buf[:0], `<row r="`...)
			buf = strconv.AppendInt(buf, int64(r), 10)
			buf = append(buf, `"><c r="A`...)
			buf = strconv.AppendInt(buf, int64(r), 10)
			buf = append(buf, `"><v>1</v></c></row>`...)
			bw.Write(buf)
		}
		bw.Flush()
		io.WriteString(w, `</sheetData></worksheet>`)
	}
	zw.Close()
	return out.Bytes()
}

// rdSharedBomb makes one 1 MiB shared string and a checklist of 500
// cells that all use it: 500 MiB of text from a small file.
func rdSharedBomb(t *testing.T, b []byte) []byte {
	t.Helper()
	part := rdPart(t, b, SheetChecklist)
	big := strings.Repeat("a", 1<<20)
	index := 0
	rdRezip(t, b, func(name string, d []byte) []byte {
		if name == "xl/sharedStrings.xml" {
			index = bytes.Count(d, []byte("<si>"))
		}
		return d
	}, nil)
	return rdRezip(t, b, func(name string, d []byte) []byte {
		switch name {
		case "xl/sharedStrings.xml":
			return bytes.Replace(d, []byte("</sst>"), []byte("<si><t>"+big+"</t></si></sst>"), 1)
		case part:
			var sb strings.Builder
			sb.WriteString(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			for r := 1; r <= 50; r++ {
				fmt.Fprintf(&sb, `<row r="%d">`, r)
				for c := 1; c <= 10; c++ {
					fmt.Fprintf(&sb, `<c r="%s" t="s"><v>%d</v></c>`, cellName(c, r), index)
				}
				sb.WriteString(`</row>`)
			}
			sb.WriteString(`</sheetData></worksheet>`)
			return []byte(sb.String())
		}
		return d
	}, nil)
}

func rdRels(t *testing.T, zr *zip.Reader) map[string]string {
	for _, f := range zr.File {
		if f.Name == "xl/_rels/workbook.xml.rels" {
			b := entryData(t, f)
			m, _, err := parseRels(b, "xl")
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
	}
	t.Fatal("no workbook rels")
	return nil
}

func rdEncrypt(t testing.TB, b []byte, password string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	if err := f.Write(&out, excelize.Options{Password: password}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out.Bytes(), oleMagic) {
		t.Fatal("excelize did not encrypt")
	}
	return out.Bytes()
}

func TestReadEncryptedWithPassword(t *testing.T) {
	b := rdEncrypt(t, rdGood(t), "secret")
	a, err := rdRead(t, b, ReadOptions{Password: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	rdCompare(t, a, rdAnswers(testCatalog(t)))
	sum := sha256.Sum256(b)
	if a.Source.Size != int64(len(b)) || a.Source.SHA256 != fmt.Sprintf("%x", sum) {
		t.Errorf("source should describe the encrypted file: %+v", a.Source)
	}
}

// TestReadMutations: each mutation of the good fixture gives its message
// at its cell, and the rest of the answers still read.
func TestReadMutations(t *testing.T) {
	good := rdGood(t)
	cat := testCatalog(t)
	reqs := cat.Requirements()
	cs := SheetChecklist
	id0, id1 := reqs[0].ID, reqs[1].ID // governance items: conforms
	idNA := reqs[0].ID
	var idB, idObj string
	for _, it := range reqs {
		if it.B && idB == "" {
			idB = it.ID
		}
		if it.Level == checklist.LevelObjective && idObj == "" {
			idObj = it.ID
		}
	}
	goodA, err := rdRead(t, good, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	row := func(id string) int {
		x, ok := goodA.Answer(id)
		if !ok || x.Row == 0 {
			t.Fatalf("no row for %s", id)
		}
		return x.Row
	}
	c := func(key, id string) string { return rdCol(key) + fmt.Sprint(row(id)) }
	set := func(cellRef, v string) []byte {
		return rdMutate(t, good, func(f *excelize.File) error { return f.SetCellStr(cs, cellRef, v) })
	}
	type check struct {
		code, cell, id string
		sev            checklist.Severity
	}
	tests := []struct {
		name   string
		data   func() []byte
		checks []check
		errors bool // any error message expected
		verify func(t *testing.T, a *checklist.Assessment)
	}{
		{name: "deleted row", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error { return f.RemoveRow(cs, row(id1)) })
		}, checks: []check{{CodeMissingID, "", id1, checklist.SeverityError}}, errors: true,
			verify: func(t *testing.T, a *checklist.Assessment) {
				if x, _ := a.Answer(id1); !x.Unknown || x.Status != checklist.StatusUnanswered {
					t.Errorf("deleted row: %+v", x)
				}
			}},
		{name: "two rows swapped", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error {
				r0, r1 := row(id0), row(id1)
				for _, col := range Columns {
					v0, _ := f.GetCellValue(cs, fmt.Sprintf("%s%d", col.Letter, r0))
					v1, _ := f.GetCellValue(cs, fmt.Sprintf("%s%d", col.Letter, r1))
					f.SetCellStr(cs, fmt.Sprintf("%s%d", col.Letter, r0), v1)
					f.SetCellStr(cs, fmt.Sprintf("%s%d", col.Letter, r1), v0)
				}
				return nil
			})
		}, verify: func(t *testing.T, a *checklist.Assessment) {
			rdCompareIgnoringRows(t, a, rdAnswers(cat))
			if x, _ := a.Answer(id0); x.Row != row(id1) {
				t.Errorf("%s read from row %d, want %d", id0, x.Row, row(id1))
			}
		}},
		{name: "sheet renamed", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error { return f.SetSheetName(cs, "回答") })
		}, checks: []check{{CodeSheetRenamed, "", "", checklist.SeverityWarning}},
			verify: func(t *testing.T, a *checklist.Assessment) { rdCompareIgnoringRows(t, a, rdAnswers(cat)) }},
		{name: "requirement text edited", data: func() []byte { return set(c("title", id0), "好きなように変えた") },
			checks: []check{{CodeTextChanged, c("title", id0), id0, checklist.SeverityError}}, errors: true},
		{name: "summary edited", data: func() []byte { return set(c("summary", idObj), "Anything goes") },
			checks: []check{{CodeTextChanged, c("summary", idObj), idObj, checklist.SeverityError}}, errors: true},
		{name: "invalid answer", data: func() []byte { return set(c("status", id0), "たぶん大丈夫") },
			checks: []check{{CodeInvalidStatus, c("status", id0), id0, checklist.SeverityError}}, errors: true,
			verify: func(t *testing.T, a *checklist.Assessment) {
				m := rdFind(a, CodeInvalidStatus)
				if !strings.Contains(m.TextJA, "一部適合") || !strings.Contains(m.TextEN, "Partially conforms") {
					t.Errorf("message does not list the allowed values: %+v", m)
				}
				if x, _ := a.Answer(id0); !x.Unknown {
					t.Errorf("answer not marked unknown: %+v", x)
				}
			}},
		{name: "formula answer", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error {
				return f.SetCellFormula(cs, c("status", id0), `IF(1=1,"適合","不適合")`)
			})
		}, checks: []check{{CodeFormula, c("status", id0), id0, checklist.SeverityError}}, errors: true,
			verify: func(t *testing.T, a *checklist.Assessment) {
				if x, _ := a.Answer(id0); !x.Unknown || x.Status != checklist.StatusUnanswered {
					t.Errorf("formula answer: %+v", x)
				}
			}},
		{name: "header row moved down", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error { return f.InsertRows(cs, 1, 3) })
		}, checks: []check{{CodeHeaderMoved, "A7", "", checklist.SeverityWarning}},
			verify: func(t *testing.T, a *checklist.Assessment) { rdCompareIgnoringRows(t, a, rdAnswers(cat)) }},
		{name: "metadata sheet deleted", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error { return f.DeleteSheet(SheetMeta) })
		}, checks: []check{{CodeMetadataMissing, "", "", checklist.SeverityWarning}},
			verify: func(t *testing.T, a *checklist.Assessment) {
				rdCompare(t, a, rdAnswers(cat))
				if rdHas(a, CodeEditionUnknown, "", "") {
					t.Error("the edition should come from the document properties")
				}
				if a.Cover.CSP.RespondentName != rdCover().RespondentName {
					t.Errorf("cover by label: %+v", a.Cover.CSP)
				}
			}},
		{name: "duplicated ID", data: func() []byte { return set(c("id", id1), id0) },
			checks: []check{{CodeDuplicateID, c("id", id1), id0, checklist.SeverityError}, {CodeMissingID, "", id1, checklist.SeverityError}}, errors: true,
			verify: func(t *testing.T, a *checklist.Assessment) {
				m := rdFind(a, CodeDuplicateID)
				if !strings.Contains(m.TextEN, c("id", id0)) || !strings.Contains(m.TextEN, c("id", id1)) {
					t.Errorf("duplicate message does not name both cells: %s", m.TextEN)
				}
			}},
		{name: "unknown ID with answers", data: func() []byte { return set(c("id", id1), "99.9.9") },
			checks: []check{{CodeUnknownID, c("id", id1), "99.9.9", checklist.SeverityError}, {CodeOrphanCell, c("status", id1), "", checklist.SeverityWarning}}, errors: true},
		{name: "A. prefix and full-width ID", data: func() []byte { return set(c("id", id0), "Ａ．"+strings.ReplaceAll(id0, ".", "．")) },
			verify: func(t *testing.T, a *checklist.Assessment) { rdCompare(t, a, rdAnswers(cat)) }},
		{name: "value below the table", data: func() []byte { return set(rdCol("status")+"400", "適合") },
			checks: []check{{CodeOrphanCell, rdCol("status") + "400", "", checklist.SeverityWarning}}},
		{name: "answer on a heading row", data: func() []byte { return set(rdCol("remarks")+fmt.Sprint(ChecklistFirstRow+1), "見出しへのメモ") },
			checks: []check{{CodeAnswerOnHeading, rdCol("remarks") + fmt.Sprint(ChecklistFirstRow+1), "", checklist.SeverityWarning}}},
		{name: "extra column", data: func() []byte { return set("M"+fmt.Sprint(row(id0)), "追加の注記") },
			checks: []check{{CodeExtraCell, "M" + fmt.Sprint(row(id0)), "", checklist.SeverityWarning}}},
		{name: "not applicable on governance", data: func() []byte { return set(c("status", idNA), "対象外") },
			checks: []check{{CodeNAOnGovMgmt, c("status", idNA), idNA, checklist.SeverityWarning}, {CodeNAWithoutReason, c("reason", idNA), idNA, checklist.SeverityWarning}}},
		{name: "shortfall without reason and date", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error {
				f.SetCellStr(cs, c("reason", idObj), "")
				f.SetCellStr(cs, c("planned_date", idObj), "")
				return f.SetCellStr(cs, c("status", idObj), "一部適合")
			})
		},
			checks: []check{{CodeShortfallNoReason, c("reason", idObj), idObj, checklist.SeverityWarning}, {CodeShortfallNoDate, c("planned_date", idObj), idObj, checklist.SeverityWarning}}},
		{name: "planned date in the past", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error {
				f.SetCellStr(cs, c("reason", idObj), "理由")
				f.SetCellStr(cs, c("status", idObj), "不適合 / Does not conform")
				return f.SetCellStr(cs, c("planned_date", idObj), "令和元年5月1日")
			})
		}, checks: []check{{CodePlannedDatePast, c("planned_date", idObj), idObj, checklist.SeverityWarning}},
			verify: func(t *testing.T, a *checklist.Assessment) {
				if x, _ := a.Answer(idObj); x.PlannedDate != (checklist.Date{Year: 2019, Month: time.May, Day: 1}) || x.Status != checklist.StatusNonconforming {
					t.Errorf("wareki date: %+v", x)
				}
			}},
		{name: "invalid date", data: func() []byte { return set(c("planned_date", id0), "来年度中") },
			checks: []check{{CodeInvalidDate, c("planned_date", id0), id0, checklist.SeverityError}}, errors: true},
		{name: "B control without evidence", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error {
				f.SetCellStr(cs, c("status", idB), "Conforms")
				return f.SetCellStr(cs, c("evidence", idB), "")
			})
		}, checks: []check{{CodeBWithoutEvidence, c("evidence", idB), idB, checklist.SeverityWarning}}},
		{name: "invalid responsibility", data: func() []byte { return set(c("responsibility", id0), "たぶん先方") },
			checks: []check{{CodeInvalidResp, c("responsibility", id0), id0, checklist.SeverityError}}, errors: true},
		{name: "edition mismatch", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error { return f.SetCellStr(SheetMeta, "B3", "2020-06-03") })
		}, checks: []check{{CodeEditionMismatch, "", "", checklist.SeverityError}}, errors: true,
			verify: func(t *testing.T, a *checklist.Assessment) {
				m := rdFind(a, CodeEditionMismatch)
				if !strings.Contains(m.TextEN, "2020-06-03") || !strings.Contains(m.TextEN, cat.Edition.ID) {
					t.Errorf("mismatch message must name both editions: %s", m.TextEN)
				}
			}},
		{name: "macros", data: func() []byte {
			return rdRezip(t, good, nil, map[string][]byte{"xl/vbaProject.bin": []byte("not really VBA")})
		}, checks: []check{{CodeMacros, "", "", checklist.SeverityWarning}},
			verify: func(t *testing.T, a *checklist.Assessment) { rdCompare(t, a, rdAnswers(cat)) }},
		{name: "cover choice invalid", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error {
				return f.SetCellStr(SheetCover, coverRef("ismap_status"), "そのうち")
			})
		}, checks: []check{{CodeInvalidChoice, coverRef("ismap_status"), "", checklist.SeverityError}}, errors: true},
		{name: "cover note outside fields", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error { return f.SetCellStr(SheetCover, "E20", "補足です") })
		}, checks: []check{{CodeCoverOrphan, "E20", "", checklist.SeverityWarning}}},
		{name: "formula on the cover", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error {
				return f.SetCellFormula(SheetCover, coverRef("respondent_name"), `"山田"&"太郎"`)
			})
		}, checks: []check{{CodeFormula, coverRef("respondent_name"), "", checklist.SeverityError}}, errors: true},
		{name: "sheet added by the CSP", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error {
				if _, err := f.NewSheet("補足"); err != nil {
					return err
				}
				return f.SetCellStr("補足", "B2", "詳細は別紙")
			})
		}, checks: []check{{CodeExtraSheet, "B2", "", checklist.SeverityWarning}}},
		{name: "formula elsewhere", data: func() []byte {
			return rdMutate(t, good, func(f *excelize.File) error { return f.SetCellFormula(SheetInstructions, "C3", "1+1") })
		}, checks: []check{{CodeFormulaIgnored, "C3", "", checklist.SeverityWarning}}},
		{name: "100,000-character answer", data: func() []byte { return rdLong(t, good, c("implementation", id0), 100000) },
			checks: []check{{CodeTextTooLong, c("implementation", id0), id0, checklist.SeverityWarning}},
			verify: func(t *testing.T, a *checklist.Assessment) {
				if x, _ := a.Answer(id0); len([]rune(x.Implementation)) != 100000 {
					t.Errorf("long text: %d characters kept", len([]rune(x.Implementation)))
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.data()
			a, err := rdRead(t, b, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, ch := range tt.checks {
				found := false
				for _, m := range a.Messages {
					if m.Code == ch.code && (ch.cell == "" || m.Cell == ch.cell) && (ch.id == "" || m.ID == ch.id) {
						found = true
						if m.Severity != ch.sev || m.TextJA == "" || m.TextEN == "" || m.File == "" {
							t.Errorf("%s: %+v", ch.code, m)
						}
					}
				}
				if !found {
					t.Errorf("no %s at %q (ID %q); got:\n%s", ch.code, ch.cell, ch.id, rdDump(a))
				}
			}
			if a.HasErrors() != tt.errors {
				t.Errorf("HasErrors = %v, want %v:\n%s", a.HasErrors(), tt.errors, rdDump(a))
			}
			if len(tt.checks) == 0 && len(a.Messages) != 0 {
				t.Errorf("want no messages, got:\n%s", rdDump(a))
			}
			if tt.verify != nil {
				tt.verify(t, a)
			}
		})
	}
}

func coverRef(key string) string {
	for i, f := range CoverFields {
		if f.Key == key {
			return fmt.Sprintf("%s%d", CoverValueCol, CoverFirstRow+i)
		}
	}
	panic(key)
}

func rdFind(a *checklist.Assessment, code string) checklist.Message {
	for _, m := range a.Messages {
		if m.Code == code {
			return m
		}
	}
	return checklist.Message{}
}

func rdCompareIgnoringRows(t *testing.T, a *checklist.Assessment, want []checklist.Answer) {
	t.Helper()
	rdCompare(t, a, want)
}

// rdLong puts an n-character inline string in cellRef of the checklist
// sheet, past Excel's limit (excelize's setters cut at 32,767).
func rdLong(t *testing.T, b []byte, cellRef string, n int) []byte {
	t.Helper()
	marker := "LONG-MARKER-TEXT"
	b = rdMutate(t, b, func(f *excelize.File) error { return f.SetCellStr(SheetChecklist, cellRef, marker) })
	long := strings.Repeat("長", n-1) + "x"
	return rdRezip(t, b, func(name string, d []byte) []byte {
		return bytes.ReplaceAll(d, []byte(marker), []byte(long))
	}, nil)
}

func TestReadHeaderVariants(t *testing.T) {
	tests := []struct {
		cell string
		key  string
		want bool
	}{
		{"適合状況\nStatus", "status", true},
		{"適合状況 / Status", "status", true},
		{" 適合状況 ", "status", true},
		{"Ｓｔａｔｕｓ", "status", true},
		{"status", "status", true},
		{"概要（参考訳）", "summary", true},
		{"概要", "summary", true},
		{"Summary", "summary", true},
		{"対応予定日\nPlanned date", "planned_date", true},
		{"実施内容", "status", false},
		{"", "id", false},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			var col Column
			for _, c := range Columns {
				if c.Key == tt.key {
					col = c
				}
			}
			if got := headerMatches(tt.cell, col); got != tt.want {
				t.Errorf("headerMatches(%q, %s) = %v", tt.cell, tt.key, got)
			}
		})
	}
}

func TestParseStatus(t *testing.T) {
	tests := []struct {
		in   string
		want checklist.Status
		ok   bool
	}{
		{"適合", checklist.StatusConforms, true},
		{" 適合 ", checklist.StatusConforms, true},
		{"適合 / Conforms", checklist.StatusConforms, true},
		{"適合\nConforms", checklist.StatusConforms, true},
		{"適合（Conforms）", checklist.StatusConforms, true},
		{"CONFORMS", checklist.StatusConforms, true},
		{"一部 適合", checklist.StatusPartial, true},
		{"Partially conforms", checklist.StatusPartial, true},
		{"Partial", checklist.StatusPartial, true},
		{"不適合 / Does not conform", checklist.StatusNonconforming, true},
		{"Non-conforming", checklist.StatusNonconforming, true},
		{"対象外", checklist.StatusNotApplicable, true},
		{"N/A", checklist.StatusNotApplicable, true},
		{"Ｎ／Ａ", checklist.StatusNotApplicable, true},
		{"該当なし", checklist.StatusNotApplicable, true},
		{"", checklist.StatusUnanswered, true},
		{"未回答", checklist.StatusUnanswered, true},
		{"○", "", false},
		{"×", "", false},
		{"Yes", "", false},
		{"NA", "", false},
		{"適合 / Does not conform", "", false},
		{"適合とする", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseStatus(tt.in)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("parseStatus(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseResponsibilityAndChoice(t *testing.T) {
	for in, want := range map[string]checklist.Responsibility{
		"CSP": checklist.RespCSP, "利用者 / Customer": checklist.RespCustomer, "shared": checklist.RespShared,
		"継承": checklist.RespInherited, "共有": checklist.RespShared,
	} {
		if got, ok := parseResponsibility(in); !ok || got != want {
			t.Errorf("parseResponsibility(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := parseResponsibility("先方"); ok {
		t.Error("先方 accepted")
	}
	var app, st CoverField
	for _, f := range CoverFields {
		switch f.Key {
		case "application":
			app = f
		case "ismap_status":
			st = f
		}
	}
	for in, want := range map[string]string{"申請見込み / expected": "expected", "申請見込み": "expected", "Expected": "expected", "見込みなし": "none"} {
		if got, ok := parseChoice(app, in); !ok || got != want {
			t.Errorf("parseChoice(application, %q) = %q, %v", in, got, ok)
		}
	}
	if got, ok := parseChoice(st, "予定なし / no plan"); !ok || got != "none" {
		t.Errorf("ismap_status: %q %v", got, ok)
	}
}

func TestReadDates(t *testing.T) {
	r := &reader{sc: &Workbook{}}
	for in, want := range map[string]checklist.Date{
		"46112":               {Year: 2026, Month: time.March, Day: 31},
		"46112.75":            {Year: 2026, Month: time.March, Day: 31},
		"2026-03-31":          {Year: 2026, Month: time.March, Day: 31},
		"2026/3/31":           {Year: 2026, Month: time.March, Day: 31},
		"令和8年3月31日":           {Year: 2026, Month: time.March, Day: 31},
		"令和元年5月1日":            {Year: 2019, Month: time.May, Day: 1},
		"2026-03-31T00:00:00": {Year: 2026, Month: time.March, Day: 31},
	} {
		if got, err := r.parseDateCell(in); err != nil || got != want {
			t.Errorf("parseDateCell(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"0", "-5", "99999999", "来月", "2026-02-30"} {
		if _, err := r.parseDateCell(in); err == nil {
			t.Errorf("parseDateCell(%q) accepted", in)
		}
	}
}

func TestReadMessagesSorted(t *testing.T) {
	good := rdGood(t)
	b := rdMutate(t, good, func(f *excelize.File) error {
		f.SetCellStr(SheetChecklist, rdCol("status")+"400", "x")
		f.SetCellStr(SheetChecklist, rdCol("status")+"300", "y")
		return f.SetCellStr(SheetCover, "E20", "z")
	})
	a1, err := rdRead(t, b, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a2, _ := rdRead(t, b, ReadOptions{})
	if fmt.Sprint(a1.Messages) != fmt.Sprint(a2.Messages) {
		t.Error("two reads differ")
	}
	var cells []string
	for _, m := range a1.Messages {
		cells = append(cells, m.Sheet+"!"+m.Cell)
	}
	want := []string{SheetChecklist + "!" + rdCol("status") + "300", SheetChecklist + "!" + rdCol("status") + "400", SheetCover + "!E20"}
	if fmt.Sprint(cells) != fmt.Sprint(want) {
		t.Errorf("messages not sorted by sheet, row:\n%s", rdDump(a1))
	}
}

// TestReadLibreOfficeRoundTrip re-saves the filled workbook with soffice
// and expects the same answers.
func TestReadLibreOfficeRoundTrip(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "answers.xlsx")
	os.MkdirAll(filepath.Dir(in), 0o755)
	if err := os.WriteFile(in, rdGood(t), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	b, err := os.ReadFile(filepath.Join(out, "answers.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := rdRead(t, b, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rdCompare(t, a, rdAnswers(testCatalog(t)))
	for _, m := range a.Messages {
		if m.Severity == checklist.SeverityError {
			t.Errorf("error after LibreOffice: %+v", m)
		}
	}
	if a.Cover.CSP.RespondentEmail != rdCover().RespondentEmail || a.Cover.Interim != rdInterim() {
		t.Errorf("cover after LibreOffice: %+v %+v", a.Cover.CSP, a.Cover.Interim)
	}
	t.Logf("messages after LibreOffice:\n%s", rdDump(a))
}

func FuzzRead(f *testing.F) {
	cat := testCatalog(f)
	good := rdGood(f)
	f.Add(good)
	f.Add(good[:len(good)/3])
	f.Add(rdMutate(f, good, func(x *excelize.File) error { return x.DeleteSheet(SheetMeta) }))
	f.Add(rdMutate(f, good, func(x *excelize.File) error { return x.SetCellFormula(SheetChecklist, "E6", "1+1") }))
	f.Add([]byte("PK\x03\x04"))
	f.Add(append(bytes.Clone(oleMagic), 0, 0))
	f.Fuzz(func(t *testing.T, b []byte) {
		orig := bytes.Clone(b)
		a, err := Read(b, "fuzz.xlsx", cat, ReadOptions{Today: rdToday})
		if !bytes.Equal(b, orig) {
			t.Fatal("input modified")
		}
		if err != nil {
			var ce *checklist.CellError
			if !errors.As(err, &ce) || !errors.Is(err, checklist.ErrInvalidInput) {
				t.Fatalf("error %v is not an input error", err)
			}
			return
		}
		if len(a.Answers) != len(cat.Requirements()) {
			t.Fatalf("%d answers", len(a.Answers))
		}
	})
}

func BenchmarkRead(b *testing.B) {
	cat := testCatalog(b)
	good := rdGood(b)
	b.SetBytes(int64(len(good)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(good, "answers.xlsx", cat, ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadBatch reads 200 workbooks over all cores, as ingest does.
func BenchmarkReadBatch(b *testing.B) {
	cat := testCatalog(b)
	good := rdGood(b)
	for b.Loop() {
		var wg sync.WaitGroup
		work := make(chan int)
		for range max(1, runtime.GOMAXPROCS(0)) {
			wg.Go(func() {
				for range work {
					if _, err := Read(good, "answers.xlsx", cat, ReadOptions{}); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for i := range 200 {
			work <- i
		}
		close(work)
		wg.Wait()
	}
}

// TestReadEditions: with ReadOptions.Editions a workbook is read against
// the edition its metadata names; without it, or when that edition is not
// there (or is filed under its ID but is another edition), the difference
// stays an edition_mismatch error.
func TestReadEditions(t *testing.T) {
	def := testCatalog(t)
	other := *def
	other.Edition.ID, other.Edition.SHA256 = "2099-01-01", strings.Repeat("ab", 32)
	var blank, filled bytes.Buffer
	if err := Write(&blank, &other, testRequest(), WriteOptions{ToolVersion: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := Fill(&blank, &filled, rdAnswers(def), rdCover(), rdInterim(), nil); err != nil {
		t.Fatal(err)
	}
	wb := filled.Bytes()
	tests := []struct {
		name         string
		editions     map[string]*checklist.Catalog
		wantEdition  string
		wantMismatch bool
	}{
		{"no editions: the caller's edition, mismatch reported", nil, def.Edition.ID, true},
		{"the workbook's edition is there", map[string]*checklist.Catalog{other.Edition.ID: &other}, other.Edition.ID, false},
		{"the workbook's edition is not there", map[string]*checklist.Catalog{def.Edition.ID: def}, def.Edition.ID, true},
		{"filed under its ID but another edition", map[string]*checklist.Catalog{other.Edition.ID: def}, def.Edition.ID, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := rdRead(t, wb, ReadOptions{Editions: tt.editions})
			if err != nil {
				t.Fatal(err)
			}
			if a.Edition != tt.wantEdition || rdHas(a, CodeEditionMismatch, "", "") != tt.wantMismatch {
				t.Errorf("edition %s, mismatch %v; want %s, %v\n%s", a.Edition, !tt.wantMismatch, tt.wantEdition, tt.wantMismatch, rdDump(a))
			}
			if !tt.wantMismatch && (a.EditionFingerprint != other.Edition.SHA256 || len(a.Answers) != len(def.Requirements())) {
				t.Errorf("fingerprint %s, %d answers", a.EditionFingerprint, len(a.Answers))
			}
		})
	}
}
