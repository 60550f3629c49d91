package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/input"
	"github.com/spf13/cobra"
)

// isWorkbookPath reports whether path names a spreadsheet by its extension.
func isWorkbookPath(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return true
	}
	return false
}

// readInterimFacts reads the cover of a completed workbook or an
// assessment JSON for "interim check --from", through the input layer like
// every command (a workbook is read against the edition it names).
func (a *app) readInterimFacts(path string, inf *inputFlags) (*checklist.Assessment, error) {
	opt, pw, err := inf.options(a)
	if err != nil {
		return nil, err
	}
	src, err := input.Open(path, opt)
	if err != nil {
		return nil, err
	}
	_, as, err := src.Assessment(input.ReadOptions{Password: pw, Today: a.today(), Tool: "ismapcheck " + toolVersion()})
	return as, err
}

func newInterimCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "interim",
		Short: "Check a case against the interim measures of 2021-07-06 / 暫定措置（2021-07-06決定）の判定",
		Long: `Check whether an agency's use of a cloud service that is not on the ISMAP list
qualifies for an interim measure (暫定措置) of the decision of 2021-07-06, until
when, and what the agency must do. Every condition cites the section of the
decision it comes from.

ISMAPクラウドサービスリストに未登録のサービスの利用が、2021年7月6日決定の暫定措置に
当たるか、いつまでか、府省庁等が何をすべきかを判定します。`,
	}
	cmd.AddCommand(newInterimCheckCmd(a), newInterimCategoriesCmd(a))
	return cmd
}

// interimOptions are the flags of "interim check".
type interimOptions struct {
	in         inputFlags
	category   string
	asOf       string
	from       string
	format     string
	agencyType string

	useStart, contractSigned, contractEnd, contractExtendedTo string
	constructionStart, migrationPlan, migrationEnd            string
	application, applicationDate, alternative, saasWaiting    string
	alternativeApplication                                    string
}

const interimCheckLong = `Check one case against one interim-measure category of the 2021-07-06 decision.

Categories / 区分:
  legacy-1  2-i ①   former period: in use on 2020-10-01; ends 2021-09-30
  legacy-2  2-i ②   former period: use started on or after 2020-10-01; ends within
                    one year of the start (the day before the anniversary), at the latest
                    2022-03-31 (a start on 2020-10-01 is case ① and ②, both ending 2021-09-30)
  1-i       2-ii 類型①-i    alternative exists, multi-year contract signed by 2021-07-05
                           (本決定以降 includes the day: signed on 2021-07-06 is excluded)
  1-ii      2-ii 類型①-ii   alternative exists and has applied (expected is not enough),
                           migration plan fixed by 2022-03-31
  1-iii     2-ii 類型①-iii  alternative exists, construction begun by 2021-07-05
                           (begun on 2021-07-06 is excluded)
  2         2-ii 類型②     SaaS that must wait (e.g. for its IaaS), and none of 1-i, 1-ii,
                           1-iii met on the same facts; ends 2023-03-31

The new categories (1-i to 2) were created on 2021-07-06: judged as of an
earlier day they are never active, even when their conditions are met.

The facts come from flags or from --from FILE (the cover of a completed
workbook or an assessment JSON written by ingest); a flag wins over the file.
So does the kind of the procuring organisation (--agency-type, else the
cover's 調達する機関の種別): section 3 of the decision brings 独立行政法人 and
指定法人 under ISMAP from 2022-04-01 (the day included); a note says whether
the case is covered, or that the kind is not stated. "report" gives the same
verdict and notes for the same cover and date. A fact a condition needs but
nobody stated is named, never guessed. Dates may be ISO (2021-07-06) or 和暦
(令和3年7月6日, R3.7.6).

Exit 0 when the case qualifies and the period is running on --as-of; 1 when it
does not qualify, a fact is missing, or the period is not running (it has ended,
or had not been set yet); 2 on bad flags.`

