package checklist

import (
	"slices"
	"sort"
	"strings"
)

// RoundSummary is what a portfolio keeps of one assessment: the case it
// belongs to, the counts, the findings (ID and answer hash, for matching
// decisions), the status of every requirement and the dates that fall due.
// It is small, so a portfolio of many cases holds no workbook in memory.
type RoundSummary struct {
	Key        string    `json:"case_key"`
	File       string    `json:"file"`
	SHA256     string    `json:"sha256"`
	Edition    string    `json:"edition"`
	Request    Request   `json:"request"`
	AnswerDate Date      `json:"answer_date,omitzero"`
	Counts     Counts    `json:"counts"`
	Errors     int       `json:"errors"`
	Findings   []Finding `json:"-"`
	// IDs and Statuses: the requirements of the edition in catalogue
	// order and the status answered to each (IDs is shared by every round
	// of the same catalogue).
	IDs      []string        `json:"-"`
	Statuses []Status        `json:"-"`
	Planned  []PlannedItem   `json:"-"`
	Certs    []Certification `json:"-"`
	Interim  InterimFacts    `json:"-"`
	Cover    Cover           `json:"-"`
}

// PlannedItem is a requirement's planned date (対応予定日).
type PlannedItem struct {
	ID   string `json:"id"`
	Date Date   `json:"date"`
}

// SummarizeRound reduces an assessment of cat to a RoundSummary; the
// findings are those of Findings (ISMAP管理基準 2.2.4).
func SummarizeRound(cat *Catalog, as *Assessment, ids []string) RoundSummary {
	res := Findings(cat, as)
	r := RoundSummary{Key: CaseKey(as.Cover.Request), File: as.Source.Name, SHA256: as.Source.SHA256, Edition: cat.Edition.ID,
		Request: as.Cover.Request, AnswerDate: as.Cover.CSP.AnswerDate, Counts: res.Summary.Total, IDs: ids,
		Certs: as.Cover.CSP.Certifications, Interim: InterimFactsFromCover(as.Cover), Cover: Cover{Request: as.Cover.Request, CSP: as.Cover.CSP}}
	for _, m := range as.Messages {
		if m.Severity == SeverityError {
			r.Errors++
		}
	}
	// Keep only what matching decisions and the report need.
	for _, f := range res.Findings {
		r.Findings = append(r.Findings, Finding{ID: f.ID, Level: f.Level, Status: f.Status, Reasons: f.Reasons, AnswerHash: f.AnswerHash, TitleJA: f.TitleJA, TitleEN: f.TitleEN})
	}
	byID := make(map[string]Answer, len(as.Answers))
	for _, a := range as.Answers {
		byID[a.ID] = a
	}
	r.Statuses = make([]Status, len(ids))
	for i, id := range ids {
		a := byID[id]
		r.Statuses[i] = statusOf(a)
		if !a.PlannedDate.IsZero() {
			r.Planned = append(r.Planned, PlannedItem{id, a.PlannedDate})
		}
	}
	return r
}

// RiskSheetSummary is a risk sheet as a portfolio sees it: its file, the
// SHA-256 of the workbook it was generated from (Source, from its
// metadata) and its decisions.
type RiskSheetSummary struct {
	File      string
	Source    string
	Decisions []Decision
}

// sources returns the SHA-256 of the workbooks the sheet belongs to: the
// one it was generated from and those its decisions judged (a decision
// carried forward keeps the workbook of the round it was made on).
func (s RiskSheetSummary) sources() map[string]bool {
	out := map[string]bool{}
	if s.Source != "" {
		out[s.Source] = true
	}
	for _, d := range s.Decisions {
		if d.SourceSHA256 != "" {
			out[d.SourceSHA256] = true
		}
	}
	return out
}

// CaseRow is one row of a portfolio: a case as of its newest round.
type CaseRow struct {
	Key             string        `json:"case_key"`
	Reference       string        `json:"reference"`
	Agency          string        `json:"agency"`
	System          string        `json:"system"`
	CSP             string        `json:"csp"`
	Service         string        `json:"service"`
	Edition         string        `json:"edition"`
	File            string        `json:"file"`
	Rounds          int           `json:"rounds"`
	AnswerDate      Date          `json:"answer_date,omitzero"`
	Counts          Counts        `json:"counts"`
	Errors          int           `json:"errors"`
	Findings        int           `json:"findings"`
	RiskSheet       string        `json:"risk_sheet"`
	Decisions       map[State]int `json:"decisions"`
	NextReview      Date          `json:"next_review,omitzero"`
	PlannedDue      int           `json:"planned_due"`
	PlannedOverdue  int           `json:"planned_overdue"`
	CertExpiry      Date          `json:"cert_expiry,omitzero"`
	Certs           string        `json:"certs"`
	InterimCategory string        `json:"interim_category,omitempty"`
	InterimEnd      Date          `json:"interim_end,omitzero"`
	Statuses        []Status      `json:"-"`
	IDs             []string      `json:"-"`
}

