package checklist

import (
	"fmt"
	"slices"
	"strings"
)

// This file decides what a CSP must fix or check in its own workbook: the
// correction pack (ismapcheck feedback). It is pure; the spreadsheet work
// (comments, highlights, the problem sheet) is in checklist/xlsx.

// Codes of the corrections that come from the findings rather than from an
// ingest message: both need the CSP's answer, and ingest says nothing about
// them because an empty or 対象外 status is well-formed.
const (
	// CodeUnanswered: a requirement whose answer decides a finding has no
	// status (ISMAP管理基準 2.2.4: governance and management items,
	// control objectives, and B controls under an objective that applies).
	CodeUnanswered = "unanswered"
	// CodeBControlExcluded: a B control answered 対象外 while its objective
	// applies (ISMAP管理基準 2.2.4: only the objective can be excluded).
	CodeBControlExcluded = "b_control_excluded"
)

// Correction is one problem at one place of a CSP's workbook: what is
// wrong (Text) and what to enter instead (Fix), in Japanese and English.
// Cell is empty when the problem has no cell (a deleted row, a missing
// sheet); such a correction is only listed, never attached to a cell.
type Correction struct {
	Severity Severity
	Code     string
	Sheet    string
	Cell     string
	ID       string
	TextJA   string
	TextEN   string
	FixJA    string
	FixEN    string
}

// agencySide are ingest codes for the agency alone, kept out of the
// correction pack: the agency's own tooling (which catalogue edition reads
// the workbook), and notes that quote what the CSP wrote outside the
// answer cells (a cell comment, a link taken as evidence) for the agency
// to read; nothing there is wrong for the CSP to fix.
var agencySide = map[string]bool{
	"edition_mismatch":    true,
	"edition_unknown":     true,
	"edition_fingerprint": true,
	"cell_comment":        true,
	"hyperlink_evidence":  true,
}

// ForCSP reports whether an ingest message with this code is for the CSP
// to fix or check (every code but the agency-side edition checks).
func ForCSP(code string) bool { return !agencySide[code] }

