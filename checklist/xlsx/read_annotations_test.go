package xlsx

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/xuri/excelize/v2"
)

func tinyPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.Black)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadAnnotations: hyperlinks, comments and images on the checklist
// and the cover are never dropped silently.
func TestReadAnnotations(t *testing.T) {
	good := rdGood(t)
	base, err := rdRead(t, good, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ans := base.Answers[5]
	row := strconv.Itoa(ans.Row)
	evCell, stCell := rdCol("evidence")+row, rdCol("status")+row
	const url = "https://example.com/policy.pdf"
	b := rdMutate(t, good, func(f *excelize.File) error {
		if err := f.SetCellHyperLink(SheetChecklist, evCell, url, "External"); err != nil {
			return err
		}
		if err := f.SetCellHyperLink(SheetCover, coverRef("respondent_name"), "https://example.com/me", "External"); err != nil {
			return err
		}
		if err := f.AddComment(SheetChecklist, excelize.Comment{Cell: stCell, Author: "CSP",
			Paragraph: []excelize.RichTextRun{{Text: "詳細は別紙3を参照"}}}); err != nil {
			return err
		}
		return f.AddPictureFromBytes(SheetCover, "E3", &excelize.Picture{Extension: ".png", File: tinyPNG(t)})
	})
	a, err := rdRead(t, b, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := a.Answer(ans.ID)
	if !strings.Contains(got.Evidence, url) || !strings.HasPrefix(got.Evidence, ans.Evidence) {
		t.Errorf("evidence %q lacks the link target %q", got.Evidence, url)
	}
	for _, want := range []struct{ code, cell, id, text string }{
		{CodeHyperlinkEvidence, evCell, ans.ID, url},
		{CodeHyperlinkIgnored, coverRef("respondent_name"), "", "https://example.com/me"},
		{CodeComment, stCell, ans.ID, "詳細は別紙3を参照"},
		{CodeImage, "E3", "", "E3"},
	} {
		m := rdFind(a, want.code)
		if m.Code == "" || m.Cell != want.cell || m.ID != want.id || !strings.Contains(m.TextJA+m.TextEN, want.text) || m.Severity != checklist.SeverityWarning {
			t.Errorf("%s: got %+v, want cell %s ID %q quoting %q\n%s", want.code, m, want.cell, want.id, want.text, rdDump(a))
		}
	}
	for _, code := range []string{CodeHyperlinkEvidence, CodeHyperlinkIgnored, CodeComment, CodeImage} {
		if rdHas(base, code, "", "") {
			t.Errorf("the plain workbook has %s", code)
		}
	}
}

// TestReadSharedStringOutOfRange: a cell pointing past the shared-string
// table is an error naming the cell, not an empty answer.
func TestReadSharedStringOutOfRange(t *testing.T) {
	re := regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"[^>]*t="s"[^>]*><v>[0-9]+</v>`)
	var cell string
	for _, sheet := range []string{SheetChecklist, SheetCover} {
		t.Run(sheet, func(t *testing.T) {
			b := rdEditSheet(t, rdGood(t), sheet, func(d []byte) []byte {
				loc := re.FindSubmatchIndex(d)
				if loc == nil {
					t.Fatal("no shared-string cell")
				}
				cell = string(d[loc[2]:loc[3]])
				m := d[loc[0]:loc[1]]
				fixed := regexp.MustCompile(`<v>[0-9]+</v>$`).ReplaceAll(m, []byte("<v>99999</v>"))
				return append(append(append([]byte{}, d[:loc[0]]...), fixed...), d[loc[1]:]...)
			})
			rdFatal(t, b, ReadOptions{}, ErrCorrupt, cell)
		})
	}
}