// DueDecision is a decision whose review date (再評価期限) or treatment
// due date falls within the portfolio's window, or has passed.
type DueDecision struct {
	Case      string    `json:"case_key"`
	Reference string    `json:"reference"`
	System    string    `json:"system"`
	ID        string    `json:"id"`
	State     State     `json:"state"`
	Treatment Treatment `json:"treatment,omitempty"`
	Owner     string    `json:"owner,omitempty"`
	What      string    `json:"what"` // "review_by" or "due"
	Date      Date      `json:"date"`
	Overdue   bool      `json:"overdue"`
}

// Portfolio is one view over many cases.
type Portfolio struct {
	AsOf     Date          `json:"as_of"`
	Window   int           `json:"due_within_days"`
	Cases    []CaseRow     `json:"cases"`
	Due      []DueDecision `json:"due_decisions"`
	Unpaired []string      `json:"unpaired_risk_sheets"`
	Totals   Counts        `json:"totals"`
	NoRisk   int           `json:"cases_without_risk_sheet"`
	// Requirements are the matrix columns: the union of the cases'
	// requirement IDs, the first edition's order first.
	Requirements []string `json:"requirements"`
}

// newer reports whether round a is newer than b: a later answer date,
// then a later issue date, then the later file name (so the choice never
// depends on the order files were read).
func newer(a, b RoundSummary) bool {
	if c := a.AnswerDate.Compare(b.AnswerDate); c != 0 {
		return c > 0
	}
	if c := a.Request.Date.Compare(b.Request.Date); c != 0 {
		return c > 0
	}
	if a.File != b.File {
		return a.File > b.File
	}
	return a.SHA256 > b.SHA256
}

// BuildPortfolio groups rounds by case (CaseKey; a round without one is a
// case of its own), keeps each case's newest round, pairs each case with
// the risk sheet generated from, or whose decisions judged, one of its
// rounds (the newest such round wins; then the later file name), and computes as of asOf:
// decision states (ApplyDecisions; findings without a decision, or whose
// case has no risk sheet, are open), the next review date (the earliest
// review_by not before asOf), planned dates due within window days and
// those already past, the earliest certificate expiry, the interim
// category and the end of its period (EvaluateInterim, 2021-07-06
// decision), and every decision due within window days or overdue.
func BuildPortfolio(rounds []RoundSummary, sheets []RiskSheetSummary, asOf Date, window int) Portfolio {
	p := Portfolio{AsOf: asOf, Window: window, Cases: []CaseRow{}, Due: []DueDecision{}, Unpaired: []string{}}
	horizon := asOf.AddDate(0, 0, window)
	groups, keys := groupByCase(rounds)
	sheetOf := map[string][]int{} // workbook SHA-256 → sheets
	for i, s := range sheets {
		for sha := range s.sources() {
			sheetOf[sha] = append(sheetOf[sha], i)
		}
	}
	paired := make([]bool, len(sheets))
	seenID := map[string]bool{}
	for _, k := range keys {
		rs := groups[k]
		sort.Slice(rs, func(i, j int) bool { return newer(rs[i], rs[j]) })
		latest := rs[0]
		row := newCaseRow(k, rs)
		for _, id := range latest.IDs {
			if !seenID[id] {
				seenID[id] = true
				p.Requirements = append(p.Requirements, id)
			}
		}
		var decisions []Decision
		if sheet := pickRiskSheet(rs, sheets, sheetOf); sheet >= 0 {
			row.RiskSheet = sheets[sheet].File
			decisions = sheets[sheet].Decisions
			for _, r := range rs {
				for _, i := range sheetOf[r.SHA256] {
					paired[i] = true
				}
			}
		} else {
			p.NoRisk++
		}
		p.Due = append(p.Due, reviewCase(&row, latest, decisions, asOf, horizon)...)
		caseDates(&row, latest, asOf, horizon)
		addCounts(&p.Totals, row.Counts)
		p.Cases = append(p.Cases, row)
	}
	for i, s := range sheets {
		if !paired[i] {
			p.Unpaired = append(p.Unpaired, s.File)
		}
	}
	sort.Strings(p.Unpaired)
	slices.SortStableFunc(p.Due, func(a, b DueDecision) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		if a.Case != b.Case {
			return strings.Compare(a.Case, b.Case)
		}
		return strings.Compare(a.ID, b.ID)
	})
	p.Totals.finish()
	return p
}

