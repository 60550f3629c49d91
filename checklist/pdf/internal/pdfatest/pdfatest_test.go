package pdfatest_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ismapcheck/ismapcheck/checklist/pdf"
	"github.com/ismapcheck/ismapcheck/checklist/pdf/internal/pdfatest"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/templates"
)

func goodPDF(t *testing.T) []byte {
	t.Helper()
	rep := report.Report{
		Meta:       report.Meta{Title: "報告書 <テスト> & 1", Author: "架空省", Subject: "件名", Keywords: "ISMAP 試験", Creator: "ismapcheck test", Lang: "ja", Date: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)},
		HeaderLeft: "見出し", FooterLeft: "フッター",
		Sections: []report.Section{{Title: "1. 要約", Blocks: []report.Block{
			&report.Paragraph{Text: "本文　全角スペースと ASCII を含む。"},
			&report.Table{Columns: []report.Column{{Title: "ID", Width: 1}, {Title: "内容", Width: 4}}, Rows: []report.Row{{Cells: []string{"A.1", "色付き"}, Fill: report.Color{R: 250, G: 200, B: 200}}}},
		}}},
		Attachments: []report.Attachment{
			{Name: "answer.xlsx", Data: []byte("PK\x03\x04"), Description: "ワークブック", MIME: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Relationship: report.RelSource},
			{Name: "findings.json", Data: []byte(`{"kind":"x"}`), Description: "結果", MIME: "application/json", Relationship: report.RelData},
		},
	}
	var buf bytes.Buffer
	if _, err := pdf.Render(&buf, rep, pdf.Options{FontTTF: templates.Font(), ICCProfile: templates.SRGBProfile()}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// finish turns an fpdf document into a report-like file: the same
// incremental update the renderer applies.
func finish(t *testing.T, f *fpdf.Fpdf) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	out, err := pdf.AppendAttachments(buf.Bytes(), nil, templates.SRGBProfile())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func newFpdf() *fpdf.Fpdf {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(false)
	f.SetCreationDate(time.Unix(0, 0))
	f.SetModificationDate(time.Unix(0, 0))
	f.AddPage()
	return f
}

// replaceOnce swaps the first match of old (a regexp) for new of the same
// length, so no offset moves.
func replaceOnce(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	re := regexp.MustCompile(old)
	loc := re.FindIndex(data)
	if loc == nil {
		t.Fatalf("%q not found", old)
	}
	if loc[1]-loc[0] != len(new) {
		t.Fatalf("%q matched %q, %d bytes; replacement %q has %d", old, data[loc[0]:loc[1]], loc[1]-loc[0], new, len(new))
	}
	out := append([]byte(nil), data...)
	copy(out[loc[0]:], new)
	return out
}

func replaceLast(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	i := bytes.LastIndex(data, []byte(old))
	if i < 0 || len(old) != len(new) {
		t.Fatalf("%q not found or lengths differ", old)
	}
	out := append([]byte(nil), data...)
	copy(out[i:], new)
	return out
}

func TestCheckPassesRenderedReport(t *testing.T) {
	for _, f := range pdfatest.Check(goodPDF(t)) {
		t.Errorf("%s", f)
	}
}

// TestCheckEachClauseCanFail breaks one rule at a time and expects the
// checker to name that clause, so no check passes vacuously.
func TestCheckEachClauseCanFail(t *testing.T) {
	good := goodPDF(t)
	tests := []struct {
		clause string
		make   func(t *testing.T) []byte
	}{
		{pdfatest.ClauseHeader, func(t *testing.T) []byte { return replaceOnce(t, good, "%\xc2\xb5\xc2\xb6", "%abcd") }},
		{pdfatest.ClauseTrailerID, func(t *testing.T) []byte {
			return regexp.MustCompile(`/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]`).ReplaceAllFunc(good, func(b []byte) []byte { return bytes.Repeat([]byte(" "), len(b)) })
		}},
		{pdfatest.ClauseNoEncrypt, func(t *testing.T) []byte {
			return regexp.MustCompile(`/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]`).ReplaceAllFunc(good, func(b []byte) []byte {
				return []byte("/Encrypt 1 0 R" + strings.Repeat(" ", len(b)-14))
			})
		}},
		{pdfatest.ClauseEOF, func(t *testing.T) []byte { return append(append([]byte(nil), good...), "\n\n"...) }},
		{pdfatest.ClauseXref, func(t *testing.T) []byte {
			i := bytes.LastIndex(good, []byte("\nxref\n0 1\n"))
			out := append([]byte(nil), good[:i]...)
			return append(out, bytes.Replace(good[i:], []byte("\n0 1\n"), []byte("\n0  1\n"), 1)...)
		}},
		{pdfatest.ClauseStreams, func(t *testing.T) []byte {
			return regexp.MustCompile(`/Subtype /XML /Length (\d+)`).ReplaceAllFunc(good, func(b []byte) []byte {
				n := b[len(b)-1]
				if n == '0' {
					n = '1'
				} else {
					n--
				}
				return append(append([]byte(nil), b[:len(b)-1]...), n)
			})
		}},
		{pdfatest.ClauseFilters, func(t *testing.T) []byte {
			return regexp.MustCompile(`/DeviceRGB /Length \d+ /Filter /FlateDecode`).ReplaceAllFunc(good, func(b []byte) []byte {
				return bytes.Replace(b, []byte("/FlateDecode"), []byte("/LZWDecode  "), 1)
			})
		}},
		{pdfatest.ClauseOutputIntent, func(t *testing.T) []byte { return replaceLast(t, good, "/S /GTS_PDFA1", "/S /GTS_PDFX1") }},
		{pdfatest.ClauseDeviceColour, func(t *testing.T) []byte {
			f := newFpdf()
			f.AddSpotColor("PANTONE 145 CVC", 0, 42, 100, 25)
			f.SetFillSpotColor("PANTONE 145 CVC", 90)
			f.Rect(10, 10, 20, 20, "F")
			return finish(t, f)
		}},
		{pdfatest.ClauseTransparency, func(t *testing.T) []byte {
			f := newFpdf()
			f.SetAlpha(0.5, "Normal")
			f.Rect(10, 10, 20, 20, "F")
			return finish(t, f)
		}},
		{pdfatest.ClauseFontsEmbedded, func(t *testing.T) []byte {
			f := newFpdf()
			f.SetFont("Helvetica", "", 12)
			f.Text(10, 10, "core font, not embedded")
			return finish(t, f)
		}},
		{pdfatest.ClauseCIDToGID, func(t *testing.T) []byte { return replaceOnce(t, good, "/CIDToGIDMap", "/CIDToGIDMaq") }},
		{pdfatest.ClauseNotdef, func(t *testing.T) []byte {
			f := newFpdf()
			f.AddUTF8FontFromBytes("ipaexg", "", templates.Font())
			f.SetFont("ipaexg", "", 12)
			f.Text(10, 10, "ก") // Thai: IPAex has no glyph
			return finish(t, f)
		}},
		{pdfatest.ClauseActions, func(t *testing.T) []byte {
			f := newFpdf()
			f.SetJavascript("app.alert('x');")
			return finish(t, f)
		}},
		{pdfatest.ClauseAnnotations, func(t *testing.T) []byte {
			f := newFpdf()
			f.LinkString(10, 10, 20, 5, "https://example.org/")
			return finish(t, f)
		}},
		{pdfatest.ClauseExternal, func(t *testing.T) []byte { return replaceOnce(t, good, `/EF << /F`, "/XF << /F") }},
		{pdfatest.ClauseMetadata, func(t *testing.T) []byte { return replaceLast(t, good, "<pdfaid:part>3<", "<pdfaid:part>2<") }},
		{pdfatest.ClauseInfoXMP, func(t *testing.T) []byte {
			return replaceLast(t, good, "(D:20260331000000+00'00')", "(D:20260401000000+00'00')")
		}},
		{pdfatest.ClauseEFSubtype, func(t *testing.T) []byte {
			return replaceOnce(t, good, `/EmbeddedFile /Subtype`, "/EmbeddedFile /Subtypx")
		}},
		{pdfatest.ClauseFileSpec, func(t *testing.T) []byte { return replaceOnce(t, good, `/UF <FEFF`, "/UX <FEFF") }},
		{pdfatest.ClauseAFRelationship, func(t *testing.T) []byte {
			return replaceOnce(t, good, `/AFRelationship /Source`, "/AFRelationship /Sourc2")
		}},
		{pdfatest.ClauseAF, func(t *testing.T) []byte { return replaceOnce(t, good, "\n/AF \\[", "\n/XF [") }},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.clause] = true
		t.Run(tt.clause, func(t *testing.T) {
			fails := pdfatest.Check(tt.make(t))
			for _, f := range fails {
				if f.Clause == tt.clause {
					return
				}
			}
			t.Errorf("not reported; got %v", fails)
		})
	}
	// The clauses only the white-box tests break (lex_test.go).
	for _, c := range []string{pdfatest.ClauseGlyphsPresent, pdfatest.ClauseWidths} {
		covered[c] = true
	}
	for _, c := range pdfatest.Clauses {
		if !covered[c] {
			t.Errorf("clause %q has no failing case", c)
		}
	}
}
