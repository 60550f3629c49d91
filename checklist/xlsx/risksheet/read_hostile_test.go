package risksheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/xuri/excelize/v2"
)

// Hostile risk sheets: refused like a hostile CSP workbook, never a panic.

func TestRead_Hostile(t *testing.T) {
	c := loadCatalog(t)
	a := fixture(t, c)
	res := checklist.Findings(c, a)
	sheet := write(t, res, a, nil, c)

	bomb := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("xl/worksheets/sheet1.xml")
		zeros := make([]byte, 1<<20)
		for range 80 {
			w.Write(zeros)
		}
		zw.Close()
		return buf.Bytes()
	}
	noMeta := func() []byte {
		f, _ := excelize.OpenReader(bytes.NewReader(sheet))
		defer f.Close()
		f.DeleteSheet(SheetMeta)
		var buf bytes.Buffer
		f.Write(&buf)
		return buf.Bytes()
	}
	brokenBinding := func() []byte {
		f, _ := excelize.OpenReader(bytes.NewReader(sheet))
		defer f.Close()
		rows, _ := f.GetRows(SheetMeta)
		for i, r := range rows {
			if len(r) > 0 && r[0] == MetaRows {
				f.SetCellStr(SheetMeta, "D"+strconv.Itoa(i+2), "not-a-hash") // the first binding's answer hash
			}
		}
		var buf bytes.Buffer
		f.Write(&buf)
		return buf.Bytes()
	}
	farCell := messWith(t, sheet, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte("</sheetData>"), []byte(`<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`), 1)
	})
	tests := []struct {
		name string
		data []byte
		opt  ReadOptions
	}{
		{"empty", nil, ReadOptions{}},
		{"cell far away", farCell, ReadOptions{}},
		{"not a zip", []byte("hello, world"), ReadOptions{}},
		{"truncated", sheet[:len(sheet)/2], ReadOptions{}},
		{"too large", sheet, ReadOptions{MaxFileSize: 1000}},
		{"zip bomb", bomb(), ReadOptions{}},
		{"not a risk sheet", noMeta(), ReadOptions{}},
		{"damaged binding", brokenBinding(), ReadOptions{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read(bytes.NewReader(tt.data), "bad.xlsx", tt.opt)
			var ce *checklist.CellError
			if !errors.As(err, &ce) || !errors.Is(err, checklist.ErrInvalidInput) {
				t.Fatalf("err = %v, want a CellError wrapping ErrInvalidInput", err)
			}
			if ce.File != "bad.xlsx" || ce.JA == "" || ce.EN == "" {
				t.Errorf("error not located or not bilingual: %+v", ce)
			}
		})
	}
}

