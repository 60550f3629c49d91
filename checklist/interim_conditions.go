package checklist

import (
	"slices"
	"strings"
	"time"
)

// The conditions of each category of the 2021-07-06 decision, one function
// per section, so each can be read beside its section of the decision.

// legacy1 is 2-i ①.
func (e *evaluation) legacy1() Date {
	const src = "2-i ①"
	// 2021-07-06 decision, 2-i ①: the service was already in use on
	// 2020-10-01, the day ISMAP began accepting applications. A use that
	// began on 2020-10-01 itself counts as in use on that day (it is case
	// ② as well: see legacy2).
	e.cond("2-i-1.in-use-on-2020-10-01", src, onOrBefore(e.f.UseStart, ISMAPApplicationStart),
		"令和2年10月1日（ISMAPの申請受付開始日）の時点で既に利用していた（利用開始日がその日以前）。",
		"the service was already in use on 2020-10-01, when ISMAP began accepting applications (use started on or before that day)",
		FactUseStart)
	// 2021-07-06 decision, 2-i ①: the CSP's application is expected within
	// the former period.
	e.cond("2-i-1.application-expected", src, e.application(),
		"CSPがこのサービスについてISMAPへ申請する見込みがある（または申請済み）。",
		"the CSP is expected to apply to ISMAP for this service (or has applied)",
		FactApplication)
	e.noteStartOnApplicationDay()
	// 2021-07-06 decision, 2-i ①: the former period ends on 2021-09-30.
	return LegacyCase1End
}

// noteStartOnApplicationDay says that a use that started on 2020-10-01
// is case ① and case ② alike (2021-07-06 decision, 2-i ① 「令和2年10月1日
// 時点で…利用中」 and 2-i ② 「令和2年10月1日以降に利用予定」).
func (e *evaluation) noteStartOnApplicationDay() {
	if e.f.UseStart == ISMAPApplicationStart {
		e.note("令和2年10月1日に利用を始めたケースは従来①にも従来②にも当たります。どちらでも期間は令和3年9月30日までです（2-i ①・②）。",
			"a use that started on 2020-10-01 is both case 1 and case 2 of the former period; either way the period ends on 2021-09-30 (2-i ① and ②)")
	}
}

// legacy2 is 2-i ②.
func (e *evaluation) legacy2() Date {
	const src = "2-i ②"
	// 2021-07-06 decision, 2-i ②: 「令和2年10月1日以降に利用予定」: use
	// actually started (development environment, integration test or
	// operation) on or after 2020-10-01. 以降 counts the day itself, so a
	// use that began on 2020-10-01 is case ② as well as case ① (in use on
	// that day); either way the period ends on 2021-09-30.
	var from *bool
	if !e.f.UseStart.IsZero() {
		from = boolp(!e.f.UseStart.Before(ISMAPApplicationStart))
	}
	e.cond("2-i-2.use-started-from-2020-10-01", src, from,
		"令和2年10月1日以降（当日を含む）に実際の利用が始まった（開発環境を作った、結合テストを行った、運用を始めた等）。",
		"actual use (development environment, integration test or operation) started on or after 2020-10-01 (the day itself included)",
		FactUseStart)
	// 2021-07-06 decision, 2-i ② (note on the last day): no period is left
	// for a use that starts after the cap of 2022-03-31.
	e.cond("2-i-2.use-started-by-2022-03-31", src, onOrBefore(e.f.UseStart, LegacyCase2Cap),
		"利用開始日が上限の令和4年3月31日以前である（それより後では期間が残らない）。",
		"use started no later than the cap of 2022-03-31 (after it no period is left)",
		FactUseStart)
	// 2021-07-06 decision, 2-i ②: the CSP's application is expected within
	// one year of the start of use.
	e.cond("2-i-2.application-expected", src, e.application(),
		"CSPが利用開始から1年以内にこのサービスについてISMAPへ申請する見込みがある（または申請済み）。",
		"the CSP is expected to apply to ISMAP for this service within one year of the start of use (or has applied)",
		FactApplication)
	if e.f.UseStart.IsZero() {
		return Date{}
	}
	e.noteStartOnApplicationDay()
	// 2021-07-06 decision, 2-i ②: the period ends within one year of the
	// start of use, read as the day before the first anniversary, and
	// never later than 2022-03-31.
	end := e.f.UseStart.AddDate(1, 0, -1)
	if end.After(LegacyCase2Cap) {
		end = LegacyCase2Cap
		e.note("利用開始から1年後が令和4年3月31日より後になるため、終了日は上限の令和4年3月31日です（2-i ②）。",
			"one year from the start of use would pass 2022-03-31, so the period ends on that cap (2-i ②)")
	}
	return end
}

