package report

import (
	"fmt"
	"strings"
)

// The cover (the first page) and the sign-off box (the last section before
// the appendices).

func (b builder) cover(docID string) Section {
	in := b.in
	as := in.Assessment
	req, csp := as.Cover.Request, as.Cover.CSP
	ed := in.Catalog.Edition
	service := req.Service
	if req.ServiceModel != "" && !strings.Contains(service, req.ServiceModel) {
		service += b.t("（"+req.ServiceModel+"）", " ("+req.ServiceModel+")")
	}
	respondent := joinNonEmpty(b.t("　", ", "), csp.RespondentTitle, csp.RespondentName)
	return Section{Key: KeyCover, Title: b.t("表紙", "Cover"), HideTitle: true, Blocks: []Block{
		&Spacer{Height: 28},
		&Paragraph{Text: b.t(ReportTitle, ReportTitleEN), Size: 20, Align: AlignCenter},
		&Paragraph{Text: b.t("ISMAP管理基準の基本言明要件に照らしたクラウドサービスの確認結果",
			"A cloud service checked against the basic statement requirements of the ISMAP control criteria"), Size: 11, Align: AlignCenter, Color: Color{70, 70, 70}},
		&Spacer{Height: 16},
		kv("",
			[2]string{b.t("府省庁", "Agency"), joinNonEmpty("　", req.Agency, req.Division)},
			[2]string{b.t("情報システム", "Information system"), req.System},
			[2]string{b.t("クラウドサービス事業者", "Cloud service provider"), req.CSP},
			[2]string{b.t("クラウドサービス", "Cloud service"), service},
			[2]string{b.t("管理基準の版", "Edition of the criteria"), joinNonEmpty(b.t("　", " "), b.both(ed.TitleJA, ed.TitleEN), b.t("（"+ed.ID+"）", "("+ed.ID+")"))},
			[2]string{b.t("回答者", "Respondent"), respondent},
			[2]string{b.t("回答日", "Answered on"), orDash(b.date(csp.AnswerDate))},
			[2]string{b.t("報告日", "Report date"), b.date(in.ReportDate)},
			[2]string{b.t("文書ID", "Document ID"), docID},
		),
		&Spacer{Height: 4},
		b.readinessBox(),
		&Spacer{Height: 4},
		&Paragraph{Size: 8.5, Color: Color{70, 70, 70}, Text: b.t("本書は、CSPが記入した回答ワークブックをもとに ismapcheck が作成した。"+
			"根拠とした入力ファイルは本PDFに添付されており、付録Bに記載したSHA-256で同一性を確認できる。"+
			"文書IDは入力ファイルのハッシュ値、管理基準の版および報告日から導出している。",
			"ismapcheck wrote this report from the workbook the CSP filled in. The input files are attached to this PDF; "+
				"their SHA-256 in Appendix B shows they are the files used. The document ID is derived from the input files' hashes, "+
				"the edition of the criteria, the report date and the language.")},
	}}
}

func (b builder) signOff() Section {
	n := 5
	if b.in.Interim != nil {
		n = 6
	}
	return Section{Key: KeySignOff, Title: fmt.Sprintf(b.t("%d. CISOの確認", "%d. CISO sign-off"), n), Blocks: []Block{
		&SignOff{
			Title: b.t("最高情報セキュリティ責任者（CISO）確認欄", "Chief Information Security Officer (CISO) sign-off"),
			Note: b.t("本報告書の内容を確認し、本書第2章のリスク評価が必要な項目に対する判断および本書第3章の対象外（除外）の受入れ・不受入れの判断について承認する。"+
				"（文書ID・報告日が本書と一致することを確認のうえ記入する）",
				"I have reviewed this report and approve the decisions on the items in section 2 of this report and the acceptance or rejection "+
					"of the exclusions in section 3 of this report. (Check that the document ID and report date match this report before signing.)"),
			Fields: []string{b.t("所属・役職", "Office, title"), b.t("氏名", "Name"), b.t("確認日", "Date")},
			Seal:   b.t("印", "Seal"),
		},
	}}
}
