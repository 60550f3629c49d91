package xlsx

import (
	"fmt"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
)

// The answer rules of the reader. They check the form of the answers and
// their consistency, not their merit (that is checklist.Findings): every
// rule here gives a message, none changes an answer.

// checkRules applies the rules on one answer row.
func (r *reader) checkRules(ans *checklist.Answer, it checklist.Item) {
	cell := func(key string) string { return ans.Cells[key] }
	govMgmt := it.Level == checklist.LevelGovernance || it.Level == checklist.LevelManagement
	switch ans.Status {
	case checklist.StatusNotApplicable:
		// ISMAP管理基準 2.2.4: governance and management items apply in
		// principle, all of them. A 対象外 there is a known answer that
		// falls short of the requirement (a finding that needs the
		// agency's risk assessment), not an unreadable one: a warning,
		// so the answer is not left in doubt.
		naSev := checklist.SeverityError
		if govMgmt {
			naSev = checklist.SeverityWarning
			r.add(checklist.SeverityWarning, CodeNAOnGovMgmt, r.sheet, cell("status"), it.ID,
				fmt.Sprintf("%s は%sの項目です。ガバナンス基準・マネジメント基準の項目は原則としてすべて適用されるため、「対象外」は基準を満たさない回答として扱い、府省庁のリスク評価の対象になります", it.ID, it.Level.LabelJA()),
				fmt.Sprintf("%s is a %s item; governance and management items apply in principle, all of them, so \"not applicable\" is read as falling short and needs the agency's risk assessment", it.ID, strings.ToLower(it.Level.LabelEN())))
		}
		if ans.Reason == "" {
			r.add(naSev, CodeNAWithoutReason, r.sheet, reasonCell(ans), it.ID,
				"「対象外」には理由の記入が必要です",
				"\"not applicable\" needs a reason")
		}
	case checklist.StatusPartial, checklist.StatusNonconforming:
		if ans.Reason == "" {
			r.add(checklist.SeverityWarning, CodeShortfallNoReason, r.sheet, reasonCell(ans), it.ID,
				fmt.Sprintf("「%s」ですが理由が記入されていません", ans.Status.LabelJA()),
				fmt.Sprintf("%q without a reason", ans.Status.LabelEN()))
		}
		if ans.PlannedDate.IsZero() && !r.sc.HasFormula(r.sheet, cell("planned_date")) {
			c := cell("planned_date")
			if c == "" {
				c = cell("status")
			}
			r.add(checklist.SeverityWarning, CodeShortfallNoDate, r.sheet, c, it.ID,
				fmt.Sprintf("「%s」ですが対応予定日が記入されていません", ans.Status.LabelJA()),
				fmt.Sprintf("%q without a planned date", ans.Status.LabelEN()))
		}
	case checklist.StatusConforms:
		if it.B && ans.Evidence == "" {
			c := cell("evidence")
			if c == "" {
				c = cell("status")
			}
			r.add(checklist.SeverityWarning, CodeBWithoutEvidence, r.sheet, c, it.ID,
				fmt.Sprintf("%s は B の詳細管理策です。「適合」の根拠資料が記入されていません", it.ID),
				fmt.Sprintf("%s is a B detailed control answered \"conforms\" without evidence", it.ID))
		}
	}
	if !ans.PlannedDate.IsZero() && !r.opt.Today.IsZero() && ans.PlannedDate.Before(r.opt.Today) {
		r.add(checklist.SeverityWarning, CodePlannedDatePast, r.sheet, cell("planned_date"), it.ID,
			fmt.Sprintf("対応予定日 %s は読み取り日 %s より前です", ans.PlannedDate, r.opt.Today),
			fmt.Sprintf("planned date %s is before the reading date %s", ans.PlannedDate, r.opt.Today))
	}
}

func reasonCell(ans *checklist.Answer) string {
	if c := ans.Cells["reason"]; c != "" {
		return c
	}
	return ans.Cells["status"]
}

