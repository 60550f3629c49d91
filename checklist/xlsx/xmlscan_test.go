package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// tokString describes a light token for comparisons.
func tokString(t *xtok) string {
	switch t.kind {
	case xStart:
		var b strings.Builder
		fmt.Fprintf(&b, "<%q:%q", t.space, t.local)
		for _, a := range t.attrs {
			fmt.Fprintf(&b, " %q:%q=%q", a.space, a.local, a.value)
		}
		return b.String() + ">"
	case xEnd:
		return fmt.Sprintf("</%q:%q>", t.space, t.local)
	case xText:
		return fmt.Sprintf("text %q", t.text)
	case xComment:
		return fmt.Sprintf("comment %q", t.text)
	case xProcInst:
		return fmt.Sprintf("pi %q %q", t.local, t.text)
	case xDirective:
		return fmt.Sprintf("directive %q", t.text)
	}
	return fmt.Sprintf("kind %d", t.kind)
}

// scanAll reads src to its end: the tokens and the error that ended it
// (nil for io.EOF).
func scanAll(src xsource) ([]string, error) {
	var out []string
	for {
		t, err := src.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, tokString(t))
	}
}

// checkScan asserts what the fast tokenizer must hold to: its tokens are
// those encoding/xml (as tokenReader uses it) gives for the same bytes,
// up to where it gives up; when it reads the document to its end,
// encoding/xml reads it to its end too, with the same tokens. It reports
// whether the fast tokenizer read the whole document.
func checkScan(t *testing.T, doc []byte) bool {
	t.Helper()
	fast, ferr := scanAll(newXMLScan(doc))
	slow, serr := scanAll(newSlowSource(bytes.NewReader(doc)))
	if ferr != nil && ferr != errSlow {
		t.Fatalf("fast tokenizer error %v, want errSlow", ferr)
	}
	if len(fast) > len(slow) {
		t.Fatalf("fast tokenizer gave %d tokens, encoding/xml %d (%v)\nfast: %q\nslow: %q", len(fast), len(slow), serr, fast, slow)
	}
	for i := range fast {
		if fast[i] != slow[i] {
			t.Fatalf("token %d: fast %s, encoding/xml %s", i, fast[i], slow[i])
		}
	}
	if ferr == nil && (serr != nil || len(fast) != len(slow)) {
		t.Fatalf("fast tokenizer accepts, encoding/xml: %v after %d tokens (fast %d)", serr, len(slow), len(fast))
	}
	return ferr == nil
}

