package checklist

import (
	"fmt"
)

// What the agency owes under each category (2021-07-06 decision), and which
// organisations ISMAP covers when.

// newCategoryObligations are the duties of every 2-ii category.
func (e *evaluation) newCategoryObligations() {
	src := "2-ii 類型①-i"
	if e.v.Category != Interim1i {
		// 2021-07-06 decision, 2-ii 類型①-ii, ①-iii and ②: the security
		// requirements and reporting are as for 類型①-i.
		src = e.v.Category.Section() + " → 2-ii 類型①-i"
	}
	// 2021-07-06 decision, 2-ii 類型①-i: under the CISO's responsibility,
	// check conformance to the 基本言明要件 and assess the risk of every
	// shortfall.
	e.oblige("basic-statement-check", src,
		"最高情報セキュリティ責任者（CISO）の責任で、基本言明要件（ガバナンス基準・マネジメント基準の全項目、管理策基準の統制目標と末尾Bの詳細管理策）に照らして適合の程度を確かめ、足りない項目それぞれのリスクを評価する（ismapcheck findings / risk-sheet で管理）。",
		"under the CISO's responsibility, check the service against the basic statement requirements (all governance and management items, the control objectives and the detailed controls ending in B) and assess the risk of every shortfall (track them with ismapcheck findings / risk-sheet)")
	// 2021-07-06 decision, 2-ii 類型①-i: report the category, contract
	// period, migration plan and application prospects to the secretariat.
	e.oblige("report-to-secretariat", src,
		"ISMAP運営委員会事務局に、どの類型を使うか、契約期間、移行計画、ISMAP申請の見込みなどを報告する（様式と期限は事務局が指定）。",
		"report the category used, the contract period, the migration plan and the application prospects to the ISMAP secretariat, in the form and by the deadline it sets")
	// 2021-07-06 decision, 2-ii 類型①-i: report again on every change.
	e.oblige("report-changes", src,
		"報告した内容が変わったとき（期間を前倒しで終える場合など）は、その都度報告する。",
		"report again whenever what was reported changes (for example, ending the period early)")
	// 2021-07-06 decision, 3: confirm the application prospects with the
	// CSP and cooperate with the secretariat's surveys.
	e.oblige("confirm-application-prospects", "3",
		"CSPにISMAP申請の見込みを確認し、事務局の調査に必要に応じて協力する。",
		"confirm the CSP's application prospects with it, and cooperate with the secretariat's surveys when asked")
	// 2021-07-06 decision, 2-ii (留意事項): inform the CSP about ISMAP and
	// work towards principle use as soon as possible.
	e.oblige("promote-principle-use", "2-ii (留意事項)",
		"第三者監査と要求事項の確認を経ていないことを踏まえ、CSPにISMAPを案内し、速やかに原則利用へ移れるよう努める。",
		"bearing in mind that no third-party audit or check of the ISMAP requirements has taken place, inform the CSP about ISMAP and work towards principle use as soon as possible")
}

// legacyObligations are the duties of the former interim period.
func (e *evaluation) legacyObligations() {
	// 2021-07-06 decision, 1: tell the secretariat the service name and
	// its status.
	e.oblige("legacy.report-service", "1",
		"サービス名と現在の状況をISMAP運営委員会事務局に伝える。",
		"tell the ISMAP secretariat the name of the cloud service and its current status")
	// 2021-07-06 decision, 1: inform the CSP about ISMAP and hear how it
	// conforms to the requirements and criteria.
	e.oblige("legacy.hear-csp-conformance", "1",
		"CSPにISMAPを案内し、その時点の要求事項・管理基準への適合状況を聴取する。",
		"inform the CSP about ISMAP and hear how far it conforms to the ISMAP requirements and criteria at that time")
	// 2021-07-06 decision, 1: report promptly when it becomes clear that no
	// application will come, and cooperate with the secretariat's survey.
	e.oblige("legacy.report-no-prospect", "1",
		"申請の見込みがないと分かったときは速やかに事務局へ報告し、必要に応じて調査に協力する。",
		"report promptly to the secretariat once it is clear that no application will come, and cooperate with its survey when asked")
	// 2021-07-06 decision, 1: 「報告後、当該情報システムの対応について検討」:
	// once reported, work out the system's way forward and start the
	// migration work and the budget it needs.
	e.oblige("legacy.follow-up-after-report", "1",
		"その報告をした後は、情報システムを今後どう扱うかを検討し、移行に向けた準備や必要な予算の要求などを進める。",
		"after that report, work out how the information system is to be handled and move ahead with preparing the migration and requesting the budget for it")
}

