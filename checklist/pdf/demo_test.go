package pdf

import (
	"bytes"
	"flag"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/checklist/report/reporttest"
	"github.com/ismapcheck/ismapcheck/templates"
)

var keepDemo = flag.String("keep-demo", "", "write the demo-like report to this file, to look at it")

func renderDemo(t testing.TB) (report.Input, report.Report, []byte, Layout) {
	t.Helper()
	in := reporttest.DemoInput(t)
	rep := report.Build(in)
	var buf bytes.Buffer
	lay, err := Render(&buf, rep, Options{FontTTF: templates.Font(), ICCProfile: templates.SRGBProfile()})
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	if *keepDemo != "" {
		if err := os.WriteFile(*keepDemo, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return in, rep, buf.Bytes(), lay
}

func TestBuildDemoReport(t *testing.T) {
	in, rep, data, lay := renderDemo(t)
	keys := map[string]int{}
	for _, s := range lay.Sections {
		keys[s.Key] = s.Page
	}
	for _, k := range []string{report.KeyCover, report.KeySummary, report.KeyFindings, report.KeyExclusions, report.KeyMessages, report.KeyInterim, report.KeySignOff, report.KeyAppendixA, report.KeyAppendixB} {
		if _, ok := keys[k]; !ok {
			t.Errorf("section %q missing", k)
		}
	}
	if keys[report.KeyCover] != 1 || keys[report.KeySummary] != 2 {
		t.Errorf("cover on page %d, summary on %d", keys[report.KeyCover], keys[report.KeySummary])
	}
	if len(lay.Replacements) != 2 {
		t.Errorf("replacements %+v, want 𠮷 and 🍣", lay.Replacements)
	}
	if in.Result.NeedsRiskAssessment == 0 || len(in.Result.Exclusions) == 0 {
		t.Fatalf("fixture has %d findings and %d exclusions; want some of each", in.Result.NeedsRiskAssessment, len(in.Result.Exclusions))
	}
	text := extractText(t, data, rep, "ID要件状況・責任回答内容", in.Catalog.Requirements()[100].ID+ContinuedMark)
	for _, want := range []string{reporttest.KnownFindingReason, reporttest.LongAnswer(), "【備考】担当：〓田（〓チーム）", "令和8年3月31日（2026-03-31）", "U+20BB7", "U+1F363"} {
		if !strings.Contains(text, stripSpace(want)) {
			t.Errorf("extracted text lacks %.50q…", want)
		}
	}
	t.Logf("%d pages, %d bytes", lay.Pages, len(data))
}

func BenchmarkRenderDemo(b *testing.B) {
	in := reporttest.DemoInput(b)
	font := templates.Font()
	for b.Loop() {
		if _, err := Render(io.Discard, report.Build(in), Options{FontTTF: font, ICCProfile: templates.SRGBProfile()}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppendAttachments measures the incremental update alone on the
// demo report (attachments, output intent, catalogue, Info, content-hash
// /ID): the part of Render that PDF/A-3b added to.
func BenchmarkAppendAttachments(b *testing.B) {
	rep := report.Build(reporttest.DemoInput(b))
	r := &renderer{rep: rep}
	glyphs, err := parseCmap(templates.Font())
	if err != nil {
		b.Fatal(err)
	}
	r.san = newSanitizer(glyphs)
	r.rep = r.san.report(rep)
	doc, err := r.render(templates.Font())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := AppendAttachments(doc, rep.Attachments, templates.SRGBProfile()); err != nil {
			b.Fatal(err)
		}
	}
}
