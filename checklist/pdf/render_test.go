package pdf

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ismapcheck/ismapcheck/checklist/pdf/internal/pdfatest"
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"github.com/ismapcheck/ismapcheck/checklist/report/reporttest"
	"github.com/ismapcheck/ismapcheck/templates"
	"github.com/pdfcpu/pdfcpu/pkg/api"
)

var keepPDF = flag.String("keep", "", "write the sample report to this file, to look at it")

var (
	green  = report.Color{R: 76, G: 160, B: 90}
	yellow = report.Color{R: 236, G: 190, B: 60}
	red    = report.Color{R: 210, G: 70, B: 60}
	grey   = report.Color{R: 170, G: 170, B: 170}
	white  = report.Color{R: 250, G: 250, B: 250}
)

// sampleReport builds a report shaped like the real one: a cover, a
// summary with a bar chart, a findings table, a 234-row appendix with one
// 5,000-character answer, characters the font lacks, and attachments.
func sampleReport() report.Report {
	rep := report.Report{
		Meta: report.Meta{
			Title: "基本言明要件 適合状況確認報告書", Author: "デジタル庁", Subject: "サンプル",
			Keywords: "ISMAP 基本言明要件", Creator: "ismapcheck test", Lang: "ja",
			Date: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC),
		},
		HeaderLeft:  "基本言明要件 適合状況確認報告書",
		HeaderRight: "文書ID ISMAPCHK-0123456789AB",
		FooterLeft:  "ismapcheck test · 2022-04-01",
	}
	rep.Sections = append(rep.Sections, report.Section{Key: "cover", Title: "表紙", HideTitle: true, Blocks: []report.Block{
		&report.Spacer{Height: 40},
		&report.Paragraph{Text: "基本言明要件 適合状況確認報告書", Size: 20, Align: report.AlignCenter},
		&report.Spacer{Height: 20},
		&report.Table{NoHeader: true, Size: 10, Columns: []report.Column{{Width: 1}, {Width: 3}}, Rows: []report.Row{
			{Cells: []string{"府省庁", "デジタル庁 𠮷田課"}},
			{Cells: []string{"システム", "共通業務システム"}},
			{Cells: []string{"報告日", "令和8年3月31日（2026-03-31）"}},
		}},
	}})
	rep.Sections = append(rep.Sections, report.Section{Key: "summary", Title: "1. 要約", NewPage: true, Blocks: []report.Block{
		&report.Paragraph{Text: "適合率は 87.2% です。リスク評価が必要な項目は 12 件です。"},
		&report.BarChart{
			Series: []report.Series{{Label: "適合", Color: green}, {Label: "一部適合", Color: yellow}, {Label: "不適合", Color: red}, {Label: "対象外", Color: grey}, {Label: "未回答", Color: white}},
			Bars: []report.Bar{
				{Label: "3 ガバナンス基準", Values: []int{20, 2, 1, 0, 0}},
				{Label: "4 マネジメント基準", Values: []int{25, 1, 0, 0, 1}},
				{Label: "5 情報セキュリティのための方針群", Values: []int{2, 0, 0, 0, 0}},
				{Label: "9 アクセス制御", Values: []int{30, 3, 2, 1, 0}},
			},
		},
	}})
	findings := &report.Table{Columns: []report.Column{{Title: "ID", Width: 1.2, Align: report.AlignLeft}, {Title: "要件", Width: 3, Align: report.AlignLeft}, {Title: "状況", Width: 1, Align: report.AlignCenter}, {Title: "理由", Width: 4, Align: report.AlignLeft}, {Title: "判断", Width: 2, Align: report.AlignLeft}}}
	for i := 0; i < 12; i++ {
		findings.Rows = append(findings.Rows, report.Row{Cells: []string{fmt.Sprintf("9.2.%d.1.PB", i+1), "利用者アクセスの管理", "一部適合",
			"多要素認証を管理者アカウントに限って導入している。一般利用者への展開は令和8年9月を予定。", "リスク受容（残存リスク低）"}, Fill: report.Color{R: 255, G: 235, B: 235}})
	}
	rep.Sections = append(rep.Sections, report.Section{Key: "findings", Title: "2. リスク評価が必要な項目", NewPage: true, Blocks: []report.Block{findings}})
	app := &report.Table{Columns: []report.Column{{Title: "ID", Width: 1.3, Align: report.AlignLeft}, {Title: "要件", Width: 2.6, Align: report.AlignLeft}, {Title: "状況", Width: 1, Align: report.AlignCenter}, {Title: "回答内容", Width: 6, Align: report.AlignLeft}}}
	for i := 0; i < 234; i++ {
		ans := "手順書に従い実施している。証跡：手順書 v3.2"
		if i == 100 {
			ans = reporttest.LongAnswer()
		}
		if i == 7 {
			ans = "絵文字🍣と𩸽は表示できない。"
		}
		app.Rows = append(app.Rows, report.Row{Cells: []string{fmt.Sprintf("X.%d.B", i+1), "情報セキュリティ要件の題名", "適合", ans}})
	}
	rep.Sections = append(rep.Sections, report.Section{Key: "appendix-a", Title: "付録A 全回答", NewPage: true, Blocks: []report.Block{app}})
	rep.Sections = append(rep.Sections, report.Section{Key: "appendix-b", Title: "付録B 証跡", NewPage: true, Blocks: []report.Block{
		&report.Table{Columns: []report.Column{{Title: "ファイル", Width: 2, Align: report.AlignLeft}, {Title: "SHA-256", Width: 5, Align: report.AlignLeft}}, Rows: []report.Row{{Cells: []string{"answer.xlsx", strings.Repeat("ab", 32)}}}},
		&report.ReplacedList{Caption: "表示できなかった文字", Empty: "なし"},
	}})
	rep.Sections = append(rep.Sections, report.Section{Key: "signoff", Title: "承認", Blocks: []report.Block{
		&report.SignOff{Title: "CISO 承認欄", Note: "上記の判断を承認する。", Fields: []string{"氏名", "日付"}, Seal: "印"},
	}})
	rep.Attachments = []report.Attachment{
		{Name: "answer.xlsx", Data: []byte("PK\x03\x04 not really a workbook \x00\xff"), Description: "回答ワークブック", MIME: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{Name: "assessment.json", Data: []byte(`{"schema_version":1}`), Description: "assessment", MIME: "application/json"},
	}
	return rep
}