func newInterimCheckCmd(a *app) *cobra.Command {
	var o interimOptions
	cmd := &cobra.Command{
		Use:   "check --category CAT [facts]",
		Short: "Does this case qualify, until when, and what must we do / 暫定措置の適用可否・期限・義務",
		Long:  interimCheckLong,
		Example: `  ismapcheck interim check --category 1-i --as-of 2024-06-01 --alternative yes \
      --contract-signed 2021-07-05 --contract-end 令和6年3月31日 --contract-extended-to 2024-09-30 \
      --application expected
  ismapcheck interim check --category 2 --alternative no --saas-awaiting-iaas yes --application expected --format json
  ismapcheck interim check --from assessment.json --as-of R5.3.31`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runInterimCheck(cmd, &o)
		},
	}
	o.in.register(cmd)
	f := cmd.Flags()
	f.StringVar(&o.category, "category", "", "legacy-1, legacy-2, 1-i, 1-ii, 1-iii or 2 (類型①-i etc. accepted) / 区分")
	f.StringVar(&o.asOf, "as-of", "", "date to judge on (default today) / 基準日（省略時は今日）")
	f.StringVar(&o.from, "from", "", "read the facts from the cover of an assessment JSON / 事実を評価結果JSONの表紙から読む")
	f.StringVar(&o.format, "format", "text", "output format: text or json / 出力形式")
	f.StringVar(&o.agencyType, "agency-type", "", "ministry, independent-agency or designated-corporation (section 3; default: the cover of --from) / 調達する機関の種別（既定: --from の表紙）")
	f.StringVar(&o.useStart, checklist.FactUseStart, "", "day actual use started / 実際の利用開始日")
	f.StringVar(&o.contractSigned, checklist.FactContractSigned, "", "day the multi-year contract was signed / 複数年契約の締結日")
	f.StringVar(&o.contractEnd, checklist.FactContractEnd, "", "last day of the contract / 契約期間の終了日")
	f.StringVar(&o.contractExtendedTo, checklist.FactContractExtendedTo, "", "contract end after an unavoidable extension / やむを得ない延長後の契約終了日")
	f.StringVar(&o.constructionStart, checklist.FactConstructionStart, "", "day construction of the system began / 情報システムの構築着手日")
	f.StringVar(&o.migrationPlan, checklist.FactMigrationPlan, "", "day the migration plan was fixed / 移行計画を定めた日")
	f.StringVar(&o.migrationEnd, checklist.FactMigrationEnd, "", "end of the migration period, after any unavoidable extension / 移行期間の終了日")
	f.StringVar(&o.application, checklist.FactApplication, "", "CSP's ISMAP application: expected, applied (or registered) or none; for 1-ii, the alternative's / ISMAP申請の状況")
	f.StringVar(&o.applicationDate, checklist.FactApplicationDate, "", "day the CSP applied / 申請日")
	f.StringVar(&o.alternativeApplication, checklist.FactAlternativeApplication, "", "the alternative service's ISMAP application, which decides 1-ii: applied (or registered), expected or none / 移行先代替サービスの申請状況")
	f.StringVar(&o.alternative, checklist.FactAlternative, "", "an alternative service exists: yes or no / 代替サービスの有無")
	f.StringVar(&o.saasWaiting, checklist.FactSaaSAwaitingIaaS, "", "a SaaS that must wait, e.g. for its IaaS: yes or no / IaaS登録待ち等のSaaSか")
	return cmd
}

// interimCase is what "interim check" judges: the facts, the category and
// the organisation kind, from --from and the flags (flags win).
type interimCase struct {
	facts         checklist.InterimFacts
	coverCategory string                     // the category the cover of --from names
	kind          checklist.OrganizationKind // --agency-type, else the cover's; "" when neither states it
}

// interimFacts merges the facts of --from and the flags; flags win.
func (o *interimOptions) interimFacts(a *app, cmd *cobra.Command) (interimCase, error) {
	var ic interimCase
	if o.from != "" {
		as, err := a.readInterimFacts(o.from, &o.in)
		if err != nil {
			return ic, err
		}
		ic.facts = checklist.InterimFactsFromCover(as.Cover)
		ic.coverCategory = strings.TrimSpace(as.Cover.Request.InterimCategory)
		ic.kind = as.Cover.OrganizationKind()
	}
	if cmd.Flags().Changed("agency-type") {
		k, err := checklist.ParseOrganizationKind(o.agencyType)
		if err != nil {
			return ic, usagef("--agency-type must be ministry, independent-agency or designated-corporation, not %q", o.agencyType)
		}
		ic.kind = k
	}
	set := cmd.Flags().Changed
	if err := o.applyDateFacts(set, &ic.facts); err != nil {
		return ic, err
	}
	if err := o.applyApplicationFacts(set, &ic.facts); err != nil {
		return ic, err
	}
	if err := o.applyYesNoFacts(set, &ic.facts); err != nil {
		return ic, err
	}
	return ic, nil
}

// applyDateFacts sets the dates of facts whose flag was given (see
// setDateFields).
func (o *interimOptions) applyDateFacts(set func(string) bool, facts *checklist.InterimFacts) error {
	return setDateFields(set, []dateField{
		{checklist.FactUseStart, o.useStart, &facts.UseStart},
		{checklist.FactContractSigned, o.contractSigned, &facts.ContractSigned},
		{checklist.FactContractEnd, o.contractEnd, &facts.ContractEnd},
		{checklist.FactContractExtendedTo, o.contractExtendedTo, &facts.ContractExtendedTo},
		{checklist.FactConstructionStart, o.constructionStart, &facts.ConstructionStart},
		{checklist.FactMigrationPlan, o.migrationPlan, &facts.MigrationPlan},
		{checklist.FactMigrationEnd, o.migrationEnd, &facts.MigrationEnd},
		{checklist.FactApplicationDate, o.applicationDate, &facts.ApplicationDate},
	})
}

