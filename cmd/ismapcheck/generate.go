package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/ismapcheck/ismapcheck/checklist"
	"github.com/ismapcheck/ismapcheck/checklist/xlsx"
	"github.com/spf13/cobra"
)

// generateOptions are the flags of "generate".
type generateOptions struct {
	out     string
	force   bool
	request string
	labels  string
	cat     catalogFlags

	// The next round of a case (--from): the previous workbook or
	// assessment, the catalogue file of its edition when that is not
	// embedded, and the crosswalk between the two editions.
	from, fromCatalog, crosswalk string
	in                           inputFlags // reading --from

	// Agency fields as typed; applied over the request file when set.
	agency, division, contact, system, csp, service string
	serviceModel, interimCategory, reference        string
	agencyType                                      string
	contractStart, contractEnd, due, date           string
}

const generateLong = `Write the basic statement requirements workbook (基本言明要件 確認票) that the
agency sends to the cloud service provider. The CSP fills in the cover and one
answer per requirement; "ismapcheck ingest" reads it back.

Agency fields come from flags or from --request FILE, a JSON object with the
field names agency, agency_type, division, contact, system, csp, service,
service_model, interim_category, contract_start, contract_end, due, reference
and date. agency_type (--agency-type) is the kind of the procuring
organisation: ministry (府省庁), independent-agency (独立行政法人) or
designated-corporation (指定法人); the report and "interim check --from" apply
the scope rule of the 2021-07-06 decision, section 3, with it.
A flag given on the command line wins over the same field in the file.
Dates may be ISO (2026-03-31) or 和暦 (令和8年3月31日, R8.3.31).

--from PREVIOUS starts the next round of a case from an earlier one (a
completed workbook or an assessment JSON): the agency's cover fields (except
the dates), the CSP's cover fields (except the answer date) and every answer
are filled in and painted green; the instructions ask the CSP to confirm or
update every row. Planned dates already past are painted dark yellow.
Answers to requirements whose wording changed between the two editions are
not carried: their ID cell is painted orange (see "catalog diff"; --crosswalk
maps renumbered requirements). The metadata records the previous round.
Flags and --request still override the carried agency fields.

The same inputs and --date always give a byte-identical file.

府省庁等がクラウドサービス事業者に送付する基本言明要件の確認票（.xlsx）を作成します。`