func renderSample(t testing.TB, rep report.Report) ([]byte, Layout) {
	t.Helper()
	var buf bytes.Buffer
	lay, err := Render(&buf, rep, Options{FontTTF: templates.Font(), ICCProfile: templates.SRGBProfile()})
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes(), lay
}

func TestRenderSample(t *testing.T) {
	data, lay := renderSample(t, sampleReport())
	if *keepPDF != "" {
		if err := os.WriteFile(*keepPDF, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d pages, %d bytes, sections %+v, replaced %+v", lay.Pages, len(data), lay.Sections, lay.Replacements)
}

// BenchmarkRender renders the sample report: 234 appendix rows, one of
// them 5,000 characters long, and two attachments.
func BenchmarkRender(b *testing.B) {
	rep := sampleReport()
	font := templates.Font()
	for b.Loop() {
		if _, err := Render(io.Discard, rep, Options{FontTTF: font, ICCProfile: templates.SRGBProfile()}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTablesNeverOrphanHeaders fills pages to many depths before a table
// and checks that every header row is followed by a row on its page.
func TestTablesNeverOrphanHeaders(t *testing.T) {
	glyphs, err := parseCmap(templates.Font())
	if err != nil {
		t.Fatal(err)
	}
	for spacer := 200.0; spacer <= 262; spacer += 3.1 {
		rows := []report.Row{{Cells: []string{"1", reporttest.LongAnswer()[:400]}}, {Cells: []string{"2", reporttest.LongAnswer()}}, {Cells: []string{"3", "短い"}}}
		rep := report.Report{Meta: report.Meta{Date: time.Unix(0, 0)}, Sections: []report.Section{{Title: "表", Blocks: []report.Block{
			&report.Spacer{Height: spacer},
			&report.Table{Caption: "見出し", Columns: []report.Column{{Title: "番号", Width: 1, Align: report.AlignLeft}, {Title: "内容", Width: 6, Align: report.AlignLeft}}, Rows: rows},
		}}}}
		r := &renderer{rep: newSanitizer(glyphs).report(rep), san: newSanitizer(glyphs)}
		if _, err := r.render(templates.Font()); err != nil {
			t.Fatal(err)
		}
		for i, e := range r.events {
			if !e.header {
				continue
			}
			if i+1 >= len(r.events) || r.events[i+1].header || r.events[i+1].page != e.page {
				t.Errorf("spacer %.1f: header row on page %d at %.1f mm is not followed by a row on that page", spacer, e.page, e.top)
			}
		}
	}
}

// TestRenderOddInput renders degenerate models: it must neither panic nor
// fail.
func TestRenderOddInput(t *testing.T) {
	weird := "\x00\x07\t\r\n\u200b\ufeff\U0001F600" + strings.Repeat("W", 3000) + "\xff\xfe"
	rep := report.Report{
		Meta:       report.Meta{Date: time.Unix(0, 0), Title: weird, Author: weird, Keywords: weird},
		HeaderLeft: weird, HeaderRight: weird, FooterLeft: weird,
		Sections: []report.Section{
			{Title: weird, Blocks: []report.Block{
				&report.Table{}, &report.Table{Columns: []report.Column{{Width: 0}, {Width: -1}}, Rows: []report.Row{{Cells: []string{weird, weird, weird}}, {}}},
				&report.Table{Empty: weird, Columns: []report.Column{{Title: weird}}},
				&report.BarChart{}, &report.BarChart{Series: []report.Series{{Label: weird}}, Bars: []report.Bar{{Label: weird, Values: []int{-5, 0, 7}}}},
				&report.SignOff{Title: weird, Note: weird, Fields: []string{weird}},
				&report.Paragraph{Text: weird, Boxed: true, Size: 30}, &report.Spacer{Height: 500}, &report.ReplacedList{},
			}},
			{}, {Level: 3, NewPage: true, HideTitle: true},
		},
		Attachments: []report.Attachment{{Name: "../../" + weird, Data: nil, Description: weird, MIME: weird}},
	}
	data, lay := renderSample(t, rep)
	if len(lay.Replacements) == 0 {
		t.Error("nothing replaced")
	}
	if err := api.Validate(bytes.NewReader(pdfatest.Mask(data)), pdfcpuConf()); err != nil {
		t.Errorf("pdfcpu validate: %v", err)
	}
}
