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
	"github.com/ismapcheck/ismapcheck/templates"
	"github.com/pdfcpu/pdfcpu/pkg/api"
)

var keepPDF = flag.String("keep", "", "write the sample report to this file, to look at it")

var (
	green  = Color{76, 160, 90}
	yellow = Color{236, 190, 60}
	red    = Color{210, 70, 60}
	grey   = Color{170, 170, 170}
	white  = Color{250, 250, 250}
)

// longAnswer is a 5,000-character answer, long enough to split over pages.
func longAnswer() string {
	var b strings.Builder
	for i := 1; b.Len() < 15000; i++ {
		fmt.Fprintf(&b, "第%d項：当社は、アクセス権の付与と削除を申請・承認・記録の手順で管理し（「権限管理規程」）、四半期ごとに棚卸しを行っている。", i)
	}
	r := []rune(b.String())
	return string(r[:5000])
}

// sampleReport builds a report shaped like the real one: a cover, a
// summary with a bar chart, a findings table, a 234-row appendix with one
// 5,000-character answer, characters the font lacks, and attachments.
func sampleReport() Report {
	rep := Report{
		Meta: Meta{
			Title: "基本言明要件 適合状況確認報告書", Author: "デジタル庁", Subject: "サンプル",
			Keywords: "ISMAP 基本言明要件", Creator: "ismapcheck test", Lang: "ja",
			Date: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC),
		},
		HeaderLeft:  "基本言明要件 適合状況確認報告書",
		HeaderRight: "文書ID ISMAPCHK-0123456789AB",
		FooterLeft:  "ismapcheck test · 2022-04-01",
	}
	rep.Sections = append(rep.Sections, Section{Key: "cover", Title: "表紙", HideTitle: true, Blocks: []Block{
		&Spacer{Height: 40},
		&Paragraph{Text: "基本言明要件 適合状況確認報告書", Size: 20, Align: AlignCenter},
		&Spacer{Height: 20},
		&Table{NoHeader: true, Size: 10, Columns: []Column{{Width: 1}, {Width: 3}}, Rows: []Row{
			{Cells: []string{"府省庁", "デジタル庁 𠮷田課"}},
			{Cells: []string{"システム", "共通業務システム"}},
			{Cells: []string{"報告日", "令和8年3月31日（2026-03-31）"}},
		}},
	}})
	rep.Sections = append(rep.Sections, Section{Key: "summary", Title: "1. 要約", NewPage: true, Blocks: []Block{
		&Paragraph{Text: "適合率は 87.2% です。リスク評価が必要な項目は 12 件です。"},
		&BarChart{
			Series: []Series{{"適合", green}, {"一部適合", yellow}, {"不適合", red}, {"対象外", grey}, {"未回答", white}},
			Bars: []Bar{
				{Label: "3 ガバナンス基準", Values: []int{20, 2, 1, 0, 0}},
				{Label: "4 マネジメント基準", Values: []int{25, 1, 0, 0, 1}},
				{Label: "5 情報セキュリティのための方針群", Values: []int{2, 0, 0, 0, 0}},
				{Label: "9 アクセス制御", Values: []int{30, 3, 2, 1, 0}},
			},
		},
	}})
	findings := &Table{Columns: []Column{{"ID", 1.2, AlignLeft}, {"要件", 3, AlignLeft}, {"状況", 1, AlignCenter}, {"理由", 4, AlignLeft}, {"判断", 2, AlignLeft}}}
	for i := 0; i < 12; i++ {
		findings.Rows = append(findings.Rows, Row{Cells: []string{fmt.Sprintf("9.2.%d.1.PB", i+1), "利用者アクセスの管理", "一部適合",
			"多要素認証を管理者アカウントに限って導入している。一般利用者への展開は令和8年9月を予定。", "リスク受容（残存リスク低）"}, Fill: Color{255, 235, 235}})
	}
	rep.Sections = append(rep.Sections, Section{Key: "findings", Title: "2. リスク評価が必要な項目", NewPage: true, Blocks: []Block{findings}})
	app := &Table{Columns: []Column{{"ID", 1.3, AlignLeft}, {"要件", 2.6, AlignLeft}, {"状況", 1, AlignCenter}, {"回答内容", 6, AlignLeft}}}
	for i := 0; i < 234; i++ {
		ans := "手順書に従い実施している。証跡：手順書 v3.2"
		if i == 100 {
			ans = longAnswer()
		}
		if i == 7 {
			ans = "絵文字🍣と𩸽は表示できない。"
		}
		app.Rows = append(app.Rows, Row{Cells: []string{fmt.Sprintf("X.%d.B", i+1), "情報セキュリティ要件の題名", "適合", ans}})
	}
	rep.Sections = append(rep.Sections, Section{Key: "appendix-a", Title: "付録A 全回答", NewPage: true, Blocks: []Block{app}})
	rep.Sections = append(rep.Sections, Section{Key: "appendix-b", Title: "付録B 証跡", NewPage: true, Blocks: []Block{
		&Table{Columns: []Column{{"ファイル", 2, AlignLeft}, {"SHA-256", 5, AlignLeft}}, Rows: []Row{{Cells: []string{"answer.xlsx", strings.Repeat("ab", 32)}}}},
		&ReplacedList{Caption: "表示できなかった文字", Empty: "なし"},
	}})
	rep.Sections = append(rep.Sections, Section{Key: "signoff", Title: "承認", Blocks: []Block{
		&SignOff{Title: "CISO 承認欄", Note: "上記の判断を承認する。", Fields: []string{"氏名", "日付"}, Seal: "印"},
	}})
	rep.Attachments = []Attachment{
		{Name: "answer.xlsx", Data: []byte("PK\x03\x04 not really a workbook \x00\xff"), Description: "回答ワークブック", MIME: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{Name: "assessment.json", Data: []byte(`{"schema_version":1}`), Description: "assessment", MIME: "application/json"},
	}
	return rep
}

