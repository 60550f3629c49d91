package main

import (
	"github.com/ismapcheck/ismapcheck/checklist/report"
	"path/filepath"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx/risksheet"
)

// reportRun is what a report is computed from: the sources already read
// and decoded, and the parameters of the run. "report" fills it from its
// command line and files; "verify" from the attachments of a report and
// the parameters its findings record gives. Both then call reportInput,
// so verify cannot compute differently from report.
type reportRun struct {
	src *input.Source // the workbook or assessment JSON, its exact bytes
	cat *checklist.Catalog
	as  *checklist.Assessment
	// risk is the risk sheet as read and sheet its decoded content; risk
	// is nil without --risk.
	risk  *input.Source
	sheet risksheet.Sheet
	// prev is the previous round of the case (--previous), prevCat and
	// prevAs what it was read as; prev is nil without --previous.
	prev    *input.Source
	prevCat *checklist.Catalog
	prevAs  *checklist.Assessment
	date    checklist.Date // --date: the report date
	lang    string         // --lang: the report's language, "ja" or "en"
	tool    string         // "ismapcheck vX" (verify: the recorded tool)
	// catalogFile is the --catalog file as given ("" for an embedded
	// edition), for Appendix B; fontParam is how Appendix B names the font.
	catalogFile string
	fontParam   string
}

// reportLang is the report language of a --lang value or of a record:
// English for "en", Japanese for anything else ("" in a record of a
// version without the field).
func reportLang(lang string) string {
	if lang == report.LangEN {
		return report.LangEN
	}
	return report.LangJA
}

// inLang picks the text of the report language lang.
func inLang(lang, ja, en string) string {
	if reportLang(lang) == report.LangEN {
		return en
	}
	return ja
}

// reportInput computes everything the report concludes from r: the
// findings with the CISO's exclusion decisions applied
// (checklist.FindingsWithExclusions: a rejected exclusion makes findings),
// the decision state of every finding (checklist.ApplyDecisions), the risk
// sheet's messages with the approvals dated after the report
// (checklist.ApprovalsAfter), the interim-measure verdict, the input files
// to attach and the parameters Appendix B lists. Sign-off readiness is
// Input.SignOff of the result.
func reportInput(r reportRun) (report.Input, error) {
	lang := reportLang(r.lang)
	in := report.Input{Catalog: r.cat, Assessment: r.as, Result: checklist.Findings(r.cat, r.as), ReportDate: r.date, Tool: r.tool, Lang: lang}
	var err error
	in.Files, err = reportFiles(r.src, r.as, lang)
	if err != nil {
		return report.Input{}, err
	}
	riskName := ""
	if r.risk != nil {
		riskName = r.risk.Name
		// A rejected exclusion makes findings: apply the CISO's exclusion
		// decisions before matching the risk decisions to the findings.
		in.Result, in.Exclusions = checklist.FindingsWithExclusions(r.cat, r.as, r.sheet.Exclusions)
		in.Decisions = checklist.ApplyDecisions(in.Result, r.sheet.Decisions, r.date)
		msgs := append([]checklist.Message(nil), r.sheet.Messages...)
		in.RiskMessages = append(msgs, checklist.ApprovalsAfter(r.sheet.Decisions, r.date)...)
		in.Files = append(in.Files, report.InputFile{Name: r.risk.Name, Role: inLang(lang, "リスク評価シート", "risk sheet"), MIME: xlsxMIME, Data: r.risk.Bytes})
	}
	prevName := ""
	if r.prev != nil {
		// What changed since the previous round (issue 16); the decisions
		// of the risk sheet say which became stale.
		prevName = r.prev.Name
		if err := sameCaseOnly(r.prev.Name, r.src.Name, r.prevAs, r.as); err != nil {
			return report.Input{}, err
		}
		ed, err := roundsEditionDiff(r.prevCat, r.cat, "")
		if err != nil {
			return report.Input{}, err
		}
		var decisions []checklist.Decision
		if r.risk != nil {
			decisions = append([]checklist.Decision{}, r.sheet.Decisions...)
		}
		d := checklist.DiffRounds(r.prevCat, r.cat, r.prevAs, r.as, ed, decisions, r.date)
		in.Changes = &d
		mime := xlsxMIME
		if r.prev.Kind != input.KindWorkbook {
			mime = "application/json"
		}
		in.Files = append(in.Files, report.InputFile{Name: r.prev.Name, Role: inLang(lang, "前回の回答（--previous）", "previous round (--previous)"), MIME: mime, Data: r.prev.Bytes})
	}
	// 2021-07-06 decision: the interim-measure verdict of the category the
	// cover names, judged on the report date.
	if c, err := checklist.ParseInterimCategory(r.as.Cover.Request.InterimCategory); err == nil {
		v := checklist.EvaluateInterim(c, checklist.InterimFactsFromCover(r.as.Cover), r.date)
		in.Interim = &v
	}
	edition := r.cat.Edition.ID
	if r.catalogFile != "" {
		edition = r.catalogFile + "（" + r.cat.Edition.ID + "）"
	}
	in.Params = [][2]string{
		{inLang(lang, "入力", "input"), r.src.Name},
		{"--risk", dashUnless(riskName, riskName)},
		{"--previous", dashUnless(prevName, prevName)},
		{"--date", r.date.String()},
		{inLang(lang, "管理基準（--edition / --catalog）", "criteria (--edition / --catalog)"), edition},
		{inLang(lang, "フォント（--font）", "font (--font)"), r.fontParam},
		{"--lang", lang},
	}
	return in, nil
}

// riskSheetOf decodes src as a filled risk sheet of the case of as (nil:
// not checked), as report and verify read it.
func riskSheetOf(src *input.Source, as *checklist.Assessment) (risksheet.Sheet, error) {
	var c *checklist.Case
	if as != nil {
		cs := checklist.CaseOf(as)
		c = &cs
	}
	return src.RiskSheet(c)
}

// baseName is the base name of a path, "" for "".
func baseName(p string) string {
	if p == "" {
		return ""
	}
	return filepath.Base(p)
}
