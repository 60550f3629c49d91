package xlsx

import (
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// The answer rules are checklist.CheckAnswer and checklist.CheckAnswers;
// this file only places their problems in the workbook: each problem's
// field is mapped to the cell the field came from (the status cell when
// the field has none) and written as a message. Nothing here decides a
// rule.

// checkRules applies the rules on one answer row. A field whose cell holds
// a formula was reported on its own (formula) and is passed to the rules
// as such, so that they do not read its empty value as missing.
func (r *reader) checkRules(ans *checklist.Answer, it checklist.Item) {
	var formula map[string]bool
	if c := ans.Cells[checklist.FieldPlannedDate]; r.sc.HasFormula(r.sheet, c) {
		formula = map[string]bool{checklist.FieldPlannedDate: true}
	}
	for _, p := range checklist.CheckAnswer(it, *ans, checklist.AnswerCheckOptions{Today: r.opt.Today, Formula: formula}) {
		r.addProblem(p, ans.Cells)
	}
}

// checkAcrossAnswers applies the rules that compare an answer with another
// answer or with the cover; it runs once the checklist and the cover are
// read.
func (r *reader) checkAcrossAnswers() {
	cells := make(map[string]map[string]string, len(r.a.Answers)) // ID → cells of its first answer
	for i := len(r.a.Answers) - 1; i >= 0; i-- {
		cells[r.a.Answers[i].ID] = r.a.Answers[i].Cells
	}
	ja, en := registrationLabels(r.a.Cover.CSP.UnderlyingIaaSISMAP)
	opt := checklist.AnswersCheckOptions{CoverSheet: r.coverSheet, RegistrationJA: ja, RegistrationEN: en}
	for _, p := range checklist.CheckAnswers(r.cat, r.a, opt) {
		r.addProblem(p, cells[p.ID])
	}
}

// addProblem writes p as a message on the cell of its field in cells, or
// on the status cell when the field has none.
func (r *reader) addProblem(p checklist.Problem, cells map[string]string) {
	c := cells[p.Field]
	if c == "" {
		c = cells[checklist.FieldStatus]
	}
	r.add(p.Severity, string(p.Code), r.sheet, c, p.ID, p.TextJA, p.TextEN)
}

// registrationLabels returns the labels under which the cover shows the
// underlying_iaas_registered value reg ("" for a value without a choice,
// which the rules then quote as it is).
func registrationLabels(reg string) (ja, en string) {
	for _, c := range coverField("underlying_iaas_registered").Choices {
		if c.Value == reg {
			ja, en, _ = strings.Cut(c.Entry, LabelSep)
			return ja, en
		}
	}
	return "", ""
}