func newGenerateCmd(a *app) *cobra.Command {
	var o generateOptions
	cmd := &cobra.Command{
		Use:   "generate -o FILE",
		Short: "Write the workbook to send to a CSP / 事業者に送付する確認票を作成",
		Long:  generateLong,
		Example: `  ismapcheck generate -o checklist.xlsx --agency "○○省" --system "電子申請システム" \
      --csp "Example Cloud株式会社" --service "Example SaaS" --service-model SaaS \
      --due 2026-04-30 --reference "○○-2026-001"
  ismapcheck generate -o checklist.xlsx --request testdata/request.json --labels ja
  ismapcheck generate -o round2.xlsx --from round1.xlsx --due 2027-04-30`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runGenerate(cmd, &o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "output", "o", "", "workbook to write (.xlsx) / 出力ファイル")
	f.BoolVar(&o.force, "force", false, "overwrite an existing output file / 既存の出力先を上書き")
	f.StringVar(&o.request, "request", "", "JSON file with the agency fields / 府省庁等の記入事項（JSON）")
	f.StringVar(&o.labels, "labels", xlsx.LabelsBoth, "workbook language: ja, en or both / 確認票の表記言語")
	o.cat.register(cmd)
	o.in.register(cmd)
	f.StringVar(&o.from, "from", "", "previous round (workbook or assessment JSON) to carry answers from / 前回の確認票またはJSON（回答を引き継ぐ）")
	f.StringVar(&o.fromCatalog, "from-catalog", "", "catalogue file of the previous round's edition / 前回の版のカタログファイル")
	f.StringVar(&o.crosswalk, "crosswalk", "", "CSV file old_id,new_id when the editions differ / 番号対応表（CSV）")
	f.StringVar(&o.agency, "agency", "", "agency name / 府省庁等名")
	f.StringVar(&o.agencyType, "agency-type", "", "kind of procuring organisation: ministry, independent-agency or designated-corporation / 調達する機関の種別（府省庁・独立行政法人・指定法人）")
	f.StringVar(&o.division, "division", "", "agency division / 担当部署")
	f.StringVar(&o.contact, "contact", "", "agency contact / 担当者連絡先")
	f.StringVar(&o.system, "system", "", "information system / 情報システム名")
	f.StringVar(&o.csp, "csp", "", "cloud service provider / クラウドサービス事業者")
	f.StringVar(&o.service, "service", "", "cloud service / クラウドサービス名")
	f.StringVar(&o.serviceModel, "service-model", "", "IaaS, PaaS or SaaS / サービス形態")
	f.StringVar(&o.interimCategory, "interim-category", "", "interim-measure category: 1-i, 1-ii, 1-iii, 2 or none / 暫定措置の類型")
	f.StringVar(&o.contractStart, "contract-start", "", "contract start date / 契約開始日")
	f.StringVar(&o.contractEnd, "contract-end", "", "contract end date / 契約終了日")
	f.StringVar(&o.due, "due", "", "answer due date / 回答期限")
	f.StringVar(&o.reference, "reference", "", "agency reference number / 整理番号")
	f.StringVar(&o.date, "date", "", "generation date (default today) / 作成日（省略時は今日）")
	return cmd
}

// buildRequest merges the request file and the flags into one Request.
// base is the previous round's request under --from (zero otherwise); the
// request file and then the flags override its fields.
func (o *generateOptions) buildRequest(cmd *cobra.Command, today checklist.Date, base checklist.Request) (checklist.Request, error) {
	req := base
	if o.request != "" {
		r, err := loadRequest(o.request)
		if err != nil {
			return req, err
		}
		req = r
	}
	set := func(flag string) bool { return cmd.Flags().Changed(flag) }
	o.applyTextFlags(set, &req)
	if err := o.applyChoiceFlags(set, &req); err != nil {
		return req, err
	}
	if err := o.applyDateFlags(set, &req); err != nil {
		return req, err
	}
	if req.Date.IsZero() {
		req.Date = today
	}
	if !req.ContractStart.IsZero() && !req.ContractEnd.IsZero() && req.ContractEnd.Before(req.ContractStart) {
		return req, usagef("the contract ends (%s) before it starts (%s)", req.ContractEnd, req.ContractStart)
	}
	return req, nil
}

// applyTextFlags sets the free-text fields of req whose flag was given,
// trimmed.
func (o *generateOptions) applyTextFlags(set func(string) bool, req *checklist.Request) {
	strs := []struct {
		flag string
		val  string
		dst  *string
	}{
		{"agency", o.agency, &req.Agency},
		{"division", o.division, &req.Division},
		{"contact", o.contact, &req.Contact},
		{"system", o.system, &req.System},
		{"csp", o.csp, &req.CSP},
		{"service", o.service, &req.Service},
		{"reference", o.reference, &req.Reference},
	}
	for _, s := range strs {
		if set(s.flag) {
			*s.dst = strings.TrimSpace(s.val)
		}
	}
}

// applyChoiceFlags sets the fields of req that take one of a few values
// (service model, agency type, interim category) whose flag was given; a
// value not among them is a usage error.
func (o *generateOptions) applyChoiceFlags(set func(string) bool, req *checklist.Request) error {
	if set("service-model") {
		v, ok := requestServiceModel(o.serviceModel)
		if !ok {
			return usagef("--service-model must be IaaS, PaaS or SaaS, not %q", o.serviceModel)
		}
		req.ServiceModel = v
	}
	if set("agency-type") {
		k, err := checklist.ParseOrganizationKind(o.agencyType)
		if err != nil {
			return usagef("--agency-type must be ministry, independent-agency or designated-corporation, not %q", o.agencyType)
		}
		req.AgencyType = k
	}
	if set("interim-category") {
		v, ok := requestInterimCategory(o.interimCategory)
		if !ok {
			return usagef("--interim-category must be 1-i, 1-ii, 1-iii, 2 or none, not %q", o.interimCategory)
		}
		req.InterimCategory = v
	}
	return nil
}

// applyDateFlags sets the dates of req whose flag was given (see
// setDateFields).
func (o *generateOptions) applyDateFlags(set func(string) bool, req *checklist.Request) error {
	return setDateFields(set, []dateField{
		{"contract-start", o.contractStart, &req.ContractStart},
		{"contract-end", o.contractEnd, &req.ContractEnd},
		{"due", o.due, &req.Due},
		{"date", o.date, &req.Date},
	})
}

func (a *app) runGenerate(cmd *cobra.Command, o *generateOptions) error {
	if o.out == "" {
		return usageBoth("no output file given (-o FILE)", "出力先(-o)を指定してください")
	}
	if !xlsx.ValidLabels(o.labels) {
		return usagef("--labels must be ja, en or both, not %q", o.labels)
	}
	if o.from == "" && (o.fromCatalog != "" || o.crosswalk != "") {
		return usageBoth("--from-catalog and --crosswalk need --from", "--from-catalog と --crosswalk は --from と一緒に指定してください")
	}
	var prev *checklist.Assessment
	var prevCat *checklist.Catalog
	var base checklist.Request
	if o.from != "" {
		var err error
		if _, prevCat, prev, err = a.loadRound(o.from, "--from-catalog", o.fromCatalog, &o.in, a.today()); err != nil {
			return err
		}
		base = prev.Cover.Request
		base.Date, base.Due = checklist.Date{}, checklist.Date{}
	}
	req, err := o.buildRequest(cmd, a.today(), base)
	if err != nil {
		return err
	}
	cat, err := o.cat.load()
	if err != nil {
		return err
	}
	var plan *checklist.Prefill
	if prev != nil {
		ed, err := roundsEditionDiff(prevCat, cat, o.crosswalk)
		if err != nil {
			return err
		}
		p := checklist.PlanPrefill(prev, prevCat, cat, ed, req.Date)
		plan = &p
	}
	opt := xlsx.WriteOptions{Labels: o.labels, ToolVersion: toolVersion()}
	inputs := []string{o.request, o.cat.file, o.from, o.fromCatalog, o.crosswalk}
	if err := a.writeOutput(o.out, o.force, inputs, func(w io.Writer) error {
		if plan == nil {
			return xlsx.Write(w, cat, req, opt)
		}
		var blank bytes.Buffer
		if err := xlsx.Write(&blank, cat, req, opt); err != nil {
			return err
		}
		return xlsx.Prefill(&blank, w, *plan)
	}); err != nil {
		return err
	}
	a.printGenerateSummary(o, cat, req, plan)
	return nil
}

// printGenerateSummary says what was written: the edition, the sheets,
// the date and, under --from, what was carried from the previous round.
func (a *app) printGenerateSummary(o *generateOptions, cat *checklist.Catalog, req checklist.Request, plan *checklist.Prefill) {
	n := len(cat.Requirements())
	sha := cat.Edition.SHA256
	if len(sha) > 12 {
		sha = sha[:12]
	}
	sheets := strings.Join([]string{xlsx.SheetCover, xlsx.SheetInstructions, xlsx.SheetChecklist}, ", ")
	if a.ja() {
		fmt.Fprintf(a.summaryTo(o.out), "確認票を作成しました: %s\n  版: %s（要件 %d 件、SHA-256 %s…）\n  シート: %s\n  作成日: %s　表記: %s\n",
			o.out, cat.Edition.ID, n, sha, sheets, checklist.FormatJapanese(req.Date), o.labels)
	} else {
		fmt.Fprintf(a.summaryTo(o.out), "wrote %s\n  edition: %s (%d requirements, SHA-256 %s…)\n  sheets: %s\n  issued on: %s, labels: %s\n",
			o.out, cat.Edition.ID, n, sha, sheets, req.Date, o.labels)
	}
	if plan != nil {
		fmt.Fprintf(a.summaryTo(o.out), a.msg("  前回: %s（版 %s）\n  引き継いだ回答 %d、再回答が必要（要件の変更）%d、新しい要件 %d、なくなった要件 %d、過ぎた対応予定日 %d\n",
			"  previous round: %s (edition %s)\n  answers carried %d, to answer afresh (requirement changed) %d, new requirements %d, requirements dropped %d, planned dates past %d\n"),
			plan.Previous.Name, plan.PreviousEdition, len(plan.Answers), len(plan.Fresh), len(plan.New), len(plan.Dropped), len(plan.PastPlanned))
	}
}