// contractEnd is the end of a 類型①-i or ①-iii period: the contract end, or
// its unavoidable extension.
func (e *evaluation) contractEnd(prefix, src string) Date {
	// 2021-07-06 decision, 2-ii 類型①-i / ①-iii: the period lasts until the
	// contract with the service ends.
	e.cond(prefix+".contract-end", src, stated(e.f.ContractEnd),
		"利用中（予定）のサービスとの契約期間の終了日が示されている。",
		"the end of the contract with the service is stated",
		FactContractEnd)
	if e.f.ContractExtendedTo.IsZero() || e.f.ContractEnd.IsZero() {
		return e.f.ContractEnd
	}
	// 2021-07-06 decision, 2-ii 類型①-i / ①-iii: an unavoidable extension
	// of the contract period counts; it must end after the original end.
	e.cond(prefix+".extension-after-contract-end", src, boolp(!e.f.ContractExtendedTo.Before(e.f.ContractEnd)),
		"やむを得ない理由による延長後の契約終了日が、元の終了日以後である。",
		"the unavoidably extended contract ends no earlier than the original contract",
		FactContractExtendedTo)
	e.note("やむを得ない理由による契約期間の延長を終了日に反映しました。",
		"the unavoidable extension of the contract is taken as the end")
	return e.f.ContractExtendedTo
}

// category1i is 2-ii 類型①-i.
func (e *evaluation) category1i() Date {
	const src, p = "2-ii 類型①-i", "2-ii-1-i"
	// 2021-07-06 decision, 2-ii 類型①-i: an alternative service exists.
	e.alternativeExists(p+".alternative-exists", src)
	// 2021-07-06 decision, 2-ii 類型①-i: a multi-year contract is already
	// signed, and one signed 「本決定以降」 is excluded. 以降 counts the day of
	// the decision itself: only a contract signed by 2021-07-05 qualifies.
	e.cond(p+".multi-year-contract", src, onOrBefore(e.f.ContractSigned, LastDayBeforeDecision),
		"複数年の契約を令和3年7月5日（本決定の前日）までに締結している（本決定の日である同年7月6日以降の締結は対象外）。",
		"the multi-year contract was signed by 2021-07-05, the day before the decision (signed on or after 2021-07-06, the day of the decision, is excluded)",
		FactContractSigned)
	// 2021-07-06 decision, 2-ii 類型①-i: the contract is multi-year, i.e.
	// it runs past the end of the fiscal year (March 31) in which it was
	// signed.
	var multi *bool
	var miss []string
	if e.f.ContractSigned.IsZero() {
		miss = append(miss, FactContractSigned)
	}
	if e.f.ContractEnd.IsZero() {
		miss = append(miss, FactContractEnd)
	}
	if miss == nil {
		multi = boolp(e.f.ContractEnd.After(fiscalYearEnd(e.f.ContractSigned)))
	}
	e.cond(p+".contract-spans-fiscal-years", src, multi,
		"契約が締結した年度の末日（3月31日）を越えて続く複数年契約である。",
		"the contract runs past the end of the fiscal year (March 31) in which it was signed, so it is multi-year",
		miss...)
	// 2021-07-06 decision, 2-ii 類型①-i: the CSP is expected to apply for
	// the service in use or for the alternative it will move to.
	e.cond(p+".application-expected", src, e.application(),
		"CSPが利用中（予定）のサービス、または移行先の代替サービスについてISMAPへ申請する見込みがある（または申請済み）。",
		"the CSP is expected to apply to ISMAP for the service in use or for the alternative service (or has applied)",
		FactApplication)
	return e.contractEnd(p, src)
}

// fiscalYearEnd is March 31 of the Japanese fiscal year that holds d.
func fiscalYearEnd(d Date) Date {
	if d.Month >= time.April {
		return Date{d.Year + 1, time.March, 31}
	}
	return Date{d.Year, time.March, 31}
}