// groupByCase groups rounds by case key (a round without one is a case of
// its own, keyed by file and hash) and returns the keys sorted.
func groupByCase(rounds []RoundSummary) (map[string][]RoundSummary, []string) {
	groups := map[string][]RoundSummary{}
	var keys []string
	for _, r := range rounds {
		k := r.Key
		if k == "" {
			k = "file:" + r.File + ":" + r.SHA256
		}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	sort.Strings(keys)
	return groups, keys
}

// newCaseRow is the row of case k from its rounds rs, newest first: the
// newest round's cover and counts, and the number of distinct rounds.
func newCaseRow(k string, rs []RoundSummary) CaseRow {
	// The same workbook read twice (a workbook and its JSON) is one round.
	uniq := map[string]bool{}
	for _, r := range rs {
		uniq[r.SHA256] = true
	}
	latest := rs[0]
	return CaseRow{Key: k, Reference: latest.Request.Reference, Agency: latest.Request.Agency, System: latest.Request.System,
		CSP: latest.Request.CSP, Service: latest.Request.Service, Edition: latest.Edition, File: latest.File, Rounds: len(uniq),
		AnswerDate: latest.AnswerDate, Counts: latest.Counts, Errors: latest.Errors, Findings: len(latest.Findings),
		Decisions: map[State]int{}, Statuses: latest.Statuses, IDs: latest.IDs, InterimCategory: latest.Request.InterimCategory}
}

// pickRiskSheet returns the index of the risk sheet of a case whose rounds
// rs come newest first: the one that judged the newest round it can (then
// the later file name), or -1 for none.
func pickRiskSheet(rs []RoundSummary, sheets []RiskSheetSummary, sheetOf map[string][]int) int {
	sheet := -1
	for _, r := range rs {
		for _, i := range sheetOf[r.SHA256] {
			if sheet < 0 || sheets[i].File > sheets[sheet].File {
				sheet = i
			}
		}
		if sheet >= 0 {
			break
		}
	}
	return sheet
}

// reviewCase sets the row's decision states (NewReview: a finding without a
// decision is open) and its next review date (the earliest review_by not
// before asOf), and returns the decisions whose review or due date falls
// before horizon (orphaned and duplicate decisions aside).
func reviewCase(row *CaseRow, latest RoundSummary, decisions []Decision, asOf, horizon Date) []DueDecision {
	rv := NewReview(Result{Findings: latest.Findings}, decisions, nil, asOf)
	row.Decisions = rv.Counts
	var due []DueDecision
	for _, s := range rv.Decisions {
		d := s.Decision
		if d == nil {
			continue
		}
		if !d.ReviewBy.IsZero() && !d.ReviewBy.Before(asOf) && (row.NextReview.IsZero() || d.ReviewBy.Before(row.NextReview)) {
			row.NextReview = d.ReviewBy
		}
		if s.State == StateOrphaned || s.State == StateDuplicate {
			continue
		}
		for _, when := range []struct {
			what string
			date Date
		}{{"review_by", d.ReviewBy}, {"due", d.Due}} {
			if when.date.IsZero() || when.date.After(horizon) {
				continue
			}
			due = append(due, DueDecision{Case: row.Key, Reference: row.Reference, System: row.System, ID: s.ID, State: s.State,
				Treatment: d.Treatment, Owner: d.Owner, What: when.what, Date: when.date, Overdue: when.date.Before(asOf)})
		}
	}
	return due
}

// caseDates sets the row's planned dates due and overdue, its earliest
// certificate expiry, and the end of its interim period (EvaluateInterim,
// 2021-07-06 decision), from the newest round.
func caseDates(row *CaseRow, latest RoundSummary, asOf, horizon Date) {
	for _, pl := range latest.Planned {
		switch {
		case pl.Date.Before(asOf):
			row.PlannedOverdue++
		case !pl.Date.After(horizon):
			row.PlannedDue++
		}
	}
	var certs []string
	for _, c := range latest.Certs {
		if c.Expiry.IsZero() {
			continue
		}
		certs = append(certs, c.Name+" "+c.Expiry.String())
		if row.CertExpiry.IsZero() || c.Expiry.Before(row.CertExpiry) {
			row.CertExpiry = c.Expiry
		}
	}
	row.Certs = strings.Join(certs, "; ")
	if cat, err := ParseInterimCategory(latest.Request.InterimCategory); err == nil && cat != "" {
		row.InterimEnd = EvaluateInterim(cat, latest.Interim, asOf).End
	}
}

func addCounts(t *Counts, c Counts) {
	t.Items += c.Items
	t.Conforms += c.Conforms
	t.Partial += c.Partial
	t.Nonconforming += c.Nonconforming
	t.NotApplicable += c.NotApplicable
	t.Unanswered += c.Unanswered
	t.Unknown += c.Unknown
	t.Exempt += c.Exempt
	t.NeedsRiskAssessment += c.NeedsRiskAssessment
	t.RejectedExclusions += c.RejectedExclusions
}

// StatusOf returns the status a case answered to requirement id, and
// false when the case's edition has no such requirement.
func (c CaseRow) StatusOf(id string) (Status, bool) {
	for i, x := range c.IDs {
		if x == id {
			return c.Statuses[i], true
		}
	}
	return "", false
}