// fixes says, per code, what the CSP should enter or do. Codes are those
// of checklist/xlsx (ingest) and the two above.
var fixes = map[string][2]string{
	"macros_ignored":              {"マクロは実行しません。マクロを含まない .xlsx 形式で保存して返送してください", "macros are not run; save the workbook as .xlsx (without macros) and send it back"},
	"metadata_missing":            {"非表示の管理シートが削除されています。読み取りはできましたが、次回は非表示シートを削除しないでください", "the hidden sheet was deleted; the workbook could still be read, but please keep hidden sheets next time"},
	"sheet_renamed":               {"シート名が変更されています。読み取りはできましたが、できれば元のシート名に戻してください", "the sheet was renamed; it could still be read, but please restore its name"},
	"header_moved":                {"行が挿入・削除されています。読み取りはできましたが、行の挿入・削除は避けてください", "rows were inserted or deleted; it could still be read, but please avoid that"},
	"column_moved":                {"列が移動しています。読み取りはできましたが、列の並びは変えないでください", "a column was moved; it could still be read, but please keep the columns in place"},
	"column_missing":              {"削除・改名された列を元に戻し、回答を記入してください", "restore the deleted or renamed column and fill it in"},
	"missing_id":                  {"削除された要件の行を元に戻して回答してください（元に戻せない場合は新しいブックを依頼してください）", "restore the deleted row of the requirement and answer it (or ask for a new workbook)"},
	"duplicate_id":                {"同じIDの行を1行にまとめ、重複した行を削除してください", "merge the rows with the same ID into one and delete the copy"},
	"unknown_id":                  {"ID列の値を作成時のIDに戻し、回答は正しい要件の行に記入してください", "restore the ID as generated and enter the answers on the right requirement's row"},
	"answer_on_heading":           {"見出し行には記入せず、その下の要件の行に記入してください", "do not answer on heading rows; enter the answer on the requirement rows below"},
	"orphan_cell":                 {"この値はどの要件にも結び付きません。IDのある要件の行に記入し直してください", "this value belongs to no requirement; enter it on the row of a requirement (a row with an ID)"},
	"extra_cell":                  {"チェックリストの列以外は読み取りません。必要な内容は実施内容・備考などの回答欄に移してください", "columns outside the checklist are not read; move what matters into the answer columns (implementation, remarks…)"},
	"text_changed":                {"変更禁止のセルです。元の文言に戻してください（回答は回答欄に記入してください）", "this cell must not be changed; restore the original text (answers go in the answer columns)"},
	"formula":                     {"数式を削除し、値を直接入力してください", "delete the formula and type the value itself"},
	"formula_ignored":             {"数式は読み取りません。値に置き換えてください", "formulas are not read; replace the formula with its value"},
	"invalid_status":              {"ドロップダウンから「適合」「一部適合」「不適合」「対象外」のいずれかを選んでください", "pick one of the drop-down values: Conforms, Partially conforms, Does not conform, Not applicable"},
	"invalid_responsibility":      {"ドロップダウンから「CSP」「利用者」「共同」「継承」のいずれかを選んでください", "pick one of the drop-down values: CSP, Customer, Shared, Inherited"},
	"invalid_date":                {"日付を 2026-03-31 または 令和8年3月31日 の形で入力してください", "enter the date as 2026-03-31 (or 令和8年3月31日)"},
	"text_too_long":               {"32,767文字以内に短くし、詳しい内容は別資料にして資料名を根拠資料欄に記入してください", "shorten the text to at most 32,767 characters; put details in a separate document and name it under evidence"},
	"na_on_governance_management": {"ガバナンス基準・マネジメント基準の項目は原則としてすべて適用されます。実施していれば「適合」「一部適合」「不適合」で回答し、対象外のままにする場合は理由欄にその根拠を記入してください", "governance and management items apply in principle, all of them; answer Conforms, Partially conforms or Does not conform, or, if it stays not applicable, give the grounds in the reason column"},
	"objective_conforms_b_short":  {"統制目標を「適合」としていますが、その下のB管理策が満たされていません。統制目標とB管理策の回答が実態に合っているか確認してください", "the objective is answered Conforms while a B control under it falls short; check that both answers describe the service as it is"},
	"inherited_unregistered":      {"「継承」は、ISMAPに登録された基盤サービスから引き継ぐ場合に限られます。表紙の基盤サービスの登録状況を確認し、登録されていなければ責任分界を見直してください", "Inherited applies only to controls taken over from an underlying service on the ISMAP list; check the cover's registration status and, if it is not registered, revise the responsibility"},
	"hyperlink_ignored":           {"この位置のリンクは読み取りません。必要な資料は根拠資料欄に資料名で記入してください", "links here are not read; name the document in the evidence column instead"},
	"image":                       {"画像は読み取りません。必要な内容は文字で回答欄に記入するか、別資料として提出してください", "images are not read; describe it in the answer columns or send it as a separate document"},
	"na_without_reason":           {"理由欄に、対象外とする理由（サービスに該当しない根拠）を記入してください", "enter in the reason column why the item does not apply to the service"},
	"shortfall_without_reason":    {"理由欄に、満たしていない点とその理由を記入してください", "enter in the reason column what is missing and why"},
	"shortfall_without_date":      {"対応予定日欄に、対応を終える予定日を記入してください", "enter in the planned-date column when the gap will be closed"},
	"planned_date_past":           {"対応予定日が過ぎています。対応済みなら適合状況を更新し、未了なら新しい予定日を記入してください", "the planned date has passed; if the work is done, update the status, otherwise enter a new date"},
	"b_without_evidence":          {"根拠資料欄に、実施を示す資料名（規程、手順書、報告書など）を記入してください", "name in the evidence column the document that shows the control is in place (policy, procedure, report…)"},
	"cover_missing":               {"表紙シートを元に戻し、回答者欄を記入してください", "restore the cover sheet and fill in the respondent fields"},
	"cover_field_missing":         {"表紙の項目（見出しの文言）を元に戻してください", "restore the cover field and its label"},
	"cover_orphan":                {"表紙の値は所定の欄（C列）に記入してください。ほかの場所の値は読み取りません", "enter cover values in the value column (C); values elsewhere are not read"},
	"invalid_choice":              {"ドロップダウンの選択肢から選んでください", "pick one of the drop-down values"},
	"invalid_email":               {"回答者のメールアドレスを記入してください", "enter the respondent's e-mail address"},
	"extra_sheet":                 {"追加したシートは読み取りません。必要な内容は回答欄に記入するか、別資料として提出してください", "added sheets are not read; put what matters in the answer columns or send it as a separate document"},
	CodeUnanswered:                {"適合状況を選び、必要な欄（実施内容、根拠資料、理由、対応予定日）を記入してください", "pick a status and fill in what it needs (implementation, evidence, reason, planned date)"},
	CodeBControlExcluded:          {"Bの詳細管理策は、統制目標が適用される限り対象外にできません。「適合」「一部適合」「不適合」で回答するか、統制目標そのものが該当しない場合は統制目標の行を「対象外」にして理由を記入してください", "a B control cannot be not applicable while its objective applies; answer it, or, if the whole objective does not apply, mark the objective not applicable with a reason"},
}