// principleUse are the duties when no interim period applies.
func (e *evaluation) principleUse(noProspect bool) {
	if noProspect {
		e.note("ISMAP申請の見込みがないため暫定措置は適用されず、原則利用により対応します（2-ii（参考））。",
			"with no prospect of an ISMAP application no interim measure applies; principle use applies (2-ii, reference)")
	} else {
		e.note("暫定措置は適用されないため、原則利用により対応します（2-ii（参考））。",
			"no interim measure applies; principle use applies (2-ii, reference)")
	}
	// 2021-07-06 decision, 2-ii (参考): move to a listed service as soon as
	// possible (examine the system, prepare the migration, request budget).
	e.oblige("principle-use.migrate", "2-ii (参考)",
		"ISMAPクラウドサービスリストに載ったサービスへ早期に切り替えられるよう、システムの扱いを検討し、移行の準備と必要な予算の要求に着手する。",
		"move to a service on the ISMAP cloud service list as soon as possible: examine the system, prepare the migration and request the budget")
	// 2021-07-06 decision, 2-ii (参考): until the migration, the CISO
	// confirms the service meets the ISMAP requirements and criteria.
	e.oblige("principle-use.ciso-confirms", "2-ii (参考)",
		"切り替えが済むまでは、ISMAPの要求事項と管理基準に照らしてサービスが十分かを、CISOの責任で府省庁等自身が確かめる。",
		"until the migration, the CISO confirms under their own responsibility that the service meets the ISMAP requirements and criteria")
}

// OrganizationKind is the kind of organisation that procures a cloud service.
type OrganizationKind string

// The organisation kinds ISMAP distinguishes.
const (
	OrgMinistry              OrganizationKind = "ministry"               // 府省庁 (政府機関)
	OrgIndependentAgency     OrganizationKind = "independent-agency"     // 独立行政法人
	OrgDesignatedCorporation OrganizationKind = "designated-corporation" // 指定法人
)

// ParseOrganizationKind reads an organisation kind in English or Japanese
// (府省庁, 独立行政法人, 指定法人).
func ParseOrganizationKind(s string) (OrganizationKind, error) {
	switch foldAnswer(s) {
	case "ministry", "government", "府省庁", "政府機関", "省庁":
		return OrgMinistry, nil
	case "independent-agency", "iaa", "独立行政法人", "独法":
		return OrgIndependentAgency, nil
	case "designated-corporation", "designated", "指定法人":
		return OrgDesignatedCorporation, nil
	}
	return "", fmt.Errorf("%w: organisation kind %q: use ministry, independent-agency or designated-corporation", ErrInvalidInput, s)
}

// ISMAPAppliesTo reports whether ISMAP covers the procurement of an
// organisation of kind k on asOf. Ministries are covered throughout;
// 独立行政法人 and 指定法人 from 2022-04-01 (2021-07-06 decision, 3).
// Unknown kinds are not covered.
func ISMAPAppliesTo(k OrganizationKind, asOf Date) bool {
	switch k {
	case OrgMinistry:
		return true
	case OrgIndependentAgency, OrgDesignatedCorporation:
		// 2021-07-06 decision, 3: 「令和4年4月1日より ISMAP の対象とする」;
		// より counts the day itself, so 2022-04-01 is in scope.
		return !asOf.Before(AgencyScopeStart)
	}
	return false
}

