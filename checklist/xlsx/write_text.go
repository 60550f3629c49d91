package xlsx

// Fixed wording of the generated workbook. Written for this tool in its own
// words; the official criteria text is never quoted.

type para struct {
	kind   string // "h" heading, "p" paragraph, "b" bullet
	ja, en string
}

var workbookTitle = [2]string{"ISMAP基本言明要件 確認票", "ISMAP basic statement requirements questionnaire"}

var coverIntro = [2]string{
	"府省庁等が記入した灰色の欄は変更できません。白い欄（回答者欄）に記入し、「記入要領」シートに従って「基本言明要件」シートに回答してください。暫定措置の欄は、暫定措置の類型が指定されている場合のみ記入してください。",
	"Grey cells were filled in by the agency and are locked. Fill in the white cells, then answer every row of the checklist sheet as the instructions sheet explains. Fill in the interim-measure fields only when an interim-measure category is set.",
}

var coverGroupLabel = map[string][2]string{
	"agency":  {"府省庁等記入", "Agency"},
	"csp":     {"事業者記入", "CSP"},
	"interim": {"暫定措置（該当時のみ）", "Interim measure (only if a category is set)"},
}

// statusPrompt is the help shown when a 適合状況 cell is selected (title,
// message); it must fit Excel's 32 / 255 UTF-16 units with --labels both.
var statusPrompt = [2][2]string{
	{"適合状況の選び方", "Choosing a status"},
	{"対象外には理由が必要です。ガバナンス基準・マネジメント基準の項目は原則としてすべて適用されるため、対象外は基準を満たさない回答として扱います。",
		"Not applicable needs a reason. Governance and management items apply in principle, all of them: Not applicable there is read as falling short."},
}

var instructions = []para{
	{"h", "この確認票について", "About this questionnaire"},
	{"p", "この確認票は、府省庁等が利用を検討しているクラウドサービスについて、ISMAP管理基準の基本言明要件に当たる管理策をどこまで満たしているかを、クラウドサービス事業者（CSP）に確認するためのものです。",
		"The agency uses this workbook to ask the cloud service provider (CSP) how far the service meets each control that belongs to the basic statement requirements of the ISMAP control criteria."},
	{"p", "項目名と概要は本ツールによる参考用の要約です。回答にあたっては、必ずISMAP管理基準の正式な文言を確認してください。",
		"Titles and summaries are short paraphrases written for orientation. Always check the official wording of the ISMAP control criteria before answering."},

	{"h", "記入のしかた", "How to fill it in"},
	{"b", "「表紙」シートの白い欄に、回答者、サービスの範囲、データの保管場所、契約の準拠法、認証の取得状況などを記入してください。",
		"On the cover sheet, fill in the white cells: respondent, service scope, data locations, governing law, certifications held and so on."},
	{"b", "「基本言明要件」シートでは、要件の行（ID列に番号のある白い回答欄の行）すべてに回答してください。色付きの見出し行には回答しません。",
		"On the checklist sheet, answer every requirement row (the rows with white answer cells). Coloured heading rows group the requirements and take no answer."},
	{"b", "行や列の追加・削除、シート名の変更、ID列の変更はしないでください。回答の読み取りに使います。",
		"Do not insert or delete rows or columns, rename sheets or change the ID column: they are used to read your answers back."},
	{"b", "日付は 2026-03-31 の形式で入力してください（令和8年3月31日 のような和暦も読み取れます）。",
		"Enter dates as 2026-03-31 (a Japanese-era date such as 令和8年3月31日 is also accepted)."},
	{"b", "黄色の適合状況欄は未回答、赤色の理由・対応予定日欄は記入が必要なのに空欄であることを示します。",
		"A yellow status cell is still unanswered; a red reason or planned-date cell is required by the answer but still empty."},

	{"h", "適合状況の意味", "What each status means"},
	{"b", "適合：管理策を現に実施しており、根拠資料で示せる。",
		"Conforms: the control is in place today and the evidence shows it."},
	{"b", "一部適合：管理策の一部のみ実施している。足りない部分、その理由、対応予定日を記入する。",
		"Partially conforms: only part of the control is in place. State what is missing, why, and when it will be in place."},
	{"b", "不適合：管理策を実施していない。理由と対応予定日を記入する。",
		"Does not conform: the control is not in place. State why and when it will be."},
	{"b", "対象外：サービスの性質上、その管理策が当てはまらない。当てはまらない理由を記入する。",
		"Not applicable: the control does not fit the nature of the service. State why."},

	{"h", "回答のルール（ISMAP管理基準 2.2.4 に基づく）", "Rules for answering (after section 2.2.4 of the ISMAP control criteria)"},
	{"b", "ガバナンス基準とマネジメント基準の項目は、原則としてすべて適用されます。これらに「対象外」と回答した場合は、基準を満たさない回答として扱われ、府省庁がリスク評価を行います。その場合も理由を記入してください。",
		"Governance and management items apply in principle, all of them. A Not applicable answer on one of them is read as falling short of the requirement, and the agency assesses the risk; state your reason all the same."},
	{"b", "統制目標は、対象外とする理由を記入した場合に限り「対象外」とできます。",
		"A control objective may be answered Not applicable only together with a reason."},
	{"b", "対象外とした統制目標の下にある詳細管理策（末尾B）は、回答を要しません（回答した場合も評価には用いません）。",
		"Detailed controls (IDs ending in B) under an objective answered Not applicable need no answer, and any answer given is not assessed."},
	{"b", "「一部適合」と「不適合」には、理由と対応予定日の両方が必要です。",
		"Every Partially conforms or Does not conform answer needs both a reason and a planned date."},
	{"b", "責任分界では、管理策を誰が実施するかを選んでください：CSP（事業者）、利用者、共同、継承（ISMAPに登録済みの基盤サービスから引き継ぐもの）。",
		"Under responsibility, say who carries out the control: CSP, customer, shared, or inherited (from an underlying ISMAP-registered service)."},
	{"b", "「継承」は、基盤サービスがISMAPクラウドサービスリストに登録されている場合に限られます。表紙の「基盤サービスのISMAP登録」を必ず選んでください。登録済でないまま継承と回答すると、読み取り時に警告になります。",
		"Inherited is possible only from an underlying service on the ISMAP cloud service list. Always choose the cover's \"Underlying service ISMAP-registered\"; an Inherited answer while it is not registered is flagged when the workbook is read."},

	{"h", "根拠資料の書き方", "How to cite evidence"},
	{"b", "社内文書は、文書名、版または日付、該当する章・節を記入してください（例：情報セキュリティ基本規程 第3版 2025-04-01 第5章）。",
		"For an internal document give its name, version or date, and the section (e.g. Information security policy v3, 2025-04-01, chapter 5)."},
	{"b", "第三者認証や監査報告書は、規格または報告書の種類、認証番号または報告対象期間、有効期限を記入してください。",
		"For a certification or an audit report give the standard or report type, the certificate number or report period, and the expiry."},
	{"b", "公開資料はURLと確認日を記入してください。資料の提出を求められた場合に示せるものを記入してください。",
		"For public material give the URL and the date you checked it. Cite only what you can show if asked."},

	{"h", "シートの保護", "Sheet protection"},
	{"p", "誤操作を防ぐため、回答欄以外はシート保護で固定しています（パスワードはありません）。保護は安全対策ではなく入力の補助です。",
		"Everything except the answer cells is locked by sheet protection without a password, to prevent accidental edits. It is a convenience, not a security measure."},
}