// applyApplicationFacts sets the ISMAP application states of the CSP and
// of the alternative service whose flag was given.
func (o *interimOptions) applyApplicationFacts(set func(string) bool, facts *checklist.InterimFacts) error {
	if set(checklist.FactApplication) {
		v, ok := checklist.NormalizeApplication(o.application)
		if !ok {
			return usagef("--application must be expected, applied or none, not %q", o.application)
		}
		facts.Application = v
	}
	if set(checklist.FactAlternativeApplication) {
		v, ok := checklist.NormalizeApplication(o.alternativeApplication)
		if !ok {
			return usagef("--alternative-application must be applied, expected or none, not %q", o.alternativeApplication)
		}
		facts.AlternativeApplication = v
	}
	return nil
}

// applyYesNoFacts sets the yes/no facts whose flag was given.
func (o *interimOptions) applyYesNoFacts(set func(string) bool, facts *checklist.InterimFacts) error {
	yesNo := []struct {
		flag string
		val  string
		dst  *string
	}{
		{checklist.FactAlternative, o.alternative, &facts.Alternative},
		{checklist.FactSaaSAwaitingIaaS, o.saasWaiting, &facts.SaaSAwaitingIaaS},
	}
	for _, y := range yesNo {
		if !set(y.flag) {
			continue
		}
		v, ok := checklist.NormalizeYesNo(y.val)
		if !ok {
			return usagef("--%s must be yes or no, not %q", y.flag, y.val)
		}
		*y.dst = v
	}
	return nil
}

func (a *app) runInterimCheck(cmd *cobra.Command, o *interimOptions) error {
	if o.format != "text" && o.format != "json" {
		return usagef("--format must be text or json, not %q", o.format)
	}
	asOf, err := a.dateFlag("as-of", o.asOf)
	if err != nil {
		return err
	}
	ic, err := o.interimFacts(a, cmd)
	if err != nil {
		return err
	}
	cat, err := o.interimCategory(cmd, ic.coverCategory)
	if err != nil {
		return err
	}
	// The same function as report's, so the two cannot disagree; it adds
	// the scope rule for 独立行政法人・指定法人 (2021-07-06 decision, 3).
	v := checklist.EvaluateInterimCase(cat, ic.facts, ic.kind, asOf)
	switch o.format {
	case "json":
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(a.stdout, "%s\n", jsonSafe(b)); err != nil {
			return err
		}
	default:
		if err := a.writeInterimText(a.text(), v); err != nil {
			return err
		}
	}
	if !v.Active {
		return errFindings
	}
	return nil
}

// interimCategory is the category to check: --category, else the one the
// cover of --from names. A cover that says none, or no category at all,
// is a usage error.
func (o *interimOptions) interimCategory(cmd *cobra.Command, coverCategory string) (checklist.InterimCategory, error) {
	switch {
	case cmd.Flags().Changed("category"):
		cat, err := checklist.ParseInterimCategory(o.category)
		if err != nil {
			return cat, usagef("--category must be legacy-1, legacy-2, 1-i, 1-ii, 1-iii or 2, not %q", o.category)
		}
		return cat, nil
	case coverCategory != "" && !strings.EqualFold(coverCategory, "none"):
		cat, err := checklist.ParseInterimCategory(coverCategory)
		if err != nil {
			return cat, fmt.Errorf("%w: %q: the cover's interim category %q is not one of legacy-1, legacy-2, 1-i, 1-ii, 1-iii, 2", checklist.ErrInvalidInput, o.from, coverCategory)
		}
		return cat, nil
	case coverCategory != "":
		return "", usagef("the cover of %q states no interim category (none); give --category to check one", o.from)
	default:
		return "", usagef("give --category (legacy-1, legacy-2, 1-i, 1-ii, 1-iii or 2), or --from a file whose cover names it")
	}
}

// showDate renders a date for the text output: 令和N年M月D日（YYYY-MM-DD）
// in Japanese, YYYY-MM-DD (令和N年M月D日) in English.
func (a *app) showDate(d checklist.Date) string {
	if d.IsZero() {
		return a.msg("なし", "none")
	}
	if a.ja() {
		return checklist.FormatJapanese(d)
	}
	return d.String() + " (" + checklist.FormatWareki(d) + ")"
}