func renderSample(t testing.TB, rep Report) ([]byte, Layout) {
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
		rows := []Row{{Cells: []string{"1", longAnswer()[:400]}}, {Cells: []string{"2", longAnswer()}}, {Cells: []string{"3", "短い"}}}
		rep := Report{Meta: Meta{Date: time.Unix(0, 0)}, Sections: []Section{{Title: "表", Blocks: []Block{
			&Spacer{Height: spacer},
			&Table{Caption: "見出し", Columns: []Column{{"番号", 1, AlignLeft}, {"内容", 6, AlignLeft}}, Rows: rows},
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
	rep := Report{
		Meta:       Meta{Date: time.Unix(0, 0), Title: weird, Author: weird, Keywords: weird},
		HeaderLeft: weird, HeaderRight: weird, FooterLeft: weird,
		Sections: []Section{
			{Title: weird, Blocks: []Block{
				&Table{}, &Table{Columns: []Column{{Width: 0}, {Width: -1}}, Rows: []Row{{Cells: []string{weird, weird, weird}}, {}}},
				&Table{Empty: weird, Columns: []Column{{Title: weird}}},
				&BarChart{}, &BarChart{Series: []Series{{Label: weird}}, Bars: []Bar{{Label: weird, Values: []int{-5, 0, 7}}}},
				&SignOff{Title: weird, Note: weird, Fields: []string{weird}},
				&Paragraph{Text: weird, Boxed: true, Size: 30}, &Spacer{Height: 500}, &ReplacedList{},
			}},
			{}, {Level: 3, NewPage: true, HideTitle: true},
		},
		Attachments: []Attachment{{Name: "../../" + weird, Data: nil, Description: weird, MIME: weird}},
	}
	data, lay := renderSample(t, rep)
	if len(lay.Replacements) == 0 {
		t.Error("nothing replaced")
	}
	if err := api.Validate(bytes.NewReader(pdfatest.Mask(data)), pdfcpuConf()); err != nil {
		t.Errorf("pdfcpu validate: %v", err)
	}
}