func TestXMLScan(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		fast bool     // the fast tokenizer reads it whole
		want []string // its tokens, when fast
	}{
		{"declaration and root", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<a/>", true,
			[]string{`pi "xml" "version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\""`, `text "\n"`, `<"":"a">`, `</"":"a">`}},
		{"prefixes and attributes in order", `<x:a xmlns:x="u" b='1' x:c="2"><x:b/></x:a>`, true,
			[]string{`<"x":"a" "xmlns":"x"="u" "":"b"="1" "x":"c"="2">`, `<"x":"b">`, `</"x":"b">`, `</"x":"a">`}},
		{"entities and references", `<a v="&lt;&amp;&#65;&#x42;">&quot;&apos;&gt;&#x3042;</a>`, true,
			[]string{`<"":"a" "":"v"="<&AB">`, `text "\"'>あ"`, `</"":"a">`}},
		{"line ends", "<a v=\"1\r\n2\r3\">x\r\ny\rz\r\r\n</a>", true,
			[]string{`<"":"a" "":"v"="1\n2\n3">`, `text "x\ny\nz\n\n"`, `</"":"a">`}},
		{"quotes, > and ]] in text", `<a q='"' r="'">"x" > ]] ]>]</a>`, true,
			[]string{`<"":"a" "":"q"="\"" "":"r"="'">`, `text "\"x\" > ]] ]>]"`, `</"":"a">`}},
		{"duplicate attributes kept", `<a x="1" x="2"/>`, true,
			[]string{`<"":"a" "":"x"="1" "":"x"="2">`, `</"":"a">`}},
		{"spaces around =, none between attributes", "<a x = \"1\"y='2'\t/>", true,
			[]string{`<"":"a" "":"x"="1" "":"y"="2">`, `</"":"a">`}},
		{"comment", `<a><!-- c - d --></a >`, true, []string{`<"":"a">`, `comment " c - d "`, `</"":"a">`}},
		{"BOM and text around the root", "\ufeff<a/>tail", true, []string{`text "\ufeff"`, `<"":"a">`, `</"":"a">`, `text "tail"`}},
		{"two roots", `<a/><b></b>`, true, nil},
		{"non-ASCII text", `<t>日本語テキスト</t>`, true, nil},
		{"empty document", ``, true, []string{}},
		{"CDATA", `<a><![CDATA[x]]></a>`, false, nil},
		{"DOCTYPE", `<!DOCTYPE a><a/>`, false, nil},
		{"non-ASCII name", `<日本/>`, false, nil},
		{"name with two colons", `<a:b:c/>`, false, nil},
		{"name ending in a colon", `<a:/>`, false, nil},
		{"mismatched end tag", `<a></b>`, false, nil},
		{"end tag with another prefix", `<x:a></y:a>`, false, nil},
		{"stray end tag", `<a/></a>`, false, nil},
		{"truncated", `<a><b r="1`, false, nil},
		{"left open", `<a>text`, false, nil},
		{"unquoted attribute", `<a x=1/>`, false, nil},
		{"attribute without value", `<a x/>`, false, nil},
		{"unknown entity", `<a>&nbsp;</a>`, false, nil},
		{"entity without semicolon", `<a>&amp</a>`, false, nil},
		{"NUL reference", `<a>&#0;</a>`, false, nil},
		{"surrogate reference", `<a>&#xD800;</a>`, false, nil},
		{"upper-case X reference", `<a>&#X41;</a>`, false, nil},
		{"control character", "<a>\x01</a>", false, nil},
		{"invalid UTF-8", "<a>\xff</a>", false, nil},
		{"U+FFFE", "<a>\uFFFE</a>", false, nil},
		{"]]> in text", `<a>]]></a>`, false, nil},
		{"< in a value", `<a x="<"/>`, false, nil},
		{"version 1.1", `<?xml version="1.1"?><a/>`, false, nil},
		{"comment with --", `<a><!-- a -- b --></a>`, false, nil},
		{"space after <", `< a/>`, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := checkScan(t, []byte(tt.doc)); got != tt.fast {
				t.Fatalf("fast tokenizer reads it whole: %v, want %v", got, tt.fast)
			}
			if tt.want == nil {
				return
			}
			got, _ := scanAll(newXMLScan([]byte(tt.doc)))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("tokens\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// xmlParts returns the XML parts of the workbooks under the corpus and of
// a generated, filled checklist.
func xmlParts(tb testing.TB) map[string][]byte {
	tb.Helper()
	out := map[string][]byte{}
	add := func(name string, data []byte) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range zr.File {
			if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") && !strings.HasSuffix(f.Name, ".vml") {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				tb.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				tb.Fatal(err)
			}
			out[name+"/"+f.Name] = b
		}
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.xlsx"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		add(filepath.Base(f), data)
	}
	add("generated", rdGood(tb))
	return out
}

// TestXMLScanParts: the parts Excel-compatible writers make (excelize,
// LibreOffice, openpyxl, Strict OOXML) are read by the fast tokenizer,
// with encoding/xml's tokens.
func TestXMLScanParts(t *testing.T) {
	for name, b := range xmlParts(t) {
		t.Run(name, func(t *testing.T) {
			if !checkScan(t, b) {
				t.Error("left to encoding/xml")
			}
		})
	}
}

// FuzzXMLScan: whatever the bytes, the fast tokenizer gives encoding/xml's
// tokens or gives up; when it reads a document whole, encoding/xml does
// too, with the same tokens.
func FuzzXMLScan(f *testing.F) {
	// Small seeds keep the fuzzer fast: the small parts whole, the start
	// of the large ones.
	for _, b := range xmlParts(f) {
		f.Add(b[:min(len(b), 8<<10)])
	}
	for _, s := range []string{
		`<?xml version="1.0" encoding="Shift_JIS"?><a/>`, `<?xml version='1.1'?><a/>`, `<?xml?><a/>`,
		`<?pi data?><a/>`, `<a>&lt;&gt;&amp;&apos;&quot;&#10;&#x10FFFF;&#x110000;&#0;&#;&#x;</a>`,
		`<a><![CDATA[<x>]]></a>`, `<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`, "\ufeff<a/>", "\xef\xbb<a/>",
		"<a>\r\n\r</a>", `<日本 属性="値"/>`, `<x:a xmlns:x="u"><x:b/></x:a>`, `<a:b:c/>`, `<:a/>`,
		`<a/ >`, `<a></b>`, `<a><b></a></b>`, `<a x="1`, `<a>`, "<a>\xc3</a>", "<a>\xed\xa0\x80</a>",
		`<a x=1/>`, `<a x/>`, `<a x="1" x="2"/>`, `<a x="1"y="2"/>`, `<a>]]></a>`, `<a x="]]>"/>`,
		`<!-- c --><a/>`, `<!-- c --->`, `<!- x -->`, `</a>`, `<a/><b/>`, "<a>\x00</a>", `<c r="A1" t="s"><v>0</v></c>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkScan(t, b)
	})
}

// BenchmarkXMLScan tokenizes the parts of a generated checklist with the
// fast tokenizer and with encoding/xml (tokenReader).
func BenchmarkXMLScan(b *testing.B) {
	parts := xmlParts(b)
	var docs [][]byte
	size := 0
	for name, p := range parts {
		if strings.HasPrefix(name, "generated/") {
			docs, size = append(docs, p), size+len(p)
		}
	}
	for _, bm := range []struct {
		name string
		src  func([]byte) xsource
	}{
		{"fast", func(d []byte) xsource { return newXMLScan(d) }},
		{"encoding-xml", func(d []byte) xsource { return newSlowSource(bytes.NewReader(d)) }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range docs {
					if err := wellFormed(bm.src(d)); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// TestXMLRune: the hand-made UTF-8 check agrees with utf8.DecodeRune and
// XML's character range on every sequence of up to three bytes.
func TestXMLRune(t *testing.T) {
	want := func(b []byte) int {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 || !isXMLChar(r) {
			return 0
		}
		return n
	}
	b := make([]byte, 3)
	for c0 := 0x80; c0 < 0x100; c0++ {
		for c1 := 0; c1 < 0x100; c1++ {
			b[0], b[1] = byte(c0), byte(c1)
			if got, w := xmlRune(b[:2]), want(b[:2]); got != w {
				t.Fatalf("% x: %d, want %d", b[:2], got, w)
			}
			for c2 := 0; c2 < 0x100; c2++ {
				b[2] = byte(c2)
				if got, w := xmlRune(b), want(b); got != w {
					t.Fatalf("% x: %d, want %d", b, got, w)
				}
			}
		}
	}
}

// TestOpenFallback: a part the fast tokenizer leaves to encoding/xml
// (CDATA, a DOCTYPE) half-way through is read again from its start, and
// Open keeps exactly what it keeps for the same content written plainly:
// no formula or hyperlink counted twice, the same cells and strings.
func TestOpenFallback(t *testing.T) {
	good := rdMutate(t, rdGood(t), func(f *excelize.File) error {
		if err := f.SetCellFormula(SheetCover, "D40", "1+1"); err != nil {
			return err
		}
		return f.SetCellHyperLink(SheetCover, "D41", "https://example.com/", "External")
	})
	coverPart := rdPart(t, good, SheetCover)
	tests := []struct {
		name string
		part string
		edit func([]byte) []byte
	}{
		{"CDATA after the sheet data", coverPart, func(d []byte) []byte {
			return bytes.Replace(d, []byte("</worksheet>"), []byte("<extLst><![CDATA[x]]></extLst></worksheet>"), 1)
		}},
		{"DOCTYPE before the root", coverPart, func(d []byte) []byte {
			return append([]byte("<!DOCTYPE worksheet>"), d...)
		}},
		{"CDATA in a shared string", "xl/sharedStrings.xml", func(d []byte) []byte {
			return bytes.Replace(d, []byte("<t>"), []byte("<t><![CDATA[]]>"), 1)
		}},
		{"DOCTYPE in the styles", "xl/styles.xml", func(d []byte) []byte {
			return append([]byte("<!DOCTYPE styleSheet>"), d...)
		}},
	}
	want, err := Open(good, "answers.xlsx", OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed := false
			b := rdRezip(t, good, func(name string, d []byte) []byte {
				if name != tt.part {
					return d
				}
				if checkScan(t, d) && checkScan(t, tt.edit(d)) {
					t.Fatal("the edit leaves the part to the fast tokenizer")
				}
				changed = true
				return tt.edit(d)
			}, nil)
			if !changed {
				t.Fatalf("no part %s", tt.part)
			}
			got, err := Open(b, "answers.xlsx", OpenOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Formulas, want.Formulas) || !reflect.DeepEqual(got.formula, want.formula) ||
				!reflect.DeepEqual(got.Hyperlinks, want.Hyperlinks) || !reflect.DeepEqual(got.cells, want.cells) ||
				!reflect.DeepEqual(got.sst, want.sst) || got.sharedStrings != want.sharedStrings {
				t.Errorf("Open differs: formulas %v (want %v), links %v (want %v)", got.Formulas, want.Formulas, got.Hyperlinks, want.Hyperlinks)
			}
			if len(want.Formulas[SheetCover]) == 0 || len(want.Hyperlinks[SheetCover]) == 0 {
				t.Errorf("the fixture has no formula or hyperlink on the cover: %v %v", want.Formulas, want.Hyperlinks)
			}
		})
	}
}
