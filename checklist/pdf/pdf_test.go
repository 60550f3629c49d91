package pdf

// Tests on the rendered file itself: with pdfcpu (a test-only dependency)
// and, when installed, poppler's command-line tools.

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist/pdf/internal/pdfatest"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/checklist/report/reporttest"
	"github.com/ismapcheck/ismapcheck/templates"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

func init() { api.DisableConfigDir() } // pdfcpu must not write to $HOME

func pdfcpuConf() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	return conf
}

func TestRenderDeterministic(t *testing.T) {
	a, _ := renderSample(t, sampleReport())
	b, _ := renderSample(t, sampleReport())
	if !bytes.Equal(a, b) {
		t.Fatalf("two renders of the same report differ (%d and %d bytes)", len(a), len(b))
	}
	rep := sampleReport()
	rep.Attachments[0].Data = append([]byte(nil), rep.Attachments[0].Data...)
	rep.Attachments[0].Data[0] ^= 1
	c, _ := renderSample(t, rep)
	if bytes.Equal(a, c) {
		t.Error("changing an attachment did not change the PDF")
	}
}

func TestRenderValidates(t *testing.T) {
	data, _ := renderSample(t, sampleReport())
	if err := api.Validate(bytes.NewReader(pdfatest.Mask(data)), pdfcpuConf()); err != nil {
		t.Fatalf("pdfcpu validate (strict): %v", err)
	}
}

func flattenBookmarks(bms []pdfcpu.Bookmark, level int, out *[]SectionPage) {
	for _, b := range bms {
		*out = append(*out, SectionPage{Title: b.Title, Level: level, Page: b.PageFrom})
		flattenBookmarks(b.Kids, level+1, out)
	}
}

func TestRenderBookmarksPointAtSections(t *testing.T) {
	rep := sampleReport()
	rep.Sections = append(rep.Sections[:2], append([]report.Section{{Key: "sub", Title: "1.1 小節", Level: 1, Blocks: []report.Block{&report.Paragraph{Text: "小節の本文"}}}}, rep.Sections[2:]...)...)
	data, lay := renderSample(t, rep)
	bms, err := api.Bookmarks(bytes.NewReader(pdfatest.Mask(data)), pdfcpuConf())
	if err != nil {
		t.Fatalf("reading bookmarks: %v", err)
	}
	var got []SectionPage
	flattenBookmarks(bms, 0, &got)
	if len(got) != len(lay.Sections) || len(got) != len(rep.Sections) {
		t.Fatalf("%d bookmarks, %d sections laid out, %d in the report", len(got), len(lay.Sections), len(rep.Sections))
	}
	distinct := map[int]bool{}
	for i, want := range lay.Sections {
		if got[i].Title != want.Title || got[i].Page != want.Page || got[i].Level != 0 {
			t.Errorf("bookmark %d = %q level %d → page %d; section %q level %d starts on page %d",
				i, got[i].Title, got[i].Level, got[i].Page, want.Title, want.Level, want.Page)
		}
		distinct[want.Page] = true
	}
	if err := api.Validate(bytes.NewReader(pdfatest.Mask(data)), pdfcpuConf()); err != nil {
		t.Errorf("pdfcpu validate with a subsection: %v", err)
	}
	if len(distinct) < 4 {
		t.Errorf("sections on only %d distinct pages; the test would not notice a shift", len(distinct))
	}
}

func TestRenderAttachments(t *testing.T) {
	rep := sampleReport()
	data, _ := renderSample(t, rep)
	aa, err := api.ExtractAttachmentsRaw(bytes.NewReader(pdfatest.Mask(data)), "", nil, pdfcpuConf())
	if err != nil {
		t.Fatalf("extracting attachments: %v", err)
	}
	if len(aa) != len(rep.Attachments) {
		t.Fatalf("%d attachments, want %d", len(aa), len(rep.Attachments))
	}
	got := map[string][32]byte{}
	for _, a := range aa {
		b, err := io.ReadAll(a.Reader)
		if err != nil {
			t.Fatal(err)
		}
		got[a.FileName] = sha256.Sum256(b)
	}
	for _, want := range rep.Attachments {
		if sum, ok := got[want.Name]; !ok {
			t.Errorf("attachment %q missing (have %v)", want.Name, aa)
		} else if sum != sha256.Sum256(want.Data) {
			t.Errorf("attachment %q: SHA-256 differs from the input", want.Name)
		}
	}
}