// category1ii is 2-ii 類型①-ii.
func (e *evaluation) category1ii() Date {
	const src, p = "2-ii 類型①-ii", "2-ii-1-ii"
	// 2021-07-06 decision, 2-ii 類型①-ii: an alternative service exists
	// (migration to it has a large impact: the agency's own judgement, not
	// checked here).
	e.alternativeExists(p+".alternative-exists", src)
	// 2021-07-06 decision, 2-ii 類型①-ii: 「移行後の代替サービスにおいて
	// 申請がなされ」: the alternative service, the one migrated to, has
	// applied. Unlike ①-i, ①-iii and ② this asks for an application made,
	// not an expected one (見込み); a registered alternative has applied.
	made, flag := e.alternativeApplied()
	e.cond(p+".alternative-applied", src, made,
		"移行先の代替サービスについてISMAPへの申請が既になされている（登録済みを含む。申請の見込みだけでは満たさない）。",
		"the alternative service being migrated to has already applied to ISMAP (or is registered); an expected application does not meet this",
		flag)
	if value, _ := e.alternativeApplication(); value != "" {
		if v, _ := NormalizeApplication(value); v == ApplicationExpected {
			e.note("類型①-ii は、移行先の代替サービスについて申請が既になされていることが要件です。申請の見込み（--"+flag+" expected）では満たしません。",
				"category 1-ii needs an application already made for the alternative service; an expected application (--"+flag+" expected) does not meet it")
		}
	}
	// 2021-07-06 decision, 2-ii 類型①-ii: the migration plan is fixed
	// within the fiscal year of the decision (令和3年度), by 2022-03-31.
	e.cond(p+".migration-plan-by-2022-03-31", src, onOrBefore(e.f.MigrationPlan, MigrationPlanDeadline),
		"移行計画を令和3年度中（令和4年3月31日まで）に定めた。",
		"the migration plan was fixed within fiscal 2021 (令和3年度), by 2022-03-31",
		FactMigrationPlan)
	if e.f.MigrationPlan.IsZero() && !e.v.AsOf.IsZero() && !e.v.AsOf.After(MigrationPlanDeadline) {
		e.note("移行計画は令和4年3月31日までに定めれば要件を満たします。定めた日を --migration-plan で示してください。",
			"a migration plan fixed by 2022-03-31 meets the condition; give the day it was fixed with --migration-plan")
	}
	// 2021-07-06 decision, 2-ii 類型①-ii: the period lasts until the
	// migration period ends, including an unavoidable extension; the
	// migration end given is taken to include any such extension.
	e.cond(p+".migration-end", src, stated(e.f.MigrationEnd),
		"移行期間の終了日（やむを得ない延長があれば延長後の日）が示されている。",
		"the end of the migration period (after any unavoidable extension) is stated",
		FactMigrationEnd)
	if !e.f.ContractExtendedTo.IsZero() {
		e.note("類型①-ii の期間は移行期間で決まります。延長された場合は延長後の移行終了日を --migration-end に指定してください（--contract-extended-to は使いません）。",
			"a 1-ii period follows the migration period; give an extended migration end as --migration-end (--contract-extended-to is not used)")
	}
	return e.f.MigrationEnd
}

// category1iii is 2-ii 類型①-iii.
func (e *evaluation) category1iii() Date {
	const src, p = "2-ii 類型①-iii", "2-ii-1-iii"
	// 2021-07-06 decision, 2-ii 類型①-iii: an alternative service exists.
	e.alternativeExists(p+".alternative-exists", src)
	// 2021-07-06 decision, 2-ii 類型①-iii: the information system is
	// already under construction, and construction begun 「本決定以降」 is
	// excluded. 以降 counts the day of the decision itself: only
	// construction begun by 2021-07-05 qualifies.
	e.cond(p+".construction-started-before-decision", src, onOrBefore(e.f.ConstructionStart, LastDayBeforeDecision),
		"情報システムの構築に令和3年7月5日（本決定の前日）までに着手している（本決定の日である同年7月6日以降の着手は対象外）。",
		"construction of the information system began by 2021-07-05, the day before the decision (begun on or after 2021-07-06, the day of the decision, is excluded)",
		FactConstructionStart)
	// 2021-07-06 decision, 2-ii 類型①-iii: the CSP is expected to apply
	// for the service in use or for the alternative.
	e.cond(p+".application-expected", src, e.application(),
		"CSPが利用中（予定）のサービス、または移行先の代替サービスについてISMAPへ申請する見込みがある（または申請済み）。",
		"the CSP is expected to apply to ISMAP for the service in use or for the alternative service (or has applied)",
		FactApplication)
	return e.contractEnd(p, src)
}