// AddScopeNote records, for an organisation of kind k, whether ISMAP
// covers its procurement on asOf. 2021-07-06 decision, 3: 独立行政法人 and
// 指定法人 come under ISMAP from 2022-04-01 (AgencyScopeStart, the day
// included); before that day the verdict says they are not yet covered. A
// ministry is covered throughout and gets no note. When the kind is not
// stated (k is none of the three), the note says so: before
// AgencyScopeStart the scope cannot be judged (a ministry would be
// covered, the others not yet); from that day ISMAP covers all three, so
// the note says it applies whichever kind it is.
func (v *InterimVerdict) AddScopeNote(k OrganizationKind, asOf Date) {
	start := AgencyScopeStart
	switch k {
	case OrgMinistry:
		return
	case OrgIndependentAgency, OrgDesignatedCorporation:
	default:
		if ISMAPAppliesTo(OrgIndependentAgency, asOf) {
			v.NotesJA = append(v.NotesJA, fmt.Sprintf("調達する機関の種別（府省庁・独立行政法人・指定法人）は記載されていませんが、%sからは独立行政法人・指定法人の調達もISMAPの対象のため、いずれの種別でも対象です（3）。", FormatJapanese(start)))
			v.NotesEN = append(v.NotesEN, fmt.Sprintf("the kind of procuring organisation (ministry, independent agency or designated corporation) is not stated; from %s ISMAP covers procurement by incorporated administrative agencies and designated corporations as well as ministries, so it applies whichever kind it is (3)", start))
			return
		}
		v.NotesJA = append(v.NotesJA, fmt.Sprintf("調達する機関の種別（府省庁・独立行政法人・指定法人）が記載されていないため、ISMAPの対象かどうかは判断できません。%sの時点では府省庁の調達は対象、独立行政法人・指定法人の調達はまだ対象外です（%sから対象。3）。", FormatJapanese(asOf), FormatJapanese(start)))
		v.NotesEN = append(v.NotesEN, fmt.Sprintf("the kind of procuring organisation (ministry, independent agency or designated corporation) is not stated, so whether ISMAP covers this procurement cannot be judged: on %s it covers ministries but not yet incorporated administrative agencies and designated corporations (from %s, 3)", asOf, start))
		return
	}
	if ISMAPAppliesTo(k, asOf) {
		v.NotesJA = append(v.NotesJA, fmt.Sprintf("独立行政法人・指定法人の調達は%sからISMAPの対象です（3）。", FormatJapanese(start)))
		v.NotesEN = append(v.NotesEN, fmt.Sprintf("procurement by incorporated administrative agencies and designated corporations is covered by ISMAP from %s (3)", start))
		return
	}
	v.NotesJA = append(v.NotesJA, fmt.Sprintf("%sの時点では、独立行政法人・指定法人の調達はまだISMAPの対象ではありません（%sから対象。3）。", FormatJapanese(asOf), FormatJapanese(start)))
	v.NotesEN = append(v.NotesEN, fmt.Sprintf("on %s ISMAP does not yet cover procurement by incorporated administrative agencies and designated corporations; it does from %s (3)", asOf, start))
}

// EvaluateInterimCase is the verdict on one case as "interim check" and
// "report" both give it, so the two cannot disagree: EvaluateInterim of
// the category on the facts, with the scope rule of the 2021-07-06
// decision, 3, for the procuring organisation's kind (AddScopeNote; ""
// when the kind is not stated).
func EvaluateInterimCase(cat InterimCategory, facts InterimFacts, kind OrganizationKind, asOf Date) InterimVerdict {
	v := EvaluateInterim(cat, facts, asOf)
	// 2021-07-06 decision, 3: the scope rule for 独立行政法人・指定法人.
	v.AddScopeNote(kind, asOf)
	return v
}

// OrganizationKind is the procuring organisation's kind the cover states
// (Request.AgencyType), read leniently (ParseOrganizationKind); "" when
// the cover does not state one this version knows.
func (c Cover) OrganizationKind() OrganizationKind {
	k, err := ParseOrganizationKind(string(c.Request.AgencyType))
	if err != nil {
		return ""
	}
	return k
}