// TestRenderPdfdetach checks with poppler that the attachments extract
// byte-identical, as an auditor would do.
func TestRenderPdfdetach(t *testing.T) {
	if _, err := exec.LookPath("pdfdetach"); err != nil {
		t.Skip("pdfdetach (poppler-utils) not installed")
	}
	rep := sampleReport()
	data, _ := renderSample(t, rep)
	dir := t.TempDir()
	file := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command("pdfdetach", "-saveall", "-o", out, file).CombinedOutput(); err != nil {
		t.Fatalf("pdfdetach: %v\n%s", err, b)
	}
	for _, a := range rep.Attachments {
		b, err := os.ReadFile(filepath.Join(out, a.Name))
		if err != nil {
			t.Errorf("attachment %q not extracted: %v", a.Name, err)
			continue
		}
		if !bytes.Equal(b, a.Data) {
			t.Errorf("attachment %q extracted with different bytes", a.Name)
		}
	}
}

func TestRenderFontEmbedded(t *testing.T) {
	data, _ := renderSample(t, sampleReport())
	if !bytes.Contains(data, []byte("/FontFile2 ")) {
		t.Error("no embedded TrueType font program (/FontFile2)")
	}
	if _, err := exec.LookPath("pdffonts"); err != nil {
		return
	}
	file := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(file, data, 0o644)
	out, err := exec.Command("pdffonts", file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	for _, l := range strings.Split(string(out), "\n")[2:] {
		if f := strings.Fields(l); len(f) > 0 && !strings.Contains(l, " yes ") {
			t.Errorf("font not embedded: %s", l)
		}
	}
}

// extractText runs pdftotext -raw (content-stream order) and removes the
// running header and footer and the table header rows, so text split over
// pages reads as one.
func extractText(t *testing.T, data []byte, rep report.Report, noise ...string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	file := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	s := stripSpace(string(out))
	for _, n := range append([]string{rep.HeaderLeft, rep.HeaderRight, rep.FooterLeft, rep.Watermark}, noise...) {
		s = strings.ReplaceAll(s, stripSpace(n), "")
	}
	return regexp.MustCompile(`\d+/\d+`).ReplaceAllString(s, "")
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' || r == '\f' || r == '\r' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

func TestRenderTextExtracts(t *testing.T) {
	rep := sampleReport()
	data, lay := renderSample(t, rep)
	text := extractText(t, data, rep, "ID要件状況回答内容", "X.101.B"+ContinuedMark)
	for _, want := range []string{
		"多要素認証を管理者アカウントに限って導入している。一般利用者への展開は令和8年9月を予定。",
		reporttest.LongAnswer(),
		"絵文字〓と〓は表示できない。",
		"デジタル庁〓田課",
		"U+20BB7", "U+1F363", "U+29E3D",
	} {
		if !strings.Contains(text, stripSpace(want)) {
			t.Errorf("extracted text lacks %.60q…", want)
		}
	}
	if lay.Pages < 3 {
		t.Errorf("%d pages; the long answer should need several", lay.Pages)
	}
}

func TestRenderReplacements(t *testing.T) {
	_, lay := renderSample(t, sampleReport())
	want := []Replacement{
		{0x20BB7, "表紙 / 府省庁"},
		{0x1F363, "付録A 全回答 / X.8.B"},
		{0x29E3D, "付録A 全回答 / X.8.B"},
	}
	if len(lay.Replacements) != len(want) {
		t.Fatalf("replacements %+v, want %+v", lay.Replacements, want)
	}
	for i := range want {
		if lay.Replacements[i] != want[i] {
			t.Errorf("replacement %d = %+v, want %+v", i, lay.Replacements[i], want[i])
		}
	}
}

func TestRenderMetadata(t *testing.T) {
	data, _ := renderSample(t, sampleReport())
	for _, want := range []string{"/Lang (ja)", "/Title ", "/Author ", "/Keywords ", "/Outlines ", "/EmbeddedFiles "} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("no %q in the file", want)
		}
	}
	if bytes.Contains(data, []byte("Attachement1")) {
		t.Error("fpdf's own attachment tree leaked into the file")
	}
}

func TestRenderRejectsBadInput(t *testing.T) {
	tests := []struct {
		name string
		font []byte
		rep  func(*report.Report)
		want error
	}{
		{"no font", nil, nil, ErrFont},
		{"not a font", []byte("this is not a TrueType font at all"), nil, ErrFont},
		{"truncated font", templates.Font()[:5000], nil, ErrFont},
		{"no date", templates.Font(), func(r *report.Report) { r.Meta.Date = time.Time{} }, ErrNoDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := sampleReport()
			if tt.rep != nil {
				tt.rep(&rep)
			}
			var buf bytes.Buffer
			_, err := Render(&buf, rep, Options{FontTTF: tt.font, ICCProfile: templates.SRGBProfile()})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Render: %v, want %v", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Error("wrote output despite the error")
			}
		})
	}
}
