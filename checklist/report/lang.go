package report

import (
	"fmt"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// Report languages (Input.Lang).
const (
	LangJA = "ja" // the default
	LangEN = "en"
)

// ReportTitleEN is the English title of the finding report.
const ReportTitleEN = "Basic Statement Requirements Conformance Report"

// Texts of the report that "verify" looks for in its pages, per language:
// the label of the document ID in every page header and the title of
// Appendix B.
var (
	docIDLabel     = [2]string{"文書ID ", "Document ID "}
	appendixBTitle = [2]string{"付録B 作成の記録（証跡）", "Appendix B. How this report was made (evidence)"}
)

func pick(lang string, s [2]string) string {
	if lang == LangEN {
		return s[1]
	}
	return s[0]
}

// DocumentIDLabel is what precedes the document ID in the page header of
// a report in lang.
func DocumentIDLabel(lang string) string { return pick(lang, docIDLabel) }

// AppendixBTitle is the title of Appendix B in a report in lang.
func AppendixBTitle(lang string) string { return pick(lang, appendixBTitle) }

// t picks the report language's text. Every fixed text of the report is
// written in both languages at the place it is used.
func (b builder) t(ja, en string) string {
	if b.en {
		return en
	}
	return ja
}

// both shows a text the catalogue has in both languages: the report
// language's alone in Japanese (as before); in English the English text
// with the Japanese beneath it, so a foreign CSP and a Japanese agency
// read the same row.
func (b builder) both(ja, en string) string {
	if !b.en {
		return ja
	}
	if strings.TrimSpace(en) == "" || en == ja {
		return ja
	}
	if strings.TrimSpace(ja) == "" {
		return en
	}
	return en + "\n" + ja
}

// date is a date in full: 令和8年3月31日（2026-03-31） or 2026-03-31.
func (b builder) date(d checklist.Date) string {
	if b.en {
		return d.String()
	}
	return checklist.FormatJapanese(d)
}

// short is a date in a table cell: 令和8年3月31日 or 2026-03-31.
func (b builder) short(d checklist.Date) string {
	if b.en {
		return d.String()
	}
	return checklist.FormatWareki(d)
}

func (b builder) status(s checklist.Status, unknown bool) string {
	l := b.t(s.LabelJA(), s.LabelEN())
	if unknown {
		l += b.t("（読取エラーで不確定）", " (in doubt: read errors)")
	}
	return l
}

func (b builder) rating(r checklist.Rating) string {
	if r == "" {
		return "—"
	}
	return b.t(r.LabelJA(), r.LabelEN())
}

func (b builder) state(s checklist.State) string { return b.t(s.LabelJA(), s.LabelEN()) }

func (b builder) sheet(s string) string {
	if s == "" {
		return ""
	}
	return b.t("シート「"+s+"」", "sheet \""+s+"\"")
}

func (b builder) cell(s string) string {
	if s == "" {
		return ""
	}
	return b.t("セル ", "cell ") + s
}

// colon joins a label and a text: 「ラベル：本文」 or "label: text".
func (b builder) colon(label, text string) string {
	if label == "" {
		return text
	}
	return label + b.t("：", ": ") + text
}

// count is "n 件" or "n".
func (b builder) count(n int) string {
	if b.en {
		return fmt.Sprint(n)
	}
	return fmt.Sprint(n) + " 件"
}
