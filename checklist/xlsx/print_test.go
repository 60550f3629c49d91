package xlsx

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist/xlsx/internal/printcheck"
)

// TestPrintWidths: the column widths keep every sheet printable at 8 pt
// (see print.go for the arithmetic the LibreOffice test below checks).
func TestPrintWidths(t *testing.T) {
	sum := func(ws ...float64) float64 {
		s := 0.0
		for _, w := range ws {
			s += w
		}
		return s
	}
	var corr []float64
	for _, c := range correctionCols {
		corr = append(corr, c.width)
	}
	for _, tc := range []struct {
		name  string
		width float64
		limit float64
	}{
		{"checklist", checklistWidth(), PrintWidthLandscape},
		{"cover", sum(coverWidths[:]...), PrintWidthPortrait},
		{"instructions", instructionsWidth, PrintWidthPortrait},
		{"corrections", sum(corr...), PrintWidthLandscape},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.width > tc.limit {
				t.Errorf("%s is %.0f units wide, more than %.0f: it would print under 8 pt", tc.name, tc.width, tc.limit)
			}
		})
	}
}

func TestPrintSetup(t *testing.T) {
	f := openBytes(t, writeBytes(t, testCatalog(t), testRequest(), WriteOptions{}))
	for _, tc := range []struct {
		sheet     string
		landscape bool
		titles    string
	}{
		{SheetCover, false, "!$5:$5"},
		{SheetInstructions, false, ""},
		{SheetChecklist, true, "!$4:$4"},
	} {
		t.Run(tc.sheet, func(t *testing.T) {
			pl, err := f.GetPageLayout(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			wantO := map[bool]string{true: "landscape", false: "portrait"}[tc.landscape]
			if *pl.Size != 9 || *pl.Orientation != wantO || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
				t.Errorf("layout size %v %v fit %v×%v, want A4 %s, 1 page wide", *pl.Size, *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight, wantO)
			}
			m, err := f.GetPageMargins(tc.sheet)
			if err != nil || *m.Left > 0.3 || *m.Right > 0.3 {
				t.Errorf("margins %+v, %v", m, err)
			}
			area, titles := "", ""
			for _, dn := range f.GetDefinedName() {
				if dn.Scope == tc.sheet {
					switch dn.Name {
					case "_xlnm.Print_Area":
						area = dn.RefersTo
					case "_xlnm.Print_Titles":
						titles = dn.RefersTo
					}
				}
			}
			if area == "" {
				t.Error("no print area: text overflowing the last column widens the print")
			}
			if tc.titles != "" && !regexp.MustCompile(regexp.QuoteMeta(tc.titles)+"$").MatchString(titles) {
				t.Errorf("print titles %q, want …%s", titles, tc.titles)
			}
		})
	}
}

// TestFillGrowsRows: a long answer makes its row taller, so it prints whole.
func TestFillGrowsRows(t *testing.T) {
	cat := testCatalog(t)
	ans := rdAnswers(cat)
	long := ""
	for range 40 {
		long += "長い実施内容の説明文です。"
	}
	ans[3].Implementation = long
	b := rdFilled(t, "", ans, nil)
	a, err := rdRead(t, b, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f := openBytes(t, b)
	short, _ := a.Answer(ans[4].ID)
	grown, _ := a.Answer(ans[3].ID)
	hShort, _ := f.GetRowHeight(SheetChecklist, short.Row)
	hLong, _ := f.GetRowHeight(SheetChecklist, grown.Row)
	wantLines := wrappedLines(long, checklistWidths["implementation"])
	if hLong < rowHeight(wantLines) || hLong <= hShort {
		t.Errorf("row of the long answer is %.0f pt (short row %.0f), want at least %.0f", hLong, hShort, rowHeight(wantLines))
	}
}

// TestPrintedWithLibreOffice renders the filled checklist workbook (cover,
// instructions, checklist) and a correction pack, and checks every page.
// Opening the pack in LibreOffice at all is part of what it shows.
func TestPrintedWithLibreOffice(t *testing.T) {
	var pack bytes.Buffer
	if _, err := Feedback(&pack, fbSloppy(t), "sloppy.xlsx", testCatalog(t), FeedbackOptions{ReadOptions: ReadOptions{Today: rdToday}, Date: rdToday}); err != nil {
		t.Fatal(err)
	}
	pdfs := printcheck.Render(t, map[string][]byte{"checklist": rdGood(t), "corrections": pack.Bytes()})
	for _, name := range []string{"checklist", "corrections"} {
		t.Run(name, func(t *testing.T) { printcheck.Check(t, pdfs[name]) })
	}
}