// FixFor returns what the CSP should do about a problem with this code, in
// Japanese and English; an unknown code gets a general request to look.
func FixFor(code string) (ja, en string) {
	if f, ok := fixes[code]; ok {
		return f[0], f[1]
	}
	return "内容を確認し、修正してください", "look at the cell and correct it"
}

// Corrections lists what the CSP must fix or check, in the order the
// workbook reads (ingest's message order, then catalogue order): every
// ingest message for the CSP (see ForCSP), and the findings that need an
// answer rather than a risk decision — a requirement left unanswered and a
// B control excluded under an objective that applies. A status cell that
// ingest already reported (a bad value, a formula) or that does not exist
// (a deleted row) is covered by that message.
func Corrections(cat *Catalog, a *Assessment) []Correction {
	var out []Correction
	reported := map[[2]string]bool{} // sheet, cell of every ingest message
	for _, m := range a.Messages {
		reported[[2]string{m.Sheet, m.Cell}] = true
		if !ForCSP(m.Code) {
			continue
		}
		c := Correction{Severity: m.Severity, Code: m.Code, Sheet: m.Sheet, Cell: m.Cell, ID: m.ID, TextJA: m.TextJA, TextEN: m.TextEN}
		c.FixJA, c.FixEN = FixFor(m.Code)
		out = append(out, c)
	}
	res := Findings(cat, a)
	for _, f := range res.Findings {
		x, _ := a.Answer(f.ID)
		if x.Cells["status"] == "" || reported[[2]string{x.Sheet, x.Cells["status"]}] {
			continue // no cell (a deleted row), or ingest reported the status already
		}
		var c Correction
		switch {
		// ISMAP管理基準 2.2.4: a governance or management item, an
		// objective or a B control under an applicable objective needs an
		// answer before the agency can judge it.
		case f.Status == StatusUnanswered:
			c = Correction{Severity: SeverityError, Code: CodeUnanswered,
				TextJA: fmt.Sprintf("%s（%s）が未回答です", f.ID, f.Level.LabelJA()),
				TextEN: fmt.Sprintf("%s (%s) has no answer", f.ID, strings.ToLower(f.Level.LabelEN()))}
		// ISMAP管理基準 2.2.4: under an objective that applies, a B control
		// must be in place; 対象外 is accepted only for the objective.
		case f.Has(ReasonBControlExcluded):
			c = Correction{Severity: SeverityError, Code: CodeBControlExcluded,
				TextJA: fmt.Sprintf("%s はBの詳細管理策ですが、統制目標 %s が適用されるのに「対象外」と回答されています", f.ID, f.Parent),
				TextEN: fmt.Sprintf("%s is a B control answered not applicable while its objective %s applies", f.ID, f.Parent)}
		default:
			continue
		}
		c.Sheet, c.Cell, c.ID = x.Sheet, x.Cells["status"], f.ID
		c.FixJA, c.FixEN = FixFor(c.Code)
		out = append(out, c)
	}
	return out
}

// Place is where a correction applies.
type Place struct {
	Sheet string
	Cell  string
	ID    string
}

// CorrectionEntry is one problem text and every place it occurs: the same
// problem in 58 cells is one entry with 58 places, not 58 lines. With more
// than one place the item ID in the text is replaced by "[ID]" (the IDs
// are listed in Places).
type CorrectionEntry struct {
	Severity Severity
	TextJA   string
	TextEN   string
	Places   []Place
}