// checkAcrossAnswers applies the rules that compare an answer with another
// answer or with the cover; it runs once the checklist and the cover are
// read.
func (r *reader) checkAcrossAnswers() {
	// An answer an error names is in doubt, as checklist.Findings reads it.
	inDoubt := map[string]bool{}
	for _, m := range r.a.Messages {
		if m.Severity == checklist.SeverityError && m.ID != "" {
			inDoubt[m.ID] = true
		}
	}
	first := make(map[string]int, len(r.a.Answers)) // ID → index, as Assessment.Answer finds it
	for i := len(r.a.Answers) - 1; i >= 0; i-- {
		first[r.a.Answers[i].ID] = i
	}
	answer := func(id string) checklist.Answer {
		i, ok := first[id]
		if !ok {
			return checklist.Answer{ID: id, Status: checklist.StatusUnanswered, Unknown: true}
		}
		x := r.a.Answers[i]
		x.Unknown = x.Unknown || inDoubt[id]
		return x
	}
	reg := r.a.Cover.CSP.UnderlyingIaaSISMAP
	regCell := r.a.Cover.Cells["underlying_iaas_registered"]
	for _, it := range r.cat.Requirements() {
		x := answer(it.ID)
		if it.Level == checklist.LevelDetail && it.B {
			// ISMAP管理基準 2.2.4: each B control is a requirement of its
			// own and does not make its objective fall short; an objective
			// answered 適合 over a B control that is not met is only an
			// inconsistency in the CSP's answers, shown on the B control.
			if w, ok := checklist.ObjectiveConformsBShort(x, answer(it.Parent)); ok {
				r.add(checklist.SeverityWarning, CodeObjectiveConformsBShort, r.sheet, x.Cells["status"], it.ID, w.TextJA, w.TextEN)
			}
		}
		// ISMAP管理基準 2.2.4: a control may be inherited only from an
		// underlying service registered on the ISMAP cloud service list.
		// The cover says whether it is; anything but 登録済 (applied, not
		// registered, none, or not said) leaves 継承 unsupported.
		if x.Responsibility == checklist.RespInherited && reg != "yes" {
			ja, en := inheritedWithout(reg, r.coverSheet, regCell)
			c := x.Cells["responsibility"]
			if c == "" {
				c = x.Cells["status"]
			}
			r.add(checklist.SeverityWarning, CodeInheritedUnregistered, r.sheet, c, it.ID, ja, en)
		}
	}
}

// inheritedWithout words the inherited_unregistered warning for what the
// cover says about the underlying service ("" when it says nothing).
func inheritedWithout(reg, sheet, cell string) (ja, en string) {
	whereJA, whereEN := "表紙", "the cover"
	if sheet != "" && cell != "" {
		whereJA = fmt.Sprintf("表紙（シート「%s」セル %s）", sheet, cell)
		whereEN = fmt.Sprintf("the cover (sheet %q, cell %s)", sheet, cell)
	}
	const ruleJA = "継承できるのは、ISMAPクラウドサービスリストに登録された基盤サービスから実施を引き継ぐ場合に限られます"
	const ruleEN = "a control can be inherited only from an underlying service on the ISMAP cloud service list"
	if reg == "" {
		return fmt.Sprintf("責任分界が「継承」ですが、%sに基盤サービスのISMAP登録状況が記入されていません。%s", whereJA, ruleJA),
			fmt.Sprintf("responsibility is \"inherited\" but %s does not say whether the underlying service is ISMAP-registered; %s", whereEN, ruleEN)
	}
	label := reg
	for _, c := range coverField("underlying_iaas_registered").Choices {
		if c.Value == reg {
			label = c.Entry
		}
	}
	labelJA, labelEN, _ := strings.Cut(label, LabelSep)
	if labelEN == "" {
		labelEN = labelJA
	}
	return fmt.Sprintf("責任分界が「継承」ですが、%sでは基盤サービスのISMAP登録状況が「%s」です。%s", whereJA, labelJA, ruleJA),
		fmt.Sprintf("responsibility is \"inherited\" but %s gives the underlying service's ISMAP registration as %q; %s", whereEN, labelEN, ruleEN)
}