// TestRead_SameSafetyAsIngest covers files the risk sheet's own zip check
// used to let through to excelize or refuse without saying why: the reader
// now runs ingest's checks (xlsx.Open), so each is refused with the
// same reason.
func TestRead_SameSafetyAsIngest(t *testing.T) {
	c := loadCatalog(t)
	a := fixture(t, c)
	res := checklist.Findings(c, a)
	sheet := write(t, res, a, nil, c)
	// half cuts a part before a tag in its middle, as a broken transfer does.
	half := func(b []byte) []byte { return b[:bytes.LastIndexByte(b[:len(b)/2], '<')] }
	encrypted := func() []byte {
		f, err := excelize.OpenReader(bytes.NewReader(sheet))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var buf bytes.Buffer
		if err := f.Write(&buf, excelize.Options{Password: "pw"}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	// sharedBomb makes the sheet show one 1 MiB shared string in 78
	// cells: a small file whose cells hold 78 MiB of text.
	sharedBomb := func() []byte {
		index := 0
		b := messWith(t, sheet, "xl/sharedStrings.xml", func(d []byte) []byte {
			index = bytes.Count(d, []byte("<si>"))
			return bytes.Replace(d, []byte("</sst>"), []byte("<si><t>"+strings.Repeat("a", 1<<20)+"</t></si></sst>"), 1)
		})
		return messWith(t, b, "xl/worksheets/sheet1.xml", func(d []byte) []byte {
			var sb strings.Builder
			for r := 1; r <= 3; r++ {
				fmt.Fprintf(&sb, `<row r="%d">`, r)
				for c := 'A'; c <= 'Z'; c++ {
					fmt.Fprintf(&sb, `<c r="%c%d" t="s"><v>%d</v></c>`, c, r, index)
				}
				sb.WriteString(`</row>`)
			}
			i, j := bytes.Index(d, []byte("<sheetData>")), bytes.Index(d, []byte("</sheetData>"))
			return append(append(append([]byte{}, d[:i+len("<sheetData>")]...), sb.String()...), d[j:]...)
		})
	}
	tests := []struct {
		name   string
		data   []byte
		want   error
		reason string
	}{
		{"truncated shared strings", messWith(t, sheet, "xl/sharedStrings.xml", half), xlsx.ErrTruncated,
			"only worksheets were parsed; excelize read a cut-off string table"},
		{"malformed workbook part", messWith(t, sheet, "xl/workbook.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte("</sheets>"), []byte("</sheet>"), 1)
		}), xlsx.ErrCorrupt, "workbook.xml was not parsed before excelize"},
		{"truncated worksheet", messWith(t, sheet, "xl/worksheets/sheet1.xml", half), xlsx.ErrTruncated, ""},
		{"xls named xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), xlsx.ErrXLS,
			"was refused only as 'not an xlsx', without saying it is an .xls"},
		{"password-protected", encrypted(), xlsx.ErrEncrypted, "was refused only as 'not an xlsx'"},
		{"word document", zipOf(t, map[string]string{"word/document.xml": "<w/>", "[Content_Types].xml": "<Types/>"}), xlsx.ErrNotXLSX, ""},
		{"zip bomb beside a workbook part", zipOf(t, map[string]string{
			"xl/workbook.xml":     `<workbook><sheets/></workbook>`,
			"xl/media/image1.png": strings.Repeat("\x00", 8<<20), // past 4 MiB at about 1000:1
			"[Content_Types].xml": "<Types/>",
		}), xlsx.ErrZipBomb, "expands past the ratio limit"},
		{"one shared string in many cells", sharedBomb(), xlsx.ErrZipBomb, "did not count the text the cells show"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read(bytes.NewReader(tt.data), "bad.xlsx", ReadOptions{})
			var ce *checklist.CellError
			if !errors.As(err, &ce) || !errors.Is(err, tt.want) || !errors.Is(err, ErrUnsafe) || !errors.Is(err, checklist.ErrInvalidInput) {
				t.Fatalf("err = %v (%T), want a CellError wrapping %v, ErrUnsafe and ErrInvalidInput (the old check %s)", err, err, tt.want, tt.reason)
			}
			if ce.File != "bad.xlsx" || ce.JA == "" || ce.EN == "" {
				t.Errorf("error not located or not bilingual: %+v", ce)
			}
			if strings.Contains(ce.EN, "--password") {
				t.Errorf("the risk sheet has no --password, but the error says %q", ce.EN)
			}
		})
	}
}

// zipOf builds a zip archive of the named entries.
func zipOf(t *testing.T, entries map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(entries))
	for n := range entries {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, entries[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// messWith rewrites one entry of a zip archive (archive/zip's test idiom).
func messWith(t *testing.T, data []byte, entry string, f func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if zf.Name == entry {
			b, found = f(b), true
		}
		w, _ := zw.Create(zf.Name)
		w.Write(b)
	}
	zw.Close()
	if !found {
		t.Fatalf("no entry %s", entry)
	}
	return buf.Bytes()
}

func FuzzRead(f *testing.F) {
	c := loadCatalog(f)
	a := fixture(f, c)
	res := checklist.Findings(c, a)
	sheet := write(f, res, a, nil, c)
	f.Add(sheet)
	f.Add(fill(f, sheet, decisionsFor(res)))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, msgs, err := Read(bytes.NewReader(data), "fuzz.xlsx", ReadOptions{})
		if err != nil {
			if !errors.Is(err, checklist.ErrInvalidInput) {
				t.Fatalf("error %v does not wrap ErrInvalidInput", err)
			}
			return
		}
		for _, m := range msgs {
			if m.TextJA == "" || m.TextEN == "" {
				t.Fatalf("message without text: %+v", m)
			}
		}
		for _, d := range ds {
			if d.ID == "" || d.AnswerHash == "" {
				t.Fatalf("decision without binding: %+v", d)
			}
		}
	})
}