// interimVerdictText is the verdict line of the text output.
func (a *app) interimVerdictText(v checklist.InterimVerdict) string {
	switch {
	case v.Active:
		return a.msg("対象（暫定措置期間中）", "qualifies; the interim period is running")
	case v.PeriodNotYetSet:
		return a.msg("基準日には新規の暫定措置期間がまだ設けられていない（令和3年7月6日の決定で新設）",
			"the new interim period had not been set yet on that date (created by the decision of 2021-07-06)")
	case v.Eligible:
		return a.msg("対象だが暫定措置期間は終了（原則利用により対応）", "qualified, but the interim period has ended (principle use applies)")
	case !v.Decided:
		return a.msg("判定できません（事実が不足）", "undecided: facts are missing")
	case len(v.FallsUnder) > 0:
		var cats []string
		for _, c := range v.FallsUnder {
			cats = append(cats, string(c))
		}
		return a.msg("類型②には当たらない（"+strings.Join(cats, "・")+" に当たる）",
			"not category 2: the case falls under "+strings.Join(cats, " and "))
	default:
		return a.msg("対象外（原則利用により対応）", "does not qualify (principle use applies)")
	}
}

func (a *app) writeInterimText(w io.Writer, v checklist.InterimVerdict) error {
	var b strings.Builder
	label := v.Category.LabelEN()
	if a.ja() {
		label = v.Category.LabelJA()
	}
	verdict := a.interimVerdictText(v)
	fmt.Fprintf(&b, "%s\n", a.msg("暫定措置の判定（2021年7月6日決定）", "Interim-measure check (decision of 2021-07-06)"))
	b.WriteString(columns([][]string{
		{a.msg("区分", "Category"), label + " [" + v.Section + "]"},
		{a.msg("基準日", "As of"), a.showDate(v.AsOf)},
		{a.msg("判定", "Verdict"), verdict},
		{a.msg("終了日", "End"), a.showDate(v.End)},
		{a.msg("期限の決まり方", "End rule"), a.msg(v.Category.EndRuleJA(), v.Category.EndRuleEN())},
	}))
	fmt.Fprintf(&b, "\n%s\n", a.msg("要件:", "Conditions:"))
	for _, c := range v.Conditions {
		mark := a.msg("[不明]", "[ ? ]")
		if c.Met != nil && *c.Met {
			mark = a.msg("[充足]", "[met]")
		} else if c.Met != nil {
			mark = a.msg("[不足]", "[NOT]")
		}
		fmt.Fprintf(&b, "  %s %s\n", mark, a.msg(c.TextJA, c.TextEN))
		fmt.Fprintf(&b, "        %s  (%s)\n", c.ID, c.Source)
		if len(c.Missing) > 0 {
			fmt.Fprintf(&b, "        %s --%s\n", a.msg("不足している事実:", "missing:"), strings.Join(c.Missing, ", --"))
		}
	}
	if len(v.Obligations) > 0 {
		fmt.Fprintf(&b, "\n%s\n", a.msg("府省庁等が行うこと:", "What the agency must do:"))
		for _, o := range v.Obligations {
			fmt.Fprintf(&b, "  - %s\n", a.msg(o.TextJA, o.TextEN))
			fmt.Fprintf(&b, "        %s  (%s)\n", o.ID, o.Source)
		}
	}
	notes := v.NotesEN
	if a.ja() {
		notes = v.NotesJA
	}
	if len(notes) > 0 {
		fmt.Fprintf(&b, "\n%s\n", a.msg("注記:", "Notes:"))
		for _, n := range notes {
			fmt.Fprintf(&b, "  * %s\n", n)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func newInterimCategoriesCmd(a *app) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "categories",
		Short: "List the interim-measure categories and their end rules / 暫定措置の区分と期限の一覧",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "json":
				type row struct {
					Category  checklist.InterimCategory `json:"category"`
					Section   string                    `json:"section"`
					LabelJA   string                    `json:"label_ja"`
					LabelEN   string                    `json:"label_en"`
					EndRuleJA string                    `json:"end_rule_ja"`
					EndRuleEN string                    `json:"end_rule_en"`
				}
				rows := []row{}
				for _, c := range checklist.InterimCategories {
					rows = append(rows, row{c, c.Section(), c.LabelJA(), c.LabelEN(), c.EndRuleJA(), c.EndRuleEN()})
				}
				b, err := json.MarshalIndent(rows, "", "  ")
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(a.stdout, "%s\n", b)
				return err
			case "text":
				rows := [][]string{strings.Split(a.msg("区分\t節\t名称\t終了", "CATEGORY\tSECTION\tNAME\tENDS"), "\t")}
				for _, c := range checklist.InterimCategories {
					rows = append(rows, []string{string(c), c.Section(), a.msg(c.LabelJA(), c.LabelEN()), a.msg(c.EndRuleJA(), c.EndRuleEN())})
				}
				return writeColumns(a.text(), rows)
			}
			return usagef("--format must be text or json, not %q", format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json / 出力形式")
	return cmd
}