// CorrectionGroup gathers the corrections of one code: Count is the number
// of corrections (one per ingest message or finding), FixJA/FixEN what to
// do, once for the whole group.
type CorrectionGroup struct {
	Code     string
	Severity Severity // error when any correction of the code is an error
	Count    int
	FixJA    string
	FixEN    string
	Entries  []CorrectionEntry
}

// GroupCorrections groups cs by code, errors first, then by code name;
// within a code, corrections whose text is the same once the item ID is
// masked share one entry (in order of first appearance).
func GroupCorrections(cs []Correction) []CorrectionGroup {
	byCode := map[string]*CorrectionGroup{}
	var codes []string
	type key struct {
		code   string
		sev    Severity
		ja, en string
	}
	entryIdx := map[key]int{}
	for _, c := range cs {
		g := byCode[c.Code]
		if g == nil {
			g = &CorrectionGroup{Code: c.Code, Severity: c.Severity, FixJA: c.FixJA, FixEN: c.FixEN}
			byCode[c.Code] = g
			codes = append(codes, c.Code)
		}
		g.Count++
		if c.Severity == SeverityError {
			g.Severity = SeverityError
		}
		k := key{code: c.Code, sev: c.Severity, ja: maskID(c.TextJA, c.ID), en: maskID(c.TextEN, c.ID)}
		p := Place{Sheet: c.Sheet, Cell: c.Cell, ID: c.ID}
		if i, ok := entryIdx[k]; ok {
			e := &g.Entries[i]
			e.Places = append(e.Places, p)
			e.TextJA, e.TextEN = k.ja, k.en
			continue
		}
		entryIdx[k] = len(g.Entries)
		g.Entries = append(g.Entries, CorrectionEntry{Severity: c.Severity, TextJA: c.TextJA, TextEN: c.TextEN, Places: []Place{p}})
	}
	slices.SortFunc(codes, func(a, b string) int {
		ea, eb := byCode[a].Severity == SeverityError, byCode[b].Severity == SeverityError
		if ea != eb {
			if ea {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	out := make([]CorrectionGroup, 0, len(codes))
	for _, c := range codes {
		out = append(out, *byCode[c])
	}
	return out
}

// maskID replaces the item ID in a message text by "[ID]", so that the
// same problem on many items reads the same.
func maskID(text, id string) string {
	if id == "" {
		return text
	}
	return strings.ReplaceAll(text, id, "[ID]")
}

// CellNote is the comment for one cell: every correction at that cell,
// worst severity first, in both languages.
type CellNote struct {
	Sheet    string
	Cell     string
	Severity Severity
	TextJA   string
	TextEN   string
}

// CellNotes merges the corrections that have a cell into one note per
// cell, in the order the cells first appear. Each note says what is wrong
// and what to enter, Japanese first, then English.
func CellNotes(cs []Correction) []CellNote {
	type at struct{ sheet, cell string }
	idx := map[at]int{}
	var out []CellNote
	for _, c := range cs {
		if c.Cell == "" {
			continue
		}
		k := at{c.Sheet, c.Cell}
		tagJA, tagEN := "要確認", "Check"
		if c.Severity == SeverityError {
			tagJA, tagEN = "要修正", "Fix"
		}
		ja := fmt.Sprintf("【%s】%s\n→ %s", tagJA, c.TextJA, c.FixJA)
		en := fmt.Sprintf("[%s] %s\n-> %s", tagEN, c.TextEN, c.FixEN)
		i, seen := idx[k]
		if !seen {
			idx[k] = len(out)
			out = append(out, CellNote{Sheet: c.Sheet, Cell: c.Cell, Severity: c.Severity, TextJA: ja, TextEN: en})
			continue
		}
		n := &out[i]
		n.TextJA += "\n" + ja
		n.TextEN += "\n" + en
		if c.Severity == SeverityError {
			n.Severity = SeverityError
		}
	}
	return out
}

// Text is the whole note: Japanese, a blank line, English.
func (n CellNote) Text() string { return n.TextJA + "\n\n" + n.TextEN }