// category2 is 2-ii 類型②.
func (e *evaluation) category2() Date {
	const src, p = "2-ii 類型②", "2-ii-2"
	// 2021-07-06 decision, 2-ii 類型②: 「類型①-i ~ iii 以外で」: the case is
	// 類型② only when none of 類型①-i, ①-ii and ①-iii is met on the same
	// facts. One met settles it (the case falls under that category
	// instead); all three failing settles it the other way; otherwise the
	// facts those categories still need are named.
	outside, miss := e.outsideCategory1()
	e.cond(p+".outside-category-1", src, outside,
		"類型①-i・①-ii・①-iii のいずれにも当たらない（同じ事実でそれぞれを判定し、どれも満たさない）。",
		"none of categories 1-i, 1-ii and 1-iii applies (each is checked on the same facts and none is met)",
		miss...)
	saas, saasOK := e.yesNo(e.f.SaaSAwaitingIaaS, FactSaaSAwaitingIaaS)
	// 2021-07-06 decision, 2-ii 類型②: the service is a SaaS that cannot
	// apply in time, e.g. because its underlying IaaS must be registered
	// first.
	var waiting *bool
	if saasOK {
		waiting = boolp(saas == "yes")
	}
	e.cond(p+".saas-awaiting-iaas", src, waiting,
		"SaaSであって、土台のIaaSが先にリストに載る必要がある等の事情から、期間内に申請できない。",
		"the service is a SaaS that cannot apply in time, e.g. because its underlying IaaS must be registered first",
		FactSaaSAwaitingIaaS)
	// 2021-07-06 decision, 2-ii 類型②: the CSP is expected to apply.
	e.cond(p+".application-expected", src, e.application(),
		"CSPがISMAPへ申請する予定がある（または申請済み）。",
		"the CSP plans to apply to ISMAP (or has applied)",
		FactApplication)
	// 2021-07-06 decision, 2-ii 類型②: the period lasts until 2023-03-31.
	return SaaSInterimEnd
}

// outsideCategory1 evaluates 類型①-i, ①-ii and ①-iii on the facts of this
// 類型② case: false (with FallsUnder set) when one of them is met, true
// when each has failed, nil with the facts they need otherwise.
func (e *evaluation) outsideCategory1() (*bool, []string) {
	var missing []string
	open, iiOpen := false, false
	for _, c := range []InterimCategory{Interim1i, Interim1ii, Interim1iii} {
		facts := e.f
		if c == Interim1ii {
			// 2021-07-06 decision, 2-ii 類型①-ii asks whether the
			// alternative service 「において申請がなされ」; the application
			// given for this case is the service's own, which says nothing
			// of the alternative's, so it is not used here: whether ①-ii is
			// met then stays open when its other conditions hold.
			facts.Application, facts.ApplicationDate = "", Date{}
		}
		sub, _, _ := evaluateConditions(c, facts, e.v.AsOf)
		for _, n := range sub.unreadable {
			e.noteUnreadable(n[0], n[1])
		}
		eligible, decided, miss := outcome(sub.v.Conditions)
		switch {
		case eligible:
			e.v.FallsUnder = append(e.v.FallsUnder, c)
		case !decided:
			open = true
			iiOpen = iiOpen || c == Interim1ii
			for _, m := range miss {
				if !slices.Contains(missing, m) {
					missing = append(missing, m)
				}
			}
		}
	}
	if len(e.v.FallsUnder) > 0 {
		var ja, en, flags []string
		for _, c := range e.v.FallsUnder {
			ja = append(ja, "類型①-"+strings.TrimPrefix(string(c), "1-"))
			en = append(en, "category "+string(c))
			flags = append(flags, "--category "+string(c))
		}
		e.note("この事実では"+strings.Join(ja, "・")+"に当たるため、類型②ではありません（類型②は類型①-i〜iii 以外のケースです）。"+strings.Join(flags, " / ")+" で確認してください。",
			"on these facts the case falls under "+strings.Join(en, " and ")+", so it is not category 2 (which is for cases outside 1-i to 1-iii); check it with "+strings.Join(flags, " / "))
		return boolp(false), nil
	}
	if open {
		if iiOpen {
			e.note("類型①-ii に当たるかどうかは、移行先の代替サービスが既にISMAPへ申請しているかで決まります。この事案の --application は当該サービス自身の状況のため、その判定には使いません。代替サービスの状況を --alternative-application で示してください。",
				"whether the case falls under category 1-ii depends on whether the alternative service has already applied to ISMAP; this case's --application is the service's own status and is not used for that; give the alternative's status with --alternative-application")
		}
		return nil, missing
	}
	return boolp(true), nil
}
