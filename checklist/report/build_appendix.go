package report

import (
	"fmt"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// Appendix A (every answer) and Appendix B (evidence: input files,
// edition, tool, parameters).

func (b builder) appendixA() Section {
	in := b.in
	answers := make(map[string]checklist.Answer, len(in.Assessment.Answers))
	for _, a := range in.Assessment.Answers {
		answers[a.ID] = a
	}
	finding := map[string]bool{}
	for _, f := range in.Result.Findings {
		finding[f.ID] = true
	}
	t := &Table{Size: 7, Columns: []Column{{"ID", 1.45, AlignLeft}, {b.t("要件", "Requirement"), 2.6, AlignLeft},
		{b.t("状況・責任", "Status, responsibility"), 1.35, AlignLeft}, {b.t("回答内容", "Answer"), 7, AlignLeft}}}
	for _, it := range in.Catalog.Requirements() {
		a, ok := answers[it.ID]
		if !ok {
			a = checklist.Answer{ID: it.ID, Status: checklist.StatusUnanswered}
		}
		st := b.status(a.Status, a.Unknown)
		if a.Responsibility != "" {
			st += "\n" + b.t(a.Responsibility.LabelJA(), a.Responsibility.LabelEN())
		}
		var body []string
		add := func(ja, en, v string) {
			if strings.TrimSpace(v) != "" {
				body = append(body, b.t("【"+ja+"】", "["+en+"] ")+v)
			}
		}
		add("実施内容", "Implementation", a.Implementation)
		add("証跡", "Evidence", a.Evidence)
		add("理由", "Reason", a.Reason)
		add("対応予定", "Planned", b.date(a.PlannedDate))
		add("備考", "Remarks", a.Remarks)
		if len(body) == 0 {
			body = []string{"—"}
		}
		var fill Color
		if finding[it.ID] {
			fill = fillShortfall
		}
		t.Rows = append(t.Rows, Row{Cells: []string{it.ID, b.both(it.TitleJA, it.TitleEN), st, strings.Join(body, "\n")}, Ref: it.ID, Fill: fill})
	}
	return Section{Key: KeyAppendixA, Title: b.t("付録A 全要件の回答", "Appendix A. Every answer"), NewPage: true, Blocks: []Block{
		&Paragraph{Text: fmt.Sprintf(b.t("管理基準 %s の全 %d 要件について、CSPの回答をそのまま掲載する（色付きの行はリスク評価が必要な項目）。",
			"The CSP's answer to each of the %[2]d requirements of edition %[1]s, as written (shaded rows need a risk assessment)."),
			in.Catalog.Edition.ID, len(in.Catalog.Requirements()))},
		t,
	}}
}

func (b builder) appendixB(docID string) Section {
	in := b.in
	files := &Table{Caption: b.t("入力ファイル（本PDFに添付）", "Input files (attached to this PDF)"), Size: 7.5,
		Columns: []Column{{b.t("ファイル", "File"), 2.6, AlignLeft}, {b.t("種類", "Kind"), 1.8, AlignLeft}, {b.t("サイズ（バイト）", "Size (bytes)"), 1.4, AlignRight}, {"SHA-256", 4.6, AlignLeft}}}
	for _, f := range in.Files {
		files.Rows = append(files.Rows, Row{Cells: []string{f.Name, f.Role, fmt.Sprint(len(f.Data)), f.SHA256()}, Ref: f.Name})
	}
	ed := in.Catalog.Edition
	as := in.Assessment
	env := kv(b.t("作成環境", "How it was made"),
		[2]string{b.t("文書ID", "Document ID"), docID},
		[2]string{b.t("作成ツール", "Tool"), in.Tool},
		[2]string{b.t("報告日", "Report date"), b.date(in.ReportDate)},
		[2]string{b.t("管理基準の版", "Edition of the criteria"), joinNonEmpty(" ", ed.ID, b.both(ed.TitleJA, ed.TitleEN))},
		[2]string{b.t("版の指紋（SHA-256）", "Edition fingerprint (SHA-256)"), ed.SHA256},
		[2]string{b.t("回答が示す版の指紋", "Fingerprint named by the answers"), orDash(as.EditionFingerprint)},
		[2]string{b.t("回答ワークブック（取込時）", "CSP workbook (as ingested)"), joinNonEmpty(" ", as.Source.Name, b.sizeText(as.Source.Size), as.Source.SHA256)},
		[2]string{b.t("取込ツール", "Ingested by"), orDash(as.Tool)},
	)
	params := &Table{Caption: b.t("実行時のパラメータ", "Parameters of the run"), NoHeader: true, Size: 8, Columns: []Column{{Width: 1.1}, {Width: 3.4}}, Empty: "—"}
	for _, p := range in.Params {
		params.Rows = append(params.Rows, Row{Cells: []string{p[0], p[1]}, Ref: p[0]})
	}
	return Section{Key: KeyAppendixB, Title: b.t(appendixBTitle[0], appendixBTitle[1]), NewPage: true, Blocks: []Block{
		files,
		&Paragraph{Size: 8.5, Text: b.t("入力ファイルは本PDFに添付されている。PDFビューアの添付ファイル一覧、または pdfdetach -saveall で取り出し、"+
			"SHA-256 が上表と一致すれば、本書の作成に用いたファイルと同一である。"+
			"本書の結論（指摘、対象外、判断の状態、署名準備、集計、暫定措置の判定、実行時のパラメータ）も findings JSON として添付している。"+
			"ismapcheck verify は、添付の入力ファイルから結論を再計算し、この記録および上表と照合する。",
			"The input files are attached to this PDF. Extract them from the viewer's attachment list or with pdfdetach -saveall; "+
				"if their SHA-256 matches the table above, they are the files this report was made from. "+
				"The report's conclusions (findings, exclusions, decision states, sign-off readiness, summary, interim verdict, run parameters) "+
				"are attached as well, as a findings JSON. ismapcheck verify recomputes the conclusions from the attached inputs "+
				"and checks them against that record and the table above.")},
		env,
		params,
		&ReplacedList{Caption: b.t("表示できなかった文字（本文では 〓 に置き換えた。原文は添付ファイルにある）",
			"Characters that could not be shown (replaced with 〓; the original text is in the attached files)"), Empty: b.t("なし", "none")},
	}}
}

func (b builder) sizeText(n int64) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(b.t("%d バイト", "%d bytes"), n)
}
